//! Recommender model configurations (`/v1/recommenders`): create, get, list, update (a full
//! replace of the writable members), delete. The rules are the API reference's for
//! `CreateRecommenderConfiguration`:
//!
//! - `RecommendationProviderUri` is an Amazon Personalize campaign ARN and
//!   `RecommendationProviderRoleArn` an IAM role ARN;
//! - `RecommendationProviderIdType` is `PINPOINT_ENDPOINT_ID` (the default) or
//!   `PINPOINT_USER_ID`; `RecommendationsPerMessage` is 1–5 (default 5);
//! - `RecommendationTransformerUri` is a Lambda function name or ARN. With it, `Attributes`
//!   (1–10 attribute names, each up to 50 letters, digits, `_` or `-`, optionally written
//!   `Recommendations.Name`, with display names of up to 25 characters) is required; without
//!   it, `Attributes` is refused and `RecommendationsDisplayName` (up to 25 characters) is
//!   required;
//! - `Name` has up to 128 letters, digits, spaces, `_` or `-`; `Description` up to 128
//!   characters.
//!
//! The mock cannot call Amazon Personalize or Lambda: a configuration is stored and answered,
//! and a template that names one renders with the endpoint's attributes only.

use serde_json::{Map, Value, json};

use super::{Backend, MockError, MockResult, new_id};
use crate::mock::model::model;
use crate::mock::store::PageRequest;
use crate::pinpoint::rules;

fn bad(message: impl Into<String>) -> MockError {
    MockError::bad_request(message.into())
}

fn not_found() -> MockError {
    MockError::not_found("Resource not found")
}

/// Text that starts with a letter or digit, has at most `max` characters, each a letter, a
/// digit or one of `extra`.
fn plain(text: &str, max: usize, extra: &[char]) -> bool {
    text.chars().next().is_some_and(char::is_alphanumeric)
        && text.chars().count() <= max
        && text.chars().all(|c| c.is_alphanumeric() || extra.contains(&c))
}

fn text<'a>(request: &'a Value, member: &str) -> Option<&'a str> {
    request.get(member).and_then(Value::as_str)
}

fn check_arns(request: &Value) -> MockResult<()> {
    let uri = text(request, "RecommendationProviderUri").unwrap_or_default();
    let parts: Vec<&str> = uri.splitn(6, ':').collect();
    let personalize = parts.len() == 6
        && parts[..3] == ["arn", "aws", "personalize"]
        && parts[5].strip_prefix("campaign/").is_some_and(|name| !name.is_empty());
    if !personalize {
        return Err(bad(format!(
            "RecommendationProviderUri '{uri}' is not the ARN of an Amazon Personalize campaign \
             (arn:aws:personalize:region:account:campaign/name)"
        )));
    }
    let role = text(request, "RecommendationProviderRoleArn").unwrap_or_default();
    let parts: Vec<&str> = role.splitn(6, ':').collect();
    let is_role = parts.len() == 6
        && parts[..3] == ["arn", "aws", "iam"]
        && parts[5].strip_prefix("role/").is_some_and(|name| !name.is_empty());
    if !is_role {
        return Err(bad(format!(
            "RecommendationProviderRoleArn '{role}' is not the ARN of an IAM role"
        )));
    }
    if let Some(transformer) = text(request, "RecommendationTransformerUri") {
        rules::lambda_function_name("RecommendationTransformerUri", transformer)
            .map_err(MockError::bad_request)?;
    }
    Ok(())
}

fn check_attributes(request: &Value, transformer: bool) -> MockResult<()> {
    let attributes = request.get("Attributes").and_then(Value::as_object);
    if !transformer {
        if attributes.is_some_and(|a| !a.is_empty()) {
            return Err(bad("Attributes is for a configuration that invokes a Lambda function \
                 (RecommendationTransformerUri); leave it out otherwise"));
        }
        return Ok(());
    }
    let attributes = attributes.filter(|a| !a.is_empty()).ok_or_else(|| {
        bad("Attributes is required with RecommendationTransformerUri: 1 to 10 attributes")
    })?;
    if attributes.len() > 10 {
        return Err(bad(format!("Attributes has {} attributes; at most 10", attributes.len())));
    }
    for (name, display) in attributes {
        let bare = name.strip_prefix("Recommendations.").unwrap_or(name);
        if !plain(bare, 50, &['_', '-']) || !bare.is_ascii() {
            return Err(bad(format!(
                "Attribute name '{name}' must start with a letter or number and have at most 50 \
                 letters, numbers, underscores (_) or hyphens (-)"
            )));
        }
        let display = display.as_str().unwrap_or_default();
        if !plain(display, 25, &[' ', '_', '-']) {
            return Err(bad(format!(
                "The display name of attribute '{name}' must start with a letter or number and \
                 have at most 25 letters, numbers, spaces, underscores (_) or hyphens (-)"
            )));
        }
    }
    Ok(())
}

/// Every rule of a create or update request.
fn check(request: &Value) -> MockResult<()> {
    check_arns(request)?;
    let transformer = text(request, "RecommendationTransformerUri").is_some_and(|t| !t.is_empty());
    check_attributes(request, transformer)?;
    match text(request, "RecommendationProviderIdType") {
        None | Some("PINPOINT_ENDPOINT_ID" | "PINPOINT_USER_ID") => {}
        Some(other) => {
            return Err(bad(format!(
                "RecommendationProviderIdType '{other}' is not one of PINPOINT_ENDPOINT_ID, \
                 PINPOINT_USER_ID"
            )));
        }
    }
    if let Some(n) = request.get("RecommendationsPerMessage").and_then(Value::as_i64)
        && !(1..=5).contains(&n)
    {
        return Err(bad(format!("RecommendationsPerMessage must be from 1 to 5 (got {n})")));
    }
    match text(request, "RecommendationsDisplayName") {
        Some(display) if !plain(display, 25, &[' ', '_', '-']) => {
            return Err(bad(format!(
                "RecommendationsDisplayName '{display}' must start with a letter or number and \
                 have at most 25 letters, numbers, spaces, underscores (_) or hyphens (-)"
            )));
        }
        None if !transformer => {
            return Err(bad(
                "RecommendationsDisplayName is required when the configuration does not invoke \
                 a Lambda function (RecommendationTransformerUri)",
            ));
        }
        _ => {}
    }
    if let Some(name) = text(request, "Name")
        && !plain(name, 128, &[' ', '_', '-'])
    {
        return Err(bad(format!(
            "Name '{name}' must start with a letter or number and have at most 128 letters, \
             numbers, spaces, underscores (_) or hyphens (-)"
        )));
    }
    if let Some(description) = text(request, "Description")
        && description.chars().count() > 128
    {
        return Err(bad("Description must have at most 128 characters"));
    }
    Ok(())
}

/// The stored configuration: the request's members, the defaults, and the server's members.
fn build(request: &Value, id: &str, created: &str, now: &str) -> Value {
    let mut config = match request {
        Value::Object(map) => map.clone(),
        _ => Map::new(),
    };
    config.entry("RecommendationProviderIdType").or_insert_with(|| json!("PINPOINT_ENDPOINT_ID"));
    config.entry("RecommendationsPerMessage").or_insert_with(|| json!(5));
    config.insert("Id".into(), json!(id));
    config.insert("CreationDate".into(), json!(created));
    config.insert("LastModifiedDate".into(), json!(now));
    model().project("RecommenderConfigurationResponse", &Value::Object(config))
}

impl Backend {
    /// CreateRecommenderConfiguration.
    pub fn create_recommender(&self, request: &Value) -> MockResult<Value> {
        check(request)?;
        let now = self.now();
        let config = build(request, &new_id(), &now, &now);
        let id = config["Id"].as_str().unwrap_or_default().to_owned();
        self.store.write_acct(|account| {
            account.recommenders.insert(&id, config.clone());
            Ok::<_, MockError>(config)
        })?
    }

    /// GetRecommenderConfiguration.
    pub fn get_recommender(&self, id: &str) -> MockResult<Value> {
        self.store.read_acct(|account| account.recommenders.get(id).cloned())?.ok_or_else(not_found)
    }

    /// GetRecommenderConfigurations: one page, oldest first.
    pub fn list_recommenders(&self, page: PageRequest) -> MockResult<Value> {
        Ok(self.store.read_acct(|account| {
            let (items, next) = account.recommenders.page(page);
            let mut body = json!({ "Item": items });
            if let Some(token) = next {
                body["NextToken"] = json!(token);
            }
            body
        })?)
    }

    /// UpdateRecommenderConfiguration: replaces every writable member.
    pub fn update_recommender(&self, id: &str, request: &Value) -> MockResult<Value> {
        check(request)?;
        let now = self.now();
        self.store.write_acct(|account| {
            let created = account
                .recommenders
                .get(id)
                .ok_or_else(not_found)?
                .get("CreationDate")
                .and_then(Value::as_str)
                .unwrap_or(&now)
                .to_owned();
            let config = build(request, id, &created, &now);
            account.recommenders.insert(id, config.clone());
            Ok(config)
        })?
    }

    /// DeleteRecommenderConfiguration: the configuration as it was.
    pub fn delete_recommender(&self, id: &str) -> MockResult<Value> {
        self.store.write_acct(|account| account.recommenders.remove(id).ok_or_else(not_found))?
    }
}
