//! The journey tests' world: a backend with a manual clock and an SMS channel, endpoints,
//! segments, journeys published through the backend, events, and the outbox and metrics read
//! back.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::needless_pass_by_value)]

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use pinpoint_console::mock::backend::{Backend, ChannelKind, OutboxFilter};
use pinpoint_console::mock::clock::ManualClock;
use pinpoint_console::mock::engine::{Files, OutboxEntry};
use pinpoint_console::mock::store::PageRequest;
use pinpoint_console::mock::wire::CreateApplicationRequest;
use pinpoint_console::pinpoint::TemplateKind;
use serde_json::{Value, json};

pub fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// A project on a backend with a manual clock.
pub struct World {
    pub backend: Backend,
    pub clock: Arc<ManualClock>,
    pub app: String,
}

pub fn temp_dir(what: &str) -> std::path::PathBuf {
    let dir =
        std::env::temp_dir().join(format!("pinpoint-{what}-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn world(start: &str) -> World {
    let clock = Arc::new(ManualClock::new(t(start)));
    let backend =
        Backend::new(clock.clone(), "us-east-1").with_files(Files::under(&temp_dir("journeys")));
    let app = setup(&backend);
    World { backend, clock, app }
}

pub fn setup(backend: &Backend) -> String {
    let request = CreateApplicationRequest { name: "Journeys".into(), tags: BTreeMap::default() };
    let app = backend.create_app(request).unwrap().id;
    backend.update_channel(&app, ChannelKind::Sms, json!({"Enabled": true})).unwrap();
    // The template every SMS activity of these tests names (`sms` below).
    let template = json!({"Body": "Hi {{Name}}", "DefaultSubstitutions": "{\"Name\":\"there\"}"});
    match backend.create_template(TemplateKind::Sms, "t", &template, "test") {
        Ok(_) => {}
        // A restarted backend over the same store has it already.
        Err(e) => assert!(e.message.contains("already exists"), "{}", e.message),
    }
    app
}

impl World {
    pub fn sms(&self, id: &str, tz: &str) {
        let body = json!({"ChannelType": "SMS", "Address": format!("+1206555{:04}", id.len()),
                          "Demographic": {"Timezone": tz}});
        self.backend.update_endpoint(&self.app, id, &body, "test").unwrap();
    }
    pub fn many(&self, n: usize) {
        let mut batch = Vec::with_capacity(100);
        for i in 0..n {
            batch.push(json!({"Id": format!("ep-{i:06}"), "ChannelType": "SMS",
                              "Address": format!("+1206{:07}", i)}));
            if batch.len() == 100 {
                self.backend.update_endpoints_batch(&self.app, &batch, "load").unwrap();
                batch.clear();
            }
        }
        if !batch.is_empty() {
            self.backend.update_endpoints_batch(&self.app, &batch, "load").unwrap();
        }
    }
    pub fn segment(&self) -> String {
        let s = self
            .backend
            .create_segment(&self.app, json!({"Name": "All", "Dimensions": {}}))
            .unwrap();
        s["Id"].as_str().unwrap().to_owned()
    }
    /// Creates and publishes a journey.
    pub fn journey(&self, mut body: Value) -> String {
        body["State"] = json!("ACTIVE");
        self.backend.create_journey(&self.app, body).unwrap()["Id"].as_str().unwrap().to_owned()
    }
    pub fn state(&self, id: &str, state: &str) {
        self.backend.update_journey_state(&self.app, id, &json!({"State": state})).unwrap();
    }
    pub fn tick(&self) {
        self.backend.run_due();
    }
    pub fn advance(&self, by: Duration) {
        self.clock.advance(by);
        self.backend.run_due();
    }
    pub fn advance_to(&self, at: &str) {
        let now = self.backend.clock_now();
        self.advance(t(at) - now);
    }
    pub fn outbox(&self, journey: &str) -> Vec<OutboxEntry> {
        self.backend.outbox(&OutboxFilter {
            app_id: Some(self.app.clone()),
            journey_id: Some(journey.to_owned()),
            limit: Some(1_000_000),
            ..OutboxFilter::default()
        })
    }
    /// Endpoint ids messaged by a journey, sorted.
    pub fn sent_to(&self, journey: &str) -> Vec<String> {
        let mut ids: Vec<String> =
            self.outbox(journey).into_iter().filter_map(|e| e.endpoint_id).collect();
        ids.sort();
        ids
    }
    pub fn metrics(&self, journey: &str) -> BTreeMap<String, u64> {
        let m = self.backend.journey_execution_metrics(&self.app, journey).unwrap();
        counts(&m["Metrics"])
    }
    pub fn activity(&self, journey: &str, activity: &str) -> BTreeMap<String, u64> {
        let m = self.backend.journey_activity_metrics(&self.app, journey, activity).unwrap();
        counts(&m["Metrics"])
    }
    pub fn event(&self, endpoint: &str, event_type: &str, attributes: Value) {
        let at = pinpoint_console::mock::clock::iso8601(self.backend.clock_now());
        let event = json!({"EventType": event_type, "Timestamp": at, "Attributes": attributes});
        let batch = json!({"BatchItem": {endpoint: {"Endpoint": {}, "Events": {uuid::Uuid::new_v4().simple().to_string(): event}}}});
        self.backend.put_events(&self.app, &batch, "test").unwrap();
    }
    pub fn journey_state(&self, id: &str) -> String {
        self.backend.get_journey(&self.app, id).unwrap()["State"].as_str().unwrap().to_owned()
    }
}

pub fn counts(metrics: &Value) -> BTreeMap<String, u64> {
    metrics
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().parse().unwrap()))
        .collect()
}

pub fn sms(next: Option<&str>) -> Value {
    let mut a = json!({"SMS": {"TemplateName": "t", "MessageConfig": {"SenderId": "Shop"}}});
    if let Some(next) = next {
        a["SMS"]["NextActivity"] = json!(next);
    }
    a
}

pub fn wait_for(d: &str, next: &str) -> Value {
    json!({"Wait": {"WaitTime": {"WaitFor": d}, "NextActivity": next}})
}

pub fn segment_start(segment: &str) -> Value {
    json!({"SegmentStartCondition": {"SegmentId": segment}})
}

pub fn event_start(event_type: &str) -> Value {
    json!({"EventStartCondition": {"EventFilter": {"FilterType": "ENDPOINT",
        "Dimensions": {"EventType": {"DimensionType": "INCLUSIVE", "Values": [event_type]}}}}})
}

impl World {
    /// The status of each run of a journey, newest first.
    pub fn run_statuses(&self, id: &str) -> Vec<String> {
        let runs = self
            .backend
            .journey_runs(&self.app, id, PageRequest::parse(None, None).unwrap())
            .unwrap();
        runs["Item"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["Status"].as_str().unwrap().to_owned())
            .collect()
    }
}
