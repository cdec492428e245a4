//! The Campaigns section: a sortable, filterable list of the project's campaigns and an editor
//! for a new or existing one. Split by responsibility: `state` (the screen's data, and how
//! answers and failures land in it), `editor_state` (one open editor's data), `list`, `editor`
//! (the editor's shell: heading, action bar, tabs), `launch` (the review a save that sends now or
//! soon waits in), `audience` (name, segment, split), then a file per tab: `messages` (with
//! `message_template`: the template a message uses and what it renders to),
//! `treatments`, `schedule`, `limits`, `history` (versions, diff, activities, refreshed while the
//! campaign runs), `json_view`; `inapp_view` is "what would this endpoint see" (in-app). Unsaved edits are kept on disk and offered back after a restart.

mod audience;
mod editor;
mod editor_state;
mod history;
mod inapp_view;
mod json_view;
mod kpis;
pub(crate) mod launch;
mod limits;
mod list;
mod message_template;
mod messages;
mod schedule;
mod state;
mod treatments;

use egui::RichText;

pub use editor_state::Editor;
pub use history::{POLL_SECONDS, is_running};
pub use inapp_view::InAppView;
pub use launch::{Audience, Review};
pub use list::{CampaignRow, Column};
pub use state::{CampaignsScreen, Offered};

use super::action::Action;
pub use super::action::CampaignAction;
use super::tasks::Task;
use super::theme;
use super::widgets::busy_button;
use crate::drafts::store::DraftStore;
use crate::ui::template_picker::TemplateLibrary;

/// Editor tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    /// Messages of the control treatment.
    #[default]
    Messages,
    /// Additional treatments.
    Treatments,
    /// The schedule.
    Schedule,
    /// Limits, hook, templates, tags.
    Limits,
    /// Versions and diff.
    Versions,
    /// Runs.
    Activities,
    /// The campaign's KPIs.
    Kpis,
    /// The request as JSON.
    Json,
}

/// A segment the editor can pick.
pub use super::segments::SegmentChoice;

/// Draws the section.
pub fn show(
    ui: &mut egui::Ui,
    screen: &mut CampaignsScreen,
    segments: &[SegmentChoice],
    store: Option<&DraftStore>,
    busy: &dyn Fn(Task) -> bool,
    (library, is_mock): (&TemplateLibrary, bool),
) -> Vec<Action> {
    let mut actions = Vec::new();
    if let Some(error) = &screen.error {
        crate::ui::error_view::api_error(ui, error);
    }
    list::offered_drafts(ui, screen, store);
    if screen.editor.is_some() {
        actions.extend(editor::show(ui, screen, segments, busy, library));
    } else if screen.in_app.is_some() {
        actions.extend(inapp_view::show(ui, screen, is_mock, busy));
    } else {
        if let Some(note) = &screen.note {
            ui.label(RichText::new(note).color(theme::OK));
        }
        actions.extend(list::show(ui, screen, segments, store, busy));
    }
    screen.persist(store);
    actions.extend(confirm_delete(ui, screen, busy));
    actions.extend(launch::show(ui, screen, busy));
    actions
}

/// The delete confirmation, while one is asked for.
fn confirm_delete(
    ui: &mut egui::Ui,
    screen: &mut CampaignsScreen,
    busy: &dyn Fn(Task) -> bool,
) -> Option<Action> {
    let (id, name) = screen.confirm_delete.clone()?;
    let mut action = None;
    let mut cancel = false;
    egui::Modal::new(egui::Id::unique("confirm_delete_campaign")).show(ui.ctx(), |ui| {
        ui.heading(format!("Delete campaign “{name}”?"));
        ui.label(format!("This deletes campaign {id}, its versions and its activities."));
        ui.horizontal(|ui| {
            if busy_button(ui, &format!("Delete “{name}”"), busy(Task::CampaignSave)) {
                action = Some(Action::Campaigns(CampaignAction::Delete(id.clone())));
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
