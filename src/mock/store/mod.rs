//! The mock's storage seam. The backend keeps every project through the `Store` trait and
//! nothing else, so a durable store (SQLite, PostgreSQL) can replace the in-memory one
//! (`MemoryStore`) without touching the service's rules.
//!
//! The unit of storage and of isolation is the project: every operation of the API but the
//! project list works inside one project, so a store hands out one project at a time, for
//! reading or for writing, and work on one project never waits for another. The project list
//! (create, delete, page, ids) is the only thing shared by all.
//!
//! **The account.** Message templates and recommender configurations belong to the account,
//! not to a project: they live in one `AccountRecord`, read and written in transactions of
//! its own (`read_account`, `write_account`) with the same rules, and kept by the backings
//! beside the projects under a key no project id can take (`account`). A project's transaction
//! must not open the account: code that needs both reads the account first.
//!
//! **Transactions.** One `write_project` call is one transaction on one project: the closure
//! sees the project as it is when the call starts, no other reader or writer of that project
//! sees it half-way, and its changes are kept when it answers `Outcome::Commit`. On
//! `Outcome::Discard` a durable store rolls back; the memory store cannot undo changes made in
//! place, so every writer checks first and changes last (it discards only before its first
//! change). A closure must not do file or network I/O, nor call back into the store: the
//! project stays locked while it runs. Work that needs I/O takes what it needs in one
//! transaction, does its I/O outside, and applies the result in another, checking that what
//! it found is still there (see `backend::job_runs`).

pub mod account;
pub mod backing;
pub mod collection;
pub mod journeys;
pub mod kpi;
pub mod memory;
pub mod otp;
pub mod postgres;
pub mod records;
pub mod sqlite;
pub mod tracked;

use std::fmt;

pub use account::{ACCOUNT_KEY, AccountRecord, StoredTemplate, template_key};
pub use backing::{Backing, StoredProject, Transaction, World};
pub use collection::{Collection, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PageRequest, page_slice};
pub use journeys::{
    Entering, JourneyRun, JourneyRuntime, Metrics, Participant, entrants_key, participant_key,
};
pub use memory::MemoryStore;
pub use records::{
    CampaignRuntime, MAX_STORED_EVENTS, OpenRun, ProjectRecord, ZoneCursor, run_part_key, sends_key,
};
pub use tracked::{Row, RowError};

use crate::mock::wire::ApplicationResponse;

/// Whether a write transaction keeps its changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Keep every change.
    Commit,
    /// Keep none (the request was refused).
    Discard,
}

/// A store that could not do what was asked (a durable store's disk or database).
#[derive(Debug, Clone, thiserror::Error)]
pub enum StoreError {
    /// The database cannot be reached or refused the write (the request may be retried).
    #[error("the mock's database is unavailable: {0}")]
    Unavailable(String),
    /// What is stored cannot be read back.
    #[error("the mock's stored data cannot be read: {0}")]
    Corrupt(String),
}

impl From<RowError> for StoreError {
    fn from(error: RowError) -> Self {
        Self::Corrupt(error.to_string())
    }
}

/// Where the backend keeps projects. Object-safe, so the backend holds a `Box<dyn Store>`;
/// the generic helpers `read` and `write` on `dyn Store` wrap the closure-taking methods.
pub trait Store: Send + Sync + fmt::Debug {
    /// Adds a project; false (and nothing changes) when a project with its id exists.
    fn create_project(&self, record: ProjectRecord) -> Result<bool, StoreError>;

    /// Removes a project and everything under it; the project as it was, or `None` when
    /// there is no such project. A transaction already running on it finishes on the removed
    /// project, and its changes go with it.
    fn delete_project(&self, id: &str) -> Result<Option<ApplicationResponse>, StoreError>;

    /// Replaces the resource of a project (`TagResource` on its ARN changes its tags); false
    /// when there is no such project. Waits for a transaction under way on the project.
    fn update_project(&self, app: ApplicationResponse) -> Result<bool, StoreError>;

    /// The project resource, without opening the project (so it never waits on a writer).
    fn project(&self, id: &str) -> Option<ApplicationResponse>;

    /// One page of projects in creation order, and the token of the next page. Tokens name a
    /// position, so they stay valid across creates and deletes.
    fn list_projects(&self, page: PageRequest) -> (Vec<ApplicationResponse>, Option<String>);

    /// The ids of every project, in creation order (for the engine's tick).
    fn project_ids(&self) -> Vec<String>;

    /// Number of projects.
    fn project_count(&self) -> usize;

    /// Runs `f` on a consistent view of one project (a read transaction); false when there is
    /// no such project (then `f` is not called).
    fn read_project(&self, id: &str, f: &mut dyn FnMut(&ProjectRecord))
    -> Result<bool, StoreError>;

    /// Runs `f` as one write transaction on one project (see the module docs); false when
    /// there is no such project (then `f` is not called). When it answers `Ok`, a durable
    /// store has made the changes durable.
    fn write_project(
        &self,
        id: &str,
        f: &mut dyn FnMut(&mut ProjectRecord) -> Outcome,
    ) -> Result<bool, StoreError>;

    /// Runs `f` on a consistent view of the account's resources (templates, recommenders).
    fn read_account(&self, f: &mut dyn FnMut(&AccountRecord)) -> Result<(), StoreError>;

    /// Runs `f` as one write transaction on the account's resources, with the rules of
    /// `write_project`.
    fn write_account(
        &self,
        f: &mut dyn FnMut(&mut AccountRecord) -> Outcome,
    ) -> Result<(), StoreError>;
}

impl dyn Store {
    /// Reads one project: `f`'s answer, or `None` when there is no such project.
    pub fn read<T>(
        &self,
        id: &str,
        f: impl FnOnce(&ProjectRecord) -> T,
    ) -> Result<Option<T>, StoreError> {
        let mut f = Some(f);
        let mut answer = None;
        self.read_project(id, &mut |record| {
            if let Some(f) = f.take() {
                answer = Some(f(record));
            }
        })?;
        Ok(answer)
    }

    /// Writes one project in one transaction, kept when `f` answers `Ok` and discarded when
    /// it answers `Err`: `f`'s answer, or `None` when there is no such project.
    pub fn write<T, E>(
        &self,
        id: &str,
        f: impl FnOnce(&mut ProjectRecord) -> Result<T, E>,
    ) -> Result<Option<Result<T, E>>, StoreError> {
        let mut f = Some(f);
        let mut answer = None;
        self.write_project(id, &mut |record| {
            let Some(f) = f.take() else { return Outcome::Discard };
            let result = f(record);
            let outcome = if result.is_ok() { Outcome::Commit } else { Outcome::Discard };
            answer = Some(result);
            outcome
        })?;
        Ok(answer)
    }

    /// Reads the account: `f`'s answer.
    pub fn read_acct<T>(&self, f: impl FnOnce(&AccountRecord) -> T) -> Result<T, StoreError> {
        let mut f = Some(f);
        let mut answer = None;
        self.read_account(&mut |record| {
            if let Some(f) = f.take() {
                answer = Some(f(record));
            }
        })?;
        answer.ok_or_else(|| StoreError::Unavailable("the account could not be read".to_owned()))
    }

    /// Writes the account in one transaction, kept when `f` answers `Ok` and discarded when
    /// it answers `Err`: `f`'s answer.
    pub fn write_acct<T, E>(
        &self,
        f: impl FnOnce(&mut AccountRecord) -> Result<T, E>,
    ) -> Result<Result<T, E>, StoreError> {
        let mut f = Some(f);
        let mut answer = None;
        self.write_account(&mut |record| {
            let Some(f) = f.take() else { return Outcome::Discard };
            let result = f(record);
            let outcome = if result.is_ok() { Outcome::Commit } else { Outcome::Discard };
            answer = Some(result);
            outcome
        })?;
        answer.ok_or_else(|| StoreError::Unavailable("the account could not be written".to_owned()))
    }
}
