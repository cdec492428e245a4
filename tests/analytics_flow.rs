//! Whole-app flows of issue 17 part B in demo mode: the Analytics dashboard counts the SMS a
//! flow just sent and writes them to CSV (a typed path), its range is remembered; the OTP
//! tester sends a code (after its confirmation), reads it from the outbox and verifies it
//! (then not again); RemoveAttributes after its confirmation takes the name out of the
//! suggestions; the voice channel saves and shows in the GetChannels overview.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::time::Duration;

use common::{demo_app, open_demo_project, type_into, wait_until};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pinpoint_console::drafts::analytics::Preset;
use pinpoint_console::ui::ConsoleApp;

const WAIT: Duration = Duration::from_secs(20);
const SMS_DELIVERED: &str = "txn-sms-delivered-grouped-by-date";

fn sms_delivered(harness: &Harness<'_, ConsoleApp>) -> Option<f64> {
    harness.state().project.analytics.view.total(SMS_DELIVERED)
}

fn open_analytics(harness: &mut Harness<'_, ConsoleApp>) {
    harness.get_by_label("Analytics").click();
    wait_until(harness, "the KPIs", WAIT, |h| sms_delivered(h).is_some());
}

#[test]
fn the_dashboard_counts_what_was_sent_and_exports_it() {
    let mut harness = demo_app([1280.0, 2400.0], None);
    open_demo_project(&mut harness, "Acme Retail (iOS)");
    open_analytics(&mut harness);
    let before = sms_delivered(&harness).unwrap();
    // Every chosen KPI answered (none failed) and the funnel has its stages.
    assert!(harness.state().project.analytics.view.shown.iter().all(|s| s.result.is_ok()));
    // Its total and its chart are both titled.
    assert_eq!(harness.query_all_by_label("Transactional SMS delivered").count(), 2);

    // Three SMS, one to an address that is not a phone number.
    harness.get_by_label("Messaging").click();
    harness.run_ok();
    type_into(&mut harness, "Recipients", "+12065550181\n+12065550182\nnot-a-number");
    type_into(&mut harness, "SMS body", "Your parcel is on its way");
    harness.get_by_label("Send").click();
    harness.run_ok();
    harness.get_by_label("Send to 3 recipients").click();
    wait_until(&mut harness, "the results", WAIT, |h| h.state().project.messaging.note.is_some());
    let delivered =
        harness.state().project.messaging.rows.iter().filter(|r| r.status == "SUCCESSFUL").count();
    assert_eq!(delivered, 2);

    // The dashboard, refreshed, counts exactly those two.
    harness.get_by_label("Analytics").click();
    harness.run_ok();
    harness.get_by_label("Refresh").click();
    wait_until(&mut harness, "the new count", WAIT, |h| {
        sms_delivered(h).is_some_and(|n| n > before)
    });
    #[allow(clippy::cast_precision_loss)]
    let expected = before + delivered as f64;
    assert!((sms_delivered(&harness).unwrap() - expected).abs() < f64::EPSILON);
    let shown = harness.state().project.analytics.view.total("txn-sms-sent-grouped-by-date");
    assert_eq!(shown, Some(expected), "sent equals delivered on the mock");

    // CSV through a typed path: a header, then a row per day of the range (7 by default).
    let path = std::env::temp_dir().join(format!("analytics-flow-{}.csv", std::process::id()));
    type_into(&mut harness, "Export as CSV", path.to_str().unwrap());
    harness.get_by_label("Export CSV").click();
    wait_until(&mut harness, "the CSV", WAIT, |h| {
        matches!(h.state().project.analytics.csv_note, Some(Ok(_)))
    });
    let csv = std::fs::read_to_string(&path).unwrap();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(header[0], "date");
    let column = header.iter().position(|h| *h == SMS_DELIVERED).unwrap();
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 7);
    let today = chrono::Utc::now().date_naive().format("%Y-%m-%d").to_string();
    let last = rows.last().unwrap();
    assert_eq!(last[0], today);
    let sum: f64 = rows.iter().map(|r| r[column].parse::<f64>().unwrap()).sum();
    assert!((sum - expected).abs() < f64::EPSILON, "the CSV's column adds up to the total");
    std::fs::remove_file(&path).unwrap();

    // The range is remembered (egui's persisted memory).
    harness.get_by_label("Last 14 days").click();
    harness.run_ok();
    let remembered = pinpoint_console::ui::analytics::remembered(&harness.ctx);
    assert_eq!(remembered.preset, Preset::Days14);
    // A custom range past the service's 31 days is refused at its field, nothing asked.
    harness.get_by_label("Custom").click();
    harness.run_ok();
    type_into(&mut harness, "Start (UTC)", "2026-01-01");
    type_into(&mut harness, "End (UTC, included)", "2026-03-01");
    harness.get_by_label("Refresh").click();
    harness.run_ok();
    assert!(harness.query_by_label_contains("The service answers at most 31 days").is_some());
}

#[test]
fn an_otp_is_sent_after_its_confirmation_and_verified_once() {
    let mut harness = demo_app([1280.0, 1400.0], None);
    open_demo_project(&mut harness, "Acme Retail (iOS)");
    harness.get_by_label("Messaging").click();
    harness.run_ok();
    harness.get_by_label("One-time password").click();
    harness.run_ok();
    // Empty and out-of-bounds fields are named at their place; nothing is sent.
    type_into(&mut harness, "Code length", "9");
    harness.get_by_label("Send code…").click();
    harness.run_ok();
    assert!(harness.query_by_label("Enter a whole number from 5 to 8.").is_some());
    assert!(harness.query_by_label("Use 1 to 20 characters (0 now).").is_some());
    assert!(!harness.state().project.messaging.otp.confirm);

    harness.get_by_label("Code length").focus();
    harness.run_ok();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.key_press(egui::Key::Backspace);
    harness.run_ok();
    type_into(&mut harness, "Code length", "7");
    type_into(&mut harness, "Phone", "+12065550142");
    type_into(&mut harness, "Sender (origination)", "+18555550142");
    type_into(&mut harness, "Brand name", "ExampleCorp");
    harness.get_by_label("Send code…").click();
    harness.run_ok();
    assert!(harness.query_by_label("Send a code to +12065550142?").is_some());
    harness.get_by_label("Send the code").click();
    wait_until(&mut harness, "the code from the outbox", WAIT, |h| {
        h.state().project.messaging.otp.outbox_code.is_some()
    });
    let code = harness.state().project.messaging.otp.outbox_code.clone().unwrap();
    assert_eq!(code.len(), 7);
    assert_eq!(harness.state().project.messaging.otp.sent.as_ref().unwrap().status, "SUCCESSFUL");
    assert!(harness.query_by_label(&format!("The outbox received the code {code}.")).is_some());

    type_into(&mut harness, "Code", &code);
    harness.get_by_label("Verify").click();
    wait_until(&mut harness, "the verification", WAIT, |h| {
        h.state().project.messaging.otp.verified.is_some()
    });
    assert_eq!(harness.state().project.messaging.otp.verified, Some(true));
    assert!(harness.query_by_label("Valid: the code matches and has not expired.").is_some());
    // A code is good once.
    harness.get_by_label("Verify").click();
    wait_until(&mut harness, "the second verification", WAIT, |h| {
        h.state().project.messaging.otp.verified == Some(false)
    });
    assert!(harness.query_by_label_contains("Not valid").is_some());
}

#[test]
fn remove_attributes_asks_first_then_the_name_is_gone_and_voice_saves() {
    let mut harness = demo_app([1280.0, 1400.0], None);
    open_demo_project(&mut harness, "Acme Retail (iOS)");
    harness.get_by_label("Audience").click();
    harness.run_ok();
    harness.get_by_label("Remove attributes").click();
    wait_until(&mut harness, "the names seen", WAIT, |h| {
        h.state().project.audience.remove.suggestions().contains(&"interests".to_owned())
    });
    harness.get_by_label("interests").click();
    harness.run_ok();
    assert_eq!(harness.state().project.audience.remove.names, "interests");
    harness.get_by_label("Remove…").click();
    harness.run_ok();
    assert!(harness.query_by_label("Remove 1 endpoint attributes?").is_some());
    assert!(harness.query_by_label_contains("Every endpoint of this project that has").is_some());
    // Cancel sends nothing.
    harness.get_by_label("Cancel").click();
    harness.run_ok();
    assert!(harness.state().project.audience.remove.confirm.is_none());
    harness.get_by_label("Remove…").click();
    harness.run_ok();
    harness.get_by_label("Remove from every endpoint that has it").click();
    wait_until(&mut harness, "the removal and the names seen again", WAIT, |h| {
        let form = &h.state().project.audience.remove;
        h.state().project.audience.note(pinpoint_console::ui::audience::Tab::Attributes).is_some()
            && form.seen.is_some()
            && !form.suggestions().contains(&"interests".to_owned())
    });
    assert!(harness.query_by_label_contains("Removed interests from every endpoint").is_some());

    // The voice channel: its form (Enabled) saves, and the overview lists it.
    harness.get_by_label("Channels").click();
    wait_until(&mut harness, "the channels", WAIT, |h| h.state().project.channels.list.is_some());
    wait_until(&mut harness, "the overview", WAIT, |h| {
        h.state().project.channels.overview.is_some()
    });
    let voice = |h: &Harness<'_, ConsoleApp>| {
        h.state()
            .project
            .channels
            .overview
            .as_ref()
            .and_then(|o| o.as_ref().ok())
            .and_then(|rows| rows.iter().find(|r| r.channel == "VOICE").cloned())
    };
    assert!(voice(&harness).is_none(), "no voice channel in the demo data");
    harness.get_by_label("Voice channel").click();
    harness.run_ok();
    harness.get_by_label("Save channel").click();
    wait_until(&mut harness, "the voice channel in the overview", WAIT, |h| voice(h).is_some());
    assert_eq!(harness.state().project.channels.note.as_deref(), Some("Saved the Voice channel."));
    let row = voice(&harness).unwrap();
    assert!(row.enabled);
    assert!(harness.query_by_label("VOICE").is_some());
}

#[test]
fn a_campaign_has_its_kpis_through_the_same_charts() {
    let mut harness = demo_app([1280.0, 1400.0], None);
    open_demo_project(&mut harness, "Acme Retail (iOS)");
    harness.get_by_label("Campaigns").click();
    wait_until(&mut harness, "the campaigns", WAIT, |h| {
        h.state().project.campaigns.campaigns.as_ref().is_some_and(|c| !c.is_empty())
    });
    harness.get_by_label("Welcome series").click();
    wait_until(&mut harness, "the editor", WAIT, |h| h.query_by_label("KPIs").is_some());
    harness.get_by_label("KPIs").click();
    wait_until(&mut harness, "the campaign's KPIs", WAIT, |h| {
        h.state().project.campaigns.editor.as_ref().is_some_and(|e| e.kpis.range.is_some())
    });
    let editor = harness.state().project.campaigns.editor.as_ref().unwrap();
    let id = editor.campaign_id.clone().unwrap();
    assert_eq!(
        editor.kpis.level,
        Some(pinpoint_console::drafts::analytics::KpiLevel::Campaign(id))
    );
    assert_eq!(editor.kpis.shown.len(), 2);
    assert!(editor.kpis.shown.iter().all(|s| s.result.is_ok()), "{:?}", editor.kpis.shown);
    assert_eq!(editor.kpis.range.unwrap().days().count(), 31, "31 days by default");
    // Labelled as the campaign's own (the same name is a project KPI too).
    assert_eq!(editor.kpis.shown[0].def.label, "Deliveries (unique endpoints)");
}
