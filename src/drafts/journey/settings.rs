//! The journey's own members of the `WriteJourneyRequest`, built for `request`: the start
//! condition, limits, schedule, quiet time, open hours and closed days, each checked as the
//! service checks it, the problem recorded at the member path its message would name.

use std::collections::HashMap;

use aws_sdk_pinpoint::types::{
    ClosedDays, ClosedDaysRule, DayOfWeek, EventFilter, EventStartCondition, FilterType,
    JourneyLimits, JourneySchedule, JourneyTimeframeCap, OpenHours, OpenHoursRule, QuietTime,
    SegmentCondition, StartCondition,
};
use aws_smithy_types::DateTime;
use aws_smithy_types::date_time::Format;

use super::request::{duration, event_dimensions, opt, whole};
use super::{Entry, JourneyDraft};
use crate::drafts::{FieldErrors, split_values};
use crate::pinpoint::rules;

pub(super) fn start_condition(
    errors: &mut FieldErrors,
    d: &JourneyDraft,
) -> Option<StartCondition> {
    let b = StartCondition::builder().set_description(opt(&d.entry_description));
    match &d.entry {
        Entry::None => {
            d.entry_description.trim().is_empty().then_some(()).map_or(Some(b.build()), |()| None)
        }
        Entry::Segment(id) => {
            if id.trim().is_empty() {
                errors.add(
                    "StartCondition.SegmentStartCondition.SegmentId",
                    "Choose the segment whose endpoints enter",
                );
            }
            Some(
                b.segment_start_condition(
                    SegmentCondition::builder().segment_id(id.trim()).build(),
                )
                .build(),
            )
        }
        Entry::Event { event, filter_type, segment } => {
            let path = "StartCondition.EventStartCondition.EventFilter.Dimensions";
            if split_values(&event.types).is_empty() {
                errors.add(
                    format!("{path}.EventType.Values"),
                    "Name at least one event type that starts the journey",
                );
            }
            let filter = EventFilter::builder()
                .dimensions(event_dimensions(errors, path, event))
                .set_filter_type(opt(filter_type).map(|t| FilterType::from(t.as_str())))
                .build();
            Some(
                b.event_start_condition(
                    EventStartCondition::builder()
                        .event_filter(filter)
                        .set_segment_id(opt(segment))
                        .build(),
                )
                .build(),
            )
        }
    }
}

pub(super) fn limits(errors: &mut FieldErrors, l: &super::LimitsDraft) -> Option<JourneyLimits> {
    let cap = (0, rules::MAX_ENDPOINT_CAP);
    let daily = whole(errors, "Limits.DailyCap", &l.daily_cap, cap);
    let total = whole(errors, "Limits.TotalCap", &l.total_cap, cap);
    let reentry = whole(errors, "Limits.EndpointReentryCap", &l.reentry_cap, cap);
    let mps = whole(
        errors,
        "Limits.MessagesPerSecond",
        &l.messages_per_second,
        (rules::MIN_MESSAGES_PER_SECOND, rules::MAX_MESSAGES_PER_SECOND),
    );
    let interval = duration(errors, "Limits.EndpointReentryInterval", &l.reentry_interval);
    let tf_cap = whole(errors, "Limits.TimeframeCap.Cap", &l.timeframe_cap, cap);
    let tf_days = whole(errors, "Limits.TimeframeCap.Days", &l.timeframe_days, (0, 30));
    let timeframe = (tf_cap.is_some() || tf_days.is_some())
        .then(|| JourneyTimeframeCap::builder().set_cap(tf_cap).set_days(tf_days).build());
    let any = [
        &l.daily_cap,
        &l.total_cap,
        &l.reentry_cap,
        &l.messages_per_second,
        &l.reentry_interval,
        &l.timeframe_cap,
        &l.timeframe_days,
    ]
    .iter()
    .any(|t| !t.trim().is_empty());
    any.then(|| {
        JourneyLimits::builder()
            .set_daily_cap(daily)
            .set_total_cap(total)
            .set_endpoint_reentry_cap(reentry)
            .set_messages_per_second(mps)
            .set_endpoint_reentry_interval(interval)
            .set_timeframe_cap(timeframe)
            .build()
    })
}

pub(super) fn schedule(errors: &mut FieldErrors, d: &JourneyDraft) -> Option<JourneySchedule> {
    let mut at = |member: &str, text: &str| -> Option<DateTime> {
        let t = opt(text)?;
        let path = format!("Schedule.{member}");
        match rules::iso_timestamp(&path, &t) {
            Ok(_) => DateTime::from_str(&t, Format::DateTime).ok(),
            Err(message) => {
                errors.add(path, message);
                None
            }
        }
    };
    let (start, end) = (at("StartTime", &d.start_time), at("EndTime", &d.end_time));
    if let (Some(s), Some(e)) = (&start, &end)
        && e <= s
    {
        errors.add("Schedule.EndTime", "The end must be after the start");
    }
    let zone = opt(&d.timezone);
    (start.is_some() || end.is_some() || zone.is_some()).then(|| {
        JourneySchedule::builder()
            .set_start_time(start)
            .set_end_time(end)
            .set_timezone(zone)
            .build()
    })
}

pub(super) fn quiet_time(errors: &mut FieldErrors, d: &JourneyDraft) -> Option<QuietTime> {
    let (start, end) = (opt(&d.quiet_start), opt(&d.quiet_end));
    for (member, v) in [("Start", &start), ("End", &end)] {
        if let Some(v) = v {
            errors.check(
                format!("QuietTime.{member}"),
                rules::quiet_time_bound(&format!("QuietTime.{member}"), v),
            );
        }
    }
    errors.check("QuietTime.End", rules::quiet_time_pair(start.as_deref(), end.as_deref()));
    (start.is_some() || end.is_some())
        .then(|| QuietTime::builder().set_start(start).set_end(end).build())
}

/// A shape with a member per channel (`OpenHours`, `ClosedDays`) from its values by channel.
macro_rules! per_channel {
    ($builder:expr, $by:expr) => {{
        let mut take = |c: &str| $by.remove(c);
        $builder
            .set_email(take("EMAIL"))
            .set_sms(take("SMS"))
            .set_push(take("PUSH"))
            .set_voice(take("VOICE"))
            .set_custom(take("CUSTOM"))
            .build()
    }};
}

pub(super) fn open_hours(errors: &mut FieldErrors, d: &JourneyDraft) -> Option<OpenHours> {
    let mut by: HashMap<&str, HashMap<DayOfWeek, Vec<OpenHoursRule>>> = HashMap::new();
    for (i, r) in d.open_hours.iter().enumerate() {
        let path = format!("OpenHours[{i}]");
        let (s, e) = (rules::parse_hh_mm(r.start.trim()), rules::parse_hh_mm(r.end.trim()));
        match (s, e) {
            (Some(s), Some(e)) if s < e => {}
            (Some(_), Some(_)) => errors.add(&path, "The end must be after the start".to_owned()),
            _ => errors.add(&path, "Type a start and an end as HH:MM".to_owned()),
        }
        let rule = OpenHoursRule::builder()
            .set_start_time(opt(&r.start))
            .set_end_time(opt(&r.end))
            .build();
        by.entry(r.channel.as_str())
            .or_default()
            .entry(DayOfWeek::from(r.day.as_str()))
            .or_default()
            .push(rule);
    }
    (!d.open_hours.is_empty()).then(|| per_channel!(OpenHours::builder(), by))
}

pub(super) fn closed_days(errors: &mut FieldErrors, d: &JourneyDraft) -> Option<ClosedDays> {
    let mut by: HashMap<&str, Vec<ClosedDaysRule>> = HashMap::new();
    for (i, r) in d.closed_days.iter().enumerate() {
        let at = |t: &str| rules::iso_timestamp("", t.trim()).ok();
        match (at(&r.start), at(&r.end)) {
            (Some(s), Some(e)) if s < e => {}
            (Some(_), Some(_)) => {
                errors
                    .add(format!("ClosedDays[{i}]"), "The closed period must end after it starts");
            }
            _ => errors.add(
                format!("ClosedDays[{i}]"),
                "A closed period needs a start and an end as ISO-8601 times",
            ),
        }
        let rule = ClosedDaysRule::builder()
            .set_name(opt(&r.name))
            .set_start_date_time(opt(&r.start))
            .set_end_date_time(opt(&r.end))
            .build();
        by.entry(r.channel.as_str()).or_default().push(rule);
    }
    (!d.closed_days.is_empty()).then(|| per_channel!(ClosedDays::builder(), by))
}
