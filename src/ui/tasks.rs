//! In-flight requests by task: a task is busy while its request runs, a second click on a
//! busy task does nothing, and an answer that is not the latest for its task is stale.

use std::collections::HashMap;

use crate::api::RequestId;

/// The things the console can be waiting for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Task {
    /// Switching connection.
    Connect,
    /// Resetting, loading or saving the demo's world.
    DemoData,
    /// The file dialog of the Demo data menu.
    PickDemoFile,
    /// Loading the project list.
    ListApps,
    /// Creating a project.
    CreateApp,
    /// Deleting a project.
    DeleteApp,
    /// Loading the selected project's settings.
    LoadSettings,
    /// Saving the selected project's settings.
    SaveSettings,
    /// Loading the project's channels.
    ListChannels,
    /// Saving a channel.
    SaveChannel,
    /// Deleting a channel.
    DeleteChannel,
    /// Reading a channel's secrets from the keyring.
    LoadSecrets,
    /// Reading a key file.
    ReadKeyFile,
    /// The native file dialog for a channel's key or certificate.
    PickKeyFile,
    /// The native file dialog for an endpoint upload.
    PickUpload,
    /// Reading the chosen upload file.
    ReadUpload,
    /// The native file dialog for a segment import.
    PickImport,
    /// One batch of a direct send.
    SendBatch,
    /// The phone check.
    ValidatePhone,
    /// The mock's outbox.
    Outbox,
    /// Writing an export file.
    WriteFile,
    /// An endpoint, user, event or event-stream call.
    Audience,
    /// Loading the campaign list.
    CampaignList,
    /// Saving or deleting a campaign.
    CampaignSave,
    /// A campaign's versions and activities.
    CampaignHistory,
    /// The endpoint a message preview uses.
    Preview,
    /// The audience size of a campaign launch under review.
    CampaignAudience,
    /// Loading the segment list.
    SegmentList,
    /// Saving or deleting a segment.
    SegmentSave,
    /// A segment's versions.
    SegmentVersions,
    /// The mock's audience estimate.
    Estimate,
    /// Values seen in the project.
    SeenValues,
    /// Sizes of the listed segments.
    SegmentSizes,
    /// Starting an import or export job.
    Jobs,
    /// Refreshing the jobs.
    JobPoll,
    /// Reading the project's kept campaign drafts.
    CampaignDrafts,
    /// Reading the project's kept segment drafts.
    SegmentDrafts,
    /// The selected project's tags.
    ProjectTags,
    /// Loading the template list.
    TemplateList,
    /// Reading a template version.
    TemplateLoad,
    /// Saving a template or changing its active version.
    TemplateSave,
    /// Deleting a template.
    TemplateDelete,
    /// A template's versions.
    TemplateVersions,
    /// The endpoint a template preview uses.
    TemplatePreview,
    /// The open template's tags.
    TemplateTags,
    /// The recommender configurations a template can name.
    Recommenders,
    /// Opening a template's HTML in the browser.
    OpenHtml,
    /// Every template, for the pickers of messages.
    TemplateChoices,
    /// A template version a message's preview renders.
    TemplateUse,
    /// The open campaign's tags.
    CampaignTags,
    /// The open segment's tags.
    SegmentTags,
    /// The project's KPIs.
    AppKpis,
    /// A campaign's KPIs.
    CampaignKpis,
    /// The file dialog for the KPI CSV.
    PickCsv,
    /// Writing the KPI CSV.
    WriteCsv,
    /// The channel overview (GetChannels).
    ChannelOverview,
    /// Sending or verifying a one-time password.
    Otp,
    /// The in-app messages an endpoint would be shown.
    InAppMessages,
    /// The endpoint ids "what would this endpoint see" suggests.
    InAppEndpoints,
    /// Loading the journey list.
    JourneyList,
    /// Reading a journey.
    JourneyLoad,
    /// Saving or deleting a journey.
    JourneySave,
    /// Publishing, pausing, resuming or cancelling a journey.
    JourneyState,
    /// A journey's execution metrics (one in flight at a time).
    JourneyMetrics,
    /// A journey's runs.
    JourneyRuns,
    /// Who a journey would let in (mock estimate), for its publish review.
    JourneyAudience,
    /// A journey's KPIs.
    JourneyKpis,
    /// Reading the project's kept journey drafts.
    JourneyDrafts,
}

/// Who an answer goes back to: the shell or one section's screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// The shell: connection, projects, settings.
    Shell,
    /// The Channels section.
    Channels,
    /// The Messaging section.
    Messaging,
    /// The Audience section.
    Audience,
    /// The Campaigns section.
    Campaigns,
    /// The Segments section (also the segment list the campaign editor picks from).
    Segments,
    /// The Templates section.
    Templates,
    /// The Analytics section.
    Analytics,
    /// The Journeys section.
    Journeys,
}

impl Task {
    /// The screen that asked, which the answer goes back to.
    #[must_use]
    pub fn owner(self) -> Owner {
        match self {
            Self::Connect
            | Self::DemoData
            | Self::PickDemoFile
            | Self::ListApps
            | Self::CreateApp
            | Self::DeleteApp
            | Self::LoadSettings
            | Self::SaveSettings
            | Self::ProjectTags
            | Self::TemplateChoices
            | Self::TemplateUse => Owner::Shell,
            Self::TemplateList
            | Self::TemplateLoad
            | Self::TemplateSave
            | Self::TemplateDelete
            | Self::TemplateVersions
            | Self::TemplatePreview
            | Self::TemplateTags
            | Self::Recommenders
            | Self::OpenHtml => Owner::Templates,
            Self::ListChannels
            | Self::SaveChannel
            | Self::DeleteChannel
            | Self::LoadSecrets
            | Self::ReadKeyFile
            | Self::PickKeyFile
            | Self::ChannelOverview => Owner::Channels,
            Self::SendBatch | Self::ValidatePhone | Self::Outbox | Self::WriteFile | Self::Otp => {
                Owner::Messaging
            }
            Self::Audience | Self::PickUpload | Self::ReadUpload => Owner::Audience,
            Self::CampaignList
            | Self::CampaignSave
            | Self::CampaignHistory
            | Self::Preview
            | Self::CampaignAudience
            | Self::CampaignDrafts
            | Self::CampaignTags
            | Self::CampaignKpis
            | Self::InAppMessages
            | Self::InAppEndpoints => Owner::Campaigns,
            Self::AppKpis | Self::PickCsv | Self::WriteCsv => Owner::Analytics,
            Self::JourneyList
            | Self::JourneyLoad
            | Self::JourneySave
            | Self::JourneyState
            | Self::JourneyMetrics
            | Self::JourneyRuns
            | Self::JourneyAudience
            | Self::JourneyKpis
            | Self::JourneyDrafts => Owner::Journeys,
            Self::SegmentList
            | Self::SegmentSave
            | Self::SegmentVersions
            | Self::Estimate
            | Self::SeenValues
            | Self::SegmentSizes
            | Self::Jobs
            | Self::JobPoll
            | Self::SegmentDrafts
            | Self::PickImport
            | Self::SegmentTags => Owner::Segments,
        }
    }

    /// The tasks whose answers belong to the project that asked: when another project is
    /// selected, they are stale.
    pub const PROJECT_SCOPED: [Self; 33] = [
        Self::InAppMessages,
        Self::InAppEndpoints,
        Self::JourneyList,
        Self::JourneyLoad,
        Self::JourneySave,
        Self::JourneyState,
        Self::JourneyMetrics,
        Self::JourneyRuns,
        Self::JourneyAudience,
        Self::JourneyKpis,
        Self::ProjectTags,
        Self::CampaignTags,
        Self::SegmentTags,
        Self::AppKpis,
        Self::CampaignKpis,
        Self::ChannelOverview,
        Self::Otp,
        Self::CampaignList,
        Self::CampaignSave,
        Self::CampaignHistory,
        Self::Preview,
        Self::CampaignAudience,
        Self::SegmentList,
        Self::SegmentSave,
        Self::SegmentVersions,
        Self::Estimate,
        Self::SeenValues,
        Self::SegmentSizes,
        Self::Jobs,
        Self::JobPoll,
        Self::CampaignDrafts,
        Self::SegmentDrafts,
        Self::JourneyDrafts,
    ];
}

/// Latest request id per task.
#[derive(Debug, Default)]
pub struct Pending(HashMap<Task, RequestId>);

impl Pending {
    /// Records `id` as the latest request of `task` (an earlier one becomes stale).
    pub fn start(&mut self, task: Task, id: RequestId) {
        self.0.insert(task, id);
    }

    /// True while a request of `task` runs.
    #[must_use]
    pub fn is_busy(&self, task: Task) -> bool {
        self.0.contains_key(&task)
    }

    /// Takes the task this answer belongs to, or `None` when the answer is stale.
    pub fn finish(&mut self, id: RequestId) -> Option<Task> {
        let task = self.0.iter().find(|(_, pending)| **pending == id).map(|(task, _)| *task)?;
        self.0.remove(&task);
        Some(task)
    }

    /// Forgets the request of `task`: its answer will be stale.
    pub fn forget(&mut self, task: Task) {
        self.0.remove(&task);
    }

    /// Forgets every request (after a connection switch, all answers are stale).
    pub fn clear(&mut self) {
        self.0.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_latest_answer_of_a_task_counts() {
        let mut p = Pending::default();
        p.start(Task::LoadSettings, 1);
        p.start(Task::LoadSettings, 2);
        assert!(p.is_busy(Task::LoadSettings));
        assert_eq!(p.finish(1), None);
        assert_eq!(p.finish(2), Some(Task::LoadSettings));
        assert!(!p.is_busy(Task::LoadSettings));
        p.start(Task::CampaignList, 3);
        p.forget(Task::CampaignList);
        assert_eq!(p.finish(3), None, "a forgotten request's answer is stale");
    }
}
