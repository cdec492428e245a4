//! The campaign editor holds up, whole app in demo mode: its buttons keep their places (Revert
//! and errors coming and going move nothing; Delete stays apart at the right); "Saved … version
//! N" lasts only until the next edit, tab or the list; the heading names the campaign, a
//! completed one offers no Pause, and the editor opens on the channel holding the message; a
//! list that cannot load says so with Retry.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::time::Duration;

use common::{demo_app, open_demo_project, type_into, wait_until};
use egui::Rect;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use pinpoint_console::api::mock_ext;
use pinpoint_console::ui::ConsoleApp;

const WAIT: Duration = Duration::from_secs(20);

fn open_campaigns(harness: &mut Harness<'_, ConsoleApp>) {
    open_demo_project(harness, "Acme Retail (iOS)");
    harness.get_by_label("Campaigns").click();
    wait_until(harness, "the campaigns and segments", WAIT, |h| {
        let app = h.state();
        app.project.campaigns.campaigns.is_some() && app.project.segments.segments.is_some()
    });
}

fn rect(harness: &Harness<'_, ConsoleApp>, label: &str) -> Rect {
    harness.get_by_label(label).rect()
}

/// Creates a campaign through the form (its default start is tomorrow: no review).
fn create(harness: &mut Harness<'_, ConsoleApp>, name: &str) {
    harness.get_by_label("+ New campaign").click();
    harness.run_ok();
    type_into(harness, "Campaign name", name);
    harness.get_by_label("Create campaign").click();
    wait_until(harness, "the campaign created", WAIT, |h| {
        h.state().project.campaigns.editor.as_ref().is_some_and(|e| e.version == Some(1))
    });
}

/// Asks the demo mock to fail the next call of `operation` with a 500.
fn fail_next(harness: &Harness<'_, ConsoleApp>, operation: &str) {
    let url = harness.state().connection.info.clone().unwrap().endpoint_url.unwrap();
    let rule = serde_json::json!({"Operation": operation, "Status": 500, "Count": 1});
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        mock_ext::post(&url, "/_mock/faults", &rule).await.unwrap();
    });
}

#[test]
fn buttons_keep_their_places_and_delete_stands_apart() {
    let mut harness = demo_app([1300.0, 1600.0], None);
    open_campaigns(&mut harness);
    create(&mut harness, "Steady buttons");
    let places = |h: &Harness<'_, ConsoleApp>| {
        ["Save campaign", "Revert changes", "Delete campaign…", "Pause campaign"]
            .map(|l| rect(h, l))
    };
    let clean = places(&harness);
    let revert = harness.get_by_label("Revert changes");
    assert!(revert.accesskit_node().is_disabled(), "nothing to revert yet, but in its place");
    // Delete is at the far right, well away from the everyday buttons.
    assert!(clean[2].left() - clean[3].right() > 200.0, "{clean:?}");

    type_into(&mut harness, "Description", "a change");
    assert!(!harness.get_by_label("Revert changes").accesskit_node().is_disabled());
    assert_eq!(places(&harness), clean, "Revert enabled: nothing moved");
    harness.get_by_label("Revert changes").click();
    harness.run_ok();
    assert_eq!(places(&harness), clean, "after Revert, Delete is not where Revert was");

    // A refused save: the messages come under the bar, the buttons stay.
    type_into(&mut harness, "Holdout %", "lots");
    harness.get_by_label("Save campaign").click();
    harness.run_ok();
    assert!(harness.query_by_label_contains("field(s) need attention").is_some());
    assert_eq!(places(&harness), clean, "errors came: nothing moved");
    let message = harness.get_by_label_contains("field(s) need attention").rect();
    assert!(message.top() >= clean[0].bottom(), "under the bar");
    harness.get_by_label("Revert changes").click();
    harness.run_ok();
    assert!(harness.query_by_label_contains("field(s) need attention").is_none());
    assert_eq!(places(&harness), clean, "errors went: nothing moved");
}

#[test]
fn saved_lasts_until_the_next_edit_tab_or_the_list() {
    let mut harness = demo_app([1300.0, 1600.0], None);
    open_campaigns(&mut harness);
    create(&mut harness, "Short notice");
    let saved = |v: i32| format!("Saved “Short notice” · version {v}");
    assert!(harness.query_by_label(&saved(1)).is_some());

    // Another tab: gone, and not back when returning.
    harness.get_by_label("Schedule").click();
    harness.run_ok();
    assert!(harness.query_by_label(&saved(1)).is_none());
    harness.get_by_label("Messages").click();
    harness.run_ok();
    assert!(harness.query_by_label(&saved(1)).is_none());

    // An edit: gone.
    harness.get_by_label("Save campaign").click();
    wait_until(&mut harness, "version 2", WAIT, |h| h.query_by_label(&saved(2)).is_some());
    type_into(&mut harness, "Description", "x");
    assert!(harness.query_by_label(&saved(2)).is_none());

    // New errors: gone, never above them.
    harness.get_by_label("Save campaign").click();
    wait_until(&mut harness, "version 3", WAIT, |h| h.query_by_label(&saved(3)).is_some());
    type_into(&mut harness, "Holdout %", "lots");
    harness.get_by_label("Save campaign").click();
    harness.run_ok();
    assert!(harness.query_by_label(&saved(3)).is_none());
    assert!(harness.query_by_label_contains("field(s) need attention").is_some());

    // The list: not there.
    harness.get_by_label("Revert changes").click();
    harness.run_ok();
    harness.get_by_label("Save campaign").click();
    wait_until(&mut harness, "version 4", WAIT, |h| h.query_by_label(&saved(4)).is_some());
    harness.get_by_label("< All campaigns").click();
    wait_until(&mut harness, "the list", WAIT, |h| h.query_by_label("Short notice").is_some());
    assert!(harness.query_by_label_contains("Saved “").is_none());
}

#[test]
fn the_editor_names_the_campaign_and_opens_where_its_message_is() {
    let mut harness = demo_app([1300.0, 1600.0], None);
    open_campaigns(&mut harness);

    // An email campaign opens on its Email tab, its heading is its name, not its id.
    harness.get_by_label("Weekend trail picks").click();
    harness.run_ok();
    let editor = harness.state().project.campaigns.editor.clone().unwrap();
    assert_eq!(editor.channel, "EmailMessage");
    assert_eq!(harness.get_by_label("Subject").value().as_deref(), Some("Trails for this weekend"));
    let id = editor.campaign_id.unwrap();
    assert!(harness.query_by_label("Weekend trail picks").is_some(), "the heading");
    assert!(harness.query_by_label_contains(&format!("Campaign {id}")).is_none());
    assert!(harness.query_by_label("Pause campaign").is_some(), "scheduled: it can pause");

    // The demo's welcome campaign has run: nothing to pause.
    harness.get_by_label("< All campaigns").click();
    wait_until(&mut harness, "the list", WAIT, |h| h.query_by_label("Welcome series").is_some());
    harness.get_by_label("Welcome series").click();
    wait_until(&mut harness, "the campaign's state", WAIT, |h| {
        h.state()
            .project
            .campaigns
            .editor
            .as_ref()
            .is_some_and(pinpoint_console::ui::campaigns::Editor::is_completed)
    });
    assert!(harness.query_by_label("Pause campaign").is_none());
    assert!(harness.query_by_label("Resume campaign").is_none());
    assert!(harness.query_by_label_contains("COMPLETED").is_some(), "the heading says so");
}

#[test]
fn a_campaign_list_that_cannot_load_says_so_and_retries() {
    let mut harness = demo_app([1300.0, 1600.0], None);
    open_demo_project(&mut harness, "Acme Retail (iOS)");
    fail_next(&harness, "GetCampaigns");
    harness.get_by_label("Campaigns").click();
    wait_until(&mut harness, "the failure", WAIT, |h| {
        h.state().project.campaigns.list_error.is_some()
    });
    assert!(harness.query_by_label_contains("Could not load the campaigns.").is_some());
    assert!(harness.query_by_label("Details").is_some());
    harness.get_by_label("Retry").click();
    wait_until(&mut harness, "the list", WAIT, |h| h.query_by_label("Welcome series").is_some());
    assert!(harness.query_by_label_contains("Could not load the campaigns.").is_none());
}
