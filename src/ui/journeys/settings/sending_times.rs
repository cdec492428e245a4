//! When a journey may send: quiet time, open hours and closed days.

use super::flag;
use crate::drafts::FieldErrors;
use crate::drafts::journey::{CHANNELS, ClosedDayRow, DAYS, JourneyDraft, OpenHoursRow};
use crate::ui::widgets::{error_label, form_row, name_for_a11y, section, under_field};

pub(super) fn sending_times(ui: &mut egui::Ui, d: &mut JourneyDraft, errors: &FieldErrors) {
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
