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

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::time::Duration;

use ::postgres::config::SslMode;
use ::postgres::error::SqlState;
use ::postgres::{Client, Config, IsolationLevel, Statement};

mod errors;
mod pool;
mod schema;

pub use errors::PostgresOpenError;
use errors::{broken, describe, describe_server};
use pool::{Conn, Failure, Live, Pool};
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

/// Rows per statement when a commit stores many (a campaign run can store tens of
/// thousands): each chunk is one `INSERT … SELECT FROM unnest(…)` inside the transaction.
const ROWS_PER_STATEMENT: usize = 5_000;

/// Connect timeout when the URL gives none.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The statements every connection prepares once.
struct Statements {
    lock: Statement,
    since: Statement,
    peek: Statement,
    bump: Statement,
    upsert: Statement,
    create: Statement,
    delete: Statement,
    update: Statement,
    list: Statement,
    all_projects: Statement,
    all_rows: Statement,
    one_project: Statement,
    one_rows: Statement,
}

const UPSERT: &str = "INSERT INTO project_rows (project, tbl, key, ord, body, seq) \
     SELECT $1, t, k, o, b, $6 FROM unnest($2::text[], $3::text[], $4::int8[], $5::text[]) AS u(t, k, o, b) \
     ON CONFLICT (project, tbl, key) DO UPDATE SET ord = excluded.ord, body = excluded.body, seq = excluded.seq";

impl Statements {
    fn prepare(client: &mut Client) -> Result<Self, ::postgres::Error> {
        Ok(Self {
            lock: client.prepare("SELECT seq FROM projects WHERE id = $1 FOR UPDATE")?,
            since: client.prepare(
                "SELECT tbl, key, ord, body FROM project_rows WHERE project = $1 AND seq > $2",
            )?,
            // One statement, so the counter and the rows come from one snapshot.
            peek: client.prepare(
                "SELECT p.seq, r.tbl, r.key, r.ord, r.body FROM projects p \
                 LEFT JOIN project_rows r ON r.project = p.id AND r.seq > $2 WHERE p.id = $1",
            )?,
            bump: client.prepare("UPDATE projects SET seq = seq + 1 WHERE id = $1 RETURNING seq")?,
            upsert: client.prepare(UPSERT)?,
            create: client.prepare(
                "INSERT INTO projects (id, app, seq) VALUES ($1, $2, 1) ON CONFLICT (id) DO NOTHING",
            )?,
            delete: client.prepare("DELETE FROM projects WHERE id = $1")?,
            update: client.prepare("UPDATE projects SET app = $2 WHERE id = $1")?,
            list: client.prepare(&format!(
                "SELECT app FROM projects WHERE id <> '{ACCOUNT_KEY}' ORDER BY position"
            ))?,
            all_projects: client.prepare(&format!(
                "SELECT id, app, seq FROM projects WHERE id <> '{ACCOUNT_KEY}' ORDER BY position"
            ))?,
            all_rows: client.prepare(
                "SELECT project, tbl, key, ord, body FROM project_rows WHERE body IS NOT NULL",
            )?,
            one_project: client.prepare("SELECT id, app, seq FROM projects WHERE id = $1")?,
            one_rows: client.prepare(
                "SELECT project, tbl, key, ord, body FROM project_rows \
                 WHERE project = $1 AND body IS NOT NULL",
            )?,
        })
    }
}

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

fn to_i64(value: u64, what: &str) -> Result<i64, Failure> {
    i64::try_from(value).map_err(|_| Failure::Data(format!("{what} {value} is too large to store")))
}

fn to_u64(value: i64, what: &str) -> Result<u64, Failure> {
    u64::try_from(value).map_err(|_| Failure::Data(format!("stored {what} {value} is negative")))
}

fn parse_app(text: &str) -> Result<ApplicationResponse, Failure> {
    serde_json::from_str(text)
        .map_err(|e| Failure::Data(format!("a stored project cannot be read: {e}")))
}

/// A stored row from a `(tbl, key, ord, body)` tail starting at column `at`.
fn row_at(row: &::postgres::Row, at: usize) -> Result<Row, Failure> {
    Ok(Row {
        table: row.try_get(at)?,
        key: row.try_get(at + 1)?,
        ord: to_u64(row.try_get(at + 2)?, "row order")?,
        body: row.try_get(at + 3)?,
    })
}

/// Removals first: a collection row may take the position a removed one had, and applying
/// the removal after it would take the new row out with it.
fn removals_first(mut rows: Vec<Row>) -> Vec<Row> {
    rows.sort_by_key(|row| row.body.is_some());
    rows
}

/// Stores `rows` under the counter `seq`, a chunk of rows per statement.
fn upsert(
    tx: &mut ::postgres::Transaction<'_>,
    statement: &Statement,
    id: &str,
    rows: &[Row],
    seq: i64,
) -> Result<(), Failure> {
    // A key written twice in one commit would fail the upsert; the last write wins.
    let mut last: HashMap<(&str, &str), usize> = HashMap::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        last.insert((&row.table, &row.key), i);
    }
    let mut kept: Vec<usize> = last.into_values().collect();
    kept.sort_unstable();
    for chunk in kept.chunks(ROWS_PER_STATEMENT) {
        let mut tables = Vec::with_capacity(chunk.len());
        let mut keys = Vec::with_capacity(chunk.len());
        let mut ords = Vec::with_capacity(chunk.len());
        let mut bodies = Vec::with_capacity(chunk.len());
        for &i in chunk {
            let row = &rows[i];
            tables.push(row.table.as_str());
            keys.push(row.key.as_str());
            ords.push(to_i64(row.ord, "row order")?);
            bodies.push(row.body.as_deref());
        }
        tx.execute(statement, &[&id, &tables, &keys, &ords, &bodies, &seq])?;
    }
    Ok(())
}

/// Projects and their live rows, read in one snapshot.
fn load_from(live: &mut Live, id: Option<&str>) -> Result<Vec<StoredProject>, Failure> {
    let Live { client, st } = live;
    let mut tx = client
        .build_transaction()
        .isolation_level(IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()?;
    let (projects, rows) = match id {
        Some(id) => (tx.query(&st.one_project, &[&id])?, tx.query(&st.one_rows, &[&id])?),
        None => (tx.query(&st.all_projects, &[])?, tx.query(&st.all_rows, &[])?),
    };
    tx.commit()?;
    let mut by_project: HashMap<String, Vec<Row>> = HashMap::new();
    for row in &rows {
        let project: String = row.try_get(0)?;
        by_project.entry(project).or_default().push(row_at(row, 1)?);
    }
    projects
        .iter()
        .map(|row| {
            let id: String = row.try_get(0)?;
            let app = parse_app(&row.try_get::<_, String>(1)?)?;
            let seq = to_u64(row.try_get(2)?, "project counter")?;
            let rows = by_project.remove(&id).unwrap_or_default();
            Ok(StoredProject { app, rows, seq })
        })
        .collect()
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

/// What a write session's thread answers when it has begun.
type BegunRows = Result<Option<(Vec<Row>, u64)>, StoreError>;

impl PostgresBacking {
    /// Opens a write session: a connection thread begins a transaction, locks the project's
    /// row, answers the rows changed since `seen`, and waits for the rows to commit (or for
    /// the transaction to be dropped, then it rolls back).
    fn begin_write(&self, id: &str, seen: u64) -> Result<Option<Begun>, StoreError> {
        let (begun_tx, begun_rx) = mpsc::sync_channel::<BegunRows>(1);
        let (commit_tx, commit_rx) = mpsc::sync_channel::<Vec<Row>>(1);
        let (done_tx, done_rx) = mpsc::sync_channel::<Result<u64, StoreError>>(1);
        let id = id.to_owned();
        let seen_at = i64::try_from(seen).unwrap_or(i64::MAX);
        let sent = self.pool.send(Box::new(move |conn: &mut Conn| {
            session(conn, &id, seen_at, &begun_tx, &commit_rx, &done_tx);
        }));
        if !sent {
            return Err(self.gone());
        }
        let Ok(begun) = begun_rx.recv() else { return Err(self.gone()) };
        let Some((rows, seq)) = begun? else { return Ok(None) };
        let transaction = Box::new(WriteSession {
            commit: Some(commit_tx),
            done: done_rx,
            server: Arc::clone(&self.server),
        });
        Ok(Some(Begun { rows, seq, transaction }))
    }
}

/// The connection thread's side of a write transaction (see `begin_write`). The transaction
/// is always over when this returns: committed, or rolled back (explicitly, or by dropping
/// the postgres transaction, which rolls back); a connection that failed on the way is closed
/// rather than trusted with the next job.
fn session(
    conn: &mut Conn,
    id: &str,
    seen: i64,
    begun: &SyncSender<BegunRows>,
    commit: &Receiver<Vec<Row>>,
    done: &SyncSender<Result<u64, StoreError>>,
) {
    let mut retried = false;
    let outcome = loop {
        match run_session(conn, id, seen, begun, commit) {
            // Beginning is safe to repeat: a connection found broken (the server restarted
            // since it was opened) is opened again, once.
            Err(Stopped { failure: Failure::Db(error), begun: false })
                if broken(&error) && !retried =>
            {
                conn.live = None;
                retried = true;
            }
            outcome => break outcome,
        }
    };
    match outcome {
        Ok(Some(seq)) => {
            let _sent = done.send(Ok(seq));
        }
        // Rolled back, or no such project: dropping `done` tells whoever waits.
        Ok(None) => {}
        Err(Stopped { failure, begun: told }) => {
            if let Failure::Db(_) = &failure {
                conn.live = None;
            }
            let error = conn.store_error(failure);
            if told {
                let _sent = done.send(Err(error));
            } else {
                let _sent = begun.send(Err(error));
            }
        }
    }
}

/// A write session that failed, and whether the beginner had been answered.
struct Stopped {
    failure: Failure,
    begun: bool,
}

/// One attempt at a write session: `Some(seq)` when it committed, `None` when it rolled back
/// (the transaction was dropped) or the project is gone.
fn run_session(
    conn: &mut Conn,
    id: &str,
    seen: i64,
    begun: &SyncSender<BegunRows>,
    commit: &Receiver<Vec<Row>>,
) -> Result<Option<u64>, Stopped> {
    let before = |failure: Failure| Stopped { failure, begun: false };
    let after = |failure: Failure| Stopped { failure, begun: true };
    let Live { client, st } = conn.live().map_err(|e| before(e.into()))?;
    let mut tx = client.transaction().map_err(|e| before(e.into()))?;
    let Some(locked) = tx.query_opt(&st.lock, &[&id]).map_err(|e| before(e.into()))? else {
        tx.rollback().map_err(|e| before(e.into()))?;
        let _sent = begun.send(Ok(None));
        return Ok(None);
    };
    let since = (|| {
        let seq = to_u64(locked.try_get(0)?, "project counter")?;
        let rows = tx.query(&st.since, &[&id, &seen])?;
        let rows = rows.iter().map(|row| row_at(row, 0)).collect::<Result<Vec<_>, _>>()?;
        Ok::<_, Failure>((removals_first(rows), seq))
    })()
    .map_err(before)?;
    if begun.send(Ok(Some(since))).is_err() {
        tx.rollback().map_err(|e| after(e.into()))?;
        return Ok(None);
    }
    let Ok(rows) = commit.recv() else {
        // The transaction was dropped without a commit.
        tx.rollback().map_err(|e| after(e.into()))?;
        return Ok(None);
    };
    let committed = (|| {
        let bumped: i64 = tx.query_one(&st.bump, &[&id])?.try_get(0)?;
        upsert(&mut tx, &st.upsert, id, &rows, bumped)?;
        tx.commit()?;
        to_u64(bumped, "project counter")
    })()
    .map_err(after)?;
    Ok(Some(committed))
}

/// A write transaction as the memory store holds it: `commit` hands the rows to the
/// connection thread and waits until they are durable; dropping it rolls back and waits
/// until the project's row lock is released.
struct WriteSession {
    commit: Option<SyncSender<Vec<Row>>>,
    done: Receiver<Result<u64, StoreError>>,
    server: Arc<str>,
}

impl Transaction for WriteSession {
    fn commit(mut self: Box<Self>, rows: Vec<Row>) -> Result<u64, StoreError> {
        let lost = || {
            StoreError::Unavailable(format!(
                "PostgreSQL at {}: the connection ended before the commit",
                self.server
            ))
        };
        let Some(commit) = self.commit.take() else { return Err(lost()) };
        if commit.send(rows).is_err() {
            return Err(lost());
        }
        self.done.recv().unwrap_or_else(|_| Err(lost()))
    }
}

impl Drop for WriteSession {
    fn drop(&mut self) {
        if let Some(commit) = self.commit.take() {
            // The thread sees the channel close and rolls back; wait until it has, so the
            // project is free when the drop returns.
            drop(commit);
            let _ended = self.done.recv();
        }
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
