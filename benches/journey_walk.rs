//! Benchmark: a journey of 10 activities (a random split, waits, a holdout, a conditional
//! split, two messages, a contact-center step) walked by a whole population, with a manual
//! clock advanced past every wait. It reports the time the engine took (the ticks only, not
//! loading the endpoints), the messages delivered and the process's peak memory (VmHWM).
//!
//!   cargo bench --bench journey_walk
//!   ENDPOINTS=20000 cargo bench --bench journey_walk     (a quick run)
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Instant;

use chrono::{DateTime, Duration, Utc};
use pinpoint_console::mock::backend::{Backend, ChannelKind, OutboxFilter};
use pinpoint_console::mock::clock::ManualClock;
use pinpoint_console::mock::engine::Files;
use pinpoint_console::mock::wire::CreateApplicationRequest;
use pinpoint_console::pinpoint::TemplateKind;
use serde_json::{Value, json};

/// The process's peak resident memory in MiB, from /proc/self/status.
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn journey(segment: &str) -> Value {
    let sms = |next: Option<&str>| {
        let mut a = json!({"SMS": {"TemplateName": "t", "MessageConfig": {"SenderId": "Shop"}}});
        if let Some(next) = next {
            a["SMS"]["NextActivity"] = json!(next);
        }
        a
    };
    let wait = |d: &str, next: Option<&str>| {
        let mut a = json!({"Wait": {"WaitTime": {"WaitFor": d}}});
        if let Some(next) = next {
            a["Wait"]["NextActivity"] = json!(next);
        }
        a
    };
    json!({
        "Name": "Walk",
        "State": "ACTIVE",
        "StartCondition": {"SegmentStartCondition": {"SegmentId": segment}},
        "StartActivity": "w1",
        "Activities": {
            "w1": wait("PT1H", Some("split")),
            "split": {"RandomSplit": {"Branches": [
                {"Percentage": 50, "NextActivity": "m1"}, {"Percentage": 50, "NextActivity": "w3"}]}},
            "m1": sms(Some("w2")),
            "w2": wait("P1D", Some("hold")),
            "hold": {"Holdout": {"Percentage": 10, "NextActivity": "m2"}},
            "m2": sms(None),
            "w3": wait("PT2H", Some("cond")),
            "cond": {"ConditionalSplit": {
                "Condition": {"Conditions": [{"segmentDimensions": {"Demographic": {"Platform": {"Values": ["iOS"]}}}}]},
                "TrueActivity": "cc", "FalseActivity": "w4"}},
            "cc": {"ContactCenter": {}},
            "w4": wait("PT6H", None),
        },
    })
}

fn main() {
    let n: usize = std::env::var("ENDPOINTS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let start: DateTime<Utc> = "2026-03-02T08:00:00Z".parse().unwrap();
    let clock = Arc::new(ManualClock::new(start));
    let dir = std::env::temp_dir().join(format!("pinpoint-journey-walk-{}", std::process::id()));
    let backend = Backend::new(clock.clone(), "us-east-1").with_files(Files::under(&dir));
    let app = backend
        .create_app(CreateApplicationRequest { name: "Walk".into(), tags: BTreeMap::default() })
        .unwrap()
        .id;
    backend.update_channel(&app, ChannelKind::Sms, json!({"Enabled": true})).unwrap();
    backend
        .create_template(TemplateKind::Sms, "t", &json!({"Body": "Hi from the walk"}), "bench")
        .unwrap();
    let loading = Instant::now();
    let mut batch = Vec::with_capacity(100);
    for i in 0..n {
        batch.push(json!({"Id": format!("ep-{i:07}"), "ChannelType": "SMS",
                          "Address": format!("+1206{i:07}"),
                          "Demographic": {"Platform": if i % 3 == 0 { "Android" } else { "iOS" }}}));
        if batch.len() == 100 {
            backend.update_endpoints_batch(&app, &batch, "load").unwrap();
            batch.clear();
        }
    }
    if !batch.is_empty() {
        backend.update_endpoints_batch(&app, &batch, "load").unwrap();
    }
    let loaded = loading.elapsed();
    let rss_loaded = peak_rss_mib().unwrap_or(0.0);
    let segment = backend.create_segment(&app, json!({"Name": "All", "Dimensions": {}})).unwrap();
    let id = backend.create_journey(&app, journey(segment["Id"].as_str().unwrap())).unwrap();
    let id = id["Id"].as_str().unwrap().to_owned();

    let walking = Instant::now();
    let mut ticks = 0;
    backend.run_due();
    // The first tick: the whole segment enters (one transaction) and starts its first wait.
    let entered = walking.elapsed();
    // Past every wait: 1 h, 2 h, 6 h and a day, an hour at a time.
    for _ in 0..(24 + 3) {
        clock.advance(Duration::hours(1));
        backend.run_due();
        ticks += 1;
    }
    let walked = walking.elapsed();
    let metrics = backend.journey_execution_metrics(&app, &id).unwrap();
    let sent = backend
        .outbox(&OutboxFilter {
            app_id: Some(app.clone()),
            limit: Some(10_000_000),
            ..OutboxFilter::default()
        })
        .len();
    let state = backend.get_journey(&app, &id).unwrap()["State"].clone();
    println!("journey_walk: {n} endpoints, 10 activities, {ticks} clock steps");
    println!("  load endpoints: {:.2} s (not counted)", loaded.as_secs_f64());
    println!("  walk (all ticks): {:.2} s", walked.as_secs_f64());
    println!("  of which the entry tick: {:.2} s", entered.as_secs_f64());
    println!("  messages delivered: {sent}");
    println!("  journey metrics: {}", metrics["Metrics"]);
    println!("  journey state: {state}");
    println!(
        "  peak RSS: {rss_loaded:.0} MiB after loading, {:.0} MiB at the end",
        peak_rss_mib().unwrap_or(0.0)
    );
    let _cleanup = std::fs::remove_dir_all(&dir);
}
