//! KPIs through the real `aws-sdk-pinpoint` client against the mock on a socket, counting
//! what the mock really delivered and received: a campaign run, direct sends on two days,
//! opens; grouping by date, campaign and campaign run; paging; the default range by the
//! mock's clock; and the refusals (unknown name, campaign or journey, bad ranges).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::too_many_lines)]

use crate::common;

use std::sync::Arc;

use aws_sdk_pinpoint::Client;
use aws_sdk_pinpoint::error::ProvideErrorMetadata;
use aws_sdk_pinpoint::types::ResultRow;
use aws_smithy_types::DateTime as SdkTime;
use chrono::{DateTime, Duration, Utc};
use common::clocked_project;
use pinpoint_console::mock::MockServer;
use pinpoint_console::mock::backend::{Backend, ChannelKind};
use pinpoint_console::mock::clock::ManualClock;
use pinpoint_console::mock::store::PageRequest;
use serde_json::json;

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn sdk_time(s: &str) -> SdkTime {
    SdkTime::from_secs(t(s).timestamp())
}

struct World {
    server: MockServer,
    client: Client,
    clock: Arc<ManualClock>,
    app: String,
    campaign: String,
}

/// A project with three SMS endpoints and one email endpoint, all iOS, and an SMS + email
/// campaign to iOS that ran once at 2026-12-01T09:00Z.
async fn world() -> World {
    let (server, client, clock, app) = clocked_project(t("2026-12-01T09:00:00Z"), "KPIs").await;
    let b = server.backend();
    b.update_channel(&app, ChannelKind::Sms, json!({"Enabled": true})).unwrap();
    let email = json!({"Enabled": true, "FromAddress": "news@example.com",
                       "Identity": "arn:aws:ses:us-east-1:000000000000:identity/example.com"});
    b.update_channel(&app, ChannelKind::Email, email).unwrap();
    for (id, channel, address) in [
        ("e1", "SMS", "+12065550101"),
        ("e2", "SMS", "+12065550102"),
        ("e3", "SMS", "+12065550103"),
        ("m1", "EMAIL", "ana@example.com"),
    ] {
        let body = json!({"ChannelType": channel, "Address": address,
                          "Demographic": {"Platform": "iOS"}});
        b.update_endpoint(&app, id, &body, "setup").unwrap();
    }
    let segment = b
        .create_segment(
            &app,
            json!({"Name": "iOS", "Dimensions": {"Demographic": {"Platform": {"Values": ["iOS"]}}}}),
        )
        .unwrap();
    let campaign = json!({"Name": "Hello", "SegmentId": segment["Id"],
        "MessageConfiguration": {"SMSMessage": {"Body": "Hello"},
                                 "EmailMessage": {"Title": "Hello", "HtmlBody": "<p>Hello</p>"}},
        "Schedule": {"StartTime": "IMMEDIATE", "Frequency": "ONCE"}});
    let campaign = b.create_campaign(&app, campaign).unwrap()["Id"].as_str().unwrap().to_owned();
    b.run_due();
    World { server, client, clock, app, campaign }
}

/// The `(group, value)` of each row.
fn cells(rows: &[ResultRow], key: &str) -> Vec<(String, String)> {
    rows.iter()
        .map(|row| {
            let group = row.grouped_bys().first().and_then(|g| g.value()).unwrap_or_default();
            let value = &row.values()[0];
            assert_eq!((value.key(), value.r#type()), (Some(key), Some("Double")));
            (group.to_owned(), value.value().unwrap_or_default().to_owned())
        })
        .collect()
}

impl World {
    async fn app_kpi(&self, name: &str) -> Vec<ResultRow> {
        let answer = self
            .client
            .get_application_date_range_kpi()
            .application_id(&self.app)
            .kpi_name(name)
            .send()
            .await
            .unwrap();
        let answer = answer.application_date_range_kpi_response().unwrap();
        assert_eq!(answer.kpi_name(), Some(name));
        answer.kpi_result().unwrap().rows().to_vec()
    }

    async fn campaign_kpi(&self, name: &str) -> Vec<ResultRow> {
        let answer = self
            .client
            .get_campaign_date_range_kpi()
            .application_id(&self.app)
            .campaign_id(&self.campaign)
            .kpi_name(name)
            .send()
            .await
            .unwrap();
        let answer = answer.campaign_date_range_kpi_response().unwrap();
        assert_eq!(answer.campaign_id(), Some(self.campaign.as_str()));
        answer.kpi_result().unwrap().rows().to_vec()
    }

    fn events(&self, endpoint: &str, event_type: &str, campaign: Option<(&str, &str)>) {
        let mut event = json!({"EventType": event_type, "Timestamp": "2026-12-01T10:00:00Z"});
        if let Some((campaign, activity)) = campaign {
            event["Attributes"] =
                json!({"campaign_id": campaign, "campaign_activity_id": activity});
        }
        let batch = json!({"BatchItem": {endpoint: {"Endpoint": {}, "Events": {"ev": event}}}});
        self.server.backend().put_events(&self.app, &batch, "test").unwrap();
    }
}

#[tokio::test]
async fn kpis_count_what_the_mock_delivered() {
    let w = world().await;
    let activities = w
        .server
        .backend()
        .campaign_activities(&w.app, &w.campaign, PageRequest::parse(None, None).unwrap())
        .unwrap();
    let activity = activities["Item"][0]["Id"].as_str().unwrap().to_owned();

    // The campaign reached four endpoints, one message each, all delivered.
    let rows = w.campaign_kpi("unique-deliveries").await;
    assert_eq!(cells(&rows, "UniqueDeliveries"), [(String::new(), "4.0".to_owned())]);
    assert!(rows[0].grouped_bys().is_empty());
    let rows = w.campaign_kpi("successful-deliveries-grouped-by-campaign-activity").await;
    assert_eq!(cells(&rows, "SuccessfulDeliveries"), [(activity.clone(), "4.0".to_owned())]);
    assert_eq!(rows[0].grouped_bys()[0].key(), Some("CampaignActivityId"));
    let rows = w.campaign_kpi("successful-delivery-rate-grouped-by-date").await;
    assert_eq!(
        cells(&rows, "SuccessfulDeliveryRate"),
        [("2026-12-01".to_owned(), "1.0".to_owned())]
    );
    let rows = w.app_kpi("unique-deliveries-grouped-by-campaign").await;
    assert_eq!(cells(&rows, "UniqueDeliveries"), [(w.campaign.clone(), "4.0".to_owned())]);

    // No email opened yet: a rate of 0; then the one email of the run is opened (twice).
    let rows = w.campaign_kpi("email-open-rate").await;
    assert_eq!(cells(&rows, "EmailOpenRate"), [(String::new(), "0.0".to_owned())]);
    w.events("m1", "_email.open", Some((&w.campaign, &activity)));
    w.events("m1", "_email.open", Some((&w.campaign, &activity)));
    let rows = w.campaign_kpi("email-open-rate").await;
    assert_eq!(cells(&rows, "EmailOpenRate"), [(String::new(), "1.0".to_owned())]);
    let rows = w.campaign_kpi("direct-email-opens-grouped-by-campaign-activity").await;
    assert_eq!(cells(&rows, "DirectEmailOpens"), [(activity, "2.0".to_owned())]);

    // Direct sends on two days: two SMS on the first, one on the second; and one open.
    let sms = |to: &[&str]| {
        let addresses: serde_json::Map<String, serde_json::Value> =
            to.iter().map(|a| ((*a).to_owned(), json!({"ChannelType": "SMS"}))).collect();
        json!({"Addresses": addresses, "MessageConfiguration": {"SMSMessage": {"Body": "Hi"}}})
    };
    let b = w.server.backend();
    b.send_messages(&w.app, &sms(&["+12065550111", "+12065550112"]), "r1").unwrap();
    w.clock.advance(Duration::days(1));
    b.send_messages(&w.app, &sms(&["+12065550113"]), "r2").unwrap();
    w.events("m1", "_email.open", None);

    assert_eq!(
        cells(&w.app_kpi("txn-sms-sent").await, "TxnSmsSent"),
        [(String::new(), "3.0".to_owned())]
    );
    let by_date = cells(&w.app_kpi("txn-sms-sent-grouped-by-date").await, "TxnSmsSent");
    assert_eq!(
        by_date,
        [("2026-12-01".to_owned(), "2.0".to_owned()), ("2026-12-02".to_owned(), "1.0".to_owned())]
    );
    let opened = cells(&w.app_kpi("txn-emails-opened").await, "TxnEmailsOpened");
    assert_eq!(opened, [(String::new(), "1.0".to_owned())], "campaign opens are not transactional");
    let sent = cells(&w.app_kpi("txn-emails-sent").await, "TxnEmailsSent");
    assert_eq!(sent, [(String::new(), "0.0".to_owned())], "campaign emails are not transactional");
    let bounced = cells(&w.app_kpi("txn-emails-hard-bounced").await, "TxnEmailsHardBounced");
    assert_eq!(bounced, [(String::new(), "0.0".to_owned())], "the mock never bounces");
    assert!(w.app_kpi("txn-emails-delivery-rate").await.is_empty(), "no rate without a send");

    // Paging, one row a page.
    let page = w
        .client
        .get_application_date_range_kpi()
        .application_id(&w.app)
        .kpi_name("txn-sms-sent-grouped-by-date")
        .page_size("1")
        .send()
        .await
        .unwrap();
    let page = page.application_date_range_kpi_response().unwrap();
    assert_eq!(cells(page.kpi_result().unwrap().rows(), "TxnSmsSent")[0].0, "2026-12-01");
    let next = page.next_token().expect("a second page");
    let page = w
        .client
        .get_application_date_range_kpi()
        .application_id(&w.app)
        .kpi_name("txn-sms-sent-grouped-by-date")
        .page_size("1")
        .next_token(next)
        .send()
        .await
        .unwrap();
    let page = page.application_date_range_kpi_response().unwrap();
    assert_eq!(cells(page.kpi_result().unwrap().rows(), "TxnSmsSent")[0].0, "2026-12-02");
    assert_eq!(page.next_token(), None);

    // The default range: the 7 days ending now by the mock's clock.
    let answer = w
        .client
        .get_application_date_range_kpi()
        .application_id(&w.app)
        .kpi_name("txn-sms-sent")
        .send()
        .await
        .unwrap();
    let answer = answer.application_date_range_kpi_response().unwrap();
    assert_eq!(answer.end_time().unwrap().secs(), t("2026-12-02T09:00:00Z").timestamp());
    assert_eq!(answer.start_time().unwrap().secs(), t("2026-11-25T09:00:00Z").timestamp());

    // A range that holds only the second day.
    let answer = w
        .client
        .get_application_date_range_kpi()
        .application_id(&w.app)
        .kpi_name("txn-sms-sent")
        .start_time(sdk_time("2026-12-02T00:00:00Z"))
        .end_time(sdk_time("2026-12-02T23:59:59Z"))
        .send()
        .await
        .unwrap();
    let rows = answer.application_date_range_kpi_response().unwrap().kpi_result().unwrap().rows();
    assert_eq!(cells(rows, "TxnSmsSent"), [(String::new(), "1.0".to_owned())]);
}

#[tokio::test]
async fn bad_kpi_requests_are_refused() {
    let w = world().await;
    let app_error = |name: &str, start: Option<&str>, end: Option<&str>| {
        let mut call =
            w.client.get_application_date_range_kpi().application_id(&w.app).kpi_name(name);
        if let Some(start) = start {
            call = call.start_time(sdk_time(start));
        }
        if let Some(end) = end {
            call = call.end_time(sdk_time(end));
        }
        async move {
            let e = call.send().await.expect_err("refused").into_service_error();
            (e.code().unwrap_or_default().to_owned(), e.message().unwrap_or_default().to_owned())
        }
    };
    let (code, message) = app_error("no-such-kpi", None, None).await;
    assert_eq!(code, "BadRequestException");
    assert!(message.contains("no-such-kpi"), "{message}");
    let (code, _) = app_error("hard-bounce-rate", None, None).await;
    assert_eq!(code, "BadRequestException", "a campaign metric is not an application metric");
    let (code, message) =
        app_error("txn-sms-sent", Some("2026-11-30T00:00:00Z"), Some("2026-11-29T00:00:00Z")).await;
    assert_eq!(code, "BadRequestException");
    assert!(message.contains("start-time"), "{message}");
    let (code, message) =
        app_error("txn-sms-sent", Some("2026-10-25T00:00:00Z"), Some("2026-11-30T00:00:00Z")).await;
    assert_eq!(code, "BadRequestException");
    assert!(message.contains("31"), "{message}");
    let (code, message) =
        app_error("txn-sms-sent", Some("2026-08-01T00:00:00Z"), Some("2026-08-02T00:00:00Z")).await;
    assert_eq!(code, "BadRequestException");
    assert!(message.contains("90"), "{message}");

    let e = w
        .client
        .get_campaign_date_range_kpi()
        .application_id(&w.app)
        .campaign_id("nosuchcampaign")
        .kpi_name("unique-deliveries")
        .send()
        .await
        .expect_err("unknown campaign")
        .into_service_error();
    assert_eq!(e.code(), Some("NotFoundException"));
    let e = w
        .client
        .get_journey_date_range_kpi()
        .application_id(&w.app)
        .journey_id("nosuchjourney")
        .kpi_name("journey-emails-sent")
        .send()
        .await
        .expect_err("no journeys yet")
        .into_service_error();
    assert_eq!(e.code(), Some("NotFoundException"));
    let e = w
        .client
        .get_application_date_range_kpi()
        .application_id("nosuchapp")
        .kpi_name("txn-sms-sent")
        .send()
        .await
        .expect_err("unknown project")
        .into_service_error();
    assert_eq!(e.code(), Some("NotFoundException"));
}

/// The counters are durable and do not follow the bounded event list: 5 opens more than the
/// project keeps events are all counted, and still are after a restart of the SQLite store;
/// a one-time password sent before the restart verifies after it.
#[test]
fn counters_outlive_the_event_list_and_a_restart() {
    use pinpoint_console::mock::backend::{KpiQuery, MAX_STORED_EVENTS};
    use pinpoint_console::mock::engine::Files;
    use pinpoint_console::mock::store::sqlite::open_store;
    use pinpoint_console::mock::wire::CreateApplicationRequest as AppRequest;

    let dir = std::env::temp_dir().join(format!("pinpoint-kpi-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let clock = Arc::new(ManualClock::new(t("2026-12-01T09:00:00Z")));
    let open = || {
        Backend::new(clock.clone(), "us-east-1")
            .with_store(Box::new(open_store(&dir).unwrap().store))
            .with_files(Files::under(&dir))
    };
    let opens = MAX_STORED_EVENTS + 5;
    let (app, code) = {
        let backend = open();
        let request =
            AppRequest { name: "Durable".into(), tags: std::collections::BTreeMap::new() };
        let app = backend.create_app(request).unwrap().id;
        backend.update_channel(&app, ChannelKind::Sms, json!({"Enabled": true})).unwrap();
        let events: serde_json::Map<String, serde_json::Value> = (0..opens)
            .map(|i| {
                let event =
                    json!({"EventType": "_email.open", "Timestamp": "2026-12-01T08:00:00Z"});
                (format!("ev{i}"), event)
            })
            .collect();
        let batch = json!({"BatchItem": {"m1": {"Endpoint": {"ChannelType": "EMAIL",
            "Address": "ana@example.com"}, "Events": events}}});
        backend.put_events(&app, &batch, "r1").unwrap();
        let otp = json!({"BrandName": "Shop", "Channel": "SMS", "DestinationIdentity": "+12065550142",
                         "OriginationIdentity": "Shop", "ReferenceId": "login"});
        backend.send_otp_message(&app, &otp, "r2").unwrap();
        let outbox = backend.outbox(&pinpoint_console::mock::backend::OutboxFilter::default());
        let code = outbox[0].body.split(' ').nth(6).unwrap().to_owned();
        (app, code)
    };
    let backend = open();
    let opened = backend.application_kpi(&app, "txn-emails-opened", &KpiQuery::default()).unwrap();
    let value = &opened["KpiResult"]["Rows"][0]["Values"][0]["Value"];
    assert_eq!(value, &json!(format!("{opens}.0")), "{opened}");
    let unique =
        backend.application_kpi(&app, "txn-emails-unique-opens", &KpiQuery::default()).unwrap();
    assert_eq!(unique["KpiResult"]["Rows"][0]["Values"][0]["Value"], "1.0");
    let sent = backend.application_kpi(&app, "txn-sms-sent", &KpiQuery::default()).unwrap();
    assert_eq!(
        sent["KpiResult"]["Rows"][0]["Values"][0]["Value"], "1.0",
        "the OTP is a direct SMS"
    );
    let verify =
        json!({"DestinationIdentity": "+12065550142", "ReferenceId": "login", "Otp": code});
    assert_eq!(backend.verify_otp_message(&app, &verify).unwrap()["Valid"], true);
    drop(backend);
    let _cleanup = std::fs::remove_dir_all(&dir);
}
