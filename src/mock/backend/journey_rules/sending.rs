//! When and how often a journey sends: its caps (`Limits`), quiet time, schedule, refresh
//! frequency, open hours and closed days.

use serde_json::Value;

use super::{MAX_CAP, MAX_TIMEFRAME_DAYS, bad, text};
use crate::mock::backend::{MockError, MockResult};
use crate::mock::engine::journeys::timing::iso_duration;
use crate::pinpoint::rules;

/// The days `OpenHours` are given for (the model's `DayOfWeek`).
const DAYS: [&str; 7] =
    ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"];

pub(super) fn check_limits(journey: &Value) -> MockResult<()> {
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

pub(super) fn check_times(journey: &Value) -> MockResult<()> {
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
