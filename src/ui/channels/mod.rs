//! The Channels section: the nine channels with their status, and a form per channel with
//! every member of its request. Secrets are masked (with reveal), kept in the OS keyring
//! after a save, read back from it when the form opens, and forgotten when the channel is
//! deleted. A missing keyring is said, in plain words, only where a secret is involved.
//!
//! A form's unsaved edits are never dropped: switching to another channel, section or project
//! keeps them (in memory only, so no secret reaches the disk) and the channel is marked as
//! having unsaved edits until they are saved or discarded.

mod form;
mod kept;
mod overview;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use egui::RichText;

pub use self::kept::KeptForm;
use super::action::Action;
use super::error_view::{ErrorChoice, Offer, error_panel};
use super::tasks::Task;
use super::theme;
use crate::api::{ApiError, ApiResponse, ChannelInfo, FilePurpose};
use crate::drafts::FieldErrors;
use crate::drafts::channels::{ChannelDraft, members};
use crate::pinpoint::ChannelKind;

/// What a failed load names as unreachable (the section is not told the connection's URL;
/// the top bar shows it).
const TARGET: &str = "the service";

/// State of the Channels section for the selected project.
#[derive(Debug, Default)]
pub struct ChannelsScreen {
    /// The project the list belongs to.
    pub app_id: Option<String>,
    /// The nine channels, once loaded.
    pub list: Option<Vec<(ChannelKind, Option<ChannelInfo>)>>,
    /// Why the list could not be loaded (shown with Retry).
    pub load_error: Option<ApiError>,
    /// The open form.
    pub draft: Option<ChannelDraft>,
    /// The open form as the service (and the keyring) have it: while the form differs, it
    /// has unsaved edits.
    pub baseline: Option<ChannelDraft>,
    /// Inline messages.
    pub errors: FieldErrors,
    /// The service's answer to the last save or delete, when it failed.
    pub error: Option<ApiError>,
    /// What happened last (saved, deleted).
    pub note: Option<String>,
    /// What the keyring said, when it could not help with a secret.
    pub keyring: Option<String>,
    /// Secret members shown in clear.
    pub revealed: BTreeSet<&'static str>,
    /// Typed file paths per member.
    pub paths: BTreeMap<&'static str, String>,
    /// Delete confirmation open.
    pub confirm_delete: bool,
    /// Forms with unsaved edits that are not open, by project and channel (memory only).
    pub kept: HashMap<(String, ChannelKind), KeptForm>,
    /// The channel each project had open when the user left it.
    pub last_open: HashMap<String, ChannelKind>,
    /// A save on its way: the form as sent, and whether it carried secrets.
    pub saving: Option<(ChannelDraft, bool)>,
    /// Every channel as GetChannels reports it (or why it could not be read).
    pub overview: Option<Result<Vec<crate::api::ChannelRow>, ApiError>>,
}

impl ChannelsScreen {
    fn info(&self, kind: ChannelKind) -> Option<&ChannelInfo> {
        self.list.as_ref()?.iter().find(|(k, _)| *k == kind)?.1.as_ref()
    }

    /// A channel's form as the service echoes it.
    fn fresh(&self, kind: ChannelKind) -> ChannelDraft {
        let mut draft = ChannelDraft::new(kind);
        if let Some(info) = self.info(kind) {
            draft.exists = true;
            draft.enabled = info.enabled;
            for (k, v) in &info.echoed {
                draft.values.insert(k, v.clone());
            }
        }
        draft
    }

    /// Opens the form of a channel: its unsaved edits if it has some, else as the service
    /// echoes it. The form open before is kept if it has unsaved edits.
    pub fn open(&mut self, kind: ChannelKind) {
        self.stash();
        let kept = self.app_id.clone().and_then(|app| self.kept.remove(&(app, kind)));
        if let Some(kept) = kept {
            self.draft = Some(kept.draft);
            self.baseline = Some(kept.baseline);
            self.paths = kept.paths;
        } else {
            let fresh = self.fresh(kind);
            self.baseline = Some(fresh.clone());
            self.draft = Some(fresh);
            self.paths.clear();
        }
        self.clear_messages();
    }

    fn clear_messages(&mut self) {
        self.errors.clear();
        self.error = None;
        self.note = None;
        self.keyring = None;
        self.revealed.clear();
        self.confirm_delete = false;
    }

    /// Shows `app_id`'s channels: the open form of the project before is kept if it has
    /// unsaved edits, and the form `app_id` had open with unsaved edits comes back.
    pub fn switch_project(&mut self, app_id: &str) {
        if let (Some(previous), Some(draft)) = (&self.app_id, &self.draft) {
            self.last_open.insert(previous.clone(), draft.kind);
        }
        self.stash();
        let kept = std::mem::take(&mut self.kept);
        let last_open = std::mem::take(&mut self.last_open);
        *self = Self { app_id: Some(app_id.to_owned()), kept, last_open, ..Self::default() };
        if let Some(kind) = self.last_open.get(app_id).copied()
            && let Some(kept) = self.kept.remove(&(app_id.to_owned(), kind))
        {
            self.draft = Some(kept.draft);
            self.baseline = Some(kept.baseline);
            self.paths = kept.paths;
        }
    }

    /// Applies a worker answer for this section; returns follow-up actions.
    pub fn apply(&mut self, response: ApiResponse) -> Vec<Action> {
        let mut follow = Vec::new();
        let ours = |app_id: &str| self.app_id.as_deref() == Some(app_id);
        match response {
            ApiResponse::Channels { app_id, channels } if ours(&app_id) => {
                self.load_error = None;
                self.list = Some(channels);
                follow.push(Action::ChannelOverview);
            }
            ApiResponse::ChannelOverview(rows) => self.overview = Some(Ok(rows)),
            ApiResponse::ChannelSaved { app_id, info, stored } if ours(&app_id) => {
                let kind = info.kind;
                if let Some(list) = &mut self.list
                    && let Some(slot) = list.iter_mut().find(|(k, _)| *k == kind)
                {
                    slot.1 = Some(info);
                }
                let (sent, with_secrets) = self.saving.take().unwrap_or_else(|| {
                    (self.draft.clone().unwrap_or_else(|| ChannelDraft::new(kind)), false)
                });
                self.saved(&app_id, sent);
                self.note = Some(format!("Saved the {}.", kind.title()));
                follow.push(Action::ChannelOverview);
                self.keyring = stored
                    .err()
                    .filter(|_| with_secrets)
                    .map(|e| kept::keyring_words(kept::Keyring::Save, &e));
            }
            ApiResponse::ChannelDeleted { app_id, kind, forgotten } if ours(&app_id) => {
                if let Some(list) = &mut self.list
                    && let Some(slot) = list.iter_mut().find(|(k, _)| *k == kind)
                {
                    slot.1 = None;
                }
                // Deleting discards the channel's edits with it.
                self.kept.remove(&(app_id, kind));
                follow.push(Action::ChannelOverview);
                let fresh = self.fresh(kind);
                self.baseline = Some(fresh.clone());
                self.draft = Some(fresh);
                self.paths.clear();
                self.clear_messages();
                let secrets = members(kind).iter().any(|m| m.stored);
                self.note = Some(if secrets {
                    format!("Deleted the {} and its stored secrets.", kind.title())
                } else {
                    format!("Deleted the {}.", kind.title())
                });
                self.keyring = forgotten
                    .err()
                    .filter(|_| secrets)
                    .filter(|e| matches!(e, crate::secrets::SecretError::Failed(_)))
                    .map(|e| kept::keyring_words(kept::Keyring::Forget, &e));
            }
            ApiResponse::ChannelSecrets { app_id, kind, secrets } if ours(&app_id) => match secrets
            {
                Ok(Some(stored)) => self.fill_stored(&app_id, kind, &stored.0),
                Err(e) if self.draft.as_ref().is_some_and(|d| d.kind == kind) => {
                    self.keyring = Some(kept::keyring_words(kept::Keyring::Read, &e));
                }
                _ => {}
            },
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

    /// A failed call of this section, shown where it happened: a failed list in place of the
    /// list with Retry, a key file under the form, a save or delete with its buttons.
    pub fn fail(&mut self, task: Task, error: ApiError) {
        match task {
            Task::ListChannels => self.load_error = Some(error),
            Task::ChannelOverview => self.overview = Some(Err(error)),
            Task::ReadKeyFile => {
                self.errors.add("_file", error.message);
            }
            Task::SaveChannel => {
                self.saving = None;
                self.error = Some(error);
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
        if let Some(error) = &screen.load_error {
            let offer = Offer { retry: true, change_connection: false };
            let what = "Could not load the channels";
            if error_panel(ui, "channels", what, error, TARGET, offer) == Some(ErrorChoice::Retry)
                && !busy(Task::ListChannels)
            {
                screen.load_error = None;
                actions.push(Action::ReloadChannels);
            }
            return actions;
        }
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Loading channels…");
        });
        return actions;
    };
    overview::show(ui, screen);
    ui.horizontal_top(|ui| {
        ui.vertical(|ui| {
            // Narrower on a narrow window, so the form beside it keeps room for its fields.
            ui.set_width((ui.available_width() * 0.28).clamp(150.0, 230.0));
            for (kind, info) in &list {
                let selected = screen.draft.as_ref().is_some_and(|d| d.kind == *kind);
                if ui.add(egui::Button::selectable(selected, kind.title())).clicked() && !selected {
                    let restored = screen.has_kept(*kind);
                    screen.open(*kind);
                    let has_stored = members(*kind).iter().any(|m| m.stored);
                    if info.is_some() && has_stored && !restored {
                        actions.push(Action::LoadChannelSecrets(*kind));
                    }
                }
                let (text, color) = status_line(info.as_ref());
                ui.horizontal_wrapped(|ui| {
                    if screen.has_unsaved(*kind) {
                        ui.label(RichText::new("unsaved edits ·").small().color(theme::WARN))
                            .on_hover_text("Edits not saved yet: open the channel to save them");
                    }
                    ui.label(RichText::new(text).small().color(color));
                });
                ui.add_space(2.0);
            }
        });
        ui.separator();
        ui.vertical(|ui| {
            if screen.draft.is_some() {
                actions.extend(form::form(ui, screen, busy));
            } else {
                ui.label(RichText::new("Choose a channel to configure it.").color(theme::MUTED));
            }
        });
    });
    actions
}
