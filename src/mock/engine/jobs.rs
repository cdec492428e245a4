//! Import and export jobs doing the work. Imports read `s3://BUCKET/KEY` from the mapped
//! bucket folder (or a `file://` path), in CSV (a header row naming endpoint members, e.g.
//! `Id,ChannelType,Address,Demographic.Platform,Attributes.interests,User.UserId`; list values
//! separated by `;`) or JSON (one endpoint object per line, or an array); each row is judged by
//! `pinpoint::endpoint_row`, as the console's upload judges it: good rows register endpoints,
//! bad rows are reported with their row number, and the job can define an imported segment.
//! Exports write the endpoints of a segment (or all) as JSON lines.
//!
//! No file is touched while a project is locked, and no project is locked for long: the file
//! is read or written with the project released (`read_import`, `ExportFile`), and the work on
//! the project is cut into pieces, each its own short transaction (`IMPORT_PIECE` rows applied,
//! `EXPORT_PIECE` endpoints read), after each of which the job shows its progress
//! (`CompletedPieces` of `TotalPieces`, `TotalProcessed`, `TotalFailures`).

use std::io::{BufWriter, Write};
use std::path::Path;

use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};

use super::Files;
use super::segment::{Candidate, Context, compile};
use crate::mock::clock::iso8601;
use crate::mock::store::ProjectRecord;
use crate::pinpoint::endpoint_row;

/// Failures listed per job at most (as the service does).
pub const MAX_LISTED_FAILURES: usize = 100;

/// Rows of an import applied in one write transaction (one piece of the job). At about
/// 12 µs a row (release build, measured by `benches/campaign_run`), a piece holds its project
/// for about 60 ms; a million rows are 200 pieces.
pub const IMPORT_PIECE: usize = 5_000;

/// Endpoints of an export read in one read transaction (one piece of the job).
pub const EXPORT_PIECE: usize = 10_000;

/// One row of an import file: its number and the endpoint, or why it is refused.
pub type CheckedRow = (usize, Result<Map<String, Value>, String>);

/// The rows of one file's text in `format` (`CSV` or `JSON`), each judged by the rules every
/// endpoint file follows (`pinpoint::endpoint_row`, which the console's upload uses too).
pub fn check_file(text: &str, format: &str) -> Result<Vec<CheckedRow>, String> {
    if format == "CSV" {
        let (columns, rows) = endpoint_row::read_csv(text)?;
        return Ok(rows
            .into_iter()
            .map(|(number, cells)| {
                let checked = cells.and_then(|cells| {
                    let pairs =
                        columns.iter().map(String::as_str).zip(cells.iter().map(String::as_str));
                    endpoint_row::check(&endpoint_row::from_csv(pairs))
                });
                (number, checked)
            })
            .collect());
    }
    Ok(endpoint_row::read_json(text)?
        .into_iter()
        .map(|(number, row)| (number, row.and_then(|row| endpoint_row::check(&row))))
        .collect())
}

/// The checked rows of an import file (or of every file in a folder, in name order).
fn read_rows(path: &Path, format: &str) -> Result<Vec<CheckedRow>, String> {
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
        rows.extend(check_file(&text, format).map_err(|e| format!("{}: {e}", file.display()))?);
    }
    Ok(rows)
}

/// What an import file held: each row's number and its endpoint (checked as every endpoint
/// file is, with an `Id`), or why the row is refused; or why the file as a whole could not be
/// read.
#[derive(Debug)]
pub struct ImportRead {
    /// The rows, or the reason the file could not be read (the job's one piece fails).
    pub rows: Result<Vec<CheckedRow>, String>,
}

/// Reads and checks the file an import job names (its `Definition`), with no project
/// locked: file reads, parsing and checks are the slow part of an import.
#[must_use]
pub fn read_import(files: &Files, definition: &Value) -> ImportRead {
    let url = definition.get("S3Url").and_then(Value::as_str).unwrap_or_default();
    let format = definition.get("Format").and_then(Value::as_str).unwrap_or("CSV");
    let rows = files
        .local_path(url)
        .ok_or_else(|| format!("{url} is not a readable s3:// or file:// URL"))
        .and_then(|p| read_rows(&p, format));
    ImportRead { rows }
}

/// The endpoints an export job writes: the ids of its segment's endpoints (or of all), in
/// the project's order, evaluated with the project only read.
#[must_use]
pub fn export_ids(project: &ProjectRecord, job: &Value, now: DateTime<Utc>) -> Vec<String> {
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
    let mut ids = Vec::new();
    for endpoint in project.endpoints.iter() {
        let id = endpoint.id();
        let candidate =
            Candidate { id, endpoint, last_active: project.last_active.get(id).copied() };
        if filter.as_ref().is_none_or(|f| f.matches(&candidate, now)) {
            ids.push(id.to_owned());
        }
    }
    ids
}

/// The JSON lines of one piece of an export: each endpoint as it is now (one deleted since
/// the export's audience was evaluated is left out).
#[must_use]
pub fn export_lines(project: &ProjectRecord, ids: &[String]) -> Vec<String> {
    ids.iter()
        .filter_map(|id| project.endpoints.get(id))
        .map(|endpoint| endpoint.to_value().to_string())
        .collect()
}

/// The file an export job writes, `S3UrlPrefix/JOB_ID.jsonl`, written with no project
/// locked.
#[derive(Debug)]
pub struct ExportFile {
    path: std::path::PathBuf,
    file: BufWriter<std::fs::File>,
}

impl ExportFile {
    /// Creates (or truncates) the job's file.
    pub fn create(files: &Files, job: &Value) -> Result<Self, String> {
        let prefix =
            job.pointer("/Definition/S3UrlPrefix").and_then(Value::as_str).unwrap_or_default();
        let job_id = job.get("Id").and_then(Value::as_str).unwrap_or_default();
        let path = files
            .local_path(&format!("{}/{job_id}.jsonl", prefix.trim_end_matches('/')))
            .ok_or_else(|| format!("{prefix} is not an s3:// URL"))?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        let file = std::fs::File::create(&path)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        Ok(Self { path, file: BufWriter::new(file) })
    }

    /// Appends lines.
    pub fn write(&mut self, lines: &[String]) -> Result<(), String> {
        for line in lines {
            writeln!(self.file, "{line}")
                .map_err(|e| format!("cannot write {}: {e}", self.path.display()))?;
        }
        Ok(())
    }

    /// Writes out what is buffered.
    pub fn finish(mut self) -> Result<(), String> {
        self.file.flush().map_err(|e| format!("cannot write {}: {e}", self.path.display()))
    }
}

/// How far a job has come, as its response fields show it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JobProgress {
    /// Pieces in the job (known once its file is read or its audience evaluated).
    pub total_pieces: u64,
    /// Pieces done.
    pub completed_pieces: u64,
    /// Pieces that failed (the file could not be read or written).
    pub failed_pieces: u64,
    /// Items processed.
    pub processed: u64,
    /// Failures in all.
    pub total_failures: u64,
    /// The first `MAX_LISTED_FAILURES` failures.
    pub failures: Vec<String>,
}

impl JobProgress {
    /// Counts a failure (listed while fewer than `MAX_LISTED_FAILURES` are).
    pub fn fail(&mut self, message: String) {
        self.total_failures += 1;
        if self.failures.len() < MAX_LISTED_FAILURES {
            self.failures.push(message);
        }
    }

    /// The job's one piece failed: its file could not be read or written.
    #[must_use]
    pub fn failed(message: String) -> Self {
        let mut progress = Self { total_pieces: 1, failed_pieces: 1, ..Self::default() };
        progress.fail(message);
        progress
    }
}

/// Shows a running job's progress (`PROCESSING`, with its counters).
pub fn show(job: &mut Value, progress: &JobProgress) {
    job["JobStatus"] = json!("PROCESSING");
    job["TotalPieces"] = json!(progress.total_pieces);
    job["CompletedPieces"] = json!(progress.completed_pieces);
    job["FailedPieces"] = json!(progress.failed_pieces);
    job["TotalProcessed"] = json!(progress.processed);
    job["TotalFailures"] = json!(progress.total_failures);
    job["Failures"] = json!(progress.failures);
}

/// Ends a job as the service reports a finished one: `FAILED` when a piece failed,
/// `COMPLETED` otherwise (rows refused are failures of the job, not of a piece).
pub fn complete(job: &mut Value, progress: &JobProgress, now: DateTime<Utc>) {
    show(job, progress);
    job["JobStatus"] = json!(if progress.failed_pieces == 0 { "COMPLETED" } else { "FAILED" });
    job["CompletionDate"] = json!(iso8601(now));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mock::model::model;

    #[test]
    fn every_row_the_rules_accept_is_an_endpoint_batch_item() {
        let csv = "Id,ChannelType,Address,OptOut,EndpointStatus,EffectiveDate,Attributes.a,User.UserAttributes.b,User.UserId,Metrics.m,Demographic.Timezone,Location.Latitude,Location.City\n\
                   e1,SMS,+12065550100,ALL,INACTIVE,2026-01-01T00:00:00Z,x;y,z,u1,3,Europe/Paris,48.8,Paris\n\
                   e2,IN_APP,,,,,,,,,,,\n";
        let json = r#"{"Id":"e3","ChannelType":"EMAIL","Address":"a@example.com","CohortId":"7","Demographic":{"Platform":"iOS","Extra":"x"}}"#;
        let rows =
            check_file(csv, "CSV").unwrap().into_iter().chain(check_file(json, "JSON").unwrap());
        let mut accepted = 0;
        for (number, row) in rows {
            let row = row.unwrap_or_else(|e| panic!("row {number}: {e}"));
            model().validate("EndpointBatchItem", &Value::Object(row)).unwrap();
            accepted += 1;
        }
        assert_eq!(accepted, 3);
    }
}
