//! Helpers shared by the integration tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use pinpoint_console::api::connection::build_client;
use pinpoint_console::api::{ConnectionSpec, Timeouts};
use pinpoint_console::mock::MockServer;
use pinpoint_console::mock::backend::Backend;
use pinpoint_console::mock::clock::ManualClock;
use pinpoint_console::mock::demo::{self, Seed};

/// Timeouts short enough for tests, long enough for a loaded two-core machine.
pub fn test_timeouts() -> Timeouts {
    Timeouts {
        connect: Duration::from_secs(2),
        attempt: Duration::from_secs(5),
        operation: Duration::from_secs(10),
        max_attempts: 1,
    }
}

/// Starts a mock on 127.0.0.1:0 with the given data set.
pub async fn start_mock(seed: Seed) -> MockServer {
    let backend = Arc::new(Backend::default());
    demo::seed(&backend, seed).unwrap();
    MockServer::start(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), backend).await.unwrap()
}

/// The real SDK client pointed at a mock.
pub async fn sdk_client(server: &MockServer) -> aws_sdk_pinpoint::Client {
    let spec =
        ConnectionSpec::Custom { endpoint_url: server.endpoint_url(), region: None, profile: None };
    build_client(&spec, None, test_timeouts(), None).await.unwrap().0
}

/// A mock on a socket at a manual clock set to `at`, an SDK client for it and a new project
/// named `name` (its id), for the SDK tests that move the mock's time.
pub async fn clocked_project(
    at: chrono::DateTime<chrono::Utc>,
    name: &str,
) -> (MockServer, aws_sdk_pinpoint::Client, Arc<ManualClock>, String) {
    let clock = Arc::new(ManualClock::new(at));
    let backend = Arc::new(Backend::new(clock.clone(), "us-east-1"));
    let server =
        MockServer::start(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), backend).await.unwrap();
    let client = sdk_client(&server).await;
    let request = aws_sdk_pinpoint::types::CreateApplicationRequest::builder().name(name).build();
    let created = client.create_app().create_application_request(request).send().await.unwrap();
    let app = created.application_response().unwrap().id().unwrap().to_owned();
    (server, client, clock, app)
}

/// Steps the harness until `done` holds, failing after `limit`.
pub fn wait_until<S>(
    harness: &mut egui_kittest::Harness<'_, S>,
    what: &str,
    limit: Duration,
    mut done: impl FnMut(&mut egui_kittest::Harness<'_, S>) -> bool,
) {
    let start = Instant::now();
    loop {
        harness.step();
        if done(harness) {
            harness.run_ok();
            return;
        }
        assert!(start.elapsed() < limit, "timed out after {limit:?} waiting for {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Types into a field found by its label (text and password fields alike).
pub fn type_into<S>(harness: &mut egui_kittest::Harness<'_, S>, label: &str, text: &str) {
    use egui_kittest::kittest::Queryable;
    harness.get_by_label(label).focus();
    harness.run_ok();
    harness.get_by_label(label).type_text(text);
    harness.run_ok();
}

/// Replaces a field's text: focus, select all, type over it.
pub fn retype<S>(harness: &mut egui_kittest::Harness<'_, S>, label: &str, text: &str) {
    use egui_kittest::kittest::Queryable;
    harness.get_by_label(label).focus();
    harness.run_ok();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run_ok();
    harness.get_by_label(label).type_text(text);
    harness.run_ok();
    assert_eq!(harness.get_by_label(label).value().as_deref(), Some(text));
}

/// The whole app in demo mode, in a harness of `size`, keeping drafts under `drafts` if given.
pub fn demo_app(
    size: [f32; 2],
    drafts: Option<&std::path::Path>,
) -> egui_kittest::Harness<'static, pinpoint_console::ui::ConsoleApp> {
    let drafts_dir = drafts.map(std::path::Path::to_path_buf);
    egui_kittest::Harness::builder().with_size(size).build_eframe(move |cc| {
        let options = pinpoint_console::ui::AppOptions {
            timeouts: test_timeouts(),
            drafts_dir: drafts_dir.clone(),
            ..pinpoint_console::ui::AppOptions::default()
        };
        pinpoint_console::ui::ConsoleApp::new(&cc.egui_ctx, options).unwrap()
    })
}

/// The whole app in demo mode keeping its world in `dir` (as the console does in the user's
/// data folder), and drafts under `drafts` if given.
pub fn kept_demo_app(
    dir: &std::path::Path,
    seed: Seed,
    drafts: Option<&std::path::Path>,
) -> egui_kittest::Harness<'static, pinpoint_console::ui::ConsoleApp> {
    let dir = dir.to_path_buf();
    let drafts_dir = drafts.map(std::path::Path::to_path_buf);
    egui_kittest::Harness::builder().with_size([1200.0, 760.0]).build_eframe(move |cc| {
        let options = pinpoint_console::ui::AppOptions {
            timeouts: test_timeouts(),
            demo: pinpoint_console::api::DemoSetup { seed, data_dir: Some(dir.clone()) },
            drafts_dir: drafts_dir.clone(),
            ..pinpoint_console::ui::AppOptions::default()
        };
        pinpoint_console::ui::ConsoleApp::new(&cc.egui_ctx, options).unwrap()
    })
}

/// A closed console's worker lets go of the demo's database shortly after its window closes.
pub fn wait_for_release(dir: &std::path::Path) {
    let start = Instant::now();
    while pinpoint_console::mock::store::sqlite::SqliteBacking::open(dir).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the closed console still holds the demo data"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Waits for the demo projects, selects `project` and waits for its section tabs.
pub fn open_demo_project(
    harness: &mut egui_kittest::Harness<'_, pinpoint_console::ui::ConsoleApp>,
    project: &str,
) {
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    let limit = Duration::from_secs(20);
    wait_until(harness, "the demo projects", limit, |h| {
        h.query_by_role_and_label(Role::Button, project).is_some()
    });
    harness.get_by_role_and_label(Role::Button, project).click();
    wait_until(harness, "the project", limit, |h| h.query_by_label("Audience").is_some());
}
