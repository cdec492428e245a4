//! The UI keeps responding while the server black-holes a request, shows the dead connection
//! as such, and can switch to a working one.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::net::TcpListener;
use std::time::{Duration, Instant};

use common::wait_until;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pinpoint_console::api::{ConnectionSpec, Timeouts};
use pinpoint_console::ui::tasks::Task;
use pinpoint_console::ui::widgets::Light;
use pinpoint_console::ui::{AppOptions, ConsoleApp};

/// Accepts connections and never answers (keeps them open until the test ends).
fn black_hole() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming() {
            held.push(stream);
        }
    });
    format!("http://{addr}")
}

#[test]
fn a_black_holed_request_never_freezes_the_ui() {
    let endpoint_url = black_hole();
    let timeouts = Timeouts {
        connect: Duration::from_secs(1),
        attempt: Duration::from_millis(1500),
        operation: Duration::from_secs(3),
        max_attempts: 1,
    };
    let mut harness = Harness::builder().with_size([1200.0, 760.0]).build_eframe(move |cc| {
        let options = AppOptions {
            connection: ConnectionSpec::Custom { endpoint_url, region: None, profile: None },
            timeouts,
            ..AppOptions::default()
        };
        ConsoleApp::new(&cc.egui_ctx, options).unwrap()
    });
    wait_until(&mut harness, "the list request in flight", Duration::from_secs(10), |h| {
        h.state().is_busy(Task::ListApps)
    });

    // While the server holds the request, frames keep coming and the UI takes input.
    let started = Instant::now();
    let mut frames = 0;
    let mut slowest = Duration::ZERO;
    while started.elapsed() < Duration::from_millis(700) {
        let frame = Instant::now();
        harness.step();
        slowest = slowest.max(frame.elapsed());
        frames += 1;
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(harness.state().is_busy(Task::ListApps), "the request should still be pending");
    assert!(frames > 20, "only {frames} frames while waiting");
    assert!(slowest < Duration::from_millis(500), "a frame took {slowest:?}");
    assert!(harness.query_by_label("Loading projects…").is_some());
    harness.get_by_label("Connection…").click();
    harness.run_ok();
    assert!(harness.query_by_role_and_label(Role::TextInput, "Endpoint URL").is_some());

    // The timeout fires; the connection shows as unreachable with the reason.
    wait_until(&mut harness, "the timeout", Duration::from_secs(15), |h| {
        h.state().connection.light == Light::Offline
    });
    let problem = harness.state().connection.problem.clone().unwrap();
    assert_eq!(problem.kind, "Timeout", "{problem}");
    assert!(harness.query_by_label("unreachable").is_some());

    // Switch to the demo connection in the dialog: the list reloads.
    harness.get_by_label("Demo (embedded mock)").click();
    harness.run_ok();
    harness.get_by_role_and_label(Role::Button, "Connect").click();
    wait_until(&mut harness, "the demo projects", Duration::from_secs(20), |h| {
        h.query_by_role_and_label(Role::Button, "Acme Retail (iOS)").is_some()
    });
    assert_eq!(harness.state().connection.light, Light::Online);
}

#[test]
fn a_refused_connection_shows_as_unreachable() {
    // Bind and drop to get a port nobody listens on.
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let endpoint_url = format!("http://127.0.0.1:{port}");
    let mut harness = Harness::builder().with_size([1200.0, 760.0]).build_eframe(move |cc| {
        let options = AppOptions {
            connection: ConnectionSpec::Custom { endpoint_url, region: None, profile: None },
            timeouts: common::test_timeouts(),
            ..AppOptions::default()
        };
        ConsoleApp::new(&cc.egui_ctx, options).unwrap()
    });
    wait_until(&mut harness, "the failure", Duration::from_secs(15), |h| {
        h.state().connection.light == Light::Offline
    });
    let problem = harness.state().connection.problem.clone().unwrap();
    assert_eq!(problem.kind, "Unreachable", "{problem}");
    // One plain sentence in the main pane, not a raw error in a toast.
    harness.run_ok();
    let sentence = format!(
        "Could not load the project list. Could not connect to http://127.0.0.1:{port}: \
         connection refused."
    );
    assert!(harness.query_by_label(&sentence).is_some(), "{sentence}");
    assert!(
        harness.query_by_label("Is the server running? Retry, or change the connection.").is_some()
    );
    assert!(harness.state().toasts.texts().next().is_none(), "no toast for it");
    // The technical detail is one click away.
    harness.get_by_label("Details").click();
    harness.run_ok();
    assert!(harness.query_by_label_contains("Unreachable: ").is_some());
    // Retry asks again (and fails again: nothing listens there).
    harness.get_by_role_and_label(Role::Button, "Retry").click();
    harness.step();
    assert!(harness.state().is_busy(Task::ListApps));
    wait_until(&mut harness, "the retry's failure", Duration::from_secs(15), |h| {
        !h.state().is_busy(Task::ListApps)
    });
    assert!(harness.query_by_label(&sentence).is_some());
    // Change connection opens the dialog.
    harness.get_by_role_and_label(Role::Button, "Change connection…").click();
    harness.run_ok();
    assert!(harness.query_by_role_and_label(Role::TextInput, "Endpoint URL").is_some());
}
