//! The conditions of a journey's splits, for one endpoint: segment membership
//! (`SegmentCondition`), segment dimensions (`SegmentDimensions`, with the segment engine's
//! evaluation) and events (`EventCondition`: an event of the endpoint, since it entered the
//! journey, matching the event type, attributes and metrics).

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::mock::engine::matching::event_matches;
use crate::mock::engine::segment::{Candidate, Context, Filter, compile, compile_dimensions};
use crate::mock::store::ProjectRecord;
use crate::pinpoint::rules;

/// True when `event_type` passes an `EventDimensions`' `EventType` (`INCLUSIVE` by default;
/// no `EventType` passes every type).
#[must_use]
pub fn event_type_matches(dimensions: &Value, event_type: &str) -> bool {
    let Some(set) = dimensions.get("EventType").filter(|v| !v.is_null()) else { return true };
    let listed = set
        .get("Values")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .any(|v| v.as_str() == Some(event_type));
    let exclusive = set.get("DimensionType").and_then(Value::as_str) == Some("EXCLUSIVE");
    listed != exclusive
}

fn matches(app: &ProjectRecord, filter: &Filter, endpoint_id: &str, now: DateTime<Utc>) -> bool {
    app.endpoints.get(endpoint_id).is_some_and(|endpoint| {
        let candidate = Candidate {
            id: endpoint_id,
            endpoint,
            last_active: app.last_active.get(endpoint_id).copied(),
        };
        filter.matches(&candidate, now)
    })
}

/// True when the endpoint is in the segment (its latest version).
#[must_use]
pub fn in_segment(
    app: &ProjectRecord,
    segment_id: &str,
    endpoint_id: &str,
    now: DateTime<Utc>,
) -> bool {
    let Some(definition) = app.segments.get(segment_id).and_then(|v| v.last()) else {
        return false;
    };
    let segments = |id: &str| app.segments.get(id).map(Vec::as_slice);
    let ctx = Context { now, segments: &segments, imported: &app.imported_members };
    matches(app, &compile(definition, &ctx), endpoint_id, now)
}

/// True when the endpoint sent an event matching `dimensions` at or after `since`.
fn sent_event(
    app: &ProjectRecord,
    dimensions: &Value,
    endpoint_id: &str,
    since: DateTime<Utc>,
    now: DateTime<Utc>,
) -> bool {
    app.events.iter().any(|event| {
        event.get("EndpointId").and_then(Value::as_str) == Some(endpoint_id)
            && event
                .get("Timestamp")
                .and_then(Value::as_str)
                .and_then(|t| rules::iso_timestamp("", t).ok())
                .is_none_or(|at| at >= since)
            && event_type_matches(
                dimensions,
                event.get("EventType").and_then(Value::as_str).unwrap_or_default(),
            )
            && event_matches(dimensions, event, now)
    })
}

/// True when one `SimpleCondition` holds for the endpoint.
#[must_use]
pub fn simple(
    app: &ProjectRecord,
    condition: &Value,
    endpoint_id: &str,
    since: DateTime<Utc>,
    now: DateTime<Utc>,
) -> bool {
    if let Some(segment) = condition.pointer("/SegmentCondition/SegmentId").and_then(Value::as_str)
    {
        return in_segment(app, segment, endpoint_id, now);
    }
    if let Some(dimensions) = condition.get("segmentDimensions").filter(|v| !v.is_null()) {
        return matches(app, &compile_dimensions(dimensions), endpoint_id, now);
    }
    if let Some(event) = condition.get("EventCondition").filter(|v| !v.is_null()) {
        let dimensions = event.get("Dimensions").unwrap_or(&Value::Null);
        return sent_event(app, dimensions, endpoint_id, since, now);
    }
    false
}

/// True when a `Condition` (its conditions, `ALL` or `ANY` of them) holds for the endpoint.
#[must_use]
pub fn holds(
    app: &ProjectRecord,
    condition: &Value,
    endpoint_id: &str,
    since: DateTime<Utc>,
    now: DateTime<Utc>,
) -> bool {
    let mut each = condition
        .get("Conditions")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|c| simple(app, c, endpoint_id, since, now));
    if condition.get("Operator").and_then(Value::as_str) == Some("ANY") {
        each.any(|b| b)
    } else {
        each.all(|b| b)
    }
}
