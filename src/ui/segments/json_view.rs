//! The segment builder's JSON tab (the shared view is `ui::json_view`): the definition the
//! estimate counts and, once every row is complete, what a save sends.

use super::Editor;
use crate::ui::json_view::{JsonTab, show as show_json};

/// Draws the JSON tab.
pub fn show(ui: &mut egui::Ui, editor: &Editor, app_id: &str) {
    let (request, errors) = editor.draft.build();
    let json = crate::drafts::json::segment::write_segment_request(&request);
    let tab = JsonTab {
        noun: "segment",
        shape: "WriteSegmentRequest",
        copy_json: "Copy segment JSON",
        copy_command: "Copy as aws pinpoint create-segment",
        left_out_note: "rows with a message are left out below until fixed.",
    };
    show_json(ui, tab, &json, errors.len(), app_id, editor.segment_id.as_deref());
}
