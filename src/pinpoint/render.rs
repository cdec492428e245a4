//! Message rendering: picks the message for a channel from a message configuration (with the
//! service's fallbacks) and fills `{{…}}` placeholders from per-recipient `Substitutions` and
//! `Context`, then the endpoint, then a message template's `DefaultSubstitutions`.

use std::collections::HashMap;

use serde_json::Value;

use crate::pinpoint::ChannelKind;

/// A message ready to record: what the recipient would see.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// Title or subject, if the channel has one.
    pub title: Option<String>,
    /// Body text.
    pub body: String,
}

/// Values placeholders resolve to, besides the endpoint's own members.
#[derive(Debug, Clone, Default)]
pub struct Substitutions {
    /// Per-recipient or per-request `Substitutions` (first value of each list).
    pub values: HashMap<String, String>,
    /// A message template's `DefaultSubstitutions`: used when neither `values` nor the
    /// endpoint has a value.
    pub defaults: HashMap<String, String>,
}

impl Substitutions {
    /// Reads a `Substitutions` map (`map<string, list<string>>`) and a `Context` map.
    #[must_use]
    pub fn from_maps(substitutions: Option<&Value>, context: Option<&Value>) -> Self {
        let mut values = HashMap::new();
        for (k, v) in substitutions.and_then(Value::as_object).into_iter().flatten() {
            if let Some(first) = v.as_array().and_then(|a| a.first()).and_then(Value::as_str) {
                values.insert(k.clone(), first.to_owned());
            }
        }
        for (k, v) in context.and_then(Value::as_object).into_iter().flatten() {
            if let Some(text) = v.as_str() {
                values.entry(format!("Context.{k}")).or_insert_with(|| text.to_owned());
            }
        }
        Self { values, defaults: HashMap::new() }
    }

    /// The same substitutions with a template's `DefaultSubstitutions` beneath them.
    #[must_use]
    pub fn with_defaults(mut self, defaults: HashMap<String, String>) -> Self {
        self.defaults = defaults;
        self
    }
}

/// Where placeholders look up endpoint members: the mock's stored endpoint (JSON in the
/// `EndpointResponse` shape) and the console's SDK endpoint both answer the same paths
/// (`Attributes.x`, `User.UserAttributes.y`, `Demographic.Platform`, `Address`, `Id`, …).
pub trait Fields {
    /// The value at a dotted member path; a list gives its first element.
    fn field(&self, path: &str) -> Option<String>;
}

impl Fields for Value {
    fn field(&self, path: &str) -> Option<String> {
        let mut node = self;
        for part in path.split('.') {
            node = node.get(part)?;
        }
        match node {
            Value::String(s) => Some(s.clone()),
            Value::Array(items) => items.first().and_then(Value::as_str).map(str::to_owned),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
}

/// Resolves one placeholder: the substitutions first, then the endpoint's members, then the
/// template's defaults.
fn lookup(endpoint: Option<&dyn Fields>, subs: &Substitutions, key: &str) -> Option<String> {
    if let Some(v) = subs.values.get(key) {
        return Some(v.clone());
    }
    endpoint.and_then(|e| e.field(key)).or_else(|| subs.defaults.get(key).cloned())
}

/// Fills `{{path}}` and `{{path|default}}` placeholders; unknown paths without a default
/// render empty.
#[must_use]
pub fn fill(template: &str, endpoint: Option<&dyn Fields>, subs: &Substitutions) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            out.push_str(&rest[start..]);
            return out;
        };
        let inner = after[..end].trim();
        let (key, default) = match inner.split_once('|') {
            Some((k, d)) => (k.trim(), Some(d.trim())),
            None => (inner, None),
        };
        let value =
            lookup(endpoint, subs, key).or_else(|| default.map(str::to_owned)).unwrap_or_default();
        out.push_str(&value);
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

/// The message of a configuration that serves `kind`, with the service's fallbacks: the
/// channel's own message, then (push) `DefaultPushNotificationMessage`, then `DefaultMessage`.
#[must_use]
pub fn message_for(config: &Value, kind: ChannelKind) -> Option<&Value> {
    let pick = |k: &str| config.get(k).filter(|v| v.is_object());
    if kind == ChannelKind::Voice {
        // Only a direct message's VoiceMessage reaches a voice channel: a campaign's
        // MessageConfiguration has no voice member in the model, and the mock does not read
        // DefaultMessage out as a call.
        return pick("VoiceMessage");
    }
    let specific = match kind {
        ChannelKind::Sms => pick("SMSMessage"),
        ChannelKind::Email => pick("EmailMessage"),
        ChannelKind::Gcm => pick("GCMMessage"),
        ChannelKind::Adm => pick("ADMMessage"),
        ChannelKind::Baidu => pick("BaiduMessage"),
        _ => pick("APNSMessage"),
    };
    let push = !matches!(kind, ChannelKind::Sms | ChannelKind::Email);
    specific
        .or_else(|| if push { pick("DefaultPushNotificationMessage") } else { None })
        .or_else(|| pick("DefaultMessage"))
}

/// Renders the message for one recipient. `overrides` carries a recipient's `BodyOverride`
/// and `TitleOverride`.
#[must_use]
pub fn render(
    message: &Value,
    kind: ChannelKind,
    endpoint: Option<&dyn Fields>,
    subs: &Substitutions,
    overrides: Option<&Value>,
) -> Rendered {
    let text = |k: &str| message.get(k).and_then(Value::as_str);
    let (title, body) = match kind {
        ChannelKind::Email => {
            let simple = message.get("SimpleEmail");
            let subject = simple
                .and_then(|s| s.pointer("/Subject/Data"))
                .and_then(Value::as_str)
                .or_else(|| text("Title"));
            let body = simple
                .and_then(|s| s.pointer("/TextPart/Data").or_else(|| s.pointer("/HtmlPart/Data")))
                .and_then(Value::as_str)
                .or_else(|| text("Body"))
                .or_else(|| text("TextBody"))
                .or_else(|| text("HtmlBody"));
            (subject, body)
        }
        ChannelKind::Sms | ChannelKind::Voice => (None, text("Body")),
        _ => (text("Title"), text("Body")),
    };
    let title_override = overrides.and_then(|o| o.get("TitleOverride")).and_then(Value::as_str);
    let body_override = overrides.and_then(|o| o.get("BodyOverride")).and_then(Value::as_str);
    let mut merged = subs.clone();
    for (k, v) in Substitutions::from_maps(message.get("Substitutions"), None).values {
        merged.values.entry(k).or_insert(v);
    }
    Rendered {
        title: title_override.or(title).map(|t| fill(t, endpoint, &merged)),
        body: fill(body_override.or(body).unwrap_or_default(), endpoint, &merged),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn placeholders_resolve_from_endpoint_substitutions_and_defaults() {
        let ep = json!({"Attributes": {"city": ["Lyon"]}, "User": {"UserAttributes": {"FirstName": ["Ada"]}}});
        let subs = Substitutions::from_maps(
            Some(&json!({"code": ["1234"]})),
            Some(&json!({"campaign": "spring"})),
        );
        let text = "Hi {{User.UserAttributes.FirstName}} from {{Attributes.city}}: {{code}} {{Context.campaign}} {{Attributes.none|friend}}{{missing}}";
        assert_eq!(
            fill(text, Some(&ep as &dyn Fields), &subs),
            "Hi Ada from Lyon: 1234 spring friend"
        );
        let defaults = [("Attributes.city", "Paris"), ("code", "0000"), ("missing", "!")];
        let subs = subs.with_defaults(
            defaults.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
        );
        assert_eq!(
            fill("{{Attributes.city}} {{code}}{{missing}}", Some(&ep as &dyn Fields), &subs),
            "Lyon 1234!",
            "defaults come last"
        );
    }

    #[test]
    fn a_voice_channel_takes_only_a_voice_message() {
        assert!(
            message_for(&json!({"DefaultMessage": {"Body": "D"}}), ChannelKind::Voice).is_none()
        );
        let voice = json!({"VoiceMessage": {"Body": "V"}, "DefaultMessage": {"Body": "D"}});
        assert_eq!(message_for(&voice, ChannelKind::Voice).unwrap()["Body"], "V");
    }

    #[test]
    fn overrides_and_fallbacks() {
        let config = json!({"DefaultMessage": {"Body": "Default {{Attributes.x}}"}, "SMSMessage": {"Body": "SMS"}});
        assert_eq!(message_for(&config, ChannelKind::Sms).unwrap()["Body"], "SMS");
        let push = message_for(&config, ChannelKind::Gcm).unwrap();
        let ep = json!({"Attributes": {"x": ["y"]}});
        let r = render(
            push,
            ChannelKind::Gcm,
            Some(&ep as &dyn Fields),
            &Substitutions::default(),
            None,
        );
        assert_eq!(r.body, "Default y");
        let over = json!({"BodyOverride": "Override", "TitleOverride": "T"});
        let r = render(
            push,
            ChannelKind::Gcm,
            Some(&ep as &dyn Fields),
            &Substitutions::default(),
            Some(&over),
        );
        assert_eq!((r.title.as_deref(), r.body.as_str()), (Some("T"), "Override"));
    }
}
