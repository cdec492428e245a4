//! Segments: GetSegments, CreateSegment, GetSegment, UpdateSegment, DeleteSegment,
//! GetSegmentVersions, GetSegmentVersion, GetSegmentExportJobs, GetSegmentImportJobs.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::Value;

use crate::mock::backend::{Backend, JobKind};
use crate::mock::error::MockResult;
use crate::mock::extract::{Checked, Page, shape};

type Body = Checked<shape::WriteSegmentRequest>;

/// The routes of this resource.
pub fn routes() -> Router<Arc<Backend>> {
    let base = "/v1/apps/{application_id}/segments";
    Router::new()
        .route(base, get(list).post(create))
        .route(&format!("{base}/{{segment_id}}"), get(read).put(update).delete(delete))
        .route(&format!("{base}/{{segment_id}}/versions"), get(versions))
        .route(&format!("{base}/{{segment_id}}/versions/{{version}}"), get(version))
        .route(&format!("{base}/{{segment_id}}/jobs/export"), get(export_jobs))
        .route(&format!("{base}/{{segment_id}}/jobs/import"), get(import_jobs))
}

async fn list(
    State(b): State<Arc<Backend>>,
    Path(app): Path<String>,
    Page(p): Page,
) -> MockResult<Json<Value>> {
    b.list_segments(&app, p).map(Json)
}

async fn create(
    State(b): State<Arc<Backend>>,
    Path(app): Path<String>,
    Checked(body, _): Body,
) -> MockResult<(StatusCode, Json<Value>)> {
    Ok((StatusCode::CREATED, Json(b.create_segment(&app, body)?)))
}

async fn read(
    State(b): State<Arc<Backend>>,
    Path((app, id)): Path<(String, String)>,
) -> MockResult<Json<Value>> {
    b.get_segment(&app, &id).map(Json)
}

async fn update(
    State(b): State<Arc<Backend>>,
    Path((app, id)): Path<(String, String)>,
    Checked(body, _): Body,
) -> MockResult<Json<Value>> {
    b.update_segment(&app, &id, body).map(Json)
}

async fn delete(
    State(b): State<Arc<Backend>>,
    Path((app, id)): Path<(String, String)>,
) -> MockResult<Json<Value>> {
    b.delete_segment(&app, &id).map(Json)
}

async fn versions(
    State(b): State<Arc<Backend>>,
    Path((app, id)): Path<(String, String)>,
    Page(p): Page,
) -> MockResult<Json<Value>> {
    b.segment_versions(&app, &id, p).map(Json)
}

async fn version(
    State(b): State<Arc<Backend>>,
    Path((app, id, v)): Path<(String, String, String)>,
) -> MockResult<Json<Value>> {
    b.segment_version(&app, &id, &v).map(Json)
}

async fn export_jobs(
    State(b): State<Arc<Backend>>,
    Path((app, id)): Path<(String, String)>,
    Page(p): Page,
) -> MockResult<Json<Value>> {
    b.list_jobs(&app, JobKind::Export, Some(&id), p).map(Json)
}

async fn import_jobs(
    State(b): State<Arc<Backend>>,
    Path((app, id)): Path<(String, String)>,
    Page(p): Page,
) -> MockResult<Json<Value>> {
    b.list_jobs(&app, JobKind::Import, Some(&id), p).map(Json)
}
