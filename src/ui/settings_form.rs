//! The project settings form: limits, quiet time and campaign hook, validated inline.

use egui::RichText;

use super::action::Action;
use super::error_view::{ErrorChoice, Offer, api_error, error_panel};
use super::state::ProjectScreen;
use super::theme;
use super::widgets::{busy_button, field_label, form_row, section};
use crate::drafts::settings::{HookMode, field};

/// Draws the settings form of the selected project; `loading` and `saving` say whether its
/// settings are being read or written, `target` names what the connection reaches.
pub fn show(
    ui: &mut egui::Ui,
    screen: &mut ProjectScreen,
    [loading, saving]: [bool; 2],
    target: &str,
) -> Option<Action> {
    if screen.loaded.is_none() {
        if let Some(error) = &screen.load_error {
            let offer = Offer { retry: true, change_connection: false };
            let what = "Could not load the project's settings";
            return match error_panel(ui, "settings", what, error, target, offer) {
                Some(ErrorChoice::Retry) => Some(Action::ReloadSettings),
                _ => None,
            };
        }
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Loading settings…");
        });
        return None;
    }
    let errors = screen.errors.clone();
    let draft = &mut screen.draft;

    section(ui, "Default limits");
    ui.label(
        RichText::new("Apply to every campaign that sets none of its own. Empty = no limit.")
            .color(theme::MUTED),
    );
    form_row(ui, "Daily limit", &mut draft.daily, "0-100 per endpoint", errors.get(field::DAILY));
    form_row(ui, "Total limit", &mut draft.total, "0-100 per endpoint", errors.get(field::TOTAL));
    form_row(
        ui,
        "Messages per second",
        &mut draft.messages_per_second,
        "1-20,000; empty keeps the current",
        errors.get(field::MPS),
    );
    form_row(
        ui,
        "Maximum duration (s)",
        &mut draft.maximum_duration,
        "at least 60",
        errors.get(field::MAX_DURATION),
    );

    section(ui, "Quiet time");
    ui.label(
        RichText::new(
            "No messages in this window, in each endpoint's own time zone (HH:MM, 24-hour).",
        )
        .color(theme::MUTED),
    );
    form_row(
        ui,
        "Quiet time start",
        &mut draft.quiet_start,
        "22:00",
        errors.get(field::QUIET_START),
    );
    form_row(ui, "Quiet time end", &mut draft.quiet_end, "07:00", errors.get(field::QUIET_END));

    section(ui, "Campaign hook");
    form_row(
        ui,
        "Lambda function",
        &mut draft.lambda_function_name,
        "name or ARN",
        errors.get(field::LAMBDA),
    );
    ui.horizontal(|ui| {
        let label = field_label(ui, "Hook mode");
        egui::ComboBox::from_id_salt("hook_mode")
            .selected_text(draft.hook_mode.label())
            .show_ui(ui, |ui| {
                for mode in HookMode::ALL {
                    ui.selectable_value(&mut draft.hook_mode, mode, mode.label());
                }
            })
            .response
            .labelled_by(label.id);
    });
    form_row(ui, "Web URL", &mut draft.web_url, "https://…", errors.get(field::WEB_URL));

    ui.add_space(theme::SECTION_GAP);
    let mut action = None;
    // Ctrl+S (Cmd+S on macOS) saves, as in every form that can be saved.
    let shortcut =
        !(saving || loading) && ui.input_mut(|i| i.consume_shortcut(&theme::SAVE_SHORTCUT));
    ui.horizontal(|ui| {
        if busy_button(ui, "Save settings", saving || loading) || shortcut {
            match screen.draft.to_request() {
                Ok(request) => {
                    screen.errors.clear();
                    action = Some(Action::SaveSettings(request));
                }
                Err(field_errors) => {
                    screen.saved_note = None;
                    screen.errors = field_errors;
                }
            }
        }
        let dirty = screen.is_dirty();
        if ui.add_enabled(dirty && !saving, egui::Button::new("Revert")).clicked() {
            action = Some(Action::ReloadSettings);
        }
        if dirty {
            ui.label(RichText::new("Unsaved changes").color(theme::WARN));
        }
    });
    if !screen.errors.is_empty() {
        ui.label(
            RichText::new(format!(
                "{} field(s) need attention; nothing was sent.",
                screen.errors.len()
            ))
            .color(theme::ERROR),
        );
    }
    if let Some(error) = &screen.save_error {
        api_error(ui, error);
    }
    if let Some(note) = &screen.saved_note {
        ui.label(RichText::new(note).color(theme::OK));
    }
    action
}
