//! The shell's side of every action: what each one asks of the worker, for which task.
//! Actions of one area with their own enum (templates, campaigns, segments, journeys, audience)
//! are carried out in that area's file here.

mod audience;
mod campaigns;
mod journeys;
mod segments;
mod templates;

use super::ConsoleApp;
use crate::api::TemplatesRequest;
use crate::api::{
    AnalyticsRequest, AppsRequest, ChannelsRequest, FilePurpose, LocalRequest, MessagingRequest,
};
use crate::ui::action::{
    Action, AnalyticsAction, CampaignAction, JourneyAction, Section, SegmentAction, TagTarget,
    TemplateAction,
};
use crate::ui::state::{ConnectionState, ProjectScreen, ProjectsState};
use crate::ui::tasks::Task;
use crate::ui::widgets::Light;

impl ConsoleApp {
    /// Carries out an action.
    pub fn handle(&mut self, action: Action) {
        match action {
            Action::Connect(spec) => {
                self.pending.clear();
                self.projects = ProjectsState {
                    filter: std::mem::take(&mut self.projects.filter),
                    folded: self.projects.folded,
                    ..Default::default()
                };
                self.project = ProjectScreen::default();
                self.templates = crate::ui::templates::TemplatesScreen::default();
                self.library = crate::ui::template_picker::TemplateLibrary::default();
                self.connection = ConnectionState {
                    spec: spec.without_new_keys(),
                    info: None,
                    light: Light::Pending,
                    problem: None,
                };
                let id = self.api.connect(spec);
                self.pending.start(Task::Connect, id);
            }
            Action::Demo(action) => self.demo_action(action),
            Action::ReloadApps => {
                self.send(Task::ListApps, AppsRequest::ListApps);
                // The top bar's Reload also refreshes the list the user is looking at.
                match self.project.section {
                    Section::Campaigns => self.campaign_action(CampaignAction::Reload),
                    Section::Segments => self.segment_action(SegmentAction::Reload),
                    Section::Journeys => self.journey_action(JourneyAction::Reload),
                    _ => {}
                }
            }
            Action::Select(id) => {
                self.show_templates = false;
                self.select(Some(id));
            }
            Action::ShowTemplates => {
                self.show_templates = true;
                if !self.templates.loaded {
                    self.template_action(TemplateAction::List);
                }
            }
            Action::Templates(request) => self.template_action(request),
            Action::Tags { target, arn, changes } => {
                let task = match target {
                    TagTarget::Project => Task::ProjectTags,
                    TagTarget::Campaign => Task::CampaignTags,
                    TagTarget::Segment => Task::SegmentTags,
                    TagTarget::Template => Task::TemplateTags,
                };
                let request = match changes {
                    Some(changes) => TemplatesRequest::SaveTags { arn, changes },
                    None => TemplatesRequest::Tags { arn },
                };
                self.send(task, request);
            }
            Action::CreateApp(name) => self.send(Task::CreateApp, AppsRequest::CreateApp { name }),
            Action::DeleteApp(app_id) => {
                self.send(Task::DeleteApp, AppsRequest::DeleteApp { app_id });
            }
            Action::ReloadSettings => {
                if let Some(app_id) = self.projects.selected.clone() {
                    self.project.unsaved.remove(&app_id);
                    self.send(Task::LoadSettings, AppsRequest::GetSettings { app_id });
                }
            }
            Action::ShowSection(section) => {
                self.project.section = section;
                self.load_section();
            }
            Action::ReloadChannels => {
                if let Some(app_id) = self.projects.selected.clone() {
                    self.send(Task::ListChannels, ChannelsRequest::ListChannels { app_id });
                }
            }
            Action::LoadChannelSecrets(kind) => {
                if let Some(app_id) = self.projects.selected.clone() {
                    self.send(
                        Task::LoadSecrets,
                        ChannelsRequest::LoadChannelSecrets { app_id, kind },
                    );
                }
            }
            Action::SaveChannel { request, secrets } => {
                if let Some(app_id) = self.projects.selected.clone() {
                    let request = ChannelsRequest::SaveChannel { app_id, request, secrets };
                    self.send(Task::SaveChannel, request);
                }
            }
            Action::DeleteChannel(kind) => {
                if let Some(app_id) = self.projects.selected.clone() {
                    self.send(Task::DeleteChannel, ChannelsRequest::DeleteChannel { app_id, kind });
                }
            }
            Action::ReadKeyFile { member, path, expect } => {
                self.send(Task::ReadKeyFile, LocalRequest::ReadKeyFile { member, path, expect });
            }
            Action::PickFile(member) => {
                let purpose = FilePurpose::KeyFile { member };
                self.send(Task::PickKeyFile, LocalRequest::PickFile { purpose });
            }
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
                    self.send(
                        Task::SendBatch,
                        MessagingRequest::SendBatch { app_id, batch, index },
                    );
                }
            }
            Action::ValidatePhone { number, country } => {
                self.project.messaging.phone = None;
                self.send(Task::ValidatePhone, MessagingRequest::ValidatePhone { number, country });
            }
            Action::LoadOutbox => {
                if let Some(app_id) = self.projects.selected.clone() {
                    let m = &self.project.messaging;
                    let request = MessagingRequest::Outbox {
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
                m.tab = crate::ui::messaging::Tab::Compose;
                self.project.section = Section::Messaging;
            }
            Action::Audience(request) => self.audience_action(request),
            Action::Campaigns(request) => self.campaign_action(request),
            Action::Journeys(request) => self.journey_action(request),
            Action::Segments(request) => self.segment_action(request),
            Action::Kpis { level, names, range } => {
                let Some(app_id) = self.projects.selected.clone() else { return };
                let task = match level {
                    crate::drafts::analytics::KpiLevel::App => Task::AppKpis,
                    crate::drafts::analytics::KpiLevel::Journey(_) => Task::JourneyKpis,
                    crate::drafts::analytics::KpiLevel::Campaign(_) => Task::CampaignKpis,
                };
                let (start_time, end_time) = (range.start_time(), range.end_time());
                // A new range replaces the one asked before: its answer is stale.
                self.pending.forget(task);
                let request = AnalyticsRequest::Kpis { app_id, level, names, start_time, end_time };
                self.send(task, request);
            }
            Action::Analytics(AnalyticsAction::PickCsv) => {
                let purpose = FilePurpose::AnalyticsCsv;
                self.send(Task::PickCsv, LocalRequest::PickFile { purpose });
            }
            Action::Analytics(AnalyticsAction::WriteCsv { path, contents }) => {
                self.send(Task::WriteCsv, LocalRequest::WriteTextFile { path, contents });
            }
            Action::SendOtp(params) => {
                if let Some(app_id) = self.projects.selected.clone() {
                    self.send(Task::Otp, MessagingRequest::SendOtp { app_id, params });
                }
            }
            Action::VerifyOtp(params) => {
                if let Some(app_id) = self.projects.selected.clone() {
                    self.send(Task::Otp, MessagingRequest::VerifyOtp { app_id, params });
                }
            }
            Action::ChannelOverview => {
                if let Some(app_id) = self.projects.selected.clone() {
                    self.send(Task::ChannelOverview, ChannelsRequest::Overview { app_id });
                }
            }
            Action::WriteTextFile { path, contents } => {
                self.send(Task::WriteFile, LocalRequest::WriteTextFile { path, contents });
            }
            Action::SaveSettings(request) => {
                if let Some(app_id) = self.projects.selected.clone() {
                    self.project.save_error = None;
                    self.project.saved_note = None;
                    self.send(Task::SaveSettings, AppsRequest::UpdateSettings { app_id, request });
                }
            }
        }
    }
}
