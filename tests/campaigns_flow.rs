//! Whole-app flows of the Campaigns section in demo mode: UI → worker → aws-sdk-pinpoint →
//! embedded mock. Create an A/B campaign with two treatments and a holdout (after the form
//! refuses 60 % + 50 %), see it in the list, edit it into version 2, diff the versions, read a
//! completed campaign's activities, and get an unsaved draft back after a restart.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::path::Path;
use std::time::Duration;

use common::{demo_app, open_demo_project, retype, test_timeouts, type_into, wait_until};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pinpoint_console::api::ConnectionSpec;
use pinpoint_console::api::connection::build_client;
use pinpoint_console::drafts::campaign::CampaignDraft;
use pinpoint_console::ui::ConsoleApp;

const WAIT: Duration = Duration::from_secs(20);

fn app(drafts: &Path) -> Harness<'static, ConsoleApp> {
    demo_app([1300.0, 1600.0], Some(drafts))
}

fn open_campaigns(harness: &mut Harness<'_, ConsoleApp>) {
    open_demo_project(harness, "Acme Retail (iOS)");
    harness.get_by_label("Campaigns").click();
    wait_until(harness, "the campaigns and segments", WAIT, |h| {
        h.state().project.campaigns.campaigns.is_some()
            && h.state().project.segments.segments.is_some()
    });
}

#[test]
fn an_ab_campaign_from_refusal_to_version_two_and_its_diff() {
    let drafts = std::env::temp_dir().join(format!("pp-campaign-drafts-{}", uuid::Uuid::new_v4()));
    let mut harness = app(&drafts);
    open_campaigns(&mut harness);
    assert!(harness.query_by_label("Welcome series").is_some());

    harness.get_by_label("+ New campaign").click();
    harness.run_ok();
    type_into(&mut harness, "Campaign name", "Kittest spring A/B");
    type_into(&mut harness, "Holdout %", "10");
    type_into(&mut harness, "Body", "Hello {{User.UserAttributes.FirstName}}");
    // The preview fills the placeholder from sample values, then from a chosen endpoint.
    assert!(harness.query_by_label("Hello Alex").is_some());
    type_into(&mut harness, "Endpoint", "ep-0-002");
    harness.get_by_label("Use endpoint").click();
    wait_until(&mut harness, "the endpoint of the preview", WAIT, |h| {
        h.query_by_label("Placeholders filled from endpoint ep-0-002").is_some()
    });
    harness.get_by_label("SMS").click();
    harness.run_ok();
    type_into(&mut harness, "SMS body", "Spring sale: 20% off today");
    assert!(harness.query_by_label("26 characters · 1 message part(s) · GSM-7").is_some());

    // Two treatments at 60 % and 50 % (plus the holdout): refused inline, nothing sent.
    harness.get_by_label("Treatments (A/B)").click();
    harness.run_ok();
    harness.get_by_label("+ Add treatment").click();
    harness.run_ok();
    harness.get_by_label("+ Add treatment").click();
    harness.run_ok();
    type_into(&mut harness, "Treatment 1 size %", "60");
    type_into(&mut harness, "Treatment 2 size %", "50");
    // A bad sender in treatment 1's email, then its messages folded away.
    harness.get_by_label("Messages of treatment 1").click();
    harness.run_ok();
    harness.get_by_label("Email").click();
    harness.run_ok();
    type_into(&mut harness, "From address", "not-an-email");
    harness.get_by_label("Messages of treatment 1").click();
    harness.run_ok();
    assert!(harness.query_by_label("From address").is_none());
    harness.get_by_label("Create campaign").click();
    harness.run_ok();
    // The folded part holding the error opens, with the message next to the field.
    assert!(harness.query_by_label("'not-an-email' is not an email address").is_some());
    assert_eq!(harness.get_by_label("From address").value().as_deref(), Some("not-an-email"));
    retype(&mut harness, "From address", "shop@example.com");
    let refusal = "Treatments and holdout add up to 120%: the segment has only 100%";
    assert!(harness.query_by_label(refusal).is_some());
    assert!(harness.state().project.campaigns.editor.as_ref().unwrap().campaign_id.is_none());
    assert!(!harness.state().is_busy(pinpoint_console::ui::tasks::Task::CampaignSave));
    // Nothing typed is lost.
    assert_eq!(harness.get_by_label("Treatment 2 size %").value().as_deref(), Some("50"));

    retype(&mut harness, "Treatment 1 size %", "30");
    retype(&mut harness, "Treatment 2 size %", "20");
    assert!(harness.query_by_label(refusal).is_none());
    harness.get_by_label("Create campaign").click();
    wait_until(&mut harness, "the campaign to be created", WAIT, |h| {
        let e = h.state().project.campaigns.editor.as_ref().unwrap();
        assert!(e.save_error.is_none(), "{:?}", e.save_error);
        assert!(e.errors.is_empty(), "{:?}", e.errors);
        e.version == Some(1)
    });
    let id =
        harness.state().project.campaigns.editor.as_ref().unwrap().campaign_id.clone().unwrap();
    let draft = harness.state().project.campaigns.editor.as_ref().unwrap().draft.clone();
    assert_eq!(draft.treatments.len(), 2);
    assert_eq!(draft.treatments[1].size, "20");
    assert_eq!(draft.holdout, "10");
    assert_eq!(draft.messages.sms.body, "Spring sale: 20% off today");

    // In the list.
    harness.get_by_label("< All campaigns").click();
    wait_until(&mut harness, "the list with the new campaign", WAIT, |h| {
        h.query_by_label("Kittest spring A/B").is_some()
            && h.state().project.campaigns.campaigns.as_ref().is_some_and(|c| c.len() == 3)
    });

    // Edit into version 2.
    harness.get_by_label("Kittest spring A/B").click();
    wait_until(&mut harness, "the editor", WAIT, |h| h.query_by_label("Holdout %").is_some());
    retype(&mut harness, "Holdout %", "5");
    // Ctrl+S (Cmd+S on macOS) saves like the button.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    wait_until(&mut harness, "version 2", WAIT, |h| {
        h.state().project.campaigns.editor.as_ref().is_some_and(|e| e.version == Some(2))
    });
    assert_eq!(
        harness.state().project.campaigns.editor.as_ref().unwrap().campaign_id.as_deref(),
        Some(id.as_str())
    );

    // The diff of version 1 and version 2 names the member and both values.
    harness.get_by_label("Versions").click();
    wait_until(&mut harness, "both versions", WAIT, |h| {
        h.state().project.campaigns.editor.as_ref().is_some_and(|e| e.versions.len() == 2)
    });
    harness.run_ok();
    assert!(harness.query_by_label("HoldoutPercent").is_some());
    assert!(harness.query_by_label("1 member(s) differ").is_some());

    // Pause from the header: a new version with IsPaused, and the button turns to Resume.
    harness.get_by_label("Pause campaign").click();
    wait_until(&mut harness, "version 3, paused", WAIT, |h| {
        h.state().project.campaigns.editor.as_ref().is_some_and(|e| e.version == Some(3))
    });
    assert!(harness.state().project.campaigns.editor.as_ref().unwrap().draft.paused);
    assert!(harness.query_by_label("Resume campaign").is_some());

    // JSON view and the CLI command are there to copy.
    harness.get_by_label("JSON").click();
    harness.run_ok();
    harness.get_by_label("Copy as aws pinpoint command").click();
    harness.step();
    let copied: Vec<String> = harness
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(copied.len(), 1, "{copied:?}");
    assert!(
        copied[0].starts_with("aws pinpoint update-campaign --application-id '"),
        "{}",
        copied[0]
    );
    assert!(copied[0].contains(&format!("--campaign-id '{id}'")), "{}", copied[0]);
    assert!(copied[0].contains(r#""HoldoutPercent":5"#), "{}", copied[0]);
    harness.run_ok();

    // Delete, after the confirmation that names it.
    harness.get_by_label("Delete campaign…").click();
    harness.run_ok();
    harness.get_by_label("Delete “Kittest spring A/B”").click();
    wait_until(&mut harness, "the campaign gone", WAIT, |h| {
        let c = &h.state().project.campaigns;
        c.editor.is_none() && c.campaigns.as_ref().is_some_and(|l| l.len() == 2)
    });
    assert!(harness.query_by_label("Kittest spring A/B").is_none());

    // A campaign created behind the console's back shows after the top bar's Reload.
    let url = harness.state().connection.info.clone().unwrap().endpoint_url.unwrap();
    let app_id = harness.state().projects.selected.clone().unwrap();
    let segment = draft.segment_id.clone();
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let spec = ConnectionSpec::Custom { endpoint_url: url, region: None, profile: None };
        let (client, _) = build_client(&spec, None, test_timeouts(), None).await.unwrap();
        let outside = CampaignDraft {
            name: "Made with the CLI".into(),
            segment_id: segment,
            ..CampaignDraft::default()
        };
        client
            .create_campaign()
            .application_id(app_id)
            .write_campaign_request(outside.to_request().unwrap())
            .send()
            .await
            .unwrap();
    });
    harness.get_by_role_and_label(Role::Button, "Reload").click();
    wait_until(&mut harness, "the outside campaign after Reload", WAIT, |h| {
        h.query_by_label("Made with the CLI").is_some()
    });
    let _ = std::fs::remove_dir_all(drafts);
}

#[test]
fn activities_of_a_run_and_drafts_that_survive_a_restart() {
    let drafts = std::env::temp_dir().join(format!("pp-campaign-drafts-{}", uuid::Uuid::new_v4()));
    let id = {
        let mut harness = app(&drafts);
        open_campaigns(&mut harness);
        // The demo's "Welcome series" has run: its activities and chart.
        harness.get_by_label("Welcome series").click();
        harness.run_ok();
        harness.get_by_label("Activities").click();
        wait_until(&mut harness, "the activities", WAIT, |h| {
            h.state().project.campaigns.editor.as_ref().is_some_and(|e| !e.activities.is_empty())
        });
        // The chart's legend and the table's column.
        assert!(harness.query_by_label("Total endpoints").is_some());
        assert!(harness.query_all_by_label("Successful").count() >= 2);

        // An unsaved edit, then the app goes away.
        harness.get_by_label("Messages").click();
        harness.run_ok();
        type_into(&mut harness, "Description", "kept across a restart");
        assert!(harness.query_by_label("unsaved changes").is_some());
        let id = harness.state().project.campaigns.editor.as_ref().unwrap().campaign_id.clone();

        // Away to another project and back: the draft is offered, the campaign still exists.
        harness.get_by_role_and_label(Role::Button, "Acme Retail (Android)").click();
        harness.run_ok();
        harness.get_by_role_and_label(Role::Button, "Acme Retail (iOS)").click();
        // The kept draft is read on the worker, after the drafts thread wrote it.
        wait_until(&mut harness, "the list and the kept draft again", WAIT, |h| {
            h.state().project.campaigns.campaigns.is_some()
                && h.query_by_label("Restore draft").is_some()
        });
        harness.get_by_label("Restore draft").click();
        harness.run_ok();
        let editor = harness.state().project.campaigns.editor.clone().unwrap();
        assert_eq!(editor.campaign_id, id);
        assert!(editor.baseline.is_some() && editor.is_dirty());
        assert_eq!(editor.draft.description, "kept across a restart");
        id
    };
    // A restart: a new demo mock (the demo keeps its ids), and besides the draft of "Welcome
    // series" one of a campaign that no longer exists.
    let app_id = "66ec19e740e6c3b50e474b0acdf17e77";
    let store = pinpoint_console::drafts::store::DraftStore::new(&drafts);
    let ghost = CampaignDraft { name: "Ghost".into(), ..CampaignDraft::default() };
    store.save("campaign", app_id, "00000000000000000000000000000000", &ghost).unwrap();
    let mut harness = app(&drafts);
    open_campaigns(&mut harness);
    wait_until(&mut harness, "the kept drafts", WAIT, |h| {
        h.query_by_label_contains("Unsaved draft “Welcome series”").is_some()
            && h.query_by_label_contains("Unsaved draft “Ghost”").is_some()
    });
    // Drafts are offered in key order: the ghost first.
    harness.query_all_by_label("Restore draft").nth(1).unwrap().click();
    harness.run_ok();
    let editor = harness.state().project.campaigns.editor.clone().unwrap();
    assert_eq!(editor.draft.description, "kept across a restart");
    assert_eq!(editor.campaign_id, id, "the same campaign after the restart");
    assert!(editor.baseline.is_some() && editor.is_dirty());
    assert_eq!(
        harness.get_by_label("Description").value().as_deref(),
        Some("kept across a restart")
    );

    // The ghost's campaign is gone: its draft becomes a new campaign's.
    harness.get_by_label("< All campaigns").click();
    harness.run_ok();
    harness.get_by_label("Restore draft").click();
    harness.run_ok();
    let editor = harness.state().project.campaigns.editor.clone().unwrap();
    assert_eq!((editor.draft.name.as_str(), editor.campaign_id.as_deref()), ("Ghost", None));
    assert!(
        harness.query_by_label_contains("no longer exists; saving the draft creates").is_some()
    );
    // What the app's drafts thread has written so far, then the folder.
    harness.state().drafts.as_ref().unwrap().flush();
    let mut keys = store.keys("campaign", app_id);
    keys.sort();
    assert_eq!(keys.len(), 2, "{keys:?}");
    assert_eq!(keys[0], id.clone().unwrap());
    assert!(keys[1].starts_with("new-"), "{keys:?}");

    // Next start, it is offered as a new campaign's draft.
    drop(harness);
    let mut harness = app(&drafts);
    open_campaigns(&mut harness);
    wait_until(&mut harness, "the kept drafts", WAIT, |h| {
        h.query_by_label("Unsaved draft “Ghost” of a new campaign, kept from before.").is_some()
    });
    let _ = std::fs::remove_dir_all(drafts);
}
