//! The fault-injection switch under `/_mock/faults` (a mock-only extension; the rules are in
//! `mock::faults`) and the middleware that applies them.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};

use crate::mock::backend::Backend;
use crate::mock::error::MockResult;
use crate::mock::extract::AnyJson;
use crate::mock::faults::{FAULTS_PATH, FaultRule};

/// The routes of the switch.
pub fn routes() -> Router<Arc<Backend>> {
    Router::new().route(FAULTS_PATH, get(list).post(add).delete(clear))
}

/// Adds a rule; answers every rule in force.
async fn add(State(b): State<Arc<Backend>>, AnyJson(body): AnyJson) -> MockResult<Json<Value>> {
    let rule = FaultRule::parse(&body)?;
    Ok(Json(b.faults().add(rule)))
}

async fn list(State(b): State<Arc<Backend>>) -> Json<Value> {
    Json(b.faults().list())
}

async fn clear(State(b): State<Arc<Backend>>) -> Json<Value> {
    Json(json!({ "Cleared": b.faults().clear() }))
}

/// The middleware: answers a matching request with its rule's error instead of serving it.
pub async fn inject(State(backend): State<Arc<Backend>>, request: Request, next: Next) -> Response {
    let fault = backend.faults().take(request.method().as_str(), request.uri().path());
    match fault {
        Some(error) => error.into_response(),
        None => next.run(request).await,
    }
}
