//! The Segments section: the project's segments, a visual builder (groups, dimension sets,
//! criteria rows read as sentences) with a live audience estimate when connected to the mock,
//! the request as JSON, versions with a diff, and import/export jobs. The builder is split by
//! part: `groups`, `criteria`, `estimate`, `jobs`.

mod criteria;
mod estimate;
mod groups;
mod jobs;

use aws_sdk_pinpoint::types::SegmentResponse;
use egui::RichText;
use serde_json::Value;

use super::action::Action;
use super::tasks::Task;
use super::theme;
use super::version_diff::{self, Version};
use super::widgets::{
    DraftChoice, EditorChoice, busy_button, editor_buttons, error_label, field_label, field_note,
    form_row, kept_drafts, text_area_row,
};
use crate::api::jobs::{ImportSpec, JobRow};
use crate::api::{ApiError, ApiResponse};
use crate::drafts::FieldErrors;
use crate::drafts::diff::cli_command;
use crate::drafts::segment::SegmentDraft;
use crate::drafts::store::DraftStore;
use crate::ui::kept::{self, InFlight, Kept};

const DRAFT_KIND: &str = "segment";

/// What the section asks the shell for.
#[derive(Debug, Clone)]
pub enum SegmentAction {
    /// Reload the list.
    Reload,
    /// Create or update.
    Save(Option<String>, Box<aws_sdk_pinpoint::types::WriteSegmentRequest>),
    /// Delete.
    Delete(String),
    /// Versions.
    Versions(String),
    /// Estimate a definition (mock).
    Estimate(Value),
    /// Values seen in the project (mock).
    Values,
    /// Sizes of these segments (mock): id and definition.
    Sizes(Vec<(String, Value)>),
    /// Start an import.
    Import(Box<ImportSpec>),
    /// Start an export.
    Export {
        /// Segment id (empty: all endpoints).
        segment_id: String,
        /// `s3://…` prefix.
        s3_prefix: String,
        /// Role ARN.
        role_arn: String,
    },
    /// Refresh the jobs.
    Jobs,
    /// Open the native file dialog for the import.
    PickFile,
}

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
}

impl Editor {
    fn key(&self) -> String {
        self.kept.key().to_owned()
    }

    /// A form for a new segment.
    fn new_segment() -> Self {
        let draft = SegmentDraft::default();
        Self { kept: Kept::fresh(&draft), draft, ..Self::default() }
    }

    /// True when the form differs from what the service stored.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.baseline.as_ref() != Some(&self.draft)
    }

    fn for_segment(s: &SegmentResponse) -> Self {
        let draft = SegmentDraft::from(s);
        Self {
            kept: Kept::existing(s.id().unwrap_or_default()),
            segment_id: s.id().map(str::to_owned),
            version: s.version(),
            baseline: Some(draft.clone()),
            draft,
            ..Self::default()
        }
    }
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
    /// What happened last.
    pub note: Option<String>,
    /// A failed call.
    pub error: Option<ApiError>,
}

impl SegmentsScreen {
    /// A fresh screen for a project (its kept drafts arrive as an `ApiResponse::Drafts`).
    #[must_use]
    pub fn for_project(app_id: &str) -> Self {
        Self { app_id: Some(app_id.to_owned()), ..Self::default() }
    }

    /// (id, name, latest version) of every segment, for pickers.
    #[must_use]
    pub fn choices(&self) -> Vec<(String, String, i32)> {
        self.segments
            .iter()
            .flatten()
            .map(|s| {
                (
                    s.id().unwrap_or_default().to_owned(),
                    s.name().unwrap_or_default().to_owned(),
                    s.version().unwrap_or(1),
                )
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
            }
            ApiResponse::SegmentSizes(sizes) => self.sizes = Some(sizes.into_iter().collect()),
            ApiResponse::Drafts { app_id, drafts, .. } if self.app_id.as_ref() == Some(&app_id) => {
                self.offered = kept::parse_drafts(drafts);
            }
            ApiResponse::SegmentSaved(saved) => {
                let id = saved.id().unwrap_or_default().to_owned();
                let sent = self.saving.take();
                if let (Some(store), Some(app_id), Some(sent)) = (store, &self.app_id, &sent) {
                    store.discard(DRAFT_KIND, app_id, &sent.key);
                }
                self.note = Some(format!(
                    "Saved “{}” · version {}",
                    saved.name().unwrap_or_default(),
                    saved.version().unwrap_or(1)
                ));
                let mut follow_up = Vec::new();
                // Only the editor that sent it takes the answer; edits made meanwhile stay.
                if let (Some(editor), Some(sent)) = (&mut self.editor, &sent)
                    && editor.key() == sent.key
                {
                    let mut next = Editor::for_segment(&saved);
                    next.tab = editor.tab;
                    next.estimate = std::mem::take(&mut editor.estimate);
                    if editor.draft != sent.sent_from {
                        next.draft = std::mem::take(&mut editor.draft);
                    }
                    *editor = next;
                    follow_up.push(Action::Segments(SegmentAction::Versions(id.clone())));
                }
                if let Some(list) = &mut self.segments {
                    list.retain(|s| s.id() != Some(id.as_str()));
                    list.push(*saved);
                }
                return follow_up;
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
                    editor.version_views = version_views(&versions);
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
            }
            ApiResponse::Jobs(jobs) => {
                let was_running: Vec<String> =
                    self.jobs.iter().filter(|j| !j.finished()).map(|j| j.id.clone()).collect();
                let import_done =
                    jobs.iter().any(|j| j.import && j.finished() && was_running.contains(&j.id));
                self.jobs = jobs;
                if import_done {
                    // The import defined a segment: show it in the list.
                    return vec![Action::Segments(SegmentAction::Reload)];
                }
            }
            ApiResponse::FilePicked { path: Some(path), .. } => {
                self.jobs_form.path = path.display().to_string();
            }
            _ => {}
        }
        Vec::new()
    }

    /// Shows a failed call.
    pub fn fail(&mut self, task: Task, error: ApiError) {
        if task == Task::SegmentSave {
            self.saving = None;
            self.confirm_delete = None;
        }
        match (&mut self.editor, task) {
            (Some(editor), Task::SegmentSave) => editor.save_error = Some(error),
            (Some(editor), Task::Estimate) => editor.estimate.error = Some(error.to_string()),
            (Some(editor), Task::SegmentVersions) => {
                editor.versions_error = Some(error.to_string());
            }
            (_, Task::Jobs | Task::JobPoll) => self.jobs_form.error = Some(error),
            (_, Task::SeenValues) => self.values = Some(Value::Null),
            (_, Task::SegmentSizes) => self.sizes = Some(std::collections::HashMap::new()),
            _ => self.error = Some(error),
        }
    }

    fn persist(&mut self, store: Option<&DraftStore>) {
        let (Some(store), Some(app_id), Some(editor)) = (store, &self.app_id, &mut self.editor)
        else {
            return;
        };
        let dirty = editor.is_dirty();
        editor.kept.persist(store, DRAFT_KIND, app_id, &editor.draft, dirty);
    }

    /// Opens an offered draft: over its segment while that exists, else as a new segment's
    /// draft (kept under a new key).
    fn restore(&mut self, i: usize, store: Option<&DraftStore>) {
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
            self.note = Some(format!(
                "Segment {key} no longer exists; saving the draft creates a new segment."
            ));
        } else {
            editor.kept = Kept::restored(&key, &draft);
        }
        editor.draft = draft;
        self.editor = Some(editor);
    }
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
        error_label(ui, &error.to_string());
    }
    if let Some(note) = &screen.note {
        ui.label(RichText::new(note).color(theme::OK));
    }
    if screen.tab == Tab::Jobs {
        actions.extend(jobs::show(ui, screen, is_mock, busy));
        return actions;
    }
    offered_drafts(ui, screen, store);
    if screen.editor.is_some() {
        actions.extend(editor(ui, screen, is_mock, busy));
    } else {
        actions.extend(list(ui, screen, is_mock, store, busy));
    }
    screen.persist(store);
    if let Some((id, name)) = screen.confirm_delete.clone() {
        let mut cancel = false;
        egui::Modal::new(egui::Id::unique("confirm_delete_segment")).show(ui.ctx(), |ui| {
            ui.heading(format!("Delete segment “{name}”?"));
            ui.label(format!(
                "This deletes segment {id} and its versions. Campaigns that use it stop finding recipients."
            ));
            ui.horizontal(|ui| {
                if busy_button(ui, &format!("Delete “{name}”"), busy(Task::SegmentSave)) {
                    actions.push(Action::Segments(SegmentAction::Delete(id.clone())));
                }
                if ui.button("Cancel").clicked() {
                    cancel = true;
                }
            });
        });
        if cancel {
            screen.confirm_delete = None;
        }
    }
    actions
}

fn offered_drafts(ui: &mut egui::Ui, screen: &mut SegmentsScreen, store: Option<&DraftStore>) {
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

fn list(
    ui: &mut egui::Ui,
    screen: &mut SegmentsScreen,
    is_mock: bool,
    store: Option<&DraftStore>,
    busy: &dyn Fn(Task) -> bool,
) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.horizontal(|ui| {
        if ui.button("+ New segment").clicked() {
            screen.editor = Some(Editor::new_segment());
            screen.note = None;
        }
        if busy_button(ui, "Reload segments", busy(Task::SegmentList)) {
            actions.push(Action::Segments(SegmentAction::Reload));
        }
        let label = ui.label("Filter");
        ui.add(egui::TextEdit::singleline(&mut screen.filter).desired_width(180.0))
            .labelled_by(label.id);
    });
    let Some(segments) = &screen.segments else {
        let text = if screen.error.is_some() {
            "The segments could not be read (see above); Reload segments to try again."
        } else {
            "Loading segments…"
        };
        ui.label(RichText::new(text).color(theme::MUTED));
        return actions;
    };
    if is_mock && screen.sizes.is_none() && !busy(Task::SegmentSizes) {
        let definitions = segments
            .iter()
            .filter(|s| s.import_definition().is_none())
            .map(|s| (s.id().unwrap_or_default().to_owned(), SegmentDraft::from(s).to_json()))
            .collect();
        actions.push(Action::Segments(SegmentAction::Sizes(definitions)));
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
    let mut open = None;
    egui::Grid::new("segment_list").striped(true).num_columns(5).spacing([16.0, 6.0]).show(
        ui,
        |ui| {
            for h in ["Name", "Type", "Version", "Size", "Last modified"] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for s in &rows {
                if ui.link(s.name().unwrap_or("(unnamed)")).clicked() {
                    open = Some((*s).clone());
                }
                ui.label(
                    s.segment_type()
                        .map(aws_sdk_pinpoint::types::SegmentType::as_str)
                        .unwrap_or_default(),
                );
                ui.label(s.version().unwrap_or(1).to_string());
                let size = s
                    .import_definition()
                    .and_then(aws_sdk_pinpoint::types::SegmentImportResource::size)
                    .map(|n| n.to_string())
                    .or_else(|| {
                        let id = s.id().unwrap_or_default();
                        screen.sizes.as_ref()?.get(id).map(|n| format!("{n} (estimate)"))
                    });
                ui.label(size.unwrap_or_else(|| "—".into()));
                ui.label(
                    RichText::new(s.last_modified_date().or(s.creation_date()).unwrap_or_default())
                        .color(theme::MUTED),
                );
                ui.end_row();
            }
        },
    );
    if rows.is_empty() {
        ui.label(RichText::new("No segments match.").color(theme::MUTED));
    }
    if let Some(s) = open {
        let id = s.id().unwrap_or_default().to_owned();
        screen.editor = Some(Editor::for_segment(&s));
        screen.note = None;
        // Unsaved changes kept for this segment come back with it (not overwritten).
        if let Some(i) = screen.offered.iter().position(|(key, _)| *key == id) {
            screen.restore(i, store);
            screen.note = Some("Your unsaved changes to this segment are back.".into());
        }
        actions.push(Action::Segments(SegmentAction::Versions(id)));
    }
    actions
}

fn editor(
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
    let mut saving = None;
    let Some(editor) = &mut screen.editor else { return actions };
    let mut close = false;
    ui.horizontal(|ui| {
        if ui.button("< All segments").clicked() {
            close = true;
        }
        ui.heading(match (&editor.segment_id, editor.version) {
            (Some(id), Some(v)) => format!("Segment {id} · version {v}"),
            _ => "New segment".to_owned(),
        });
        if editor.is_dirty() && editor.baseline.is_some() {
            ui.label(RichText::new("unsaved changes").color(theme::WARN));
        }
    });
    if !editor.errors.is_empty() {
        // After a refused save, messages follow the fixes as they are typed.
        editor.errors = editor.draft.to_request().err().unwrap_or_default();
    }
    let errors = editor.errors.clone();
    form_row(ui, "Segment name", &mut editor.draft.name, "Active hikers", errors.get("name"));
    if editor.segment_id.is_some() {
        ui.horizontal(|ui| {
            field_label(ui, "Segment tags");
            let tags = editor.draft.tags.trim();
            ui.label(if tags.is_empty() { "(none)" } else { tags });
        });
        field_note(
            ui,
            "Tags are set when a segment is created; the service ignores them on update.",
        );
    } else {
        text_area_row(ui, "Segment tags", &mut editor.draft.tags, 1, errors.get("tags"));
    }
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
    ui.separator();
    match editor.tab {
        EditorTab::Builder => {
            ui.columns(2, |cols| {
                let own_id = editor.segment_id.clone();
                let others: Vec<_> =
                    choices.iter().filter(|c| Some(&c.0) != own_id.as_ref()).cloned().collect();
                groups::show(&mut cols[0], &mut editor.draft, &errors, &others, values.as_ref());
                actions.extend(estimate::show(
                    &mut cols[1],
                    &mut editor.estimate,
                    &editor.draft,
                    is_mock,
                    busy(Task::Estimate),
                ));
            });
        }
        EditorTab::Json => {
            let json = editor.draft.to_json();
            let pretty = serde_json::to_string_pretty(&json).unwrap_or_default();
            ui.horizontal(|ui| {
                if ui.button("Copy segment JSON").clicked() {
                    ui.ctx().copy_text(pretty.clone());
                }
                if ui.button("Copy as aws pinpoint create-segment").clicked() {
                    let line = match &editor.segment_id {
                        Some(id) => cli_command(
                            "update-segment",
                            &[("application-id", &app_id), ("segment-id", id)],
                            "write-segment-request",
                            &json,
                        ),
                        None => cli_command(
                            "create-segment",
                            &[("application-id", &app_id)],
                            "write-segment-request",
                            &json,
                        ),
                    };
                    ui.ctx().copy_text(line);
                }
            });
            let mut shown = pretty;
            let label = ui.label(RichText::new("WriteSegmentRequest").color(theme::MUTED));
            ui.add(
                egui::TextEdit::multiline(&mut shown).code_editor().desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        }
        EditorTab::Versions => versions(ui, editor),
    }
    ui.separator();
    if !errors.is_empty() {
        error_label(ui, &format!("{} field(s) need attention.", errors.len()));
    }
    if let Some(error) = &editor.save_error {
        error_label(ui, &error.to_string());
    }
    let exists = editor.segment_id.is_some();
    match editor_buttons(ui, "segment", exists, editor.is_dirty(), busy(Task::SegmentSave)) {
        Some(EditorChoice::Save) => {
            editor.save_error = None;
            match editor.draft.to_request() {
                Ok(request) => {
                    editor.errors.clear();
                    saving = Some(InFlight { key: editor.key(), sent_from: editor.draft.clone() });
                    let id = editor.segment_id.clone();
                    actions.push(Action::Segments(SegmentAction::Save(id, Box::new(request))));
                }
                Err(errors) => editor.errors = errors,
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
            screen.confirm_delete = Some((id, editor.draft.name.clone()));
        }
        None => {}
    }
    if saving.is_some() {
        screen.saving = saving;
    }
    if close {
        screen.editor = None;
        actions.push(Action::Segments(SegmentAction::Reload));
    }
    actions
}

fn version_views(versions: &[SegmentResponse]) -> Vec<Version> {
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

fn versions(ui: &mut egui::Ui, editor: &mut Editor) {
    if editor.segment_id.is_none() {
        ui.label(RichText::new("A new segment has no versions yet.").color(theme::MUTED));
        return;
    }
    let failed = editor.versions_error.as_deref();
    version_diff::show(ui, "segment versions", &editor.version_views, &mut editor.compare, failed);
}
