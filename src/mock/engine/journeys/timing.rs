//! Journey time: ISO-8601 durations (`WaitFor`, `RefreshFrequency`,
//! `EndpointReentryInterval`), `WaitUntil` and schedule instants (in each endpoint's zone
//! when the journey uses `LocalTime`), and when a message may leave: outside the quiet time,
//! inside the channel's open hours, on no closed day. Pure functions of the journey, the
//! endpoint's zone and the time, so the rules are tested without a store.

use std::str::FromStr;

use chrono::{DateTime, Datelike, Duration, NaiveDateTime, NaiveTime, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use serde_json::Value;

use crate::pinpoint::rules;

pub use crate::pinpoint::rules::iso_duration;

/// The endpoint's zone, UTC when it has none (or an unknown one).
#[must_use]
pub fn zone_or_utc(zone: Option<&str>) -> Tz {
    zone.and_then(|z| Tz::from_str(z).ok()).unwrap_or(Tz::UTC)
}

/// An ISO-8601 instant of the journey; with `LocalTime`, its wall-clock time read in `zone`.
#[must_use]
pub fn instant(text: &str, local: bool, zone: Tz) -> Option<DateTime<Utc>> {
    let at = rules::iso_timestamp("", text).ok()?;
    if !local {
        return Some(at);
    }
    let wall: NaiveDateTime = at.naive_utc();
    zone.from_local_datetime(&wall).earliest().map(|t| t.with_timezone(&Utc)).or(Some(at))
}

/// `QuietTime` of the journey, else of the project: start and end minutes of the day.
#[must_use]
pub fn quiet_window(journey: &Value, settings: &Value) -> Option<(u16, u16)> {
    let parse = |v: &Value| {
        let start = rules::parse_hh_mm(v.get("Start")?.as_str()?)?;
        let end = rules::parse_hh_mm(v.get("End")?.as_str()?)?;
        Some((start, end))
    };
    journey.get("QuietTime").and_then(parse).or_else(|| settings.get("QuietTime").and_then(parse))
}

fn minute_of(at: DateTime<Tz>) -> u16 {
    (at.hour() * 60 + at.minute()) as u16
}

/// When the quiet window holding `at` (in `zone`) ends; `None` when `at` is not quiet.
#[must_use]
pub fn quiet_until(window: (u16, u16), zone: Tz, at: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let local = at.with_timezone(&zone);
    let minute = minute_of(local);
    let (start, end) = window;
    let quiet = if start <= end {
        minute >= start && minute < end
    } else {
        minute >= start || minute < end
    };
    if !quiet {
        return None;
    }
    let day =
        if minute >= end { local.date_naive() + Duration::days(1) } else { local.date_naive() };
    let end_time = NaiveTime::from_hms_opt(u32::from(end / 60), u32::from(end % 60), 0)?;
    zone.from_local_datetime(&day.and_time(end_time))
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .or(Some(at + Duration::hours(1)))
}

const DAYS: [&str; 7] =
    ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"];

/// The open-hours windows of one day (minutes of the day) for a channel (`EMAIL`, `SMS`,
/// `PUSH`, `VOICE`, `CUSTOM`); `None` when the journey sets no open hours for the channel.
fn open_windows(journey: &Value, channel: &str, day: usize) -> Option<Vec<(u16, u16)>> {
    let rules_of_channel = journey.pointer(&format!("/OpenHours/{channel}"))?.as_object()?;
    let day_rules = rules_of_channel.get(DAYS[day]).and_then(Value::as_array);
    Some(
        day_rules
            .into_iter()
            .flatten()
            .filter_map(|r| {
                let start = rules::parse_hh_mm(r.get("StartTime")?.as_str()?)?;
                let end = rules::parse_hh_mm(r.get("EndTime")?.as_str()?)?;
                Some((start, end))
            })
            .collect(),
    )
}

/// The closed-day rules of a channel: (start, end) instants.
fn closed_days(journey: &Value, channel: &str, zone: Tz) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    journey
        .pointer(&format!("/ClosedDays/{channel}"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|r| {
            let start = instant(r.get("StartDateTime")?.as_str()?, true, zone)?;
            let end = instant(r.get("EndDateTime")?.as_str()?, true, zone)?;
            Some((start, end))
        })
        .collect()
}

/// The first instant at or after `at` when the journey may message a `channel` endpoint in
/// `zone`: out of its closed days and within its open hours (both read in the endpoint's
/// local time), when the journey's `SendingSchedule` is on. `at` itself when nothing holds
/// the message back; `None` when no open hour comes within two weeks (the channel's open
/// hours are empty).
#[must_use]
pub fn open_at(
    journey: &Value,
    channel: &str,
    zone: Tz,
    at: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    if journey.get("SendingSchedule").and_then(Value::as_bool) != Some(true) {
        return Some(at);
    }
    let closed = closed_days(journey, channel, zone);
    let mut t = at;
    // Each pass moves `t` forward to the end of a closed day or the next open window.
    for _ in 0..64 {
        if let Some((_, end)) = closed.iter().find(|(s, e)| *s <= t && t < *e) {
            t = *end;
            continue;
        }
        let local = t.with_timezone(&zone);
        let day = local.weekday().num_days_from_monday() as usize;
        let Some(windows) = open_windows(journey, channel, day) else { return Some(t) };
        let minute = minute_of(local);
        if windows.iter().any(|(s, e)| minute >= *s && minute < *e) {
            return Some(t);
        }
        // The next window start today, or the first of the days after.
        let next_today = windows.iter().map(|(s, _)| *s).filter(|s| *s > minute).min();
        let (date, start) = if let Some(s) = next_today {
            (local.date_naive(), s)
        } else {
            (1..=14).find_map(|ahead| {
                let date = local.date_naive() + Duration::days(ahead);
                let d = date.weekday().num_days_from_monday() as usize;
                let first = open_windows(journey, channel, d)?.iter().map(|(s, _)| *s).min()?;
                Some((date, first))
            })?
        };
        let time = NaiveTime::from_hms_opt(u32::from(start / 60), u32::from(start % 60), 0)?;
        t = zone
            .from_local_datetime(&date.and_time(time))
            .earliest()
            .map_or(t + Duration::hours(1), |x| x.with_timezone(&Utc));
    }
    Some(t)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn durations_read_the_iso_forms() {
        assert_eq!(iso_duration("PT1H"), Some(Duration::hours(1)));
        assert_eq!(iso_duration("P3D"), Some(Duration::days(3)));
        assert_eq!(iso_duration("P1DT12H30M"), Some(Duration::minutes(36 * 60 + 30)));
        assert_eq!(iso_duration("P2W"), Some(Duration::weeks(2)));
        for bad in ["", "P", "PT", "1D", "P1H", "PT1D", "P0D", "PTM", "P1D2"] {
            assert_eq!(iso_duration(bad), None, "{bad}");
        }
    }

    #[test]
    fn quiet_time_ends_in_each_zone() {
        let window = (22 * 60, 7 * 60);
        // 06:30 UTC: 22:30 in Los Angeles (quiet until 07:00 there, 15:00 UTC), 07:30 in Paris.
        let at = utc("2026-11-26T06:30:00Z");
        assert_eq!(
            quiet_until(window, chrono_tz::America::Los_Angeles, at),
            Some(utc("2026-11-26T15:00:00Z"))
        );
        assert_eq!(quiet_until(window, chrono_tz::Europe::Paris, at), None);
    }

    #[test]
    fn open_hours_and_closed_days_hold_a_message_back() {
        let journey = json!({
            "SendingSchedule": true,
            "OpenHours": {"SMS": {"MONDAY": [{"StartTime": "09:00", "EndTime": "17:00"}],
                                  "TUESDAY": [{"StartTime": "09:00", "EndTime": "17:00"}]}},
            "ClosedDays": {"SMS": [{"Name": "holiday", "StartDateTime": "2026-11-30T00:00:00Z",
                                    "EndDateTime": "2026-12-01T00:00:00Z"}]}
        });
        let tokyo = chrono_tz::Asia::Tokyo;
        // Sunday 2026-11-29 12:00 in Tokyo: Monday is closed, so Tuesday 09:00 in Tokyo.
        let at = utc("2026-11-29T03:00:00Z");
        assert_eq!(open_at(&journey, "SMS", tokyo, at), Some(utc("2026-12-01T00:00:00Z")));
        // Email has no open hours: at once.
        assert_eq!(open_at(&journey, "EMAIL", tokyo, at), Some(at));
        // Tuesday 10:00 in New York is open.
        let ny = utc("2026-12-01T15:00:00Z");
        assert_eq!(open_at(&journey, "SMS", chrono_tz::America::New_York, ny), Some(ny));
    }
}
