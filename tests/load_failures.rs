//! Whole-app flow in demo mode: when the data of a Channels, Audience or Messaging pane fails
//! to load (a 500 injected with the mock's `/_mock/faults`), the pane says so in a plain
//! sentence with Retry, and Retry loads it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::time::Duration;

use common::{demo_app, open_demo_project, wait_until};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pinpoint_console::ui::ConsoleApp;
use serde_json::json;

const WAIT: Duration = Duration::from_secs(20);

/// Makes the next request whose path starts with `prefix` fail with a 500.
fn fail_next(harness: &Harness<'_, ConsoleApp>, prefix: &str) {
    let url = harness.state().connection.info.clone().unwrap().endpoint_url.unwrap();
    let rule = json!({"PathPrefix": prefix, "Status": 500, "Message": "Injected for the test"});
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        pinpoint_console::api::mock_ext::post(&url, "/_mock/faults", &rule).await.unwrap();
    });
}

fn retry_shows(harness: &mut Harness<'_, ConsoleApp>, headline: &str, what: &str) {
    wait_until(harness, what, WAIT, |h| h.query_by_label_contains(headline).is_some());
    let shown = harness.get_by_label_contains(headline).value().unwrap_or_default();
    assert!(shown.ends_with("Injected for the test."), "{shown}");
    harness.get_by_label("Retry").click();
    harness.run_ok();
}

#[test]
fn panes_that_cannot_load_say_so_and_retry() {
    let mut harness = demo_app([1200.0, 1000.0], None);
    open_demo_project(&mut harness, "Acme Retail (iOS)");
    let app_id = harness.state().projects.selected.clone().unwrap();

    // Channels.
    fail_next(&harness, &format!("/v1/apps/{app_id}/channels"));
    harness.get_by_label("Channels").click();
    retry_shows(&mut harness, "Could not load the channels.", "the channels' error panel");
    wait_until(&mut harness, "the channels", WAIT, |h| h.state().project.channels.list.is_some());
    assert!(harness.query_by_label_contains("Could not load").is_none());

    // Audience: every endpoint, then the event stream.
    harness.get_by_label("Audience").click();
    harness.run_ok();
    fail_next(&harness, &format!("/_mock/apps/{app_id}/endpoints"));
    harness.get_by_label("All endpoints").click();
    retry_shows(&mut harness, "Could not load the endpoints.", "the endpoints' error panel");
    wait_until(&mut harness, "the endpoints", WAIT, |h| h.state().project.audience.all.is_some());
    fail_next(&harness, &format!("/v1/apps/{app_id}/eventstream"));
    harness.get_by_label("Events").click();
    retry_shows(&mut harness, "Could not load the event stream.", "the stream's error panel");
    wait_until(&mut harness, "the event stream", WAIT, |h| {
        h.state().project.audience.stream_loaded.is_some()
    });
    assert!(harness.query_by_label_contains("Could not load").is_none());

    // Messaging: the outbox.
    harness.get_by_label("Messaging").click();
    harness.run_ok();
    fail_next(&harness, "/_mock/outbox");
    harness.get_by_label("Outbox").click();
    retry_shows(&mut harness, "Could not load the outbox.", "the outbox's error panel");
    wait_until(&mut harness, "the outbox", WAIT, |h| h.state().project.messaging.outbox.is_some());
    assert!(harness.query_by_label_contains("Could not load").is_none());
}
