//! The campaign editor's shell: the heading (back, the campaign's name, version and state),
//! the action bar (save, revert, pause or resume; delete apart at the right, in red) with what
//! the last save left under it, the fields above the tabs, the tab strip (a tab holding a
//! message shows red) and the tab shown. A save that would send now or soon is held for review
//! (`launch`) instead of being sent. After a refused save the messages follow the fixes as they
//! are typed, and the first one is brought on screen. While the campaign runs, its history is
//! refreshed (`history::poll`).

use egui::RichText;

use super::launch::{Held, Review};
use super::{
    CampaignAction, CampaignsScreen, Editor, SegmentChoice, Tab, audience, history, json_view,
    kpis, limits, messages, schedule, treatments,
};
use crate::drafts::FieldErrors;
use crate::drafts::campaign::CampaignDraft;
use crate::ui::action::Action;
use crate::ui::editor_bar::{self, Bar, Problems};
use crate::ui::kept::InFlight;
use crate::ui::tasks::Task;
use crate::ui::theme;
use crate::ui::widgets::EditorChoice;

/// What the editor asks of the screen around it, once it is drawn.
#[derive(Debug, Default)]
struct Outcome {
    /// Back to the list.
    close: bool,
    /// A save was sent.
    saving: Option<InFlight<CampaignDraft>>,
    /// A save is held for review.
    held: Option<Held>,
    /// Delete asked for: (id, name).
    delete: Option<(String, String)>,
}

/// Draws the editor of the open campaign.
pub fn show(
    ui: &mut egui::Ui,
    screen: &mut CampaignsScreen,
    segments: &[SegmentChoice],
    busy: &dyn Fn(Task) -> bool,
    library: &crate::ui::template_picker::TemplateLibrary,
) -> Vec<Action> {
    let app_id = screen.app_id.clone().unwrap_or_default();
    let reviewing = screen.review.is_some();
    let Some(editor) = &mut screen.editor else { return Vec::new() };
    let mut actions = Vec::new();
    let mut outcome = Outcome::default();
    heading(ui, editor, &mut outcome);
    if !editor.errors.is_empty() {
        // After a refused save, messages follow the fixes as they are typed.
        editor.errors = editor.draft.to_request().err().unwrap_or_default();
    }
    let errors = editor.errors.clone();
    bar(ui, editor, &errors, (busy(Task::CampaignSave), reviewing), &mut actions, &mut outcome);
    audience::show(ui, &mut editor.draft, segments, &errors);
    ui.separator();
    tab_strip(ui, editor, &errors);
    ui.separator();
    actions.extend(tab(ui, editor, &errors, &app_id, busy, library));
    actions.extend(history::poll(ui, editor, busy));
    if let Some(held) = outcome.held {
        let preview = editor.preview.clone();
        let (review, estimate) = Review::begin(held, segments, preview, chrono::Utc::now());
        screen.review = Some(review);
        actions.push(estimate);
    }
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

/// Back, and the campaign's name (as stored) with its version, state and id.
fn heading(ui: &mut egui::Ui, editor: &Editor, outcome: &mut Outcome) {
    ui.horizontal_wrapped(|ui| {
        if ui.button("< All campaigns").clicked() {
            outcome.close = true;
        }
        let (Some(id), Some(version)) = (&editor.campaign_id, editor.version) else {
            ui.heading("New campaign");
            return;
        };
        let name = editor.stored_name();
        ui.heading(if name.is_empty() { "(unnamed campaign)" } else { name });
        let status = editor.status.as_deref().map(|s| format!(" · {s}")).unwrap_or_default();
        ui.label(RichText::new(format!("version {version}{status} · id {id}")).color(theme::MUTED));
    });
}

/// Sends a save of `draft` as `request`, or holds it for review when it would send now or
/// soon (a completed campaign does not run again).
fn save(
    editor: &Editor,
    draft: CampaignDraft,
    request: aws_sdk_pinpoint::types::WriteCampaignRequest,
    actions: &mut Vec<Action>,
    outcome: &mut Outcome,
) {
    let sent = InFlight { key: editor.key(), sent_from: editor.draft.clone() };
    let sends_at = draft.sends_soon(chrono::Utc::now()).filter(|_| !editor.is_completed());
    if let Some(sends_at) = sends_at {
        let campaign_id = editor.campaign_id.clone();
        outcome.held = Some(Held { sent, campaign_id, draft, request, sends_at });
        return;
    }
    outcome.saving = Some(sent);
    let save = CampaignAction::Save(editor.campaign_id.clone(), Box::new(request));
    actions.push(Action::Campaigns(save));
}

/// Pause or resume (a save of the stored campaign with only `IsPaused` changed, so it waits
/// until the form is clean; not offered once the campaign completed), then the state words.
fn pause_or_resume(
    ui: &mut egui::Ui,
    editor: &mut Editor,
    busy: bool,
    actions: &mut Vec<Action>,
    outcome: &mut Outcome,
) {
    if let Some(baseline) = editor.baseline.clone().filter(|_| !editor.is_completed()) {
        let paused = baseline.paused;
        let label = if paused { "Resume campaign" } else { "Pause campaign" };
        let button = ui
            .add_enabled(!editor.is_dirty() && !busy, egui::Button::new(label))
            .on_disabled_hover_text("Save or revert the changes first");
        if button.clicked() {
            let toggled = CampaignDraft { paused: !paused, ..baseline };
            match toggled.to_request() {
                Ok(request) => save(editor, toggled, request, actions, outcome),
                Err(errors) => editor.errors = errors,
            }
        }
        if paused {
            ui.label(RichText::new("paused").color(theme::WARN));
        }
    }
    if editor.is_dirty() && editor.baseline.is_some() {
        ui.label(RichText::new("unsaved changes").color(theme::WARN));
    }
}

/// The action bar, and under it what the last save left.
fn bar(
    ui: &mut egui::Ui,
    editor: &mut Editor,
    errors: &FieldErrors,
    (busy, reviewing): (bool, bool),
    actions: &mut Vec<Action>,
    outcome: &mut Outcome,
) {
    let bar = Bar {
        noun: "campaign",
        exists: editor.campaign_id.is_some(),
        dirty: editor.is_dirty(),
        busy: busy || reviewing,
    };
    let choice =
        editor_bar::show(ui, bar, |ui| pause_or_resume(ui, editor, busy, actions, outcome));
    match choice {
        Some(EditorChoice::Save) => {
            editor.save_error = None;
            match editor.draft.to_request() {
                Ok(request) => {
                    editor.errors.clear();
                    save(editor, editor.draft.clone(), request, actions, outcome);
                }
                Err(refused) => {
                    show_first_error(editor, &refused);
                    editor.errors = refused;
                    editor.scroll_to_result = true;
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
            outcome.delete = Some((id, editor.stored_name().to_owned()));
        }
        None => {}
    }
    let fields = (!errors.is_empty())
        .then(|| format!("{} field(s) need attention; the tabs in red have them.", errors.len()));
    let problems = Problems { fields: fields.as_deref(), refused: editor.save_error.as_ref() };
    let shown = (&editor.draft, &editor.tab);
    editor_bar::messages(ui, &mut editor.notice, shown, problems, &mut editor.scroll_to_result);
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
            (Tab::Kpis, "KPIs"),
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
    library: &crate::ui::template_picker::TemplateLibrary,
) -> Vec<Action> {
    match editor.tab {
        Tab::Messages => {
            let request =
                crate::drafts::json::campaign::write_campaign_request(&editor.draft.build().0);
            let message = request.get("MessageConfiguration").cloned().unwrap_or_default();
            let mut channel = editor.channel.clone();
            let templates = &mut editor.draft.delivery.templates;
            let loaded = editor.preview.as_deref();
            let mut under_tabs = |ui: &mut egui::Ui, member: &str| {
                super::message_template::show(ui, member, templates, (&message, loaded), library)
            };
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
                &mut under_tabs,
            );
            editor.channel = channel;
            return actions;
        }
        Tab::Treatments => return treatments::show(ui, editor, errors, library),
        Tab::Schedule => schedule::show(ui, "schedule.", &mut editor.draft.schedule, errors),
        Tab::Limits => {
            let exists = editor.campaign_id.is_some();
            limits::show(ui, &mut editor.draft, errors, exists);
            if exists {
                let busy = busy(Task::CampaignTags);
                let target = crate::ui::action::TagTarget::Campaign;
                let error = editor.tags_error.as_ref();
                return crate::ui::tag_editor::show(ui, target, &mut editor.tags, error, busy)
                    .into_iter()
                    .collect();
            }
        }
        Tab::Versions => history::versions(ui, editor),
        Tab::Activities => history::activities(ui, editor),
        Tab::Kpis => return kpis::show(ui, editor, busy(Task::CampaignKpis), "the service"),
        Tab::Json => json_view::show(ui, editor, app_id),
    }
    Vec::new()
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
