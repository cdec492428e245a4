//! What the UI asks the worker to do, grouped by area so each area's handler matches only its
//! own requests, one file per area. The shell builds them from panels' actions
//! (`AppsRequest::ListApps.into()`).

mod analytics;
mod apps;
mod audience;
mod channels;
mod engagement;
mod local;
mod messaging;

pub use analytics::AnalyticsRequest;
pub use apps::AppsRequest;
pub use audience::AudienceRequest;
pub use channels::ChannelsRequest;
pub use engagement::EngagementRequest;
pub use local::{FilePurpose, LocalRequest};
pub use messaging::MessagingRequest;

use super::demo::DemoRequest;

/// Identifies one request, so its answer can be matched (and a stale one dropped).
pub type RequestId = u64;

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

impl From<DemoRequest> for ApiRequest {
    fn from(request: DemoRequest) -> Self {
        Self::Demo(request)
    }
}
