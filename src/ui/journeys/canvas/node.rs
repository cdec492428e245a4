//! One box of the canvas: an activity drawn by its kind (icon, colour, what it does), its
//! counts once the journey runs, a red border when something is wrong with it, an orphan
//! marked; or the entry at the top. Each box is one widget named for screen readers and
//! tests ("Activity sms1", "Journey entry"), clicked to select and dragged to move.

use egui::{Color32, CornerRadius, Rect, Response, RichText, Sense, Stroke, StrokeKind, Ui};

use crate::drafts::journey::words::{NodeCounts, summary};
use crate::drafts::journey::{Channel, Kind};
use crate::ui::theme;

/// A kind's name and colour.
#[must_use]
pub fn look(kind: &Kind) -> (&'static str, Color32) {
    match kind {
        Kind::Message(m) => match m.channel {
            Channel::Email => ("Email", theme::SPLIT[0]),
            Channel::Sms => ("SMS", theme::SPLIT[1]),
            Channel::Push => ("Push", theme::SPLIT[3]),
            Channel::Custom => ("Custom", theme::SPLIT[5]),
        },
        Kind::Wait { .. } => ("Wait", theme::HOLDOUT),
        Kind::Holdout { .. } => ("Holdout", theme::HOLDOUT),
        Kind::RandomSplit(_) => ("Random split", theme::SPLIT[2]),
        Kind::ConditionalSplit { .. } => ("Yes/no split", theme::SPLIT[4]),
        Kind::MultiCondition { .. } => ("Multivariate split", theme::SPLIT[4]),
        Kind::ContactCenter { .. } => ("Contact center", theme::SPLIT[5]),
    }
}

/// A kind's icon, drawn in `r` (16 points square) with lines, so no font needs the glyph.
#[allow(
    clippy::many_single_char_names,
    reason = "a drawing: p(ainter), s(troke), r(ect), c(olour), at"
)]
fn icon(ui: &Ui, r: Rect, kind: &Kind, c: Color32) {
    let p = ui.painter();
    let s = Stroke::new(1.6, c);
    let at = |x: f32, y: f32| egui::pos2(r.left() + x * r.width(), r.top() + y * r.height());
    match kind {
        Kind::Message(m) => match m.channel {
            Channel::Email => {
                p.rect_stroke(
                    Rect::from_min_max(at(0.0, 0.2), at(1.0, 0.85)),
                    1.0,
                    s,
                    StrokeKind::Inside,
                );
                p.line(vec![at(0.0, 0.2), at(0.5, 0.55), at(1.0, 0.2)], s);
            }
            Channel::Sms => {
                p.rect_stroke(
                    Rect::from_min_max(at(0.0, 0.1), at(1.0, 0.7)),
                    3.0,
                    s,
                    StrokeKind::Inside,
                );
                p.line(vec![at(0.25, 0.7), at(0.2, 0.95), at(0.5, 0.7)], s);
            }
            Channel::Push => {
                p.line(
                    vec![
                        at(0.2, 0.75),
                        at(0.25, 0.3),
                        at(0.5, 0.1),
                        at(0.75, 0.3),
                        at(0.8, 0.75),
                        at(0.2, 0.75),
                    ],
                    s,
                );
                p.circle_filled(at(0.5, 0.9), 1.8, c);
            }
            Channel::Custom => {
                p.line(vec![at(0.35, 0.2), at(0.05, 0.5), at(0.35, 0.8)], s);
                p.line(vec![at(0.65, 0.2), at(0.95, 0.5), at(0.65, 0.8)], s);
            }
        },
        Kind::Wait { .. } => {
            p.circle_stroke(r.center(), r.width() * 0.45, s);
            p.line(vec![at(0.5, 0.2), at(0.5, 0.5), at(0.75, 0.6)], s);
        }
        Kind::Holdout { .. } => {
            p.circle_stroke(r.center(), r.width() * 0.45, s);
            p.line_segment([at(0.2, 0.2), at(0.8, 0.8)], s);
        }
        Kind::RandomSplit(_) | Kind::MultiCondition { .. } => {
            p.line_segment([at(0.5, 0.0), at(0.5, 0.45)], s);
            p.line(vec![at(0.1, 1.0), at(0.5, 0.45), at(0.9, 1.0)], s);
            if matches!(kind, Kind::MultiCondition { .. }) {
                p.line_segment([at(0.5, 0.45), at(0.5, 1.0)], s);
            }
        }
        Kind::ConditionalSplit { .. } => {
            p.line(vec![at(0.5, 0.0), at(1.0, 0.5), at(0.5, 1.0), at(0.0, 0.5), at(0.5, 0.0)], s);
        }
        Kind::ContactCenter { .. } => {
            p.circle_stroke(at(0.5, 0.35), r.width() * 0.22, s);
            p.line(vec![at(0.1, 1.0), at(0.2, 0.7), at(0.8, 0.7), at(0.9, 1.0)], s);
        }
    }
}

/// How a box is marked.
#[derive(Debug, Clone, Copy, Default)]
#[allow(clippy::struct_excessive_bools, reason = "four independent marks of one box")]
pub struct Marks {
    /// Selected in the side panel.
    pub selected: bool,
    /// Something is wrong with it.
    pub problem: bool,
    /// The start cannot reach it.
    pub orphan: bool,
    /// Its start activity (drawn with a thicker top).
    pub start: bool,
}

/// The box's frame, in its state's colours; answers the widget's response.
fn frame(
    ui: &mut Ui,
    rect: Rect,
    id: egui::Id,
    label: &str,
    colour: Color32,
    marks: Marks,
) -> Response {
    let response = ui.interact(rect, id, Sense::click_and_drag());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label));
    let visuals = ui.visuals();
    let fill =
        if response.hovered() { visuals.widgets.hovered.bg_fill } else { visuals.extreme_bg_color };
    let stroke = if marks.problem {
        Stroke::new(2.5, theme::ERROR)
    } else if marks.selected {
        Stroke::new(2.5, theme::ACCENT)
    } else if marks.orphan {
        Stroke::new(1.5, theme::WARN)
    } else {
        Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color)
    };
    let painter = ui.painter();
    let radius = CornerRadius::same(6);
    painter.rect(rect, radius, fill, stroke, StrokeKind::Inside);
    let band = Rect::from_min_max(rect.min, egui::pos2(rect.left() + 6.0, rect.bottom()));
    painter.rect_filled(band.shrink(1.0), CornerRadius { nw: 6, sw: 6, ne: 0, se: 0 }, colour);
    response
}

fn text(ui: &Ui, at: egui::Pos2, line: RichText, width: f32) {
    let galley = egui::WidgetText::from(line).into_galley(
        ui,
        Some(egui::TextWrapMode::Truncate),
        width,
        egui::TextStyle::Body,
    );
    ui.painter().galley(at, galley, ui.visuals().text_color());
}

/// Draws an activity's box.
pub fn activity(
    ui: &mut Ui,
    rect: Rect,
    (id, kind): (&str, &Kind),
    marks: Marks,
    counts: Option<NodeCounts>,
    segment_name: &dyn Fn(&str) -> Option<String>,
) -> Response {
    let (name, colour) = look(kind);
    let response = frame(
        ui,
        rect,
        egui::Id::unique(("journey_node", id)),
        &format!("Activity {id}"),
        colour,
        marks,
    );
    let inner = rect.shrink2(egui::vec2(12.0, 6.0));
    let w = inner.width();
    icon(
        ui,
        Rect::from_min_size(inner.min + egui::vec2(0.0, 1.0), egui::vec2(16.0, 16.0)),
        kind,
        colour,
    );
    let title = RichText::new(format!("{name} · {id}")).size(TITLE).strong().color(colour);
    text(ui, inner.min + egui::vec2(22.0, 0.0), title, w - 22.0);
    let second = if marks.orphan {
        RichText::new("Orphan: nothing leads here").color(theme::WARN)
    } else {
        RichText::new(summary(kind, segment_name))
    };
    text(ui, inner.min + egui::vec2(0.0, 20.0), second.size(DETAIL), w);
    if let Some(c) = counts {
        let line = |y: f32, words: String| {
            text(ui, inner.min + egui::vec2(0.0, y), RichText::new(words).size(DETAIL).strong(), w);
        };
        line(38.0, format!("{} in · {} waiting", c.entered, c.waiting));
        if matches!(kind, Kind::Message(_)) {
            line(55.0, format!("{} sent · {} failed", c.sent, c.failed));
        }
    } else if marks.start {
        text(
            ui,
            inner.min + egui::vec2(0.0, 38.0),
            RichText::new("Start").size(DETAIL).color(theme::MUTED),
            w,
        );
    }
    response
}

/// The size of a box's second and count lines: readable at the canvas's first zoom (0.8),
/// where egui's small text was not.
pub(super) const DETAIL: f32 = 12.5;
/// The size of a box's title line.
const TITLE: f32 = 14.0;

/// Draws the entry's box.
pub fn entry(
    ui: &mut Ui,
    rect: Rect,
    words: &str,
    marks: Marks,
    entered: Option<&str>,
) -> Response {
    let response =
        frame(ui, rect, egui::Id::unique("journey_entry"), "Journey entry", theme::ACCENT, marks);
    let inner = rect.shrink2(egui::vec2(12.0, 6.0));
    let w = inner.width();
    let play = |x: f32, y: f32| inner.min + egui::vec2(x, y);
    let triangle = vec![play(2.0, 2.0), play(14.0, 9.0), play(2.0, 16.0)];
    ui.painter().add(egui::Shape::convex_polygon(triangle, theme::ACCENT, Stroke::NONE));
    text(
        ui,
        inner.min + egui::vec2(22.0, 0.0),
        RichText::new("Entry").size(TITLE).strong().color(theme::ACCENT),
        w - 22.0,
    );
    text(ui, inner.min + egui::vec2(0.0, 20.0), RichText::new(words).size(DETAIL), w);
    if let Some(n) = entered {
        text(
            ui,
            inner.min + egui::vec2(0.0, 38.0),
            RichText::new(format!("{n} entered")).size(DETAIL).strong(),
            w,
        );
    }
    response
}
