//! Where the canvas draws each activity: a layered layout, top to bottom. Layers by longest
//! path from the start activity (an activity sits below everything that leads to it); within a
//! layer, the order first follows the slots (a split's paths left to right), then barycentre
//! sweeps down and up reduce the crossings. Activities the start cannot reach are laid out the
//! same way on their own, to the right, and marked as orphans. Pure functions of the draft;
//! positions moved by hand are kept by the editor as offsets on top.

use std::collections::{BTreeMap, BTreeSet};

use super::JourneyDraft;
use super::graph::{outs, reachable};

/// A node's place: its layer (row) and its position across (in node widths, may be fractional).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place {
    /// The row, 0 at the top (the entry sits above row 0).
    pub layer: usize,
    /// Across, in columns from the left edge of the drawing.
    pub column: f32,
    /// True for an activity the start cannot reach.
    pub orphan: bool,
}

/// Every activity's place.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    /// By activity id.
    pub places: BTreeMap<String, Place>,
    /// Columns the main part spans (the orphans start after it).
    pub width: f32,
    /// Layers in all.
    pub layers: usize,
}

/// Sweeps of barycentre ordering (down then up each).
const SWEEPS: usize = 4;

/// The successors of each activity among `ids`, in slot order.
fn successors<'a>(d: &'a JourneyDraft, ids: &BTreeSet<&'a str>) -> BTreeMap<&'a str, Vec<&'a str>> {
    ids.iter()
        .map(|id| {
            let next = d.activities.get(*id).map(|a| outs(&a.kind)).unwrap_or_default();
            let next = next.into_iter().filter_map(|o| ids.get(o.target.as_str()).copied()).fold(
                Vec::new(),
                |mut v, t| {
                    if !v.contains(&t) {
                        v.push(t);
                    }
                    v
                },
            );
            (*id, next)
        })
        .collect()
}

/// Layers and order of one connected part, from its roots (in order).
fn layer_part<'a>(roots: &[&'a str], next: &BTreeMap<&'a str, Vec<&'a str>>) -> Vec<Vec<&'a str>> {
    // Longest path: relax along edges, bounded so a cycle (refused by the rules, but drawable
    // while being edited) cannot loop for ever.
    let mut layer: BTreeMap<&str, usize> = roots.iter().map(|r| (*r, 0)).collect();
    let bound = next.len();
    for _ in 0..bound {
        let mut changed = false;
        for (from, tos) in next {
            let Some(&l) = layer.get(from) else { continue };
            for to in tos {
                let want = (l + 1).min(bound);
                if layer.get(to).is_none_or(|have| *have < want) {
                    layer.insert(to, want);
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    // First order: depth first from the roots in slot order.
    let mut order: Vec<&str> = Vec::new();
    let mut stack: Vec<&str> = roots.iter().rev().copied().collect();
    let mut seen = BTreeSet::new();
    while let Some(n) = stack.pop() {
        if !seen.insert(n) {
            continue;
        }
        order.push(n);
        for t in next.get(n).into_iter().flatten().rev() {
            stack.push(t);
        }
    }
    let depth = layer.values().copied().max().map_or(0, |m| m + 1);
    let mut rows: Vec<Vec<&str>> = vec![Vec::new(); depth];
    for n in order {
        if let Some(&l) = layer.get(n) {
            rows[l].push(n);
        }
    }
    sweep(&mut rows, next);
    rows
}

/// Barycentre ordering: each row by the mean position of its neighbours in the row above
/// (going down) or below (going up).
fn sweep(rows: &mut [Vec<&str>], next: &BTreeMap<&str, Vec<&str>>) {
    let mut previous: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (from, tos) in next {
        for to in tos {
            previous.entry(to).or_default().push(from);
        }
    }
    let reorder = |row: &mut Vec<&str>, neighbours: &dyn Fn(&str) -> Vec<f32>| {
        let mut keyed: Vec<(f32, usize, &str)> = row
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let at = neighbours(n);
                let key =
                    if at.is_empty() { i as f32 } else { at.iter().sum::<f32>() / at.len() as f32 };
                (key, i, *n)
            })
            .collect();
        keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        *row = keyed.into_iter().map(|(_, _, n)| n).collect();
    };
    for _ in 0..SWEEPS {
        for l in 1..rows.len() {
            let above = position(&rows[l - 1]);
            let row = &mut rows[l];
            reorder(row, &|n| {
                previous
                    .get(n)
                    .into_iter()
                    .flatten()
                    .filter_map(|p| above.get(p).copied())
                    .collect()
            });
        }
        for l in (0..rows.len().saturating_sub(1)).rev() {
            let below = position(&rows[l + 1]);
            let row = &mut rows[l];
            reorder(row, &|n| {
                next.get(n).into_iter().flatten().filter_map(|s| below.get(s).copied()).collect()
            });
        }
    }
}

fn position<'a>(row: &[&'a str]) -> BTreeMap<&'a str, f32> {
    row.iter().enumerate().map(|(i, n)| (*n, i as f32)).collect()
}

/// Lays out the whole journey.
#[must_use]
pub fn layout(d: &JourneyDraft) -> Layout {
    let main: Vec<String> = reachable(d);
    let main_ids: BTreeSet<&str> = main.iter().map(String::as_str).collect();
    let orphan_ids: BTreeSet<&str> =
        d.activities.keys().map(String::as_str).filter(|id| !main_ids.contains(id)).collect();
    let mut out = Layout::default();
    let mut place_part = |ids: &BTreeSet<&str>, roots: Vec<&str>, left: f32, orphan: bool| -> f32 {
        let next = successors(d, ids);
        let rows = layer_part(&roots, &next);
        let widest = rows.iter().map(Vec::len).max().unwrap_or(0) as f32;
        for (l, row) in rows.iter().enumerate() {
            let offset = (widest - row.len() as f32) / 2.0;
            for (i, n) in row.iter().enumerate() {
                out.places.insert(
                    (*n).to_owned(),
                    Place { layer: l, column: left + offset + i as f32, orphan },
                );
            }
        }
        out.layers = out.layers.max(rows.len());
        widest
    };
    let start = main.first().map(String::as_str).into_iter().collect();
    let width = place_part(&main_ids, start, 0.0, false);
    out.width = width;
    if !orphan_ids.is_empty() {
        // Roots of the orphaned part: those nothing else orphaned leads to (or, in a cycle,
        // the first by id).
        let next = successors(d, &orphan_ids);
        let led: BTreeSet<&str> = next.values().flatten().copied().collect();
        let mut roots: Vec<&str> =
            orphan_ids.iter().copied().filter(|id| !led.contains(id)).collect();
        if roots.is_empty() {
            roots.extend(orphan_ids.iter().next().copied());
        }
        let gap = if width > 0.0 { 1.0 } else { 0.0 };
        place_part(&orphan_ids, roots, width + gap, true);
    }
    out
}

/// How many pairs of arrows between adjacent layers cross (for tests and the benchmark).
#[must_use]
pub fn crossings(d: &JourneyDraft, l: &Layout) -> usize {
    let mut segments: Vec<(usize, f32, f32)> = Vec::new();
    for (id, a) in &d.activities {
        let Some(from) = l.places.get(id) else { continue };
        for o in outs(&a.kind) {
            if let Some(to) = l.places.get(&o.target)
                && to.layer == from.layer + 1
            {
                segments.push((from.layer, from.column, to.column));
            }
        }
    }
    let mut n = 0;
    for (i, a) in segments.iter().enumerate() {
        for b in &segments[i + 1..] {
            if a.0 == b.0 && (a.1 - b.1) * (a.2 - b.2) < 0.0 {
                n += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drafts::journey::graph::{Slot, target_mut};
    use crate::drafts::journey::history::{Edit, History, Place as At};
    use crate::drafts::journey::{NewKind, fixtures};

    #[test]
    fn the_built_journey_is_layered_from_the_start() {
        let d = fixtures::built();
        let l = layout(&d);
        assert_eq!(l.places["split1"].layer, 0);
        assert_eq!(l.places["sms1"].layer, 1);
        assert_eq!(l.places["wait1"].layer, 1);
        assert_eq!(l.places["email1"].layer, 2);
        assert!(
            l.places["sms1"].column < l.places["wait1"].column,
            "the split's paths left to right"
        );
        assert_eq!(crossings(&d, &l), 0);
    }

    #[test]
    fn a_diamond_has_no_crossing_and_its_join_sits_below_both_paths() {
        let mut d = fixtures::built();
        // split1 → sms1 → email1 and split1 → wait1 → email1.
        if let Some(t) =
            d.activities.get_mut("sms1").and_then(|a| target_mut(&mut a.kind, Slot::Next))
        {
            *t = "email1".into();
        }
        let l = layout(&d);
        assert_eq!(l.places["email1"].layer, 2);
        assert_eq!(crossings(&d, &l), 0);
    }

    #[test]
    fn crossed_paths_are_uncrossed_by_the_sweeps() {
        // split1 → a, b; a → y; b → x; with x listed first on a second split above them.
        let mut d = fixtures::built();
        let mut h = History::default();
        h.apply(&mut d, Edit::Insert(At::After("sms1".into(), Slot::Next), NewKind::ContactCenter));
        h.apply(&mut d, Edit::Insert(At::After("wait1".into(), Slot::Next), NewKind::Holdout));
        let l = layout(&d);
        assert_eq!(crossings(&d, &l), 0);
    }

    #[test]
    fn orphans_are_placed_apart_and_marked() {
        let mut d = fixtures::built();
        let mut h = History::default();
        h.apply(&mut d, Edit::Delete("wait1".into()));
        let l = layout(&d);
        let email = l.places["email1"];
        assert!(email.orphan);
        assert!(email.column >= l.width, "right of the main part");
        assert!(!l.places["sms1"].orphan);
    }
}
