//! KPIs (GetApplicationDateRangeKpi, GetCampaignDateRangeKpi, GetJourneyDateRangeKpi): one SDK
//! call per KPI, all at once, each answer (rows or error) kept apart so the dashboard shows a
//! failure next to the chart it belongs to.

use aws_sdk_pinpoint::Client;
use aws_sdk_pinpoint::types::ResultRow;
use aws_smithy_types::DateTime;
use aws_smithy_types::date_time::Format;

use super::{AnalyticsRequest, ApiError, ApiResponse};
use crate::drafts::analytics::{KpiLevel, KpiSeries};

/// Runs one analytics request.
pub async fn call(client: &Client, request: AnalyticsRequest) -> Result<ApiResponse, ApiError> {
    match request {
        AnalyticsRequest::Kpis { app_id, level, names, start_time, end_time } => {
            let start = parse_time(&start_time)?;
            let end = parse_time(&end_time)?;
            let mut set = tokio::task::JoinSet::new();
            for (index, name) in names.iter().enumerate() {
                let (client, app_id, level, name) =
                    (client.clone(), app_id.clone(), level.clone(), name.clone());
                set.spawn(async move {
                    (index, Box::pin(one_kpi(&client, &app_id, &level, &name, start, end)).await)
                });
            }
            let mut results: Vec<Option<Result<KpiSeries, ApiError>>> = vec![None; names.len()];
            while let Some(joined) = set.join_next().await {
                match joined {
                    Ok((index, result)) => results[index] = Some(result),
                    Err(error) => tracing::error!(%error, "a KPI task stopped"),
                }
            }
            let results = names
                .into_iter()
                .zip(results)
                .map(|(name, r)| {
                    let r = r.unwrap_or_else(|| Err(ApiError::configuration("The call stopped")));
                    (name, r)
                })
                .collect();
            Ok(ApiResponse::Kpis { level, start_time, results })
        }
    }
}

fn parse_time(text: &str) -> Result<DateTime, ApiError> {
    DateTime::from_str(text, Format::DateTime)
        .map_err(|e| ApiError::configuration(format!("{text} is not a time: {e}")))
}

/// Every row of one KPI (following `NextToken`), as (group, value).
async fn one_kpi(
    client: &Client,
    app_id: &str,
    level: &KpiLevel,
    name: &str,
    start: DateTime,
    end: DateTime,
) -> Result<KpiSeries, ApiError> {
    let mut rows = Vec::new();
    let mut token: Option<String> = None;
    loop {
        // The three operations differ in their builder, id member and response member only.
        macro_rules! page {
            ($call:ident, $id:ident, $id_value:expr, $response:ident) => {{
                let out = client
                    .$call()
                    .application_id(app_id)
                    .$id($id_value)
                    .kpi_name(name)
                    .start_time(start)
                    .end_time(end)
                    .set_next_token(token.clone())
                    .send()
                    .await?;
                let r = out.$response();
                let rows = r.and_then(|r| r.kpi_result()).map(|k| k.rows().to_vec());
                (rows.unwrap_or_default(), r.and_then(|r| r.next_token()).map(str::to_owned))
            }};
        }
        let (page, next) = match level {
            KpiLevel::App => {
                page!(
                    get_application_date_range_kpi,
                    application_id,
                    app_id,
                    application_date_range_kpi_response
                )
            }
            KpiLevel::Campaign(id) => {
                page!(
                    get_campaign_date_range_kpi,
                    campaign_id,
                    id,
                    campaign_date_range_kpi_response
                )
            }
            KpiLevel::Journey(id) => {
                page!(get_journey_date_range_kpi, journey_id, id, journey_date_range_kpi_response)
            }
        };
        rows.extend(page.iter().map(row));
        match next.filter(|t| !t.is_empty() && token.as_ref() != Some(t)) {
            Some(t) => token = Some(t),
            None => break,
        }
    }
    Ok(KpiSeries { name: name.to_owned(), rows })
}

/// A row as (its groups joined by " · ", its first value).
fn row(r: &ResultRow) -> (String, f64) {
    let group: Vec<&str> = r.grouped_bys().iter().filter_map(|g| g.value()).collect();
    let value = r.values().first().and_then(|v| v.value()).and_then(|v| v.parse().ok());
    (group.join(" · "), value.unwrap_or(0.0))
}
