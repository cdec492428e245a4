//! Request extractors that answer in the service's error format: a validated JSON body, a
//! query string (`Params`, and the pagination query built on it), and the request id given to
//! every request by the middleware.

use std::collections::HashMap;
use std::marker::PhantomData;

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::error::{ErrorKind, MockError};
use super::model::model;
use super::store::PageRequest;

/// A request body type tied to its shape in the service model.
pub trait WireRequest: DeserializeOwned {
    /// The model shape the body is checked against.
    const SHAPE: &'static str;
}

/// A JSON body checked against the service model (required members, types, enums) and then
/// parsed; every failure is a 400 naming the member.
#[derive(Debug)]
pub struct Body<T>(pub T);

impl<S: Send + Sync, T: WireRequest> FromRequest<S> for Body<T> {
    type Rejection = MockError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let value = read_json(req, state, T::SHAPE).await?;
        model().validate(T::SHAPE, &value)?;
        serde_json::from_value(value)
            .map(Body)
            .map_err(|e| MockError::bad_request(format!("Invalid {}: {e}", T::SHAPE)))
    }
}

/// Reads a request body as one JSON value; 400 when absent or not JSON, 413 when too large.
async fn read_json<S: Send + Sync>(
    req: Request,
    state: &S,
    shape: &str,
) -> Result<Value, MockError> {
    let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            MockError { kind: ErrorKind::PayloadTooLarge, message: "Request body too large".into() }
        } else {
            MockError::bad_request(format!("Could not read the request body: {rejection}"))
        }
    })?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(MockError::bad_request(format!("A {shape} body is required")));
    }
    serde_json::from_slice(&bytes)
        .map_err(|e| MockError::bad_request(format!("The request body is not valid JSON: {e}")))
}

/// A model shape named by a marker type.
pub trait ShapeName {
    /// The shape's name in the service model.
    const NAME: &'static str;
}

/// A JSON body checked against the model shape `S` and kept as a JSON value (for resources the
/// backend stores in their wire form).
#[derive(Debug)]
pub struct Checked<S>(pub Value, pub PhantomData<S>);

impl<St: Send + Sync, S: ShapeName> FromRequest<St> for Checked<S> {
    type Rejection = MockError;

    async fn from_request(req: Request, state: &St) -> Result<Self, Self::Rejection> {
        let value = read_json(req, state, S::NAME).await?;
        model().validate(S::NAME, &value)?;
        Ok(Self(value, PhantomData))
    }
}

/// A JSON body not yet checked (the route checks it against a shape chosen at run time, or
/// per item).
#[derive(Debug)]
pub struct AnyJson(pub Value);

impl<S: Send + Sync> FromRequest<S> for AnyJson {
    type Rejection = MockError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        read_json(req, state, "JSON").await.map(AnyJson)
    }
}

/// Marker types for the body shapes the routes check.
pub mod shape {
    macro_rules! shapes {
        ($($name:ident),* $(,)?) => {
            $(
                #[doc = concat!("The `", stringify!($name), "` shape.")]
                #[derive(Debug)]
                pub struct $name;
                impl super::ShapeName for $name {
                    const NAME: &'static str = stringify!($name);
                }
            )*
        };
    }
    shapes!(
        WriteCampaignRequest,
        WriteSegmentRequest,
        EndpointRequest,
        EndpointBatchRequest,
        WriteEventStream,
        ExportJobRequest,
        ImportJobRequest,
        MessageRequest,
        SendUsersMessageRequest,
        NumberValidateRequest,
        TagsModel,
        TemplateActiveVersionRequest,
        CreateRecommenderConfiguration,
        UpdateRecommenderConfiguration,
        UpdateAttributesRequest,
        SendOTPMessageRequestParameters,
        VerifyOTPMessageRequestParameters,
        WriteJourneyRequest,
        JourneyStateRequest,
    );
}

/// A query string parsed into `T`; a malformed one is the service's 400 (`BadRequestException`,
/// "Invalid query string: …"), as every other error, instead of axum's plain-text rejection.
#[derive(Debug, Clone)]
pub struct Params<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Params<T> {
    type Rejection = MockError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(query)| Self(query))
            .map_err(|e| MockError::bad_request(format!("Invalid query string: {e}")))
    }
}

/// `page-size` and `token` of a list operation.
#[derive(Debug, Clone, Copy)]
pub struct Page(pub PageRequest);

impl<S: Send + Sync> FromRequestParts<S> for Page {
    type Rejection = MockError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Params(query) =
            Params::<HashMap<String, String>>::from_request_parts(parts, state).await?;
        PageRequest::parse(
            query.get("page-size").map(String::as_str),
            query.get("token").map(String::as_str),
        )
        .map(Page)
    }
}

/// The id of this request, as sent in `x-amzn-RequestId`.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

impl<S: Send + Sync> FromRequestParts<S> for RequestId {
    type Rejection = MockError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(parts.extensions.get::<Self>().cloned().unwrap_or_else(|| Self(String::new())))
    }
}
