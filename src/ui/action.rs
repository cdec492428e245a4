//! What a panel asks the shell to do. Panels never send requests themselves: they return
//! actions, and the shell (`app`) turns them into requests to the worker. Every action type
//! lives here, so screens depend on this file and it depends on no screen.

use aws_sdk_pinpoint::types::WriteApplicationSettingsRequest;

use crate::api::jobs::ImportSpec;
use crate::api::{ConnectionSpec, DemoRequest, FilePurpose};
use crate::drafts::channels::{ChannelRequest, KeyFile};
use crate::drafts::message::Batch;
use crate::pinpoint::ChannelKind;
use crate::secrets::{Redacted, SecretFields};

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
    /// Load the selected project's channels again (after a failed load).
    ReloadChannels,
    /// Read a channel's secrets from the keyring.
    LoadChannelSecrets(ChannelKind),
    /// Save a channel and keep its secrets.
    SaveChannel {
        /// The update (boxed: the largest action by far; redacted: it carries credentials).
        request: Box<Redacted<ChannelRequest>>,
        /// What to keep in the keyring.
        secrets: Redacted<SecretFields>,
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
    /// Open the native file dialog for a channel form member.
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
    /// A Demo data menu request.
    Demo(DemoAction),
    /// Show the account's message templates.
    ShowTemplates,
    /// A Templates-section request.
    Templates(TemplateAction),
    /// Read (`changes: None`) or change the tags of a resource.
    Tags {
        /// The screen the tags are edited on.
        target: TagTarget,
        /// The resource.
        arn: String,
        /// What to change.
        changes: Option<crate::drafts::tags::TagChanges>,
    },
    /// Load KPIs over a range (any level: project, campaign, journey).
    Kpis {
        /// What they are about.
        level: crate::drafts::analytics::KpiLevel,
        /// The `kpi-name`s.
        names: Vec<String>,
        /// The range.
        range: crate::drafts::analytics::DateRange,
    },
    /// An Analytics-section request.
    Analytics(AnalyticsAction),
    /// A Journeys-section request.
    Journeys(JourneyAction),
    /// Send a one-time password (after its review).
    SendOtp(Box<aws_sdk_pinpoint::types::SendOtpMessageRequestParameters>),
    /// Verify a one-time password.
    VerifyOtp(aws_sdk_pinpoint::types::VerifyOtpMessageRequestParameters),
    /// Load the channel overview (GetChannels).
    ChannelOverview,
    /// Write a text file.
    WriteTextFile {
        /// Where.
        path: std::path::PathBuf,
        /// What.
        contents: String,
    },
}

/// What the Analytics section asks.
#[derive(Debug, Clone)]
pub enum AnalyticsAction {
    /// Open the file dialog for the CSV.
    PickCsv,
    /// Write the CSV.
    WriteCsv {
        /// Where.
        path: std::path::PathBuf,
        /// What.
        contents: String,
    },
}

/// What the Demo data menu asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DemoAction {
    /// Open the file dialog to load or save a state file.
    Pick(FilePurpose),
    /// Reset, load or save (confirmed where it replaces the world).
    Run(DemoRequest),
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
    /// The KPI dashboard.
    Analytics,
    /// Journeys: the list and the visual builder.
    Journeys,
}

/// What the Journeys section asks the shell for.
#[derive(Debug, Clone)]
pub enum JourneyAction {
    /// Reload the list (and the segments the entry picks from).
    Reload,
    /// Read a journey.
    Open(String),
    /// Create (no id) or update.
    Save(Option<String>, Box<aws_sdk_pinpoint::types::WriteJourneyRequest>),
    /// Delete (confirmed).
    Delete(String),
    /// Change the state: `ACTIVE`, `PAUSED`, `CANCELLED` (confirmed).
    SetState(String, String),
    /// The journey's (or a run's) metrics with each activity's.
    Metrics {
        /// The journey.
        journey_id: String,
        /// A run, or the whole journey.
        run_id: Option<String>,
        /// Its activities.
        activities: Vec<String>,
    },
    /// The runs with their metrics.
    Runs(String),
    /// Estimate who enters (mock): a segment definition.
    Audience(serde_json::Value),
}

/// What the Audience section asks the shell to do.
#[derive(Debug, Clone)]
pub enum AudienceAction {
    /// Look up an endpoint.
    GetEndpoint(String),
    /// Save the endpoint form.
    SaveEndpoint(String, Box<aws_sdk_pinpoint::types::EndpointRequest>),
    /// Delete an endpoint.
    DeleteEndpoint(String),
    /// Look up a user.
    GetUser(String),
    /// Delete a user's endpoints.
    DeleteUser(String),
    /// Send a test event.
    PutEvent(String, Box<aws_sdk_pinpoint::types::Event>),
    /// Read the event stream.
    GetEventStream,
    /// Save the event stream.
    PutEventStream(String, String),
    /// Delete the event stream.
    DeleteEventStream,
    /// Load every endpoint (mock listing).
    ListAll,
    /// Read an upload file.
    ReadFile(std::path::PathBuf),
    /// Choose an upload file with the native dialog.
    PickFile,
    /// Send one chunk of an upload.
    UploadChunk(Box<aws_sdk_pinpoint::types::EndpointBatchRequest>, usize),
    /// Remove attribute names of a type from every endpoint (after confirmation).
    RemoveAttributes(String, Vec<String>),
}

/// What the Campaigns section asks the shell for.
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
    /// Estimate the audience of a launch under review (mock): a segment definition.
    Audience(serde_json::Value),
    /// The in-app messages an endpoint would be shown (GetInAppMessages).
    InAppMessages(String),
    /// Every endpoint id of the project, to suggest (mock).
    EndpointIds,
}

/// What the Segments section asks the shell for.
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
    Estimate(serde_json::Value),
    /// Values seen in the project (mock).
    Values,
    /// Sizes of these segments (mock): id and definition.
    Sizes(Vec<(String, serde_json::Value)>),
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

/// Where a tag editor is: the answer goes back there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagTarget {
    /// The selected project's header.
    Project,
    /// The open campaign.
    Campaign,
    /// The open segment.
    Segment,
    /// The open template.
    Template,
}

/// What the Templates section asks the shell for.
#[derive(Debug, Clone)]
pub enum TemplateAction {
    /// Reload the list with the section's filter.
    List,
    /// Open a template (its active version, or `version`).
    Open {
        /// Its name.
        name: String,
        /// Its type.
        kind: crate::pinpoint::TemplateKind,
        /// A version to view.
        version: Option<String>,
    },
    /// Create, or update as a new version or over the latest.
    Save {
        /// Its name.
        name: String,
        /// Its type.
        kind: crate::pinpoint::TemplateKind,
        /// The body.
        body: serde_json::Value,
        /// Create rather than update.
        create: bool,
        /// A new version (else the latest is overwritten).
        new_version: bool,
    },
    /// Delete (confirmed).
    Delete {
        /// Its name.
        name: String,
        /// Its type.
        kind: crate::pinpoint::TemplateKind,
    },
    /// Read the versions.
    Versions {
        /// Its name.
        name: String,
        /// Its type.
        kind: crate::pinpoint::TemplateKind,
    },
    /// Make a version the active one.
    SetActive {
        /// Its name.
        name: String,
        /// Its type.
        kind: crate::pinpoint::TemplateKind,
        /// The version.
        version: String,
    },
    /// Read the recommender configurations.
    Recommenders,
    /// Read every template for the pickers of the campaign editor and the composer.
    Choices,
    /// Read a template version for a message's preview (`version` empty: the active one).
    Use {
        /// Its name.
        name: String,
        /// Its type.
        kind: crate::pinpoint::TemplateKind,
        /// The version, or empty.
        version: String,
    },
    /// Read an endpoint of a project for the preview.
    PreviewEndpoint {
        /// The project.
        app_id: String,
        /// The endpoint.
        endpoint_id: String,
    },
    /// Open HTML in the system browser.
    OpenHtml {
        /// A name for its file.
        name: String,
        /// The page.
        html: String,
    },
}
