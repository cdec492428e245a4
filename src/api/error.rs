//! The error a user sees for a failed call: the service's error type, its message and the
//! request id, or what kept the request from reaching the service.

use aws_sdk_pinpoint::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_sdk_pinpoint::operation::RequestId;

/// A failed call, ready to show.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}: {message}{}", request_id.as_ref().map(|id| format!(" (request id {id})")).unwrap_or_default())]
pub struct ApiError {
    /// The service's error type (`NotFoundException`, …) or `Timeout`, `Unreachable`,
    /// `Configuration`.
    pub kind: String,
    /// What went wrong, in the service's words where it gave any.
    pub message: String,
    /// The request id, where the service answered.
    pub request_id: Option<String>,
    /// True when the service could not be reached at all (the connection is down).
    pub unreachable: bool,
}

impl ApiError {
    /// An error that happened before any request was sent.
    pub fn configuration(message: impl Into<String>) -> Self {
        Self {
            kind: "Configuration".to_owned(),
            message: message.into(),
            request_id: None,
            unreachable: true,
        }
    }
}

impl ApiError {
    /// A failure on this machine (a file, the keyring) that says nothing about the connection.
    pub fn local(kind: &str, message: impl Into<String>) -> Self {
        Self {
            kind: kind.to_owned(),
            message: message.into(),
            request_id: None,
            unreachable: false,
        }
    }
}

impl<E, R> From<SdkError<E, R>> for ApiError
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    R: std::fmt::Debug,
    SdkError<E, R>: RequestId,
{
    fn from(error: SdkError<E, R>) -> Self {
        let request_id = error.request_id().map(str::to_owned);
        match &error {
            SdkError::ServiceError(service) => {
                let inner = service.err();
                Self {
                    kind: inner.code().unwrap_or("UnknownServiceError").to_owned(),
                    message: inner
                        .message()
                        .map_or_else(|| DisplayErrorContext(inner).to_string(), str::to_owned),
                    request_id,
                    unreachable: false,
                }
            }
            SdkError::TimeoutError(_) => Self {
                kind: "Timeout".to_owned(),
                message: "The service did not answer in time".to_owned(),
                request_id,
                unreachable: true,
            },
            SdkError::DispatchFailure(failure) => Self {
                kind: if failure.is_timeout() { "Timeout" } else { "Unreachable" }.to_owned(),
                message: DisplayErrorContext(&error).to_string(),
                request_id,
                unreachable: true,
            },
            _ => Self {
                kind: "ClientError".to_owned(),
                message: DisplayErrorContext(&error).to_string(),
                request_id,
                unreachable: false,
            },
        }
    }
}
