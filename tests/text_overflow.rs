//! Text cut off or out of place, for `layout`: the frame's painted shapes give each text's rect
//! and its clip rect in window coordinates (the journey canvas's `Scene` included, its
//! transform applied).
//!
//! What counts as a bug: text that runs past its clip rect on the left or right (a note past
//! the side panel's edge: the panel hides the rest), past the window's left or right edge, or
//! past the right or bottom edge of the filled box it starts in (a journey box's line below
//! the box), while that part is on screen. Not a bug: text cut at the top or bottom of its clip
//! rect (a scroll area scrolls vertically on purpose), text inside a text field (a field
//! scrolls what is typed), elided text (drawn within its width), and text wholly outside its
//! clip rect (not drawn).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::emath::TSTransform;
use egui::epaint::{ClippedShape, Shape};
use egui::{Pos2, Rect};
use egui_kittest::Harness;

/// A painted shape as the checker sees it: a filled box or a text, with its clip rect.
enum Painted {
    Box(Rect),
    Text(Rect, String),
}

/// The frame's filled boxes and texts, in paint order, each with its clip rect.
fn painted<S>(harness: &Harness<'_, S>) -> Vec<(Painted, Rect)> {
    fn walk(shape: &Shape, clip: Rect, to: TSTransform, out: &mut Vec<(Painted, Rect)>) {
        match shape {
            Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, clip, to, out)),
            Shape::Rect(r) if r.fill.a() > 0 => out.push((Painted::Box(to * r.rect), clip)),
            Shape::Text(t) if !t.galley.is_empty() => {
                out.push((
                    Painted::Text(to * t.visual_bounding_rect(), t.galley.text().to_owned()),
                    clip,
                ));
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for ClippedShape { clip_rect, shape, transform_after_tessellation } in &harness.output().shapes
    {
        walk(shape, *clip_rect, *transform_after_tessellation, &mut out);
    }
    out
}

/// Texts cut off or out of place on screen now, one line each (see the module's doc for what
/// counts); `fields` are the text fields' rects.
pub fn problems<S>(
    harness: &Harness<'_, S>,
    fields: &[Rect],
    size: [f32; 2],
    what: &str,
) -> Vec<String> {
    let in_field = |clip: Rect| fields.iter().any(|f| f.expand(3.0).contains_rect(clip));
    let shapes = painted(harness);
    let mut found = Vec::new();
    let mut report = |text: &str, why: String| {
        let text: String = text.chars().take(60).collect();
        found.push(format!("{what} at {}x{}: text '{text}' {why}", size[0], size[1]));
    };
    for (i, (shape, clip)) in shapes.iter().enumerate() {
        let Painted::Text(rect, text) = shape else { continue };
        let seen = rect.intersect(*clip);
        if !seen.is_positive() || in_field(*clip) {
            continue;
        }
        if rect.left() < clip.left() - 1.0 || rect.right() > clip.right() + 1.0 {
            report(text, format!("is cut at the edge of its panel ({rect:?} in {clip:?})"));
        } else if seen.left() < -1.0 || seen.right() > size[0] + 1.0 {
            report(text, format!("runs past the window's edge ({rect:?})"));
        }
        // The smallest filled box painted before the text that holds its start.
        let start = Pos2::new(rect.left() + 1.0, rect.top() + 1.0);
        let holder = shapes[..i]
            .iter()
            .filter_map(|(s, _)| match s {
                Painted::Box(b) if b.contains(start) => Some(*b),
                _ => None,
            })
            .min_by(|a, b| a.area().total_cmp(&b.area()));
        if let Some(b) = holder {
            let past_right = rect.right() > b.right() + 1.0 && seen.right() > b.right() + 1.0;
            let past_bottom = rect.bottom() > b.bottom() + 1.0 && seen.bottom() > b.bottom() + 1.0;
            if past_right || past_bottom {
                report(text, format!("runs out of its box ({rect:?} in {b:?})"));
            }
        }
    }
    found
}

#[test]
fn the_checker_sees_text_past_its_panel_and_out_of_its_box() {
    // A note that does not wrap in a 200-point side panel (last session's bug), and a line
    // painted half below its box.
    let size = [600.0, 400.0];
    let mut harness = Harness::builder().with_size(size).build_ui(|ui| {
        egui::Panel::left("narrow").exact_size(200.0).show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                ui.add(
                    egui::Label::new("A note much too long for this panel, which it does not fit")
                        .wrap_mode(egui::TextWrapMode::Extend),
                );
            });
        });
        egui::CentralPanel::default().show(ui, |ui| {
            let rect = Rect::from_min_size(ui.cursor().min, egui::vec2(160.0, 30.0));
            ui.painter().rect_filled(rect, 4.0, egui::Color32::DARK_GRAY);
            ui.painter().text(
                rect.left_bottom() + egui::vec2(8.0, -6.0),
                egui::Align2::LEFT_TOP,
                "Below the box",
                egui::FontId::proportional(14.0),
                egui::Color32::WHITE,
            );
        });
    });
    harness.run();
    let found = problems(&harness, &[], size, "made up");
    assert!(
        found.iter().any(|p| p.contains("'A note much too long") && p.contains("cut")),
        "{found:?}"
    );
    assert!(found.iter().any(|p| p.contains("'Below the box' runs out of its box")), "{found:?}");
}
