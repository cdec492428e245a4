//! Projects and their settings: what the Apps handler (`api/apps.rs`) is asked.

use aws_sdk_pinpoint::types::WriteApplicationSettingsRequest;

use super::ApiRequest;

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
