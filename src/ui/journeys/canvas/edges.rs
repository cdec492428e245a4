//! The arrows of the canvas: `NextActivity` and every branch, labelled with its percentage or
//! condition, from the slot's place on the box's bottom edge to the top of its target; a free
//! branch as a short stub. Each arrow and stub carries a "+" that adds an activity there.

use egui::epaint::CubicBezierShape;
use egui::{Color32, Pos2, Rect, RichText, Stroke, Ui, pos2, vec2};

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
        Place::After(from, Slot::Path(i)) => format!("Add on path {} of {from}", i + 1),
        Place::After(from, Slot::Yes) => format!("Add on the yes path of {from}"),
        Place::After(from, Slot::No) => format!("Add on the no path of {from}"),
        Place::After(from, Slot::Else) => format!("Add on the else path of {from}"),
    }
}

/// An arrow from `a` to `b` with its head at `b`.
fn arrow(ui: &Ui, a: Pos2, b: Pos2, colour: Color32) {
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

/// The "+" at `at` (a widget of a stable id named by its place); answers true when clicked.
fn plus(ui: &mut Ui, at: Pos2, place: &Place) -> bool {
    let rect = Rect::from_center_size(at, vec2(20.0, 20.0));
    let words = place_words(place);
    let response =
        ui.interact(rect, egui::Id::unique(("journey_plus", &words)), egui::Sense::click());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &words));
    let visuals = ui.style().interact(&response);
    ui.painter().rect(rect, 4.0, visuals.bg_fill, visuals.bg_stroke, egui::StrokeKind::Inside);
    let s = egui::Stroke::new(1.8, visuals.fg_stroke.color);
    ui.painter().line_segment([at - vec2(5.0, 0.0), at + vec2(5.0, 0.0)], s);
    ui.painter().line_segment([at - vec2(0.0, 5.0), at + vec2(0.0, 5.0)], s);
    response.on_hover_text(words).clicked()
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

/// Draws every arrow (and the "+" on each unless `fixed`); answers the place of a "+" clicked.
pub fn show(ui: &mut Ui, draft: &JourneyDraft, g: &Geometry, fixed: bool) -> Option<Place> {
    let colour = ui.visuals().widgets.inactive.fg_stroke.color;
    let mut clicked = None;
    // The entry leads to the start activity.
    let from = pos2(g.entry.center().x, g.entry.bottom());
    match g.nodes.get(&draft.start_activity) {
        Some(start) => {
            let to = Geometry::in_anchor(*start);
            arrow(ui, from, to, colour);
            if !fixed && plus(ui, from.lerp(to, 0.5), &Place::Start) {
                clicked = Some(Place::Start);
            }
        }
        None if !fixed => {
            ui.painter().line_segment([from, from + vec2(0.0, STUB)], Stroke::new(1.5, colour));
            if plus(ui, from + vec2(0.0, STUB + 10.0), &Place::Start) {
                clicked = Some(Place::Start);
            }
        }
        None => {}
    }
    for (id, a) in &draft.activities {
        let Some(rect) = g.nodes.get(id) else { continue };
        let slots = outs(&a.kind);
        let count = slots.len();
        for (i, o) in slots.into_iter().enumerate() {
            let start = Geometry::out_anchor(*rect, i, count);
            let place = Place::After(id.clone(), o.slot);
            let at = if let Some(target) = g.nodes.get(&o.target) {
                let to = Geometry::in_anchor(*target);
                arrow(ui, start, to, colour);
                label(ui, start.lerp(to, 0.25), &o.label);
                start.lerp(to, 0.6)
            } else {
                let end = start + vec2(0.0, STUB);
                ui.painter().line_segment([start, end], Stroke::new(1.5, colour));
                label(ui, start + vec2(0.0, STUB / 2.0), &o.label);
                end + vec2(0.0, 10.0)
            };
            if !fixed && plus(ui, at, &place) {
                clicked = Some(place);
            }
        }
    }
    clicked
}
