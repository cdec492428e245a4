//! The service's rules over the activities as a whole, checked inline: how many, their ids,
//! targets that exist, no cycle, a start activity that exists, an event condition's message
//! activity. Each problem is recorded at the member path the service's message would name
//! (`Activities.split1.RandomSplit.Branches[2].NextActivity`), so the canvas puts it on the
//! node at fault. (The member rules of each kind are checked where `request` builds them.)

use std::collections::BTreeMap;

use super::graph::outs;
use super::{JourneyDraft, Kind, MAX_ACTIVITIES, SimpleDraft};
use crate::drafts::FieldErrors;
use crate::pinpoint::graph::find_cycle;

/// Records every problem of the activities as a whole.
pub(super) fn check(d: &JourneyDraft, errors: &mut FieldErrors) {
    if d.activities.len() > MAX_ACTIVITIES {
        errors.add(
            "Activities",
            format!(
                "This journey has {} activities; a journey takes at most {MAX_ACTIVITIES}: \
                 remove some",
                d.activities.len()
            ),
        );
    }
    let mut edges: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (id, a) in &d.activities {
        let valid = !id.is_empty()
            && id.len() <= 100
            && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !valid {
            errors.add(
                format!("Activities.{id}"),
                format!("'{id}' is not an activity id (1 to 100 letters, digits, '-' or '_')"),
            );
        }
        let member = a.kind.member();
        let next: &mut Vec<&str> = edges.entry(id.as_str()).or_default();
        for o in outs(&a.kind) {
            if o.target.is_empty() {
                continue;
            }
            if let Some((target, _)) = d.activities.get_key_value(&o.target) {
                next.push(target.as_str());
            } else {
                errors.add(
                    format!("Activities.{id}.{member}.{}", o.slot.member()),
                    format!(
                        "This leads to '{}', which is not an activity of this journey: choose \
                         where it leads",
                        o.target
                    ),
                );
            }
        }
        check_message_activities(d, id, &a.kind, errors);
    }
    if let Some(cycle) = find_cycle(&edges) {
        let first = cycle.first().cloned().unwrap_or_default();
        errors.add(
            format!("Activities.{first}"),
            format!(
                "These activities lead back to one another ({} and back): a journey cannot \
                 loop; reconnect one of them",
                // Words, not arrows: egui's own fonts have no "→".
                cycle.get(..cycle.len().saturating_sub(1)).unwrap_or_default().join(" to ")
            ),
        );
    }
    if d.start_activity.is_empty() {
        if !d.activities.is_empty() {
            errors.add("StartActivity", "Choose the activity endpoints start at");
        }
    } else if !d.activities.contains_key(&d.start_activity) {
        errors.add(
            "StartActivity",
            format!(
                "The journey starts at '{}', which is not an activity: choose where it starts",
                d.start_activity
            ),
        );
    }
}

/// An event condition's `MessageActivity` must be a message activity of this journey.
fn check_message_activities(d: &JourneyDraft, id: &str, kind: &Kind, errors: &mut FieldErrors) {
    let conditions: Vec<(String, &SimpleDraft)> = match kind {
        Kind::ConditionalSplit { condition, .. } => condition
            .conditions
            .iter()
            .enumerate()
            .map(|(i, c)| (format!("ConditionalSplit.Condition.Conditions[{i}]"), c))
            .collect(),
        Kind::MultiCondition { paths, .. } => paths
            .iter()
            .enumerate()
            .map(|(i, p)| (format!("MultiCondition.Branches[{i}].Condition"), &p.condition))
            .collect(),
        _ => Vec::new(),
    };
    for (path, c) in conditions {
        if let SimpleDraft::Event { message_activity, .. } = c
            && !message_activity.trim().is_empty()
        {
            let sends = d
                .activities
                .get(message_activity.trim())
                .is_some_and(|a| matches!(a.kind, Kind::Message(_)));
            if !sends {
                errors.add(
                    format!("Activities.{id}.{path}.EventCondition.MessageActivity"),
                    format!(
                        "Activities.{id}.{path}.EventCondition.MessageActivity names '{message_activity}', which is not a message activity of this journey"
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::drafts::journey::fixtures;
    use crate::drafts::journey::graph::{Slot, target_mut};
    use crate::drafts::journey::{Kind, activity_of_path};

    #[test]
    fn the_built_journey_has_no_problem() {
        let (_, errors) = fixtures::built().build();
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn percentages_that_do_not_add_up_are_named_on_the_split() {
        let mut d = fixtures::built();
        if let Some(Kind::RandomSplit(paths)) = d.activities.get_mut("split1").map(|a| &mut a.kind)
        {
            paths[1].percentage = "40".into();
        }
        let errors = d.to_request().unwrap_err();
        let (key, message) = errors.iter().next().unwrap();
        assert_eq!(key, "Activities.split1.RandomSplit.Branches");
        assert!(message.contains("add up to 90: make them add up to 100"), "{message}");
        assert_eq!(activity_of_path(key), Some("split1"));
    }

    #[test]
    fn a_missing_target_and_a_cycle_are_found() {
        let mut d = fixtures::built();
        if let Some(t) =
            d.activities.get_mut("sms1").and_then(|a| target_mut(&mut a.kind, Slot::Next))
        {
            *t = "nowhere".into();
        }
        let errors = d.to_request().unwrap_err();
        let message = errors.get("Activities.sms1.SMS.NextActivity").unwrap();
        assert!(message.contains("'nowhere', which is not an activity"));
        let mut d = fixtures::built();
        if let Some(t) =
            d.activities.get_mut("email1").and_then(|a| target_mut(&mut a.kind, Slot::Next))
        {
            *t = "wait1".into();
        }
        let errors = d.to_request().unwrap_err();
        assert!(
            errors
                .iter()
                .any(|(_, m)| m.contains("lead back to one another (email1 to wait1 and back)")),
            "{errors:?}"
        );
    }

    #[test]
    fn waits_caps_and_times_are_checked() {
        let mut d = fixtures::built();
        if let Some(Kind::Wait { wait, .. }) = d.activities.get_mut("wait1").map(|a| &mut a.kind) {
            wait.wait_for = "three days".into();
        }
        d.limits.daily_cap = "500".into();
        d.quiet_start = "25:00".into();
        d.open_hours.push(super::super::OpenHoursRow {
            channel: "SMS".into(),
            day: "MONDAY".into(),
            start: "09:00".into(),
            end: "17:00".into(),
        });
        let errors = d.to_request().unwrap_err();
        assert!(errors.get("Activities.wait1.Wait.WaitTime.WaitFor").is_some(), "{errors:?}");
        assert!(errors.get("Limits.DailyCap").is_some());
        assert!(errors.get("QuietTime.Start").is_some());
        assert!(errors.get("OpenHours").unwrap().contains("sending schedule"));
    }

    #[test]
    fn a_service_message_names_its_node_and_slot() {
        let m = "Activities.split1.RandomSplit.Branches[2].NextActivity names 'x', which is not an activity";
        assert_eq!(activity_of_path(m), Some("split1"));
        assert_eq!(activity_of_path("Name is required"), None);
    }
}
