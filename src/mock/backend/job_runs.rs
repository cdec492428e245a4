//! The engine's tick: campaign runs and import and export jobs, in steps of bounded work,
//! each in its own short transaction on one project, so a tick never holds a project for
//! long, never holds more than one, and never touches a file while it holds one. Requests
//! (reads and writes, on the project being worked on too) get their turn between steps, and
//! the projects with work take turns, one step each, until nothing is due.
//!
//! A campaign step delivers one part of a run, or opens a run: its audience is evaluated in a
//! read transaction and stored in a short write transaction (see `engine::campaigns`).
//!
//! A job runs in steps too: it is claimed (`CREATED` → `PROCESSING`, so two ticks never run
//! it twice) in one transaction; its file is read with no project locked; its rows are
//! applied a piece (`IMPORT_PIECE` rows) per transaction, each piece showing the job's
//! progress, and only while the project and the job are still there (a project deleted
//! meanwhile takes the rest with it). An export is claimed, its audience evaluated in a read
//! transaction, its endpoints read a piece at a time and written to its file between pieces.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::endpoints::upsert;
use super::{Backend, new_id};
use crate::mock::clock::iso8601;
use crate::mock::engine::OUTBOX_CAPACITY;
use crate::mock::engine::campaigns::{self, MAX_OPENS_PER_TICK, Step};
use crate::mock::engine::delivery::Sinks;
use crate::mock::engine::jobs::{
    self, CheckedRow, EXPORT_PIECE, ExportFile, IMPORT_PIECE, ImportRead, JobProgress,
};
use crate::mock::engine::templates::Templates;
use crate::mock::model::model;
use crate::mock::store::{Collection, ProjectRecord, StoreError};

/// The pause between two steps of the tick.
const STEP_PAUSE: std::time::Duration = std::time::Duration::from_micros(200);

/// Marks the project's first `CREATED` job `PROCESSING` and answers it.
fn claim(jobs: &mut Collection<Value>) -> Option<Value> {
    let id = jobs
        .iter()
        .find(|j| j.get("JobStatus").and_then(Value::as_str) == Some("CREATED"))
        .and_then(|j| j.get("Id").and_then(Value::as_str))?
        .to_owned();
    let job = jobs.get_mut(&id)?;
    job["JobStatus"] = json!("PROCESSING");
    Some(job.clone())
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

/// What a tick's read transaction answered (a failed store is logged).
fn read<T>(result: Result<Option<T>, StoreError>) -> Option<T> {
    ran(result.map(|found| found.map(Ok)))
}

fn job_id(job: &Value) -> &str {
    job.get("Id").and_then(Value::as_str).unwrap_or_default()
}

/// An import being applied, piece by piece.
#[derive(Debug)]
struct ImportRun {
    job_id: String,
    definition: Value,
    rows: std::vec::IntoIter<CheckedRow>,
    progress: JobProgress,
    /// Ids of the endpoints imported so far (the members of a segment the job defines).
    members: HashSet<String>,
    /// Imported endpoints per channel type.
    channels: BTreeMap<String, u64>,
}

/// What claiming an import came to.
#[derive(Debug)]
enum Started {
    /// No import was waiting.
    Nothing,
    /// The import ended at once (its file could not be read, or its job is gone).
    Ended,
    /// The import to apply, piece by piece.
    Applying(Box<ImportRun>),
}

/// One project's work in a tick.
#[derive(Debug)]
pub(super) struct Work {
    pub(super) id: String,
    /// An import being applied.
    import: Option<ImportRun>,
    /// True once no job is waiting (jobs go first, as they were created before the tick).
    jobs_done: bool,
    /// Runs opened per campaign in this tick.
    opened: HashMap<String, u32>,
    /// Campaigns not opened again in this tick.
    skip: BTreeSet<String>,
    /// The account's templates, read at the project's first campaign step of the tick.
    pub(super) templates: Option<Templates>,
}

impl Backend {
    /// Runs everything that is due at the clock's "now": jobs that were created, campaign runs
    /// and the zones of open local-time runs, until nothing more is due. Called every second
    /// by a running server (on a thread of its own: a big run takes seconds); tests call it
    /// after moving a manual clock. Two ticks at once are safe: each step claims its work in
    /// its transaction.
    pub fn run_due(&self) {
        let now = self.clock.now();
        let mut projects: Vec<Work> = self
            .store
            .project_ids()
            .into_iter()
            .map(|id| Work {
                id,
                import: None,
                jobs_done: false,
                opened: HashMap::new(),
                skip: BTreeSet::new(),
                templates: None,
            })
            .collect();
        while !projects.is_empty() {
            projects.retain_mut(|work| {
                let more = self.step(work, now);
                // The project was just released: let a request waiting for it in first (a
                // woken thread takes some microseconds to run; without a pause, the next step
                // would take the lock again before it, part after part).
                std::thread::sleep(STEP_PAUSE);
                more
            });
        }
    }

    /// One bounded step of one project's work; false when nothing more is due there.
    fn step(&self, work: &mut Work, now: DateTime<Utc>) -> bool {
        if let Some(import) = &mut work.import {
            if !self.apply_import_piece(&work.id, import, now) {
                work.import = None;
            }
            return true;
        }
        if !work.jobs_done {
            match self.start_import(&work.id, now) {
                Started::Applying(import) => work.import = Some(*import),
                Started::Ended => {}
                Started::Nothing => {
                    if !self.run_export(&work.id, now) {
                        work.jobs_done = true;
                    }
                }
            }
            return true;
        }
        self.campaign_step(work, now) || self.journey_step(work, now)
    }

    /// Reads the account's templates once per project and tick (campaign and journey messages
    /// are rendered from them); false when the account cannot be read now.
    pub(super) fn read_templates(&self, work: &mut Work) -> bool {
        if work.templates.is_some() {
            return true;
        }
        match self.store.read_acct(Templates::of) {
            Ok(templates) => {
                work.templates = Some(templates);
                true
            }
            Err(error) => {
                // Tried again in the next tick, rather than failing templated messages.
                tracing::error!(%error, "the engine's tick could not read the templates");
                false
            }
        }
    }

    /// One campaign step in one project: a part of a run delivered, or a run opened; false
    /// when nothing is due.
    fn campaign_step(&self, work: &mut Work, now: DateTime<Utc>) -> bool {
        if !self.read_templates(work) {
            return false;
        }
        let app_id = work.id.as_str();
        let templates = work.templates.get_or_insert_with(Templates::default);
        let mut sinks = Sinks::default();
        let stepped = ran(self.store.write(app_id, |project| {
            let step = campaigns::step(project, app_id, now, &mut sinks, &work.skip, templates);
            project.deliver(std::mem::take(&mut sinks.outbox), OUTBOX_CAPACITY);
            Ok::<_, ()>(step)
        }));
        self.emit(app_id, sinks);
        match stepped {
            // A project deleted since the list was taken is simply skipped.
            None | Some(Step::Idle) => false,
            Some(Step::Delivered) => true,
            Some(Step::Open(due)) => {
                let count = work.opened.entry(due.campaign_id.clone()).or_default();
                *count += 1;
                if *count >= MAX_OPENS_PER_TICK {
                    work.skip.insert(due.campaign_id.clone());
                }
                let started = std::time::Instant::now();
                let audience = read(
                    self.store.read(app_id, |project| campaigns::audience(project, &due, now)),
                )
                .flatten();
                tracing::debug!(
                    campaign = due.campaign_id,
                    endpoints = audience.as_ref().map_or(0, campaigns::Audience::len),
                    took_ms = started.elapsed().as_millis(),
                    "evaluated a run's audience"
                );
                let opened = audience.is_some_and(|audience| {
                    ran(self.store.write(app_id, |project| {
                        Ok::<_, ()>(campaigns::open(project, app_id, audience, now))
                    })) == Some(true)
                });
                if !opened {
                    // Changed meanwhile: its next step settles it, in the next tick.
                    work.skip.insert(due.campaign_id);
                }
                true
            }
        }
    }

    /// Claims the project's next created import and reads its file (with no project
    /// locked).
    fn start_import(&self, app_id: &str, now: DateTime<Utc>) -> Started {
        let claimed =
            ran(self.store.write(app_id, |project| Ok::<_, ()>(claim(&mut project.import_jobs))))
                .flatten();
        let Some(job) = claimed else { return Started::Nothing };
        let definition = job.get("Definition").cloned().unwrap_or(Value::Null);
        let id = job_id(&job).to_owned();
        let ImportRead { rows } = jobs::read_import(&self.files, &definition);
        let rows = match rows {
            Ok(rows) => rows,
            Err(message) => {
                let progress = JobProgress::failed(message);
                let _ended = ran(self.store.write(app_id, |project| {
                    if let Some(job) = project.import_jobs.get_mut(&id) {
                        jobs::complete(job, &progress, now);
                    }
                    Ok::<(), ()>(())
                }));
                return Started::Ended;
            }
        };
        let progress = JobProgress {
            total_pieces: rows.len().div_ceil(IMPORT_PIECE).max(1) as u64,
            ..JobProgress::default()
        };
        let shown = ran(self.store.write(app_id, |project| {
            let Some(job) = project.import_jobs.get_mut(&id) else { return Ok(false) };
            jobs::show(job, &progress);
            Ok::<_, ()>(true)
        }));
        if shown != Some(true) {
            return Started::Ended;
        }
        Started::Applying(Box::new(ImportRun {
            job_id: id,
            definition,
            rows: rows.into_iter(),
            progress,
            members: HashSet::new(),
            channels: BTreeMap::new(),
        }))
    }

    /// Applies the next piece of an import in one transaction; false once the import has
    /// ended (its last piece applied, or its job or project gone).
    fn apply_import_piece(&self, app_id: &str, import: &mut ImportRun, now: DateTime<Utc>) -> bool {
        let piece: Vec<CheckedRow> = import.rows.by_ref().take(IMPORT_PIECE).collect();
        let last = import.rows.len() == 0;
        let applied = ran(self.store.write(app_id, |project| {
            Ok::<_, ()>(apply_piece(project, app_id, import, piece, last, now))
        }));
        applied == Some(true) && !last
    }

    /// Runs the project's next created export to its end; false when none is waiting.
    fn run_export(&self, app_id: &str, now: DateTime<Utc>) -> bool {
        let claimed =
            ran(self.store.write(app_id, |project| Ok::<_, ()>(claim(&mut project.export_jobs))))
                .flatten();
        let Some(job) = claimed else { return false };
        let id = job_id(&job).to_owned();
        let ids = read(self.store.read(app_id, |project| jobs::export_ids(project, &job, now)))
            .unwrap_or_default();
        let mut progress = JobProgress {
            total_pieces: ids.len().div_ceil(EXPORT_PIECE).max(1) as u64,
            ..JobProgress::default()
        };
        let show = |progress: &JobProgress, end: bool| {
            ran(self.store.write(app_id, |project| {
                let Some(job) = project.export_jobs.get_mut(&id) else { return Ok(false) };
                if end {
                    jobs::complete(job, progress, now);
                } else {
                    jobs::show(job, progress);
                }
                Ok::<_, ()>(true)
            })) == Some(true)
        };
        if !show(&progress, false) {
            return true;
        }
        let mut file = match ExportFile::create(&self.files, &job) {
            Ok(file) => file,
            Err(message) => {
                show(&JobProgress::failed(message), true);
                return true;
            }
        };
        for piece in ids.chunks(EXPORT_PIECE) {
            let lines = read(self.store.read(app_id, |project| jobs::export_lines(project, piece)));
            // The project is gone: so is its job.
            let Some(lines) = lines else { return true };
            if let Err(message) = file.write(&lines) {
                progress.failed_pieces = 1;
                progress.fail(message);
                show(&progress, true);
                return true;
            }
            progress.processed += lines.len() as u64;
            progress.completed_pieces += 1;
            if progress.completed_pieces < progress.total_pieces && !show(&progress, false) {
                return true;
            }
        }
        if let Err(message) = file.finish() {
            progress.failed_pieces = 1;
            progress.fail(message);
        }
        progress.completed_pieces = progress.total_pieces - progress.failed_pieces.min(1);
        show(&progress, true);
        true
    }
}

/// Applies one piece of an import to the project as it is now: good rows register (or
/// update) endpoints, bad rows become failures, and the job shows its progress; with the
/// `last` piece the job ends, and may define an imported segment. False when the job is gone.
fn apply_piece(
    project: &mut ProjectRecord,
    app_id: &str,
    import: &mut ImportRun,
    piece: Vec<CheckedRow>,
    last: bool,
    now: DateTime<Utc>,
) -> bool {
    let Some(mut job) = project.import_jobs.get(&import.job_id).cloned() else { return false };
    let register =
        import.definition.get("RegisterEndpoints").and_then(Value::as_bool) != Some(false);
    let at = iso8601(now);
    for (row, checked) in piece {
        import.progress.processed += 1;
        let result = checked.and_then(|map| {
            let id = map.get("Id").and_then(Value::as_str).unwrap_or_default().to_owned();
            if register {
                upsert(&mut project.endpoints, app_id, &id, &map, &at, &import.job_id)
                    .map_err(|e| e.message)?;
            }
            let channel = map.get("ChannelType").and_then(Value::as_str);
            Ok((id, channel.unwrap_or("UNKNOWN").to_owned()))
        });
        match result {
            Ok((id, channel)) => {
                *import.channels.entry(channel).or_default() += 1;
                import.members.insert(id);
            }
            Err(message) => import.progress.fail(format!("Row {row}: {message}")),
        }
    }
    import.progress.completed_pieces += 1;
    if !last {
        jobs::show(&mut job, &import.progress);
        project.import_jobs.insert(&import.job_id, job);
        return true;
    }
    let define = import.definition.get("DefineSegment").and_then(Value::as_bool) == Some(true);
    if define {
        let members = std::mem::take(&mut import.members);
        let segment_id = define_segment(
            project,
            app_id,
            &import.job_id,
            &import.definition,
            members,
            &import.channels,
            &at,
        );
        job["Definition"]["SegmentId"] = json!(segment_id);
    }
    jobs::complete(&mut job, &import.progress, now);
    project.import_jobs.insert(&import.job_id, job);
    true
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

    fn import(rows: Vec<CheckedRow>) -> ImportRun {
        let definition = json!({"S3Url": "s3://b/k", "Format": "CSV", "RegisterEndpoints": true});
        ImportRun {
            job_id: "j1".into(),
            definition,
            rows: rows.into_iter(),
            progress: JobProgress { total_pieces: 1, ..JobProgress::default() },
            members: HashSet::new(),
            channels: BTreeMap::new(),
        }
    }

    #[test]
    fn a_claimed_job_is_not_claimed_again() {
        let mut jobs = Collection::default();
        jobs.insert("j1", json!({"Id": "j1", "JobStatus": "CREATED"}));
        assert!(claim(&mut jobs).is_some());
        assert_eq!(jobs.get("j1").unwrap()["JobStatus"], "PROCESSING");
        assert!(claim(&mut jobs).is_none(), "a second tick leaves it to the first");
    }

    #[test]
    fn an_import_applies_to_the_project_as_it_is_when_the_file_has_been_read() {
        let now = Utc::now();
        // The job vanished while its file was read: nothing is applied.
        let mut gone = project();
        assert!(!apply_piece(&mut gone, "p", &mut import(vec![]), vec![row("e1")], true, now));
        assert!(gone.endpoints.is_empty());

        // An endpoint created meanwhile is merged into, not replaced.
        let mut project = project();
        let definition = json!({"S3Url": "s3://b/k", "Format": "CSV", "RegisterEndpoints": true});
        let job = json!({"Id": "j1", "JobStatus": "PROCESSING", "Definition": definition});
        project.import_jobs.insert("j1", job);
        let meanwhile = json!({"ChannelType": "SMS", "User": {"UserId": "u1"}});
        let meanwhile = meanwhile.as_object().cloned().unwrap();
        upsert(&mut project.endpoints, "p", "e1", &meanwhile, "2026-01-01T00:00:00Z", "r").unwrap();
        assert!(apply_piece(&mut project, "p", &mut import(vec![]), vec![row("e1")], true, now));
        let endpoint = project.endpoints.get("e1").unwrap();
        assert_eq!(endpoint.user_id(), Some("u1"));
        assert_eq!(endpoint.address.as_deref(), Some("+12065550100"));
        let job = project.import_jobs.get("j1").unwrap();
        assert_eq!(job["JobStatus"], "COMPLETED");
        assert_eq!(job["TotalProcessed"], 1);
        assert_eq!(
            (job["CompletedPieces"].as_u64(), job["TotalPieces"].as_u64()),
            (Some(1), Some(1))
        );
    }
}
