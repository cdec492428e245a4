//! Benchmark: a project of 1,000,000 realistic endpoints (like the demo's), stored the way
//! the backend stores them (`upsert_endpoint` into the project's `Collection`, in batches of
//! 100 as UpdateEndpointsBatch does, each batch its own transaction). Reports the resident
//! memory per stored endpoint and the time to evaluate a three-dimension segment over all of
//! them. With `DATA_DIR`, it then stores the project in that data folder's SQLite database,
//! and a second run with `STARTUP` measures the start-up from it: `MemoryStore::durable` as
//! `pinpoint-mock --data-dir` runs it, or its SQLite read and JSON parse apart.
//!
//!   cargo bench --bench million                            (ENDPOINTS=N to change the count)
//!   DATA_DIR=/tmp/million cargo bench --bench million      (also writes the data folder)
//!   DATA_DIR=/tmp/million STARTUP=durable cargo bench --bench million
//!                                      (or STARTUP=split, stream: see `startup`)
//!
//! Linux only for the memory figures (`/proc/self/statm`).
#![allow(clippy::expect_used)]

use std::time::Instant;

use chrono::{Duration, TimeZone, Utc};
use pinpoint_console::mock::backend::upsert_endpoint;
use pinpoint_console::mock::clock::iso8601;
use pinpoint_console::mock::engine::segment::{Candidate, Context, compile};
use pinpoint_console::mock::store::sqlite::{DATABASE_FILE, SqliteBacking};
use pinpoint_console::mock::store::tracked::Table;
use pinpoint_console::mock::store::{Backing, MemoryStore, ProjectRecord, Row};
use pinpoint_console::mock::wire::{ApplicationResponse, ApplicationSettingsResource};
use serde_json::{Map, Value, json};

/// Resident bytes of this process (Linux: the second field of /proc/self/statm, in pages).
fn resident_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| pages * 4096)
}

/// CPU seconds this process has used, all threads (Linux: /proc/self/stat, 100 ticks a
/// second). On a busy machine it shows what a phase costs better than the wall clock.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which is in parentheses): utime and stime are 14 and 15.
    let rest = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let ticks: u64 =
        rest.split_whitespace().skip(11).take(2).filter_map(|v| v.parse::<u64>().ok()).sum();
    ticks as f64 / 100.0
}

/// Runs `f`, printing its wall and CPU time.
fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let (wall, cpu) = (Instant::now(), cpu_seconds());
    let value = f();
    println!("{what}: {:.2} s (CPU {:.2} s)", wall.elapsed().as_secs_f64(), cpu_seconds() - cpu);
    value
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

/// Start-up from a data folder, in the mode `STARTUP` names:
/// - `durable`: `MemoryStore::durable(SqliteBacking::open(..))`, as `pinpoint-mock --data-dir`
///   starts (run alone, so the resident figure is the start-up's own);
/// - `split`: the same steps timed one by one: `Backing::load` (the SQLite read, every row in
///   memory), then `StoredProject::into_record` (the JSON parse);
/// - `stream`: each row applied as SQLite reads it, so the rows' text is never all in memory.
fn startup(dir: &std::path::Path, mode: &str) {
    let before = resident_bytes();
    let records: Vec<ProjectRecord> = match mode {
        "durable" => {
            let store = timed("MemoryStore::durable(SqliteBacking::open(..))", || {
                MemoryStore::durable(Box::new(SqliteBacking::open(dir).expect("it opens")))
                    .expect("the store loads")
            });
            report_resident(before);
            drop(store);
            return;
        }
        "stream" => timed("SQLite read with each row applied as read", || streamed(dir)),
        _ => {
            let backing = SqliteBacking::open(dir).expect("the data folder opens");
            let projects = timed("SQLite read (Backing::load, every row)", || {
                backing.load().expect("the projects load")
            });
            let rows: usize = projects.iter().map(|p| p.rows.len()).sum();
            let bytes: usize = projects
                .iter()
                .flat_map(|p| &p.rows)
                .map(|r| r.key.len() + r.table.len() + r.body.as_ref().map_or(0, String::len))
                .sum();
            println!("  {rows} rows, {:.1} MiB of text", mib(bytes as u64));
            report_resident(before);
            timed("JSON parse (StoredProject::into_record)", || {
                projects.into_iter().map(|p| p.into_record().expect("rows read back")).collect()
            })
        }
    };
    let endpoints: usize = records.iter().map(|r| r.endpoints.len()).sum();
    println!("  {endpoints} endpoints");
    report_resident(before);
}

fn report_resident(before: u64) {
    let now = resident_bytes();
    println!(
        "  resident: {:.1} MiB more, {:.1} MiB in all",
        mib(now.saturating_sub(before)),
        mib(now)
    );
}

fn settings_of(app: &ApplicationResponse) -> ApplicationSettingsResource {
    ApplicationSettingsResource {
        application_id: app.id.clone(),
        ..ApplicationSettingsResource::default()
    }
}

/// Every project of the data folder, each row applied as SQLite reads it (the schema of
/// `store::sqlite`, read here directly).
fn streamed(dir: &std::path::Path) -> Vec<ProjectRecord> {
    let connection =
        rusqlite::Connection::open(dir.join(DATABASE_FILE)).expect("the database opens");
    let mut apps = connection.prepare("SELECT app FROM projects ORDER BY position").expect("sql");
    let apps: Vec<String> =
        apps.query_map([], |r| r.get(0)).expect("sql").collect::<Result<_, _>>().expect("sql");
    let mut select = connection
        .prepare("SELECT tbl, key, ord, body FROM project_rows WHERE project = ?1")
        .expect("sql");
    apps.iter()
        .map(|text| {
            let app: ApplicationResponse = serde_json::from_str(text).expect("a project");
            let mut record = ProjectRecord::new(app.clone(), settings_of(&app));
            let mut rows = select.query([&app.id]).expect("sql");
            while let Some(r) = rows.next().expect("sql") {
                let row = Row {
                    table: r.get(0).expect("tbl"),
                    key: r.get(1).expect("key"),
                    ord: r.get::<_, i64>(2).expect("ord") as u64,
                    body: Some(r.get(3).expect("body")),
                };
                record.apply(&row).expect("the row reads back");
            }
            record
        })
        .collect()
}

fn main() {
    let data_dir = std::env::var_os("DATA_DIR").map(std::path::PathBuf::from);
    if let (Some(dir), Ok(mode)) = (data_dir.as_deref(), std::env::var("STARTUP")) {
        startup(dir, &mode);
        return;
    }
    let count: u64 =
        std::env::var("ENDPOINTS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
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

    if let Some(dir) = data_dir {
        let backing = SqliteBacking::open(&dir).expect("the data folder opens");
        let started = Instant::now();
        let rows = record.rows();
        let dumped = started.elapsed().as_secs_f64();
        let started = Instant::now();
        let created = backing.create_project(&record.app, rows).expect("the project is stored");
        assert!(created, "{} holds this project already: use an empty folder", dir.display());
        println!(
            "stored in {}: rows serialized in {dumped:.2} s, written in {:.2} s",
            dir.display(),
            started.elapsed().as_secs_f64()
        );
    }
}
