//! Message templates: Create, Get, Update and Delete for each of the five types, with
//! versions as the service keeps them (API reference, "Template Versions" and "Active
//! Template Version"):
//!
//! - Create makes version 1, the active version; a name is unique per type (a second
//!   template of one type and name is a 400).
//! - Update overwrites the latest version, or with `create-new-version=true` adds a version
//!   (the active version stays as it was); a `version` given on update must be the latest.
//! - Get answers the active version, or the `version` named; Delete without a version deletes
//!   the template with every version, with one deletes that version. Deleting the active
//!   version of a template that has others is refused (400): the reference does not say what
//!   the service does, and a template must always have an active version to send with.
//! - An unknown name or version is a 404.
//!
//! Listing (ListTemplates, ListTemplateVersions) and the active version are in
//! `template_list`.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::{Backend, MockError, MockResult};
use crate::mock::model::model;
use crate::mock::store::{AccountRecord, StoredTemplate, template_key};
use crate::pinpoint::TemplateKind;
use crate::pinpoint::template::{check_default_substitutions, template_name};

/// The 404 the service answers for a template or version it does not have.
pub(super) fn template_not_found() -> MockError {
    MockError::not_found("Resource not found")
}

/// The response shape of a template type.
fn response_shape(kind: TemplateKind) -> &'static str {
    match kind {
        TemplateKind::Email => "EmailTemplateResponse",
        TemplateKind::Sms => "SMSTemplateResponse",
        TemplateKind::Push => "PushNotificationTemplateResponse",
        TemplateKind::Voice => "VoiceTemplateResponse",
        TemplateKind::InApp => "InAppTemplateResponse",
    }
}

/// Checks what the model cannot: the name and `DefaultSubstitutions`.
fn check(name: &str, request: &Value) -> MockResult<()> {
    template_name(name).map_err(MockError::bad_request)?;
    if let Some(text) = request.get("DefaultSubstitutions").and_then(Value::as_str) {
        check_default_substitutions(text).map_err(MockError::bad_request)?;
    }
    Ok(())
}

/// A stored version: the request's content (tags are the template's, not a version's) with
/// its identifier and dates.
fn version_of(request: &Value, id: u64, created: &str, now: &str) -> Value {
    let mut version = match request {
        Value::Object(map) => map.clone(),
        _ => Map::new(),
    };
    version.remove("tags");
    version.insert("Version".into(), json!(id.to_string()));
    version.insert("CreationDate".into(), json!(created));
    version.insert("LastModifiedDate".into(), json!(now));
    Value::Object(version)
}

/// The template `name` of `kind`, or a 404.
pub(super) fn stored<'a>(
    account: &'a AccountRecord,
    name: &str,
    kind: TemplateKind,
) -> MockResult<&'a StoredTemplate> {
    account.templates.get(&template_key(name, kind.type_name())).ok_or_else(template_not_found)
}

impl Backend {
    /// A template's ARN.
    pub(super) fn template_arn(&self, name: &str, kind: TemplateKind) -> String {
        self.arn(&format!("templates/{name}/{}", kind.type_name()))
    }

    /// One version of a template as the service answers it (`{Type}TemplateResponse`).
    pub(super) fn template_response(
        &self,
        template: &StoredTemplate,
        kind: TemplateKind,
        version: &Value,
    ) -> Value {
        let mut response = version.clone();
        if let Value::Object(map) = &mut response {
            map.insert("Arn".into(), json!(self.template_arn(&template.name, kind)));
            map.insert("TemplateName".into(), json!(template.name));
            map.insert("TemplateType".into(), json!(kind.type_name()));
            if !template.tags.is_empty() {
                map.insert("tags".into(), json!(template.tags));
            }
        }
        model().project(response_shape(kind), &response)
    }

    /// Create{Email,Sms,Push,Voice,InApp}Template: version 1, active; the answer is the
    /// `CreateTemplateMessageBody`.
    pub fn create_template(
        &self,
        kind: TemplateKind,
        name: &str,
        request: &Value,
        request_id: &str,
    ) -> MockResult<Value> {
        check(name, request)?;
        let now = self.now();
        let tags = request
            .get("tags")
            .map(|t| serde_json::from_value(t.clone()))
            .transpose()
            .map_err(|e| MockError::bad_request(format!("tags: {e}")))?
            .unwrap_or_default();
        super::tags::check_tags(&tags)?;
        self.store.write_acct(|account| {
            let key = template_key(name, kind.type_name());
            if account.templates.contains_key(&key) {
                return Err(MockError::bad_request(format!(
                    "Template {name} of type {} already exists",
                    kind.type_name()
                )));
            }
            let mut template = StoredTemplate {
                name: name.to_owned(),
                kind: kind.type_name().to_owned(),
                creation_date: now.clone(),
                versions: vec![version_of(request, 1, &now, &now)],
                active: "1".to_owned(),
                next_version: 2,
                tags: BTreeMap::new(),
            };
            template.set_tags(tags);
            account.templates.insert(key, template);
            Ok(())
        })??;
        Ok(json!({
            "Arn": self.template_arn(name, kind),
            "Message": "Created",
            "RequestID": request_id,
        }))
    }

    /// Get{Type}Template: the active version, or the `version` named.
    pub fn get_template(
        &self,
        kind: TemplateKind,
        name: &str,
        version: Option<&str>,
    ) -> MockResult<Value> {
        self.store.read_acct(|account| {
            let template = stored(account, name, kind)?;
            let found = match version {
                Some(id) => template.version(id),
                None => template.active_version(),
            };
            let found = found.ok_or_else(template_not_found)?;
            Ok(self.template_response(template, kind, found))
        })?
    }

    /// Update{Type}Template: overwrites the latest version (which `version`, when given, must
    /// be), or adds a version with `create_new_version`.
    pub fn update_template(
        &self,
        kind: TemplateKind,
        name: &str,
        version: Option<&str>,
        create_new_version: bool,
        request: &Value,
        request_id: &str,
    ) -> MockResult<Value> {
        check(name, request)?;
        let now = self.now();
        self.store.write_acct(|account| {
            let key = template_key(name, kind.type_name());
            let template = account.templates.get(&key).ok_or_else(template_not_found)?;
            if let Some(id) = version {
                template.version(id).ok_or_else(template_not_found)?;
                if !create_new_version && template.latest_id() != Some(id) {
                    return Err(MockError::bad_request(format!(
                        "Version {id} is not the latest version of template {name}: an update \
                         saves to the latest version ({}) or creates a new one",
                        template.latest_id().unwrap_or_default()
                    )));
                }
            }
            let template = account.templates.get_mut(&key).ok_or_else(template_not_found)?;
            if create_new_version {
                let id = template.next_version;
                template.versions.push(version_of(request, id, &now, &now));
                template.next_version += 1;
            } else if let Some(latest) = template.versions.last_mut() {
                let created = latest.get("CreationDate").cloned().unwrap_or_else(|| json!(now));
                let id = latest
                    .get("Version")
                    .and_then(Value::as_str)
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(1);
                *latest = version_of(request, id, created.as_str().unwrap_or(&now), &now);
            }
            Ok(())
        })??;
        Ok(json!({ "Message": "Accepted", "RequestID": request_id }))
    }

    /// Delete{Type}Template: the whole template, or one `version` of it.
    pub fn delete_template(
        &self,
        kind: TemplateKind,
        name: &str,
        version: Option<&str>,
        request_id: &str,
    ) -> MockResult<Value> {
        self.store.write_acct(|account| {
            let key = template_key(name, kind.type_name());
            let template = account.templates.get(&key).ok_or_else(template_not_found)?;
            let Some(id) = version else {
                account.templates.remove(&key);
                return Ok(());
            };
            template.version(id).ok_or_else(template_not_found)?;
            if template.versions.len() == 1 {
                account.templates.remove(&key);
                return Ok(());
            }
            if template.active == id {
                return Err(MockError::bad_request(format!(
                    "Version {id} is the active version of template {name}: make another \
                     version active before deleting it"
                )));
            }
            let template = account.templates.get_mut(&key).ok_or_else(template_not_found)?;
            template.versions.retain(|v| v.get("Version").and_then(Value::as_str) != Some(id));
            Ok(())
        })??;
        Ok(json!({ "Message": "Accepted", "RequestID": request_id }))
    }
}
