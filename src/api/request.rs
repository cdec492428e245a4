//! What the UI asks the worker to do, grouped by area so each area's handler matches only its
//! own requests. The shell builds them from panels' actions (`AppsRequest::ListApps.into()`).

use std::path::PathBuf;

use aws_sdk_pinpoint::types::WriteApplicationSettingsRequest;

use super::demo::DemoRequest;
use super::jobs;
use crate::drafts::channels::{ChannelRequest, KeyFile};
use crate::drafts::message::Batch;
use crate::drafts::store::{DraftKind, DraftStore};
use crate::pinpoint::ChannelKind;
use crate::secrets::{Redacted, SecretFields};

/// Identifies one request, so its answer can be matched (and a stale one dropped).
pub type RequestId = u64;

/// What a file chosen in the native dialog is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilePurpose {
    /// A key or certificate for this member of a channel form.
    KeyFile {
        /// The form member.
        member: &'static str,
    },
    /// An endpoint upload (Audience).
    EndpointUpload,
    /// A segment import (Segments).
    SegmentImport,
    /// A state file to load into the demo.
    DemoLoad,
    /// Where to save the demo's world.
    DemoSave,
    /// Where to save the analytics dashboard as CSV.
    AnalyticsCsv,
}

impl FilePurpose {
    /// The dialog's title.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Self::KeyFile { .. } => "Choose a key or certificate file",
            Self::EndpointUpload => "Choose endpoints to upload (CSV or JSON)",
            Self::SegmentImport => "Choose a segment to import (CSV or JSON)",
            Self::DemoLoad => "Choose demo data to load (a pinpoint-mock state file)",
            Self::DemoSave => "Save the demo data as",
            Self::AnalyticsCsv => "Save the KPIs as CSV",
        }
    }
}

/// What the UI asks the worker to do.
#[derive(Debug, Clone)]
pub enum ApiRequest {
    /// Projects and their settings.
    Apps(AppsRequest),
    /// Channels and the secrets the keyring keeps for them.
    Channels(ChannelsRequest),
    /// Direct messages, the phone check and the mock's outbox.
    Messaging(MessagingRequest),
    /// Endpoints, users, events and the event stream.
    Audience(AudienceRequest),
    /// Campaigns, segments, their histories, jobs and the mock's estimates.
    Engagement(EngagementRequest),
    /// Message templates, recommenders and tags (account level).
    Templates(super::templates::TemplatesRequest),
    /// Work on this machine: files, the file dialog and kept drafts.
    Local(LocalRequest),
    /// The demo's world: reset, load, save.
    Demo(DemoRequest),
    /// KPIs over a date range.
    Analytics(AnalyticsRequest),
    /// Journeys, their states and metrics.
    Journeys(super::journeys::JourneysRequest),
}

/// KPIs over a date range.
#[derive(Debug, Clone)]
pub enum AnalyticsRequest {
    /// One date-range KPI call per name, all at once.
    Kpis {
        /// The project id.
        app_id: String,
        /// The project, a campaign or a journey.
        level: crate::drafts::analytics::KpiLevel,
        /// The `kpi-name`s.
        names: Vec<String>,
        /// `start-time`, ISO-8601.
        start_time: String,
        /// `end-time`, ISO-8601.
        end_time: String,
    },
}

impl From<AnalyticsRequest> for ApiRequest {
    fn from(request: AnalyticsRequest) -> Self {
        Self::Analytics(request)
    }
}

impl From<DemoRequest> for ApiRequest {
    fn from(request: DemoRequest) -> Self {
        Self::Demo(request)
    }
}

/// Projects and their settings.
#[derive(Debug, Clone)]
pub enum AppsRequest {
    /// All projects (the worker follows `NextToken` to the end).
    ListApps,
    /// CreateApp.
    CreateApp {
        /// The name.
        name: String,
    },
    /// DeleteApp.
    DeleteApp {
        /// The project id.
        app_id: String,
    },
    /// GetApplicationSettings.
    GetSettings {
        /// The project id.
        app_id: String,
    },
    /// UpdateApplicationSettings.
    UpdateSettings {
        /// The project id.
        app_id: String,
        /// The body, built by `drafts::settings`.
        request: WriteApplicationSettingsRequest,
    },
}

impl From<AppsRequest> for ApiRequest {
    fn from(request: AppsRequest) -> Self {
        Self::Apps(request)
    }
}

/// Channels and the secrets the keyring keeps for them.
#[derive(Debug, Clone)]
pub enum ChannelsRequest {
    /// The nine channels of a project.
    ListChannels {
        /// The project id.
        app_id: String,
    },
    /// Saves a channel, then keeps its secrets in the OS keyring.
    SaveChannel {
        /// The project id.
        app_id: String,
        /// The update (boxed: the largest request by far).
        request: Box<Redacted<ChannelRequest>>,
        /// What to keep in the keyring.
        secrets: Redacted<SecretFields>,
    },
    /// Deletes a channel and forgets its secrets.
    DeleteChannel {
        /// The project id.
        app_id: String,
        /// The channel.
        kind: ChannelKind,
    },
    /// Reads a channel's secrets from the keyring.
    LoadChannelSecrets {
        /// The project id.
        app_id: String,
        /// The channel.
        kind: ChannelKind,
    },
    /// GetChannels: every channel of a project in one call, for the overview.
    Overview {
        /// The project id.
        app_id: String,
    },
}

impl From<ChannelsRequest> for ApiRequest {
    fn from(request: ChannelsRequest) -> Self {
        Self::Channels(request)
    }
}

/// Direct messages, the phone check and the mock's outbox.
#[derive(Debug, Clone)]
pub enum MessagingRequest {
    /// Sends one batch of a direct message (SendMessages or SendUsersMessages).
    SendBatch {
        /// The project id.
        app_id: String,
        /// The request (boxed: it is far larger than the other requests).
        batch: Box<Batch>,
        /// Its position in the send.
        index: usize,
    },
    /// PhoneNumberValidate.
    ValidatePhone {
        /// The number as typed.
        number: String,
        /// ISO country hint.
        country: Option<String>,
    },
    /// The mock's outbox (mock connections only).
    Outbox {
        /// The project id.
        app_id: String,
        /// Only this channel type.
        channel: Option<String>,
        /// Address or endpoint id containing this.
        recipient: Option<String>,
        /// Only this campaign.
        campaign: Option<String>,
    },
    /// SendOTPMessage.
    SendOtp {
        /// The project id.
        app_id: String,
        /// The parameters, built by `drafts::otp`.
        params: Box<aws_sdk_pinpoint::types::SendOtpMessageRequestParameters>,
    },
    /// VerifyOTPMessage.
    VerifyOtp {
        /// The project id.
        app_id: String,
        /// The parameters, built by `drafts::otp`.
        params: aws_sdk_pinpoint::types::VerifyOtpMessageRequestParameters,
    },
}

impl From<MessagingRequest> for ApiRequest {
    fn from(request: MessagingRequest) -> Self {
        Self::Messaging(request)
    }
}

/// Endpoints, users, events and the event stream.
#[derive(Debug, Clone)]
pub enum AudienceRequest {
    /// GetEndpoint.
    GetEndpoint {
        /// The project id.
        app_id: String,
        /// The endpoint id.
        endpoint_id: String,
    },
    /// UpdateEndpoint, then GetEndpoint to read it back.
    SaveEndpoint {
        /// The project id.
        app_id: String,
        /// The endpoint id.
        endpoint_id: String,
        /// The update.
        request: Box<aws_sdk_pinpoint::types::EndpointRequest>,
    },
    /// DeleteEndpoint.
    DeleteEndpoint {
        /// The project id.
        app_id: String,
        /// The endpoint id.
        endpoint_id: String,
    },
    /// GetUserEndpoints.
    GetUserEndpoints {
        /// The project id.
        app_id: String,
        /// The user id.
        user_id: String,
    },
    /// DeleteUserEndpoints.
    DeleteUserEndpoints {
        /// The project id.
        app_id: String,
        /// The user id.
        user_id: String,
    },
    /// PutEvents with one event for one endpoint.
    PutEvent {
        /// The project id.
        app_id: String,
        /// The endpoint id.
        endpoint_id: String,
        /// The event.
        event: Box<aws_sdk_pinpoint::types::Event>,
    },
    /// GetEventStream.
    GetEventStream {
        /// The project id.
        app_id: String,
    },
    /// PutEventStream.
    PutEventStream {
        /// The project id.
        app_id: String,
        /// Kinesis or Firehose ARN.
        destination: String,
        /// IAM role ARN.
        role: String,
    },
    /// DeleteEventStream.
    DeleteEventStream {
        /// The project id.
        app_id: String,
    },
    /// Every endpoint of a project, through the mock's listing extension.
    ListAllEndpoints {
        /// The project id.
        app_id: String,
    },
    /// UpdateEndpointsBatch with one chunk of an upload.
    UploadChunk {
        /// The project id.
        app_id: String,
        /// Up to 100 endpoints.
        request: Box<aws_sdk_pinpoint::types::EndpointBatchRequest>,
        /// Its position in the upload.
        index: usize,
    },
    /// RemoveAttributes.
    RemoveAttributes {
        /// The project id.
        app_id: String,
        /// `endpoint-custom-attributes`, `endpoint-metric-attributes` or
        /// `endpoint-user-attributes`.
        attribute_type: String,
        /// The attribute names.
        names: Vec<String>,
    },
}

impl From<AudienceRequest> for ApiRequest {
    fn from(request: AudienceRequest) -> Self {
        Self::Audience(request)
    }
}

/// Campaigns, segments, their histories, jobs and the mock's estimates.
#[derive(Debug, Clone)]
pub enum EngagementRequest {
    /// Every campaign of a project.
    ListCampaigns {
        /// The project id.
        app_id: String,
    },
    /// CreateCampaign (no id) or UpdateCampaign.
    SaveCampaign {
        /// The project id.
        app_id: String,
        /// The campaign, when it exists.
        campaign_id: Option<String>,
        /// The body.
        request: Box<aws_sdk_pinpoint::types::WriteCampaignRequest>,
    },
    /// DeleteCampaign.
    DeleteCampaign {
        /// The project id.
        app_id: String,
        /// The campaign.
        campaign_id: String,
    },
    /// GetCampaignVersions and GetCampaignActivities.
    CampaignHistory {
        /// The project id.
        app_id: String,
        /// The campaign.
        campaign_id: String,
    },
    /// Every segment of a project.
    ListSegments {
        /// The project id.
        app_id: String,
    },
    /// CreateSegment (no id) or UpdateSegment.
    SaveSegment {
        /// The project id.
        app_id: String,
        /// The segment, when it exists.
        segment_id: Option<String>,
        /// The body.
        request: Box<aws_sdk_pinpoint::types::WriteSegmentRequest>,
    },
    /// DeleteSegment.
    DeleteSegment {
        /// The project id.
        app_id: String,
        /// The segment.
        segment_id: String,
    },
    /// GetSegmentVersions.
    SegmentVersions {
        /// The project id.
        app_id: String,
        /// The segment.
        segment_id: String,
    },
    /// The mock's audience estimate of a `WriteSegmentRequest` (mock connections only).
    Estimate {
        /// The project id.
        app_id: String,
        /// The definition as JSON.
        definition: serde_json::Value,
    },
    /// The mock's estimate of several definitions: (segment id, definition) each.
    SegmentSizes {
        /// The project id.
        app_id: String,
        /// Segment id and its definition as JSON.
        definitions: Vec<(String, serde_json::Value)>,
    },
    /// Values seen in a project, for value pickers (mock connections only).
    SeenValues {
        /// The project id.
        app_id: String,
    },
    /// GetInAppMessages: the in-app messages an endpoint is entitled to.
    InAppMessages {
        /// The project id.
        app_id: String,
        /// The endpoint.
        endpoint_id: String,
    },
    /// An endpoint as JSON, for message previews.
    PreviewEndpoint {
        /// The project id.
        app_id: String,
        /// The endpoint.
        endpoint_id: String,
    },
    /// CreateImportJob (after putting a local file into the mock's bucket).
    StartImport {
        /// The project id.
        app_id: String,
        /// What to import.
        spec: Box<jobs::ImportSpec>,
    },
    /// CreateExportJob.
    StartExport {
        /// The project id.
        app_id: String,
        /// The segment (empty: every endpoint).
        segment_id: String,
        /// `s3://bucket/prefix/`.
        s3_prefix: String,
        /// IAM role ARN.
        role_arn: String,
    },
    /// GetImportJobs and GetExportJobs.
    ListJobs {
        /// The project id.
        app_id: String,
    },
}

impl From<EngagementRequest> for ApiRequest {
    fn from(request: EngagementRequest) -> Self {
        Self::Engagement(request)
    }
}

/// Work on this machine: files, the file dialog and kept drafts.
#[derive(Debug, Clone)]
pub enum LocalRequest {
    /// Reads a key or certificate file for a form member.
    ReadKeyFile {
        /// The member it is for.
        member: &'static str,
        /// The file.
        path: PathBuf,
        /// What it should be.
        expect: KeyFile,
    },
    /// Opens the native file dialog.
    PickFile {
        /// What the file is for.
        purpose: FilePurpose,
    },
    /// Reads a text file (an endpoint upload).
    ReadTextFile {
        /// The file.
        path: PathBuf,
    },
    /// Writes a text file (a CSV export).
    WriteTextFile {
        /// Where.
        path: PathBuf,
        /// What.
        contents: String,
    },
    /// Writes HTML to a temporary file and opens it in the system browser (a template's
    /// preview).
    OpenHtml {
        /// A name for the file (a template name).
        name: String,
        /// The page.
        html: String,
    },
    /// The unsaved drafts of one kind kept for a project (read off the UI thread, after the
    /// store's pending writes).
    ReadDrafts {
        /// The store.
        store: DraftStore,
        /// Campaign or segment drafts.
        kind: DraftKind,
        /// The project id.
        app_id: String,
    },
}

impl From<LocalRequest> for ApiRequest {
    fn from(request: LocalRequest) -> Self {
        Self::Local(request)
    }
}
