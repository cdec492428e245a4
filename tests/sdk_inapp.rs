//! In-app messaging through the real `aws-sdk-pinpoint` client against the mock on a socket:
//! in-app campaigns stored (one built with the SDK's types), GetInAppMessages answering for an
//! endpoint the campaigns whose segment holds it, most urgent first, with their caps and
//! schedule, following the mock's clock; the in-app campaign rules; an unknown endpoint.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::too_many_lines)]

use crate::common;

use std::sync::Arc;

use aws_sdk_pinpoint::Client;
use aws_sdk_pinpoint::error::ProvideErrorMetadata;
use aws_sdk_pinpoint::types::{
    Alignment, ButtonAction, CampaignEventFilter, CampaignInAppMessage, CampaignLimits,
    DefaultButtonConfiguration, EventDimensions, FilterType, Frequency, InAppMessageBodyConfig,
    InAppMessageButton, InAppMessageContent, InAppMessageHeaderConfig, Layout,
    MessageConfiguration, Schedule, SetDimension, WriteCampaignRequest,
};
use chrono::{DateTime, Utc};
use common::clocked_project;
use pinpoint_console::mock::MockServer;
use pinpoint_console::mock::clock::ManualClock;
use serde_json::{Value, json};

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

struct World {
    server: MockServer,
    client: Client,
    clock: Arc<ManualClock>,
    app: String,
    segment: String,
}

async fn world() -> World {
    let (server, client, clock, app) = clocked_project(t("2026-12-01T09:00:00Z"), "In-app").await;
    let b = server.backend();
    for (id, platform) in [("e1", "iOS"), ("e2", "Android")] {
        let body = json!({"ChannelType": "IN_APP", "Address": format!("device-{id}"),
                          "Demographic": {"Platform": platform}});
        b.update_endpoint(&app, id, &body, "setup").unwrap();
    }
    let segment = b
        .create_segment(
            &app,
            json!({"Name": "iOS", "Dimensions": {"Demographic": {"Platform": {"Values": ["iOS"]}}}}),
        )
        .unwrap();
    let segment = segment["Id"].as_str().unwrap().to_owned();
    World { server, client, clock, app, segment }
}

/// An in-app campaign as JSON: one banner (or a carousel of `pages`), triggered by
/// `_session.start`.
fn in_app(segment: &str, name: &str, priority: i64, start: &str, pages: usize) -> Value {
    let page = json!({
        "BackgroundColor": "#FFFFFF",
        "HeaderConfig": {"Alignment": "CENTER", "Header": name, "TextColor": "#000000"},
        "BodyConfig": {"Alignment": "LEFT", "Body": "Hello", "TextColor": "#333333"},
        "PrimaryBtn": {"DefaultConfig": {"ButtonAction": "CLOSE", "Text": "OK"}},
    });
    let layout = if pages > 1 { "CAROUSEL" } else { "BOTTOM_BANNER" };
    json!({
        "Name": name, "SegmentId": segment, "Priority": priority,
        "MessageConfiguration": {"InAppMessage": {"Layout": layout, "Content": vec![page; pages]}},
        "Schedule": {"StartTime": start, "Frequency": "IN_APP_EVENT",
                     "EventFilter": {"FilterType": "ENDPOINT",
                                     "Dimensions": {"EventType": {"DimensionType": "INCLUSIVE",
                                                                  "Values": ["_session.start"]}}}},
    })
}

/// The same kind of campaign built with the SDK's types.
fn sdk_in_app(segment: &str) -> WriteCampaignRequest {
    let content = InAppMessageContent::builder()
        .background_color("#F8E71C")
        .header_config(
            InAppMessageHeaderConfig::builder()
                .alignment(Alignment::Center)
                .header("Sale today")
                .text_color("#D0021B")
                .build(),
        )
        .body_config(
            InAppMessageBodyConfig::builder()
                .alignment(Alignment::Center)
                .body("Everything half price")
                .text_color("#D0021B")
                .build(),
        )
        .primary_btn(
            InAppMessageButton::builder()
                .default_config(
                    DefaultButtonConfiguration::builder()
                        .button_action(ButtonAction::Link)
                        .link("https://example.com/sale")
                        .text("Shop")
                        .border_radius(50)
                        .build(),
                )
                .build(),
        )
        .build();
    let filter = CampaignEventFilter::builder()
        .filter_type(FilterType::Endpoint)
        .dimensions(
            EventDimensions::builder()
                .event_type(SetDimension::builder().values("_session.start").build())
                .build(),
        )
        .build();
    WriteCampaignRequest::builder()
        .name("Sale")
        .segment_id(segment)
        .priority(3)
        .limits(CampaignLimits::builder().session(1).daily(2).total(5).build())
        .message_configuration(
            MessageConfiguration::builder()
                .in_app_message(
                    CampaignInAppMessage::builder()
                        .layout(Layout::MiddleBanner)
                        .content(content)
                        .custom_config("campaign", "sale")
                        .build(),
                )
                .build(),
        )
        .schedule(
            Schedule::builder()
                .start_time("2026-12-01T08:00:00Z")
                .end_time("2026-12-31T00:00:00Z")
                .frequency(Frequency::InAppEvent)
                .event_filter(filter)
                .build(),
        )
        .build()
}

impl World {
    /// The campaign ids GetInAppMessages answers for an endpoint, in its order.
    async fn messages(&self, endpoint: &str) -> Vec<aws_sdk_pinpoint::types::InAppMessageCampaign> {
        let answer = self
            .client
            .get_in_app_messages()
            .application_id(&self.app)
            .endpoint_id(endpoint)
            .send()
            .await
            .unwrap();
        answer.in_app_messages_response().unwrap().in_app_message_campaigns().to_vec()
    }

    fn create(&self, body: Value) -> String {
        let created = self.server.backend().create_campaign(&self.app, body).unwrap();
        created["Id"].as_str().unwrap().to_owned()
    }
}

#[tokio::test]
async fn an_endpoint_gets_its_in_app_campaigns_by_priority_and_schedule() {
    let w = world().await;
    let created = w
        .client
        .create_campaign()
        .application_id(&w.app)
        .write_campaign_request(sdk_in_app(&w.segment))
        .send()
        .await
        .unwrap();
    let created = created.campaign_response().unwrap();
    let stored = created.message_configuration().unwrap().in_app_message().unwrap();
    assert_eq!(stored.layout(), Some(&Layout::MiddleBanner));
    assert_eq!(created.priority(), Some(3));
    let sale = created.id().unwrap().to_owned();
    let carousel = w.create(in_app(&w.segment, "Tour", 1, "IMMEDIATE", 3));
    let later = w.create(in_app(&w.segment, "Later", 2, "2026-12-05T00:00:00Z", 1));
    let mut paused = in_app(&w.segment, "Paused", 1, "IMMEDIATE", 1);
    paused["IsPaused"] = json!(true);
    w.create(paused);
    let sms = json!({"Name": "SMS", "SegmentId": w.segment,
                     "MessageConfiguration": {"SMSMessage": {"Body": "Hi"}},
                     "Schedule": {"StartTime": "2026-12-20T00:00:00Z", "Frequency": "ONCE"}});
    w.create(sms);

    let ids = |found: &[aws_sdk_pinpoint::types::InAppMessageCampaign]| {
        found.iter().map(|c| c.campaign_id().unwrap().to_owned()).collect::<Vec<_>>()
    };
    let found = w.messages("e1").await;
    assert_eq!(ids(&found), [carousel.clone(), sale.clone()], "priority 1 before 3");
    let tour = &found[0];
    assert_eq!(tour.in_app_message().unwrap().content().len(), 3);
    assert_eq!(tour.in_app_message().unwrap().layout(), Some(&Layout::Carousel));
    assert_eq!(
        (tour.session_cap(), tour.daily_cap(), tour.total_cap()),
        (Some(0), Some(0), Some(0))
    );
    let sale_entry = &found[1];
    assert_eq!(sale_entry.treatment_id(), Some("0"));
    assert_eq!(sale_entry.priority(), Some(3));
    assert_eq!(
        (sale_entry.session_cap(), sale_entry.daily_cap(), sale_entry.total_cap()),
        (Some(1), Some(2), Some(5))
    );
    let schedule = sale_entry.schedule().unwrap();
    assert_eq!(schedule.end_date(), Some("2026-12-31T00:00:00Z"));
    let event_types = schedule.event_filter().unwrap().dimensions().unwrap().event_type().unwrap();
    assert_eq!(event_types.values(), ["_session.start"]);
    let message = sale_entry.in_app_message().unwrap();
    let content = &message.content()[0];
    assert_eq!(content.header_config().unwrap().header(), Some("Sale today"));
    let button = content.primary_btn().unwrap().default_config().unwrap();
    assert_eq!(button.link(), Some("https://example.com/sale"));
    assert_eq!(message.custom_config().unwrap()["campaign"], "sale");

    assert!(w.messages("e2").await.is_empty(), "an Android endpoint is not in the segment");

    // An in-app campaign waits for the app's requests: the engine never completes it.
    w.server.backend().run_due();
    let got = w.client.get_campaign().application_id(&w.app).campaign_id(&sale).send().await;
    let got = got.unwrap();
    let state = got.campaign_response().unwrap().state().unwrap().campaign_status();
    assert_eq!(state, Some(&aws_sdk_pinpoint::types::CampaignStatus::Scheduled));

    w.clock.set(t("2026-12-06T00:00:00Z"));
    assert_eq!(ids(&w.messages("e1").await), [carousel.clone(), later.clone(), sale]);
    w.clock.set(t("2027-01-01T00:00:00Z"));
    assert_eq!(ids(&w.messages("e1").await), [carousel, later], "the sale has ended");

    let e = w
        .client
        .get_in_app_messages()
        .application_id(&w.app)
        .endpoint_id("nosuchendpoint")
        .send()
        .await
        .expect_err("unknown endpoint")
        .into_service_error();
    assert_eq!(e.code(), Some("NotFoundException"));
}

#[tokio::test]
async fn in_app_campaigns_follow_the_service_rules() {
    let w = world().await;
    let mut once = sdk_in_app(&w.segment);
    once.schedule =
        Some(Schedule::builder().start_time("IMMEDIATE").frequency(Frequency::Once).build());
    let e = w
        .client
        .create_campaign()
        .application_id(&w.app)
        .write_campaign_request(once)
        .send()
        .await
        .expect_err("an in-app campaign runs on IN_APP_EVENT")
        .into_service_error();
    assert_eq!(e.code(), Some("BadRequestException"));
    assert!(e.message().unwrap().contains("IN_APP_EVENT"), "{:?}", e.message());

    let base = in_app(&w.segment, "Rules", 1, "IMMEDIATE", 1);
    let refused = |change: &dyn Fn(&mut Value), expect: &str| {
        let mut body = base.clone();
        change(&mut body);
        let e = w.server.backend().create_campaign(&w.app, body).expect_err(expect);
        assert_eq!(e.kind.type_name(), "BadRequestException");
        assert!(e.message.contains(expect), "{expect}: {}", e.message);
    };
    let content = "/MessageConfiguration/InAppMessage/Content";
    refused(
        &|b| {
            let page = b.pointer(&format!("{content}/0")).unwrap().clone();
            b.pointer_mut(content).unwrap().as_array_mut().unwrap().push(page);
        },
        "CAROUSEL",
    );
    refused(
        &|b| {
            let page = b.pointer(&format!("{content}/0")).unwrap().clone();
            b["MessageConfiguration"]["InAppMessage"] =
                json!({"Layout": "CAROUSEL", "Content": vec![page; 6]});
        },
        "at most 5",
    );
    refused(
        &|b| *b.pointer_mut(&format!("{content}/0/BackgroundColor")).unwrap() = json!("white"),
        "hex colour",
    );
    refused(
        &|b| {
            *b.pointer_mut(&format!("{content}/0/PrimaryBtn/DefaultConfig/ButtonAction"))
                .unwrap() = json!("LINK");
        },
        "Link is required",
    );
    refused(
        &|b| {
            *b.pointer_mut(&format!("{content}/0/HeaderConfig/Header")).unwrap() =
                json!("x".repeat(65));
        },
        "at most 64",
    );
    refused(&|b| b["Priority"] = json!(6), "Priority");
    refused(
        &|b| b["Schedule"].as_object_mut().unwrap().retain(|k, _| k != "EventFilter"),
        "EventFilter",
    );
    refused(
        &|b| {
            b["MessageConfiguration"]["InAppMessage"].as_object_mut().unwrap().remove("Layout");
        },
        "Layout",
    );
    refused(
        &|b| b["MessageConfiguration"] = json!({"SMSMessage": {"Body": "Hi"}}),
        "needs MessageConfiguration.InAppMessage",
    );
}
