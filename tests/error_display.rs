//! How the console shows the service's failures, driven through the mock's fault switch
//! (`/_mock/faults`): 429, 500 and 403 each read as one plain sentence with what to do next,
//! where the failure happened, and Retry works once the fault is spent.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::time::Duration;

use common::wait_until;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pinpoint_console::api::mock_ext;
use pinpoint_console::ui::ConsoleApp;
use pinpoint_console::ui::tasks::Task;
use serde_json::json;

const WAIT: Duration = Duration::from_secs(20);

/// Adds a fault rule to the demo mock the app is connected to.
fn inject(harness: &Harness<'_, ConsoleApp>, rule: &serde_json::Value) {
    let url = harness.state().connection.info.clone().unwrap().endpoint_url.unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(mock_ext::post(&url, "/_mock/faults", rule)).unwrap();
}

fn connected() -> Harness<'static, ConsoleApp> {
    let mut harness = common::demo_app([1200.0, 760.0], None);
    wait_until(&mut harness, "the demo projects", WAIT, |h| {
        h.query_by_role_and_label(Role::Button, "Acme Retail (iOS)").is_some()
    });
    harness
}

#[test]
fn a_throttled_project_list_says_so_and_retry_brings_it_back() {
    let mut harness = connected();
    inject(&harness, &json!({"Operation": "GetApps", "Status": 429, "Message": "Rate exceeded"}));
    harness.get_by_role_and_label(Role::Button, "Reload").click();
    wait_until(&mut harness, "the refusal", WAIT, |h| h.state().projects.load_error.is_some());
    assert!(harness.state().toasts.texts().next().is_none(), "no project open: no toast");
    let sentence = "Could not load the project list. The service is throttling requests: Rate \
                    exceeded.";
    assert!(harness.query_by_label(sentence).is_some());
    assert!(harness.query_by_label("Wait a few seconds, then retry.").is_some());
    harness.get_by_role_and_label(Role::Button, "Retry").click();
    wait_until(&mut harness, "the list again", WAIT, |h| {
        !h.state().is_busy(Task::ListApps) && h.state().projects.load_error.is_none()
    });
    assert!(harness.query_by_label(sentence).is_none(), "gone once the list loaded");
    assert!(harness.query_by_role_and_label(Role::Button, "Acme Retail (iOS)").is_some());
}

#[test]
fn a_failed_reload_over_an_open_project_is_a_plain_toast() {
    let mut harness = connected();
    common::open_demo_project(&mut harness, "Acme Retail (iOS)");
    inject(&harness, &json!({"Operation": "GetApps", "Status": 500, "Message": "Boom"}));
    harness.get_by_role_and_label(Role::Button, "Reload").click();
    wait_until(&mut harness, "the refusal", WAIT, |h| h.state().toasts.texts().next().is_some());
    let toast = harness.state().toasts.texts().next().unwrap().to_owned();
    assert_eq!(
        toast,
        "Could not reload the project list. The service failed while answering: Boom. Retry; if \
         it keeps failing, the server's log says why."
    );
    assert!(
        harness.query_by_label("Could not refresh this list; it may be out of date.").is_some()
    );
}

#[test]
fn forbidden_settings_say_what_to_check_and_retry_loads_them() {
    let mut harness = connected();
    inject(
        &harness,
        &json!({"Operation": "GetApplicationSettings", "Status": 403, "Message": "Denied"}),
    );
    common::open_demo_project(&mut harness, "Acme Retail (iOS)");
    wait_until(&mut harness, "the refusal", WAIT, |h| h.state().project.load_error.is_some());
    let sentence = "Could not load the project's settings. The service refused the credentials: \
                    Denied.";
    assert!(harness.query_by_label(sentence).is_some());
    assert!(
        harness
            .query_by_label("Check the connection's profile or access keys, then retry.")
            .is_some()
    );
    harness.get_by_label("Details").click();
    harness.run_ok();
    assert!(harness.query_by_label_contains("ForbiddenException: Denied").is_some());
    harness.get_by_role_and_label(Role::Button, "Retry").click();
    wait_until(&mut harness, "the settings", WAIT, |h| h.state().project.loaded.is_some());
    assert!(harness.query_by_label("Daily limit").is_some());
}
