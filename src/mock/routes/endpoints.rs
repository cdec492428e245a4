//! Endpoints and users: UpdateEndpointsBatch, GetEndpoint, UpdateEndpoint, DeleteEndpoint,
//! GetUserEndpoints, DeleteUserEndpoints.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, put};
use axum::{Json, Router};
use serde_json::Value;

use crate::mock::backend::Backend;
use crate::mock::error::MockResult;
use crate::mock::extract::{Checked, RequestId, shape};
use crate::mock::wire::MessageBody;

/// The routes of this resource.
pub fn routes() -> Router<Arc<Backend>> {
    Router::new()
        .route("/v1/apps/{application_id}/endpoints", put(update_batch))
        .route(
            "/v1/apps/{application_id}/endpoints/{endpoint_id}",
            get(read).put(update).delete(delete),
        )
        .route("/v1/apps/{application_id}/users/{user_id}", get(user_endpoints).delete(delete_user))
}

fn accepted(RequestId(id): RequestId) -> (StatusCode, Json<MessageBody>) {
    (StatusCode::ACCEPTED, Json(MessageBody { message: "Accepted".to_owned(), request_id: id }))
}

async fn update_batch(
    State(b): State<Arc<Backend>>,
    Path(app): Path<String>,
    request_id: RequestId,
    Checked(body, _): Checked<shape::EndpointBatchRequest>,
) -> MockResult<(StatusCode, Json<MessageBody>)> {
    let items = body.get("Item").and_then(Value::as_array).cloned().unwrap_or_default();
    b.update_endpoints_batch(&app, &items, &request_id.0)?;
    Ok(accepted(request_id))
}

async fn read(
    State(b): State<Arc<Backend>>,
    Path((app, id)): Path<(String, String)>,
) -> MockResult<Json<Value>> {
    b.get_endpoint(&app, &id).map(Json)
}

async fn update(
    State(b): State<Arc<Backend>>,
    Path((app, id)): Path<(String, String)>,
    request_id: RequestId,
    Checked(body, _): Checked<shape::EndpointRequest>,
) -> MockResult<(StatusCode, Json<MessageBody>)> {
    b.update_endpoint(&app, &id, &body, &request_id.0)?;
    Ok(accepted(request_id))
}

async fn delete(
    State(b): State<Arc<Backend>>,
    Path((app, id)): Path<(String, String)>,
) -> MockResult<(StatusCode, Json<Value>)> {
    Ok((StatusCode::ACCEPTED, Json(b.delete_endpoint(&app, &id)?)))
}

async fn user_endpoints(
    State(b): State<Arc<Backend>>,
    Path((app, user)): Path<(String, String)>,
) -> MockResult<Json<Value>> {
    b.get_user_endpoints(&app, &user).map(Json)
}

async fn delete_user(
    State(b): State<Arc<Backend>>,
    Path((app, user)): Path<(String, String)>,
) -> MockResult<(StatusCode, Json<Value>)> {
    Ok((StatusCode::ACCEPTED, Json(b.delete_user_endpoints(&app, &user)?)))
}
