//! Benchmark: CPU time per frame of the all-endpoints table with 100,000 rows while it scrolls
//! (egui layout and tessellation, measured headless with egui_kittest; GPU time is not in it),
//! and the memory of the rows.
//!
//!   cargo bench --bench endpoints_table          (ROWS=N to change the count)
#![allow(clippy::expect_used)]

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pinpoint_console::api::EndpointRow;
use pinpoint_console::ui::endpoints_table::show;

fn resident_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| pages * 4096)
}

fn main() {
    let count: usize = std::env::var("ROWS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let before = resident_bytes();
    let rows: Vec<EndpointRow> = (0..count)
        .map(|i| EndpointRow {
            id: format!("ep-{i:06}"),
            channel: if i % 4 == 0 { "EMAIL".into() } else { "SMS".into() },
            address: format!("+1206{:07}", i % 10_000_000),
            user: format!("user-{}", i / 2),
            platform: ["iOS", "Android", "Web"][i % 3].into(),
            country: ["US", "DE", "FR", "JP"][i % 4].into(),
            opted_out: i % 17 == 0,
        })
        .collect();
    let bytes = resident_bytes().saturating_sub(before);
    let refs: Vec<&EndpointRow> = rows.iter().collect();
    let mut harness = Harness::builder().with_size([1200.0, 700.0]).build_ui(move |ui| {
        let _opened = show(ui, &refs);
    });
    harness.run_steps(3);
    assert!(
        harness.query_all_by_value("ep-000000").next().is_some(),
        "the first row shows before scrolling"
    );
    let mut times = Vec::new();
    let wheel = egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, -400.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: egui::Modifiers::NONE,
    };
    harness.event(egui::Event::PointerMoved(egui::pos2(400.0, 300.0)));
    for _ in 0..400 {
        harness.event(wheel.clone());
        let start = Instant::now();
        harness.step();
        times.push(start.elapsed());
    }
    // The table really scrolled: the first row is gone, rows far down are laid out.
    assert!(harness.query_all_by_value("ep-000000").next().is_none(), "the table did not scroll");
    let shown: Vec<String> = harness
        .query_all_by(|n| n.value().is_some_and(|v| v.starts_with("ep-")))
        .filter_map(|n| n.value())
        .collect();
    println!(
        "rows on screen after scrolling: {} … {}",
        shown.first().cloned().unwrap_or_default(),
        shown.last().cloned().unwrap_or_default()
    );
    times.sort();
    let mean = times.iter().sum::<Duration>() / u32::try_from(times.len()).expect("few frames");
    let p95 = times[times.len() * 95 / 100];
    println!("rows: {count}");
    println!(
        "frame CPU while scrolling (400 frames): mean {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        mean.as_secs_f64() * 1e3,
        p95.as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3
    );
    println!(
        "memory of the rows: {:.1} MB ({} bytes per row)",
        bytes as f64 / 1e6,
        bytes / count as u64
    );
}
