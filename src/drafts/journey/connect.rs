//! Reconnecting a branch by dragging its arrow on the canvas: a drag starts at a [`Place`] (the
//! entry's arrow, or a slot of an activity) and is dropped on a [`Target`]; [`check`] says
//! whether that connection is allowed and, when not, why in a sentence; [`edit`] is the one
//! [`Edit`] it makes (the same the side panel's "Leads to" makes: one undo step).

use std::collections::{BTreeMap, BTreeSet};

use super::JourneyDraft;
use super::graph::outs;
use super::history::{Edit, Place};
use crate::pinpoint::graph::find_cycle;

/// A box of the canvas a branch can be dropped on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The entry at the top.
    Entry,
    /// An activity.
    Activity(String),
}

/// Why a branch cannot lead to a box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The box the branch leaves.
    Itself,
    /// The entry: endpoints come in there, nothing leads to it.
    Entry,
    /// The connection would close a loop (the ids around it, the first again at the end).
    Loop(Vec<String>),
}

impl Refusal {
    /// What the canvas says by the pointer.
    #[must_use]
    pub fn sentence(&self) -> String {
        match self {
            Self::Itself => "A branch cannot lead back to its own box".to_owned(),
            Self::Entry => "Nothing can lead to the entry: endpoints come in there".to_owned(),
            // Words, not arrows: egui's own fonts have no "→".
            Self::Loop(ids) => {
                let way = ids.get(..ids.len().saturating_sub(1)).unwrap_or_default().join(" to ");
                format!("That would make a loop ({way} and back): a journey cannot loop")
            }
        }
    }
}

/// Whether the branch at `from` may lead to `to`.
///
/// # Errors
/// The [`Refusal`] saying why not.
pub fn check(draft: &JourneyDraft, from: &Place, to: &Target) -> Result<(), Refusal> {
    match (from, to) {
        (Place::Start, Target::Entry) => Err(Refusal::Itself),
        (_, Target::Entry) => Err(Refusal::Entry),
        (Place::Start, Target::Activity(_)) => Ok(()),
        (Place::After(id, _), Target::Activity(to)) if id == to => Err(Refusal::Itself),
        (Place::After(id, slot), Target::Activity(to)) => {
            // The graph as it would be, every slot of `id` but this one kept.
            let mut edges: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
            for (a, activity) in &draft.activities {
                let next = edges.entry(a.as_str()).or_default();
                for o in outs(&activity.kind) {
                    let target = if a == id && o.slot == *slot { to.as_str() } else { &o.target };
                    if let Some((t, _)) = draft.activities.get_key_value(target) {
                        next.push(t.as_str());
                    }
                }
            }
            match loop_through(&edges, id, to) {
                Some(ids) => Err(Refusal::Loop(ids)),
                None => Ok(()),
            }
        }
    }
}

/// The loop the arrow `from` → `to` closes in `edges` (which holds it), if `to` leads back to
/// `from`: found by the shared cycle finder among the activities on the way, named from `from`.
fn loop_through(edges: &BTreeMap<&str, Vec<&str>>, from: &str, to: &str) -> Option<Vec<String>> {
    let ahead = reach(to, |n| edges.get(n).cloned().unwrap_or_default());
    if !ahead.contains(from) {
        return None;
    }
    // The activities on a way from `to` back to `from`: each lies on a loop through the arrow.
    let behind = reach(from, |n| {
        edges.iter().filter(|(_, next)| next.contains(&n)).map(|(k, _)| *k).collect()
    });
    let on_way: BTreeMap<&str, Vec<&str>> = edges
        .iter()
        .filter(|(k, _)| ahead.contains(*k) && behind.contains(*k))
        .map(|(k, next)| {
            (*k, next.iter().copied().filter(|n| ahead.contains(n) && behind.contains(n)).collect())
        })
        .collect();
    let mut cycle = find_cycle(&on_way)?;
    // Named from `from`: [from, …, from].
    cycle.pop();
    if let Some(at) = cycle.iter().position(|n| n == from) {
        cycle.rotate_left(at);
    }
    if let Some(first) = cycle.first().cloned() {
        cycle.push(first);
    }
    Some(cycle)
}

/// Every node `next` reaches from `start`, `start` included.
fn reach<'a>(start: &'a str, next: impl Fn(&'a str) -> Vec<&'a str>) -> BTreeSet<&'a str> {
    let mut seen = BTreeSet::from([start]);
    let mut todo = vec![start];
    while let Some(n) = todo.pop() {
        for m in next(n) {
            if seen.insert(m) {
                todo.push(m);
            }
        }
    }
    seen
}

/// The edit that makes the branch at `from` lead to activity `to` (empty: nowhere, the branch
/// is free again and what followed it an orphan).
#[must_use]
pub fn edit(from: &Place, to: &str) -> Edit {
    match from {
        Place::Start => Edit::SetStart(to.to_owned()),
        Place::After(id, slot) => {
            Edit::Reconnect { from: id.clone(), slot: *slot, to: to.to_owned() }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drafts::journey::fixtures;
    use crate::drafts::journey::graph::{Slot, orphans};
    use crate::drafts::journey::history::History;

    fn to(id: &str) -> Target {
        Target::Activity(id.to_owned())
    }

    #[test]
    fn a_branch_may_lead_to_any_box_below_or_beside_it() {
        let d = fixtures::built();
        let path2 = Place::After("split1".into(), Slot::Path(1));
        assert_eq!(check(&d, &path2, &to("email1")), Ok(()));
        assert_eq!(check(&d, &path2, &to("sms1")), Ok(()));
        let after_sms = Place::After("sms1".into(), Slot::Next);
        assert_eq!(check(&d, &after_sms, &to("email1")), Ok(()));
        assert_eq!(check(&d, &Place::Start, &to("wait1")), Ok(()));
    }

    #[test]
    fn its_own_box_the_entry_and_a_loop_are_refused_with_a_reason() {
        let d = fixtures::built();
        let after_wait = Place::After("wait1".into(), Slot::Next);
        assert_eq!(check(&d, &after_wait, &to("wait1")), Err(Refusal::Itself));
        assert_eq!(check(&d, &after_wait, &Target::Entry), Err(Refusal::Entry));
        assert_eq!(check(&d, &Place::Start, &Target::Entry), Err(Refusal::Itself));
        let after_email = Place::After("email1".into(), Slot::Next);
        let refusal = check(&d, &after_email, &to("split1")).unwrap_err();
        assert_eq!(
            refusal,
            Refusal::Loop(vec!["email1".into(), "split1".into(), "wait1".into(), "email1".into()])
        );
        assert_eq!(
            refusal.sentence(),
            "That would make a loop (email1 to split1 to wait1 and back): a journey cannot loop"
        );
        assert!(Refusal::Entry.sentence().contains("entry"));
    }

    #[test]
    fn a_loop_elsewhere_does_not_refuse_an_arrow_that_closes_none() {
        let mut d = fixtures::built();
        // email1 → wait1 → email1 is already a loop (the rules flag it); sms1 → email1 adds none.
        History::default().apply(&mut d, edit(&Place::After("email1".into(), Slot::Next), "wait1"));
        let after_sms = Place::After("sms1".into(), Slot::Next);
        assert_eq!(check(&d, &after_sms, &to("email1")), Ok(()));
        // Moving the looping branch elsewhere is how the loop is undone: allowed.
        let after_email = Place::After("email1".into(), Slot::Next);
        assert_eq!(check(&d, &after_email, &to("sms1")), Ok(()));
    }

    #[test]
    fn the_edit_is_the_side_panels_one_step_and_empty_frees_the_branch() {
        let mut d = fixtures::built();
        let mut h = History::default();
        let path2 = Place::After("split1".into(), Slot::Path(1));
        assert_eq!(
            edit(&path2, "email1"),
            Edit::Reconnect { from: "split1".into(), slot: Slot::Path(1), to: "email1".into() }
        );
        h.apply(&mut d, edit(&path2, "email1"));
        assert_eq!(orphans(&d), vec!["wait1".to_owned()], "what followed stays, as an orphan");
        h.apply(&mut d, edit(&path2, ""));
        assert_eq!(orphans(&d), vec!["email1".to_owned(), "wait1".to_owned()]);
        assert_eq!(d.activities.len(), 4, "nothing dropped");
        assert!(h.undo(&mut d));
        assert!(h.undo(&mut d));
        assert_eq!(d, fixtures::built(), "one undo step each");
        assert_eq!(edit(&Place::Start, "wait1"), Edit::SetStart("wait1".into()));
    }
}
