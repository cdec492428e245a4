//! Benchmark: CPU time per frame of the Analytics dashboard (range bar, KPI picker, export row,
//! totals, funnel and a chart per KPI) with a year of daily rows for six KPIs, the pointer
//! over a chart so its hover label is drawn too (egui layout and tessellation, headless with
//! egui_kittest; GPU time is not in it). The target is under 4 ms.
//!
//!   cargo bench --bench dashboard_frame          (FRAMES=N to change the count)
#![allow(clippy::expect_used)]

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use egui_kittest::Harness;
use pinpoint_console::drafts::analytics::{AnalyticsPrefs, DateRange, KpiLevel, KpiSeries};
use pinpoint_console::ui::analytics::{AnalyticsScreen, show};
use pinpoint_console::ui::kpi_view::KpiView;

const KPIS: [&str; 6] = [
    "unique-deliveries-grouped-by-date",
    "txn-emails-sent-grouped-by-date",
    "txn-emails-delivered-grouped-by-date",
    "txn-emails-opened-grouped-by-date",
    "txn-emails-clicked-grouped-by-date",
    "txn-sms-sent-grouped-by-date",
];

fn main() {
    let frames: usize = std::env::var("FRAMES").ok().and_then(|v| v.parse().ok()).unwrap_or(600);
    let first = NaiveDate::from_ymd_opt(2025, 12, 3).expect("a date");
    let range = DateRange { first, last: first + chrono::Duration::days(364) };
    let results = KPIS
        .iter()
        .enumerate()
        .map(|(k, name)| {
            let rows = range
                .days()
                .enumerate()
                .map(|(i, day)| {
                    (day.format("%Y-%m-%d").to_string(), ((i * 7 + k * 13) % 97) as f64)
                })
                .collect();
            ((*name).to_owned(), Ok(KpiSeries { name: (*name).to_owned(), rows }))
        })
        .collect();
    let prefs = AnalyticsPrefs {
        kpis: KPIS.iter().map(|k| (*k).to_owned()).collect(),
        ..AnalyticsPrefs::default()
    };
    let mut view = KpiView::new(KpiLevel::App, prefs);
    view.set(range, results);
    let days: usize = view.shown.iter().map(|s| s.daily.len()).sum();
    assert_eq!(days, 6 * 365, "a year of daily rows for six KPIs");
    let mut screen = AnalyticsScreen { view, started: true, ..AnalyticsScreen::default() };
    let mut harness = Harness::builder().with_size([1280.0, 1440.0]).build_ui(move |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            let _actions = show(ui, &mut screen, "the bench", &|_| false);
        });
    });
    harness.run_steps(3);
    {
        use egui_kittest::kittest::Queryable;
        // Each KPI has its total and its chart on screen.
        let titled = harness.query_all_by_label("Transactional SMS sent").count();
        assert_eq!(titled, 2, "the total and the chart of a KPI");
    }
    let mut times = Vec::with_capacity(frames);
    for i in 0..frames {
        // The pointer wanders over the first charts, so a hover label is drawn most frames.
        #[allow(clippy::cast_precision_loss, reason = "a few hundred frames")]
        let x = 40.0 + (i % 60) as f32 * 9.0;
        harness.event(egui::Event::PointerMoved(egui::pos2(x, 560.0)));
        let start = Instant::now();
        harness.step();
        times.push(start.elapsed());
    }
    times.sort();
    let mean = times.iter().sum::<Duration>() / u32::try_from(times.len()).expect("few frames");
    let p99 = times[times.len() * 99 / 100];
    println!(
        "dashboard: 6 KPIs × 365 daily rows, 1280×1440 (every chart on screen), {frames} frames"
    );
    println!(
        "frame CPU: mean {:.2} ms, p99 {:.2} ms, max {:.2} ms (target: under 4 ms)",
        mean.as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3
    );
}
