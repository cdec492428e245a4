//! The form of one channel: every member of its request, secrets masked with a reveal button
//! and loadable from a file, Save and Delete, and what the last save said.

use egui::RichText;

use super::ChannelsScreen;
use crate::drafts::channels::members;
use crate::secrets::Redacted;
use crate::ui::action::Action;
use crate::ui::tasks::Task;
use crate::ui::theme;
use crate::ui::widgets::{busy_button, error_label, field_label};

pub(super) fn form(
    ui: &mut egui::Ui,
    screen: &mut ChannelsScreen,
    busy: &dyn Fn(Task) -> bool,
) -> Vec<Action> {
    let mut actions = Vec::new();
    let Some(draft) = screen.draft.as_mut() else { return actions };
    let kind = draft.kind;
    ui.heading(kind.title());
    ui.checkbox(&mut draft.enabled, "Enabled");
    for member in members(kind) {
        let error = screen.errors.get(member.name).map(str::to_owned);
        ui.horizontal(|ui| {
            let label = field_label(ui, member.label);
            let value = draft.values.entry(member.name).or_default();
            if !member.choices.is_empty() {
                egui::ComboBox::from_id_salt(member.name)
                    .selected_text(if value.is_empty() { "(default)" } else { value.as_str() })
                    .show_ui(ui, |ui| {
                        for choice in member.choices {
                            let text = if choice.is_empty() { "(default)" } else { choice };
                            ui.selectable_value(value, (*choice).to_owned(), text);
                        }
                    })
                    .response
                    .labelled_by(label.id);
                return;
            }
            let hidden = member.secret && !screen.revealed.contains(member.name);
            let multiline = member.file.is_some();
            let edit = if multiline && !hidden {
                egui::TextEdit::multiline(value).desired_rows(3)
            } else {
                egui::TextEdit::singleline(value)
            };
            // Room is kept for the Show button after a secret.
            let room = if member.secret { 56.0 } else { 0.0 };
            let width = (theme::field_width(ui) - room).clamp(theme::FIELD_MIN_WIDTH, 420.0);
            ui.add(edit.password(hidden).desired_width(width)).labelled_by(label.id);
            if member.secret {
                let word = if hidden { "Show" } else { "Hide" };
                if ui.small_button(word).on_hover_text(format!("{word} {}", member.label)).clicked()
                {
                    if hidden {
                        screen.revealed.insert(member.name);
                    } else {
                        screen.revealed.remove(member.name);
                    }
                }
            }
        });
        if let Some(expect) = member.file {
            crate::ui::widgets::under_field(ui, |ui| {
                let path = screen.paths.entry(member.name).or_default();
                let label = ui.label("from file");
                ui.add(
                    egui::TextEdit::singleline(path)
                        .hint_text("path to the file")
                        // Room is kept for Load and Browse… after it.
                        .desired_width((theme::field_width(ui) - 130.0).clamp(80.0, 200.0)),
                )
                .labelled_by(label.id);
                if ui
                    .small_button("Load")
                    .on_hover_text(format!("Load {} from the path", member.label))
                    .clicked()
                    && !path.trim().is_empty()
                {
                    actions.push(Action::ReadKeyFile {
                        member: member.name,
                        path: path.trim().into(),
                        expect,
                    });
                }
                if ui
                    .small_button("Browse…")
                    .on_hover_text(format!("Choose the {} file", member.label))
                    .clicked()
                {
                    actions.push(Action::PickFile(member.name));
                }
            });
        }
        if let Some(message) = error {
            error_label(ui, &message);
        }
    }
    if let Some(message) = screen.errors.get("_file") {
        error_label(ui, message);
    }
    if let Some(message) = screen.errors.get("_form") {
        error_label(ui, message);
    }
    ui.add_space(theme::SECTION_GAP);
    let exists = draft.exists;
    let mut discard = false;
    if screen.baseline.as_ref().is_some_and(|b| !super::kept::same(b, draft)) {
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(
                    "Unsaved edits: kept while you look at other channels, sections and \
                     projects, until you save or discard them.",
                )
                .color(theme::WARN),
            );
            discard = ui.small_button("Discard edits").clicked();
        });
    }
    ui.horizontal(|ui| {
        // Ctrl+S (Cmd+S) saves, as in every form that can be saved.
        let shortcut =
            !busy(Task::SaveChannel) && ui.input_mut(|i| i.consume_shortcut(&theme::SAVE_SHORTCUT));
        if busy_button(ui, "Save channel", busy(Task::SaveChannel)) || shortcut {
            match draft.to_request() {
                Ok(request) => {
                    screen.errors.clear();
                    screen.error = None;
                    screen.note = None;
                    screen.keyring = None;
                    let secrets = draft.stored_fields();
                    screen.saving = Some((draft.clone(), !secrets.is_empty()));
                    actions.push(Action::SaveChannel {
                        request: Box::new(Redacted(request)),
                        secrets: Redacted(secrets),
                    });
                }
                Err(errors) => screen.errors = errors,
            }
        }
        if exists
            && ui
                .add_enabled(
                    !busy(Task::DeleteChannel),
                    crate::ui::widgets::danger_button("Delete channel…"),
                )
                .clicked()
        {
            screen.confirm_delete = true;
        }
    });
    if discard {
        screen.discard();
    }
    if let Some(error) = &screen.error {
        crate::ui::error_view::api_error(ui, error);
    }
    if let Some(note) = &screen.note {
        ui.label(RichText::new(note).color(theme::OK));
    }
    if let Some(keyring) = &screen.keyring {
        ui.label(RichText::new(keyring).color(theme::WARN));
    }
    if screen.confirm_delete {
        let mut close = false;
        egui::Modal::new(egui::Id::unique("confirm_delete_channel")).show(ui.ctx(), |ui| {
            ui.heading(format!("Delete the {}?", kind.title()));
            ui.label(if members(kind).iter().any(|m| m.stored) {
                "The project stops sending on this channel, and its stored secrets are removed \
                 from the keyring."
            } else {
                "The project stops sending on this channel."
            });
            ui.horizontal(|ui| {
                if ui.button(format!("Delete {}", kind.title())).clicked() {
                    actions.push(Action::DeleteChannel(kind));
                    close = true;
                }
                if ui.button("Cancel").clicked() {
                    close = true;
                }
            });
        });
        if close {
            screen.confirm_delete = false;
        }
    }
    actions
}
