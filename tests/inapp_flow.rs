//! Whole-app flow of in-app campaigns in demo mode: UI → worker → aws-sdk-pinpoint → embedded
//! mock. An in-app campaign written in the campaign editor (a LINK button without its link
//! refused inline first, nothing sent), launched after its review; then "what would this
//! endpoint see" for an endpoint in its segment (the message's header drawn) and for one
//! outside it (a sentence saying why nothing).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::time::Duration;

use common::{demo_app, open_demo_project, retype, type_into, wait_until};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pinpoint_console::ui::ConsoleApp;
use pinpoint_console::ui::tasks::Task;

const WAIT: Duration = Duration::from_secs(20);

/// Picks `option` in the drop-down labelled `label`.
fn choose(harness: &mut Harness<'_, ConsoleApp>, label: &str, option: &str) {
    harness.get_by_label(label).click();
    harness.run_ok();
    harness.get_by_label(option).click();
    harness.run_ok();
}

#[test]
fn an_in_app_campaign_and_what_an_endpoint_would_see() {
    let mut harness = demo_app([1300.0, 1600.0], None);
    open_demo_project(&mut harness, "Acme Retail (iOS)");
    harness.get_by_label("Campaigns").click();
    wait_until(&mut harness, "the campaigns and segments", WAIT, |h| {
        h.state().project.campaigns.campaigns.is_some()
            && h.state().project.segments.segments.is_some()
    });
    // The demo has no in-app campaign yet: nothing to ask about.
    assert!(harness.query_by_label("What would an endpoint see…").is_none());

    harness.get_by_label("+ New campaign").click();
    harness.run_ok();
    type_into(&mut harness, "Campaign name", "Kittest in-app sale");
    harness.get_by_label("Segment").click();
    harness.run_ok();
    harness.get_by_label_contains("Active hikers in the US (v").click();
    harness.run_ok();
    harness.get_by_label("In-app").click();
    harness.run_ok();
    harness.get_by_label("Write an in-app message").click();
    harness.run_ok();
    type_into(&mut harness, "Header", "Trail sale");
    type_into(&mut harness, "Body", "Boots half off today");
    harness.get_by_label("Primary button").click();
    harness.run_ok();
    type_into(&mut harness, "Primary button text", "Shop");
    choose(&mut harness, "Primary button action", "LINK");
    // The drawing follows the form.
    assert!(harness.query_by_label("In-app preview").is_some());

    harness.get_by_label("Schedule").click();
    harness.run_ok();
    choose(&mut harness, "Frequency", "IN_APP_EVENT");
    retype(&mut harness, "Start time", "2026-01-01T00:00:00Z");
    type_into(&mut harness, "Event types", "_session.start");

    // A LINK button with no link: refused next to the field, nothing sent.
    harness.get_by_label("Create campaign").click();
    harness.run_ok();
    harness.run_ok();
    assert!(harness.query_by_label("A LINK button needs its link.").is_some());
    assert!(harness.state().project.campaigns.editor.as_ref().unwrap().campaign_id.is_none());
    assert!(harness.state().project.campaigns.review.is_none());
    assert!(!harness.state().is_busy(Task::CampaignSave));
    assert_eq!(harness.get_by_label("Primary button text").value().as_deref(), Some("Shop"));
    type_into(&mut harness, "Primary button link", "https://example.com/boots");
    assert!(harness.query_by_label("A LINK button needs its link.").is_none());

    // It goes live at once: the review first, then the launch.
    harness.get_by_label("Create campaign").click();
    wait_until(&mut harness, "the review's estimate", WAIT, |h| {
        h.query_by_label_contains("Launch to ").is_some()
    });
    assert!(harness.query_by_label_contains("the app shows the message").is_some());
    harness.get_by_label_contains("Launch to ").click();
    wait_until(&mut harness, "the campaign created", WAIT, |h| {
        let e = h.state().project.campaigns.editor.as_ref().unwrap();
        assert!(e.save_error.is_none(), "{:?}", e.save_error);
        e.version == Some(1)
    });
    let draft = harness.state().project.campaigns.editor.as_ref().unwrap().draft.clone();
    assert_eq!(draft.messages.in_app_message.blocks[0].primary.link, "https://example.com/boots");
    assert_eq!(draft.schedule.frequency, "IN_APP_EVENT");

    // What an endpoint in the segment (a US hiker) would see: the message drawn.
    harness.get_by_label("< All campaigns").click();
    wait_until(&mut harness, "the list with the in-app campaign", WAIT, |h| {
        h.query_by_label("What would an endpoint see…").is_some()
    });
    harness.get_by_label("What would an endpoint see…").click();
    harness.run_ok();
    wait_until(&mut harness, "the endpoint suggestions", WAIT, |h| {
        h.query_by_label("Endpoint suggestions").is_some()
    });
    type_into(&mut harness, "Endpoint id", "ep-0-013");
    harness.get_by_label("Show messages").click();
    wait_until(&mut harness, "the endpoint's in-app messages", WAIT, |h| {
        h.query_by_label("Endpoint ep-0-013 would be shown 1 message(s), most urgent first:")
            .is_some()
    });
    assert!(harness.query_by_label_contains("1. Kittest in-app sale").is_some());
    assert!(harness.query_by_label("On _session.start").is_some());
    let view = harness.state().project.campaigns.in_app.as_ref().unwrap();
    let (_, answered) = view.answer.as_ref().unwrap();
    let content = answered[0].in_app_message().unwrap().content();
    assert_eq!(content[0].header_config().unwrap().header(), Some("Trail sale"));

    // On another event, nothing, and why.
    type_into(&mut harness, "Event type", "purchase");
    assert!(
        harness
            .query_by_label_contains("would see nothing on “purchase”: its 1 in-app message(s)")
            .is_some()
    );
    retype(&mut harness, "Event type", "_session.start");

    // An endpoint outside the segment (in Germany): nothing, and a sentence saying why.
    retype(&mut harness, "Endpoint id", "ep-0-000");
    harness.get_by_label("Show messages").click();
    wait_until(&mut harness, "the answer for the other endpoint", WAIT, |h| {
        h.query_by_label_contains("Endpoint ep-0-000 would see nothing").is_some()
    });
    assert!(
        harness
            .query_by_label_contains("do not hold the endpoint in their segment (or hold it out)")
            .is_some()
    );
}
