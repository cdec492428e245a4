//! The Versions tab: the stored versions as the request each would be (draft → request → JSON,
//! the same path a save takes), and a member-by-member diff of any two.

use aws_sdk_pinpoint::types::SegmentResponse;
use egui::RichText;

use super::Editor;
use crate::drafts::segment::SegmentDraft;
use crate::ui::theme;
use crate::ui::version_diff::{self, Version};

/// The versions as the Versions tab shows them.
pub fn views(versions: &[SegmentResponse]) -> Vec<Version> {
    versions
        .iter()
        .map(|v| Version {
            label: format!(
                "Version {} · {}",
                v.version().unwrap_or(1),
                v.last_modified_date().or(v.creation_date()).unwrap_or_default()
            ),
            body: SegmentDraft::from(v).to_json(),
        })
        .collect()
}

/// Draws the versions and the diff.
pub fn show(ui: &mut egui::Ui, editor: &mut Editor) {
    if editor.segment_id.is_none() {
        ui.label(RichText::new("A new segment has no versions yet.").color(theme::MUTED));
        return;
    }
    let failed = editor.versions_error.as_deref();
    version_diff::show(ui, "segment versions", &editor.version_views, &mut editor.compare, failed);
}
