//! The left panel: the project list with a filter, and the "new project" form.

use egui::RichText;

use super::ConsoleApp;
use crate::pinpoint::rules;
use crate::ui::action::Action;
use crate::ui::state::NewProjectForm;
use crate::ui::tasks::Task;
use crate::ui::theme;
use crate::ui::widgets::{busy_button, error_label};

/// Draws the project list.
pub fn show(ui: &mut egui::Ui, app: &mut ConsoleApp) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.add_space(4.0);
    // Account-level sections, reachable with or without a project.
    let enabled = app.connection.info.is_some();
    let templates = ui.add_enabled(
        enabled,
        egui::Button::selectable(app.show_templates, ("Message templates", egui::Atom::grow()))
            .min_size(egui::vec2(ui.available_width(), 0.0)),
    );
    if templates.clicked() {
        actions.push(Action::ShowTemplates);
    }
    ui.separator();
    ui.horizontal(|ui| {
        ui.heading("Projects");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let enabled = app.connection.info.is_some() && app.projects.new_project.is_none();
            if ui.add_enabled(enabled, egui::Button::new("+ New project")).clicked() {
                app.projects.new_project = Some(NewProjectForm::default());
            }
        });
    });
    if let Some(action) = new_project_form(ui, app) {
        actions.push(action);
    }
    ui.horizontal(|ui| {
        let label = ui.label("Filter");
        ui.add(
            egui::TextEdit::singleline(&mut app.projects.filter)
                .hint_text("name, id or tag")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    });
    let needle = app.projects.filter.trim().to_lowercase();
    let matches = |a: &crate::api::AppSummary| {
        needle.is_empty()
            || a.name.to_lowercase().contains(&needle)
            || a.id.contains(&needle)
            || a.tags.iter().any(|(k, v)| k.contains(&needle) || v.to_lowercase().contains(&needle))
    };
    let shown = app.projects.apps.iter().filter(|a| matches(a)).count();
    if app.is_busy(Task::ListApps) && !app.projects.loaded {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Loading projects…");
        });
    } else if app.projects.load_error.is_some() && app.projects.apps.is_empty() {
        ui.label(RichText::new("Not loaded: see the message on the right.").color(theme::MUTED));
    } else if app.projects.load_error.is_some() {
        ui.label(
            RichText::new("Could not refresh this list; it may be out of date.").color(theme::WARN),
        );
    } else if app.projects.loaded {
        ui.label(
            RichText::new(format!("{shown} of {} projects", app.projects.apps.len()))
                .small()
                .color(theme::MUTED),
        );
    }
    ui.separator();
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        for app_summary in app.projects.apps.iter().filter(|a| matches(a)) {
            let selected = !app.show_templates
                && app.projects.selected.as_deref() == Some(app_summary.id.as_str());
            let response = ui.add_sized(
                [ui.available_width(), ui.spacing().interact_size.y],
                // The growing atom after the name keeps it left-aligned in the full-width row.
                egui::Button::selectable(selected, (app_summary.name.as_str(), egui::Atom::grow())),
            );
            if response.clicked() {
                actions.push(Action::Select(app_summary.id.clone()));
            }
            // Elided to the list's width; the whole id on hover.
            ui.add(
                egui::Label::new(
                    RichText::new(&app_summary.id).small().monospace().color(theme::MUTED),
                )
                .truncate(),
            );
            ui.add_space(4.0);
        }
        if app.projects.loaded && shown == 0 {
            ui.label(RichText::new("No project matches the filter.").color(theme::MUTED));
        }
    });
    actions
}

fn new_project_form(ui: &mut egui::Ui, app: &mut ConsoleApp) -> Option<Action> {
    let busy = app.is_busy(Task::CreateApp);
    let form = app.projects.new_project.as_mut()?;
    let mut action = None;
    let mut cancel = false;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(RichText::new("New project").strong());
        let submitted = ui
            .horizontal(|ui| {
                let label = ui.label("Project name");
                let response = ui
                    .add(
                        egui::TextEdit::singleline(&mut form.name)
                            .hint_text("e.g. Acme Web")
                            .desired_width(ui.available_width()),
                    )
                    .labelled_by(label.id);
                if !form.focused {
                    // A new form is for typing: its first field takes the keyboard.
                    response.request_focus();
                    form.focused = true;
                }
                if response.changed() {
                    form.error = None;
                }
                response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))
            })
            .inner;
        if let Some(error) = &form.error {
            error_label(ui, error);
        }
        ui.horizontal(|ui| {
            let create = busy_button(ui, "Create", busy);
            if (create || (submitted && !busy)) && action.is_none() {
                match rules::project_name(&form.name) {
                    Ok(()) => {
                        form.error = None;
                        action = Some(Action::CreateApp(form.name.trim().to_owned()));
                    }
                    Err(message) => form.error = Some(message),
                }
            }
            if ui.button("Cancel").clicked() {
                cancel = true;
            }
        });
    });
    if cancel {
        app.projects.new_project = None;
    }
    action
}
