//! The draft as `WriteJourneyRequest`, built in one place: [`JourneyDraft::build`] always gives
//! a request and every problem it found (keyed by the member path the service's messages use,
//! `Activities.split1.RandomSplit.Branches`), [`JourneyDraft::to_request`] is the strict one a
//! save sends, [`JourneyDraft::to_json`] the JSON view's, through the one serializer.

use std::collections::HashMap;

use aws_sdk_pinpoint::types::{
    Activity, ClosedDays, ClosedDaysRule, Condition, ConditionalSplitActivity,
    ContactCenterActivity, CustomMessageActivity, DayOfWeek, EmailMessageActivity,
    EndpointTypesElement, EventCondition, EventDimensions, EventFilter, EventStartCondition,
    FilterType, HoldoutActivity, JourneyChannelSettings, JourneyCustomMessage, JourneyEmailMessage,
    JourneyLimits, JourneyPushMessage, JourneySchedule, JourneySmsMessage, JourneyTimeframeCap,
    MessageType, MultiConditionalBranch, MultiConditionalSplitActivity, OpenHours, OpenHoursRule,
    Operator, PushMessageActivity, QuietTime, RandomSplitActivity, RandomSplitEntry,
    SegmentCondition, SetDimension, SimpleCondition, SmsMessageActivity, StartCondition, State,
    TimezoneEstimationMethodsElement, WaitActivity, WaitTime, WriteJourneyRequest,
};
use aws_smithy_types::DateTime;
use aws_smithy_types::date_time::Format;
use serde_json::Value;

use super::{ActivityDraft, ConditionDraft, Entry, EventDraft, JourneyDraft, Kind, SimpleDraft};
use crate::drafts::campaign::{event_attributes, event_metrics};
use crate::drafts::{FieldErrors, split_values};
use crate::pinpoint::rules;

/// The activity a member path or a service message names (`Activities.split1.…` → `split1`).
#[must_use]
pub fn activity_of_path(text: &str) -> Option<&str> {
    let at = text.find("Activities.")? + "Activities.".len();
    let rest = &text[at..];
    let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))?;
    (end > 0).then(|| &rest[..end])
}

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// A whole number as typed (`None` when blank), its problem recorded at `path`.
fn whole(errors: &mut FieldErrors, path: &str, text: &str, range: (i32, i32)) -> Option<i32> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    match t.parse::<i32>() {
        Ok(n) if (range.0..=range.1).contains(&n) => Some(n),
        Ok(_) => {
            errors.add(path, format!("{path} must be between {} and {}", range.0, range.1));
            None
        }
        Err(_) => {
            errors.add(path, format!("{path} must be a whole number (got '{t}')"));
            None
        }
    }
}

/// An ISO-8601 duration as typed, its problem recorded at `path`.
fn duration(errors: &mut FieldErrors, path: &str, text: &str) -> Option<String> {
    let t = opt(text)?;
    if rules::iso_duration(&t).is_none() {
        errors.add(path, format!("{path} '{t}' is not an ISO-8601 duration such as PT1H or P3D"));
    }
    Some(t)
}

fn wait_time(errors: &mut FieldErrors, path: &str, w: &super::WaitDraft) -> WaitTime {
    let (wait_for, until) = (opt(&w.wait_for), opt(&w.wait_until));
    match (&wait_for, &until) {
        (Some(_), Some(_)) => {
            errors.add(path, format!("{path} takes WaitFor or WaitUntil, not both"));
        }
        (None, None) => errors.add(
            path,
            format!("{path} needs WaitFor (an ISO-8601 duration) or WaitUntil (a time)"),
        ),
        (Some(_), None) => {
            duration(errors, &format!("{path}.WaitFor"), &w.wait_for);
        }
        (None, Some(t)) => {
            errors.check(
                format!("{path}.WaitUntil"),
                rules::iso_timestamp(&format!("{path}.WaitUntil"), t).map(|_| ()),
            );
        }
    }
    WaitTime::builder().set_wait_for(wait_for).set_wait_until(until).build()
}

/// `EventDimensions` of the typed lines.
pub(super) fn event_dimensions(
    errors: &mut FieldErrors,
    path: &str,
    e: &EventDraft,
) -> EventDimensions {
    let types = split_values(&e.types);
    let kind = if e.exclusive { "EXCLUSIVE" } else { "INCLUSIVE" };
    let attributes = event_attributes(&e.attributes, &format!("{path}.Attributes"), errors);
    let metrics = event_metrics(&e.metrics, &format!("{path}.Metrics"), errors);
    EventDimensions::builder()
        .set_event_type((!types.is_empty()).then(|| {
            SetDimension::builder().dimension_type(kind.into()).set_values(Some(types)).build()
        }))
        .set_attributes((!attributes.is_empty()).then_some(attributes))
        .set_metrics((!metrics.is_empty()).then_some(metrics))
        .build()
}

fn simple(errors: &mut FieldErrors, path: &str, c: &SimpleDraft) -> SimpleCondition {
    let b = SimpleCondition::builder();
    match c {
        SimpleDraft::Event { event, message_activity } => b
            .event_condition(
                EventCondition::builder()
                    .dimensions(event_dimensions(
                        errors,
                        &format!("{path}.EventCondition.Dimensions"),
                        event,
                    ))
                    .set_message_activity(opt(message_activity))
                    .build(),
            )
            .build(),
        SimpleDraft::Segment(id) => {
            if id.trim().is_empty() {
                errors.add(
                    format!("{path}.SegmentCondition.SegmentId"),
                    format!("{path}.SegmentCondition.SegmentId is required: choose a segment"),
                );
            }
            b.segment_condition(SegmentCondition::builder().segment_id(id.trim()).build()).build()
        }
        SimpleDraft::Dimensions(rows) => {
            let dims = crate::drafts::segment::dimensions(
                rows,
                &format!("{path}.SegmentDimensions"),
                errors,
            );
            b.segment_dimensions(dims).build()
        }
    }
}

fn condition(errors: &mut FieldErrors, path: &str, c: &ConditionDraft) -> Condition {
    if c.conditions.is_empty() {
        errors.add(
            format!("{path}.Conditions"),
            format!("{path}.Conditions needs at least one condition"),
        );
    }
    let list = c
        .conditions
        .iter()
        .enumerate()
        .map(|(i, s)| simple(errors, &format!("{path}.Conditions[{i}]"), s))
        .collect();
    Condition::builder()
        .set_conditions(Some(list))
        .set_operator(opt(&c.operator).map(|o| Operator::from(o.as_str())))
        .build()
}

fn message(errors: &mut FieldErrors, path: &str, m: &super::MessageDraft, a: Activity) -> Activity {
    let (next, name, version) = (opt(&m.next), opt(&m.template_name), opt(&m.template_version));
    match m.channel {
        super::Channel::Email => {
            let config = opt(&m.from_address)
                .map(|f| JourneyEmailMessage::builder().from_address(f).build());
            a.to_builder_email(
                EmailMessageActivity::builder()
                    .set_message_config(config)
                    .set_next_activity(next)
                    .set_template_name(name)
                    .set_template_version(version)
                    .build(),
            )
        }
        super::Channel::Sms => {
            let fields = [
                &m.message_type,
                &m.origination_number,
                &m.sender_id,
                &m.entity_id,
                &m.template_id,
            ];
            let config = fields.iter().any(|f| !f.trim().is_empty()).then(|| {
                JourneySmsMessage::builder()
                    .set_message_type(opt(&m.message_type).map(|t| MessageType::from(t.as_str())))
                    .set_origination_number(opt(&m.origination_number))
                    .set_sender_id(opt(&m.sender_id))
                    .set_entity_id(opt(&m.entity_id))
                    .set_template_id(opt(&m.template_id))
                    .build()
            });
            a.to_builder_sms(
                SmsMessageActivity::builder()
                    .set_message_config(config)
                    .set_next_activity(next)
                    .set_template_name(name)
                    .set_template_version(version)
                    .build(),
            )
        }
        super::Channel::Push => {
            let ttl = opt(&m.time_to_live);
            if let Some(t) = &ttl
                && t.parse::<u64>().is_err()
            {
                errors.add(
                    format!("{path}.MessageConfig.TimeToLive"),
                    format!(
                        "{path}.MessageConfig.TimeToLive must be a number of seconds (got '{t}')"
                    ),
                );
            }
            let config = ttl.map(|t| JourneyPushMessage::builder().time_to_live(t).build());
            a.to_builder_push(
                PushMessageActivity::builder()
                    .set_message_config(config)
                    .set_next_activity(next)
                    .set_template_name(name)
                    .set_template_version(version)
                    .build(),
            )
        }
        super::Channel::Custom => {
            let uri = opt(&m.delivery_uri);
            match &uri {
                None => errors.add(
                    format!("{path}.DeliveryUri"),
                    format!(
                        "{path}.DeliveryUri is required: a Lambda function or an https:// address"
                    ),
                ),
                Some(u) if u.starts_with("http://") => {
                    errors
                        .add(format!("{path}.DeliveryUri"), "A web destination must use https://");
                }
                Some(u) if !u.starts_with("https://") => errors.check(
                    format!("{path}.DeliveryUri"),
                    rules::lambda_function_name("DeliveryUri", u),
                ),
                Some(_) => {}
            }
            let types: Vec<EndpointTypesElement> =
                m.endpoint_types.iter().map(|t| EndpointTypesElement::from(t.as_str())).collect();
            let config = opt(&m.data).map(|d| JourneyCustomMessage::builder().data(d).build());
            a.to_builder_custom(
                CustomMessageActivity::builder()
                    .set_delivery_uri(uri)
                    .set_endpoint_types((!types.is_empty()).then_some(types))
                    .set_message_config(config)
                    .set_next_activity(next)
                    .set_template_name(name)
                    .set_template_version(version)
                    .build(),
            )
        }
    }
}

/// Setting one member on an `Activity` that already carries its description.
trait WithKind {
    fn to_builder_email(self, v: EmailMessageActivity) -> Activity;
    fn to_builder_sms(self, v: SmsMessageActivity) -> Activity;
    fn to_builder_push(self, v: PushMessageActivity) -> Activity;
    fn to_builder_custom(self, v: CustomMessageActivity) -> Activity;
}

impl WithKind for Activity {
    fn to_builder_email(mut self, v: EmailMessageActivity) -> Activity {
        self.email = Some(v);
        self
    }
    fn to_builder_sms(mut self, v: SmsMessageActivity) -> Activity {
        self.sms = Some(v);
        self
    }
    fn to_builder_push(mut self, v: PushMessageActivity) -> Activity {
        self.push = Some(v);
        self
    }
    fn to_builder_custom(mut self, v: CustomMessageActivity) -> Activity {
        self.custom = Some(v);
        self
    }
}

fn activity(errors: &mut FieldErrors, id: &str, a: &ActivityDraft) -> Activity {
    let path = format!("Activities.{id}.{}", a.kind.member());
    let mut out = Activity::builder().set_description(opt(&a.description)).build();
    match &a.kind {
        Kind::Message(m) => return message(errors, &path, m, out),
        Kind::Wait { wait, next } => {
            out.wait = Some(
                WaitActivity::builder()
                    .wait_time(wait_time(errors, &format!("{path}.WaitTime"), wait))
                    .set_next_activity(opt(next))
                    .build(),
            );
        }
        Kind::Holdout { percentage, next } => {
            if percentage.trim().is_empty() {
                errors.add(
                    format!("{path}.Percentage"),
                    format!("{path}.Percentage is required (0 to 100)"),
                );
            }
            let p = whole(errors, &format!("{path}.Percentage"), percentage, (0, 100));
            out.holdout = Some(
                HoldoutActivity::builder().set_percentage(p).set_next_activity(opt(next)).build(),
            );
        }
        Kind::RandomSplit(paths) => {
            let mut total = 0;
            let entries = paths
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let n = whole(
                        errors,
                        &format!("{path}.Branches[{i}].Percentage"),
                        &p.percentage,
                        (0, 100),
                    );
                    total += n.unwrap_or(0);
                    RandomSplitEntry::builder()
                        .set_percentage(n)
                        .set_next_activity(opt(&p.next))
                        .build()
                })
                .collect();
            if paths.is_empty() || paths.len() > super::MAX_RANDOM_BRANCHES {
                errors.add(
                    format!("{path}.Branches"),
                    format!(
                        "{path}.Branches has {} paths; a random split takes 1 to {}",
                        paths.len(),
                        super::MAX_RANDOM_BRANCHES
                    ),
                );
            } else if total != 100 {
                errors.add(
                    format!("{path}.Branches"),
                    format!("{path}.Branches percentages add up to {total}, not 100"),
                );
            }
            out.random_split =
                Some(RandomSplitActivity::builder().set_branches(Some(entries)).build());
        }
        Kind::ConditionalSplit { condition: c, wait, yes, no } => {
            let wait =
                wait.as_ref().map(|w| wait_time(errors, &format!("{path}.EvaluationWaitTime"), w));
            out.conditional_split = Some(
                ConditionalSplitActivity::builder()
                    .condition(condition(errors, &format!("{path}.Condition"), c))
                    .set_evaluation_wait_time(wait)
                    .set_true_activity(opt(yes))
                    .set_false_activity(opt(no))
                    .build(),
            );
        }
        Kind::MultiCondition { paths, default, wait } => {
            if paths.is_empty() || paths.len() > super::MAX_MULTI_BRANCHES {
                errors.add(format!("{path}.Branches"), format!("{path}.Branches has {} paths; a multivariate split takes 1 to {} besides its else path", paths.len(), super::MAX_MULTI_BRANCHES));
            }
            let wait =
                wait.as_ref().map(|w| wait_time(errors, &format!("{path}.EvaluationWaitTime"), w));
            let branches = paths
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    MultiConditionalBranch::builder()
                        .condition(simple(
                            errors,
                            &format!("{path}.Branches[{i}].Condition"),
                            &p.condition,
                        ))
                        .set_next_activity(opt(&p.next))
                        .build()
                })
                .collect();
            out.multi_condition = Some(
                MultiConditionalSplitActivity::builder()
                    .set_branches(Some(branches))
                    .set_default_activity(opt(default))
                    .set_evaluation_wait_time(wait)
                    .build(),
            );
        }
        Kind::ContactCenter { next } => {
            out.contact_center =
                Some(ContactCenterActivity::builder().set_next_activity(opt(next)).build());
        }
    }
    out
}

fn start_condition(errors: &mut FieldErrors, d: &JourneyDraft) -> Option<StartCondition> {
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

fn limits(errors: &mut FieldErrors, l: &super::LimitsDraft) -> Option<JourneyLimits> {
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

fn schedule(errors: &mut FieldErrors, d: &JourneyDraft) -> Option<JourneySchedule> {
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
        errors.add("Schedule.EndTime", "Schedule.EndTime must be after Schedule.StartTime");
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

fn quiet_time(errors: &mut FieldErrors, d: &JourneyDraft) -> Option<QuietTime> {
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

fn open_hours(errors: &mut FieldErrors, d: &JourneyDraft) -> Option<OpenHours> {
    let mut by: HashMap<&str, HashMap<DayOfWeek, Vec<OpenHoursRule>>> = HashMap::new();
    for (i, r) in d.open_hours.iter().enumerate() {
        let path = format!("OpenHours[{i}]");
        let (s, e) = (rules::parse_hh_mm(r.start.trim()), rules::parse_hh_mm(r.end.trim()));
        match (s, e) {
            (Some(s), Some(e)) if s < e => {}
            (Some(_), Some(_)) => errors.add(
                &path,
                format!("OpenHours.{}.{}: the end must be after the start", r.channel, r.day),
            ),
            _ => errors.add(
                &path,
                format!("OpenHours.{}.{} needs a start and an end as HH:MM", r.channel, r.day),
            ),
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

fn closed_days(errors: &mut FieldErrors, d: &JourneyDraft) -> Option<ClosedDays> {
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

impl JourneyDraft {
    /// The request and every problem found (none: the service should take it).
    #[must_use]
    pub fn build(&self) -> (WriteJourneyRequest, FieldErrors) {
        let mut errors = FieldErrors::default();
        if self.name.trim().is_empty() {
            errors.add("Name", "Give the journey a name");
        }
        let activities: HashMap<String, Activity> = self
            .activities
            .iter()
            .map(|(id, a)| (id.clone(), activity(&mut errors, id, a)))
            .collect();
        super::rules::check(self, &mut errors);
        let start = start_condition(&mut errors, self);
        let limits = limits(&mut errors, &self.limits);
        let schedule = schedule(&mut errors, self);
        let quiet = quiet_time(&mut errors, self);
        let refresh = duration(&mut errors, "RefreshFrequency", &self.refresh_frequency);
        let scheduled = self.sending_schedule == Some(true);
        for (member, set) in [
            ("OpenHours", !self.open_hours.is_empty()),
            ("ClosedDays", !self.closed_days.is_empty()),
        ] {
            if set && !scheduled {
                errors.add(member, format!("{member} takes effect only with the sending schedule on: turn it on to use them"));
            }
        }
        let open = open_hours(&mut errors, self);
        let closed = closed_days(&mut errors, self);
        let channel = (!self.connect_campaign_arn.trim().is_empty()
            || !self.connect_role_arn.trim().is_empty())
        .then(|| {
            JourneyChannelSettings::builder()
                .set_connect_campaign_arn(opt(&self.connect_campaign_arn))
                .set_connect_campaign_execution_role_arn(opt(&self.connect_role_arn))
                .build()
        });
        let methods: Vec<TimezoneEstimationMethodsElement> = self
            .timezone_estimation
            .iter()
            .map(|m| TimezoneEstimationMethodsElement::from(m.as_str()))
            .collect();
        let request = WriteJourneyRequest::builder()
            .name(self.name.trim())
            .set_activities(Some(activities))
            .set_start_activity(opt(&self.start_activity))
            .set_start_condition(start)
            .set_limits(limits)
            .set_schedule(schedule)
            .set_quiet_time(quiet)
            .set_wait_for_quiet_time(self.wait_for_quiet_time)
            .set_local_time(self.local_time)
            .set_refresh_frequency(refresh)
            .set_refresh_on_segment_update(self.refresh_on_segment_update)
            .set_sending_schedule(self.sending_schedule)
            .set_open_hours(open)
            .set_closed_days(closed)
            .set_timezone_estimation_methods((!methods.is_empty()).then_some(methods))
            .set_journey_channel_settings(channel)
            .set_state(opt(&self.state).map(|s| State::from(s.as_str())))
            .set_creation_date(opt(&self.creation_date))
            .set_last_modified_date(opt(&self.last_modified_date))
            .build();
        (request, errors)
    }

    /// The request a save sends, or every problem found.
    ///
    /// # Errors
    /// Every problem, keyed by the member path the service would name.
    pub fn to_request(&self) -> Result<WriteJourneyRequest, FieldErrors> {
        let (request, errors) = self.build();
        if errors.is_empty() { Ok(request) } else { Err(errors) }
    }

    /// The request as the JSON the SDK sends (the JSON view, the command line, the diffs).
    #[must_use]
    pub fn to_json(&self) -> Value {
        crate::drafts::json::journey::write_journey_request(&self.build().0)
    }
}
