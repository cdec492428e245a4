//! Messages that name message templates: the one rendering entry point for campaigns, direct
//! messages (and whatever else sends a templated message: OTP, journeys). A message
//! configuration and its `TemplateConfiguration` are prepared once (`Prepared::new`: each
//! named template's version, the one named or the active one, fills what the request leaves
//! out), then rendered per recipient (`Prepared::render`): placeholders resolve from the
//! request's `Substitutions`, then the endpoint's members (`Attributes.X`,
//! `User.UserAttributes.X`, `Demographic.X`, …), then the template's `DefaultSubstitutions`.
//!
//! Templates belong to the account, and a project's transaction must not open the account, so
//! callers take a `Templates` copy first (one account read) and hand it in. A template with a
//! `RecommenderId` renders like any other: the mock cannot call Amazon Personalize, so
//! recommendation placeholders resolve from the endpoint's attributes only.

use std::collections::HashMap;

use serde_json::Value;

use crate::mock::store::{AccountRecord, StoredTemplate, template_key};
use crate::pinpoint::ChannelKind;
use crate::pinpoint::render::{Fields, Rendered, Substitutions, message_for, render};
use crate::pinpoint::template::{TemplateKind, apply, default_substitutions};

/// The account's templates as one account transaction saw them.
#[derive(Debug, Clone, Default)]
pub struct Templates {
    by_key: HashMap<String, StoredTemplate>,
}

impl Templates {
    /// A copy of the account's templates.
    #[must_use]
    pub fn of(account: &AccountRecord) -> Self {
        Self { by_key: account.templates.iter().map(|(k, v)| (k.clone(), v.clone())).collect() }
    }

    /// The template of this name and type.
    #[must_use]
    pub fn get(&self, name: &str, kind: TemplateKind) -> Option<&StoredTemplate> {
        self.by_key.get(&template_key(name, kind.type_name()))
    }
}

/// A message names a template (or a version of one) that does not exist.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what}")]
pub struct TemplateMissing {
    /// What is missing, in words.
    pub what: String,
}

/// A message configuration with the templates it names applied.
#[derive(Debug, Clone)]
pub struct Prepared {
    config: Value,
    defaults: HashMap<TemplateKind, HashMap<String, String>>,
}

impl Prepared {
    /// `config` filled from the templates `template_config` (a `TemplateConfiguration`)
    /// names; an error names the first template or version that does not exist.
    pub fn new(
        config: &Value,
        template_config: Option<&Value>,
        templates: &Templates,
    ) -> Result<Self, TemplateMissing> {
        let mut prepared = Self { config: config.clone(), defaults: HashMap::new() };
        let Some(template_config) = template_config else { return Ok(prepared) };
        for kind in TemplateKind::ALL {
            let Some(named) = template_config.get(kind.configuration_member()) else { continue };
            let Some(name) = named.get("Name").and_then(Value::as_str) else { continue };
            let template = templates.get(name, kind).ok_or_else(|| TemplateMissing {
                what: format!("Template {name} of type {} not found", kind.type_name()),
            })?;
            let version = match named.get("Version").and_then(Value::as_str) {
                Some(id) => template.version(id).ok_or_else(|| TemplateMissing {
                    what: format!(
                        "Version {id} of template {name} of type {} not found",
                        kind.type_name()
                    ),
                })?,
                None => template.active_version().ok_or_else(|| TemplateMissing {
                    what: format!("Template {name} of type {} has no version", kind.type_name()),
                })?,
            };
            apply(&mut prepared.config, kind, version);
            prepared.defaults.insert(kind, default_substitutions(version));
        }
        Ok(prepared)
    }

    /// The message configuration with the templates applied.
    #[must_use]
    pub fn config(&self) -> &Value {
        &self.config
    }

    /// The message for a channel, with the service's fallbacks (`render::message_for`).
    #[must_use]
    pub fn message(&self, kind: ChannelKind) -> Option<&Value> {
        message_for(&self.config, kind)
    }

    /// The message for one recipient on `kind`'s channel, or `None` when the configuration
    /// has no message for it. `overrides` carries a recipient's `BodyOverride` and
    /// `TitleOverride`.
    #[must_use]
    pub fn render(
        &self,
        kind: ChannelKind,
        endpoint: Option<&dyn Fields>,
        subs: &Substitutions,
        overrides: Option<&Value>,
    ) -> Option<Rendered> {
        let message = self.message(kind)?;
        let defaults =
            self.defaults.get(&TemplateKind::for_channel(kind)).cloned().unwrap_or_default();
        let subs = subs.clone().with_defaults(defaults);
        Some(render(message, kind, endpoint, &subs, overrides))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn templates() -> Templates {
        let mut account = AccountRecord::default();
        account.templates.insert(
            template_key("welcome", "SMS"),
            StoredTemplate {
                name: "welcome".into(),
                kind: "SMS".into(),
                versions: vec![
                    json!({"Version": "1", "Body": "v1 {{Name}}"}),
                    json!({"Version": "2", "Body": "Hi {{Name}} from {{Attributes.city}}",
                           "DefaultSubstitutions": "{\"Name\":\"friend\",\"Attributes.city\":\"nowhere\"}"}),
                ],
                active: "2".into(),
                ..StoredTemplate::default()
            },
        );
        Templates::of(&account)
    }

    #[test]
    fn the_active_version_renders_with_request_then_endpoint_then_defaults() {
        let config = json!({"SMSMessage": {"MessageType": "PROMOTIONAL"}});
        let named = json!({"SMSTemplate": {"Name": "welcome"}});
        let prepared = Prepared::new(&config, Some(&named), &templates()).unwrap();
        let endpoint = json!({"Attributes": {"city": ["Lyon"]}});
        let rendered = prepared
            .render(
                ChannelKind::Sms,
                Some(&endpoint as &dyn Fields),
                &Substitutions::default(),
                None,
            )
            .unwrap();
        assert_eq!(rendered.body, "Hi friend from Lyon");
        let subs = Substitutions::from_maps(Some(&json!({"Name": ["Ada"]})), None);
        let rendered = prepared.render(ChannelKind::Sms, None, &subs, None).unwrap();
        assert_eq!(rendered.body, "Hi Ada from nowhere");
    }

    #[test]
    fn a_named_version_or_a_missing_template_is_honoured() {
        let named = json!({"SMSTemplate": {"Name": "welcome", "Version": "1"}});
        let prepared = Prepared::new(&json!({}), Some(&named), &templates()).unwrap();
        let rendered =
            prepared.render(ChannelKind::Sms, None, &Substitutions::default(), None).unwrap();
        assert_eq!(rendered.body, "v1 ");
        let missing = json!({"SMSTemplate": {"Name": "nope"}});
        assert!(Prepared::new(&json!({}), Some(&missing), &templates()).is_err());
        let no_version = json!({"SMSTemplate": {"Name": "welcome", "Version": "9"}});
        assert!(Prepared::new(&json!({}), Some(&no_version), &templates()).is_err());
    }
}
