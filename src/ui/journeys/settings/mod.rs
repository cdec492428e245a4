//! The journey's settings: name, entry (a segment or an event), schedule and time zone, limits
//! and re-entry, quiet time, open hours and closed days, local time, refresh, time zone
//! estimation and the contact center's settings, each checked inline as typed. The entry form
//! is also the canvas's side panel for the entry node. This file holds the tab and the time zone
//! and contact center section; the other sections have a file each.

mod entry;
mod schedule;
mod sending_times;

use egui::RichText;

pub use entry::{entry, event_fields, segment_pick};
use schedule::schedule_and_limits;
use sending_times::sending_times;

use super::Context;
use super::state::Editor;
use crate::drafts::FieldErrors;
use crate::drafts::journey::{JourneyDraft, TIMEZONE_METHODS};
use crate::ui::theme;
use crate::ui::widgets::{error_label, form_row, section, under_field};

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
