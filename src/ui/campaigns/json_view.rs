//! The JSON tab: the request as wire JSON, to read and to copy (as JSON, or as the
//! `aws pinpoint create-campaign` / `update-campaign` command). It is the draft's request
//! through the one serializer, so it shows what a save would send; fields that still need
//! attention are left out of it until fixed, and the tab says so.

use egui::RichText;

use super::Editor;
use crate::drafts::diff::cli_command;
use crate::ui::theme;

/// Draws the JSON tab.
pub fn show(ui: &mut egui::Ui, editor: &Editor, app_id: &str) {
    let (request, errors) = editor.draft.build();
    let json = crate::drafts::json::campaign::write_campaign_request(&request);
    let pretty = serde_json::to_string_pretty(&json).unwrap_or_default();
    ui.horizontal(|ui| {
        if ui.button("Copy as JSON").clicked() {
            ui.ctx().copy_text(pretty.clone());
        }
        if ui.button("Copy as aws pinpoint command").clicked() {
            let line = match &editor.campaign_id {
                Some(id) => cli_command(
                    "update-campaign",
                    &[("application-id", app_id), ("campaign-id", id)],
                    "write-campaign-request",
                    &json,
                ),
                None => cli_command(
                    "create-campaign",
                    &[("application-id", app_id)],
                    "write-campaign-request",
                    &json,
                ),
            };
            ui.ctx().copy_text(line);
        }
    });
    if !errors.is_empty() {
        ui.label(
            RichText::new(format!(
                "{} field(s) need attention and are left out below until fixed.",
                errors.len()
            ))
            .color(theme::WARN),
        );
    }
    let mut shown = pretty;
    let label = ui.label(RichText::new("WriteCampaignRequest").color(theme::MUTED));
    let width = crate::ui::theme::visible_width(ui);
    ui.add(egui::TextEdit::multiline(&mut shown).code_editor().desired_width(width))
        .labelled_by(label.id);
}
