//! Tags: TagResource, UntagResource, ListTagsForResource at `/v1/tags/{resource-arn}` (the ARN
//! percent-encoded into one path segment).

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};

use crate::mock::backend::Backend;
use crate::mock::error::{MockError, MockResult};
use crate::mock::extract::{Checked, Params, shape};

/// The routes of this resource.
pub fn routes() -> Router<Arc<Backend>> {
    Router::new().route("/v1/tags/{resource_arn}", get(list).post(tag).delete(untag))
}

async fn list(State(b): State<Arc<Backend>>, Path(arn): Path<String>) -> MockResult<Json<Value>> {
    Ok(Json(json!({ "tags": b.list_tags(&arn)? })))
}

async fn tag(
    State(b): State<Arc<Backend>>,
    Path(arn): Path<String>,
    Checked(body, _): Checked<shape::TagsModel>,
) -> MockResult<StatusCode> {
    let tags: BTreeMap<String, String> = body
        .get("tags")
        .and_then(Value::as_object)
        .map(|tags| {
            tags.iter().filter_map(|(k, v)| v.as_str().map(|v| (k.clone(), v.to_owned()))).collect()
        })
        .unwrap_or_default();
    b.change_tags(&arn, &tags, &[])?;
    Ok(StatusCode::NO_CONTENT)
}

/// `?tagKeys=a&tagKeys=b`: repeated keys, so the query is read as pairs.
async fn untag(
    State(b): State<Arc<Backend>>,
    Path(arn): Path<String>,
    Params(query): Params<Vec<(String, String)>>,
) -> MockResult<StatusCode> {
    let keys: Vec<String> =
        query.into_iter().filter(|(name, _)| name == "tagKeys").map(|(_, key)| key).collect();
    if keys.is_empty() {
        return Err(MockError::bad_request("tagKeys is required: name at least one tag to remove"));
    }
    b.change_tags(&arn, &BTreeMap::new(), &keys)?;
    Ok(StatusCode::NO_CONTENT)
}
