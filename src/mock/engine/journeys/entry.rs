//! Endpoints entering a journey: a run of a segment-started journey evaluates its segment
//! and stores the endpoints in parts (`JOURNEY_PART` at most), each entering in a step of its
//! own, so no transaction holds the project for the whole segment; an event-started journey
//! lets one endpoint in at a time. Re-entry follows `EndpointReentryCap` and
//! `EndpointReentryInterval`; with `LocalTime`, an endpoint waits for the start time on its
//! own clock.

use chrono::{DateTime, Duration, Utc};
use serde_json::Value;

use super::timing::{instant, iso_duration, zone_or_utc};
use super::{JOURNEY_PART, is_local, new_run, schedule_time, text};
use crate::mock::engine::segment::{Candidate, Context, compile};
use crate::mock::store::{
    Entering, JourneyRuntime, Participant, ProjectRecord, entrants_key, participant_key,
};

/// Lets one endpoint into a journey's run, unless it is already in it, has entered as often
/// as `EndpointReentryCap` allows, or entered less than `EndpointReentryInterval` ago.
pub(super) fn enter(
    app: &mut ProjectRecord,
    journey: &Value,
    id: &str,
    rt: &mut JourneyRuntime,
    run: &str,
    endpoint_id: &str,
    now: DateTime<Utc>,
) {
    let Some(endpoint) = app.endpoints.get(endpoint_id) else { return };
    if endpoint.opt_out.as_deref() == Some("ALL") {
        rt.count(run, "ENDPOINT_OPT_OUT", 1);
        return;
    }
    if endpoint.endpoint_status.as_deref() == Some("INACTIVE") {
        rt.count(run, "ENDPOINT_INACTIVE", 1);
        return;
    }
    let zone = zone_or_utc(endpoint.timezone());
    let key = participant_key(id, endpoint_id);
    let before = app.journey_participants.get(&key);
    if before.is_some_and(|p| p.active) {
        rt.count(run, "ACTIVE_ENDPOINT_REJECTED", 1);
        return;
    }
    let entries = before.map_or(0, |p| p.entries);
    let cap = journey.pointer("/Limits/EndpointReentryCap").and_then(Value::as_i64).unwrap_or(0);
    let interval = text(journey, "/Limits/EndpointReentryInterval").and_then(iso_duration);
    let too_soon = before.is_some_and(|p| interval.is_some_and(|i| now - p.entered < i));
    if (cap > 0 && i64::from(entries) >= cap) || too_soon {
        rt.count(run, "REENTRY_CAP_EXCEEDED", 1);
        return;
    }
    let Some(start) = text(journey, "/StartActivity") else { return };
    let clock = rt.clock(now);
    // A local-time journey starts and ends at its times on each endpoint's own clock.
    let local = |member: &str| {
        schedule_time(journey, member)
            .filter(|_| is_local(journey))
            .and_then(|s| instant(&crate::mock::clock::iso8601(s), true, zone))
    };
    if local("EndTime").is_some_and(|end| now >= end) {
        rt.count(run, "ENDPOINT_TIMEZONE_MISMATCH", 1);
        return;
    }
    let local_start = local("StartTime");
    let due = clock + local_start.map_or(Duration::zero(), |s| (s - now).max(Duration::zero()));
    let sends = before.map(|p| p.sends.clone()).unwrap_or_default();
    app.journey_participants.insert(
        key,
        Participant {
            run: run.to_owned(),
            activity: start.to_owned(),
            due,
            waiting: false,
            entered: now,
            entries: entries + 1,
            active: true,
            sends,
        },
    );
    rt.active += 1;
    if let Some(r) = rt.run_mut(run) {
        r.active += 1;
        r.updated = now;
    }
    rt.count(run, "ENDPOINT_ENTERED", 1);
}

/// Opens a run of a segment-started journey: its segment's endpoints are evaluated and
/// stored in parts, which enter one per step (`enter_part`).
pub(super) fn open_run(
    app: &mut ProjectRecord,
    journey: &Value,
    id: &str,
    rt: &mut JourneyRuntime,
    now: DateTime<Utc>,
) {
    let segment_id =
        text(journey, "/StartCondition/SegmentStartCondition/SegmentId").unwrap_or_default();
    let versions = app.segments.get(segment_id);
    let Some(definition) = versions.and_then(|v| v.last()).cloned() else { return };
    rt.segment_version = versions.map(|v| v.len() as i64);
    let members: Vec<String> = {
        let segments = |sid: &str| app.segments.get(sid).map(Vec::as_slice);
        let ctx = Context { now, segments: &segments, imported: &app.imported_members };
        let filter = compile(&definition, &ctx);
        app.endpoints
            .iter()
            .filter(|e| {
                let candidate = Candidate {
                    id: e.id(),
                    endpoint: e,
                    last_active: app.last_active.get(e.id()).copied(),
                };
                filter.matches(&candidate, now)
            })
            .map(|e| e.id().to_owned())
            .collect()
    };
    let run = new_run(rt, now);
    rt.count(&run, "ENDPOINT_PRODUCED", members.len() as u64);
    let mut parts = 0;
    for chunk in members.chunks(JOURNEY_PART) {
        app.journey_entrants.insert(entrants_key(id, &run, parts), chunk.to_vec());
        parts += 1;
    }
    if parts == 0 {
        if let Some(r) = rt.run_mut(&run) {
            "COMPLETED".clone_into(&mut r.status);
        }
    } else {
        rt.entering = Some(Entering { run, next: 0, parts });
    }
}

/// Lets the next part of an opening run's endpoints in; false when no run is opening.
pub(super) fn enter_part(
    app: &mut ProjectRecord,
    journey: &Value,
    id: &str,
    rt: &mut JourneyRuntime,
    now: DateTime<Utc>,
) -> bool {
    let Some(mut entering) = rt.entering.take() else { return false };
    let key = entrants_key(id, &entering.run, entering.next);
    for endpoint_id in app.journey_entrants.remove(&key).unwrap_or_default() {
        enter(app, journey, id, rt, &entering.run, &endpoint_id, now);
    }
    entering.next += 1;
    rt.entering = (entering.next < entering.parts).then_some(entering);
    true
}

/// Removes whatever is left of a journey's entrants (the journey cancelled or deleted).
pub(super) fn forget_entrants(app: &mut ProjectRecord, id: &str) {
    let prefix = participant_key(id, "");
    if app.journey_entrants.iter().any(|(k, _)| k.starts_with(&prefix)) {
        app.journey_entrants.retain(|k, _| !k.starts_with(&prefix));
    }
}
