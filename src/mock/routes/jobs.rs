//! Jobs: GetExportJobs, CreateExportJob, GetExportJob, GetImportJobs, CreateImportJob,
//! GetImportJob.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::Value;

use crate::mock::backend::{Backend, JobKind};
use crate::mock::error::MockResult;
use crate::mock::extract::{Checked, Page, shape};

/// The routes of this resource.
pub fn routes() -> Router<Arc<Backend>> {
    Router::new()
        .route("/v1/apps/{application_id}/jobs/export", get(list_export).post(create_export))
        .route("/v1/apps/{application_id}/jobs/export/{job_id}", get(read_export))
        .route("/v1/apps/{application_id}/jobs/import", get(list_import).post(create_import))
        .route("/v1/apps/{application_id}/jobs/import/{job_id}", get(read_import))
}

async fn list_export(
    State(b): State<Arc<Backend>>,
    Path(app): Path<String>,
    Page(p): Page,
) -> MockResult<Json<Value>> {
    b.list_jobs(&app, JobKind::Export, None, p).map(Json)
}

async fn list_import(
    State(b): State<Arc<Backend>>,
    Path(app): Path<String>,
    Page(p): Page,
) -> MockResult<Json<Value>> {
    b.list_jobs(&app, JobKind::Import, None, p).map(Json)
}

/// CreateExportJob answers 202 (the job runs later).
async fn create_export(
    State(b): State<Arc<Backend>>,
    Path(app): Path<String>,
    Checked(body, _): Checked<shape::ExportJobRequest>,
) -> MockResult<(StatusCode, Json<Value>)> {
    Ok((StatusCode::ACCEPTED, Json(b.create_export_job(&app, &body)?)))
}

/// CreateImportJob answers 201, unlike CreateExportJob (as the service does).
async fn create_import(
    State(b): State<Arc<Backend>>,
    Path(app): Path<String>,
    Checked(body, _): Checked<shape::ImportJobRequest>,
) -> MockResult<(StatusCode, Json<Value>)> {
    Ok((StatusCode::CREATED, Json(b.create_import_job(&app, &body)?)))
}

async fn read_export(
    State(b): State<Arc<Backend>>,
    Path((app, id)): Path<(String, String)>,
) -> MockResult<Json<Value>> {
    b.get_job(&app, JobKind::Export, &id).map(Json)
}

async fn read_import(
    State(b): State<Arc<Backend>>,
    Path((app, id)): Path<(String, String)>,
) -> MockResult<Json<Value>> {
    b.get_job(&app, JobKind::Import, &id).map(Json)
}
