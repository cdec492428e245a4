//! Message templates: Create, Get, Update and Delete for each type
//! (`/v1/templates/{template-name}/{email|sms|push|voice|inapp}`), ListTemplates,
//! ListTemplateVersions and UpdateTemplateActiveVersion.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, put};
use axum::{Json, Router};
use serde_json::Value;

use crate::mock::backend::Backend;
use crate::mock::error::{MockError, MockResult};
use crate::mock::extract::{AnyJson, Checked, Params, RequestId, shape};
use crate::mock::model::model;
use crate::pinpoint::TemplateKind;

/// The routes of this resource.
pub fn routes() -> Router<Arc<Backend>> {
    let one = "/v1/templates/{template_name}/{kind}";
    Router::new()
        .route("/v1/templates", get(list))
        .route(one, get(read).post(create).put(update).delete(delete))
        .route(&format!("{one}/versions"), get(versions))
        .route(&format!("{one}/active-version"), put(active_version))
}

/// The query string of a template operation, as names and values.
type QueryString = Params<HashMap<String, String>>;

/// The template type of a path segment (`email`, `sms`, `push`, `voice`, `inapp`); any other
/// segment names no resource.
fn kind(segment: &str) -> MockResult<TemplateKind> {
    TemplateKind::ALL
        .into_iter()
        .find(|k| k.path() == segment)
        .ok_or_else(|| MockError::not_found(format!("No such resource: /v1/templates/…/{segment}")))
}

/// The body checked against the type's request shape.
fn checked(kind: TemplateKind, body: &Value) -> MockResult<()> {
    model().validate(kind.request_shape(), body)
}

fn version(query: &HashMap<String, String>) -> Option<&str> {
    query.get("version").map(String::as_str).filter(|v| !v.is_empty())
}

async fn list(State(b): State<Arc<Backend>>, Params(q): QueryString) -> MockResult<Json<Value>> {
    let get = |k: &str| q.get(k).map(String::as_str);
    b.list_templates(get("prefix"), get("template-type"), get("page-size"), get("next-token"))
        .map(Json)
}

async fn create(
    State(b): State<Arc<Backend>>,
    Path((name, segment)): Path<(String, String)>,
    RequestId(request_id): RequestId,
    AnyJson(body): AnyJson,
) -> MockResult<(StatusCode, Json<Value>)> {
    let kind = kind(&segment)?;
    checked(kind, &body)?;
    Ok((StatusCode::CREATED, Json(b.create_template(kind, &name, &body, &request_id)?)))
}

async fn read(
    State(b): State<Arc<Backend>>,
    Path((name, segment)): Path<(String, String)>,
    Params(q): QueryString,
) -> MockResult<Json<Value>> {
    let kind = kind(&segment)?;
    b.get_template(kind, &name, version(&q)).map(Json)
}

async fn update(
    State(b): State<Arc<Backend>>,
    Path((name, segment)): Path<(String, String)>,
    RequestId(request_id): RequestId,
    Params(q): QueryString,
    AnyJson(body): AnyJson,
) -> MockResult<(StatusCode, Json<Value>)> {
    let kind = kind(&segment)?;
    let new_version = match q.get("create-new-version").map(String::as_str) {
        None | Some("" | "false") => false,
        Some("true") => true,
        Some(other) => {
            return Err(MockError::bad_request(format!(
                "create-new-version must be true or false (got '{other}')"
            )));
        }
    };
    checked(kind, &body)?;
    let answer = b.update_template(kind, &name, version(&q), new_version, &body, &request_id)?;
    Ok((StatusCode::ACCEPTED, Json(answer)))
}

async fn delete(
    State(b): State<Arc<Backend>>,
    Path((name, segment)): Path<(String, String)>,
    RequestId(request_id): RequestId,
    Params(q): QueryString,
) -> MockResult<(StatusCode, Json<Value>)> {
    let kind = kind(&segment)?;
    let answer = b.delete_template(kind, &name, version(&q), &request_id)?;
    Ok((StatusCode::ACCEPTED, Json(answer)))
}

async fn versions(
    State(b): State<Arc<Backend>>,
    Path((name, template_type)): Path<(String, String)>,
    Params(q): QueryString,
) -> MockResult<Json<Value>> {
    let get = |k: &str| q.get(k).map(String::as_str);
    b.list_template_versions(&name, &template_type, get("page-size"), get("next-token")).map(Json)
}

async fn active_version(
    State(b): State<Arc<Backend>>,
    Path((name, template_type)): Path<(String, String)>,
    RequestId(request_id): RequestId,
    Checked(body, _): Checked<shape::TemplateActiveVersionRequest>,
) -> MockResult<Json<Value>> {
    b.update_template_active_version(&name, &template_type, &body, &request_id).map(Json)
}
