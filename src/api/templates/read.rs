//! Reading templates: a version (the active one by default) with its body, a list row, and
//! every version of a template with its body, newest first.

use aws_sdk_pinpoint::Client;
use aws_sdk_pinpoint::types::TemplateResponse;
use serde_json::Value;

use crate::api::ApiError;
use crate::api::paging::all_pages;
use crate::drafts::template::sdk::{self, TemplateMeta};
use crate::pinpoint::template::TemplateKind;

/// A template as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateRow {
    /// Its name.
    pub name: String,
    /// Its type.
    pub kind: TemplateKind,
    /// `TemplateDescription`.
    pub description: String,
    /// The active version.
    pub version: String,
    /// Last change.
    pub last_modified: String,
    /// The ARN.
    pub arn: String,
}

pub(super) fn row(t: &TemplateResponse) -> Option<TemplateRow> {
    Some(TemplateRow {
        name: t.template_name()?.to_owned(),
        kind: TemplateKind::from_name(t.template_type()?.as_str())?,
        description: t.template_description().unwrap_or_default().to_owned(),
        version: t.version().unwrap_or_default().to_owned(),
        last_modified: t.last_modified_date().unwrap_or_default().to_owned(),
        arn: t.arn().unwrap_or_default().to_owned(),
    })
}

/// A template version as read: what the answer says beside the body, and the body.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedTemplate {
    /// Its name.
    pub name: String,
    /// Its type.
    pub kind: TemplateKind,
    /// ARN, version, last change, tags.
    pub meta: TemplateMeta,
    /// The body in the request's spelling.
    pub body: Value,
}

/// One version of a template with its body.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateVersion {
    /// The version.
    pub version: String,
    /// When it was last changed.
    pub last_modified: String,
    /// Its body.
    pub body: Value,
}

/// Reads one version (the active one when `version` is `None`).
pub async fn get(
    client: &Client,
    kind: TemplateKind,
    name: &str,
    version: Option<&str>,
) -> Result<LoadedTemplate, ApiError> {
    let v = version.map(str::to_owned);
    let (meta, body) = match kind {
        TemplateKind::Email => {
            let out = client.get_email_template().template_name(name).set_version(v).send().await?;
            out.email_template_response().map(sdk::email)
        }
        TemplateKind::Sms => {
            let out = client.get_sms_template().template_name(name).set_version(v).send().await?;
            out.sms_template_response().map(sdk::sms)
        }
        TemplateKind::Push => {
            let out = client.get_push_template().template_name(name).set_version(v).send().await?;
            out.push_notification_template_response().map(sdk::push)
        }
        TemplateKind::Voice => {
            let out = client.get_voice_template().template_name(name).set_version(v).send().await?;
            out.voice_template_response().map(sdk::voice)
        }
        TemplateKind::InApp => {
            let out =
                client.get_in_app_template().template_name(name).set_version(v).send().await?;
            out.in_app_template_response().map(sdk::in_app)
        }
    }
    .ok_or_else(ApiError::empty_answer)?;
    Ok(LoadedTemplate { name: name.to_owned(), kind, meta, body })
}

/// Every version of a template (id, last change), newest first: the listing only.
pub(super) async fn listed_versions(
    client: &Client,
    kind: TemplateKind,
    name: &str,
) -> Result<Vec<(String, String)>, ApiError> {
    let mut listed: Vec<(String, String)> = all_pages(|token| async move {
        let out = client
            .list_template_versions()
            .template_name(name)
            .template_type(kind.type_name())
            .page_size("100")
            .set_next_token(token)
            .send()
            .await?;
        let page = out.template_versions_response();
        let items = page.map(|p| {
            p.item()
                .iter()
                .map(|v| {
                    let text = |t: Option<&str>| t.unwrap_or_default().to_owned();
                    (text(v.version()), text(v.last_modified_date()))
                })
                .collect()
        });
        Ok((items.unwrap_or_default(), page.and_then(|p| p.next_token()).map(str::to_owned)))
    })
    .await?;
    listed.sort_by_key(|(version, _)| std::cmp::Reverse(version.parse::<u64>().unwrap_or(0)));
    Ok(listed)
}

/// Every version of a template with its body, newest first. ListTemplateVersions carries no
/// body, so each version is read (GetXTemplate with `version`); only the Versions tab asks.
pub async fn versions(
    client: &Client,
    kind: TemplateKind,
    name: &str,
) -> Result<Vec<TemplateVersion>, ApiError> {
    let listed = listed_versions(client, kind, name).await?;
    let mut out = Vec::with_capacity(listed.len());
    for (version, last_modified) in listed {
        let body = get(client, kind, name, Some(&version)).await?.body;
        out.push(TemplateVersion { version, last_modified, body });
    }
    Ok(out)
}
