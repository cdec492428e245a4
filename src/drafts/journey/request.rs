//! The draft as `WriteJourneyRequest`, built in one place: [`JourneyDraft::build`] always gives
//! a request and every problem it found (keyed by the member path the service's messages use,
//! `Activities.split1.RandomSplit.Branches`), [`JourneyDraft::to_request`] is the strict one a
//! save sends, [`JourneyDraft::to_json`] the JSON view's, through the one serializer.

use std::collections::HashMap;

use aws_sdk_pinpoint::types::{
    Activity, Condition, ConditionalSplitActivity, ContactCenterActivity, EventCondition,
    EventDimensions, HoldoutActivity, JourneyChannelSettings, MultiConditionalBranch,
    MultiConditionalSplitActivity, Operator, RandomSplitActivity, RandomSplitEntry,
    SegmentCondition, SetDimension, SimpleCondition, State, TimezoneEstimationMethodsElement,
    WaitActivity, WaitTime, WriteJourneyRequest,
};
use serde_json::Value;

use super::settings;
use super::{ActivityDraft, ConditionDraft, EventDraft, JourneyDraft, Kind, SimpleDraft};
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

pub(super) fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// A whole number as typed (`None` when blank), its problem recorded at `path`.
pub(super) fn whole(
    errors: &mut FieldErrors,
    path: &str,
    text: &str,
    range: (i32, i32),
) -> Option<i32> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    match t.parse::<i32>() {
        Ok(n) if (range.0..=range.1).contains(&n) => Some(n),
        Ok(_) => {
            errors.add(path, format!("Type a whole number from {} to {}", range.0, range.1));
            None
        }
        Err(_) => {
            errors.add(path, format!("'{t}' is not a whole number: type one such as 10"));
            None
        }
    }
}

/// An ISO-8601 duration as typed, its problem recorded at `path`.
pub(super) fn duration(errors: &mut FieldErrors, path: &str, text: &str) -> Option<String> {
    let t = opt(text)?;
    if rules::iso_duration(&t).is_none() {
        errors.add(
            path,
            format!("'{t}' is not a duration: type one such as PT1H (an hour) or P3D (three days)"),
        );
    }
    Some(t)
}

fn wait_time(errors: &mut FieldErrors, path: &str, w: &super::WaitDraft) -> WaitTime {
    let (wait_for, until) = (opt(&w.wait_for), opt(&w.wait_until));
    match (&wait_for, &until) {
        (Some(_), Some(_)) => {
            errors.add(
                path,
                "Wait for a duration or until a time, not both: empty one of them".to_owned(),
            );
        }
        (None, None) => {
            errors.add(path, "Type how long to wait (such as P1D) or until when".to_owned());
        }
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
                    "Choose the segment the condition asks about".to_owned(),
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
        errors.add(format!("{path}.Conditions"), "Add at least one condition".to_owned());
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

fn activity(errors: &mut FieldErrors, id: &str, a: &ActivityDraft) -> Activity {
    let path = format!("Activities.{id}.{}", a.kind.member());
    let mut out = Activity::builder().set_description(opt(&a.description)).build();
    match &a.kind {
        Kind::Message(m) => return super::message::message(errors, &path, m, out),
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
                    "Type the percentage held out (0 to 100)".to_owned(),
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
                        "A random split has 1 to {} paths (this one has {})",
                        super::MAX_RANDOM_BRANCHES,
                        paths.len()
                    ),
                );
            } else if total != 100 {
                errors.add(
                    format!("{path}.Branches"),
                    format!("The paths' percentages add up to {total}: make them add up to 100"),
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
        let start = settings::start_condition(&mut errors, self);
        let limits = settings::limits(&mut errors, &self.limits);
        let schedule = settings::schedule(&mut errors, self);
        let quiet = settings::quiet_time(&mut errors, self);
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
        let open = settings::open_hours(&mut errors, self);
        let closed = settings::closed_days(&mut errors, self);
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
