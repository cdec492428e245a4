//! Demo mode's start-up: the embedded mock, listening on a free loopback port, keeping its
//! world in the user's data folder (so what a person builds in demo mode is there the next
//! day), or in memory when that folder is not given or cannot be used. With the `/_mock/`
//! client (`mock_ext`), the only place the console touches the mock.

use std::io::{BufReader, BufWriter};
use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{ApiError, ErrorKind};
use crate::mock::MockServer;
use crate::mock::backend::Backend;
use crate::mock::clock::SystemClock;
pub use crate::mock::demo::Seed;
use crate::mock::engine::Files;
use crate::mock::state_file::{read_state, write_state};
use crate::mock::store::sqlite::open_store;

/// How demo mode starts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoSetup {
    /// The data set of a new world; `Seed::Empty` also empties a kept one (`--empty-demo`).
    pub seed: Seed,
    /// Where the world is kept; `None` keeps it in memory only (tests).
    pub data_dir: Option<PathBuf>,
}

/// Where the demo's world lives, as the top bar tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoData {
    /// The database it is kept in; `None` when it lives in memory only.
    pub kept_in: Option<PathBuf>,
    /// Why it is not kept although it should be (another console holds it, the file cannot
    /// be used), in a plain sentence; the technical reason is in `detail`.
    pub notice: Option<String>,
    /// The technical reason behind `notice`.
    pub detail: Option<String>,
}

/// What a person can do with the demo's world.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DemoRequest {
    /// Start over with the demo data set.
    Reset,
    /// Replace the world with a state file's (`pinpoint-mock export`).
    Load(PathBuf),
    /// Write the world to a state file.
    Save(PathBuf),
}

/// The embedded mock: its backend outlives a switch to another connection (so the demo's data
/// is still there when the user comes back), its server does not.
#[derive(Default)]
pub struct DemoMock {
    setup: DemoSetup,
    backend: Option<Arc<Backend>>,
    data: Option<DemoData>,
    server: Option<MockServer>,
}

fn configuration(message: String) -> ApiError {
    ApiError::configuration(message)
}

impl DemoMock {
    /// A demo mock to start on first use.
    #[must_use]
    pub fn new(setup: DemoSetup) -> Self {
        Self { setup, ..Self::default() }
    }

    /// The world: kept in the data dir when it can be, else in memory with a notice.
    fn open_world(&self) -> Result<(Backend, DemoData), ApiError> {
        let seed_into = |backend: &Backend| {
            crate::mock::demo::seed(backend, self.setup.seed)
                .map_err(|e| configuration(format!("demo data: {}", e.message)))
        };
        let memory = |notice: Option<String>, detail: Option<String>| {
            let backend = Backend::default();
            seed_into(&backend)?;
            Ok((backend, DemoData { kept_in: None, notice, detail }))
        };
        let Some(dir) = &self.setup.data_dir else { return memory(None, None) };
        let opened = match open_store(dir) {
            Ok(opened) => opened,
            Err(error) => {
                let notice = match error {
                    crate::mock::store::sqlite::OpenError::Locked { .. } => {
                        "Another Pinpoint Console is using the demo data, so this window runs \
                         the demo in memory: what you change here is not kept."
                    }
                    _ => {
                        "The kept demo data cannot be opened (it was left untouched), so this \
                         window runs the demo in memory: what you change here is not kept."
                    }
                };
                tracing::warn!(%error, "demo data not kept");
                return memory(Some(notice.to_owned()), Some(error.to_string()));
            }
        };
        let path = opened.path.clone();
        let created = opened.created;
        let backend = Backend::new(Arc::new(SystemClock), "us-east-1")
            .with_store(Box::new(opened.store))
            .with_files(Files::under(dir));
        backend
            .resume_interrupted_jobs()
            .map_err(|e| configuration(format!("demo data: {}", e.message)))?;
        if self.setup.seed == Seed::Empty {
            // `--empty-demo`: start over with nothing.
            backend.clear().map_err(|e| configuration(format!("demo data: {}", e.message)))?;
        } else if created {
            seed_into(&backend)?;
        }
        Ok((backend, DemoData { kept_in: Some(path), notice: None, detail: None }))
    }

    /// The running demo mock's URL and where its world lives, starting it (and opening or
    /// seeding its world the first time) if needed.
    pub async fn ensure(&mut self) -> Result<(String, DemoData), ApiError> {
        if let (Some(server), Some(data)) = (&self.server, &self.data) {
            return Ok((server.endpoint_url(), data.clone()));
        }
        let backend = if let Some(existing) = &self.backend {
            Arc::clone(existing)
        } else {
            let (backend, data) = self.open_world()?;
            let backend = Arc::new(backend);
            self.backend = Some(Arc::clone(&backend));
            self.data = Some(data);
            backend
        };
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
        let started = MockServer::start(addr, backend)
            .await
            .map_err(|e| configuration(format!("could not start the demo mock: {e}")))?;
        let url = started.endpoint_url();
        let files = started.backend().files();
        tracing::info!(
            %url,
            buckets = %files.buckets.display(),
            event_log = %files.event_log.display(),
            "demo mock listening"
        );
        self.server = Some(started);
        let data =
            self.data.clone().unwrap_or(DemoData { kept_in: None, notice: None, detail: None });
        Ok((url, data))
    }

    /// Stops the server (the data stays for the next `ensure`).
    pub fn stop(&mut self) {
        if let Some(mut server) = self.server.take() {
            server.stop();
        }
    }

    /// The demo's backend, once started.
    #[must_use]
    pub fn backend(&self) -> Option<Arc<Backend>> {
        self.backend.clone()
    }
}

/// Carries out a request on the demo's world (blocking: run it off the async threads).
/// Answers a sentence saying what happened.
pub fn run(backend: &Backend, request: &DemoRequest) -> Result<String, ApiError> {
    let failed = |e: crate::mock::error::MockError| {
        ApiError::local(
            ErrorKind::File,
            format!("The demo data could not be changed: {}", e.message),
        )
    };
    match request {
        DemoRequest::Reset => {
            backend.clear().map_err(failed)?;
            let count = crate::mock::demo::seed(backend, Seed::Demo).map_err(failed)?;
            Ok(format!("Demo data reset: {count} projects"))
        }
        DemoRequest::Load(path) => {
            let file = std::fs::File::open(path).map_err(|e| cannot("read", path, &e))?;
            let world = read_state(BufReader::new(file)).map_err(|e| {
                ApiError::local(ErrorKind::WrongFile, format!("{}: {e}", path.display()))
            })?;
            let count = backend.replace_world(world).map_err(failed)?;
            Ok(format!("Loaded {count} projects from {}", path.display()))
        }
        DemoRequest::Save(path) => {
            let world = backend.snapshot().map_err(failed)?;
            let count = world.projects.len();
            let file = std::fs::File::create(path).map_err(|e| cannot("write", path, &e))?;
            write_state(world, &mut BufWriter::new(file)).map_err(|e| cannot("write", path, &e))?;
            Ok(format!("Saved {count} projects to {}", path.display()))
        }
    }
}

fn cannot(verb: &str, path: &Path, error: &std::io::Error) -> ApiError {
    ApiError::local(ErrorKind::File, format!("Cannot {verb} {}: {error}", path.display()))
}
