//! The Segments section: the project's segments, a visual builder (groups, dimension sets,
//! criteria rows read as sentences) with a live audience estimate when connected to the mock,
//! the request as JSON, versions with a diff, and import/export jobs. Split by responsibility:
//! `state` (the screen's data, and how answers and failures land in it), `list`, `editor` (the
//! builder's shell: header, name and tags, tabs, buttons), then the builder's parts `groups`,
//! `criteria`, `estimate`, and the tabs `json_view`, `versions`; `jobs` for import and export.

pub(crate) mod criteria;
mod editor;
mod estimate;
mod groups;
mod jobs;
mod json_view;
mod list;
mod state;
mod versions;

use egui::RichText;

pub use state::{Editor, SegmentChoice, SegmentsScreen};

use super::action::Action;
pub use super::action::SegmentAction;
use super::tasks::Task;
use super::theme;
use super::widgets::busy_button;
use crate::drafts::store::DraftStore;

/// Section tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    /// The list and the builder.
    #[default]
    Segments,
    /// Import and export jobs.
    Jobs,
}

/// Builder tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EditorTab {
    /// The visual builder.
    #[default]
    Builder,
    /// The request as JSON.
    Json,
    /// Versions and diff.
    Versions,
}

/// Draws the section.
pub fn show(
    ui: &mut egui::Ui,
    screen: &mut SegmentsScreen,
    is_mock: bool,
    store: Option<&DraftStore>,
    busy: &dyn Fn(Task) -> bool,
) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.horizontal(|ui| {
        for (tab, label) in [(Tab::Segments, "Segment list"), (Tab::Jobs, "Import & export")] {
            if ui.selectable_label(screen.tab == tab, label).clicked() {
                screen.tab = tab;
                if tab == Tab::Jobs {
                    actions.push(Action::Segments(SegmentAction::Jobs));
                }
            }
        }
    });
    ui.separator();
    if let Some(error) = &screen.error {
        crate::ui::error_view::api_error(ui, error);
    }
    if screen.tab == Tab::Jobs {
        actions.extend(jobs::show(ui, screen, is_mock, busy));
        return actions;
    }
    list::offered_drafts(ui, screen, store);
    if screen.editor.is_some() {
        actions.extend(editor::show(ui, screen, is_mock, busy));
    } else {
        if let Some(note) = &screen.note {
            ui.label(RichText::new(note).color(theme::OK));
        }
        actions.extend(list::show(ui, screen, is_mock, store, busy));
    }
    screen.persist(store);
    actions.extend(confirm_delete(ui, screen, busy));
    actions
}

/// The delete confirmation, while one is asked for.
fn confirm_delete(
    ui: &mut egui::Ui,
    screen: &mut SegmentsScreen,
    busy: &dyn Fn(Task) -> bool,
) -> Option<Action> {
    let (id, name) = screen.confirm_delete.clone()?;
    let mut action = None;
    let mut cancel = false;
    egui::Modal::new(egui::Id::unique("confirm_delete_segment")).show(ui.ctx(), |ui| {
        ui.heading(format!("Delete segment “{name}”?"));
        ui.label(format!(
            "This deletes segment {id} and its versions. Campaigns that use it stop finding recipients."
        ));
        ui.horizontal(|ui| {
            if busy_button(ui, &format!("Delete “{name}”"), busy(Task::SegmentSave)) {
                action = Some(Action::Segments(SegmentAction::Delete(id.clone())));
            }
            if ui.button("Cancel").clicked() {
                cancel = true;
            }
        });
    });
    if cancel {
        screen.confirm_delete = None;
    }
    action
}
