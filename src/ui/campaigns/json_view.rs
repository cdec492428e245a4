//! The campaign editor's JSON tab (the shared view is `ui::json_view`).

use super::Editor;
use crate::ui::json_view::{JsonTab, show as show_json};

/// Draws the JSON tab.
pub fn show(ui: &mut egui::Ui, editor: &Editor, app_id: &str) {
    let (request, errors) = editor.draft.build();
    let json = crate::drafts::json::campaign::write_campaign_request(&request);
    let tab = JsonTab {
        noun: "campaign",
        shape: "WriteCampaignRequest",
        copy_json: "Copy as JSON",
        copy_command: "Copy as aws pinpoint command",
        left_out_note: "they are left out below until fixed.",
    };
    show_json(ui, tab, &json, errors.len(), app_id, editor.campaign_id.as_deref());
}
