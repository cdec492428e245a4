//! The engine against a manual clock: schedules, quiet time across midnight in several time
//! zones, local time, daily and total caps, the holdout and treatment split, event-triggered
//! campaigns, import with bad rows, export round trip, substitutions and the event stream.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::too_many_lines,
    clippy::needless_pass_by_value
)]

use std::sync::Arc;

use chrono::{DateTime, Utc};
use pinpoint_console::mock::backend::{Backend, JobKind, OutboxFilter};
use pinpoint_console::mock::clock::ManualClock;
use pinpoint_console::mock::engine::Files;
use pinpoint_console::mock::store::PageRequest;
use pinpoint_console::mock::wire::CreateApplicationRequest;
use serde_json::{Value, json};

struct World {
    backend: Backend,
    clock: Arc<ManualClock>,
    app: String,
    dir: std::path::PathBuf,
}

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn world(start: &str) -> World {
    let clock = Arc::new(ManualClock::new(t(start)));
    let dir =
        std::env::temp_dir().join(format!("pinpoint-engine-{}", uuid::Uuid::new_v4().simple()));
    let backend = Backend::new(clock.clone(), "us-east-1").with_files(Files::under(&dir));
    let request = CreateApplicationRequest {
        name: "Engine".into(),
        tags: std::collections::BTreeMap::default(),
    };
    let app = backend.create_app(request).unwrap().id;
    backend
        .update_channel(
            &app,
            pinpoint_console::mock::backend::ChannelKind::Sms,
            json!({"Enabled": true}),
        )
        .unwrap();
    World { backend, clock, app, dir }
}

impl World {
    fn endpoint(&self, id: &str, body: Value) {
        self.backend.update_endpoint(&self.app, id, &body, "test").unwrap();
    }
    fn sms(&self, id: &str, tz: Option<&str>) {
        let mut body = json!({"ChannelType": "SMS", "Address": format!("+1206555{:04}", id.len() * 97 % 10000),
                              "Demographic": {"Platform": "iOS"}, "User": {"UserId": id, "UserAttributes": {"FirstName": [id]}}});
        if let Some(tz) = tz {
            body["Demographic"]["Timezone"] = json!(tz);
        }
        self.endpoint(id, body);
    }
    fn segment_all_ios(&self) -> String {
        let s = self.backend.create_segment(&self.app, json!({"Name": "iOS", "Dimensions": {"Demographic": {"Platform": {"Values": ["iOS"]}}}})).unwrap();
        s["Id"].as_str().unwrap().to_owned()
    }
    fn campaign(&self, body: Value) -> String {
        self.backend.create_campaign(&self.app, body).unwrap()["Id"].as_str().unwrap().to_owned()
    }
    fn advance_to(&self, at: &str) {
        let now = self.clock_now();
        self.clock.advance(t(at) - now);
        self.backend.run_due();
    }
    fn clock_now(&self) -> DateTime<Utc> {
        self.backend.clock_now()
    }
    fn outbox(&self) -> Vec<pinpoint_console::mock::engine::OutboxEntry> {
        self.backend.outbox(&OutboxFilter {
            app_id: Some(self.app.clone()),
            limit: Some(1_000_000),
            ..OutboxFilter::default()
        })
    }
    fn activities(&self, campaign: &str) -> Vec<Value> {
        let page = PageRequest::parse(Some("1000"), None).unwrap();
        self.backend.campaign_activities(&self.app, campaign, page).unwrap()["Item"]
            .as_array()
            .unwrap()
            .clone()
    }
    fn status(&self, campaign: &str) -> String {
        self.backend.get_campaign(&self.app, campaign).unwrap()["State"]["CampaignStatus"]
            .as_str()
            .unwrap()
            .to_owned()
    }
}

impl Drop for World {
    fn drop(&mut self) {
        let _cleanup = std::fs::remove_dir_all(&self.dir);
    }
}

fn sms_message(body: &str) -> Value {
    json!({"SMSMessage": {"Body": body}})
}

#[test]
fn holdout_and_treatments_split_within_two_percent_of_100k() {
    let w = world("2026-11-26T09:00:00Z");
    for batch in 0..1000 {
        let items: Vec<Value> = (0..100)
            .map(|i| json!({"Id": format!("ep-{batch}-{i}"), "ChannelType": "SMS", "Address": "+12065550100", "Demographic": {"Platform": "iOS"}}))
            .collect();
        w.backend.update_endpoints_batch(&w.app, &items, "load").unwrap();
    }
    let segment = w.segment_all_ios();
    let campaign = w.campaign(json!({
        "Name": "Split", "SegmentId": segment, "HoldoutPercent": 10,
        "AdditionalTreatments": [{"SizePercent": 30, "TreatmentName": "B", "MessageConfiguration": sms_message("B")},
                                 {"SizePercent": 20, "TreatmentName": "C", "MessageConfiguration": sms_message("C")}],
        "MessageConfiguration": sms_message("A"),
        "Schedule": {"StartTime": "IMMEDIATE", "Frequency": "ONCE"},
        "Limits": {"MessagesPerSecond": 20000},
    }));
    w.backend.run_due();
    let activities = w.activities(&campaign);
    assert_eq!(activities.len(), 3);
    let share = |treatment: &str| {
        let a = activities.iter().find(|a| a["TreatmentId"] == treatment).unwrap();
        assert_eq!(a["State"], "COMPLETED");
        assert_eq!(a["TotalEndpointCount"], a["SuccessfulEndpointCount"]);
        a["TotalEndpointCount"].as_f64().unwrap() / 100_000.0
    };
    for (treatment, expected) in [("0", 0.40), ("1", 0.30), ("2", 0.20)] {
        let got = share(treatment);
        assert!((got - expected).abs() <= 0.02, "treatment {treatment}: {got} vs {expected}");
    }
    let delivered = w.outbox().len() as f64 / 100_000.0;
    assert!((delivered - 0.90).abs() <= 0.02, "holdout: delivered {delivered}");
    assert_eq!(w.status(&campaign), "COMPLETED");
}

#[test]
fn recurring_schedules_run_until_end_time_and_pause() {
    let w = world("2026-11-26T08:00:00Z");
    w.sms("a", None);
    let segment = w.segment_all_ios();
    let daily = w.campaign(json!({
        "Name": "Daily", "SegmentId": segment, "MessageConfiguration": sms_message("daily"),
        "Schedule": {"StartTime": "2026-11-26T09:00:00Z", "EndTime": "2026-11-28T12:00:00Z", "Frequency": "DAILY"},
    }));
    let paused = w.campaign(json!({
        "Name": "Paused", "SegmentId": segment, "IsPaused": true, "MessageConfiguration": sms_message("paused"),
        "Schedule": {"StartTime": "IMMEDIATE", "Frequency": "ONCE"},
    }));
    w.backend.run_due();
    assert_eq!(w.status(&daily), "SCHEDULED");
    assert!(w.outbox().is_empty());
    w.advance_to("2026-11-26T09:00:00Z");
    assert_eq!(w.activities(&daily).len(), 1);
    assert_eq!(w.status(&daily), "PENDING_NEXT_RUN");
    w.advance_to("2026-11-28T11:00:00Z");
    assert_eq!(w.activities(&daily).len(), 3, "runs on the 26th, 27th and 28th");
    w.advance_to("2026-11-30T11:00:00Z");
    assert_eq!(w.activities(&daily).len(), 3, "nothing after EndTime");
    assert_eq!(w.status(&daily), "COMPLETED");
    assert_eq!(w.status(&paused), "PAUSED");
    assert!(w.outbox().iter().all(|e| e.body == "daily"));
}

#[test]
fn quiet_time_across_midnight_in_several_time_zones() {
    // 06:30 UTC: 22:30 (the day before) in Los Angeles, 07:30 in Paris, 15:30 in Tokyo,
    // 06:30 in London.
    let w = world("2026-11-26T06:30:00Z");
    w.sms("la", Some("America/Los_Angeles"));
    w.sms("paris", Some("Europe/Paris"));
    w.sms("tokyo", Some("Asia/Tokyo"));
    w.sms("london", Some("Europe/London"));
    w.sms("nozone", None);
    let segment = w.segment_all_ios();
    let campaign = w.campaign(json!({
        "Name": "Quiet", "SegmentId": segment, "MessageConfiguration": sms_message("hi"),
        "Schedule": {"StartTime": "IMMEDIATE", "Frequency": "ONCE", "QuietTime": {"Start": "22:00", "End": "07:00"}},
    }));
    w.backend.run_due();
    let mut sent: Vec<String> = w.outbox().into_iter().filter_map(|e| e.endpoint_id).collect();
    sent.sort();
    assert_eq!(sent, vec!["nozone", "paris", "tokyo"]);
    let activity = &w.activities(&campaign)[0];
    assert_eq!(activity["ExecutionMetrics"]["QUIET_TIME"], "2");
    // The project's quiet time applies when the campaign has none.
    w.backend
        .update_settings(
            &w.app,
            serde_json::from_value(json!({"QuietTime": {"Start": "15:00", "End": "16:00"}}))
                .unwrap(),
        )
        .unwrap();
    let second = w.campaign(json!({
        "Name": "App quiet", "SegmentId": segment, "MessageConfiguration": sms_message("second"),
        "Schedule": {"StartTime": "IMMEDIATE", "Frequency": "ONCE"},
    }));
    w.backend.run_due();
    let second_sent: Vec<String> = w
        .outbox()
        .into_iter()
        .filter(|e| e.campaign_id.as_deref() == Some(second.as_str()))
        .filter_map(|e| e.endpoint_id)
        .collect();
    assert!(
        !second_sent.contains(&"tokyo".to_owned()),
        "15:30 in Tokyo is inside the project's quiet time"
    );
    assert_eq!(second_sent.len(), 4);
}

#[test]
fn local_time_delivers_each_zone_at_its_own_hour() {
    let w = world("2026-11-25T12:00:00Z");
    w.sms("paris", Some("Europe/Paris"));
    w.sms("newyork", Some("America/New_York"));
    let segment = w.segment_all_ios();
    let campaign = w.campaign(json!({
        "Name": "Local", "SegmentId": segment, "MessageConfiguration": sms_message("09:00 local"),
        "Schedule": {"StartTime": "2026-11-26T09:00:00Z", "Frequency": "ONCE", "IsLocalTime": true, "Timezone": "UTC"},
    }));
    // 09:00 in Paris is 08:00 UTC; in New York 14:00 UTC.
    w.advance_to("2026-11-26T07:59:00Z");
    assert!(w.outbox().is_empty(), "no zone has reached 09:00 yet");
    w.advance_to("2026-11-26T08:00:00Z");
    let out = w.outbox();
    let sent: Vec<&str> = out.iter().filter_map(|e| e.endpoint_id.as_deref()).collect();
    assert_eq!(sent, vec!["paris"]);
    assert_eq!(out[0].time, "2026-11-26T08:00:00.000Z");
    assert_eq!(w.status(&campaign), "EXECUTING");
    let a = &w.activities(&campaign)[0];
    assert_eq!(
        (
            a["TimezonesTotalCount"].as_u64(),
            a["TimezonesCompletedCount"].as_u64(),
            a["State"].as_str()
        ),
        (Some(2), Some(1), Some("RUNNING"))
    );
    w.advance_to("2026-11-26T14:00:00Z");
    assert_eq!(w.outbox().len(), 2);
    assert_eq!(w.activities(&campaign)[0]["State"], "COMPLETED");
    assert_eq!(w.status(&campaign), "COMPLETED");
}

#[test]
fn daily_and_total_caps_hold_messages_back() {
    let w = world("2026-11-26T00:00:00Z");
    w.sms("a", None);
    let segment = w.segment_all_ios();
    let campaign = w.campaign(json!({
        "Name": "Hourly", "SegmentId": segment, "MessageConfiguration": sms_message("hourly"),
        "Limits": {"Daily": 2, "Total": 3},
        "Schedule": {"StartTime": "2026-11-26T00:00:00Z", "EndTime": "2026-11-28T00:00:00Z", "Frequency": "HOURLY"},
    }));
    w.advance_to("2026-11-26T23:00:00Z");
    assert_eq!(w.outbox().len(), 2, "two a day");
    w.advance_to("2026-11-27T23:00:00Z");
    assert_eq!(w.outbox().len(), 3, "three in all");
    let metrics: Vec<Value> =
        w.activities(&campaign).iter().map(|a| a["ExecutionMetrics"].clone()).collect();
    assert!(metrics.iter().any(|m| m.get("DAILY_CAP").is_some()));
    assert!(metrics.iter().any(|m| m.get("CAMPAIGN_CAP").is_some()));
}

#[test]
fn opted_out_inactive_and_disabled_channels_are_never_messaged() {
    let w = world("2026-11-26T12:00:00Z");
    w.sms("ok", None);
    w.endpoint("out", json!({"ChannelType": "SMS", "Address": "+12065550101", "OptOut": "ALL", "Demographic": {"Platform": "iOS"}}));
    w.endpoint("idle", json!({"ChannelType": "SMS", "Address": "+12065550102", "EndpointStatus": "INACTIVE", "Demographic": {"Platform": "iOS"}}));
    w.endpoint("mail", json!({"ChannelType": "EMAIL", "Address": "a@example.com", "Demographic": {"Platform": "iOS"}}));
    let segment = w.segment_all_ios();
    w.campaign(json!({"Name": "All", "SegmentId": segment, "Schedule": {"StartTime": "IMMEDIATE"},
                      "MessageConfiguration": {"DefaultMessage": {"Body": "hello"}}}));
    w.backend.run_due();
    let sent: Vec<String> = w.outbox().into_iter().filter_map(|e| e.endpoint_id).collect();
    assert_eq!(sent, vec!["ok"], "email channel not enabled, opted-out and inactive skipped");
}

#[test]
fn event_triggered_campaigns_send_to_the_endpoint_that_sent_the_event() {
    let w = world("2026-11-26T12:00:00Z");
    w.sms("buyer", None);
    w.sms("browser", None);
    let segment = w.segment_all_ios();
    w.campaign(json!({
        "Name": "Thanks", "SegmentId": segment, "MessageConfiguration": sms_message("Thanks {{User.UserAttributes.FirstName}}"),
        "Schedule": {"StartTime": "2026-11-26T11:00:00Z", "Frequency": "EVENT",
                     "EventFilter": {"FilterType": "ENDPOINT", "Dimensions": {"EventType": {"DimensionType": "INCLUSIVE", "Values": ["purchase"]}}}},
    }));
    w.backend.run_due();
    assert!(w.outbox().is_empty());
    let events = |endpoint: &str, event_type: &str| json!({"BatchItem": {endpoint: {"Endpoint": {}, "Events": {"e1": {"EventType": event_type, "Timestamp": "2026-11-26T12:00:00Z"}}}}});
    w.backend.put_events(&w.app, &events("browser", "page.view"), "r1").unwrap();
    assert!(w.outbox().is_empty());
    w.backend.put_events(&w.app, &events("buyer", "purchase"), "r2").unwrap();
    let out = w.outbox();
    assert_eq!(out.len(), 1);

    // A filter on the event's attributes and metrics: only a big purchase in the app store.
    w.campaign(json!({
        "Name": "Big spender", "SegmentId": segment, "MessageConfiguration": sms_message("VIP"),
        "Schedule": {"StartTime": "2026-11-26T11:00:00Z", "Frequency": "EVENT",
                     "EventFilter": {"FilterType": "ENDPOINT", "Dimensions": {
                         "EventType": {"DimensionType": "INCLUSIVE", "Values": ["order"]},
                         "Attributes": {"store": {"AttributeType": "INCLUSIVE", "Values": ["app"]}},
                         "Metrics": {"total": {"ComparisonOperator": "GREATER_THAN_OR_EQUAL", "Value": 100.0}}}}},
    }));
    let order = |endpoint: &str, store: &str, total: f64| {
        json!({"BatchItem": {endpoint: {"Endpoint": {}, "Events": {"o": {
        "EventType": "order", "Timestamp": "2026-11-26T12:00:00Z",
        "Attributes": {"store": store}, "Metrics": {"total": total}}}}}})
    };
    w.backend.put_events(&w.app, &order("browser", "web", 500.0), "r3").unwrap();
    w.backend.put_events(&w.app, &order("browser", "app", 20.0), "r4").unwrap();
    assert_eq!(w.outbox().len(), 1, "a web order and a small one do not trigger");
    w.backend.put_events(&w.app, &order("browser", "app", 250.0), "r5").unwrap();
    let vip: Vec<_> = w.outbox().into_iter().filter(|e| e.body == "VIP").collect();
    assert_eq!(vip.len(), 1);
    assert_eq!(vip[0].endpoint_id.as_deref(), Some("browser"));
    assert_eq!(
        (out[0].endpoint_id.as_deref(), out[0].body.as_str()),
        (Some("buyer"), "Thanks buyer")
    );
}

#[test]
fn import_with_bad_rows_then_export_round_trip() {
    let w = world("2026-11-26T12:00:00Z");
    let bucket = w.backend.files().buckets.join("imports");
    std::fs::create_dir_all(&bucket).unwrap();
    std::fs::write(
        bucket.join("users.csv"),
        "Id,ChannelType,Address,Demographic.Platform,Location.Country,Attributes.interests,User.UserId,OptOut\n\
         u1,SMS,+12065550101,iOS,US,hiking;science,user-1,NONE\n\
         u2,,+12065550102,Android,DE,,user-2,NONE\n\
         u3,SMS,+12065550103,iOS,FR,news,user-3,MAYBE\n\
         u4,EMAIL,d@example.com,Android,US,science,user-4,NONE\n",
    )
    .unwrap();
    let job = w
        .backend
        .create_import_job(&w.app, &json!({"Format": "CSV", "RoleArn": "arn:aws:iam::0:role/r", "S3Url": "s3://imports/users.csv",
                                          "DefineSegment": true, "SegmentName": "Imported users"}))
        .unwrap();
    let id = job["Id"].as_str().unwrap();
    assert_eq!(job["JobStatus"], "CREATED");
    w.backend.run_due();
    let job = w.backend.get_job(&w.app, JobKind::Import, id).unwrap();
    assert_eq!(job["JobStatus"], "COMPLETED");
    assert_eq!(job["TotalProcessed"], 4);
    assert_eq!(job["TotalFailures"], 2);
    let failures: Vec<&str> =
        job["Failures"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(
        failures[0].starts_with("Row 3:") && failures[0].contains("ChannelType"),
        "{failures:?}"
    );
    assert!(failures[1].starts_with("Row 4:") && failures[1].contains("OptOut"), "{failures:?}");
    assert!(
        w.backend.get_endpoint(&w.app, "u1").is_ok()
            && w.backend.get_endpoint(&w.app, "u4").is_ok()
    );
    assert!(w.backend.get_endpoint(&w.app, "u2").is_err());
    let segment_id = job["Definition"]["SegmentId"].as_str().unwrap().to_owned();
    let segment = w.backend.get_segment(&w.app, &segment_id).unwrap();
    assert_eq!(
        (segment["SegmentType"].as_str(), segment["ImportDefinition"]["Size"].as_u64()),
        (Some("IMPORT"), Some(2))
    );
    assert_eq!(segment["Name"], "Imported users");

    // Export the imported segment, then import the export into a fresh project.
    let export = w.backend
        .create_export_job(&w.app, &json!({"RoleArn": "arn:aws:iam::0:role/r", "S3UrlPrefix": "s3://exports/run1", "SegmentId": segment_id}))
        .unwrap();
    w.backend.run_due();
    let export =
        w.backend.get_job(&w.app, JobKind::Export, export["Id"].as_str().unwrap()).unwrap();
    assert_eq!(
        (export["JobStatus"].as_str(), export["TotalProcessed"].as_u64()),
        (Some("COMPLETED"), Some(2))
    );
    let file = format!("s3://exports/run1/{}.jsonl", export["Id"].as_str().unwrap());
    let other = w
        .backend
        .create_app(CreateApplicationRequest {
            name: "Copy".into(),
            tags: std::collections::BTreeMap::default(),
        })
        .unwrap()
        .id;
    let back = w
        .backend
        .create_import_job(
            &other,
            &json!({"Format": "JSON", "RoleArn": "arn:aws:iam::0:role/r", "S3Url": file}),
        )
        .unwrap();
    w.backend.run_due();
    let back = w.backend.get_job(&other, JobKind::Import, back["Id"].as_str().unwrap()).unwrap();
    assert_eq!(
        (back["TotalProcessed"].as_u64(), back["TotalFailures"].as_u64()),
        (Some(2), Some(0)),
        "{back}"
    );
    let original = w.backend.get_endpoint(&w.app, "u1").unwrap();
    let copy = w.backend.get_endpoint(&other, "u1").unwrap();
    for member in ["Address", "ChannelType", "Attributes", "Location", "User", "Demographic"] {
        assert_eq!(original[member], copy[member], "{member}");
    }
    // A missing file fails the job with a reason.
    let missing = w.backend.create_import_job(&w.app, &json!({"Format": "CSV", "RoleArn": "arn:aws:iam::0:role/r", "S3Url": "s3://imports/none.csv"})).unwrap();
    w.backend.run_due();
    let missing =
        w.backend.get_job(&w.app, JobKind::Import, missing["Id"].as_str().unwrap()).unwrap();
    assert_eq!(missing["JobStatus"], "FAILED");
    assert!(missing["Failures"][0].as_str().unwrap().contains("cannot read"));
}

#[test]
fn direct_sends_render_substitutions_and_stream_events() {
    let w = world("2026-11-26T12:00:00Z");
    w.sms("ada", None);
    w.backend
        .put_event_stream(&w.app, &json!({"DestinationStreamArn": "arn:aws:kinesis:us-east-1:0:stream/s", "RoleArn": "arn:aws:iam::0:role/r"}))
        .unwrap();
    let request = json!({
        "MessageConfiguration": {"SMSMessage": {"Body": "Hi {{User.UserAttributes.FirstName}}, code {{code}} for {{Context.shop}}"}},
        "Context": {"shop": "Acme"},
        "Endpoints": {"ada": {"Substitutions": {"code": ["4711"]}}},
        "Addresses": {"+12065550199": {"ChannelType": "SMS", "BodyOverride": "Override for {{Context.shop}}"}},
    });
    let answer = w.backend.send_messages(&w.app, &request, "req-1").unwrap();
    assert_eq!(answer["EndpointResult"]["ada"]["DeliveryStatus"], "SUCCESSFUL");
    let out = w.outbox();
    let body = |id: Option<&str>| {
        out.iter().find(|e| e.endpoint_id.as_deref() == id).unwrap().body.clone()
    };
    assert_eq!(body(Some("ada")), "Hi ada, code 4711 for Acme");
    assert_eq!(body(None), "Override for Acme");
    assert!(out.iter().all(|e| e.request_id.as_deref() == Some("req-1")));
    let log = std::fs::read_to_string(&w.backend.files().event_log).unwrap();
    assert_eq!(log.lines().filter(|l| l.contains("\"_SMS.SUCCESS\"")).count(), 2, "{log}");
}

#[test]
fn the_estimate_counts_matching_messageable_and_per_group() {
    let w = world("2026-11-26T12:00:00Z");
    w.sms("a", None);
    w.endpoint("b", json!({"ChannelType": "SMS", "Address": "+12065550101", "OptOut": "ALL", "Demographic": {"Platform": "iOS"}}));
    w.endpoint(
        "c",
        json!({"ChannelType": "GCM", "Address": "token", "Demographic": {"Platform": "Android"}}),
    );
    let definition = json!({"SegmentGroups": {"Include": "ALL", "Groups": [
        {"Type": "ANY", "Dimensions": [{"Demographic": {"Platform": {"Values": ["iOS"]}}}]},
        {"Type": "ALL", "Dimensions": [{"Demographic": {"Channel": {"Values": ["SMS"]}}}]},
    ]}});
    let estimate = w.backend.estimate(&w.app, &definition).unwrap();
    assert_eq!(estimate, json!({"Matching": 2, "Messageable": 1, "Total": 3, "Groups": [2, 2]}));
}
