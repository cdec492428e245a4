//! In-app messaging: GetInAppMessages.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::Value;

use crate::mock::backend::Backend;
use crate::mock::error::MockResult;

/// The routes of this resource.
pub fn routes() -> Router<Arc<Backend>> {
    Router::new().route(
        "/v1/apps/{application_id}/endpoints/{endpoint_id}/inappmessages",
        get(in_app_messages),
    )
}

async fn in_app_messages(
    State(b): State<Arc<Backend>>,
    Path((app, endpoint)): Path<(String, String)>,
) -> MockResult<Json<Value>> {
    b.get_in_app_messages(&app, &endpoint).map(Json)
}
