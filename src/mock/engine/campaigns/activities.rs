//! A run's activities (one per treatment) and what deliveries add to them: successes per
//! treatment, failures by reason, completed zones, and the end of the run.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::super::delivery::{Delivery, Sinks, count, deliver};
use super::super::schedule::treatment_id;
use crate::mock::clock::iso8601;
use crate::mock::store::ProjectRecord;

/// Creates one activity per treatment for a run; their ids, by treatment index.
pub(in crate::mock::engine) fn create_activities(
    app: &mut ProjectRecord,
    app_id: &str,
    campaign_id: &str,
    scheduled: DateTime<Utc>,
    now: DateTime<Utc>,
    totals: &[usize],
    zones: usize,
) -> Vec<String> {
    let at = iso8601(now);
    totals
        .iter()
        .enumerate()
        .map(|(i, total)| {
            let id = uuid::Uuid::new_v4().simple().to_string();
            let activity = json!({
                "ApplicationId": app_id,
                "CampaignId": campaign_id,
                "Id": id,
                "TreatmentId": treatment_id(i),
                "ScheduledStart": iso8601(scheduled),
                "Start": at,
                "State": "RUNNING",
                "TotalEndpointCount": total,
                "SuccessfulEndpointCount": 0,
                "TimezonesTotalCount": zones,
                "TimezonesCompletedCount": 0,
                "ExecutionMetrics": {},
            });
            app.activities.get_or_default(campaign_id.to_owned()).push(activity);
            id
        })
        .collect()
}

fn activity_mut<'a>(
    app: &'a mut ProjectRecord,
    campaign_id: &str,
    id: &str,
) -> Option<&'a mut Value> {
    app.activities
        .get_mut(campaign_id)?
        .iter_mut()
        .find(|a| a.get("Id").and_then(Value::as_str) == Some(id))
}

/// What a batch of deliveries came to, per treatment.
pub(in crate::mock::engine) struct Counts {
    successes: Vec<u64>,
    metrics: Vec<BTreeMap<String, u64>>,
}

/// Delivers to `members` (endpoint id, treatment index), counting per treatment.
pub(in crate::mock::engine) fn deliver_members(
    d: &Delivery<'_>,
    app: &mut ProjectRecord,
    members: Vec<(String, usize)>,
    treatments: usize,
    delivered: &mut u64,
    sinks: &mut Sinks,
) -> Counts {
    let mut counts =
        Counts { successes: vec![0; treatments], metrics: vec![BTreeMap::new(); treatments] };
    for (endpoint_id, treatment) in members {
        let treatment = treatment.min(treatments.saturating_sub(1));
        match deliver(d, app, &endpoint_id, treatment, delivered, sinks) {
            Ok(()) => counts.successes[treatment] += 1,
            Err(reason) => count(&mut counts.metrics[treatment], reason),
        }
    }
    counts
}

/// Adds delivered counts to the run's activities; `zone_done` when a zone was completed.
pub(in crate::mock::engine) fn record(
    app: &mut ProjectRecord,
    campaign_id: &str,
    activities: &[String],
    counts: &Counts,
    zone_done: bool,
) {
    for (i, activity_id) in activities.iter().enumerate() {
        let Some(a) = activity_mut(app, campaign_id, activity_id) else { continue };
        let ok = a["SuccessfulEndpointCount"].as_u64().unwrap_or(0)
            + counts.successes.get(i).copied().unwrap_or(0);
        a["SuccessfulEndpointCount"] = json!(ok);
        if zone_done {
            a["TimezonesCompletedCount"] =
                json!(a["TimezonesCompletedCount"].as_u64().unwrap_or(0) + 1);
        }
        for (reason, n) in counts.metrics.get(i).into_iter().flatten() {
            let before: u64 = a
                .pointer(&format!("/ExecutionMetrics/{reason}"))
                .and_then(Value::as_str)
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
            a["ExecutionMetrics"][reason] = json!((before + n).to_string());
        }
    }
}

/// Marks a run's activities completed.
pub(in crate::mock::engine) fn finish(
    app: &mut ProjectRecord,
    campaign_id: &str,
    activities: &[String],
    now: DateTime<Utc>,
) {
    let end = iso8601(now);
    for activity_id in activities {
        if let Some(a) = activity_mut(app, campaign_id, activity_id) {
            a["State"] = json!("COMPLETED");
            a["Result"] = json!("SUCCESS");
            a["End"] = json!(end);
        }
    }
}
