//! Serde wire types of the mock, PascalCase as the service model names them. Request types
//! are parsed only after `model::validate` has checked the body, so a parse error here is rare
//! and still answered as a 400.

//!
//! Projects and their settings are here; endpoints, stored compactly, are in `endpoint`.

mod endpoint;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use endpoint::{Endpoint, EndpointDemographic, EndpointLocation, EndpointUser, StringLists};

/// `CreateApplicationRequest`: the body of CreateApp.
#[derive(Debug, Clone, Deserialize)]
pub struct CreateApplicationRequest {
    /// The project's display name.
    #[serde(rename = "Name")]
    pub name: String,
    /// Tags (the model's lower-case `tags`).
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
}

/// `ApplicationResponse`: one project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ApplicationResponse {
    /// The ARN, `arn:aws:mobiletargeting:REGION:ACCOUNT:apps/ID`.
    pub arn: String,
    /// The 32-character id.
    pub id: String,
    /// The display name.
    pub name: String,
    /// ISO-8601 creation time.
    pub creation_date: String,
    /// Tags.
    #[serde(rename = "tags", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

/// `ApplicationsResponse`: one page of projects.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ApplicationsResponse {
    /// The projects of this page.
    pub item: Vec<ApplicationResponse>,
    /// The token of the next page, absent on the last.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// `CampaignLimits`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CampaignLimits {
    /// Messages per endpoint per 24 hours.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub daily: Option<i32>,
    /// Longest run in seconds (at least 60).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum_duration: Option<i32>,
    /// Send rate, 1-20,000 per second.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub messages_per_second: Option<i32>,
    /// Messages per endpoint per session (in-app).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session: Option<i32>,
    /// Messages per endpoint over the campaign's life.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<i32>,
}

/// `QuietTime`: `HH:mm` start and end.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct QuietTime {
    /// End of the quiet window.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// Start of the quiet window.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
}

/// `CampaignHook`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CampaignHook {
    /// Lambda function name or ARN.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lambda_function_name: Option<String>,
    /// `DELIVERY` or `FILTER`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    /// Web hook URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub web_url: Option<String>,
}

/// `ApplicationSettingsJourneyLimits`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct JourneyLimits {
    /// Daily cap per endpoint.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub daily_cap: Option<i32>,
    /// Timeframe cap (opaque to the mock).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeframe_cap: Option<serde_json::Value>,
    /// Total cap per endpoint.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_cap: Option<i32>,
}

/// `WriteApplicationSettingsRequest`: the body of UpdateApplicationSettings.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct WriteApplicationSettingsRequest {
    /// Default hook.
    pub campaign_hook: Option<CampaignHook>,
    /// Accepted and remembered; not part of the resource (as documented).
    pub cloud_watch_metrics_enabled: Option<bool>,
    /// Accepted and remembered; not part of the resource.
    pub event_tagging_enabled: Option<bool>,
    /// Journey limits.
    pub journey_limits: Option<JourneyLimits>,
    /// Default limits.
    pub limits: Option<CampaignLimits>,
    /// Default quiet time.
    pub quiet_time: Option<QuietTime>,
}

/// `ApplicationSettingsResource`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ApplicationSettingsResource {
    /// The project id.
    pub application_id: String,
    /// Default hook.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub campaign_hook: Option<CampaignHook>,
    /// Journey limits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub journey_limits: Option<JourneyLimits>,
    /// ISO-8601 time of the last change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_modified_date: Option<String>,
    /// Default limits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limits: Option<CampaignLimits>,
    /// Default quiet time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quiet_time: Option<QuietTime>,
}

/// `MessageBody`: the body of UpdateEndpoint's 202 and of every error.
#[derive(Debug, Clone, Serialize)]
pub struct MessageBody {
    /// The message.
    #[serde(rename = "Message")]
    pub message: String,
    /// The request id (capital `ID`, as the model spells it).
    #[serde(rename = "RequestID")]
    pub request_id: String,
}
