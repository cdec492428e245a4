//! The Channels section: the nine channels with their status, and a form per channel with
//! every member of its request. Secrets are masked (with reveal), kept in the OS keyring
//! after a save, read back from it when the form opens, and forgotten when the channel is
//! deleted. A locked or missing keyring is said plainly and the form still saves once.

use std::collections::{BTreeMap, BTreeSet};

use egui::RichText;

use super::action::Action;
use super::tasks::Task;
use super::theme;
use super::widgets::{busy_button, error_label, field_label};
use crate::api::{ApiError, ApiResponse, ChannelInfo, FilePurpose};
use crate::drafts::FieldErrors;
use crate::drafts::channels::{ChannelDraft, members};
use crate::pinpoint::ChannelKind;
use crate::secrets::Redacted;

/// State of the Channels section for the selected project.
#[derive(Debug, Default)]
pub struct ChannelsScreen {
    /// The project the list belongs to.
    pub app_id: Option<String>,
    /// The nine channels, once loaded.
    pub list: Option<Vec<(ChannelKind, Option<ChannelInfo>)>>,
    /// The open form.
    pub draft: Option<ChannelDraft>,
    /// Inline messages.
    pub errors: FieldErrors,
    /// The service's answer to the last save or delete, when it failed.
    pub error: Option<ApiError>,
    /// What happened last (saved, deleted).
    pub note: Option<String>,
    /// What the keyring said, when it could not help.
    pub keyring: Option<String>,
    /// Secret members shown in clear.
    pub revealed: BTreeSet<&'static str>,
    /// Typed file paths per member.
    pub paths: BTreeMap<&'static str, String>,
    /// Delete confirmation open.
    pub confirm_delete: bool,
}

impl ChannelsScreen {
    fn info(&self, kind: ChannelKind) -> Option<&ChannelInfo> {
        self.list.as_ref()?.iter().find(|(k, _)| *k == kind)?.1.as_ref()
    }

    /// Opens the form for a channel, filled with what the service echoes.
    pub fn open(&mut self, kind: ChannelKind) {
        let mut draft = ChannelDraft::new(kind);
        if let Some(info) = self.info(kind) {
            draft.exists = true;
            draft.enabled = info.enabled;
            for (k, v) in &info.echoed {
                draft.values.insert(k, v.clone());
            }
        }
        self.draft = Some(draft);
        self.errors.clear();
        self.error = None;
        self.note = None;
        self.keyring = None;
        self.revealed.clear();
        self.paths.clear();
        self.confirm_delete = false;
    }

    /// Applies a worker answer for this section; returns follow-up actions.
    pub fn apply(&mut self, response: ApiResponse) -> Vec<Action> {
        let mut follow = Vec::new();
        match response {
            ApiResponse::Channels { app_id, channels }
                if self.app_id.as_deref() == Some(app_id.as_str()) =>
            {
                self.list = Some(channels);
            }
            ApiResponse::ChannelSaved { app_id, info, stored }
                if self.app_id.as_deref() == Some(app_id.as_str()) =>
            {
                let kind = info.kind;
                if let Some(list) = &mut self.list
                    && let Some(slot) = list.iter_mut().find(|(k, _)| *k == kind)
                {
                    slot.1 = Some(info);
                }
                if let Some(draft) = &mut self.draft {
                    draft.exists = true;
                }
                self.note = Some(format!("Saved the {}.", kind.title()));
                self.keyring = stored.err().map(|e| e.to_string());
            }
            ApiResponse::ChannelDeleted { app_id, kind, forgotten }
                if self.app_id.as_deref() == Some(app_id.as_str()) =>
            {
                if let Some(list) = &mut self.list
                    && let Some(slot) = list.iter_mut().find(|(k, _)| *k == kind)
                {
                    slot.1 = None;
                }
                self.open(kind);
                self.note = Some(format!("Deleted the {} and its stored secrets.", kind.title()));
                self.keyring = forgotten.err().map(|e| e.to_string());
            }
            ApiResponse::ChannelSecrets { app_id, kind, secrets }
                if self.app_id.as_deref() == Some(app_id.as_str()) =>
            {
                match (secrets, &mut self.draft) {
                    (Ok(Some(stored)), Some(draft)) if draft.kind == kind => {
                        draft.fill_stored(&stored.0);
                    }
                    (Err(e), _) => self.keyring = Some(e.to_string()),
                    _ => {}
                }
            }
            ApiResponse::KeyFileRead { member, contents } => {
                if let Some(draft) = &mut self.draft {
                    draft.values.insert(member, contents.0);
                    self.errors.clear();
                }
            }
            ApiResponse::FilePicked {
                purpose: FilePurpose::KeyFile { member },
                path: Some(path),
            } => {
                self.paths.insert(member, path.display().to_string());
                if let Some(expect) = self
                    .draft
                    .as_ref()
                    .and_then(|d| members(d.kind).iter().find(|m| m.name == member))
                    .and_then(|m| m.file)
                {
                    follow.push(Action::ReadKeyFile { member, path, expect });
                }
            }
            _ => {}
        }
        follow
    }

    /// A failed call of this section, shown inline.
    pub fn fail(&mut self, task: Task, error: ApiError) {
        match task {
            Task::ReadKeyFile => {
                self.errors.add("_file", error.message);
            }
            _ => self.error = Some(error),
        }
    }
}

fn status_line(info: Option<&ChannelInfo>) -> (String, egui::Color32) {
    match info {
        None => ("not configured".to_owned(), theme::MUTED),
        Some(i) => {
            let state = if i.enabled { "enabled" } else { "disabled" };
            let credential = if i.has_credential { " · credential" } else { "" };
            let version = i.version.map(|v| format!(" · v{v}")).unwrap_or_default();
            let date = i
                .last_modified
                .as_deref()
                .map(|d| format!(" · {}", &d[..d.len().min(10)]))
                .unwrap_or_default();
            (
                format!("{state}{credential}{version}{date}"),
                if i.enabled { theme::OK } else { theme::WARN },
            )
        }
    }
}

/// Draws the section.
pub fn show(
    ui: &mut egui::Ui,
    screen: &mut ChannelsScreen,
    busy: &dyn Fn(Task) -> bool,
) -> Vec<Action> {
    let mut actions = Vec::new();
    let Some(list) = screen.list.clone() else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Loading channels…");
        });
        return actions;
    };
    ui.horizontal_top(|ui| {
        ui.vertical(|ui| {
            ui.set_width(230.0);
            for (kind, info) in &list {
                let selected = screen.draft.as_ref().is_some_and(|d| d.kind == *kind);
                if ui.add(egui::Button::selectable(selected, kind.title())).clicked() && !selected {
                    screen.open(*kind);
                    let has_stored = members(*kind).iter().any(|m| m.stored);
                    if info.is_some() && has_stored {
                        actions.push(Action::LoadChannelSecrets(*kind));
                    }
                }
                let (text, color) = status_line(info.as_ref());
                ui.label(RichText::new(text).small().color(color));
                ui.add_space(2.0);
            }
        });
        ui.separator();
        ui.vertical(|ui| {
            if screen.draft.is_some() {
                actions.extend(form(ui, screen, busy));
            } else {
                ui.label(RichText::new("Choose a channel to configure it.").color(theme::MUTED));
            }
        });
    });
    actions
}

fn form(
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
            ui.add(edit.password(hidden).desired_width(theme::FIELD_WIDTH + 40.0))
                .labelled_by(label.id);
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
            super::widgets::under_field(ui, |ui| {
                let path = screen.paths.entry(member.name).or_default();
                let label = ui.label("from file");
                ui.add(
                    egui::TextEdit::singleline(path)
                        .hint_text("path to the file")
                        .desired_width(theme::FIELD_WIDTH - 40.0),
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
    ui.horizontal(|ui| {
        if busy_button(ui, "Save channel", busy(Task::SaveChannel)) {
            match draft.to_request() {
                Ok(request) => {
                    screen.errors.clear();
                    screen.error = None;
                    screen.note = None;
                    actions.push(Action::SaveChannel {
                        request: Box::new(Redacted(request)),
                        secrets: Redacted(draft.stored_fields()),
                    });
                }
                Err(errors) => screen.errors = errors,
            }
        }
        if exists
            && ui
                .add_enabled(!busy(Task::DeleteChannel), egui::Button::new("Delete channel…"))
                .clicked()
        {
            screen.confirm_delete = true;
        }
    });
    if let Some(error) = &screen.error {
        error_label(ui, &error.to_string());
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
            ui.label("The project stops sending on this channel, and its stored secrets are removed from the keyring.");
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
