//! Reconnecting arrows by dragging on the journey canvas, in the whole app (demo mode, the
//! draft journey "Win back lapsed shoppers"): the yes/no split's No handle dragged over a box
//! that would close a loop (refused by the pointer, nothing changes), onto empty canvas (nothing
//! changes), cancelled with Escape, then dropped on another box: the draft and the JSON tab say
//! where it leads, and Undo puts it back. The entry's arrow is dragged too; the "×" frees a
//! branch (its follower an orphan) in one undo step; empty canvas still pans and a box still
//! moves; a published journey has no handles.
//!
//! The canvas is an `egui::Scene`, whose accessibility rects are not transformed: the drag uses
//! real screen positions, from the canvas's geometry and the scene's transform of the last frame.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::time::Duration;

use common::{open_demo_project, wait_until};
use egui::accesskit::Role;
use egui::{Event, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use pinpoint_console::drafts::journey::graph::{Slot, orphans, outs};
use pinpoint_console::drafts::journey::history::Place;
use pinpoint_console::ui::ConsoleApp;
use pinpoint_console::ui::journeys::canvas::geometry::Geometry;
use pinpoint_console::ui::journeys::{Editor, Selected};

const WAIT: Duration = Duration::from_secs(20);

fn editor<'a>(harness: &'a Harness<'_, ConsoleApp>) -> &'a Editor {
    harness.state().project.journeys.editor.as_ref().expect("the editor is open")
}

/// Where `slot` of `activity` leads in the draft.
fn leads(harness: &Harness<'_, ConsoleApp>, activity: &str, slot: Slot) -> String {
    let a = &editor(harness).draft.activities[activity];
    outs(&a.kind).into_iter().find(|o| o.slot == slot).map(|o| o.target).unwrap_or_default()
}

/// On screen: the handle of the branch at `place`.
fn handle(harness: &Harness<'_, ConsoleApp>, place: &Place) -> Pos2 {
    let e = editor(harness);
    let g = Geometry::of(&e.draft, &e.moved);
    e.canvas.to_screen(g.handle(&e.draft, place).expect("the branch has a handle"))
}

/// On screen: the middle of an activity's box.
fn centre(harness: &Harness<'_, ConsoleApp>, activity: &str) -> Pos2 {
    let e = editor(harness);
    let g = Geometry::of(&e.draft, &e.moved);
    e.canvas.to_screen(g.nodes[activity].center())
}

/// On screen: empty canvas, left of the entry (the first layers are one box wide).
fn empty(harness: &Harness<'_, ConsoleApp>) -> Pos2 {
    let e = editor(harness);
    let g = Geometry::of(&e.draft, &e.moved);
    e.canvas.to_screen(g.entry.left_center() - egui::vec2(120.0, 0.0))
}

fn pointer(harness: &mut Harness<'_, ConsoleApp>, at: Pos2, pressed: Option<bool>) {
    harness.event(Event::PointerMoved(at));
    if let Some(pressed) = pressed {
        harness.event(Event::PointerButton {
            pos: at,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::default(),
        });
    }
    harness.run_ok();
}

/// Presses at `from` and moves to `to` in a few steps, the button still down.
fn press_and_move(harness: &mut Harness<'_, ConsoleApp>, from: Pos2, to: Pos2) {
    pointer(harness, from, None);
    pointer(harness, from, Some(true));
    for i in 1..=4 {
        pointer(harness, from.lerp(to, i as f32 / 4.0), None);
    }
}

fn release(harness: &mut Harness<'_, ConsoleApp>, at: Pos2) {
    pointer(harness, at, Some(false));
    // Away from the canvas, so no tooltip lingers.
    pointer(harness, Pos2::new(5.0, 790.0), None);
}

fn json(harness: &mut Harness<'_, ConsoleApp>) -> String {
    harness.get_by_label("JSON").click();
    harness.run_ok();
    let text = harness.get_by_label("WriteJourneyRequest").value().unwrap_or_default();
    harness.get_by_label("Canvas").click();
    harness.run_ok();
    text
}

/// The JSON's `"FalseActivity"` member (the No path), compacted.
fn false_activity(json: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(json).expect("the JSON tab holds JSON");
    value["Activities"]["bought"]["ConditionalSplit"]["FalseActivity"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn dragging_a_branch_to_another_box_reconnects_it_and_undo_puts_it_back() {
    let mut harness = common::demo_app([1280.0, 800.0], None);
    open_demo_project(&mut harness, "Acme Retail (Android)");
    harness.get_by_label("Journeys").click();
    wait_until(&mut harness, "the journeys", WAIT, |h| {
        h.query_by_label("Open journey Win back lapsed shoppers").is_some()
    });
    harness.get_by_label("Open journey Win back lapsed shoppers").click();
    wait_until(&mut harness, "the journey", WAIT, |h| {
        h.state().project.journeys.editor.as_ref().is_some_and(|e| e.draft.activities.len() == 10)
    });
    harness.get_by_label("Fit").click();
    harness.run_ok();
    assert!(harness.query_by_label("Reconnect the no path of bought").is_some());
    let no = Place::After("bought".into(), Slot::No);
    assert_eq!(leads(&harness, "bought", Slot::No), "nudge");
    let before = editor(&harness).draft.clone();
    // Where things are on screen (nothing pans below; Undo brings the layout back).
    let start = handle(&harness, &no);
    let entry = handle(&harness, &Place::Start);
    let [wait, bought, thanks, nudge] =
        ["wait-3-days", "bought", "thanks", "nudge"].map(|a| centre(&harness, a));
    let empty = empty(&harness);

    // Over a box that would close a loop: red, the reason by the pointer; the drop does nothing.
    press_and_move(&mut harness, start, wait);
    assert_eq!(editor(&harness).canvas.dragging(), Some(&no));
    assert!(
        harness
            .query_by_label(
                "That would make a loop (bought to wait-3-days and back): a journey cannot loop"
            )
            .is_some(),
        "the refusal is said while dragging"
    );
    release(&mut harness, wait);
    assert_eq!(editor(&harness).draft, before, "a refused drop changes nothing");
    assert!(!editor(&harness).history.can_undo());

    // Its own box, then empty canvas: nothing changes either.
    press_and_move(&mut harness, start, bought);
    assert!(harness.query_by_label("A branch cannot lead back to its own box").is_some());
    for i in 1..=3 {
        pointer(&mut harness, bought.lerp(empty, i as f32 / 3.0), None);
    }
    assert!(harness.query_by_label_contains("Drop on a box to connect").is_some());
    release(&mut harness, empty);
    assert_eq!(editor(&harness).draft, before, "a drop on empty canvas changes nothing");
    assert!(editor(&harness).canvas.dragging().is_none());

    // Escape lets go mid-drag: the drop after it does nothing.
    press_and_move(&mut harness, start, thanks);
    assert!(harness.query_by_label("Drop: the no path of bought leads to thanks").is_some());
    harness.key_press(egui::Key::Escape);
    harness.run_ok();
    assert!(editor(&harness).canvas.dragging().is_none());
    release(&mut harness, thanks);
    assert_eq!(editor(&harness).draft, before, "Escape cancelled the drag");

    // Dropped on "thanks": the No path leads there, in the draft and in the JSON.
    press_and_move(&mut harness, start, thanks);
    release(&mut harness, thanks);
    assert_eq!(leads(&harness, "bought", Slot::No), "thanks");
    assert_eq!(false_activity(&json(&mut harness)), "thanks");
    let orphaned = orphans(&editor(&harness).draft);
    assert_eq!(orphaned, ["nudge", "nudge-push", "nudge-sms"], "what followed stays, marked");
    assert_eq!(editor(&harness).draft.activities.len(), 10);

    // One Undo puts it back.
    harness.get_by_label("Undo").click();
    harness.run_ok();
    assert_eq!(editor(&harness).draft, before);
    assert_eq!(false_activity(&json(&mut harness)), "nudge");
    assert!(!editor(&harness).history.can_undo(), "the drag was one step");

    // The entry's arrow too: dragged onto "nudge", the journey starts there.
    press_and_move(&mut harness, entry, nudge);
    release(&mut harness, nudge);
    assert_eq!(editor(&harness).draft.start_activity, "nudge");
    harness.get_by_label("Undo").click();
    harness.run_ok();
    assert_eq!(editor(&harness).draft, before);

    // A handle activated (a click, or a screen reader) opens its box in the side panel, whose
    // "Leads to" is the list to choose from.
    harness.get_by_label("Reconnect the no path of bought").click_accesskit();
    harness.run_ok();
    assert_eq!(editor(&harness).selected, Some(Selected::Activity("bought".into())));
    assert!(harness.query_by_label("Leads to").is_some());
    assert_eq!(editor(&harness).draft, before);
    // There, a target that would close a loop is offered greyed out (the drag's check).
    harness.get_by_role_and_label(Role::ComboBox, "No").click();
    harness.run_ok();
    let item = |h: &Harness<'_, ConsoleApp>, name: &str| {
        h.query_all_by_label(name).any(|n| {
            let node = n.accesskit_node();
            node.role() != Role::ComboBox && node.is_disabled()
        })
    };
    assert!(item(&harness, "wait-3-days"), "a loop target is greyed out in Leads to");
    assert!(!item(&harness, "thanks"), "a target without a loop is offered");
    harness.get_by_role_and_label(Role::ComboBox, "No").click();
    harness.run_ok();
    assert_eq!(editor(&harness).draft, before);

    // "×" on the selected box's arrow frees the branch: one step, nothing dropped.
    harness.get_by_label("Disconnect the no path of bought").click_accesskit();
    harness.run_ok();
    assert_eq!(leads(&harness, "bought", Slot::No), "");
    assert_eq!(false_activity(&json(&mut harness)), "");
    assert!(orphans(&editor(&harness).draft).contains(&"nudge".to_owned()));
    assert_eq!(editor(&harness).draft.activities.len(), 10);
    harness.get_by_label("Undo").click();
    harness.run_ok();
    assert_eq!(editor(&harness).draft, before);

    // Dragging empty canvas still pans and dragging a box still moves it; neither edits.
    let view = editor(&harness).view;
    let panned = empty + egui::vec2(40.0, 30.0);
    press_and_move(&mut harness, empty, panned);
    release(&mut harness, panned);
    assert_ne!(editor(&harness).view, view, "the canvas panned");
    let box_now = centre(&harness, "thanks");
    press_and_move(&mut harness, box_now, box_now + egui::vec2(30.0, 0.0));
    release(&mut harness, box_now + egui::vec2(30.0, 0.0));
    assert!(editor(&harness).moved.contains_key("thanks"), "the box moved");
    assert_eq!(editor(&harness).draft, before);

    // A published journey shows no handles (and no "×").
    harness.get_by_label("All journeys").click();
    harness.run_ok();
    wait_until(&mut harness, "the list", WAIT, |h| {
        h.query_by_label("Open journey Frequent buyer thank-you").is_some()
    });
    harness.get_by_label("Open journey Frequent buyer thank-you").click();
    wait_until(&mut harness, "the active journey", WAIT, |h| {
        h.state().project.journeys.editor.as_ref().is_some_and(|e| e.state == "ACTIVE")
    });
    assert!(harness.query_by_label("Activity split").is_some());
    assert!(harness.query_by_label_contains("Reconnect").is_none(), "no handle on a published one");
}
