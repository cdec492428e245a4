//! The activities as a graph: each activity's outgoing slots (`NextActivity`, every branch of a
//! split) with the label the canvas writes on its arrow, the edges they make, and which
//! activities the start cannot reach (orphans, drawn apart and marked, never dropped).

use std::collections::{BTreeSet, VecDeque};

use super::{JourneyDraft, Kind};

/// One outgoing member of an activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Slot {
    /// `NextActivity`.
    Next,
    /// `Branches[i]` of a random or multivariate split.
    Path(usize),
    /// `TrueActivity`.
    Yes,
    /// `FalseActivity`.
    No,
    /// `DefaultActivity` (the else path).
    Else,
}

impl Slot {
    /// The member path under the activity's kind, as the service's messages write it.
    #[must_use]
    pub fn member(self) -> String {
        match self {
            Self::Next => "NextActivity".into(),
            Self::Path(i) => format!("Branches[{i}].NextActivity"),
            Self::Yes => "TrueActivity".into(),
            Self::No => "FalseActivity".into(),
            Self::Else => "DefaultActivity".into(),
        }
    }
}

/// One outgoing slot of an activity: where it leads (empty: nowhere yet) and its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Out {
    /// Which member.
    pub slot: Slot,
    /// The target activity id, or empty.
    pub target: String,
    /// What the arrow says: "50 %", "Yes", "No", "Path 2", "Else", or nothing.
    pub label: String,
}

/// The outgoing slots of an activity, in the order they are drawn (left to right).
#[must_use]
pub fn outs(kind: &Kind) -> Vec<Out> {
    let out = |slot, target: &String, label: String| Out { slot, target: target.clone(), label };
    match kind {
        Kind::Message(m) => vec![out(Slot::Next, &m.next, String::new())],
        Kind::Wait { next, .. } | Kind::ContactCenter { next } => {
            vec![out(Slot::Next, next, String::new())]
        }
        Kind::Holdout { percentage, next } => {
            let rest = percentage
                .trim()
                .parse::<i64>()
                .map_or(String::new(), |p| format!("{} % go on", 100 - p.clamp(0, 100)));
            vec![out(Slot::Next, next, rest)]
        }
        Kind::RandomSplit(paths) => paths
            .iter()
            .enumerate()
            .map(|(i, p)| out(Slot::Path(i), &p.next, format!("{} %", p.percentage.trim())))
            .collect(),
        Kind::ConditionalSplit { yes, no, .. } => {
            vec![out(Slot::Yes, yes, "Yes".into()), out(Slot::No, no, "No".into())]
        }
        Kind::MultiCondition { paths, default, .. } => {
            let mut all: Vec<Out> = paths
                .iter()
                .enumerate()
                .map(|(i, p)| out(Slot::Path(i), &p.next, format!("Path {}", i + 1)))
                .collect();
            all.push(out(Slot::Else, default, "Else".into()));
            all
        }
    }
}

/// The target of `slot`, to change it.
pub fn target_mut(kind: &mut Kind, slot: Slot) -> Option<&mut String> {
    match (kind, slot) {
        (Kind::Message(m), Slot::Next) => Some(&mut m.next),
        (
            Kind::Wait { next, .. } | Kind::ContactCenter { next } | Kind::Holdout { next, .. },
            Slot::Next,
        ) => Some(next),
        (Kind::RandomSplit(paths), Slot::Path(i)) => paths.get_mut(i).map(|p| &mut p.next),
        (Kind::ConditionalSplit { yes, .. }, Slot::Yes) => Some(yes),
        (Kind::ConditionalSplit { no, .. }, Slot::No) => Some(no),
        (Kind::MultiCondition { paths, .. }, Slot::Path(i)) => {
            paths.get_mut(i).map(|p| &mut p.next)
        }
        (Kind::MultiCondition { default, .. }, Slot::Else) => Some(default),
        _ => None,
    }
}

/// An arrow between two activities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    /// From this activity.
    pub from: String,
    /// Through this slot.
    pub slot: Slot,
    /// To this activity (it may not exist: the rules say so).
    pub to: String,
    /// Its label.
    pub label: String,
}

/// Every arrow of the journey (slots with a target), in activity order.
#[must_use]
pub fn edges(draft: &JourneyDraft) -> Vec<Edge> {
    draft
        .activities
        .iter()
        .flat_map(|(id, a)| {
            outs(&a.kind).into_iter().filter(|o| !o.target.is_empty()).map(|o| Edge {
                from: id.clone(),
                slot: o.slot,
                to: o.target,
                label: o.label,
            })
        })
        .collect()
}

/// The activities the start activity reaches, in breadth-first order.
#[must_use]
pub fn reachable(draft: &JourneyDraft) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut order = Vec::new();
    let mut queue = VecDeque::new();
    if draft.activities.contains_key(&draft.start_activity) {
        queue.push_back(draft.start_activity.clone());
    }
    while let Some(id) = queue.pop_front() {
        if !seen.insert(id.clone()) {
            continue;
        }
        if let Some(a) = draft.activities.get(&id) {
            for o in outs(&a.kind) {
                if draft.activities.contains_key(&o.target) && !seen.contains(&o.target) {
                    queue.push_back(o.target);
                }
            }
        }
        order.push(id);
    }
    order
}

/// The activities the start cannot reach: they stay in the journey, drawn apart and marked.
#[must_use]
pub fn orphans(draft: &JourneyDraft) -> Vec<String> {
    let reached: BTreeSet<String> = reachable(draft).into_iter().collect();
    draft.activities.keys().filter(|id| !reached.contains(*id)).cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drafts::journey::fixtures;

    #[test]
    fn every_branch_is_an_edge_with_its_label() {
        let d = fixtures::built();
        let labels: Vec<(String, String, String)> =
            edges(&d).into_iter().map(|e| (e.from, e.to, e.label)).collect();
        assert!(labels.contains(&("split1".into(), "sms1".into(), "50 %".into())));
        assert!(labels.contains(&("split1".into(), "wait1".into(), "50 %".into())));
        assert!(labels.contains(&("wait1".into(), "email1".into(), String::new())));
        assert!(orphans(&d).is_empty());
    }

    #[test]
    fn a_deleted_link_leaves_orphans_not_gaps() {
        let mut d = fixtures::built();
        if let Some(a) = d.activities.get_mut("split1")
            && let Some(t) = target_mut(&mut a.kind, Slot::Path(1))
        {
            t.clear();
        }
        assert_eq!(orphans(&d), vec!["email1".to_owned(), "wait1".to_owned()]);
    }
}
