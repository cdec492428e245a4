//! The PostgreSQL store as several `pinpoint-mock` processes use it: two backends over one
//! database act like two processes. A write on one is read on the other, a deletion on one
//! is seen on the other, a due campaign runs once when both tick at once, a restart finds
//! everything, and a database that is not ours (newer schema, foreign tables) is refused and
//! left alone.
//!
//! The server comes from `PINPOINT_TEST_DATABASE_URL` (each test makes a schema of its own, so
//! tests run in parallel). Without it the tests say they were skipped and pass, unless
//! `PINPOINT_REQUIRE_POSTGRES=1` (CI), where they fail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::too_many_lines)]

use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, Barrier, mpsc};
use std::time::Duration;

use chrono::{DateTime, Utc};
use pinpoint_console::mock::backend::{Backend, ChannelKind, OutboxFilter};
use pinpoint_console::mock::clock::ManualClock;
use pinpoint_console::mock::engine::Files;
use pinpoint_console::mock::error::ErrorKind;
use pinpoint_console::mock::store::postgres::{PostgresBacking, PostgresOpenError};
use pinpoint_console::mock::store::{Backing, MemoryStore, Row, Store};
use pinpoint_console::mock::wire::CreateApplicationRequest;
use postgres::NoTls;
use serde_json::json;

/// A schema of its own on the test server, dropped at the end.
struct TestDb {
    base: String,
    schema: String,
    /// The URL that puts the schema first on the search path.
    url: String,
}

impl TestDb {
    /// A fresh schema, or `None` (and a "skipped" line) when no server is configured.
    fn new() -> Option<Self> {
        let Ok(base) = std::env::var("PINPOINT_TEST_DATABASE_URL") else {
            assert!(
                std::env::var("PINPOINT_REQUIRE_POSTGRES").as_deref() != Ok("1"),
                "PINPOINT_REQUIRE_POSTGRES=1 but PINPOINT_TEST_DATABASE_URL is not set"
            );
            eprintln!(
                "skipped: set PINPOINT_TEST_DATABASE_URL=postgres://user:pass@host/db to run the PostgreSQL store tests"
            );
            return None;
        };
        let schema = format!("t_{}", uuid::Uuid::new_v4().simple());
        let mut admin = postgres::Client::connect(&base, NoTls).unwrap();
        admin.batch_execute(&format!("CREATE SCHEMA {schema}")).unwrap();
        let separator = if base.contains('?') { '&' } else { '?' };
        let url = format!("{base}{separator}options=-c%20search_path%3D{schema}");
        Some(Self { base, schema, url })
    }

    /// A plain client on the test schema.
    fn client(&self) -> postgres::Client {
        postgres::Client::connect(&self.url, NoTls).unwrap()
    }

    /// A "process": a backend over its own connection to the shared database.
    fn backend(&self, clock: &Arc<ManualClock>) -> Backend {
        let backing = PostgresBacking::connect(&self.url).unwrap();
        let store = MemoryStore::durable(Box::new(backing)).unwrap();
        Backend::new(clock.clone(), "us-east-1").with_store(Box::new(store))
    }

    /// A "process" with files of its own (its event-stream log) under `dir`.
    fn backend_in(&self, clock: &Arc<ManualClock>, dir: &std::path::Path) -> Backend {
        self.backend(clock).with_files(Files::under(dir))
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Ok(mut admin) = postgres::Client::connect(&self.base, NoTls) {
            let _dropped = admin.batch_execute(&format!("DROP SCHEMA {} CASCADE", self.schema));
        }
    }
}

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn clock() -> Arc<ManualClock> {
    Arc::new(ManualClock::new(t("2026-11-26T08:00:00Z")))
}

fn new_app(backend: &Backend, name: &str) -> String {
    let request = CreateApplicationRequest { name: name.into(), tags: BTreeMap::default() };
    let app = backend.create_app(request).unwrap().id;
    backend.update_channel(&app, ChannelKind::Sms, json!({"Enabled": true})).unwrap();
    app
}

fn sms(backend: &Backend, app: &str, id: &str, n: usize) {
    let body = json!({"ChannelType": "SMS", "Address": format!("+1206555{:04}", n % 10_000),
                      "Demographic": {"Platform": "iOS"}, "User": {"UserId": id}});
    backend.update_endpoint(app, id, &body, "test").unwrap();
}

fn segment_all_ios(backend: &Backend, app: &str) -> String {
    let segment = backend
        .create_segment(
            app,
            json!({"Name": "iOS", "Dimensions": {"Demographic": {"Platform": {"Values": ["iOS"]}}}}),
        )
        .unwrap();
    segment["Id"].as_str().unwrap().to_owned()
}

fn campaign_at(backend: &Backend, app: &str, segment: &str, name: &str, at: &str) -> String {
    let campaign = backend
        .create_campaign(
            app,
            json!({"Name": name, "SegmentId": segment,
                   "MessageConfiguration": {"SMSMessage": {"Body": format!("{name} says hi")}},
                   "Schedule": {"StartTime": at, "Frequency": "ONCE"}}),
        )
        .unwrap();
    campaign["Id"].as_str().unwrap().to_owned()
}

fn outbox(backend: &Backend, app: &str) -> Vec<pinpoint_console::mock::engine::OutboxEntry> {
    backend.outbox(&OutboxFilter {
        app_id: Some(app.to_owned()),
        limit: Some(1_000_000),
        ..OutboxFilter::default()
    })
}

fn not_found<T: std::fmt::Debug>(result: Result<T, pinpoint_console::mock::error::MockError>) {
    let error = result.expect_err("expected NotFound");
    assert_eq!(error.kind, ErrorKind::NotFound, "{}", error.message);
}

#[test]
fn a_write_on_one_process_is_read_on_the_other() {
    let Some(db) = TestDb::new() else { return };
    let clock = clock();
    let (a, b) = (db.backend(&clock), db.backend(&clock));

    let app = new_app(&a, "Shared");
    assert_eq!(b.get_app(&app).unwrap().name, "Shared", "a project created on A is on B");
    assert_eq!(b.app_count(), 1);
    sms(&a, &app, "alice", 1);
    assert_eq!(b.get_endpoint(&app, "alice").unwrap()["Address"], "+12065550001");

    // B writes on top of what A wrote; A reads it back.
    let segment = segment_all_ios(&b, &app);
    let campaign = campaign_at(&b, &app, &segment, "Later", "2026-12-01T00:00:00Z");
    assert_eq!(a.get_campaign(&app, &campaign).unwrap()["Name"], "Later");
    let update = json!({"ChannelType": "SMS", "Address": "+12065559999"});
    b.update_endpoint(&app, "alice", &update, "test").unwrap();
    assert_eq!(a.get_endpoint(&app, "alice").unwrap()["Address"], "+12065559999");

    // Tags A puts on the project are B's too, and B still has the project's endpoints.
    let arn = a.get_app(&app).unwrap().arn;
    let tags: BTreeMap<String, String> = [("team".to_owned(), "growth".to_owned())].into();
    a.change_tags(&arn, &tags, &[]).unwrap();
    assert_eq!(b.get_app(&app).unwrap().tags, tags);
    assert_eq!(b.list_tags(&arn).unwrap(), tags);
    assert_eq!(b.get_endpoint(&app, "alice").unwrap()["Address"], "+12065559999");

    // A project B created shows up in A's list, in creation order.
    let second = new_app(&b, "Second");
    let page = pinpoint_console::mock::store::PageRequest::parse(None, None).unwrap();
    let ids: Vec<String> = a.list_apps(page).item.into_iter().map(|p| p.id).collect();
    assert_eq!(ids, vec![app, second]);
}

#[test]
fn a_deletion_on_one_process_is_seen_on_the_other() {
    let Some(db) = TestDb::new() else { return };
    let clock = clock();
    let (a, b) = (db.backend(&clock), db.backend(&clock));
    let app = new_app(&a, "Doomed");
    sms(&a, &app, "alice", 1);
    sms(&a, &app, "bob", 2);
    assert!(b.get_endpoint(&app, "alice").is_ok(), "B has seen alice");

    a.delete_endpoint(&app, "alice").unwrap();
    not_found(b.get_endpoint(&app, "alice"));
    assert!(b.get_endpoint(&app, "bob").is_ok());

    b.delete_app(&app).unwrap();
    not_found(a.get_app(&app));
    not_found(a.get_endpoint(&app, "bob"));
    not_found(a.update_endpoint(&app, "carol", &json!({"ChannelType": "SMS"}), "test"));
    not_found(a.delete_app(&app));
    assert_eq!(a.app_count(), 0);
}

#[test]
fn a_due_campaign_runs_once_when_both_processes_tick_at_once() {
    let Some(db) = TestDb::new() else { return };
    let clock = clock();
    let dir = std::env::temp_dir().join(format!("pinpoint-pg-{}", uuid::Uuid::new_v4().simple()));
    let (a, b) = (db.backend_in(&clock, &dir.join("a")), db.backend_in(&clock, &dir.join("b")));
    let app = new_app(&a, "Campaigns");
    // Every delivery also appends a record to the delivering process's own event log: a
    // side effect outside the database, so a run done twice shows even where its outbox
    // rows would overwrite each other.
    let stream = json!({"DestinationStreamArn": "arn:aws:kinesis:us-east-1:0:stream/s",
                        "RoleArn": "arn:aws:iam::0:role/r"});
    a.put_event_stream(&app, &stream).unwrap();
    let endpoints = 40;
    for n in 0..endpoints {
        sms(if n % 2 == 0 { &a } else { &b }, &app, &format!("ep-{n}"), n);
    }
    let segment = segment_all_ios(&a, &app);
    let rounds = 5;
    let mut campaigns = Vec::new();
    for round in 0..rounds {
        // Scheduled, then due: both processes tick at the same instant, from two threads.
        let at = format!("2026-11-26T{:02}:00:00Z", 9 + round);
        let creator = if round % 2 == 0 { &a } else { &b };
        campaigns.push(campaign_at(creator, &app, &segment, &format!("c{round}"), &at));
        clock.advance(chrono::Duration::hours(1));
        let start = Barrier::new(2);
        std::thread::scope(|scope| {
            for backend in [&a, &b] {
                let start = &start;
                scope.spawn(move || {
                    start.wait();
                    backend.run_due();
                    backend.run_due();
                });
            }
        });
    }
    let streamed: usize = [&a, &b]
        .iter()
        .map(|backend| {
            let log = std::fs::read_to_string(&backend.files().event_log).unwrap_or_default();
            log.lines().filter(|line| line.contains("\"_SMS.SUCCESS\"")).count()
        })
        .sum();
    let _cleanup = std::fs::remove_dir_all(&dir);
    assert_eq!(streamed, endpoints * rounds, "each message delivered once, by one process");
    for backend in [&a, &b] {
        let sent = outbox(backend, &app);
        assert_eq!(sent.len(), endpoints * rounds, "each endpoint once per campaign");
        let unique: HashSet<(Option<String>, Option<String>)> =
            sent.iter().map(|e| (e.campaign_id.clone(), e.endpoint_id.clone())).collect();
        assert_eq!(unique.len(), sent.len(), "no message twice");
        let ids: HashSet<&str> = sent.iter().map(|e| e.message_id.as_str()).collect();
        assert_eq!(ids.len(), sent.len());
        for campaign in &campaigns {
            let state = backend.get_campaign(&app, campaign).unwrap();
            assert_eq!(state["State"]["CampaignStatus"], "COMPLETED");
        }
    }
    // The whole outbox too (no project filter), as `GET /_mock/outbox` lists it.
    assert_eq!(b.outbox(&OutboxFilter::default()).len(), endpoints * rounds);
}

#[test]
fn concurrent_writers_on_one_project_lose_nothing() {
    let Some(db) = TestDb::new() else { return };
    let clock = clock();
    let (a, b) = (db.backend(&clock), db.backend(&clock));
    let app = new_app(&a, "Busy");
    let start = Barrier::new(2);
    std::thread::scope(|scope| {
        for (name, backend) in [("a", &a), ("b", &b)] {
            let (start, app) = (&start, &app);
            scope.spawn(move || {
                start.wait();
                for n in 0..50 {
                    sms(backend, app, &format!("{name}-{n}"), n);
                }
            });
        }
    });
    // A third process loads the project from the database alone: every endpoint is there
    // and has a position of its own (a writer that had not caught up would reuse one).
    let backing = PostgresBacking::connect(&db.url).unwrap();
    let store: Box<dyn Store> = Box::new(MemoryStore::durable(Box::new(backing)).unwrap());
    let (count, positions) = store
        .read(&app, |project| {
            let ids: HashSet<&str> = project.endpoints.entries().map(|(id, _)| id).collect();
            (project.endpoints.len(), ids.len())
        })
        .unwrap()
        .unwrap();
    assert_eq!((count, positions), (100, 100));
    for backend in [&a, &b] {
        for n in 0..50 {
            assert!(backend.get_endpoint(&app, &format!("a-{n}")).is_ok());
            assert!(backend.get_endpoint(&app, &format!("b-{n}")).is_ok());
        }
    }
}

#[test]
fn a_restart_finds_everything() {
    let Some(db) = TestDb::new() else { return };
    let clock = clock();
    let (app, campaign) = {
        let (a, b) = (db.backend(&clock), db.backend(&clock));
        let app = new_app(&a, "Durable");
        for n in 0..10 {
            sms(&b, &app, &format!("ep-{n}"), n);
        }
        b.delete_endpoint(&app, "ep-3").unwrap();
        let segment = segment_all_ios(&a, &app);
        let campaign = campaign_at(&a, &app, &segment, "Once", "2026-11-26T09:00:00Z");
        clock.advance(chrono::Duration::hours(2));
        b.run_due();
        (app, campaign)
    };
    // Both "processes" are gone; a new one finds the same world.
    let c = db.backend(&clock);
    assert_eq!(c.get_app(&app).unwrap().name, "Durable");
    assert!(c.get_endpoint(&app, "ep-9").is_ok());
    not_found(c.get_endpoint(&app, "ep-3"));
    assert_eq!(c.get_campaign(&app, &campaign).unwrap()["State"]["CampaignStatus"], "COMPLETED");
    assert_eq!(outbox(&c, &app).len(), 9);
    // And it does not run the campaign again.
    clock.advance(chrono::Duration::hours(1));
    c.run_due();
    assert_eq!(outbox(&c, &app).len(), 9);
}

#[test]
fn a_dropped_write_releases_the_project_and_stores_nothing() {
    let Some(db) = TestDb::new() else { return };
    let clock = clock();
    let a = db.backend(&clock);
    let app = new_app(&a, "Locks");
    let one = PostgresBacking::connect(&db.url).unwrap();
    let two = Arc::new(PostgresBacking::connect(&db.url).unwrap());

    let held = one.begin(&app, 0, true).unwrap().expect("the project exists");
    // While one holds the project, a writer in another process waits.
    let (got, wait) = mpsc::channel();
    let waiter = {
        let (two, app) = (Arc::clone(&two), app.clone());
        std::thread::spawn(move || {
            let begun = two.begin(&app, 0, true).unwrap().expect("the project exists");
            got.send(begun.seq).unwrap();
            let row = Row { table: "x".into(), key: "k".into(), ord: 0, body: Some("1".into()) };
            begun.transaction.commit(vec![row]).unwrap()
        })
    };
    assert!(wait.recv_timeout(Duration::from_millis(500)).is_err(), "the second writer waits");
    // A reader does not wait.
    let read = two.begin(&app, 0, false).unwrap().expect("the project exists");
    assert_eq!(read.seq, held.seq);
    drop(read);
    // Dropping the first transaction rolls it back and lets the second in at once.
    drop(held);
    let seen = wait.recv_timeout(Duration::from_secs(10)).expect("released on drop");
    let committed = waiter.join().unwrap();
    assert_eq!(committed, seen + 1, "the dropped transaction stored nothing");
    let stored = one.load_project(&app).unwrap().unwrap();
    assert!(stored.rows.iter().any(|r| r.table == "x" && r.body.as_deref() == Some("1")));
}

#[test]
fn a_large_commit_is_stored_whole() {
    let Some(db) = TestDb::new() else { return };
    let clock = clock();
    let a = db.backend(&clock);
    let app = new_app(&a, "Big");
    let backing = PostgresBacking::connect(&db.url).unwrap();
    let rows: Vec<Row> = (0..23_456u64)
        .map(|n| Row {
            table: "outbox".into(),
            key: format!("{n:016x}"),
            ord: n + 1,
            body: Some(format!("{{\"n\":{n}}}")),
        })
        .collect();
    let begun = backing.begin(&app, 0, true).unwrap().unwrap();
    let seq = begun.transaction.commit(rows).unwrap();
    // Half removed in the next commit: tombstones are read by `begin`, skipped by `load`.
    let begun = backing.begin(&app, seq, true).unwrap().unwrap();
    assert!(begun.rows.is_empty(), "nothing changed since");
    let removed: Vec<Row> = (0..23_456u64)
        .step_by(2)
        .map(|n| Row { table: "outbox".into(), key: format!("{n:016x}"), ord: 0, body: None })
        .collect();
    let seq2 = begun.transaction.commit(removed).unwrap();
    assert_eq!(seq2, seq + 1);
    let since = backing.begin(&app, seq, false).unwrap().unwrap();
    assert_eq!(since.rows.len(), 11_728);
    assert!(since.rows.iter().all(|r| r.body.is_none()));
    let stored = backing.load_project(&app).unwrap().unwrap();
    assert_eq!(stored.rows.iter().filter(|r| r.table == "outbox").count(), 11_728);
    assert_eq!(stored.seq, seq2);
}

#[test]
fn the_store_works_from_inside_a_tokio_runtime() {
    // The sync client panics inside a runtime unless it runs on threads of its own, and the
    // mock calls the store from tokio workers. (The test's own admin client, which makes and
    // drops the schema, runs outside.)
    let Some(db) = TestDb::new() else { return };
    let runtime =
        tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let url = db.url.clone();
    let found = runtime.block_on(async move {
        let clock = clock();
        let open = |clock: &Arc<ManualClock>| {
            let backing = PostgresBacking::connect(&url).unwrap();
            let store = MemoryStore::durable(Box::new(backing)).unwrap();
            Backend::new(clock.clone(), "us-east-1").with_store(Box::new(store))
        };
        let a = open(&clock);
        let app = new_app(&a, "Async");
        sms(&a, &app, "alice", 1);
        let b = open(&clock);
        tokio::task::spawn(async move {
            let found = b.get_endpoint(&app, "alice").unwrap();
            drop(b);
            found
        })
        .await
        .unwrap()
    });
    drop(runtime);
    assert_eq!(found["Address"], "+12065550001");
}

#[test]
fn connections_the_server_ended_are_opened_again_without_a_failed_request() {
    // A server restart ends every open connection; each is seen broken on its next use
    // (FATAL 57P01). pg_terminate_backend does the same to this test's connections alone.
    let Some(db) = TestDb::new() else { return };
    let tag = format!("pinpoint-test-{}", uuid::Uuid::new_v4().simple());
    let url = format!("{}&application_name={tag}", db.url);
    let clock = clock();
    let backing = PostgresBacking::connect(&url).unwrap();
    let store = MemoryStore::durable(Box::new(backing)).unwrap();
    let a = Backend::new(clock.clone(), "us-east-1").with_store(Box::new(store));
    let app = new_app(&a, "Restart");
    // Open every pooled connection.
    std::thread::scope(|scope| {
        for t in 0..8 {
            let (a, app) = (&a, &app);
            scope.spawn(move || (0..10).for_each(|n| sms(a, app, &format!("e{t}-{n}"), n)));
        }
    });
    let mut admin = db.client();
    let ended: i64 = admin
        .query_one(
            "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE application_name = $1) AS t",
            &[&tag],
        )
        .unwrap()
        .get(0);
    assert!(ended > 1, "several connections were open ({ended})");
    for n in 0..20 {
        sms(&a, &app, &format!("after-{n}"), n);
        assert!(a.get_endpoint(&app, "e0-0").is_ok());
    }
    assert_eq!(a.app_count(), 1);
}

#[test]
fn a_newer_schema_is_refused_and_left_alone() {
    let Some(db) = TestDb::new() else { return };
    drop(PostgresBacking::connect(&db.url).unwrap());
    let mut client = db.client();
    client
        .execute("UPDATE pinpoint_mock_meta SET value = '99' WHERE key = 'schema_version'", &[])
        .unwrap();
    let error = PostgresBacking::connect(&db.url).unwrap_err();
    assert!(matches!(error, PostgresOpenError::NewerSchema { .. }), "{error}");
    let message = error.to_string();
    assert!(message.contains("newer") && message.contains("99"), "{message}");
    let version: String = client
        .query_one("SELECT value FROM pinpoint_mock_meta WHERE key = 'schema_version'", &[])
        .unwrap()
        .get(0);
    assert_eq!(version, "99", "nothing was changed");
}

#[test]
fn foreign_tables_are_refused_and_left_alone() {
    let Some(db) = TestDb::new() else { return };
    let mut client = db.client();
    client
        .batch_execute("CREATE TABLE projects (name text); INSERT INTO projects VALUES ('theirs')")
        .unwrap();
    let error = PostgresBacking::connect(&db.url).unwrap_err();
    assert!(matches!(error, PostgresOpenError::Foreign { .. }), "{error}");
    assert!(error.to_string().contains("projects"), "{error}");
    let name: String = client.query_one("SELECT name FROM projects", &[]).unwrap().get(0);
    assert_eq!(name, "theirs");
    let meta: bool =
        client.query_one("SELECT to_regclass('pinpoint_mock_meta') IS NULL", &[]).unwrap().get(0);
    assert!(meta, "no table of ours was created");
}

#[test]
fn a_wrong_password_is_named_as_such() {
    let Some(db) = TestDb::new() else { return };
    let mut config: postgres::Config = db.url.parse().unwrap();
    let Some(user) = config.get_user().map(str::to_owned) else { return };
    config.password("certainly-not-the-password");
    let host = match config.get_hosts().first() {
        Some(postgres::config::Host::Tcp(host)) => host.clone(),
        _ => return, // A Unix socket may trust any password: nothing to check.
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let dbname = config.get_dbname().unwrap_or(&user).to_owned();
    let url = format!("postgres://{user}:certainly-not-the-password@{host}:{port}/{dbname}");
    match PostgresBacking::connect(&url) {
        Err(error @ PostgresOpenError::AuthFailed { .. }) => {
            let message = error.to_string();
            assert!(message.contains(&host) && !message.contains("certainly-not"), "{message}");
        }
        // A server that trusts local connections accepts any password.
        Ok(_) => eprintln!("the test server does not check passwords; nothing to check"),
        Err(other) => panic!("expected an authentication failure, got: {other}"),
    }
}

#[test]
fn an_unreachable_server_is_named_and_the_password_is_not() {
    // Needs no database: nothing listens on port 1.
    let error = PostgresBacking::connect("postgres://mock:s3cret@127.0.0.1:1/world").unwrap_err();
    assert!(matches!(error, PostgresOpenError::Unreachable { .. }), "{error}");
    let message = error.to_string();
    assert!(message.contains("postgres://mock@127.0.0.1:1/world"), "{message}");
    assert!(!message.contains("s3cret"), "{message}");
    let error = PostgresBacking::connect("mysql://nope").unwrap_err();
    assert!(matches!(error, PostgresOpenError::BadUrl(_)), "{error}");
}

#[test]
fn two_pinpoint_mock_processes_on_one_database_share_one_world() {
    use std::process::{Command, Stdio};
    let Some(db) = TestDb::new() else { return };
    let port = || std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let start = |port: u16| {
        let child = Command::new(env!("CARGO_BIN_EXE_pinpoint-mock"))
            .args(["--database-url", &db.url, "--port", &port.to_string(), "--seed", "empty"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(std::time::Instant::now() < deadline, "pinpoint-mock did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
        child
    };
    let (a, b) = (port(), port());
    let mut first = start(a);
    let mut second = start(b);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let client = |port: u16| {
        let config = aws_sdk_pinpoint::Config::builder()
            .behavior_version(aws_sdk_pinpoint::config::BehaviorVersion::latest())
            .region(aws_sdk_pinpoint::config::Region::new("us-east-1"))
            .credentials_provider(aws_sdk_pinpoint::config::Credentials::new(
                "k", "s", None, None, "test",
            ))
            .endpoint_url(format!("http://127.0.0.1:{port}"))
            .build();
        aws_sdk_pinpoint::Client::from_conf(config)
    };
    runtime.block_on(async {
        let created = client(a)
            .create_app()
            .create_application_request(
                aws_sdk_pinpoint::types::CreateApplicationRequest::builder().name("Shared").build(),
            )
            .send()
            .await
            .unwrap();
        let id = created.application_response.unwrap().id.unwrap();
        // Written through the first process, read through the second.
        let read = client(b).get_app().application_id(&id).send().await.unwrap();
        assert_eq!(read.application_response.unwrap().name(), Some("Shared"));
        client(b)
            .update_endpoint()
            .application_id(&id)
            .endpoint_id("e1")
            .endpoint_request(
                aws_sdk_pinpoint::types::EndpointRequest::builder()
                    .channel_type(aws_sdk_pinpoint::types::ChannelType::Sms)
                    .address("+12065550100")
                    .build(),
            )
            .send()
            .await
            .unwrap();
        let endpoint = client(a).get_endpoint().application_id(&id).endpoint_id("e1").send().await;
        assert_eq!(endpoint.unwrap().endpoint_response.unwrap().address(), Some("+12065550100"));
    });
    first.kill().unwrap();
    second.kill().unwrap();
    first.wait().unwrap();
    second.wait().unwrap();
}

#[test]
fn two_processes_see_each_others_templates_and_the_account_is_no_project() {
    use pinpoint_console::pinpoint::TemplateKind;
    let Some(db) = TestDb::new() else { return };
    let clock = clock();
    let (a, b) = (db.backend(&clock), db.backend(&clock));
    a.create_template(TemplateKind::Sms, "shared", &json!({"Body": "v1"}), "r1").unwrap();
    let got = b.get_template(TemplateKind::Sms, "shared", None).unwrap();
    assert_eq!(got["Body"], "v1", "a template created on A is on B");
    b.update_template(TemplateKind::Sms, "shared", None, true, &json!({"Body": "v2"}), "r2")
        .unwrap();
    let v2 = a.get_template(TemplateKind::Sms, "shared", Some("2")).unwrap();
    assert_eq!(v2["Body"], "v2", "a version B added is on A");
    let recommender = a
        .create_recommender(&json!({
            "RecommendationProviderUri": "arn:aws:personalize:us-east-1:0:campaign/c",
            "RecommendationProviderRoleArn": "arn:aws:iam::0:role/r",
            "RecommendationsDisplayName": "Picks",
        }))
        .unwrap();
    let id = recommender["Id"].as_str().unwrap();
    assert_eq!(b.get_recommender(id).unwrap()["RecommendationsDisplayName"], "Picks");
    b.delete_template(TemplateKind::Sms, "shared", None, "r3").unwrap();
    assert_eq!(
        a.get_template(TemplateKind::Sms, "shared", None).unwrap_err().kind,
        ErrorKind::NotFound,
        "a deletion on B is seen on A"
    );

    // The account's row is never a project, and a restart finds the account.
    assert_eq!(a.app_count(), 0);
    assert_eq!(a.get_app("account").unwrap_err().kind, ErrorKind::NotFound);
    drop((a, b));
    let c = db.backend(&clock);
    assert_eq!(c.get_recommender(id).unwrap()["Id"], id);
    let page = pinpoint_console::mock::store::PageRequest::parse(None, None).unwrap();
    assert!(c.list_apps(page).item.is_empty());
}

#[test]
fn a_schema_1_database_is_brought_to_schema_2() {
    let Some(db) = TestDb::new() else { return };
    let clock = clock();
    let app = new_app(&db.backend(&clock), "Before");
    // What a schema-1 database looked like: no account row, version 1.
    let mut client = db.client();
    client.execute("DELETE FROM projects WHERE id = 'account'", &[]).unwrap();
    client
        .execute("UPDATE pinpoint_mock_meta SET value = '1' WHERE key = 'schema_version'", &[])
        .unwrap();
    let backend = db.backend(&clock);
    assert_eq!(backend.get_app(&app).unwrap().name, "Before");
    backend
        .create_template(
            pinpoint_console::pinpoint::TemplateKind::Email,
            "after",
            &json!({"Subject": "S"}),
            "r",
        )
        .unwrap();
    let version: String = client
        .query_one("SELECT value FROM pinpoint_mock_meta WHERE key = 'schema_version'", &[])
        .unwrap()
        .get(0);
    assert_eq!(version, "2");
}
