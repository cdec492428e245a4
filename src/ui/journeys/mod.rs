//! The Journeys section of a project: the list (`list`), and the visual builder of one journey
//! (`editor`: the canvas with its side panel, the settings form, runs, KPIs and JSON), its
//! lifecycle behind confirmations (`lifecycle`), and live metrics on every node. Unsaved
//! drafts are kept on disk and offered back in the list (`kept`). Answers come back through
//! `apply` and `fail`.

pub mod canvas;
mod editor;
pub mod kept;
mod lifecycle;
mod list;
pub mod panel;
mod runs;
mod settings;
mod state;

pub use state::{Audience, Editor, JourneysScreen, Lifecycle, Selected, Tab};

use kept::KeptJourney;

use serde_json::Value;

use crate::api::journeys::JourneysResponse;
use crate::api::{ApiError, ApiResponse, ErrorKind};
use crate::drafts::store::DraftStore;
use crate::ui::action::{Action, JourneyAction};
use crate::ui::kept::{InFlight, Kept};
use crate::ui::segments::SegmentChoice;
use crate::ui::tasks::Task;
use crate::ui::template_picker::TemplateLibrary;

/// Seconds between metric refreshes of a journey that has run.
pub const METRICS_SECONDS: f64 = 3.0;

/// What the section is drawn with.
pub struct Context<'a> {
    /// The project.
    pub app_id: &'a str,
    /// The project's segments (entry and conditions pick from them).
    pub segments: &'a [SegmentChoice],
    /// True on a mock connection (the publish review estimates who enters).
    pub is_mock: bool,
    /// Which tasks run.
    pub busy: &'a dyn Fn(Task) -> bool,
    /// The account's templates (message activities pick from them).
    pub library: &'a TemplateLibrary,
    /// The connection, as error messages name it.
    pub target: &'a str,
    /// Values seen in the project (the condition rows suggest them).
    pub values: Option<&'a Value>,
    /// Where unsaved drafts are kept (none: nowhere).
    pub store: Option<&'a DraftStore>,
}

/// Draws the section.
pub fn show(ui: &mut egui::Ui, screen: &mut JourneysScreen, cx: &Context<'_>) -> Vec<Action> {
    let mut actions = Vec::new();
    if let Some(editor) = &mut screen.editor {
        let (back, more) = editor::show(ui, editor, cx);
        if more.iter().any(|a| matches!(a, Action::Journeys(JourneyAction::Save(..)))) {
            let key = editor.kept.key().to_owned();
            screen.saving = Some(InFlight { key, sent_from: KeptJourney::of(editor) });
        }
        actions.extend(more);
        if back {
            screen.editor = None;
            actions.push(Action::Journeys(JourneyAction::Reload));
        }
    } else {
        actions.extend(list::show(ui, screen, cx));
    }
    let ctx = ui.ctx().clone();
    actions.extend(list::delete_confirmation(&ctx, screen, (cx.busy)(Task::JourneySave)));
    if let Some(editor) = &mut screen.editor {
        actions.extend(lifecycle::confirmation(&ctx, editor, cx));
        if lifecycle::leave_confirmation(&ctx, editor) {
            // The person dropped the changes: the kept draft goes too.
            let key = editor.kept.key().to_owned();
            screen.discard(cx.store, &key);
            screen.editor = None;
            actions.push(Action::Journeys(JourneyAction::Reload));
        }
    }
    screen.persist(cx.store);
    actions
}

impl JourneysScreen {
    /// Applies an answer of `task`; `store` holds the kept drafts.
    pub fn apply(
        &mut self,
        task: Task,
        response: ApiResponse,
        store: Option<&DraftStore>,
    ) -> Vec<Action> {
        match response {
            ApiResponse::Journeys(r) => self.apply_journeys(task, r, store),
            ApiResponse::Drafts { app_id, drafts, .. } => {
                self.offer(&app_id, drafts);
                Vec::new()
            }
            ApiResponse::Estimate(answer) => {
                if let Some((_, audience)) = self.editor.as_mut().and_then(|e| e.confirm.as_mut()) {
                    let n = |k: &str| answer.get(k).and_then(Value::as_u64).unwrap_or(0);
                    *audience = Some(Audience::Estimated {
                        matching: n("Matching"),
                        messageable: n("Messageable"),
                    });
                }
                Vec::new()
            }
            ApiResponse::Kpis { level, start_time, results } => {
                if let Some(editor) = &mut self.editor {
                    let today = chrono::Utc::now().date_naive();
                    if let Ok(range) = editor.kpis.prefs.range(today) {
                        editor.kpis.apply(&level, &start_time, results, range);
                    }
                }
                Vec::new()
            }
            other => {
                tracing::warn!(?task, answer = ?other, "an answer the Journeys section did not ask for");
                Vec::new()
            }
        }
    }

    fn apply_journeys(
        &mut self,
        task: Task,
        r: JourneysResponse,
        store: Option<&DraftStore>,
    ) -> Vec<Action> {
        match r {
            JourneysResponse::List(rows) => {
                self.rows = Some(rows);
                self.list_error = None;
            }
            JourneysResponse::Loaded(j) => {
                let duplicate = std::mem::take(&mut self.duplicating);
                self.editor = Some(if duplicate { Editor::copy_of(*j) } else { self.opened(*j) });
            }
            JourneysResponse::Saved(j) => {
                let published = task == Task::JourneyState;
                let sent = if published { None } else { self.saving.take() };
                // The draft kept for what was sent goes; edits made since are kept again below.
                if let Some(sent) = &sent {
                    self.discard(store, &sent.key);
                }
                // Only the editor that sent it takes the answer.
                let Some(editor) = self.editor.as_mut().filter(|e| match &sent {
                    Some(sent) => e.kept.key() == sent.key,
                    None => e.journey_id.as_deref() == Some(j.id.as_str()),
                }) else {
                    return Vec::new();
                };
                editor.refused = None;
                editor.restored = None;
                // A created journey's draft is kept under its id from now on (a state change
                // keeps the key it has: the journey existed).
                if !published {
                    editor.kept = Kept::existing(&j.id);
                }
                editor.confirm = None;
                editor.note = Some(if published {
                    format!("The journey is {} now", j.state)
                } else {
                    format!("Saved · last modified {}", j.draft.last_modified_date)
                });
                // The stored definition replaces the draft when the draft was what was saved;
                // edits made since stay.
                let kept = (!published && editor.is_dirty()).then(|| editor.draft.clone());
                editor.journey_id = Some(j.id.clone());
                editor.state.clone_from(&j.state);
                editor.baseline = Some(j.draft.clone());
                match kept {
                    Some(draft) if !same_definition(&draft, &j.draft) => {}
                    _ => editor.draft = j.draft,
                }
                editor.metrics_asked = None;
            }
            JourneysResponse::Deleted(id) => {
                self.confirm_delete = None;
                if let Some(rows) = &mut self.rows {
                    rows.retain(|r| r.id != id);
                }
                self.note = Some(format!("Deleted journey {id}"));
                if self.editor.as_ref().and_then(|e| e.journey_id.as_deref()) == Some(id.as_str()) {
                    self.discard(store, &id);
                    self.editor = None;
                }
            }
            JourneysResponse::Metrics(m) => {
                if let Some(editor) = &mut self.editor
                    && editor.journey_id.as_deref() == Some(m.journey_id.as_str())
                    && editor.run == m.run_id
                {
                    editor.metrics = Some(*m);
                    editor.metrics_error = None;
                }
            }
            JourneysResponse::Runs { journey_id, runs } => {
                if let Some(editor) = &mut self.editor
                    && editor.journey_id.as_deref() == Some(journey_id.as_str())
                {
                    editor.runs = Some(runs);
                }
            }
        }
        Vec::new()
    }

    /// Shows a failed `task` where it happened.
    pub fn fail(&mut self, task: Task, error: ApiError) {
        if task == Task::JourneyLoad {
            self.restore_failed();
        }
        match (task, &mut self.editor) {
            (Task::JourneyList, _) => self.list_error = Some(error),
            (Task::JourneySave, None) => {
                self.saving = None;
                self.confirm_delete = None;
                self.error = Some(error);
            }
            (Task::JourneySave | Task::JourneyState, Some(editor)) => {
                if task == Task::JourneySave {
                    self.saving = None;
                }
                self.confirm_delete = None;
                editor.confirm = None;
                editor.note = None;
                editor.refused = Some((error, editor.draft.clone()));
            }
            (Task::JourneyMetrics | Task::JourneyRuns, Some(editor)) => {
                editor.metrics_error = Some(error);
            }
            (Task::JourneyAudience, Some(editor)) => {
                if let Some((_, audience)) = &mut editor.confirm {
                    *audience = Some(Audience::Unknown(if error.kind == ErrorKind::NotAMock {
                        "Pinpoint reports a segment's size only after an export".to_owned()
                    } else {
                        format!("the estimate failed: {}", error.plain())
                    }));
                }
            }
            (Task::JourneyKpis, Some(editor)) => editor.kpis.fail_all(&error),
            _ => self.error = Some(error),
        }
    }
}

/// True when two definitions send the same request (what a save compares).
fn same_definition(
    a: &crate::drafts::journey::JourneyDraft,
    b: &crate::drafts::journey::JourneyDraft,
) -> bool {
    let strip = |d: &crate::drafts::journey::JourneyDraft| state::unstored(d.clone()).to_json();
    strip(a) == strip(b)
}
