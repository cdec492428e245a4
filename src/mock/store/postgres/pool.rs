//! The PostgreSQL backing's connection threads: the sync client never runs on a tokio worker,
//! so each connection lives on a thread of its own, takes jobs from one queue, and opens its
//! connection again after the server ended it.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

use ::postgres::{Client, Config, NoTls};

use super::errors::{broken, describe};
use super::rows::Statements;
use crate::mock::store::StoreError;

/// One open connection and its prepared statements.
pub(super) struct Live {
    pub(super) client: Client,
    pub(super) st: Statements,
}

/// A connection thread's connection, opened on first use and again after it broke.
pub(super) struct Conn {
    pub(super) config: Config,
    pub(super) server: Arc<str>,
    pub(super) live: Option<Live>,
}

/// What went wrong inside a job.
pub(super) enum Failure {
    /// The database answered an error, or the connection broke.
    Db(::postgres::Error),
    /// A stored value could not be read back.
    Data(String),
}

impl From<::postgres::Error> for Failure {
    fn from(error: ::postgres::Error) -> Self {
        Self::Db(error)
    }
}

impl Conn {
    /// The connection, opened (and its statements prepared) if it is not open.
    pub(super) fn live(&mut self) -> Result<&mut Live, ::postgres::Error> {
        if self.live.as_ref().is_some_and(|live| live.client.is_closed()) {
            self.live = None;
        }
        match &mut self.live {
            Some(live) => Ok(live),
            slot @ None => {
                let mut client = self.config.connect(NoTls)?;
                let st = Statements::prepare(&mut client)?;
                Ok(slot.insert(Live { client, st }))
            }
        }
    }

    /// After an error: a connection that broke, or that may be left inside a transaction,
    /// is closed so the next job opens a fresh one.
    pub(super) fn after_error(&mut self, error: &::postgres::Error) {
        if broken(error) || error.as_db_error().is_none() {
            self.live = None;
        }
    }

    pub(super) fn store_error(&self, failure: Failure) -> StoreError {
        match failure {
            Failure::Db(error) => StoreError::Unavailable(format!(
                "PostgreSQL at {}: {}",
                self.server,
                describe(&error)
            )),
            Failure::Data(reason) => StoreError::Corrupt(reason),
        }
    }
}

/// Work for a connection thread.
pub(super) type Job = Box<dyn FnOnce(&mut Conn) + Send>;

/// The connection threads and the queue they take jobs from.
pub(super) struct Pool {
    jobs: Option<Sender<Job>>,
    threads: Vec<JoinHandle<()>>,
}

impl Pool {
    pub(super) fn start(config: &Config, server: &Arc<str>, size: usize) -> Result<Self, String> {
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        let mut threads = Vec::with_capacity(size);
        for n in 0..size {
            let queue = Arc::clone(&queue);
            let conn = Conn { config: config.clone(), server: Arc::clone(server), live: None };
            let thread = std::thread::Builder::new()
                .name(format!("pinpoint-pg-{n}"))
                .spawn(move || work(&queue, conn))
                .map_err(|e| format!("cannot start a connection thread: {e}"))?;
            threads.push(thread);
        }
        Ok(Self { jobs: Some(jobs), threads })
    }

    pub(super) fn send(&self, job: Job) -> bool {
        self.jobs.as_ref().is_some_and(|jobs| jobs.send(job).is_ok())
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        // Closing the queue ends each thread once it has finished its job; its connection is
        // closed on its own thread.
        self.jobs = None;
        for thread in self.threads.drain(..) {
            let _joined = thread.join();
        }
    }
}

/// A connection thread: takes jobs until the queue closes. A job that panics loses its
/// connection (it may be inside a transaction), not the thread.
fn work(queue: &Mutex<Receiver<Job>>, mut conn: Conn) {
    loop {
        let job = {
            let queue = queue.lock().unwrap_or_else(PoisonError::into_inner);
            queue.recv()
        };
        let Ok(job) = job else { return };
        if catch_unwind(AssertUnwindSafe(|| job(&mut conn))).is_err() {
            tracing::error!("a PostgreSQL job panicked; its connection is closed");
            conn.live = None;
        }
    }
}
