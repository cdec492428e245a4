//! The journey engine against a manual clock: a random split within ±2 % on 100,000
//! endpoints, waits (`WaitFor`, `WaitUntil`), a conditional split on an event, quiet time and
//! open hours across time zones, re-entry caps, an event-started journey, pause and resume,
//! cancel, opted-out endpoints leaving, metrics that match the outbox, and a restart of a
//! durable (SQLite) mock in the middle of a wait.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::too_many_lines,
    clippy::needless_pass_by_value
)]

use crate::journey_world;

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::Duration;
use journey_world::{event_start, segment_start, setup, sms, t, temp_dir, wait_for, world};
use pinpoint_console::mock::backend::{Backend, ChannelKind, KpiQuery, OutboxFilter};
use pinpoint_console::mock::clock::ManualClock;
use pinpoint_console::mock::engine::Files;
use pinpoint_console::mock::store::sqlite::open_store;
use pinpoint_console::pinpoint::TemplateKind;
use serde_json::{Value, json};

#[test]
fn a_random_split_is_within_two_percent_on_100000_endpoints_and_metrics_match_the_outbox() {
    let w = world("2026-03-02T08:00:00Z");
    w.many(100_000);
    let segment = w.segment();
    let id = w.journey(json!({
        "Name": "Split",
        "StartCondition": segment_start(&segment),
        "StartActivity": "split",
        "Activities": {
            "split": {"RandomSplit": {"Branches": [
                {"Percentage": 20, "NextActivity": "a"},
                {"Percentage": 30, "NextActivity": "b"},
                {"Percentage": 50, "NextActivity": "c"}]}},
            "a": sms(None),
            "b": {"ContactCenter": {}},
            "c": wait_for("P1D", "c2"),
            "c2": sms(None),
        },
    }));
    w.tick();
    let split = w.activity(&id, "split");
    for (branch, share) in [("Branch_0", 20_000), ("Branch_1", 30_000), ("Branch_2", 50_000)] {
        let n = split[branch];
        assert!(n.abs_diff(share) <= 2_000, "{branch}: {n} of 100,000 for {share}");
    }
    assert_eq!(split.values().sum::<u64>(), 100_000);
    let m = w.metrics(&id);
    assert_eq!((m["ENDPOINT_ENTERED"], m["ENDPOINT_ACTIVE"]), (100_000, split["Branch_2"]));
    assert_eq!(w.outbox(&id).len() as u64, split["Branch_0"], "branch a messaged at once");
    assert_eq!(w.activity(&id, "b")["SUCCESS"], split["Branch_1"], "contact center recorded");
    w.advance(Duration::days(1));
    let sent = w.outbox(&id).len() as u64;
    assert_eq!(sent, w.activity(&id, "a")["SUCCESS"] + w.activity(&id, "c2")["SUCCESS"]);
    assert_eq!(sent, split["Branch_0"] + split["Branch_2"]);
    let m = w.metrics(&id);
    assert_eq!((m["ENDPOINT_LEFT"], m["ENDPOINT_ACTIVE"]), (100_000, 0));
    assert_eq!(w.journey_state(&id), "COMPLETED", "everyone walked it and nobody enters again");
    assert_eq!(w.run_statuses(&id), ["COMPLETED"]);
}

#[test]
fn waits_for_a_duration_and_until_a_time() {
    let w = world("2026-03-02T08:00:00Z");
    w.sms("e1", "UTC");
    let stream = json!({"DestinationStreamArn": "arn:aws:kinesis:us-east-1:000000000000:stream/s",
                        "RoleArn": "arn:aws:iam::000000000000:role/r"});
    w.backend.put_event_stream(&w.app, &stream).unwrap();
    let segment = w.segment();
    let id = w.journey(json!({
        "Name": "Waits",
        "StartCondition": segment_start(&segment),
        "StartActivity": "three-days",
        "Activities": {
            "three-days": wait_for("P3D", "first"),
            "first": sms(Some("until")),
            "until": {"Wait": {"WaitTime": {"WaitUntil": "2026-03-10T12:00:00Z"}, "NextActivity": "second"}},
            "second": sms(None),
        },
    }));
    w.tick();
    assert!(w.outbox(&id).is_empty());
    w.advance_to("2026-03-05T07:59:59Z");
    assert!(w.outbox(&id).is_empty(), "a second before three days");
    w.advance_to("2026-03-05T08:00:00Z");
    assert_eq!(w.outbox(&id).len(), 1);
    w.advance_to("2026-03-10T11:59:00Z");
    assert_eq!(w.outbox(&id).len(), 1);
    w.advance_to("2026-03-10T12:00:00Z");
    assert_eq!(w.outbox(&id).len(), 2);
    assert_eq!(w.activity(&id, "three-days")["COMPLETED"], 1);
    let bodies: Vec<String> = w.outbox(&id).into_iter().map(|e| e.body).collect();
    assert_eq!(bodies, ["Hi there", "Hi there"], "rendered from template t and its defaults");
    let log = std::fs::read_to_string(&w.backend.files().event_log).unwrap();
    let sends: Vec<Value> = log
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|r| r["event_type"] == "_journey.send")
        .collect();
    assert_eq!(sends.len(), 2, "each message is streamed");
    assert_eq!(sends[1]["attributes"]["journey_activity_id"], "second");
    assert_eq!(sends[1]["attributes"]["journey_id"], json!(id));
}

#[test]
fn a_conditional_split_sends_the_endpoint_that_sent_the_event_down_the_yes_path() {
    let w = world("2026-03-02T08:00:00Z");
    w.sms("buyer", "UTC");
    w.sms("browser", "UTC");
    let segment = w.segment();
    let id = w.journey(json!({
        "Name": "Bought?",
        "StartCondition": segment_start(&segment),
        "StartActivity": "ask",
        "Activities": {
            "ask": sms(Some("bought")),
            "bought": {"ConditionalSplit": {
                "Condition": {"Conditions": [{"EventCondition": {"Dimensions": {
                    "EventType": {"DimensionType": "INCLUSIVE", "Values": ["purchase"]},
                    "Attributes": {"plan": {"AttributeType": "INCLUSIVE", "Values": ["pro"]}}}}}],
                    "Operator": "ALL"},
                "EvaluationWaitTime": {"WaitFor": "PT1H"},
                "TrueActivity": "thanks", "FalseActivity": "remind"}},
            "thanks": sms(None),
            "remind": sms(None),
        },
    }));
    w.tick();
    assert_eq!(w.outbox(&id).len(), 2, "both asked");
    w.advance(Duration::minutes(10));
    w.event("buyer", "purchase", json!({"plan": "pro"}));
    w.event("browser", "purchase", json!({"plan": "free"}));
    w.advance(Duration::minutes(49));
    assert_eq!(w.outbox(&id).len(), 2, "the split waits its hour");
    w.advance(Duration::minutes(1));
    assert_eq!(w.activity(&id, "thanks")["SUCCESS"], 1);
    assert_eq!(w.activity(&id, "remind")["SUCCESS"], 1);
    let split = w.activity(&id, "bought");
    assert_eq!((split["Branch_0"], split["Branch_1"]), (1, 1));
    let thanks: Vec<_> =
        w.outbox(&id).into_iter().filter(|e| e.endpoint_id.as_deref() == Some("buyer")).collect();
    assert_eq!(thanks.len(), 2);
}

#[test]
fn quiet_time_and_open_hours_hold_messages_in_each_endpoints_zone() {
    // 06:30 UTC on Monday 2026-03-02: 22:30 Sunday in Los Angeles, 07:30 in Paris, 15:30 in Tokyo.
    let w = world("2026-03-02T06:30:00Z");
    w.sms("la", "America/Los_Angeles");
    w.sms("paris", "Europe/Paris");
    w.sms("tokyo", "Asia/Tokyo");
    let segment = w.segment();
    let quiet = w.journey(json!({
        "Name": "Quiet",
        "StartCondition": segment_start(&segment),
        "StartActivity": "hello",
        "QuietTime": {"Start": "22:00", "End": "07:00"},
        "WaitForQuietTime": true,
        "Activities": {"hello": sms(None)},
    }));
    let skip = w.journey(json!({
        "Name": "Quiet, no wait",
        "StartCondition": segment_start(&segment),
        "StartActivity": "hello",
        "QuietTime": {"Start": "22:00", "End": "07:00"},
        "Activities": {"hello": sms(None)},
    }));
    let weekdays: serde_json::Map<String, Value> =
        ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"]
            .iter()
            .map(|d| ((*d).to_owned(), json!([{"StartTime": "09:00", "EndTime": "17:00"}])))
            .collect();
    let open = w.journey(json!({
        "Name": "Office hours",
        "StartCondition": segment_start(&segment),
        "StartActivity": "hello",
        "SendingSchedule": true,
        "OpenHours": {"SMS": weekdays},
        "Activities": {"hello": sms(None)},
    }));
    w.tick();
    assert_eq!(w.sent_to(&quiet), ["paris", "tokyo"]);
    assert_eq!(w.activity(&quiet, "hello")["QUIET_TIME_WAIT"], 1);
    assert_eq!(
        w.sent_to(&skip),
        ["paris", "tokyo"],
        "without WaitForQuietTime the message is not sent"
    );
    assert_eq!(w.activity(&skip, "hello")["QUIET_TIME"], 1);
    // Only Tokyo is in its Monday 09:00-17:00.
    assert_eq!(w.sent_to(&open), ["tokyo"]);
    // 07:00 in Los Angeles is 15:00 UTC.
    w.advance_to("2026-03-02T14:59:00Z");
    assert_eq!(w.sent_to(&quiet).len(), 2);
    w.advance_to("2026-03-02T15:00:00Z");
    assert_eq!(w.sent_to(&quiet), ["la", "paris", "tokyo"]);
    assert_eq!(w.sent_to(&skip).len(), 2, "skipped for good");
    // Paris opens at 08:00 UTC (09:00 CET), Los Angeles at 17:00 UTC (09:00 PST, Monday).
    assert_eq!(w.sent_to(&open), ["paris", "tokyo"]);
    w.advance_to("2026-03-02T17:00:00Z");
    assert_eq!(w.sent_to(&open), ["la", "paris", "tokyo"]);
    assert_eq!(w.activity(&open, "hello")["OPEN_HOURS_WAIT"], 2);
}

#[test]
fn an_event_started_journey_admits_matching_events_within_its_reentry_caps() {
    let w = world("2026-03-02T08:00:00Z");
    w.sms("e1", "UTC");
    w.sms("e2", "UTC");
    let mut start = event_start("signup");
    start["EventStartCondition"]["EventFilter"]["Dimensions"]["Attributes"] =
        json!({"source": {"AttributeType": "INCLUSIVE", "Values": ["web"]}});
    let id = w.journey(json!({
        "Name": "Welcome",
        "StartCondition": start,
        "StartActivity": "hello",
        "Limits": {"EndpointReentryCap": 2, "EndpointReentryInterval": "PT1H"},
        "Activities": {"hello": sms(Some("later")), "later": wait_for("PT30M", "bye"), "bye": sms(None)},
    }));
    w.event("e1", "signup", json!({"source": "web"}));
    w.event("e2", "signup", json!({"source": "app"}));
    w.event("e2", "login", json!({"source": "web"}));
    w.tick();
    assert_eq!(w.sent_to(&id), ["e1"], "only the matching event enters");
    w.event("e1", "signup", json!({"source": "web"}));
    assert_eq!(w.metrics(&id)["ACTIVE_ENDPOINT_REJECTED"], 1, "still in the journey");
    w.advance(Duration::minutes(30));
    assert_eq!(w.sent_to(&id), ["e1", "e1"]);
    w.event("e1", "signup", json!({"source": "web"}));
    assert_eq!(
        w.metrics(&id)["REENTRY_CAP_EXCEEDED"],
        1,
        "left 30 minutes after entering: the interval is an hour"
    );
    w.advance(Duration::minutes(31));
    w.event("e1", "signup", json!({"source": "web"}));
    w.tick();
    w.advance(Duration::minutes(30));
    assert_eq!(w.sent_to(&id).len(), 4, "entered twice");
    w.advance(Duration::hours(2));
    w.event("e1", "signup", json!({"source": "web"}));
    w.tick();
    let m = w.metrics(&id);
    assert_eq!((m["ENDPOINT_ENTERED"], m["REENTRY_CAP_EXCEEDED"]), (2, 2), "{m:?}");
    assert_eq!(w.sent_to(&id).len(), 4);
}

#[test]
fn a_paused_journey_sends_nothing_and_its_waits_keep_their_time() {
    let w = world("2026-03-02T08:00:00Z");
    w.sms("e1", "UTC");
    let segment = w.segment();
    let id = w.journey(json!({
        "Name": "Pausable",
        "StartCondition": segment_start(&segment),
        "RefreshFrequency": "P7D",
        "StartActivity": "wait",
        "Activities": {"wait": wait_for("PT2H", "hello"), "hello": sms(None)},
    }));
    w.tick();
    w.advance(Duration::hours(1));
    w.state(&id, "PAUSED");
    w.advance(Duration::hours(4));
    assert!(w.outbox(&id).is_empty(), "no message while paused");
    w.state(&id, "ACTIVE");
    w.advance(Duration::minutes(59));
    assert!(w.outbox(&id).is_empty(), "the wait had an hour left");
    w.advance(Duration::minutes(1));
    assert_eq!(w.sent_to(&id), ["e1"]);
}

#[test]
fn cancelling_a_journey_removes_everyone() {
    let w = world("2026-03-02T08:00:00Z");
    for id in ["e1", "e2", "e3"] {
        w.sms(id, "UTC");
    }
    let segment = w.segment();
    let id = w.journey(json!({
        "Name": "Cancelled",
        "StartCondition": segment_start(&segment),
        "StartActivity": "wait",
        "Activities": {"wait": wait_for("P1D", "hello"), "hello": sms(None)},
    }));
    w.tick();
    w.state(&id, "CANCELLED");
    w.advance(Duration::days(2));
    assert!(w.outbox(&id).is_empty());
    let m = w.metrics(&id);
    assert_eq!((m["CANCELLED"], m["ENDPOINT_ACTIVE"]), (3, 0));
    assert_eq!(w.journey_state(&id), "CANCELLED");
    assert_eq!(w.run_statuses(&id), ["CANCELLED"]);
}

#[test]
fn an_opted_out_endpoint_leaves_at_its_next_message() {
    let w = world("2026-03-02T08:00:00Z");
    w.sms("stays", "UTC");
    w.sms("leaves", "UTC");
    let segment = w.segment();
    let id = w.journey(json!({
        "Name": "Opt out",
        "StartCondition": segment_start(&segment),
        "StartActivity": "wait",
        "Activities": {"wait": wait_for("PT1H", "hello"), "hello": sms(Some("after")), "after": sms(None)},
    }));
    w.tick();
    w.backend.update_endpoint(&w.app, "leaves", &json!({"OptOut": "ALL"}), "test").unwrap();
    w.advance(Duration::hours(1));
    assert_eq!(w.sent_to(&id), ["stays", "stays"]);
    assert_eq!(w.activity(&id, "hello")["ENDPOINT_OPT_OUT"], 1);
    assert_eq!(w.metrics(&id)["ENDPOINT_LEFT"], 2);
}

#[test]
fn a_durable_mock_restarted_in_the_middle_of_a_wait_neither_skips_nor_repeats() {
    let dir = temp_dir("journey-restart");
    let clock = Arc::new(ManualClock::new(t("2026-03-02T08:00:00Z")));
    let open = |clock: &Arc<ManualClock>| {
        Backend::new(clock.clone(), "us-east-1")
            .with_store(Box::new(open_store(&dir).unwrap().store))
            .with_files(Files::under(&dir))
    };
    let (app, id) = {
        let backend = open(&clock);
        let app = setup(&backend);
        for i in 0..50 {
            let body = json!({"ChannelType": "SMS", "Address": format!("+12065550{i:03}")});
            backend.update_endpoint(&app, &format!("e{i:02}"), &body, "test").unwrap();
        }
        let segment =
            backend.create_segment(&app, json!({"Name": "All", "Dimensions": {}})).unwrap();
        let journey = json!({
            "Name": "Durable", "State": "ACTIVE",
            "StartCondition": segment_start(segment["Id"].as_str().unwrap()),
            "StartActivity": "first",
            "Activities": {"first": sms(Some("wait")), "wait": wait_for("P1D", "second"), "second": sms(None)},
        });
        let id = backend.create_journey(&app, journey).unwrap()["Id"].as_str().unwrap().to_owned();
        backend.run_due();
        clock.advance(Duration::hours(12));
        backend.run_due();
        (app, id)
    };
    let backend = open(&clock);
    let filter =
        OutboxFilter { app_id: Some(app.clone()), limit: Some(10_000), ..OutboxFilter::default() };
    assert_eq!(backend.outbox(&filter).len(), 50, "the first message, once, before the restart");
    clock.advance(Duration::hours(12));
    backend.run_due();
    backend.run_due();
    let outbox = backend.outbox(&filter);
    assert_eq!(outbox.len(), 100);
    let mut per: BTreeMap<String, usize> = BTreeMap::new();
    for e in outbox {
        *per.entry(e.endpoint_id.unwrap()).or_default() += 1;
    }
    assert!(per.values().all(|n| *n == 2), "{per:?}");
    let m = backend.journey_execution_metrics(&app, &id).unwrap();
    assert_eq!(m["Metrics"]["ENDPOINT_LEFT"], "50");
    drop(backend);
    let _cleanup = std::fs::remove_dir_all(&dir);
}

#[test]
fn email_messages_render_their_template_and_feed_the_journey_kpis() {
    let w = world("2026-03-02T08:00:00Z");
    let email = json!({"FromAddress": "news@example.com",
                       "Identity": "arn:aws:ses:us-east-1:000000000000:identity/example.com"});
    w.backend.update_channel(&w.app, ChannelKind::Email, email).unwrap();
    let welcome = json!({"Subject": "Welcome {{Attributes.name}}", "TextPart": "Hello {{Attributes.name}}, from {{Team}}",
                         "DefaultSubstitutions": "{\"Team\":\"the shop\"}"});
    w.backend.create_template(TemplateKind::Email, "welcome", &welcome, "test").unwrap();
    for (id, name) in [("ana", "Ana"), ("bo", "Bo"), ("cy", "Cy")] {
        let body = json!({"ChannelType": "EMAIL", "Address": format!("{id}@example.com"),
                          "Attributes": {"name": [name]}});
        w.backend.update_endpoint(&w.app, id, &body, "test").unwrap();
    }
    let segment = w.segment();
    let id = w.journey(json!({
        "Name": "Welcome mail",
        "StartCondition": segment_start(&segment),
        "StartActivity": "mail",
        "Activities": {"mail": {"EMAIL": {"TemplateName": "welcome",
                                          "MessageConfig": {"FromAddress": "news@example.com"}}}},
    }));
    w.tick();
    let mut sent: Vec<(String, String)> =
        w.outbox(&id).into_iter().map(|e| (e.title.unwrap_or_default(), e.body)).collect();
    sent.sort();
    assert_eq!(
        sent,
        [
            ("Welcome Ana".to_owned(), "Hello Ana, from the shop".to_owned()),
            ("Welcome Bo".to_owned(), "Hello Bo, from the shop".to_owned()),
            ("Welcome Cy".to_owned(), "Hello Cy, from the shop".to_owned()),
        ]
    );
    let query = KpiQuery {
        start_time: Some("2026-03-01T00:00:00Z".into()),
        end_time: Some("2026-03-02T23:59:59Z".into()),
        ..KpiQuery::default()
    };
    let kpi = w.backend.journey_kpi(&w.app, &id, "journey-emails-sent", &query).unwrap();
    let rows = &kpi["KpiResult"]["Rows"];
    assert_eq!(rows[0]["Values"][0]["Value"], "3.0", "{kpi}");
    let by_activity = w
        .backend
        .journey_kpi(&w.app, &id, "emails-sent-grouped-by-journey-activity", &query)
        .unwrap();
    let row = &by_activity["KpiResult"]["Rows"][0];
    assert_eq!(row["GroupedBys"][0]["Value"], "mail", "{by_activity}");
    assert_eq!(row["Values"][0]["Value"], "3.0");
}
