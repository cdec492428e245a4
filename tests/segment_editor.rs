//! The Segments section holds up, whole app in demo mode: the builder's buttons keep their
//! places and "Saved" lasts only until the next edit; a criterion the estimate leaves out says
//! so on its row; an import's problems show under the import's own fields (and go as soon as
//! they are fixed), not under the Export button; a job just started is brought on screen; a
//! list that cannot load says so with Retry.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::time::Duration;

use common::{demo_app, open_demo_project, type_into, wait_until};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use pinpoint_console::api::mock_ext;
use pinpoint_console::ui::ConsoleApp;

const WAIT: Duration = Duration::from_secs(20);

fn open_segments(harness: &mut Harness<'_, ConsoleApp>) {
    open_demo_project(harness, "Acme Retail (iOS)");
    harness.get_by_label("Segments").click();
    wait_until(harness, "the segments", WAIT, |h| h.state().project.segments.segments.is_some());
}

#[test]
fn buttons_keep_their_places_and_saved_lasts_until_the_next_edit() {
    let mut harness = demo_app([1400.0, 1600.0], None);
    open_segments(&mut harness);
    harness.get_by_label("iOS users").click();
    harness.run_ok();
    assert!(harness.query_by_label("iOS users").is_some(), "the heading names it");
    let places = |h: &Harness<'_, ConsoleApp>| {
        ["Save segment", "Revert changes", "Delete segment…"].map(|l| h.get_by_label(l).rect())
    };
    let clean = places(&harness);
    assert!(harness.get_by_label("Revert changes").accesskit_node().is_disabled());
    assert!(clean[2].left() - clean[1].right() > 200.0, "Delete stands apart: {clean:?}");
    type_into(&mut harness, "Segment name", " (all)");
    assert_eq!(places(&harness), clean);
    harness.get_by_label("Save segment").click();
    wait_until(&mut harness, "version 2", WAIT, |h| {
        h.query_by_label("Saved “iOS users (all)” · version 2").is_some()
    });
    assert_eq!(places(&harness), clean);
    type_into(&mut harness, "Segment name", "!");
    assert!(harness.query_by_label_contains("Saved “").is_none(), "an edit ends it");
    harness.get_by_label("Revert changes").click();
    harness.run_ok();
    assert_eq!(places(&harness), clean, "after Revert, Delete is not where Revert was");
}

#[test]
fn an_incomplete_criterion_says_it_is_not_counted() {
    let mut harness = demo_app([1400.0, 1600.0], None);
    open_segments(&mut harness);
    harness.get_by_label("+ New segment").click();
    harness.run_ok();
    // The first row has no value yet: left out of the estimate, and the row says so.
    let marker = "G1S1C1 not counted in the estimate until complete: Give at least one value";
    wait_until(&mut harness, "the marker", WAIT, |h| h.query_by_label(marker).is_some());
    type_into(&mut harness, "G1S1C1 values", "iOS");
    assert!(harness.query_by_label_contains("G1S1C1 not counted").is_none(), "complete: counted");
}

#[test]
fn import_problems_show_under_the_import_and_go_when_fixed() {
    let mut harness = demo_app([1400.0, 1600.0], None);
    open_segments(&mut harness);
    harness.get_by_label("Import & export").click();
    harness.run_ok();

    // Nothing chosen: the message is under the file field, and goes once a path is typed.
    harness.get_by_label("Start import").click();
    harness.run_ok();
    let problem = harness.get_by_label("Choose a file").rect();
    assert!(problem.top() >= harness.get_by_label("File to import").rect().bottom());
    assert!(problem.bottom() <= harness.get_by_label("Role ARN").rect().top());
    type_into(&mut harness, "File to import", "/nonexistent/pp-endpoints.csv");
    assert!(harness.query_by_label("Choose a file").is_none(), "fixed: gone");
    assert!(harness.query_by_label("Name the segment the import defines").is_some());
    type_into(&mut harness, "New segment name", "Never imported");
    assert!(harness.query_by_label("Name the segment the import defines").is_none());

    // A file that cannot be read: under the file field, not under the Export button.
    harness.get_by_label("Start import").click();
    wait_until(&mut harness, "the import refused", WAIT, |h| {
        h.state().project.segments.jobs_form.import_error.is_some()
    });
    let error = harness.get_by_label_contains("pp-endpoints.csv:").rect();
    assert!(error.top() >= harness.get_by_label("File to import").rect().bottom());
    assert!(error.bottom() <= harness.get_by_label("Role ARN").rect().top());
    assert!(error.bottom() <= harness.get_by_label("Start export").rect().top());
    // Another path: the old file's message goes.
    type_into(&mut harness, "File to import", "x");
    assert!(harness.query_by_label_contains("pp-endpoints.csv:").is_none());
}

#[test]
fn a_started_job_is_brought_on_screen() {
    let csv = std::env::temp_dir().join(format!("pp-job-{}.csv", uuid::Uuid::new_v4()));
    std::fs::write(&csv, "Id,ChannelType,Address\nkj-1,EMAIL,kj1@example.com\n").unwrap();
    let height = 520.0;
    let mut harness = demo_app([1200.0, height], None);
    open_segments(&mut harness);
    harness.get_by_label("Import & export").click();
    harness.run_ok();
    type_into(&mut harness, "File to import", &csv.display().to_string());
    type_into(&mut harness, "New segment name", "Scrolled import");
    harness.get_by_label("Start import").click();
    wait_until(&mut harness, "the job", WAIT, |h| {
        h.state().project.segments.jobs_form.started.is_some()
    });
    harness.run_ok();
    let row = harness.get_by_label("Import").rect();
    assert!(row.top() >= 0.0 && row.bottom() <= height, "the job row is on screen: {row:?}");
    let _ = std::fs::remove_file(csv);
}

#[test]
fn a_segment_list_that_cannot_load_says_so_and_retries() {
    let mut harness = demo_app([1400.0, 1600.0], None);
    open_demo_project(&mut harness, "Acme Retail (iOS)");
    let url = harness.state().connection.info.clone().unwrap().endpoint_url.unwrap();
    let rule = serde_json::json!({"Operation": "GetSegments", "Status": 500, "Count": 1});
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        mock_ext::post(&url, "/_mock/faults", &rule).await.unwrap();
    });
    harness.get_by_label("Segments").click();
    wait_until(&mut harness, "the failure", WAIT, |h| {
        h.state().project.segments.list_error.is_some()
    });
    assert!(harness.query_by_label_contains("Could not load the segments.").is_some());
    harness.get_by_label("Retry").click();
    wait_until(&mut harness, "the list", WAIT, |h| h.query_by_label("iOS users").is_some());
    assert!(harness.query_by_label_contains("Could not load the segments.").is_none());
}
