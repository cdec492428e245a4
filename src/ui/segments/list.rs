//! The segment list (with each segment's size, estimated on the mock), and the kept drafts
//! offered above it.

use std::collections::HashMap;

use aws_sdk_pinpoint::types::{SegmentImportResource, SegmentResponse, SegmentType};
use egui::RichText;

use super::state::DRAFT_KIND;
use super::{Editor, SegmentAction, SegmentsScreen};
use crate::drafts::segment::SegmentDraft;
use crate::drafts::store::DraftStore;
use crate::ui::action::Action;
use crate::ui::error_view::{ErrorChoice, Offer, error_panel};
use crate::ui::tasks::Task;
use crate::ui::theme;
use crate::ui::widgets::{DraftChoice, busy_button, kept_drafts};

pub(super) fn offered_drafts(
    ui: &mut egui::Ui,
    screen: &mut SegmentsScreen,
    store: Option<&DraftStore>,
) {
    let drafts: Vec<(String, String)> =
        screen.offered.iter().map(|(key, d)| (key.clone(), d.name.clone())).collect();
    let loaded = screen.segments.is_some();
    let buttons = ["Restore segment draft", "Discard segment draft"];
    match kept_drafts(ui, "segment", &drafts, loaded, buttons) {
        Some(DraftChoice::Restore(i)) => screen.restore(i, store),
        Some(DraftChoice::Discard(i)) => {
            let (key, _) = screen.offered.remove(i);
            if let (Some(store), Some(app_id)) = (store, &screen.app_id) {
                store.discard(DRAFT_KIND, app_id, &key);
            }
        }
        None => {}
    }
}

/// The buttons and the filter above the list.
fn toolbar(
    ui: &mut egui::Ui,
    screen: &mut SegmentsScreen,
    busy: &dyn Fn(Task) -> bool,
) -> Option<Action> {
    let mut reload = None;
    ui.horizontal(|ui| {
        if ui.button("+ New segment").clicked() {
            screen.editor = Some(Editor::new_segment());
            screen.note = None;
        }
        if busy_button(ui, "Reload segments", busy(Task::SegmentList)) {
            reload = Some(Action::Segments(SegmentAction::Reload));
        }
        let label = ui.label("Filter");
        ui.add(egui::TextEdit::singleline(&mut screen.filter).desired_width(180.0))
            .labelled_by(label.id);
    });
    reload
}

/// Asks the mock to size every segment the list shows (imported ones know their size): each
/// definition is the stored segment read into a draft and built as a save would send it.
fn sizes(segments: &[SegmentResponse]) -> Action {
    let definitions = segments
        .iter()
        .filter(|s| s.import_definition().is_none())
        .map(|s| (s.id().unwrap_or_default().to_owned(), SegmentDraft::from(s).to_json()))
        .collect();
    Action::Segments(SegmentAction::Sizes(definitions))
}

/// A segment's size: an import's count, or the mock's estimate.
fn size(s: &SegmentResponse, sizes: Option<&HashMap<String, u64>>) -> String {
    s.import_definition()
        .and_then(SegmentImportResource::size)
        .map(|n| n.to_string())
        .or_else(|| sizes?.get(s.id().unwrap_or_default()).map(|n| format!("{n} (estimate)")))
        .unwrap_or_else(|| "—".into())
}

/// The table of `rows`; the segment clicked, if any.
fn grid(
    ui: &mut egui::Ui,
    rows: &[&SegmentResponse],
    sizes: Option<&HashMap<String, u64>>,
) -> Option<SegmentResponse> {
    let mut open = None;
    egui::Grid::new("segment_list").striped(true).num_columns(5).spacing([16.0, 6.0]).show(
        ui,
        |ui| {
            for h in ["Name", "Type", "Version", "Size", "Last modified"] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for s in rows {
                if ui.link(s.name().unwrap_or("(unnamed)")).clicked() {
                    open = Some((*s).clone());
                }
                ui.label(s.segment_type().map(SegmentType::as_str).unwrap_or_default());
                ui.label(s.version().unwrap_or(1).to_string());
                ui.label(size(s, sizes));
                ui.label(
                    RichText::new(s.last_modified_date().or(s.creation_date()).unwrap_or_default())
                        .color(theme::MUTED),
                );
                ui.end_row();
            }
        },
    );
    open
}

/// Opens a segment in the builder, with its kept draft when there is one.
fn open(screen: &mut SegmentsScreen, s: &SegmentResponse, store: Option<&DraftStore>) -> Action {
    let id = s.id().unwrap_or_default().to_owned();
    screen.editor = Some(Editor::for_segment(s));
    screen.note = None;
    // Unsaved changes kept for this segment come back with it (not overwritten), and say so.
    if let Some(i) = screen.offered.iter().position(|(key, _)| *key == id) {
        screen.restore(i, store);
    }
    Action::Segments(SegmentAction::Versions(id))
}

/// Draws the list.
pub(super) fn show(
    ui: &mut egui::Ui,
    screen: &mut SegmentsScreen,
    is_mock: bool,
    store: Option<&DraftStore>,
    busy: &dyn Fn(Task) -> bool,
) -> Vec<Action> {
    let mut actions: Vec<Action> = toolbar(ui, screen, busy).into_iter().collect();
    if let Some(error) = &screen.list_error {
        let offer = Offer { retry: true, change_connection: false };
        let what = "Could not load the segments";
        if error_panel(ui, "segment-list", what, error, "the service", offer)
            == Some(ErrorChoice::Retry)
        {
            actions.push(Action::Segments(SegmentAction::Reload));
        }
    }
    let Some(segments) = &screen.segments else {
        if screen.list_error.is_none() {
            ui.label(RichText::new("Loading segments…").color(theme::MUTED));
        }
        return actions;
    };
    if is_mock && screen.sizes.is_none() && !busy(Task::SegmentSizes) {
        actions.push(sizes(segments));
    }
    let needle = screen.filter.to_lowercase();
    let mut rows: Vec<&SegmentResponse> = segments
        .iter()
        .filter(|s| {
            needle.is_empty()
                || s.name().unwrap_or_default().to_lowercase().contains(&needle)
                || s.id().unwrap_or_default().contains(&needle)
        })
        .collect();
    rows.sort_by_key(|s| s.name().unwrap_or_default().to_lowercase());
    let clicked = grid(ui, &rows, screen.sizes.as_ref());
    if rows.is_empty() {
        ui.label(RichText::new("No segments match.").color(theme::MUTED));
    }
    if let Some(s) = clicked {
        actions.push(open(screen, &s, store));
    }
    actions
}
