//! The Pinpoint service model (the JSON the SDK is generated from), loaded once, and a
//! validator that checks a request body against its input shape: required members, JSON
//! types and enum values, naming the member that is wrong. The model is the single source of
//! truth for the wire, so the rules are never typed twice.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;
use serde_json::Value;

use super::error::{MockError, MockResult};

/// The service model as shipped in `assets/` (copied from the model the SDK is built from).
const MODEL_JSON: &str = include_str!("../../assets/pinpoint-2016-12-01.service-model.json");

/// The operations the mock serves, one name a line (`assets/operations.tsv`); their method,
/// path and success status come from the model, so nothing is written twice.
const SERVED: &str = include_str!("../../assets/operations.tsv");

/// The names of the operations the mock serves, in the README's order.
pub fn served_operations() -> impl Iterator<Item = &'static str> {
    SERVED.lines().map(str::trim).filter(|l| !l.is_empty())
}

/// One shape of the model, reduced to what validation needs.
#[derive(Debug, Deserialize)]
pub struct Shape {
    /// `structure`, `list`, `map`, `string`, `integer`, `long`, `double`, `boolean`,
    /// `timestamp` or `blob`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Members of a structure, by wire name.
    #[serde(default)]
    pub members: HashMap<String, MemberRef>,
    /// Required members of a structure.
    #[serde(default)]
    pub required: Vec<String>,
    /// Allowed values of an enum string.
    #[serde(rename = "enum")]
    pub values: Option<Vec<String>>,
    /// The member that is the whole HTTP body, for operation inputs.
    pub payload: Option<String>,
    /// Element shape of a list.
    pub member: Option<MemberRef>,
    /// Value shape of a map.
    pub value: Option<MemberRef>,
}

/// A reference from a member to its shape.
#[derive(Debug, Deserialize)]
pub struct MemberRef {
    /// The shape name.
    pub shape: String,
    /// `uri`, `querystring` or `header` for members outside the body.
    pub location: Option<String>,
    /// The wire name where it differs from the member name.
    #[serde(rename = "locationName")]
    pub location_name: Option<String>,
}

/// One operation's HTTP binding and shapes.
#[derive(Debug, Deserialize)]
pub struct Operation {
    /// The operation name, e.g. `GetApps`.
    pub name: String,
    /// Method and URI template.
    pub http: Http,
    /// The input shape.
    pub input: Option<ShapeRef>,
    /// The output shape.
    pub output: Option<ShapeRef>,
}

/// The HTTP binding of an operation.
#[derive(Debug, Deserialize)]
pub struct Http {
    /// `GET`, `POST`, `PUT` or `DELETE`.
    pub method: String,
    /// The URI template, e.g. `/v1/apps/{application-id}`.
    #[serde(rename = "requestUri")]
    pub request_uri: String,
    /// The success status.
    #[serde(rename = "responseCode")]
    pub response_code: Option<u16>,
}

/// A bare shape reference.
#[derive(Debug, Deserialize)]
pub struct ShapeRef {
    /// The shape name.
    pub shape: String,
}

/// The parts of the model the mock uses.
#[derive(Debug, Deserialize)]
pub struct ServiceModel {
    /// Operations by name.
    pub operations: HashMap<String, Operation>,
    /// Shapes by name.
    pub shapes: HashMap<String, Shape>,
}

static MODEL: LazyLock<ServiceModel> = LazyLock::new(|| {
    // The model is compiled in and checked by the test suite, so a parse failure is a build bug.
    #[allow(clippy::expect_used)]
    serde_json::from_str(MODEL_JSON).expect("the embedded service model is valid JSON")
});

/// The service model, parsed on first use.
#[must_use]
pub fn model() -> &'static ServiceModel {
    &MODEL
}

impl ServiceModel {
    /// The body shape of an operation's input (its payload member's shape), if it has a body.
    #[must_use]
    pub fn body_shape(&self, operation: &str) -> Option<&str> {
        let input = self.shapes.get(&self.operations.get(operation)?.input.as_ref()?.shape)?;
        let payload = input.payload.as_ref()?;
        Some(input.members.get(payload)?.shape.as_str())
    }

    /// The response body shape of an operation (its output's payload member's shape).
    #[must_use]
    pub fn response_shape(&self, operation: &str) -> Option<&str> {
        let output = self.shapes.get(&self.operations.get(operation)?.output.as_ref()?.shape)?;
        let payload = output.payload.as_ref()?;
        Some(output.members.get(payload)?.shape.as_str())
    }

    /// The served operation a request is for: the one whose method matches and whose URI
    /// template matches the path segment by segment (`{name}` matches any one segment), the
    /// most literal template winning (`/channels/sms` over `/campaigns/{campaign-id}`).
    #[must_use]
    pub fn operation_at(&self, method: &str, path: &str) -> Option<&'static str> {
        let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
        served_operations()
            .filter_map(|name| {
                let http = &self.operations.get(name)?.http;
                if !http.method.eq_ignore_ascii_case(method) {
                    return None;
                }
                let template: Vec<&str> = http.request_uri.split('/').collect();
                if template.len() != segments.len() {
                    return None;
                }
                let mut literal = 0;
                for (want, have) in template.iter().zip(&segments) {
                    if want.starts_with('{') {
                        if have.is_empty() {
                            return None;
                        }
                    } else if want == have {
                        literal += 1;
                    } else {
                        return None;
                    }
                }
                Some((literal, name))
            })
            .max_by_key(|(literal, _)| *literal)
            .map(|(_, name)| name)
    }

    /// Checks `value` against `shape`, returning a 400 that names the first member at fault.
    pub fn validate(&self, shape: &str, value: &Value) -> MockResult<()> {
        if value.is_null() {
            return Err(MockError::bad_request(format!("A {shape} body is required, not null")));
        }
        self.check(shape, value, "").map_err(MockError::bad_request)
    }

    /// Keeps only what `shape` declares, recursively: members a shape does not have (such as
    /// the secrets of a channel request, absent from its response shape) never reach the wire.
    #[must_use]
    pub fn project(&self, shape_name: &str, value: &Value) -> Value {
        let Some(shape) = self.shapes.get(shape_name) else {
            return value.clone();
        };
        match (shape.kind.as_str(), value) {
            ("structure", Value::Object(map)) => Value::Object(
                shape
                    .members
                    .iter()
                    .filter(|(_, m)| m.location.is_none())
                    .filter_map(|(name, member)| {
                        let wire = member.location_name.as_deref().unwrap_or(name);
                        let v = map.get(wire).filter(|v| !v.is_null())?;
                        Some((wire.to_owned(), self.project(&member.shape, v)))
                    })
                    .collect(),
            ),
            ("list", Value::Array(items)) => match &shape.member {
                Some(m) => Value::Array(items.iter().map(|i| self.project(&m.shape, i)).collect()),
                None => value.clone(),
            },
            ("map", Value::Object(map)) => match &shape.value {
                Some(m) => Value::Object(
                    map.iter().map(|(k, v)| (k.clone(), self.project(&m.shape, v))).collect(),
                ),
                None => value.clone(),
            },
            _ => value.clone(),
        }
    }

    fn check(&self, shape_name: &str, value: &Value, path: &str) -> Result<(), String> {
        let Some(shape) = self.shapes.get(shape_name) else {
            return Ok(());
        };
        let what = if path.is_empty() { "The request body".to_owned() } else { path.to_owned() };
        if value.is_null() {
            // JSON null reads as "absent" for the SDKs; required checks happen one level up.
            return Ok(());
        }
        match shape.kind.as_str() {
            "structure" => {
                let Value::Object(map) = value else {
                    return Err(format!("{what} must be a JSON object"));
                };
                for name in &shape.required {
                    let wire = wire_name(shape, name);
                    if shape.members[name].location.is_none()
                        && map.get(wire).is_none_or(Value::is_null)
                    {
                        return Err(format!("{} is required", join(path, wire)));
                    }
                }
                for (name, member) in &shape.members {
                    let wire = member.location_name.as_deref().unwrap_or(name);
                    if let Some(v) = map.get(wire) {
                        self.check(&member.shape, v, &join(path, wire))?;
                    }
                }
                Ok(())
            }
            "list" => {
                let Value::Array(items) = value else {
                    return Err(format!("{what} must be a list"));
                };
                let Some(member) = &shape.member else { return Ok(()) };
                for (i, item) in items.iter().enumerate() {
                    self.check(&member.shape, item, &format!("{what}[{i}]"))?;
                }
                Ok(())
            }
            "map" => {
                let Value::Object(map) = value else {
                    return Err(format!("{what} must be a JSON object (a map)"));
                };
                let Some(member) = &shape.value else { return Ok(()) };
                for (key, v) in map {
                    self.check(&member.shape, v, &format!("{what}.{key}"))?;
                }
                Ok(())
            }
            "string" => {
                let Value::String(s) = value else {
                    return Err(format!("{what} must be a string"));
                };
                match &shape.values {
                    Some(allowed) if !allowed.iter().any(|a| a == s) => Err(format!(
                        "{what} has the value '{s}', which is not one of: {}",
                        allowed.join(", ")
                    )),
                    _ => Ok(()),
                }
            }
            "integer" | "long" => match value {
                Value::Number(n) if n.is_i64() || n.is_u64() => {
                    if shape.kind == "integer"
                        && n.as_i64().and_then(|v| i32::try_from(v).ok()).is_none()
                    {
                        Err(format!("{what} is out of range for a 32-bit integer"))
                    } else {
                        Ok(())
                    }
                }
                _ => Err(format!("{what} must be a whole number")),
            },
            "double" => match value {
                Value::Number(_) => Ok(()),
                _ => Err(format!("{what} must be a number")),
            },
            "boolean" => match value {
                Value::Bool(_) => Ok(()),
                _ => Err(format!("{what} must be true or false")),
            },
            "timestamp" | "blob" => match value {
                Value::String(_) => Ok(()),
                _ => Err(format!("{what} must be a string")),
            },
            _ => Ok(()),
        }
    }
}

fn wire_name<'a>(shape: &'a Shape, member: &'a str) -> &'a str {
    shape.members.get(member).and_then(|m| m.location_name.as_deref()).unwrap_or(member)
}

fn join(path: &str, member: &str) -> String {
    if path.is_empty() { member.to_owned() } else { format!("{path}.{member}") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn requests_map_to_their_operation() {
        let m = model();
        assert_eq!(m.operation_at("GET", "/v1/apps/abc/channels/sms"), Some("GetSmsChannel"));
        assert_eq!(m.operation_at("get", "/v1/apps/abc"), Some("GetApp"));
        assert_eq!(m.operation_at("DELETE", "/v1/apps/a/users/u"), Some("DeleteUserEndpoints"));
        assert_eq!(m.operation_at("PATCH", "/v1/apps/abc"), None);
        assert_eq!(m.operation_at("GET", "/_mock/outbox"), None);
        assert_eq!(served_operations().count(), 74);
        assert_eq!(m.response_shape("CreateApp"), Some("ApplicationResponse"));
    }

    #[test]
    fn body_shapes_come_from_the_payload_member() {
        assert_eq!(model().body_shape("CreateApp"), Some("CreateApplicationRequest"));
        assert_eq!(
            model().body_shape("UpdateApplicationSettings"),
            Some("WriteApplicationSettingsRequest")
        );
        assert_eq!(model().body_shape("GetApps"), None);
    }

    #[test]
    fn projection_drops_members_the_shape_lacks() {
        let stored =
            json!({"ClientId": "id", "ClientSecret": "secret", "Enabled": true, "Platform": "ADM"});
        let shown = model().project("ADMChannelResponse", &stored);
        assert_eq!(shown, json!({"Enabled": true, "Platform": "ADM"}));
    }

    #[test]
    fn validation_names_the_member_at_fault() {
        let m = model();
        let err = m.validate("CreateApplicationRequest", &json!({})).unwrap_err();
        assert_eq!(err.message, "Name is required");
        let err = m.validate("CreateApplicationRequest", &json!({"Name": 3})).unwrap_err();
        assert_eq!(err.message, "Name must be a string");
        let err = m
            .validate("WriteApplicationSettingsRequest", &json!({"Limits": {"Daily": "x"}}))
            .unwrap_err();
        assert_eq!(err.message, "Limits.Daily must be a whole number");
        let err = m
            .validate("WriteApplicationSettingsRequest", &json!({"CampaignHook": {"Mode": "NOPE"}}))
            .unwrap_err();
        assert!(
            err.message.starts_with("CampaignHook.Mode has the value 'NOPE'"),
            "{}",
            err.message
        );
        m.validate("CreateApplicationRequest", &json!({"Name": "a", "tags": {"k": "v"}})).unwrap();
    }
}
