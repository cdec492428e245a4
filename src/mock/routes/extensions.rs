//! Mock-only extensions under `/_mock/` (not part of Pinpoint; documented in the README):
//! the outbox, an audience estimate, an endpoint listing, values seen, a manual tick, and a
//! file upload into the mapped bucket folder (for imports from the console).

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{Value, json};

use crate::mock::backend::{Backend, OutboxFilter};
use crate::mock::error::{MockError, MockResult};
use crate::mock::extract::{AnyJson, Page, Params};

/// The routes of the extensions.
pub fn routes() -> Router<Arc<Backend>> {
    Router::new()
        .route("/_mock/outbox", get(outbox))
        .route("/_mock/tick", post(tick))
        .route("/_mock/apps/{application_id}/estimate", post(estimate))
        .route("/_mock/apps/{application_id}/endpoints", get(endpoints))
        .route("/_mock/apps/{application_id}/values", get(values))
        .route("/_mock/files", post(put_file))
}

async fn outbox(
    State(b): State<Arc<Backend>>,
    Params(filter): Params<OutboxFilter>,
) -> MockResult<Json<Value>> {
    Ok(Json(json!({ "Item": b.outbox(&filter) })))
}

/// Runs what is due now (a running server also does this every second).
async fn tick(State(b): State<Arc<Backend>>) -> MockResult<Json<Value>> {
    // On a blocking thread, as the server's own tick: a big run takes seconds.
    tokio::task::spawn_blocking(move || b.run_due()).await.map_err(|e| MockError {
        kind: crate::mock::error::ErrorKind::InternalServerError,
        message: format!("the tick stopped: {e}"),
    })?;
    Ok(Json(json!({ "Message": "Ran what was due" })))
}

async fn estimate(
    State(b): State<Arc<Backend>>,
    Path(app): Path<String>,
    AnyJson(body): AnyJson,
) -> MockResult<Json<Value>> {
    b.estimate(&app, &body).map(Json)
}

async fn endpoints(
    State(b): State<Arc<Backend>>,
    Path(app): Path<String>,
    Page(page): Page,
    Params(query): Params<HashMap<String, String>>,
) -> MockResult<Json<Value>> {
    b.list_endpoints(&app, page, query.get("filter").map(String::as_str)).map(Json)
}

async fn values(State(b): State<Arc<Backend>>, Path(app): Path<String>) -> MockResult<Json<Value>> {
    b.seen_values(&app).map(Json)
}

/// Stores `{Name, Contents}` in the uploads bucket; answers `{S3Url}` for an import job.
async fn put_file(
    State(b): State<Arc<Backend>>,
    AnyJson(body): AnyJson,
) -> MockResult<Json<Value>> {
    b.put_upload(&body).map(|url| Json(json!({ "S3Url": url })))
}
