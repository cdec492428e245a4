//! A journey in words (its entry and schedule for the list, each activity's one line for its
//! node), and the counts a node shows from its activity's execution metrics.

use std::collections::BTreeMap;

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
    /// Endpoints through the activity (every outcome counted).
    pub entered: u64,
    /// Messages sent (`SUCCESS` of a message activity).
    pub sent: u64,
    /// Messages not sent (caps, quiet time, closed, template or channel missing…).
    pub failed: u64,
    /// Endpoints held for later (quiet time, open hours, throttling).
    pub waiting: u64,
}

/// Holds: the metric names the engine counts while it keeps an endpoint for later.
const HOLDS: [&str; 3] = ["QUIET_TIME_WAIT", "OPEN_HOURS_WAIT", "THROTTLED"];

/// The counts of an activity from its metrics (counts as the service's strings).
#[must_use]
pub fn counts(kind: &Kind, metrics: &BTreeMap<String, String>) -> NodeCounts {
    let mut c = NodeCounts::default();
    for (name, value) in metrics {
        let n: u64 = value.parse().unwrap_or(0);
        if HOLDS.contains(&name.as_str()) {
            c.waiting += n;
            continue;
        }
        c.entered += n;
        if let Kind::Message(_) = kind {
            if name == "SUCCESS" {
                c.sent += n;
            } else {
                c.failed += n;
            }
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drafts::journey::{Channel, MessageDraft};

    #[test]
    fn a_message_node_counts_sent_failed_and_held() {
        let m: BTreeMap<String, String> =
            [("SUCCESS", "7"), ("DAILY_CAP", "2"), ("QUIET_TIME_WAIT", "3")]
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect();
        let c = counts(&Kind::Message(MessageDraft::new(Channel::Sms)), &m);
        assert_eq!(c, NodeCounts { entered: 9, sent: 7, failed: 2, waiting: 3 });
        let split: BTreeMap<String, String> =
            [("Branch_0".to_owned(), "4".to_owned()), ("Branch_1".to_owned(), "6".to_owned())]
                .into();
        let c = counts(&Kind::RandomSplit(Vec::new()), &split);
        assert_eq!((c.entered, c.sent), (10, 0));
    }
}
