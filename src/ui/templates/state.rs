//! The Templates section's data, and how answers and failures land in it.

use aws_sdk_pinpoint::types::EndpointResponse;

use crate::api::templates::{LoadedTemplate, TemplateRow, TemplateVersion};
use crate::api::{ApiError, ApiResponse};
use crate::drafts::FieldErrors;
use crate::drafts::tags::TagsDraft;
use crate::drafts::template::TemplateDraft;
use crate::pinpoint::TemplateKind;
use crate::ui::action::{Action, TemplateAction};
use crate::ui::tasks::Task;

/// Editor tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EditorTab {
    /// Every member of the kind's request.
    #[default]
    Message,
    /// The rendered template.
    Preview,
    /// Versions, make active, diff.
    Versions,
    /// Tags.
    Tags,
}

/// Where the preview's placeholders come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PreviewSource {
    /// Values typed in the preview (with the template's defaults beneath).
    #[default]
    Typed,
    /// An endpoint of a project.
    Endpoint,
}

/// One open template.
#[derive(Debug, Clone, Default)]
pub struct TemplateEditor {
    /// The form.
    pub draft: Option<TemplateDraft>,
    /// The version the form was loaded from (`None`: a new template).
    pub stored: Option<LoadedTemplate>,
    /// The active version, as the list or the last change said.
    pub active_version: String,
    /// The tab shown.
    pub tab: EditorTab,
    /// Inline messages, shown once a save was tried.
    pub errors: FieldErrors,
    /// True once a save was tried (messages show from then on).
    pub tried: bool,
    /// The service's refusal of the last save.
    pub save_error: Option<ApiError>,
    /// Save as a new version (else over the latest).
    pub new_version: bool,
    /// A note after a save or a change of the active version.
    pub note: Option<String>,
    /// The versions, newest first, once read.
    pub versions: Vec<TemplateVersion>,
    /// Why the versions could not be read.
    pub versions_error: Option<String>,
    /// The two versions compared (indexes into `versions`).
    pub compare: (usize, usize),
    /// The preview's source.
    pub source: PreviewSource,
    /// Typed values for the preview.
    pub values: Vec<(String, String)>,
    /// The project an endpoint is read from.
    pub preview_app: String,
    /// The endpoint id as typed.
    pub endpoint_id: String,
    /// The endpoint, once read.
    pub endpoint: Option<EndpointResponse>,
    /// Why it could not be read.
    pub endpoint_error: Option<String>,
    /// The tags.
    pub tags: TagsDraft,
    /// Why the tags could not be read or saved.
    pub tags_error: Option<ApiError>,
    /// The template being read is to be copied into a new, unsaved one.
    pub duplicating: bool,
}

impl TemplateEditor {
    /// An editor for a new template of `kind`.
    #[must_use]
    pub fn new(kind: TemplateKind) -> Self {
        Self { draft: Some(TemplateDraft::new(kind)), new_version: true, ..Self::default() }
    }

    /// An editor waiting for a template to load, to copy it into a new one (unsaved).
    #[must_use]
    pub fn duplicating() -> Self {
        Self { duplicating: true, new_version: true, ..Self::default() }
    }

    /// An editor waiting for `name` to load.
    #[must_use]
    pub fn opening(active_version: &str) -> Self {
        Self { active_version: active_version.to_owned(), new_version: true, ..Self::default() }
    }

    /// True when the form differs from the version it was loaded from (a new one: once typed in).
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        match (&self.draft, &self.stored) {
            (Some(d), Some(s)) => {
                d.to_json() != TemplateDraft::from_json(s.kind, &s.name, &s.body).to_json()
            }
            (Some(d), None) => {
                !d.name.is_empty() || d.to_json() != TemplateDraft::new(d.kind).to_json()
            }
            _ => false,
        }
    }

    fn load(&mut self, loaded: LoadedTemplate) {
        if std::mem::take(&mut self.duplicating) {
            // Same kind and content under a new name; created as version 1 when saved.
            let mut copy = TemplateDraft::from_json(loaded.kind, &loaded.name, &loaded.body);
            copy.name = format!("{}-copy", loaded.name);
            self.note = Some(format!("A copy of “{}”: name it and create it.", loaded.name));
            self.draft = Some(copy);
            return;
        }
        self.draft = Some(TemplateDraft::from_json(loaded.kind, &loaded.name, &loaded.body));
        if self.tags.arn != loaded.meta.arn {
            self.tags = TagsDraft::for_arn(&loaded.meta.arn);
        }
        self.stored = Some(loaded);
        self.errors.clear();
        self.tried = false;
        self.save_error = None;
    }
}

/// The section's state.
#[derive(Debug, Default)]
pub struct TemplatesScreen {
    /// The templates of the filter.
    pub rows: Vec<TemplateRow>,
    /// True once a list arrived.
    pub loaded: bool,
    /// Why the list could not be read.
    pub list_error: Option<ApiError>,
    /// The type filter (`TemplateType`).
    pub kind_filter: Option<TemplateKind>,
    /// The name filter (`Prefix`).
    pub prefix: String,
    /// The kind the "New" button creates.
    pub new_kind: Option<TemplateKind>,
    /// The open editor.
    pub editor: Option<TemplateEditor>,
    /// A template awaiting delete confirmation.
    pub confirm_delete: Option<(String, TemplateKind)>,
    /// Recommender configurations (id, name), once read.
    pub recommenders: Option<Vec<(String, String)>>,
    /// A note over the list (a deletion).
    pub note: Option<String>,
    /// A failure with no field of its own (a deletion).
    pub error: Option<ApiError>,
}

impl TemplatesScreen {
    /// The row of a template, if listed.
    #[must_use]
    pub fn row(&self, name: &str, kind: TemplateKind) -> Option<&TemplateRow> {
        self.rows.iter().find(|r| r.name == name && r.kind == kind)
    }

    /// Applies an answer of one of the section's tasks.
    pub fn apply(&mut self, response: ApiResponse) -> Vec<Action> {
        let mut actions = Vec::new();
        match response {
            ApiResponse::Templates(rows) => {
                self.rows = rows;
                self.loaded = true;
                self.list_error = None;
                if let Some(e) = &mut self.editor
                    && let Some(s) = &e.stored
                    && let Some(row) =
                        self.rows.iter().find(|r| r.name == s.name && r.kind == s.kind)
                {
                    e.active_version.clone_from(&row.version);
                }
            }
            ApiResponse::Template(loaded) => {
                if let Some(e) = &mut self.editor {
                    e.load(*loaded);
                }
            }
            ApiResponse::TemplateSaved(loaded) => {
                let (name, kind, version) =
                    (loaded.name.clone(), loaded.kind, loaded.meta.version.clone());
                if let Some(e) = &mut self.editor {
                    let created = e.stored.is_none();
                    e.load(*loaded);
                    e.note = Some(if created {
                        format!("Created “{name}” · version {version}")
                    } else {
                        format!("Saved as version {version}")
                    });
                    e.versions.clear();
                    if e.tab == EditorTab::Versions {
                        actions.push(Action::Templates(TemplateAction::Versions { name, kind }));
                    }
                }
                actions.push(Action::Templates(TemplateAction::List));
            }
            ApiResponse::TemplateDeleted { name, kind } => {
                self.confirm_delete = None;
                self.rows.retain(|r| !(r.name == name && r.kind == kind));
                if self
                    .editor
                    .as_ref()
                    .and_then(|e| e.stored.as_ref())
                    .is_some_and(|s| s.name == name)
                {
                    self.editor = None;
                }
                self.note = Some(format!("Deleted template “{name}” ({})", kind.type_name()));
            }
            ApiResponse::TemplateVersions { name, versions, .. } => {
                if let Some(e) = &mut self.editor
                    && e.stored.as_ref().is_some_and(|s| s.name == name)
                {
                    e.compare = (versions.len().saturating_sub(1).min(1), 0);
                    e.versions = versions;
                    e.versions_error = None;
                }
            }
            ApiResponse::ActiveVersionSet { name, kind, version } => {
                if let Some(e) = &mut self.editor {
                    e.active_version.clone_from(&version);
                    e.note = Some(format!("Version {version} is now the active version"));
                }
                if let Some(row) = self.rows.iter_mut().find(|r| r.name == name && r.kind == kind) {
                    row.version = version;
                }
                actions.push(Action::Templates(TemplateAction::List));
            }
            ApiResponse::Recommenders(all) => self.recommenders = Some(all),
            ApiResponse::Tags { arn, tags } => {
                if let Some(e) = &mut self.editor
                    && e.tags.arn == arn
                {
                    e.tags.load(&arn, tags);
                    e.tags_error = None;
                }
            }
            ApiResponse::PreviewEndpoint(endpoint) => {
                if let Some(e) = &mut self.editor {
                    e.endpoint = Some(*endpoint);
                    e.endpoint_error = None;
                }
            }
            ApiResponse::Opened(path) => {
                if let Some(e) = &mut self.editor {
                    e.note = Some(format!("Opened {} in the browser", path.display()));
                }
            }
            other => {
                tracing::warn!(answer = ?other, "an answer the Templates section did not ask for");
            }
        }
        actions
    }

    /// Shows a failure where it happened.
    pub fn fail(&mut self, task: Task, error: ApiError) {
        let editor = self.editor.as_mut();
        match (task, editor) {
            (Task::TemplateList, _) => self.list_error = Some(error),
            (Task::TemplateSave, Some(e)) => e.save_error = Some(error),
            (Task::TemplateDelete, _) => {
                self.confirm_delete = None;
                self.error = Some(error);
            }
            (Task::TemplateVersions, Some(e)) => e.versions_error = Some(error.plain()),
            (Task::TemplatePreview, Some(e)) => e.endpoint_error = Some(error.plain()),
            (Task::TemplateTags, Some(e)) => e.tags_error = Some(error),
            (Task::Recommenders, _) => self.recommenders = Some(Vec::new()),
            (Task::TemplateLoad, Some(e)) if e.draft.is_none() => {
                self.editor = None;
                self.error = Some(error);
            }
            _ => self.error = Some(error),
        }
    }
}
