//! Recommender configurations: CreateRecommenderConfiguration,
//! GetRecommenderConfigurations, GetRecommenderConfiguration,
//! UpdateRecommenderConfiguration, DeleteRecommenderConfiguration.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::Value;

use crate::mock::backend::Backend;
use crate::mock::error::MockResult;
use crate::mock::extract::{Checked, Page, shape};

/// The routes of this resource.
pub fn routes() -> Router<Arc<Backend>> {
    Router::new()
        .route("/v1/recommenders", get(list).post(create))
        .route("/v1/recommenders/{recommender_id}", get(read).put(update).delete(delete))
}

async fn list(State(b): State<Arc<Backend>>, Page(p): Page) -> MockResult<Json<Value>> {
    b.list_recommenders(p).map(Json)
}

async fn create(
    State(b): State<Arc<Backend>>,
    Checked(body, _): Checked<shape::CreateRecommenderConfiguration>,
) -> MockResult<(StatusCode, Json<Value>)> {
    Ok((StatusCode::CREATED, Json(b.create_recommender(&body)?)))
}

async fn read(State(b): State<Arc<Backend>>, Path(id): Path<String>) -> MockResult<Json<Value>> {
    b.get_recommender(&id).map(Json)
}

async fn update(
    State(b): State<Arc<Backend>>,
    Path(id): Path<String>,
    Checked(body, _): Checked<shape::UpdateRecommenderConfiguration>,
) -> MockResult<Json<Value>> {
    b.update_recommender(&id, &body).map(Json)
}

async fn delete(State(b): State<Arc<Backend>>, Path(id): Path<String>) -> MockResult<Json<Value>> {
    b.delete_recommender(&id).map(Json)
}
