//! The service's rules for a journey definition (CreateJourney, UpdateJourney; the state
//! rules are in `journey_states`). Every error is a 400 naming the activity and the member at
//! fault, e.g. `Activities.split1.RandomSplit.Branches[2].NextActivity names 'x', which is
//! not an activity`.
//!
//! The numbers are Pinpoint's: at most 40 activities in a journey, a random split of at most
//! five paths whose percentages add up to 100, a multivariate split of at most four
//! conditional paths besides its default ("as many as five paths, including a default Else
//! path"), caps of at most 100 (`JourneyLimits`), `MessagesPerSecond` within the project's
//! bounds. (The 40 is from memory of the Amazon Pinpoint quotas page, "Journey quotas",
//! which the mock's authors could not re-read: a named constant, `MAX_ACTIVITIES`.)
//!
//! One file per part of the definition: `activities` (each activity's members, targets that
//! exist, no cycle), `sending` (caps, quiet time, schedule, open hours and closed days); the
//! start condition and the name are checked here.

mod activities;
mod sending;

use serde_json::Value;

use super::{MockError, MockResult, ProjectRecord};
use activities::check_activities;
use sending::{check_limits, check_times};

/// The journey quotas, shared with the console's drafts.
pub use crate::pinpoint::rules::{MAX_ACTIVITIES, MAX_MULTI_BRANCHES, MAX_RANDOM_BRANCHES};
/// Largest daily, total, re-entry and timeframe cap.
pub const MAX_CAP: i64 = 100;
/// Longest `TimeframeCap` in days.
pub const MAX_TIMEFRAME_DAYS: i64 = 30;

fn bad<T>(message: impl Into<String>) -> MockResult<T> {
    Err(MockError::bad_request(message.into()))
}

fn text<'a>(v: &'a Value, member: &str) -> Option<&'a str> {
    v.get(member).and_then(Value::as_str)
}

/// Checks that a segment named at `path` exists.
fn check_segment(app: &ProjectRecord, path: &str, id: Option<&str>) -> MockResult<()> {
    match id {
        None | Some("") => bad(format!("{path} is required")),
        Some(id) if app.segments.get(id).is_none() => {
            bad(format!("{path} names segment '{id}', which does not exist"))
        }
        Some(_) => Ok(()),
    }
}

fn check_start_condition(app: &ProjectRecord, journey: &Value) -> MockResult<()> {
    let Some(start) = journey.get("StartCondition") else { return Ok(()) };
    let segment = start.get("SegmentStartCondition").filter(|v| !v.is_null());
    let event = start.get("EventStartCondition").filter(|v| !v.is_null());
    match (segment, event) {
        (Some(_), Some(_)) => {
            bad("StartCondition takes SegmentStartCondition or EventStartCondition, not both")
        }
        (Some(s), None) => check_segment(
            app,
            "StartCondition.SegmentStartCondition.SegmentId",
            text(s, "SegmentId"),
        ),
        (None, Some(e)) => {
            let Some(filter) = e.get("EventFilter") else {
                return bad("StartCondition.EventStartCondition.EventFilter is required");
            };
            let types = filter.pointer("/Dimensions/EventType/Values").and_then(Value::as_array);
            if types.is_none_or(Vec::is_empty) {
                return bad(
                    "StartCondition.EventStartCondition.EventFilter.Dimensions.EventType.Values needs at least one event type",
                );
            }
            if let Some(id) = text(e, "SegmentId") {
                check_segment(app, "StartCondition.EventStartCondition.SegmentId", Some(id))?;
            }
            Ok(())
        }
        (None, None) => Ok(()),
    }
}

/// Checks a journey definition (the request of CreateJourney or UpdateJourney, merged).
pub fn check_journey(app: &ProjectRecord, journey: &Value) -> MockResult<()> {
    super::tags::check_request_tags(journey)?;
    if text(journey, "Name").is_none_or(|n| n.trim().is_empty()) {
        return bad("Name is required and must not be empty");
    }
    check_activities(app, journey)?;
    check_start_condition(app, journey)?;
    check_limits(journey)?;
    check_times(journey)
}
