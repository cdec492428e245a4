//! The shell's side of every action: what each one asks of the worker, for which task.

use super::ConsoleApp;
use crate::api::TemplatesRequest;
use crate::api::{
    AnalyticsRequest, ApiRequest, AppsRequest, AudienceRequest, ChannelsRequest, EngagementRequest,
    FilePurpose, LocalRequest, MessagingRequest,
};
use crate::ui::action::{
    Action, AnalyticsAction, AudienceAction, CampaignAction, JourneyAction, Section, SegmentAction,
    TagTarget, TemplateAction,
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
            Action::Audience(request) => {
                let Some(app_id) = self.projects.selected.clone() else { return };
                let request: ApiRequest = match request {
                    AudienceAction::GetEndpoint(endpoint_id) => {
                        AudienceRequest::GetEndpoint { app_id, endpoint_id }.into()
                    }
                    AudienceAction::SaveEndpoint(endpoint_id, request) => {
                        AudienceRequest::SaveEndpoint { app_id, endpoint_id, request }.into()
                    }
                    AudienceAction::DeleteEndpoint(endpoint_id) => {
                        AudienceRequest::DeleteEndpoint { app_id, endpoint_id }.into()
                    }
                    AudienceAction::GetUser(user_id) => {
                        AudienceRequest::GetUserEndpoints { app_id, user_id }.into()
                    }
                    AudienceAction::DeleteUser(user_id) => {
                        AudienceRequest::DeleteUserEndpoints { app_id, user_id }.into()
                    }
                    AudienceAction::PutEvent(endpoint_id, event) => {
                        AudienceRequest::PutEvent { app_id, endpoint_id, event }.into()
                    }
                    AudienceAction::GetEventStream => {
                        AudienceRequest::GetEventStream { app_id }.into()
                    }
                    AudienceAction::PutEventStream(destination, role) => {
                        AudienceRequest::PutEventStream { app_id, destination, role }.into()
                    }
                    AudienceAction::DeleteEventStream => {
                        AudienceRequest::DeleteEventStream { app_id }.into()
                    }
                    AudienceAction::ListAll => AudienceRequest::ListAllEndpoints { app_id }.into(),
                    AudienceAction::ReadFile(path) => {
                        // Its own task: a busy Audience call must not swallow the chosen file.
                        self.send(Task::ReadUpload, LocalRequest::ReadTextFile { path });
                        return;
                    }
                    AudienceAction::PickFile => {
                        let purpose = FilePurpose::EndpointUpload;
                        self.send(Task::PickUpload, LocalRequest::PickFile { purpose });
                        return;
                    }
                    AudienceAction::UploadChunk(request, index) => {
                        AudienceRequest::UploadChunk { app_id, request, index }.into()
                    }
                    AudienceAction::RemoveAttributes(attribute_type, names) => {
                        AudienceRequest::RemoveAttributes { app_id, attribute_type, names }.into()
                    }
                };
                self.send(Task::Audience, request);
            }
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

    fn template_action(&mut self, request: TemplateAction) {
        let (task, request): (Task, ApiRequest) = match request {
            TemplateAction::List => {
                let t = &self.templates;
                let request =
                    TemplatesRequest::List { prefix: t.prefix.clone(), kind: t.kind_filter };
                (Task::TemplateList, request.into())
            }
            TemplateAction::Open { name, kind, version } => {
                (Task::TemplateLoad, TemplatesRequest::Get { name, kind, version }.into())
            }
            TemplateAction::Save { name, kind, body, create, new_version } => {
                let request = TemplatesRequest::Save { name, kind, body, create, new_version };
                (Task::TemplateSave, request.into())
            }
            TemplateAction::Delete { name, kind } => {
                self.templates.note = None;
                self.templates.error = None;
                (Task::TemplateDelete, TemplatesRequest::Delete { name, kind }.into())
            }
            TemplateAction::Versions { name, kind } => {
                (Task::TemplateVersions, TemplatesRequest::Versions { name, kind }.into())
            }
            TemplateAction::SetActive { name, kind, version } => {
                let request = TemplatesRequest::SetActive { name, kind, version };
                (Task::TemplateSave, request.into())
            }
            TemplateAction::Recommenders => {
                if self.templates.recommenders.is_some() {
                    return;
                }
                (Task::Recommenders, TemplatesRequest::Recommenders.into())
            }
            TemplateAction::Choices => {
                let request = TemplatesRequest::List { prefix: String::new(), kind: None };
                (Task::TemplateChoices, request.into())
            }
            TemplateAction::Use { name, kind, version } => {
                if self.is_busy(Task::TemplateUse) {
                    return;
                }
                let key = (name.clone(), kind, version.clone());
                self.library.asked.insert(key.clone());
                self.library_in_flight = Some(key);
                let version = Some(version).filter(|v| !v.is_empty());
                (Task::TemplateUse, TemplatesRequest::Get { name, kind, version }.into())
            }
            TemplateAction::PreviewEndpoint { app_id, endpoint_id } => (
                Task::TemplatePreview,
                EngagementRequest::PreviewEndpoint { app_id, endpoint_id }.into(),
            ),
            TemplateAction::OpenHtml { name, html } => {
                (Task::OpenHtml, LocalRequest::OpenHtml { name, html }.into())
            }
        };
        self.send(task, request);
    }

    fn campaign_action(&mut self, request: CampaignAction) {
        let Some(app_id) = self.projects.selected.clone() else { return };
        match request {
            CampaignAction::Reload => {
                self.send(
                    Task::CampaignList,
                    EngagementRequest::ListCampaigns { app_id: app_id.clone() },
                );
                self.send(Task::SegmentList, EngagementRequest::ListSegments { app_id });
            }
            CampaignAction::Save(campaign_id, request) => {
                self.project.campaigns.note = None;
                self.send(
                    Task::CampaignSave,
                    EngagementRequest::SaveCampaign { app_id, campaign_id, request },
                );
            }
            CampaignAction::Delete(campaign_id) => {
                self.send(
                    Task::CampaignSave,
                    EngagementRequest::DeleteCampaign { app_id, campaign_id },
                );
            }
            CampaignAction::History(campaign_id) => {
                self.send(
                    Task::CampaignHistory,
                    EngagementRequest::CampaignHistory { app_id, campaign_id },
                );
            }
            CampaignAction::PreviewEndpoint(endpoint_id) => {
                self.send(
                    Task::Preview,
                    EngagementRequest::PreviewEndpoint { app_id, endpoint_id },
                );
            }
            CampaignAction::Audience(definition) => {
                self.send(
                    Task::CampaignAudience,
                    EngagementRequest::Estimate { app_id, definition },
                );
            }
            CampaignAction::InAppMessages(endpoint_id) => {
                self.send(
                    Task::InAppMessages,
                    EngagementRequest::InAppMessages { app_id, endpoint_id },
                );
            }
            CampaignAction::EndpointIds => {
                self.send(Task::InAppEndpoints, AudienceRequest::ListAllEndpoints { app_id });
            }
        }
    }

    fn segment_action(&mut self, request: SegmentAction) {
        let Some(app_id) = self.projects.selected.clone() else { return };
        match request {
            SegmentAction::Reload => {
                self.send(Task::SegmentList, EngagementRequest::ListSegments { app_id });
            }
            SegmentAction::Save(segment_id, request) => {
                self.project.segments.note = None;
                self.send(
                    Task::SegmentSave,
                    EngagementRequest::SaveSegment { app_id, segment_id, request },
                );
            }
            SegmentAction::Delete(segment_id) => {
                self.send(
                    Task::SegmentSave,
                    EngagementRequest::DeleteSegment { app_id, segment_id },
                );
            }
            SegmentAction::Versions(segment_id) => {
                self.send(
                    Task::SegmentVersions,
                    EngagementRequest::SegmentVersions { app_id, segment_id },
                );
            }
            SegmentAction::Estimate(definition) => {
                self.send(Task::Estimate, EngagementRequest::Estimate { app_id, definition });
            }
            SegmentAction::Values => {
                self.send(Task::SeenValues, EngagementRequest::SeenValues { app_id });
            }
            SegmentAction::Sizes(definitions) => {
                self.send(
                    Task::SegmentSizes,
                    EngagementRequest::SegmentSizes { app_id, definitions },
                );
            }
            SegmentAction::Import(spec) => {
                self.send(Task::Jobs, EngagementRequest::StartImport { app_id, spec });
            }
            SegmentAction::Export { segment_id, s3_prefix, role_arn } => {
                let request =
                    EngagementRequest::StartExport { app_id, segment_id, s3_prefix, role_arn };
                self.send(Task::Jobs, request);
            }
            SegmentAction::Jobs => self.send(Task::JobPoll, EngagementRequest::ListJobs { app_id }),
            SegmentAction::PickFile => {
                let purpose = FilePurpose::SegmentImport;
                self.send(Task::PickImport, LocalRequest::PickFile { purpose });
            }
        }
    }

    fn journey_action(&mut self, request: JourneyAction) {
        use crate::api::journeys::JourneysRequest;
        let Some(app_id) = self.projects.selected.clone() else { return };
        let (task, request) = match request {
            JourneyAction::Reload => {
                self.send(
                    Task::SegmentList,
                    EngagementRequest::ListSegments { app_id: app_id.clone() },
                );
                (Task::JourneyList, JourneysRequest::List { app_id }.into())
            }
            JourneyAction::Open(journey_id) => {
                (Task::JourneyLoad, JourneysRequest::Get { app_id, journey_id }.into())
            }
            JourneyAction::Save(journey_id, request) => {
                (Task::JourneySave, JourneysRequest::Save { app_id, journey_id, request }.into())
            }
            JourneyAction::Delete(journey_id) => {
                (Task::JourneySave, JourneysRequest::Delete { app_id, journey_id }.into())
            }
            JourneyAction::SetState(journey_id, state) => {
                (Task::JourneyState, JourneysRequest::SetState { app_id, journey_id, state }.into())
            }
            JourneyAction::Metrics { journey_id, run_id, activities } => {
                let request = JourneysRequest::Metrics { app_id, journey_id, run_id, activities };
                (Task::JourneyMetrics, request.into())
            }
            JourneyAction::Runs(journey_id) => {
                (Task::JourneyRuns, JourneysRequest::Runs { app_id, journey_id }.into())
            }
            JourneyAction::Audience(definition) => {
                (Task::JourneyAudience, EngagementRequest::Estimate { app_id, definition }.into())
            }
        };
        let request: ApiRequest = request;
        self.send(task, request);
    }
}
