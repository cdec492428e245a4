//! Endpoints and users. An update merges into the stored endpoint: top-level members given
//! replace the stored ones, `Attributes`, `Metrics` and `User.UserAttributes` merge key by key,
//! `Demographic` and `Location` member by member. The service keeps `CohortId` (0-99, stable
//! per endpoint), `CreationDate`, `EffectiveDate` and `RequestId`.

use serde_json::{Map, Value, json};

use super::{Backend, MockError, MockResult};
use crate::mock::store::Collection;
use crate::mock::wire::Endpoint;

/// Most items in one UpdateEndpointsBatch.
pub const MAX_BATCH: usize = 100;

/// The cohort of an endpoint: a stable hash of its id, 0-99.
#[must_use]
pub fn cohort_of(endpoint_id: &str) -> u8 {
    // FNV-1a: stable across runs and platforms, unlike the std hasher.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in endpoint_id.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    (hash % 100) as u8
}

fn merge_map(target: &mut Map<String, Value>, key: &str, update: &Value) {
    let Value::Object(update) = update else { return };
    let entry = target.entry(key.to_owned()).or_insert_with(|| json!({}));
    if !entry.is_object() {
        *entry = json!({});
    }
    if let Value::Object(stored) = entry {
        for (k, v) in update {
            // A null, or an empty list (what the SDKs can send), clears the member.
            if v.is_null() || v.as_array().is_some_and(Vec::is_empty) {
                stored.remove(k);
            } else {
                stored.insert(k.clone(), v.clone());
            }
        }
    }
}

fn check_endpoint(id: &str, endpoint: &Map<String, Value>) -> MockResult<()> {
    let bad = |m: String| Err(MockError::bad_request(m));
    if endpoint.get("ChannelType").and_then(Value::as_str).is_none() {
        return bad(format!("ChannelType is required for endpoint {id}"));
    }
    if let Some(v) = endpoint.get("OptOut").and_then(Value::as_str)
        && v != "ALL"
        && v != "NONE"
    {
        return bad(format!("OptOut must be ALL or NONE (got '{v}')"));
    }
    if let Some(v) = endpoint.get("EndpointStatus").and_then(Value::as_str)
        && v != "ACTIVE"
        && v != "INACTIVE"
    {
        return bad(format!("EndpointStatus must be ACTIVE or INACTIVE (got '{v}')"));
    }
    if let Some(location) = endpoint.get("Location") {
        let coordinate = |k: &str| location.get(k).and_then(Value::as_f64);
        if coordinate("Latitude").is_some_and(|v| !(-90.0..=90.0).contains(&v)) {
            return bad("Location.Latitude must be between -90 and 90".to_owned());
        }
        if coordinate("Longitude").is_some_and(|v| !(-180.0..=180.0).contains(&v)) {
            return bad("Location.Longitude must be between -180 and 180".to_owned());
        }
    }
    if let Some(tz) =
        endpoint.get("Demographic").and_then(|d| d.get("Timezone")).and_then(Value::as_str)
        && tz.parse::<chrono_tz::Tz>().is_err()
    {
        return bad(format!(
            "Demographic.Timezone must be an IANA time zone such as America/New_York (got '{tz}')"
        ));
    }
    Ok(())
}

/// Merges `update` (an `EndpointRequest`-like object) into the endpoint `id`, creating it if
/// needed. Checks before it writes.
pub fn upsert(
    endpoints: &mut Collection<Endpoint>,
    app_id: &str,
    id: &str,
    update: &Map<String, Value>,
    now: &str,
    request_id: &str,
) -> MockResult<Endpoint> {
    if id.trim().is_empty() {
        return Err(MockError::bad_request("An endpoint Id is required"));
    }
    let mut endpoint =
        if let Some(Value::Object(existing)) = endpoints.get(id).map(Endpoint::to_value) {
            existing
        } else {
            let mut fresh = Map::new();
            fresh.insert("Id".into(), json!(id));
            fresh.insert("ApplicationId".into(), json!(app_id));
            fresh.insert("CreationDate".into(), json!(now));
            fresh.insert("CohortId".into(), json!(cohort_of(id).to_string()));
            fresh.insert("OptOut".into(), json!("NONE"));
            fresh.insert("EndpointStatus".into(), json!("ACTIVE"));
            fresh
        };
    for (key, value) in update {
        match key.as_str() {
            "Id" | "ApplicationId" | "CohortId" | "CreationDate" | "RequestId"
            | "EffectiveDate" => {}
            "Attributes" | "Metrics" | "Demographic" | "Location" => {
                merge_map(&mut endpoint, key, value);
            }
            "User" => {
                let Value::Object(user) = value else { continue };
                let stored = endpoint.entry("User").or_insert_with(|| json!({}));
                if let Value::Object(stored) = stored {
                    if let Some(uid) = user.get("UserId") {
                        stored.insert("UserId".into(), uid.clone());
                    }
                    if let Some(attrs) = user.get("UserAttributes") {
                        merge_map(stored, "UserAttributes", attrs);
                    }
                }
            }
            _ if value.is_null() => {}
            _ => {
                endpoint.insert(key.clone(), value.clone());
            }
        }
    }
    check_endpoint(id, &endpoint)?;
    endpoint.insert("EffectiveDate".into(), json!(now));
    endpoint.insert("RequestId".into(), json!(request_id));
    let stored: Endpoint = serde_json::from_value(Value::Object(endpoint))
        .map_err(|e| MockError::bad_request(format!("Endpoint {id}: {e}")))?;
    endpoints.insert(id, stored.clone());
    Ok(stored)
}

fn shown(endpoint: &Endpoint) -> Value {
    endpoint.to_value()
}

impl Backend {
    /// UpdateEndpoint.
    pub fn update_endpoint(
        &self,
        app_id: &str,
        id: &str,
        request: &Value,
        request_id: &str,
    ) -> MockResult<()> {
        let now = self.now();
        let Value::Object(update) = request else {
            return Err(MockError::bad_request("The request body must be a JSON object"));
        };
        self.with_app_mut(app_id, |app| {
            upsert(&mut app.endpoints, app_id, id, update, &now, request_id).map(|_| ())
        })
    }

    /// UpdateEndpointsBatch: all items are checked first; one bad item rejects the batch.
    pub fn update_endpoints_batch(
        &self,
        app_id: &str,
        items: &[Value],
        request_id: &str,
    ) -> MockResult<()> {
        if items.len() > MAX_BATCH {
            return Err(MockError::bad_request(format!(
                "Item has {} endpoints; a batch takes at most {MAX_BATCH}",
                items.len()
            )));
        }
        let now = self.now();
        self.with_app_mut(app_id, |app| {
            // Stage the touched endpoints so the whole batch is checked before any is stored.
            let mut staged = Collection::default();
            for item in items {
                if let Some(id) = item.get("Id").and_then(Value::as_str)
                    && let Some(existing) = app.endpoints.get(id)
                {
                    staged.insert(id, existing.clone());
                }
            }
            for (i, item) in items.iter().enumerate() {
                let Some(map) = item.as_object() else {
                    return Err(MockError::bad_request(format!("Item[{i}] must be a JSON object")));
                };
                let id = map.get("Id").and_then(Value::as_str).unwrap_or_default();
                if id.is_empty() {
                    return Err(MockError::bad_request(format!("Item[{i}].Id is required")));
                }
                upsert(&mut staged, app_id, id, map, &now, request_id)
                    .map_err(|e| MockError::bad_request(format!("Item[{i}]: {}", e.message)))?;
            }
            for item in items {
                if let Some(id) = item.get("Id").and_then(Value::as_str)
                    && let Some(v) = staged.get(id)
                {
                    app.endpoints.insert(id, v.clone());
                }
            }
            Ok(())
        })
    }

    /// GetEndpoint.
    pub fn get_endpoint(&self, app_id: &str, id: &str) -> MockResult<Value> {
        self.with_app(app_id, |app| {
            app.endpoints
                .get(id)
                .map(shown)
                .ok_or_else(|| MockError::resource_not_found("Endpoint", id))
        })
    }

    /// DeleteEndpoint: returns the endpoint as it was.
    pub fn delete_endpoint(&self, app_id: &str, id: &str) -> MockResult<Value> {
        self.with_app_mut(app_id, |app| {
            app.last_active.remove(id);
            app.endpoints
                .remove(id)
                .map(|e| shown(&e))
                .ok_or_else(|| MockError::resource_not_found("Endpoint", id))
        })
    }

    /// GetUserEndpoints: every endpoint of the user (404 when there is none).
    pub fn get_user_endpoints(&self, app_id: &str, user: &str) -> MockResult<Value> {
        self.with_app(app_id, |app| {
            let items: Vec<Value> =
                app.endpoints.iter().filter(|e| e.user_id() == Some(user)).map(shown).collect();
            if items.is_empty() {
                return Err(MockError::resource_not_found("User", user));
            }
            Ok(json!({ "Item": items }))
        })
    }

    /// DeleteUserEndpoints: deletes and returns every endpoint of the user.
    pub fn delete_user_endpoints(&self, app_id: &str, user: &str) -> MockResult<Value> {
        self.with_app_mut(app_id, |app| {
            let ids: Vec<String> = app
                .endpoints
                .iter()
                .filter(|e| e.user_id() == Some(user))
                .map(|e| e.id().to_owned())
                .collect();
            if ids.is_empty() {
                return Err(MockError::resource_not_found("User", user));
            }
            let items: Vec<Value> = ids
                .iter()
                .filter_map(|id| {
                    app.last_active.remove(id);
                    app.endpoints.remove(id)
                })
                .map(|e| shown(&e))
                .collect();
            Ok(json!({ "Item": items }))
        })
    }

    /// Every endpoint of a project.
    pub fn endpoints(&self, app_id: &str) -> MockResult<Vec<Endpoint>> {
        self.with_app(app_id, |app| Ok(app.endpoints.iter().cloned().collect()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cohorts_are_stable_and_spread() {
        assert_eq!(cohort_of("endpoint-1"), cohort_of("endpoint-1"));
        let mut counts = [0u32; 100];
        for i in 0..10_000 {
            counts[cohort_of(&format!("ep-{i}")) as usize] += 1;
        }
        assert!(counts.iter().all(|&c| (60..=140).contains(&c)), "{counts:?}");
    }
}
