//! Whole-app flows of the Channels section in demo mode: a form's unsaved edits survive
//! switching to another channel, another section and another project (marked as unsaved in
//! the list, secrets kept in memory only, never in the persisted UI memory), until saved or
//! discarded; and a missing keyring is said in plain words only where a secret is involved.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::sync::Arc;
use std::time::Duration;

use common::{open_demo_project, test_timeouts, type_into, wait_until};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pinpoint_console::pinpoint::ChannelKind;
use pinpoint_console::secrets::MemoryStore;
use pinpoint_console::ui::{AppOptions, ConsoleApp};

const WAIT: Duration = Duration::from_secs(20);
const SANDBOX: &str = "Sandbox: QA Playground";
const OTHER: &str = "Acme Retail (iOS)";
const SECRET: &str =
    "-----BEGIN PRIVATE KEY-----\nMIGTAgEAMBMGByqGSM49-unsaved-s3cr3t\n-----END PRIVATE KEY-----";

fn app(secrets: Option<Arc<MemoryStore>>) -> Harness<'static, ConsoleApp> {
    Harness::builder().with_size([1200.0, 900.0]).build_eframe(move |cc| {
        let options = AppOptions {
            timeouts: test_timeouts(),
            secrets: secrets.clone().map(|s| s as Arc<dyn pinpoint_console::secrets::SecretStore>),
            ..AppOptions::default()
        };
        ConsoleApp::new(&cc.egui_ctx, options).unwrap()
    })
}

fn open_channels(harness: &mut Harness<'_, ConsoleApp>) {
    harness.get_by_label("Channels").click();
    wait_until(harness, "the channel list", WAIT, |h| h.state().project.channels.list.is_some());
}

fn value(harness: &Harness<'_, ConsoleApp>, member: &str) -> String {
    harness.state().project.channels.draft.as_ref().unwrap().value(member).to_owned()
}

#[test]
fn unsaved_channel_edits_survive_channels_sections_and_projects() {
    let mut harness = app(Some(Arc::new(MemoryStore::default())));
    open_demo_project(&mut harness, SANDBOX);
    open_channels(&mut harness);

    harness.get_by_label("SMS channel").click();
    harness.run_ok();
    type_into(&mut harness, "Sender id", "ACME");
    assert!(harness.query_by_label_contains("Unsaved edits").is_some());
    // Another channel: the SMS edits are kept, and the list says so.
    harness.get_by_label("Email channel").click();
    harness.run_ok();
    assert!(harness.state().project.channels.has_unsaved(ChannelKind::Sms));
    assert_eq!(harness.query_all_by_label_contains("unsaved edits ·").count(), 1);
    type_into(&mut harness, "From address", "news@example.com");
    harness.get_by_label("SMS channel").click();
    harness.run_ok();
    assert_eq!(value(&harness, "SenderId"), "ACME");
    assert!(harness.state().project.channels.has_unsaved(ChannelKind::Email));

    // Another section and back.
    harness.get_by_label("Settings").click();
    harness.run_ok();
    harness.get_by_label("Channels").click();
    harness.run_ok();
    assert_eq!(value(&harness, "SenderId"), "ACME");

    // A secret typed into APNs, then another project and back: the form is as it was left.
    harness.get_by_label("APNs channel").click();
    harness.run_ok();
    type_into(&mut harness, "Token key (.p8)", SECRET);
    harness.get_by_role_and_label(Role::Button, OTHER).click();
    harness.run_ok();
    open_channels(&mut harness);
    assert!(harness.state().project.channels.draft.is_none(), "the other project's channels");
    assert!(!harness.state().project.channels.has_unsaved(ChannelKind::Sms));
    harness.get_by_role_and_label(Role::Button, SANDBOX).click();
    wait_until(&mut harness, "the channels again", WAIT, |h| {
        h.state().project.channels.list.is_some()
    });
    assert_eq!(value(&harness, "TokenKey"), SECRET, "the open form comes back");
    assert_eq!(harness.query_all_by_label_contains("unsaved edits ·").count(), 3);
    let memory = harness.ctx.memory(|m| ron::to_string(m).expect("egui memory serializes"));
    assert!(!memory.contains("s3cr3t"), "a kept secret is in the persisted UI memory");

    // Saved: no longer unsaved. Discarded: back to what the service has.
    harness.get_by_label("SMS channel").click();
    harness.run_ok();
    assert_eq!(value(&harness, "SenderId"), "ACME");
    harness.get_by_label("Save channel").click();
    wait_until(&mut harness, "the SMS save", WAIT, |h| h.state().project.channels.note.is_some());
    assert!(!harness.state().project.channels.has_unsaved(ChannelKind::Sms));
    harness.get_by_label("Email channel").click();
    harness.run_ok();
    harness.get_by_label("Discard edits").click();
    harness.run_ok();
    assert_eq!(value(&harness, "FromAddress"), "");
    assert!(!harness.state().project.channels.has_unsaved(ChannelKind::Email));
    assert!(harness.state().project.channels.has_unsaved(ChannelKind::Apns));
}

#[test]
fn a_missing_keyring_is_said_only_where_a_secret_is_saved() {
    // No keyring was opened: the app's store answers "unavailable".
    let mut harness = app(None);
    open_demo_project(&mut harness, SANDBOX);
    open_channels(&mut harness);

    harness.get_by_label("SMS channel").click();
    harness.run_ok();
    type_into(&mut harness, "Sender id", "ACME");
    harness.get_by_label("Save channel").click();
    wait_until(&mut harness, "the SMS save", WAIT, |h| h.state().project.channels.note.is_some());
    assert_eq!(harness.state().project.channels.keyring, None, "SMS has no secret");
    assert!(harness.query_by_label_contains("keyring").is_none());

    harness.get_by_label("GCM channel").click();
    harness.run_ok();
    type_into(&mut harness, "API key", "AIza-test-key-1234");
    harness.get_by_label("Save channel").click();
    wait_until(&mut harness, "the GCM save", WAIT, |h| h.state().project.channels.note.is_some());
    assert!(
        harness
            .query_by_label(
                "Secrets cannot be saved on this computer: no keyring is available (no keyring \
                 was opened). The channel is saved on the service; its secrets will have to be \
                 typed again next time."
            )
            .is_some()
    );
}
