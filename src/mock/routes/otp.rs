//! One-time passwords: SendOTPMessage and VerifyOTPMessage.

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
        .route("/v1/apps/{application_id}/otp", post(send))
        .route("/v1/apps/{application_id}/verify-otp", post(verify))
}

async fn send(
    State(b): State<Arc<Backend>>,
    Path(app): Path<String>,
    RequestId(request_id): RequestId,
    Checked(body, _): Checked<shape::SendOTPMessageRequestParameters>,
) -> MockResult<Json<Value>> {
    b.send_otp_message(&app, &body, &request_id).map(Json)
}

async fn verify(
    State(b): State<Arc<Backend>>,
    Path(app): Path<String>,
    Checked(body, _): Checked<shape::VerifyOTPMessageRequestParameters>,
) -> MockResult<Json<Value>> {
    b.verify_otp_message(&app, &body).map(Json)
}
