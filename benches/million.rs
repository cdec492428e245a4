//! Benchmark: a project of 1,000,000 realistic endpoints (like the demo's), stored the way
//! the backend stores them (`upsert_endpoint` into the project's `Collection`, in batches of
//! 100 as UpdateEndpointsBatch does, each batch its own transaction). Reports the resident
//! memory per stored endpoint, the time to evaluate a three-dimension segment over all of
//! them, and the time to rebuild the project from its stored rows (the JSON half of a start-up
//! from the data folder).
//!
//!   cargo bench --bench million                 (ENDPOINTS=N to change the count;
//!                                                ROWS=0 to skip the rows round trip)
//!
//! Linux only for the memory figures (`/proc/self/statm`).
#![allow(clippy::expect_used)]

use std::time::Instant;

use chrono::{Duration, TimeZone, Utc};
use pinpoint_console::mock::backend::upsert_endpoint;
use pinpoint_console::mock::clock::iso8601;
use pinpoint_console::mock::engine::segment::{Candidate, Context, compile};
use pinpoint_console::mock::store::ProjectRecord;
use pinpoint_console::mock::store::tracked::Table;
use pinpoint_console::mock::wire::{ApplicationResponse, ApplicationSettingsResource};
use serde_json::{Map, Value, json};

/// Resident bytes of this process (Linux: the second field of /proc/self/statm, in pages).
fn resident_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| pages * 4096)
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// splitmix64, so every run builds the same endpoints.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

/// One endpoint as an UpdateEndpointsBatch item would carry it (the demo's shape, with a
/// model, a city and a second attribute list).
fn endpoint(rng: &mut Rng, n: u64) -> Map<String, Value> {
    let first =
        ["Ada", "Grace", "Alan", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Frances", "Tim"];
    let places = [
        ("US", "America/New_York", "New York"),
        ("US", "America/Los_Angeles", "Seattle"),
        ("US", "America/Chicago", "Chicago"),
        ("CA", "America/Toronto", "Toronto"),
        ("DE", "Europe/Berlin", "Berlin"),
        ("FR", "Europe/Paris", "Paris"),
        ("JP", "Asia/Tokyo", "Tokyo"),
        ("BR", "America/Sao_Paulo", "São Paulo"),
        ("GB", "Europe/London", "London"),
    ];
    let interests = ["hiking", "science", "news", "music", "travel", "cooking"];
    let (country, zone, city) = *rng.pick(&places);
    let platform = *rng.pick(&["iOS", "Android", "Android", "iOS", "Web"]);
    let (make, model) = match platform {
        "iOS" => ("Apple", *rng.pick(&["iPhone15,2", "iPhone16,1", "iPhone14,5"])),
        "Android" => ("Google", *rng.pick(&["Pixel 8", "Pixel 7a", "Pixel 9 Pro"])),
        _ => ("Mozilla", "Firefox"),
    };
    let sms = !rng.next().is_multiple_of(3);
    let user = format!("user-{:07}", n / 2);
    let item = json!({
        "ChannelType": if sms { "SMS" } else { "EMAIL" },
        "Address": if sms { format!("+1206{:07}", n % 10_000_000) } else { format!("{user}.{}@example.com", n % 2) },
        "OptOut": if n.is_multiple_of(17) { "ALL" } else { "NONE" },
        "Demographic": { "Platform": platform, "AppVersion": *rng.pick(&["2.0.1", "2.1.0", "3.0.0"]),
                         "Make": make, "Model": model, "Timezone": zone,
                         "Locale": *rng.pick(&["en_US", "en_GB", "de_DE", "fr_FR", "ja_JP"]) },
        "Location": { "Country": country, "City": city },
        "Attributes": { "interests": [*rng.pick(&interests), *rng.pick(&interests)],
                        "plan": [*rng.pick(&["free", "plus", "pro"])] },
        "Metrics": { "orders": (rng.next() % 12) as f64 },
        "User": { "UserId": user, "UserAttributes": { "FirstName": [*rng.pick(&first)] } },
    });
    match item {
        Value::Object(map) => map,
        _ => unreachable!("an object literal"),
    }
}

fn main() {
    let count: u64 =
        std::env::var("ENDPOINTS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let rows_round_trip = std::env::var("ROWS").map_or(true, |v| v != "0");
    let app_id = "0123456789abcdef0123456789abcdef";
    let app = ApplicationResponse {
        arn: format!("arn:aws:mobiletargeting:us-east-1:000000000000:apps/{app_id}"),
        id: app_id.to_owned(),
        name: "Million".to_owned(),
        creation_date: "2026-01-01T00:00:00.000Z".to_owned(),
        tags: std::collections::BTreeMap::new(),
    };
    let settings = ApplicationSettingsResource {
        application_id: app_id.to_owned(),
        ..ApplicationSettingsResource::default()
    };

    let before = resident_bytes();
    let started = Instant::now();
    let mut record = ProjectRecord::new(app.clone(), settings.clone());
    let mut rng = Rng(7);
    let epoch = Utc.with_ymd_and_hms(2026, 11, 26, 8, 0, 0).single().expect("a valid instant");
    for batch in 0..count.div_ceil(100) {
        // One UpdateEndpointsBatch: one request id and one "now" for its 100 items.
        let now = iso8601(epoch + Duration::milliseconds(batch as i64 * 37));
        let request_id = format!("{:08x}-0000-4000-8000-{:012x}", batch, batch * 7919);
        for n in batch * 100..((batch + 1) * 100).min(count) {
            let id = format!("ep-{n:07}");
            let update = endpoint(&mut rng, n);
            upsert_endpoint(&mut record.endpoints, app_id, &id, &update, &now, &request_id)
                .expect("a generated endpoint is valid");
        }
        // The transaction ends: the memory store takes the changed rows (and a durable one
        // writes them); forgetting them keeps this bench about the records alone.
        record.forget_changes();
    }
    let built = started.elapsed().as_secs_f64();
    let after = resident_bytes();
    let per_endpoint = after.saturating_sub(before) as f64 / count as f64;
    println!("endpoints: {count}");
    println!("build (upsert, batches of 100): {built:.2} s");
    println!(
        "resident: {:.1} MiB before, {:.1} MiB after, {:.1} MiB for the endpoints",
        mib(before),
        mib(after),
        mib(after.saturating_sub(before))
    );
    println!("resident memory per stored endpoint: {per_endpoint:.0} bytes");

    // platform = iOS AND country in [US, CA] AND interests contains "sci".
    let definition = json!({"Dimensions": {
        "Demographic": {"Platform": {"DimensionType": "INCLUSIVE", "Values": ["iOS"]}},
        "Location": {"Country": {"DimensionType": "INCLUSIVE", "Values": ["US", "CA"]}},
        "Attributes": {"interests": {"AttributeType": "CONTAINS", "Values": ["sci"]}},
    }});
    let imported = Table::default();
    let none = |_: &str| -> Option<&[Value]> { None };
    let now = Utc::now();
    let ctx = Context { now, segments: &none, imported: &imported };
    let mut times = Vec::new();
    let mut matched = 0;
    for _ in 0..5 {
        let start = Instant::now();
        let filter = compile(&definition, &ctx);
        matched = record
            .endpoints
            .entries()
            .filter(|(id, e)| {
                filter.matches(&Candidate { id, endpoint: e, last_active: None }, now)
            })
            .count();
        times.push(start.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    println!("segment (3 dimensions) matched: {matched}");
    println!(
        "segment evaluation, 1 thread: best {:.3} s, median {:.3} s, worst {:.3} s",
        times[0], times[2], times[4]
    );

    if rows_round_trip {
        // What a start-up does after reading the rows: parse every body into a record.
        let started = Instant::now();
        let rows = record.rows();
        let dumped = started.elapsed().as_secs_f64();
        let bytes: usize = rows.iter().filter_map(|r| r.body.as_ref()).map(String::len).sum();
        println!(
            "rows: {} ({:.1} MiB of JSON bodies), serialized in {dumped:.2} s",
            rows.len(),
            mib(bytes as u64)
        );
        drop(record);
        let started = Instant::now();
        let mut restored = ProjectRecord::new(app, settings);
        for row in &rows {
            restored.apply(row).expect("a stored row reads back");
        }
        let applied = started.elapsed().as_secs_f64();
        println!("rows applied into a fresh record (JSON parse + insert): {applied:.2} s");
        println!(
            "resident with the rows and the restored record: {:.1} MiB",
            mib(resident_bytes())
        );
        assert_eq!(restored.endpoints.len() as u64, count);
    }
}
