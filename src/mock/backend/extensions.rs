//! Mock-only extensions (not part of Pinpoint), served under `/_mock/`: the audience
//! estimate for a segment definition, a browsable endpoint listing, and the values seen in a
//! project (for the console's value pickers).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

use super::segments::list;
use super::{Backend, MockResult};
use crate::mock::compact::SmallMap;
use crate::mock::engine::segment::{Candidate, Context, compile, compile_dimensions};
use crate::mock::model::model;
use crate::mock::store::PageRequest;
use crate::mock::wire::Endpoint;

/// Values listed per member at most.
const MAX_VALUES: usize = 50;

/// True when an endpoint's id, address, user id or any attribute value contains `needle`
/// (already lower-case).
fn mentions(e: &Endpoint, needle: &str) -> bool {
    let has = |s: &str| s.to_lowercase().contains(needle);
    let in_lists = |m: Option<&crate::mock::wire::StringLists>| {
        m.is_some_and(|m| m.iter().any(|(k, vs)| has(k) || vs.iter().any(|v| has(v))))
    };
    has(e.id())
        || e.address.as_deref().is_some_and(has)
        || e.user_id().is_some_and(has)
        || e.channel_type.as_deref().is_some_and(has)
        || in_lists(e.attributes.as_deref())
        || in_lists(e.user.as_ref().and_then(|u| u.user_attributes.as_deref()))
}

/// The bucket console uploads go to.
pub const UPLOAD_BUCKET: &str = "pinpoint-console-uploads";

impl Backend {
    /// Writes an uploaded file (`{Name, Contents}`) into the mapped bucket folder; its `s3://`
    /// URL.
    pub fn put_upload(&self, upload: &Value) -> MockResult<String> {
        let name = upload.get("Name").and_then(Value::as_str).unwrap_or("upload");
        let contents = upload.get("Contents").and_then(Value::as_str).ok_or_else(|| {
            crate::mock::error::MockError::bad_request("Contents is required (the file's text)")
        })?;
        let clean: String = name
            .chars()
            .map(
                |c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' },
            )
            .collect();
        let key = format!("{}-{clean}", uuid::Uuid::new_v4().simple());
        let dir = self.files().buckets.join(UPLOAD_BUCKET);
        std::fs::create_dir_all(&dir)
            .and_then(|()| std::fs::write(dir.join(&key), contents))
            .map_err(|e| {
                crate::mock::error::MockError::bad_request(format!("could not store the file: {e}"))
            })?;
        Ok(format!("s3://{UPLOAD_BUCKET}/{key}"))
    }

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
                let id = endpoint.id();
                let c = Candidate { id, endpoint, last_active: app.last_active.get(id).copied() };
                for (count, group) in per_group.iter_mut().zip(&groups) {
                    if group.matches(&c, now) {
                        *count += 1;
                    }
                }
                if filter.matches(&c, now) {
                    matching += 1;
                    if endpoint.is_messageable() {
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
            let (items, next, total) = if let Some(needle) = needle {
                let matching: Vec<&Endpoint> =
                    app.endpoints.iter().filter(|e| mentions(e, &needle)).collect();
                let (items, next) = crate::mock::store::page_slice(&matching, page);
                (items.into_iter().map(|e| e.to_value()).collect::<Vec<_>>(), next, matching.len())
            } else {
                let (items, next) = app.endpoints.page(page);
                (items.into_iter().map(Endpoint::to_value).collect(), next, app.endpoints.len())
            };
            let mut body = list(&items.iter().collect::<Vec<_>>(), next);
            body["Total"] = json!(total);
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
                if let Some(d) = &e.demographic {
                    for (member, value) in [
                        ("AppVersion", &d.app_version),
                        ("Make", &d.make),
                        ("Model", &d.model),
                        ("Platform", &d.platform),
                    ] {
                        if let Some(v) = value {
                            add(format!("Demographic.{member}"), v);
                        }
                    }
                }
                if let Some(v) = e.location.as_ref().and_then(|l| l.country.as_deref()) {
                    add("Location.Country".into(), v);
                }
                if let Some(v) = e.channel_type.as_deref() {
                    add("Demographic.Channel".into(), v);
                }
                let user_attributes = e.user.as_ref().and_then(|u| u.user_attributes.as_deref());
                for (map, prefix) in
                    [(e.attributes.as_deref(), "Attributes"), (user_attributes, "UserAttributes")]
                {
                    for (name, values) in map.into_iter().flatten() {
                        for v in values {
                            add(format!("{prefix}.{name}"), v);
                        }
                    }
                }
                for name in e.metrics.iter().flat_map(SmallMap::keys) {
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
    endpoints: &[Endpoint],
    dimensions: &Value,
    now: chrono::DateTime<chrono::Utc>,
) -> usize {
    let filter = compile_dimensions(dimensions);
    endpoints
        .iter()
        .filter(|e| filter.matches(&Candidate { id: e.id(), endpoint: e, last_active: None }, now))
        .count()
}
