//! Opening a run: its audience evaluated with the project only read, then stored in parts
//! with its activities and zone cursors in a write of its own, if nothing changed between.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::super::schedule::{endpoint_zone, int};
use super::activities::create_activities;
use super::members::for_each_member;
use super::state::{is_local, latest, save, set_state, treatments};
use super::{DueRun, RUN_PART};
use crate::mock::store::{OpenRun, ProjectRecord, ZoneCursor, run_part_key};

/// Removes whatever is left of a campaign's stored run members (a run ended or the campaign
/// deleted).
pub fn forget_members(app: &mut ProjectRecord, campaign_id: &str) {
    let prefix = format!("{campaign_id}/");
    if app.run_members.iter().any(|(k, _)| k.starts_with(&prefix)) {
        app.run_members.retain(|k, _| !k.starts_with(&prefix));
    }
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
