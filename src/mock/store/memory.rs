//! The memory store: every project in memory, an index of projects behind a short-lived
//! lock, and one lock per project. The index lock is held only to find, add or remove a
//! project (never while a project is read or written), so a long write on one project does
//! not hold up a request on another.
//!
//! With a `Backing` it is the durable store too: each write transaction's changed rows are
//! stored before it answers, and projects are loaded from the backing when it opens. With a
//! shared backing (several processes), each transaction first applies what the others
//! changed, and the project list is read from the backing.

use std::sync::{Arc, PoisonError, RwLock};

use super::account::{ACCOUNT_KEY, AccountRecord};
use super::backing::{Backing, StoredProject};
use super::collection::{Collection, PageRequest};
use super::records::ProjectRecord;
use super::{Outcome, Store, StoreError};
use crate::mock::wire::{ApplicationResponse, ApplicationSettingsResource};

/// One project in memory and the backing's change counter it reflects.
#[derive(Debug)]
struct Cached {
    record: ProjectRecord,
    seen: u64,
}

/// One project in the index: its resource (immutable after creation, so listing and GetApp
/// never open the project) and the project itself behind its own lock.
#[derive(Debug)]
struct Entry {
    app: ApplicationResponse,
    cached: Arc<RwLock<Cached>>,
}

impl Entry {
    fn new(record: ProjectRecord, seen: u64) -> Self {
        Self { app: record.app.clone(), cached: Arc::new(RwLock::new(Cached { record, seen })) }
    }
}

/// The account in memory and the backing's change counter it reflects.
#[derive(Debug, Default)]
struct CachedAccount {
    record: AccountRecord,
    seen: u64,
}

/// Projects in memory: lost when the process ends, or kept by a backing.
#[derive(Debug, Default)]
pub struct MemoryStore {
    index: RwLock<Collection<Entry>>,
    /// The account's resources, under a lock of their own (never in the project index).
    account: RwLock<CachedAccount>,
    backing: Option<Box<dyn Backing>>,
}

impl MemoryStore {
    /// An empty store, kept in memory only.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// A store kept by `backing`, with every project it holds loaded.
    pub fn durable(backing: Box<dyn Backing>) -> Result<Self, StoreError> {
        let mut index = Collection::default();
        for (record, seq) in backing.load_records()? {
            let id = record.app.id.clone();
            index.insert(&id, Entry::new(record, seq));
        }
        index.forget_changes();
        let (rows, seen) = backing.load_account()?;
        let record = AccountRecord::from_rows(&rows)?;
        Ok(Self {
            index: RwLock::new(index),
            account: RwLock::new(CachedAccount { record, seen }),
            backing: Some(backing),
        })
    }

    fn shared(&self) -> Option<&dyn Backing> {
        self.backing.as_deref().filter(|b| b.shared())
    }

    /// With a shared backing, brings the project list up to what the backing holds (projects
    /// other processes created or deleted). A backing that cannot answer leaves the list as
    /// it was.
    fn refresh_index(&self) {
        let Some(backing) = self.shared() else { return };
        let projects = match backing.projects() {
            Ok(projects) => projects,
            Err(error) => {
                tracing::warn!(%error, "could not read the project list; answering from memory");
                return;
            }
        };
        let mut index = self.index.write().unwrap_or_else(PoisonError::into_inner);
        // A project deleted and created again with the same id (the demo's fixed ids) is
        // another project: its creation date differs, and the stale copy goes.
        let gone: Vec<String> = index
            .iter()
            .filter(|e| !projects.iter().any(|p| p == &e.app))
            .map(|e| e.app.id.clone())
            .collect();
        for id in gone {
            index.remove(&id);
        }
        for app in projects {
            if index.get(&app.id).is_none() {
                let settings = ApplicationSettingsResource {
                    application_id: app.id.clone(),
                    ..ApplicationSettingsResource::default()
                };
                let id = app.id.clone();
                // Its rows arrive with the first transaction (seen 0).
                index.insert(&id, Entry::new(ProjectRecord::new(app, settings), 0));
            }
        }
        index.forget_changes();
    }

    /// The project's lock, taken out of the index so the index lock is released at once.
    fn project_lock(&self, id: &str) -> Option<Arc<RwLock<Cached>>> {
        let found = {
            // A panic while holding a lock cannot leave a project half-written: writers check
            // first and change last (see the module docs of `store`).
            let index = self.index.read().unwrap_or_else(PoisonError::into_inner);
            index.get(id).map(|entry| Arc::clone(&entry.cached))
        };
        if found.is_some() || self.shared().is_none() {
            return found;
        }
        self.refresh_index();
        let index = self.index.read().unwrap_or_else(PoisonError::into_inner);
        index.get(id).map(|entry| Arc::clone(&entry.cached))
    }

    /// After a failed commit: the project as the backing holds it, so memory does not keep
    /// what was not stored.
    fn reload(&self, cached: &mut Cached) {
        let Some(backing) = &self.backing else { return };
        match backing
            .load_project(cached.record.id())
            .and_then(|p| p.map(StoredProject::into_record).transpose())
        {
            Ok(Some(record)) => {
                cached.record = record;
            }
            Ok(None) => {}
            Err(error) => {
                tracing::error!(%error, project = cached.record.id(), "could not reload a project after a failed write");
            }
        }
    }
}

impl MemoryStore {
    /// After a failed commit on the account: the account as the backing holds it.
    fn reload_account(&self, cached: &mut CachedAccount) {
        let Some(backing) = &self.backing else { return };
        match backing.load_account().and_then(|(rows, seq)| {
            AccountRecord::from_rows(&rows).map(|r| (r, seq)).map_err(StoreError::from)
        }) {
            Ok((record, seq)) => {
                cached.record = record;
                cached.seen = seq;
            }
            Err(error) => {
                tracing::error!(%error, "could not reload the account after a failed write");
            }
        }
    }
}

/// The account's transaction could not begin: its row is missing from a shared database.
fn account_missing() -> StoreError {
    StoreError::Corrupt(format!("the account's row ({ACCOUNT_KEY}) is missing from the database"))
}

impl Store for MemoryStore {
    fn create_project(&self, mut record: ProjectRecord) -> Result<bool, StoreError> {
        let mut index = self.index.write().unwrap_or_else(PoisonError::into_inner);
        let id = record.app.id.clone();
        if index.get(&id).is_some() {
            return Ok(false);
        }
        record.forget_changes();
        if let Some(backing) = &self.backing
            && !backing.create_project(&record.app, record.rows())?
        {
            return Ok(false);
        }
        index.insert(&id, Entry::new(record, 0));
        index.forget_changes();
        Ok(true)
    }

    fn delete_project(&self, id: &str) -> Result<Option<ApplicationResponse>, StoreError> {
        self.refresh_index();
        let mut index = self.index.write().unwrap_or_else(PoisonError::into_inner);
        let Some((app, cached)) =
            index.get(id).map(|entry| (entry.app.clone(), Arc::clone(&entry.cached)))
        else {
            return Ok(None);
        };
        // No transaction can start on it now (the index is held), and one under way ends
        // before the project's rows go: nothing is stored for a deleted project afterwards.
        let _quiet = cached.write().unwrap_or_else(PoisonError::into_inner);
        if let Some(backing) = &self.backing
            && !backing.delete_project(id)?
        {
            // Another process deleted it first.
            index.remove(id);
            return Ok(None);
        }
        index.remove(id);
        index.forget_changes();
        Ok(Some(app))
    }

    fn update_project(&self, app: ApplicationResponse) -> Result<bool, StoreError> {
        self.refresh_index();
        let mut index = self.index.write().unwrap_or_else(PoisonError::into_inner);
        let Some(entry) = index.get_mut(&app.id) else { return Ok(false) };
        let mut cached = entry.cached.write().unwrap_or_else(PoisonError::into_inner);
        if let Some(backing) = &self.backing
            && !backing.update_project(&app)?
        {
            return Ok(false);
        }
        // Another process sees the changed resource in its project list and reloads the
        // project (`refresh_index`).
        cached.record.app = app.clone();
        drop(cached);
        entry.app = app;
        index.forget_changes();
        Ok(true)
    }

    fn project(&self, id: &str) -> Option<ApplicationResponse> {
        self.refresh_index();
        let index = self.index.read().unwrap_or_else(PoisonError::into_inner);
        index.get(id).map(|entry| entry.app.clone())
    }

    fn list_projects(&self, page: PageRequest) -> (Vec<ApplicationResponse>, Option<String>) {
        self.refresh_index();
        let index = self.index.read().unwrap_or_else(PoisonError::into_inner);
        let (items, next) = index.page(page);
        (items.into_iter().map(|entry| entry.app.clone()).collect(), next)
    }

    fn project_ids(&self) -> Vec<String> {
        self.refresh_index();
        let index = self.index.read().unwrap_or_else(PoisonError::into_inner);
        index.iter().map(|entry| entry.app.id.clone()).collect()
    }

    fn project_count(&self) -> usize {
        self.refresh_index();
        self.index.read().unwrap_or_else(PoisonError::into_inner).len()
    }

    fn read_project(
        &self,
        id: &str,
        f: &mut dyn FnMut(&ProjectRecord),
    ) -> Result<bool, StoreError> {
        let Some(lock) = self.project_lock(id) else { return Ok(false) };
        if let Some(backing) = self.shared() {
            // Apply what other processes changed, then read.
            let mut cached = lock.write().unwrap_or_else(PoisonError::into_inner);
            let Some(begun) = backing.begin(id, cached.seen, false)? else { return Ok(false) };
            for row in &begun.rows {
                cached.record.apply(row)?;
            }
            cached.seen = begun.seq;
            drop(begun.transaction);
            f(&cached.record);
            return Ok(true);
        }
        let cached = lock.read().unwrap_or_else(PoisonError::into_inner);
        f(&cached.record);
        Ok(true)
    }

    fn write_project(
        &self,
        id: &str,
        f: &mut dyn FnMut(&mut ProjectRecord) -> Outcome,
    ) -> Result<bool, StoreError> {
        let Some(lock) = self.project_lock(id) else { return Ok(false) };
        let mut cached = lock.write().unwrap_or_else(PoisonError::into_inner);
        let Some(backing) = &self.backing else {
            // Writers change last, so a discarded transaction has changed nothing to undo.
            let _outcome = f(&mut cached.record);
            cached.record.forget_changes();
            return Ok(true);
        };
        let Some(begun) = backing.begin(id, cached.seen, true)? else { return Ok(false) };
        for row in &begun.rows {
            cached.record.apply(row)?;
        }
        cached.seen = begun.seq;
        let outcome = f(&mut cached.record);
        let rows = cached.record.drain_changes();
        if outcome == Outcome::Discard || rows.is_empty() {
            // Dropping the transaction releases the project; nothing was changed.
            return Ok(true);
        }
        match begun.transaction.commit(rows) {
            Ok(seq) => {
                cached.seen = seq;
                Ok(true)
            }
            Err(error) => {
                self.reload(&mut cached);
                Err(error)
            }
        }
    }

    fn read_account(&self, f: &mut dyn FnMut(&AccountRecord)) -> Result<(), StoreError> {
        if let Some(backing) = self.shared() {
            // Apply what other processes changed, then read.
            let mut cached = self.account.write().unwrap_or_else(PoisonError::into_inner);
            let Some(begun) = backing.begin(ACCOUNT_KEY, cached.seen, false)? else {
                return Err(account_missing());
            };
            for row in &begun.rows {
                cached.record.apply(row)?;
            }
            cached.seen = begun.seq;
            drop(begun.transaction);
            f(&cached.record);
            return Ok(());
        }
        let cached = self.account.read().unwrap_or_else(PoisonError::into_inner);
        f(&cached.record);
        Ok(())
    }

    fn write_account(
        &self,
        f: &mut dyn FnMut(&mut AccountRecord) -> Outcome,
    ) -> Result<(), StoreError> {
        let mut cached = self.account.write().unwrap_or_else(PoisonError::into_inner);
        let Some(backing) = &self.backing else {
            // Writers change last, so a discarded transaction has changed nothing to undo.
            let _outcome = f(&mut cached.record);
            cached.record.forget_changes();
            return Ok(());
        };
        let Some(begun) = backing.begin(ACCOUNT_KEY, cached.seen, true)? else {
            return Err(account_missing());
        };
        for row in &begun.rows {
            cached.record.apply(row)?;
        }
        cached.seen = begun.seq;
        let outcome = f(&mut cached.record);
        let rows = cached.record.drain_changes();
        if outcome == Outcome::Discard || rows.is_empty() {
            return Ok(());
        }
        match begun.transaction.commit(rows) {
            Ok(seq) => {
                cached.seen = seq;
                Ok(())
            }
            Err(error) => {
                self.reload_account(&mut cached);
                Err(error)
            }
        }
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
        assert!(store.create_project(project("a")).unwrap());
        assert!(store.create_project(project("b")).unwrap());
        assert!(!store.create_project(project("a")).unwrap(), "ids are unique");
        let (entered, wait) = mpsc::channel();
        let (release, hold) = mpsc::channel::<()>();
        let writer = {
            let store = Arc::clone(&store);
            std::thread::spawn(move || {
                let dyn_store: &dyn Store = store.as_ref();
                dyn_store
                    .write("a", |_record| {
                        entered.send(()).unwrap();
                        hold.recv_timeout(Duration::from_secs(10)).unwrap();
                        Ok::<(), ()>(())
                    })
                    .unwrap();
            })
        };
        wait.recv_timeout(Duration::from_secs(10)).unwrap();
        // "a" is locked for writing; "b" and the project list answer at once.
        let dyn_store: &dyn Store = store.as_ref();
        assert_eq!(dyn_store.read("b", |r| r.id().to_owned()).unwrap().as_deref(), Some("b"));
        assert_eq!(dyn_store.project("a").map(|a| a.id).as_deref(), Some("a"));
        assert_eq!(dyn_store.project_ids(), vec!["a".to_owned(), "b".to_owned()]);
        release.send(()).unwrap();
        writer.join().unwrap();
        assert!(dyn_store.delete_project("a").unwrap().is_some());
        assert!(dyn_store.read("a", |_| ()).unwrap().is_none());
    }
}
