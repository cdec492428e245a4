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

use std::collections::BTreeMap;

use serde_json::Value;

use super::{MockError, MockResult, ProjectRecord};
use crate::mock::engine::journeys::graph::{is_message, kind, kinds_of, targets};
use crate::mock::engine::journeys::timing::iso_duration;
use crate::pinpoint::graph::find_cycle;
use crate::pinpoint::rules;

/// Most activities in one journey.
pub const MAX_ACTIVITIES: usize = 40;
/// Most paths of a random split.
pub const MAX_RANDOM_BRANCHES: usize = 5;
/// Most conditional paths of a multivariate split (its default path comes on top).
pub const MAX_MULTI_BRANCHES: usize = 4;
/// Largest daily, total, re-entry and timeframe cap.
pub const MAX_CAP: i64 = 100;
/// Longest `TimeframeCap` in days.
pub const MAX_TIMEFRAME_DAYS: i64 = 30;
/// The days `OpenHours` are given for (the model's `DayOfWeek`).
const DAYS: [&str; 7] =
    ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"];

fn bad<T>(message: impl Into<String>) -> MockResult<T> {
    Err(MockError::bad_request(message.into()))
}

fn text<'a>(v: &'a Value, member: &str) -> Option<&'a str> {
    v.get(member).and_then(Value::as_str)
}

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
fn check_activities(app: &ProjectRecord, journey: &Value) -> MockResult<()> {
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

fn check_limits(journey: &Value) -> MockResult<()> {
    let Some(limits) = journey.get("Limits") else { return Ok(()) };
    for member in ["DailyCap", "TotalCap", "EndpointReentryCap"] {
        if let Some(v) = limits.get(member).and_then(Value::as_i64)
            && !(0..=MAX_CAP).contains(&v)
        {
            return bad(format!("Limits.{member} must be between 0 and {MAX_CAP}"));
        }
    }
    if let Some(v) = limits.get("MessagesPerSecond").and_then(Value::as_i64) {
        rules::messages_per_second(
            "Limits.MessagesPerSecond",
            i32::try_from(v).unwrap_or(i32::MAX),
        )
        .map_err(MockError::bad_request)?;
    }
    if let Some(i) = text(limits, "EndpointReentryInterval")
        && iso_duration(i).is_none()
    {
        return bad(format!(
            "Limits.EndpointReentryInterval '{i}' is not an ISO-8601 duration such as PT1H"
        ));
    }
    if let Some(cap) = limits.get("TimeframeCap") {
        for (member, most) in [("Cap", MAX_CAP), ("Days", MAX_TIMEFRAME_DAYS)] {
            if cap.get(member).and_then(Value::as_i64).is_some_and(|v| !(0..=most).contains(&v)) {
                return bad(format!("Limits.TimeframeCap.{member} must be between 0 and {most}"));
            }
        }
    }
    Ok(())
}

fn check_times(journey: &Value) -> MockResult<()> {
    if let Some(quiet) = journey.get("QuietTime") {
        let start = text(quiet, "Start").filter(|s| !s.is_empty());
        let end = text(quiet, "End").filter(|s| !s.is_empty());
        for (member, value) in [("Start", start), ("End", end)] {
            if let Some(v) = value {
                rules::quiet_time_bound(&format!("QuietTime.{member}"), v)
                    .map_err(MockError::bad_request)?;
            }
        }
        rules::quiet_time_pair(start, end).map_err(MockError::bad_request)?;
    }
    if let Some(schedule) = journey.get("Schedule") {
        let at = |m: &str| -> MockResult<Option<chrono::DateTime<chrono::Utc>>> {
            text(schedule, m)
                .map(|t| {
                    rules::iso_timestamp(&format!("Schedule.{m}"), t)
                        .map_err(MockError::bad_request)
                })
                .transpose()
        };
        if let (Some(s), Some(e)) = (at("StartTime")?, at("EndTime")?)
            && e <= s
        {
            return bad("Schedule.EndTime must be after Schedule.StartTime");
        }
    }
    if let Some(f) = text(journey, "RefreshFrequency")
        && iso_duration(f).is_none()
    {
        return bad(format!(
            "RefreshFrequency '{f}' is not an ISO-8601 duration such as PT1H or P1D"
        ));
    }
    let scheduled = journey.get("SendingSchedule").and_then(Value::as_bool) == Some(true);
    for member in ["OpenHours", "ClosedDays"] {
        if journey.get(member).is_some_and(|v| !v.is_null()) && !scheduled {
            return bad(format!(
                "{member} takes effect only with SendingSchedule set to true; set it to use {member}"
            ));
        }
    }
    for (channel, days) in journey.get("OpenHours").and_then(Value::as_object).into_iter().flatten()
    {
        for (day, list) in days.as_object().into_iter().flatten() {
            if !DAYS.contains(&day.as_str()) {
                return bad(format!("OpenHours.{channel}: '{day}' is not a day (MONDAY … SUNDAY)"));
            }
            for (i, rule) in list.as_array().into_iter().flatten().enumerate() {
                let path = format!("OpenHours.{channel}.{day}[{i}]");
                let s = text(rule, "StartTime").and_then(rules::parse_hh_mm);
                let e = text(rule, "EndTime").and_then(rules::parse_hh_mm);
                match (s, e) {
                    (Some(s), Some(e)) if s < e => {}
                    (Some(_), Some(_)) => {
                        return bad(format!("{path}.EndTime must be after its StartTime"));
                    }
                    _ => return bad(format!("{path} needs StartTime and EndTime as HH:MM")),
                }
            }
        }
    }
    for (channel, list) in
        journey.get("ClosedDays").and_then(Value::as_object).into_iter().flatten()
    {
        for (i, rule) in list.as_array().into_iter().flatten().enumerate() {
            let path = format!("ClosedDays.{channel}[{i}]");
            let at = |m: &str| text(rule, m).and_then(|t| rules::iso_timestamp("", t).ok());
            match (at("StartDateTime"), at("EndDateTime")) {
                (Some(s), Some(e)) if s < e => {}
                (Some(_), Some(_)) => {
                    return bad(format!("{path}.EndDateTime must be after its StartDateTime"));
                }
                _ => {
                    return bad(format!(
                        "{path} needs StartDateTime and EndDateTime as ISO-8601 times"
                    ));
                }
            }
        }
    }
    Ok(())
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
