//! The engine's work in steps: a campaign run delivered a part per transaction, with requests
//! on the same project answered between parts; a run stopped after some parts and resumed
//! from the stored rows (a restart) messaging everyone exactly once; an import showing its
//! progress while it runs. A store wrapper (`Gate`) stops the tick between two transactions,
//! with the project released, at the moment a test chooses.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::type_complexity)]

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use pinpoint_console::mock::backend::{Backend, ChannelKind, JobKind, OutboxFilter};
use pinpoint_console::mock::clock::ManualClock;
use pinpoint_console::mock::engine::Files;
use pinpoint_console::mock::engine::campaigns::RUN_PART;
use pinpoint_console::mock::engine::jobs::IMPORT_PIECE;
use pinpoint_console::mock::store::{
    MemoryStore, Outcome, PageRequest, ProjectRecord, Row, Store, StoreError,
};
use pinpoint_console::mock::wire::{
    ApplicationResponse, ApplicationSettingsResource, CreateApplicationRequest,
};
use serde_json::{Value, json};

/// Decides, after each write transaction, whether the tick stops there: given the project
/// as committed and the number of run parts delivered so far.
type When = Box<dyn FnMut(&ProjectRecord, usize) -> bool + Send>;

/// A memory store that counts delivered run parts and can stop the writer after a chosen
/// transaction (the project released), handing over the project's rows as committed.
#[derive(Default)]
struct Gate {
    inner: MemoryStore,
    parts: AtomicUsize,
    when: Mutex<Option<When>>,
    stopped: Mutex<Option<Sender<Vec<Row>>>>,
    resume: Mutex<Option<Receiver<()>>>,
}

impl std::fmt::Debug for Gate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gate").field("parts", &self.parts).finish_non_exhaustive()
    }
}

/// The test's side of a gate: the rows when the tick stopped, and the way to let it go on.
struct Stop {
    rows: Receiver<Vec<Row>>,
    resume: Sender<()>,
}

impl Gate {
    fn stop_when(&self, when: impl FnMut(&ProjectRecord, usize) -> bool + Send + 'static) -> Stop {
        let (stopped, rows) = mpsc::channel();
        let (resume, resumed) = mpsc::channel();
        *self.when.lock().unwrap() = Some(Box::new(when));
        *self.stopped.lock().unwrap() = Some(stopped);
        *self.resume.lock().unwrap() = Some(resumed);
        Stop { rows, resume }
    }
}

/// A gate shared by the test and the backend.
#[derive(Debug, Clone)]
struct Shared(Arc<Gate>);

impl Store for Shared {
    fn create_project(&self, record: ProjectRecord) -> Result<bool, StoreError> {
        self.0.inner.create_project(record)
    }
    fn delete_project(&self, id: &str) -> Result<Option<ApplicationResponse>, StoreError> {
        self.0.inner.delete_project(id)
    }
    fn update_project(&self, app: ApplicationResponse) -> Result<bool, StoreError> {
        self.0.inner.update_project(app)
    }
    fn project(&self, id: &str) -> Option<ApplicationResponse> {
        self.0.inner.project(id)
    }
    fn list_projects(&self, page: PageRequest) -> (Vec<ApplicationResponse>, Option<String>) {
        self.0.inner.list_projects(page)
    }
    fn project_ids(&self) -> Vec<String> {
        self.0.inner.project_ids()
    }
    fn project_count(&self) -> usize {
        self.0.inner.project_count()
    }
    fn read_project(
        &self,
        id: &str,
        f: &mut dyn FnMut(&ProjectRecord),
    ) -> Result<bool, StoreError> {
        self.0.inner.read_project(id, f)
    }
    fn write_project(
        &self,
        id: &str,
        f: &mut dyn FnMut(&mut ProjectRecord) -> Outcome,
    ) -> Result<bool, StoreError> {
        let gate = &self.0;
        let mut stop_with = None;
        let answer = gate.inner.write_project(id, &mut |record| {
            let before = record.run_members.len();
            let outcome = f(record);
            let after = record.run_members.len();
            let parts = if after + 1 == before {
                gate.parts.fetch_add(1, Ordering::SeqCst) + 1
            } else {
                gate.parts.load(Ordering::SeqCst)
            };
            let mut when = gate.when.lock().unwrap();
            if when.as_mut().is_some_and(|when| when(record, parts)) {
                *when = None;
                stop_with = Some(record.rows());
            }
            outcome
        });
        if let Some(rows) = stop_with {
            // Stopped between two transactions: the project is released.
            let stopped = gate.stopped.lock().unwrap().take().unwrap();
            stopped.send(rows).unwrap();
            let resume = gate.resume.lock().unwrap().take().unwrap();
            resume.recv_timeout(Duration::from_mins(2)).unwrap();
        }
        answer
    }
    fn read_account(
        &self,
        f: &mut dyn FnMut(&pinpoint_console::mock::store::AccountRecord),
    ) -> Result<(), StoreError> {
        self.0.inner.read_account(f)
    }
    fn write_account(
        &self,
        f: &mut dyn FnMut(&mut pinpoint_console::mock::store::AccountRecord) -> Outcome,
    ) -> Result<(), StoreError> {
        self.0.inner.write_account(f)
    }
}

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

struct World {
    backend: Arc<Backend>,
    gate: Arc<Gate>,
    clock: Arc<ManualClock>,
    app: String,
    dir: std::path::PathBuf,
}

impl Drop for World {
    fn drop(&mut self) {
        let _cleanup = std::fs::remove_dir_all(&self.dir);
    }
}

fn world() -> World {
    let clock = Arc::new(ManualClock::new(t("2026-11-26T12:00:00Z")));
    let dir = std::env::temp_dir()
        .join(format!("pinpoint-engine-steps-{}", uuid::Uuid::new_v4().simple()));
    let gate = Arc::new(Gate::default());
    let backend = Backend::new(clock.clone(), "us-east-1")
        .with_files(Files::under(&dir))
        .with_store(Box::new(Shared(Arc::clone(&gate))));
    let request =
        CreateApplicationRequest { name: "Steps".into(), tags: std::collections::BTreeMap::new() };
    let app = backend.create_app(request).unwrap().id;
    backend.update_channel(&app, ChannelKind::Sms, json!({"Enabled": true})).unwrap();
    World { backend: Arc::new(backend), gate, clock, app, dir }
}

impl World {
    fn endpoints(&self, n: usize) {
        for start in (0..n).step_by(100) {
            let items: Vec<Value> = (start..n.min(start + 100))
                .map(|i| json!({"Id": format!("ep-{i:05}"), "ChannelType": "SMS", "Address": "+12065550100", "Demographic": {"Platform": "iOS"}}))
                .collect();
            self.backend.update_endpoints_batch(&self.app, &items, "load").unwrap();
        }
    }

    /// A campaign to every iOS endpoint, now.
    fn campaign(&self) -> String {
        let segment = self
            .backend
            .create_segment(&self.app, json!({"Name": "iOS", "Dimensions": {"Demographic": {"Platform": {"Values": ["iOS"]}}}}))
            .unwrap()["Id"]
            .as_str()
            .unwrap()
            .to_owned();
        self.backend
            .create_campaign(
                &self.app,
                json!({
                    "Name": "Everyone", "SegmentId": segment,
                    "MessageConfiguration": {"SMSMessage": {"Body": "hello"}},
                    "Schedule": {"StartTime": "IMMEDIATE", "Frequency": "ONCE"},
                }),
            )
            .unwrap()["Id"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// The tick, on a thread of its own (as the server runs it).
    fn tick(&self) -> std::thread::JoinHandle<()> {
        let backend = Arc::clone(&self.backend);
        std::thread::spawn(move || backend.run_due())
    }
}

/// Messages per endpoint in a backend's outbox.
fn sent(backend: &Backend, app: &str) -> HashMap<String, usize> {
    let filter = OutboxFilter {
        app_id: Some(app.to_owned()),
        limit: Some(1_000_000),
        ..OutboxFilter::default()
    };
    let mut sent: HashMap<String, usize> = HashMap::new();
    for entry in backend.outbox(&filter) {
        *sent.entry(entry.endpoint_id.unwrap_or_default()).or_default() += 1;
    }
    sent
}

fn activity(backend: &Backend, app: &str, campaign: &str) -> Value {
    let page = PageRequest::parse(Some("100"), None).unwrap();
    let activities = backend.campaign_activities(app, campaign, page).unwrap();
    assert_eq!(activities["Item"].as_array().unwrap().len(), 1, "{activities}");
    activities["Item"][0].clone()
}

fn status(backend: &Backend, app: &str, campaign: &str) -> String {
    backend.get_campaign(app, campaign).unwrap()["State"]["CampaignStatus"]
        .as_str()
        .unwrap()
        .to_owned()
}

const AUDIENCE: usize = 20_000;

#[test]
fn a_run_is_delivered_a_part_at_a_time_and_the_project_answers_between_parts() {
    let w = world();
    w.endpoints(AUDIENCE);
    let campaign = w.campaign();
    let stop = w.gate.stop_when(|_, parts| parts == 3);
    let tick = w.tick();
    let _rows = stop.rows.recv_timeout(Duration::from_mins(2)).unwrap();

    // Three parts delivered, the run open, the project free: reads and writes go through.
    let delivered = 3 * RUN_PART;
    assert_eq!(sent(&w.backend, &w.app).len(), delivered);
    assert_eq!(status(&w.backend, &w.app, &campaign), "EXECUTING");
    let a = activity(&w.backend, &w.app, &campaign);
    assert_eq!(
        (a["State"].as_str(), a["TotalEndpointCount"].as_u64()),
        (Some("RUNNING"), Some(AUDIENCE as u64))
    );
    assert_eq!(a["SuccessfulEndpointCount"].as_u64(), Some(delivered as u64));
    let update = json!({"ChannelType": "SMS", "Address": "+12065550199", "Demographic": {"Platform": "Android"}});
    w.backend.update_endpoint(&w.app, "ep-00000", &update, "meanwhile").unwrap();
    assert_eq!(
        w.backend.get_endpoint(&w.app, "ep-00000").unwrap()["Demographic"]["Platform"],
        "Android"
    );

    stop.resume.send(()).unwrap();
    tick.join().unwrap();
    let sent = sent(&w.backend, &w.app);
    assert_eq!(sent.len(), AUDIENCE, "every endpoint of the audience is messaged");
    assert!(sent.values().all(|n| *n == 1), "nobody twice");
    assert_eq!(w.gate.parts.load(Ordering::SeqCst), AUDIENCE.div_ceil(RUN_PART));
    let a = activity(&w.backend, &w.app, &campaign);
    assert_eq!(
        (a["State"].as_str(), a["SuccessfulEndpointCount"].as_u64()),
        (Some("COMPLETED"), Some(AUDIENCE as u64))
    );
    assert_eq!(
        (a["TimezonesTotalCount"].as_u64(), a["TimezonesCompletedCount"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(status(&w.backend, &w.app, &campaign), "COMPLETED");
    let left = w.gate.inner.read_project(&w.app, &mut |p| assert!(p.run_members.is_empty()));
    assert!(left.unwrap(), "the run's parts are gone with the run");
}

#[test]
fn a_run_stopped_after_some_parts_goes_on_after_a_restart_without_duplicates() {
    let w = world();
    w.endpoints(AUDIENCE);
    let campaign = w.campaign();
    let stop = w.gate.stop_when(|_, parts| parts == 4);
    let tick = w.tick();
    // The rows as stored when the fourth part was committed: what a durable store holds
    // after a kill at that moment.
    let rows = stop.rows.recv_timeout(Duration::from_mins(2)).unwrap();
    stop.resume.send(()).unwrap();
    tick.join().unwrap();

    let app = w.backend.get_app(&w.app).unwrap();
    let settings =
        ApplicationSettingsResource { application_id: w.app.clone(), ..Default::default() };
    let mut record = ProjectRecord::new(app, settings);
    for row in &rows {
        record.apply(row).unwrap();
    }
    assert_eq!(record.outbox.len(), 4 * RUN_PART, "four parts were stored");
    assert_eq!(record.run_members.len(), AUDIENCE.div_ceil(RUN_PART) - 4);
    let store = Arc::new(Gate { inner: MemoryStore::new(), ..Gate::default() });
    assert!(store.inner.create_project(record).unwrap());
    let restarted = Backend::new(w.clock.clone(), "us-east-1")
        .with_files(Files::under(&w.dir))
        .with_store(Box::new(Shared(Arc::clone(&store))));
    assert_eq!(status(&restarted, &w.app, &campaign), "EXECUTING");
    restarted.run_due();

    let sent = sent(&restarted, &w.app);
    assert_eq!(sent.len(), AUDIENCE, "nobody skipped");
    assert!(sent.values().all(|n| *n == 1), "nobody messaged twice");
    let a = activity(&restarted, &w.app, &campaign);
    assert_eq!(
        (a["State"].as_str(), a["SuccessfulEndpointCount"].as_u64()),
        (Some("COMPLETED"), Some(AUDIENCE as u64))
    );
    assert_eq!(status(&restarted, &w.app, &campaign), "COMPLETED");
    // The sends the caps count: one per endpoint, before the restart and after.
    let read = store.inner.read_project(&w.app, &mut |p| {
        assert_eq!(p.sends.len(), AUDIENCE);
        assert!(p.sends.values().all(|times| times.len() == 1));
        assert!(p.run_members.is_empty());
    });
    assert!(read.unwrap());
}

#[test]
fn an_import_shows_its_progress_while_it_runs() {
    let w = world();
    let rows = 4 * IMPORT_PIECE;
    let bucket = w.backend.files().buckets.join("imports");
    std::fs::create_dir_all(&bucket).unwrap();
    let mut csv = String::from("Id,ChannelType,Address,Demographic.Platform\n");
    for i in 0..rows {
        writeln!(csv, "imp-{i:06},SMS,+12065550100,iOS").unwrap();
    }
    // One bad row in the last piece.
    csv.push_str("bad,FAX,+12065550100,iOS\n");
    std::fs::write(bucket.join("big.csv"), csv).unwrap();
    let job = w
        .backend
        .create_import_job(&w.app, &json!({"Format": "CSV", "RoleArn": "arn:aws:iam::0:role/r",
                                          "S3Url": "s3://imports/big.csv", "DefineSegment": true, "SegmentName": "Big"}))
        .unwrap();
    let id = job["Id"].as_str().unwrap().to_owned();
    let watched = id.clone();
    let stop = w.gate.stop_when(move |project, _| {
        project.import_jobs.get(&watched).is_some_and(|j| j["CompletedPieces"] == 2)
    });
    let tick = w.tick();
    let _rows = stop.rows.recv_timeout(Duration::from_mins(2)).unwrap();

    let job = w.backend.get_job(&w.app, JobKind::Import, &id).unwrap();
    assert_eq!(job["JobStatus"], "PROCESSING");
    assert_eq!((job["CompletedPieces"].as_u64(), job["TotalPieces"].as_u64()), (Some(2), Some(5)));
    assert_eq!(job["TotalProcessed"].as_u64(), Some(2 * IMPORT_PIECE as u64));
    // The project answers while the import is half-way.
    w.backend
        .update_endpoint(
            &w.app,
            "meanwhile",
            &json!({"ChannelType": "SMS", "Address": "+12065550100"}),
            "r",
        )
        .unwrap();

    stop.resume.send(()).unwrap();
    tick.join().unwrap();
    let job = w.backend.get_job(&w.app, JobKind::Import, &id).unwrap();
    assert_eq!(job["JobStatus"], "COMPLETED", "{job}");
    assert_eq!((job["CompletedPieces"].as_u64(), job["TotalPieces"].as_u64()), (Some(5), Some(5)));
    assert_eq!(
        (
            job["TotalProcessed"].as_u64(),
            job["TotalFailures"].as_u64(),
            job["FailedPieces"].as_u64()
        ),
        (Some(rows as u64 + 1), Some(1), Some(0))
    );
    let segment = job["Definition"]["SegmentId"].as_str().unwrap();
    let segment = w.backend.get_segment(&w.app, segment).unwrap();
    assert_eq!(segment["ImportDefinition"]["Size"].as_u64(), Some(rows as u64));
}
