//! Message templates, recommender configurations and tags for the worker: ListTemplates (every
//! page, by prefix and type), Get/Create/Update/Delete of each kind, ListTemplateVersions with
//! each version's body, UpdateTemplateActiveVersion, GetRecommenderConfigurations, and the tag
//! operations on any ARN.
//!
//! `read` gets a version, the list's rows and every version with its body; `write` creates,
//! updates and deletes; this file holds the request and runs it.

mod read;
mod write;

pub use read::{LoadedTemplate, TemplateRow, TemplateVersion, get, versions};

use std::collections::{BTreeMap, HashMap};

use aws_sdk_pinpoint::Client;
use aws_sdk_pinpoint::types::{TagsModel, TemplateActiveVersionRequest};
use serde_json::Value;

use super::paging::{all_pages, every_page};
use super::{ApiError, ApiResponse};
use crate::drafts::tags::TagChanges;
use crate::drafts::template::sdk;
use crate::pinpoint::template::TemplateKind;
use read::{listed_versions, row};
use write::{delete, save};

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
