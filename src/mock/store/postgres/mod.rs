//! The PostgreSQL backing: several `pinpoint-mock` processes over one database serve one
//! world. Each project is a row of `projects` with a change counter (`seq`); each of its rows
//! is a row of `project_rows` stamped with the counter of the commit that last wrote it (a
//! removed row stays as a tombstone, `body` NULL, so the removal reaches the other processes).
//!
//! **One writer per project across processes.** A write transaction begins by locking the
//! project's row (`SELECT … FOR UPDATE`) and holds it until it commits or is dropped, so two
//! processes never write one project at once, and a tick that finds a campaign due in one
//! process finds it already run in the other (it applies the first one's rows before it
//! looks). Counters are per project and bumped under that lock, so they grow in commit order
//! and a process catching up with `seq > seen` never misses a commit.
//!
//! **Threads.** The sync `postgres` client runs a runtime of its own and panics when called
//! from inside a tokio runtime, which is where the mock's requests run. So every connection
//! lives on a thread of its own (a small pool), and the store talks to them over channels. A
//! write transaction occupies one connection thread from `begin` until it commits or is
//! dropped; the thread always ends it (COMMIT or ROLLBACK) before it takes other work, and
//! drops a connection it could not end cleanly.
//!
//! **Schema.** Created when absent, in one transaction, and versioned in
//! `pinpoint_mock_meta`. A database holding a newer version, or tables of the same names
//! that this program did not create, is refused and left as it is.
//!
//! Files: `pool.rs` the connection threads, `session.rs` a write transaction held across
//! processes, `rows.rs` the prepared statements and row conversions, `schema.rs` creating,
//! checking and migrating the schema, `errors.rs` refusals that name the server.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use ::postgres::config::SslMode;
use ::postgres::error::SqlState;
use ::postgres::{Client, Config};

mod errors;
mod pool;
mod rows;
mod schema;
mod session;

pub use errors::PostgresOpenError;
use errors::{broken, describe, describe_server};
use pool::{Conn, Failure, Live, Pool};
use rows::{Statements, load_from, parse_app, removals_first, row_at, to_u64, upsert};
use schema::open_schema;

use super::StoreError;
use super::account::ACCOUNT_KEY;
use super::backing::{Backing, Begun, StoredProject, Transaction};
use super::tracked::Row;
use crate::mock::wire::ApplicationResponse;

/// The schema version this program writes and reads. Version 2 adds the account's row
/// (`ACCOUNT_KEY` in `projects`, never listed as a project), which holds the account's
/// templates and recommenders; a version-1 database is brought up to it when opened, and a
/// version-1 program refuses a version-2 database instead of listing the account as a
/// project.
pub const SCHEMA_VERSION: i64 = 2;

/// Connection threads per process. A write transaction holds one for its whole length, so
/// this bounds the writes in flight at once (requests beyond wait for a free thread).
const CONNECTIONS: usize = 6;

/// Connect timeout when the URL gives none.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The PostgreSQL backing (see the module docs). Shared: other processes write too.
pub struct PostgresBacking {
    server: Arc<str>,
    pool: Pool,
}

impl fmt::Debug for PostgresBacking {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PostgresBacking").field("server", &self.server).finish_non_exhaustive()
    }
}

/// Opens the database at `url` (`postgres://user:password@host:port/database`), creating the
/// schema when it is absent; refuses a server it cannot reach or log in to, and a database
/// holding a newer schema or tables it did not create. Safe to call from inside a tokio
/// runtime: the connections live on threads of their own.
pub fn connect(url: &str) -> Result<PostgresBacking, PostgresOpenError> {
    PostgresBacking::connect(url)
}

impl PostgresBacking {
    /// See [`connect`].
    pub fn connect(url: &str) -> Result<Self, PostgresOpenError> {
        let mut config =
            Config::from_str(url).map_err(|e| PostgresOpenError::BadUrl(describe(&e)))?;
        let server: Arc<str> = Arc::from(describe_server(&config));
        if config.get_ssl_mode() == SslMode::Require {
            return Err(PostgresOpenError::TlsRequired { server: server.to_string() });
        }
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        if config.get_application_name().is_none() {
            config.application_name("pinpoint-mock");
        }
        let pool = Pool::start(&config, &server, CONNECTIONS)
            .map_err(|reason| PostgresOpenError::Other { server: server.to_string(), reason })?;
        let backing = Self { server, pool };
        backing.open()?;
        Ok(backing)
    }

    /// Connects once and checks (or creates) the schema, on a connection thread.
    fn open(&self) -> Result<(), PostgresOpenError> {
        let (answer, answered) = mpsc::sync_channel(1);
        let server = self.server.to_string();
        let sent = self.pool.send(Box::new(move |conn: &mut Conn| {
            let opened = open_schema(conn);
            let _sent = answer.send(opened);
        }));
        let lost = || PostgresOpenError::Other {
            server: server.clone(),
            reason: "the connection thread ended".to_owned(),
        };
        if !sent {
            return Err(lost());
        }
        answered.recv().unwrap_or_else(|_| Err(lost()))
    }

    /// Runs `f` on a connection thread and waits for its answer. With `retry`, a job that
    /// found its connection broken (`broken`: the server restarted since) runs once more on
    /// a fresh one: only for jobs that change nothing or are safe to repeat.
    fn call<T: Send + 'static>(
        &self,
        retry: bool,
        mut f: impl FnMut(&mut Live) -> Result<T, Failure> + Send + 'static,
    ) -> Result<T, StoreError> {
        let (answer, answered) = mpsc::sync_channel(1);
        let sent = self.pool.send(Box::new(move |conn: &mut Conn| {
            let mut attempts = if retry { 2 } else { 1 };
            let result = loop {
                attempts -= 1;
                let result = conn.live().map_err(Failure::Db).and_then(&mut f);
                match result {
                    Err(Failure::Db(error)) => {
                        conn.after_error(&error);
                        if attempts > 0 && broken(&error) {
                            continue;
                        }
                        break Err(conn.store_error(Failure::Db(error)));
                    }
                    Err(failure) => break Err(conn.store_error(failure)),
                    Ok(value) => break Ok(value),
                }
            };
            let _sent = answer.send(result);
        }));
        if !sent {
            return Err(self.gone());
        }
        answered.recv().unwrap_or_else(|_| Err(self.gone()))
    }

    fn gone(&self) -> StoreError {
        StoreError::Unavailable(format!(
            "PostgreSQL at {}: the connection thread ended",
            self.server
        ))
    }
}

fn prepared(mut client: Client, server: &str) -> Result<Live, PostgresOpenError> {
    let st = Statements::prepare(&mut client).map_err(|e| PostgresOpenError::Other {
        server: server.to_owned(),
        reason: describe(&e),
    })?;
    Ok(Live { client, st })
}

/// Sorts a failed connect into what the user should fix.
fn classify(server: &str, error: &::postgres::Error) -> PostgresOpenError {
    let server = server.to_owned();
    let reason = describe(error);
    match error.code() {
        Some(code)
            if *code == SqlState::INVALID_PASSWORD
                || *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION =>
        {
            PostgresOpenError::AuthFailed { server, reason }
        }
        Some(code) if *code == SqlState::INVALID_CATALOG_NAME => {
            PostgresOpenError::NoDatabase { server, reason }
        }
        Some(_) => PostgresOpenError::Other { server, reason },
        None => PostgresOpenError::Unreachable { server, reason },
    }
}

impl Backing for PostgresBacking {
    fn load(&self) -> Result<Vec<StoredProject>, StoreError> {
        self.call(true, |live| load_from(live, None))
    }

    fn load_account(&self) -> Result<(Vec<Row>, u64), StoreError> {
        let begun = self.begin(ACCOUNT_KEY, 0, false)?.ok_or_else(|| {
            StoreError::Corrupt(format!(
                "PostgreSQL at {}: the account's row is missing",
                self.server
            ))
        })?;
        Ok((begun.rows, begun.seq))
    }

    fn load_project(&self, id: &str) -> Result<Option<StoredProject>, StoreError> {
        let id = id.to_owned();
        self.call(true, move |live| Ok(load_from(live, Some(&id))?.pop()))
    }

    fn projects(&self) -> Result<Vec<ApplicationResponse>, StoreError> {
        self.call(true, |live| {
            let Live { client, st } = live;
            client
                .query(&st.list, &[])?
                .iter()
                .map(|row| parse_app(&row.try_get::<_, String>(0)?))
                .collect()
        })
    }

    fn create_project(
        &self,
        app: &ApplicationResponse,
        rows: Vec<Row>,
    ) -> Result<bool, StoreError> {
        let id = app.id.clone();
        let app = serde_json::to_string(app)
            .map_err(|e| StoreError::Corrupt(format!("a project cannot be stored: {e}")))?;
        let mut rows = Some(rows);
        self.call(false, move |live| {
            let rows = rows.take().unwrap_or_default();
            let Live { client, st } = live;
            let mut tx = client.transaction()?;
            if tx.execute(&st.create, &[&id, &app])? == 0 {
                tx.rollback()?;
                return Ok(false);
            }
            // The rows of a new project carry its first counter, 1, so a process that
            // learns of the project with `seen` 0 reads them.
            upsert(&mut tx, &st.upsert, &id, &rows, 1)?;
            tx.commit()?;
            Ok(true)
        })
    }

    fn delete_project(&self, id: &str) -> Result<bool, StoreError> {
        let id = id.to_owned();
        self.call(false, move |live| {
            let Live { client, st } = live;
            Ok(client.execute(&st.delete, &[&id])? > 0)
        })
    }

    fn update_project(&self, app: &ApplicationResponse) -> Result<bool, StoreError> {
        let id = app.id.clone();
        let app = serde_json::to_string(app)
            .map_err(|e| StoreError::Corrupt(format!("a project cannot be stored: {e}")))?;
        self.call(false, move |live| {
            let Live { client, st } = live;
            Ok(client.execute(&st.update, &[&id, &app])? > 0)
        })
    }

    fn shared(&self) -> bool {
        true
    }

    fn begin(&self, id: &str, seen: u64, write: bool) -> Result<Option<Begun>, StoreError> {
        if write {
            return self.begin_write(id, seen);
        }
        // A read needs no lock: one statement reads the counter and the rows changed since
        // `seen` from one snapshot.
        let id = id.to_owned();
        let seen_at = i64::try_from(seen).unwrap_or(i64::MAX);
        let found = self.call(true, move |live| {
            let Live { client, st } = live;
            let found = client.query(&st.peek, &[&id, &seen_at])?;
            let Some(first) = found.first() else { return Ok(None) };
            let seq = to_u64(first.try_get(0)?, "project counter")?;
            let mut rows = Vec::with_capacity(found.len());
            for row in &found {
                if row.try_get::<_, Option<String>>(1)?.is_some() {
                    rows.push(row_at(row, 1)?);
                }
            }
            Ok(Some((removals_first(rows), seq)))
        })?;
        Ok(found.map(|(rows, seq)| Begun { rows, seq, transaction: Box::new(ReadOnly) }))
    }
}

/// A read: nothing is held, nothing to commit.
struct ReadOnly;

impl Transaction for ReadOnly {
    fn commit(self: Box<Self>, _rows: Vec<Row>) -> Result<u64, StoreError> {
        Err(StoreError::Unavailable(
            "a read transaction cannot store rows (begin it for writing)".to_owned(),
        ))
    }
}
