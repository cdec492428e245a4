//! Message templates as the domain knows them: the five template types, which template a
//! channel uses, and how a template version fills a message configuration (what the request
//! gives itself wins; the template supplies the rest).

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::pinpoint::ChannelKind;

/// A message template's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TemplateKind {
    /// Email templates.
    Email,
    /// SMS templates.
    Sms,
    /// Push notification templates.
    Push,
    /// Voice templates.
    Voice,
    /// In-app message templates.
    InApp,
}

impl TemplateKind {
    /// Every template type.
    pub const ALL: [Self; 5] = [Self::Email, Self::Sms, Self::Push, Self::Voice, Self::InApp];

    /// The `TemplateType` value (`EMAIL`, `SMS`, `PUSH`, `VOICE`, `INAPP`).
    #[must_use]
    pub fn type_name(self) -> &'static str {
        match self {
            Self::Email => "EMAIL",
            Self::Sms => "SMS",
            Self::Push => "PUSH",
            Self::Voice => "VOICE",
            Self::InApp => "INAPP",
        }
    }

    /// The type's segment in `/v1/templates/{name}/{segment}`.
    #[must_use]
    pub fn path(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Sms => "sms",
            Self::Push => "push",
            Self::Voice => "voice",
            Self::InApp => "inapp",
        }
    }

    /// The service model's request shape of the type's create and update bodies.
    #[must_use]
    pub fn request_shape(self) -> &'static str {
        match self {
            Self::Email => "EmailTemplateRequest",
            Self::Sms => "SMSTemplateRequest",
            Self::Push => "PushNotificationTemplateRequest",
            Self::Voice => "VoiceTemplateRequest",
            Self::InApp => "InAppTemplateRequest",
        }
    }

    /// The type named by a `TemplateType` value or a path segment, in any case.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.type_name().eq_ignore_ascii_case(name))
    }

    /// The member of a `TemplateConfiguration` that names a template of this type.
    #[must_use]
    pub fn configuration_member(self) -> &'static str {
        match self {
            Self::Email => "EmailTemplate",
            Self::Sms => "SMSTemplate",
            Self::Push => "PushTemplate",
            Self::Voice => "VoiceTemplate",
            Self::InApp => "InAppTemplate",
        }
    }

    /// The template type a message on this channel uses.
    #[must_use]
    pub fn for_channel(kind: ChannelKind) -> Self {
        match kind {
            ChannelKind::Email => Self::Email,
            ChannelKind::Sms => Self::Sms,
            ChannelKind::Voice => Self::Voice,
            ChannelKind::Adm
            | ChannelKind::Apns
            | ChannelKind::ApnsSandbox
            | ChannelKind::ApnsVoip
            | ChannelKind::ApnsVoipSandbox
            | ChannelKind::Baidu
            | ChannelKind::Gcm => Self::Push,
        }
    }
}

/// Longest template name.
pub const MAX_TEMPLATE_NAME: usize = 128;

/// Checks a template name as the service does: it starts with a letter or digit and has at
/// most 128 letters, digits, underscores and hyphens (case-sensitive).
pub fn template_name(name: &str) -> Result<(), String> {
    let starts_well = name.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
    let chars_ok = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if starts_well && chars_ok && name.len() <= MAX_TEMPLATE_NAME {
        Ok(())
    } else {
        Err(format!(
            "Invalid template name '{name}': a template name must start with an alphanumeric \
             character and can contain a maximum of {MAX_TEMPLATE_NAME} characters: alphanumeric \
             characters, underscores (_) or hyphens (-)"
        ))
    }
}

/// Checks `DefaultSubstitutions`: a JSON object whose values are strings, kept as a string.
pub fn check_default_substitutions(text: &str) -> Result<(), String> {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(map)) if map.values().all(Value::is_string) => Ok(()),
        Ok(Value::Object(_)) => {
            Err("DefaultSubstitutions must be a JSON object whose values are strings".to_owned())
        }
        _ => Err("DefaultSubstitutions must be a JSON object (given as a string)".to_owned()),
    }
}

/// A template's `DefaultSubstitutions` (a JSON object of strings kept as a string) as a map;
/// empty when the version has none.
#[must_use]
pub fn default_substitutions(version: &Value) -> HashMap<String, String> {
    version
        .get("DefaultSubstitutions")
        .and_then(Value::as_str)
        .and_then(|text| serde_json::from_str::<Map<String, Value>>(text).ok())
        .map(|map| {
            map.into_iter().filter_map(|(k, v)| v.as_str().map(|v| (k, v.to_owned()))).collect()
        })
        .unwrap_or_default()
}

/// Copies `members` of `from` into `to` where `to` has none.
fn fill_absent(to: &mut Map<String, Value>, from: &Value, members: &[&str]) {
    for member in members {
        if let Some(value) = from.get(*member).filter(|v| !v.is_null())
            && to.get(*member).is_none_or(Value::is_null)
        {
            to.insert((*member).to_owned(), value.clone());
        }
    }
}

/// Fills the message object `member` of a message configuration (created when absent) with
/// `members` of `from`.
fn fill_message(config: &mut Map<String, Value>, member: &str, from: &Value, members: &[&str]) {
    let slot = config.entry(member.to_owned()).or_insert_with(|| Value::Object(Map::new()));
    if !slot.is_object() {
        *slot = Value::Object(Map::new());
    }
    if let Some(message) = slot.as_object_mut() {
        fill_absent(message, from, members);
    }
}

/// The members of a push template's platform parts that a push message takes.
const PUSH_MEMBERS: [&str; 11] = [
    "Action",
    "Body",
    "ImageIconUrl",
    "ImageUrl",
    "MediaUrl",
    "RawContent",
    "SmallImageIconUrl",
    "Sound",
    "Title",
    "Url",
    "SilentPush",
];

/// Fills a message configuration (`MessageConfiguration` of a campaign or
/// `DirectMessageConfiguration` of a direct send) with a template version of `kind`: the
/// request's own members win, the template supplies what the request leaves out.
pub fn apply(config: &mut Value, kind: TemplateKind, version: &Value) {
    if !config.is_object() {
        *config = Value::Object(Map::new());
    }
    let Value::Object(config) = config else { return };
    match kind {
        TemplateKind::Email => {
            let own = config.get("EmailMessage");
            if own.is_some_and(|m| m.get("SimpleEmail").is_some() || m.get("RawEmail").is_some()) {
                return;
            }
            let mut parts = Map::new();
            for (from, to) in [("Subject", "Title"), ("TextPart", "Body"), ("HtmlPart", "HtmlBody")]
            {
                if let Some(text) = version.get(from).filter(|v| v.is_string()) {
                    parts.insert(to.to_owned(), text.clone());
                }
            }
            let parts = Value::Object(parts);
            fill_message(config, "EmailMessage", &parts, &["Title", "Body", "HtmlBody"]);
        }
        TemplateKind::Sms => fill_message(config, "SMSMessage", version, &["Body"]),
        TemplateKind::Voice => {
            fill_message(config, "VoiceMessage", version, &["Body", "LanguageCode", "VoiceId"]);
        }
        TemplateKind::Push => {
            for (part, member) in [
                ("GCM", "GCMMessage"),
                ("APNS", "APNSMessage"),
                ("ADM", "ADMMessage"),
                ("Baidu", "BaiduMessage"),
                ("Default", "DefaultPushNotificationMessage"),
            ] {
                if let Some(part) = version.get(part).filter(|v| v.is_object()) {
                    fill_message(config, member, part, &PUSH_MEMBERS);
                }
            }
        }
        // In-app messages are not delivered to the outbox: nothing to fill.
        TemplateKind::InApp => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_template_fills_what_the_request_leaves_out() {
        let mut config = json!({"SMSMessage": {"MessageType": "TRANSACTIONAL"}});
        apply(&mut config, TemplateKind::Sms, &json!({"Body": "Hi {{Name}}"}));
        assert_eq!(
            config["SMSMessage"],
            json!({"MessageType": "TRANSACTIONAL", "Body": "Hi {{Name}}"})
        );

        let mut config = json!({"SMSMessage": {"Body": "mine"}});
        apply(&mut config, TemplateKind::Sms, &json!({"Body": "template"}));
        assert_eq!(config["SMSMessage"]["Body"], "mine");

        let mut config = Value::Null;
        apply(
            &mut config,
            TemplateKind::Email,
            &json!({"Subject": "S", "TextPart": "T", "HtmlPart": "<p>H</p>"}),
        );
        assert_eq!(
            config["EmailMessage"],
            json!({"Title": "S", "Body": "T", "HtmlBody": "<p>H</p>"})
        );

        let mut config = json!({});
        apply(
            &mut config,
            TemplateKind::Push,
            &json!({"Default": {"Title": "D", "Body": "B"}, "GCM": {"Body": "G"}}),
        );
        assert_eq!(config["GCMMessage"]["Body"], "G");
        assert_eq!(config["DefaultPushNotificationMessage"]["Title"], "D");
    }

    #[test]
    fn names_and_defaults_follow_the_service_rules() {
        assert!(template_name("Welcome_v2-final").is_ok());
        assert!(template_name(&"a".repeat(128)).is_ok());
        for bad in ["", "-lead", "_lead", "has space", "dot.ted", "ü", &"a".repeat(129)] {
            assert!(template_name(bad).is_err(), "{bad}");
        }
        assert!(check_default_substitutions("{\"Name\":\"x\"}").is_ok());
        for bad in ["[]", "{\"n\":1}", "not json", "\"s\""] {
            assert!(check_default_substitutions(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn defaults_are_read_from_their_json_string() {
        let version = json!({"DefaultSubstitutions": "{\"Name\":\"friend\",\"n\":1}"});
        let defaults = default_substitutions(&version);
        assert_eq!(defaults.get("Name").map(String::as_str), Some("friend"));
        assert_eq!(defaults.len(), 1, "only strings");
        assert!(default_substitutions(&json!({})).is_empty());
    }
}
