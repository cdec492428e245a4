//! The Campaigns section: a sortable, filterable list of the project's campaigns and an editor
//! for a new or existing one. The editor is split by part: `messages`, `treatments`,
//! `schedule`, `limits`, `history` (versions, diff, activities). Unsaved edits are kept on disk
//! and offered back after a restart.

mod history;
mod limits;
mod messages;
mod schedule;
mod treatments;

use aws_sdk_pinpoint::types::{ActivityResponse, CampaignResponse};
use egui::RichText;

use super::action::Action;
use super::tasks::Task;
use super::theme;
use super::widgets::{
    DraftChoice, EditorChoice, busy_button, editor_buttons, error_label, field_error, field_note,
    form_row, kept_drafts, split_bar, text_area_row,
};
use crate::api::{ApiError, ApiResponse};
use crate::drafts::FieldErrors;
use crate::drafts::campaign::CampaignDraft;
use crate::drafts::diff::cli_command;
use crate::drafts::store::DraftStore;
use crate::ui::kept::{self, InFlight, Kept};

/// The draft kind on disk.
const DRAFT_KIND: &str = "campaign";

/// What the section asks the shell for.
#[derive(Debug, Clone)]
pub enum CampaignAction {
    /// Reload the list (and the segments it names).
    Reload,
    /// Create or update.
    Save(Option<String>, Box<aws_sdk_pinpoint::types::WriteCampaignRequest>),
    /// Delete.
    Delete(String),
    /// Versions and activities.
    History(String),
    /// Load an endpoint for the preview.
    PreviewEndpoint(String),
}

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
    /// The request as JSON.
    Json,
}

/// List columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Column {
    /// Name.
    #[default]
    Name,
    /// Status.
    Status,
    /// Segment.
    Segment,
    /// Frequency.
    Schedule,
    /// Version.
    Version,
    /// Last modified.
    Modified,
}

/// One list row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignRow {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Status.
    pub status: String,
    /// Segment id.
    pub segment: String,
    /// Frequency and start.
    pub schedule: String,
    /// Version.
    pub version: i32,
    /// Last modified.
    pub modified: String,
}

impl CampaignRow {
    fn from(c: &CampaignResponse) -> Self {
        let schedule = c.schedule().map_or_else(String::new, |s| {
            format!(
                "{} · {}",
                s.frequency().map_or("ONCE", |f| f.as_str()),
                s.start_time().unwrap_or_default()
            )
        });
        Self {
            id: c.id().unwrap_or_default().to_owned(),
            name: c.name().unwrap_or_default().to_owned(),
            status: c
                .state()
                .and_then(|s| s.campaign_status())
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default(),
            segment: c.segment_id().unwrap_or_default().to_owned(),
            schedule,
            version: c.version().unwrap_or(0),
            modified: c.last_modified_date().unwrap_or_default().to_owned(),
        }
    }
}

/// The editor of one campaign.
#[derive(Debug, Clone, Default)]
pub struct Editor {
    /// The campaign, once created.
    pub campaign_id: Option<String>,
    /// Its version, once created.
    pub version: Option<i32>,
    /// What the form holds.
    pub draft: CampaignDraft,
    /// What the service last stored (`None`: a new campaign).
    pub baseline: Option<CampaignDraft>,
    /// Inline messages.
    pub errors: FieldErrors,
    /// The tab shown.
    pub tab: Tab,
    /// The channel tab of the messages (a `PUSH_CHANNELS` member, `EmailMessage` or
    /// `SMSMessage`).
    pub channel: String,
    /// The endpoint id the preview fills placeholders from (empty: sample values).
    pub preview_endpoint: String,
    /// That endpoint, once loaded.
    pub preview: Option<Box<aws_sdk_pinpoint::types::EndpointResponse>>,
    /// Versions, newest first.
    pub versions: Vec<CampaignResponse>,
    /// The same versions as the versions view shows them (built once per answer).
    pub version_views: Vec<crate::ui::version_diff::Version>,
    /// Activities.
    pub activities: Vec<ActivityResponse>,
    /// The two versions compared (indexes into `versions`).
    pub compare: (usize, usize),
    /// The service's answer to the last save, when it failed.
    pub save_error: Option<ApiError>,
    /// Why the preview's endpoint could not be read.
    pub preview_error: Option<String>,
    /// Why the versions and activities could not be read.
    pub history_error: Option<String>,
    /// The draft on disk.
    pub kept: Kept<CampaignDraft>,
}

impl Editor {
    fn key(&self) -> String {
        self.kept.key().to_owned()
    }

    /// A form for a new campaign.
    fn new_campaign(draft: CampaignDraft) -> Self {
        Self {
            kept: Kept::fresh(&draft),
            draft,
            channel: "DefaultMessage".into(),
            ..Self::default()
        }
    }

    /// True when the form differs from what the service stored.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.baseline.as_ref() != Some(&self.draft)
    }

    fn for_campaign(c: &CampaignResponse) -> Self {
        let draft = CampaignDraft::from(c);
        Self {
            kept: Kept::existing(c.id().unwrap_or_default()),
            campaign_id: c.id().map(str::to_owned),
            version: c.version(),
            baseline: Some(draft.clone()),
            draft,
            channel: "DefaultMessage".into(),
            ..Self::default()
        }
    }
}

/// A draft found on disk, offered back.
#[derive(Debug, Clone)]
pub struct Offered {
    /// Its key (campaign id or `new`).
    pub key: String,
    /// The draft.
    pub draft: CampaignDraft,
}

/// State of the Campaigns section.
#[derive(Debug, Default)]
pub struct CampaignsScreen {
    /// The project shown.
    pub app_id: Option<String>,
    /// The campaigns, once loaded.
    pub campaigns: Option<Vec<CampaignResponse>>,
    /// The filter text.
    pub filter: String,
    /// Sort column and direction (true: ascending).
    pub sort: (Column, bool),
    /// The open editor.
    pub editor: Option<Editor>,
    /// Drafts found on disk.
    pub offered: Vec<Offered>,
    /// A delete waiting for confirmation: (id, name).
    pub confirm_delete: Option<(String, String)>,
    /// The save on its way.
    pub saving: Option<InFlight<CampaignDraft>>,
    /// What happened last.
    pub note: Option<String>,
    /// A failed call outside the editor.
    pub error: Option<ApiError>,
}

impl CampaignsScreen {
    /// A fresh screen for a project (its kept drafts arrive as an `ApiResponse::Drafts`).
    #[must_use]
    pub fn for_project(app_id: &str) -> Self {
        Self { app_id: Some(app_id.to_owned()), sort: (Column::Name, true), ..Self::default() }
    }

    /// Applies a worker answer.
    pub fn apply(&mut self, response: ApiResponse, store: Option<&DraftStore>) -> Vec<Action> {
        self.error = None;
        match response {
            ApiResponse::Campaigns(list) => self.campaigns = Some(list),
            ApiResponse::Drafts { app_id, drafts, .. } if self.app_id.as_ref() == Some(&app_id) => {
                self.offered = super::kept::parse_drafts(drafts)
                    .into_iter()
                    .map(|(key, draft)| Offered { key, draft })
                    .collect();
            }
            ApiResponse::CampaignSaved(saved) => {
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
                    let mut next = Editor::for_campaign(&saved);
                    next.tab = editor.tab;
                    next.channel.clone_from(&editor.channel);
                    next.preview_endpoint = std::mem::take(&mut editor.preview_endpoint);
                    next.preview = editor.preview.take();
                    if editor.draft != sent.sent_from {
                        next.draft = std::mem::take(&mut editor.draft);
                    }
                    *editor = next;
                    follow_up.push(Action::Campaigns(CampaignAction::History(id.clone())));
                }
                if let Some(list) = &mut self.campaigns {
                    list.retain(|c| c.id() != Some(id.as_str()));
                    list.push(*saved);
                }
                return follow_up;
            }
            ApiResponse::CampaignDeleted(id) => {
                self.confirm_delete = None;
                if let Some(list) = &mut self.campaigns {
                    list.retain(|c| c.id() != Some(id.as_str()));
                }
                if self.editor.as_ref().and_then(|e| e.campaign_id.as_deref()) == Some(&id) {
                    if let (Some(store), Some(app_id)) = (store, &self.app_id) {
                        store.discard(DRAFT_KIND, app_id, &id);
                    }
                    self.editor = None;
                }
                self.note = Some(format!("Deleted campaign {id}."));
            }
            ApiResponse::CampaignHistory { campaign_id, versions, activities } => {
                if let Some(editor) = &mut self.editor
                    && editor.campaign_id.as_deref() == Some(campaign_id.as_str())
                {
                    editor.compare = (versions.len().min(2).saturating_sub(1), 0);
                    editor.version_views = history::version_views(&versions);
                    editor.versions = versions;
                    editor.activities = activities;
                    editor.history_error = None;
                }
            }
            ApiResponse::PreviewEndpoint(endpoint) => {
                if let Some(editor) = &mut self.editor {
                    editor.preview = Some(endpoint);
                    editor.preview_error = None;
                }
            }
            _ => {}
        }
        Vec::new()
    }

    /// Shows a failed call.
    pub fn fail(&mut self, task: Task, error: ApiError) {
        if task == Task::CampaignSave {
            self.saving = None;
            self.confirm_delete = None;
        }
        match (&mut self.editor, task) {
            (Some(editor), Task::CampaignSave) => editor.save_error = Some(error),
            (Some(editor), Task::Preview) => {
                editor.preview = None;
                editor.preview_error = Some(error.to_string());
            }
            (Some(editor), Task::CampaignHistory) => {
                editor.history_error = Some(error.to_string());
            }
            _ => self.error = Some(error),
        }
    }

    /// Writes the editor's draft to disk when it changed (removes it when it matches the
    /// service again).
    /// Opens an offered draft: over its campaign while that exists, else as a new campaign's
    /// draft (kept under a new key).
    fn restore(&mut self, i: usize, store: Option<&DraftStore>) {
        let offered = self.offered.remove(i);
        let existing = self
            .campaigns
            .iter()
            .flatten()
            .find(|c| c.id() == Some(offered.key.as_str()))
            .map(Editor::for_campaign);
        let gone = existing.is_none() && !kept::is_new(&offered.key);
        let mut editor = existing.unwrap_or_else(|| Editor::new_campaign(CampaignDraft::default()));
        if gone {
            if let (Some(store), Some(app_id)) = (store, &self.app_id) {
                store.discard(DRAFT_KIND, app_id, &offered.key);
            }
            self.note = Some(format!(
                "Campaign {} no longer exists; saving the draft creates a new campaign.",
                offered.key
            ));
        } else {
            editor.kept = Kept::restored(&offered.key, &offered.draft);
        }
        editor.draft = offered.draft;
        self.editor = Some(editor);
    }

    fn persist(&mut self, store: Option<&DraftStore>) {
        let (Some(store), Some(app_id), Some(editor)) = (store, &self.app_id, &mut self.editor)
        else {
            return;
        };
        let dirty = editor.is_dirty();
        editor.kept.persist(store, DRAFT_KIND, app_id, &editor.draft, dirty);
    }
}

/// A segment the editor can pick: (id, name, latest version).
pub type SegmentChoice = (String, String, i32);

/// Draws the section.
pub fn show(
    ui: &mut egui::Ui,
    screen: &mut CampaignsScreen,
    segments: &[SegmentChoice],
    store: Option<&DraftStore>,
    busy: &dyn Fn(Task) -> bool,
) -> Vec<Action> {
    let mut actions = Vec::new();
    if let Some(error) = &screen.error {
        error_label(ui, &error.to_string());
    }
    if let Some(note) = &screen.note {
        ui.label(RichText::new(note).color(theme::OK));
    }
    offered_drafts(ui, screen, store);
    if screen.editor.is_some() {
        actions.extend(editor(ui, screen, segments, busy));
    } else {
        actions.extend(list(ui, screen, segments, store, busy));
    }
    screen.persist(store);
    if let Some((id, name)) = screen.confirm_delete.clone() {
        let mut cancel = false;
        egui::Modal::new(egui::Id::unique("confirm_delete_campaign")).show(ui.ctx(), |ui| {
            ui.heading(format!("Delete campaign “{name}”?"));
            ui.label(format!("This deletes campaign {id}, its versions and its activities."));
            ui.horizontal(|ui| {
                if busy_button(ui, &format!("Delete “{name}”"), busy(Task::CampaignSave)) {
                    actions.push(Action::Campaigns(CampaignAction::Delete(id.clone())));
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

fn offered_drafts(ui: &mut egui::Ui, screen: &mut CampaignsScreen, store: Option<&DraftStore>) {
    let drafts: Vec<(String, String)> =
        screen.offered.iter().map(|o| (o.key.clone(), o.draft.name.clone())).collect();
    // Restoring needs the list, to tell whether the campaign still exists.
    let loaded = screen.campaigns.is_some();
    let choice = kept_drafts(ui, "campaign", &drafts, loaded, ["Restore draft", "Discard draft"]);
    match choice {
        Some(DraftChoice::Restore(i)) => screen.restore(i, store),
        Some(DraftChoice::Discard(i)) => {
            let offered = screen.offered.remove(i);
            if let (Some(store), Some(app_id)) = (store, &screen.app_id) {
                store.discard(DRAFT_KIND, app_id, &offered.key);
            }
        }
        None => {}
    }
}

fn list(
    ui: &mut egui::Ui,
    screen: &mut CampaignsScreen,
    segments: &[SegmentChoice],
    store: Option<&DraftStore>,
    busy: &dyn Fn(Task) -> bool,
) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.horizontal(|ui| {
        if ui.button("+ New campaign").clicked() {
            let mut draft = CampaignDraft::default();
            if let Some((id, _, _)) = segments.first() {
                draft.segment_id.clone_from(id);
            }
            screen.editor = Some(Editor::new_campaign(draft));
            screen.note = None;
        }
        if busy_button(ui, "Reload campaigns", busy(Task::CampaignList)) {
            actions.push(Action::Campaigns(CampaignAction::Reload));
        }
        let label = ui.label("Filter");
        ui.add(egui::TextEdit::singleline(&mut screen.filter).desired_width(180.0))
            .labelled_by(label.id);
    });
    let Some(campaigns) = &screen.campaigns else {
        let text = if screen.error.is_some() {
            "The campaigns could not be read (see above); Reload campaigns to try again."
        } else {
            "Loading campaigns…"
        };
        ui.label(RichText::new(text).color(theme::MUTED));
        return actions;
    };
    let needle = screen.filter.to_lowercase();
    let segment_name = |id: &str| {
        segments.iter().find(|s| s.0 == id).map_or_else(|| id.to_owned(), |s| s.1.clone())
    };
    let mut rows: Vec<CampaignRow> = campaigns
        .iter()
        .map(CampaignRow::from)
        .map(|mut r| {
            r.segment = segment_name(&r.segment);
            r
        })
        .filter(|r| {
            needle.is_empty()
                || [&r.name, &r.status, &r.segment, &r.id]
                    .iter()
                    .any(|v| v.to_lowercase().contains(&needle))
        })
        .collect();
    let (column, ascending) = screen.sort;
    rows.sort_by(|a, b| {
        let order = match column {
            Column::Name => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
            Column::Status => a.status.cmp(&b.status),
            Column::Segment => a.segment.cmp(&b.segment),
            Column::Schedule => a.schedule.cmp(&b.schedule),
            Column::Version => a.version.cmp(&b.version),
            Column::Modified => a.modified.cmp(&b.modified),
        };
        if ascending { order } else { order.reverse() }
    });
    ui.label(
        RichText::new(format!("{} of {} campaigns", rows.len(), campaigns.len()))
            .color(theme::MUTED),
    );
    let mut open = None;
    egui::Grid::new("campaign_list").striped(true).num_columns(6).spacing([16.0, 6.0]).show(
        ui,
        |ui| {
            for (col, label) in [
                (Column::Name, "Name"),
                (Column::Status, "Status"),
                (Column::Segment, "Segment"),
                (Column::Schedule, "Schedule"),
                (Column::Version, "Version"),
                (Column::Modified, "Last modified"),
            ] {
                let arrow =
                    if screen.sort.0 == col { if screen.sort.1 { " ^" } else { " v" } } else { "" };
                if ui.button(RichText::new(format!("{label}{arrow}")).strong()).clicked() {
                    screen.sort =
                        if screen.sort.0 == col { (col, !screen.sort.1) } else { (col, true) };
                }
            }
            ui.end_row();
            for row in &rows {
                if ui.link(&row.name).clicked() {
                    open = Some(row.id.clone());
                }
                ui.label(&row.status);
                ui.label(&row.segment);
                ui.label(&row.schedule);
                ui.label(row.version.to_string());
                ui.label(RichText::new(&row.modified).color(theme::MUTED));
                ui.end_row();
            }
        },
    );
    if rows.is_empty() {
        ui.label(RichText::new("No campaigns match.").color(theme::MUTED));
    }
    if let Some(id) = open
        && let Some(c) = campaigns.iter().find(|c| c.id() == Some(id.as_str()))
    {
        screen.editor = Some(Editor::for_campaign(c));
        screen.note = None;
        // Unsaved changes kept for this campaign come back with it (not overwritten).
        if let Some(i) = screen.offered.iter().position(|o| o.key == id) {
            screen.restore(i, store);
            screen.note = Some("Your unsaved changes to this campaign are back.".into());
        }
        actions.push(Action::Campaigns(CampaignAction::History(id)));
    }
    actions
}

fn editor(
    ui: &mut egui::Ui,
    screen: &mut CampaignsScreen,
    segments: &[SegmentChoice],
    busy: &dyn Fn(Task) -> bool,
) -> Vec<Action> {
    let mut actions = Vec::new();
    let app_id = screen.app_id.clone().unwrap_or_default();
    let Some(editor) = &mut screen.editor else { return actions };
    let mut close = false;
    let mut saving = None;
    ui.horizontal(|ui| {
        if ui.button("< All campaigns").clicked() {
            close = true;
        }
        let title = match (&editor.campaign_id, editor.version) {
            (Some(id), Some(v)) => format!("Campaign {id} · version {v}"),
            _ => "New campaign".to_owned(),
        };
        ui.heading(title);
        if editor.is_dirty() && editor.baseline.is_some() {
            ui.label(RichText::new("unsaved changes").color(theme::WARN));
        }
        if let (Some(id), Some(baseline)) = (&editor.campaign_id, &editor.baseline) {
            let paused = baseline.paused;
            let label = if paused { "Resume campaign" } else { "Pause campaign" };
            let clean = !editor.is_dirty();
            let button = ui
                .add_enabled(clean && !busy(Task::CampaignSave), egui::Button::new(label))
                .on_disabled_hover_text("Save or revert the changes first");
            if button.clicked() {
                let mut toggled = baseline.clone();
                toggled.paused = !paused;
                match toggled.to_request() {
                    Ok(request) => {
                        saving =
                            Some(InFlight { key: id.clone(), sent_from: editor.draft.clone() });
                        actions.push(Action::Campaigns(CampaignAction::Save(
                            Some(id.clone()),
                            Box::new(request),
                        )));
                    }
                    Err(errors) => editor.errors = errors,
                }
            }
            if paused {
                ui.label(RichText::new("paused").color(theme::WARN));
            }
        }
    });
    let d = &editor.draft;
    if d.messages.in_app || d.treatments.iter().any(|t| t.messages.in_app) {
        error_label(
            ui,
            "This campaign has an in-app message, which the console does not edit: saving or \
             pausing here would remove it, so both are refused. Change it with the AWS CLI or SDK.",
        );
    }
    if !editor.errors.is_empty() {
        // After a refused save, messages follow the fixes as they are typed.
        editor.errors = editor.draft.to_request().err().unwrap_or_default();
    }
    let errors = editor.errors.clone();
    let d = &mut editor.draft;
    form_row(ui, "Campaign name", &mut d.name, "Spring sale", errors.get("name"));
    text_area_row(ui, "Description", &mut d.description, 2, None);
    // Audience.
    let segment_before = d.segment_id.clone();
    ui.horizontal(|ui| {
        let label = super::widgets::field_label(ui, "Segment");
        let shown = segments
            .iter()
            .find(|s| s.0 == d.segment_id)
            .map_or_else(|| d.segment_id.clone(), |s| format!("{} (v{})", s.1, s.2));
        egui::ComboBox::from_id_salt("campaign_segment")
            .selected_text(shown)
            .width(theme::FIELD_WIDTH - 8.0)
            .show_ui(ui, |ui| {
                for (id, name, version) in segments {
                    ui.selectable_value(
                        &mut d.segment_id,
                        id.clone(),
                        format!("{name} (v{version})"),
                    );
                }
            })
            .response
            .labelled_by(label.id);
    });
    if d.segment_id != segment_before {
        // Versions belong to a segment: another segment starts at its latest.
        d.segment_version.clear();
    }
    if let Some(message) = errors.get("segment") {
        error_label(ui, message);
    }
    // The versions the chosen segment has; blank means its latest at each run.
    let latest = segments.iter().find(|s| s.0 == d.segment_id).map_or(0, |s| s.2);
    ui.horizontal(|ui| {
        let label = super::widgets::field_label(ui, "Segment version");
        let shown = if d.segment_version.is_empty() {
            "latest".to_owned()
        } else {
            format!("version {}", d.segment_version)
        };
        egui::ComboBox::from_id_salt("campaign_segment_version")
            .selected_text(shown)
            .width(theme::FIELD_WIDTH - 8.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut d.segment_version, String::new(), "latest");
                for v in (1..=latest).rev() {
                    ui.selectable_value(
                        &mut d.segment_version,
                        v.to_string(),
                        format!("version {v}"),
                    );
                }
            })
            .response
            .labelled_by(label.id);
    });
    if let Some(message) = errors.get("segment_version") {
        error_label(ui, message);
    }
    form_row(ui, "Holdout %", &mut d.holdout, "0", errors.get("holdout"));
    form_row(ui, "Control treatment name", &mut d.treatment_name, "Control", None);
    form_row(ui, "Control description", &mut d.treatment_description, "", None);
    split(ui, d, &errors);
    ui.separator();
    ui.horizontal_wrapped(|ui| {
        for (tab, label) in [
            (Tab::Messages, "Messages"),
            (Tab::Treatments, "Treatments (A/B)"),
            (Tab::Schedule, "Schedule"),
            (Tab::Limits, "Limits & hook"),
            (Tab::Versions, "Versions"),
            (Tab::Activities, "Activities"),
            (Tab::Json, "JSON"),
        ] {
            let mut text = RichText::new(label);
            let has_error = tab_has_error(tab, &errors);
            if has_error {
                text = text.color(theme::ERROR);
            }
            if ui.selectable_label(editor.tab == tab, text).clicked() {
                editor.tab = tab;
            }
        }
    });
    ui.separator();
    match editor.tab {
        Tab::Messages => {
            let mut channel = editor.channel.clone();
            actions.extend(messages::show(
                ui,
                "",
                &mut editor.draft.messages,
                &mut channel,
                &errors,
                messages::Preview {
                    endpoint_id: Some(&mut editor.preview_endpoint),
                    loaded: editor.preview.as_deref(),
                    error: editor.preview_error.as_deref(),
                    busy: busy(Task::Preview),
                },
            ));
            editor.channel = channel;
        }
        Tab::Treatments => treatments::show(ui, editor, &errors),
        Tab::Schedule => schedule::show(ui, "schedule.", &mut editor.draft.schedule, &errors),
        Tab::Limits => {
            let exists = editor.campaign_id.is_some();
            limits::show(ui, &mut editor.draft, &errors, exists);
        }
        Tab::Versions => history::versions(ui, editor),
        Tab::Activities => history::activities(ui, editor),
        Tab::Json => json_view(ui, editor, &app_id),
    }
    ui.separator();
    if !errors.is_empty() {
        error_label(
            ui,
            &format!("{} field(s) need attention; the tabs in red have them.", errors.len()),
        );
    }
    if let Some(error) = &editor.save_error {
        error_label(ui, &error.to_string());
    }
    let exists = editor.campaign_id.is_some();
    match editor_buttons(ui, "campaign", exists, editor.is_dirty(), busy(Task::CampaignSave)) {
        Some(EditorChoice::Save) => {
            editor.save_error = None;
            match editor.draft.to_request() {
                Ok(request) => {
                    editor.errors.clear();
                    saving = Some(InFlight { key: editor.key(), sent_from: editor.draft.clone() });
                    let id = editor.campaign_id.clone();
                    actions.push(Action::Campaigns(CampaignAction::Save(id, Box::new(request))));
                }
                Err(errors) => {
                    show_first_error(editor, &errors);
                    editor.errors = errors;
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
            let id = editor.campaign_id.clone().unwrap_or_default();
            screen.confirm_delete = Some((id, editor.draft.name.clone()));
        }
        None => {}
    }
    if saving.is_some() {
        screen.saving = saving;
    }
    if close {
        screen.editor = None;
        actions.push(Action::Campaigns(CampaignAction::Reload));
    }
    actions
}

/// True when `tab` holds a field with a message.
fn tab_has_error(tab: Tab, errors: &FieldErrors) -> bool {
    match tab {
        Tab::Messages => errors.iter().any(|(k, _)| !in_treatment(k) && k.contains("Message.")),
        Tab::Treatments => {
            errors.iter().any(|(k, _)| in_treatment(k)) || errors.get("treatments").is_some()
        }
        Tab::Schedule => errors.any_under("schedule."),
        Tab::Limits => {
            errors.any_under("limits.")
                || errors.any_under("hook.")
                || ["tags", "priority", "custom_uri", "custom_types"]
                    .iter()
                    .any(|k| errors.get(k).is_some())
        }
        _ => false,
    }
}

/// After a refused save, shows where the first message is: its tab (unless the tab shown has
/// one) and, on the Messages tab, its channel.
fn show_first_error(editor: &mut Editor, errors: &FieldErrors) {
    const PARTS: [Tab; 4] = [Tab::Messages, Tab::Treatments, Tab::Schedule, Tab::Limits];
    if !tab_has_error(editor.tab, errors)
        && let Some(tab) = PARTS.into_iter().find(|t| tab_has_error(*t, errors))
    {
        editor.tab = tab;
    }
    if editor.tab == Tab::Messages
        && !errors.any_under(&editor.channel)
        && let Some((key, _)) =
            errors.iter().find(|(k, _)| !in_treatment(k) && k.contains("Message."))
    {
        key.split('.').next().unwrap_or_default().clone_into(&mut editor.channel);
    }
}

/// True for the error key of an additional treatment's field (`t0.size`, `t2.messages.…`).
fn in_treatment(key: &str) -> bool {
    key.strip_prefix('t').is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
}

/// The split bar and its inline refusal.
fn split(ui: &mut egui::Ui, d: &CampaignDraft, errors: &FieldErrors) {
    let split = d.split();
    let mut parts = vec![(
        if d.treatment_name.is_empty() { "Control".to_owned() } else { d.treatment_name.clone() },
        split.control().max(0),
        theme::SPLIT[0],
    )];
    for (i, (t, size)) in d.treatments.iter().zip(&split.treatments).enumerate() {
        let name = if t.name.is_empty() { format!("Treatment {}", i + 1) } else { t.name.clone() };
        parts.push((name, size.unwrap_or(0), theme::SPLIT[(i + 1) % theme::SPLIT.len()]));
    }
    parts.push(("Holdout".to_owned(), split.holdout.unwrap_or(0), theme::HOLDOUT));
    ui.horizontal(|ui| {
        super::widgets::field_label(ui, "Split");
        split_bar(ui, &parts);
    });
    let summary: Vec<String> = parts.iter().map(|(n, p, _)| format!("{n} {p}%")).collect();
    field_note(ui, &summary.join(" · "));
    if split.allocated() > 100 || errors.get("split").is_some() {
        let live = format!(
            "Treatments and holdout add up to {}%: the segment has only 100%",
            split.allocated()
        );
        field_error(ui, Some(errors.get("split").unwrap_or(&live)));
    }
}

fn json_view(ui: &mut egui::Ui, editor: &Editor, app_id: &str) {
    let json = editor.draft.to_json();
    let pretty = serde_json::to_string_pretty(&json).unwrap_or_default();
    ui.horizontal(|ui| {
        if ui.button("Copy as JSON").clicked() {
            ui.ctx().copy_text(pretty.clone());
        }
        if ui.button("Copy as aws pinpoint command").clicked() {
            let line = match &editor.campaign_id {
                Some(id) => cli_command(
                    "update-campaign",
                    &[("application-id", app_id), ("campaign-id", id)],
                    "write-campaign-request",
                    &json,
                ),
                None => cli_command(
                    "create-campaign",
                    &[("application-id", app_id)],
                    "write-campaign-request",
                    &json,
                ),
            };
            ui.ctx().copy_text(line);
        }
    });
    let mut shown = pretty;
    let label = ui.label(RichText::new("WriteCampaignRequest").color(theme::MUTED));
    ui.add(egui::TextEdit::multiline(&mut shown).code_editor().desired_width(f32::INFINITY))
        .labelled_by(label.id);
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_pinpoint::types::CampaignResponse;

    fn campaign(id: &str, name: &str, version: i32) -> CampaignResponse {
        CampaignResponse::builder()
            .id(id)
            .name(name)
            .segment_id("s")
            .segment_version(1)
            .version(version)
            .build()
    }

    /// A screen as the shell opens it: then the kept drafts arrive from the worker.
    fn with_drafts(store: &DraftStore) -> CampaignsScreen {
        let mut screen = CampaignsScreen::for_project("app");
        let drafts = store.load_all(DRAFT_KIND, "app");
        let _ = screen.apply(
            ApiResponse::Drafts {
                kind: crate::drafts::store::DraftKind::Campaign,
                app_id: "app".into(),
                drafts,
            },
            None,
        );
        screen
    }

    fn screen(dir: &std::path::Path) -> (CampaignsScreen, DraftStore) {
        let store = DraftStore::new(dir);
        let mut screen = with_drafts(&store);
        screen.campaigns = Some(vec![campaign("a", "A", 1), campaign("b", "B", 1)]);
        (screen, store)
    }

    #[test]
    fn a_save_answer_goes_to_the_editor_that_sent_it_only() {
        let dir = std::env::temp_dir().join(format!("pp-cs-{}", uuid::Uuid::new_v4()));
        let (mut screen, store) = screen(&dir);
        // Campaign A is saved; meanwhile the user opened B and typed.
        screen.editor = Some(Editor::for_campaign(&campaign("a", "A", 1)));
        let sent = screen.editor.as_ref().unwrap().draft.clone();
        screen.saving = Some(InFlight { key: "a".into(), sent_from: sent });
        store.save(DRAFT_KIND, "app", "a", &CampaignDraft::default()).unwrap();
        let mut b = Editor::for_campaign(&campaign("b", "B", 1));
        b.draft.description = "typed while A saved".into();
        screen.editor = Some(b);
        screen.persist(Some(&store));
        let follow_up =
            screen.apply(ApiResponse::CampaignSaved(Box::new(campaign("a", "A", 2))), Some(&store));
        assert!(follow_up.is_empty(), "no history of A for B's editor");
        let editor = screen.editor.as_ref().unwrap();
        assert_eq!(editor.campaign_id.as_deref(), Some("b"));
        assert_eq!(editor.draft.description, "typed while A saved");
        assert_eq!(store.keys(DRAFT_KIND, "app"), ["b"], "A's draft gone, B's kept");
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn edits_made_while_saving_stay_on_top_of_the_answer() {
        let dir = std::env::temp_dir().join(format!("pp-cs-{}", uuid::Uuid::new_v4()));
        let (mut screen, store) = screen(&dir);
        let mut editor = Editor::new_campaign(CampaignDraft::default());
        editor.draft.name = "Fresh".into();
        let key = editor.key();
        screen.saving = Some(InFlight { key: key.clone(), sent_from: editor.draft.clone() });
        editor.draft.description = "typed after Create".into();
        screen.editor = Some(editor);
        screen.persist(Some(&store));
        assert_eq!(store.keys(DRAFT_KIND, "app"), [key]);
        let _ = screen
            .apply(ApiResponse::CampaignSaved(Box::new(campaign("c", "Fresh", 1))), Some(&store));
        screen.persist(Some(&store));
        let editor = screen.editor.as_ref().unwrap();
        assert_eq!(editor.campaign_id.as_deref(), Some("c"));
        assert_eq!(editor.draft.description, "typed after Create");
        assert!(editor.is_dirty());
        assert_eq!(store.keys(DRAFT_KIND, "app"), ["c"], "kept under the new campaign's id");
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_refused_save_shows_the_tab_and_channel_of_the_first_message() {
        let mut editor = Editor::new_campaign(CampaignDraft::default());
        editor.tab = Tab::Schedule;
        editor.draft.name = "Bad sender".into();
        editor.draft.segment_id = "s".into();
        editor.draft.messages.email.from_address = "nobody".into();
        let errors = editor.draft.to_request().unwrap_err();
        show_first_error(&mut editor, &errors);
        assert_eq!((editor.tab, editor.channel.as_str()), (Tab::Messages, "EmailMessage"));
        // A tab that has a message of its own stays.
        editor.tab = Tab::Limits;
        editor.draft.limits.daily = "lots".into();
        let errors = editor.draft.to_request().unwrap_err();
        show_first_error(&mut editor, &errors);
        assert_eq!(editor.tab, Tab::Limits);
    }

    #[test]
    fn a_new_form_never_overwrites_a_kept_draft() {
        let dir = std::env::temp_dir().join(format!("pp-cs-{}", uuid::Uuid::new_v4()));
        let store = DraftStore::new(&dir);
        let kept = CampaignDraft { name: "Kept".into(), ..CampaignDraft::default() };
        store.save(DRAFT_KIND, "app", "new-1", &kept).unwrap();
        let mut screen = with_drafts(&store);
        assert_eq!(screen.offered.len(), 1);
        screen.editor = Some(Editor::new_campaign(CampaignDraft::default()));
        screen.persist(Some(&store));
        assert_eq!(store.keys(DRAFT_KIND, "app"), ["new-1"], "untouched: nothing written");
        screen.editor.as_mut().unwrap().draft.name = "Another".into();
        screen.persist(Some(&store));
        assert_eq!(store.keys(DRAFT_KIND, "app").len(), 2);
        assert_eq!(store.load::<CampaignDraft>(DRAFT_KIND, "app", "new-1").unwrap(), kept);
        let _ = std::fs::remove_dir_all(dir);
    }
}
