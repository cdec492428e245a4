//! RemoveAttributes: removes custom attributes, metrics or user attributes, named exactly or
//! by a glob pattern, from every endpoint of a project in one transaction. Only the endpoints
//! that held a removed name are rewritten (so a durable store writes only their rows), and the
//! `/_mock/` values the console suggests, read from the endpoints, lose them too.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use super::{Backend, MockError, MockResult};
use crate::mock::compact::{Shared, SmallMap, Text};
use crate::mock::wire::{Endpoint, StringLists};

/// The attribute types RemoveAttributes takes in its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttributeType {
    /// `endpoint-custom-attributes`: an endpoint's `Attributes`.
    Custom,
    /// `endpoint-metric-attributes`: an endpoint's `Metrics`.
    Metric,
    /// `endpoint-user-attributes`: an endpoint's `User.UserAttributes`.
    User,
}

impl AttributeType {
    /// The type named in the path; 400 for any other name.
    pub fn parse(name: &str) -> MockResult<Self> {
        match name {
            "endpoint-custom-attributes" => Ok(Self::Custom),
            "endpoint-metric-attributes" => Ok(Self::Metric),
            "endpoint-user-attributes" => Ok(Self::User),
            other => Err(MockError::bad_request(format!(
                "Invalid attribute type: {other}. Valid values are endpoint-custom-attributes, \
                 endpoint-metric-attributes and endpoint-user-attributes"
            ))),
        }
    }

    /// The name as the path and the response spell it.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Custom => "endpoint-custom-attributes",
            Self::Metric => "endpoint-metric-attributes",
            Self::User => "endpoint-user-attributes",
        }
    }

    /// The names of this type an endpoint holds.
    fn names(self, endpoint: &Endpoint) -> Vec<&str> {
        match self {
            Self::Custom => lists_keys(endpoint.attributes.as_deref()),
            Self::User => {
                lists_keys(endpoint.user.as_ref().and_then(|u| u.user_attributes.as_deref()))
            }
            Self::Metric => {
                endpoint.metrics.iter().flat_map(SmallMap::keys).map(Text::as_str).collect()
            }
        }
    }

    /// Drops the names `removed` admits from an endpoint; an emptied map is dropped whole.
    fn strip(self, endpoint: &mut Endpoint, removed: &dyn Fn(&str) -> bool) {
        let keep_lists = |lists: &Shared<StringLists>| -> Option<Shared<StringLists>> {
            let kept: StringLists = lists
                .iter()
                .filter(|(k, _)| !removed(k))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            (!kept.is_empty()).then(|| Shared::new(kept))
        };
        match self {
            Self::Custom => endpoint.attributes = endpoint.attributes.as_ref().and_then(keep_lists),
            Self::User => {
                if let Some(user) = endpoint.user.as_mut() {
                    user.user_attributes = user.user_attributes.as_ref().and_then(keep_lists);
                }
            }
            Self::Metric => {
                endpoint.metrics = endpoint.metrics.as_ref().and_then(|metrics| {
                    let kept: SmallMap<Text, f64> = metrics
                        .iter()
                        .filter(|(k, _)| !removed(k))
                        .map(|(k, v)| (k.clone(), *v))
                        .collect();
                    (!kept.is_empty()).then_some(kept)
                });
            }
        }
    }
}

fn lists_keys(lists: Option<&StringLists>) -> Vec<&str> {
    lists.into_iter().flat_map(SmallMap::keys).map(Text::as_str).collect()
}

/// True when `name` matches the glob `pattern`: `*` stands for any run of characters
/// (none included), `?` for one; every other character stands for itself.
#[must_use]
pub fn glob_matches(pattern: &str, name: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    let name: Vec<char> = name.chars().collect();
    // Iterative matching with one backtrack point (the last `*`): linear in practice, and
    // never exponential on patterns such as `a*a*a*a*b`.
    let (mut p, mut n) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while n < name.len() {
        match pattern.get(p) {
            Some('*') => {
                star = Some((p, n));
                p += 1;
            }
            Some(&c) if c == '?' || c == name[n] => {
                p += 1;
                n += 1;
            }
            _ => match star {
                Some((sp, sn)) => {
                    p = sp + 1;
                    n = sn + 1;
                    star = Some((sp, sn + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&c| c == '*')
}

impl Backend {
    /// RemoveAttributes: removes the attributes `Blacklist` names (exactly or by glob) from
    /// every endpoint of the project; answers `AttributesResource` with the names removed.
    pub fn remove_attributes(
        &self,
        app_id: &str,
        attribute_type: &str,
        request: &Value,
    ) -> MockResult<Value> {
        let kind = AttributeType::parse(attribute_type)?;
        let patterns: Vec<&str> = request
            .get("Blacklist")
            .and_then(Value::as_array)
            .map(|items| items.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        if patterns.is_empty() {
            return Err(MockError::bad_request(
                "Blacklist must name at least one attribute to remove",
            ));
        }
        if let Some(blank) = patterns.iter().find(|p| p.trim().is_empty()) {
            return Err(MockError::bad_request(format!(
                "Blacklist contains an empty attribute name: '{blank}'"
            )));
        }
        let removed = |name: &str| patterns.iter().any(|p| glob_matches(p, name));
        self.with_app_mut(app_id, |app| {
            let mut names = BTreeSet::new();
            let touched: Vec<String> = app
                .endpoints
                .entries()
                .filter_map(|(id, endpoint)| {
                    let hit: Vec<&str> =
                        kind.names(endpoint).into_iter().filter(|n| removed(n)).collect();
                    names.extend(hit.iter().map(|n| (*n).to_owned()));
                    (!hit.is_empty()).then(|| id.to_owned())
                })
                .collect();
            for id in &touched {
                if let Some(endpoint) = app.endpoints.get_mut(id) {
                    kind.strip(endpoint, &removed);
                }
            }
            Ok(json!({
                "ApplicationId": app_id,
                "AttributeType": kind.name(),
                "Attributes": names,
            }))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::glob_matches;

    #[test]
    fn globs_match_as_the_shell_does() {
        assert!(glob_matches("plan", "plan"));
        assert!(!glob_matches("plan", "plans"));
        assert!(glob_matches("plan*", "plans"));
        assert!(glob_matches("*", ""));
        assert!(glob_matches("p?an", "plan"));
        assert!(glob_matches("a*b*c", "aXXbYYc"));
        assert!(!glob_matches("a*b*c", "aXXbYY"));
        assert!(!glob_matches(&"a*".repeat(20), &"a".repeat(19)));
    }
}
