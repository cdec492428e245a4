//! The shell: owns the worker handle and every screen's state, drains worker events once per
//! frame, and turns the actions that panels return into requests (`handle`). Each answer goes
//! back to the screen whose task asked for it (`route`).

pub mod demo_data;
mod handle;
mod project_view;
mod projects;
mod route;
mod top_bar;

use std::sync::Arc;

use super::action::{Action, Section};
use super::campaigns::CampaignsScreen;
use super::segments::SegmentsScreen;
use super::state::{ConnectionState, ProjectScreen, ProjectsState};
use super::tasks::{Pending, Task};
use super::toasts::Toasts;
use super::widgets::Light;
use super::{connection_dialog, theme};
use crate::api::demo::DemoSetup;
use crate::api::{
    ApiEvent, ApiHandle, ApiRequest, AppSummary, AppsRequest, ChannelsRequest, ConnectionSpec,
    EngagementRequest, LocalRequest, Timeouts,
};
use crate::drafts::store::{DraftKind, DraftStore};
use crate::secrets::{SecretStore, UnavailableStore};

/// How the app starts.
#[derive(Debug, Clone)]
pub struct AppOptions {
    /// The first connection.
    pub connection: ConnectionSpec,
    /// Timeouts and retries of every call.
    pub timeouts: Timeouts,
    /// How demo mode starts: its data set and where its world is kept.
    pub demo: DemoSetup,
    /// When the process started, to log the cold-start figures (first frame, first list).
    pub started: Option<std::time::Instant>,
    /// Where channel secrets live (the OS keyring in the app); `None` means no store.
    pub secrets: Option<Arc<dyn SecretStore>>,
    /// Where unsaved campaign, segment and journey drafts are kept; `None` keeps none.
    pub drafts_dir: Option<std::path::PathBuf>,
}

impl Default for AppOptions {
    fn default() -> Self {
        Self {
            connection: ConnectionSpec::Demo,
            timeouts: Timeouts::default(),
            demo: DemoSetup::default(),
            started: None,
            secrets: None,
            drafts_dir: None,
        }
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
    /// Unsaved campaign, segment and journey drafts on disk.
    pub drafts: Option<DraftStore>,
    /// The Demo data menu (demo connections only).
    pub demo_data: demo_data::DemoDataState,
    /// The account's message templates.
    pub templates: super::templates::TemplatesScreen,
    /// True while the Templates section is shown instead of the project.
    pub show_templates: bool,
    /// The templates messages pick from, and the versions their previews read.
    pub library: super::template_picker::TemplateLibrary,
    /// The template version being read for a preview.
    library_in_flight: Option<super::template_picker::Key>,
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
            options.demo.clone(),
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
            demo_data: demo_data::DemoDataState::default(),
            templates: super::templates::TemplatesScreen::default(),
            show_templates: false,
            library: super::template_picker::TemplateLibrary::default(),
            library_in_flight: None,
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

    /// What the connection reaches, for error messages: the endpoint URL in use, else the
    /// connection's description.
    #[must_use]
    pub fn target(&self) -> String {
        match &self.connection.info {
            Some(info) if !matches!(self.connection.spec, ConnectionSpec::Demo) => {
                info.endpoint_url.clone().unwrap_or_else(|| self.connection.spec.describe())
            }
            _ => self.connection.spec.describe(),
        }
    }

    /// The selected project, if any.
    #[must_use]
    pub fn selected_app(&self) -> Option<&AppSummary> {
        let id = self.projects.selected.as_deref()?;
        self.projects.apps.iter().find(|a| a.id == id)
    }

    fn send(&mut self, task: Task, request: impl Into<ApiRequest>) {
        if self.pending.is_busy(task)
            && !matches!(
                task,
                // The latest of these wins: an older answer is stale (e.g. a review's audience
                // size must be the reviewed segment's, not the one asked for before).
                Task::LoadSettings
                    | Task::ListApps
                    | Task::Estimate
                    | Task::CampaignAudience
                    | Task::TemplateList
                    | Task::TemplateLoad
                    | Task::TemplatePreview
                    | Task::JourneyAudience
                    | Task::JourneyLoad
            )
        {
            // A second click on a busy button does nothing.
            return;
        }
        let id = self.api.request(request.into());
        self.pending.start(task, id);
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
        // The channel forms keep their unsaved edits per project.
        let channels = std::mem::take(&mut self.project.channels);
        let section = self.project.section;
        self.project = ProjectScreen { unsaved, section, channels, ..ProjectScreen::default() };
        self.projects.selected.clone_from(&id);
        if let Some(app_id) = id {
            self.send(Task::LoadSettings, AppsRequest::GetSettings { app_id });
            self.load_section();
        }
    }

    /// Asks the worker for the project's kept drafts of `kind` (the disk is not read here).
    fn read_drafts(&mut self, task: Task, kind: DraftKind, app_id: &str) {
        if let Some(store) = self.drafts.clone() {
            let request = LocalRequest::ReadDrafts { store, kind, app_id: app_id.to_owned() };
            self.send(task, request);
        }
    }

    /// Loads what the shown section needs, once per project.
    fn load_section(&mut self) {
        let Some(app_id) = self.projects.selected.clone() else { return };
        let section = self.project.section;
        if matches!(section, Section::Campaigns | Section::Segments | Section::Journeys)
            && self.project.segments.app_id.as_ref() != Some(&app_id)
        {
            self.project.segments = SegmentsScreen::for_project(&app_id);
            self.send(
                Task::SegmentList,
                EngagementRequest::ListSegments { app_id: app_id.clone() },
            );
            self.read_drafts(Task::SegmentDrafts, DraftKind::Segment, &app_id);
        }
        if section == Section::Campaigns && self.project.campaigns.app_id.as_ref() != Some(&app_id)
        {
            self.project.campaigns = CampaignsScreen::for_project(&app_id);
            self.send(
                Task::CampaignList,
                EngagementRequest::ListCampaigns { app_id: app_id.clone() },
            );
            self.read_drafts(Task::CampaignDrafts, DraftKind::Campaign, &app_id);
        }
        if section == Section::Journeys && self.project.journeys.app_id.as_ref() != Some(&app_id) {
            self.project.journeys = crate::ui::journeys::JourneysScreen::for_project(&app_id);
            self.send(
                Task::JourneyList,
                crate::api::journeys::JourneysRequest::List { app_id: app_id.clone() },
            );
            self.read_drafts(Task::JourneyDrafts, DraftKind::Journey, &app_id);
        }
        if self.project.section == Section::Channels
            && self.project.channels.app_id.as_ref() != Some(&app_id)
        {
            self.project.channels.switch_project(&app_id);
            self.send(Task::ListChannels, ChannelsRequest::ListChannels { app_id });
        }
    }

    /// The Templates section in the central panel (scrolling under a fixed top).
    fn templates_view(&mut self, ui: &mut egui::Ui) -> Vec<Action> {
        let tasks = [
            Task::TemplateList,
            Task::TemplateLoad,
            Task::TemplateSave,
            Task::TemplateDelete,
            Task::TemplateVersions,
            Task::TemplatePreview,
            Task::TemplateTags,
        ];
        let pending: Vec<Task> = tasks.into_iter().filter(|t| self.is_busy(*t)).collect();
        let busy = move |t: Task| pending.contains(&t);
        let cx = super::templates::Context {
            busy: &busy,
            projects: &self.projects.apps,
            selected: self.projects.selected.as_deref(),
        };
        let screen = &mut self.templates;
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| super::templates::show(ui, screen, cx))
            .inner
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
        if !self.projects.folded {
            // Narrower by default on a narrow window, so the project keeps most of it.
            let width = if ui.available_width() < 1100.0 { 210.0 } else { theme::NAV_WIDTH };
            egui::Panel::left("projects")
                .default_size(width)
                .size_range(160.0..=480.0)
                .resizable(true)
                .show(ui, |ui| {
                    actions.extend(projects::show(ui, self));
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            if self.show_templates {
                actions.extend(self.templates_view(ui));
            } else {
                actions.extend(project_view::show(ui, self));
            }
        });
        let ctx = ui.ctx().clone();
        actions.extend(self.dialog.show(&ctx));
        actions.extend(project_view::delete_confirmation(&ctx, self));
        actions.extend(demo_data::confirmation(&ctx, self));
        let busy = self.is_busy(Task::TemplateDelete);
        actions.extend(super::templates::delete_confirmation(&ctx, &mut self.templates, busy));
        self.toasts.show(&ctx);
        self.startup.log(true, self.projects.loaded);
        for action in actions {
            self.handle(action);
        }
    }
}
