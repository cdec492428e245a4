//! A Pinpoint-compatible mock server (axum). `router` builds the service for tests
//! (`tower::ServiceExt::oneshot`, no socket); `MockServer::start` serves it on a socket for the
//! console's demo mode and the `pinpoint-mock` binary.
//!
//! Layers: `routes/` (one file per API resource, HTTP only) → `backend` (the service's rules,
//! which orchestrates the `engine`) → `store` (projects behind the `Store` trait, one lock per
//! project), with `wire` (serde types of the service model) and `model` (the model itself,
//! which validates every request body). `error` is the one error type. `signing` sets the
//! region of each request's SigV4 scope and, with credentials, verifies its signature.

pub mod backend;
pub mod cli;
pub mod clock;
pub mod compact;
pub mod demo;
pub mod engine;
pub mod error;
pub mod extract;
pub mod faults;
pub mod model;
pub mod routes;
pub mod signing;
pub mod state_file;
pub mod store;
pub mod wire;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

use backend::Backend;
use error::MockError;
use extract::RequestId;
use wire::MessageBody;

/// The service's request-id header.
pub const REQUEST_ID_HEADER: &str = "x-amzn-requestid";
/// The header the SDK reads the error type from.
pub const ERROR_TYPE_HEADER: &str = "x-amzn-errortype";

/// The whole mock service over a backend.
pub fn router(backend: Arc<Backend>) -> Router {
    Router::new()
        .merge(routes::apps::routes())
        .merge(routes::settings::routes())
        .merge(routes::attributes::routes())
        .merge(routes::campaigns::routes())
        .merge(routes::segments::routes())
        .merge(routes::channels::routes())
        .merge(routes::endpoints::routes())
        .merge(routes::events::routes())
        .merge(routes::jobs::routes())
        .merge(routes::messages::routes())
        .merge(routes::tags::routes())
        .merge(routes::templates::routes())
        .merge(routes::recommenders::routes())
        .merge(routes::kpis::routes())
        .merge(routes::otp::routes())
        .merge(routes::inapp::routes())
        .merge(routes::journeys::routes())
        .merge(routes::extensions::routes())
        .merge(routes::faults::routes())
        .fallback(unknown_route)
        .method_not_allowed_fallback(wrong_method)
        .with_state(Arc::clone(&backend))
        // Inside `request_id`, so an injected error is rendered like any other.
        .layer(middleware::from_fn_with_state(Arc::clone(&backend), routes::faults::inject))
        // Outside the faults: a request is authenticated before anything else happens to it.
        .layer(middleware::from_fn_with_state(backend, signing::sign_in))
        .layer(middleware::from_fn(request_id))
}

async fn unknown_route(request: Request) -> MockError {
    MockError::not_found(format!("No such resource: {} {}", request.method(), request.uri().path()))
}

async fn wrong_method(request: Request) -> MockError {
    MockError::method_not_allowed(format!(
        "{} is not allowed on {}",
        request.method(),
        request.uri().path()
    ))
}

/// Gives every request a fresh id (in the `x-amzn-RequestId` header and to handlers), and
/// renders every `MockError` as the service does: `x-amzn-ErrorType` plus
/// `{"Message", "RequestID"}`. An error answered by axum itself (an extractor's rejection: a
/// path parameter that is not UTF-8 once decoded, a query string that does not parse) becomes
/// a `MockError` too, so no error reaches a client as plain text.
async fn request_id(mut request: Request, next: Next) -> Response {
    let id = uuid::Uuid::new_v4().to_string();
    request.extensions_mut().insert(RequestId(id.clone()));
    let mut response = next.run(request).await;
    if response.extensions().get::<MockError>().is_none()
        && !response.headers().contains_key(ERROR_TYPE_HEADER)
        && (response.status().is_client_error() || response.status().is_server_error())
    {
        response = typed_rejection(response).await.into_response();
    }
    if let Some(error) = response.extensions_mut().remove::<MockError>() {
        let body = MessageBody { message: error.message, request_id: id.clone() };
        let mut rendered = (error.kind.status(), axum::Json(body)).into_response();
        rendered.headers_mut().insert(
            HeaderName::from_static(ERROR_TYPE_HEADER),
            HeaderValue::from_static(error.kind.type_name()),
        );
        response = rendered;
    }
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(HeaderName::from_static(REQUEST_ID_HEADER), value);
    }
    response
}

/// The most of a rejection's text kept as the error's message.
const REJECTION_TEXT_LIMIT: usize = 4096;

/// The `MockError` for an untyped error answer: the error type its status stands for (400 for
/// a 4xx the service has no type for, 500 for a 5xx), its plain text as the message.
async fn typed_rejection(response: Response) -> MockError {
    let status = response.status();
    let text = axum::body::to_bytes(response.into_body(), REJECTION_TEXT_LIMIT)
        .await
        .map(|bytes| String::from_utf8_lossy(&bytes).trim().to_owned())
        .unwrap_or_default();
    let kind =
        error::ErrorKind::from_status(status.as_u16()).unwrap_or(if status.is_client_error() {
            error::ErrorKind::BadRequest
        } else {
            error::ErrorKind::InternalServerError
        });
    let message = if text.is_empty() {
        status.canonical_reason().unwrap_or("The request could not be served").to_owned()
    } else {
        text
    };
    MockError { kind, message }
}

/// A running mock server; dropping it (or calling `stop`) shuts it down.
#[derive(Debug)]
pub struct MockServer {
    addr: SocketAddr,
    backend: Arc<Backend>,
    shutdown: Option<oneshot::Sender<()>>,
    stop_tick: Option<oneshot::Sender<()>>,
}

impl MockServer {
    /// Binds `addr` (port 0 picks a free port) and serves `backend` on the current tokio
    /// runtime until stopped.
    pub async fn start(addr: SocketAddr, backend: Arc<Backend>) -> std::io::Result<Self> {
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let (tx, rx) = oneshot::channel::<()>();
        let app = router(Arc::clone(&backend));
        let ticking = Arc::clone(&backend);
        let (stop_tick, mut stopped) = oneshot::channel::<()>();
        tokio::spawn(async move {
            // The engine's heartbeat: campaigns and jobs run when their time comes. A tick
            // runs on a blocking thread: a run over a million endpoints takes seconds, and
            // must not hold a thread the server answers requests on. The next tick starts a
            // second after this one ends.
            let mut interval = tokio::time::interval(std::time::Duration::from_secs(1));
            interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tokio::select! {
                    _ = interval.tick() => {
                        let backend = Arc::clone(&ticking);
                        if let Err(error) = tokio::task::spawn_blocking(move || backend.run_due()).await {
                            tracing::error!(%error, "the engine's tick stopped");
                        }
                    }
                    _ = &mut stopped => break,
                }
            }
        });
        tokio::spawn(async move {
            let served = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _stopped = rx.await;
                })
                .await;
            if let Err(error) = served {
                tracing::error!(%error, "mock server stopped with an error");
            }
        });
        Ok(Self { addr, backend, shutdown: Some(tx), stop_tick: Some(stop_tick) })
    }

    /// The bound address.
    #[must_use]
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The endpoint URL to give the SDK.
    #[must_use]
    pub fn endpoint_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The backend it serves.
    #[must_use]
    pub fn backend(&self) -> &Arc<Backend> {
        &self.backend
    }

    /// Stops serving (in-flight requests finish).
    pub fn stop(&mut self) {
        if let Some(tx) = self.stop_tick.take() {
            // The ticker may already be gone; either way it stops.
            let _already_stopped = tx.send(());
        }
        if let Some(tx) = self.shutdown.take() {
            // The server task may already be gone; either way it is stopped.
            let _already_stopped = tx.send(());
        }
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.stop();
    }
}
