//! Where each box of the canvas is, in canvas coordinates: the entry at the top, each activity
//! at its layered place (`drafts::journey::layout`) plus what the user moved it by hand.

use std::collections::BTreeMap;

use egui::{Pos2, Rect, Vec2, pos2, vec2};

use crate::drafts::journey::JourneyDraft;
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
}
