//! Import and export jobs doing the work. Imports read `s3://BUCKET/KEY` from the mapped
//! bucket folder (or a `file://` path), in CSV (a header row naming endpoint members, e.g.
//! `Id,ChannelType,Address,Demographic.Platform,Attributes.interests,User.UserId`; list values
//! separated by `;`) or JSON (one endpoint object per line, or an array); good rows register
//! endpoints, bad rows are reported with their row number, and the job can define an
//! imported segment. Exports write the endpoints of a segment (or all) as JSON lines.
//!
//! A job runs in three steps so that no file is touched while its project is locked: what the
//! job needs is taken from the project (`export_lines` evaluates the segment there), the files
//! are read or written here with the project released (`read_import`, `write_export`), and the
//! backend applies the result to the project if it is still there (`complete`).

use std::io::Write;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};

use super::Files;
use super::segment::{Candidate, Context, compile};
use crate::mock::clock::iso8601;
use crate::mock::model::model;
use crate::mock::store::ProjectRecord;

/// Failures listed per job at most (as the service does).
pub const MAX_LISTED_FAILURES: usize = 100;

fn set_member(row: &mut Map<String, Value>, column: &str, raw: &str) {
    let raw = raw.trim();
    if raw.is_empty() {
        return;
    }
    let parts: Vec<&str> = column.split('.').collect();
    let list =
        || Value::Array(raw.split(';').map(|v| Value::String(v.trim().to_owned())).collect());
    let number = || raw.parse::<f64>().map_or_else(|_| Value::String(raw.to_owned()), |n| json!(n));
    let value = match parts.as_slice() {
        ["Attributes", _] | ["User", "UserAttributes", _] => list(),
        ["Metrics", _] | ["Location", "Latitude" | "Longitude"] => number(),
        _ => Value::String(raw.to_owned()),
    };
    let mut node = row;
    for (i, part) in parts.iter().enumerate() {
        if i + 1 == parts.len() {
            node.insert((*part).to_owned(), value);
            return;
        }
        let next = node.entry((*part).to_owned()).or_insert_with(|| json!({}));
        if !next.is_object() {
            *next = json!({});
        }
        let Value::Object(inner) = next else { return };
        node = inner;
    }
}

/// One row of an import file: its number and the endpoint object, or why it is unreadable.
type Row = (usize, Result<Value, String>);

/// The rows of an import file (or of every file in a folder).
fn read_rows(path: &Path, format: &str) -> Result<Vec<Row>, String> {
    let files: Vec<std::path::PathBuf> = if path.is_dir() {
        let mut all: Vec<_> = std::fs::read_dir(path)
            .map_err(|e| format!("cannot list {}: {e}", path.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        all.sort();
        all
    } else {
        vec![path.to_path_buf()]
    };
    let mut rows = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file)
            .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        if format == "CSV" {
            let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
            let headers = reader
                .headers()
                .map_err(|e| format!("{}: bad CSV header: {e}", file.display()))?
                .clone();
            for (i, record) in reader.records().enumerate() {
                let row = i + 2;
                rows.push((
                    row,
                    record.map_err(|e| e.to_string()).map(|r| {
                        let mut map = Map::new();
                        for (column, raw) in headers.iter().zip(r.iter()) {
                            set_member(&mut map, column.trim(), raw);
                        }
                        Value::Object(map)
                    }),
                ));
            }
        } else {
            let trimmed = text.trim_start();
            if trimmed.starts_with('[') {
                let items: Vec<Value> = serde_json::from_str(trimmed)
                    .map_err(|e| format!("{}: {e}", file.display()))?;
                rows.extend(items.into_iter().enumerate().map(|(i, v)| (i + 1, Ok(v))));
            } else {
                for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
                    rows.push((
                        i + 1,
                        serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}")),
                    ));
                }
            }
        }
    }
    Ok(rows)
}

/// One row of an import file: its number and the endpoint, or why it is refused.
pub type CheckedRow = (usize, Result<Map<String, Value>, String>);

/// What an import file held: each row's number and its endpoint (already checked against
/// the model's `EndpointBatchItem`, with an `Id`), or why the row is refused; or why the
/// file as a whole could not be read.
#[derive(Debug)]
pub struct ImportRead {
    /// The rows, or the reason the file could not be read (the job's one piece fails).
    pub rows: Result<Vec<CheckedRow>, String>,
}

/// Reads and checks the file an import job names (its `Definition`), with no project
/// locked: file reads, parsing and model checks are the slow part of an import.
#[must_use]
pub fn read_import(files: &Files, definition: &Value) -> ImportRead {
    let url = definition.get("S3Url").and_then(Value::as_str).unwrap_or_default();
    let format = definition.get("Format").and_then(Value::as_str).unwrap_or("CSV");
    let rows = files
        .local_path(url)
        .ok_or_else(|| format!("{url} is not a readable s3:// or file:// URL"))
        .and_then(|p| read_rows(&p, format));
    let rows = rows.map(|rows| {
        rows.into_iter()
            .map(|(row, parsed)| {
                let checked = parsed.and_then(|v| {
                    model().validate("EndpointBatchItem", &v).map_err(|e| e.message)?;
                    let map = v.as_object().cloned().unwrap_or_default();
                    let id = map.get("Id").and_then(Value::as_str).unwrap_or_default();
                    if id.is_empty() {
                        return Err("Id is required".to_owned());
                    }
                    Ok(map)
                });
                (row, checked)
            })
            .collect()
    });
    ImportRead { rows }
}

/// What an export job writes: the JSON lines of the endpoints of its segment (or of all),
/// evaluated inside the project's transaction, so the file is the project as it was then.
#[must_use]
pub fn export_lines(project: &ProjectRecord, job: &Value, now: DateTime<Utc>) -> Vec<String> {
    let segment = job.pointer("/Definition/SegmentId").and_then(Value::as_str);
    let version = job
        .pointer("/Definition/SegmentVersion")
        .and_then(Value::as_u64)
        .and_then(|v| usize::try_from(v).ok());
    let segments = |id: &str| project.segments.get(id).map(Vec::as_slice);
    let ctx = Context { now, segments: &segments, imported: &project.imported_members };
    let definition = segment.and_then(|id| {
        let versions = project.segments.get(id)?;
        version.and_then(|v| versions.get(v.checked_sub(1)?)).or(versions.last()).cloned()
    });
    let filter = definition.map(|d| compile(&d, &ctx));
    let mut lines = Vec::new();
    for endpoint in project.endpoints.iter() {
        let id = endpoint.id();
        let candidate =
            Candidate { id, endpoint, last_active: project.last_active.get(id).copied() };
        if filter.as_ref().is_none_or(|f| f.matches(&candidate, now)) {
            lines.push(endpoint.to_value().to_string());
        }
    }
    lines
}

/// Writes an export job's lines to `S3UrlPrefix/JOB_ID.jsonl`, with no project locked.
pub fn write_export(files: &Files, job: &Value, lines: &[String]) -> Result<(), String> {
    let prefix = job.pointer("/Definition/S3UrlPrefix").and_then(Value::as_str).unwrap_or_default();
    let job_id = job.get("Id").and_then(Value::as_str).unwrap_or_default();
    let path = files
        .local_path(&format!("{}/{job_id}.jsonl", prefix.trim_end_matches('/')))
        .ok_or_else(|| format!("{prefix} is not an s3:// URL"))?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let mut file = std::fs::File::create(&path)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    for line in lines {
        writeln!(file, "{line}").map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

/// How a job ended, for its response fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobEnd {
    /// False when the job's one piece failed (the file could not be read or written).
    pub piece_ok: bool,
    /// Items processed.
    pub processed: u64,
    /// Failures in all.
    pub total_failures: u64,
    /// The failures, of which the first `MAX_LISTED_FAILURES` are listed.
    pub failures: Vec<String>,
}

/// Sets a job's status and counters as the service reports a finished job.
pub fn complete(job: &mut Value, end: JobEnd, now: DateTime<Utc>) {
    job["JobStatus"] = json!(if end.piece_ok { "COMPLETED" } else { "FAILED" });
    job["TotalPieces"] = json!(1);
    job["CompletedPieces"] = json!(u64::from(end.piece_ok));
    job["FailedPieces"] = json!(u64::from(!end.piece_ok));
    job["TotalProcessed"] = json!(end.processed);
    job["TotalFailures"] = json!(end.total_failures);
    job["Failures"] = json!(end.failures.into_iter().take(MAX_LISTED_FAILURES).collect::<Vec<_>>());
    job["CompletionDate"] = json!(iso8601(now));
}
