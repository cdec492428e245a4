//! The engine's tick: campaign runs and import and export jobs, project by project, each
//! project in its own short transactions so a tick never holds more than one project and
//! never touches a file while it holds one.
//!
//! A job runs in three steps: it is claimed (`CREATED` → `PROCESSING`, so two ticks never run
//! it twice) and what it needs is taken, in one transaction; its file is read or written with
//! no project locked; its result is applied in a second transaction, and only if the project
//! and the job are still there (a project deleted meanwhile takes the result with it).

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::endpoints::upsert;
use super::{Backend, new_id};
use crate::mock::clock::iso8601;
use crate::mock::engine::delivery::Sinks;
use crate::mock::engine::jobs::{self, ImportRead, JobEnd};
use crate::mock::engine::{OUTBOX_CAPACITY, campaigns};
use crate::mock::model::model;
use crate::mock::store::{Collection, ProjectRecord, StoreError};

/// Marks the project's `CREATED` jobs `PROCESSING` and answers them.
fn claim(jobs: &mut Collection<Value>) -> Vec<Value> {
    let created: Vec<String> = jobs
        .iter()
        .filter(|j| j.get("JobStatus").and_then(Value::as_str) == Some("CREATED"))
        .filter_map(|j| j.get("Id").and_then(Value::as_str).map(str::to_owned))
        .collect();
    created
        .iter()
        .filter_map(|id| {
            let job = jobs.get_mut(id)?;
            job["JobStatus"] = json!("PROCESSING");
            Some(job.clone())
        })
        .collect()
}

/// What a tick's transaction answered; a store that failed is logged (the tick tries again
/// next time: a job stays claimed, a run keeps its runtime as stored).
fn ran<T>(result: Result<Option<Result<T, ()>>, StoreError>) -> Option<T> {
    match result {
        Ok(answer) => answer.and_then(Result::ok),
        Err(error) => {
            tracing::error!(%error, "the engine's tick could not store its work");
            None
        }
    }
}

fn job_id(job: &Value) -> &str {
    job.get("Id").and_then(Value::as_str).unwrap_or_default()
}

impl Backend {
    /// Runs everything that is due at the clock's "now": jobs that were created, campaign runs
    /// and the zones of open local-time runs. Called every second by a running server; tests
    /// call it after moving a manual clock.
    pub fn run_due(&self) {
        let now = self.clock.now();
        for id in self.store.project_ids() {
            self.run_jobs(&id, now);
            let mut sinks = Sinks::default();
            // A project deleted since the list was taken is simply skipped.
            let _ran = ran(self.store.write(&id, |project| {
                campaigns::run_project(project, &id, now, &mut sinks);
                project.deliver(std::mem::take(&mut sinks.outbox), OUTBOX_CAPACITY);
                Ok::<(), ()>(())
            }));
            self.emit(&id, sinks);
        }
    }

    /// Runs the created jobs of one project to their end: imports first, then exports (an
    /// export created with an import in the same tick sees what the import brought in).
    fn run_jobs(&self, app_id: &str, now: DateTime<Utc>) {
        let imports =
            self.store.write(app_id, |project| Ok::<_, ()>(claim(&mut project.import_jobs)));
        for job in ran(imports).unwrap_or_default() {
            let definition = job.get("Definition").cloned().unwrap_or(Value::Null);
            let read = jobs::read_import(&self.files, &definition);
            let _applied = ran(self.store.write(app_id, |project| {
                apply_import(project, app_id, job_id(&job), read, now);
                Ok::<(), ()>(())
            }));
        }
        let exports = self.store.write(app_id, |project| {
            let claimed: Vec<(Value, Vec<String>)> = claim(&mut project.export_jobs)
                .into_iter()
                .map(|job| {
                    let lines = jobs::export_lines(project, &job, now);
                    (job, lines)
                })
                .collect();
            Ok::<_, ()>(claimed)
        });
        for (job, lines) in ran(exports).unwrap_or_default() {
            let written = jobs::write_export(&self.files, &job, &lines);
            let _applied = ran(self.store.write(app_id, |project| {
                if let Some(stored) = project.export_jobs.get_mut(job_id(&job)) {
                    let end = JobEnd {
                        piece_ok: written.is_ok(),
                        processed: if written.is_ok() { lines.len() as u64 } else { 0 },
                        total_failures: u64::from(written.is_err()),
                        failures: written.clone().err().into_iter().collect(),
                    };
                    jobs::complete(stored, end, now);
                }
                Ok::<(), ()>(())
            }));
        }
    }
}

/// Applies what an import read to the project as it is now: good rows register (or update)
/// endpoints, bad rows become failures, and the job may define an imported segment.
fn apply_import(
    project: &mut ProjectRecord,
    app_id: &str,
    job_id: &str,
    read: ImportRead,
    now: DateTime<Utc>,
) {
    let Some(mut job) = project.import_jobs.get(job_id).cloned() else { return };
    let definition = job.get("Definition").cloned().unwrap_or(Value::Null);
    let register = definition.get("RegisterEndpoints").and_then(Value::as_bool) != Some(false);
    let at = iso8601(now);
    let mut failures = Vec::new();
    let mut processed = 0u64;
    let mut members = HashSet::new();
    let mut channels: BTreeMap<String, u64> = BTreeMap::new();
    let piece_ok = match read.rows {
        Err(message) => {
            failures.push(message);
            false
        }
        Ok(rows) => {
            for (row, checked) in rows {
                processed += 1;
                let result = checked.and_then(|map| {
                    let id = map.get("Id").and_then(Value::as_str).unwrap_or_default().to_owned();
                    if register {
                        upsert(&mut project.endpoints, app_id, &id, &map, &at, job_id)
                            .map_err(|e| e.message)?;
                    }
                    let channel = map.get("ChannelType").and_then(Value::as_str);
                    Ok((id, channel.unwrap_or("UNKNOWN").to_owned()))
                });
                match result {
                    Ok((id, channel)) => {
                        *channels.entry(channel).or_default() += 1;
                        members.insert(id);
                    }
                    Err(message) => failures.push(format!("Row {row}: {message}")),
                }
            }
            true
        }
    };
    let define = definition.get("DefineSegment").and_then(Value::as_bool) == Some(true);
    if define && piece_ok {
        let segment_id =
            define_segment(project, app_id, job_id, &definition, members, &channels, &at);
        job["Definition"]["SegmentId"] = json!(segment_id);
    }
    let total_failures = failures.len() as u64;
    jobs::complete(&mut job, JobEnd { piece_ok, processed, total_failures, failures }, now);
    project.import_jobs.insert(job_id, job);
}

/// Stores the imported segment an import job defines (a new one, or a new version of the
/// segment it names) and its members; the segment's id.
fn define_segment(
    project: &mut ProjectRecord,
    app_id: &str,
    job_id: &str,
    definition: &Value,
    members: HashSet<String>,
    channels: &BTreeMap<String, u64>,
    at: &str,
) -> String {
    let existing = definition.get("SegmentId").and_then(Value::as_str).map(str::to_owned);
    let segment_id = existing.unwrap_or_else(new_id);
    let versions = project.segments.get(&segment_id);
    let latest = versions.and_then(|v| v.last());
    let name = definition
        .get("SegmentName")
        .and_then(Value::as_str)
        .or_else(|| latest.and_then(|s| s.get("Name")).and_then(Value::as_str))
        .map(str::to_owned);
    let creation = versions
        .and_then(|v| v.first())
        .and_then(|s| s.get("CreationDate"))
        .cloned()
        .unwrap_or_else(|| json!(at));
    let segment = json!({
        "ApplicationId": app_id,
        "Arn": format!("{}/segments/{segment_id}", project.app.arn),
        "CreationDate": creation,
        "LastModifiedDate": at,
        "Id": segment_id,
        "Name": name,
        "SegmentType": "IMPORT",
        "Version": versions.map_or(0, Vec::len) + 1,
        "ImportDefinition": {
            "ExternalId": definition.get("ExternalId").cloned().unwrap_or_else(|| json!(job_id)),
            "Format": definition.get("Format").and_then(Value::as_str).unwrap_or("CSV"),
            "RoleArn": definition.get("RoleArn").cloned().unwrap_or(Value::Null),
            "S3Url": definition.get("S3Url").and_then(Value::as_str).unwrap_or_default(),
            "Size": members.len(),
            "ChannelCounts": channels,
        },
    });
    let segment = model().project("SegmentResponse", &segment);
    match project.segments.get_mut(&segment_id) {
        Some(v) => v.push(segment),
        None => project.segments.insert(&segment_id, vec![segment]),
    }
    project.imported_members.insert(segment_id.clone(), members);
    segment_id
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mock::wire::{ApplicationResponse, ApplicationSettingsResource};

    fn project() -> ProjectRecord {
        let app = ApplicationResponse {
            arn: "arn:aws:mobiletargeting:us-east-1:000000000000:apps/p".into(),
            id: "p".into(),
            name: "P".into(),
            creation_date: "2026-01-01T00:00:00Z".into(),
            tags: std::collections::BTreeMap::default(),
        };
        ProjectRecord::new(app, ApplicationSettingsResource::default())
    }

    fn row(id: &str) -> (usize, Result<serde_json::Map<String, Value>, String>) {
        let endpoint = json!({"Id": id, "ChannelType": "SMS", "Address": "+12065550100"});
        (2, Ok(endpoint.as_object().cloned().unwrap()))
    }

    #[test]
    fn a_claimed_job_is_not_claimed_again() {
        let mut jobs = Collection::default();
        jobs.insert("j1", json!({"Id": "j1", "JobStatus": "CREATED"}));
        assert_eq!(claim(&mut jobs).len(), 1);
        assert_eq!(jobs.get("j1").unwrap()["JobStatus"], "PROCESSING");
        assert!(claim(&mut jobs).is_empty(), "a second tick leaves it to the first");
    }

    #[test]
    fn an_import_applies_to_the_project_as_it_is_when_the_file_has_been_read() {
        let now = Utc::now();
        // The job vanished while its file was read: nothing is applied.
        let mut gone = project();
        let read = ImportRead { rows: Ok(vec![row("e1")]) };
        apply_import(&mut gone, "p", "j1", read, now);
        assert!(gone.endpoints.is_empty());

        // An endpoint created meanwhile is merged into, not replaced.
        let mut project = project();
        let definition = json!({"S3Url": "s3://b/k", "Format": "CSV", "RegisterEndpoints": true});
        let job = json!({"Id": "j1", "JobStatus": "PROCESSING", "Definition": definition});
        project.import_jobs.insert("j1", job);
        let meanwhile = json!({"ChannelType": "SMS", "User": {"UserId": "u1"}});
        let meanwhile = meanwhile.as_object().cloned().unwrap();
        upsert(&mut project.endpoints, "p", "e1", &meanwhile, "2026-01-01T00:00:00Z", "r").unwrap();
        let read = ImportRead { rows: Ok(vec![row("e1")]) };
        apply_import(&mut project, "p", "j1", read, now);
        let endpoint = project.endpoints.get("e1").unwrap();
        assert_eq!(endpoint.user_id(), Some("u1"));
        assert_eq!(endpoint.address.as_deref(), Some("+12065550100"));
        let job = project.import_jobs.get("j1").unwrap();
        assert_eq!(job["JobStatus"], "COMPLETED");
        assert_eq!(job["TotalProcessed"], 1);
    }
}
