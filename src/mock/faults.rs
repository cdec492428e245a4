//! Fault injection, so a client's tests can see how it copes with the errors the real
//! service sends and the mock never would on its own: 403 `ForbiddenException`, 429
//! `TooManyRequestsException`, 500 `InternalServerErrorException`, a 503 from the front end,
//! and the other error types. `POST /_mock/faults` adds a rule; the next `Count` requests it
//! matches fail with its error (rendered like every other error: status, `x-amzn-ErrorType`,
//! `{"Message", "RequestID"}`); `DELETE /_mock/faults` clears every rule; `GET` lists them.
//!
//! A rule body: `{"Operation": "GetApp"}` (one of the served operations, matched by method
//! and path through the service model) or `{"PathPrefix": "/v1/apps/ID"}`, then `"Status"`
//! (403, 429, 500, 503, …) and/or `"ErrorType"` (`TooManyRequestsException`, …), which must
//! agree when both are given, an optional `"Count"` (requests to fail, default 1) and an
//! optional `"Message"`. Requests to `/_mock/faults` itself are never failed, so a rule can
//! always be cleared.

use std::sync::{Mutex, PoisonError};

use serde_json::{Value, json};

use super::error::{ErrorKind, MockError, MockResult};
use super::model::{model, served_operations};

/// The path of the switch itself (never failed).
pub const FAULTS_PATH: &str = "/_mock/faults";

/// Most requests one rule fails.
pub const MAX_COUNT: u64 = 1_000_000;

/// Which requests a rule fails.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Requests for this operation (by method and path template).
    Operation(String),
    /// Requests whose path starts with this.
    PathPrefix(String),
}

/// One rule: which requests, which error, how many more times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaultRule {
    /// Which requests.
    pub target: Target,
    /// The error they get.
    pub kind: ErrorKind,
    /// The error's message.
    pub message: String,
    /// Requests still to fail.
    pub remaining: u64,
}

impl FaultRule {
    /// Reads a rule from a `POST /_mock/faults` body; 400 naming what is wrong.
    pub fn parse(body: &Value) -> MockResult<Self> {
        let bad = |m: String| Err(MockError::bad_request(m));
        let text = |key: &str| body.get(key).and_then(Value::as_str).map(str::to_owned);
        let target = match (text("Operation"), text("PathPrefix")) {
            (Some(op), None) if served_operations().any(|name| name == op) => Target::Operation(op),
            (Some(op), None) => return bad(format!("Operation '{op}' is not a served operation")),
            (None, Some(prefix)) if prefix.starts_with('/') => Target::PathPrefix(prefix),
            (None, Some(prefix)) => return bad(format!("PathPrefix '{prefix}' must start with /")),
            _ => return bad("Give exactly one of Operation and PathPrefix".to_owned()),
        };
        let by_status = match body.get("Status") {
            None => None,
            Some(v) => match v.as_u64().and_then(|s| u16::try_from(s).ok()) {
                Some(s) => match ErrorKind::from_status(s) {
                    Some(kind) => Some(kind),
                    None => return bad(format!("Status {s} is not one the mock can answer")),
                },
                None => return bad("Status must be an HTTP status number".to_owned()),
            },
        };
        let by_name = match text("ErrorType") {
            None => None,
            Some(name) => match ErrorKind::from_type_name(&name) {
                Some(kind) => Some(kind),
                None => return bad(format!("ErrorType '{name}' is not one the mock knows")),
            },
        };
        let kind = match (by_status, by_name) {
            (Some(a), Some(b)) if a != b => {
                return bad(format!(
                    "Status {} is answered with {}, not {}",
                    a.status().as_u16(),
                    a.type_name(),
                    b.type_name()
                ));
            }
            (Some(kind), _) | (None, Some(kind)) => kind,
            (None, None) => return bad("Give a Status or an ErrorType".to_owned()),
        };
        let remaining = match body.get("Count") {
            None => 1,
            Some(v) => match v.as_u64() {
                Some(n) if (1..=MAX_COUNT).contains(&n) => n,
                _ => return bad(format!("Count must be a whole number from 1 to {MAX_COUNT}")),
            },
        };
        let message = text("Message")
            .unwrap_or_else(|| format!("Injected fault: {} (/_mock/faults)", kind.type_name()));
        Ok(Self { target, kind, message, remaining })
    }

    fn matches(&self, method: &str, path: &str) -> bool {
        match &self.target {
            Target::PathPrefix(prefix) => path.starts_with(prefix.as_str()),
            Target::Operation(op) => model().operation_at(method, path) == Some(op.as_str()),
        }
    }

    fn to_json(&self) -> Value {
        let (key, value) = match &self.target {
            Target::Operation(op) => ("Operation", op),
            Target::PathPrefix(prefix) => ("PathPrefix", prefix),
        };
        json!({
            key: value,
            "Status": self.kind.status().as_u16(),
            "ErrorType": self.kind.type_name(),
            "Message": self.message,
            "Count": self.remaining,
        })
    }
}

/// The rules in force, in the order they were added.
#[derive(Debug, Default)]
pub struct Faults {
    rules: Mutex<Vec<FaultRule>>,
}

impl Faults {
    /// Adds a rule; every rule in force, as `{"Item": [...]}`.
    pub fn add(&self, rule: FaultRule) -> Value {
        let mut rules = self.rules.lock().unwrap_or_else(PoisonError::into_inner);
        rules.push(rule);
        json!({ "Item": rules.iter().map(FaultRule::to_json).collect::<Vec<_>>() })
    }

    /// Every rule in force, as `{"Item": [...]}`.
    pub fn list(&self) -> Value {
        let rules = self.rules.lock().unwrap_or_else(PoisonError::into_inner);
        json!({ "Item": rules.iter().map(FaultRule::to_json).collect::<Vec<_>>() })
    }

    /// Removes every rule; how many there were.
    pub fn clear(&self) -> usize {
        let mut rules = self.rules.lock().unwrap_or_else(PoisonError::into_inner);
        std::mem::take(&mut *rules).len()
    }

    /// The error for this request if a rule matches it (the first that does, which then has
    /// one request fewer to fail; a spent rule is dropped).
    pub fn take(&self, method: &str, path: &str) -> Option<MockError> {
        if path == FAULTS_PATH {
            return None;
        }
        let mut rules = self.rules.lock().unwrap_or_else(PoisonError::into_inner);
        let index = rules.iter().position(|r| r.matches(method, path))?;
        let rule = &mut rules[index];
        rule.remaining = rule.remaining.saturating_sub(1);
        let error = MockError { kind: rule.kind, message: rule.message.clone() };
        if rule.remaining == 0 {
            rules.remove(index);
        }
        Some(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_checked_and_spent() {
        let faults = Faults::default();
        let rule = FaultRule::parse(&json!({"Operation": "GetApp", "Status": 429, "Count": 2}));
        faults.add(rule.unwrap());
        assert_eq!(faults.take("GET", "/v1/apps"), None, "GetApps is another operation");
        let first = faults.take("GET", "/v1/apps/abc").unwrap();
        assert_eq!(first.kind, ErrorKind::TooManyRequests);
        assert!(faults.take("GET", "/v1/apps/abc").is_some());
        assert_eq!(faults.take("GET", "/v1/apps/abc"), None, "spent after two");
        for bad in [
            json!({"Status": 500}),
            json!({"Operation": "Nope", "Status": 500}),
            json!({"PathPrefix": "/v1", "Status": 418}),
            json!({"PathPrefix": "/v1", "Status": 403, "ErrorType": "TooManyRequestsException"}),
            json!({"PathPrefix": "/v1", "Status": 500, "Count": 0}),
            json!({"PathPrefix": "/v1"}),
        ] {
            assert!(FaultRule::parse(&bad).is_err(), "{bad}");
        }
        let all = FaultRule::parse(&json!({"PathPrefix": "/", "ErrorType": "ForbiddenException"}));
        faults.add(all.unwrap());
        assert_eq!(faults.take("DELETE", FAULTS_PATH), None, "the switch itself is never failed");
        assert_eq!(faults.clear(), 1);
    }
}
