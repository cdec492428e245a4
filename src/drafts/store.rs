//! Unsaved editor drafts on disk, so an edit survives closing the app or a crash: one JSON
//! file per draft under a folder, written whenever the draft changes and removed when it is
//! saved or discarded.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

/// A folder of drafts.
#[derive(Debug, Clone)]
pub struct DraftStore {
    dir: PathBuf,
}

impl DraftStore {
    /// Drafts kept under `dir` (created on the first write).
    #[must_use]
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// The folder.
    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, kind: &str, app_id: &str, key: &str) -> PathBuf {
        let clean = |s: &str| -> String {
            s.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect()
        };
        // `.` never survives `clean`, so it separates the parts unambiguously.
        self.dir.join(format!("{}.{}.{}.json", clean(kind), clean(app_id), clean(key)))
    }

    /// Writes a draft (atomically: a temporary file renamed over the old one).
    pub fn save<T: Serialize>(
        &self,
        kind: &str,
        app_id: &str,
        key: &str,
        draft: &T,
    ) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let path = self.path(kind, app_id, key);
        let tmp = path.with_extension("json.tmp");
        std::fs::write(&tmp, serde_json::to_vec_pretty(draft).map_err(std::io::Error::other)?)?;
        std::fs::rename(tmp, path)
    }

    /// Reads a draft; `None` when there is none or it cannot be read as `T`.
    #[must_use]
    pub fn load<T: DeserializeOwned>(&self, kind: &str, app_id: &str, key: &str) -> Option<T> {
        let bytes = std::fs::read(self.path(kind, app_id, key)).ok()?;
        match serde_json::from_slice(&bytes) {
            Ok(draft) => Some(draft),
            Err(error) => {
                tracing::warn!(%error, kind, app_id, key, "ignoring an unreadable draft");
                None
            }
        }
    }

    /// Removes a draft (no error when there is none).
    pub fn discard(&self, kind: &str, app_id: &str, key: &str) {
        let _ = std::fs::remove_file(self.path(kind, app_id, key));
    }

    /// The keys of the drafts of one kind in one project.
    #[must_use]
    pub fn keys(&self, kind: &str, app_id: &str) -> Vec<String> {
        let probe = self.path(kind, app_id, "");
        let prefix = probe.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let prefix = prefix.strip_suffix(".json").unwrap_or(prefix).to_owned();
        let mut keys: Vec<String> = std::fs::read_dir(&self.dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .filter_map(|n| n.strip_prefix(&prefix)?.strip_suffix(".json").map(str::to_owned))
            .collect();
        keys.sort();
        keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_survives_a_new_store_on_the_same_folder() {
        let dir = std::env::temp_dir().join(format!("pp-drafts-{}", uuid::Uuid::new_v4()));
        let store = DraftStore::new(&dir);
        store.save("campaign", "app1", "new", &vec!["typed".to_owned()]).unwrap();
        let again = DraftStore::new(&dir);
        assert_eq!(again.load::<Vec<String>>("campaign", "app1", "new").unwrap(), ["typed"]);
        assert_eq!(again.keys("campaign", "app1"), ["new"]);
        assert!(again.keys("segment", "app1").is_empty());
        // A project whose id starts like another's keeps its own drafts.
        store.save("campaign", "app1-x", "new-1", &vec!["other".to_owned()]).unwrap();
        assert_eq!(again.keys("campaign", "app1"), ["new"]);
        assert_eq!(again.keys("campaign", "app1-x"), ["new-1"]);
        again.discard("campaign", "app1", "new");
        assert!(again.load::<Vec<String>>("campaign", "app1", "new").is_none());
        let _ = std::fs::remove_dir_all(dir);
    }
}
