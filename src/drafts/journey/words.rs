//! A journey in words (its entry and schedule for the list, each activity's one line for its
//! node), and the counts a node shows from its activity's execution metrics.

use std::collections::BTreeMap;

use super::graph::{Slot, outs};
use super::{Entry, JourneyDraft, Kind, SimpleDraft};

impl JourneyDraft {
    /// How endpoints enter: "Segment seg1", "Event purchase", "—".
    #[must_use]
    pub fn entry_words(&self) -> String {
        self.entry_named(&|_| None)
    }

    /// [`Self::entry_words`] with segments by name where `name` knows them.
    #[must_use]
    pub fn entry_named(&self, name: &dyn Fn(&str) -> Option<String>) -> String {
        match &self.entry {
            Entry::None => "—".into(),
            Entry::Segment(id) => {
                name(id).map_or_else(|| format!("Segment {id}"), |n| format!("Segment “{n}”"))
            }
            Entry::Event { event, .. } => format!("Event {}", event.types.trim()),
        }
    }

    /// The schedule: "from … until … (zone)", "starts when published".
    #[must_use]
    pub fn schedule_words(&self) -> String {
        let mut out = match (self.start_time.trim(), self.end_time.trim()) {
            ("", "") => "When published".to_owned(),
            (s, "") => format!("From {s}"),
            ("", e) => format!("Until {e}"),
            (s, e) => format!("{s} – {e}"),
        };
        if !self.timezone.trim().is_empty() {
            out = format!("{out} ({})", self.timezone.trim());
        }
        if !self.refresh_frequency.trim().is_empty() {
            out = format!("{out}, refreshed every {}", self.refresh_frequency.trim());
        }
        out
    }
}

fn condition_words(c: &SimpleDraft, name: &dyn Fn(&str) -> Option<String>) -> String {
    match c {
        SimpleDraft::Segment(id) if id.trim().is_empty() => "in a segment (choose one)".into(),
        SimpleDraft::Segment(id) => {
            name(id).map_or_else(|| format!("in segment {id}"), |n| format!("in “{n}”"))
        }
        SimpleDraft::Event { event, .. } => format!("sent {}", event.types.trim()),
        SimpleDraft::Dimensions(rows) => rows
            .iter()
            .map(crate::drafts::segment::Criterion::sentence)
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// One line saying what an activity does, for its node (segments by `name` where it knows them).
#[must_use]
pub fn summary(kind: &Kind, name: &dyn Fn(&str) -> Option<String>) -> String {
    let wait = |w: &super::WaitDraft| {
        if w.wait_until.trim().is_empty() {
            format!("for {}", w.wait_for.trim())
        } else {
            format!("until {}", w.wait_until.trim())
        }
    };
    match kind {
        Kind::Message(m) if m.channel == super::Channel::Custom => {
            if m.delivery_uri.trim().is_empty() {
                "No destination yet".into()
            } else {
                m.delivery_uri.trim().to_owned()
            }
        }
        Kind::Message(m) if m.template_name.trim().is_empty() => "No template yet".into(),
        Kind::Message(m) => format!("Template {}", m.template_name.trim()),
        Kind::Wait { wait: w, .. } => format!("Wait {}", wait(w)),
        Kind::Holdout { percentage, .. } => format!("Hold out {} %", percentage.trim()),
        Kind::RandomSplit(paths) => format!("{} random paths", paths.len()),
        Kind::ConditionalSplit { condition, .. } => {
            let first =
                condition.conditions.first().map(|c| condition_words(c, name)).unwrap_or_default();
            let more = condition.conditions.len().saturating_sub(1);
            if more > 0 { format!("If {first} (+{more})") } else { format!("If {first}") }
        }
        Kind::MultiCondition { paths, .. } => format!("{} conditions and else", paths.len()),
        Kind::ContactCenter { .. } => "Hand over to Amazon Connect".into(),
    }
}

/// What a node shows of its activity's execution metrics.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NodeCounts {
    /// Endpoints that came to the activity (along its incoming arrows, or by entering).
    pub entered: u64,
    /// Messages sent (`SUCCESS` of a message activity).
    pub sent: u64,
    /// Messages not sent (caps, quiet time, closed, template or channel missing, the endpoint
    /// gone or opted out).
    pub failed: u64,
    /// Endpoints in it now: come and not yet through (a wait, a split's evaluation wait, a
    /// message held for quiet time or open hours).
    pub waiting: u64,
}

/// Holds: the metric names the engine counts when it keeps an endpoint for later (the
/// endpoint's outcome is counted again when it goes on).
const HOLDS: [&str; 3] = ["QUIET_TIME_WAIT", "OPEN_HOURS_WAIT", "THROTTLED"];
/// Outcomes of a message after which the endpoint leaves the journey.
const LEAVES: [&str; 3] = ["ENDPOINT_DELETED", "ENDPOINT_OPT_OUT", "ENDPOINT_INACTIVE"];

/// Metric name → count, as the service answers them (strings).
pub type Metrics = BTreeMap<String, String>;

fn count(m: &Metrics, name: &str) -> u64 {
    m.get(name).and_then(|v| v.parse().ok()).unwrap_or(0)
}

/// Endpoints the activity is through with (every outcome, holds left out).
fn through(m: &Metrics) -> u64 {
    m.iter()
        .filter(|(k, _)| !HOLDS.contains(&k.as_str()))
        .map(|(_, v)| v.parse::<u64>().unwrap_or(0))
        .sum()
}

/// How many went along `slot` of an activity of `kind`, by its metrics.
fn along(kind: &Kind, slot: Slot, m: &Metrics) -> u64 {
    match (kind, slot) {
        (Kind::Message(_), _) => {
            through(m) - LEAVES.iter().map(|l| count(m, l)).sum::<u64>().min(through(m))
        }
        (Kind::Wait { .. }, _) => count(m, "COMPLETED"),
        (Kind::Holdout { .. } | Kind::ContactCenter { .. }, _) => count(m, "SUCCESS"),
        (_, Slot::Path(i)) => count(m, &format!("Branch_{i}")),
        (_, Slot::Yes) => count(m, "Branch_0"),
        (_, Slot::No) => count(m, "Branch_1"),
        (_, Slot::Else) => count(m, "Branch_Else"),
        (_, Slot::Next) => 0,
    }
}

/// Every activity's counts: what came in along the arrows (the start activity: `entered`, the
/// journey's or run's `ENDPOINT_ENTERED`), what it sent or failed, who is in it now.
#[must_use]
pub fn flows(
    draft: &JourneyDraft,
    metrics: &BTreeMap<String, Metrics>,
    entered: u64,
) -> BTreeMap<String, NodeCounts> {
    let empty = Metrics::new();
    let mut inflow: BTreeMap<&str, u64> = BTreeMap::new();
    if draft.activities.contains_key(&draft.start_activity) {
        inflow.insert(draft.start_activity.as_str(), entered);
    }
    for (id, a) in &draft.activities {
        let m = metrics.get(id).unwrap_or(&empty);
        for o in outs(&a.kind) {
            if let Some((to, _)) = draft.activities.get_key_value(&o.target) {
                *inflow.entry(to.as_str()).or_default() += along(&a.kind, o.slot, m);
            }
        }
    }
    draft
        .activities
        .iter()
        .map(|(id, a)| {
            let m = metrics.get(id).unwrap_or(&empty);
            let came = inflow.get(id.as_str()).copied().unwrap_or(0);
            let done = through(m);
            let (sent, failed) = match a.kind {
                Kind::Message(_) => (count(m, "SUCCESS"), done - count(m, "SUCCESS").min(done)),
                _ => (0, 0),
            };
            let counts = NodeCounts {
                entered: came.max(done),
                sent,
                failed,
                waiting: came.saturating_sub(done),
            };
            (id.clone(), counts)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drafts::journey::fixtures;

    fn m(pairs: &[(&str, u64)]) -> Metrics {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), v.to_string())).collect()
    }

    #[test]
    fn counts_flow_along_the_arrows_and_a_wait_holds_who_is_in_it() {
        let d = fixtures::built();
        let metrics: BTreeMap<String, Metrics> = [
            ("split1".to_owned(), m(&[("Branch_0", 9), ("Branch_1", 11)])),
            (
                "sms1".to_owned(),
                m(&[("SUCCESS", 7), ("ENDPOINT_CHANNEL_MISMATCH", 2), ("QUIET_TIME_WAIT", 3)]),
            ),
            ("wait1".to_owned(), m(&[("COMPLETED", 4)])),
            ("email1".to_owned(), m(&[("SUCCESS", 4)])),
        ]
        .into();
        let c = flows(&d, &metrics, 20);
        assert_eq!(c["split1"], NodeCounts { entered: 20, ..NodeCounts::default() });
        assert_eq!(c["sms1"], NodeCounts { entered: 9, sent: 7, failed: 2, waiting: 0 });
        assert_eq!(c["wait1"], NodeCounts { entered: 11, waiting: 7, ..NodeCounts::default() });
        assert_eq!(c["email1"], NodeCounts { entered: 4, sent: 4, failed: 0, waiting: 0 });
    }
}
