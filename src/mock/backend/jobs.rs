//! Import and export jobs: created here with the service's checks and listed per project and
//! per segment; the engine moves them through their states and does the work.

use serde_json::{Value, json};

use super::segments::list;
use super::{Backend, MockError, MockResult, new_id};
use crate::mock::model::model;
use crate::mock::store::{PageRequest, page_slice};

fn bad<T>(message: impl Into<String>) -> MockResult<T> {
    Err(MockError::bad_request(message.into()))
}

fn check_role(role: &str) -> MockResult<()> {
    if role.starts_with("arn:aws:iam::") {
        Ok(())
    } else {
        bad("RoleArn must be an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)")
    }
}

/// Which kind of job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    /// An import job.
    Import,
    /// An export job.
    Export,
}

/// A job as CreateXJob answers: created, nothing processed yet.
fn new_job(app_id: &str, now: &str, kind: &str, definition: Value) -> Value {
    let mut job = json!({
        "ApplicationId": app_id,
        "CreationDate": now,
        "Id": new_id(),
        "JobStatus": "CREATED",
        "Type": kind,
        "CompletedPieces": 0,
        "FailedPieces": 0,
        "TotalFailures": 0,
        "TotalPieces": 0,
        "TotalProcessed": 0,
    });
    job["Definition"] = definition;
    job
}

fn job_id(job: &Value) -> String {
    job.get("Id").and_then(Value::as_str).unwrap_or_default().to_owned()
}

impl Backend {
    /// CreateExportJob.
    pub fn create_export_job(&self, app_id: &str, request: &Value) -> MockResult<Value> {
        let role = request.get("RoleArn").and_then(Value::as_str).unwrap_or_default();
        let prefix = request.get("S3UrlPrefix").and_then(Value::as_str).unwrap_or_default();
        check_role(role)?;
        if !prefix.starts_with("s3://") || prefix.len() <= "s3://".len() {
            return bad("S3UrlPrefix must be an s3://bucket/prefix URL");
        }
        let now = self.now();
        self.with_app_mut(app_id, |app| {
            let mut definition = json!({ "RoleArn": role, "S3UrlPrefix": prefix });
            if let Some(segment) = request.get("SegmentId").and_then(Value::as_str) {
                let version = Self::resolve_segment(
                    app,
                    segment,
                    request.get("SegmentVersion").and_then(Value::as_i64),
                )?;
                definition["SegmentId"] = json!(segment);
                definition["SegmentVersion"] = json!(version);
            }
            let job = new_job(app_id, &now, "EXPORT", definition);
            app.export_jobs.insert(&job_id(&job), job.clone());
            Ok(job)
        })
    }

    /// CreateImportJob.
    pub fn create_import_job(&self, app_id: &str, request: &Value) -> MockResult<Value> {
        let role = request.get("RoleArn").and_then(Value::as_str).unwrap_or_default();
        let url = request.get("S3Url").and_then(Value::as_str).unwrap_or_default();
        check_role(role)?;
        let known = ["s3://", "file://"].iter().any(|p| url.starts_with(p) && url.len() > p.len());
        if !known {
            return bad("S3Url must be an s3://bucket/key URL (the mock also reads file:// URLs)");
        }
        let define = request.get("DefineSegment").and_then(Value::as_bool) == Some(true);
        let segment_id = request.get("SegmentId").and_then(Value::as_str);
        let segment_name =
            request.get("SegmentName").and_then(Value::as_str).filter(|s| !s.trim().is_empty());
        if define && segment_id.is_none() && segment_name.is_none() {
            return bad("SegmentName is required when DefineSegment is true");
        }
        let now = self.now();
        self.with_app_mut(app_id, |app| {
            if let Some(segment) = segment_id {
                Self::resolve_segment(app, segment, None)?;
            }
            let mut definition = model().project("ImportJobResource", request);
            definition["RegisterEndpoints"] =
                json!(request.get("RegisterEndpoints").and_then(Value::as_bool).unwrap_or(true));
            let job = new_job(app_id, &now, "IMPORT", definition);
            app.import_jobs.insert(&job_id(&job), job.clone());
            Ok(job)
        })
    }

    /// GetExportJob / GetImportJob.
    pub fn get_job(&self, app_id: &str, kind: JobKind, id: &str) -> MockResult<Value> {
        self.with_app(app_id, |app| {
            let jobs = match kind {
                JobKind::Export => &app.export_jobs,
                JobKind::Import => &app.import_jobs,
            };
            jobs.get(id).cloned().ok_or_else(|| MockError::resource_not_found("Job", id))
        })
    }

    /// GetExportJobs / GetImportJobs, and the per-segment listings when `segment` is given.
    pub fn list_jobs(
        &self,
        app_id: &str,
        kind: JobKind,
        segment: Option<&str>,
        page: PageRequest,
    ) -> MockResult<Value> {
        self.with_app(app_id, |app| {
            let jobs = match kind {
                JobKind::Export => &app.export_jobs,
                JobKind::Import => &app.import_jobs,
            };
            let Some(segment) = segment else {
                let (items, next) = jobs.page(page);
                return Ok(list(&items, next));
            };
            if app.segments.get(segment).is_none() {
                return Err(MockError::resource_not_found("Segment", segment));
            }
            let matching: Vec<&Value> = jobs
                .iter()
                .filter(|j| {
                    j.pointer("/Definition/SegmentId").and_then(Value::as_str) == Some(segment)
                })
                .collect();
            let (items, next) = page_slice(&matching, page);
            Ok(list(&items.into_iter().copied().collect::<Vec<_>>(), next))
        })
    }
}
