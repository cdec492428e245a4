//! The one error type of the mock server: status, `x-amzn-ErrorType` header and a
//! `{"Message", "RequestID"}` body, as the Pinpoint service answers.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::store::StoreError;

/// The error types Pinpoint declares on every operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// 400: malformed JSON, missing or wrongly typed members, violated rules.
    BadRequest,
    /// 403: access denied (only from fault injection, `/_mock/faults`).
    Forbidden,
    /// 404: an unknown id or an unknown route.
    NotFound,
    /// 405: a known path with a method it does not serve.
    MethodNotAllowed,
    /// 409: a resource with this id exists (the demo data set's fixed ids).
    Conflict,
    /// 413: a body over the size limit.
    PayloadTooLarge,
    /// 429: throttled (only from fault injection).
    TooManyRequests,
    /// 403 `MissingAuthenticationTokenException`: no `Authorization` header, while the mock
    /// verifies signatures (`--credentials`).
    MissingAuthenticationToken,
    /// 403 `IncompleteSignatureException`: an `Authorization` header that is not SigV4's form,
    /// or no `X-Amz-Date`.
    IncompleteSignature,
    /// 403 `UnrecognizedClientException`: an access key id the credentials do not hold.
    UnrecognizedClient,
    /// 403 `InvalidSignatureException`: a signature that does not match, or a request time
    /// more than 15 minutes from the mock's clock.
    InvalidSignature,
    /// 500: from fault injection, or stored data the mock cannot read back.
    InternalServerError,
    /// 503: not an error type of Pinpoint's model, but what AWS front ends answer when a
    /// service is unavailable; the SDK surfaces it as an unmodeled error and retries it
    /// (from fault injection, or a database the mock cannot reach).
    ServiceUnavailable,
}

impl ErrorKind {
    /// The HTTP status of this error type.
    #[must_use]
    pub fn status(self) -> StatusCode {
        match self {
            Self::BadRequest => StatusCode::BAD_REQUEST,
            Self::Forbidden
            | Self::MissingAuthenticationToken
            | Self::IncompleteSignature
            | Self::UnrecognizedClient
            | Self::InvalidSignature => StatusCode::FORBIDDEN,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::Conflict => StatusCode::CONFLICT,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            Self::InternalServerError => StatusCode::INTERNAL_SERVER_ERROR,
            Self::ServiceUnavailable => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// The name the SDK reads from `x-amzn-ErrorType`.
    #[must_use]
    pub fn type_name(self) -> &'static str {
        match self {
            Self::BadRequest => "BadRequestException",
            Self::Forbidden => "ForbiddenException",
            Self::NotFound => "NotFoundException",
            Self::MethodNotAllowed => "MethodNotAllowedException",
            Self::Conflict => "ConflictException",
            Self::PayloadTooLarge => "PayloadTooLargeException",
            Self::TooManyRequests => "TooManyRequestsException",
            Self::MissingAuthenticationToken => "MissingAuthenticationTokenException",
            Self::IncompleteSignature => "IncompleteSignatureException",
            Self::UnrecognizedClient => "UnrecognizedClientException",
            Self::InvalidSignature => "InvalidSignatureException",
            Self::InternalServerError => "InternalServerErrorException",
            Self::ServiceUnavailable => "ServiceUnavailableException",
        }
    }

    /// Every error type, for looking one up by status or name (a status finds the first
    /// type with it: 403 is `ForbiddenException`).
    pub const ALL: [Self; 13] = [
        Self::BadRequest,
        Self::Forbidden,
        Self::NotFound,
        Self::MethodNotAllowed,
        Self::Conflict,
        Self::PayloadTooLarge,
        Self::TooManyRequests,
        Self::MissingAuthenticationToken,
        Self::IncompleteSignature,
        Self::UnrecognizedClient,
        Self::InvalidSignature,
        Self::InternalServerError,
        Self::ServiceUnavailable,
    ];

    /// The error type answered with this HTTP status.
    #[must_use]
    pub fn from_status(status: u16) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.status().as_u16() == status)
    }

    /// The error type with this `x-amzn-ErrorType` name.
    #[must_use]
    pub fn from_type_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.type_name() == name)
    }
}

/// An error answer of the mock. The request id is added by the request-id middleware
/// (`super::request_id`), which owns the body format, so handlers never build error JSON.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {message}", kind.type_name())]
pub struct MockError {
    /// The error type.
    pub kind: ErrorKind,
    /// The human-readable message.
    pub message: String,
}

impl MockError {
    /// A 400 BadRequestException.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self { kind: ErrorKind::BadRequest, message: message.into() }
    }

    /// A 404 NotFoundException.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self { kind: ErrorKind::NotFound, message: message.into() }
    }

    /// A 404 for a resource that does not exist, worded as the service words it.
    pub fn resource_not_found(resource: &str, id: &str) -> Self {
        Self::not_found(format!("{resource} not found: {id}"))
    }

    /// A 409 ConflictException.
    pub fn conflict(message: impl Into<String>) -> Self {
        Self { kind: ErrorKind::Conflict, message: message.into() }
    }

    /// A 405 MethodNotAllowedException.
    pub fn method_not_allowed(message: impl Into<String>) -> Self {
        Self { kind: ErrorKind::MethodNotAllowed, message: message.into() }
    }
}

impl From<StoreError> for MockError {
    /// A store that cannot reach its database answers 503 (the SDK retries it); stored
    /// data that cannot be read back answers 500.
    fn from(error: StoreError) -> Self {
        let kind = match error {
            StoreError::Unavailable(_) => ErrorKind::ServiceUnavailable,
            StoreError::Corrupt(_) => ErrorKind::InternalServerError,
        };
        Self { kind, message: error.to_string() }
    }
}

/// The result type of every backend call.
pub type MockResult<T> = Result<T, MockError>;

impl IntoResponse for MockError {
    fn into_response(self) -> Response {
        let mut response = self.kind.status().into_response();
        response.extensions_mut().insert(self);
        response
    }
}
