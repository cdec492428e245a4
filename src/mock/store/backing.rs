//! What a durable store writes to: SQLite (`sqlite`) for one process, PostgreSQL
//! (`postgres`) for several. The memory store keeps every project in memory as the working
//! set (segments evaluate over endpoints in memory) and, with a backing, writes the rows each
//! transaction changed before the transaction answers, so a 2xx means the change is stored.
//!
//! A backing that several processes share (`shared`) also tells each transaction what the
//! others changed since this process last looked (`Begun::rows`), and a write transaction
//! holds the project's lock in the database until it commits, so two processes never write
//! one project at once and a scheduled run happens once across them.

use std::fmt;

use super::StoreError;
use super::records::ProjectRecord;
use super::tracked::Row;
use crate::mock::wire::{ApplicationResponse, ApplicationSettingsResource};

/// One stored project, as loaded.
#[derive(Debug, Clone)]
pub struct StoredProject {
    /// The project resource.
    pub app: ApplicationResponse,
    /// Every row of the project.
    pub rows: Vec<Row>,
    /// The project's change counter when loaded.
    pub seq: u64,
}

impl StoredProject {
    /// The project in memory, built from its rows.
    pub fn into_record(self) -> Result<ProjectRecord, StoreError> {
        let settings = ApplicationSettingsResource {
            application_id: self.app.id.clone(),
            ..ApplicationSettingsResource::default()
        };
        let mut record = ProjectRecord::new(self.app, settings);
        for row in &self.rows {
            record.apply(row)?;
        }
        Ok(record)
    }
}

/// A whole world as a state file holds it: every project, and the account's rows
/// (templates, recommenders).
#[derive(Debug, Clone, Default)]
pub struct World {
    /// Every project in creation order.
    pub projects: Vec<StoredProject>,
    /// Every row of the account (`super::account`).
    pub account: Vec<Row>,
}

/// A transaction begun on one project.
pub struct Begun {
    /// Rows other processes changed since the `seen` counter given to `begin` (empty for a
    /// backing only this process writes).
    pub rows: Vec<Row>,
    /// The project's change counter now.
    pub seq: u64,
    /// The open transaction: commit it or drop it.
    pub transaction: Box<dyn Transaction>,
}

impl fmt::Debug for Begun {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Begun")
            .field("rows", &self.rows.len())
            .field("seq", &self.seq)
            .finish_non_exhaustive()
    }
}

/// An open transaction on one project. Dropping it without `commit` releases the project
/// and stores nothing.
pub trait Transaction: Send {
    /// Stores `rows` (a row without a body removes its key); answers the project's new
    /// change counter once the rows are durable.
    fn commit(self: Box<Self>, rows: Vec<Row>) -> Result<u64, StoreError>;
}

/// A durable place for projects.
pub trait Backing: Send + Sync + fmt::Debug {
    /// Every stored project in creation order.
    fn load(&self) -> Result<Vec<StoredProject>, StoreError>;

    /// Every stored project built in memory, with its change counter. The default builds
    /// them from `load`; a backing may apply each row as it reads it instead, so a large
    /// world never sits in memory twice (rows and records) at start-up.
    fn load_records(&self) -> Result<Vec<(ProjectRecord, u64)>, StoreError> {
        self.load()?
            .into_iter()
            .map(|stored| {
                let seq = stored.seq;
                stored.into_record().map(|record| (record, seq))
            })
            .collect()
    }

    /// The account's rows (`super::account`, stored under `ACCOUNT_KEY`) and its change
    /// counter.
    fn load_account(&self) -> Result<(Vec<Row>, u64), StoreError>;

    /// One stored project (after a failed commit, to drop what was not stored).
    fn load_project(&self, id: &str) -> Result<Option<StoredProject>, StoreError>;

    /// The stored projects' resources in creation order (a shared backing's current list).
    fn projects(&self) -> Result<Vec<ApplicationResponse>, StoreError>;

    /// Stores a new project with its rows; false when a project with its id exists.
    fn create_project(&self, app: &ApplicationResponse, rows: Vec<Row>)
    -> Result<bool, StoreError>;

    /// Removes a project and its rows; false when there was none.
    fn delete_project(&self, id: &str) -> Result<bool, StoreError>;

    /// Replaces a stored project's resource (its tags change); false when there is none.
    fn update_project(&self, app: &ApplicationResponse) -> Result<bool, StoreError>;

    /// True when other processes write to it too.
    fn shared(&self) -> bool;

    /// Begins a transaction on one project (or on the account, under `ACCOUNT_KEY`), `seen` being the change counter this process
    /// has applied; a write transaction (`write`) holds the project until it ends. `None`
    /// when the project is not stored (any more).
    fn begin(&self, id: &str, seen: u64, write: bool) -> Result<Option<Begun>, StoreError>;
}
