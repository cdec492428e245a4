//! Events and the event stream. PutEvents answers per endpoint and per event: a bad event is
//! a 400 item while the good ones in the same batch are accepted (202), and each endpoint is
//! created or updated from the batch.

use serde_json::{Map, Value, json};

use super::endpoints::upsert;
use super::{Backend, MAX_STORED_EVENTS, MockError, MockResult};
use crate::mock::engine::delivery::Sinks;
use crate::mock::engine::{OUTBOX_CAPACITY, stream_record};
use crate::mock::engine::{journeys, triggers};
use crate::mock::model::model;
use crate::pinpoint::rules;

/// Most endpoints in one PutEvents batch.
pub const MAX_EVENT_BATCH: usize = 100;

fn item(status: u16, message: impl Into<String>) -> Value {
    json!({ "StatusCode": status, "Message": message.into() })
}

impl Backend {
    /// PutEvents.
    pub fn put_events(&self, app_id: &str, request: &Value, request_id: &str) -> MockResult<Value> {
        let Some(batch) = request.get("BatchItem").and_then(Value::as_object) else {
            return Err(MockError::bad_request("BatchItem is required"));
        };
        if batch.len() > MAX_EVENT_BATCH {
            return Err(MockError::bad_request(format!(
                "BatchItem has {} endpoints; a batch takes at most {MAX_EVENT_BATCH}",
                batch.len()
            )));
        }
        let now = self.now();
        let received = self.clock_now();
        // Event-triggered campaigns may send templated messages; the account cannot be read
        // inside the project's transaction.
        let templates = self.templates()?;
        let mut sinks = Sinks::default();
        let answer = self.with_app_mut(app_id, |app| {
            let mut results = Map::new();
            for (endpoint_id, entry) in batch {
                let endpoint_result = match entry.get("Endpoint") {
                    None => item(400, "Endpoint is required"),
                    Some(endpoint) => if let Err(e) = model().validate("PublicEndpoint", endpoint) { item(400, e.message) } else {
                        let update = endpoint.as_object().cloned().unwrap_or_default();
                        match upsert(&mut app.endpoints, app_id, endpoint_id, &update, &now, request_id) {
                            Ok(_) => item(202, "Accepted"),
                            Err(e) => item(400, e.message),
                        }
                    },
                };
                let endpoint_ok = endpoint_result["StatusCode"] == 202;
                let mut event_results = Map::new();
                let events = entry.get("Events").and_then(Value::as_object);
                if events.is_none() {
                    event_results.insert("_".into(), item(400, "Events is required"));
                }
                for (event_id, event) in events.into_iter().flatten() {
                    let checked = model().validate("Event", event).map_err(|e| e.message).and_then(|()| {
                        let ts = event.get("Timestamp").and_then(Value::as_str).unwrap_or_default();
                        rules::iso_timestamp("Timestamp", ts).map(|_| ())
                    });
                    let result = match (checked, endpoint_ok) {
                        (Err(message), _) => item(400, message),
                        (Ok(()), false) => item(400, "The endpoint of this event was rejected"),
                        (Ok(()), true) => {
                            let mut stored = event.clone();
                            if let Value::Object(map) = &mut stored {
                                map.insert("EventId".into(), json!(event_id));
                                map.insert("EndpointId".into(), json!(endpoint_id));
                            }
                            if app.event_stream.is_some() {
                                let event_type = event.get("EventType").and_then(Value::as_str).unwrap_or_default();
                                sinks.stream.push(stream_record(app_id, event_type, &now, &stored));
                            }
                            app.events.push(stored);
                            app.count_event(endpoint_id, event, &now);
                            app.last_active.insert(endpoint_id.clone(), received);
                            triggers::trigger(app, app_id, endpoint_id, event, received, &mut sinks, &templates);
                            journeys::on_event(app, endpoint_id, event, received);
                            item(202, "Accepted")
                        }
                    };
                    event_results.insert(event_id.clone(), result);
                }
                results.insert(
                    endpoint_id.clone(),
                    json!({ "EndpointItemResponse": endpoint_result, "EventsItemResponse": event_results }),
                );
            }
            app.events.trim(MAX_STORED_EVENTS);
            app.deliver(std::mem::take(&mut sinks.outbox), OUTBOX_CAPACITY);
            Ok(json!({ "Results": results }))
        })?;
        self.emit(app_id, sinks);
        Ok(answer)
    }

    /// PutEventStream: creates or replaces the project's stream.
    pub fn put_event_stream(&self, app_id: &str, request: &Value) -> MockResult<Value> {
        let destination =
            request.get("DestinationStreamArn").and_then(Value::as_str).unwrap_or_default();
        let role = request.get("RoleArn").and_then(Value::as_str).unwrap_or_default();
        if !(destination.starts_with("arn:aws:kinesis:")
            || destination.starts_with("arn:aws:firehose:"))
        {
            return Err(MockError::bad_request(
                "DestinationStreamArn must be a Kinesis stream or Firehose delivery stream ARN",
            ));
        }
        if !role.starts_with("arn:aws:iam::") {
            return Err(MockError::bad_request("RoleArn must be an IAM role ARN (arn:aws:iam::…)"));
        }
        let now = self.now();
        self.with_app_mut(app_id, |app| {
            let stream = json!({
                "ApplicationId": app_id,
                "DestinationStreamArn": destination,
                "RoleArn": role,
                "LastModifiedDate": now,
                "LastUpdatedBy": "pinpoint-mock",
            });
            app.event_stream.set(Some(stream.clone()));
            Ok(stream)
        })
    }

    /// GetEventStream.
    pub fn get_event_stream(&self, app_id: &str) -> MockResult<Value> {
        self.with_app(app_id, |app| {
            (*app.event_stream).clone().ok_or_else(|| {
                MockError::not_found(format!("No event stream for application {app_id}"))
            })
        })
    }

    /// DeleteEventStream: returns the stream as it was.
    pub fn delete_event_stream(&self, app_id: &str) -> MockResult<Value> {
        self.with_app_mut(app_id, |app| {
            app.event_stream.take().ok_or_else(|| {
                MockError::not_found(format!("No event stream for application {app_id}"))
            })
        })
    }
}
