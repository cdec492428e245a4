//! Mock-only extensions (not part of Pinpoint), served under `/_mock/`: the audience
//! estimate for a segment definition, a browsable endpoint listing, and the values seen in a
//! project (for the console's value pickers).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

use super::segments::list;
use super::{Backend, MockResult};
use crate::mock::collection::PageRequest;
use crate::mock::engine::segment::{Candidate, Context, compile, compile_dimensions};
use crate::mock::model::model;

/// Values listed per member at most.
const MAX_VALUES: usize = 50;

fn messageable(endpoint: &Value) -> bool {
    endpoint.get("OptOut").and_then(Value::as_str) != Some("ALL")
        && endpoint.get("EndpointStatus").and_then(Value::as_str) != Some("INACTIVE")
}

impl Backend {
    /// The audience of a segment definition (a `WriteSegmentRequest`): matching, messageable
    /// (not opted out, not inactive) and total endpoints, and for segment groups how many each
    /// group matches on its own.
    pub fn estimate(&self, app_id: &str, definition: &Value) -> MockResult<Value> {
        model().validate("WriteSegmentRequest", definition)?;
        let now = self.clock_now();
        self.with_app(app_id, |app| {
            let segments = |id: &str| app.segments.get(id).map(Vec::as_slice);
            let ctx = Context { now, segments: &segments, imported: &app.imported_members };
            let filter = compile(definition, &ctx);
            let groups: Vec<_> = definition
                .pointer("/SegmentGroups/Groups")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|g| compile(&json!({"SegmentGroups": {"Include": "ALL", "Groups": [g]}}), &ctx))
                .collect();
            let (mut matching, mut reachable, mut total) = (0u64, 0u64, 0u64);
            let mut per_group = vec![0u64; groups.len()];
            for endpoint in app.endpoints.iter() {
                total += 1;
                let id = endpoint.get("Id").and_then(Value::as_str).unwrap_or_default();
                let c = Candidate { id, endpoint, last_active: app.last_active.get(id).copied() };
                for (count, group) in per_group.iter_mut().zip(&groups) {
                    if group.matches(&c, now) {
                        *count += 1;
                    }
                }
                if filter.matches(&c, now) {
                    matching += 1;
                    if messageable(endpoint) {
                        reachable += 1;
                    }
                }
            }
            Ok(json!({ "Matching": matching, "Messageable": reachable, "Total": total, "Groups": per_group }))
        })
    }

    /// A page of a project's endpoints whose id, address, user id or attribute values contain
    /// `filter` (case-insensitive), with the total that match.
    pub fn list_endpoints(
        &self,
        app_id: &str,
        page: PageRequest,
        filter: Option<&str>,
    ) -> MockResult<Value> {
        let needle = filter.map(str::to_lowercase).filter(|n| !n.is_empty());
        self.with_app(app_id, |app| {
            let Some(needle) = needle else {
                let (items, next) = app.endpoints.page(page);
                let mut body = list(&items, next);
                body["Total"] = json!(app.endpoints.len());
                return Ok(body);
            };
            let matching: Vec<&Value> = app
                .endpoints
                .iter()
                .filter(|e| e.to_string().to_lowercase().contains(&needle))
                .collect();
            let (items, next) = crate::mock::collection::page_slice(&matching, page);
            let mut body = list(&items.into_iter().copied().collect::<Vec<_>>(), next);
            body["Total"] = json!(matching.len());
            Ok(body)
        })
    }

    /// The values seen in a project's endpoints, per member a segment can test: demographic
    /// fields, country, channel, and attribute, user-attribute and metric names with values.
    pub fn seen_values(&self, app_id: &str) -> MockResult<Value> {
        self.with_app(app_id, |app| {
            let mut seen: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
            let mut add = |key: String, value: &str| {
                let set = seen.entry(key).or_default();
                if set.len() < MAX_VALUES {
                    set.insert(value.to_owned());
                }
            };
            for e in app.endpoints.iter() {
                for member in ["AppVersion", "Make", "Model", "Platform"] {
                    if let Some(v) =
                        e.pointer(&format!("/Demographic/{member}")).and_then(Value::as_str)
                    {
                        add(format!("Demographic.{member}"), v);
                    }
                }
                if let Some(v) = e.pointer("/Location/Country").and_then(Value::as_str) {
                    add("Location.Country".into(), v);
                }
                if let Some(v) = e.get("ChannelType").and_then(Value::as_str) {
                    add("Demographic.Channel".into(), v);
                }
                for (map, prefix) in
                    [("/Attributes", "Attributes"), ("/User/UserAttributes", "UserAttributes")]
                {
                    for (name, values) in
                        e.pointer(map).and_then(Value::as_object).into_iter().flatten()
                    {
                        for v in values.as_array().into_iter().flatten().filter_map(Value::as_str) {
                            add(format!("{prefix}.{name}"), v);
                        }
                    }
                }
                for name in e
                    .get("Metrics")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                    .map(|(k, _)| k)
                {
                    add("Metrics".into(), name);
                }
            }
            Ok(json!(seen))
        })
    }
}

/// Counts the endpoints one `SegmentDimensions` matches (for tests and benchmarks).
#[must_use]
pub fn count_matching(
    endpoints: &[Value],
    dimensions: &Value,
    now: chrono::DateTime<chrono::Utc>,
) -> usize {
    let filter = compile_dimensions(dimensions);
    endpoints
        .iter()
        .filter(|e| {
            let id = e.get("Id").and_then(Value::as_str).unwrap_or_default();
            filter.matches(&Candidate { id, endpoint: e, last_active: None }, now)
        })
        .count()
}
