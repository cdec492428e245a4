//! The Templates section (account level, beside the projects): every message template in a
//! filterable table, and an editor per kind with its preview, versions and tags. Split by
//! responsibility: `state` (the screen's data and how answers land in it), `list`, `editor` (the
//! editor's shell: heading, save bar, tabs), `form` (every member of each kind's request),
//! `inapp` (content blocks and their drawn preview), `preview`, `versions`.

mod editor;
mod form;
mod list;
mod preview;
mod state;
mod versions;

pub use state::{EditorTab, PreviewSource, TemplateEditor, TemplatesScreen};

use super::action::Action;
use super::tasks::Task;
use crate::api::AppSummary;

/// What the section is drawn with besides its own state.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    /// Which tasks run.
    pub busy: &'a dyn Fn(Task) -> bool,
    /// The projects, to pick an endpoint's project for the preview.
    pub projects: &'a [AppSummary],
    /// The selected project, the preview's default.
    pub selected: Option<&'a str>,
}

/// Draws the section: the editor when one is open, else the list.
pub fn show(ui: &mut egui::Ui, screen: &mut TemplatesScreen, cx: Context<'_>) -> Vec<Action> {
    if screen.editor.is_some() { editor::show(ui, screen, cx) } else { list::show(ui, screen, cx) }
}

/// The delete confirmation, naming the template.
pub fn delete_confirmation(
    ctx: &egui::Context,
    screen: &mut TemplatesScreen,
    busy: bool,
) -> Option<Action> {
    list::delete_confirmation(ctx, screen, busy)
}
