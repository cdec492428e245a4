//! The tag editor shared by projects, campaigns, segments and templates: key/value rows
//! checked inline with AWS's rules, and one Save that sends only the difference
//! (TagResource / UntagResource).

use egui::RichText;

use super::action::{Action, TagTarget};
use super::theme;
use super::widgets::{busy_button, error_label, pairs_editor};
use crate::api::ApiError;
use crate::drafts::tags::TagsDraft;

/// Draws the tags of `draft` (asking for them once the ARN is known) with Add, per-row
/// Remove and Save. `error` is the service's answer to the last save.
pub fn show(
    ui: &mut egui::Ui,
    target: TagTarget,
    draft: &mut TagsDraft,
    error: Option<&ApiError>,
    busy: bool,
) -> Option<Action> {
    if draft.arn.is_empty() {
        ui.label(RichText::new("Tags can be edited once it is saved.").color(theme::MUTED));
        return None;
    }
    if draft.stored.is_none() {
        if !draft.requested {
            draft.requested = true;
            return Some(Action::Tags { target, arn: draft.arn.clone(), changes: None });
        }
        if let Some(error) = error {
            error_label(ui, &format!("The tags could not be read. {}", error.plain()));
            if ui.button("Retry").clicked() {
                draft.requested = false;
            }
        } else {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Loading tags…");
            });
        }
        return None;
    }
    let errors = draft.validate();
    pairs_editor(ui, "tag", &mut draft.rows, ["key", "value"], ("tags", &errors));
    if let Some(message) = errors.get("tags") {
        error_label(ui, message);
    }
    let changes = draft.changes();
    let mut action = None;
    ui.horizontal(|ui| {
        let label = if changes.is_empty() { "Tags saved" } else { "Save tags" };
        ui.add_enabled_ui(errors.is_empty() && !changes.is_empty(), |ui| {
            if busy_button(ui, label, busy) {
                action = Some(Action::Tags {
                    target,
                    arn: draft.arn.clone(),
                    changes: Some(changes.clone()),
                });
            }
        });
        if !changes.is_empty() {
            let n = changes.set.len() + changes.remove.len();
            ui.label(RichText::new(format!("{n} change(s) not saved")).color(theme::WARN));
        }
    });
    if let Some(error) = error {
        error_label(ui, &format!("The tags were not saved. {}", error.plain()));
    }
    action
}
