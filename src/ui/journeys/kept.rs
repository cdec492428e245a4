//! A journey's unsaved draft kept on disk, as the campaign and segment editors keep theirs
//! (`ui::kept`): the definition and the boxes moved by hand, under the journey's id or a
//! `new-…` key before it exists; offered back in the list after a restart; gone once saved or
//! discarded. Undo history is not kept. A finished journey (completed, cancelled, closed)
//! takes no change, so nothing of it is kept; a published one takes changes to its settings
//! only, so a draft restored over a journey published meanwhile keeps the service's
//! activities and entry.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::state::{Editor, JourneysScreen, Tab, unstored};
use crate::api::journeys::LoadedJourney;
use crate::drafts::journey::JourneyDraft;
use crate::drafts::store::{DraftKind, DraftStore};
use crate::ui::action::{Action, JourneyAction};
use crate::ui::kept::{self, Kept};

/// The draft kind on disk.
pub(super) const DRAFT_KIND: &str = DraftKind::Journey.as_str();

/// What the editor keeps of one journey: everything a person made in it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct KeptJourney {
    /// The definition as edited.
    pub draft: JourneyDraft,
    /// Offsets of boxes moved by hand, by activity id.
    pub moved: BTreeMap<String, egui::Vec2>,
}

impl KeptJourney {
    /// What `editor` holds now.
    #[must_use]
    pub fn of(editor: &Editor) -> Self {
        Self { draft: editor.draft.clone(), moved: editor.moved.clone() }
    }
}

/// A draft found on disk, offered back.
#[derive(Debug, Clone)]
pub struct Offered {
    /// Its key (journey id or `new-…`).
    pub key: String,
    /// The draft.
    pub kept: KeptJourney,
}

/// What the editor says about a draft kept from before while it is unsaved.
pub const RESTORED: &str =
    "Restored draft: your unsaved changes from before are back. They are not saved yet.";

/// True for a state in which the service takes no change.
fn finished(state: &str) -> bool {
    matches!(state, "COMPLETED" | "CANCELLED" | "CLOSED")
}

impl JourneysScreen {
    /// Takes the kept drafts the worker read.
    pub(super) fn offer(&mut self, app_id: &str, drafts: Vec<(String, serde_json::Value)>) {
        if self.app_id.as_deref() == Some(app_id) {
            self.offered = kept::parse_drafts(drafts)
                .into_iter()
                .map(|(key, kept)| Offered { key, kept })
                .collect();
        }
    }

    /// Opens offered draft `i`: over its journey while that exists and can change (read
    /// first: the answer is an `Open`), else as a new journey's draft (kept under a new key).
    pub(super) fn restore(&mut self, i: usize, store: Option<&DraftStore>) -> Option<Action> {
        let offered = self.offered.remove(i);
        self.note = None;
        let state = self.rows.iter().flatten().find(|r| r.id == offered.key).map(|r| &r.state);
        let state = state.cloned();
        if state.as_deref().is_some_and(|s| !finished(s)) {
            let id = offered.key.clone();
            self.duplicating = false;
            self.restoring = Some(offered);
            return Some(Action::Journeys(JourneyAction::Open(id)));
        }
        let mut editor = Editor::new("");
        if kept::is_new(&offered.key) {
            editor.kept = Kept::restored(&offered.key, &offered.kept);
            editor.restored = Some(RESTORED.to_owned());
        } else {
            if let (Some(store), Some(app_id)) = (store, &self.app_id) {
                store.discard(DRAFT_KIND, app_id, &offered.key);
            }
            let why = state.map_or_else(
                || "no longer exists".to_owned(),
                |state| format!("is {state} and takes no more changes"),
            );
            editor.restored = Some(format!(
                "Journey {} {why}; saving the draft creates a new journey.",
                offered.key
            ));
        }
        editor.draft = unstored(offered.kept.draft);
        editor.moved = offered.kept.moved;
        self.editor = Some(editor);
        None
    }

    /// The editor of a journey just read: with the draft being restored on top when it is
    /// this journey's.
    pub(super) fn opened(&mut self, j: LoadedJourney) -> Editor {
        let mut editor = Editor::loaded(j);
        let Some(offered) = self.restoring.take_if(|o| Some(&o.key) == editor.journey_id.as_ref())
        else {
            return editor;
        };
        let stored = editor.draft.clone();
        let mut draft = offered.kept.draft.clone();
        // The state and dates are the service's; a published journey keeps its activities
        // and entry whatever the draft holds.
        draft.state = stored.state;
        draft.creation_date = stored.creation_date;
        draft.last_modified_date = stored.last_modified_date;
        if editor.graph_fixed() {
            draft.activities = stored.activities;
            draft.start_activity = stored.start_activity;
            draft.entry = stored.entry;
            draft.entry_description = stored.entry_description;
        }
        editor.kept = Kept::restored(&offered.key, &offered.kept);
        editor.draft = draft;
        editor.moved = offered.kept.moved;
        editor.tab = Tab::Canvas;
        editor.restored = Some(RESTORED.to_owned());
        editor
    }

    /// The journey a draft was to be restored over could not be read: the draft is offered
    /// again.
    pub(super) fn restore_failed(&mut self) {
        if let Some(offered) = self.restoring.take() {
            self.offered.push(offered);
            self.offered.sort_by(|a, b| a.key.cmp(&b.key));
        }
    }

    /// Writes the editor's draft to disk when it changed (removes it when it matches the
    /// service again, or the journey takes no more changes).
    pub(super) fn persist(&mut self, store: Option<&DraftStore>) {
        let (Some(store), Some(app_id), Some(editor)) = (store, &self.app_id, &mut self.editor)
        else {
            return;
        };
        let dirty = editor.is_dirty() && !editor.finished();
        let now = KeptJourney::of(editor);
        editor.kept.persist(store, DRAFT_KIND, app_id, &now, dirty);
    }

    /// Removes a kept draft.
    pub(super) fn discard(&self, store: Option<&DraftStore>, key: &str) {
        if let (Some(store), Some(app_id)) = (store, &self.app_id) {
            store.discard(DRAFT_KIND, app_id, key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ApiResponse;
    use crate::api::journeys::{JourneyRow, JourneysResponse};
    use crate::drafts::journey::fixtures;
    use crate::ui::kept::InFlight;
    use crate::ui::tasks::Task;

    fn dir() -> std::path::PathBuf {
        std::env::temp_dir().join(format!("pp-journey-kept-{}", uuid::Uuid::new_v4()))
    }

    /// A screen as the shell opens it: the list, then the kept drafts from the worker.
    fn screen(store: &DraftStore, rows: &[(&str, &str)]) -> JourneysScreen {
        let mut screen = JourneysScreen::for_project("app");
        let rows = rows.iter().map(|(id, state)| JourneyRow {
            id: (*id).into(),
            name: format!("Journey {id}"),
            state: (*state).into(),
            entry: String::new(),
            schedule: String::new(),
            last_modified: String::new(),
            entered: None,
        });
        screen.rows = Some(rows.collect());
        let drafts = store.load_all(DRAFT_KIND, "app");
        let drafts = ApiResponse::Drafts { kind: DraftKind::Journey, app_id: "app".into(), drafts };
        let _ = screen.apply(Task::JourneyDrafts, drafts, Some(store));
        screen
    }

    fn answer(task: Task, id: &str, state: &str, draft: JourneyDraft) -> (Task, ApiResponse) {
        let j = LoadedJourney { id: id.into(), state: state.into(), draft };
        let r = if task == Task::JourneyLoad {
            JourneysResponse::Loaded(Box::new(j))
        } else {
            JourneysResponse::Saved(Box::new(j))
        };
        (task, ApiResponse::Journeys(r))
    }

    fn stored(state: &str) -> JourneyDraft {
        JourneyDraft { state: state.into(), ..fixtures::built() }
    }

    #[test]
    fn a_full_draft_round_trips_through_the_store_as_stable_json() {
        let dir = dir();
        let store = DraftStore::new(&dir);
        let moved = BTreeMap::from([("sms1".to_owned(), egui::vec2(12.5, -40.0))]);
        let kept = KeptJourney { draft: fixtures::full(), moved };
        store.save(DRAFT_KIND, "app", "j1", &kept).unwrap();
        let back: KeptJourney = store.load(DRAFT_KIND, "app", "j1").unwrap();
        assert_eq!(back, kept);
        let text = std::fs::read_to_string(dir.join("journey.app.j1.json")).unwrap();
        assert_eq!(text, serde_json::to_string_pretty(&back).unwrap(), "written the same again");
        // The form on disk: members by their Rust names, kinds by variant.
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json["draft"]["activities"]["sms1"]["kind"]["Message"]["channel"], "Sms");
        assert_eq!(json["draft"]["entry"]["Event"]["filter_type"], "ENDPOINT");
        assert_eq!(json["moved"]["sms1"], serde_json::json!({"x": 12.5, "y": -40.0}));
        // A member missing (an older console's file) reads as its default.
        let older: KeptJourney =
            serde_json::from_value(serde_json::json!({"draft": {"name": "Old"}})).unwrap();
        assert_eq!(older.draft, JourneyDraft::named("Old"));
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_new_journey_is_kept_under_a_new_key_then_under_its_id_once_created() {
        let dir = dir();
        let store = DraftStore::new(&dir);
        let mut screen = screen(&store, &[]);
        screen.editor = Some(Editor::new("New journey"));
        screen.persist(Some(&store));
        assert!(store.keys(DRAFT_KIND, "app").is_empty(), "untouched: nothing written");
        let editor = screen.editor.as_mut().unwrap();
        editor.draft = fixtures::built();
        editor.moved.insert("sms1".into(), egui::vec2(30.0, 0.0));
        let key = editor.kept.key().to_owned();
        assert!(kept::is_new(&key));
        screen.persist(Some(&store));
        assert_eq!(store.keys(DRAFT_KIND, "app"), std::slice::from_ref(&key));
        // Created; a description typed while it was on its way stays, kept under the id.
        let editor = screen.editor.as_mut().unwrap();
        screen.saving = Some(InFlight { key: key.clone(), sent_from: KeptJourney::of(editor) });
        editor.draft.activities.get_mut("sms1").unwrap().description = "typed meanwhile".into();
        let (task, saved) = answer(Task::JourneySave, "j1", "DRAFT", stored("DRAFT"));
        let _ = screen.apply(task, saved, Some(&store));
        screen.persist(Some(&store));
        assert_eq!(store.keys(DRAFT_KIND, "app"), ["j1"], "moved to the created id");
        let kept: KeptJourney = store.load(DRAFT_KIND, "app", "j1").unwrap();
        assert_eq!(kept.draft.activities["sms1"].description, "typed meanwhile");
        assert_eq!(kept.moved["sms1"], egui::vec2(30.0, 0.0));
        // Saved again with nothing typed since: matches the service, the file goes.
        let editor = screen.editor.as_ref().unwrap();
        screen.saving = Some(InFlight { key: "j1".into(), sent_from: KeptJourney::of(editor) });
        let draft = JourneyDraft { state: "DRAFT".into(), ..editor.draft.clone() };
        let (task, saved) = answer(Task::JourneySave, "j1", "DRAFT", draft);
        let _ = screen.apply(task, saved, Some(&store));
        screen.persist(Some(&store));
        assert!(store.keys(DRAFT_KIND, "app").is_empty());
        assert!(!screen.editor.as_ref().unwrap().is_dirty());
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_new_form_never_overwrites_a_kept_draft() {
        let dir = dir();
        let store = DraftStore::new(&dir);
        let kept = KeptJourney { draft: JourneyDraft::named("Kept"), moved: BTreeMap::new() };
        store.save(DRAFT_KIND, "app", "new-1", &kept).unwrap();
        let mut screen = screen(&store, &[]);
        assert_eq!(screen.offered.len(), 1);
        screen.editor = Some(Editor::new("New journey"));
        screen.persist(Some(&store));
        assert_eq!(store.keys(DRAFT_KIND, "app"), ["new-1"], "untouched: nothing written");
        screen.editor.as_mut().unwrap().draft.name = "Another".into();
        screen.persist(Some(&store));
        assert_eq!(store.keys(DRAFT_KIND, "app").len(), 2);
        assert_eq!(store.load::<KeptJourney>(DRAFT_KIND, "app", "new-1").unwrap(), kept);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_kept_draft_comes_back_over_its_journey_or_as_a_new_one() {
        let dir = dir();
        let store = DraftStore::new(&dir);
        let mut draft = stored("DRAFT");
        draft.name = "Changed".into();
        draft.activities.remove("email1");
        let moved = BTreeMap::from([("sms1".to_owned(), egui::vec2(5.0, 5.0))]);
        let kept = KeptJourney { draft, moved };
        for id in ["live", "gone", "done", "published"] {
            store.save(DRAFT_KIND, "app", id, &kept).unwrap();
        }
        let rows = [("live", "DRAFT"), ("done", "COMPLETED"), ("published", "ACTIVE")];
        let mut screen = screen(&store, &rows);
        let at = |s: &JourneysScreen, key: &str| s.offered.iter().position(|o| o.key == key);

        // Its journey exists: read first, then the draft goes on top, on the canvas.
        let open = screen.restore(at(&screen, "live").unwrap(), Some(&store));
        assert!(
            matches!(open, Some(Action::Journeys(JourneyAction::Open(ref id))) if id == "live")
        );
        let (task, loaded) = answer(Task::JourneyLoad, "live", "DRAFT", stored("DRAFT"));
        let _ = screen.apply(task, loaded, Some(&store));
        let editor = screen.editor.as_ref().unwrap();
        assert_eq!((editor.draft.name.as_str(), editor.tab), ("Changed", Tab::Canvas));
        assert_eq!(editor.moved, kept.moved);
        assert!(editor.is_dirty() && editor.restored.as_deref() == Some(RESTORED));
        assert_eq!(editor.kept.key(), "live");

        // Published meanwhile: its activities and entry are the service's, the rest is back.
        let open = screen.restore(at(&screen, "published").unwrap(), Some(&store));
        assert!(open.is_some());
        let (task, loaded) = answer(Task::JourneyLoad, "published", "ACTIVE", stored("ACTIVE"));
        let _ = screen.apply(task, loaded, Some(&store));
        let editor = screen.editor.as_ref().unwrap();
        assert_eq!(editor.draft.name, "Changed");
        assert_eq!(editor.draft.activities, fixtures::built().activities);
        assert_eq!(editor.draft.state, "ACTIVE");

        // Deleted, or finished: a new journey's draft under a new key; the old file goes.
        for (key, why) in [("gone", "no longer exists"), ("done", "is COMPLETED")] {
            assert!(screen.restore(at(&screen, key).unwrap(), Some(&store)).is_none());
            let editor = screen.editor.as_ref().unwrap();
            assert!(editor.journey_id.is_none() && editor.draft.state.is_empty());
            assert!(editor.restored.as_ref().unwrap().contains(why));
            screen.persist(Some(&store));
            assert!(store.load::<KeptJourney>(DRAFT_KIND, "app", key).is_none());
        }
        let new = store.keys(DRAFT_KIND, "app").into_iter().filter(|k| kept::is_new(k)).count();
        assert_eq!(new, 2);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_draft_whose_journey_cannot_be_read_is_offered_again() {
        let dir = dir();
        let store = DraftStore::new(&dir);
        let kept = KeptJourney { draft: stored("DRAFT"), moved: BTreeMap::new() };
        store.save(DRAFT_KIND, "app", "j1", &kept).unwrap();
        let mut screen = screen(&store, &[("j1", "DRAFT")]);
        assert!(screen.restore(0, Some(&store)).is_some());
        assert!(screen.offered.is_empty());
        let error = crate::api::ApiError::local(crate::api::ErrorKind::Drafts, "unreachable");
        screen.fail(Task::JourneyLoad, error);
        assert_eq!(screen.offered.len(), 1);
        assert!(screen.restoring.is_none() && screen.editor.is_none());
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_finished_journey_keeps_nothing() {
        let dir = dir();
        let store = DraftStore::new(&dir);
        let mut screen = screen(&store, &[]);
        // A published journey's settings are kept while they differ from the service's.
        let (task, loaded) = answer(Task::JourneyLoad, "j1", "ACTIVE", stored("ACTIVE"));
        let _ = screen.apply(task, loaded, Some(&store));
        screen.editor.as_mut().unwrap().draft.quiet_start = "22:00".into();
        screen.persist(Some(&store));
        assert_eq!(store.keys(DRAFT_KIND, "app"), ["j1"]);
        // Cancelled: it takes no more changes, and its draft goes.
        let (task, cancelled) = answer(Task::JourneyState, "j1", "CANCELLED", stored("CANCELLED"));
        let _ = screen.apply(task, cancelled, Some(&store));
        screen.editor.as_mut().unwrap().draft.name = "Typed".into();
        screen.persist(Some(&store));
        assert!(store.keys(DRAFT_KIND, "app").is_empty());
        let _ = std::fs::remove_dir_all(dir);
    }
}
