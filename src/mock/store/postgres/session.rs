//! A write transaction across processes: a connection thread begins a transaction, locks
//! the project's row (`SELECT … FOR UPDATE`), answers the rows other processes committed
//! since, and holds the lock until the memory store commits the transaction's rows or drops
//! it (then it rolls back).

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, SyncSender};

use super::PostgresBacking;
use super::errors::broken;
use super::pool::{Conn, Failure, Live};
use super::rows::{removals_first, row_at, to_u64, upsert};
use crate::mock::store::StoreError;
use crate::mock::store::backing::{Begun, Transaction};
use crate::mock::store::tracked::Row;

/// What a write session's thread answers when it has begun.
type BegunRows = Result<Option<(Vec<Row>, u64)>, StoreError>;

impl PostgresBacking {
    /// Opens a write session: a connection thread begins a transaction, locks the project's
    /// row, answers the rows changed since `seen`, and waits for the rows to commit (or for
    /// the transaction to be dropped, then it rolls back).
    pub(super) fn begin_write(&self, id: &str, seen: u64) -> Result<Option<Begun>, StoreError> {
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
