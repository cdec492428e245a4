//! The Treatments part of the campaign editor: up to five additional treatments for A/B
//! tests, each with name, description, share of the segment, its own messages and optionally
//! its own schedule; a treatment's message picks its template with the control's picker.

use egui::RichText;

use aws_sdk_pinpoint::types::EndpointResponse;
use serde_json::Value;

use super::{Editor, limits, message_template, messages, schedule};
use crate::drafts::FieldErrors;
use crate::drafts::campaign::TreatmentDraft;
use crate::pinpoint::rules::MAX_ADDITIONAL_TREATMENTS;
use crate::ui::action::Action;
use crate::ui::template_picker::TemplateLibrary;
use crate::ui::theme;
use crate::ui::widgets::{error_label, form_row, text_area_row};

/// What was asked of a treatment's row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowChoice {
    Remove,
    Duplicate,
}

/// Draws the treatments.
pub fn show(
    ui: &mut egui::Ui,
    editor: &mut Editor,
    errors: &FieldErrors,
    library: &TemplateLibrary,
) -> Vec<Action> {
    let count = editor.draft.treatments.len();
    ui.label(
        RichText::new(format!(
            "The control treatment uses the Messages tab. Add up to {MAX_ADDITIONAL_TREATMENTS} more \
             treatments; each takes a share of the segment (the control gets what is left after \
             the holdout)."
        ))
        .color(theme::MUTED),
    );
    ui.horizontal(|ui| {
        let can_add = count < MAX_ADDITIONAL_TREATMENTS;
        if ui.add_enabled(can_add, egui::Button::new("+ Add treatment")).clicked() {
            editor.draft.treatments.push(TreatmentDraft {
                name: format!("Treatment {}", count + 1),
                ..TreatmentDraft::default()
            });
        }
        if !can_add {
            ui.label(
                RichText::new("A campaign takes at most 5 additional treatments.")
                    .color(theme::WARN),
            );
        }
    });
    if let Some(message) = errors.get("treatments") {
        error_label(ui, message);
    }
    let mut choice = None;
    let mut actions = Vec::new();
    let request = crate::drafts::json::campaign::write_campaign_request(&editor.draft.build().0);
    for (i, t) in editor.draft.treatments.iter_mut().enumerate() {
        let message = request
            .pointer(&format!("/AdditionalTreatments/{i}/MessageConfiguration"))
            .cloned()
            .unwrap_or_default();
        let preview = editor.preview.as_deref();
        let context = (&message, preview, library);
        if let Some(c) = treatment(ui, (i, t), &mut editor.channel, context, errors, &mut actions) {
            choice = Some((c, i));
        }
    }
    let treatments = &mut editor.draft.treatments;
    match choice {
        Some((RowChoice::Remove, i)) => {
            treatments.remove(i);
        }
        Some((RowChoice::Duplicate, i)) if treatments.len() < MAX_ADDITIONAL_TREATMENTS => {
            let mut copy = treatments[i].clone();
            copy.name = format!("{} (copy)", copy.name);
            treatments.insert(i + 1, copy);
        }
        _ => {}
    }
    actions
}

/// One treatment, folded under its title (opened when it holds an error, so the message is
/// seen next to its field).
fn treatment(
    ui: &mut egui::Ui,
    (i, t): (usize, &mut TreatmentDraft),
    channel: &mut String,
    (message, preview, library): (&Value, Option<&EndpointResponse>, &TemplateLibrary),
    errors: &FieldErrors,
    actions: &mut Vec<Action>,
) -> Option<RowChoice> {
    let key = format!("t{i}.");
    let has_error = errors.any_under(&key);
    let title = format!(
        "Treatment {}: {} · {}%",
        i + 1,
        if t.name.is_empty() { "(unnamed)" } else { &t.name },
        if t.size.is_empty() { "?" } else { &t.size }
    );
    let header = RichText::new(title).color(if has_error {
        theme::ERROR
    } else {
        ui.visuals().text_color()
    });
    let mut choice = None;
    egui::CollapsingHeader::new(header)
        .id_salt(("treatment", i))
        .default_open(true)
        .open(has_error.then_some(true))
        .show(ui, |ui| {
            ui.push_id(("treatment_form", i), |ui| {
                choice = fields(ui, i, t, errors);
                egui::CollapsingHeader::new(format!("Messages of treatment {}", i + 1))
                    .id_salt(("treatment_messages", i))
                    .open(errors.any_under(&format!("{key}messages.")).then_some(true))
                    .show(ui, |ui| {
                        let templates = &mut t.delivery.templates;
                        let mut under_tabs = |ui: &mut egui::Ui, member: &str| {
                            let context = (message, preview);
                            message_template::show(ui, member, templates, context, library)
                        };
                        actions.extend(messages::show(
                            ui,
                            &format!("{key}messages."),
                            &mut t.messages,
                            channel,
                            errors,
                            messages::Preview {
                                endpoint_id: None,
                                loaded: preview,
                                error: None,
                                busy: false,
                            },
                            &mut under_tabs,
                        ));
                    });
                egui::CollapsingHeader::new(format!(
                    "Templates and custom delivery of treatment {}",
                    i + 1
                ))
                .id_salt(("treatment_delivery", i))
                .open(errors.any_under(&format!("{key}custom_")).then_some(true))
                .show(ui, |ui| limits::delivery(ui, &key, &mut t.delivery, errors));
                ui.checkbox(
                    &mut t.own_schedule,
                    format!("Treatment {} has its own schedule", i + 1),
                );
                if t.own_schedule {
                    schedule::show(ui, &format!("{key}schedule."), &mut t.schedule, errors);
                }
            });
        });
    choice
}

/// Name, share, description, and remove / duplicate.
fn fields(
    ui: &mut egui::Ui,
    i: usize,
    t: &mut TreatmentDraft,
    errors: &FieldErrors,
) -> Option<RowChoice> {
    let key = format!("t{i}.");
    let n = i + 1;
    form_row(
        ui,
        &format!("Treatment {n} name"),
        &mut t.name,
        "",
        errors.get(&format!("{key}name")),
    );
    let size_error = errors.get(&format!("{key}size"));
    form_row(ui, &format!("Treatment {n} size %"), &mut t.size, "25", size_error);
    text_area_row(ui, &format!("Treatment {n} description"), &mut t.description, 1, None);
    let mut choice = None;
    ui.horizontal(|ui| {
        if ui.button(format!("Remove treatment {n}")).clicked() {
            choice = Some(RowChoice::Remove);
        }
        if ui.button(format!("Duplicate treatment {n}")).clicked() {
            choice = Some(RowChoice::Duplicate);
        }
    });
    choice
}
