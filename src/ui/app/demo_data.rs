//! Demo data: where the demo's world is kept (the top bar says so, and says plainly when it
//! is not kept), and the "Demo data" menu: reset it, load a state file into it, save it to
//! one. Replacing the world asks first.

use std::path::PathBuf;

use egui::RichText;

use super::ConsoleApp;
use crate::api::{ApiError, ApiResponse, DemoRequest, FilePurpose};
use crate::ui::action::{Action, DemoAction};
use crate::ui::error_view::api_error;
use crate::ui::tasks::Task;
use crate::ui::theme;
use crate::ui::toasts::ToastKind;
use crate::ui::widgets::{busy_button, danger_button};

/// What replaces the demo's world, waiting for the person to confirm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Replace {
    /// The demo data set, as at the first start.
    Reset,
    /// A state file's projects.
    Load(PathBuf),
}

/// The Demo data menu's state.
#[derive(Debug, Default)]
pub struct DemoDataState {
    /// The replacement waiting for confirmation.
    pub confirm: Option<Replace>,
    /// Why the last reset, load or save failed (shown in the dialog, or under the menu).
    pub error: Option<ApiError>,
}

/// The top bar's part: where the data is kept and the menu (demo connections only).
pub fn menu(ui: &mut egui::Ui, app: &mut ConsoleApp) -> Option<Action> {
    let data = app.connection.info.as_ref()?.demo.clone()?;
    let mut action = None;
    let busy = app.is_busy(Task::DemoData) || app.is_busy(Task::PickDemoFile);
    ui.add_enabled_ui(!busy, |ui| {
        ui.menu_button("Demo data", |ui| {
            match &data.kept_in {
                Some(path) => ui.label(
                    RichText::new(format!("Kept in {}", path.display())).color(theme::MUTED),
                ),
                None => ui.label(RichText::new("In memory only: not kept").color(theme::MUTED)),
            };
            ui.separator();
            if ui.button("Reset demo data…").clicked() {
                app.demo_data.error = None;
                app.demo_data.confirm = Some(Replace::Reset);
                ui.close();
            }
            if ui.button("Load from file…").clicked() {
                action = Some(Action::Demo(DemoAction::Pick(FilePurpose::DemoLoad)));
                ui.close();
            }
            if ui.button("Save to file…").clicked() {
                action = Some(Action::Demo(DemoAction::Pick(FilePurpose::DemoSave)));
                ui.close();
            }
        });
    });
    if let Some(notice) = &data.notice {
        let shown = ui.label(RichText::new("Demo data not kept").color(theme::ERROR));
        shown.on_hover_ui(|ui| {
            ui.set_max_width(360.0);
            ui.label(notice);
            if let Some(detail) = &data.detail {
                ui.label(RichText::new(detail).color(theme::MUTED));
            }
        });
    }
    action
}

/// The confirmation before the world is replaced.
pub fn confirmation(ctx: &egui::Context, app: &mut ConsoleApp) -> Option<Action> {
    let replace = app.demo_data.confirm.clone()?;
    let busy = app.is_busy(Task::DemoData);
    let mut action = None;
    let mut cancel = false;
    egui::Modal::new(egui::Id::unique("confirm_replace_demo_data")).show(ctx, |ui| {
        ui.set_max_width(440.0);
        let (heading, text, button) = match &replace {
            Replace::Reset => (
                "Reset demo data?".to_owned(),
                "Every project of demo mode, with what you created or changed in it, is replaced \
                 by the original demo data. This cannot be undone."
                    .to_owned(),
                "Reset demo data",
            ),
            Replace::Load(path) => (
                "Replace demo data?".to_owned(),
                format!(
                    "Every project of demo mode is replaced by the projects in {}. This cannot \
                     be undone (save the demo data to a file first to keep it).",
                    path.display()
                ),
                "Replace demo data",
            ),
        };
        ui.heading(heading);
        ui.label(text);
        ui.add_space(8.0);
        if let Some(error) = &app.demo_data.error {
            api_error(ui, error);
        }
        ui.horizontal(|ui| {
            if busy {
                busy_button(ui, button, true);
            } else if ui.add(danger_button(button)).clicked() {
                let request = match &replace {
                    Replace::Reset => DemoRequest::Reset,
                    Replace::Load(path) => DemoRequest::Load(path.clone()),
                };
                action = Some(Action::Demo(DemoAction::Run(request)));
            }
            if ui.add_enabled(!busy, egui::Button::new("Cancel")).clicked() {
                cancel = true;
            }
        });
    });
    if cancel {
        app.demo_data = DemoDataState::default();
    }
    action
}

impl ConsoleApp {
    /// Carries out a Demo data action.
    pub(super) fn demo_action(&mut self, action: DemoAction) {
        match action {
            DemoAction::Pick(purpose) => {
                self.send(Task::PickDemoFile, crate::api::LocalRequest::PickFile { purpose });
            }
            DemoAction::Run(request) => {
                self.demo_data.error = None;
                self.send(Task::DemoData, request);
            }
        }
    }

    /// A Demo data answer.
    pub(super) fn apply_demo(&mut self, response: ApiResponse) {
        match response {
            ApiResponse::FilePicked { purpose: FilePurpose::DemoLoad, path: Some(path) } => {
                self.demo_data = DemoDataState { confirm: Some(Replace::Load(path)), error: None };
            }
            ApiResponse::FilePicked { purpose: FilePurpose::DemoSave, path: Some(path) } => {
                self.demo_action(DemoAction::Run(DemoRequest::Save(path)));
            }
            ApiResponse::DemoChanged(message) => {
                let replaced = self.demo_data.confirm.take().is_some();
                self.demo_data.error = None;
                self.toasts.push(ToastKind::Success, message);
                if replaced {
                    // Another world: nothing on screen belongs to it.
                    self.select(None);
                    self.handle(Action::ReloadApps);
                }
            }
            // The dialog was cancelled.
            _ => {}
        }
    }

    /// A failed Demo data call: in the open dialog, else as a toast.
    pub(super) fn fail_demo(&mut self, error: ApiError) {
        if self.demo_data.confirm.is_some() {
            self.demo_data.error = Some(error);
        } else {
            self.toasts.push(
                ToastKind::Error,
                format!("The demo data could not be saved. {}", error.plain()),
            );
        }
    }
}
