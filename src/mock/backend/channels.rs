//! Channels: nine kinds, one of each per project. PUT creates or merges, secrets are stored
//! but never sent back (responses are projected onto the response shape, which has no secret
//! members), and each kind checks the credentials it needs.

use serde_json::{Map, Value, json};

use super::{Backend, MockError, MockResult};
use crate::mock::model::model;
use crate::rules;

/// The nine channel kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChannelKind {
    /// Amazon Device Messaging.
    Adm,
    /// Apple Push Notification service.
    Apns,
    /// APNs sandbox.
    ApnsSandbox,
    /// APNs VoIP.
    ApnsVoip,
    /// APNs VoIP sandbox.
    ApnsVoipSandbox,
    /// Baidu Cloud Push.
    Baidu,
    /// Email.
    Email,
    /// Firebase Cloud Messaging (GCM).
    Gcm,
    /// SMS.
    Sms,
}

impl ChannelKind {
    /// Every kind, in the order of the API reference.
    pub const ALL: [Self; 9] = [
        Self::Adm,
        Self::Apns,
        Self::ApnsSandbox,
        Self::ApnsVoip,
        Self::ApnsVoipSandbox,
        Self::Baidu,
        Self::Email,
        Self::Gcm,
        Self::Sms,
    ];

    /// The path segment under `/v1/apps/{id}/channels/`.
    #[must_use]
    pub fn path(self) -> &'static str {
        match self {
            Self::Adm => "adm",
            Self::Apns => "apns",
            Self::ApnsSandbox => "apns_sandbox",
            Self::ApnsVoip => "apns_voip",
            Self::ApnsVoipSandbox => "apns_voip_sandbox",
            Self::Baidu => "baidu",
            Self::Email => "email",
            Self::Gcm => "gcm",
            Self::Sms => "sms",
        }
    }

    /// The `Platform` the service reports, which is also the endpoint `ChannelType` it serves.
    #[must_use]
    pub fn platform(self) -> &'static str {
        match self {
            Self::Adm => "ADM",
            Self::Apns => "APNS",
            Self::ApnsSandbox => "APNS_SANDBOX",
            Self::ApnsVoip => "APNS_VOIP",
            Self::ApnsVoipSandbox => "APNS_VOIP_SANDBOX",
            Self::Baidu => "BAIDU",
            Self::Email => "EMAIL",
            Self::Gcm => "GCM",
            Self::Sms => "SMS",
        }
    }

    /// The kind serving an endpoint channel type, if any.
    #[must_use]
    pub fn for_channel_type(channel_type: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.platform() == channel_type)
    }

    /// The model shape of the request body.
    #[must_use]
    pub fn request_shape(self) -> &'static str {
        match self {
            Self::Adm => "ADMChannelRequest",
            Self::Apns => "APNSChannelRequest",
            Self::ApnsSandbox => "APNSSandboxChannelRequest",
            Self::ApnsVoip => "APNSVoipChannelRequest",
            Self::ApnsVoipSandbox => "APNSVoipSandboxChannelRequest",
            Self::Baidu => "BaiduChannelRequest",
            Self::Email => "EmailChannelRequest",
            Self::Gcm => "GCMChannelRequest",
            Self::Sms => "SMSChannelRequest",
        }
    }

    /// The model shape of the response body.
    #[must_use]
    pub fn response_shape(self) -> &'static str {
        match self {
            Self::Adm => "ADMChannelResponse",
            Self::Apns => "APNSChannelResponse",
            Self::ApnsSandbox => "APNSSandboxChannelResponse",
            Self::ApnsVoip => "APNSVoipChannelResponse",
            Self::ApnsVoipSandbox => "APNSVoipSandboxChannelResponse",
            Self::Baidu => "BaiduChannelResponse",
            Self::Email => "EmailChannelResponse",
            Self::Gcm => "GCMChannelResponse",
            Self::Sms => "SMSChannelResponse",
        }
    }

    /// A name for messages.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Self::Adm => "ADM channel",
            Self::Apns => "APNs channel",
            Self::ApnsSandbox => "APNs sandbox channel",
            Self::ApnsVoip => "APNs VoIP channel",
            Self::ApnsVoipSandbox => "APNs VoIP sandbox channel",
            Self::Baidu => "Baidu channel",
            Self::Email => "Email channel",
            Self::Gcm => "GCM channel",
            Self::Sms => "SMS channel",
        }
    }

    fn is_apns(self) -> bool {
        matches!(self, Self::Apns | Self::ApnsSandbox | Self::ApnsVoip | Self::ApnsVoipSandbox)
    }
}

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

/// Shows the last four characters of a secret.
#[must_use]
pub fn mask(secret: &str) -> String {
    let tail: String = secret.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
    if secret.chars().count() <= 4 { "****".to_owned() } else { format!("****{tail}") }
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
            record.insert("HasCredential".into(), json!(kind != ChannelKind::Sms));
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

    /// True when the project has this channel configured and enabled.
    #[must_use]
    pub fn channel_enabled(&self, app_id: &str, kind: ChannelKind) -> bool {
        self.with_app(app_id, |app| {
            Ok(app.channels.get(&kind).and_then(|c| c.get("Enabled")).and_then(Value::as_bool)
                == Some(true))
        })
        .unwrap_or(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keep_only_the_tail() {
        assert_eq!(mask("AIzaSyA-1234"), "****1234");
        assert_eq!(mask("abc"), "****");
    }
}
