//! The top bar: product name, the active connection with its status light, and the buttons to
//! reload or switch connection.

use egui::RichText;

use super::ConsoleApp;
use crate::ui::action::Action;
use crate::ui::tasks::Task;
use crate::ui::theme;
use crate::ui::widgets::{Light, status_light};

/// Draws the top bar.
pub fn show(ui: &mut egui::Ui, app: &mut ConsoleApp) -> Option<Action> {
    let mut action = None;
    ui.horizontal(|ui| {
        let folded = app.projects.folded;
        let label = if folded { "Show projects" } else { "Hide projects" };
        if ui.button(label).clicked() {
            app.projects.folded = !folded;
        }
        ui.label(RichText::new("Pinpoint Console").strong().color(theme::ACCENT));
        ui.separator();
        let label = match &app.connection.info {
            Some(info) => info.label.clone(),
            None => format!("Connecting to {} …", app.connection.spec.describe()),
        };
        ui.label(RichText::new(label).monospace());
        let light = status_light(ui, app.connection.light);
        if let (Light::Offline, Some(problem)) = (app.connection.light, &app.connection.problem) {
            light.on_hover_text(problem.explain(&app.target()).headline);
        }
        if let Some(asked) = super::demo_data::menu(ui, app) {
            action = Some(asked);
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("Connection…").clicked() {
                app.dialog.open = true;
            }
            let busy = app.is_busy(Task::ListApps) || app.is_busy(Task::Connect);
            if ui.add_enabled(!busy, egui::Button::new("Reload")).clicked() {
                action = Some(if app.connection.info.is_some() {
                    Action::ReloadApps
                } else {
                    Action::Connect(app.connection.spec.clone())
                });
            }
        });
    });
    action
}
