//! The error a user sees for a failed call: what kind of failure it was (typed), its message and
//! the request id, or what kept the request from reaching the service.

use aws_sdk_pinpoint::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_sdk_pinpoint::operation::RequestId;

/// What kind of failure a call met: the service's error types, then failures on the way or on
/// this machine. Compares equal to its wire code (`kind == "NotFoundException"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// 400 `BadRequestException`: the request broke a rule of the service.
    BadRequest,
    /// 404 `NotFoundException`.
    NotFound,
    /// 403 `ForbiddenException` (also a refused signature or unknown key).
    Forbidden,
    /// 409 `ConflictException`.
    Conflict,
    /// 405 `MethodNotAllowedException`.
    MethodNotAllowed,
    /// 413 `PayloadTooLargeException`.
    PayloadTooLarge,
    /// 429 `TooManyRequestsException`.
    TooManyRequests,
    /// 500 `InternalServerErrorException`.
    InternalServerError,
    /// Another error type the service named.
    Service(String),
    /// The service did not answer in time.
    Timeout,
    /// The service could not be reached at all.
    Unreachable,
    /// The connection could not be set up (profile, region, keys, demo start-up).
    Configuration,
    /// The SDK refused before sending (a missing required member, a bad endpoint URL).
    Client,
    /// The service answered without the body the operation promises.
    EmptyResponse,
    /// A local file could not be read or written.
    File,
    /// A file was read but is not what the field expects (a key, a certificate).
    WrongFile,
    /// A `/_mock/` extension was asked of a connection that is not a mock.
    NotAMock,
    /// A `/_mock/` extension refused or answered something unreadable.
    MockExtension,
    /// Kept drafts could not be read.
    Drafts,
}

impl ErrorKind {
    /// The kind a service error type names.
    #[must_use]
    pub fn from_code(code: &str) -> Self {
        match code {
            "BadRequestException" => Self::BadRequest,
            "NotFoundException" => Self::NotFound,
            "ForbiddenException" => Self::Forbidden,
            "ConflictException" => Self::Conflict,
            "MethodNotAllowedException" => Self::MethodNotAllowed,
            "PayloadTooLargeException" => Self::PayloadTooLarge,
            "TooManyRequestsException" => Self::TooManyRequests,
            "InternalServerErrorException" => Self::InternalServerError,
            other => Self::Service(other.to_owned()),
        }
    }

    /// The wire code of a service error, or the console's name for a local failure.
    #[must_use]
    pub fn code(&self) -> &str {
        match self {
            Self::BadRequest => "BadRequestException",
            Self::NotFound => "NotFoundException",
            Self::Forbidden => "ForbiddenException",
            Self::Conflict => "ConflictException",
            Self::MethodNotAllowed => "MethodNotAllowedException",
            Self::PayloadTooLarge => "PayloadTooLargeException",
            Self::TooManyRequests => "TooManyRequestsException",
            Self::InternalServerError => "InternalServerErrorException",
            Self::Service(code) => code,
            Self::Timeout => "Timeout",
            Self::Unreachable => "Unreachable",
            Self::Configuration => "Configuration",
            Self::Client => "ClientError",
            Self::EmptyResponse => "EmptyResponse",
            Self::File => "FileError",
            Self::WrongFile => "WrongFile",
            Self::NotAMock => "NotAMock",
            Self::MockExtension => "MockExtensionError",
            Self::Drafts => "DraftsError",
        }
    }
}

impl std::fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl PartialEq<&str> for ErrorKind {
    fn eq(&self, other: &&str) -> bool {
        self.code() == *other
    }
}

/// A failed call, ready to show.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}: {message}{}", request_id.as_ref().map(|id| format!(" (request id {id})")).unwrap_or_default())]
pub struct ApiError {
    /// What kind of failure.
    pub kind: ErrorKind,
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
            kind: ErrorKind::Configuration,
            message: message.into(),
            request_id: None,
            unreachable: true,
        }
    }

    /// A failure that says nothing about the connection (a file, the keyring, a mock-only
    /// feature on another connection).
    pub fn local(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self { kind, message: message.into(), request_id: None, unreachable: false }
    }

    /// The service answered without a body.
    #[must_use]
    pub fn empty_answer() -> Self {
        Self::local(ErrorKind::EmptyResponse, "The service answered without a body")
    }

    /// A connection that failed on the way (`Timeout` or `Unreachable`).
    pub fn network(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self { kind, message: message.into(), request_id: None, unreachable: true }
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
                    kind: ErrorKind::from_code(inner.code().unwrap_or("UnknownServiceError")),
                    message: inner
                        .message()
                        .map_or_else(|| DisplayErrorContext(inner).to_string(), str::to_owned),
                    request_id,
                    unreachable: false,
                }
            }
            SdkError::TimeoutError(_) => Self {
                kind: ErrorKind::Timeout,
                message: "The service did not answer in time".to_owned(),
                request_id,
                unreachable: true,
            },
            SdkError::DispatchFailure(failure) => Self {
                kind: if failure.is_timeout() {
                    ErrorKind::Timeout
                } else {
                    ErrorKind::Unreachable
                },
                message: DisplayErrorContext(&error).to_string(),
                request_id,
                unreachable: true,
            },
            _ => Self {
                kind: ErrorKind::Client,
                message: DisplayErrorContext(&error).to_string(),
                request_id,
                unreachable: false,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_their_codes() {
        for code in ["BadRequestException", "NotFoundException", "TooManyRequestsException"] {
            assert_eq!(ErrorKind::from_code(code).code(), code);
        }
        assert_eq!(ErrorKind::from_code("Weird"), ErrorKind::Service("Weird".into()));
        assert!(ErrorKind::NotFound == "NotFoundException");
        assert_eq!(
            ApiError::local(ErrorKind::File, "Cannot read x").to_string(),
            "FileError: Cannot read x"
        );
    }
}
