//! The segment builder's shell: the heading (back, the segment's name and version), the action
//! bar (save, revert; delete apart at the right, in red) with what the last save left under it,
//! the name and tags, the tab strip, and the tab shown (the builder with its estimate, the JSON,
//! the versions). After a refused save the messages follow the fixes as they are typed.

use egui::RichText;
use serde_json::Value;

use super::criteria::Incomplete;
use super::{
    Editor, EditorTab, SegmentAction, SegmentChoice, SegmentsScreen, estimate, groups, json_view,
    versions,
};
use crate::drafts::FieldErrors;
use crate::drafts::segment::SegmentDraft;
use crate::ui::action::Action;
use crate::ui::editor_bar::{self, Bar, Problems};
use crate::ui::kept::InFlight;
use crate::ui::tasks::Task;
use crate::ui::theme;
use crate::ui::widgets::{EditorChoice, form_row, text_area_row};

/// What the builder asks of the screen around it, once it is drawn.
#[derive(Debug, Default)]
struct Outcome {
    /// Back to the list.
    close: bool,
    /// A save was sent.
    saving: Option<InFlight<SegmentDraft>>,
    /// Delete asked for: (id, name).
    delete: Option<(String, String)>,
}

/// What the tabs need from the screen: the segments to build on, the values seen in the project
/// and whether the mock answers (for the estimate), and the project (for the CLI command).
struct Context<'a> {
    choices: &'a [SegmentChoice],
    values: Option<&'a Value>,
    is_mock: bool,
    app_id: &'a str,
}

/// Draws the builder of the open segment.
pub fn show(
    ui: &mut egui::Ui,
    screen: &mut SegmentsScreen,
    is_mock: bool,
    busy: &dyn Fn(Task) -> bool,
) -> Vec<Action> {
    let mut actions = Vec::new();
    let app_id = screen.app_id.clone().unwrap_or_default();
    let choices = screen.choices();
    let values = screen.values.clone();
    if is_mock && values.is_none() && !busy(Task::SeenValues) {
        actions.push(Action::Segments(SegmentAction::Values));
    }
    let Some(editor) = &mut screen.editor else { return actions };
    let mut outcome = Outcome::default();
    heading(ui, editor, &mut outcome);
    if !editor.errors.is_empty() {
        // After a refused save, messages follow the fixes as they are typed.
        editor.errors = editor.draft.to_request().err().unwrap_or_default();
    }
    let errors = editor.errors.clone();
    bar(ui, editor, &errors, busy(Task::SegmentSave), &mut actions, &mut outcome);
    actions.extend(name_and_tags(ui, editor, &errors, busy(Task::SegmentTags)));
    tab_strip(ui, editor);
    ui.separator();
    let context = Context { choices: &choices, values: values.as_ref(), is_mock, app_id: &app_id };
    actions.extend(tab(ui, editor, &errors, &context, busy));
    if outcome.saving.is_some() {
        screen.saving = outcome.saving;
    }
    if outcome.delete.is_some() {
        screen.confirm_delete = outcome.delete;
    }
    if outcome.close {
        screen.editor = None;
        actions.push(Action::Segments(SegmentAction::Reload));
    }
    actions
}

/// Back, and the segment's name (as stored) with its version and id.
fn heading(ui: &mut egui::Ui, editor: &Editor, outcome: &mut Outcome) {
    ui.horizontal_wrapped(|ui| {
        if ui.button("< All segments").clicked() {
            outcome.close = true;
        }
        let (Some(id), Some(version)) = (&editor.segment_id, editor.version) else {
            ui.heading("New segment");
            return;
        };
        let name = editor.stored_name();
        ui.heading(if name.is_empty() { "(unnamed segment)" } else { name });
        ui.label(RichText::new(format!("version {version} · id {id}")).color(theme::MUTED));
    });
}

/// The name, and the tags: typed with the segment when it is created, then edited through
/// TagResource / UntagResource (UpdateSegment ignores them).
fn name_and_tags(
    ui: &mut egui::Ui,
    editor: &mut Editor,
    errors: &FieldErrors,
    busy: bool,
) -> Option<Action> {
    form_row(ui, "Segment name", &mut editor.draft.name, "Active hikers", errors.get("name"));
    if editor.segment_id.is_none() {
        text_area_row(ui, "Segment tags", &mut editor.draft.tags, 1, errors.get("tags"));
        return None;
    }
    egui::CollapsingHeader::new("Segment tags")
        .show(ui, |ui| {
            let target = crate::ui::action::TagTarget::Segment;
            crate::ui::tag_editor::show(
                ui,
                target,
                &mut editor.tags,
                editor.tags_error.as_ref(),
                busy,
            )
        })
        .body_returned
        .flatten()
}

fn tab_strip(ui: &mut egui::Ui, editor: &mut Editor) {
    ui.horizontal(|ui| {
        for (tab, label) in [
            (EditorTab::Builder, "Builder"),
            (EditorTab::Json, "JSON"),
            (EditorTab::Versions, "Versions"),
        ] {
            if ui.selectable_label(editor.tab == tab, label).clicked() {
                editor.tab = tab;
            }
        }
    });
}

/// The tab shown: the builder beside its estimate, the JSON, or the versions.
fn tab(
    ui: &mut egui::Ui,
    editor: &mut Editor,
    errors: &FieldErrors,
    context: &Context<'_>,
    busy: &dyn Fn(Task) -> bool,
) -> Vec<Action> {
    let mut actions = Vec::new();
    match editor.tab {
        EditorTab::Builder => {
            ui.columns(2, |cols| {
                let own_id = editor.segment_id.clone();
                let others: Vec<_> = context
                    .choices
                    .iter()
                    .filter(|c| Some(&c.id) != own_id.as_ref())
                    .cloned()
                    .collect();
                // On the mock, rows the estimate leaves out say so on the row.
                let live = context.is_mock.then(|| editor.draft.build().1);
                let incomplete = Incomplete { live: live.as_ref() };
                let shown = (errors, &incomplete);
                groups::show(&mut cols[0], &mut editor.draft, shown, &others, context.values);
                actions.extend(estimate::show(
                    &mut cols[1],
                    &mut editor.estimate,
                    &editor.draft,
                    context.is_mock,
                    busy(Task::Estimate),
                ));
            });
        }
        EditorTab::Json => json_view::show(ui, editor, context.app_id),
        EditorTab::Versions => versions::show(ui, editor),
    }
    actions
}

/// The action bar (save, revert; delete at the right), and under it what the last save left.
fn bar(
    ui: &mut egui::Ui,
    editor: &mut Editor,
    errors: &FieldErrors,
    busy: bool,
    actions: &mut Vec<Action>,
    outcome: &mut Outcome,
) {
    let exists = editor.segment_id.is_some();
    let bar = Bar { noun: "segment", exists, dirty: editor.is_dirty(), busy };
    let unsaved = editor.is_dirty() && editor.baseline.is_some();
    let choice = editor_bar::show(ui, bar, |ui| {
        if unsaved {
            ui.label(RichText::new("unsaved changes").color(theme::WARN));
        }
    });
    match choice {
        Some(EditorChoice::Save) => {
            editor.save_error = None;
            match editor.draft.to_request() {
                Ok(request) => {
                    editor.errors.clear();
                    let sent_from = editor.draft.clone();
                    outcome.saving = Some(InFlight { key: editor.key(), sent_from });
                    let id = editor.segment_id.clone();
                    actions.push(Action::Segments(SegmentAction::Save(id, Box::new(request))));
                }
                Err(refused) => {
                    editor.errors = refused;
                    editor.scroll_to_result = true;
                }
            }
        }
        Some(EditorChoice::Revert) => {
            if let Some(baseline) = &editor.baseline {
                editor.draft = baseline.clone();
                editor.errors.clear();
            }
        }
        Some(EditorChoice::Delete) => {
            let id = editor.segment_id.clone().unwrap_or_default();
            outcome.delete = Some((id, editor.stored_name().to_owned()));
        }
        None => {}
    }
    let fields = (!errors.is_empty()).then(|| format!("{} field(s) need attention.", errors.len()));
    let problems = Problems { fields: fields.as_deref(), refused: editor.save_error.as_ref() };
    let shown = (&editor.draft, &editor.tab);
    editor_bar::messages(ui, &mut editor.notice, shown, problems, &mut editor.scroll_to_result);
}
