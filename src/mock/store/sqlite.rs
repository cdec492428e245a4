//! The embedded durable backing: one SQLite file (`pinpoint-mock.sqlite3` in the data dir)
//! that one process holds for as long as it runs.
//!
//! - **Durable on answer.** Each write transaction's rows are committed (WAL journal) before
//!   the store answers, so a request answered 2xx survives `kill -9`. `synchronous=NORMAL`
//!   keeps a commit in the OS's hands without waiting for the disk: what a killed process
//!   committed is kept; only a power cut can lose the last commits.
//! - **One process.** The file is opened in SQLite's exclusive locking mode, so a second
//!   process (a second console, a second `pinpoint-mock`) is refused with a message instead
//!   of corrupting it. A shared server uses PostgreSQL instead.
//! - **Ours or refused.** The file carries an application id and a schema version: a file
//!   that is not SQLite, belongs to another application or was written by a newer
//!   `pinpoint-mock` is refused with a message that names it, and never written to. An older
//!   schema is migrated.
//! - **Private.** A new file is created readable by its owner only.

use std::fs::OpenOptions;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use rusqlite::{Connection, ErrorCode, OptionalExtension, params};

use super::account::ACCOUNT_KEY;
use super::backing::{Backing, Begun, StoredProject, Transaction};
use super::records::ProjectRecord;
use super::tracked::Row;
use super::{MemoryStore, StoreError};
use crate::mock::wire::ApplicationResponse;

/// The database file's name in a data dir.
pub const DATABASE_FILE: &str = "pinpoint-mock.sqlite3";

/// `PRAGMA application_id` of our files: "PPMK".
const APPLICATION_ID: i64 = 0x5050_4D4B;

/// The schema this binary writes. Each step of `MIGRATIONS` brings a file one version up.
pub const SCHEMA_VERSION: i64 = 1;

/// Schema steps: `MIGRATIONS[n]` takes a file from version `n` to `n + 1`.
const MIGRATIONS: [&str; 1] = ["
    CREATE TABLE projects (
        position INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        app TEXT NOT NULL
    );
    CREATE TABLE project_rows (
        project TEXT NOT NULL,
        tbl TEXT NOT NULL,
        key TEXT NOT NULL,
        ord INTEGER NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (project, tbl, key)
    ) WITHOUT ROWID;
"];

/// Why a data dir could not be opened. Each message names the file and says what to do.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// Another process holds the database.
    #[error(
        "{} is in use by another pinpoint-mock or Pinpoint Console; stop that one, or give this \
         one another data folder",
        .path.display()
    )]
    Locked {
        /// The database file.
        path: PathBuf,
    },
    /// The file is not a pinpoint-mock database.
    #[error(
        "{} is not a pinpoint-mock database ({reason}); it was left untouched: move it away or \
         choose another data folder",
        .path.display()
    )]
    Foreign {
        /// The file.
        path: PathBuf,
        /// What it is instead.
        reason: String,
    },
    /// The file was written by a newer pinpoint-mock.
    #[error(
        "{} was written by a newer pinpoint-mock (schema {found}; this one reads up to \
         {SCHEMA_VERSION}); it was left untouched: use the newer version",
        .path.display()
    )]
    Newer {
        /// The file.
        path: PathBuf,
        /// Its schema version.
        found: i64,
    },
    /// The file or folder cannot be read or written, or what it holds cannot be read back.
    #[error(
        "{} cannot be opened ({reason}); it was left untouched: check the folder's permissions, \
         or restore the file from a backup or an export",
        .path.display()
    )]
    Unreadable {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        reason: String,
    },
}

/// A data dir's store, opened.
#[derive(Debug)]
pub struct Opened {
    /// The store, with every project loaded.
    pub store: MemoryStore,
    /// True when the database was created by this call (a new data dir).
    pub created: bool,
    /// The database file.
    pub path: PathBuf,
}

/// Opens the durable store of a data dir: the database, with every project loaded.
pub fn open_store(dir: &Path) -> Result<Opened, OpenError> {
    let backing = SqliteBacking::open(dir)?;
    let path = backing.path().to_owned();
    let created = backing.created;
    let store = MemoryStore::durable(Box::new(backing))
        .map_err(|e| OpenError::Unreadable { path: path.clone(), reason: e.to_string() })?;
    Ok(Opened { store, created, path })
}

/// The SQLite backing.
#[derive(Debug)]
pub struct SqliteBacking {
    inner: Arc<Inner>,
    created: bool,
}

#[derive(Debug)]
struct Inner {
    path: PathBuf,
    connection: Mutex<Connection>,
}

impl Inner {
    fn unavailable(&self, error: &rusqlite::Error) -> StoreError {
        StoreError::Unavailable(format!("{}: {error}", self.path.display()))
    }

    fn connection(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic mid-commit leaves no open transaction behind: rusqlite's `Transaction`
        // rolls back when dropped.
        self.connection.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Once a second, the WAL is copied into the database while the store is open. The thread
/// ends with the store (it holds it weakly); closing the connection checkpoints the rest.
fn checkpoints(inner: &std::sync::Weak<Inner>) {
    loop {
        std::thread::sleep(std::time::Duration::from_secs(1));
        let Some(inner) = inner.upgrade() else { return };
        let connection = inner.connection();
        if let Err(error) = connection.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(())) {
            tracing::warn!(%error, path = %inner.path.display(), "WAL checkpoint failed");
        }
    }
}

fn is_busy(error: &rusqlite::Error) -> bool {
    matches!(error.sqlite_error_code(), Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked))
}

/// Creates an empty file readable and writable by its owner only.
fn create_private(path: &Path) -> std::io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map(drop)
}

impl SqliteBacking {
    /// Opens (or creates) the database in `dir`, creating the folder if needed.
    pub fn open(dir: &Path) -> Result<Self, OpenError> {
        let unreadable = |path: &Path, reason: &dyn std::fmt::Display| OpenError::Unreadable {
            path: path.to_owned(),
            reason: reason.to_string(),
        };
        std::fs::create_dir_all(dir).map_err(|e| unreadable(dir, &e))?;
        let path = dir.join(DATABASE_FILE);
        let mut created = false;
        match std::fs::File::open(&path) {
            Ok(mut file) => {
                let mut header = [0u8; 16];
                let read = file.read(&mut header).map_err(|e| unreadable(&path, &e))?;
                if read > 0 && header[..read] != b"SQLite format 3\0"[..read] {
                    return Err(OpenError::Foreign { path, reason: "not an SQLite file".into() });
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                create_private(&path).map_err(|e| unreadable(&path, &e))?;
                created = true;
            }
            Err(e) => return Err(unreadable(&path, &e)),
        }
        let connection = Connection::open(&path).map_err(|e| unreadable(&path, &e))?;
        let sql = |e: rusqlite::Error| {
            if is_busy(&e) {
                OpenError::Locked { path: path.clone() }
            } else if e.sqlite_error_code() == Some(ErrorCode::NotADatabase) {
                OpenError::Foreign { path: path.clone(), reason: e.to_string() }
            } else {
                OpenError::Unreadable { path: path.clone(), reason: e.to_string() }
            }
        };
        // Fail at once, not after a timeout, when another process holds the file.
        connection.busy_timeout(std::time::Duration::ZERO).map_err(sql)?;
        connection.pragma_update(None, "locking_mode", "EXCLUSIVE").map_err(sql)?;
        // The exclusive lock is taken by the first write and kept until the connection closes.
        // A process that is closing the file lets go within moments: try for a quarter second.
        let deadline = std::time::Instant::now() + std::time::Duration::from_millis(250);
        loop {
            match connection.execute_batch("BEGIN EXCLUSIVE; COMMIT;") {
                Err(e) if is_busy(&e) && std::time::Instant::now() < deadline => {
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                done => break done.map_err(sql)?,
            }
        }
        let application_id: i64 =
            connection.pragma_query_value(None, "application_id", |r| r.get(0)).map_err(sql)?;
        let version: i64 =
            connection.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(sql)?;
        let tables: i64 = connection
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(sql)?;
        let fresh = application_id == 0 && version == 0 && tables == 0;
        if !fresh && application_id != APPLICATION_ID {
            return Err(OpenError::Foreign {
                path,
                reason: format!(
                    "an SQLite database of another application (id {application_id:#x})"
                ),
            });
        }
        if version > SCHEMA_VERSION {
            return Err(OpenError::Newer { path, found: version });
        }
        connection.pragma_update(None, "journal_mode", "WAL").map_err(sql)?;
        connection.pragma_update(None, "synchronous", "NORMAL").map_err(sql)?;
        // Checkpoints (copying the WAL into the database, with the only disk syncs of
        // `synchronous=NORMAL`) run once a second from `checkpoints`, not every 1,000 pages on
        // a request's path; the WAL file is cut back to 64 MiB after each.
        connection.pragma_update(None, "wal_autocheckpoint", 0).map_err(sql)?;
        connection.pragma_update(None, "journal_size_limit", 64 * 1024 * 1024).map_err(sql)?;
        let start = usize::try_from(version).unwrap_or(0);
        for (step, migration) in MIGRATIONS.iter().enumerate().skip(start) {
            let to = step as i64 + 1;
            connection
                .execute_batch(&format!(
                    "BEGIN; {migration}; PRAGMA application_id = {APPLICATION_ID}; \
                     PRAGMA user_version = {to}; COMMIT;"
                ))
                .map_err(sql)?;
        }
        let inner = Arc::new(Inner { path, connection: Mutex::new(connection) });
        let weak = Arc::downgrade(&inner);
        std::thread::Builder::new()
            .name("sqlite-checkpoint".to_owned())
            .spawn(move || checkpoints(&weak))
            .map_err(|e| OpenError::Unreadable {
                path: inner.path.clone(),
                reason: e.to_string(),
            })?;
        Ok(Self { inner, created })
    }

    /// The database file.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    fn rows_of(connection: &Connection, id: &str) -> rusqlite::Result<Vec<Row>> {
        let mut statement = connection
            .prepare_cached("SELECT tbl, key, ord, body FROM project_rows WHERE project = ?1")?;
        let rows = statement.query_map([id], |r| {
            Ok(Row {
                table: r.get(0)?,
                key: r.get(1)?,
                ord: r.get::<_, i64>(2)? as u64,
                body: Some(r.get(3)?),
            })
        })?;
        rows.collect()
    }

    fn apps(connection: &Connection) -> rusqlite::Result<Vec<String>> {
        let mut statement =
            connection.prepare_cached("SELECT app FROM projects ORDER BY position")?;
        let apps = statement.query_map([], |r| r.get(0))?;
        apps.collect()
    }

    /// A text column of a stored row.
    fn text<'a>(&self, value: rusqlite::types::ValueRef<'a>) -> Result<&'a str, StoreError> {
        value
            .as_str()
            .map_err(|e| StoreError::Corrupt(format!("{}: {e}", self.inner.path.display())))
    }

    fn parse_app(&self, text: &str) -> Result<ApplicationResponse, StoreError> {
        serde_json::from_str(text).map_err(|e| {
            StoreError::Corrupt(format!(
                "{}: a project cannot be read: {e}",
                self.inner.path.display()
            ))
        })
    }
}

impl Backing for SqliteBacking {
    fn load(&self) -> Result<Vec<StoredProject>, StoreError> {
        let connection = self.inner.connection();
        let apps = Self::apps(&connection).map_err(|e| self.inner.unavailable(&e))?;
        apps.iter()
            .map(|text| {
                let app = self.parse_app(text)?;
                let rows =
                    Self::rows_of(&connection, &app.id).map_err(|e| self.inner.unavailable(&e))?;
                Ok(StoredProject { app, rows, seq: 0 })
            })
            .collect()
    }

    fn load_records(&self) -> Result<Vec<(ProjectRecord, u64)>, StoreError> {
        let connection = self.inner.connection();
        let apps = Self::apps(&connection).map_err(|e| self.inner.unavailable(&e))?;
        let mut records = Vec::with_capacity(apps.len());
        for text in &apps {
            let app = self.parse_app(text)?;
            let id = app.id.clone();
            // Each row is applied as SQLite reads it: the rows of a million endpoints never
            // sit in memory beside the endpoints built from them.
            let mut record = StoredProject { app, rows: Vec::new(), seq: 0 }.into_record()?;
            let mut statement = connection
                .prepare_cached("SELECT tbl, key, ord, body FROM project_rows WHERE project = ?1")
                .map_err(|e| self.inner.unavailable(&e))?;
            let mut rows = statement.query([&id]).map_err(|e| self.inner.unavailable(&e))?;
            // One row buffer, its strings reused: a million rows, no allocation each.
            let mut buffer =
                Row { table: String::new(), key: String::new(), ord: 0, body: Some(String::new()) };
            while let Some(row) = rows.next().map_err(|e| self.inner.unavailable(&e))? {
                let column = |i: usize| row.get_ref(i).map_err(|e| self.inner.unavailable(&e));
                buffer.table.clear();
                buffer.table.push_str(self.text(column(0)?)?);
                buffer.key.clear();
                buffer.key.push_str(self.text(column(1)?)?);
                buffer.ord = row.get::<_, i64>(2).map_err(|e| self.inner.unavailable(&e))? as u64;
                let body = buffer.body.get_or_insert_with(String::new);
                body.clear();
                body.push_str(self.text(column(3)?)?);
                record.apply(&buffer)?;
            }
            records.push((record, 0));
        }
        Ok(records)
    }

    fn load_account(&self) -> Result<(Vec<Row>, u64), StoreError> {
        // The account's rows sit in `project_rows` under a key no project takes, without a
        // row in `projects`: they never show in the project list.
        let connection = self.inner.connection();
        let rows =
            Self::rows_of(&connection, ACCOUNT_KEY).map_err(|e| self.inner.unavailable(&e))?;
        Ok((rows, 0))
    }

    fn load_project(&self, id: &str) -> Result<Option<StoredProject>, StoreError> {
        let connection = self.inner.connection();
        let app: Option<String> = connection
            .query_row("SELECT app FROM projects WHERE id = ?1", [id], |r| r.get(0))
            .optional()
            .map_err(|e| self.inner.unavailable(&e))?;
        let Some(app) = app else { return Ok(None) };
        let app = self.parse_app(&app)?;
        let rows = Self::rows_of(&connection, id).map_err(|e| self.inner.unavailable(&e))?;
        Ok(Some(StoredProject { app, rows, seq: 0 }))
    }

    fn projects(&self) -> Result<Vec<ApplicationResponse>, StoreError> {
        let connection = self.inner.connection();
        let apps = Self::apps(&connection).map_err(|e| self.inner.unavailable(&e))?;
        apps.iter().map(|text| self.parse_app(text)).collect()
    }

    fn create_project(
        &self,
        app: &ApplicationResponse,
        rows: Vec<Row>,
    ) -> Result<bool, StoreError> {
        let text = serde_json::to_string(app)
            .map_err(|e| StoreError::Corrupt(format!("a project cannot be written: {e}")))?;
        let mut connection = self.inner.connection();
        let unavailable = |e: rusqlite::Error| self.inner.unavailable(&e);
        let transaction = connection.transaction().map_err(unavailable)?;
        let inserted = transaction
            .execute(
                "INSERT OR IGNORE INTO projects (id, app) VALUES (?1, ?2)",
                params![app.id, text],
            )
            .map_err(unavailable)?;
        if inserted == 0 {
            return Ok(false);
        }
        write_rows(&transaction, &app.id, &rows).map_err(unavailable)?;
        transaction.commit().map_err(unavailable)?;
        Ok(true)
    }

    fn delete_project(&self, id: &str) -> Result<bool, StoreError> {
        let mut connection = self.inner.connection();
        let unavailable = |e: rusqlite::Error| self.inner.unavailable(&e);
        let transaction = connection.transaction().map_err(unavailable)?;
        let deleted =
            transaction.execute("DELETE FROM projects WHERE id = ?1", [id]).map_err(unavailable)?;
        transaction
            .execute("DELETE FROM project_rows WHERE project = ?1", [id])
            .map_err(unavailable)?;
        transaction.commit().map_err(unavailable)?;
        Ok(deleted > 0)
    }

    fn update_project(&self, app: &ApplicationResponse) -> Result<bool, StoreError> {
        let text = serde_json::to_string(app)
            .map_err(|e| StoreError::Corrupt(format!("a project cannot be written: {e}")))?;
        let connection = self.inner.connection();
        let updated = connection
            .execute("UPDATE projects SET app = ?2 WHERE id = ?1", params![app.id, text])
            .map_err(|e| self.inner.unavailable(&e))?;
        Ok(updated > 0)
    }

    fn shared(&self) -> bool {
        false
    }

    fn begin(&self, id: &str, _seen: u64, _write: bool) -> Result<Option<Begun>, StoreError> {
        // One process writes this file, and the memory store serializes writers of a
        // project: nothing to catch up on, nothing to lock here.
        let transaction =
            SqliteTransaction { inner: Arc::clone(&self.inner), project: id.to_owned() };
        Ok(Some(Begun { rows: Vec::new(), seq: 0, transaction: Box::new(transaction) }))
    }
}

/// Upserts and deletes rows of one project inside an open transaction.
fn write_rows(
    transaction: &rusqlite::Transaction<'_>,
    project: &str,
    rows: &[Row],
) -> rusqlite::Result<()> {
    let mut upsert = transaction.prepare_cached(
        "INSERT INTO project_rows (project, tbl, key, ord, body) VALUES (?1, ?2, ?3, ?4, ?5) \
         ON CONFLICT (project, tbl, key) DO UPDATE SET ord = excluded.ord, body = excluded.body",
    )?;
    let mut delete = transaction
        .prepare_cached("DELETE FROM project_rows WHERE project = ?1 AND tbl = ?2 AND key = ?3")?;
    for row in rows {
        match &row.body {
            Some(body) => {
                upsert.execute(params![project, row.table, row.key, row.ord as i64, body])?;
            }
            None => {
                delete.execute(params![project, row.table, row.key])?;
            }
        }
    }
    Ok(())
}

struct SqliteTransaction {
    inner: Arc<Inner>,
    project: String,
}

impl Transaction for SqliteTransaction {
    fn commit(self: Box<Self>, rows: Vec<Row>) -> Result<u64, StoreError> {
        let mut connection = self.inner.connection();
        let unavailable = |e: rusqlite::Error| self.inner.unavailable(&e);
        let transaction = connection.transaction().map_err(unavailable)?;
        // The memory store lets a project be deleted only once its transactions are done, so
        // the project is still stored here.
        write_rows(&transaction, &self.project, &rows).map_err(unavailable)?;
        transaction.commit().map_err(unavailable)?;
        Ok(0)
    }
}
