//! Apps (projects): GetApps, CreateApp, GetApp, DeleteApp.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};

use crate::mock::backend::Backend;
use crate::mock::error::MockResult;
use crate::mock::extract::{Body, Page, WireRequest};
use crate::mock::wire::{ApplicationResponse, ApplicationsResponse, CreateApplicationRequest};

impl WireRequest for CreateApplicationRequest {
    const SHAPE: &'static str = "CreateApplicationRequest";
}

/// The routes of this resource.
pub fn routes() -> Router<Arc<Backend>> {
    Router::new()
        .route("/v1/apps", get(get_apps).post(create_app))
        .route("/v1/apps/{application_id}", get(get_app).delete(delete_app))
}

async fn get_apps(State(b): State<Arc<Backend>>, Page(page): Page) -> Json<ApplicationsResponse> {
    Json(b.list_apps(page))
}

async fn create_app(
    State(b): State<Arc<Backend>>,
    Body(request): Body<CreateApplicationRequest>,
) -> MockResult<(StatusCode, Json<ApplicationResponse>)> {
    Ok((StatusCode::CREATED, Json(b.create_app(request)?)))
}

async fn get_app(
    State(b): State<Arc<Backend>>,
    Path(id): Path<String>,
) -> MockResult<Json<ApplicationResponse>> {
    b.get_app(&id).map(Json)
}

async fn delete_app(
    State(b): State<Arc<Backend>>,
    Path(id): Path<String>,
) -> MockResult<Json<ApplicationResponse>> {
    b.delete_app(&id).map(Json)
}
