//! The Schedule part of the campaign editor: start (immediately or a time), end, frequency,
//! local time, time zone, quiet time and the event filter, with the sentence saying what it
//! means.

use egui::RichText;

use crate::drafts::FieldErrors;
use crate::drafts::campaign::{FILTER_TYPES, FREQUENCIES, ScheduleDraft};
use crate::pinpoint::rules::SCHEDULE_TIMEZONES;
use crate::ui::theme;
use crate::ui::widgets::{
    choice_row, field_error, field_note, form_row, text_area_row, under_field,
};

/// A start time as the clock of this computer reads it, when its time zone is not the one the
/// time is written in (UTC, usually): "09:00 on Saturday 2 May here (UTC+02:00)".
fn on_this_computer(start: &str) -> Option<String> {
    let at = chrono::DateTime::parse_from_rfc3339(start.trim()).ok()?;
    let here = at.with_timezone(&chrono::Local);
    (here.offset().local_minus_utc() != at.offset().local_minus_utc())
        .then(|| here.format("%H:%M on %A %-d %B here (UTC%:z)").to_string())
}

/// Draws a schedule whose error keys start with `prefix`.
pub fn show(ui: &mut egui::Ui, prefix: &str, s: &mut ScheduleDraft, errors: &FieldErrors) {
    let err = |f: &str| errors.get(&format!("{prefix}{f}"));
    ui.push_id(prefix, |ui| {
        ui.label(RichText::new(s.sentence()).strong().color(theme::ACCENT));
        ui.add_space(4.0);
        choice_row(ui, "Frequency", &mut s.frequency, &FREQUENCIES, None, err("frequency"));
        ui.horizontal(|ui| {
            crate::ui::widgets::field_label(ui, "Start");
            ui.radio_value(&mut s.immediate, true, "Immediately");
            ui.radio_value(&mut s.immediate, false, "At a time");
        });
        if s.immediate {
            field_error(ui, err("start"));
        } else {
            form_row(ui, "Start time", &mut s.start_time, "2026-12-07T09:00:00Z", err("start"));
            if let Some(local) = on_this_computer(&s.start_time) {
                field_note(ui, &local);
            }
        }
        form_row(ui, "End time", &mut s.end_time, "optional, ISO-8601", err("end"));
        under_field(ui, |ui| ui.checkbox(&mut s.local_time, "Send in each recipient's local time"));
        choice_row(
            ui,
            "Time zone",
            &mut s.timezone,
            &SCHEDULE_TIMEZONES,
            Some("(UTC)"),
            err("timezone"),
        );
        form_row(ui, "Quiet time start", &mut s.quiet_start, "22:00", err("quiet_start"));
        form_row(ui, "Quiet time end", &mut s.quiet_end, "07:00", err("quiet_end"));
        if matches!(s.frequency.as_str(), "EVENT" | "IN_APP_EVENT") {
            form_row(
                ui,
                "Event types",
                &mut s.event_types,
                "_session.start, purchase",
                err("event_types"),
            );
            under_field(ui, |ui| ui.checkbox(&mut s.event_exclusive, "Every event except these"));
            choice_row(
                ui,
                "Event filter type",
                &mut s.filter_type,
                &FILTER_TYPES,
                None,
                err("filter_type"),
            );
            text_area_row(ui, "Event attributes", &mut s.event_attributes, 2, err("event_attributes"));
            field_note(ui, "One per line: store = app; web (is one of), plan != free (is not), page ~ sale (contains)");
            text_area_row(ui, "Event metrics", &mut s.event_metrics, 2, err("event_metrics"));
            field_note(ui, "One per line: total >= 100 (also >, <, <=, =)");
        }
    });
}
