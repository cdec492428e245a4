//! Journeys: CreateJourney, GetJourney, UpdateJourney, DeleteJourney, ListJourneys,
//! UpdateJourneyState. A journey is kept as its `JourneyResponse`; what the engine knows of
//! it (runs, metrics, participants) is kept beside it (`store::journeys`). The rules are in
//! `journey_rules`; publishing, pausing, resuming and cancelling tell the engine
//! (`engine::journeys`).

use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};

use super::job_runs::Work;
use super::journey_rules::check_journey;
use super::journey_states::{
    FIXED_WHEN_PUBLISHED, check_publishable, check_transition, check_update, initial_state,
};
use super::segments::list;
use super::{Backend, MockError, MockResult, new_id};

use crate::mock::engine::delivery::Sinks;
use crate::mock::engine::templates::Templates;
use crate::mock::engine::{OUTBOX_CAPACITY, journeys as engine};
use crate::mock::model::model;
use crate::mock::store::PageRequest;

fn not_found(id: &str) -> MockError {
    MockError::resource_not_found("Journey", id)
}

fn state_of(journey: &Value) -> &str {
    journey.get("State").and_then(Value::as_str).unwrap_or("DRAFT")
}

/// The stored journey: the request's members, the server's, projected on `JourneyResponse`.
fn build(request: Value, server: Map<String, Value>) -> Value {
    let mut journey = request;
    if let Value::Object(map) = &mut journey {
        map.extend(server);
    }
    model().project("JourneyResponse", &journey)
}

impl Backend {
    /// The ARN of a journey (the `JourneyResponse` has no ARN member; tags name it).
    pub(super) fn journey_arn(&self, app_id: &str, id: &str) -> String {
        self.arn(&format!("apps/{app_id}/journeys/{id}"))
    }

    /// CreateJourney.
    pub fn create_journey(&self, app_id: &str, request: Value) -> MockResult<Value> {
        self.create_journey_as(app_id, &new_id(), request)
    }

    /// CreateJourney with a chosen id (the demo data set keeps its journeys' ids from run to
    /// run); the same rules as any request.
    pub fn create_journey_as(&self, app_id: &str, id: &str, request: Value) -> MockResult<Value> {
        let now = self.clock_now();
        let at = self.now();
        self.with_app_mut(app_id, |app| {
            check_journey(app, &request)?;
            let state = initial_state(&request)?;
            let mut server = Map::new();
            server.insert("Id".into(), json!(id));
            server.insert("ApplicationId".into(), json!(app_id));
            server.insert("CreationDate".into(), json!(at));
            server.insert("LastModifiedDate".into(), json!(at));
            server.insert("State".into(), json!(state));
            let journey = build(request, server);
            app.journeys.insert(id, journey.clone());
            if state == "ACTIVE" {
                engine::publish(app, id, now);
            }
            Ok(journey)
        })
    }

    /// GetJourney.
    pub fn get_journey(&self, app_id: &str, id: &str) -> MockResult<Value> {
        self.with_app(app_id, |app| app.journeys.get(id).cloned().ok_or_else(|| not_found(id)))
    }

    /// UpdateJourney: replaces the writable members (a published journey keeps its
    /// activities and start; see `journey_states::check_update`); `State` may publish a draft.
    pub fn update_journey(&self, app_id: &str, id: &str, request: Value) -> MockResult<Value> {
        let now = self.clock_now();
        let at = self.now();
        self.with_app_mut(app_id, |app| {
            let current = app.journeys.get(id).cloned().ok_or_else(|| not_found(id))?;
            let from = state_of(&current).to_owned();
            check_update(&from, &current, &request)?;
            let mut request = request;
            if let Value::Object(map) = &mut request
                && from != "DRAFT"
            {
                for keep in FIXED_WHEN_PUBLISHED {
                    if let Some(v) = current.get(keep) {
                        map.entry(keep).or_insert_with(|| v.clone());
                    }
                }
            }
            check_journey(app, &request)?;
            let to = request.get("State").and_then(Value::as_str).unwrap_or(&from).to_owned();
            if to != from {
                if (from.as_str(), to.as_str()) != ("DRAFT", "ACTIVE") {
                    return Err(MockError::bad_request(format!(
                        "UpdateJourney can publish a DRAFT journey (State ACTIVE); use UpdateJourneyState to make a {from} journey {to}"
                    )));
                }
                check_publishable(&request)?;
            }
            let mut server = Map::new();
            for keep in ["Id", "ApplicationId", "CreationDate", "tags"] {
                if let Some(v) = current.get(keep) {
                    server.insert(keep.into(), v.clone());
                }
            }
            server.insert("LastModifiedDate".into(), json!(at));
            server.insert("State".into(), json!(to));
            let journey = build(request, server);
            app.journeys.insert(id, journey.clone());
            if from == "DRAFT" && to == "ACTIVE" {
                engine::publish(app, id, now);
            }
            Ok(journey)
        })
    }

    /// UpdateJourneyState: publish, pause, resume or cancel.
    pub fn update_journey_state(
        &self,
        app_id: &str,
        id: &str,
        request: &Value,
    ) -> MockResult<Value> {
        let now = self.clock_now();
        let at = self.now();
        let Some(to) = request.get("State").and_then(Value::as_str) else {
            return Err(MockError::bad_request("State is required"));
        };
        self.with_app_mut(app_id, |app| {
            let current = app.journeys.get(id).cloned().ok_or_else(|| not_found(id))?;
            let from = state_of(&current).to_owned();
            if from == to {
                return Ok(current);
            }
            check_transition(&current, &from, to)?;
            match (from.as_str(), to) {
                ("DRAFT", _) => engine::publish(app, id, now),
                (_, "PAUSED") => engine::pause(app, id, now),
                ("PAUSED", "ACTIVE") => engine::resume(app, id, now),
                (_, "CANCELLED") => engine::cancel(app, id, now),
                _ => {}
            }
            let journey = app.journeys.get_mut(id).ok_or_else(|| not_found(id))?;
            journey["State"] = json!(to);
            journey["LastModifiedDate"] = json!(at);
            Ok(journey.clone())
        })
    }

    /// DeleteJourney: returns it as it was.
    pub fn delete_journey(&self, app_id: &str, id: &str) -> MockResult<Value> {
        self.with_app_mut(app_id, |app| {
            let journey = app.journeys.remove(id).ok_or_else(|| not_found(id))?;
            engine::forget(app, id);
            Ok(journey)
        })
    }

    /// One step of a project's journeys in one write transaction (see `engine::journeys`):
    /// true when something moved, so the tick calls it again.
    pub(super) fn journey_step(&self, work: &mut Work, now: DateTime<Utc>) -> bool {
        if !self.read_templates(work) {
            return false;
        }
        let app_id = work.id.as_str();
        let templates = work.templates.get_or_insert_with(Templates::default);
        let tick = engine::Tick { app_id, now, templates };
        let mut sinks = Sinks::default();
        let stepped = self.store.write(app_id, |project| {
            let moved = engine::step(project, tick, &mut sinks);
            project.deliver(std::mem::take(&mut sinks.outbox), OUTBOX_CAPACITY);
            Ok::<_, ()>(moved)
        });
        self.emit(app_id, sinks);
        match stepped {
            Ok(answer) => answer == Some(Ok(true)),
            Err(error) => {
                tracing::error!(%error, "the engine's tick could not store a journey step");
                false
            }
        }
    }

    /// ListJourneys.
    pub fn list_journeys(&self, app_id: &str, page: PageRequest) -> MockResult<Value> {
        self.with_app(app_id, |app| {
            let (items, next) = app.journeys.page(page);
            Ok(list(&items, next))
        })
    }
}
