//! How an editor keeps its unsaved draft on disk (shared by the campaign and segment editors):
//! under the resource's id, or under a fresh `new-…` key before the resource exists, so two
//! drafts never share a file; an untouched new form writes nothing; a save answer is matched to
//! the draft that was sent.

use serde::Serialize;

use crate::drafts::store::DraftStore;

/// True for the key of a resource not created yet.
#[must_use]
pub fn is_new(key: &str) -> bool {
    key.starts_with("new")
}

/// A fresh key for a resource not created yet.
#[must_use]
pub fn new_key() -> String {
    format!("new-{}", uuid::Uuid::new_v4().simple())
}

/// Drafts as the worker read them (JSON), as drafts; one that no longer reads as `D` (written
/// by another version of the console) is skipped with a warning.
#[must_use]
pub fn parse_drafts<D: serde::de::DeserializeOwned>(
    drafts: Vec<(String, serde_json::Value)>,
) -> Vec<(String, D)> {
    drafts
        .into_iter()
        .filter_map(|(key, json)| match serde_json::from_value(json) {
            Ok(draft) => Some((key, draft)),
            Err(error) => {
                tracing::warn!(%error, key, "ignoring an unreadable draft");
                None
            }
        })
        .collect()
}

/// The on-disk side of one editor.
#[derive(Debug, Clone, Default)]
pub struct Kept<D> {
    key: String,
    /// A new form as it was opened: not worth keeping while it is unchanged.
    pristine: Option<D>,
    /// The draft as last written.
    persisted: Option<D>,
}

impl<D: Clone + PartialEq + Serialize> Kept<D> {
    /// For an existing resource.
    #[must_use]
    pub fn existing(id: &str) -> Self {
        Self { key: id.to_owned(), pristine: None, persisted: None }
    }

    /// For a new resource whose form starts as `start`.
    #[must_use]
    pub fn fresh(start: &D) -> Self {
        Self { key: new_key(), pristine: Some(start.clone()), persisted: None }
    }

    /// For a draft restored from disk under `key`.
    #[must_use]
    pub fn restored(key: &str, draft: &D) -> Self {
        Self { key: key.to_owned(), pristine: None, persisted: Some(draft.clone()) }
    }

    /// The key the draft is kept under.
    #[must_use]
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Writes `draft` when it changed and differs from the service (`dirty`); removes the file
    /// once it matches the service again.
    pub fn persist(
        &mut self,
        store: &DraftStore,
        kind: &str,
        app_id: &str,
        draft: &D,
        dirty: bool,
    ) {
        let worth_keeping = dirty && self.pristine.as_ref() != Some(draft);
        if worth_keeping {
            if self.persisted.as_ref() != Some(draft) {
                if let Err(error) = store.save(kind, app_id, &self.key, draft) {
                    tracing::warn!(%error, kind, "could not keep the draft");
                }
                self.persisted = Some(draft.clone());
            }
        } else if self.persisted.take().is_some() {
            store.discard(kind, app_id, &self.key);
        }
    }
}

/// A save on its way: the key its draft is kept under and the draft the form held when it was
/// sent (edits made while it runs are kept on top of the answer).
#[derive(Debug, Clone)]
pub struct InFlight<D> {
    /// The draft's key.
    pub key: String,
    /// The form when the save was sent.
    pub sent_from: D,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_form_is_kept_only_once_touched_and_under_its_own_key() {
        let dir = std::env::temp_dir().join(format!("pp-kept-{}", uuid::Uuid::new_v4()));
        let store = DraftStore::new(&dir);
        let mut a = Kept::fresh(&String::new());
        let mut b = Kept::fresh(&String::new());
        a.persist(&store, "c", "app", &String::new(), true);
        assert!(store.keys("c", "app").is_empty(), "untouched: nothing written");
        a.persist(&store, "c", "app", &"typed".to_owned(), true);
        b.persist(&store, "c", "app", &"other".to_owned(), true);
        assert_eq!(store.keys("c", "app").len(), 2, "two new forms, two files");
        a.persist(&store, "c", "app", &"typed".to_owned(), false);
        assert_eq!(store.keys("c", "app"), [b.key().to_owned()]);
        assert!(is_new(b.key()) && b.key() != a.key());
        let _ = std::fs::remove_dir_all(dir);
    }
}
