//! Benchmark: UpdateEndpoint through two backends over one PostgreSQL database, as two
//! `pinpoint-mock` processes behind one address would run it (the backend methods the routes
//! call, without HTTP). Reports requests per second for:
//!
//! - one backend, one thread (the latency of a write: begin, row lock, catch-up, commit);
//! - two backends, two threads each, all on ONE project (writers serialized by the row lock,
//!   each catching up with the other's rows);
//! - two backends, two threads each, each backend on its own project;
//! - and the time of one campaign run over 10,000 endpoints (one commit of ~20,000 rows).
//!
//!   PINPOINT_TEST_DATABASE_URL=postgres://user:pass@127.0.0.1/db cargo bench --bench pg_two_writers
//!
//! (`REQUESTS=N` per thread, default 1000.) It works in a schema of its own and drops it.
//! Without a database URL it says so and exits. Traffic goes only to the given server.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::sync::{Arc, Barrier};
use std::time::Instant;

use pinpoint_console::mock::backend::{Backend, ChannelKind, OutboxFilter};
use pinpoint_console::mock::clock::{Clock, ManualClock, iso8601};
use pinpoint_console::mock::store::MemoryStore;
use pinpoint_console::mock::store::postgres::PostgresBacking;
use pinpoint_console::mock::wire::CreateApplicationRequest;
use postgres::NoTls;
use serde_json::{Value, json};

fn endpoint(n: usize) -> Value {
    json!({"ChannelType": "SMS", "Address": format!("+1206{:07}", n % 10_000_000),
           "Demographic": {"Platform": "iOS", "Timezone": "America/New_York"},
           "Attributes": {"interests": ["hiking", "news"]},
           "User": {"UserId": format!("user-{n}"), "UserAttributes": {"tier": ["gold"]}}})
}

fn new_app(backend: &Backend, name: &str) -> String {
    let request = CreateApplicationRequest { name: name.into(), tags: BTreeMap::default() };
    let app = backend.create_app(request).unwrap().id;
    backend.update_channel(&app, ChannelKind::Sms, json!({"Enabled": true})).unwrap();
    app
}

/// Runs `threads` (backend, project) writers of `requests` UpdateEndpoint calls each, all
/// started at once; requests per second over all.
fn run(writers: &[(&Backend, &str)], requests: usize, tag: &str) -> f64 {
    let start = Barrier::new(writers.len() + 1);
    let elapsed = std::thread::scope(|scope| {
        for (w, (backend, app)) in writers.iter().enumerate() {
            let start = &start;
            scope.spawn(move || {
                start.wait();
                for n in 0..requests {
                    let id = format!("{tag}-{w}-{}", n % 500);
                    backend.update_endpoint(app, &id, &endpoint(n), "bench").unwrap();
                }
            });
        }
        start.wait();
        Instant::now()
    });
    // The scope joined every writer: the time since the start is the whole run.
    let total = (writers.len() * requests) as f64;
    total / elapsed.elapsed().as_secs_f64()
}

fn main() {
    let Ok(base) = std::env::var("PINPOINT_BENCH_DATABASE_URL")
        .or_else(|_| std::env::var("PINPOINT_TEST_DATABASE_URL"))
    else {
        println!(
            "pg_two_writers skipped: set PINPOINT_TEST_DATABASE_URL=postgres://user:pass@host/db"
        );
        return;
    };
    let requests: usize =
        std::env::var("REQUESTS").ok().and_then(|v| v.parse().ok()).unwrap_or(1000);
    let schema = format!("bench_{}", uuid::Uuid::new_v4().simple());
    let mut admin = postgres::Client::connect(&base, NoTls).expect("the database URL connects");
    admin.batch_execute(&format!("CREATE SCHEMA {schema}")).unwrap();
    let separator = if base.contains('?') { '&' } else { '?' };
    let url = format!("{base}{separator}options=-c%20search_path%3D{schema}");

    let clock = Arc::new(ManualClock::new(chrono::Utc::now()));
    let open = || {
        let backing = PostgresBacking::connect(&url).unwrap();
        let store = MemoryStore::durable(Box::new(backing)).unwrap();
        Backend::new(clock.clone(), "us-east-1").with_store(Box::new(store))
    };
    let (a, b) = (open(), open());
    let one = new_app(&a, "One");
    let other = new_app(&b, "Other");

    let single = run(&[(&a, &one)], requests, "single");
    println!("UpdateEndpoint, one backend, one thread:                  {single:8.0} req/s");
    let shared = run(&[(&a, &one), (&a, &one), (&b, &one), (&b, &one)], requests, "shared");
    println!("UpdateEndpoint, two backends x 2 threads, one project:    {shared:8.0} req/s");
    let apart = run(&[(&a, &one), (&a, &one), (&b, &other), (&b, &other)], requests, "apart");
    println!("UpdateEndpoint, two backends x 2 threads, own projects:   {apart:8.0} req/s");

    // One campaign run over 10,000 endpoints: its outbox and sends rows in one commit.
    let big = new_app(&a, "Big");
    for chunk in 0..100 {
        let items: Vec<Value> = (0..100)
            .map(|i| {
                let n = chunk * 100 + i;
                let mut item = endpoint(n);
                item["Id"] = json!(format!("ep-{n}"));
                item
            })
            .collect();
        a.update_endpoints_batch(&big, &items, "bench").unwrap();
    }
    let segment = a.create_segment(&big, json!({"Name": "iOS", "Dimensions": {"Demographic": {"Platform": {"Values": ["iOS"]}}}})).unwrap();
    let at = iso8601(clock.now() + chrono::Duration::minutes(1));
    a.create_campaign(
        &big,
        json!({"Name": "Big", "SegmentId": segment["Id"],
               "MessageConfiguration": {"SMSMessage": {"Body": "Hello"}},
               "Schedule": {"StartTime": at, "Frequency": "ONCE"}}),
    )
    .unwrap();
    clock.advance(chrono::Duration::minutes(2));
    let started = Instant::now();
    std::thread::scope(|scope| {
        scope.spawn(|| a.run_due());
        scope.spawn(|| b.run_due());
    });
    let ran = started.elapsed();
    let filter = OutboxFilter {
        app_id: Some(big.clone()),
        limit: Some(1_000_000),
        ..OutboxFilter::default()
    };
    let delivered = b.outbox(&filter).len();
    println!(
        "campaign run over 10,000 endpoints, both backends ticking: {:8.0} ms ({delivered} delivered)",
        ran.as_secs_f64() * 1000.0
    );

    drop((a, b));
    let _dropped = admin.batch_execute(&format!("DROP SCHEMA {schema} CASCADE"));
}
