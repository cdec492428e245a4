//! Endpoints, users, events and the event stream: what the Audience handler
//! (`api/audience.rs`) is asked.

use super::ApiRequest;

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
