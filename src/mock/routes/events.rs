//! Events and the event stream: PutEvents, PutEventStream, GetEventStream, DeleteEventStream.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::Value;

use crate::mock::backend::Backend;
use crate::mock::error::{MockError, MockResult};
use crate::mock::extract::{AnyJson, Checked, RequestId, shape};

/// The routes of this resource.
pub fn routes() -> Router<Arc<Backend>> {
    Router::new().route("/v1/apps/{application_id}/events", post(put_events)).route(
        "/v1/apps/{application_id}/eventstream",
        get(get_stream).post(put_stream).delete(delete_stream),
    )
}

/// The body is checked per item by the backend, so one bad event does not fail the batch.
async fn put_events(
    State(b): State<Arc<Backend>>,
    Path(app): Path<String>,
    RequestId(request_id): RequestId,
    AnyJson(body): AnyJson,
) -> MockResult<(StatusCode, Json<Value>)> {
    if !body.is_object() {
        return Err(MockError::bad_request("The request body must be a JSON object"));
    }
    if body.get("BatchItem").is_some_and(|b| !b.is_object()) {
        return Err(MockError::bad_request("BatchItem must be a JSON object (a map)"));
    }
    Ok((StatusCode::ACCEPTED, Json(b.put_events(&app, &body, &request_id)?)))
}

async fn get_stream(
    State(b): State<Arc<Backend>>,
    Path(app): Path<String>,
) -> MockResult<Json<Value>> {
    b.get_event_stream(&app).map(Json)
}

async fn put_stream(
    State(b): State<Arc<Backend>>,
    Path(app): Path<String>,
    Checked(body, _): Checked<shape::WriteEventStream>,
) -> MockResult<Json<Value>> {
    b.put_event_stream(&app, &body).map(Json)
}

async fn delete_stream(
    State(b): State<Arc<Backend>>,
    Path(app): Path<String>,
) -> MockResult<Json<Value>> {
    b.delete_event_stream(&app).map(Json)
}
