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
    let mut remove = None;
    let mut duplicate = None;
    for i in 0..editor.draft.treatments.len() {
        let key = format!("t{i}.");
        let has_error = errors.any_under(&key);
        let t = &mut editor.draft.treatments[i];
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
        // A part holding an error is opened, so the message is seen next to its field.
        egui::CollapsingHeader::new(header)
            .id_salt(("treatment", i))
            .default_open(true)
            .open(has_error.then_some(true))
            .show(ui, |ui| {
                ui.push_id(("treatment_form", i), |ui| {
                    form_row(
                        ui,
                        &format!("Treatment {} name", i + 1),
                        &mut t.name,
                        "",
                        errors.get(&format!("{key}name")),
                    );
                    form_row(
                        ui,
                        &format!("Treatment {} size %", i + 1),
                        &mut t.size,
                        "25",
                        errors.get(&format!("{key}size")),
                    );
                    text_area_row(
                        ui,
                        &format!("Treatment {} description", i + 1),
                        &mut t.description,
                        1,
                        None,
                    );
                    ui.horizontal(|ui| {
                        if ui.button(format!("Remove treatment {}", i + 1)).clicked() {
                            remove = Some(i);
                        }
                        if ui.button(format!("Duplicate treatment {}", i + 1)).clicked() {
                            duplicate = Some(i);
                        }
                    });
                    egui::CollapsingHeader::new(format!("Messages of treatment {}", i + 1))
                        .id_salt(("treatment_messages", i))
                        .open(errors.any_under(&format!("{key}messages.")).then_some(true))
                        .show(ui, |ui| {
                            let mut channel = editor.channel.clone();
                            let _ = messages::show(
                                ui,
                                &format!("{key}messages."),
                                &mut t.messages,
                                &mut channel,
                                errors,
                                messages::Preview {
                                    endpoint_id: None,
                                    loaded: editor.preview.as_deref(),
                                    error: None,
                                    busy: false,
                                },
                            );
                            editor.channel = channel;
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
    }
    if let Some(i) = remove {
        editor.draft.treatments.remove(i);
    }
    if let Some(i) = duplicate
        && editor.draft.treatments.len() < MAX_ADDITIONAL_TREATMENTS
    {
        let mut copy = editor.draft.treatments[i].clone();
        copy.name = format!("{} (copy)", copy.name);
        editor.draft.treatments.insert(i + 1, copy);
    }
}
