//! Attributes: RemoveAttributes (`PUT /v1/apps/{id}/attributes/{attribute-type}`).

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::routing::put;
use axum::{Json, Router};
use serde_json::Value;

use crate::mock::backend::Backend;
use crate::mock::error::MockResult;
use crate::mock::extract::{Checked, shape};

/// The routes of this resource.
pub fn routes() -> Router<Arc<Backend>> {
    Router::new()
        .route("/v1/apps/{application_id}/attributes/{attribute_type}", put(remove_attributes))
}

async fn remove_attributes(
    State(b): State<Arc<Backend>>,
    Path((app_id, attribute_type)): Path<(String, String)>,
    Checked(request, _): Checked<shape::UpdateAttributesRequest>,
) -> MockResult<Json<Value>> {
    b.remove_attributes(&app_id, &attribute_type, &request).map(Json)
}
