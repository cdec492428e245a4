//! The ten channels: Get, Update and Delete of ADM, APNs, APNs sandbox, APNs VoIP, APNs VoIP
//! sandbox, Baidu, Email, GCM, SMS and voice. One handler set serves all ten; the kind picks
//! the request shape the body is checked against. GetChannels lists them all.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::Value;

use crate::mock::backend::{Backend, ChannelKind};
use crate::mock::error::MockResult;
use crate::mock::extract::AnyJson;
use crate::mock::model::model;

/// The routes of this resource.
pub fn routes() -> Router<Arc<Backend>> {
    let all = Router::new().route(
        "/v1/apps/{application_id}/channels",
        get(|State(b): State<Arc<Backend>>, Path(app): Path<String>| async move {
            b.get_channels(&app).map(Json)
        }),
    );
    ChannelKind::ALL.into_iter().fold(all, |router, kind| {
        router.route(
            &format!("/v1/apps/{{application_id}}/channels/{}", kind.path()),
            get(move |State(b): State<Arc<Backend>>, Path(app): Path<String>| async move {
                b.get_channel(&app, kind).map(Json)
            })
            .put(
                move |State(b): State<Arc<Backend>>,
                      Path(app): Path<String>,
                      AnyJson(body): AnyJson| async move {
                    update(&b, &app, kind, body)
                },
            )
            .delete(
                move |State(b): State<Arc<Backend>>, Path(app): Path<String>| async move {
                    b.delete_channel(&app, kind).map(Json)
                },
            ),
        )
    })
}

fn update(b: &Backend, app: &str, kind: ChannelKind, body: Value) -> MockResult<Json<Value>> {
    model().validate(kind.request_shape(), &body)?;
    b.update_channel(app, kind, body).map(Json)
}
