//! Journey entries and limits against a manual clock: runs at each `RefreshFrequency` and on
//! a segment update, a schedule's start and end (CLOSED, then COMPLETED), `LocalTime` in each
//! endpoint's zone, the daily and total caps, a holdout and a multivariate split on segment
//! dimensions.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::too_many_lines)]

use crate::journey_world;

use chrono::Duration;
use journey_world::{segment_start, sms, wait_for, world};
use serde_json::json;

#[test]
fn a_refreshing_journey_opens_a_run_each_period_and_on_a_segment_update() {
    let w = world("2026-03-02T08:00:00Z");
    w.sms("e1", "UTC");
    let segment = w.segment();
    let daily = w.journey(json!({
        "Name": "Daily",
        "StartCondition": segment_start(&segment),
        "RefreshFrequency": "P1D",
        "StartActivity": "hello",
        "Activities": {"hello": sms(None)},
    }));
    let on_update = w.journey(json!({
        "Name": "On update",
        "StartCondition": segment_start(&segment),
        "RefreshOnSegmentUpdate": true,
        "StartActivity": "hello",
        "Activities": {"hello": sms(None)},
    }));
    let once = w.journey(json!({
        "Name": "Once",
        "StartCondition": segment_start(&segment),
        "StartActivity": "hello",
        "Activities": {"hello": sms(None)},
    }));
    w.tick();
    assert_eq!(w.sent_to(&daily), ["e1"]);
    assert_eq!(w.journey_state(&once), "COMPLETED", "one run, everyone done");
    assert_eq!(w.journey_state(&daily), "ACTIVE", "more runs to come");
    w.sms("e2", "UTC");
    w.advance(Duration::hours(23));
    assert_eq!(w.sent_to(&daily), ["e1"]);
    w.advance(Duration::hours(1));
    assert_eq!(w.sent_to(&daily), ["e1", "e1", "e2"], "the second run: e1 again and the new e2");
    assert_eq!(w.run_statuses(&daily), ["COMPLETED", "COMPLETED"]);
    assert_eq!(w.sent_to(&on_update), ["e1"], "no update yet");
    w.backend
        .update_segment(&w.app, &segment, json!({"Name": "All again", "Dimensions": {}}))
        .unwrap();
    w.tick();
    assert_eq!(w.sent_to(&on_update), ["e1", "e1", "e2"]);
    assert_eq!(w.run_statuses(&on_update).len(), 2);
    assert_eq!(w.sent_to(&once), ["e1"]);
}

#[test]
fn a_schedule_starts_entries_and_its_end_closes_then_completes_the_journey() {
    let w = world("2026-03-02T08:00:00Z");
    w.sms("e1", "UTC");
    let segment = w.segment();
    let id = w.journey(json!({
        "Name": "Scheduled",
        "StartCondition": segment_start(&segment),
        "Schedule": {"StartTime": "2026-03-02T10:00:00Z", "EndTime": "2026-03-02T12:00:00Z"},
        "RefreshFrequency": "PT1H",
        "StartActivity": "wait",
        "Activities": {"wait": wait_for("PT3H", "hello"), "hello": sms(None)},
    }));
    w.tick();
    assert!(w.run_statuses(&id).is_empty(), "before its start nobody enters");
    w.advance_to("2026-03-02T10:00:00Z");
    assert_eq!(w.metrics(&id)["ENDPOINT_ENTERED"], 1);
    w.advance_to("2026-03-02T11:00:00Z");
    w.advance_to("2026-03-02T12:00:00Z");
    assert_eq!(w.journey_state(&id), "CLOSED", "ended, with a participant still waiting");
    assert_eq!(w.metrics(&id)["ACTIVE_ENDPOINT_REJECTED"], 1, "the 11:00 refresh found e1 in it");
    w.advance_to("2026-03-02T13:00:00Z");
    assert_eq!(w.sent_to(&id), ["e1"], "a participant finishes after the end");
    assert_eq!(w.journey_state(&id), "COMPLETED");
}

#[test]
fn local_time_lets_each_endpoint_in_at_the_start_time_of_its_own_zone() {
    let w = world("2026-03-01T20:00:00Z");
    w.sms("tokyo", "Asia/Tokyo");
    w.sms("london", "Europe/London");
    w.sms("new-york", "America/New_York");
    let segment = w.segment();
    let id = w.journey(json!({
        "Name": "Nine o'clock",
        "StartCondition": segment_start(&segment),
        "LocalTime": true,
        "Schedule": {"StartTime": "2026-03-02T09:00:00Z"},
        "StartActivity": "hello",
        "Activities": {"hello": sms(None)},
    }));
    w.tick();
    assert!(w.sent_to(&id).is_empty());
    // 09:00 in Tokyo is 00:00 UTC; in London 09:00 UTC; in New York (EST) 14:00 UTC.
    w.advance_to("2026-03-02T00:00:00Z");
    assert_eq!(w.sent_to(&id), ["tokyo"]);
    w.advance_to("2026-03-02T08:59:00Z");
    assert_eq!(w.sent_to(&id), ["tokyo"]);
    w.advance_to("2026-03-02T09:00:00Z");
    assert_eq!(w.sent_to(&id), ["london", "tokyo"]);
    w.advance_to("2026-03-02T14:00:00Z");
    assert_eq!(w.sent_to(&id), ["london", "new-york", "tokyo"]);

    // A local-time end: the day's 10:00 has passed in Tokyo and London (02:00 and 10:00 UTC)
    // but not in New York (15:00 UTC), so only New York enters a journey opened at 14:30 UTC.
    w.advance_to("2026-03-02T14:30:00Z");
    let late = w.journey(json!({
        "Name": "Until ten",
        "StartCondition": segment_start(&segment),
        "LocalTime": true,
        "Schedule": {"StartTime": "2026-03-02T08:00:00Z", "EndTime": "2026-03-02T10:00:00Z"},
        "StartActivity": "hello",
        "Activities": {"hello": sms(None)},
    }));
    w.tick();
    assert_eq!(w.sent_to(&late), ["new-york"]);
    assert_eq!(w.metrics(&late)["ENDPOINT_TIMEZONE_MISMATCH"], 2);
    assert_eq!(w.journey_state(&late), "COMPLETED");
}

#[test]
fn daily_and_total_caps_hold_back_messages() {
    let w = world("2026-03-02T08:00:00Z");
    w.sms("e1", "UTC");
    let segment = w.segment();
    let id = w.journey(json!({
        "Name": "Capped",
        "StartCondition": segment_start(&segment),
        "Limits": {"DailyCap": 1, "TotalCap": 2},
        "StartActivity": "m1",
        "Activities": {
            "m1": sms(Some("w1")), "w1": wait_for("PT1H", "m2"),
            "m2": sms(Some("w2")), "w2": wait_for("P1D", "m3"),
            "m3": sms(Some("w3")), "w3": wait_for("P1D", "m4"),
            "m4": sms(None),
        },
    }));
    w.tick();
    w.advance(Duration::hours(1));
    w.advance(Duration::days(1));
    w.advance(Duration::days(1));
    assert_eq!(w.outbox(&id).len(), 2);
    assert_eq!(w.activity(&id, "m2")["DAILY_CAP"], 1);
    assert_eq!(w.activity(&id, "m3")["SUCCESS"], 1);
    assert_eq!(w.activity(&id, "m4")["TOTAL_CAP"], 1);
    assert_eq!(w.metrics(&id)["ENDPOINT_LEFT"], 1, "a capped message does not stop the walk");
}

#[test]
fn a_holdout_and_a_multivariate_split_on_segment_dimensions() {
    let w = world("2026-03-02T08:00:00Z");
    for i in 0..1_000 {
        let platform = ["iOS", "Android", "Web"][i % 3];
        let body = json!({"ChannelType": "SMS", "Address": format!("+1206555{i:04}"),
                          "Demographic": {"Platform": platform}});
        w.backend.update_endpoint(&w.app, &format!("e{i:04}"), &body, "test").unwrap();
    }
    let segment = w.segment();
    let platform =
        |p: &str| json!({"segmentDimensions": {"Demographic": {"Platform": {"Values": [p]}}}});
    let id = w.journey(json!({
        "Name": "By platform",
        "StartCondition": segment_start(&segment),
        "StartActivity": "hold",
        "Activities": {
            "hold": {"Holdout": {"Percentage": 20, "NextActivity": "split"}},
            "split": {"MultiCondition": {
                "Branches": [{"Condition": platform("iOS"), "NextActivity": "ios"},
                             {"Condition": platform("Android"), "NextActivity": "android"}],
                "DefaultActivity": "other"}},
            "ios": {"ContactCenter": {}},
            "android": {"ContactCenter": {}},
            "other": {"ContactCenter": {}},
        },
    }));
    w.tick();
    let hold = w.activity(&id, "hold");
    assert!((150..=250).contains(&hold["HOLDOUT"]), "{hold:?}");
    assert_eq!(hold["HOLDOUT"] + hold["SUCCESS"], 1_000);
    let split = w.activity(&id, "split");
    assert_eq!(split["Branch_0"], w.activity(&id, "ios")["SUCCESS"]);
    assert_eq!(split["Branch_1"], w.activity(&id, "android")["SUCCESS"]);
    assert_eq!(split["Branch_Else"], w.activity(&id, "other")["SUCCESS"]);
    assert_eq!(split.values().sum::<u64>(), hold["SUCCESS"]);
    for n in split.values() {
        assert!((200..=340).contains(n), "{split:?}");
    }
}

#[test]
fn messages_per_second_holds_the_rest_for_the_next_second() {
    let w = world("2026-03-02T08:00:00Z");
    for id in ["e1", "e2", "e3", "e4", "e5"] {
        w.sms(id, "UTC");
    }
    let segment = w.segment();
    let id = w.journey(json!({
        "Name": "Throttled",
        "StartCondition": segment_start(&segment),
        "Limits": {"MessagesPerSecond": 2},
        "StartActivity": "hello",
        "Activities": {"hello": sms(None)},
    }));
    w.tick();
    assert_eq!(w.outbox(&id).len(), 2);
    w.advance(Duration::seconds(1));
    assert_eq!(w.outbox(&id).len(), 4);
    w.advance(Duration::seconds(1));
    assert_eq!(w.outbox(&id).len(), 5);
    assert_eq!(w.activity(&id, "hello")["SUCCESS"], 5);
    assert_eq!(w.activity(&id, "hello")["THROTTLED"], 3, "each held message counted once");
}
