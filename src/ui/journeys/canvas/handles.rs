//! Reconnecting by dragging: a handle where each branch's arrow leaves its box (the entry's
//! too). Dragging one draws a rubber-band arrow to the pointer; the box under it is outlined
//! green when the branch may lead there and red when not, with the reason by the pointer;
//! dropping on a box that may take it makes the side panel's edit (one undo step), dropping
//! anywhere else or Escape changes nothing. Clicking a handle (or activating it with a screen
//! reader) opens its box in the side panel, whose "Leads to" chooses the target from a list.
//! A published journey shows no handles.

use egui::emath::TSTransform;
use egui::{Id, Pos2, Rect, Response, Sense, Stroke, StrokeKind, Ui, vec2};

use super::edges::{arrow, branch_words};
use super::geometry::{Geometry, handle_radii};
use crate::drafts::journey::JourneyDraft;
use crate::drafts::journey::connect::{Target, check, edit};
use crate::drafts::journey::graph::{Slot, outs};
use crate::drafts::journey::history::{Edit, Place};
use crate::ui::theme;

/// What the canvas keeps between frames besides its view: the branch being dragged, and where
/// the scene was on screen last frame (what a test needs to drag with real positions).
#[derive(Debug, Clone, Default)]
pub struct CanvasState {
    dragging: Option<Place>,
    to_screen: TSTransform,
}

impl CanvasState {
    /// The branch whose handle is being dragged.
    #[must_use]
    pub fn dragging(&self) -> Option<&Place> {
        self.dragging.as_ref()
    }

    /// Where a point of the canvas was on screen last frame.
    #[must_use]
    pub fn to_screen(&self, canvas: Pos2) -> Pos2 {
        self.to_screen * canvas
    }

    /// The zoom of the last frame.
    #[must_use]
    pub fn zoom(&self) -> f32 {
        self.to_screen.scaling
    }

    /// Lets go of a drag without changing anything (Escape); answers true when one was on.
    pub fn cancel(&mut self) -> bool {
        self.dragging.take().is_some()
    }
}

/// A branch by reference, so a frame builds no `Place` for handles nobody drags.
#[derive(Clone, Copy)]
enum Branch<'a> {
    Entry,
    Slot(&'a str, Slot),
}

impl Branch<'_> {
    fn place(self) -> Place {
        match self {
            Self::Entry => Place::Start,
            Self::Slot(id, slot) => Place::After(id.to_owned(), slot),
        }
    }

    fn is(self, place: Option<&Place>) -> bool {
        match (self, place) {
            (Self::Entry, Some(Place::Start)) => true,
            (Self::Slot(id, slot), Some(Place::After(f, s))) => id == f && slot == *s,
            _ => false,
        }
    }
}

/// One handle: a dot on the box's edge that catches the pointer within `catch`.
fn handle(ui: &mut Ui, at: Pos2, branch: Branch<'_>, (drawn, catch): (f32, f32)) -> Response {
    let rect = Rect::from_center_size(at, vec2(catch, catch) * 2.0);
    let id = match branch {
        Branch::Entry => Id::unique(("journey_handle", "", None::<Slot>)),
        Branch::Slot(from, slot) => Id::unique(("journey_handle", from, Some(slot))),
    };
    let response = ui.interact(rect, id, Sense::click_and_drag());
    response.widget_info(|| {
        let words = format!("Reconnect {}", branch_words(&branch.place()));
        egui::WidgetInfo::labeled(egui::Role::Button, true, words)
    });
    let active = response.hovered() || response.dragged();
    let (fill, radius) = if active {
        (theme::ACCENT, drawn * 1.4)
    } else {
        (ui.visuals().widgets.inactive.fg_stroke.color, drawn)
    };
    let ring = Stroke::new(1.5, ui.visuals().extreme_bg_color);
    ui.painter().circle(at, radius, fill, ring);
    response.on_hover_ui(|ui| {
        ui.label(format!(
            "Drag onto another box to make {} lead there, or click to choose where in the \
             side panel",
            branch_words(&branch.place())
        ));
    })
}

/// What the handles did this frame.
pub(super) enum Handled {
    /// A branch dropped on a box that may take it: the edit to make.
    Reconnect(Edit),
    /// A handle clicked (or activated by a screen reader): its box opens in the side panel,
    /// whose "Leads to" chooses the target.
    Open(Place),
}

/// Draws the handles (none when `fixed`) and the drag under way; answers a drop on a box that
/// may take the branch, or a handle clicked.
pub(super) fn show(
    ui: &mut Ui,
    draft: &JourneyDraft,
    g: &Geometry,
    state: &mut CanvasState,
    fixed: bool,
) -> Option<Handled> {
    if let Some(t) = ui.ctx().layer_transform_to_global(ui.layer_id()) {
        state.to_screen = t;
    }
    if fixed {
        state.dragging = None;
        return None;
    }
    let zoom = state.to_screen.scaling;
    let mut pointer = None;
    let mut dropped = None;
    let mut started = None;
    let mut opened = None;
    let mut seen = false;
    let mut one = |ui: &mut Ui, at: Pos2, branch: Branch<'_>, count: usize| {
        let r = handle(ui, at, branch, handle_radii(zoom, count));
        if r.clicked() {
            opened = Some(branch.place());
        } else if r.drag_started() {
            started = Some(branch.place());
        } else if branch.is(state.dragging.as_ref()) {
            seen |= r.dragged() || r.drag_stopped();
            pointer = r.interact_pointer_pos().or(pointer);
            if r.drag_stopped() {
                dropped = pointer;
            }
        }
    };
    one(ui, g.start_anchor(), Branch::Entry, 1);
    for (id, a) in &draft.activities {
        let Some(rect) = g.nodes.get(id) else { continue };
        let slots = outs(&a.kind);
        for (i, o) in slots.iter().enumerate() {
            one(
                ui,
                Geometry::out_anchor(*rect, i, slots.len()),
                Branch::Slot(id, o.slot),
                slots.len(),
            );
        }
    }
    if let Some(place) = opened {
        return Some(Handled::Open(place));
    }
    if let Some(place) = started {
        state.dragging = Some(place);
        return None;
    }
    let from = state.dragging.clone()?;
    if !seen {
        // The handle is gone (an undo took its box away) or the button was let go elsewhere.
        state.dragging = None;
        return None;
    }
    if let Some(at) = dropped {
        state.dragging = None;
        let target = g.target_at(at)?;
        check(draft, &from, &target).ok()?;
        let Target::Activity(to) = target else { return None };
        return Some(Handled::Reconnect(edit(&from, &to)));
    }
    if let (Some(at), Some(start)) = (pointer, g.handle(draft, &from)) {
        rubber_band(ui, draft, g, (&from, start), at);
    }
    None
}

/// The arrow following the pointer (to where it would enter a box that may take it), the box
/// under the pointer outlined, and what a drop there does by the pointer.
fn rubber_band(
    ui: &Ui,
    draft: &JourneyDraft,
    g: &Geometry,
    (from, start): (&Place, Pos2),
    at: Pos2,
) {
    let target = g.target_at(at);
    let verdict = target.as_ref().map(|t| (t, check(draft, from, t)));
    let (colour, words) = match &verdict {
        None => {
            (theme::ACCENT, "Drop on a box to connect; elsewhere, or Escape, cancels".to_owned())
        }
        Some((t, Err(refusal))) => {
            outline(ui, g, t, theme::ERROR);
            (theme::ERROR, refusal.sentence())
        }
        Some((t, Ok(()))) => {
            outline(ui, g, t, theme::OK);
            let to = match t {
                Target::Activity(id) => id.as_str(),
                Target::Entry => "",
            };
            let words = match from {
                Place::Start => format!("Drop: the journey starts at {to}"),
                Place::After(..) => format!("Drop: {} leads to {to}", branch_words(from)),
            };
            (theme::OK, words)
        }
    };
    match verdict.as_ref().and_then(|(t, v)| v.is_ok().then_some(*t)) {
        Some(Target::Activity(id)) if g.nodes.contains_key(id) => {
            arrow(ui, start, Geometry::in_anchor(g.nodes[id]), colour);
        }
        _ => pointer_line(ui, start, at, colour),
    }
    egui::Tooltip::always_open(
        ui.ctx().clone(),
        ui.layer_id(),
        Id::unique("journey_drag_tip"),
        egui::PopupAnchor::Pointer,
    )
    .show(|ui| ui.label(egui::RichText::new(words).color(colour)));
}

/// A straight arrow from `a` to the pointer at `b`, its head pointing the way it goes.
fn pointer_line(ui: &Ui, a: Pos2, b: Pos2, colour: egui::Color32) {
    let painter = ui.painter();
    painter.line_segment([a, b], Stroke::new(1.5, colour));
    let along = (b - a).normalized();
    if along.is_finite() {
        let side = along.rot90() * 5.0;
        let back = b - along * 9.0;
        painter.add(egui::Shape::convex_polygon(
            vec![b, back + side, back - side],
            colour,
            Stroke::NONE,
        ));
    }
}

fn outline(ui: &Ui, g: &Geometry, target: &Target, colour: egui::Color32) {
    let rect = match target {
        Target::Entry => Some(g.entry),
        Target::Activity(id) => g.nodes.get(id).copied(),
    };
    if let Some(r) = rect {
        ui.painter().rect_stroke(r.expand(4.0), 8.0, Stroke::new(3.0, colour), StrokeKind::Outside);
    }
}
