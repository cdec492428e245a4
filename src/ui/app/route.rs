//! Answers back to the screen whose task asked: the shell's own (connection, projects,
//! settings) here, every section's to its screen's `apply` or `fail`. Routing is by task, so
//! an answer can only reach the screen that asked for it.

use super::ConsoleApp;
use crate::api::{ApiError, ApiResponse, AppsRequest};
use crate::drafts::settings::SettingsDraft;
use crate::ui::tasks::{Owner, Task};
use crate::ui::toasts::ToastKind;
use crate::ui::widgets::Light;

impl ConsoleApp {
    /// Applies a successful answer of `task`.
    pub(super) fn apply(&mut self, task: Task, response: ApiResponse) {
        if task != Task::Connect {
            self.connection.light = Light::Online;
            self.connection.problem = None;
        }
        let actions = match task.owner() {
            Owner::Shell => {
                self.apply_shell(task, response);
                return;
            }
            Owner::Channels => self.project.channels.apply(response),
            Owner::Messaging => self.project.messaging.apply(response),
            Owner::Audience => self.project.audience.apply(response),
            Owner::Campaigns => self.project.campaigns.apply(response, self.drafts.as_ref()),
            Owner::Segments => self.project.segments.apply(response, self.drafts.as_ref()),
            Owner::Templates => {
                if matches!(
                    response,
                    ApiResponse::TemplateSaved(_)
                        | ApiResponse::TemplateDeleted { .. }
                        | ApiResponse::ActiveVersionSet { .. }
                ) {
                    // What messages pick from and render changed: read again when next needed.
                    self.library = crate::ui::template_picker::TemplateLibrary::default();
                }
                self.templates.apply(response)
            }
            Owner::Analytics => {
                self.project.analytics.apply(response);
                Vec::new()
            }
            Owner::Journeys => self.project.journeys.apply(task, response, self.drafts.as_ref()),
        };
        for action in actions {
            self.handle(action);
        }
    }

    /// The shell's own answers: connection, projects and settings.
    fn apply_shell(&mut self, task: Task, response: ApiResponse) {
        if matches!(task, Task::DemoData | Task::PickDemoFile) {
            self.apply_demo(response);
            return;
        }
        match response {
            ApiResponse::Connected(info) => {
                self.connection.info = Some(info);
                self.send(Task::ListApps, AppsRequest::ListApps);
            }
            ApiResponse::Apps(apps) => {
                self.projects.load_error = None;
                self.projects.apps = apps;
                self.projects.loaded = true;
                let still_there = self
                    .projects
                    .selected
                    .as_ref()
                    .is_some_and(|id| self.projects.apps.iter().any(|a| &a.id == id));
                if !still_there {
                    self.select(None);
                }
            }
            ApiResponse::AppCreated(app) => {
                self.projects.new_project = None;
                self.toasts.push(ToastKind::Success, format!("Created project “{}”", app.name));
                let id = app.id.clone();
                self.projects.apps.push(app);
                self.select(Some(id));
            }
            ApiResponse::AppDeleted(app) => {
                self.project.confirm_delete = None;
                self.projects.apps.retain(|a| a.id != app.id);
                self.project.unsaved.remove(&app.id);
                if self.projects.selected.as_deref() == Some(app.id.as_str()) {
                    self.select(None);
                }
                self.toasts.push(ToastKind::Success, format!("Deleted project “{}”", app.name));
            }
            ApiResponse::Settings { app_id, settings } => {
                if self.projects.selected.as_deref() != Some(app_id.as_str()) {
                    return;
                }
                self.project.load_error = None;
                self.project.errors.clear();
                self.project.draft = match (task, self.project.unsaved.remove(&app_id)) {
                    (Task::LoadSettings, Some(unsaved)) => unsaved,
                    _ => SettingsDraft::from(&settings),
                };
                if task == Task::SaveSettings {
                    self.project.saved_note = Some(format!(
                        "Saved · last modified {}",
                        settings.last_modified_date().unwrap_or("now")
                    ));
                }
                self.project.loaded = Some(settings);
            }
            ApiResponse::Templates(rows) if task == Task::TemplateChoices => {
                self.library.rows = Some(rows);
            }
            ApiResponse::Template(loaded) if task == Task::TemplateUse => {
                if let Some(key) = self.library_in_flight.take() {
                    self.library.asked.remove(&key);
                    self.library.bodies.insert(key, loaded.body);
                }
            }
            ApiResponse::Tags { arn, tags } => {
                if let Some(app) = self.projects.apps.iter_mut().find(|a| a.arn == arn) {
                    app.tags = tags.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
                }
                if self.project.tags.arn == arn {
                    self.project.tags.load(&arn, tags);
                    self.project.tags_error = None;
                }
            }
            other => tracing::warn!(?task, answer = ?other, "an answer the shell did not ask for"),
        }
    }

    /// Shows a failed `task` where it happened.
    pub(super) fn fail(&mut self, task: Task, error: ApiError) {
        if error.unreachable {
            self.connection.light = Light::Offline;
            self.connection.problem = Some(error.clone());
        }
        match task {
            Task::CreateApp => {
                if let Some(form) = &mut self.projects.new_project {
                    form.error = Some(error.plain());
                } else {
                    self.toasts.push(ToastKind::Error, error.plain());
                }
            }
            Task::DemoData | Task::PickDemoFile => self.fail_demo(error),
            Task::SaveSettings => self.project.save_error = Some(error),
            Task::LoadSettings => self.project.load_error = Some(error),
            Task::ProjectTags => self.project.tags_error = Some(error),
            Task::TemplateChoices => {
                self.library.rows = Some(Vec::new());
                self.toasts.push(
                    ToastKind::Error,
                    format!("Could not read the message templates. {}", error.plain()),
                );
            }
            Task::TemplateUse => {
                if let Some(key) = self.library_in_flight.take() {
                    self.library.asked.remove(&key);
                    self.library.failed.insert(key, error.plain());
                }
            }
            Task::DeleteApp => {
                self.project.confirm_delete = None;
                self.toasts.push(
                    ToastKind::Error,
                    format!("Could not delete the project. {}", error.plain()),
                );
            }
            Task::Connect | Task::ListApps => {
                // Shown in the main pane with Retry and Change connection when no project is
                // open; over an open project (a failed Reload), as a toast in plain words.
                self.connection.light = Light::Offline;
                self.connection.problem = Some(error.clone());
                if self.projects.selected.is_some() {
                    let explained = error.explain(&self.target());
                    let text = format!(
                        "Could not reload the project list. {} {}",
                        explained.headline, explained.next_step
                    );
                    self.toasts.push(ToastKind::Error, text);
                }
                self.projects.load_error = Some(error);
            }
            // A chosen upload file that cannot be read: said on the Upload tab, whatever else runs.
            Task::ReadUpload => self.project.audience.fail_upload_read(error),
            // The upload and import dialogs have no field of their own to show it under.
            Task::PickUpload | Task::PickImport => {
                self.toasts
                    .push(ToastKind::Error, format!("The file dialog failed. {}", error.plain()));
            }
            _ => match task.owner() {
                Owner::Channels => self.project.channels.fail(task, error),
                Owner::Messaging => self.project.messaging.fail(task, error),
                Owner::Audience => self.project.audience.fail(error),
                Owner::Campaigns => self.project.campaigns.fail(task, error),
                Owner::Segments => self.project.segments.fail(task, error),
                Owner::Templates => self.templates.fail(task, error),
                Owner::Analytics => self.project.analytics.fail(task, &error),
                Owner::Journeys => self.project.journeys.fail(task, error),
                Owner::Shell => self.toasts.push(ToastKind::Error, error.plain()),
            },
        }
    }
}
