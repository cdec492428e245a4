//! One delivered message as the mock's outbox lists it (`GET /_mock/outbox`): the shape both
//! the mock that records it and the console that shows it agree on.

use serde::{Deserialize, Serialize};

/// One message the mock "delivered".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct OutboxEntry {
    /// ISO-8601 delivery time.
    pub time: String,
    /// The project.
    pub application_id: String,
    /// The channel type (`SMS`, `EMAIL`, `APNS`, …).
    pub channel: String,
    /// The address it went to.
    pub address: String,
    /// The endpoint, when sent to one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub endpoint_id: Option<String>,
    /// Rendered title or subject.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Rendered body.
    pub body: String,
    /// The campaign, for campaign sends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub campaign_id: Option<String>,
    /// The treatment, for campaign sends; the activity, for journey sends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub treatment_id: Option<String>,
    /// The journey, for journey sends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub journey_id: Option<String>,
    /// The request id, for direct sends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// The message id.
    pub message_id: String,
}
