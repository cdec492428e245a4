//! The journey's settings: name, entry (a segment or an event), schedule and time zone, limits
//! and re-entry, quiet time, open hours and closed days, local time, refresh, time zone
//! estimation and the contact center's settings, each checked inline as typed. The entry form
//! is also the canvas's side panel for the entry node.

use egui::RichText;

use super::Context;
use super::state::Editor;
use crate::drafts::FieldErrors;
use crate::drafts::journey::{
    CHANNELS, ClosedDayRow, DAYS, Entry, EventDraft, JourneyDraft, OpenHoursRow, TIMEZONE_METHODS,
};
use crate::ui::theme;
use crate::ui::widgets::{
    choice_row, error_label, field_note, form_row, name_for_a11y, section, text_area_row,
    under_field,
};

/// Error keys that belong to this tab (the rest are the activities').
const MEMBERS: [&str; 10] = [
    "Name",
    "StartCondition",
    "Schedule",
    "Limits",
    "QuietTime",
    "RefreshFrequency",
    "OpenHours",
    "ClosedDays",
    "StartActivity",
    "service",
];

/// True when a problem belongs to the settings.
#[must_use]
pub fn has_problems(problems: &FieldErrors) -> bool {
    problems.iter().any(|(k, _)| MEMBERS.iter().any(|m| k.starts_with(m)) && k != "StartActivity")
}

/// A yes/no member left unset until changed.
fn flag(ui: &mut egui::Ui, value: &mut Option<bool>, label: &str) {
    let mut on = value.unwrap_or(false);
    if ui.checkbox(&mut on, label).changed() {
        *value = Some(on);
    }
}

/// The first problem under `prefix`.
pub(super) fn under<'a>(errors: &'a FieldErrors, prefix: &str) -> Option<&'a str> {
    errors.iter().find(|(k, _)| k.starts_with(prefix)).map(|(_, m)| m)
}

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

fn schedule_and_limits(ui: &mut egui::Ui, d: &mut JourneyDraft, errors: &FieldErrors) {
    section(ui, "Schedule");
    form_row(
        ui,
        "Start time",
        &mut d.start_time,
        "2026-12-01T09:00:00Z (empty: when published)",
        errors.get("Schedule.StartTime"),
    );
    form_row(ui, "End time", &mut d.end_time, "empty: no end", errors.get("Schedule.EndTime"));
    form_row(ui, "Time zone", &mut d.timezone, "UTC+01 (with local time)", None);
    under_field(ui, |ui| {
        flag(ui, &mut d.local_time, "Local time: read times in each endpoint's zone");
    });
    form_row(
        ui,
        "Refresh every",
        &mut d.refresh_frequency,
        "PT12H, P1D (segment entry)",
        errors.get("RefreshFrequency"),
    );
    under_field(ui, |ui| {
        flag(ui, &mut d.refresh_on_segment_update, "Let new endpoints in when the segment changes");
    });
    section(ui, "Limits and re-entry");
    let l = &mut d.limits;
    form_row(
        ui,
        "Daily cap",
        &mut l.daily_cap,
        "messages per endpoint a day (0-100)",
        errors.get("Limits.DailyCap"),
    );
    form_row(
        ui,
        "Total cap",
        &mut l.total_cap,
        "messages per endpoint in all (0-100)",
        errors.get("Limits.TotalCap"),
    );
    form_row(
        ui,
        "Timeframe cap",
        &mut l.timeframe_cap,
        "messages per endpoint in …",
        errors.get("Limits.TimeframeCap.Cap"),
    );
    form_row(
        ui,
        "Timeframe days",
        &mut l.timeframe_days,
        "… this many days (0-30)",
        errors.get("Limits.TimeframeCap.Days"),
    );
    form_row(
        ui,
        "Messages per second",
        &mut l.messages_per_second,
        "1-20000",
        errors.get("Limits.MessagesPerSecond"),
    );
    form_row(
        ui,
        "Re-entry cap",
        &mut l.reentry_cap,
        "times an endpoint may enter (0-100)",
        errors.get("Limits.EndpointReentryCap"),
    );
    form_row(
        ui,
        "Re-entry interval",
        &mut l.reentry_interval,
        "PT24H: wait before entering again",
        errors.get("Limits.EndpointReentryInterval"),
    );
}

fn sending_times(ui: &mut egui::Ui, d: &mut JourneyDraft, errors: &FieldErrors) {
    section(ui, "Quiet time");
    form_row(ui, "Quiet from", &mut d.quiet_start, "21:00", errors.get("QuietTime.Start"));
    form_row(ui, "Quiet until", &mut d.quiet_end, "08:00", errors.get("QuietTime.End"));
    under_field(ui, |ui| {
        flag(
            ui,
            &mut d.wait_for_quiet_time,
            "Hold messages until quiet time ends (else skip them)",
        );
    });
    section(ui, "Open hours and closed days");
    under_field(ui, |ui| {
        flag(
            ui,
            &mut d.sending_schedule,
            "Sending schedule: send only in open hours, never on closed days",
        );
    });
    for member in ["OpenHours", "ClosedDays"] {
        if let Some(m) = errors.get(member) {
            under_field(ui, |ui| error_label(ui, m));
        }
    }
    let mut remove = None;
    for (i, r) in d.open_hours.iter_mut().enumerate() {
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("Open {}", i + 1));
            combo(ui, ("oh_channel", i), &mut r.channel, &CHANNELS);
            combo(ui, ("oh_day", i), &mut r.day, &DAYS);
            let s = ui.add(
                egui::TextEdit::singleline(&mut r.start).hint_text("09:00").desired_width(56.0),
            );
            name_for_a11y(ui, &s, &format!("Open {} from", i + 1));
            let e = ui
                .add(egui::TextEdit::singleline(&mut r.end).hint_text("17:00").desired_width(56.0));
            name_for_a11y(ui, &e, &format!("Open {} until", i + 1));
            if ui.small_button("Remove").clicked() {
                remove = Some(i);
            }
        });
        if let Some(m) = errors.get(&format!("OpenHours[{i}]")) {
            error_label(ui, m);
        }
    }
    if let Some(i) = remove {
        d.open_hours.remove(i);
    }
    if ui.button("+ Open hours").clicked() {
        d.open_hours.push(OpenHoursRow {
            channel: "EMAIL".into(),
            day: "MONDAY".into(),
            start: "09:00".into(),
            end: "17:00".into(),
        });
    }
    let mut remove = None;
    for (i, r) in d.closed_days.iter_mut().enumerate() {
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("Closed {}", i + 1));
            combo(ui, ("cd_channel", i), &mut r.channel, &CHANNELS);
            for (value, hint, what) in [
                (&mut r.name, "Holiday", "name"),
                (&mut r.start, "2026-12-25T00:00:00Z", "from"),
                (&mut r.end, "2026-12-26T00:00:00Z", "until"),
            ] {
                let f = ui.add(
                    egui::TextEdit::singleline(value)
                        .hint_text(hint)
                        .desired_width(if what == "name" { 90.0 } else { 170.0 }),
                );
                name_for_a11y(ui, &f, &format!("Closed {} {what}", i + 1));
            }
            if ui.small_button("Remove").clicked() {
                remove = Some(i);
            }
        });
        if let Some(m) = errors.get(&format!("ClosedDays[{i}]")) {
            error_label(ui, m);
        }
    }
    if let Some(i) = remove {
        d.closed_days.remove(i);
    }
    if ui.button("+ Closed day").clicked() {
        d.closed_days.push(ClosedDayRow { channel: "EMAIL".into(), ..ClosedDayRow::default() });
    }
}

fn combo(ui: &mut egui::Ui, id: (&str, usize), value: &mut String, options: &[&str]) {
    egui::ComboBox::from_id_salt(id).selected_text(value.clone()).width(96.0).show_ui(ui, |ui| {
        for o in options {
            ui.selectable_value(value, (*o).to_owned(), *o);
        }
    });
}

fn other(ui: &mut egui::Ui, d: &mut JourneyDraft) {
    section(ui, "Time zones and contact center");
    ui.horizontal_wrapped(|ui| {
        ui.label("Estimate a missing time zone from");
        for m in TIMEZONE_METHODS {
            let mut on = d.timezone_estimation.iter().any(|x| x == m);
            if ui.checkbox(&mut on, m).changed() {
                d.timezone_estimation.retain(|x| x != m);
                if on {
                    d.timezone_estimation.push(m.to_owned());
                }
            }
        }
    });
    form_row(
        ui,
        "Connect campaign ARN",
        &mut d.connect_campaign_arn,
        "for contact center activities",
        None,
    );
    form_row(ui, "Connect role ARN", &mut d.connect_role_arn, "", None);
}

/// Draws the tab; typing is recorded in the history, one step per field.
pub(super) fn show(ui: &mut egui::Ui, editor: &mut Editor, cx: &Context<'_>, errors: &FieldErrors) {
    let before = editor.draft.clone();
    let fixed = editor.graph_fixed();
    ui.add_enabled_ui(!editor.finished(), |ui| {
        form_row(ui, "Journey name", &mut editor.draft.name, "", errors.get("Name"));
        if let Some(m) = errors.get("service") {
            under_field(ui, |ui| error_label(ui, m));
        }
        section(ui, "Entry");
        ui.add_enabled_ui(!fixed, |ui| entry(ui, &mut editor.draft, errors, cx));
        if fixed {
            ui.label(
                RichText::new("A published journey keeps its entry.").small().color(theme::MUTED),
            );
        }
        schedule_and_limits(ui, &mut editor.draft, errors);
        sending_times(ui, &mut editor.draft, errors);
        other(ui, &mut editor.draft);
    });
    record(ui, editor, before, "settings");
}

/// Records an edit in the history: one step per focused field, one per click elsewhere.
pub fn record(ui: &egui::Ui, editor: &mut Editor, before: JourneyDraft, place: &str) {
    if before == editor.draft {
        return;
    }
    let about = ui.ctx().memory(egui::Memory::focused).map_or_else(
        || format!("{place}-click-{}", ui.input(|i| i.time)),
        |id| format!("{place}-{id:?}"),
    );
    editor.history.record(before, &editor.draft, &about);
}
