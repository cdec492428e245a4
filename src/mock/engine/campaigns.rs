//! Campaign runs. A run opens at its scheduled time: the segment is evaluated, opted-out and
//! inactive endpoints dropped, and each endpoint placed by its cohort in the holdout or a
//! treatment. Endpoints are grouped by time zone when the schedule uses local time, and each
//! zone is delivered when its local wall-clock time comes; otherwise all at once. Each
//! delivery checks the channel, quiet time, the daily and total caps and the rate limit, then
//! lands in the outbox. Activities record the counts per treatment; the campaign's `State`
//! follows.
//!
//! **Steps.** A run over a million endpoints must not hold its project for seconds, so the
//! work is cut into steps, each its own short transaction, and the backend calls them in a
//! loop (`backend::job_runs`):
//!
//! 1. `step` (write) keeps each campaign's schedule and state, and delivers at most one part
//!    (`RUN_PART` endpoints) of a run that has a due zone; or it answers the run that is due
//!    to open.
//! 2. `audience` (read) evaluates that run's segment over every endpoint, with the project
//!    only read.
//! 3. `open` (write) stores the audience in parts of its own (`ProjectRecord::run_members`),
//!    if the campaign and its schedule are still as they were.
//!
//! A part is removed in the transaction that delivers it, with the outbox entries, the sends
//! (for caps), the activity counts and the run's cursor, so a run stopped at any point goes on
//! after a restart where its last stored part ended: nobody is messaged twice or skipped.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};

use super::delivery::{Delivery, PreparedCache, Sinks, count, deliver};
use super::schedule::{allocate, endpoint_zone, int, next_run, text, treatment_id, zone_due};
use super::segment::{Candidate, Context, compile};
use super::templates::Templates;
use crate::mock::clock::iso8601;
use crate::mock::store::{CampaignRuntime, OpenRun, ProjectRecord, ZoneCursor, run_part_key};
use crate::mock::wire::Endpoint;

/// Endpoints per stored part of an open run, which is also the most one write transaction of
/// a run delivers. At about 10 µs a delivery (release build, measured by `benches/campaign_run`),
/// a part holds its project for about 20 ms: a request waiting on the project waits no longer
/// than that, and a run over a million endpoints is 500 transactions (each one commit for a
/// durable store).
pub const RUN_PART: usize = 2_000;

/// True when the campaign's latest version and its treatments already show `status`.
fn state_is(campaign: &Value, status: &str) -> bool {
    let shows = |v: Option<&Value>| {
        v.and_then(|s| s.get("CampaignStatus")).and_then(Value::as_str) == Some(status)
    };
    shows(campaign.get("State"))
        && campaign.get("DefaultState").is_none_or(|s| shows(Some(s)))
        && campaign
            .get("AdditionalTreatments")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .all(|t| shows(t.get("State")))
}

/// Sets the campaign's state (its latest version's and its treatments'); a campaign already
/// in that state is not written.
fn set_state(app: &mut ProjectRecord, campaign_id: &str, status: &str) {
    let current = app.campaigns.get(campaign_id).and_then(|v| v.last());
    if current.is_none_or(|c| state_is(c, status)) {
        return;
    }
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

/// Stores a campaign's runtime, unless it is stored as it is.
pub(super) fn save(app: &mut ProjectRecord, campaign_id: &str, runtime: CampaignRuntime) {
    if app.campaign_runtime.get(campaign_id) != Some(&runtime) {
        app.campaign_runtime.insert(campaign_id.to_owned(), runtime);
    }
}

pub(super) fn settings_value(app: &ProjectRecord) -> Value {
    serde_json::to_value(&*app.settings).unwrap_or(Value::Null)
}

fn latest(app: &ProjectRecord, campaign_id: &str) -> Option<Value> {
    app.campaigns.get(campaign_id).and_then(|v| v.last()).cloned()
}

fn is_local(campaign: &Value) -> bool {
    campaign.pointer("/Schedule/IsLocalTime").and_then(Value::as_bool) == Some(true)
}

pub(super) fn treatments(campaign: &Value) -> usize {
    1 + campaign.get("AdditionalTreatments").and_then(Value::as_array).map_or(0, Vec::len)
}

/// Calls `f` with each endpoint of the campaign's segment that is not held out (or only
/// with `only`, when it is given and in the segment), with its treatment index.
pub(super) fn for_each_member(
    app: &ProjectRecord,
    campaign: &Value,
    now: DateTime<Utc>,
    only: Option<&str>,
    mut f: impl FnMut(&str, &Endpoint, usize),
) {
    let segment_id = text(campaign, "/SegmentId").unwrap_or_default();
    let version =
        int(campaign, "/SegmentVersion").and_then(|v| usize::try_from(v).ok()).unwrap_or(1);
    let Some(definition) = app
        .segments
        .get(segment_id)
        .and_then(|v| v.get(version.saturating_sub(1)).or(v.last()))
        .cloned()
    else {
        return;
    };
    let segments = |id: &str| app.segments.get(id).map(Vec::as_slice);
    let ctx = Context { now, segments: &segments, imported: &app.imported_members };
    let filter = compile(&definition, &ctx);
    let mut visit = |endpoint: &Endpoint| {
        let id = endpoint.id();
        let candidate = Candidate { id, endpoint, last_active: app.last_active.get(id).copied() };
        if !filter.matches(&candidate, now) {
            return;
        }
        if let Some(treatment) = allocate(campaign, endpoint.cohort()) {
            f(id, endpoint, treatment);
        }
    };
    match only {
        Some(id) => {
            if let Some(endpoint) = app.endpoints.get(id) {
                visit(endpoint);
            }
        }
        None => app.endpoints.iter().for_each(visit),
    }
}

/// The treatment a campaign gives an endpoint (its index: 0 for the campaign's own), or
/// `None` when the endpoint is not in the campaign's segment or is held out.
#[must_use]
pub fn treatment_of(
    app: &ProjectRecord,
    campaign: &Value,
    endpoint_id: &str,
    now: DateTime<Utc>,
) -> Option<usize> {
    let mut found = None;
    for_each_member(app, campaign, now, Some(endpoint_id), |_, _, treatment| {
        found = Some(treatment);
    });
    found
}

/// Creates one activity per treatment for a run; their ids, by treatment index.
pub(super) fn create_activities(
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
pub(super) struct Counts {
    successes: Vec<u64>,
    metrics: Vec<BTreeMap<String, u64>>,
}

/// Delivers to `members` (endpoint id, treatment index), counting per treatment.
pub(super) fn deliver_members(
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
pub(super) fn record(
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
pub(super) fn finish(
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

/// The first zone of an open run that is due and not done.
fn due_zone(run: &OpenRun, now: DateTime<Utc>) -> Option<usize> {
    run.zones.iter().position(|z| !z.done() && zone_due(run, &z.zone) <= now)
}

/// Removes whatever is left of a campaign's stored run members (a run ended or the campaign
/// deleted).
pub fn forget_members(app: &mut ProjectRecord, campaign_id: &str) {
    let prefix = format!("{campaign_id}/");
    if app.run_members.iter().any(|(k, _)| k.starts_with(&prefix)) {
        app.run_members.retain(|k, _| !k.starts_with(&prefix));
    }
}

/// A run due to open: the backend evaluates its `audience` (reading the project) and then
/// `open`s it (writing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueRun {
    /// The campaign.
    pub campaign_id: String,
    /// The campaign version the run is for.
    pub version: i64,
    /// The run's scheduled instant.
    pub scheduled: DateTime<Utc>,
}

/// What one `step` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A part of a run was delivered: there may be more.
    Delivered,
    /// This run is due to open.
    Open(DueRun),
    /// Nothing is due now (or only runs in `skip`).
    Idle,
}

/// What a campaign needs next.
enum Need {
    Deliver,
    Open(DueRun),
    Nothing,
}

/// Brings one campaign's schedule and state up to `now`: reschedules a new version, ends a
/// run whose zones are all delivered, and says whether a part is due or a run is due to open.
fn settle(app: &mut ProjectRecord, id: &str, now: DateTime<Utc>) -> Need {
    let Some(campaign) = latest(app, id) else { return Need::Nothing };
    let mut runtime = app.campaign_runtime.get(id).cloned().unwrap_or_default();
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
        if runtime.runs == 0 && runtime.next.is_none() && !is_event_driven(&campaign) {
            runtime.finished = true;
        }
    }
    if campaign.get("IsPaused").and_then(Value::as_bool) == Some(true) {
        set_state(app, id, "PAUSED");
        save(app, id, runtime);
        return Need::Nothing;
    }
    if let Some(run) = &runtime.open
        && !run.zones.iter().all(ZoneCursor::done)
    {
        // A zone is due, or the run waits for a zone's hour.
        let need = if due_zone(run, now).is_some() { Need::Deliver } else { Need::Nothing };
        set_state(app, id, "EXECUTING");
        save(app, id, runtime);
        return need;
    }
    if let Some(run) = runtime.open.take() {
        // Every zone is delivered: the run is over.
        finish(app, id, &run.activities, now);
        forget_members(app, id);
        runtime.runs += 1;
        let last = runtime.next.take();
        runtime.next = last.and_then(|t| next_run(&campaign, Some(t)));
        runtime.finished = runtime.next.is_none();
    }
    // A local-time run opens when the earliest zone (UTC+14) reaches the wall-clock time;
    // each zone is then delivered at its own hour.
    let lead = if is_local(&campaign) { Duration::hours(14) } else { Duration::zero() };
    let need = match runtime.next {
        Some(due) if due - lead <= now => {
            Need::Open(DueRun { campaign_id: id.to_owned(), version, scheduled: due })
        }
        _ => Need::Nothing,
    };
    let status = match runtime.finished {
        _ if is_event_driven(&campaign) => "SCHEDULED",
        true => "COMPLETED",
        false if runtime.runs > 0 => "PENDING_NEXT_RUN",
        false => "SCHEDULED",
    };
    set_state(app, id, status);
    save(app, id, runtime);
    need
}

/// Whether a campaign is sent when events happen (EVENT: on `PutEvents`; IN_APP_EVENT: the app
/// asks with `GetInAppMessages`) rather than on a schedule: it waits for events, never completes
/// by itself, and reads SCHEDULED.
fn is_event_driven(campaign: &Value) -> bool {
    matches!(text(campaign, "/Schedule/Frequency"), Some("EVENT" | "IN_APP_EVENT"))
}

/// Delivers the next part of the first due zone of a campaign's open run, with its outbox
/// entries, sends, activity counts and the run's cursor in this one transaction.
fn deliver_part(
    app: &mut ProjectRecord,
    app_id: &str,
    id: &str,
    now: DateTime<Utc>,
    sinks: &mut Sinks,
    templates: &Templates,
) {
    let Some(campaign) = latest(app, id) else { return };
    let Some(mut runtime) = app.campaign_runtime.get(id).cloned() else { return };
    let Some(run) = runtime.open.as_mut() else { return };
    let Some(z) = due_zone(run, now) else { return };
    let at = zone_due(run, &run.zones[z].zone);
    let key = run_part_key(id, run.number, z, run.zones[z].next);
    // A part that is not there (never stored) has nobody left to deliver to.
    let members = app.run_members.remove(&key).unwrap_or_default();
    let settings = settings_value(app);
    let d = Delivery {
        app_id,
        campaign_id: id,
        campaign: &campaign,
        settings: &settings,
        at,
        templates,
        prepared: PreparedCache::default(),
    };
    let treatments = run.activities.len();
    let counts = deliver_members(&d, app, members, treatments, &mut run.delivered, sinks);
    run.zones[z].next += 1;
    let zone_done = run.zones[z].done();
    record(app, id, &run.activities, &counts, zone_done);
    save(app, id, runtime);
}

/// One step of a project's campaigns (one write transaction): keeps every campaign's
/// schedule and state up to `now`, and delivers one part of the first run with a due zone,
/// or answers the first run due to open. Campaigns in `skip` are not opened (a tick that has
/// opened enough of their runs). Messages that name templates render from `templates`.
pub fn step(
    app: &mut ProjectRecord,
    app_id: &str,
    now: DateTime<Utc>,
    sinks: &mut Sinks,
    skip: &BTreeSet<String>,
    templates: &Templates,
) -> Step {
    let ids: Vec<String> = app
        .campaigns
        .iter()
        .filter_map(|v| v.last())
        .filter_map(|c| text(c, "/Id").map(str::to_owned))
        .collect();
    for id in ids {
        match settle(app, &id, now) {
            Need::Deliver => {
                deliver_part(app, app_id, &id, now, sinks, templates);
                return Step::Delivered;
            }
            Need::Open(due) if !skip.contains(&id) => return Step::Open(due),
            Need::Open(_) | Need::Nothing => {}
        }
    }
    Step::Idle
}

/// A member of a run: the endpoint id and its treatment index.
type Member = (String, usize);

/// A run's audience: its members by zone, cut in parts, and the count per treatment.
#[derive(Debug)]
pub struct Audience {
    due: DueRun,
    zones: Vec<(String, Vec<Vec<Member>>)>,
    totals: Vec<usize>,
}

impl Audience {
    /// Endpoints in the run.
    #[must_use]
    pub fn len(&self) -> usize {
        self.totals.iter().sum()
    }

    /// True when the run has nobody to message.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Evaluates the audience of a run due to open, with the project only read; `None` when the
/// campaign is gone or has another version.
#[must_use]
pub fn audience(app: &ProjectRecord, due: &DueRun, now: DateTime<Utc>) -> Option<Audience> {
    let campaign = latest(app, &due.campaign_id)?;
    if int(&campaign, "/Version").unwrap_or(1) != due.version {
        return None;
    }
    let local = is_local(&campaign);
    let mut totals = vec![0; treatments(&campaign)];
    let mut zones: BTreeMap<String, Vec<(String, usize)>> = BTreeMap::new();
    for_each_member(app, &campaign, now, None, |id, endpoint, treatment| {
        let zone = if local {
            endpoint_zone(endpoint).map_or_else(|| "UTC".to_owned(), |z| z.name().to_owned())
        } else {
            String::new()
        };
        if let Some(total) = totals.get_mut(treatment) {
            *total += 1;
        }
        zones.entry(zone).or_default().push((id.to_owned(), treatment));
    });
    let zones = zones
        .into_iter()
        .map(|(zone, members)| {
            let mut parts = Vec::with_capacity(members.len().div_ceil(RUN_PART));
            let mut members = members.into_iter().peekable();
            while members.peek().is_some() {
                parts.push(members.by_ref().take(RUN_PART).collect());
            }
            (zone, parts)
        })
        .collect();
    Some(Audience { due: due.clone(), zones, totals })
}

/// Opens a run with its audience: stores the members in parts, creates the activities and
/// the run's cursors. False (and nothing changes) when the campaign, its version or its
/// schedule changed since the audience was evaluated, or the run is already open.
pub fn open(app: &mut ProjectRecord, app_id: &str, audience: Audience, now: DateTime<Utc>) -> bool {
    let Audience { due, zones, totals } = audience;
    let id = due.campaign_id.as_str();
    let Some(campaign) = latest(app, id) else { return false };
    let mut runtime = app.campaign_runtime.get(id).cloned().unwrap_or_default();
    if int(&campaign, "/Version").unwrap_or(1) != due.version
        || campaign.get("IsPaused").and_then(Value::as_bool) == Some(true)
        || runtime.version != due.version
        || runtime.open.is_some()
        || runtime.next != Some(due.scheduled)
    {
        return false;
    }
    forget_members(app, id);
    let activities = create_activities(app, app_id, id, due.scheduled, now, &totals, zones.len());
    let mut cursors = Vec::with_capacity(zones.len());
    for (z, (zone, parts)) in zones.into_iter().enumerate() {
        let count = u32::try_from(parts.len()).unwrap_or(u32::MAX);
        for (p, part) in (0..count).zip(parts) {
            app.run_members.insert(run_part_key(id, runtime.runs, z, p), part);
        }
        cursors.push(ZoneCursor { zone, parts: count, next: 0 });
    }
    let wall = is_local(&campaign).then(|| due.scheduled.naive_utc());
    runtime.open = Some(OpenRun {
        number: runtime.runs,
        scheduled: due.scheduled,
        wall,
        zones: cursors,
        activities,
        delivered: 0,
    });
    set_state(app, id, "EXECUTING");
    save(app, id, runtime);
    true
}

/// Runs everything that is due in one project inside one transaction (`step`, `audience`
/// and `open` in a loop): for tests and tools that hold a project record of their own. The
/// server runs the steps in transactions of their own (`backend::job_runs`).
pub fn run_project(
    app: &mut ProjectRecord,
    app_id: &str,
    now: DateTime<Utc>,
    sinks: &mut Sinks,
    templates: &Templates,
) {
    let mut opened: BTreeMap<String, u32> = BTreeMap::new();
    let mut skip = BTreeSet::new();
    loop {
        match step(app, app_id, now, sinks, &skip, templates) {
            Step::Delivered => {}
            Step::Idle => break,
            Step::Open(due) => {
                let count = opened.entry(due.campaign_id.clone()).or_default();
                *count += 1;
                if *count >= MAX_OPENS_PER_TICK {
                    skip.insert(due.campaign_id.clone());
                }
                let opened = audience(app, &due, now).is_some_and(|a| open(app, app_id, a, now));
                if !opened {
                    skip.insert(due.campaign_id);
                }
            }
        }
    }
}

/// Runs of one campaign opened in one tick at most: a schedule far behind catches up over
/// several ticks.
pub const MAX_OPENS_PER_TICK: u32 = 1000;
