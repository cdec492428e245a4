//! Campaigns: GetCampaigns, CreateCampaign, GetCampaign, UpdateCampaign, DeleteCampaign,
//! GetCampaignVersions, GetCampaignVersion, GetCampaignActivities.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::Value;

use crate::mock::backend::Backend;
use crate::mock::error::MockResult;
use crate::mock::extract::{Checked, Page, shape};

type Body = Checked<shape::WriteCampaignRequest>;

/// The routes of this resource.
pub fn routes() -> Router<Arc<Backend>> {
    let base = "/v1/apps/{application_id}/campaigns";
    Router::new()
        .route(base, get(list).post(create))
        .route(&format!("{base}/{{campaign_id}}"), get(read).put(update).delete(delete))
        .route(&format!("{base}/{{campaign_id}}/versions"), get(versions))
        .route(&format!("{base}/{{campaign_id}}/versions/{{version}}"), get(version))
        .route(&format!("{base}/{{campaign_id}}/activities"), get(activities))
}

async fn list(
    State(b): State<Arc<Backend>>,
    Path(app): Path<String>,
    Page(p): Page,
) -> MockResult<Json<Value>> {
    b.list_campaigns(&app, p).map(Json)
}

async fn create(
    State(b): State<Arc<Backend>>,
    Path(app): Path<String>,
    Checked(body, _): Body,
) -> MockResult<(StatusCode, Json<Value>)> {
    Ok((StatusCode::CREATED, Json(b.create_campaign(&app, body)?)))
}

async fn read(
    State(b): State<Arc<Backend>>,
    Path((app, id)): Path<(String, String)>,
) -> MockResult<Json<Value>> {
    b.get_campaign(&app, &id).map(Json)
}

async fn update(
    State(b): State<Arc<Backend>>,
    Path((app, id)): Path<(String, String)>,
    Checked(body, _): Body,
) -> MockResult<Json<Value>> {
    b.update_campaign(&app, &id, body).map(Json)
}

async fn delete(
    State(b): State<Arc<Backend>>,
    Path((app, id)): Path<(String, String)>,
) -> MockResult<Json<Value>> {
    b.delete_campaign(&app, &id).map(Json)
}

async fn versions(
    State(b): State<Arc<Backend>>,
    Path((app, id)): Path<(String, String)>,
    Page(p): Page,
) -> MockResult<Json<Value>> {
    b.campaign_versions(&app, &id, p).map(Json)
}

async fn version(
    State(b): State<Arc<Backend>>,
    Path((app, id, v)): Path<(String, String, String)>,
) -> MockResult<Json<Value>> {
    b.campaign_version(&app, &id, &v).map(Json)
}

async fn activities(
    State(b): State<Arc<Backend>>,
    Path((app, id)): Path<(String, String)>,
    Page(p): Page,
) -> MockResult<Json<Value>> {
    b.campaign_activities(&app, &id, p).map(Json)
}
