//! `WriteJourneyRequest` as wire JSON, shape by shape as the service model names them (a
//! `SimpleCondition`'s dimensions are `segmentDimensions`, as the model's `locationName` says).

use aws_sdk_pinpoint::types::{
    Activity, ClosedDays, ClosedDaysRule, Condition, ConditionalSplitActivity,
    ContactCenterActivity, CustomMessageActivity, EmailMessageActivity, EventCondition,
    EventFilter, EventStartCondition, HoldoutActivity, JourneyChannelSettings, JourneyLimits,
    JourneySchedule, MultiConditionalBranch, MultiConditionalSplitActivity, OpenHours,
    OpenHoursRule, PushMessageActivity, RandomSplitActivity, RandomSplitEntry, SegmentCondition,
    SimpleCondition, SmsMessageActivity, StartCondition, WaitActivity, WaitTime,
    WriteJourneyRequest,
};
use aws_smithy_types::DateTime;
use aws_smithy_types::date_time::Format;
use serde_json::Value;

use super::Object;
use super::campaign::{event_dimensions, quiet_time};
use super::segment::segment_dimensions;

/// The request body of CreateJourney and UpdateJourney.
#[must_use]
pub fn write_journey_request(r: &WriteJourneyRequest) -> Value {
    Object::new()
        .map("Activities", r.activities.as_ref(), activity)
        .member("ClosedDays", r.closed_days.as_ref(), closed_days)
        .string("CreationDate", r.creation_date.as_deref())
        .member("JourneyChannelSettings", r.journey_channel_settings.as_ref(), channel_settings)
        .string("LastModifiedDate", r.last_modified_date.as_deref())
        .member("Limits", r.limits.as_ref(), limits)
        .boolean("LocalTime", r.local_time)
        .string("Name", r.name.as_deref())
        .member("OpenHours", r.open_hours.as_ref(), open_hours)
        .member("QuietTime", r.quiet_time.as_ref(), quiet_time)
        .string("RefreshFrequency", r.refresh_frequency.as_deref())
        .boolean("RefreshOnSegmentUpdate", r.refresh_on_segment_update)
        .member("Schedule", r.schedule.as_ref(), schedule)
        .boolean("SendingSchedule", r.sending_schedule)
        .string("StartActivity", r.start_activity.as_deref())
        .member("StartCondition", r.start_condition.as_ref(), start_condition)
        .string("State", r.state.as_ref().map(aws_sdk_pinpoint::types::State::as_str))
        .list("TimezoneEstimationMethods", r.timezone_estimation_methods.as_ref(), |m| {
            Value::from(m.as_str())
        })
        .boolean("WaitForQuietTime", r.wait_for_quiet_time)
        .done()
}

fn activity(a: &Activity) -> Value {
    Object::new()
        .member("CUSTOM", a.custom.as_ref(), custom)
        .member("ConditionalSplit", a.conditional_split.as_ref(), conditional_split)
        .member("ContactCenter", a.contact_center.as_ref(), contact_center)
        .string("Description", a.description.as_deref())
        .member("EMAIL", a.email.as_ref(), email)
        .member("Holdout", a.holdout.as_ref(), holdout)
        .member("MultiCondition", a.multi_condition.as_ref(), multi_condition)
        .member("PUSH", a.push.as_ref(), push)
        .member("RandomSplit", a.random_split.as_ref(), random_split)
        .member("SMS", a.sms.as_ref(), sms)
        .member("Wait", a.wait.as_ref(), wait)
        .done()
}

/// The members every message activity has, after its own.
fn message_tail(o: Object, next: Option<&str>, name: Option<&str>, version: Option<&str>) -> Value {
    o.string("NextActivity", next)
        .string("TemplateName", name)
        .string("TemplateVersion", version)
        .done()
}

fn custom(m: &CustomMessageActivity) -> Value {
    let o = Object::new()
        .string("DeliveryUri", m.delivery_uri.as_deref())
        .list("EndpointTypes", m.endpoint_types.as_ref(), |t| Value::from(t.as_str()))
        .member("MessageConfig", m.message_config.as_ref(), |c| {
            Object::new().string("Data", c.data.as_deref()).done()
        });
    message_tail(
        o,
        m.next_activity.as_deref(),
        m.template_name.as_deref(),
        m.template_version.as_deref(),
    )
}

fn email(m: &EmailMessageActivity) -> Value {
    let o = Object::new().member("MessageConfig", m.message_config.as_ref(), |c| {
        Object::new().string("FromAddress", c.from_address.as_deref()).done()
    });
    message_tail(
        o,
        m.next_activity.as_deref(),
        m.template_name.as_deref(),
        m.template_version.as_deref(),
    )
}

fn push(m: &PushMessageActivity) -> Value {
    let o = Object::new().member("MessageConfig", m.message_config.as_ref(), |c| {
        Object::new().string("TimeToLive", c.time_to_live.as_deref()).done()
    });
    message_tail(
        o,
        m.next_activity.as_deref(),
        m.template_name.as_deref(),
        m.template_version.as_deref(),
    )
}

fn sms(m: &SmsMessageActivity) -> Value {
    let o = Object::new().member("MessageConfig", m.message_config.as_ref(), |c| {
        Object::new()
            .string("EntityId", c.entity_id.as_deref())
            .string(
                "MessageType",
                c.message_type.as_ref().map(aws_sdk_pinpoint::types::MessageType::as_str),
            )
            .string("OriginationNumber", c.origination_number.as_deref())
            .string("SenderId", c.sender_id.as_deref())
            .string("TemplateId", c.template_id.as_deref())
            .done()
    });
    message_tail(
        o,
        m.next_activity.as_deref(),
        m.template_name.as_deref(),
        m.template_version.as_deref(),
    )
}

fn wait_time(w: &WaitTime) -> Value {
    Object::new()
        .string("WaitFor", w.wait_for.as_deref())
        .string("WaitUntil", w.wait_until.as_deref())
        .done()
}

fn wait(w: &WaitActivity) -> Value {
    Object::new()
        .string("NextActivity", w.next_activity.as_deref())
        .member("WaitTime", w.wait_time.as_ref(), wait_time)
        .done()
}

fn holdout(h: &HoldoutActivity) -> Value {
    Object::new()
        .string("NextActivity", h.next_activity.as_deref())
        .integer("Percentage", h.percentage)
        .done()
}

fn contact_center(c: &ContactCenterActivity) -> Value {
    Object::new().string("NextActivity", c.next_activity.as_deref()).done()
}

fn random_split(r: &RandomSplitActivity) -> Value {
    Object::new()
        .list("Branches", r.branches.as_ref(), |b: &RandomSplitEntry| {
            Object::new()
                .string("NextActivity", b.next_activity.as_deref())
                .integer("Percentage", b.percentage)
                .done()
        })
        .done()
}

fn segment_condition(s: &SegmentCondition) -> Value {
    Object::new().string("SegmentId", s.segment_id.as_deref()).done()
}

fn event_condition(e: &EventCondition) -> Value {
    Object::new()
        .member("Dimensions", e.dimensions.as_ref(), event_dimensions)
        .string("MessageActivity", e.message_activity.as_deref())
        .done()
}

fn simple_condition(c: &SimpleCondition) -> Value {
    Object::new()
        .member("EventCondition", c.event_condition.as_ref(), event_condition)
        .member("SegmentCondition", c.segment_condition.as_ref(), segment_condition)
        .member("segmentDimensions", c.segment_dimensions.as_ref(), segment_dimensions)
        .done()
}

fn condition(c: &Condition) -> Value {
    Object::new()
        .list("Conditions", c.conditions.as_ref(), simple_condition)
        .string("Operator", c.operator.as_ref().map(aws_sdk_pinpoint::types::Operator::as_str))
        .done()
}

fn conditional_split(c: &ConditionalSplitActivity) -> Value {
    Object::new()
        .member("Condition", c.condition.as_ref(), condition)
        .member("EvaluationWaitTime", c.evaluation_wait_time.as_ref(), wait_time)
        .string("FalseActivity", c.false_activity.as_deref())
        .string("TrueActivity", c.true_activity.as_deref())
        .done()
}

fn multi_condition(m: &MultiConditionalSplitActivity) -> Value {
    Object::new()
        .list("Branches", m.branches.as_ref(), |b: &MultiConditionalBranch| {
            Object::new()
                .member("Condition", b.condition.as_ref(), simple_condition)
                .string("NextActivity", b.next_activity.as_deref())
                .done()
        })
        .string("DefaultActivity", m.default_activity.as_deref())
        .member("EvaluationWaitTime", m.evaluation_wait_time.as_ref(), wait_time)
        .done()
}

fn limits(l: &JourneyLimits) -> Value {
    Object::new()
        .integer("DailyCap", l.daily_cap)
        .integer("EndpointReentryCap", l.endpoint_reentry_cap)
        .string("EndpointReentryInterval", l.endpoint_reentry_interval.as_deref())
        .integer("MessagesPerSecond", l.messages_per_second)
        .member("TimeframeCap", l.timeframe_cap.as_ref(), |t| {
            Object::new().integer("Cap", t.cap).integer("Days", t.days).done()
        })
        .integer("TotalCap", l.total_cap)
        .done()
}

fn time(t: &DateTime) -> Value {
    t.fmt(Format::DateTime).map_or(Value::Null, Value::from)
}

fn schedule(s: &JourneySchedule) -> Value {
    Object::new()
        .member("EndTime", s.end_time.as_ref(), time)
        .member("StartTime", s.start_time.as_ref(), time)
        .string("Timezone", s.timezone.as_deref())
        .done()
}

fn start_condition(s: &StartCondition) -> Value {
    Object::new()
        .string("Description", s.description.as_deref())
        .member(
            "EventStartCondition",
            s.event_start_condition.as_ref(),
            |e: &EventStartCondition| {
                Object::new()
                    .member("EventFilter", e.event_filter.as_ref(), |f: &EventFilter| {
                        Object::new()
                            .member("Dimensions", f.dimensions.as_ref(), event_dimensions)
                            .string(
                                "FilterType",
                                f.filter_type
                                    .as_ref()
                                    .map(aws_sdk_pinpoint::types::FilterType::as_str),
                            )
                            .done()
                    })
                    .string("SegmentId", e.segment_id.as_deref())
                    .done()
            },
        )
        .member("SegmentStartCondition", s.segment_start_condition.as_ref(), segment_condition)
        .done()
}

fn channel_settings(c: &JourneyChannelSettings) -> Value {
    Object::new()
        .string("ConnectCampaignArn", c.connect_campaign_arn.as_deref())
        .string("ConnectCampaignExecutionRoleArn", c.connect_campaign_execution_role_arn.as_deref())
        .done()
}

fn open_hours(o: &OpenHours) -> Value {
    let days =
        |m: &std::collections::HashMap<aws_sdk_pinpoint::types::DayOfWeek, Vec<OpenHoursRule>>| {
            Value::Object(
                m.iter()
                    .map(|(day, rules)| {
                        let rules = rules
                            .iter()
                            .map(|r| {
                                Object::new()
                                    .string("EndTime", r.end_time.as_deref())
                                    .string("StartTime", r.start_time.as_deref())
                                    .done()
                            })
                            .collect();
                        (day.as_str().to_owned(), Value::Array(rules))
                    })
                    .collect(),
            )
        };
    Object::new()
        .member("CUSTOM", o.custom.as_ref(), days)
        .member("EMAIL", o.email.as_ref(), days)
        .member("PUSH", o.push.as_ref(), days)
        .member("SMS", o.sms.as_ref(), days)
        .member("VOICE", o.voice.as_ref(), days)
        .done()
}

fn closed_days(c: &ClosedDays) -> Value {
    let rule = |r: &ClosedDaysRule| {
        Object::new()
            .string("EndDateTime", r.end_date_time.as_deref())
            .string("Name", r.name.as_deref())
            .string("StartDateTime", r.start_date_time.as_deref())
            .done()
    };
    Object::new()
        .list("CUSTOM", c.custom.as_ref(), rule)
        .list("EMAIL", c.email.as_ref(), rule)
        .list("PUSH", c.push.as_ref(), rule)
        .list("SMS", c.sms.as_ref(), rule)
        .list("VOICE", c.voice.as_ref(), rule)
        .done()
}
