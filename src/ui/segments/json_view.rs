//! The JSON tab: the request as wire JSON, to read and to copy (as JSON, or as the
//! `aws pinpoint create-segment` / `update-segment` command). It is the draft's request through
//! the one serializer — the definition the estimate counts and, once every row is complete,
//! what a save sends; rows that still need attention are left out, and the tab says so.

use egui::RichText;

use super::Editor;
use crate::drafts::diff::cli_command;
use crate::ui::theme;

/// Draws the JSON tab.
pub fn show(ui: &mut egui::Ui, editor: &Editor, app_id: &str) {
    let (request, errors) = editor.draft.build();
    let json = crate::drafts::json::segment::write_segment_request(&request);
    let pretty = serde_json::to_string_pretty(&json).unwrap_or_default();
    ui.horizontal(|ui| {
        if ui.button("Copy segment JSON").clicked() {
            ui.ctx().copy_text(pretty.clone());
        }
        if ui.button("Copy as aws pinpoint create-segment").clicked() {
            let line = match &editor.segment_id {
                Some(id) => cli_command(
                    "update-segment",
                    &[("application-id", app_id), ("segment-id", id)],
                    "write-segment-request",
                    &json,
                ),
                None => cli_command(
                    "create-segment",
                    &[("application-id", app_id)],
                    "write-segment-request",
                    &json,
                ),
            };
            ui.ctx().copy_text(line);
        }
    });
    if !errors.is_empty() {
        ui.label(
            RichText::new(format!(
                "{} field(s) need attention; rows with a message are left out below until fixed.",
                errors.len()
            ))
            .color(theme::WARN),
        );
    }
    let mut shown = pretty;
    let label = ui.label(RichText::new("WriteSegmentRequest").color(theme::MUTED));
    let width = crate::ui::theme::visible_width(ui);
    ui.add(egui::TextEdit::multiline(&mut shown).code_editor().desired_width(width))
        .labelled_by(label.id);
}
