//! The journey list: name, state, entry, schedule, last change and endpoints entered, filtered
//! by any column; create, open, duplicate, delete (after a confirmation naming it); and the
//! kept drafts offered above it.

use egui::RichText;

use super::{Context, Editor, JourneysScreen};
use crate::api::journeys::JourneyRow;
use crate::ui::action::{Action, JourneyAction};
use crate::ui::error_view::{ErrorChoice, Offer, api_error, error_panel};
use crate::ui::tasks::Task;
use crate::ui::theme;
use crate::ui::widgets::{DraftChoice, busy_button, danger_button, kept_drafts, name_for_a11y};

/// The rows the filter keeps (any column, case-insensitive).
fn shown<'a>(rows: &'a [JourneyRow], filter: &str) -> Vec<&'a JourneyRow> {
    let needle = filter.trim().to_lowercase();
    rows.iter()
        .filter(|r| {
            needle.is_empty()
                || [&r.name, &r.id, &r.state, &r.entry, &r.schedule]
                    .iter()
                    .any(|v| v.to_lowercase().contains(&needle))
        })
        .collect()
}

/// A cell of at most `width`, its text elided (whole on hover).
fn cell(ui: &mut egui::Ui, text: RichText, width: f32) {
    let size = egui::vec2(width, ui.spacing().interact_size.y);
    ui.allocate_ui_with_layout(size, egui::Layout::left_to_right(egui::Align::Center), |ui| {
        ui.set_max_width(width);
        ui.add(egui::Label::new(text).truncate());
    });
}

/// The drafts kept from before, each with Restore and Discard.
fn offered_drafts(
    ui: &mut egui::Ui,
    screen: &mut JourneysScreen,
    cx: &Context<'_>,
) -> Option<Action> {
    let drafts: Vec<(String, String)> =
        screen.offered.iter().map(|o| (o.key.clone(), o.kept.draft.name.clone())).collect();
    // Restoring needs the list, to tell whether the journey still exists.
    let loaded = screen.rows.is_some();
    match kept_drafts(ui, "journey", &drafts, loaded, ["Restore draft", "Discard draft"])? {
        DraftChoice::Restore(i) => screen.restore(i, cx.store),
        DraftChoice::Discard(i) => {
            let offered = screen.offered.remove(i);
            screen.discard(cx.store, &offered.key);
            None
        }
    }
}

/// Draws the list.
pub(super) fn show(
    ui: &mut egui::Ui,
    screen: &mut JourneysScreen,
    cx: &Context<'_>,
) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.horizontal(|ui| {
        if ui.button("+ New journey").clicked() {
            screen.editor = Some(Editor::new("New journey"));
            screen.note = None;
        }
        if busy_button(ui, "Reload journeys", (cx.busy)(Task::JourneyList)) {
            actions.push(Action::Journeys(JourneyAction::Reload));
        }
        let label = ui.label("Filter");
        ui.add(egui::TextEdit::singleline(&mut screen.filter).desired_width(180.0))
            .labelled_by(label.id);
    });
    actions.extend(offered_drafts(ui, screen, cx));
    if screen.editor.is_some() {
        return actions;
    }
    if let Some(note) = &screen.note {
        ui.label(RichText::new(note).color(theme::OK));
    }
    if let Some(error) = &screen.error {
        api_error(ui, error);
    }
    if let Some(error) = screen.list_error.clone() {
        let offer = Offer { retry: true, change_connection: false };
        if error_panel(ui, "journeys", "Could not load the journeys", &error, cx.target, offer)
            == Some(ErrorChoice::Retry)
        {
            actions.push(Action::Journeys(JourneyAction::Reload));
        }
        return actions;
    }
    let Some(rows) = &screen.rows else {
        ui.label(RichText::new("Loading the journeys…").color(theme::MUTED));
        return actions;
    };
    if rows.is_empty() {
        ui.label(
            RichText::new("No journeys yet. “+ New journey” starts one on the canvas.")
                .color(theme::MUTED),
        );
        return actions;
    }
    let rows = shown(rows, &screen.filter);
    let narrow = theme::visible_width(ui) < 760.0;
    let mut open = None;
    let mut duplicate = None;
    let mut delete = None;
    egui::Grid::new("journey_list").striped(true).num_columns(if narrow { 5 } else { 7 }).show(
        ui,
        |ui| {
            let mut head = vec!["Name", "State", "Entry"];
            if !narrow {
                head.extend(["Schedule", "Last change"]);
            }
            head.extend(["Entered", ""]);
            for h in head {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for r in rows {
                let link = ui.link(&r.name);
                name_for_a11y(ui, &link, &format!("Open journey {}", r.name));
                if link.clicked() {
                    open = Some(r.id.clone());
                }
                ui.label(&r.state);
                // The entry's segment by its name where the project has it.
                let entry = cx
                    .segments
                    .iter()
                    .find(|s| r.entry == format!("Segment {}", s.id))
                    .map_or_else(|| r.entry.clone(), |s| format!("Segment “{}”", s.name));
                cell(ui, RichText::new(entry), 150.0);
                if !narrow {
                    cell(ui, RichText::new(&r.schedule), 150.0);
                    // To the minute: "2026-12-03 17:30".
                    let changed =
                        r.last_modified.get(..16).unwrap_or(&r.last_modified).replace('T', " ");
                    cell(ui, RichText::new(changed).color(theme::MUTED), 120.0);
                }
                ui.label(r.entered.map_or_else(|| "—".to_owned(), |n| n.to_string()));
                ui.horizontal(|ui| {
                    let d = ui.button("Duplicate");
                    name_for_a11y(ui, &d, &format!("Duplicate {}", r.name));
                    if d.clicked() {
                        duplicate = Some(r.id.clone());
                    }
                    let x = ui.add(danger_button("Delete…"));
                    name_for_a11y(ui, &x, &format!("Delete {}…", r.name));
                    if x.clicked() {
                        delete = Some((r.id.clone(), r.name.clone()));
                    }
                });
                ui.end_row();
            }
        },
    );
    if let Some(id) = open {
        // Unsaved changes kept for this journey come back with it (not overwritten).
        if let Some(i) = screen.offered.iter().position(|o| o.key == id) {
            actions.extend(screen.restore(i, cx.store));
        } else {
            screen.duplicating = false;
            screen.restoring = None;
            actions.push(Action::Journeys(JourneyAction::Open(id)));
        }
    }
    if let Some(id) = duplicate {
        // Read it, then open the copy as a new journey (`apply` sees `duplicating`).
        screen.duplicating = true;
        screen.restoring = None;
        actions.push(Action::Journeys(JourneyAction::Open(id)));
    }
    if delete.is_some() {
        screen.confirm_delete = delete;
    }
    actions
}

/// The delete confirmation, while one is asked for.
pub(super) fn delete_confirmation(
    ctx: &egui::Context,
    screen: &mut JourneysScreen,
    busy: bool,
) -> Option<Action> {
    let (id, name) = screen.confirm_delete.clone()?;
    let mut action = None;
    let mut cancel = false;
    egui::Modal::new(egui::Id::unique("confirm_delete_journey")).show(ctx, |ui| {
        ui.set_max_width(440.0);
        ui.heading(format!("Delete journey “{name}”?"));
        ui.label(format!(
            "This deletes journey {id} with its activities, runs and metrics. Endpoints in it \
             leave at once. It cannot be undone."
        ));
        ui.horizontal(|ui| {
            if busy_button(ui, &format!("Delete “{name}”"), busy) {
                action = Some(Action::Journeys(JourneyAction::Delete(id.clone())));
            }
            if ui.button("Cancel").clicked() {
                cancel = true;
            }
        });
    });
    if cancel {
        screen.confirm_delete = None;
    }
    action
}
