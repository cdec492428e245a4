//! A journey's activities as a graph: each activity's kind (the one member of `Activity` that
//! is set) and the activities it leads to, named by the member that names them, so the
//! validation can say which member is at fault and the engine which branch it took.

use serde_json::Value;

/// The activity kinds of the model's `Activity` shape.
pub const KINDS: [&str; 10] = [
    "CUSTOM",
    "ConditionalSplit",
    "ContactCenter",
    "EMAIL",
    "Holdout",
    "MultiCondition",
    "PUSH",
    "RandomSplit",
    "SMS",
    "Wait",
];

/// The kinds an activity sets (exactly one, for a valid activity).
#[must_use]
pub fn kinds_of(activity: &Value) -> Vec<&'static str> {
    KINDS.into_iter().filter(|k| activity.get(*k).is_some_and(|v| !v.is_null())).collect()
}

/// The activity's kind, when it sets exactly one.
#[must_use]
pub fn kind(activity: &Value) -> Option<&'static str> {
    match kinds_of(activity)[..] {
        [one] => Some(one),
        _ => None,
    }
}

/// True for the kinds that send a message.
#[must_use]
pub fn is_message(kind: &str) -> bool {
    matches!(kind, "EMAIL" | "SMS" | "PUSH" | "CUSTOM")
}

/// The `ActivityType` the metric operations answer for a kind.
#[must_use]
pub fn activity_type(kind: &str) -> &'static str {
    match kind {
        "ConditionalSplit" => "CONDITIONAL_SPLIT",
        "Holdout" => "HOLDOUT",
        "MultiCondition" => "MULTI_CONDITIONAL_SPLIT",
        "RandomSplit" => "RANDOM_SPLIT",
        "Wait" => "WAIT",
        "ContactCenter" => "CONTACT_CENTER",
        _ => "MESSAGE",
    }
}

/// The activities `activity` (of `kind`) leads to: the member naming each (relative to the
/// kind's object, e.g. `Branches[2].NextActivity`) and the id it names.
#[must_use]
pub fn targets<'a>(kind: &str, activity: &'a Value) -> Vec<(String, &'a str)> {
    let body = activity.get(kind).unwrap_or(&Value::Null);
    let one = |member: &str| {
        body.get(member).and_then(Value::as_str).map(|t| (member.to_owned(), t)).into_iter()
    };
    let branches = || {
        body.get("Branches").and_then(Value::as_array).into_iter().flatten().enumerate().filter_map(
            |(i, b)| {
                let t = b.get("NextActivity")?.as_str()?;
                Some((format!("Branches[{i}].NextActivity"), t))
            },
        )
    };
    match kind {
        "ConditionalSplit" => one("TrueActivity").chain(one("FalseActivity")).collect(),
        "MultiCondition" => branches().chain(one("DefaultActivity")).collect(),
        "RandomSplit" => branches().collect(),
        _ => one("NextActivity").collect(),
    }
}
