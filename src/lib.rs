//! Pinpoint Console: a desktop console for Amazon Pinpoint projects (`ui`, `api`, `drafts`)
//! with a Pinpoint-compatible mock server built in (`mock`).

/// The log filter the app uses unless `RUST_LOG` says otherwise: the SDK's request tracing
/// stays off, so no request body (which may carry a channel secret) reaches the log.
pub const DEFAULT_LOG_FILTER: &str = "info,aws_smithy_runtime=warn,aws_config=warn";

pub mod api;
pub mod cli;
pub mod drafts;
pub mod mock;
pub mod pinpoint;
pub mod secrets;
pub mod ui;
