//! The engine: what the mock does beyond answering requests. It evaluates segments, runs
//! campaigns on their schedules (holdout and treatments by cohort, quiet time and local time
//! in each endpoint's zone, caps and rate limits, enabled channels), delivers direct messages
//! into an outbox, appends event-stream records, and does the work of import and export jobs.
//! Everything takes "now" from the backend's clock, so tests drive it deterministically.
//!
//! The engine works on the store's records (`store::ProjectRecord`) handed to it by the
//! backend inside one project transaction, and never calls the backend: the backend decides
//! when to run it and what to do with what it produced (`delivery::Sinks`, job results). The
//! file work of jobs is split from the record work (`jobs`), so no file is touched while a
//! project is locked.

pub mod campaigns;
pub mod delivery;
pub mod jobs;
pub mod journeys;
pub mod matching;
pub mod schedule;
pub mod segment;
pub mod templates;
pub mod triggers;

pub use crate::pinpoint::OutboxEntry;
pub use crate::pinpoint::render;

use std::path::PathBuf;

use serde_json::Value;

/// Most outbox entries kept (older ones are dropped first).
pub const OUTBOX_CAPACITY: usize = 100_000;

/// Where the mock keeps files: mapped S3 buckets and the event-stream log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Files {
    /// `s3://BUCKET/KEY` maps to `buckets/BUCKET/KEY`.
    pub buckets: PathBuf,
    /// Event-stream records are appended here as JSON lines.
    pub event_log: PathBuf,
}

impl Files {
    /// Files under one data folder: `DIR/buckets/` and `DIR/event-stream.jsonl`.
    #[must_use]
    pub fn under(dir: &std::path::Path) -> Self {
        Self { buckets: dir.join("buckets"), event_log: dir.join("event-stream.jsonl") }
    }

    /// The local path of an `s3://` or `file://` URL.
    #[must_use]
    pub fn local_path(&self, url: &str) -> Option<PathBuf> {
        if let Some(path) = url.strip_prefix("file://") {
            return Some(PathBuf::from(path));
        }
        let rest = url.strip_prefix("s3://")?;
        let (bucket, key) = rest.split_once('/').unwrap_or((rest, ""));
        if bucket.is_empty() || bucket.contains("..") || key.split('/').any(|p| p == "..") {
            return None;
        }
        Some(self.buckets.join(bucket).join(key))
    }
}

impl Default for Files {
    fn default() -> Self {
        Self::under(&std::env::temp_dir().join(format!("pinpoint-mock-{}", std::process::id())))
    }
}

/// An event-stream record as the service would stream it.
#[must_use]
pub fn stream_record(app_id: &str, event_type: &str, at: &str, attributes: &Value) -> Value {
    serde_json::json!({
        "event_type": event_type,
        "event_timestamp": at,
        "application": { "app_id": app_id },
        "attributes": attributes,
    })
}
