//! A journey's activities: one kind each with its members checked (waits, holdouts, splits
//! and their conditions, custom delivery), targets that exist, no cycle, a start that is one.

use std::collections::BTreeMap;

use serde_json::Value;

use super::{MAX_ACTIVITIES, MAX_MULTI_BRANCHES, MAX_RANDOM_BRANCHES, bad, check_segment, text};
use crate::mock::backend::{MockError, MockResult, ProjectRecord};
use crate::mock::engine::journeys::graph::{is_message, kind, kinds_of, targets};
use crate::mock::engine::journeys::timing::iso_duration;
use crate::pinpoint::graph::find_cycle;
use crate::pinpoint::rules;

/// Checks a `WaitTime` at `path`: exactly one of `WaitFor` (an ISO-8601 duration) and
/// `WaitUntil` (an ISO-8601 time).
fn check_wait_time(path: &str, wait: &Value) -> MockResult<()> {
    match (text(wait, "WaitFor"), text(wait, "WaitUntil")) {
        (Some(_), Some(_)) => bad(format!("{path} takes WaitFor or WaitUntil, not both")),
        (None, None) => bad(format!("{path} needs WaitFor (an ISO-8601 duration) or WaitUntil")),
        (Some(d), None) => match iso_duration(d) {
            Some(_) => Ok(()),
            None => {
                bad(format!("{path}.WaitFor '{d}' is not an ISO-8601 duration such as PT1H or P3D"))
            }
        },
        (None, Some(t)) => {
            rules::iso_timestamp(&format!("{path}.WaitUntil"), t)
                .map_err(MockError::bad_request)?;
            Ok(())
        }
    }
}

/// Checks one `SimpleCondition` at `path`.
fn check_condition(
    app: &ProjectRecord,
    activities: &serde_json::Map<String, Value>,
    path: &str,
    condition: &Value,
) -> MockResult<()> {
    let set: Vec<&str> = ["EventCondition", "SegmentCondition", "segmentDimensions"]
        .into_iter()
        .filter(|m| condition.get(*m).is_some_and(|v| !v.is_null()))
        .collect();
    if set.len() != 1 {
        return bad(format!(
            "{path} takes exactly one of EventCondition, SegmentCondition and SegmentDimensions"
        ));
    }
    if let Some(segment) = condition.get("SegmentCondition") {
        check_segment(
            app,
            &format!("{path}.SegmentCondition.SegmentId"),
            text(segment, "SegmentId"),
        )?;
    }
    if let Some(event) = condition.get("EventCondition") {
        if event.get("Dimensions").is_none_or(Value::is_null) {
            return bad(format!("{path}.EventCondition.Dimensions is required"));
        }
        if let Some(message) = text(event, "MessageActivity") {
            let sends = activities.get(message).and_then(kind).is_some_and(is_message);
            if !sends {
                return bad(format!(
                    "{path}.EventCondition.MessageActivity names '{message}', which is not a message activity of this journey"
                ));
            }
        }
    }
    Ok(())
}

/// Checks one activity's own members.
fn check_activity(
    app: &ProjectRecord,
    activities: &serde_json::Map<String, Value>,
    id: &str,
    kind: &str,
    activity: &Value,
) -> MockResult<()> {
    let path = format!("Activities.{id}.{kind}");
    let body = activity.get(kind).unwrap_or(&Value::Null);
    match kind {
        "Wait" => match body.get("WaitTime") {
            Some(w) => check_wait_time(&format!("{path}.WaitTime"), w),
            None => bad(format!("{path}.WaitTime is required")),
        },
        "Holdout" => {
            let p = body.get("Percentage").and_then(Value::as_i64).unwrap_or(-1);
            if (0..=100).contains(&p) {
                Ok(())
            } else {
                bad(format!("{path}.Percentage must be between 0 and 100"))
            }
        }
        "RandomSplit" => {
            let branches =
                body.get("Branches").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
            if branches.is_empty() || branches.len() > MAX_RANDOM_BRANCHES {
                return bad(format!(
                    "{path}.Branches has {} paths; a random split takes 1 to {MAX_RANDOM_BRANCHES}",
                    branches.len()
                ));
            }
            let mut total = 0;
            for (i, b) in branches.iter().enumerate() {
                let p = b.get("Percentage").and_then(Value::as_i64).unwrap_or(0);
                if !(0..=100).contains(&p) {
                    return bad(format!(
                        "{path}.Branches[{i}].Percentage must be between 0 and 100"
                    ));
                }
                total += p;
            }
            if total == 100 {
                Ok(())
            } else {
                bad(format!("{path}.Branches percentages add up to {total}, not 100"))
            }
        }
        "ConditionalSplit" => {
            if let Some(w) = body.get("EvaluationWaitTime") {
                check_wait_time(&format!("{path}.EvaluationWaitTime"), w)?;
            }
            let Some(condition) = body.get("Condition") else {
                return bad(format!("{path}.Condition is required"));
            };
            let list = condition
                .get("Conditions")
                .and_then(Value::as_array)
                .map_or(&[][..], Vec::as_slice);
            if list.is_empty() {
                return bad(format!("{path}.Condition.Conditions needs at least one condition"));
            }
            for (i, c) in list.iter().enumerate() {
                check_condition(app, activities, &format!("{path}.Condition.Conditions[{i}]"), c)?;
            }
            Ok(())
        }
        "MultiCondition" => {
            if let Some(w) = body.get("EvaluationWaitTime") {
                check_wait_time(&format!("{path}.EvaluationWaitTime"), w)?;
            }
            let branches =
                body.get("Branches").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
            if branches.is_empty() || branches.len() > MAX_MULTI_BRANCHES {
                return bad(format!(
                    "{path}.Branches has {} paths; a multivariate split takes 1 to {MAX_MULTI_BRANCHES} besides its DefaultActivity",
                    branches.len()
                ));
            }
            for (i, b) in branches.iter().enumerate() {
                match b.get("Condition") {
                    Some(c) => check_condition(
                        app,
                        activities,
                        &format!("{path}.Branches[{i}].Condition"),
                        c,
                    )?,
                    None => return bad(format!("{path}.Branches[{i}].Condition is required")),
                }
            }
            Ok(())
        }
        "CUSTOM" => {
            let has_target = text(body, "DeliveryUri").is_some_and(|u| !u.is_empty());
            if has_target { Ok(()) } else { bad(format!("{path}.DeliveryUri is required")) }
        }
        _ => Ok(()),
    }
}

/// Checks the activities: a kind each, their members, targets that exist, no cycle.
pub(super) fn check_activities(app: &ProjectRecord, journey: &Value) -> MockResult<()> {
    let empty = serde_json::Map::new();
    let activities = journey.get("Activities").and_then(Value::as_object).unwrap_or(&empty);
    if activities.len() > MAX_ACTIVITIES {
        return bad(format!(
            "Activities has {} activities; a journey takes at most {MAX_ACTIVITIES}",
            activities.len()
        ));
    }
    let mut edges: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (id, activity) in activities {
        if id.is_empty()
            || id.len() > 100
            || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            return bad(format!(
                "Activities: '{id}' is not an activity id (1 to 100 letters, digits, '-' or '_')"
            ));
        }
        let kinds = kinds_of(activity);
        let [kind] = kinds[..] else {
            return bad(format!(
                "Activities.{id} must set exactly one activity type (EMAIL, SMS, PUSH, CUSTOM, Wait, Holdout, RandomSplit, ConditionalSplit, MultiCondition, ContactCenter); it sets {}",
                if kinds.is_empty() { "none".to_owned() } else { kinds.join(", ") }
            ));
        };
        check_activity(app, activities, id, kind, activity)?;
        let mut next = Vec::new();
        for (member, target) in targets(kind, activity) {
            if !activities.contains_key(target) {
                return bad(format!(
                    "Activities.{id}.{kind}.{member} names '{target}', which is not an activity"
                ));
            }
            next.push(target);
        }
        edges.insert(id.as_str(), next);
    }
    if let Some(cycle) = find_cycle(&edges) {
        return bad(format!(
            "Activities form a cycle ({}); a journey's activities must not lead back to one another",
            cycle.join(" → ")
        ));
    }
    if let Some(start) = text(journey, "StartActivity")
        && !activities.contains_key(start)
    {
        return bad(format!("StartActivity names '{start}', which is not an activity"));
    }
    Ok(())
}
