//! The arrows of the canvas: `NextActivity` and every branch, labelled with its percentage or
//! condition, from the slot's place on the box's bottom edge to the top of its target; a free
//! branch as a short stub. Each arrow and stub carries a "+" that adds an activity there, and
//! each arrow leaving the selected box a "×" that frees its branch.

use egui::epaint::CubicBezierShape;
use egui::{Color32, Pos2, Rect, RichText, Stroke, Ui, vec2};

use super::geometry::Geometry;
use crate::drafts::journey::JourneyDraft;
use crate::drafts::journey::graph::{Slot, outs};
use crate::drafts::journey::history::Place;
use crate::ui::theme;

/// Length of a free branch's stub.
const STUB: f32 = 34.0;

/// The words a "+" is named by ("Add on path 2 of split1").
#[must_use]
pub fn place_words(place: &Place) -> String {
    match place {
        Place::Start => "Add at the start".to_owned(),
        Place::After(from, Slot::Next) => format!("Add after {from}"),
        Place::After(..) => format!("Add on {}", branch_words(place)),
    }
}

/// The branch at `place` in words ("path 2 of split1", "the arrow after wait1").
#[must_use]
pub fn branch_words(place: &Place) -> String {
    match place {
        Place::Start => "the entry's arrow".to_owned(),
        Place::After(from, Slot::Next) => format!("the arrow after {from}"),
        Place::After(from, Slot::Path(i)) => format!("path {} of {from}", i + 1),
        Place::After(from, Slot::Yes) => format!("the yes path of {from}"),
        Place::After(from, Slot::No) => format!("the no path of {from}"),
        Place::After(from, Slot::Else) => format!("the else path of {from}"),
    }
}

/// An arrow from `a` to `b` with its head at `b`.
pub(super) fn arrow(ui: &Ui, a: Pos2, b: Pos2, colour: Color32) {
    let bend = ((b.y - a.y).abs() / 2.0).max(40.0);
    let shape = CubicBezierShape::from_points_stroke(
        [a, a + vec2(0.0, bend), b - vec2(0.0, bend), b],
        false,
        Color32::TRANSPARENT,
        Stroke::new(1.5, colour),
    );
    let painter = ui.painter();
    painter.add(shape);
    painter.add(egui::Shape::convex_polygon(
        vec![b, b + vec2(-5.0, -9.0), b + vec2(5.0, -9.0)],
        colour,
        Stroke::NONE,
    ));
}

/// A small square button at `at` named `words`, its sign drawn by `sign` (from the centre and
/// the stroke); answers true when clicked.
fn small_button(ui: &mut Ui, at: Pos2, words: String, sign: fn(&Ui, Pos2, Stroke)) -> bool {
    let rect = Rect::from_center_size(at, vec2(20.0, 20.0));
    let response =
        ui.interact(rect, egui::Id::unique(("journey_plus", &words)), egui::Sense::click());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &words));
    let visuals = ui.style().interact(&response);
    ui.painter().rect(rect, 4.0, visuals.bg_fill, visuals.bg_stroke, egui::StrokeKind::Inside);
    sign(ui, at, Stroke::new(1.8, visuals.fg_stroke.color));
    response.on_hover_text(words).clicked()
}

/// The "+" at `at` (a widget of a stable id named by its place); answers true when clicked.
fn plus(ui: &mut Ui, at: Pos2, place: &Place) -> bool {
    small_button(ui, at, place_words(place), |ui, at, s| {
        ui.painter().line_segment([at - vec2(5.0, 0.0), at + vec2(5.0, 0.0)], s);
        ui.painter().line_segment([at - vec2(0.0, 5.0), at + vec2(0.0, 5.0)], s);
    })
}

/// The "×" at `at` that frees the branch at `place`; answers true when clicked.
fn cross(ui: &mut Ui, at: Pos2, place: &Place) -> bool {
    let words = format!("Disconnect {}", branch_words(place));
    small_button(ui, at, words, |ui, at, s| {
        ui.painter().line_segment([at - vec2(4.0, 4.0), at + vec2(4.0, 4.0)], s);
        ui.painter().line_segment([at + vec2(-4.0, 4.0), at + vec2(4.0, -4.0)], s);
    })
}

fn label(ui: &Ui, at: Pos2, text: &str) {
    if text.is_empty() {
        return;
    }
    let galley = egui::WidgetText::from(RichText::new(text).size(super::node::DETAIL)).into_galley(
        ui,
        Some(egui::TextWrapMode::Extend),
        f32::INFINITY,
        egui::TextStyle::Small,
    );
    let rect = Rect::from_center_size(at, galley.size() + vec2(8.0, 2.0));
    let painter = ui.painter();
    painter.rect_filled(rect, 3.0, ui.visuals().panel_fill);
    painter.galley(rect.min + vec2(4.0, 1.0), galley, theme::MUTED);
}

/// What the arrows are drawn with.
pub(super) struct Arrows<'a> {
    /// A published journey: no "+" and no "×".
    pub fixed: bool,
    /// The selected activity: its arrows carry a "×".
    pub selected: Option<&'a str>,
    /// The branch being dragged elsewhere: its arrow is drawn faint.
    pub dragging: Option<&'a Place>,
}

/// A button of an arrow, clicked.
pub(super) enum Clicked {
    /// "+": add an activity there.
    Add(Place),
    /// "×": free the branch.
    Disconnect(Place),
}

/// Draws every arrow (and the "+" on each unless `fixed`, the "×" on the selected box's);
/// answers the button clicked.
pub(super) fn show(
    ui: &mut Ui,
    draft: &JourneyDraft,
    g: &Geometry,
    how: &Arrows<'_>,
) -> Option<Clicked> {
    let colour = ui.visuals().widgets.inactive.fg_stroke.color;
    let faint = colour.gamma_multiply(0.3);
    let fixed = how.fixed;
    let mut clicked = None;
    // The entry leads to the start activity.
    let from = g.start_anchor();
    match g.nodes.get(&draft.start_activity) {
        Some(start) => {
            let to = Geometry::in_anchor(*start);
            let dragged = matches!(how.dragging, Some(Place::Start));
            arrow(ui, from, to, if dragged { faint } else { colour });
            if !fixed && plus(ui, from.lerp(to, 0.5), &Place::Start) {
                clicked = Some(Clicked::Add(Place::Start));
            }
        }
        None if !fixed => {
            ui.painter().line_segment([from, from + vec2(0.0, STUB)], Stroke::new(1.5, colour));
            if plus(ui, from + vec2(0.0, STUB + 10.0), &Place::Start) {
                clicked = Some(Clicked::Add(Place::Start));
            }
        }
        None => {}
    }
    for (id, a) in &draft.activities {
        let Some(rect) = g.nodes.get(id) else { continue };
        let slots = outs(&a.kind);
        let count = slots.len();
        let selected = !fixed && how.selected == Some(id.as_str());
        for (i, o) in slots.into_iter().enumerate() {
            let start = Geometry::out_anchor(*rect, i, count);
            let place = Place::After(id.clone(), o.slot);
            let at = if let Some(target) = g.nodes.get(&o.target) {
                let to = Geometry::in_anchor(*target);
                let dragged = how.dragging == Some(&place);
                arrow(ui, start, to, if dragged { faint } else { colour });
                label(ui, start.lerp(to, 0.25), &o.label);
                let at = start.lerp(to, 0.6);
                if selected && cross(ui, at + vec2(24.0, 0.0), &place) {
                    clicked = Some(Clicked::Disconnect(place.clone()));
                }
                at
            } else {
                let end = start + vec2(0.0, STUB);
                ui.painter().line_segment([start, end], Stroke::new(1.5, colour));
                label(ui, start + vec2(0.0, STUB / 2.0), &o.label);
                end + vec2(0.0, 10.0)
            };
            if !fixed && plus(ui, at, &place) {
                clicked = Some(Clicked::Add(place));
            }
        }
    }
    clicked
}
