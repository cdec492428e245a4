//! Message templates, recommender configurations and tags for the worker: ListTemplates (every
//! page, by prefix and type), Get/Create/Update/Delete of each kind, ListTemplateVersions with
//! each version's body, UpdateTemplateActiveVersion, GetRecommenderConfigurations, and the tag
//! operations on any ARN.

use std::collections::{BTreeMap, HashMap};

use aws_sdk_pinpoint::Client;
use aws_sdk_pinpoint::types::{TagsModel, TemplateActiveVersionRequest, TemplateResponse};
use serde_json::Value;

use super::paging::{all_pages, every_page};
use super::{ApiError, ApiResponse};
use crate::drafts::tags::TagChanges;
use crate::drafts::template::sdk::{self, TemplateMeta, TemplateRequest};
use crate::pinpoint::template::TemplateKind;

/// Message templates, recommenders and tags.
#[derive(Debug, Clone)]
pub enum TemplatesRequest {
    /// ListTemplates, every page.
    List {
        /// Only names starting with this (empty: all).
        prefix: String,
        /// Only this type.
        kind: Option<TemplateKind>,
    },
    /// Get<Kind>Template (the active version when no version is named).
    Get {
        /// The template.
        name: String,
        /// Its type.
        kind: TemplateKind,
        /// The version.
        version: Option<String>,
    },
    /// Create<Kind>Template, or Update<Kind>Template (a new version or the latest
    /// overwritten); answers the latest version as stored.
    Save {
        /// The template.
        name: String,
        /// Its type.
        kind: TemplateKind,
        /// The request body (`drafts::template::wire`).
        body: Value,
        /// Create rather than update.
        create: bool,
        /// Update as a new version (else the latest version is overwritten).
        new_version: bool,
    },
    /// Delete<Kind>Template (every version).
    Delete {
        /// The template.
        name: String,
        /// Its type.
        kind: TemplateKind,
    },
    /// ListTemplateVersions and each version's body.
    Versions {
        /// The template.
        name: String,
        /// Its type.
        kind: TemplateKind,
    },
    /// UpdateTemplateActiveVersion.
    SetActive {
        /// The template.
        name: String,
        /// Its type.
        kind: TemplateKind,
        /// The version to make active.
        version: String,
    },
    /// GetRecommenderConfigurations, every page.
    Recommenders,
    /// ListTagsForResource.
    Tags {
        /// The resource.
        arn: String,
    },
    /// TagResource and UntagResource with the difference, then ListTagsForResource.
    SaveTags {
        /// The resource.
        arn: String,
        /// What changes.
        changes: TagChanges,
    },
}

impl From<TemplatesRequest> for super::ApiRequest {
    fn from(request: TemplatesRequest) -> Self {
        Self::Templates(request)
    }
}

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

fn row(t: &TemplateResponse) -> Option<TemplateRow> {
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

async fn save(
    client: &Client,
    name: &str,
    request: TemplateRequest,
    create: bool,
    new_version: bool,
) -> Result<(), ApiError> {
    macro_rules! create_or_update {
        ($create:ident, $update:ident, $member:ident, $r:expr) => {
            if create {
                client.$create().template_name(name).$member($r).send().await.map(|_| ())?
            } else {
                client
                    .$update()
                    .template_name(name)
                    .create_new_version(new_version)
                    .$member($r)
                    .send()
                    .await
                    .map(|_| ())?
            }
        };
    }
    match request {
        TemplateRequest::Email(r) => {
            create_or_update!(
                create_email_template,
                update_email_template,
                email_template_request,
                r
            );
        }
        TemplateRequest::Sms(r) => {
            create_or_update!(create_sms_template, update_sms_template, sms_template_request, r);
        }
        TemplateRequest::Push(r) => create_or_update!(
            create_push_template,
            update_push_template,
            push_notification_template_request,
            r
        ),
        TemplateRequest::Voice(r) => {
            create_or_update!(
                create_voice_template,
                update_voice_template,
                voice_template_request,
                r
            );
        }
        TemplateRequest::InApp(r) => create_or_update!(
            create_in_app_template,
            update_in_app_template,
            in_app_template_request,
            r
        ),
    }
    Ok(())
}

async fn delete(client: &Client, kind: TemplateKind, name: &str) -> Result<(), ApiError> {
    match kind {
        TemplateKind::Email => {
            client.delete_email_template().template_name(name).send().await.map(|_| ())?;
        }
        TemplateKind::Sms => {
            client.delete_sms_template().template_name(name).send().await.map(|_| ())?;
        }
        TemplateKind::Push => {
            client.delete_push_template().template_name(name).send().await.map(|_| ())?;
        }
        TemplateKind::Voice => {
            client.delete_voice_template().template_name(name).send().await.map(|_| ())?;
        }
        TemplateKind::InApp => {
            client.delete_in_app_template().template_name(name).send().await.map(|_| ())?;
        }
    }
    Ok(())
}

/// Every version of a template (id, last change), newest first: the listing only.
async fn listed_versions(
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

async fn tags(client: &Client, arn: &str) -> Result<BTreeMap<String, String>, ApiError> {
    let out = client.list_tags_for_resource().resource_arn(arn).send().await?;
    let tags = out.tags_model().and_then(TagsModel::tags).into_iter().flatten();
    Ok(tags.map(|(k, v)| (k.clone(), v.clone())).collect())
}

/// Runs one templates request.
pub async fn call(client: &Client, request: TemplatesRequest) -> Result<ApiResponse, ApiError> {
    match request {
        TemplatesRequest::List { prefix, kind } => {
            let prefix = Some(prefix.trim()).filter(|p| !p.is_empty());
            let kind = kind.map(TemplateKind::type_name);
            let rows: Vec<TemplateRow> = all_pages(|token| async move {
                let out = client
                    .list_templates()
                    .set_prefix(prefix.map(str::to_owned))
                    .set_template_type(kind.map(str::to_owned))
                    .page_size("100")
                    .set_next_token(token)
                    .send()
                    .await?;
                let page = out.templates_response();
                let items = page.map(|p| p.item().iter().filter_map(row).collect());
                Ok((
                    items.unwrap_or_default(),
                    page.and_then(|p| p.next_token()).map(str::to_owned),
                ))
            })
            .await?;
            Ok(ApiResponse::Templates(rows))
        }
        TemplatesRequest::Get { name, kind, version } => {
            let loaded = get(client, kind, &name, version.as_deref()).await?;
            Ok(ApiResponse::Template(Box::new(loaded)))
        }
        TemplatesRequest::Save { name, kind, body, create, new_version } => {
            save(client, &name, sdk::request(kind, &body, None), create, new_version).await?;
            // The latest version is the one just written (the active one may be older).
            let latest =
                listed_versions(client, kind, &name).await?.into_iter().next().map(|v| v.0);
            let loaded = get(client, kind, &name, latest.as_deref()).await?;
            Ok(ApiResponse::TemplateSaved(Box::new(loaded)))
        }
        TemplatesRequest::Delete { name, kind } => {
            delete(client, kind, &name).await?;
            Ok(ApiResponse::TemplateDeleted { name, kind })
        }
        TemplatesRequest::Versions { name, kind } => {
            let versions = versions(client, kind, &name).await?;
            Ok(ApiResponse::TemplateVersions { name, kind, versions })
        }
        TemplatesRequest::SetActive { name, kind, version } => {
            client
                .update_template_active_version()
                .template_name(&name)
                .template_type(kind.type_name())
                .template_active_version_request(
                    TemplateActiveVersionRequest::builder().version(&version).build(),
                )
                .send()
                .await?;
            Ok(ApiResponse::ActiveVersionSet { name, kind, version })
        }
        TemplatesRequest::Recommenders => {
            let all = every_page!(
                client.get_recommender_configurations(),
                list_recommender_configurations_response,
                |r| (
                    r.id().unwrap_or_default().to_owned(),
                    r.name().unwrap_or_default().to_owned()
                )
            )
            .await?;
            Ok(ApiResponse::Recommenders(all))
        }
        TemplatesRequest::Tags { arn } => {
            let tags = tags(client, &arn).await?;
            Ok(ApiResponse::Tags { arn, tags })
        }
        TemplatesRequest::SaveTags { arn, changes } => {
            if !changes.set.is_empty() {
                let set: HashMap<String, String> = changes.set;
                client
                    .tag_resource()
                    .resource_arn(&arn)
                    .tags_model(TagsModel::builder().set_tags(Some(set)).build())
                    .send()
                    .await?;
            }
            if !changes.remove.is_empty() {
                client
                    .untag_resource()
                    .resource_arn(&arn)
                    .set_tag_keys(Some(changes.remove))
                    .send()
                    .await?;
            }
            let tags = tags(client, &arn).await?;
            Ok(ApiResponse::Tags { arn, tags })
        }
    }
}
