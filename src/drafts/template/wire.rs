//! A template draft as its request body in the service model's spelling (`EmailTemplateRequest`,
//! `SMSTemplateRequest`, `PushNotificationTemplateRequest`, `VoiceTemplateRequest`,
//! `InAppTemplateRequest`) and back. This is the one JSON of a template: the save sends it
//! (through `sdk`), the preview renders it, the version diff compares it. A blank member is
//! absent.

use serde_json::{Map, Value, json};

use crate::drafts::json;

use super::{PUSH_PARTS, TemplateDraft, fields, push_members};
use crate::drafts::inapp::InAppBlock;
use crate::pinpoint::template::TemplateKind;

fn put(map: &mut Map<String, Value>, member: &str, text: &str) {
    if !text.trim().is_empty() {
        map.insert(member.to_owned(), Value::from(text));
    }
}

fn text(value: &Value, member: &str) -> String {
    value.get(member).and_then(Value::as_str).unwrap_or_default().to_owned()
}

fn pairs(value: Option<&Value>) -> Vec<(String, String)> {
    value
        .and_then(Value::as_object)
        .map(|m| {
            m.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned())).collect()
        })
        .unwrap_or_default()
}

impl TemplateDraft {
    /// The request body (no tags: they are saved through the tag operations).
    #[must_use]
    pub fn to_json(&self) -> Value {
        let mut map = Map::new();
        put(&mut map, "TemplateDescription", &self.description);
        if self.has_substitutions() {
            let defaults = self.substitution_map();
            if !defaults.is_empty() {
                let text = serde_json::to_string(&defaults).unwrap_or_default();
                map.insert("DefaultSubstitutions".to_owned(), Value::from(text));
            }
        }
        if self.has_recommender() {
            put(&mut map, "RecommenderId", &self.recommender_id);
        }
        for f in fields(self.kind) {
            put(&mut map, f.path, self.value(f.path));
        }
        match self.kind {
            TemplateKind::Email if !self.headers.is_empty() => {
                let headers = self
                    .headers
                    .iter()
                    .map(|(n, v)| json!({"Name": n.trim(), "Value": v}))
                    .collect();
                map.insert("Headers".to_owned(), Value::Array(headers));
            }
            TemplateKind::Push => {
                for (part, _) in PUSH_PARTS {
                    let mut members = Map::new();
                    for (member, _, _) in push_members(part) {
                        put(&mut members, member, self.value(&format!("{part}.{member}")));
                    }
                    put(&mut members, "Action", self.value(&format!("{part}.Action")));
                    if !members.is_empty() {
                        map.insert(part.to_owned(), Value::Object(members));
                    }
                }
            }
            TemplateKind::InApp => {
                put(&mut map, "Layout", &self.in_app.layout);
                let content = self.in_app.content().iter().map(json::inapp::content).collect();
                map.insert("Content".to_owned(), Value::Array(content));
                if let Some(config) = self.in_app.custom_map() {
                    let config = config.into_iter().map(|(k, v)| (k, Value::from(v))).collect();
                    map.insert("CustomConfig".to_owned(), Value::Object(config));
                }
            }
            _ => {}
        }
        Value::Object(map)
    }

    /// The form for a stored version (a request body, or a Get answer in the same spelling).
    #[must_use]
    pub fn from_json(kind: TemplateKind, name: &str, body: &Value) -> Self {
        let mut d = Self::new(kind);
        name.clone_into(&mut d.name);
        d.description = text(body, "TemplateDescription");
        d.recommender_id = text(body, "RecommenderId");
        let mut defaults: Vec<(String, String)> =
            crate::pinpoint::template::default_substitutions(body).into_iter().collect();
        defaults.sort();
        d.substitutions = defaults;
        for f in fields(kind) {
            let v = text(body, f.path);
            if !v.is_empty() {
                d.values.insert(f.path.to_owned(), v);
            }
        }
        match kind {
            TemplateKind::Email => {
                d.headers = body
                    .get("Headers")
                    .and_then(Value::as_array)
                    .map(|a| a.iter().map(|h| (text(h, "Name"), text(h, "Value"))).collect())
                    .unwrap_or_default();
            }
            TemplateKind::Push => {
                for (part, _) in PUSH_PARTS {
                    let Some(members) = body.get(part) else { continue };
                    for (member, v) in members.as_object().into_iter().flatten() {
                        if let Some(v) = v.as_str() {
                            d.values.insert(format!("{part}.{member}"), v.to_owned());
                        }
                    }
                }
            }
            TemplateKind::InApp => {
                d.in_app.layout = text(body, "Layout");
                d.in_app.blocks = body
                    .get("Content")
                    .and_then(Value::as_array)
                    .map(|a| a.iter().map(|c| InAppBlock::from(&super::sdk::content(c))).collect())
                    .unwrap_or_default();
                d.in_app.custom_config = pairs(body.get("CustomConfig"));
            }
            TemplateKind::Sms | TemplateKind::Voice => {}
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips_through_its_json() {
        let mut email = TemplateDraft::new(TemplateKind::Email);
        email.name = "welcome".into();
        email.description = "First mail".into();
        *email.value_mut("Subject") = "Hi {{Name}}".into();
        *email.value_mut("HtmlPart") = "<p>Hi</p>".into();
        email.substitutions = vec![("Name".into(), "friend".into())];
        email.headers = vec![("X-Tag".into(), "a".into())];
        email.recommender_id = "rec-1".into();
        let body = email.to_json();
        assert_eq!(body["DefaultSubstitutions"], "{\"Name\":\"friend\"}");
        assert_eq!(body["Headers"][0]["Name"], "X-Tag");
        assert!(body.get("TextPart").is_none(), "blank members are absent");
        assert_eq!(TemplateDraft::from_json(TemplateKind::Email, "welcome", &body), email);

        let mut push = TemplateDraft::new(TemplateKind::Push);
        push.name = "p".into();
        *push.value_mut("GCM.Body") = "B".into();
        *push.value_mut("GCM.Action") = "URL".into();
        *push.value_mut("Default.Title") = "T".into();
        let body = push.to_json();
        assert_eq!(body["GCM"], json!({"Body": "B", "Action": "URL"}));
        assert_eq!(TemplateDraft::from_json(TemplateKind::Push, "p", &body), push);

        let mut inapp = TemplateDraft::new(TemplateKind::InApp);
        inapp.name = "banner".into();
        inapp.in_app.blocks[0].header = "Sale".into();
        inapp.in_app.blocks[0].body = "Half off".into();
        inapp.in_app.blocks[0].primary.text = "Shop".into();
        inapp.in_app.blocks[0].primary.radius = "4".into();
        let body = inapp.to_json();
        assert_eq!(body["Content"][0]["PrimaryBtn"]["DefaultConfig"]["BorderRadius"], 4);
        assert_eq!(body["Content"][0]["HeaderConfig"]["Alignment"], "CENTER");
        assert_eq!(TemplateDraft::from_json(TemplateKind::InApp, "banner", &body), inapp);
    }
}
