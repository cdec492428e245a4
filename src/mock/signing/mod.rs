//! Who signed a request, and where: the region of a request's SigV4 signing scope (which the
//! ARNs the request makes carry), and, with `pinpoint-mock --credentials FILE`, verification
//! of its signature. `/_mock/` extensions are never checked.

pub mod credentials;
pub mod sigv4;

use std::sync::Arc;

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub use credentials::{Credentials, CredentialsError};

use super::backend::Backend;
use super::error::{ErrorKind, MockError};

/// The largest body the signature check reads (the same limit the routes' body extractor has).
const BODY_LIMIT: usize = 2 * 1024 * 1024;

tokio::task_local! {
    /// The region of the signing scope of the request being served.
    static REQUEST_REGION: String;
}

/// The region of the signing scope of the request this task serves; `None` outside a request
/// (engine ticks, tests calling the backend) or for an unsigned one.
#[must_use]
pub fn request_region() -> Option<String> {
    REQUEST_REGION.try_with(Clone::clone).ok()
}

/// The middleware: verifies the signature when the backend has credentials (buffering the
/// body once, for the check and then the handler), and serves the request with its scope's
/// region in force.
pub async fn sign_in(
    State(backend): State<Arc<Backend>>,
    request: Request,
    next: Next,
) -> Response {
    let region = sigv4::scope_region(request.headers());
    let checked = match backend.credentials() {
        Some(credentials) if !request.uri().path().starts_with("/_mock/") => {
            match verified(request, credentials, &backend).await {
                Ok(request) => request,
                Err(error) => return error.into_response(),
            }
        }
        _ => request,
    };
    match region {
        Some(region) => REQUEST_REGION.scope(region, next.run(checked)).await,
        None => next.run(checked).await,
    }
}

/// The request, its body read and put back, once its signature holds.
async fn verified(
    request: Request,
    credentials: &Credentials,
    backend: &Backend,
) -> Result<Request, MockError> {
    let (parts, body) = request.into_parts();
    let bytes = to_bytes(body, BODY_LIMIT).await.map_err(|_| MockError {
        kind: ErrorKind::PayloadTooLarge,
        message: "Request body too large".into(),
    })?;
    let signed = sigv4::SignedRequest {
        method: &parts.method,
        uri: &parts.uri,
        headers: &parts.headers,
        body: &bytes,
    };
    sigv4::verify(&signed, credentials, backend.clock_now())?;
    Ok(Request::from_parts(parts, Body::from(bytes)))
}
