//! Whole-app flows of the Messaging section in demo mode: direct sends with per-recipient
//! statuses (an invalid address, an unconfigured push channel, an opted-out endpoint), each
//! send to more than one recipient reviewed and confirmed first (nothing reaches the outbox
//! before), a one-recipient test send going at once, the outbox showing what was delivered,
//! and the phone-number check.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::time::Duration;

use common::{demo_app, open_demo_project, type_into, wait_until};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pinpoint_console::ui::ConsoleApp;

const WAIT: Duration = Duration::from_secs(20);

fn clear(harness: &mut Harness<'_, ConsoleApp>, label: &str) {
    harness.get_by_label(label).focus();
    harness.run_ok();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.key_press(egui::Key::Backspace);
    harness.run_ok();
}

fn status_of(harness: &Harness<'_, ConsoleApp>, recipient: &str) -> String {
    harness
        .state()
        .project
        .messaging
        .rows
        .iter()
        .find(|r| r.recipient == recipient)
        .map(|r| r.status.clone())
        .unwrap_or_default()
}

#[test]
fn direct_sends_show_per_recipient_statuses_and_reach_the_outbox() {
    let mut harness = demo_app([1200.0, 2000.0], None);
    open_demo_project(&mut harness, "Acme Retail (iOS)");

    // A GCM channel, so a push can be delivered.
    harness.get_by_label("Channels").click();
    wait_until(&mut harness, "the channels", WAIT, |h| h.state().project.channels.list.is_some());
    harness.get_by_label("GCM channel").click();
    harness.run_ok();
    type_into(&mut harness, "API key", "AIza-test-key-1234");
    harness.get_by_label("Save channel").click();
    wait_until(&mut harness, "the GCM save", WAIT, |h| h.state().project.channels.note.is_some());
    harness.get_by_label("Messaging").click();
    harness.run_ok();

    // Nothing to send yet: refused inline, nothing sent.
    harness.get_by_label("Send").click();
    harness.run_ok();
    assert!(harness.query_by_label("Add at least one recipient").is_some());

    // Addresses: a good SMS number, a bad one, and a push token on a channel not configured.
    type_into(&mut harness, "Recipients", "+12065550123\nnot-a-number\ndevice-token-1,GCM");
    type_into(&mut harness, "SMS body", "Hi {{name}}, your code is {{code}}");
    harness.get_by_label("Push (all push channels)").click();
    harness.run_ok();
    type_into(&mut harness, "Push body", "Your order shipped");
    type_into(&mut harness, "Substitutions", "name=Ada\ncode=4711");
    type_into(
        &mut harness,
        "Per-recipient overrides",
        "device-token-1 | Shipped, {{name}}! | Order 42",
    );
    harness.get_by_label("Channel-specific push members").click();
    harness.run_ok();
    type_into(&mut harness, "Sound", "ping.caf");
    assert!(
        harness.query_by_label_contains("Hi Ada, your code is 4711").is_some(),
        "the preview resolves substitutions"
    );
    // More than one recipient: a review first (who, what, when), and nothing is sent.
    harness.get_by_label("Send").click();
    harness.run_ok();
    assert!(harness.query_by_label("Review before sending").is_some());
    assert!(harness.query_by_label("3 recipients: addresses (SMS 2, GCM 1)").is_some());
    assert!(harness.query_by_label_contains("+12065550123 (SMS)").is_some());
    assert!(harness.query_by_label("Hi Ada, your code is 4711").is_some(), "the rendered SMS");
    assert!(harness.query_by_label("Your order shipped").is_some(), "the rendered push");
    assert!(harness.query_by_label_contains("1 recipient has their own body").is_some());
    assert!(harness.query_by_label("Now, as soon as you confirm, in one request.").is_some());
    // Cancel goes back to the composer with everything kept.
    harness.get_by_label("Cancel").click();
    harness.run_ok();
    assert!(harness.state().project.messaging.review.is_none());
    let draft = harness.state().project.messaging.draft.clone();
    assert_eq!(draft.recipients, "+12065550123\nnot-a-number\ndevice-token-1,GCM");
    assert_eq!(draft.substitutions, "name=Ada\ncode=4711");
    // The mock delivered nothing.
    harness.get_by_label("Outbox").click();
    wait_until(&mut harness, "the outbox", WAIT, |h| h.state().project.messaging.outbox.is_some());
    let outbox = harness.state().project.messaging.outbox.clone().unwrap();
    assert!(
        !outbox.iter().any(|e| e.address == "+12065550123"),
        "sent before a confirm: {outbox:?}"
    );
    assert!(harness.state().project.messaging.rows.is_empty());
    harness.get_by_label("Compose").click();
    harness.run_ok();
    harness.get_by_label("Send").click();
    harness.run_ok();
    harness.get_by_label("Send to 3 recipients").click();
    wait_until(&mut harness, "the results", WAIT, |h| h.state().project.messaging.note.is_some());
    assert_eq!(status_of(&harness, "+12065550123"), "SUCCESSFUL");
    assert_eq!(status_of(&harness, "not-a-number"), "PERMANENT_FAILURE");
    assert_eq!(status_of(&harness, "device-token-1"), "SUCCESSFUL");
    assert!(harness.state().project.messaging.note.as_deref().unwrap().contains("2 of 3"));

    // Endpoint ids: one opted out, one unknown, one good.
    harness.get_by_label("Endpoint ids").click();
    harness.run_ok();
    clear(&mut harness, "Recipients");
    type_into(&mut harness, "Recipients", "ep-0-001\nep-0-017\nno-such-endpoint");
    harness.get_by_label("Send").click();
    harness.run_ok();
    assert!(harness.query_by_label("3 recipients: endpoint ids").is_some());
    harness.get_by_label("Send to 3 recipients").click();
    wait_until(&mut harness, "the endpoint results", WAIT, |h| {
        h.state().project.messaging.rows.iter().any(|r| r.recipient == "ep-0-017")
    });
    assert_eq!(status_of(&harness, "ep-0-001"), "SUCCESSFUL");
    assert_eq!(status_of(&harness, "ep-0-017"), "OPT_OUT");
    assert_eq!(status_of(&harness, "no-such-endpoint"), "PERMANENT_FAILURE");
    let csv = pinpoint_console::ui::messaging::csv_text(&harness.state().project.messaging.rows);
    assert!(csv.starts_with("recipient,endpoint,address,delivery_status"));
    assert_eq!(csv.lines().count(), 4);

    // One recipient is a test send: it goes at once, without a review.
    harness.get_by_label("Addresses").click();
    harness.run_ok();
    clear(&mut harness, "Recipients");
    type_into(&mut harness, "Recipients", "+12065550124");
    harness.get_by_label("Send").click();
    harness.run_ok();
    assert!(harness.state().project.messaging.review.is_none());
    wait_until(&mut harness, "the test send", WAIT, |h| {
        h.state().project.messaging.rows.iter().any(|r| r.recipient == "+12065550124")
    });

    // The outbox shows the rendered message.
    harness.get_by_label("Outbox").click();
    wait_until(&mut harness, "the outbox", WAIT, |h| h.state().project.messaging.outbox.is_some());
    let outbox = harness.state().project.messaging.outbox.clone().unwrap();
    assert!(
        outbox.iter().any(|e| e.address == "+12065550123" && e.body == "Hi Ada, your code is 4711"),
        "{outbox:?}"
    );
    assert!(outbox.iter().any(|e| e.endpoint_id.as_deref() == Some("ep-0-001")));
    let push = outbox.iter().find(|e| e.channel == "GCM").expect("the push is in the outbox");
    assert_eq!((push.title.as_deref(), push.body.as_str()), (Some("Order 42"), "Shipped, Ada!"));
    assert!(
        !outbox.iter().any(|e| e.endpoint_id.as_deref() == Some("ep-0-017")),
        "opted-out endpoints get nothing"
    );

    // Phone check.
    harness.get_by_label("Phone check").click();
    harness.run_ok();
    type_into(&mut harness, "Phone number", "+44 20 7946 0958");
    harness.get_by_label("Validate").click();
    wait_until(&mut harness, "the phone answer", WAIT, |h| {
        h.state().project.messaging.phone.is_some()
    });
    let phone = harness.state().project.messaging.phone.clone().unwrap();
    assert_eq!(phone.cleansed_phone_number_e164(), Some("+442079460958"));
    assert_eq!(phone.phone_type(), Some("LANDLINE"));
    assert!(harness.query_by_label("United Kingdom").is_some());
}
