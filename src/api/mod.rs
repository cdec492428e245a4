//! The API worker: typed requests from the UI, typed events back. The UI never awaits;
//! the worker (a tokio runtime on its own thread) calls `aws-sdk-pinpoint` and wakes the UI.

pub mod connection;
pub mod error;
pub mod worker;

pub use connection::{ConnectionInfo, ConnectionKind, ConnectionSpec, Timeouts};
pub use error::ApiError;
pub use worker::ApiHandle;

use aws_sdk_pinpoint::types::{ApplicationSettingsResource, WriteApplicationSettingsRequest};

/// Identifies one request, so its answer can be matched (and a stale one dropped).
pub type RequestId = u64;

/// What the UI asks the worker to do.
#[derive(Debug, Clone)]
pub enum ApiRequest {
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
