//! How endpoints enter a journey: a segment or an event, with the pickers the side panel reuses.

use super::under;
use crate::drafts::FieldErrors;
use crate::drafts::journey::{Entry, EventDraft, JourneyDraft};
use crate::ui::journeys::Context;
use crate::ui::widgets::{choice_row, field_note, form_row, text_area_row, under_field};

/// The event dimensions' fields, `what` naming them for screen readers.
pub fn event_fields(
    ui: &mut egui::Ui,
    e: &mut EventDraft,
    what: &str,
    errors: &FieldErrors,
    prefix: &str,
) {
    form_row(
        ui,
        &format!("{what} event types"),
        &mut e.types,
        "purchase, signup",
        under(errors, &format!("{prefix}.EventType")),
    );
    under_field(ui, |ui| ui.checkbox(&mut e.exclusive, "Every event type except these"));
    text_area_row(
        ui,
        &format!("{what} event attributes"),
        &mut e.attributes,
        2,
        under(errors, &format!("{prefix}.Attributes")),
    );
    field_note(ui, "One per line: name = a; b (or != for none of, ~ for contains)");
    text_area_row(
        ui,
        &format!("{what} event metrics"),
        &mut e.metrics,
        2,
        under(errors, &format!("{prefix}.Metrics")),
    );
    field_note(ui, "One per line: name >= 5 (or >, <, <=, =)");
}

/// A segment picker over the project's segments (free entry kept for ids not listed).
pub fn segment_pick(
    ui: &mut egui::Ui,
    label: &str,
    id: &mut String,
    cx: &Context<'_>,
    error: Option<&str>,
) {
    ui.horizontal(|ui| {
        let label_response = crate::ui::widgets::field_label(ui, label);
        let shown = cx.segments.iter().find(|s| &s.id == id).map_or_else(
            || if id.is_empty() { "(choose a segment)".to_owned() } else { id.clone() },
            |s| s.name.clone(),
        );
        egui::ComboBox::from_id_salt(("segment_pick", label))
            .selected_text(shown)
            .show_ui(ui, |ui| {
                for s in cx.segments {
                    let text = match s.size {
                        Some(n) => format!("{} ({n})", s.name),
                        None => s.name.clone(),
                    };
                    ui.selectable_value(id, s.id.clone(), text);
                }
            })
            .response
            .labelled_by(label_response.id);
    });
    crate::ui::widgets::field_error(ui, error);
}

/// How endpoints enter: a segment or an event.
pub fn entry(ui: &mut egui::Ui, d: &mut JourneyDraft, errors: &FieldErrors, cx: &Context<'_>) {
    let mut kind = match d.entry {
        Entry::None => "",
        Entry::Segment(_) => "Segment",
        Entry::Event { .. } => "Event",
    }
    .to_owned();
    if choice_row(
        ui,
        "Endpoints enter by",
        &mut kind,
        &["Segment", "Event"],
        Some("(not chosen)"),
        None,
    ) {
        d.entry = match kind.as_str() {
            "Segment" => {
                Entry::Segment(cx.segments.first().map(|s| s.id.clone()).unwrap_or_default())
            }
            "Event" => Entry::Event {
                event: EventDraft::default(),
                filter_type: "ENDPOINT".into(),
                segment: String::new(),
            },
            _ => Entry::None,
        };
    }
    match &mut d.entry {
        Entry::None => {
            field_note(ui, "Publishing needs an entry: a segment, or an event endpoints send.");
        }
        Entry::Segment(id) => {
            segment_pick(
                ui,
                "Entry segment",
                id,
                cx,
                under(errors, "StartCondition.SegmentStartCondition"),
            );
        }
        Entry::Event { event, filter_type, segment } => {
            event_fields(
                ui,
                event,
                "Entry",
                errors,
                "StartCondition.EventStartCondition.EventFilter.Dimensions",
            );
            choice_row(
                ui,
                "Filter type",
                filter_type,
                &["ENDPOINT", "SYSTEM"],
                Some("(unset)"),
                None,
            );
            let mut limited = !segment.is_empty();
            under_field(ui, |ui| ui.checkbox(&mut limited, "Only endpoints of a segment"));
            if !limited {
                segment.clear();
            } else if segment.is_empty() {
                segment.push_str(cx.segments.first().map_or("", |s| s.id.as_str()));
            }
            if limited {
                segment_pick(
                    ui,
                    "Entry event segment",
                    segment,
                    cx,
                    under(errors, "StartCondition.EventStartCondition.SegmentId"),
                );
            }
        }
    }
    form_row(ui, "Entry description", &mut d.entry_description, "", None);
}
