//! Tags: TagResource, UntagResource, ListTagsForResource on the ARN of a project, campaign,
//! segment, journey or message template. A resource keeps its tags where its `Get*` reads them
//! (a project's in its resource, a campaign's or segment's in every stored version, a
//! journey's in its `JourneyResponse`, a template's in the template, not its versions), so the
//! `tags` of each `Get*` follow the tag operations. The ARN must be the resource's own, region
//! and account
//! included: an ARN of another region names another resource, as in the service.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::{Backend, MockError, MockResult, ProjectRecord};
use crate::mock::store::template_key;
use crate::pinpoint::template::TemplateKind;

/// Tags a resource takes at most (AWS's tagging rules).
pub const MAX_TAGS: usize = 50;
/// Characters in a tag key at most.
pub const MAX_TAG_KEY: usize = 128;
/// Characters in a tag value at most.
pub const MAX_TAG_VALUE: usize = 256;

/// A taggable resource, from its ARN.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Tagged {
    Project(String),
    /// A campaign or segment: its kind, project and id.
    Versioned(Versioned, String, String),
    /// A message template: its name and type.
    Template(String, TemplateKind),
    /// A journey: its project and id (a journey has one version).
    Journey(String, String),
}

/// The resources kept with every version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Versioned {
    Campaign,
    Segment,
}

/// The resource an ARN names, or 400 when the text is not a Pinpoint ARN of a taggable kind.
fn parse_arn(arn: &str) -> MockResult<Tagged> {
    let bad = || {
        MockError::bad_request(format!(
            "'{arn}' is not the ARN of a taggable Amazon Pinpoint resource \
             (arn:aws:mobiletargeting:REGION:ACCOUNT:apps/ID, …/campaigns/ID, …/segments/ID, \
             …/journeys/ID, …:templates/NAME/TYPE)"
        ))
    };
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let [prefix, _partition, service, _region, _account, resource] = parts[..] else {
        return Err(bad());
    };
    if prefix != "arn" || service != "mobiletargeting" {
        return Err(bad());
    }
    let path: Vec<&str> = resource.split('/').collect();
    let id = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    match path[..] {
        ["apps", app] => id(app).map(Tagged::Project),
        ["apps", app, "campaigns", campaign] => {
            id(app).zip(id(campaign)).map(|(a, c)| Tagged::Versioned(Versioned::Campaign, a, c))
        }
        ["apps", app, "segments", segment] => {
            id(app).zip(id(segment)).map(|(a, s)| Tagged::Versioned(Versioned::Segment, a, s))
        }
        ["templates", name, kind] => TemplateKind::from_name(kind)
            .filter(|k| k.type_name() == kind)
            .zip(id(name))
            .map(|(k, n)| Tagged::Template(n, k)),
        ["apps", app, "journeys", journey] => {
            id(app).zip(id(journey)).map(|(a, j)| Tagged::Journey(a, j))
        }
        _ => None,
    }
    .ok_or_else(bad)
}

/// Checks tags against AWS's tagging rules.
pub fn check_tags(tags: &BTreeMap<String, String>) -> MockResult<()> {
    if tags.len() > MAX_TAGS {
        return Err(MockError::bad_request(format!(
            "A resource takes at most {MAX_TAGS} tags; {} were given",
            tags.len()
        )));
    }
    for (key, value) in tags {
        if key.is_empty() || key.chars().count() > MAX_TAG_KEY {
            return Err(MockError::bad_request(format!(
                "Tag key '{key}' must be 1 to {MAX_TAG_KEY} characters long"
            )));
        }
        if key.to_ascii_lowercase().starts_with("aws:") {
            return Err(MockError::bad_request(format!(
                "Tag key '{key}' uses the prefix 'aws:', which is reserved for AWS"
            )));
        }
        if value.chars().count() > MAX_TAG_VALUE {
            return Err(MockError::bad_request(format!(
                "The value of tag '{key}' is longer than {MAX_TAG_VALUE} characters"
            )));
        }
    }
    Ok(())
}

/// Checks the `tags` member of a create or update request.
pub fn check_request_tags(request: &Value) -> MockResult<()> {
    check_tags(&tags_of(request))
}

fn arn_not_found(arn: &str) -> MockError {
    MockError::not_found(format!("Resource not found: {arn}"))
}

/// The tags of a stored resource value (its `tags` member).
fn tags_of(value: &Value) -> BTreeMap<String, String> {
    value
        .get("tags")
        .and_then(Value::as_object)
        .map(|tags| {
            tags.iter().filter_map(|(k, v)| v.as_str().map(|v| (k.clone(), v.to_owned()))).collect()
        })
        .unwrap_or_default()
}

/// Sets the `tags` member of every stored version (none when empty, as the service answers).
fn set_tags_of(versions: &mut [Value], tags: &BTreeMap<String, String>) {
    for version in versions {
        if let Value::Object(map) = version {
            if tags.is_empty() {
                map.remove("tags");
            } else {
                map.insert("tags".into(), json!(tags));
            }
        }
    }
}

/// The versions of the campaign or segment `id`.
fn versions<'a>(project: &'a ProjectRecord, kind: Versioned, id: &str) -> Option<&'a Vec<Value>> {
    match kind {
        Versioned::Campaign => project.campaigns.get(id),
        Versioned::Segment => project.segments.get(id),
    }
}

/// The latest version of a campaign or segment, when its ARN is `arn`.
fn latest<'a>(
    project: &'a ProjectRecord,
    kind: Versioned,
    id: &str,
    arn: &str,
) -> Option<&'a Value> {
    versions(project, kind, id)
        .and_then(|v| v.last())
        .filter(|latest| latest.get("Arn").and_then(Value::as_str) == Some(arn))
}

impl Backend {
    /// ListTagsForResource.
    pub fn list_tags(&self, arn: &str) -> MockResult<BTreeMap<String, String>> {
        match parse_arn(arn)? {
            Tagged::Project(app) => {
                let project = self.store.project(&app).filter(|p| p.arn == arn);
                project.map(|p| p.tags).ok_or_else(|| arn_not_found(arn))
            }
            Tagged::Versioned(kind, app, id) => {
                let found = self
                    .store
                    .read(&app, |project| latest(project, kind, &id, arn).map(tags_of))?;
                found.flatten().ok_or_else(|| arn_not_found(arn))
            }
            Tagged::Template(name, kind) => {
                if self.template_arn(&name, kind) != arn {
                    return Err(arn_not_found(arn));
                }
                let key = template_key(&name, kind.type_name());
                let found = self.store.read_acct(|account| {
                    account.templates.get(&key).map(|template| template.tags.clone())
                })?;
                found.ok_or_else(|| arn_not_found(arn))
            }
            Tagged::Journey(app, id) => {
                let own = self.journey_arn(&app, &id) == arn;
                let found = self
                    .store
                    .read(&app, |project| project.journeys.get(&id).filter(|_| own).map(tags_of))?;
                found.flatten().ok_or_else(|| arn_not_found(arn))
            }
        }
    }

    /// TagResource (`add`) and UntagResource (`remove`): changes the tags of one resource in
    /// one transaction.
    pub fn change_tags(
        &self,
        arn: &str,
        add: &BTreeMap<String, String>,
        remove: &[String],
    ) -> MockResult<()> {
        let change = |mut tags: BTreeMap<String, String>| -> MockResult<_> {
            tags.extend(add.iter().map(|(k, v)| (k.clone(), v.clone())));
            for key in remove {
                tags.remove(key);
            }
            check_tags(&tags)?;
            Ok(tags)
        };
        match parse_arn(arn)? {
            Tagged::Project(app) => {
                let mut project = self
                    .store
                    .project(&app)
                    .filter(|p| p.arn == arn)
                    .ok_or_else(|| arn_not_found(arn))?;
                project.tags = change(std::mem::take(&mut project.tags))?;
                if !self.store.update_project(project)? {
                    return Err(arn_not_found(arn));
                }
                Ok(())
            }
            Tagged::Versioned(kind, app, id) => {
                let changed = self.store.write(&app, |project| {
                    let current =
                        latest(project, kind, &id, arn).ok_or_else(|| arn_not_found(arn))?;
                    let tags = change(tags_of(current))?;
                    let all = match kind {
                        Versioned::Campaign => project.campaigns.get_mut(&id),
                        Versioned::Segment => project.segments.get_mut(&id),
                    };
                    set_tags_of(all.map_or(&mut [][..], Vec::as_mut_slice), &tags);
                    Ok(())
                })?;
                changed.unwrap_or_else(|| Err(arn_not_found(arn)))
            }
            Tagged::Template(name, kind) => {
                if self.template_arn(&name, kind) != arn {
                    return Err(arn_not_found(arn));
                }
                let key = template_key(&name, kind.type_name());
                self.store.write_acct(|account| {
                    let current = account.templates.get(&key).ok_or_else(|| arn_not_found(arn))?;
                    let tags = change(current.tags.clone())?;
                    if let Some(template) = account.templates.get_mut(&key) {
                        template.set_tags(tags);
                    }
                    Ok(())
                })?
            }
            Tagged::Journey(app, id) => {
                if self.journey_arn(&app, &id) != arn {
                    return Err(arn_not_found(arn));
                }
                let changed = self.store.write(&app, |project| {
                    let current = project.journeys.get(&id).ok_or_else(|| arn_not_found(arn))?;
                    let tags = change(tags_of(current))?;
                    let journey =
                        project.journeys.get_mut(&id).ok_or_else(|| arn_not_found(arn))?;
                    set_tags_of(std::slice::from_mut(journey), &tags);
                    Ok(())
                })?;
                changed.unwrap_or_else(|| Err(arn_not_found(arn)))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arns_name_their_resource() {
        let base = "arn:aws:mobiletargeting:us-east-1:000000000000:apps/a1";
        assert_eq!(parse_arn(base).ok(), Some(Tagged::Project("a1".into())));
        assert_eq!(
            parse_arn(&format!("{base}/campaigns/c1")).ok(),
            Some(Tagged::Versioned(Versioned::Campaign, "a1".into(), "c1".into()))
        );
        assert_eq!(
            parse_arn(&format!("{base}/segments/s1")).ok(),
            Some(Tagged::Versioned(Versioned::Segment, "a1".into(), "s1".into()))
        );
        assert_eq!(
            parse_arn("arn:aws:mobiletargeting:us-east-1:000000000000:templates/welcome/EMAIL")
                .ok(),
            Some(Tagged::Template("welcome".into(), TemplateKind::Email))
        );
        assert_eq!(
            parse_arn(&format!("{base}/journeys/j1")).ok(),
            Some(Tagged::Journey("a1".into(), "j1".into()))
        );
        for bad in [
            "arn:aws:mobiletargeting:us-east-1:000000000000:templates/welcome/email",
            "",
            "apps/a1",
            "arn:aws:s3:us-east-1:000000000000:apps/a1",
            "arn:aws:mobiletargeting:us-east-1:000000000000:apps/",
            "arn:aws:mobiletargeting:us-east-1:000000000000:apps/a1/endpoints/e1",
        ] {
            let error = parse_arn(bad).unwrap_err();
            assert_eq!(error.kind.type_name(), "BadRequestException", "{bad}");
        }
    }

    #[test]
    fn tags_follow_aws_rules() {
        let tags = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
            pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
        };
        assert!(check_tags(&tags(&[("team", "growth"), ("empty", "")])).is_ok());
        assert!(check_tags(&tags(&[("", "x")])).is_err());
        assert!(check_tags(&tags(&[("AWS:owner", "x")])).is_err());
        assert!(check_tags(&tags(&[(&"k".repeat(129), "x")])).is_err());
        assert!(check_tags(&tags(&[("k", &"v".repeat(257))])).is_err());
        let many: BTreeMap<String, String> =
            (0..51).map(|i| (format!("k{i}"), String::new())).collect();
        assert!(check_tags(&many).is_err());
    }
}
