//! Benchmark: loading the demo data set (demo mode does it at first start and on Reset), into
//! memory and into a new SQLite store (every write committed). Five runs each; it reports the
//! fastest, the median and the slowest.
//!
//!   cargo bench --bench demo_load
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use pinpoint_console::mock::backend::Backend;
use pinpoint_console::mock::clock::SystemClock;
use pinpoint_console::mock::demo;
use pinpoint_console::mock::store::sqlite::open_store;

const RUNS: usize = 5;

fn report(what: &str, mut took: Vec<Duration>) {
    took.sort();
    println!(
        "{what}: fastest {:?}, median {:?}, slowest {:?} ({RUNS} runs)",
        took[0],
        took[took.len() / 2],
        took[took.len() - 1]
    );
}

fn main() {
    let in_memory = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            let backend = Backend::default();
            demo::load(&backend, demo::DEMO_DATA).unwrap();
            started.elapsed()
        })
        .collect();
    report("demo::load in memory", in_memory);

    let into_sqlite = (0..RUNS)
        .map(|run| {
            let dir = std::env::temp_dir()
                .join(format!("pinpoint-demo-load-{}-{run}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            let started = Instant::now();
            let opened = open_store(&dir).unwrap();
            let backend =
                Backend::new(Arc::new(SystemClock), "us-east-1").with_store(Box::new(opened.store));
            demo::load(&backend, demo::DEMO_DATA).unwrap();
            let took = started.elapsed();
            drop(backend);
            let _removed = std::fs::remove_dir_all(&dir);
            took
        })
        .collect();
    report("demo::load into a new SQLite store", into_sqlite);
}
