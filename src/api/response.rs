//! What the worker answers: one `ApiEvent` per request, carrying an `ApiResponse` or an
//! `ApiError`, plus the row types the screens show.

use std::path::PathBuf;

use aws_sdk_pinpoint::types::ApplicationSettingsResource;

use super::request::FilePurpose;
use super::{ApiError, ChannelInfo, ConnectionInfo, RequestId, jobs};
use crate::drafts::store::DraftKind;
use crate::pinpoint::ChannelKind;
use crate::secrets::{Redacted, SecretError, SecretFields};

/// One endpoint as the endpoints table shows it (from the mock's listing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointRow {
    /// Id.
    pub id: String,
    /// Channel type.
    pub channel: String,
    /// Address.
    pub address: String,
    /// User id.
    pub user: String,
    /// Platform.
    pub platform: String,
    /// Country.
    pub country: String,
    /// Opted out of everything.
    pub opted_out: bool,
}

impl EndpointRow {
    /// A row from an `EndpointResponse` JSON value.
    #[must_use]
    pub fn from_json(e: &serde_json::Value) -> Self {
        let s = |p: &str| {
            e.pointer(p).and_then(serde_json::Value::as_str).unwrap_or_default().to_owned()
        };
        Self {
            id: s("/Id"),
            channel: s("/ChannelType"),
            address: s("/Address"),
            user: s("/User/UserId"),
            platform: s("/Demographic/Platform"),
            country: s("/Location/Country"),
            opted_out: s("/OptOut") == "ALL",
        }
    }

    /// True when any shown value contains `needle` (lower-case).
    #[must_use]
    pub fn matches(&self, needle: &str) -> bool {
        [&self.id, &self.address, &self.user, &self.channel, &self.platform, &self.country]
            .iter()
            .any(|v| v.to_lowercase().contains(needle))
    }
}

/// One recipient's result of a direct send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultRow {
    /// The address, endpoint id or user id as sent.
    pub recipient: String,
    /// The endpoint, for endpoint and user sends.
    pub endpoint: Option<String>,
    /// The address the message went to.
    pub address: String,
    /// `SUCCESSFUL`, `PERMANENT_FAILURE`, `OPT_OUT`, …
    pub status: String,
    /// The status code.
    pub code: i32,
    /// The status message.
    pub message: String,
    /// The message id, when sent.
    pub message_id: String,
}

/// A project as the console lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppSummary {
    /// The id.
    pub id: String,
    /// The name.
    pub name: String,
    /// The ARN.
    pub arn: String,
    /// ISO-8601 creation date, when the service reports it.
    pub creation_date: Option<String>,
    /// Tags as `key=value`, sorted.
    pub tags: Vec<(String, String)>,
}

/// A successful answer.
#[derive(Debug, Clone)]
pub enum ApiResponse {
    /// The connection is ready.
    Connected(ConnectionInfo),
    /// All projects.
    Apps(Vec<AppSummary>),
    /// A project was created.
    AppCreated(AppSummary),
    /// A project was deleted.
    AppDeleted(AppSummary),
    /// A project's settings (read or just written).
    Settings {
        /// The project id.
        app_id: String,
        /// The resource.
        settings: ApplicationSettingsResource,
    },
    /// The nine channels, `None` where not configured.
    Channels {
        /// The project id.
        app_id: String,
        /// Each channel.
        channels: Vec<(ChannelKind, Option<ChannelInfo>)>,
    },
    /// A channel was saved.
    ChannelSaved {
        /// The project id.
        app_id: String,
        /// The channel as the service reports it now.
        info: ChannelInfo,
        /// Whether its secrets were kept in the keyring.
        stored: Result<(), SecretError>,
    },
    /// A channel was deleted.
    ChannelDeleted {
        /// The project id.
        app_id: String,
        /// The channel.
        kind: ChannelKind,
        /// Whether its secrets were removed from the keyring.
        forgotten: Result<(), SecretError>,
    },
    /// A channel's secrets from the keyring.
    ChannelSecrets {
        /// The project id.
        app_id: String,
        /// The channel.
        kind: ChannelKind,
        /// What is stored, or why the keyring could not be read.
        secrets: Result<Option<Redacted<SecretFields>>, SecretError>,
    },
    /// A key file was read and is of the expected kind.
    KeyFileRead {
        /// The member it is for.
        member: &'static str,
        /// Its text.
        contents: Redacted<String>,
    },
    /// The demo's world changed (reset, loaded, saved): what happened, in a sentence.
    DemoChanged(String),
    /// The file dialog closed.
    FilePicked {
        /// What the file is for.
        purpose: FilePurpose,
        /// The chosen file, if any.
        path: Option<PathBuf>,
    },
    /// One batch of a direct send answered.
    BatchSent {
        /// Its position in the send.
        index: usize,
        /// One row per recipient (per endpoint for users).
        rows: Vec<ResultRow>,
    },
    /// PhoneNumberValidate answered.
    PhoneValidated(aws_sdk_pinpoint::types::NumberValidateResponse),
    /// The mock's outbox, newest first.
    Outbox(Vec<crate::pinpoint::OutboxEntry>),
    /// A file was written.
    FileWritten(PathBuf),
    /// An endpoint (read, or read back after a save).
    Endpoint {
        /// True when this answers a save.
        saved: bool,
        /// The endpoint.
        endpoint: Box<aws_sdk_pinpoint::types::EndpointResponse>,
    },
    /// An endpoint was deleted.
    EndpointDeleted(String),
    /// A user's endpoints.
    UserEndpoints {
        /// The user id.
        user_id: String,
        /// Its endpoints.
        endpoints: Vec<aws_sdk_pinpoint::types::EndpointResponse>,
        /// True when they were just deleted.
        deleted: bool,
    },
    /// PutEvents answered: (item, status code, message) for the endpoint and the event.
    EventResults(Vec<(String, i32, String)>),
    /// A text file was read.
    TextFile {
        /// The file.
        path: PathBuf,
        /// Its text.
        text: String,
    },
    /// A chunk of an upload was accepted.
    ChunkUploaded {
        /// Its position.
        index: usize,
        /// Items in it.
        items: usize,
    },
    /// Every endpoint of a project (mock listing).
    AllEndpoints(Vec<EndpointRow>),
    /// The event stream (`None`: none configured, or just deleted).
    EventStream(Option<aws_sdk_pinpoint::types::EventStream>),
    /// Every campaign of a project.
    Campaigns(Vec<aws_sdk_pinpoint::types::CampaignResponse>),
    /// A campaign was created or updated.
    CampaignSaved(Box<aws_sdk_pinpoint::types::CampaignResponse>),
    /// A campaign was deleted.
    CampaignDeleted(String),
    /// A campaign's versions (newest first) and activities.
    CampaignHistory {
        /// The campaign.
        campaign_id: String,
        /// Versions, newest first.
        versions: Vec<aws_sdk_pinpoint::types::CampaignResponse>,
        /// Runs per treatment.
        activities: Vec<aws_sdk_pinpoint::types::ActivityResponse>,
    },
    /// Every segment of a project.
    Segments(Vec<aws_sdk_pinpoint::types::SegmentResponse>),
    /// A segment was created or updated.
    SegmentSaved(Box<aws_sdk_pinpoint::types::SegmentResponse>),
    /// A segment was deleted.
    SegmentDeleted(String),
    /// A segment's versions, newest first.
    SegmentVersions {
        /// The segment.
        segment_id: String,
        /// Versions, newest first.
        versions: Vec<aws_sdk_pinpoint::types::SegmentResponse>,
    },
    /// The mock's estimate: `{Matching, Messageable, Total, Groups}`.
    Estimate(serde_json::Value),
    /// Values seen per member.
    SeenValues(serde_json::Value),
    /// Matching endpoints per segment id.
    SegmentSizes(Vec<(String, u64)>),
    /// GetInAppMessages for an endpoint: its in-app campaigns, most urgent first.
    InAppMessages {
        /// The endpoint asked about.
        endpoint_id: String,
        /// The campaigns answered, in the service's order.
        campaigns: Vec<aws_sdk_pinpoint::types::InAppMessageCampaign>,
    },
    /// The endpoint a message preview fills its placeholders from.
    PreviewEndpoint(Box<aws_sdk_pinpoint::types::EndpointResponse>),
    /// A job started or refreshed.
    Job(jobs::JobRow),
    /// Every job of a project.
    Jobs(Vec<jobs::JobRow>),
    /// Every template (of the filter).
    Templates(Vec<super::templates::TemplateRow>),
    /// A template version as read.
    Template(Box<super::templates::LoadedTemplate>),
    /// A template was saved: its latest version as stored.
    TemplateSaved(Box<super::templates::LoadedTemplate>),
    /// A template was deleted.
    TemplateDeleted {
        /// Its name.
        name: String,
        /// Its type.
        kind: crate::pinpoint::template::TemplateKind,
    },
    /// A template's versions with their bodies, newest first.
    TemplateVersions {
        /// Its name.
        name: String,
        /// Its type.
        kind: crate::pinpoint::template::TemplateKind,
        /// The versions.
        versions: Vec<super::templates::TemplateVersion>,
    },
    /// A template's active version was changed.
    ActiveVersionSet {
        /// Its name.
        name: String,
        /// Its type.
        kind: crate::pinpoint::template::TemplateKind,
        /// The active version now.
        version: String,
    },
    /// Recommender configurations: (id, name).
    Recommenders(Vec<(String, String)>),
    /// A resource's tags as the service holds them.
    Tags {
        /// The resource.
        arn: String,
        /// Its tags.
        tags: std::collections::BTreeMap<String, String>,
    },
    /// A page was opened in the system browser (from this file).
    Opened(PathBuf),
    /// The drafts kept for a project: (key, draft as JSON).
    Drafts {
        /// Campaign or segment drafts.
        kind: DraftKind,
        /// The project id.
        app_id: String,
        /// Each draft.
        drafts: Vec<(String, serde_json::Value)>,
    },
    /// KPIs answered, each with its rows or why it failed, in the order asked.
    Kpis {
        /// What they are about.
        level: crate::drafts::analytics::KpiLevel,
        /// The `start-time` asked (to drop answers to an older range).
        start_time: String,
        /// (name, rows or error).
        results: Vec<(String, Result<crate::drafts::analytics::KpiSeries, ApiError>)>,
    },
    /// Every channel of a project (GetChannels), sorted by type.
    ChannelOverview(Vec<ChannelRow>),
    /// SendOTPMessage answered: the delivery status and message.
    OtpSent(ResultRow),
    /// VerifyOTPMessage answered.
    OtpVerified(bool),
    /// A journey call answered.
    Journeys(super::journeys::JourneysResponse),
    /// RemoveAttributes answered: the names the attribute type still has.
    AttributesRemoved {
        /// The attribute type.
        attribute_type: String,
        /// The names removed.
        names: Vec<String>,
    },
}

/// One row of the channel overview (GetChannels).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelRow {
    /// The channel type as the service names it (`SMS`, `EMAIL`, `VOICE`, …).
    pub channel: String,
    /// Enabled.
    pub enabled: bool,
    /// Last change, ISO-8601.
    pub last_modified: String,
    /// Version.
    pub version: Option<i32>,
}

/// One answer from the worker.
#[derive(Debug, Clone)]
pub struct ApiEvent {
    /// The request it answers.
    pub id: RequestId,
    /// The connection generation the request ran on; answers from an older connection are
    /// stale.
    pub generation: u64,
    /// The outcome.
    pub result: Result<ApiResponse, ApiError>,
}
