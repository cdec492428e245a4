//! Campaign runs. A run opens at its scheduled time: the segment is evaluated, opted-out and
//! inactive endpoints dropped, and each endpoint placed by its cohort in the holdout or a
//! treatment. Endpoints are grouped by time zone when the schedule uses local time, and each
//! zone is delivered when its local wall-clock time comes; otherwise all at once. Each
//! delivery checks the channel, quiet time, the daily and total caps and the rate limit, then
//! lands in the outbox. Activities record the counts per treatment; the campaign's `State`
//! follows.

use std::collections::BTreeMap;
use std::str::FromStr;

use chrono::{DateTime, Duration, Months, NaiveDateTime, Timelike, Utc};
use chrono_tz::Tz;
use serde_json::{Value, json};

use super::render::{Substitutions, message_for, render};
use super::segment::{Candidate, Context, compile};
use super::{CampaignRuntime, OutboxEntry, stream_record};
use crate::mock::backend::{AppRecord, ChannelKind};
use crate::mock::clock::iso8601;
use crate::mock::wire::Endpoint;
use crate::pinpoint::rules;

/// What a tick produced outside the store.
#[derive(Debug, Default)]
pub struct Sinks {
    /// Messages delivered.
    pub outbox: Vec<OutboxEntry>,
    /// Event-stream records (written only when the project has an event stream).
    pub stream: Vec<Value>,
}

/// A run still delivering (local-time runs wait for each zone's hour).
#[derive(Debug, Clone)]
pub struct OpenRun {
    /// The run's scheduled instant.
    pub scheduled: DateTime<Utc>,
    /// For local-time runs: the wall-clock time each zone waits for.
    pub wall: Option<NaiveDateTime>,
    /// Endpoints still to deliver, by zone, with their treatment index (0 = default).
    pub zones: BTreeMap<String, Vec<(String, usize)>>,
    /// Zones in the run.
    pub zones_total: usize,
    /// Activity id per treatment index.
    pub activities: Vec<String>,
    /// Messages delivered so far in this run (for the rate limit).
    pub delivered: u64,
}

fn text<'a>(v: &'a Value, pointer: &str) -> Option<&'a str> {
    v.pointer(pointer).and_then(Value::as_str)
}

fn int(v: &Value, pointer: &str) -> Option<i64> {
    v.pointer(pointer).and_then(Value::as_i64)
}

/// The scheduled instants of a campaign: the first, then each after `last`.
fn next_run(campaign: &Value, last: Option<DateTime<Utc>>) -> Option<DateTime<Utc>> {
    let start = match text(campaign, "/Schedule/StartTime") {
        None | Some("IMMEDIATE") => {
            text(campaign, "/CreationDate").and_then(|t| rules::iso_timestamp("", t).ok())?
        }
        Some(t) => rules::iso_timestamp("", t).ok()?,
    };
    let frequency = text(campaign, "/Schedule/Frequency").unwrap_or("ONCE");
    let next = match (last, frequency) {
        (_, "EVENT" | "IN_APP_EVENT") | (Some(_), "ONCE") => return None,
        (None, _) => start,
        (Some(t), "HOURLY") => t + Duration::hours(1),
        (Some(t), "DAILY") => t + Duration::days(1),
        (Some(t), "WEEKLY") => t + Duration::weeks(1),
        (Some(t), "MONTHLY") => t.checked_add_months(Months::new(1))?,
        (Some(_), _) => return None,
    };
    match text(campaign, "/Schedule/EndTime").and_then(|t| rules::iso_timestamp("", t).ok()) {
        Some(end) if next > end => None,
        _ => Some(next),
    }
}

/// The cohort split: index 0 is the default treatment, 1.. the additional ones; `None` is the
/// holdout. Holdout takes the first cohorts, then each additional treatment its share, and the
/// default treatment the rest.
fn allocate(campaign: &Value, cohort: u8) -> Option<usize> {
    let holdout = int(campaign, "/HoldoutPercent").unwrap_or(0);
    let cohort = i64::from(cohort);
    if cohort < holdout {
        return None;
    }
    let mut edge = holdout;
    for (i, t) in campaign
        .get("AdditionalTreatments")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        edge += t.get("SizePercent").and_then(Value::as_i64).unwrap_or(0);
        if cohort < edge {
            return Some(i + 1);
        }
    }
    Some(0)
}

fn treatment_id(index: usize) -> String {
    index.to_string()
}

/// The effective limits: each campaign member overrides the project's.
fn limit(campaign: &Value, settings: &Value, member: &str) -> Option<i64> {
    int(campaign, &format!("/Limits/{member}"))
        .filter(|v| *v > 0)
        .or_else(|| int(settings, &format!("/Limits/{member}")).filter(|v| *v > 0))
}

fn quiet_window(campaign: &Value, settings: &Value) -> Option<(u16, u16)> {
    let parse = |v: &Value| {
        let start = rules::parse_hh_mm(text(v, "/Start")?)?;
        let end = rules::parse_hh_mm(text(v, "/End")?)?;
        Some((start, end))
    };
    campaign
        .pointer("/Schedule/QuietTime")
        .and_then(parse)
        .or_else(|| settings.get("QuietTime").and_then(parse))
}

/// True when an endpoint in zone `tz` is inside the quiet window at `at` (inclusive bounds;
/// a window whose start is after its end wraps past midnight).
#[must_use]
pub fn in_quiet_time(window: (u16, u16), tz: Tz, at: DateTime<Utc>) -> bool {
    let local = at.with_timezone(&tz);
    let minute = (local.hour() * 60 + local.minute()) as u16;
    let (start, end) = window;
    if start <= end { minute >= start && minute <= end } else { minute >= start || minute <= end }
}

fn endpoint_zone(endpoint: &Endpoint) -> Option<Tz> {
    endpoint.timezone().and_then(|z| Tz::from_str(z).ok())
}

/// Why a delivery did not happen, as counted in `ExecutionMetrics`.
fn count(metrics: &mut BTreeMap<String, u64>, reason: &str) {
    *metrics.entry(reason.to_owned()).or_default() += 1;
}

struct Delivery<'a> {
    app_id: &'a str,
    campaign_id: &'a str,
    campaign: &'a Value,
    settings: &'a Value,
    at: DateTime<Utc>,
}

/// Delivers one campaign message to one endpoint, or says why not.
fn deliver(
    d: &Delivery<'_>,
    app: &AppRecord,
    runtime: &mut CampaignRuntime,
    endpoint_id: &str,
    treatment: usize,
    run_delivered: &mut u64,
    sinks: &mut Sinks,
) -> Result<(), &'static str> {
    let endpoint = app.endpoints.get(endpoint_id).ok_or("ENDPOINT_DELETED")?;
    if endpoint.opt_out.as_deref() == Some("ALL") {
        return Err("OPT_OUT");
    }
    if endpoint.endpoint_status.as_deref() == Some("INACTIVE") {
        return Err("INACTIVE");
    }
    let channel_type = endpoint.channel_type.as_deref().unwrap_or_default();
    let kind = ChannelKind::for_channel_type(channel_type).ok_or("UNSUPPORTED_CHANNEL")?;
    let enabled = app.channels.get(&kind).and_then(|c| c.get("Enabled")).and_then(Value::as_bool);
    if enabled != Some(true) {
        return Err("CHANNEL_NOT_ENABLED");
    }
    let config = match treatment {
        0 => d.campaign.get("MessageConfiguration"),
        i => d
            .campaign
            .pointer(&format!("/AdditionalTreatments/{}/MessageConfiguration", i - 1))
            .or_else(|| d.campaign.get("MessageConfiguration")),
    };
    let message = config.and_then(|c| message_for(c, kind)).ok_or("NO_MESSAGE_FOR_CHANNEL")?;
    if let (Some(window), Some(tz)) =
        (quiet_window(d.campaign, d.settings), endpoint_zone(endpoint))
        && in_quiet_time(window, tz, d.at)
    {
        return Err("QUIET_TIME");
    }
    let history = runtime.sent.get(endpoint_id).map_or(&[][..], Vec::as_slice);
    if let Some(daily) = limit(d.campaign, d.settings, "Daily") {
        let recent = history.iter().filter(|t| d.at - **t < Duration::hours(24)).count() as i64;
        if recent >= daily {
            return Err("DAILY_CAP");
        }
    }
    if let Some(total) = limit(d.campaign, d.settings, "Total")
        && history.len() as i64 >= total
    {
        return Err("CAMPAIGN_CAP");
    }
    // At the campaign's rate, this message leaves `delivered / rate` seconds into the run.
    let rate = limit(d.campaign, d.settings, "MessagesPerSecond")
        .unwrap_or(rules::MAX_MESSAGES_PER_SECOND.into());
    let offset = (*run_delivered as f64) / (rate.max(1) as f64);
    if let Some(max) = limit(d.campaign, d.settings, "MaximumDuration")
        && offset > max as f64
    {
        return Err("EXPIRED");
    }
    let endpoint_json = endpoint.to_value();
    let rendered = render(message, kind, Some(&endpoint_json), &Substitutions::default(), None);
    let message_id = uuid::Uuid::new_v4().simple().to_string();
    let at = iso8601(d.at);
    sinks.outbox.push(OutboxEntry {
        time: at.clone(),
        application_id: d.app_id.to_owned(),
        channel: channel_type.to_owned(),
        address: endpoint.address.clone().unwrap_or_default(),
        endpoint_id: Some(endpoint_id.to_owned()),
        title: rendered.title,
        body: rendered.body,
        campaign_id: Some(d.campaign_id.to_owned()),
        treatment_id: Some(treatment_id(treatment)),
        request_id: None,
        message_id: message_id.clone(),
    });
    if app.event_stream.is_some() {
        let attrs = json!({"campaign_id": d.campaign_id, "treatment_id": treatment_id(treatment), "endpoint_id": endpoint_id, "message_id": message_id});
        sinks.stream.push(stream_record(d.app_id, "_campaign.send", &at, &attrs));
        let outcome = format!(
            "_{}.SUCCESS",
            if kind == ChannelKind::Sms {
                "SMS"
            } else if kind == ChannelKind::Email {
                "email.send"
            } else {
                "push"
            }
        );
        let outcome = outcome.replace("_email.send.SUCCESS", "_email.send");
        sinks.stream.push(stream_record(d.app_id, &outcome, &at, &attrs));
    }
    runtime.sent.entry(endpoint_id.to_owned()).or_default().push(d.at);
    *run_delivered += 1;
    Ok(())
}

fn set_state(app: &mut AppRecord, campaign_id: &str, status: &str) {
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

fn settings_value(app: &AppRecord) -> Value {
    serde_json::to_value(&app.settings).unwrap_or(Value::Null)
}

/// Opens a run: evaluates the audience, allocates it, creates the activities.
fn open_run(
    app: &mut AppRecord,
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
            app.activities.entry(campaign_id.to_owned()).or_default().push(activity);
            id
        })
        .collect();
    let zones_total = zones.len();
    OpenRun { scheduled, wall, zones, zones_total, activities, delivered: 0 }
}

fn zone_due(run: &OpenRun, zone: &str) -> DateTime<Utc> {
    match (run.wall, Tz::from_str(zone)) {
        (Some(wall), Ok(tz)) => {
            wall.and_local_timezone(tz).earliest().map_or(run.scheduled, |t| t.with_timezone(&Utc))
        }
        _ => run.scheduled,
    }
}

fn activity_mut<'a>(app: &'a mut AppRecord, campaign_id: &str, id: &str) -> Option<&'a mut Value> {
    app.activities
        .get_mut(campaign_id)?
        .iter_mut()
        .find(|a| a.get("Id").and_then(Value::as_str) == Some(id))
}

/// Delivers the zones of an open run that are due; true when the run is complete.
fn progress(
    app: &mut AppRecord,
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
            match deliver(&d, app, runtime, &endpoint_id, treatment, &mut run.delivered, sinks) {
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
pub fn run_project(app: &mut AppRecord, app_id: &str, now: DateTime<Utc>, sinks: &mut Sinks) {
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
    app: &mut AppRecord,
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
        if !super::segment::event_matches(dimensions, event, now) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quiet_time_wraps_past_midnight_in_each_zone() {
        let window = (22 * 60, 7 * 60);
        let at = |h: u32| {
            DateTime::parse_from_rfc3339(&format!("2026-11-26T{h:02}:30:00Z"))
                .unwrap()
                .with_timezone(&Utc)
        };
        // 06:30 UTC is 22:30 the day before in Los Angeles (quiet) and 07:30 in Paris (not).
        assert!(in_quiet_time(window, chrono_tz::America::Los_Angeles, at(6)));
        assert!(!in_quiet_time(window, chrono_tz::Europe::Paris, at(6)));
        // 23:30 UTC is 08:30 in Tokyo (not quiet), 23:30 in London (quiet).
        assert!(!in_quiet_time(window, chrono_tz::Asia::Tokyo, at(23)));
        assert!(in_quiet_time(window, chrono_tz::Europe::London, at(23)));
        assert!(!in_quiet_time((9 * 60, 17 * 60), chrono_tz::UTC, at(18)));
    }

    #[test]
    fn cohorts_fill_holdout_then_treatments_then_default() {
        let c = json!({"HoldoutPercent": 10, "AdditionalTreatments": [{"SizePercent": 20}, {"SizePercent": 30}]});
        assert_eq!(allocate(&c, 0), None);
        assert_eq!(allocate(&c, 9), None);
        assert_eq!(allocate(&c, 10), Some(1));
        assert_eq!(allocate(&c, 29), Some(1));
        assert_eq!(allocate(&c, 30), Some(2));
        assert_eq!(allocate(&c, 59), Some(2));
        assert_eq!(allocate(&c, 60), Some(0));
        assert_eq!(allocate(&c, 99), Some(0));
    }
}
