//! The visual journey builder end to end (issue 18's "Done when"): the console against a mock
//! with a manual clock builds, on the canvas, segment entry → random split → SMS on one path,
//! wait then email on the other; percentages that do not add up are refused inline on the
//! split; a refusal of the service (the entry's segment deleted meanwhile) is shown on the
//! entry; the journey is created, published after its confirmation, the clock advanced past
//! the wait, and every message node's count matches the outbox of the journey.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::too_many_lines)]

use crate::common;

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use aws_sdk_pinpoint::types::{
    CreateApplicationRequest, EmailChannelRequest, EmailTemplateRequest, EndpointBatchItem,
    EndpointBatchRequest, SegmentDimensions, SmsChannelRequest, SmsTemplateRequest,
    WriteSegmentRequest,
};
use common::{retype, sdk_client, test_timeouts, wait_until};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pinpoint_console::api::ConnectionSpec;
use pinpoint_console::mock::MockServer;
use pinpoint_console::mock::backend::{Backend, OutboxFilter};
use pinpoint_console::mock::clock::ManualClock;
use pinpoint_console::ui::ConsoleApp;

const WAIT: Duration = Duration::from_secs(30);
const PROJECT: &str = "Shop";

struct World {
    rt: tokio::runtime::Runtime,
    _server: MockServer,
    backend: Arc<Backend>,
    clock: Arc<ManualClock>,
    client: aws_sdk_pinpoint::Client,
    app: String,
    gone: String,
    url: String,
}

/// A mock at a manual clock with a project: SMS and email channels, 20 endpoints (10 of each),
/// a segment of all of them and one to delete later, an SMS and an email template.
fn world() -> World {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let start = chrono::DateTime::parse_from_rfc3339("2026-12-01T09:00:00Z").unwrap().to_utc();
    let clock = Arc::new(ManualClock::new(start));
    let backend = Arc::new(Backend::new(clock.clone(), "us-east-1"));
    let (server, client, app, gone) = rt.block_on(async {
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
        let server = MockServer::start(addr, Arc::clone(&backend)).await.unwrap();
        let c = sdk_client(&server).await;
        let out = c
            .create_app()
            .create_application_request(CreateApplicationRequest::builder().name(PROJECT).build())
            .send()
            .await
            .unwrap();
        let app = out.application_response().unwrap().id().unwrap().to_owned();
        c.update_sms_channel()
            .application_id(&app)
            .sms_channel_request(SmsChannelRequest::builder().enabled(true).build())
            .send()
            .await
            .unwrap();
        let email = EmailChannelRequest::builder()
            .from_address("shop@example.com")
            .identity("arn:aws:ses:us-east-1:000000000000:identity/example.com")
            .enabled(true)
            .build();
        c.update_email_channel()
            .application_id(&app)
            .email_channel_request(email)
            .send()
            .await
            .unwrap();
        let items: Vec<EndpointBatchItem> = (0..20)
            .map(|i| {
                let (channel, address) = if i % 2 == 0 {
                    ("SMS", format!("+1206555{:04}", 100 + i))
                } else {
                    ("EMAIL", format!("person{i}@example.com"))
                };
                EndpointBatchItem::builder()
                    .id(format!("e{i}"))
                    .channel_type(channel.into())
                    .address(address)
                    .build()
            })
            .collect();
        c.update_endpoints_batch()
            .application_id(&app)
            .endpoint_batch_request(EndpointBatchRequest::builder().set_item(Some(items)).build())
            .send()
            .await
            .unwrap();
        let mut ids = Vec::new();
        for name in ["Everyone", "Gone"] {
            let request = WriteSegmentRequest::builder()
                .name(name)
                .dimensions(SegmentDimensions::builder().build())
                .build();
            let out = c
                .create_segment()
                .application_id(&app)
                .write_segment_request(request)
                .send()
                .await
                .unwrap();
            ids.push(out.segment_response().unwrap().id().unwrap().to_owned());
        }
        let sms = SmsTemplateRequest::builder().body("Hello from the shop").build();
        c.create_sms_template()
            .template_name("hello-sms")
            .sms_template_request(sms)
            .send()
            .await
            .unwrap();
        let email =
            EmailTemplateRequest::builder().subject("Hello").text_part("A day later").build();
        c.create_email_template()
            .template_name("hello-email")
            .email_template_request(email)
            .send()
            .await
            .unwrap();
        (server, c, app, ids.pop().unwrap())
    });
    let url = server.endpoint_url();
    World { rt, _server: server, backend, clock, client, app, gone, url }
}

fn console(url: &str) -> Harness<'static, ConsoleApp> {
    let url = url.to_owned();
    Harness::builder().with_size([1280.0, 900.0]).build_eframe(move |cc| {
        let options = pinpoint_console::ui::AppOptions {
            connection: ConnectionSpec::Custom {
                endpoint_url: url.clone(),
                region: None,
                profile: None,
            },
            timeouts: test_timeouts(),
            ..pinpoint_console::ui::AppOptions::default()
        };
        ConsoleApp::new(&cc.egui_ctx, options).unwrap()
    })
}

fn click(harness: &mut Harness<'_, ConsoleApp>, label: &str) {
    harness.get_by_label(label).click();
    harness.run_ok();
}

fn choose(harness: &mut Harness<'_, ConsoleApp>, combo: &str, option: &str) {
    click(harness, combo);
    harness.get_by_role_and_label(Role::Button, option).click();
    harness.run_ok();
}

/// Clicks a box or a "+" of the canvas (through accessibility: the canvas is zoomed).
fn press(harness: &mut Harness<'_, ConsoleApp>, label: &str) {
    harness.get_by_label(label).click_accesskit();
    harness.run_ok();
}

/// Adds an activity of `kind` at the "+" named `plus`.
fn add(harness: &mut Harness<'_, ConsoleApp>, plus: &str, kind: &str) {
    press(harness, plus);
    click(harness, &format!("Add {kind}"));
}

fn editor<'a>(harness: &'a Harness<'_, ConsoleApp>) -> &'a pinpoint_console::ui::journeys::Editor {
    harness.state().project.journeys.editor.as_ref().expect("the editor is open")
}

/// The messages the journey sent from `activity`, as the outbox records them.
fn outbox(w: &World, journey: &str, activity: &str) -> u64 {
    let filter = OutboxFilter {
        app_id: Some(w.app.clone()),
        journey_id: Some(journey.to_owned()),
        limit: Some(10_000),
        ..OutboxFilter::default()
    };
    w.backend.outbox(&filter).iter().filter(|e| e.treatment_id.as_deref() == Some(activity)).count()
        as u64
}

/// The counts the canvas shows on each node.
fn shown(
    harness: &Harness<'_, ConsoleApp>,
) -> Option<std::collections::BTreeMap<String, pinpoint_console::drafts::journey::words::NodeCounts>>
{
    let e = editor(harness);
    let m = e.metrics.as_ref()?;
    let entered = m.totals.get("ENDPOINT_ENTERED")?.parse().ok()?;
    Some(pinpoint_console::drafts::journey::words::flows(&e.draft, &m.activities, entered))
}

/// The "sent" count the canvas shows on `activity`.
fn shown_sent(harness: &Harness<'_, ConsoleApp>, activity: &str) -> Option<u64> {
    Some(shown(harness)?.get(activity)?.sent)
}

#[test]
fn a_journey_built_on_the_canvas_runs_and_its_nodes_count_what_the_outbox_holds() {
    let w = world();
    let mut harness = console(&w.url);
    wait_until(&mut harness, "the project", WAIT, |h| {
        h.query_by_role_and_label(Role::Button, PROJECT).is_some()
    });
    harness.get_by_role_and_label(Role::Button, PROJECT).click();
    wait_until(&mut harness, "the sections", WAIT, |h| h.query_by_label("Journeys").is_some());
    click(&mut harness, "Journeys");
    wait_until(&mut harness, "the list", WAIT, |h| h.state().project.journeys.rows.is_some());
    click(&mut harness, "+ New journey");

    // The name, on the Settings tab.
    click(&mut harness, "Journey settings");
    retype(&mut harness, "Journey name", "Welcome series");
    click(&mut harness, "Canvas");

    // Entry: the segment that is about to be deleted (the service refuses it below).
    wait_until(&mut harness, "the segments", WAIT, |h| {
        h.state().project.segments.segments.is_some()
    });
    press(&mut harness, "Journey entry");
    choose(&mut harness, "Endpoints enter by", "Segment");
    choose(&mut harness, "Entry segment", "Gone");

    // Random split at the start; SMS on path 1; wait then email on path 2.
    add(&mut harness, "Add at the start", "Random split");
    add(&mut harness, "Add on path 1 of split1", "SMS");
    wait_until(&mut harness, "the templates", WAIT, |h| h.state().library.rows.is_some());
    choose(&mut harness, "Message template", "hello-sms");
    add(&mut harness, "Add on path 2 of split1", "Wait");
    add(&mut harness, "Add after wait1", "Email");
    choose(&mut harness, "Message template", "hello-email");
    {
        let d = &editor(&harness).draft;
        assert_eq!(d.start_activity, "split1");
        assert_eq!(d.activities.len(), 4);
        assert!(pinpoint_console::drafts::journey::graph::orphans(d).is_empty());
    }

    // Percentages that do not add up: refused inline, on the split, before anything is sent.
    press(&mut harness, "Activity split1");
    retype(&mut harness, "Path 2 %", "40");
    let problems = editor(&harness).problems();
    let message =
        problems.get("Activities.split1.RandomSplit.Branches").expect("the split is at fault");
    assert!(message.contains("add up to 90: make them add up to 100"), "{message}");
    assert!(harness.query_by_label(message).is_some(), "the sentence is in the side panel");
    click(&mut harness, "Create journey");
    assert!(editor(&harness).journey_id.is_none(), "nothing was sent");
    // Undo puts the 50 back.
    press(&mut harness, "Activity split1");
    click(&mut harness, "Undo");
    assert!(editor(&harness).problems().is_empty(), "{:?}", editor(&harness).problems());

    // The segment is deleted meanwhile: the service refuses, and says so on the entry.
    let (client, app, gone) = (w.client.clone(), w.app.clone(), w.gone.clone());
    w.rt.block_on(async move {
        client.delete_segment().application_id(app).segment_id(gone).send().await.unwrap()
    });
    click(&mut harness, "Create journey");
    wait_until(&mut harness, "the refusal", WAIT, |h| editor(h).refused.is_some());
    let problems = editor(&harness).problems();
    let refusal = problems.get("StartCondition.service").expect("the refusal is on the entry");
    assert!(refusal.contains("does not exist"), "{refusal}");
    press(&mut harness, "Journey entry");
    assert!(harness.query_by_label(refusal).is_some(), "the entry's panel says why");
    choose(&mut harness, "Entry segment", "Everyone");
    assert!(editor(&harness).problems().is_empty(), "the refusal goes once the entry changed");

    click(&mut harness, "Create journey");
    wait_until(&mut harness, "the journey saved", WAIT, |h| editor(h).journey_id.is_some());
    let journey = editor(&harness).journey_id.clone().unwrap();
    assert_eq!(editor(&harness).state, "DRAFT");

    // Publish after its confirmation, which says who enters.
    click(&mut harness, "Publish…");
    wait_until(&mut harness, "the estimate", WAIT, |h| {
        matches!(
            editor(h).confirm,
            Some((_, Some(pinpoint_console::ui::journeys::Audience::Estimated { .. })))
        )
    });
    assert!(
        harness
            .query_by_label_contains("Every endpoint of segment “Everyone” (20 endpoints now")
            .is_some()
    );
    click(&mut harness, "Publish journey");
    wait_until(&mut harness, "the journey active", WAIT, |h| editor(h).state == "ACTIVE");

    // The mock's tick lets everyone in and sends path 1's SMS; a day later path 2's email.
    wait_until(&mut harness, "the SMS sent", WAIT, |_| outbox(&w, &journey, "sms1") > 0);
    // Before the day is over, the wait's node counts who is in it.
    wait_until(&mut harness, "the wait's count", WAIT, |h| {
        shown(h).is_some_and(|n| n["wait1"].waiting > 0 && n["wait1"].waiting == n["wait1"].entered)
    });
    w.clock.advance(chrono::Duration::days(1) + chrono::Duration::minutes(1));
    w.backend.run_due();
    let (sms, email) = (outbox(&w, &journey, "sms1"), outbox(&w, &journey, "email1"));
    assert!(sms > 0 && email > 0, "both paths messaged: {sms} SMS, {email} emails");
    // An SMS activity reaches the SMS endpoints of its path, the email one the email endpoints.
    assert!(sms <= 10 && email <= 10, "{sms} SMS, {email} emails");
    wait_until(&mut harness, "the node counts", WAIT, |h| {
        shown_sent(h, "sms1") == Some(sms) && shown_sent(h, "email1") == Some(email)
    });
    println!("outbox: {sms} SMS from sms1, {email} emails from email1; the nodes show the same");
    let counts = editor(&harness).metrics.clone().unwrap();
    assert_eq!(counts.totals.get("ENDPOINT_ENTERED").map(String::as_str), Some("20"));
    let nodes = shown(&harness).unwrap();
    assert_eq!(nodes["split1"].entered, 20, "the split node counts everyone into it");
    let (wait, email_node) = (nodes["wait1"], nodes["email1"]);
    assert_eq!(wait.waiting, 0, "nobody is left waiting a day later");
    assert_eq!(email_node.entered, wait.entered, "the wait's endpoints reach the email");
    // The SMS node says it on the canvas.
    assert!(harness.query_by_label("Activity sms1").is_some());
}
