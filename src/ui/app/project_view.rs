//! The central area for the selected project: its identity, its settings, and delete.

use egui::RichText;

use super::ConsoleApp;
use crate::ui::action::{Action, Section};
use crate::ui::error_view::{ErrorChoice, Offer, error_panel};
use crate::ui::tasks::Task;
use crate::ui::widgets::{busy_button, copyable, danger_button};
use crate::ui::{
    analytics, audience, campaigns, channels, messaging, segments, settings_form, theme,
};

/// Draws the selected project, or a welcome when none is selected.
pub fn show(ui: &mut egui::Ui, app: &mut ConsoleApp) -> Vec<Action> {
    let mut actions = Vec::new();
    let Some(summary) = app.selected_app().cloned() else {
        if let Some(error) = app.projects.load_error.clone() {
            ui.add_space(24.0);
            let offer = Offer { retry: true, change_connection: true };
            let target = app.target();
            match error_panel(
                ui,
                "projects",
                "Could not load the project list",
                &error,
                &target,
                offer,
            ) {
                Some(ErrorChoice::Retry) => actions.push(if app.connection.info.is_some() {
                    Action::ReloadApps
                } else {
                    Action::Connect(app.connection.spec.clone())
                }),
                Some(ErrorChoice::ChangeConnection) => app.dialog.open = true,
                None => {}
            }
            return actions;
        }
        ui.vertical_centered(|ui| {
            ui.add_space(80.0);
            ui.heading("Select a project");
            ui.label(
                RichText::new(if app.projects.loaded {
                    "Choose a project on the left, or create one."
                } else {
                    "Waiting for the project list…"
                })
                .color(theme::MUTED),
            );
        });
        return actions;
    };
    header(ui, app, &summary);
    ui.horizontal_wrapped(|ui| {
        for (section, label) in [
            (Section::Settings, "Settings"),
            (Section::Channels, "Channels"),
            (Section::Messaging, "Messaging"),
            (Section::Audience, "Audience"),
            (Section::Campaigns, "Campaigns"),
            (Section::Segments, "Segments"),
            (Section::Journeys, "Journeys"),
            (Section::Analytics, "Analytics"),
        ] {
            if ui.selectable_label(app.project.section == section, label).clicked() {
                actions.push(Action::ShowSection(section));
            }
        }
    });
    ui.separator();
    // The header and the section tabs above stay in place; only the section scrolls.
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        let is_mock = app.connection.info.as_ref().is_some_and(crate::api::ConnectionInfo::is_mock);
        match app.project.section {
            Section::Settings => {
                let busy = |task| app.is_busy(task);
                let busy = [Task::LoadSettings, Task::SaveSettings].map(busy);
                let target = app.target();
                actions.extend(settings_form::show(ui, &mut app.project, busy, &target));
                crate::ui::widgets::section(ui, "Tags");
                if app.project.tags.arn != summary.arn {
                    app.project.tags = crate::drafts::tags::TagsDraft::for_arn(&summary.arn);
                }
                let busy = app.is_busy(Task::ProjectTags);
                let p = &mut app.project;
                actions.extend(crate::ui::tag_editor::show(
                    ui,
                    crate::ui::action::TagTarget::Project,
                    &mut p.tags,
                    p.tags_error.as_ref(),
                    busy,
                ));
            }
            Section::Channels => {
                let busy = busy_of(app, &[Task::SaveChannel, Task::DeleteChannel]);
                actions.extend(channels::show(ui, &mut app.project.channels, &busy));
            }
            Section::Messaging => {
                let busy =
                    busy_of(app, &[Task::SendBatch, Task::ValidatePhone, Task::Outbox, Task::Otp]);
                actions.extend(app.library.wanted());
                actions.extend(messaging::show(
                    ui,
                    &mut app.project.messaging,
                    is_mock,
                    &busy,
                    &app.library,
                ));
            }
            Section::Audience => {
                // The Remove attributes tab suggests the names the segment builder does.
                let seen = &app.project.segments.values;
                if seen.is_some() && app.project.audience.remove.seen != *seen {
                    app.project.audience.remove.seen.clone_from(seen);
                }
                let pending = app.is_busy(Task::Audience);
                let busy = move |t: Task| t == Task::Audience && pending;
                actions.extend(audience::show(ui, &mut app.project.audience, is_mock, &busy));
            }
            Section::Campaigns => {
                let busy = busy_of(
                    app,
                    &[
                        Task::CampaignList,
                        Task::CampaignSave,
                        Task::CampaignHistory,
                        Task::Preview,
                        Task::InAppMessages,
                        Task::InAppEndpoints,
                    ],
                );
                let segments = app.project.segments.choices();
                actions.extend(app.library.wanted());
                actions.extend(campaigns::show(
                    ui,
                    &mut app.project.campaigns,
                    &segments,
                    app.drafts.as_ref(),
                    &busy,
                    (&app.library, is_mock),
                ));
            }
            Section::Segments => {
                let busy = busy_of(
                    app,
                    &[
                        Task::SegmentList,
                        Task::SegmentSave,
                        Task::Estimate,
                        Task::SeenValues,
                        Task::SegmentSizes,
                        Task::Jobs,
                        Task::JobPoll,
                    ],
                );
                actions.extend(segments::show(
                    ui,
                    &mut app.project.segments,
                    is_mock,
                    app.drafts.as_ref(),
                    &busy,
                ));
            }
            Section::Journeys => {
                let busy = busy_of(
                    app,
                    &[
                        Task::JourneyList,
                        Task::JourneyLoad,
                        Task::JourneySave,
                        Task::JourneyState,
                        Task::JourneyMetrics,
                        Task::JourneyRuns,
                        Task::JourneyKpis,
                    ],
                );
                let segments = app.project.segments.choices();
                let target = app.target();
                actions.extend(app.library.wanted());
                let cx = crate::ui::journeys::Context {
                    app_id: &summary.id,
                    segments: &segments,
                    is_mock,
                    busy: &busy,
                    library: &app.library,
                    target: &target,
                    values: app.project.segments.values.as_ref(),
                    store: app.drafts.as_ref(),
                };
                actions.extend(crate::ui::journeys::show(ui, &mut app.project.journeys, &cx));
            }
            Section::Analytics => {
                let busy = busy_of(app, &[Task::AppKpis, Task::PickCsv, Task::WriteCsv]);
                let target = app.target();
                actions.extend(analytics::show(ui, &mut app.project.analytics, &target, &busy));
            }
        }
    });
    actions
}

/// The project's identity on one or two lines: name, id and ARN (elided, whole on hover, copied
/// on click), creation date and tags; "Delete project…" keeps its place at the far right.
fn header(ui: &mut egui::Ui, app: &mut ConsoleApp, summary: &crate::api::AppSummary) {
    ui.horizontal(|ui| {
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let busy = app.is_busy(Task::DeleteApp);
            if ui.add_enabled(!busy, danger_button("Delete project…")).clicked() {
                app.project.confirm_delete = Some(summary.clone());
            }
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                ui.add(egui::Label::new(RichText::new(&summary.name).heading()).truncate());
            });
        });
    });
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 6.0;
        ui.label(RichText::new("id").color(theme::MUTED));
        copyable(ui, &summary.id, 260.0);
        ui.label(RichText::new("· ARN").color(theme::MUTED));
        copyable(ui, &summary.arn, 360.0);
        ui.label(RichText::new("· created").color(theme::MUTED));
        ui.label(summary.creation_date.as_deref().unwrap_or("—"));
        if !summary.tags.is_empty() {
            ui.label(RichText::new("· tags").color(theme::MUTED));
            let tags: Vec<String> = summary.tags.iter().map(|(k, v)| format!("{k}={v}")).collect();
            copyable(ui, &tags.join(", "), 300.0);
        }
    });
}

/// The delete confirmation, naming the project.
pub fn delete_confirmation(ctx: &egui::Context, app: &mut ConsoleApp) -> Option<Action> {
    let target = app.project.confirm_delete.clone()?;
    let busy = app.is_busy(Task::DeleteApp);
    let mut action = None;
    let mut cancel = false;
    egui::Modal::new(egui::Id::unique("confirm_delete_project")).show(ctx, |ui| {
        ui.set_max_width(420.0);
        ui.heading(format!("Delete project “{}”?", target.name));
        ui.label(format!(
            "This deletes the project {} and everything in it: campaigns, segments, endpoints, \
             channels and settings. It cannot be undone.",
            target.id
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if busy_button(ui, &format!("Delete “{}”", target.name), busy) {
                action = Some(Action::DeleteApp(target.id.clone()));
            }
            if ui.add_enabled(!busy, egui::Button::new("Cancel")).clicked() {
                cancel = true;
            }
        });
        if busy {
            ui.label(RichText::new("Deleting…").color(theme::MUTED));
        }
    });
    if cancel {
        app.project.confirm_delete = None;
    }
    action
}

/// Which of `tasks` run now, as the `busy` a section is drawn with (read once per frame).
fn busy_of(app: &ConsoleApp, tasks: &[Task]) -> impl Fn(Task) -> bool + use<> {
    let pending: Vec<Task> = tasks.iter().copied().filter(|t| app.is_busy(*t)).collect();
    move |t: Task| pending.contains(&t)
}
