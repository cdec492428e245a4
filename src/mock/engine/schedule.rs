//! When a campaign runs and to whom: the run instants of a schedule, the cohort split into
//! holdout and treatments, the effective limits and quiet time (campaign over project), and
//! when each time zone of a local-time run is due. Pure functions of the campaign, the
//! project's settings and the time, so the rules are tested without a store.

use std::str::FromStr;

use chrono::{DateTime, Duration, Months, Timelike, Utc};
use chrono_tz::Tz;
use serde_json::Value;

use crate::mock::store::OpenRun;
use crate::mock::wire::Endpoint;
use crate::pinpoint::rules;

pub(super) fn text<'a>(v: &'a Value, pointer: &str) -> Option<&'a str> {
    v.pointer(pointer).and_then(Value::as_str)
}

pub(super) fn int(v: &Value, pointer: &str) -> Option<i64> {
    v.pointer(pointer).and_then(Value::as_i64)
}

/// The scheduled instants of a campaign: the first, then each after `last`.
pub(super) fn next_run(campaign: &Value, last: Option<DateTime<Utc>>) -> Option<DateTime<Utc>> {
    let start = match text(campaign, "/Schedule/StartTime") {
        None | Some("IMMEDIATE") => {
            text(campaign, "/CreationDate").and_then(|t| rules::iso_timestamp("", t).ok())?
        }
        Some(t) => rules::iso_timestamp("", t).ok()?,
    };
    let frequency = text(campaign, "/Schedule/Frequency").unwrap_or("ONCE");
    let next = match (last, frequency) {
        (_, "EVENT" | "IN_APP_EVENT") | (Some(_), "ONCE") => return None,
        (None, _) => start,
        (Some(t), "HOURLY") => t + Duration::hours(1),
        (Some(t), "DAILY") => t + Duration::days(1),
        (Some(t), "WEEKLY") => t + Duration::weeks(1),
        (Some(t), "MONTHLY") => t.checked_add_months(Months::new(1))?,
        (Some(_), _) => return None,
    };
    match text(campaign, "/Schedule/EndTime").and_then(|t| rules::iso_timestamp("", t).ok()) {
        Some(end) if next > end => None,
        _ => Some(next),
    }
}

/// The cohort split: index 0 is the default treatment, 1.. the additional ones; `None` is the
/// holdout. Holdout takes the first cohorts, then each additional treatment its share, and the
/// default treatment the rest.
pub(super) fn allocate(campaign: &Value, cohort: u8) -> Option<usize> {
    let holdout = int(campaign, "/HoldoutPercent").unwrap_or(0);
    let cohort = i64::from(cohort);
    if cohort < holdout {
        return None;
    }
    let mut edge = holdout;
    for (i, t) in campaign
        .get("AdditionalTreatments")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        edge += t.get("SizePercent").and_then(Value::as_i64).unwrap_or(0);
        if cohort < edge {
            return Some(i + 1);
        }
    }
    Some(0)
}

pub(super) fn treatment_id(index: usize) -> String {
    index.to_string()
}

/// The effective limits: each campaign member overrides the project's.
pub(super) fn limit(campaign: &Value, settings: &Value, member: &str) -> Option<i64> {
    int(campaign, &format!("/Limits/{member}"))
        .filter(|v| *v > 0)
        .or_else(|| int(settings, &format!("/Limits/{member}")).filter(|v| *v > 0))
}

pub(super) fn quiet_window(campaign: &Value, settings: &Value) -> Option<(u16, u16)> {
    let parse = |v: &Value| {
        let start = rules::parse_hh_mm(text(v, "/Start")?)?;
        let end = rules::parse_hh_mm(text(v, "/End")?)?;
        Some((start, end))
    };
    campaign
        .pointer("/Schedule/QuietTime")
        .and_then(parse)
        .or_else(|| settings.get("QuietTime").and_then(parse))
}

/// True when an endpoint in zone `tz` is inside the quiet window at `at` (inclusive bounds;
/// a window whose start is after its end wraps past midnight).
#[must_use]
pub fn in_quiet_time(window: (u16, u16), tz: Tz, at: DateTime<Utc>) -> bool {
    let local = at.with_timezone(&tz);
    let minute = (local.hour() * 60 + local.minute()) as u16;
    let (start, end) = window;
    if start <= end { minute >= start && minute <= end } else { minute >= start || minute <= end }
}

pub(super) fn endpoint_zone(endpoint: &Endpoint) -> Option<Tz> {
    endpoint.timezone().and_then(|z| Tz::from_str(z).ok())
}

/// When a zone of an open run is due: its wall-clock time there, or the run's instant.
pub(super) fn zone_due(run: &OpenRun, zone: &str) -> DateTime<Utc> {
    match (run.wall, Tz::from_str(zone)) {
        (Some(wall), Ok(tz)) => {
            wall.and_local_timezone(tz).earliest().map_or(run.scheduled, |t| t.with_timezone(&Utc))
        }
        _ => run.scheduled,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn quiet_time_wraps_past_midnight_in_each_zone() {
        let window = (22 * 60, 7 * 60);
        let at = |h: u32| {
            DateTime::parse_from_rfc3339(&format!("2026-11-26T{h:02}:30:00Z"))
                .unwrap()
                .with_timezone(&Utc)
        };
        // 06:30 UTC is 22:30 the day before in Los Angeles (quiet) and 07:30 in Paris (not).
        assert!(in_quiet_time(window, chrono_tz::America::Los_Angeles, at(6)));
        assert!(!in_quiet_time(window, chrono_tz::Europe::Paris, at(6)));
        // 23:30 UTC is 08:30 in Tokyo (not quiet), 23:30 in London (quiet).
        assert!(!in_quiet_time(window, chrono_tz::Asia::Tokyo, at(23)));
        assert!(in_quiet_time(window, chrono_tz::Europe::London, at(23)));
        assert!(!in_quiet_time((9 * 60, 17 * 60), chrono_tz::UTC, at(18)));
    }

    #[test]
    fn cohorts_fill_holdout_then_treatments_then_default() {
        let c = json!({"HoldoutPercent": 10, "AdditionalTreatments": [{"SizePercent": 20}, {"SizePercent": 30}]});
        assert_eq!(allocate(&c, 0), None);
        assert_eq!(allocate(&c, 9), None);
        assert_eq!(allocate(&c, 10), Some(1));
        assert_eq!(allocate(&c, 29), Some(1));
        assert_eq!(allocate(&c, 30), Some(2));
        assert_eq!(allocate(&c, 59), Some(2));
        assert_eq!(allocate(&c, 60), Some(0));
        assert_eq!(allocate(&c, 99), Some(0));
    }
}
