//! Unsaved channel forms, kept per project and channel while the user looks elsewhere (in
//! memory only: a form holds secrets, and nothing of it is written to disk), and the keyring's
//! troubles in words for a person, said only where a secret is involved.

use std::collections::BTreeMap;

use super::ChannelsScreen;
use crate::drafts::channels::{ChannelDraft, members};
use crate::pinpoint::ChannelKind;
use crate::secrets::{SecretError, SecretFields};

/// A form with unsaved edits that is not open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptForm {
    /// The channel as the service (and the keyring) have it.
    pub baseline: ChannelDraft,
    /// The form as the user left it.
    pub draft: ChannelDraft,
    /// The file paths typed into it.
    pub paths: BTreeMap<&'static str, String>,
}

/// True when two forms of a channel hold the same values (a member the form left empty is
/// the same as one it never showed).
#[must_use]
pub fn same(a: &ChannelDraft, b: &ChannelDraft) -> bool {
    a.kind == b.kind
        && a.enabled == b.enabled
        && a.values.keys().chain(b.values.keys()).all(|k| a.value(k) == b.value(k))
}

impl ChannelsScreen {
    /// True when the open form differs from the channel as stored.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        matches!((&self.draft, &self.baseline), (Some(d), Some(b)) if !same(d, b))
    }

    /// True when a form of `kind` of this project is kept with unsaved edits.
    #[must_use]
    pub fn has_kept(&self, kind: ChannelKind) -> bool {
        self.app_id.as_ref().is_some_and(|app| self.kept.contains_key(&(app.clone(), kind)))
    }

    /// True when `kind` has unsaved edits, open or kept.
    #[must_use]
    pub fn has_unsaved(&self, kind: ChannelKind) -> bool {
        let open = self.draft.as_ref().is_some_and(|d| d.kind == kind) && self.is_dirty();
        open || self.has_kept(kind)
    }

    /// Keeps the open form if it has unsaved edits (and forgets a kept one it matches).
    pub(super) fn stash(&mut self) {
        let (Some(app), Some(draft), Some(baseline)) =
            (self.app_id.clone(), self.draft.take(), self.baseline.take())
        else {
            return;
        };
        let key = (app, draft.kind);
        if same(&draft, &baseline) {
            self.kept.remove(&key);
        } else {
            let paths = std::mem::take(&mut self.paths);
            self.kept.insert(key, KeptForm { baseline, draft, paths });
        }
    }

    /// Drops the open form's edits: back to the channel as stored.
    pub fn discard(&mut self) {
        if let Some(baseline) = self.baseline.clone() {
            self.draft = Some(baseline);
            self.paths.clear();
            self.errors.clear();
        }
    }

    /// A save of `sent` succeeded: that is now the channel as stored, for the open form or
    /// for a kept one of the same channel (edits made since stay unsaved).
    pub(super) fn saved(&mut self, app_id: &str, mut sent: ChannelDraft) {
        sent.exists = true;
        let kind = sent.kind;
        if let Some(draft) = self.draft.as_mut().filter(|d| d.kind == kind) {
            draft.exists = true;
            self.baseline = Some(sent);
            return;
        }
        let key = (app_id.to_owned(), kind);
        if let Some(kept) = self.kept.get_mut(&key) {
            kept.draft.exists = true;
            if same(&kept.draft, &sent) {
                self.kept.remove(&key);
            } else {
                kept.baseline = sent;
            }
        }
    }

    /// The keyring's members of `kind` arrived: they are part of the channel as stored, and
    /// fill the members the user has not edited.
    pub(super) fn fill_stored(&mut self, app_id: &str, kind: ChannelKind, stored: &SecretFields) {
        let fill = |draft: &mut ChannelDraft, baseline: &mut ChannelDraft| {
            for member in members(kind).iter().filter(|m| m.stored) {
                let Some(value) = stored.get(member.name) else { continue };
                if draft.value(member.name) == baseline.value(member.name) {
                    draft.values.insert(member.name, value.clone());
                }
                baseline.values.insert(member.name, value.clone());
            }
        };
        match (&mut self.draft, &mut self.baseline) {
            (Some(draft), Some(baseline)) if draft.kind == kind => fill(draft, baseline),
            _ => {
                if let Some(kept) = self.kept.get_mut(&(app_id.to_owned(), kind)) {
                    fill(&mut kept.draft, &mut kept.baseline);
                }
            }
        }
    }
}

/// What the keyring was asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keyring {
    /// Keep the secrets of a channel just saved.
    Save,
    /// Give the secrets of a channel being opened.
    Read,
    /// Forget the secrets of a channel just deleted.
    Forget,
}

/// The keyring's trouble in words for a person: what it means for this channel and what to do.
#[must_use]
pub fn keyring_words(asked: Keyring, error: &SecretError) -> String {
    let reason = error.reason();
    let cause = match error {
        SecretError::Unavailable(_) => format!("no keyring is available ({reason})"),
        SecretError::Failed(_) => format!("the keyring refused ({reason})"),
    };
    match asked {
        Keyring::Save => format!(
            "Secrets cannot be saved on this computer: {cause}. The channel is saved on the \
             service; its secrets will have to be typed again next time."
        ),
        Keyring::Read => format!(
            "Saved secrets cannot be read on this computer: {cause}. Type them again to change \
             them; left empty, the service keeps the ones it has."
        ),
        Keyring::Forget => format!(
            "The channel is deleted, but its secrets could not be removed from this computer: \
             {cause}."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn screen_with(kind: ChannelKind) -> ChannelsScreen {
        let mut screen = ChannelsScreen::default();
        screen.switch_project("p1");
        screen.list = Some(ChannelKind::CONSOLE.iter().map(|k| (*k, None)).collect());
        screen.open(kind);
        screen
    }

    #[test]
    fn edits_survive_other_channels_and_projects_until_saved() {
        let mut screen = screen_with(ChannelKind::Sms);
        screen.draft.as_mut().unwrap().values.insert("SenderId", "ACME".into());
        assert!(screen.has_unsaved(ChannelKind::Sms));
        screen.open(ChannelKind::Email);
        assert!(screen.has_unsaved(ChannelKind::Sms) && !screen.has_unsaved(ChannelKind::Email));
        screen.open(ChannelKind::Sms);
        assert_eq!(screen.draft.as_ref().unwrap().value("SenderId"), "ACME");

        screen.switch_project("p2");
        assert!(screen.draft.is_none() && !screen.has_unsaved(ChannelKind::Sms));
        screen.switch_project("p1");
        assert_eq!(screen.draft.as_ref().unwrap().value("SenderId"), "ACME", "back as left");

        let sent = screen.draft.clone().unwrap();
        screen.saved("p1", sent);
        assert!(!screen.has_unsaved(ChannelKind::Sms));
        screen.draft.as_mut().unwrap().values.insert("SenderId", "OTHER".into());
        screen.discard();
        assert_eq!(screen.draft.as_ref().unwrap().value("SenderId"), "ACME");
    }

    #[test]
    fn stored_secrets_fill_only_what_was_not_typed() {
        let mut screen = screen_with(ChannelKind::Adm);
        screen.draft.as_mut().unwrap().values.insert("ClientId", "typed".into());
        let stored: SecretFields = [("ClientId", "kept-id"), ("ClientSecret", "kept-secret")]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        screen.fill_stored("p1", ChannelKind::Adm, &stored);
        let draft = screen.draft.as_ref().unwrap();
        assert_eq!(
            (draft.value("ClientId"), draft.value("ClientSecret")),
            ("typed", "kept-secret")
        );
        assert!(screen.is_dirty(), "the typed id is still an edit");
    }

    #[test]
    fn keyring_words_say_what_it_means() {
        let words = keyring_words(Keyring::Save, &SecretError::Unavailable("no D-Bus".into()));
        assert_eq!(
            words,
            "Secrets cannot be saved on this computer: no keyring is available (no D-Bus). The \
             channel is saved on the service; its secrets will have to be typed again next time."
        );
    }
}
