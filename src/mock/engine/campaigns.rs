//! Campaign runs. A run opens at its scheduled time: the segment is evaluated, opted-out and
//! inactive endpoints dropped, and each endpoint placed by its cohort in the holdout or a
//! treatment. Endpoints are grouped by time zone when the schedule uses local time, and each
//! zone is delivered when its local wall-clock time comes; otherwise all at once. Each
//! delivery checks the channel, quiet time, the daily and total caps and the rate limit, then
//! lands in the outbox. Activities record the counts per treatment; the campaign's `State`
//! follows.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};

use super::delivery::{Delivery, Sinks, count, deliver};
use super::schedule::{allocate, endpoint_zone, int, next_run, text, treatment_id, zone_due};
use super::segment::{Candidate, Context, compile};
use crate::mock::clock::iso8601;
use crate::mock::store::{CampaignRuntime, OpenRun, ProjectRecord};
use crate::pinpoint::rules;

fn set_state(app: &mut ProjectRecord, campaign_id: &str, status: &str) {
    let Some(latest) = app.campaigns.get_mut(campaign_id).and_then(|v| v.last_mut()) else {
        return;
    };
    let state = json!({ "CampaignStatus": status });
    latest["State"] = state.clone();
    if latest.get("DefaultState").is_some() {
        latest["DefaultState"] = state.clone();
    }
    if let Some(ts) = latest.get_mut("AdditionalTreatments").and_then(Value::as_array_mut) {
        for t in ts {
            t["State"] = state.clone();
        }
    }
}

fn settings_value(app: &ProjectRecord) -> Value {
    serde_json::to_value(&*app.settings).unwrap_or(Value::Null)
}

/// Opens a run: evaluates the audience, allocates it, creates the activities.
fn open_run(
    app: &mut ProjectRecord,
    app_id: &str,
    campaign_id: &str,
    campaign: &Value,
    scheduled: DateTime<Utc>,
    now: DateTime<Utc>,
) -> OpenRun {
    let segment_id = text(campaign, "/SegmentId").unwrap_or_default();
    let version =
        int(campaign, "/SegmentVersion").and_then(|v| usize::try_from(v).ok()).unwrap_or(1);
    let definition = app
        .segments
        .get(segment_id)
        .and_then(|v| v.get(version.saturating_sub(1)).or(v.last()))
        .cloned();
    let local = campaign.pointer("/Schedule/IsLocalTime").and_then(Value::as_bool) == Some(true);
    let wall = local.then(|| scheduled.naive_utc());
    let mut zones: BTreeMap<String, Vec<(String, usize)>> = BTreeMap::new();
    if let Some(definition) = definition {
        let segments = |id: &str| app.segments.get(id).map(Vec::as_slice);
        let ctx = Context { now, segments: &segments, imported: &app.imported_members };
        let filter = compile(&definition, &ctx);
        for endpoint in app.endpoints.iter() {
            let id = endpoint.id();
            let candidate =
                Candidate { id, endpoint, last_active: app.last_active.get(id).copied() };
            if !filter.matches(&candidate, now) {
                continue;
            }
            let cohort = endpoint.cohort();
            let Some(treatment) = allocate(campaign, cohort) else { continue };
            let zone = if local {
                endpoint_zone(endpoint).map_or_else(|| "UTC".to_owned(), |z| z.name().to_owned())
            } else {
                String::new()
            };
            zones.entry(zone).or_default().push((id.to_owned(), treatment));
        }
    }
    let treatments =
        1 + campaign.get("AdditionalTreatments").and_then(Value::as_array).map_or(0, Vec::len);
    let at = iso8601(now);
    let activities: Vec<String> = (0..treatments)
        .map(|i| {
            let id = uuid::Uuid::new_v4().simple().to_string();
            let total = zones.values().flatten().filter(|(_, t)| *t == i).count();
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
                "TimezonesTotalCount": zones.len(),
                "TimezonesCompletedCount": 0,
                "ExecutionMetrics": {},
            });
            app.activities.get_or_default(campaign_id.to_owned()).push(activity);
            id
        })
        .collect();
    let zones_total = zones.len();
    OpenRun { scheduled, wall, zones, zones_total, activities, delivered: 0 }
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

/// Delivers the zones of an open run that are due; true when the run is complete.
fn progress(
    app: &mut ProjectRecord,
    app_id: &str,
    campaign_id: &str,
    runtime: &mut CampaignRuntime,
    now: DateTime<Utc>,
    sinks: &mut Sinks,
) -> bool {
    let Some(mut run) = runtime.open.take() else { return true };
    let Some(campaign) = app.campaigns.get(campaign_id).and_then(|v| v.last()).cloned() else {
        return true;
    };
    let settings = settings_value(app);
    let due: Vec<String> = run.zones.keys().filter(|z| zone_due(&run, z) <= now).cloned().collect();
    for zone in due {
        let at = zone_due(&run, &zone);
        let members = run.zones.remove(&zone).unwrap_or_default();
        let d = Delivery { app_id, campaign_id, campaign: &campaign, settings: &settings, at };
        let mut successes = vec![0u64; run.activities.len()];
        let mut metrics: Vec<BTreeMap<String, u64>> = vec![BTreeMap::new(); run.activities.len()];
        for (endpoint_id, treatment) in members {
            match deliver(&d, app, &endpoint_id, treatment, &mut run.delivered, sinks) {
                Ok(()) => successes[treatment] += 1,
                Err(reason) => count(&mut metrics[treatment], reason),
            }
        }
        for (i, activity_id) in run.activities.iter().enumerate() {
            if let Some(a) = activity_mut(app, campaign_id, activity_id) {
                let ok = a["SuccessfulEndpointCount"].as_u64().unwrap_or(0) + successes[i];
                a["SuccessfulEndpointCount"] = json!(ok);
                a["TimezonesCompletedCount"] =
                    json!(a["TimezonesCompletedCount"].as_u64().unwrap_or(0) + 1);
                for (reason, n) in &metrics[i] {
                    let before: u64 = a
                        .pointer(&format!("/ExecutionMetrics/{reason}"))
                        .and_then(Value::as_str)
                        .and_then(|s| s.parse().ok())
                        .unwrap_or(0);
                    a["ExecutionMetrics"][reason] = json!((before + n).to_string());
                }
            }
        }
    }
    if !run.zones.is_empty() {
        runtime.open = Some(run);
        return false;
    }
    let end = iso8601(now);
    for activity_id in &run.activities {
        if let Some(a) = activity_mut(app, campaign_id, activity_id) {
            a["State"] = json!("COMPLETED");
            a["Result"] = json!("SUCCESS");
            a["End"] = json!(end);
        }
    }
    true
}

/// Runs what is due in one project: opens runs whose time has come and delivers the zones of
/// open runs that are due. Catches up at most `max_runs` runs per campaign.
pub fn run_project(app: &mut ProjectRecord, app_id: &str, now: DateTime<Utc>, sinks: &mut Sinks) {
    let ids: Vec<String> = app
        .campaigns
        .iter()
        .filter_map(|v| v.last())
        .filter_map(|c| text(c, "/Id").map(str::to_owned))
        .collect();
    for id in ids {
        let Some(campaign) = app.campaigns.get(&id).and_then(|v| v.last()).cloned() else {
            continue;
        };
        let mut runtime = app.campaign_runtime.remove(&id).unwrap_or_default();
        let version = int(&campaign, "/Version").unwrap_or(1);
        if runtime.version != version {
            // A new version reschedules (caps keep counting over the campaign's life).
            runtime.version = version;
            runtime.finished = false;
            runtime.next = if runtime.runs == 0 {
                next_run(&campaign, None)
            } else {
                next_run(&campaign, runtime.next.or(Some(now)))
            };
            if runtime.runs == 0
                && runtime.next.is_none()
                && text(&campaign, "/Schedule/Frequency") != Some("EVENT")
            {
                runtime.finished = true;
            }
        }
        if campaign.get("IsPaused").and_then(Value::as_bool) == Some(true) {
            set_state(app, &id, "PAUSED");
            app.campaign_runtime.insert(id, runtime);
            continue;
        }
        let mut budget = 1000;
        loop {
            if runtime.open.is_some() {
                set_state(app, &id, "EXECUTING");
                if !progress(app, app_id, &id, &mut runtime, now, sinks) {
                    break;
                }
                runtime.runs += 1;
                let last = runtime.next.take();
                runtime.next = last.and_then(|t| next_run(&campaign, Some(t)));
                runtime.finished = runtime.next.is_none();
            }
            // A local-time run opens when the earliest zone (UTC+14) reaches the wall-clock
            // time; each zone is then delivered at its own hour.
            let local =
                campaign.pointer("/Schedule/IsLocalTime").and_then(Value::as_bool) == Some(true);
            let lead = if local { Duration::hours(14) } else { Duration::zero() };
            match runtime.next {
                Some(due) if due - lead <= now && budget > 0 => {
                    budget -= 1;
                    let run = open_run(app, app_id, &id, &campaign, due, now);
                    runtime.open = Some(run);
                }
                _ => break,
            }
        }
        let status = match (&runtime.open, runtime.finished, text(&campaign, "/Schedule/Frequency"))
        {
            (Some(_), _, _) => "EXECUTING",
            (None, _, Some("EVENT")) => "SCHEDULED",
            (None, true, _) if runtime.runs > 0 => "COMPLETED",
            (None, true, _) => "COMPLETED",
            (None, false, _) if runtime.runs > 0 => "PENDING_NEXT_RUN",
            (None, false, _) => "SCHEDULED",
        };
        set_state(app, &id, status);
        app.campaign_runtime.insert(id, runtime);
    }
}

/// An event arrived for an endpoint: event-triggered campaigns whose filter matches send to
/// it (if it is in their segment and not held out), with the usual checks.
pub fn trigger(
    app: &mut ProjectRecord,
    app_id: &str,
    endpoint_id: &str,
    event: &Value,
    now: DateTime<Utc>,
    sinks: &mut Sinks,
) {
    let event_type = text(event, "/EventType").unwrap_or_default();
    let ids: Vec<String> = app
        .campaigns
        .iter()
        .filter_map(|v| v.last())
        .filter(|c| {
            text(c, "/Schedule/Frequency") == Some("EVENT")
                && c.get("IsPaused").and_then(Value::as_bool) != Some(true)
        })
        .filter_map(|c| text(c, "/Id").map(str::to_owned))
        .collect();
    for id in ids {
        let Some(campaign) = app.campaigns.get(&id).and_then(|v| v.last()).cloned() else {
            continue;
        };
        let after = |p: &str| text(&campaign, p).and_then(|t| rules::iso_timestamp("", t).ok());
        if after("/Schedule/StartTime").is_some_and(|s| now < s)
            || after("/Schedule/EndTime").is_some_and(|e| now > e)
        {
            continue;
        }
        let types: Vec<&str> = campaign
            .pointer("/Schedule/EventFilter/Dimensions/EventType/Values")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let exclusive = text(&campaign, "/Schedule/EventFilter/Dimensions/EventType/DimensionType")
            == Some("EXCLUSIVE");
        if types.contains(&event_type) == exclusive {
            continue;
        }
        let dimensions =
            campaign.pointer("/Schedule/EventFilter/Dimensions").unwrap_or(&Value::Null);
        if !super::matching::event_matches(dimensions, event, now) {
            continue;
        }
        let mut runtime = app.campaign_runtime.remove(&id).unwrap_or_default();
        let mut run = open_run(app, app_id, &id, &campaign, now, now);
        // Only the endpoint that sent the event.
        for members in run.zones.values_mut() {
            members.retain(|(e, _)| e == endpoint_id);
        }
        run.zones.retain(|_, m| !m.is_empty());
        for activity_id in &run.activities {
            let total = run.zones.values().flatten().count();
            if let Some(a) = activity_mut(app, &id, activity_id) {
                a["TotalEndpointCount"] = json!(total);
                a["TimezonesTotalCount"] = json!(run.zones.len());
            }
        }
        runtime.open = Some(run);
        progress(app, app_id, &id, &mut runtime, now, sinks);
        runtime.runs += 1;
        app.campaign_runtime.insert(id, runtime);
    }
}
