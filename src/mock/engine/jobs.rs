//! Import and export jobs doing the work. Imports read `s3://BUCKET/KEY` from the mapped
//! bucket folder (or a `file://` path), in CSV (a header row naming endpoint members, e.g.
//! `Id,ChannelType,Address,Demographic.Platform,Attributes.interests,User.UserId`; list values
//! separated by `;`) or JSON (one endpoint object per line, or an array); good rows register
//! endpoints, bad rows are reported with their row number, and the job can define an
//! imported segment. Exports write the endpoints of a segment (or all) as JSON lines.

use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};

use super::Files;
use super::segment::{Candidate, Context, compile};
use crate::mock::backend::{AppRecord, upsert_endpoint};
use crate::mock::clock::iso8601;
use crate::mock::model::model;

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

/// Runs one import job to its end.
pub fn run_import(
    app: &mut AppRecord,
    app_id: &str,
    job_id: &str,
    files: &Files,
    now: DateTime<Utc>,
    request_id: &str,
) {
    let Some(job) = app.import_jobs.get(job_id).cloned() else { return };
    let definition = job.get("Definition").cloned().unwrap_or(Value::Null);
    let url = definition.get("S3Url").and_then(Value::as_str).unwrap_or_default();
    let format = definition.get("Format").and_then(Value::as_str).unwrap_or("CSV");
    let register = definition.get("RegisterEndpoints").and_then(Value::as_bool) != Some(false);
    let at = iso8601(now);
    let mut failures = Vec::new();
    let mut processed = 0u64;
    let mut members = HashSet::new();
    let mut channels: BTreeMap<String, u64> = BTreeMap::new();
    let rows = files
        .local_path(url)
        .ok_or_else(|| format!("{url} is not a readable s3:// or file:// URL"))
        .and_then(|p| read_rows(&p, format));
    let mut failed_piece = false;
    match rows {
        Err(message) => {
            failed_piece = true;
            failures.push(message);
        }
        Ok(rows) => {
            for (row, parsed) in rows {
                processed += 1;
                let result = parsed.and_then(|v| {
                    model().validate("EndpointBatchItem", &v).map_err(|e| e.message)?;
                    let map = v.as_object().cloned().unwrap_or_default();
                    let id = map.get("Id").and_then(Value::as_str).unwrap_or_default().to_owned();
                    if id.is_empty() {
                        return Err("Id is required".to_owned());
                    }
                    if register {
                        upsert_endpoint(&mut app.endpoints, app_id, &id, &map, &at, request_id)
                            .map_err(|e| e.message)?;
                    }
                    let channel = map
                        .get("ChannelType")
                        .and_then(Value::as_str)
                        .unwrap_or("UNKNOWN")
                        .to_owned();
                    Ok((id, channel))
                });
                match result {
                    Ok((id, channel)) => {
                        *channels.entry(channel).or_default() += 1;
                        members.insert(id);
                    }
                    Err(message) => failures.push(format!("Row {row}: {message}")),
                }
            }
        }
    }
    let mut job = job;
    let total_failures = failures.len() as u64;
    job["JobStatus"] = json!(if failed_piece { "FAILED" } else { "COMPLETED" });
    job["TotalPieces"] = json!(1);
    job["CompletedPieces"] = json!(u64::from(!failed_piece));
    job["FailedPieces"] = json!(u64::from(failed_piece));
    job["TotalProcessed"] = json!(processed);
    job["TotalFailures"] = json!(total_failures);
    job["Failures"] = json!(failures.into_iter().take(MAX_LISTED_FAILURES).collect::<Vec<_>>());
    job["CompletionDate"] = json!(at);
    let define = definition.get("DefineSegment").and_then(Value::as_bool) == Some(true);
    if define && !failed_piece {
        let existing = definition.get("SegmentId").and_then(Value::as_str).map(str::to_owned);
        let segment_id =
            existing.clone().unwrap_or_else(|| uuid::Uuid::new_v4().simple().to_string());
        let versions = app.segments.get(&segment_id).map_or(0, Vec::len);
        let name =
            definition.get("SegmentName").and_then(Value::as_str).map(str::to_owned).or_else(
                || {
                    app.segments
                        .get(&segment_id)
                        .and_then(|v| v.last())
                        .and_then(|s| s.get("Name"))
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                },
            );
        let arn = format!("{}/segments/{segment_id}", app.app.arn);
        let creation = app
            .segments
            .get(&segment_id)
            .and_then(|v| v.first())
            .and_then(|s| s.get("CreationDate"))
            .cloned()
            .unwrap_or_else(|| json!(at));
        let segment = json!({
            "ApplicationId": app_id,
            "Arn": arn,
            "CreationDate": creation,
            "LastModifiedDate": at,
            "Id": segment_id,
            "Name": name,
            "SegmentType": "IMPORT",
            "Version": versions + 1,
            "ImportDefinition": {
                "ExternalId": definition.get("ExternalId").cloned().unwrap_or_else(|| json!(job_id)),
                "Format": format,
                "RoleArn": definition.get("RoleArn").cloned().unwrap_or(Value::Null),
                "S3Url": url,
                "Size": members.len(),
                "ChannelCounts": channels,
            },
        });
        let segment = model().project("SegmentResponse", &segment);
        match app.segments.get_mut(&segment_id) {
            Some(v) => v.push(segment),
            None => app.segments.insert(&segment_id, vec![segment]),
        }
        app.imported_members.insert(segment_id.clone(), members);
        job["Definition"]["SegmentId"] = json!(segment_id);
    }
    app.import_jobs.insert(job_id, job);
}

/// Runs one export job to its end.
pub fn run_export(app: &mut AppRecord, job_id: &str, files: &Files, now: DateTime<Utc>) {
    let Some(mut job) = app.export_jobs.get(job_id).cloned() else { return };
    let prefix = job
        .pointer("/Definition/S3UrlPrefix")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let segment = job.pointer("/Definition/SegmentId").and_then(Value::as_str).map(str::to_owned);
    let version = job
        .pointer("/Definition/SegmentVersion")
        .and_then(Value::as_u64)
        .and_then(|v| usize::try_from(v).ok());
    let at = iso8601(now);
    let mut lines = Vec::new();
    {
        let segments = |id: &str| app.segments.get(id).map(Vec::as_slice);
        let ctx = Context { now, segments: &segments, imported: &app.imported_members };
        let definition = segment.as_deref().and_then(|id| {
            let versions = app.segments.get(id)?;
            version.and_then(|v| versions.get(v.checked_sub(1)?)).or(versions.last()).cloned()
        });
        let filter = definition.map(|d| compile(&d, &ctx));
        for endpoint in app.endpoints.iter() {
            let id = endpoint.id();
            let candidate =
                Candidate { id, endpoint, last_active: app.last_active.get(id).copied() };
            if filter.as_ref().is_none_or(|f| f.matches(&candidate, now)) {
                lines.push(endpoint.to_value().to_string());
            }
        }
    }
    let written = files
        .local_path(&format!("{}/{job_id}.jsonl", prefix.trim_end_matches('/')))
        .ok_or_else(|| format!("{prefix} is not an s3:// URL"))
        .and_then(|path| {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)
                    .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            }
            let mut file = std::fs::File::create(&path)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            for line in &lines {
                writeln!(file, "{line}")
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            }
            Ok(())
        });
    let failed = written.is_err();
    job["JobStatus"] = json!(if failed { "FAILED" } else { "COMPLETED" });
    job["TotalPieces"] = json!(1);
    job["CompletedPieces"] = json!(u64::from(!failed));
    job["FailedPieces"] = json!(u64::from(failed));
    job["TotalProcessed"] = json!(if failed { 0 } else { lines.len() });
    job["TotalFailures"] = json!(u64::from(failed));
    job["Failures"] = json!(written.err().into_iter().collect::<Vec<_>>());
    job["CompletionDate"] = json!(at);
    app.export_jobs.insert(job_id, job);
}
