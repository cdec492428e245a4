//! The shell: owns the worker handle and every screen's state, drains worker events once per
//! frame, and turns the actions that panels return into requests.

use std::collections::HashMap;

use aws_sdk_pinpoint::types::{ApplicationSettingsResource, WriteApplicationSettingsRequest};

use super::tasks::{Pending, Task};
use super::toasts::{ToastKind, Toasts};
use super::widgets::Light;
use super::{connection_dialog, project_view, projects, theme, top_bar};
use crate::api::{
    ApiError, ApiEvent, ApiHandle, ApiRequest, ApiResponse, AppSummary, ConnectionInfo,
    ConnectionSpec, Timeouts,
};
use std::sync::Arc;

use super::audience::{AudienceAction, AudienceScreen};
use super::campaigns::{CampaignAction, CampaignsScreen};
use super::channels::ChannelsScreen;
use super::messaging::MessagingScreen;
use super::segments::{SegmentAction, SegmentsScreen};
use crate::drafts::FieldErrors;
use crate::drafts::channels::{ChannelRequest, KeyFile};
use crate::drafts::message::Batch;
use crate::drafts::settings::SettingsDraft;
use crate::drafts::store::DraftStore;
use crate::mock::demo::Seed;
use crate::pinpoint::ChannelKind;
use crate::secrets::{Redacted, SecretFields, SecretStore, UnavailableStore};

/// How the app starts.
#[derive(Debug, Clone)]
pub struct AppOptions {
    /// The first connection.
    pub connection: ConnectionSpec,
    /// Timeouts and retries of every call.
    pub timeouts: Timeouts,
    /// The demo mock's data set.
    pub demo_seed: Seed,
    /// When the process started, to log the cold-start figures (first frame, first list).
    pub started: Option<std::time::Instant>,
    /// Where channel secrets live (the OS keyring in the app); `None` means no store.
    pub secrets: Option<Arc<dyn SecretStore>>,
    /// Where unsaved campaign and segment drafts are kept; `None` keeps none.
    pub drafts_dir: Option<std::path::PathBuf>,
}

impl Default for AppOptions {
    fn default() -> Self {
        Self {
            connection: ConnectionSpec::Demo,
            timeouts: Timeouts::default(),
            demo_seed: Seed::Demo,
            started: None,
            secrets: None,
            drafts_dir: None,
        }
    }
}

/// What a panel asks the shell to do. Panels never send requests themselves.
#[derive(Debug, Clone)]
#[must_use]
pub enum Action {
    /// Switch to a connection.
    Connect(ConnectionSpec),
    /// Reload the project list.
    ReloadApps,
    /// Select a project.
    Select(String),
    /// Create a project.
    CreateApp(String),
    /// Delete a project.
    DeleteApp(String),
    /// Reload the selected project's settings.
    ReloadSettings,
    /// Save the selected project's settings.
    SaveSettings(WriteApplicationSettingsRequest),
    /// Show a section of the selected project.
    ShowSection(Section),
    /// Read a channel's secrets from the keyring.
    LoadChannelSecrets(ChannelKind),
    /// Save a channel and keep its secrets.
    SaveChannel {
        /// The update (boxed: the largest action by far).
        request: Box<ChannelRequest>,
        /// What to keep in the keyring.
        secrets: SecretFields,
    },
    /// Delete a channel and its secrets.
    DeleteChannel(ChannelKind),
    /// Read a key file into a form member.
    ReadKeyFile {
        /// The member.
        member: &'static str,
        /// The file.
        path: std::path::PathBuf,
        /// What it should be.
        expect: KeyFile,
    },
    /// Open the native file dialog for a member.
    PickFile(&'static str),
    /// Start a direct send of these batches.
    StartSend(Vec<Batch>),
    /// Send the next batch of a direct send.
    SendBatch {
        /// The request (boxed: large).
        batch: Box<Batch>,
        /// Its position.
        index: usize,
    },
    /// Check a phone number.
    ValidatePhone {
        /// The number.
        number: String,
        /// ISO country hint.
        country: Option<String>,
    },
    /// Load the mock's outbox.
    LoadOutbox,
    /// An Audience-section request.
    Audience(AudienceAction),
    /// Open the composer with these endpoint ids as recipients.
    ComposeTo(Vec<String>),
    /// A Campaigns-section request.
    Campaigns(CampaignAction),
    /// A Segments-section request.
    Segments(SegmentAction),
    /// Write a text file.
    WriteTextFile {
        /// Where.
        path: std::path::PathBuf,
        /// What.
        contents: String,
    },
}

/// The sections of a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Section {
    /// Project settings.
    #[default]
    Settings,
    /// The nine channels.
    Channels,
    /// Direct messages, phone check, outbox.
    Messaging,
    /// Endpoints, users, events, event stream.
    Audience,
    /// Campaigns.
    Campaigns,
    /// Segments and import/export jobs.
    Segments,
}

/// The active connection as the top bar shows it.
#[derive(Debug, Clone)]
pub struct ConnectionState {
    /// What was asked for.
    pub spec: ConnectionSpec,
    /// What answered, once connected.
    pub info: Option<ConnectionInfo>,
    /// Health.
    pub light: Light,
    /// Why it is offline.
    pub problem: Option<String>,
}

/// The project list and its forms.
#[derive(Debug, Default)]
pub struct ProjectsState {
    /// All projects, in the service's order.
    pub apps: Vec<AppSummary>,
    /// True once a list arrived on this connection.
    pub loaded: bool,
    /// The filter text.
    pub filter: String,
    /// The selected project's id.
    pub selected: Option<String>,
    /// The "new project" form, when open.
    pub new_project: Option<NewProjectForm>,
}

/// The "new project" form.
#[derive(Debug, Default, Clone)]
pub struct NewProjectForm {
    /// The name as typed.
    pub name: String,
    /// Why the last attempt failed.
    pub error: Option<String>,
}

/// The selected project's screen.
#[derive(Debug, Default)]
pub struct ProjectScreen {
    /// The settings as the service last reported them.
    pub loaded: Option<ApplicationSettingsResource>,
    /// The form.
    pub draft: SettingsDraft,
    /// Inline messages per field.
    pub errors: FieldErrors,
    /// The service's answer to the last save, when it failed.
    pub save_error: Option<ApiError>,
    /// Why loading failed.
    pub load_error: Option<ApiError>,
    /// Shown after a successful save.
    pub saved_note: Option<String>,
    /// The project awaiting delete confirmation.
    pub confirm_delete: Option<AppSummary>,
    /// Unsaved edits of projects the user switched away from, by project id.
    pub unsaved: HashMap<String, SettingsDraft>,
    /// The section shown.
    pub section: Section,
    /// The Channels section.
    pub channels: ChannelsScreen,
    /// The Messaging section.
    pub messaging: MessagingScreen,
    /// The Audience section.
    pub audience: AudienceScreen,
    /// The Campaigns section.
    pub campaigns: CampaignsScreen,
    /// The Segments section.
    pub segments: SegmentsScreen,
}

impl ProjectScreen {
    /// True when the form differs from what the service stored.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.loaded.as_ref().is_some_and(|l| SettingsDraft::from(l) != self.draft)
    }
}

/// The Pinpoint Console application.
pub struct ConsoleApp {
    api: ApiHandle,
    pending: Pending,
    /// The connection.
    pub connection: ConnectionState,
    /// The connection dialog.
    pub dialog: connection_dialog::ConnectionDialog,
    /// The project list.
    pub projects: ProjectsState,
    /// The selected project's screen.
    pub project: ProjectScreen,
    /// Toasts.
    pub toasts: Toasts,
    /// Unsaved campaign and segment drafts on disk.
    pub drafts: Option<DraftStore>,
    startup: Startup,
}

/// Cold-start milestones, logged once each.
#[derive(Debug, Default)]
struct Startup {
    started: Option<std::time::Instant>,
    first_frame_logged: bool,
    first_list_logged: bool,
}

impl Startup {
    fn log(&mut self, frame: bool, list: bool) {
        let Some(started) = self.started else { return };
        if frame && !self.first_frame_logged {
            self.first_frame_logged = true;
            tracing::info!(ms = started.elapsed().as_millis(), "startup: first frame");
        }
        if list && !self.first_list_logged {
            self.first_list_logged = true;
            tracing::info!(ms = started.elapsed().as_millis(), "startup: project list shown");
        }
    }
}

impl std::fmt::Debug for ConsoleApp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConsoleApp").field("connection", &self.connection).finish_non_exhaustive()
    }
}

impl ConsoleApp {
    /// Starts the worker and connects as `options` say.
    pub fn new(ctx: &egui::Context, options: AppOptions) -> std::io::Result<Self> {
        let repaint = ctx.clone();
        let secrets = options.secrets.clone().unwrap_or_else(|| {
            Arc::new(UnavailableStore("no keyring was opened".to_owned())) as Arc<dyn SecretStore>
        });
        let api = ApiHandle::spawn(
            options.timeouts,
            options.demo_seed,
            secrets,
            Arc::new(move || repaint.request_repaint()),
        )?;
        let mut app = Self {
            api,
            pending: Pending::default(),
            connection: ConnectionState {
                spec: options.connection.clone(),
                info: None,
                light: Light::Pending,
                problem: None,
            },
            dialog: connection_dialog::ConnectionDialog::from_spec(&options.connection),
            projects: ProjectsState::default(),
            project: ProjectScreen::default(),
            toasts: Toasts::default(),
            drafts: options.drafts_dir.map(DraftStore::background),
            startup: Startup { started: options.started, ..Startup::default() },
        };
        app.handle(Action::Connect(options.connection));
        Ok(app)
    }

    /// True while a request of `task` runs.
    #[must_use]
    pub fn is_busy(&self, task: Task) -> bool {
        self.pending.is_busy(task)
    }

    /// The selected project, if any.
    #[must_use]
    pub fn selected_app(&self) -> Option<&AppSummary> {
        let id = self.projects.selected.as_deref()?;
        self.projects.apps.iter().find(|a| a.id == id)
    }

    fn send(&mut self, task: Task, request: ApiRequest) {
        if self.pending.is_busy(task)
            && !matches!(task, Task::LoadSettings | Task::ListApps | Task::Estimate)
        {
            // A second click on a busy button does nothing.
            return;
        }
        let id = self.api.request(request);
        self.pending.start(task, id);
    }

    /// Carries out an action.
    pub fn handle(&mut self, action: Action) {
        match action {
            Action::Connect(spec) => {
                self.pending.clear();
                self.projects = ProjectsState {
                    filter: std::mem::take(&mut self.projects.filter),
                    ..Default::default()
                };
                self.project = ProjectScreen::default();
                self.connection = ConnectionState {
                    spec: spec.without_new_keys(),
                    info: None,
                    light: Light::Pending,
                    problem: None,
                };
                let id = self.api.connect(spec);
                self.pending.start(Task::Connect, id);
            }
            Action::ReloadApps => {
                self.send(Task::ListApps, ApiRequest::ListApps);
                // The top bar's Reload also refreshes the list the user is looking at.
                match self.project.section {
                    Section::Campaigns => self.campaign_action(CampaignAction::Reload),
                    Section::Segments => self.segment_action(SegmentAction::Reload),
                    _ => {}
                }
            }
            Action::Select(id) => self.select(Some(id)),
            Action::CreateApp(name) => self.send(Task::CreateApp, ApiRequest::CreateApp { name }),
            Action::DeleteApp(app_id) => {
                self.send(Task::DeleteApp, ApiRequest::DeleteApp { app_id });
            }
            Action::ReloadSettings => {
                if let Some(app_id) = self.projects.selected.clone() {
                    self.project.unsaved.remove(&app_id);
                    self.send(Task::LoadSettings, ApiRequest::GetSettings { app_id });
                }
            }
            Action::ShowSection(section) => {
                self.project.section = section;
                self.load_section();
            }
            Action::LoadChannelSecrets(kind) => {
                if let Some(app_id) = self.projects.selected.clone() {
                    self.send(Task::LoadSecrets, ApiRequest::LoadChannelSecrets { app_id, kind });
                }
            }
            Action::SaveChannel { request, secrets } => {
                if let Some(app_id) = self.projects.selected.clone() {
                    let request = ApiRequest::SaveChannel {
                        app_id,
                        request: Redacted(*request),
                        secrets: Redacted(secrets),
                    };
                    self.send(Task::SaveChannel, request);
                }
            }
            Action::DeleteChannel(kind) => {
                if let Some(app_id) = self.projects.selected.clone() {
                    self.send(Task::DeleteChannel, ApiRequest::DeleteChannel { app_id, kind });
                }
            }
            Action::ReadKeyFile { member, path, expect } => {
                self.send(Task::ReadKeyFile, ApiRequest::ReadKeyFile { member, path, expect });
            }
            Action::PickFile(member) => self.send(Task::PickFile, ApiRequest::PickFile { member }),
            Action::StartSend(batches) => {
                let m = &mut self.project.messaging;
                m.rows.clear();
                m.note = None;
                m.error = None;
                m.cancelled = false;
                m.total = batches.len();
                m.done = 0;
                m.queue = batches.into();
                if let Some(first) = m.queue.pop_front() {
                    self.handle(Action::SendBatch { batch: Box::new(first), index: 0 });
                }
            }
            Action::SendBatch { batch, index } => {
                if let Some(app_id) = self.projects.selected.clone() {
                    self.send(Task::SendBatch, ApiRequest::SendBatch { app_id, batch, index });
                }
            }
            Action::ValidatePhone { number, country } => {
                self.project.messaging.phone = None;
                self.send(Task::ValidatePhone, ApiRequest::ValidatePhone { number, country });
            }
            Action::LoadOutbox => {
                if let Some(app_id) = self.projects.selected.clone() {
                    let m = &self.project.messaging;
                    let request = ApiRequest::Outbox {
                        app_id,
                        channel: Some(m.outbox_channel.clone()),
                        recipient: Some(m.outbox_recipient.clone()),
                        campaign: Some(m.outbox_campaign.clone()),
                    };
                    self.send(Task::Outbox, request);
                }
            }
            Action::ComposeTo(ids) => {
                let m = &mut self.project.messaging;
                m.draft.kind = crate::drafts::message::RecipientKind::Endpoints;
                m.draft.recipients = ids.join("\n");
                m.tab = super::messaging::Tab::Compose;
                self.project.section = Section::Messaging;
            }
            Action::Audience(request) => {
                let Some(app_id) = self.projects.selected.clone() else { return };
                let request = match request {
                    AudienceAction::GetEndpoint(endpoint_id) => {
                        ApiRequest::GetEndpoint { app_id, endpoint_id }
                    }
                    AudienceAction::SaveEndpoint(endpoint_id, request) => {
                        ApiRequest::SaveEndpoint { app_id, endpoint_id, request }
                    }
                    AudienceAction::DeleteEndpoint(endpoint_id) => {
                        ApiRequest::DeleteEndpoint { app_id, endpoint_id }
                    }
                    AudienceAction::GetUser(user_id) => {
                        ApiRequest::GetUserEndpoints { app_id, user_id }
                    }
                    AudienceAction::DeleteUser(user_id) => {
                        ApiRequest::DeleteUserEndpoints { app_id, user_id }
                    }
                    AudienceAction::PutEvent(endpoint_id, event) => {
                        ApiRequest::PutEvent { app_id, endpoint_id, event }
                    }
                    AudienceAction::GetEventStream => ApiRequest::GetEventStream { app_id },
                    AudienceAction::PutEventStream(destination, role) => {
                        ApiRequest::PutEventStream { app_id, destination, role }
                    }
                    AudienceAction::DeleteEventStream => ApiRequest::DeleteEventStream { app_id },
                    AudienceAction::ListAll => ApiRequest::ListAllEndpoints { app_id },
                    AudienceAction::ReadFile(path) => ApiRequest::ReadTextFile { path },
                    AudienceAction::PickFile => ApiRequest::PickFile { member: "upload" },
                    AudienceAction::UploadChunk(request, index) => {
                        ApiRequest::UploadChunk { app_id, request, index }
                    }
                };
                self.send(Task::Audience, request);
            }
            Action::Campaigns(request) => self.campaign_action(request),
            Action::Segments(request) => self.segment_action(request),
            Action::WriteTextFile { path, contents } => {
                self.send(Task::WriteFile, ApiRequest::WriteTextFile { path, contents });
            }
            Action::SaveSettings(request) => {
                if let Some(app_id) = self.projects.selected.clone() {
                    self.project.save_error = None;
                    self.project.saved_note = None;
                    self.send(Task::SaveSettings, ApiRequest::UpdateSettings { app_id, request });
                }
            }
        }
    }

    fn select(&mut self, id: Option<String>) {
        if self.projects.selected == id {
            return;
        }
        if let Some(previous) = self.projects.selected.take()
            && self.project.is_dirty()
        {
            self.project.unsaved.insert(previous, self.project.draft.clone());
        }
        // Answers to the previous project's campaign and segment calls are stale now.
        for task in Task::PROJECT_SCOPED {
            self.pending.forget(task);
        }
        let unsaved = std::mem::take(&mut self.project.unsaved);
        let section = self.project.section;
        self.project = ProjectScreen { unsaved, section, ..ProjectScreen::default() };
        self.projects.selected.clone_from(&id);
        if let Some(app_id) = id {
            self.send(Task::LoadSettings, ApiRequest::GetSettings { app_id });
            self.load_section();
        }
    }

    fn campaign_action(&mut self, request: CampaignAction) {
        let Some(app_id) = self.projects.selected.clone() else { return };
        match request {
            CampaignAction::Reload => {
                self.send(Task::CampaignList, ApiRequest::ListCampaigns { app_id: app_id.clone() });
                self.send(Task::SegmentList, ApiRequest::ListSegments { app_id });
            }
            CampaignAction::Save(campaign_id, request) => {
                self.project.campaigns.note = None;
                self.send(
                    Task::CampaignSave,
                    ApiRequest::SaveCampaign { app_id, campaign_id, request },
                );
            }
            CampaignAction::Delete(campaign_id) => {
                self.send(Task::CampaignSave, ApiRequest::DeleteCampaign { app_id, campaign_id });
            }
            CampaignAction::History(campaign_id) => {
                self.send(
                    Task::CampaignHistory,
                    ApiRequest::CampaignHistory { app_id, campaign_id },
                );
            }
            CampaignAction::PreviewEndpoint(endpoint_id) => {
                self.send(Task::Preview, ApiRequest::PreviewEndpoint { app_id, endpoint_id });
            }
        }
    }

    fn segment_action(&mut self, request: SegmentAction) {
        let Some(app_id) = self.projects.selected.clone() else { return };
        match request {
            SegmentAction::Reload => {
                self.send(Task::SegmentList, ApiRequest::ListSegments { app_id });
            }
            SegmentAction::Save(segment_id, request) => {
                self.project.segments.note = None;
                self.send(
                    Task::SegmentSave,
                    ApiRequest::SaveSegment { app_id, segment_id, request },
                );
            }
            SegmentAction::Delete(segment_id) => {
                self.send(Task::SegmentSave, ApiRequest::DeleteSegment { app_id, segment_id });
            }
            SegmentAction::Versions(segment_id) => {
                self.send(
                    Task::SegmentVersions,
                    ApiRequest::SegmentVersions { app_id, segment_id },
                );
            }
            SegmentAction::Estimate(definition) => {
                self.send(Task::Estimate, ApiRequest::Estimate { app_id, definition });
            }
            SegmentAction::Values => self.send(Task::SeenValues, ApiRequest::SeenValues { app_id }),
            SegmentAction::Sizes(definitions) => {
                self.send(Task::SegmentSizes, ApiRequest::SegmentSizes { app_id, definitions });
            }
            SegmentAction::Import(spec) => {
                self.send(Task::Jobs, ApiRequest::StartImport { app_id, spec });
            }
            SegmentAction::Export { segment_id, s3_prefix, role_arn } => {
                let request = ApiRequest::StartExport { app_id, segment_id, s3_prefix, role_arn };
                self.send(Task::Jobs, request);
            }
            SegmentAction::Jobs => self.send(Task::JobPoll, ApiRequest::ListJobs { app_id }),
            SegmentAction::PickFile => {
                self.send(Task::PickFile, ApiRequest::PickFile { member: "segment-import" });
            }
        }
    }

    /// Asks the worker for the project's kept drafts of `kind` (the disk is not read here).
    fn read_drafts(&mut self, task: Task, kind: &'static str, app_id: &str) {
        if let Some(store) = self.drafts.clone() {
            let request = ApiRequest::ReadDrafts { store, kind, app_id: app_id.to_owned() };
            self.send(task, request);
        }
    }

    /// Loads what the shown section needs, once per project.
    fn load_section(&mut self) {
        let Some(app_id) = self.projects.selected.clone() else { return };
        let section = self.project.section;
        if matches!(section, Section::Campaigns | Section::Segments)
            && self.project.segments.app_id.as_ref() != Some(&app_id)
        {
            self.project.segments = SegmentsScreen::for_project(&app_id);
            self.send(Task::SegmentList, ApiRequest::ListSegments { app_id: app_id.clone() });
            self.read_drafts(Task::SegmentDrafts, "segment", &app_id);
        }
        if section == Section::Campaigns && self.project.campaigns.app_id.as_ref() != Some(&app_id)
        {
            self.project.campaigns = CampaignsScreen::for_project(&app_id);
            self.send(Task::CampaignList, ApiRequest::ListCampaigns { app_id: app_id.clone() });
            self.read_drafts(Task::CampaignDrafts, "campaign", &app_id);
        }
        if self.project.section == Section::Channels
            && self.project.channels.app_id.as_ref() != Some(&app_id)
        {
            self.project.channels =
                ChannelsScreen { app_id: Some(app_id.clone()), ..ChannelsScreen::default() };
            self.send(Task::ListChannels, ApiRequest::ListChannels { app_id });
        }
    }

    /// Applies every waiting worker event; answers that are stale are dropped.
    pub fn drain_events(&mut self) {
        while let Some(ApiEvent { id, generation, result }) = self.api.try_recv() {
            if generation != self.api.generation() {
                continue;
            }
            let Some(task) = self.pending.finish(id) else { continue };
            match result {
                Ok(response) => self.apply(task, response),
                Err(error) => self.fail(task, error),
            }
        }
    }

    fn apply(&mut self, task: Task, response: ApiResponse) {
        if task != Task::Connect {
            self.connection.light = Light::Online;
            self.connection.problem = None;
        }
        match response {
            ApiResponse::Connected(info) => {
                self.connection.info = Some(info);
                self.send(Task::ListApps, ApiRequest::ListApps);
            }
            ApiResponse::Apps(apps) => {
                self.projects.apps = apps;
                self.projects.loaded = true;
                let still_there = self
                    .projects
                    .selected
                    .as_ref()
                    .is_some_and(|id| self.projects.apps.iter().any(|a| &a.id == id));
                if !still_there {
                    self.select(None);
                }
            }
            ApiResponse::AppCreated(app) => {
                self.projects.new_project = None;
                self.toasts.push(ToastKind::Success, format!("Created project “{}”", app.name));
                let id = app.id.clone();
                self.projects.apps.push(app);
                self.select(Some(id));
            }
            ApiResponse::AppDeleted(app) => {
                self.project.confirm_delete = None;
                self.projects.apps.retain(|a| a.id != app.id);
                self.project.unsaved.remove(&app.id);
                if self.projects.selected.as_deref() == Some(app.id.as_str()) {
                    self.select(None);
                }
                self.toasts.push(ToastKind::Success, format!("Deleted project “{}”", app.name));
            }
            picked @ ApiResponse::FilePicked { member: "segment-import", .. } => {
                for action in self.project.segments.apply(picked, self.drafts.as_ref()) {
                    self.handle(action);
                }
            }
            campaign @ (ApiResponse::Campaigns(_)
            | ApiResponse::CampaignSaved(_)
            | ApiResponse::CampaignDeleted(_)
            | ApiResponse::CampaignHistory { .. }
            | ApiResponse::PreviewEndpoint(_)
            | ApiResponse::Drafts { kind: "campaign", .. }) => {
                for action in self.project.campaigns.apply(campaign, self.drafts.as_ref()) {
                    self.handle(action);
                }
            }
            segment @ (ApiResponse::Segments(_)
            | ApiResponse::SegmentSaved(_)
            | ApiResponse::SegmentDeleted(_)
            | ApiResponse::SegmentVersions { .. }
            | ApiResponse::Estimate(_)
            | ApiResponse::SeenValues(_)
            | ApiResponse::SegmentSizes(_)
            | ApiResponse::Drafts { .. }
            | ApiResponse::Job(_)
            | ApiResponse::Jobs(_)) => {
                for action in self.project.segments.apply(segment, self.drafts.as_ref()) {
                    self.handle(action);
                }
            }
            upload @ ApiResponse::FilePicked { member: "upload", .. } => {
                for action in self.project.audience.apply(upload) {
                    self.handle(action);
                }
            }
            channel @ (ApiResponse::Channels { .. }
            | ApiResponse::ChannelSaved { .. }
            | ApiResponse::ChannelDeleted { .. }
            | ApiResponse::ChannelSecrets { .. }
            | ApiResponse::KeyFileRead { .. }
            | ApiResponse::FilePicked { .. }) => {
                for action in self.project.channels.apply(channel) {
                    self.handle(action);
                }
            }
            messaging @ (ApiResponse::BatchSent { .. }
            | ApiResponse::PhoneValidated(_)
            | ApiResponse::Outbox(_)
            | ApiResponse::FileWritten(_)) => {
                for action in self.project.messaging.apply(messaging) {
                    self.handle(action);
                }
            }
            audience @ (ApiResponse::Endpoint { .. }
            | ApiResponse::EndpointDeleted(_)
            | ApiResponse::UserEndpoints { .. }
            | ApiResponse::EventResults(_)
            | ApiResponse::AllEndpoints(_)
            | ApiResponse::TextFile { .. }
            | ApiResponse::ChunkUploaded { .. }
            | ApiResponse::EventStream(_)) => {
                for action in self.project.audience.apply(audience) {
                    self.handle(action);
                }
            }
            ApiResponse::Settings { app_id, settings } => {
                if self.projects.selected.as_deref() != Some(app_id.as_str()) {
                    return;
                }
                self.project.load_error = None;
                self.project.errors.clear();
                self.project.draft = match (task, self.project.unsaved.remove(&app_id)) {
                    (Task::LoadSettings, Some(unsaved)) => unsaved,
                    _ => SettingsDraft::from(&settings),
                };
                if task == Task::SaveSettings {
                    self.project.saved_note = Some(format!(
                        "Saved · last modified {}",
                        settings.last_modified_date().unwrap_or("now")
                    ));
                }
                self.project.loaded = Some(settings);
            }
        }
    }

    fn fail(&mut self, task: Task, error: ApiError) {
        if error.unreachable {
            self.connection.light = Light::Offline;
            self.connection.problem = Some(error.to_string());
        }
        match task {
            Task::CreateApp => {
                if let Some(form) = &mut self.projects.new_project {
                    form.error = Some(error.to_string());
                } else {
                    self.toasts.push(ToastKind::Error, error.to_string());
                }
            }
            Task::SaveSettings => self.project.save_error = Some(error),
            Task::LoadSettings => self.project.load_error = Some(error),
            Task::DeleteApp => {
                self.project.confirm_delete = None;
                self.toasts.push(ToastKind::Error, format!("Could not delete: {error}"));
            }
            Task::PickFile if self.project.section != Section::Channels => {
                // The file dialog serves several sections; only Channels has a place for it.
                self.toasts.push(ToastKind::Error, format!("File dialog: {error}"));
            }
            Task::ListChannels
            | Task::SaveChannel
            | Task::DeleteChannel
            | Task::LoadSecrets
            | Task::ReadKeyFile
            | Task::PickFile => self.project.channels.fail(task, error),
            Task::Audience => self.project.audience.fail(error),
            Task::CampaignList
            | Task::CampaignSave
            | Task::CampaignHistory
            | Task::Preview
            | Task::CampaignDrafts => {
                self.project.campaigns.fail(task, error);
            }
            Task::SegmentList
            | Task::SegmentSave
            | Task::SegmentVersions
            | Task::Estimate
            | Task::SeenValues
            | Task::SegmentSizes
            | Task::SegmentDrafts
            | Task::Jobs
            | Task::JobPoll => self.project.segments.fail(task, error),
            Task::SendBatch | Task::ValidatePhone | Task::Outbox | Task::WriteFile => {
                self.project.messaging.fail(error);
            }
            Task::Connect | Task::ListApps => {
                self.connection.light = Light::Offline;
                self.connection.problem = Some(error.to_string());
                self.toasts.push(ToastKind::Error, error.to_string());
            }
        }
    }
}

impl eframe::App for ConsoleApp {
    fn logic(&mut self, _ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.drain_events();
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let mut actions = Vec::new();
        egui::Panel::top("top_bar").show(ui, |ui| {
            actions.extend(top_bar::show(ui, self));
        });
        egui::Panel::left("projects").default_size(theme::NAV_WIDTH).resizable(true).show(
            ui,
            |ui| {
                actions.extend(projects::show(ui, self));
            },
        );
        egui::CentralPanel::default().show(ui, |ui| {
            actions.extend(project_view::show(ui, self));
        });
        let ctx = ui.ctx().clone();
        actions.extend(self.dialog.show(&ctx));
        actions.extend(project_view::delete_confirmation(&ctx, self));
        self.toasts.show(&ctx);
        self.startup.log(true, self.projects.loaded);
        for action in actions {
            self.handle(action);
        }
    }
}
