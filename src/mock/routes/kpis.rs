//! KPIs: GetApplicationDateRangeKpi, GetCampaignDateRangeKpi, GetJourneyDateRangeKpi.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::Value;

use crate::mock::backend::{Backend, KpiQuery};
use crate::mock::error::MockResult;
use crate::mock::extract::Params;

/// The routes of this resource.
pub fn routes() -> Router<Arc<Backend>> {
    Router::new()
        .route("/v1/apps/{application_id}/kpis/daterange/{kpi_name}", get(application))
        .route(
            "/v1/apps/{application_id}/campaigns/{campaign_id}/kpis/daterange/{kpi_name}",
            get(campaign),
        )
        .route(
            "/v1/apps/{application_id}/journeys/{journey_id}/kpis/daterange/{kpi_name}",
            get(journey),
        )
}

type QueryParams = Params<HashMap<String, String>>;

/// `start-time`, `end-time`, `page-size` and `next-token`.
fn kpi_query(Params(mut query): QueryParams) -> KpiQuery {
    KpiQuery {
        start_time: query.remove("start-time"),
        end_time: query.remove("end-time"),
        page_size: query.remove("page-size"),
        next_token: query.remove("next-token"),
    }
}

async fn application(
    State(b): State<Arc<Backend>>,
    Path((app, kpi)): Path<(String, String)>,
    query: QueryParams,
) -> MockResult<Json<Value>> {
    b.application_kpi(&app, &kpi, &kpi_query(query)).map(Json)
}

async fn campaign(
    State(b): State<Arc<Backend>>,
    Path((app, campaign, kpi)): Path<(String, String, String)>,
    query: QueryParams,
) -> MockResult<Json<Value>> {
    b.campaign_kpi(&app, &campaign, &kpi, &kpi_query(query)).map(Json)
}

async fn journey(
    State(b): State<Arc<Backend>>,
    Path((app, journey, kpi)): Path<(String, String, String)>,
    query: QueryParams,
) -> MockResult<Json<Value>> {
    b.journey_kpi(&app, &journey, &kpi, &kpi_query(query)).map(Json)
}
