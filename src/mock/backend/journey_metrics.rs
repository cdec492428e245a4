//! Journey runs and execution metrics: GetJourneyRuns, GetJourneyExecutionMetrics,
//! GetJourneyExecutionActivityMetrics, GetJourneyRunExecutionMetrics,
//! GetJourneyRunExecutionActivityMetrics. The counts are the engine's (kept with the journey,
//! updated in the transaction that moves its endpoints); `LastEvaluatedTime` is when the
//! engine last looked at the journey. The metric names are those of the Amazon Pinpoint
//! Developer Guide ("Journey execution metrics", "Journey activity execution metrics").

use serde_json::{Value, json};

use super::{Backend, MockError, MockResult, ProjectRecord};
use crate::mock::clock::iso8601;
use crate::mock::engine::journeys::graph::{activity_type, kind};
use crate::mock::store::{JourneyRuntime, Metrics, PageRequest, page_slice};

fn journey_not_found(id: &str) -> MockError {
    MockError::resource_not_found("Journey", id)
}

/// The journey and its runtime (empty for a journey never published).
fn runtime<'a>(app: &'a ProjectRecord, id: &str) -> MockResult<(&'a Value, JourneyRuntime)> {
    let journey = app.journeys.get(id).ok_or_else(|| journey_not_found(id))?;
    Ok((journey, app.journey_runtime.get(id).cloned().unwrap_or_default()))
}

/// Metrics as the service answers them: counts as strings.
fn strings(metrics: &Metrics) -> Value {
    let map: serde_json::Map<String, Value> =
        metrics.iter().map(|(k, v)| (k.clone(), json!(v.to_string()))).collect();
    Value::Object(map)
}

/// The activity's `ActivityType`, or 404 when the journey has no such activity.
fn activity_kind(journey: &Value, activity_id: &str) -> MockResult<&'static str> {
    journey
        .pointer(&format!("/Activities/{}", activity_id.replace('~', "~0").replace('/', "~1")))
        .and_then(kind)
        .map(activity_type)
        .ok_or_else(|| MockError::not_found(format!("Journey activity {activity_id} not found")))
}

fn evaluated(runtime: &JourneyRuntime, journey: &Value) -> String {
    runtime.evaluated.map_or_else(
        || journey.get("LastModifiedDate").and_then(Value::as_str).unwrap_or_default().to_owned(),
        iso8601,
    )
}

impl Backend {
    /// GetJourneyRuns: newest first.
    pub fn journey_runs(&self, app_id: &str, id: &str, page: PageRequest) -> MockResult<Value> {
        self.with_app(app_id, |app| {
            let (_, runtime) = runtime(app, id)?;
            let runs: Vec<Value> = runtime
                .runs
                .iter()
                .rev()
                .map(|r| {
                    json!({
                        "RunId": r.id,
                        "CreationTime": iso8601(r.created),
                        "LastUpdateTime": iso8601(r.updated),
                        "Status": r.status,
                    })
                })
                .collect();
            let (items, next) = page_slice(&runs, page);
            let mut answer = json!({ "Item": items });
            if let Some(token) = next {
                answer["NextToken"] = json!(token);
            }
            Ok(answer)
        })
    }

    /// GetJourneyExecutionMetrics.
    pub fn journey_execution_metrics(&self, app_id: &str, id: &str) -> MockResult<Value> {
        self.with_app(app_id, |app| {
            let (journey, runtime) = runtime(app, id)?;
            let mut metrics = runtime.metrics.clone();
            metrics.insert("ENDPOINT_ACTIVE".into(), runtime.active);
            Ok(json!({
                "ApplicationId": app_id,
                "JourneyId": id,
                "LastEvaluatedTime": evaluated(&runtime, journey),
                "Metrics": strings(&metrics),
            }))
        })
    }

    /// GetJourneyExecutionActivityMetrics.
    pub fn journey_activity_metrics(
        &self,
        app_id: &str,
        id: &str,
        activity_id: &str,
    ) -> MockResult<Value> {
        self.with_app(app_id, |app| {
            let (journey, runtime) = runtime(app, id)?;
            let activity_type = activity_kind(journey, activity_id)?;
            let metrics = runtime.activities.get(activity_id).cloned().unwrap_or_default();
            Ok(json!({
                "ActivityType": activity_type,
                "ApplicationId": app_id,
                "JourneyActivityId": activity_id,
                "JourneyId": id,
                "LastEvaluatedTime": evaluated(&runtime, journey),
                "Metrics": strings(&metrics),
            }))
        })
    }

    /// GetJourneyRunExecutionMetrics.
    pub fn journey_run_metrics(&self, app_id: &str, id: &str, run_id: &str) -> MockResult<Value> {
        self.with_app(app_id, |app| {
            let (journey, runtime) = runtime(app, id)?;
            let run = runtime
                .runs
                .iter()
                .find(|r| r.id == run_id)
                .ok_or_else(|| run_not_found(run_id))?;
            let mut metrics = run.metrics.clone();
            metrics.insert("ENDPOINT_ACTIVE".into(), run.active);
            Ok(json!({
                "ApplicationId": app_id,
                "JourneyId": id,
                "RunId": run_id,
                "LastEvaluatedTime": evaluated(&runtime, journey),
                "Metrics": strings(&metrics),
            }))
        })
    }

    /// GetJourneyRunExecutionActivityMetrics.
    pub fn journey_run_activity_metrics(
        &self,
        app_id: &str,
        id: &str,
        run_id: &str,
        activity_id: &str,
    ) -> MockResult<Value> {
        self.with_app(app_id, |app| {
            let (journey, runtime) = runtime(app, id)?;
            let activity_type = activity_kind(journey, activity_id)?;
            let run = runtime
                .runs
                .iter()
                .find(|r| r.id == run_id)
                .ok_or_else(|| run_not_found(run_id))?;
            let metrics = run.activities.get(activity_id).cloned().unwrap_or_default();
            Ok(json!({
                "ActivityType": activity_type,
                "ApplicationId": app_id,
                "JourneyActivityId": activity_id,
                "JourneyId": id,
                "RunId": run_id,
                "LastEvaluatedTime": evaluated(&runtime, journey),
                "Metrics": strings(&metrics),
            }))
        })
    }
}

fn run_not_found(run_id: &str) -> MockError {
    MockError::not_found(format!("Journey run {run_id} not found"))
}
