//! The campaign editor's shell: the header (back, title, pause or resume), the fields above the
//! tabs, the tab strip (a tab holding a message shows red), the tab shown, and the buttons
//! (save, revert, delete). After a refused save the messages follow the fixes as they are
//! typed, and the first one is brought on screen.

use egui::RichText;

use super::{
    CampaignAction, CampaignsScreen, Editor, SegmentChoice, Tab, audience, history, json_view,
    limits, messages, schedule, treatments,
};
use crate::drafts::FieldErrors;
use crate::drafts::campaign::CampaignDraft;
use crate::ui::action::Action;
use crate::ui::kept::InFlight;
use crate::ui::tasks::Task;
use crate::ui::theme;
use crate::ui::widgets::{EditorChoice, editor_buttons, error_label};

/// What the editor asks of the screen around it, once it is drawn.
#[derive(Debug, Default)]
struct Outcome {
    /// Back to the list.
    close: bool,
    /// A save was sent.
    saving: Option<InFlight<CampaignDraft>>,
    /// Delete asked for: (id, name).
    delete: Option<(String, String)>,
}

/// Draws the editor of the open campaign.
pub fn show(
    ui: &mut egui::Ui,
    screen: &mut CampaignsScreen,
    segments: &[SegmentChoice],
    busy: &dyn Fn(Task) -> bool,
) -> Vec<Action> {
    let app_id = screen.app_id.clone().unwrap_or_default();
    let Some(editor) = &mut screen.editor else { return Vec::new() };
    let mut actions = Vec::new();
    let mut outcome = Outcome::default();
    header(ui, editor, busy, &mut actions, &mut outcome);
    in_app_banner(ui, &editor.draft);
    if !editor.errors.is_empty() {
        // After a refused save, messages follow the fixes as they are typed.
        editor.errors = editor.draft.to_request().err().unwrap_or_default();
    }
    let errors = editor.errors.clone();
    audience::show(ui, &mut editor.draft, segments, &errors);
    ui.separator();
    tab_strip(ui, editor, &errors);
    ui.separator();
    actions.extend(tab(ui, editor, &errors, &app_id, busy));
    ui.separator();
    footer(ui, editor, &errors, busy, &mut actions, &mut outcome);
    if outcome.saving.is_some() {
        screen.saving = outcome.saving;
    }
    if outcome.delete.is_some() {
        screen.confirm_delete = outcome.delete;
    }
    if outcome.close {
        screen.editor = None;
        actions.push(Action::Campaigns(CampaignAction::Reload));
    }
    actions
}

/// Back, the title, "unsaved changes", and pause or resume (which saves the stored campaign
/// with only `IsPaused` changed, so it waits until the form is clean).
fn header(
    ui: &mut egui::Ui,
    editor: &mut Editor,
    busy: &dyn Fn(Task) -> bool,
    actions: &mut Vec<Action>,
    outcome: &mut Outcome,
) {
    ui.horizontal(|ui| {
        if ui.button("< All campaigns").clicked() {
            outcome.close = true;
        }
        let title = match (&editor.campaign_id, editor.version) {
            (Some(id), Some(v)) => format!("Campaign {id} · version {v}"),
            _ => "New campaign".to_owned(),
        };
        ui.heading(title);
        if editor.is_dirty() && editor.baseline.is_some() {
            ui.label(RichText::new("unsaved changes").color(theme::WARN));
        }
        let (Some(id), Some(baseline)) = (editor.campaign_id.clone(), &editor.baseline) else {
            return;
        };
        let paused = baseline.paused;
        let label = if paused { "Resume campaign" } else { "Pause campaign" };
        let button = ui
            .add_enabled(!editor.is_dirty() && !busy(Task::CampaignSave), egui::Button::new(label))
            .on_disabled_hover_text("Save or revert the changes first");
        if button.clicked() {
            let toggled = CampaignDraft { paused: !paused, ..baseline.clone() };
            match toggled.to_request() {
                Ok(request) => {
                    let sent_from = editor.draft.clone();
                    outcome.saving = Some(InFlight { key: id.clone(), sent_from });
                    let save = CampaignAction::Save(Some(id), Box::new(request));
                    actions.push(Action::Campaigns(save));
                }
                Err(errors) => editor.errors = errors,
            }
        }
        if paused {
            ui.label(RichText::new("paused").color(theme::WARN));
        }
    });
}

fn in_app_banner(ui: &mut egui::Ui, d: &CampaignDraft) {
    if d.messages.in_app || d.treatments.iter().any(|t| t.messages.in_app) {
        error_label(
            ui,
            "This campaign has an in-app message, which the console does not edit: saving or \
             pausing here would remove it, so both are refused. Change it with the AWS CLI or SDK.",
        );
    }
}

fn tab_strip(ui: &mut egui::Ui, editor: &mut Editor, errors: &FieldErrors) {
    ui.horizontal_wrapped(|ui| {
        for (tab, label) in [
            (Tab::Messages, "Messages"),
            (Tab::Treatments, "Treatments (A/B)"),
            (Tab::Schedule, "Schedule"),
            (Tab::Limits, "Limits & hook"),
            (Tab::Versions, "Versions"),
            (Tab::Activities, "Activities"),
            (Tab::Json, "JSON"),
        ] {
            let mut text = RichText::new(label);
            if tab_has_error(tab, errors) {
                text = text.color(theme::ERROR);
            }
            if ui.selectable_label(editor.tab == tab, text).clicked() {
                editor.tab = tab;
            }
        }
    });
}

/// The tab shown.
fn tab(
    ui: &mut egui::Ui,
    editor: &mut Editor,
    errors: &FieldErrors,
    app_id: &str,
    busy: &dyn Fn(Task) -> bool,
) -> Vec<Action> {
    match editor.tab {
        Tab::Messages => {
            let mut channel = editor.channel.clone();
            let actions = messages::show(
                ui,
                "",
                &mut editor.draft.messages,
                &mut channel,
                errors,
                messages::Preview {
                    endpoint_id: Some(&mut editor.preview_endpoint),
                    loaded: editor.preview.as_deref(),
                    error: editor.preview_error.as_deref(),
                    busy: busy(Task::Preview),
                },
            );
            editor.channel = channel;
            return actions;
        }
        Tab::Treatments => treatments::show(ui, editor, errors),
        Tab::Schedule => schedule::show(ui, "schedule.", &mut editor.draft.schedule, errors),
        Tab::Limits => {
            let exists = editor.campaign_id.is_some();
            limits::show(ui, &mut editor.draft, errors, exists);
        }
        Tab::Versions => history::versions(ui, editor),
        Tab::Activities => history::activities(ui, editor),
        Tab::Json => json_view::show(ui, editor, app_id),
    }
    Vec::new()
}

/// The messages' count, a failed save, and save / revert / delete.
fn footer(
    ui: &mut egui::Ui,
    editor: &mut Editor,
    errors: &FieldErrors,
    busy: &dyn Fn(Task) -> bool,
    actions: &mut Vec<Action>,
    outcome: &mut Outcome,
) {
    if !errors.is_empty() {
        error_label(
            ui,
            &format!("{} field(s) need attention; the tabs in red have them.", errors.len()),
        );
    }
    if let Some(error) = &editor.save_error {
        error_label(ui, &error.to_string());
    }
    let exists = editor.campaign_id.is_some();
    match editor_buttons(ui, "campaign", exists, editor.is_dirty(), busy(Task::CampaignSave)) {
        Some(EditorChoice::Save) => {
            editor.save_error = None;
            match editor.draft.to_request() {
                Ok(request) => {
                    editor.errors.clear();
                    let sent_from = editor.draft.clone();
                    outcome.saving = Some(InFlight { key: editor.key(), sent_from });
                    let id = editor.campaign_id.clone();
                    actions.push(Action::Campaigns(CampaignAction::Save(id, Box::new(request))));
                }
                Err(errors) => {
                    show_first_error(editor, &errors);
                    editor.errors = errors;
                }
            }
        }
        Some(EditorChoice::Revert) => {
            if let Some(baseline) = &editor.baseline {
                editor.draft = baseline.clone();
                editor.errors.clear();
            }
        }
        Some(EditorChoice::Delete) => {
            let id = editor.campaign_id.clone().unwrap_or_default();
            outcome.delete = Some((id, editor.draft.name.clone()));
        }
        None => {}
    }
}

/// True when `tab` holds a field with a message.
fn tab_has_error(tab: Tab, errors: &FieldErrors) -> bool {
    match tab {
        Tab::Messages => errors.iter().any(|(k, _)| !in_treatment(k) && k.contains("Message.")),
        Tab::Treatments => {
            errors.iter().any(|(k, _)| in_treatment(k)) || errors.get("treatments").is_some()
        }
        Tab::Schedule => errors.any_under("schedule."),
        Tab::Limits => {
            errors.any_under("limits.")
                || errors.any_under("hook.")
                || ["tags", "priority", "custom_uri", "custom_types"]
                    .iter()
                    .any(|k| errors.get(k).is_some())
        }
        _ => false,
    }
}

/// After a refused save, shows where the first message is: its tab (unless the tab shown has
/// one) and, on the Messages tab, its channel.
fn show_first_error(editor: &mut Editor, errors: &FieldErrors) {
    const PARTS: [Tab; 4] = [Tab::Messages, Tab::Treatments, Tab::Schedule, Tab::Limits];
    if !tab_has_error(editor.tab, errors)
        && let Some(tab) = PARTS.into_iter().find(|t| tab_has_error(*t, errors))
    {
        editor.tab = tab;
    }
    if editor.tab == Tab::Messages
        && !errors.any_under(&editor.channel)
        && let Some((key, _)) =
            errors.iter().find(|(k, _)| !in_treatment(k) && k.contains("Message."))
    {
        key.split('.').next().unwrap_or_default().clone_into(&mut editor.channel);
    }
}

/// True for the error key of an additional treatment's field (`t0.size`, `t2.messages.…`).
fn in_treatment(key: &str) -> bool {
    key.strip_prefix('t').is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_save_shows_the_tab_and_channel_of_the_first_message() {
        let mut editor = Editor::new_campaign(CampaignDraft::default());
        editor.tab = Tab::Schedule;
        editor.draft.name = "Bad sender".into();
        editor.draft.segment_id = "s".into();
        editor.draft.messages.email.from_address = "nobody".into();
        let errors = editor.draft.to_request().unwrap_err();
        show_first_error(&mut editor, &errors);
        assert_eq!((editor.tab, editor.channel.as_str()), (Tab::Messages, "EmailMessage"));
        // A tab that has a message of its own stays.
        editor.tab = Tab::Limits;
        editor.draft.limits.daily = "lots".into();
        let errors = editor.draft.to_request().unwrap_err();
        show_first_error(&mut editor, &errors);
        assert_eq!(editor.tab, Tab::Limits);
    }
}
