//! The section's state as plain data: the open builder, the drafts offered back, the save on
//! its way, the sizes, values and jobs from the worker, and how an answer or a failure lands in
//! them (`apply`, `fail`).

use aws_sdk_pinpoint::types::SegmentResponse;
use serde_json::Value;

use super::{EditorTab, SegmentAction, Tab, estimate, jobs, versions};
use crate::api::jobs::JobRow;
use crate::api::{ApiError, ApiResponse};
use crate::drafts::FieldErrors;
use crate::drafts::segment::SegmentDraft;
use crate::drafts::store::DraftKind;
use crate::drafts::store::DraftStore;
use crate::ui::action::Action;
use crate::ui::editor_bar::Notice;
use crate::ui::kept::{self, InFlight, Kept};
use crate::ui::tasks::Task;
use crate::ui::version_diff::Version;

/// The draft kind on disk.
pub(super) const DRAFT_KIND: &str = DraftKind::Segment.as_str();

/// The builder of one segment.
#[derive(Debug, Clone, Default)]
pub struct Editor {
    /// The segment, once created.
    pub segment_id: Option<String>,
    /// Its version.
    pub version: Option<i32>,
    /// What the form holds.
    pub draft: SegmentDraft,
    /// What the service stored.
    pub baseline: Option<SegmentDraft>,
    /// Inline messages.
    pub errors: FieldErrors,
    /// The tab.
    pub tab: EditorTab,
    /// Versions, newest first.
    pub versions: Vec<SegmentResponse>,
    /// The same versions as the versions view shows them (built once per answer).
    pub version_views: Vec<Version>,
    /// The two versions compared.
    pub compare: (usize, usize),
    /// The estimate.
    pub estimate: estimate::Estimate,
    /// A failed save.
    pub save_error: Option<ApiError>,
    /// Why the versions could not be read.
    pub versions_error: Option<String>,
    /// The draft on disk.
    pub kept: Kept<SegmentDraft>,
    /// What the last step left to say ("Saved … version 2"), while it holds.
    pub notice: Option<Notice<SegmentDraft, EditorTab>>,
    /// Bring the lines under the bar on screen next frame (a save's result arrived).
    pub scroll_to_result: bool,
    /// The segment's tags (TagResource / UntagResource), once it exists.
    pub tags: crate::drafts::tags::TagsDraft,
    /// Why the tags could not be read or saved.
    pub tags_error: Option<ApiError>,
}

impl Editor {
    pub(super) fn key(&self) -> String {
        self.kept.key().to_owned()
    }

    /// A form for a new segment.
    pub(super) fn new_segment() -> Self {
        let draft = SegmentDraft::default();
        Self { kept: Kept::fresh(&draft), draft, ..Self::default() }
    }

    /// True when the form differs from what the service stored.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.baseline.as_ref() != Some(&self.draft)
    }

    pub(super) fn for_segment(s: &SegmentResponse) -> Self {
        let draft = SegmentDraft::from(s);
        Self {
            kept: Kept::existing(s.id().unwrap_or_default()),
            segment_id: s.id().map(str::to_owned),
            version: s.version(),
            baseline: Some(draft.clone()),
            draft,
            tags: crate::drafts::tags::TagsDraft::for_arn(s.arn().unwrap_or_default()),
            ..Self::default()
        }
    }

    /// The segment's name as stored (what the form holds while it is new).
    #[must_use]
    pub fn stored_name(&self) -> &str {
        self.baseline.as_ref().map_or(&self.draft.name, |b| &b.name)
    }
}

/// A segment as the pickers offer it (the campaign editor's, the builder's base segments, the
/// export's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentChoice {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Latest version.
    pub version: i32,
    /// Endpoints in it as last known: an import's count or the mock's estimate for the list.
    pub size: Option<u64>,
}

/// State of the Segments section.
#[derive(Debug, Default)]
pub struct SegmentsScreen {
    /// The project.
    pub app_id: Option<String>,
    /// The section tab.
    pub tab: Tab,
    /// The segments, once loaded.
    pub segments: Option<Vec<SegmentResponse>>,
    /// Filter text.
    pub filter: String,
    /// The builder.
    pub editor: Option<Editor>,
    /// Drafts found on disk: (key, draft).
    pub offered: Vec<(String, SegmentDraft)>,
    /// A delete waiting for confirmation: (id, name).
    pub confirm_delete: Option<(String, String)>,
    /// The save on its way.
    pub saving: Option<InFlight<SegmentDraft>>,
    /// Values seen in the project (mock).
    pub values: Option<Value>,
    /// Matching endpoints per segment id (mock), once estimated for the list shown.
    pub sizes: Option<std::collections::HashMap<String, u64>>,
    /// Jobs, newest first.
    pub jobs: Vec<JobRow>,
    /// The import and export forms.
    pub jobs_form: jobs::Form,
    /// What happened last in the list ("Deleted segment …").
    pub note: Option<String>,
    /// Why the list could not be loaded (shown in its place, with Retry).
    pub list_error: Option<ApiError>,
    /// A failed call outside the builder, the list and the jobs.
    pub error: Option<ApiError>,
}

impl SegmentsScreen {
    /// A fresh screen for a project (its kept drafts arrive as an `ApiResponse::Drafts`).
    #[must_use]
    pub fn for_project(app_id: &str) -> Self {
        Self { app_id: Some(app_id.to_owned()), ..Self::default() }
    }

    /// Every segment, for pickers: id, name, latest version and size as last known.
    #[must_use]
    pub fn choices(&self) -> Vec<SegmentChoice> {
        self.segments
            .iter()
            .flatten()
            .map(|s| {
                let id = s.id().unwrap_or_default().to_owned();
                let size = s
                    .import_definition()
                    .and_then(aws_sdk_pinpoint::types::SegmentImportResource::size)
                    .and_then(|n| u64::try_from(n).ok())
                    .or_else(|| self.sizes.as_ref()?.get(&id).copied());
                SegmentChoice {
                    name: s.name().unwrap_or_default().to_owned(),
                    version: s.version().unwrap_or(1),
                    size,
                    id,
                }
            })
            .collect()
    }

    /// Applies a worker answer.
    pub fn apply(&mut self, response: ApiResponse, store: Option<&DraftStore>) -> Vec<Action> {
        self.error = None;
        match response {
            ApiResponse::Segments(list) => {
                self.segments = Some(list);
                self.sizes = None;
                self.list_error = None;
            }
            ApiResponse::SegmentSizes(sizes) => self.sizes = Some(sizes.into_iter().collect()),
            ApiResponse::Drafts { app_id, drafts, .. } if self.app_id.as_ref() == Some(&app_id) => {
                self.offered = kept::parse_drafts(drafts);
            }
            ApiResponse::SegmentSaved(saved) => return self.saved(*saved, store),
            ApiResponse::Tags { arn, tags } => {
                if let Some(editor) = self.editor.as_mut().filter(|e| e.tags.arn == arn) {
                    editor.tags.load(&arn, tags);
                    editor.tags_error = None;
                }
            }
            ApiResponse::SegmentDeleted(id) => {
                self.confirm_delete = None;
                if let Some(list) = &mut self.segments {
                    list.retain(|s| s.id() != Some(id.as_str()));
                }
                if self.editor.as_ref().and_then(|e| e.segment_id.as_deref()) == Some(&id) {
                    if let (Some(store), Some(app_id)) = (store, &self.app_id) {
                        store.discard(DRAFT_KIND, app_id, &id);
                    }
                    self.editor = None;
                }
                self.note = Some(format!("Deleted segment {id}."));
            }
            ApiResponse::SegmentVersions { segment_id, versions } => {
                if let Some(editor) = &mut self.editor
                    && editor.segment_id.as_deref() == Some(segment_id.as_str())
                {
                    editor.compare = (versions.len().min(2).saturating_sub(1), 0);
                    editor.version_views = versions::views(&versions);
                    editor.versions = versions;
                    editor.versions_error = None;
                }
            }
            ApiResponse::Estimate(value) => {
                if let Some(editor) = &mut self.editor {
                    editor.estimate.result = Some(value);
                    editor.estimate.error = None;
                }
            }
            ApiResponse::SeenValues(values) => self.values = Some(values),
            ApiResponse::Job(job) => {
                let id = job.id.clone();
                self.jobs.retain(|j| j.id != id);
                self.jobs.insert(0, job);
                self.jobs_form.started = Some(id);
                self.jobs_form.starting = None;
                self.jobs_form.scroll_to_started = true;
            }
            ApiResponse::Jobs(jobs) => {
                self.jobs_form.poll_error = None;
                return self.jobs_listed(jobs);
            }
            ApiResponse::FilePicked { path: Some(path), .. } => {
                self.jobs_form.path = path.display().to_string();
            }
            _ => {}
        }
        Vec::new()
    }

    /// A save's answer: the draft kept for it goes, and only the editor that sent it takes the
    /// stored segment (edits made meanwhile stay on top).
    fn saved(&mut self, saved: SegmentResponse, store: Option<&DraftStore>) -> Vec<Action> {
        let id = saved.id().unwrap_or_default().to_owned();
        let sent = self.saving.take();
        if let (Some(store), Some(app_id), Some(sent)) = (store, &self.app_id, &sent) {
            store.discard(DRAFT_KIND, app_id, &sent.key);
        }
        let saved_text = format!(
            "Saved “{}” · version {}",
            saved.name().unwrap_or_default(),
            saved.version().unwrap_or(1)
        );
        let mut follow_up = Vec::new();
        // Only the editor that sent it takes the answer (and says so under its bar); edits
        // made meanwhile stay.
        if let (Some(editor), Some(sent)) = (&mut self.editor, &sent)
            && editor.key() == sent.key
        {
            let mut next = Editor::for_segment(&saved);
            next.tab = editor.tab;
            next.estimate = std::mem::take(&mut editor.estimate);
            if editor.tags.arn == next.tags.arn {
                next.tags = std::mem::take(&mut editor.tags);
            }
            if editor.draft != sent.sent_from {
                next.draft = std::mem::take(&mut editor.draft);
            }
            next.notice = Some(Notice::until_changed(saved_text, next.draft.clone(), next.tab));
            next.scroll_to_result = true;
            *editor = next;
            follow_up.push(Action::Segments(SegmentAction::Versions(id.clone())));
        }
        if let Some(list) = &mut self.segments {
            list.retain(|s| s.id() != Some(id.as_str()));
            list.push(saved);
        }
        follow_up
    }

    /// The jobs, newest first; when an import finished since the last look, the list reloads
    /// (the import defined a segment).
    fn jobs_listed(&mut self, jobs: Vec<JobRow>) -> Vec<Action> {
        let was_running: Vec<String> =
            self.jobs.iter().filter(|j| !j.finished()).map(|j| j.id.clone()).collect();
        let import_done =
            jobs.iter().any(|j| j.import && j.finished() && was_running.contains(&j.id));
        self.jobs = jobs;
        if import_done { vec![Action::Segments(SegmentAction::Reload)] } else { Vec::new() }
    }

    /// Shows a failed call.
    pub fn fail(&mut self, task: Task, error: ApiError) {
        if task == Task::SegmentSave {
            self.saving = None;
            self.confirm_delete = None;
        }
        match (&mut self.editor, task) {
            (_, Task::SegmentList) => self.list_error = Some(error),
            (Some(editor), Task::SegmentTags) => editor.tags_error = Some(error),
            (Some(editor), Task::SegmentSave) => {
                editor.save_error = Some(error);
                editor.scroll_to_result = true;
            }
            (Some(editor), Task::Estimate) => editor.estimate.error = Some(error.plain()),
            (Some(editor), Task::SegmentVersions) => {
                editor.versions_error = Some(error.plain());
            }
            (_, Task::Jobs) => self.jobs_form.start_failed(error),
            (_, Task::JobPoll) => self.jobs_form.poll_error = Some(error),
            (_, Task::SeenValues) => self.values = Some(Value::Null),
            (_, Task::SegmentSizes) => self.sizes = Some(std::collections::HashMap::new()),
            _ => self.error = Some(error),
        }
    }

    /// Writes the editor's draft to disk when it changed (removes it when it matches the
    /// service again).
    pub(super) fn persist(&mut self, store: Option<&DraftStore>) {
        let (Some(store), Some(app_id), Some(editor)) = (store, &self.app_id, &mut self.editor)
        else {
            return;
        };
        let dirty = editor.is_dirty();
        editor.kept.persist(store, DRAFT_KIND, app_id, &editor.draft, dirty);
    }

    /// Opens an offered draft: over its segment while that exists, else as a new segment's
    /// draft (kept under a new key).
    pub(super) fn restore(&mut self, i: usize, store: Option<&DraftStore>) {
        let (key, draft) = self.offered.remove(i);
        let existing = self
            .segments
            .iter()
            .flatten()
            .find(|s| s.id() == Some(key.as_str()))
            .map(Editor::for_segment);
        let gone = existing.is_none() && !kept::is_new(&key);
        let mut editor = existing.unwrap_or_else(Editor::new_segment);
        if gone {
            if let (Some(store), Some(app_id)) = (store, &self.app_id) {
                store.discard(DRAFT_KIND, app_id, &key);
            }
            editor.notice = Some(Notice::lasting(format!(
                "Segment {key} no longer exists; saving the draft creates a new segment."
            )));
        } else {
            editor.kept = Kept::restored(&key, &draft);
            editor.notice = Some(Notice::until_changed(
                "Your unsaved changes are back.",
                draft.clone(),
                editor.tab,
            ));
        }
        editor.draft = draft;
        self.note = None;
        self.editor = Some(editor);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment(id: &str, version: i32) -> SegmentResponse {
        SegmentResponse::builder().id(id).name(id.to_uppercase()).version(version).build()
    }

    #[test]
    fn a_save_answer_goes_to_the_editor_that_sent_it_only() {
        let mut screen = SegmentsScreen::for_project("app");
        screen.segments = Some(vec![segment("a", 1), segment("b", 1)]);
        let sent_from = Editor::for_segment(&segment("a", 1)).draft;
        screen.saving = Some(InFlight { key: "a".into(), sent_from });
        let mut b = Editor::for_segment(&segment("b", 1));
        b.draft.name = "typed while A saved".into();
        screen.editor = Some(b);
        let follow_up = screen.apply(ApiResponse::SegmentSaved(Box::new(segment("a", 2))), None);
        assert!(follow_up.is_empty(), "no versions of A for B's builder");
        let editor = screen.editor.as_ref().unwrap();
        assert_eq!(editor.segment_id.as_deref(), Some("b"));
        assert_eq!(editor.draft.name, "typed while A saved");
        let stored = screen.segments.as_ref().unwrap();
        assert_eq!(stored.iter().find(|s| s.id() == Some("a")).unwrap().version(), Some(2));

        // The sender's own answer: the builder moves to the stored version and asks for its
        // versions; edits made after sending stay on top.
        let mut a = Editor::for_segment(&segment("a", 2));
        let sent_from = a.draft.clone();
        a.draft.name = "typed after Save".into();
        screen.editor = Some(a);
        screen.saving = Some(InFlight { key: "a".into(), sent_from });
        let follow_up = screen.apply(ApiResponse::SegmentSaved(Box::new(segment("a", 3))), None);
        assert_eq!(follow_up.len(), 1);
        let editor = screen.editor.as_ref().unwrap();
        assert_eq!((editor.version, editor.draft.name.as_str()), (Some(3), "typed after Save"));
        assert!(editor.is_dirty());
    }
}
