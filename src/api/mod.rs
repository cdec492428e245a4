//! The API worker: typed requests from the UI, typed events back. The UI never awaits;
//! the worker (a tokio runtime on its own thread) calls `aws-sdk-pinpoint` and wakes the UI.
//! One handler file per area (`apps`, `channels`, `messaging`, `audience`, `engagement`,
//! `templates`, `analytics`, `local`); `demo` starts the embedded mock and `mock_ext` is the `/_mock/` client — the only
//! two places that know the mock exists.

pub mod analytics;
pub mod apps;
pub mod audience;
pub mod channels;
pub mod connection;
pub mod context;
pub mod demo;
pub mod endpoint_fields;
pub mod engagement;
pub mod error;
pub mod explain;
pub mod jobs;
mod journey_metrics;
pub mod journeys;
pub mod keyring;
pub mod local;
pub mod messaging;
pub mod mock_ext;
pub mod paging;
pub mod request;
pub mod response;
pub mod templates;
pub mod worker;

pub use channels::ChannelInfo;
pub use connection::{ConnectionInfo, ConnectionKind, ConnectionSpec, Timeouts};
pub use demo::{DemoData, DemoRequest, DemoSetup};
pub use error::{ApiError, ErrorKind};
pub use explain::Explained;
pub use request::{
    AnalyticsRequest, ApiRequest, AppsRequest, AudienceRequest, ChannelsRequest, EngagementRequest,
    FilePurpose, LocalRequest, MessagingRequest, RequestId,
};
pub use response::{ApiEvent, ApiResponse, AppSummary, ChannelRow, EndpointRow, ResultRow};
pub use templates::TemplatesRequest;
pub use worker::ApiHandle;
