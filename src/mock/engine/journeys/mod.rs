//! Journeys that run. A published journey lets endpoints in — its segment's endpoints when it
//! starts and again at each `RefreshFrequency` or segment update (each entry a run), or each
//! endpoint whose `PutEvents` event matches its `EventStartCondition` — and each endpoint
//! walks its activities (`walk`): waits, holdouts, splits, messages. Everything is measured on
//! the journey's clock (`JourneyRuntime::clock`: the backend's clock minus the time spent
//! paused), so a paused journey's waits keep their time.
//!
//! **Steps.** Like campaign runs, the work is cut into steps, each one short write
//! transaction (`step`, called in a loop by the backend's tick): a run opened (its segment
//! evaluated and stored in parts, `entry`), a part of its endpoints let in, or at most
//! `JOURNEY_PART` endpoints moved on (`walk`). An endpoint's row, its journey's metrics and the
//! messages it was sent are written in the same transaction, so after a restart every
//! endpoint is at the activity its last stored step left it at: none skips or repeats one.

pub mod conditions;
mod entry;
pub mod graph;
pub mod message;
pub mod timing;
mod walk;

use chrono::{DateTime, Duration, Utc};
use serde_json::Value;

use super::delivery::Sinks;
use super::matching::event_matches;
use super::templates::Templates;
use crate::mock::store::{JourneyRun, JourneyRuntime, ProjectRecord, participant_key};
use timing::iso_duration;

/// Endpoints moved on in one step (one write transaction) at most.
pub const JOURNEY_PART: usize = 2_000;

fn text<'a>(v: &'a Value, pointer: &str) -> Option<&'a str> {
    v.pointer(pointer).and_then(Value::as_str)
}

fn state(journey: &Value) -> &str {
    text(journey, "/State").unwrap_or("DRAFT")
}

fn runtime(app: &ProjectRecord, id: &str) -> JourneyRuntime {
    app.journey_runtime.get(id).cloned().unwrap_or_default()
}

/// Stores a journey's runtime, unless it is stored as it is.
fn save(app: &mut ProjectRecord, id: &str, runtime: JourneyRuntime) {
    if app.journey_runtime.get(id) != Some(&runtime) {
        app.journey_runtime.insert(id.to_owned(), runtime);
    }
}

fn set_state(app: &mut ProjectRecord, id: &str, to: &str) {
    if let Some(journey) = app.journeys.get_mut(id) {
        journey["State"] = Value::from(to);
    }
}

fn schedule_time(journey: &Value, member: &str) -> Option<DateTime<Utc>> {
    text(journey, &format!("/Schedule/{member}"))
        .and_then(|t| crate::pinpoint::rules::iso_timestamp("", t).ok())
}

fn is_local(journey: &Value) -> bool {
    journey.get("LocalTime").and_then(Value::as_bool) == Some(true)
}

/// The latest time zone offset from UTC: a local-time instant comes this much earlier in
/// the first zone to reach it than in UTC.
const EARLIEST_ZONE: Duration = Duration::hours(14);

/// The earliest time zone offset from UTC: a local-time instant comes this much later in the
/// last zone to reach it than in UTC.
const LATEST_ZONE: Duration = Duration::hours(12);

fn new_run(runtime: &mut JourneyRuntime, now: DateTime<Utc>) -> String {
    let id = uuid::Uuid::new_v4().simple().to_string();
    runtime.runs.push(JourneyRun {
        id: id.clone(),
        created: now,
        updated: now,
        status: "RUNNING".to_owned(),
        ..JourneyRun::default()
    });
    id
}

/// A journey was published: a segment-started journey's endpoints enter at its start, an
/// event-started journey opens the run its events enter.
pub fn publish(app: &mut ProjectRecord, id: &str, now: DateTime<Utc>) {
    let Some(journey) = app.journeys.get(id).cloned() else { return };
    let mut rt = runtime(app, id);
    if journey.pointer("/StartCondition/EventStartCondition").is_some_and(|v| !v.is_null()) {
        new_run(&mut rt, now);
    } else {
        let start = schedule_time(&journey, "StartTime").unwrap_or(now);
        let start = if is_local(&journey) { start - EARLIEST_ZONE } else { start };
        rt.next_entry = Some(start);
    }
    rt.evaluated = Some(now);
    save(app, id, rt);
}

/// A journey was paused: its clock stops.
pub fn pause(app: &mut ProjectRecord, id: &str, now: DateTime<Utc>) {
    let mut rt = runtime(app, id);
    rt.paused_at.get_or_insert(now);
    save(app, id, rt);
}

/// A paused journey was resumed: its clock goes on from where it stopped.
pub fn resume(app: &mut ProjectRecord, id: &str, now: DateTime<Utc>) {
    let mut rt = runtime(app, id);
    if let Some(paused) = rt.paused_at.take() {
        rt.paused_ms += (now - paused).num_milliseconds().max(0);
    }
    save(app, id, rt);
}

/// A journey was cancelled: every participant leaves, its runs end, nobody enters again.
pub fn cancel(app: &mut ProjectRecord, id: &str, now: DateTime<Utc>) {
    let mut rt = runtime(app, id);
    let prefix = participant_key(id, "");
    let keys: Vec<String> = app
        .journey_participants
        .iter()
        .filter(|(k, p)| p.active && k.starts_with(&prefix))
        .map(|(k, _)| k.clone())
        .collect();
    for key in keys {
        if let Some(p) = app.journey_participants.get_mut(&key) {
            p.active = false;
            let run = p.run.clone();
            rt.count(&run, "CANCELLED", 1);
        }
    }
    rt.active = 0;
    for run in &mut rt.runs {
        run.active = 0;
        if run.status == "RUNNING" {
            "CANCELLED".clone_into(&mut run.status);
            run.updated = now;
        }
    }
    rt.next_entry = None;
    rt.entering = None;
    entry::forget_entrants(app, id);
    rt.paused_at = None;
    rt.evaluated = Some(now);
    save(app, id, rt);
}

/// A journey was deleted: its runtime and participants go with it.
pub fn forget(app: &mut ProjectRecord, id: &str) {
    app.journey_runtime.remove(id);
    entry::forget_entrants(app, id);
    let prefix = participant_key(id, "");
    app.journey_participants.retain(|k, _| !k.starts_with(&prefix));
}

/// Brings a journey's entries and state up to `now`; true when a run was opened.
fn settle(
    app: &mut ProjectRecord,
    journey: &Value,
    id: &str,
    rt: &mut JourneyRuntime,
    now: DateTime<Utc>,
) -> bool {
    if entry::enter_part(app, journey, id, rt, now) {
        return true;
    }
    // A local-time journey ends when its end time has come in the last zone.
    let last_zone = if is_local(journey) { LATEST_ZONE } else { Duration::zero() };
    let ended = schedule_time(journey, "EndTime").is_some_and(|end| now >= end + last_zone);
    let event_started =
        journey.pointer("/StartCondition/EventStartCondition").is_some_and(|v| !v.is_null());
    let refreshes_on_update =
        journey.get("RefreshOnSegmentUpdate").and_then(Value::as_bool) == Some(true);
    if ended {
        rt.next_entry = None;
    } else if state(journey) == "ACTIVE" && !event_started {
        let segment_id =
            text(journey, "/StartCondition/SegmentStartCondition/SegmentId").unwrap_or_default();
        let version = app.segments.get(segment_id).map(|v| v.len() as i64);
        if refreshes_on_update && !rt.runs.is_empty() && version != rt.segment_version {
            rt.next_entry = Some(rt.next_entry.map_or(now, |n| n.min(now)));
        }
        if let Some(due) = rt.next_entry
            && due <= now
        {
            entry::open_run(app, journey, id, rt, now);
            let every = text(journey, "/RefreshFrequency").and_then(iso_duration);
            rt.next_entry = every.map(|every| {
                let mut next = due + every;
                while next <= now {
                    next += every;
                }
                next
            });
            return true;
        }
    }
    let open_for_events = event_started && !ended;
    for run in &mut rt.runs {
        if run.status == "RUNNING" && run.active == 0 && !open_for_events {
            "COMPLETED".clone_into(&mut run.status);
            run.updated = now;
        }
    }
    // An event-started journey, or one that refreshes on a segment update, lets endpoints in
    // until its end.
    let more_entries =
        rt.next_entry.is_some() || ((event_started || refreshes_on_update) && !ended);
    let to = match (rt.active, more_entries, ended) {
        (0, false, _) if !rt.runs.is_empty() || ended => Some("COMPLETED"),
        (_, _, true) if rt.active > 0 => Some("CLOSED"),
        _ => None,
    };
    if let Some(to) = to
        && state(journey) != to
    {
        set_state(app, id, to);
        if to == "COMPLETED" {
            for run in &mut rt.runs {
                if run.status == "RUNNING" {
                    "COMPLETED".clone_into(&mut run.status);
                    run.updated = now;
                }
            }
        }
    }
    false
}

/// What one step of the engine's tick works with besides the project.
#[derive(Debug, Clone, Copy)]
pub struct Tick<'a> {
    /// The project's id.
    pub app_id: &'a str,
    /// The wall-clock time of the tick.
    pub now: DateTime<Utc>,
    /// The account's message templates, which journey messages are rendered from.
    pub templates: &'a Templates,
}

/// One step of a project's journeys (one write transaction): a run opened, a part of its
/// endpoints let in, or at most `JOURNEY_PART` endpoints moved on. False when nothing was due.
pub fn step(app: &mut ProjectRecord, tick: Tick<'_>, sinks: &mut Sinks) -> bool {
    let now = tick.now;
    let ids: Vec<String> = app
        .journeys
        .iter()
        .filter(|j| matches!(state(j), "ACTIVE" | "CLOSED"))
        .filter_map(|j| text(j, "/Id").map(str::to_owned))
        .collect();
    for id in ids {
        let Some(journey) = app.journeys.get(&id).cloned() else { continue };
        let mut rt = runtime(app, &id);
        rt.evaluated = Some(now);
        if settle(app, &journey, &id, &mut rt, now) {
            save(app, &id, rt);
            return true;
        }
        let moved = walk::walk(app, tick, &journey, &id, &mut rt, sinks);
        if moved {
            save(app, &id, rt);
            return true;
        }
        // Settle again: the last participants may just have left.
        settle(app, &journey, &id, &mut rt, now);
        // A journey where nothing happened is written only when its `LastEvaluatedTime` is a
        // minute old, not at every tick.
        let stored = app.journey_runtime.get(&id);
        let idle = stored.is_some_and(|s| {
            s.evaluated.is_some_and(|e| now - e < Duration::minutes(1))
                && JourneyRuntime { evaluated: s.evaluated, ..rt.clone() } == *s
        });
        if !idle {
            save(app, &id, rt);
        }
    }
    false
}

/// An event arrived for an endpoint: the event-started journeys whose filter it matches let
/// the endpoint in (if it is in their segment, when they name one).
pub fn on_event(app: &mut ProjectRecord, endpoint_id: &str, event: &Value, now: DateTime<Utc>) {
    let event_type = text(event, "/EventType").unwrap_or_default();
    let ids: Vec<String> = app
        .journeys
        .iter()
        .filter(|j| state(j) == "ACTIVE")
        .filter(|j| j.pointer("/StartCondition/EventStartCondition").is_some_and(|v| !v.is_null()))
        .filter_map(|j| text(j, "/Id").map(str::to_owned))
        .collect();
    for id in ids {
        let Some(journey) = app.journeys.get(&id).cloned() else { continue };
        let start = journey.pointer("/StartCondition/EventStartCondition").unwrap_or(&Value::Null);
        let dimensions = start.pointer("/EventFilter/Dimensions").unwrap_or(&Value::Null);
        if !conditions::event_type_matches(dimensions, event_type)
            || !event_matches(dimensions, event, now)
        {
            continue;
        }
        if schedule_time(&journey, "StartTime").is_some_and(|s| now < s)
            || schedule_time(&journey, "EndTime").is_some_and(|e| now >= e)
        {
            continue;
        }
        if let Some(segment) = text(start, "/SegmentId")
            && !conditions::in_segment(app, segment, endpoint_id, now)
        {
            continue;
        }
        let mut rt = runtime(app, &id);
        let run = match rt.runs.iter().rev().find(|r| r.status == "RUNNING") {
            Some(r) => r.id.clone(),
            None => new_run(&mut rt, now),
        };
        entry::enter(app, &journey, &id, &mut rt, &run, endpoint_id, now);
        rt.evaluated = Some(now);
        save(app, &id, rt);
    }
}
