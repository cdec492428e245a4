//! Benchmark: evaluate a segment group with three dimensions over 1,000,000 generated
//! endpoints, stored as the mock stores them. Reports the evaluation time (best of 5, one
//! core) and the resident memory per stored endpoint.
//!
//!   cargo bench --bench segment_eval            (ENDPOINTS=N to change the count)
#![allow(clippy::expect_used)]

use std::time::Instant;

use chrono::Utc;
use pinpoint_console::mock::engine::segment::{Candidate, Context, compile};
use pinpoint_console::mock::store::Collection;
use pinpoint_console::mock::store::tracked::Table;
use pinpoint_console::mock::wire::Endpoint;
use serde_json::{Value, json};

fn resident_bytes() -> u64 {
    // Linux: the second field of /proc/self/statm is resident pages.
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| pages * 4096)
}

fn endpoint(i: u64) -> Value {
    let platforms = ["iOS", "Android", "Web"];
    let countries = ["US", "DE", "FR", "JP", "BR", "IN"];
    let interests = ["science", "hiking", "news", "music", "travel"];
    json!({
        "Id": format!("ep-{i}"),
        "ApplicationId": "bench",
        "ChannelType": if i.is_multiple_of(4) { "EMAIL" } else { "SMS" },
        "Address": format!("+1206{:07}", i % 10_000_000),
        "CohortId": (i % 100).to_string(),
        "OptOut": "NONE",
        "EndpointStatus": "ACTIVE",
        "CreationDate": "2026-11-26T00:00:00.000Z",
        "EffectiveDate": "2026-11-26T00:00:00.000Z",
        "Demographic": {"Platform": platforms[(i % 3) as usize], "AppVersion": "2.1", "Timezone": "America/New_York"},
        "Location": {"Country": countries[(i % 6) as usize], "City": "Springfield"},
        "Attributes": {"interests": [interests[(i % 5) as usize], interests[((i / 5) % 5) as usize]]},
        "Metrics": {"score": (i % 10) as f64},
        "User": {"UserId": format!("user-{}", i / 2), "UserAttributes": {"tier": [if i.is_multiple_of(7) { "gold" } else { "basic" }]}},
    })
}

fn main() {
    let count: u64 =
        std::env::var("ENDPOINTS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let before = resident_bytes();
    let mut store: Collection<Endpoint> = Collection::default();
    for i in 0..count {
        let typed: Endpoint =
            serde_json::from_value(endpoint(i)).expect("a generated endpoint is valid");
        store.insert(&format!("ep-{i}"), typed);
    }
    let after = resident_bytes();
    let per_endpoint = after.saturating_sub(before) as f64 / count as f64;

    let definition = json!({"SegmentGroups": {"Include": "ALL", "Groups": [{"Type": "ALL", "Dimensions": [
        {"Demographic": {"Platform": {"DimensionType": "INCLUSIVE", "Values": ["iOS", "Android"]}}},
        {"Location": {"Country": {"DimensionType": "EXCLUSIVE", "Values": ["JP"]}}},
        {"Attributes": {"interests": {"AttributeType": "CONTAINS", "Values": ["sci"]}}},
    ]}]}});
    let imported = Table::default();
    let none = |_: &str| -> Option<&[Value]> { None };
    let now = Utc::now();
    let ctx = Context { now, segments: &none, imported: &imported };
    let mut best = f64::MAX;
    let mut matched = 0;
    for _ in 0..5 {
        let start = Instant::now();
        let filter = compile(&definition, &ctx);
        matched = store
            .iter()
            .filter(|e| {
                filter.matches(&Candidate { id: e.id(), endpoint: e, last_active: None }, now)
            })
            .count();
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!("endpoints: {count}");
    println!("matched: {matched}");
    println!("evaluation (group of 3 dimensions, best of 5, 1 thread): {best:.3} s");
    println!("resident memory per stored endpoint: {per_endpoint:.0} bytes");
}
