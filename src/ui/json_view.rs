//! The JSON tab of the campaign and segment editors: the request as wire JSON, to read and to
//! copy (as JSON, or as the `aws pinpoint create-…` / `update-…` command). It is the draft's
//! request through the one serializer, so it shows what a save would send; what still needs
//! attention is left out until fixed, and the tab says so.

use egui::RichText;
use serde_json::Value;

use super::theme;
use crate::drafts::diff::cli_command;

/// What the tab shows, for one kind of resource.
#[derive(Debug, Clone, Copy)]
pub struct JsonTab<'a> {
    /// "campaign" or "segment" (the CLI's verbs and the path member are built from it).
    pub noun: &'a str,
    /// The request shape's name (`WriteCampaignRequest`).
    pub shape: &'a str,
    /// The label of the copy-as-JSON button.
    pub copy_json: &'a str,
    /// The label of the copy-as-command button.
    pub copy_command: &'a str,
    /// The warning when `left_out` is not zero.
    pub left_out_note: &'a str,
}

/// Draws the tab for `json`, the request of the resource `id` (none before it exists) of
/// project `app_id`, with `left_out` members that need attention.
pub fn show(
    ui: &mut egui::Ui,
    tab: JsonTab<'_>,
    json: &Value,
    left_out: usize,
    app_id: &str,
    id: Option<&str>,
) {
    let pretty = serde_json::to_string_pretty(json).unwrap_or_default();
    let noun = tab.noun;
    ui.horizontal(|ui| {
        if ui.button(tab.copy_json).clicked() {
            ui.ctx().copy_text(pretty.clone());
        }
        if ui.button(tab.copy_command).clicked() {
            let member = format!("write-{noun}-request");
            let id_member = format!("{noun}-id");
            let line = match id {
                Some(id) => cli_command(
                    &format!("update-{noun}"),
                    &[("application-id", app_id), (id_member.as_str(), id)],
                    &member,
                    json,
                ),
                None => cli_command(
                    &format!("create-{noun}"),
                    &[("application-id", app_id)],
                    &member,
                    json,
                ),
            };
            ui.ctx().copy_text(line);
        }
    });
    if left_out > 0 {
        let note = format!("{left_out} field(s) need attention; {}", tab.left_out_note);
        ui.label(RichText::new(note).color(theme::WARN));
    }
    let mut shown = pretty;
    let label = ui.label(RichText::new(tab.shape).color(theme::MUTED));
    let width = theme::visible_width(ui);
    ui.add(egui::TextEdit::multiline(&mut shown).code_editor().desired_width(width))
        .labelled_by(label.id);
}
