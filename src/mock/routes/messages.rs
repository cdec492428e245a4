//! Messages: SendMessages, SendUsersMessages, and the global PhoneNumberValidate.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::Value;

use crate::mock::backend::Backend;
use crate::mock::error::MockResult;
use crate::mock::extract::{Checked, RequestId, shape};

/// The routes of this resource.
pub fn routes() -> Router<Arc<Backend>> {
    Router::new()
        .route("/v1/apps/{application_id}/messages", post(send))
        .route("/v1/apps/{application_id}/users-messages", post(send_users))
        .route("/v1/phone/number/validate", post(validate_phone))
}

async fn send(
    State(b): State<Arc<Backend>>,
    Path(app): Path<String>,
    RequestId(request_id): RequestId,
    Checked(body, _): Checked<shape::MessageRequest>,
) -> MockResult<Json<Value>> {
    b.send_messages(&app, &body, &request_id).map(Json)
}

async fn send_users(
    State(b): State<Arc<Backend>>,
    Path(app): Path<String>,
    RequestId(request_id): RequestId,
    Checked(body, _): Checked<shape::SendUsersMessageRequest>,
) -> MockResult<Json<Value>> {
    b.send_users_messages(&app, &body, &request_id).map(Json)
}

async fn validate_phone(
    State(b): State<Arc<Backend>>,
    Checked(body, _): Checked<shape::NumberValidateRequest>,
) -> MockResult<Json<Value>> {
    b.validate_phone_number(&body).map(Json)
}
