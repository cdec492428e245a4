//! The execution metrics of a journey, one of its runs and their activities
//! (GetJourneyExecutionMetrics, GetJourneyRunExecutionMetrics and the two activity-level calls),
//! read for the journeys handler (`journeys.rs`).

use std::collections::HashMap;

use aws_sdk_pinpoint::Client;

use super::ApiError;
use super::journeys::{JourneyRow, Metrics};

fn metrics(m: Option<&HashMap<String, String>>) -> Metrics {
    m.into_iter().flatten().map(|(k, v)| (k.clone(), v.clone())).collect()
}

/// A journey's metrics and when they were evaluated.
pub(super) async fn journey_totals(
    client: &Client,
    app_id: &str,
    id: &str,
) -> Result<(Metrics, String), ApiError> {
    let out =
        client.get_journey_execution_metrics().application_id(app_id).journey_id(id).send().await?;
    let r = out.journey_execution_metrics_response();
    Ok((
        metrics(r.and_then(|r| r.metrics())),
        r.and_then(|r| r.last_evaluated_time()).unwrap_or_default().to_owned(),
    ))
}

/// A run's metrics and when they were evaluated.
pub(super) async fn run_totals(
    client: &Client,
    app_id: &str,
    id: &str,
    run: &str,
) -> Result<(Metrics, String), ApiError> {
    let out = client
        .get_journey_run_execution_metrics()
        .application_id(app_id)
        .journey_id(id)
        .run_id(run)
        .send()
        .await?;
    let r = out.journey_run_execution_metrics_response();
    Ok((
        metrics(r.and_then(|r| r.metrics())),
        r.and_then(|r| r.last_evaluated_time()).unwrap_or_default().to_owned(),
    ))
}

/// An activity's metrics, over the journey or one run.
pub(super) async fn activity_metrics(
    client: &Client,
    app_id: &str,
    id: &str,
    run: Option<&str>,
    activity: &str,
) -> Result<Metrics, ApiError> {
    if let Some(run) = run {
        let out = client
            .get_journey_run_execution_activity_metrics()
            .application_id(app_id)
            .journey_id(id)
            .run_id(run)
            .journey_activity_id(activity)
            .send()
            .await?;
        Ok(metrics(out.journey_run_execution_activity_metrics_response().and_then(|r| r.metrics())))
    } else {
        let out = client
            .get_journey_execution_activity_metrics()
            .application_id(app_id)
            .journey_id(id)
            .journey_activity_id(activity)
            .send()
            .await?;
        Ok(metrics(out.journey_execution_activity_metrics_response().and_then(|r| r.metrics())))
    }
}

/// Each journey's `ENDPOINT_ENTERED`, asked at once (`None` where the call failed).
pub(super) async fn futures_entered(
    client: &Client,
    app_id: &str,
    rows: &[JourneyRow],
) -> Vec<Option<u64>> {
    let mut set = tokio::task::JoinSet::new();
    for (i, row) in rows.iter().enumerate() {
        let (client, app_id, id) = (client.clone(), app_id.to_owned(), row.id.clone());
        set.spawn(async move {
            let m = journey_totals(&client, &app_id, &id).await.ok();
            (i, m.and_then(|(m, _)| m.get("ENDPOINT_ENTERED").and_then(|v| v.parse().ok())))
        });
    }
    let mut out = vec![None; rows.len()];
    while let Some(joined) = set.join_next().await {
        if let Ok((i, n)) = joined {
            out[i] = n;
        }
    }
    out
}
