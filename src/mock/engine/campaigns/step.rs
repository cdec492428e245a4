//! One write step of a project's campaigns: each campaign's schedule and state brought up to
//! now, then one part of a due zone delivered or the run due to open named.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, Utc};
use serde_json::Value;

use super::super::delivery::{Delivery, PreparedCache, Sinks};
use super::super::schedule::{int, next_run, text, zone_due};
use super::super::templates::Templates;
use super::activities::{deliver_members, finish, record};
use super::open::forget_members;
use super::state::{is_event_driven, is_local, latest, save, set_state, settings_value};
use super::{DueRun, Step};
use crate::mock::store::{OpenRun, ProjectRecord, ZoneCursor, run_part_key};

/// The first zone of an open run that is due and not done.
fn due_zone(run: &OpenRun, now: DateTime<Utc>) -> Option<usize> {
    run.zones.iter().position(|z| !z.done() && zone_due(run, &z.zone) <= now)
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
