//! The in-memory store: an index of projects behind a short-lived lock, and one lock per
//! project. The index lock is held only to find, add or remove a project (never while a
//! project is read or written), so a long write on one project (a campaign run over 100,000
//! endpoints) does not hold up a request on another.

use std::sync::{Arc, PoisonError, RwLock};

use super::collection::{Collection, PageRequest};
use super::records::ProjectRecord;
use super::{Outcome, Store};
use crate::mock::wire::ApplicationResponse;

/// One project in the index: its resource (immutable after creation, so listing and GetApp
/// never open the project) and the project itself behind its own lock.
#[derive(Debug)]
struct Entry {
    app: ApplicationResponse,
    record: Arc<RwLock<ProjectRecord>>,
}

/// Projects in memory, lost when the process ends.
#[derive(Debug, Default)]
pub struct MemoryStore {
    index: RwLock<Collection<Entry>>,
}

impl MemoryStore {
    /// An empty store.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The project's lock, taken out of the index so the index lock is released at once.
    fn project_lock(&self, id: &str) -> Option<Arc<RwLock<ProjectRecord>>> {
        // A panic while holding a lock cannot leave a project half-written: writers check
        // first and change last (see the module docs of `store`).
        let index = self.index.read().unwrap_or_else(PoisonError::into_inner);
        index.get(id).map(|entry| Arc::clone(&entry.record))
    }
}

impl Store for MemoryStore {
    fn create_project(&self, record: ProjectRecord) -> bool {
        let mut index = self.index.write().unwrap_or_else(PoisonError::into_inner);
        let id = record.app.id.clone();
        if index.get(&id).is_some() {
            return false;
        }
        let app = record.app.clone();
        index.insert(&id, Entry { app, record: Arc::new(RwLock::new(record)) });
        true
    }

    fn delete_project(&self, id: &str) -> Option<ApplicationResponse> {
        let mut index = self.index.write().unwrap_or_else(PoisonError::into_inner);
        index.remove(id).map(|entry| entry.app)
    }

    fn project(&self, id: &str) -> Option<ApplicationResponse> {
        let index = self.index.read().unwrap_or_else(PoisonError::into_inner);
        index.get(id).map(|entry| entry.app.clone())
    }

    fn list_projects(&self, page: PageRequest) -> (Vec<ApplicationResponse>, Option<String>) {
        let index = self.index.read().unwrap_or_else(PoisonError::into_inner);
        let (items, next) = index.page(page);
        (items.into_iter().map(|entry| entry.app.clone()).collect(), next)
    }

    fn project_ids(&self) -> Vec<String> {
        let index = self.index.read().unwrap_or_else(PoisonError::into_inner);
        index.iter().map(|entry| entry.app.id.clone()).collect()
    }

    fn project_count(&self) -> usize {
        self.index.read().unwrap_or_else(PoisonError::into_inner).len()
    }

    fn read_project(&self, id: &str, f: &mut dyn FnMut(&ProjectRecord)) -> bool {
        let Some(lock) = self.project_lock(id) else { return false };
        let record = lock.read().unwrap_or_else(PoisonError::into_inner);
        f(&record);
        true
    }

    fn write_project(&self, id: &str, f: &mut dyn FnMut(&mut ProjectRecord) -> Outcome) -> bool {
        let Some(lock) = self.project_lock(id) else { return false };
        let mut record = lock.write().unwrap_or_else(PoisonError::into_inner);
        // Writers change last, so a discarded transaction has changed nothing to undo.
        let _outcome = f(&mut record);
        true
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;
    use crate::mock::wire::ApplicationSettingsResource;

    fn project(id: &str) -> ProjectRecord {
        let app = ApplicationResponse {
            arn: format!("arn:{id}"),
            id: id.to_owned(),
            name: id.to_owned(),
            creation_date: "2026-01-01T00:00:00Z".to_owned(),
            tags: std::collections::BTreeMap::default(),
        };
        ProjectRecord::new(app, ApplicationSettingsResource::default())
    }

    #[test]
    fn a_writer_on_one_project_does_not_block_another() {
        let store = Arc::new(MemoryStore::new());
        assert!(store.create_project(project("a")));
        assert!(store.create_project(project("b")));
        assert!(!store.create_project(project("a")), "ids are unique");
        let (entered, wait) = mpsc::channel();
        let (release, hold) = mpsc::channel::<()>();
        let writer = {
            let store = Arc::clone(&store);
            std::thread::spawn(move || {
                let dyn_store: &dyn Store = store.as_ref();
                dyn_store.write("a", |_record| {
                    entered.send(()).unwrap();
                    hold.recv_timeout(Duration::from_secs(10)).unwrap();
                    Ok::<(), ()>(())
                });
            })
        };
        wait.recv_timeout(Duration::from_secs(10)).unwrap();
        // "a" is locked for writing; "b" and the project list answer at once.
        let dyn_store: &dyn Store = store.as_ref();
        assert_eq!(dyn_store.read("b", |r| r.id().to_owned()).as_deref(), Some("b"));
        assert_eq!(dyn_store.project("a").map(|a| a.id).as_deref(), Some("a"));
        assert_eq!(dyn_store.project_ids(), vec!["a".to_owned(), "b".to_owned()]);
        release.send(()).unwrap();
        writer.join().unwrap();
        assert!(dyn_store.delete_project("a").is_some());
        assert!(dyn_store.read("a", |_| ()).is_none());
    }
}
