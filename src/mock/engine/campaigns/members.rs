//! Who a campaign messages: the endpoints of its segment that are not held out, each with the
//! treatment its cohort gives it.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::super::schedule::{allocate, int, text};
use super::super::segment::{Candidate, Context, compile};
use crate::mock::store::ProjectRecord;
use crate::mock::wire::Endpoint;

/// Calls `f` with each endpoint of the campaign's segment that is not held out (or only
/// with `only`, when it is given and in the segment), with its treatment index.
pub(in crate::mock::engine) fn for_each_member(
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
