//! From the service: a `JourneyResponse` into the draft. The only place that reads the SDK's
//! journey types into a draft.

use std::collections::BTreeMap;

use aws_sdk_pinpoint::types::{
    Activity, ClosedDays, Condition, DimensionType, EventDimensions, JourneyResponse, OpenHours,
    SimpleCondition, WaitTime,
};
use aws_smithy_types::date_time::Format;

use super::{
    ActivityDraft, Channel, ClosedDayRow, ConditionDraft, Entry, EventDraft, JourneyDraft, Kind,
    LimitsDraft, MessageDraft, MultiPath, OpenHoursRow, SimpleDraft, SplitPath, WaitDraft,
};
use crate::drafts::campaign::{attribute_lines, metric_lines};
use crate::drafts::join_values;
use crate::drafts::segment::criteria_of;

fn text(s: Option<&str>) -> String {
    s.unwrap_or_default().to_owned()
}

fn number(n: Option<i32>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

fn wait(w: &WaitTime) -> WaitDraft {
    WaitDraft { wait_for: text(w.wait_for()), wait_until: text(w.wait_until()) }
}

/// `EventDimensions` as the typed lines.
fn event(d: Option<&EventDimensions>) -> EventDraft {
    let types = d.and_then(EventDimensions::event_type);
    EventDraft {
        types: types.map(|t| join_values(t.values())).unwrap_or_default(),
        exclusive: types.and_then(|t| t.dimension_type()) == Some(&DimensionType::Exclusive),
        attributes: d
            .and_then(EventDimensions::attributes)
            .map(attribute_lines)
            .unwrap_or_default(),
        metrics: d.and_then(EventDimensions::metrics).map(metric_lines).unwrap_or_default(),
    }
}

fn simple(c: &SimpleCondition) -> SimpleDraft {
    if let Some(e) = c.event_condition() {
        SimpleDraft::Event {
            event: event(e.dimensions()),
            message_activity: text(e.message_activity()),
        }
    } else if let Some(d) = c.segment_dimensions() {
        SimpleDraft::Dimensions(criteria_of(d))
    } else {
        SimpleDraft::Segment(text(c.segment_condition().and_then(|s| s.segment_id())))
    }
}

fn condition(c: Option<&Condition>) -> ConditionDraft {
    ConditionDraft {
        operator: text(
            c.and_then(Condition::operator).map(aws_sdk_pinpoint::types::Operator::as_str),
        ),
        conditions: c.map(|c| c.conditions().iter().map(simple).collect()).unwrap_or_default(),
    }
}

/// A message activity's shared members.
fn message(
    channel: Channel,
    next: Option<&str>,
    template: (Option<&str>, Option<&str>),
) -> MessageDraft {
    MessageDraft {
        next: text(next),
        template_name: text(template.0),
        template_version: text(template.1),
        ..MessageDraft::new(channel)
    }
}

fn kind(a: &Activity) -> Option<Kind> {
    if let Some(m) = a.email() {
        let mut d =
            message(Channel::Email, m.next_activity(), (m.template_name(), m.template_version()));
        d.from_address = text(m.message_config().and_then(|c| c.from_address()));
        return Some(Kind::Message(d));
    }
    if let Some(m) = a.sms() {
        let mut d =
            message(Channel::Sms, m.next_activity(), (m.template_name(), m.template_version()));
        if let Some(c) = m.message_config() {
            d.message_type =
                text(c.message_type().map(aws_sdk_pinpoint::types::MessageType::as_str));
            d.origination_number = text(c.origination_number());
            d.sender_id = text(c.sender_id());
            d.entity_id = text(c.entity_id());
            d.template_id = text(c.template_id());
        }
        return Some(Kind::Message(d));
    }
    if let Some(m) = a.push() {
        let mut d =
            message(Channel::Push, m.next_activity(), (m.template_name(), m.template_version()));
        d.time_to_live = text(m.message_config().and_then(|c| c.time_to_live()));
        return Some(Kind::Message(d));
    }
    if let Some(m) = a.custom() {
        let mut d =
            message(Channel::Custom, m.next_activity(), (m.template_name(), m.template_version()));
        d.data = text(m.message_config().and_then(|c| c.data()));
        d.delivery_uri = text(m.delivery_uri());
        d.endpoint_types = m.endpoint_types().iter().map(|t| t.as_str().to_owned()).collect();
        return Some(Kind::Message(d));
    }
    if let Some(w) = a.wait() {
        return Some(Kind::Wait {
            wait: w.wait_time().map(wait).unwrap_or_default(),
            next: text(w.next_activity()),
        });
    }
    if let Some(h) = a.holdout() {
        return Some(Kind::Holdout {
            percentage: number(h.percentage()),
            next: text(h.next_activity()),
        });
    }
    if let Some(r) = a.random_split() {
        return Some(Kind::RandomSplit(
            r.branches()
                .iter()
                .map(|b| SplitPath {
                    percentage: number(b.percentage()),
                    next: text(b.next_activity()),
                })
                .collect(),
        ));
    }
    if let Some(c) = a.conditional_split() {
        return Some(Kind::ConditionalSplit {
            condition: condition(c.condition()),
            wait: c.evaluation_wait_time().map(wait),
            yes: text(c.true_activity()),
            no: text(c.false_activity()),
        });
    }
    if let Some(m) = a.multi_condition() {
        return Some(Kind::MultiCondition {
            paths: m
                .branches()
                .iter()
                .map(|b| MultiPath {
                    condition: b.condition().map(simple).unwrap_or_default(),
                    next: text(b.next_activity()),
                })
                .collect(),
            default: text(m.default_activity()),
            wait: m.evaluation_wait_time().map(wait),
        });
    }
    a.contact_center().map(|c| Kind::ContactCenter { next: text(c.next_activity()) })
}

/// The open hours as rows, channel by channel, day by day.
fn open_hours(o: &OpenHours) -> Vec<OpenHoursRow> {
    let mut rows = Vec::new();
    for (channel, days) in [
        ("EMAIL", o.email()),
        ("SMS", o.sms()),
        ("PUSH", o.push()),
        ("VOICE", o.voice()),
        ("CUSTOM", o.custom()),
    ] {
        let mut days: Vec<_> = days.into_iter().flatten().collect();
        days.sort_by_key(|(day, _)| super::DAYS.iter().position(|d| *d == day.as_str()));
        for (day, list) in days {
            rows.extend(list.iter().map(|r| OpenHoursRow {
                channel: channel.into(),
                day: day.as_str().to_owned(),
                start: text(r.start_time()),
                end: text(r.end_time()),
            }));
        }
    }
    rows
}

fn closed_days(c: &ClosedDays) -> Vec<ClosedDayRow> {
    [
        ("EMAIL", c.email()),
        ("SMS", c.sms()),
        ("PUSH", c.push()),
        ("VOICE", c.voice()),
        ("CUSTOM", c.custom()),
    ]
    .into_iter()
    .flat_map(|(channel, list)| {
        list.iter().map(move |r| ClosedDayRow {
            channel: channel.into(),
            name: text(r.name()),
            start: text(r.start_date_time()),
            end: text(r.end_date_time()),
        })
    })
    .collect()
}

impl From<&JourneyResponse> for JourneyDraft {
    fn from(j: &JourneyResponse) -> Self {
        let activities: BTreeMap<String, ActivityDraft> = j
            .activities()
            .into_iter()
            .flatten()
            .filter_map(|(id, a)| {
                Some((
                    id.clone(),
                    ActivityDraft { description: text(a.description()), kind: kind(a)? },
                ))
            })
            .collect();
        let start = j.start_condition();
        let entry = match (
            start.and_then(|s| s.segment_start_condition()),
            start.and_then(|s| s.event_start_condition()),
        ) {
            (Some(s), _) => Entry::Segment(text(s.segment_id())),
            (None, Some(e)) => Entry::Event {
                event: event(e.event_filter().and_then(|f| f.dimensions())),
                filter_type: text(
                    e.event_filter()
                        .and_then(|f| f.filter_type())
                        .map(aws_sdk_pinpoint::types::FilterType::as_str),
                ),
                segment: text(e.segment_id()),
            },
            (None, None) => Entry::None,
        };
        let time = |t: Option<&aws_smithy_types::DateTime>| {
            t.and_then(|t| t.fmt(Format::DateTime).ok()).unwrap_or_default()
        };
        let schedule = j.schedule();
        let limits = j.limits();
        let timeframe = limits.and_then(|l| l.timeframe_cap());
        let channel = j.journey_channel_settings();
        Self {
            name: text(j.name()),
            activities,
            start_activity: text(j.start_activity()),
            entry,
            entry_description: text(start.and_then(|s| s.description())),
            start_time: time(schedule.and_then(|s| s.start_time())),
            end_time: time(schedule.and_then(|s| s.end_time())),
            timezone: text(schedule.and_then(|s| s.timezone())),
            limits: LimitsDraft {
                daily_cap: number(
                    limits.and_then(aws_sdk_pinpoint::types::JourneyLimits::daily_cap),
                ),
                total_cap: number(
                    limits.and_then(aws_sdk_pinpoint::types::JourneyLimits::total_cap),
                ),
                reentry_cap: number(
                    limits.and_then(aws_sdk_pinpoint::types::JourneyLimits::endpoint_reentry_cap),
                ),
                reentry_interval: text(limits.and_then(|l| l.endpoint_reentry_interval())),
                messages_per_second: number(
                    limits.and_then(aws_sdk_pinpoint::types::JourneyLimits::messages_per_second),
                ),
                timeframe_cap: number(
                    timeframe.and_then(aws_sdk_pinpoint::types::JourneyTimeframeCap::cap),
                ),
                timeframe_days: number(
                    timeframe.and_then(aws_sdk_pinpoint::types::JourneyTimeframeCap::days),
                ),
            },
            quiet_start: text(j.quiet_time().and_then(|q| q.start())),
            quiet_end: text(j.quiet_time().and_then(|q| q.end())),
            wait_for_quiet_time: j.wait_for_quiet_time(),
            local_time: j.local_time(),
            refresh_frequency: text(j.refresh_frequency()),
            refresh_on_segment_update: j.refresh_on_segment_update(),
            sending_schedule: j.sending_schedule(),
            open_hours: j.open_hours().map(open_hours).unwrap_or_default(),
            closed_days: j.closed_days().map(closed_days).unwrap_or_default(),
            timezone_estimation: j
                .timezone_estimation_methods()
                .iter()
                .map(|m| m.as_str().to_owned())
                .collect(),
            connect_campaign_arn: text(channel.and_then(|c| c.connect_campaign_arn())),
            connect_role_arn: text(channel.and_then(|c| c.connect_campaign_execution_role_arn())),
            state: text(j.state().map(aws_sdk_pinpoint::types::State::as_str)),
            creation_date: text(j.creation_date()),
            last_modified_date: text(j.last_modified_date()),
        }
    }
}

#[cfg(test)]
mod tests {
    use aws_sdk_pinpoint::types::{JourneyResponse, WriteJourneyRequest};

    use crate::drafts::journey::{JourneyDraft, fixtures};

    /// What the service stores for a request: the same members, as a `JourneyResponse`.
    pub(crate) fn stored(r: &WriteJourneyRequest) -> JourneyResponse {
        JourneyResponse::builder()
            .id("j1")
            .application_id("app")
            .set_name(r.name.clone())
            .set_activities(r.activities.clone())
            .set_start_activity(r.start_activity.clone())
            .set_start_condition(r.start_condition.clone())
            .set_limits(r.limits.clone())
            .set_schedule(r.schedule.clone())
            .set_quiet_time(r.quiet_time.clone())
            .set_wait_for_quiet_time(r.wait_for_quiet_time)
            .set_local_time(r.local_time)
            .set_refresh_frequency(r.refresh_frequency.clone())
            .set_refresh_on_segment_update(r.refresh_on_segment_update)
            .set_sending_schedule(r.sending_schedule)
            .set_open_hours(r.open_hours.clone())
            .set_closed_days(r.closed_days.clone())
            .set_timezone_estimation_methods(r.timezone_estimation_methods.clone())
            .set_journey_channel_settings(r.journey_channel_settings.clone())
            .set_state(r.state.clone())
            .set_creation_date(r.creation_date.clone())
            .set_last_modified_date(r.last_modified_date.clone())
            .build()
    }

    #[test]
    fn every_member_survives_the_round_trip() {
        let draft = fixtures::full();
        let request = draft.to_request().unwrap();
        let back = JourneyDraft::from(&stored(&request));
        assert_eq!(back, draft);
        assert_eq!(back.to_json(), draft.to_json());
    }

    #[test]
    fn the_json_names_members_as_the_model_does() {
        let json = fixtures::full().to_json();
        assert_eq!(json["Activities"]["split1"]["RandomSplit"]["Branches"][0]["Percentage"], 50);
        let conditions =
            &json["Activities"]["yesno1"]["ConditionalSplit"]["Condition"]["Conditions"];
        assert_eq!(conditions[1]["segmentDimensions"]["Location"]["Country"]["Values"][0], "US");
        assert_eq!(json["Schedule"]["StartTime"], "2026-12-01T09:00:00Z");
        assert_eq!(json["OpenHours"]["EMAIL"]["MONDAY"][0]["StartTime"], "09:00");
        assert_eq!(
            json["StartCondition"]["EventStartCondition"]["EventFilter"]["FilterType"],
            "ENDPOINT"
        );
        assert_eq!(json["Limits"]["TimeframeCap"]["Days"], 7);
    }
}
