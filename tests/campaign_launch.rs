//! No surprise sends, whole app in demo mode: a new campaign starts tomorrow, not at its first
//! save; a save that would send now waits in a review (who, what, when) and nothing reaches the
//! mock until "Launch to N endpoints"; Cancel goes back to the editor with everything kept;
//! after the launch the activities follow the run without a click, and the refreshing stops
//! once the campaign completed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::time::Duration;

use common::{demo_app, open_demo_project, test_timeouts, type_into, wait_until};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pinpoint_console::api::ConnectionSpec;
use pinpoint_console::api::connection::build_client;
use pinpoint_console::api::mock_ext;
use pinpoint_console::ui::ConsoleApp;
use pinpoint_console::ui::tasks::Task;

const WAIT: Duration = Duration::from_secs(20);

/// What the mock holds: (campaigns of the project, messages in its outbox).
fn mock_counts(harness: &Harness<'_, ConsoleApp>) -> (usize, usize) {
    let url = harness.state().connection.info.clone().unwrap().endpoint_url.unwrap();
    let app_id = harness.state().projects.selected.clone().unwrap();
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let spec =
            ConnectionSpec::Custom { endpoint_url: url.clone(), region: None, profile: None };
        let (client, _) = build_client(&spec, None, test_timeouts(), None).await.unwrap();
        let campaigns = client.get_campaigns().application_id(&app_id).send().await.unwrap();
        let campaigns = campaigns.campaigns_response().unwrap().item().len();
        let query = [("application-id", app_id.clone()), ("limit", "500".to_owned())];
        let outbox = mock_ext::get(&url, "/_mock/outbox", &query).await.unwrap();
        (campaigns, outbox["Item"].as_array().map_or(0, Vec::len))
    })
}

fn editor(harness: &Harness<'_, ConsoleApp>) -> pinpoint_console::ui::campaigns::Editor {
    harness.state().project.campaigns.editor.clone().unwrap()
}

#[test]
fn a_send_now_waits_for_review_and_its_run_shows_by_itself() {
    let mut harness = demo_app([1300.0, 1600.0], None);
    open_demo_project(&mut harness, "Acme Retail (iOS)");
    harness.get_by_label("Campaigns").click();
    wait_until(&mut harness, "the campaigns and segments", WAIT, |h| {
        let app = h.state();
        app.project.campaigns.campaigns.is_some() && app.project.segments.segments.is_some()
    });
    let before = mock_counts(&harness);

    // A new campaign starts tomorrow at 09:00 (this computer's time), not when first saved.
    harness.get_by_label("+ New campaign").click();
    harness.run_ok();
    let schedule = editor(&harness).draft.schedule;
    assert!(!schedule.immediate, "{schedule:?}");
    let start = chrono::DateTime::parse_from_rfc3339(&schedule.start_time).unwrap();
    let local = start.with_timezone(&chrono::Local);
    assert_eq!(local.date_naive(), chrono::Local::now().date_naive().succ_opt().unwrap());
    assert_eq!(local.format("%H:%M").to_string(), "09:00");
    type_into(&mut harness, "Campaign name", "Flash sale");
    harness.get_by_label("SMS").click();
    harness.run_ok();
    type_into(&mut harness, "SMS body", "Hi {{User.UserAttributes.FirstName}}, 2 hours only!");

    // Told to start immediately, the first save opens the review; nothing is sent.
    harness.get_by_label("Schedule").click();
    harness.run_ok();
    harness.get_by_label("Immediately").click();
    harness.run_ok();
    harness.get_by_label("Create campaign").click();
    harness.run_ok();
    assert!(harness.query_by_label("Send “Flash sale” now?").is_some());
    wait_until(&mut harness, "the audience estimate", WAIT, |h| {
        h.query_by_label_contains("Launch to ").is_some()
    });
    let review = harness.state().project.campaigns.review.clone().unwrap();
    let size = review.size().unwrap();
    assert!(size > 0, "the first segment has endpoints");
    // Who, what, when.
    assert!(
        harness
            .query_by_label_contains(&format!(
                "(the mock's estimate; {size} of them can be messaged)"
            ))
            .is_some()
    );
    assert!(harness.query_by_label_contains(&format!("Segment “{}”", review.segment)).is_some());
    assert!(harness.query_by_label("The Control treatment's SMS message:").is_some());
    assert!(harness.query_by_label("Hi Alex, 2 hours only!").is_some(), "rendered");
    let when = "Once, immediately after saving. It starts sending as soon as it is saved.";
    assert!(harness.query_by_label(when).is_some());
    assert!(!harness.state().is_busy(Task::CampaignSave));
    assert_eq!(mock_counts(&harness), before, "nothing reached the mock");

    // Cancel: back to the editor, everything kept, still nothing sent.
    harness.get_by_label("Cancel").click();
    harness.run_ok();
    assert!(harness.state().project.campaigns.review.is_none());
    let kept = editor(&harness);
    assert_eq!(kept.campaign_id, None);
    assert_eq!(kept.draft.name, "Flash sale");
    assert!(kept.draft.schedule.immediate);
    assert_eq!(kept.draft.messages.sms.body, "Hi {{User.UserAttributes.FirstName}}, 2 hours only!");
    assert_eq!(mock_counts(&harness), before);

    // Launch: created once, sent once.
    harness.get_by_label("Create campaign").click();
    wait_until(&mut harness, "the estimate again", WAIT, |h| {
        h.query_by_label(&format!("Launch to {size} endpoints")).is_some()
    });
    harness.get_by_label(&format!("Launch to {size} endpoints")).click();
    wait_until(&mut harness, "the campaign created", WAIT, |h| {
        let e = h.state().project.campaigns.editor.as_ref().unwrap();
        assert!(e.save_error.is_none(), "{:?}", e.save_error);
        e.version == Some(1)
    });
    assert!(harness.state().project.campaigns.review.is_none());

    // The activities follow the run by themselves (no click), and the status ends COMPLETED.
    harness.get_by_label("Activities").click();
    wait_until(&mut harness, "the run's activities and the campaign completed", WAIT, |h| {
        let e = h.state().project.campaigns.editor.as_ref().unwrap();
        !e.activities.is_empty() && e.status.as_deref() == Some("COMPLETED")
    });
    assert!(harness.query_by_label("Total endpoints").is_some(), "the chart");
    let (campaigns, outbox) = mock_counts(&harness);
    assert_eq!(campaigns, before.0 + 1);
    assert!(outbox > before.1, "sent after the launch");
    // Done: no more refreshing.
    let done = editor(&harness);
    assert!(!pinpoint_console::ui::campaigns::is_running(&done, chrono::Utc::now()));
    assert!(harness.query_by_label("Pause campaign").is_none(), "nothing left to pause");
}
