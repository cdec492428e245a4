//! The schedule: what it means in one sentence, and its checks and `Schedule` for the request
//! (a member that fails its check is left out, its message recorded).

use std::fmt::Write as _;

use aws_sdk_pinpoint::types::{
    CampaignEventFilter, DimensionType, EventDimensions, FilterType, Frequency, QuietTime,
    Schedule, SetDimension,
};

use super::event_filter::{event_attributes, event_metrics};
use super::{FILTER_TYPES, FREQUENCIES, ScheduleDraft, keep, list, opt};
use crate::drafts::FieldErrors;
use crate::pinpoint::rules;

fn time_of(iso: &str) -> Option<String> {
    let at = chrono::DateTime::parse_from_rfc3339(iso).ok()?;
    Some(at.format("%H:%M").to_string())
}

fn date_of(iso: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(iso)
        .map_or_else(|_| iso.to_owned(), |at| at.format("%Y-%m-%d %H:%M").to_string())
}

impl ScheduleDraft {
    /// What the schedule means, in one sentence.
    #[must_use]
    pub fn sentence(&self) -> String {
        let start = self.start_time.trim();
        let at = time_of(start);
        let weekday =
            chrono::DateTime::parse_from_rfc3339(start).ok().map(|d| d.format("%A").to_string());
        let day_of_month =
            chrono::DateTime::parse_from_rfc3339(start).ok().map(|d| d.format("%-d").to_string());
        let when = at.clone().unwrap_or_else(|| "the start time".into());
        let zone = if self.local_time {
            " in each recipient's local time".to_owned()
        } else if !self.timezone.is_empty() {
            format!(" ({})", self.timezone)
        } else {
            String::new()
        };
        let mut s = match (self.frequency.as_str(), self.immediate) {
            ("ONCE", true) => "Once, immediately after saving".to_owned(),
            ("ONCE", false) => format!("Once, at {}{zone}", date_of(start)),
            ("HOURLY", _) => format!("Every hour{zone}"),
            ("DAILY", _) => format!("Every day at {when}{zone}"),
            ("WEEKLY", _) => format!(
                "Every {} at {when}{zone}",
                weekday.unwrap_or_else(|| "week on the start day".into())
            ),
            ("MONTHLY", _) => format!(
                "Every month on day {} at {when}{zone}",
                day_of_month.unwrap_or_else(|| "of the start".into())
            ),
            ("EVENT" | "IN_APP_EVENT", _) => {
                let types = if self.event_types.trim().is_empty() {
                    "an event (name its types below)".to_owned()
                } else if self.event_exclusive {
                    format!("any event except {}", self.event_types.trim())
                } else {
                    format!("event {}", self.event_types.trim())
                };
                format!("Whenever an endpoint reports {types}")
            }
            (other, _) => format!("{other} from the start time"),
        };
        if !self.immediate && !start.is_empty() && self.frequency != "ONCE" {
            let _ = write!(s, ", from {}", date_of(start));
        }
        if !self.end_time.trim().is_empty() {
            let _ = write!(s, " to {}", date_of(self.end_time.trim()));
        }
        if !self.quiet_start.trim().is_empty() && !self.quiet_end.trim().is_empty() {
            let _ = write!(s, ", silent {}-{}", self.quiet_start.trim(), self.quiet_end.trim());
        }
        s.push('.');
        s
    }
}

/// The start (`IMMEDIATE` or a timestamp) and the end, each checked against the frequency and
/// the other; one that fails is left out.
fn start_and_end(
    s: &ScheduleDraft,
    key: &dyn Fn(&str) -> String,
    errors: &mut FieldErrors,
) -> (Option<String>, Option<String>) {
    let event = matches!(s.frequency.as_str(), "EVENT" | "IN_APP_EVENT");
    let (start, at) = if s.immediate {
        if event {
            errors.add(key("start"), "An event-triggered campaign needs a start time");
            (None, None)
        } else if s.frequency != "ONCE" {
            errors.add(key("start"), "A recurring campaign needs a start time");
            (None, None)
        } else {
            (Some("IMMEDIATE".to_owned()), None)
        }
    } else {
        let text = s.start_time.trim();
        match rules::iso_timestamp("Start", text) {
            Ok(at) => (Some(text.to_owned()), Some(at)),
            Err(message) => {
                errors.add(key("start"), message);
                (None, None)
            }
        }
    };
    let end =
        keep(errors, key("end"), opt(&s.end_time), |end| match rules::iso_timestamp("End", end) {
            Ok(end) if at.is_some_and(|start| end <= start) => {
                Err("The end must be after the start".to_owned())
            }
            Ok(_) => Ok(()),
            Err(message) => Err(message),
        });
    (start, end)
}

/// Quiet time: both bounds as `HH:MM`, or neither.
fn quiet_time(
    s: &ScheduleDraft,
    key: &dyn Fn(&str) -> String,
    errors: &mut FieldErrors,
) -> Option<QuietTime> {
    let (qs, qe) = (opt(&s.quiet_start), opt(&s.quiet_end));
    let pair = rules::quiet_time_pair(qs.as_deref(), qe.as_deref());
    let start = keep(errors, key("quiet_start"), qs, |v| rules::quiet_time_bound("Start", v));
    let end = keep(errors, key("quiet_end"), qe, |v| rules::quiet_time_bound("End", v));
    errors.check(key("quiet_end"), pair);
    match (start, end) {
        (Some(start), Some(end)) => Some(QuietTime::builder().start(start).end(end).build()),
        _ => None,
    }
}

/// The event filter of an event-triggered schedule: the event types (left out until one is
/// named), the attribute and metric lines that parse, and the filter type.
fn event_filter(
    s: &ScheduleDraft,
    key: &dyn Fn(&str) -> String,
    errors: &mut FieldErrors,
) -> CampaignEventFilter {
    let types = list(&s.event_types);
    if types.is_empty() {
        errors.add(key("event_types"), "Name at least one event type, e.g. _session.start");
    }
    let event_type = (!types.is_empty()).then(|| {
        SetDimension::builder()
            .dimension_type(if s.event_exclusive {
                DimensionType::Exclusive
            } else {
                DimensionType::Inclusive
            })
            .set_values(Some(types))
            .build()
    });
    let filter_type = keep(errors, key("filter_type"), Some(s.filter_type.as_str()), |t| {
        if FILTER_TYPES.contains(t) { Ok(()) } else { Err("Choose ENDPOINT or SYSTEM".to_owned()) }
    });
    let attributes = event_attributes(&s.event_attributes, &key("event_attributes"), errors);
    let metrics = event_metrics(&s.event_metrics, &key("event_metrics"), errors);
    CampaignEventFilter::builder()
        .dimensions(
            EventDimensions::builder()
                .set_event_type(event_type)
                .set_attributes((!attributes.is_empty()).then_some(attributes))
                .set_metrics((!metrics.is_empty()).then_some(metrics))
                .build(),
        )
        .set_filter_type(filter_type.map(FilterType::from))
        .build()
}

/// The campaign's schedule (`prefix` `schedule.`) or a treatment's (`t0.schedule.`). A member
/// that fails its check is left out and its message recorded under `prefix` + the field.
pub(super) fn schedule(s: &ScheduleDraft, prefix: &str, errors: &mut FieldErrors) -> Schedule {
    let key = |member: &str| format!("{prefix}{member}");
    let frequency = keep(errors, key("frequency"), Some(s.frequency.as_str()), |f| {
        if FREQUENCIES.contains(f) { Ok(()) } else { Err(format!("'{f}' is not a frequency")) }
    });
    let (start, end) = start_and_end(s, &key, errors);
    let timezone = keep(errors, key("timezone"), opt(&s.timezone), |z| {
        if rules::SCHEDULE_TIMEZONES.contains(&z.as_str()) {
            Ok(())
        } else {
            Err(format!("'{z}' is not a schedule time zone"))
        }
    });
    let quiet = quiet_time(s, &key, errors);
    let event = matches!(s.frequency.as_str(), "EVENT" | "IN_APP_EVENT");
    let filter = event.then(|| event_filter(s, &key, errors));
    Schedule::builder()
        .set_start_time(start)
        .set_end_time(end)
        .set_frequency(frequency.map(Frequency::from))
        .set_is_local_time(s.local_time.then_some(true))
        .set_timezone(timezone)
        .set_quiet_time(quiet)
        .set_event_filter(filter)
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedules_are_checked_and_read_as_a_sentence() {
        let mut s = ScheduleDraft {
            immediate: false,
            start_time: "2026-12-07T09:00:00Z".into(),
            end_time: "2027-03-01T00:00:00Z".into(),
            frequency: "WEEKLY".into(),
            local_time: true,
            quiet_start: "22:00".into(),
            quiet_end: "07:00".into(),
            ..ScheduleDraft::default()
        };
        assert_eq!(
            s.sentence(),
            "Every Monday at 09:00 in each recipient's local time, from 2026-12-07 09:00 to 2027-03-01 00:00, silent 22:00-07:00."
        );
        let mut errors = FieldErrors::default();
        let _ = schedule(&s, "", &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        s.frequency = "EVENT".into();
        s.event_types = "_session.start, purchase".into();
        assert!(s.sentence().starts_with("Whenever an endpoint reports event _session.start"));
        s.end_time = "2026-01-01T00:00:00Z".into();
        s.quiet_end = "25:00".into();
        let built = schedule(&s, "", &mut errors);
        assert_eq!(
            built
                .event_filter()
                .unwrap()
                .dimensions()
                .unwrap()
                .event_type()
                .unwrap()
                .values()
                .len(),
            2
        );
        assert!(errors.get("end").is_some());
        assert!(errors.get("quiet_end").is_some());
        let mut immediate = ScheduleDraft { frequency: "DAILY".into(), ..ScheduleDraft::default() };
        let mut errors = FieldErrors::default();
        let _ = schedule(&immediate, "", &mut errors);
        assert!(errors.get("start").is_some());
        immediate.frequency = "ONCE".into();
        assert_eq!(immediate.sentence(), "Once, immediately after saving.");
    }
}
