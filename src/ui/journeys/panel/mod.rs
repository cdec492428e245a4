//! The canvas's side panel: what the selected box is and does, every member of its kind's
//! shape, its problems in plain sentences, its counts, where each branch leads (reconnect by
//! picking the target, or by dragging on the canvas), start here and delete; or the kinds to
//! add at a "+"; or the entry.

mod conditions;
mod kinds;
mod message;

use egui::RichText;

use super::Context;
use super::canvas::node::look;
use super::settings::{entry, record};
use super::state::{Editor, Selected};
use crate::drafts::FieldErrors;
use crate::drafts::journey::NewKind;
use crate::drafts::journey::connect::{Target, check};
use crate::drafts::journey::graph::outs;
use crate::drafts::journey::history::{Edit, Place};
use crate::drafts::journey::words::flows;
use crate::ui::action::Action;
use crate::ui::theme;
use crate::ui::widgets::{danger_button, error_label, form_row, name_for_a11y, section};

/// The problems of one activity that no field of the panel shows (its id, a cycle, where its
/// branches lead, the service's refusal), as sentences; the others sit by their fields.
fn problems_of<'a>(problems: &'a FieldErrors, id: &str) -> Vec<&'a str> {
    let prefix = format!("Activities.{id}.");
    let exact = format!("Activities.{id}");
    problems
        .iter()
        .filter(|(k, _)| {
            *k == exact
                || (k.starts_with(&prefix) && (k.ends_with("Activity") || k.ends_with(".service")))
        })
        .map(|(_, m)| m)
        .collect()
}

fn adding(ui: &mut egui::Ui, editor: &mut Editor) {
    let words = editor.adding_words().unwrap_or_default();
    ui.heading(format!("Add an activity {words}"));
    ui.label(
        RichText::new("It takes the place of the arrow: what followed comes after it.")
            .color(theme::MUTED),
    );
    let mut chosen = None;
    for kind in NewKind::ALL {
        let b = ui.button(kind.label());
        name_for_a11y(ui, &b, &format!("Add {}", kind.label()));
        if b.clicked() {
            chosen = Some(kind);
        }
    }
    if ui.button("Cancel").clicked() {
        editor.adding = None;
    }
    if let Some(kind) = chosen
        && let Some(place) = editor.adding.take()
    {
        let made = editor.history.apply(&mut editor.draft, Edit::Insert(place, kind));
        editor.selected = made.map(Selected::Activity);
    }
}

/// Where each branch leads, as a picker of the other activities; one that would close a loop is
/// offered greyed out with the reason (the same check as dragging the arrow on the canvas).
fn targets(ui: &mut egui::Ui, editor: &mut Editor, id: &str, fixed: bool) {
    let Some(a) = editor.draft.activities.get(id) else { return };
    let slots = outs(&a.kind);
    let others: Vec<String> =
        editor.draft.activities.keys().filter(|k| *k != id).cloned().collect();
    section(ui, "Leads to");
    let mut change = None;
    for o in slots {
        ui.horizontal(|ui| {
            let name = if o.label.is_empty() { "Next".to_owned() } else { o.label.clone() };
            let label = ui.label(&name);
            let shown =
                if o.target.is_empty() { "(ends here)".to_owned() } else { o.target.clone() };
            let mut target = o.target.clone();
            ui.add_enabled_ui(!fixed, |ui| {
                egui::ComboBox::from_id_salt(("journey_target", id, o.slot))
                    .selected_text(shown)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut target, String::new(), "(ends here)");
                        let from = Place::After(id.to_owned(), o.slot);
                        for other in &others {
                            let to = Target::Activity(other.clone());
                            let refusal = check(&editor.draft, &from, &to).err();
                            ui.add_enabled_ui(refusal.is_none(), |ui| {
                                ui.selectable_value(&mut target, other.clone(), other)
                            })
                            .inner
                            .on_disabled_hover_text(
                                refusal.map(|r| r.sentence()).unwrap_or_default(),
                            );
                        }
                    })
                    .response
                    .labelled_by(label.id);
            });
            if target != o.target {
                change = Some((o.slot, target));
            }
        });
    }
    if let Some((slot, to)) = change {
        editor.history.apply(&mut editor.draft, Edit::Reconnect { from: id.to_owned(), slot, to });
    }
}

fn activity(
    ui: &mut egui::Ui,
    editor: &mut Editor,
    cx: &Context<'_>,
    id: &str,
    problems: &FieldErrors,
) -> Vec<Action> {
    let mut actions = Vec::new();
    let fixed = editor.graph_fixed() || editor.finished();
    let Some(a) = editor.draft.activities.get(id) else {
        editor.selected = None;
        return actions;
    };
    let (name, colour) = look(&a.kind);
    ui.heading(RichText::new(format!("{name} · {id}")).color(colour));
    for m in problems_of(problems, id) {
        error_label(ui, m);
    }
    if let Some(m) = editor.metrics.as_ref().filter(|_| editor.has_run()) {
        let entered = m.totals.get("ENDPOINT_ENTERED").and_then(|v| v.parse().ok()).unwrap_or(0);
        let c = flows(&editor.draft, &m.activities, entered).get(id).copied().unwrap_or_default();
        ui.label(
            RichText::new(format!(
                "{} in · {} sent · {} failed · {} waiting",
                c.entered, c.sent, c.failed, c.waiting
            ))
            .strong(),
        );
        let raw: Vec<String> =
            m.activities.get(id).into_iter().flatten().map(|(k, v)| format!("{k} {v}")).collect();
        ui.label(RichText::new(raw.join(" · ")).small().color(theme::MUTED));
    }
    let before = editor.draft.clone();
    ui.add_enabled_ui(!fixed, |ui| {
        let Some(a) = editor.draft.activities.get_mut(id) else { return };
        form_row(ui, "Description", &mut a.description, "", None);
        actions.extend(kinds::show(ui, id, &mut a.kind, problems, cx));
    });
    record(ui, editor, before, &format!("panel-{id}"));
    targets(ui, editor, id, fixed);
    if !fixed {
        ui.add_space(theme::SECTION_GAP);
        ui.horizontal_wrapped(|ui| {
            if editor.draft.start_activity != id && ui.button("Start here").clicked() {
                editor.history.apply(&mut editor.draft, Edit::SetStart(id.to_owned()));
            }
            let d = ui.add(danger_button("Delete activity"));
            name_for_a11y(ui, &d, &format!("Delete activity {id}"));
            if d.clicked() {
                editor.history.apply(&mut editor.draft, Edit::Delete(id.to_owned()));
                editor.selected = None;
            }
        });
        ui.label(
            RichText::new("What followed a deleted activity stays, marked as orphaned.")
                .small()
                .color(theme::MUTED),
        );
    }
    actions
}

/// Draws the panel.
pub fn show(
    ui: &mut egui::Ui,
    editor: &mut Editor,
    cx: &Context<'_>,
    problems: &FieldErrors,
) -> Vec<Action> {
    if editor.adding.is_some() {
        adding(ui, editor);
        return Vec::new();
    }
    match editor.selected.clone() {
        Some(Selected::Activity(id)) => activity(ui, editor, cx, &id, problems),
        Some(Selected::Entry) => {
            ui.heading("Entry");
            for (_, m) in problems.iter().filter(|(k, _)| k.starts_with("StartCondition")) {
                error_label(ui, m);
            }
            let before = editor.draft.clone();
            let fixed = editor.graph_fixed() || editor.finished();
            ui.add_enabled_ui(!fixed, |ui| entry(ui, &mut editor.draft, problems, cx));
            record(ui, editor, before, "panel-entry");
            if let Some(m) = problems.get("StartActivity") {
                error_label(ui, m);
            }
            Vec::new()
        }
        None => {
            ui.heading("Journey");
            ui.label(
                "Click a box to see and change it. “+” on an arrow or a free branch adds an \
                 activity there; drag the dot where an arrow leaves a box onto another box to \
                 reconnect it, and “×” on a selected box's arrow frees that branch. Drag a box \
                 to move it, drag the background to pan, Ctrl and the wheel to zoom.",
            );
            let journey: Vec<&str> = problems
                .iter()
                .filter(|(k, _)| !k.starts_with("Activities."))
                .map(|(_, m)| m)
                .collect();
            for m in journey {
                error_label(ui, m);
            }
            Vec::new()
        }
    }
}
