//! Journeys: ListJourneys, CreateJourney, GetJourney, UpdateJourney, DeleteJourney,
//! UpdateJourneyState, GetJourneyRuns, GetJourneyExecutionMetrics,
//! GetJourneyExecutionActivityMetrics, GetJourneyRunExecutionMetrics,
//! GetJourneyRunExecutionActivityMetrics.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, put};
use axum::{Json, Router};
use serde_json::Value;

use crate::mock::backend::Backend;
use crate::mock::error::MockResult;
use crate::mock::extract::{Checked, Page, shape};

type Body = Checked<shape::WriteJourneyRequest>;

/// The routes of this resource.
pub fn routes() -> Router<Arc<Backend>> {
    let base = "/v1/apps/{application_id}/journeys";
    let one = format!("{base}/{{journey_id}}");
    Router::new()
        .route(base, get(list).post(create))
        .route(&one, get(read).put(update).delete(delete))
        .route(&format!("{one}/state"), put(state))
        .route(&format!("{one}/runs"), get(runs))
        .route(&format!("{one}/execution-metrics"), get(metrics))
        .route(
            &format!("{one}/activities/{{activity_id}}/execution-metrics"),
            get(activity_metrics),
        )
        .route(&format!("{one}/runs/{{run_id}}/execution-metrics"), get(run_metrics))
        .route(
            &format!("{one}/runs/{{run_id}}/activities/{{activity_id}}/execution-metrics"),
            get(run_activity_metrics),
        )
}

async fn list(
    State(b): State<Arc<Backend>>,
    Path(app): Path<String>,
    Page(p): Page,
) -> MockResult<Json<Value>> {
    b.list_journeys(&app, p).map(Json)
}

async fn create(
    State(b): State<Arc<Backend>>,
    Path(app): Path<String>,
    Checked(body, _): Body,
) -> MockResult<(StatusCode, Json<Value>)> {
    Ok((StatusCode::CREATED, Json(b.create_journey(&app, body)?)))
}

async fn read(
    State(b): State<Arc<Backend>>,
    Path((app, id)): Path<(String, String)>,
) -> MockResult<Json<Value>> {
    b.get_journey(&app, &id).map(Json)
}

async fn update(
    State(b): State<Arc<Backend>>,
    Path((app, id)): Path<(String, String)>,
    Checked(body, _): Body,
) -> MockResult<Json<Value>> {
    b.update_journey(&app, &id, body).map(Json)
}

async fn delete(
    State(b): State<Arc<Backend>>,
    Path((app, id)): Path<(String, String)>,
) -> MockResult<Json<Value>> {
    b.delete_journey(&app, &id).map(Json)
}

async fn state(
    State(b): State<Arc<Backend>>,
    Path((app, id)): Path<(String, String)>,
    Checked(body, _): Checked<shape::JourneyStateRequest>,
) -> MockResult<Json<Value>> {
    b.update_journey_state(&app, &id, &body).map(Json)
}

async fn runs(
    State(b): State<Arc<Backend>>,
    Path((app, id)): Path<(String, String)>,
    Page(p): Page,
) -> MockResult<Json<Value>> {
    b.journey_runs(&app, &id, p).map(Json)
}

async fn metrics(
    State(b): State<Arc<Backend>>,
    Path((app, id)): Path<(String, String)>,
) -> MockResult<Json<Value>> {
    b.journey_execution_metrics(&app, &id).map(Json)
}

async fn activity_metrics(
    State(b): State<Arc<Backend>>,
    Path((app, id, activity)): Path<(String, String, String)>,
) -> MockResult<Json<Value>> {
    b.journey_activity_metrics(&app, &id, &activity).map(Json)
}

async fn run_metrics(
    State(b): State<Arc<Backend>>,
    Path((app, id, run)): Path<(String, String, String)>,
) -> MockResult<Json<Value>> {
    b.journey_run_metrics(&app, &id, &run).map(Json)
}

async fn run_activity_metrics(
    State(b): State<Arc<Backend>>,
    Path((app, id, run, activity)): Path<(String, String, String, String)>,
) -> MockResult<Json<Value>> {
    b.journey_run_activity_metrics(&app, &id, &run, &activity).map(Json)
}
