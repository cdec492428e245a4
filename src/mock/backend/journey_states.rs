//! The service's state rules for journeys: which states a journey may move between
//! (UpdateJourneyState supports `ACTIVE`, `PAUSED` and `CANCELLED`; `PAUSED` only for a
//! journey with a segment refresh interval, per the API reference of `JourneyStateRequest`),
//! what publishing needs, and what UpdateJourney may change on a published journey.

use serde_json::Value;

use super::{MockError, MockResult};

fn bad<T>(message: impl Into<String>) -> MockResult<T> {
    Err(MockError::bad_request(message.into()))
}

fn text<'a>(v: &'a Value, member: &str) -> Option<&'a str> {
    v.get(member).and_then(Value::as_str)
}

/// Checks that a journey can be published (made `ACTIVE`): it needs a start condition, a
/// start activity and its activities.
pub fn check_publishable(journey: &Value) -> MockResult<()> {
    let start = journey.get("StartCondition");
    let has_start = start.is_some_and(|s| {
        s.get("SegmentStartCondition").is_some_and(|v| !v.is_null())
            || s.get("EventStartCondition").is_some_and(|v| !v.is_null())
    });
    if !has_start {
        return bad(
            "A journey needs a StartCondition (SegmentStartCondition or EventStartCondition) to be published",
        );
    }
    if text(journey, "StartActivity").is_none() {
        return bad("A journey needs a StartActivity to be published");
    }
    Ok(())
}

/// The members an active or paused journey keeps: the service lets its settings change but
/// not its activities or how endpoints enter it.
pub const FIXED_WHEN_PUBLISHED: [&str; 3] = ["Activities", "StartActivity", "StartCondition"];

/// Checks an update of a journey in `state` against the journey as it is.
pub fn check_update(state: &str, current: &Value, update: &Value) -> MockResult<()> {
    match state {
        "DRAFT" => Ok(()),
        "ACTIVE" | "PAUSED" => {
            for member in FIXED_WHEN_PUBLISHED {
                if update.get(member).is_some_and(|v| Some(v) != current.get(member)) {
                    return bad(format!(
                        "{member} of a published journey ({state}) cannot be changed; cancel it and create a new journey"
                    ));
                }
            }
            Ok(())
        }
        other => bad(format!("A journey that is {other} cannot be updated")),
    }
}

/// The state a request moves a journey to from `from`, or the service's refusal.
pub fn check_transition(journey: &Value, from: &str, to: &str) -> MockResult<()> {
    let allowed = match (from, to) {
        ("DRAFT", "ACTIVE") => {
            check_publishable(journey)?;
            true
        }
        ("ACTIVE", "PAUSED") => {
            if text(journey, "RefreshFrequency").is_none() {
                return bad(
                    "Only a journey with a segment refresh interval (RefreshFrequency) can be PAUSED",
                );
            }
            true
        }
        ("PAUSED", "ACTIVE") | ("ACTIVE" | "PAUSED" | "CLOSED", "CANCELLED") => true,
        _ => false,
    };
    if !["ACTIVE", "PAUSED", "CANCELLED"].contains(&to) {
        return bad(format!(
            "State '{to}' cannot be set; the supported values are ACTIVE, PAUSED and CANCELLED"
        ));
    }
    if allowed { Ok(()) } else { bad(format!("A journey that is {from} cannot become {to}")) }
}

/// The state a new journey starts in: `DRAFT`, or `ACTIVE` when the request publishes it.
pub fn initial_state(request: &Value) -> MockResult<&'static str> {
    match text(request, "State") {
        None | Some("DRAFT") => Ok("DRAFT"),
        Some("ACTIVE") => {
            check_publishable(request)?;
            Ok("ACTIVE")
        }
        Some(other) => bad(format!("A new journey is DRAFT or ACTIVE, not {other}")),
    }
}
