//! The Treatments part of the campaign editor: up to five additional treatments for A/B
//! tests, each with name, description, share of the segment, its own messages and optionally
//! its own schedule.

use egui::RichText;

use super::{Editor, limits, messages, schedule};
use crate::drafts::FieldErrors;
use crate::drafts::campaign::TreatmentDraft;
use crate::pinpoint::rules::MAX_ADDITIONAL_TREATMENTS;
use crate::ui::theme;
use crate::ui::widgets::{error_label, form_row, text_area_row};

/// What was asked of a treatment's row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowChoice {
    Remove,
    Duplicate,
}

/// Draws the treatments.
pub fn show(ui: &mut egui::Ui, editor: &mut Editor, errors: &FieldErrors) {
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
    for (i, t) in editor.draft.treatments.iter_mut().enumerate() {
        let preview = editor.preview.as_deref();
        if let Some(c) = treatment(ui, i, t, &mut editor.channel, preview, errors) {
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
}

/// One treatment, folded under its title (opened when it holds an error, so the message is
/// seen next to its field).
fn treatment(
    ui: &mut egui::Ui,
    i: usize,
    t: &mut TreatmentDraft,
    channel: &mut String,
    preview: Option<&aws_sdk_pinpoint::types::EndpointResponse>,
    errors: &FieldErrors,
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
                        let _ = messages::show(
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
                            &mut |_, _| Vec::new(),
                        );
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
