//! The canvas: the journey as a graph in an `egui::Scene` (drag the background to pan, Ctrl
//! and the wheel or a pinch to zoom), the entry at the top and every activity a box drawn by
//! its kind, the arrows labelled, "+" on every arrow and free branch; boxes move by hand, and
//! a branch is reconnected by dragging the handle where its arrow leaves the box (`handles`),
//! or freed with the "×" on the selected box's arrows. The side panel (`panel`) sits beside it
//! (below it on a narrow window). Undo and redo as buttons and Ctrl+Z / Ctrl+Shift+Z; Delete
//! removes the selected activity, Escape lets go (of a drag first).

mod edges;
pub mod geometry;
mod handles;
pub mod node;

pub use handles::CanvasState;

use egui::{RichText, Vec2, vec2};

use super::state::{Editor, Selected};
use super::{Context, panel};
use crate::drafts::FieldErrors;
use crate::drafts::journey::connect;
use crate::drafts::journey::history::{Edit, Place};
use crate::drafts::journey::words::flows;
use crate::ui::action::Action;
use crate::ui::theme;
use geometry::Geometry;
use node::Marks;

/// The side panel's width beside the canvas.
const PANEL_WIDTH: f32 = 360.0;
/// Below this width the panel goes under the canvas.
const NARROW: f32 = 780.0;

fn toolbar(ui: &mut egui::Ui, editor: &mut Editor, g: &Geometry) {
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(editor.history.can_undo(), egui::Button::new("Undo"))
            .on_hover_text("Ctrl+Z")
            .clicked()
        {
            editor.history.undo(&mut editor.draft);
        }
        if ui
            .add_enabled(editor.history.can_redo(), egui::Button::new("Redo"))
            .on_hover_text("Ctrl+Shift+Z")
            .clicked()
        {
            editor.history.redo(&mut editor.draft);
        }
        if ui.button("Fit").on_hover_text("Show the whole journey").clicked() {
            editor.view = g.bounds();
        }
        if ui
            .add_enabled(!editor.moved.is_empty(), egui::Button::new("Tidy"))
            .on_hover_text("Put moved boxes back in their places")
            .clicked()
        {
            editor.moved.clear();
        }
        let orphans = g.layout.places.values().filter(|p| p.orphan).count();
        if orphans > 0 {
            ui.label(
                RichText::new(format!(
                    "{orphans} orphaned activit{} (right): reconnect or delete",
                    if orphans == 1 { "y" } else { "ies" }
                ))
                .color(theme::WARN),
            );
        }
        if let Some(m) = &editor.metrics {
            let whose = m
                .run_id
                .as_ref()
                .map_or_else(|| "whole journey".to_owned(), |r| format!("run {r}"));
            ui.label(
                RichText::new(format!("Counts: {whose}, evaluated {}", m.evaluated))
                    .small()
                    .color(theme::MUTED),
            );
        }
    });
}

/// Ctrl+Z, Ctrl+Shift+Z (and Ctrl+Y), Delete and Escape, while no field has the keyboard.
fn keyboard(ui: &egui::Ui, editor: &mut Editor) {
    if ui.ctx().memory(|m| m.focused().is_some()) {
        return;
    }
    let (undo, redo, delete, escape) = ui.input_mut(|i| {
        let redo = i.consume_shortcut(&egui::KeyboardShortcut::new(
            egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
            egui::Key::Z,
        )) || i
            .consume_shortcut(&egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::Y));
        let undo = i
            .consume_shortcut(&egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::Z));
        let delete = i.key_pressed(egui::Key::Delete);
        let escape = i.key_pressed(egui::Key::Escape);
        (undo, redo, delete, escape)
    });
    if undo {
        editor.history.undo(&mut editor.draft);
    }
    if redo {
        editor.history.redo(&mut editor.draft);
    }
    if delete
        && !editor.graph_fixed()
        && let Some(Selected::Activity(id)) = editor.selected.clone()
    {
        editor.history.apply(&mut editor.draft, Edit::Delete(id));
        editor.selected = None;
    }
    if escape && !editor.canvas.cancel() {
        editor.selected = None;
        editor.adding = None;
    }
}

/// Below this zoom the boxes' text is hard to read: a first view shows the top of a big journey.
const READABLE: f32 = 0.8;

/// What the canvas shows first: the whole journey, or its top at a readable zoom.
fn first_view(bounds: egui::Rect, size: Vec2) -> egui::Rect {
    let scale = (size.x / bounds.width()).min(size.y / bounds.height());
    if scale >= READABLE || !scale.is_finite() {
        return bounds;
    }
    let seen = size / READABLE;
    egui::Rect::from_min_size(egui::pos2(bounds.center().x - seen.x / 2.0, bounds.top()), seen)
}

/// The graph in its scene.
fn draw(
    ui: &mut egui::Ui,
    editor: &mut Editor,
    g: &Geometry,
    problems: &FieldErrors,
    cx: &Context<'_>,
) {
    let name = |id: &str| cx.segments.iter().find(|s| s.id == id).map(|s| s.name.clone());
    if !editor.view.is_positive() {
        editor.view = first_view(g.bounds(), ui.available_size());
    }
    let fixed = editor.graph_fixed() || editor.finished();
    let mut view = editor.view;
    let mut clicked: Option<Selected> = None;
    let mut moved: Vec<(String, Vec2)> = Vec::new();
    let mut clicked_arrow = None;
    let mut reconnect = None;
    let flows = editor.metrics.as_ref().filter(|_| editor.has_run()).map(|m| {
        let entered = m.totals.get("ENDPOINT_ENTERED").and_then(|v| v.parse().ok()).unwrap_or(0);
        flows(&editor.draft, &m.activities, entered)
    });
    egui::Frame::canvas(ui.style()).show(ui, |ui| {
        egui::Scene::new().zoom_range(0.2..=1.0).show(ui, &mut view, |ui| {
            let selected = match &editor.selected {
                Some(Selected::Activity(id)) => Some(id.as_str()),
                _ => None,
            };
            let arrows = edges::Arrows { fixed, selected, dragging: editor.canvas.dragging() };
            clicked_arrow = edges::show(ui, &editor.draft, g, &arrows);
            let entered = editor
                .metrics
                .as_ref()
                .and_then(|m| m.totals.get("ENDPOINT_ENTERED"))
                .map(String::as_str);
            let marks = Marks {
                selected: editor.selected == Some(Selected::Entry),
                problem: problems.any_under("StartCondition"),
                ..Marks::default()
            };
            if node::entry(ui, g.entry, &editor.draft.entry_named(&name), marks, entered).clicked()
            {
                clicked = Some(Selected::Entry);
            }
            for (id, a) in &editor.draft.activities {
                let Some(rect) = g.nodes.get(id) else { continue };
                let marks = Marks {
                    selected: editor.selected.as_ref() == Some(&Selected::Activity(id.clone())),
                    problem: problems.any_under(&format!("Activities.{id}."))
                        || problems.get(&format!("Activities.{id}")).is_some(),
                    orphan: g.layout.places.get(id).is_some_and(|p| p.orphan),
                    start: *id == editor.draft.start_activity,
                };
                let node_counts = flows.as_ref().map(|f| f.get(id).copied().unwrap_or_default());
                let response = node::activity(ui, *rect, (id, &a.kind), marks, node_counts, &name);
                if response.clicked() {
                    clicked = Some(Selected::Activity(id.clone()));
                }
                if response.dragged() {
                    moved.push((id.clone(), response.drag_delta()));
                }
            }
            // After the boxes, so a handle on a box's edge catches the pointer before the box.
            reconnect = handles::show(ui, &editor.draft, g, &mut editor.canvas, fixed);
        });
    });
    editor.view = view;
    for (id, delta) in moved {
        *editor.moved.entry(id).or_insert(Vec2::ZERO) += delta;
    }
    if let Some(selected) = clicked {
        editor.selected = Some(selected);
        editor.adding = None;
    }
    match clicked_arrow {
        Some(edges::Clicked::Add(place)) => editor.adding = Some(place),
        Some(edges::Clicked::Disconnect(place)) => {
            editor.history.apply(&mut editor.draft, connect::edit(&place, ""));
        }
        None => {}
    }
    match reconnect {
        Some(handles::Handled::Reconnect(edit)) => {
            editor.history.apply(&mut editor.draft, edit);
        }
        Some(handles::Handled::Open(place)) => {
            editor.selected = Some(match place {
                Place::Start => Selected::Entry,
                Place::After(id, _) => Selected::Activity(id),
            });
            editor.adding = None;
        }
        None => {}
    }
}

/// Draws the canvas tab.
pub fn show(
    ui: &mut egui::Ui,
    editor: &mut Editor,
    cx: &Context<'_>,
    problems: &FieldErrors,
) -> Vec<Action> {
    let g = Geometry::of(&editor.draft, &editor.moved);
    toolbar(ui, editor, &g);
    keyboard(ui, editor);
    // What the section really shows (its max rect can reach past the window).
    let width = theme::visible_width(ui);
    // The height left in view (the section scrolls; the canvas fills what is visible).
    let visible = (ui.clip_rect().bottom() - ui.cursor().top() - 8.0).max(320.0);
    let mut actions = Vec::new();
    if width < NARROW {
        ui.allocate_ui(vec2(width, visible.min(460.0)), |ui| draw(ui, editor, &g, problems, cx));
        ui.separator();
        actions.extend(panel::show(ui, editor, cx, problems));
    } else {
        ui.horizontal_top(|ui| {
            let down = egui::Layout::top_down(egui::Align::Min);
            ui.allocate_ui_with_layout(vec2(width - PANEL_WIDTH - 12.0, visible), down, |ui| {
                draw(ui, editor, &g, problems, cx);
            });
            ui.allocate_ui_with_layout(vec2(PANEL_WIDTH, visible), down, |ui| {
                ui.set_width(PANEL_WIDTH);
                egui::ScrollArea::vertical()
                    .id_salt("journey_panel")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        actions.extend(panel::show(ui, editor, cx, problems));
                    });
            });
        });
    }
    actions
}
