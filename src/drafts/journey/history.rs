//! Edits of a journey as commands, with undo and redo: the canvas's structural edits (insert
//! on an arrow or a free branch, delete, reconnect, set the start) are [`Edit`]s applied by
//! [`History::apply`]; the side panel's typing is recorded by [`History::record`], one undo
//! step per field being edited.

use super::graph::{Slot, target_mut};
use super::{ActivityDraft, JourneyDraft, NewKind};

/// Where a new activity goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// Before the start activity (it becomes the start).
    Start,
    /// On the slot of an activity (on its arrow, or its free branch).
    After(String, Slot),
}

/// One structural edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Insert a new activity of a kind at a place: it leads where the place led.
    Insert(Place, NewKind),
    /// Delete an activity: the arrows to it are cleared, what followed it stays as orphans.
    Delete(String),
    /// Point a slot of an activity at another activity (empty: nowhere).
    Reconnect {
        /// The activity.
        from: String,
        /// Its slot.
        slot: Slot,
        /// The new target.
        to: String,
    },
    /// Make an activity the start.
    SetStart(String),
}

/// The undo and redo stacks of one journey's editor.
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<JourneyDraft>,
    redo: Vec<JourneyDraft>,
    /// What the last recorded typing step was about, so one field's typing is one step.
    typing: Option<String>,
}

/// Most undo steps kept.
const DEPTH: usize = 200;

impl History {
    fn push(&mut self, before: JourneyDraft) {
        self.undo.push(before);
        if self.undo.len() > DEPTH {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// Applies `edit`; answers the id of an inserted activity.
    pub fn apply(&mut self, draft: &mut JourneyDraft, edit: Edit) -> Option<String> {
        let before = draft.clone();
        let made = run(draft, edit);
        if *draft != before {
            self.push(before);
            self.typing = None;
        }
        made
    }

    /// Records typing that changed the draft from `before`: consecutive changes with the same
    /// `about` (a field's id) are one step.
    pub fn record(&mut self, before: JourneyDraft, draft: &JourneyDraft, about: &str) {
        if before == *draft {
            return;
        }
        if self.typing.as_deref() == Some(about) {
            self.redo.clear();
        } else {
            self.push(before);
            self.typing = Some(about.to_owned());
        }
    }

    /// Goes one step back.
    pub fn undo(&mut self, draft: &mut JourneyDraft) -> bool {
        let Some(previous) = self.undo.pop() else { return false };
        self.redo.push(std::mem::replace(draft, previous));
        self.typing = None;
        true
    }

    /// Goes one step forward again.
    pub fn redo(&mut self, draft: &mut JourneyDraft) -> bool {
        let Some(next) = self.redo.pop() else { return false };
        self.undo.push(std::mem::replace(draft, next));
        self.typing = None;
        true
    }

    /// True when there is a step to undo.
    #[must_use]
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// True when there is a step to redo.
    #[must_use]
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

fn run(draft: &mut JourneyDraft, edit: Edit) -> Option<String> {
    match edit {
        Edit::Insert(place, kind) => {
            let id = draft.fresh_id(kind);
            let old = match &place {
                Place::Start => std::mem::replace(&mut draft.start_activity, id.clone()),
                Place::After(from, slot) => {
                    let target = draft
                        .activities
                        .get_mut(from)
                        .and_then(|a| target_mut(&mut a.kind, *slot))?;
                    std::mem::replace(target, id.clone())
                }
            };
            draft.activities.insert(
                id.clone(),
                ActivityDraft { description: String::new(), kind: kind.make(old) },
            );
            Some(id)
        }
        Edit::Delete(id) => {
            draft.activities.remove(&id)?;
            for a in draft.activities.values_mut() {
                for o in super::graph::outs(&a.kind) {
                    if o.target == id
                        && let Some(t) = target_mut(&mut a.kind, o.slot)
                    {
                        t.clear();
                    }
                }
            }
            if draft.start_activity == id {
                draft.start_activity.clear();
            }
            None
        }
        Edit::Reconnect { from, slot, to } => {
            if let Some(t) =
                draft.activities.get_mut(&from).and_then(|a| target_mut(&mut a.kind, slot))
            {
                *t = to;
            }
            None
        }
        Edit::SetStart(id) => {
            draft.start_activity = id;
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drafts::journey::graph::orphans;
    use crate::drafts::journey::{Channel, JourneyDraft, Kind, fixtures};

    #[test]
    fn insert_on_an_arrow_then_undo_and_redo() {
        let mut d = fixtures::built();
        let mut h = History::default();
        let id = h.apply(
            &mut d,
            Edit::Insert(Place::After("wait1".into(), Slot::Next), NewKind::Message(Channel::Push)),
        );
        assert_eq!(id.as_deref(), Some("push1"));
        assert!(matches!(&d.activities["wait1"].kind, Kind::Wait { next, .. } if next == "push1"));
        assert!(matches!(&d.activities["push1"].kind, Kind::Message(m) if m.next == "email1"));
        assert!(h.undo(&mut d));
        assert_eq!(d, fixtures::built());
        assert!(h.redo(&mut d));
        assert!(d.activities.contains_key("push1"));
    }

    #[test]
    fn delete_leaves_what_followed_as_orphans() {
        let mut d = fixtures::built();
        let mut h = History::default();
        h.apply(&mut d, Edit::Delete("wait1".into()));
        assert_eq!(orphans(&d), vec!["email1".to_owned()]);
        assert!(
            matches!(&d.activities["split1"].kind, Kind::RandomSplit(p) if p[1].next.is_empty())
        );
        h.apply(
            &mut d,
            Edit::Reconnect { from: "split1".into(), slot: Slot::Path(1), to: "email1".into() },
        );
        assert!(orphans(&d).is_empty());
    }

    #[test]
    fn typing_in_one_field_is_one_step() {
        let mut d = JourneyDraft::named("A");
        let mut h = History::default();
        for name in ["AB", "ABC"] {
            let before = d.clone();
            d.name = name.into();
            h.record(before, &d, "name");
        }
        let before = d.clone();
        d.start_activity = "x".into();
        h.record(before, &d, "start");
        assert!(h.undo(&mut d));
        assert_eq!(d.name, "ABC");
        assert!(h.undo(&mut d));
        assert_eq!(d.name, "A");
        assert!(!h.can_undo());
    }

    #[test]
    fn the_first_activity_becomes_the_start() {
        let mut d = JourneyDraft::named("A");
        let mut h = History::default();
        h.apply(&mut d, Edit::Insert(Place::Start, NewKind::RandomSplit));
        assert_eq!(d.start_activity, "split1");
    }
}
