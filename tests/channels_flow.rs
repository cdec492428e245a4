//! Whole-app flow of the Channels section in demo mode: configure APNs by token key and SMS,
//! see them enabled with the secret not echoed by the service, re-open and find the secret in
//! the store, delete and see the secret gone. Then check that no secret reached the log, the
//! persisted UI memory or any file the run wrote.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{test_timeouts, type_into, wait_until};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pinpoint_console::secrets::{MemoryStore, SecretKey, SecretStore};
use pinpoint_console::ui::{AppOptions, ConsoleApp};

const WAIT: Duration = Duration::from_secs(20);
const TOKEN_KEY: &str =
    "-----BEGIN PRIVATE KEY-----\nMIGTAgEAMBMGByqGSM49-s3cr3t-token-key\n-----END PRIVATE KEY-----";

/// Collects everything the app logs.
#[derive(Clone, Default)]
struct LogSink(Arc<Mutex<Vec<u8>>>);

impl Write for LogSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn status(
    harness: &Harness<'_, ConsoleApp>,
    kind: pinpoint_console::mock::backend::ChannelKind,
) -> Option<pinpoint_console::api::ChannelInfo> {
    harness.state().project.channels.list.as_ref()?.iter().find(|(k, _)| *k == kind)?.1.clone()
}

#[test]
fn configure_reopen_and_delete_channels_with_secrets_in_the_store() {
    use pinpoint_console::mock::backend::ChannelKind;
    let logs = LogSink::default();
    let writer = logs.clone();
    tracing_subscriber::fmt()
        .with_env_filter(pinpoint_console::DEFAULT_LOG_FILTER)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .init();
    let store = Arc::new(MemoryStore::default());
    let for_app = Arc::clone(&store);
    let mut harness = Harness::builder().with_size([1200.0, 800.0]).build_eframe(move |cc| {
        let options = AppOptions {
            timeouts: test_timeouts(),
            secrets: Some(for_app),
            ..AppOptions::default()
        };
        ConsoleApp::new(&cc.egui_ctx, options).unwrap()
    });
    wait_until(&mut harness, "the demo projects", WAIT, |h| {
        h.query_by_role_and_label(Role::Button, "Sandbox: QA Playground").is_some()
    });
    harness.get_by_role_and_label(Role::Button, "Sandbox: QA Playground").click();
    harness.run_ok();
    harness.get_by_label("Channels").click();
    wait_until(&mut harness, "the channel list", WAIT, |h| {
        h.state().project.channels.list.is_some()
    });
    let app_id = harness.state().selected_app().unwrap().id.clone();

    // APNs by token key: the key alone is refused inline, nothing is sent.
    harness.get_by_label("APNs channel").click();
    harness.run_ok();
    type_into(&mut harness, "Token key (.p8)", TOKEN_KEY);
    harness.get_by_label("Save channel").click();
    harness.run_ok();
    assert!(harness.query_by_label_contains("TokenKeyId").is_some(), "inline refusal expected");
    type_into(&mut harness, "Key id", "ABC123DEFG");
    type_into(&mut harness, "Team id", "TEAM123456");
    type_into(&mut harness, "Bundle id", "com.example.shop");
    harness.get_by_label("Save channel").click();
    wait_until(&mut harness, "the APNs save", WAIT, |h| h.state().project.channels.note.is_some());
    let apns = status(&harness, ChannelKind::Apns).unwrap();
    assert!(apns.enabled && apns.has_credential && apns.has_token_key);
    assert!(apns.echoed.values().all(|v| !v.contains("s3cr3t")), "the service echoed a secret");
    let key = SecretKey {
        connection: "demo".into(),
        app_id: app_id.clone(),
        item: "channel/apns".into(),
    };
    let stored = store.get(&key).unwrap().expect("the secret is in the store");
    assert!(stored["TokenKey"].contains("s3cr3t-token-key"));
    assert_eq!(stored["TeamId"], "TEAM123456");

    // SMS with a sender id.
    harness.get_by_label("SMS channel").click();
    harness.run_ok();
    type_into(&mut harness, "Sender id", "ACME");
    harness.get_by_label("Save channel").click();
    wait_until(&mut harness, "the SMS save", WAIT, |h| status(h, ChannelKind::Sms).is_some());
    assert!(status(&harness, ChannelKind::Sms).unwrap().enabled);

    // Re-open APNs: the form is filled from the store (the service never returns the key).
    harness.get_by_label("APNs channel").click();
    wait_until(&mut harness, "the secrets from the store", WAIT, |h| {
        h.state()
            .project
            .channels
            .draft
            .as_ref()
            .is_some_and(|d| d.value("TokenKey").contains("s3cr3t"))
    });
    let draft = harness.state().project.channels.draft.clone().unwrap();
    assert_eq!(draft.value("TeamId"), "TEAM123456");
    assert_eq!(
        harness.query_all_by_label("Show").count(),
        3,
        "each secret is masked with a reveal button"
    );

    // Delete: the channel and its secret go.
    harness.get_by_label("Delete channel…").click();
    harness.run_ok();
    harness.get_by_label("Delete APNs channel").click();
    wait_until(&mut harness, "the delete", WAIT, |h| {
        status(h, ChannelKind::Apns).is_none()
            && !h.state().is_busy(pinpoint_console::ui::tasks::Task::DeleteChannel)
    });
    assert_eq!(store.get(&key).unwrap(), None, "the secret is gone from the store");

    // No secret anywhere the run wrote: the log, the UI memory eframe would persist, files.
    let log = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(log.contains("demo mock listening"), "the log was captured");
    assert!(!log.contains("s3cr3t-token-key"), "a secret reached the log");
    let memory = harness.ctx.memory(|m| ron::to_string(m).expect("egui memory serializes"));
    assert!(memory.len() > 10);
    assert!(!memory.contains("s3cr3t"), "a secret is in the persisted UI memory");
    let dir = std::env::temp_dir().join(format!("pinpoint-mock-{}", std::process::id()));
    for entry in walk(&dir) {
        let text = std::fs::read(&entry).unwrap_or_default();
        assert!(
            !String::from_utf8_lossy(&text).contains("s3cr3t-token-key"),
            "a secret is in {}",
            entry.display()
        );
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() { files.extend(walk(&path)) } else { files.push(path) }
    }
    files
}
