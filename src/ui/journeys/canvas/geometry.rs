//! Where each box of the canvas is, in canvas coordinates: the entry at the top, each activity
//! at its layered place (`drafts::journey::layout`) plus what the user moved it by hand; where
//! each branch's arrow leaves its box (its drag handle), which box is under a point, and how
//! big a handle is at a zoom.

use std::collections::BTreeMap;

use egui::{Pos2, Rect, Vec2, pos2, vec2};

use crate::drafts::journey::JourneyDraft;
use crate::drafts::journey::connect::Target;
use crate::drafts::journey::graph::outs;
use crate::drafts::journey::history::Place;
use crate::drafts::journey::layout::{Layout, layout};

/// A node's size.
pub const NODE: Vec2 = vec2(196.0, 88.0);
/// Distance between columns.
const COLUMN: f32 = 236.0;
/// Distance between layers.
const ROW: f32 = 146.0;

/// The boxes of one frame.
#[derive(Debug, Clone)]
pub struct Geometry {
    /// The entry's box.
    pub entry: Rect,
    /// Each activity's box.
    pub nodes: BTreeMap<String, Rect>,
    /// The layout they come from (orphans are marked there).
    pub layout: Layout,
}

impl Geometry {
    /// The boxes of `draft`, with `moved` offsets.
    #[must_use]
    pub fn of(draft: &JourneyDraft, moved: &BTreeMap<String, Vec2>) -> Self {
        let layout = layout(draft);
        let middle = (layout.width.max(1.0) - 1.0) * COLUMN / 2.0;
        let entry = Rect::from_min_size(pos2(middle, 0.0), NODE);
        let nodes = layout
            .places
            .iter()
            .map(|(id, p)| {
                let at = pos2(p.column * COLUMN, (p.layer + 1) as f32 * ROW);
                let offset = moved.get(id).copied().unwrap_or(Vec2::ZERO);
                (id.clone(), Rect::from_min_size(at + offset, NODE))
            })
            .collect();
        Self { entry, nodes, layout }
    }

    /// Everything drawn, with a margin (what "Fit" shows).
    #[must_use]
    pub fn bounds(&self) -> Rect {
        let mut r = self.entry;
        for n in self.nodes.values() {
            r = r.union(*n);
        }
        // Free branches hang 44 points below their box.
        r.expand(48.0).union(r.translate(egui::vec2(0.0, 72.0)))
    }

    /// Where the arrow of slot `index` of `count` leaves a box.
    #[must_use]
    pub fn out_anchor(rect: Rect, index: usize, count: usize) -> Pos2 {
        let share = (index as f32 + 1.0) / (count as f32 + 1.0);
        pos2(rect.left() + rect.width() * share, rect.bottom())
    }

    /// Where arrows enter a box.
    #[must_use]
    pub fn in_anchor(rect: Rect) -> Pos2 {
        pos2(rect.center().x, rect.top())
    }

    /// Where the entry's arrow leaves it.
    #[must_use]
    pub fn start_anchor(&self) -> Pos2 {
        pos2(self.entry.center().x, self.entry.bottom())
    }

    /// Where the arrow of the branch at `place` leaves its box: its drag handle.
    #[must_use]
    pub fn handle(&self, draft: &JourneyDraft, place: &Place) -> Option<Pos2> {
        match place {
            Place::Start => Some(self.start_anchor()),
            Place::After(id, slot) => {
                let rect = self.nodes.get(id)?;
                let slots = outs(&draft.activities.get(id)?.kind);
                let index = slots.iter().position(|o| o.slot == *slot)?;
                Some(Self::out_anchor(*rect, index, slots.len()))
            }
        }
    }

    /// The box under `p`: the activity drawn last (on top) first, then the entry.
    #[must_use]
    pub fn target_at(&self, p: Pos2) -> Option<Target> {
        if let Some((id, _)) = self.nodes.iter().rev().find(|(_, r)| r.contains(p)) {
            return Some(Target::Activity(id.clone()));
        }
        self.entry.contains(p).then_some(Target::Entry)
    }
}

/// A branch handle's drawn radius and the radius that catches the pointer, in canvas points, at
/// `zoom` on a box with `count` branches: at least 3 and 7 screen points whatever the zoom (egui
/// adds its own interaction radius to the second), the catching one no wider than half the room
/// between two handles (so neighbours never overlap).
#[must_use]
pub fn handle_radii(zoom: f32, count: usize) -> (f32, f32) {
    let zoom = if zoom.is_finite() && zoom > 0.0 { zoom } else { 1.0 };
    let room = NODE.x / (count.max(1) as f32 + 1.0);
    let catch = (7.0 / zoom).max(9.0).min(room * 0.48);
    let drawn = (3.0 / zoom).max(5.0).min(catch);
    (drawn, catch)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drafts::journey::fixtures;
    use crate::drafts::journey::graph::Slot;

    #[test]
    fn a_point_finds_the_box_under_it_and_a_branch_its_handle() {
        let d = fixtures::built();
        let g = Geometry::of(&d, &BTreeMap::new());
        let sms = g.nodes["sms1"];
        assert_eq!(g.target_at(sms.center()), Some(Target::Activity("sms1".into())));
        assert_eq!(g.target_at(g.entry.center()), Some(Target::Entry));
        assert_eq!(g.target_at(g.bounds().max + vec2(10.0, 10.0)), None);
        // A box moved onto another: the one drawn on top is found.
        let moved = BTreeMap::from([("sms1".to_owned(), g.nodes["wait1"].min - sms.min)]);
        let g2 = Geometry::of(&d, &moved);
        assert_eq!(
            g2.target_at(g2.nodes["wait1"].center()),
            Some(Target::Activity("wait1".into()))
        );

        let split = g.nodes["split1"];
        let path2 = Place::After("split1".into(), Slot::Path(1));
        assert_eq!(g.handle(&d, &path2), Some(Geometry::out_anchor(split, 1, 2)));
        assert_eq!(g.handle(&d, &Place::Start), Some(g.start_anchor()));
        assert_eq!(g.handle(&d, &Place::After("split1".into(), Slot::Yes)), None);
        assert_eq!(g.handle(&d, &Place::After("nope".into(), Slot::Next)), None);
    }

    #[test]
    fn handles_stay_catchable_when_zoomed_out_and_never_overlap() {
        let (drawn, catch) = handle_radii(1.0, 1);
        assert!((drawn - 5.0).abs() < 1e-3 && (catch - 9.0).abs() < 1e-3);
        // Zoomed out, a handle still catches 7 screen points around it and shows 3…
        let (drawn, catch) = handle_radii(0.4, 2);
        assert!((catch * 0.4 - 7.0).abs() < 1e-3 && (drawn * 0.4 - 3.0).abs() < 1e-3);
        // …unless that would reach its neighbour's: five branches share 196 points.
        let (drawn, catch) = handle_radii(0.2, 5);
        let room = NODE.x / 6.0;
        assert!(catch < room / 2.0 && drawn <= catch, "{drawn} {catch} {room}");
        assert_eq!(handle_radii(f32::NAN, 1), handle_radii(1.0, 1));
    }
}
