//! Channels: ten kinds, one of each per project, and GetChannels over all of them. PUT creates or merges, secrets are stored
//! but never sent back (responses are projected onto the response shape, which has no secret
//! members), and each kind checks the credentials it needs.

use serde_json::{Map, Value, json};

use super::{Backend, MockError, MockResult};
use crate::mock::model::model;
use crate::pinpoint::rules;
pub use crate::pinpoint::{ChannelKind, mask};

fn has(record: &Map<String, Value>, key: &str) -> bool {
    record.get(key).and_then(Value::as_str).is_some_and(|s| !s.trim().is_empty())
}

/// Checks that a merged channel record carries the credentials its kind needs.
fn check_credentials(kind: ChannelKind, record: &Map<String, Value>) -> MockResult<()> {
    rules::channel_credentials(kind, record)
        .map_err(|message| MockError::bad_request(format!("{}: {message}", kind.title())))
}

/// The response a stored channel record gets: server fields added, then projected onto the
/// response shape (so secrets are dropped).
fn render(kind: ChannelKind, stored: &Value) -> Value {
    let mut shown = stored.clone();
    if let Some(map) = shown.as_object_mut() {
        if kind.is_apns() {
            let token = has(map, "TokenKey");
            map.insert("HasTokenKey".into(), Value::Bool(token));
        }
        if matches!(kind, ChannelKind::Gcm | ChannelKind::Baidu) {
            // The service echoes the API key as `Credential`; the mock shows it masked.
            let key = map.get("ApiKey").and_then(Value::as_str).unwrap_or_default();
            map.insert("Credential".into(), Value::String(mask(key)));
        }
        if kind == ChannelKind::Gcm {
            let fcm = has(map, "ServiceJson");
            map.insert("HasFcmServiceCredentials".into(), Value::Bool(fcm));
        }
    }
    model().project(kind.response_shape(), &shown)
}

impl Backend {
    /// GetXChannel.
    pub fn get_channel(&self, app_id: &str, kind: ChannelKind) -> MockResult<Value> {
        self.with_app(app_id, |app| {
            app.channels.get(&kind).map(|stored| render(kind, stored)).ok_or_else(|| {
                MockError::not_found(format!("{} not found for application {app_id}", kind.title()))
            })
        })
    }

    /// UpdateXChannel: creates the channel or merges the request into it.
    pub fn update_channel(
        &self,
        app_id: &str,
        kind: ChannelKind,
        request: Value,
    ) -> MockResult<Value> {
        let now = self.now();
        self.with_app_mut(app_id, |app| {
            let Value::Object(update) = request else {
                return Err(MockError::bad_request("The request body must be a JSON object"));
            };
            let mut record = if let Some(Value::Object(existing)) = app.channels.get(&kind) {
                existing.clone()
            } else {
                let mut fresh = Map::new();
                fresh.insert("CreationDate".into(), json!(now));
                fresh.insert("Version".into(), json!(0));
                fresh.insert("Enabled".into(), json!(true));
                fresh
            };
            for (key, value) in update {
                if !value.is_null() {
                    record.insert(key, value);
                }
            }
            check_credentials(kind, &record)?;
            let version = record.get("Version").and_then(Value::as_i64).unwrap_or(0) + 1;
            record.insert("Version".into(), json!(version));
            record.insert("LastModifiedDate".into(), json!(now));
            record.insert("LastModifiedBy".into(), json!("pinpoint-mock"));
            record.insert("ApplicationId".into(), json!(app_id));
            record.insert("Id".into(), json!(kind.path()));
            record.insert("Platform".into(), json!(kind.platform()));
            let credential = !matches!(kind, ChannelKind::Sms | ChannelKind::Voice);
            record.insert("HasCredential".into(), json!(credential));
            record.insert("IsArchived".into(), json!(false));
            if kind == ChannelKind::Email {
                record.insert("MessagesPerSecond".into(), json!(14));
            }
            if kind == ChannelKind::Sms {
                record.insert("PromotionalMessagesPerSecond".into(), json!(20));
                record.insert("TransactionalMessagesPerSecond".into(), json!(20));
            }
            let stored = Value::Object(record);
            let shown = render(kind, &stored);
            app.channels.insert(kind, stored);
            Ok(shown)
        })
    }

    /// DeleteXChannel: removes it and returns it as it was.
    pub fn delete_channel(&self, app_id: &str, kind: ChannelKind) -> MockResult<Value> {
        self.with_app_mut(app_id, |app| {
            app.channels.remove(&kind).map(|stored| render(kind, &stored)).ok_or_else(|| {
                MockError::not_found(format!("{} not found for application {app_id}", kind.title()))
            })
        })
    }

    /// GetChannels: every configured channel (enabled or not) keyed by its channel type
    /// (`SMS`, `APNS_SANDBOX`, `VOICE`, …), each as the generic `ChannelResponse`.
    pub fn get_channels(&self, app_id: &str) -> MockResult<Value> {
        self.with_app(app_id, |app| {
            let channels: Map<String, Value> = ChannelKind::ALL
                .into_iter()
                .filter_map(|kind| {
                    let stored = app.channels.get(&kind)?;
                    let generic = model().project("ChannelResponse", &render(kind, stored));
                    Some((kind.platform().to_owned(), generic))
                })
                .collect();
            Ok(json!({ "Channels": channels }))
        })
    }

    /// True when the project has this channel configured and enabled.
    #[must_use]
    pub fn channel_enabled(&self, app_id: &str, kind: ChannelKind) -> bool {
        self.with_app(app_id, |app| Ok(app.channel_enabled(kind))).unwrap_or(false)
    }
}
