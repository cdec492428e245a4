//! Templates listed and switched: ListTemplates (`prefix`, `template-type`, `page-size`,
//! `next-token`; each template as its active version), ListTemplateVersions (newest first)
//! and UpdateTemplateActiveVersion (`latest` or a version's identifier). Also the copy of the
//! account's templates that a send renders from (`Backend::templates`).

use serde_json::{Value, json};

use super::templates::{stored, template_not_found};
use super::{Backend, MockError, MockResult};
use crate::mock::engine::templates::{Prepared, Templates};
use crate::mock::model::model;
use crate::mock::store::{PageRequest, page_slice, template_key};
use crate::pinpoint::TemplateKind;

/// The template type named by a `template-type` parameter; 400 for anything else.
fn template_type(text: &str) -> MockResult<TemplateKind> {
    TemplateKind::from_name(text).ok_or_else(|| {
        MockError::bad_request(format!(
            "Invalid template type '{text}': valid values are EMAIL, SMS, PUSH, VOICE and INAPP"
        ))
    })
}

/// `{"Item": [...], "NextToken": ...}`.
fn page_body(items: &[&Value], next: Option<String>) -> Value {
    let mut body = json!({ "Item": items });
    if let Some(token) = next {
        body["NextToken"] = json!(token);
    }
    body
}

impl Backend {
    /// The account's templates, for rendering a message (read before a project's
    /// transaction, which must not open the account).
    pub fn templates(&self) -> MockResult<Templates> {
        Ok(self.store.read_acct(Templates::of)?)
    }

    /// A message configuration with the templates its `TemplateConfiguration` names applied
    /// (the account is read only when it names any); 404 for a template or version that does
    /// not exist.
    pub(super) fn prepare(
        &self,
        config: &Value,
        template_config: Option<&Value>,
    ) -> MockResult<Prepared> {
        let named = template_config.and_then(Value::as_object).is_some_and(|m| !m.is_empty());
        let templates = if named { self.templates()? } else { Templates::default() };
        Prepared::new(config, template_config, &templates)
            .map_err(|missing| MockError::not_found(missing.what))
    }

    /// Checks that the templates a campaign request names (its own `TemplateConfiguration`
    /// and its treatments') exist: 404 for one that does not.
    pub(super) fn check_campaign_templates(&self, request: &Value) -> MockResult<()> {
        let treatments = request
            .get("AdditionalTreatments")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|t| t.get("TemplateConfiguration"));
        for named in request.get("TemplateConfiguration").into_iter().chain(treatments) {
            self.prepare(&Value::Null, Some(named))?;
        }
        Ok(())
    }

    /// ListTemplates: templates in name order (then type), each as its active version.
    pub fn list_templates(
        &self,
        prefix: Option<&str>,
        kind: Option<&str>,
        page_size: Option<&str>,
        next_token: Option<&str>,
    ) -> MockResult<Value> {
        let kind = kind.filter(|k| !k.is_empty()).map(template_type).transpose()?;
        let page = PageRequest::parse(page_size, next_token)?;
        self.store
            .read_acct(|account| {
                let items: Vec<Value> = account
                    .templates
                    .values()
                    .filter(|t| prefix.is_none_or(|p| t.name.starts_with(p)))
                    .filter_map(|t| Some((TemplateKind::from_name(&t.kind)?, t)))
                    .filter(|(k, _)| kind.is_none_or(|wanted| wanted == *k))
                    .filter_map(|(k, t)| {
                        let active = t.active_version()?;
                        let mut item = self.template_response(t, k, active);
                        item["CreationDate"] = json!(t.creation_date);
                        Some(model().project("TemplateResponse", &item))
                    })
                    .collect();
                let (page_items, next) = page_slice(&items, page);
                page_body(&page_items, next)
            })
            .map_err(MockError::from)
    }

    /// ListTemplateVersions: every version of a template, newest first.
    pub fn list_template_versions(
        &self,
        name: &str,
        kind: &str,
        page_size: Option<&str>,
        next_token: Option<&str>,
    ) -> MockResult<Value> {
        let kind = template_type(kind)?;
        let page = PageRequest::parse(page_size, next_token)?;
        self.store.read_acct(|account| {
            let template = stored(account, name, kind)?;
            let items: Vec<Value> = template
                .versions
                .iter()
                .rev()
                .map(|v| {
                    let mut item = v.clone();
                    item["TemplateName"] = json!(template.name);
                    item["TemplateType"] = json!(kind.type_name());
                    model().project("TemplateVersionResponse", &item)
                })
                .collect();
            let (page_items, next) = page_slice(&items, page);
            Ok(page_body(&page_items, next))
        })?
    }

    /// UpdateTemplateActiveVersion: `latest` or an existing version becomes the active one.
    pub fn update_template_active_version(
        &self,
        name: &str,
        kind: &str,
        request: &Value,
        request_id: &str,
    ) -> MockResult<Value> {
        let kind = template_type(kind)?;
        let wanted = request.get("Version").and_then(Value::as_str).unwrap_or_default();
        if wanted.is_empty() {
            return Err(MockError::bad_request(
                "Version is required: 'latest' or the identifier of an existing version",
            ));
        }
        self.store.write_acct(|account| {
            let key = template_key(name, kind.type_name());
            let template = account.templates.get(&key).ok_or_else(template_not_found)?;
            let id = if wanted.eq_ignore_ascii_case("latest") {
                template.latest_id().ok_or_else(template_not_found)?.to_owned()
            } else {
                template.version(wanted).ok_or_else(template_not_found)?;
                wanted.to_owned()
            };
            if template.active != id
                && let Some(template) = account.templates.get_mut(&key)
            {
                template.active = id;
            }
            Ok::<(), MockError>(())
        })??;
        Ok(json!({ "Message": "Accepted", "RequestID": request_id }))
    }
}
