//! Settings: GetApplicationSettings, UpdateApplicationSettings.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};

use crate::mock::backend::Backend;
use crate::mock::error::MockResult;
use crate::mock::extract::{Body, WireRequest};
use crate::mock::wire::{ApplicationSettingsResource, WriteApplicationSettingsRequest};

impl WireRequest for WriteApplicationSettingsRequest {
    const SHAPE: &'static str = "WriteApplicationSettingsRequest";
}

/// The routes of this resource.
pub fn routes() -> Router<Arc<Backend>> {
    Router::new()
        .route("/v1/apps/{application_id}/settings", get(get_settings).put(update_settings))
}

async fn get_settings(
    State(b): State<Arc<Backend>>,
    Path(app_id): Path<String>,
) -> MockResult<Json<ApplicationSettingsResource>> {
    b.get_settings(&app_id).map(Json)
}

async fn update_settings(
    State(b): State<Arc<Backend>>,
    Path(app_id): Path<String>,
    Body(request): Body<WriteApplicationSettingsRequest>,
) -> MockResult<Json<ApplicationSettingsResource>> {
    b.update_settings(&app_id, request).map(Json)
}
