//! Benchmark: what a big campaign run or import does to other requests. A real mock server
//! (`MockServer::start`, its one-second tick, the SDK over HTTP) holds project A with N
//! endpoints and project B with none. While a campaign runs over A's N endpoints it measures
//!
//! - GetApp on B (p50/p99/max), against the same figure with no run, and
//! - UpdateEndpoint on A (a write to the project the run is delivering in),
//!
//! then imports a CSV of IMPORT_ROWS rows into a fresh project and reports its time and the
//! progress the job showed on the way (CompletedPieces/TotalPieces).
//!
//!   cargo bench --bench campaign_run
//!   SIZES=20000 IMPORT_ROWS=20000 cargo bench --bench campaign_run     (a quick run)
//!
//! SIZES is a comma-separated list of audience sizes (default 100000,300000,1000000);
//! IMPORT_ROWS=0 skips the import. Probes: GetApp every 5 ms, UpdateEndpoint every 20 ms.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::too_many_lines)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use pinpoint_console::api::connection::build_client;
use pinpoint_console::api::{ConnectionSpec, Timeouts};
use pinpoint_console::mock::MockServer;
use pinpoint_console::mock::backend::{Backend, ChannelKind, JobKind};
use pinpoint_console::mock::engine::Files;
use pinpoint_console::mock::wire::CreateApplicationRequest;
use serde_json::json;

fn sizes() -> Vec<usize> {
    std::env::var("SIZES").ok().map_or_else(
        || vec![100_000, 300_000, 1_000_000],
        |s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect(),
    )
}

fn import_rows() -> usize {
    std::env::var("IMPORT_ROWS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000)
}

/// Latencies in milliseconds.
#[derive(Default)]
struct Latencies(Vec<f64>);

impl Latencies {
    fn summary(&mut self) -> String {
        if self.0.is_empty() {
            return "no samples".to_owned();
        }
        self.0.sort_by(f64::total_cmp);
        let at = |q: f64| self.0[((self.0.len() - 1) as f64 * q).round() as usize];
        format!(
            "n={:>6}  p50={:>7.2} ms  p99={:>7.2} ms  max={:>8.2} ms",
            self.0.len(),
            at(0.50),
            at(0.99),
            self.0[self.0.len() - 1]
        )
    }
}

fn create_app(backend: &Backend, name: &str) -> String {
    let request = CreateApplicationRequest { name: name.into(), tags: BTreeMap::default() };
    backend.create_app(request).expect("a project").id
}

fn load_endpoints(backend: &Backend, app: &str, n: usize) {
    let mut batch = Vec::with_capacity(100);
    for i in 0..n {
        batch.push(json!({
            "Id": format!("ep-{i:07}"),
            "ChannelType": "SMS",
            "Address": format!("+1206{:07}", i % 10_000_000),
            "Demographic": {"Platform": if i % 3 == 0 { "Android" } else { "iOS" }},
            "User": {"UserId": format!("user-{i}"), "UserAttributes": {"FirstName": ["Ada"]}},
        }));
        if batch.len() == 100 {
            backend.update_endpoints_batch(app, &batch, "load").expect("a batch");
            batch.clear();
        }
    }
    if !batch.is_empty() {
        backend.update_endpoints_batch(app, &batch, "load").expect("a batch");
    }
}

/// Probes GetApp on `other` every 5 ms and UpdateEndpoint on `busy` every 20 ms until `stop`.
async fn probe(
    client: aws_sdk_pinpoint::Client,
    other: String,
    busy: Option<String>,
    stop: Arc<AtomicBool>,
) -> (Latencies, Latencies) {
    let writes = busy.map(|busy| {
        let client = client.clone();
        let stop = Arc::clone(&stop);
        tokio::spawn(async move {
            let mut lat = Latencies::default();
            let mut i = 0u64;
            while !stop.load(Ordering::Relaxed) {
                let start = Instant::now();
                let request = aws_sdk_pinpoint::types::EndpointRequest::builder()
                    .channel_type(aws_sdk_pinpoint::types::ChannelType::Sms)
                    .address(format!("+1425{:07}", i % 10_000_000))
                    .build();
                client
                    .update_endpoint()
                    .application_id(&busy)
                    .endpoint_id(format!("probe-{}", i % 100))
                    .endpoint_request(request)
                    .send()
                    .await
                    .expect("UpdateEndpoint answers");
                lat.0.push(start.elapsed().as_secs_f64() * 1000.0);
                i += 1;
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            lat
        })
    });
    let mut reads = Latencies::default();
    while !stop.load(Ordering::Relaxed) {
        let start = Instant::now();
        client.get_app().application_id(&other).send().await.expect("GetApp answers");
        reads.0.push(start.elapsed().as_secs_f64() * 1000.0);
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let writes = match writes {
        Some(task) => task.await.expect("the write probe ends"),
        None => Latencies::default(),
    };
    (reads, writes)
}

fn campaign_status(backend: &Backend, app: &str, id: &str) -> String {
    backend.get_campaign(app, id).expect("the campaign")["State"]["CampaignStatus"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    runtime.block_on(run());
}

async fn run() {
    let dir = std::env::temp_dir().join(format!("pinpoint-bench-{}", std::process::id()));
    let backend = Arc::new(Backend::default().with_files(Files::under(&dir)));
    let server =
        MockServer::start(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), Arc::clone(&backend))
            .await
            .unwrap();
    let spec =
        ConnectionSpec::Custom { endpoint_url: server.endpoint_url(), region: None, profile: None };
    let timeouts = Timeouts {
        connect: Duration::from_secs(5),
        attempt: Duration::from_mins(1),
        operation: Duration::from_mins(1),
        max_attempts: 1,
    };
    let client = build_client(&spec, None, timeouts, None).await.unwrap().0;
    let b = create_app(&backend, "B");

    // No run.
    let stop = Arc::new(AtomicBool::new(false));
    let probing = tokio::spawn(probe(client.clone(), b.clone(), None, Arc::clone(&stop)));
    tokio::time::sleep(Duration::from_secs(5)).await;
    stop.store(true, Ordering::Relaxed);
    let (mut idle, _) = probing.await.unwrap();
    println!("no run            GetApp(B)          {}", idle.summary());

    for n in sizes() {
        let a = create_app(&backend, &format!("A{n}"));
        let loading = Instant::now();
        {
            let backend = Arc::clone(&backend);
            let a = a.clone();
            tokio::task::spawn_blocking(move || load_endpoints(&backend, &a, n)).await.unwrap();
        }
        let loaded = loading.elapsed();
        backend.update_channel(&a, ChannelKind::Sms, json!({"Enabled": true})).unwrap();
        let segment = backend
            .create_segment(&a, json!({"Name": "All", "Dimensions": {"Demographic": {"Platform": {"Values": ["iOS", "Android"]}}}}))
            .unwrap()["Id"]
            .as_str()
            .unwrap()
            .to_owned();
        let stop = Arc::new(AtomicBool::new(false));
        let probing =
            tokio::spawn(probe(client.clone(), b.clone(), Some(a.clone()), Arc::clone(&stop)));
        tokio::time::sleep(Duration::from_millis(500)).await;
        let started = Instant::now();
        let campaign = backend
            .create_campaign(&a, json!({
                "Name": "Big", "SegmentId": segment,
                "MessageConfiguration": {"SMSMessage": {"Body": "Hi {{User.UserAttributes.FirstName}}"}},
                "Schedule": {"StartTime": "IMMEDIATE", "Frequency": "ONCE"},
                "Limits": {"MessagesPerSecond": 20000},
            }))
            .unwrap()["Id"]
            .as_str()
            .unwrap()
            .to_owned();
        let done = loop {
            tokio::time::sleep(Duration::from_millis(100)).await;
            let status = {
                let backend = Arc::clone(&backend);
                let (a, campaign) = (a.clone(), campaign.clone());
                tokio::task::spawn_blocking(move || campaign_status(&backend, &a, &campaign))
                    .await
                    .unwrap()
            };
            if status == "COMPLETED" {
                break started.elapsed();
            }
            assert!(started.elapsed() < Duration::from_mins(15), "the run never completed");
        };
        stop.store(true, Ordering::Relaxed);
        let (mut reads, mut writes) = probing.await.unwrap();
        let page = pinpoint_console::mock::store::PageRequest::parse(None, None).unwrap();
        let activity = backend.campaign_activities(&a, &campaign, page).unwrap();
        let delivered = &activity["Item"][0]["SuccessfulEndpointCount"];
        println!(
            "run over {n:>9}  loaded in {:.1} s, delivered {delivered} in {:.1} s (first tick within 1 s)",
            loaded.as_secs_f64(),
            done.as_secs_f64()
        );
        println!("run over {n:>9}  GetApp(B)          {}", reads.summary());
        println!("run over {n:>9}  UpdateEndpoint(A)  {}", writes.summary());
        backend.delete_app(&a).unwrap();
    }

    let rows = import_rows();
    if rows > 0 {
        let c = create_app(&backend, "C");
        let bucket = dir.join("buckets").join("imports");
        std::fs::create_dir_all(&bucket).unwrap();
        let mut csv = String::from("Id,ChannelType,Address,Demographic.Platform,User.UserId\n");
        for i in 0..rows {
            writeln!(csv, "imp-{i:07},SMS,+1206{:07},iOS,user-{i}", i % 10_000_000).unwrap();
        }
        std::fs::write(bucket.join("big.csv"), csv).unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let probing =
            tokio::spawn(probe(client.clone(), b.clone(), Some(c.clone()), Arc::clone(&stop)));
        let started = Instant::now();
        let job = backend
            .create_import_job(
                &c,
                &json!({"Format": "CSV", "RoleArn": "arn:aws:iam::0:role/r",
                                            "S3Url": "s3://imports/big.csv"}),
            )
            .unwrap();
        let id = job["Id"].as_str().unwrap().to_owned();
        let mut seen: Vec<String> = Vec::new();
        let job = loop {
            tokio::time::sleep(Duration::from_millis(200)).await;
            let job = {
                let backend = Arc::clone(&backend);
                let (c, id) = (c.clone(), id.clone());
                tokio::task::spawn_blocking(move || backend.get_job(&c, JobKind::Import, &id))
                    .await
                    .unwrap()
                    .unwrap()
            };
            let state = format!(
                "{} {}/{}",
                job["JobStatus"].as_str().unwrap_or_default(),
                job["CompletedPieces"],
                job["TotalPieces"]
            );
            if seen.last() != Some(&state) {
                seen.push(state);
            }
            if matches!(job["JobStatus"].as_str(), Some("COMPLETED" | "FAILED")) {
                break job;
            }
            assert!(started.elapsed() < Duration::from_mins(15), "the import never ended");
        };
        let took = started.elapsed();
        stop.store(true, Ordering::Relaxed);
        let (mut reads, mut writes) = probing.await.unwrap();
        println!(
            "import of {rows} rows: {} in {:.1} s, {} processed, {} failures",
            job["JobStatus"],
            took.as_secs_f64(),
            job["TotalProcessed"],
            job["TotalFailures"]
        );
        let shown: Vec<&str> = seen.iter().map(String::as_str).collect();
        let shown = if shown.len() > 12 {
            let mut short = shown[..6].to_vec();
            short.push("…");
            short.extend_from_slice(&shown[shown.len() - 5..]);
            short
        } else {
            shown
        };
        println!("import progress seen: {}", shown.join(" → "));
        println!("import            GetApp(B)          {}", reads.summary());
        println!("import            UpdateEndpoint(C)  {}", writes.summary());
    }
    drop(server);
    let _cleanup = std::fs::remove_dir_all(&dir);
}
