//! Segments: dimensional segments and segment groups, every write a new version. Imported
//! segments come from import jobs (`jobs.rs`).

use serde_json::{Value, json};

use super::{Backend, MockError, MockResult, ProjectRecord, new_id};
use crate::mock::model::model;
use crate::mock::store::{PageRequest, page_slice};
use crate::pinpoint::rules;

const COMPARISON_OPERATORS: [&str; 5] =
    ["GREATER_THAN", "LESS_THAN", "GREATER_THAN_OR_EQUAL", "LESS_THAN_OR_EQUAL", "EQUAL"];

fn bad<T>(message: String) -> MockResult<T> {
    Err(MockError::bad_request(message))
}

/// Checks the rules of one `SegmentDimensions` beyond what the model types say.
pub fn check_dimensions(path: &str, dimensions: &Value) -> MockResult<()> {
    for map in ["Attributes", "UserAttributes"] {
        for (name, dim) in dimensions.get(map).and_then(Value::as_object).into_iter().flatten() {
            let kind = dim.get("AttributeType").and_then(Value::as_str).unwrap_or("INCLUSIVE");
            let values: Vec<&str> = dim
                .get("Values")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            let here = format!("{path}{map}.{name}");
            match kind {
                "BETWEEN" if values.len() != 2 => {
                    return bad(format!("{here}: BETWEEN takes exactly two Values (from, to)"));
                }
                "ON" | "BEFORE" | "AFTER" if values.len() != 1 => {
                    return bad(format!("{here}: {kind} takes exactly one Value"));
                }
                "ON" | "BEFORE" | "AFTER" | "BETWEEN" => {
                    for v in &values {
                        rules::iso_timestamp(&format!("{here}.Values"), v)
                            .map_err(MockError::bad_request)?;
                    }
                }
                _ if values.is_empty() => return bad(format!("{here}: Values must not be empty")),
                _ => {}
            }
        }
    }
    for (name, dim) in dimensions.get("Metrics").and_then(Value::as_object).into_iter().flatten() {
        let op = dim.get("ComparisonOperator").and_then(Value::as_str).unwrap_or_default();
        if !COMPARISON_OPERATORS.contains(&op) {
            return bad(format!(
                "{path}Metrics.{name}.ComparisonOperator must be one of {} (got '{op}')",
                COMPARISON_OPERATORS.join(", ")
            ));
        }
    }
    if let Some(gps) = dimensions.pointer("/Location/GPSPoint") {
        let c = |k: &str| {
            gps.pointer(&format!("/Coordinates/{k}")).and_then(Value::as_f64).unwrap_or(0.0)
        };
        if !(-90.0..=90.0).contains(&c("Latitude")) || !(-180.0..=180.0).contains(&c("Longitude")) {
            return bad(format!("{path}Location.GPSPoint.Coordinates are out of range"));
        }
        if gps.get("RangeInKilometers").and_then(Value::as_f64).is_some_and(|r| r <= 0.0) {
            return bad(format!("{path}Location.GPSPoint.RangeInKilometers must be positive"));
        }
    }
    Ok(())
}

fn check_groups(app: &ProjectRecord, groups: &Value) -> MockResult<()> {
    for (i, group) in
        groups.get("Groups").and_then(Value::as_array).into_iter().flatten().enumerate()
    {
        let mut imported = 0;
        for source in group.get("SourceSegments").and_then(Value::as_array).into_iter().flatten() {
            let id = source.get("Id").and_then(Value::as_str).unwrap_or_default();
            let Some(versions) = app.segments.get(id) else {
                return bad(format!(
                    "SegmentGroups.Groups[{i}]: source segment {id} does not exist"
                ));
            };
            if let Some(v) = source.get("Version").and_then(Value::as_i64)
                && (v < 1 || v as usize > versions.len())
            {
                return bad(format!("SegmentGroups.Groups[{i}]: segment {id} has no version {v}"));
            }
            if versions.last().and_then(|s| s.get("SegmentType")).and_then(Value::as_str)
                == Some("IMPORT")
            {
                imported += 1;
            }
        }
        if imported > 1 {
            return bad(format!(
                "SegmentGroups.Groups[{i}] may have at most one imported source segment"
            ));
        }
        for (j, dims) in
            group.get("Dimensions").and_then(Value::as_array).into_iter().flatten().enumerate()
        {
            check_dimensions(&format!("SegmentGroups.Groups[{i}].Dimensions[{j}]."), dims)?;
        }
    }
    Ok(())
}

fn check_write(app: &ProjectRecord, request: &Value) -> MockResult<()> {
    super::tags::check_request_tags(request)?;
    let has = |k: &str| request.get(k).is_some_and(|v| !v.is_null());
    if has("Dimensions") && has("SegmentGroups") {
        return bad("Give Dimensions or SegmentGroups, not both".to_owned());
    }
    if let Some(name) = request.get("Name").and_then(Value::as_str)
        && name.trim().is_empty()
    {
        return bad("Name must not be empty".to_owned());
    }
    if let Some(d) = request.get("Dimensions") {
        check_dimensions("Dimensions.", d)?;
    }
    if let Some(g) = request.get("SegmentGroups") {
        check_groups(app, g)?;
    }
    Ok(())
}

impl Backend {
    fn segment_arn(&self, app_id: &str, id: &str) -> String {
        self.arn(&format!("apps/{app_id}/segments/{id}"))
    }

    /// CreateSegment.
    pub fn create_segment(&self, app_id: &str, request: Value) -> MockResult<Value> {
        self.create_segment_as(app_id, &new_id(), request)
    }

    /// CreateSegment with a chosen id (the demo data set keeps its ids from run to run).
    pub fn create_segment_as(&self, app_id: &str, id: &str, request: Value) -> MockResult<Value> {
        let now = self.now();
        let arn = self.segment_arn(app_id, id);
        self.with_app_mut(app_id, |app| {
            check_write(app, &request)?;
            let mut segment = request;
            if let Value::Object(map) = &mut segment {
                map.insert("Id".into(), json!(id));
                map.insert("Arn".into(), json!(arn));
                map.insert("ApplicationId".into(), json!(app_id));
                map.insert("CreationDate".into(), json!(now));
                map.insert("LastModifiedDate".into(), json!(now));
                map.insert("SegmentType".into(), json!("DIMENSIONAL"));
                map.insert("Version".into(), json!(1));
            }
            let segment = model().project("SegmentResponse", &segment);
            app.segments.insert(id, vec![segment.clone()]);
            Ok(segment)
        })
    }

    /// UpdateSegment: a full replace of the writable members, as a new version.
    pub fn update_segment(&self, app_id: &str, id: &str, request: Value) -> MockResult<Value> {
        let now = self.now();
        self.with_app_mut(app_id, |app| {
            check_write(app, &request)?;
            let versions = app
                .segments
                .get_mut(id)
                .ok_or_else(|| MockError::resource_not_found("Segment", id))?;
            let Some(latest) = versions.last() else {
                return Err(MockError::resource_not_found("Segment", id));
            };
            let mut next = request;
            if let Value::Object(map) = &mut next {
                for keep in [
                    "Id",
                    "Arn",
                    "ApplicationId",
                    "CreationDate",
                    "SegmentType",
                    "ImportDefinition",
                ] {
                    if let Some(v) = latest.get(keep) {
                        map.insert(keep.into(), v.clone());
                    }
                }
                if !map.contains_key("Name")
                    && let Some(name) = latest.get("Name")
                {
                    map.insert("Name".into(), name.clone());
                }
                map.insert("LastModifiedDate".into(), json!(now));
                map.insert("Version".into(), json!(versions.len() + 1));
            }
            let next = model().project("SegmentResponse", &next);
            versions.push(next.clone());
            Ok(next)
        })
    }

    /// GetSegment: the latest version.
    pub fn get_segment(&self, app_id: &str, id: &str) -> MockResult<Value> {
        self.with_app(app_id, |app| {
            app.segments
                .get(id)
                .and_then(|v| v.last().cloned())
                .ok_or_else(|| MockError::resource_not_found("Segment", id))
        })
    }

    /// DeleteSegment: returns it as it was.
    pub fn delete_segment(&self, app_id: &str, id: &str) -> MockResult<Value> {
        self.with_app_mut(app_id, |app| {
            let in_use = app.campaigns.iter().filter_map(|v| v.last()).any(|c| {
                c.get("SegmentId").and_then(Value::as_str) == Some(id)
                    && c.pointer("/State/CampaignStatus").and_then(Value::as_str)
                        != Some("COMPLETED")
            });
            if in_use {
                return bad(format!("Segment {id} is used by a campaign that has not completed"));
            }
            app.segments
                .remove(id)
                .and_then(|mut v| v.pop())
                .ok_or_else(|| MockError::resource_not_found("Segment", id))
        })
    }

    /// GetSegments: the latest version of each.
    pub fn list_segments(&self, app_id: &str, page: PageRequest) -> MockResult<Value> {
        self.with_app(app_id, |app| {
            let (items, next) = app.segments.page(page);
            let items: Vec<&Value> = items.into_iter().filter_map(|v| v.last()).collect();
            Ok(list(&items, next))
        })
    }

    /// GetSegmentVersions: newest first.
    pub fn segment_versions(&self, app_id: &str, id: &str, page: PageRequest) -> MockResult<Value> {
        self.with_app(app_id, |app| {
            let versions = history(&app.segments, "Segment", id)?;
            Ok(newest_first(versions, page))
        })
    }

    /// GetSegmentVersion.
    pub fn segment_version(&self, app_id: &str, id: &str, version: &str) -> MockResult<Value> {
        self.with_app(app_id, |app| {
            let versions = history(&app.segments, "Segment", id)?;
            version_of(versions, version).ok_or_else(|| {
                MockError::not_found(format!("Segment {id} has no version {version}"))
            })
        })
    }

    /// The segment version a campaign or job names: `None` means the latest. 404 for an
    /// unknown segment, 400 for an unknown version.
    pub(super) fn resolve_segment(
        app: &ProjectRecord,
        id: &str,
        version: Option<i64>,
    ) -> MockResult<i64> {
        let versions = history(&app.segments, "Segment", id)?;
        let latest = versions.len() as i64;
        match version {
            None => Ok(latest),
            Some(v) if (1..=latest).contains(&v) => Ok(v),
            Some(v) => bad(format!("Segment {id} has no version {v} (latest is {latest})")),
        }
    }
}

/// A list response: `{"Item": [...], "NextToken": ...}`.
pub(super) fn list(items: &[&Value], next: Option<String>) -> Value {
    let mut body = json!({ "Item": items });
    if let Some(token) = next {
        body["NextToken"] = json!(token);
    }
    body
}

/// One page of a grow-only history (versions, activities), newest first, as a list response.
pub(super) fn newest_first(history: &[Value], page: PageRequest) -> Value {
    let newest: Vec<&Value> = history.iter().rev().collect();
    let (items, next) = page_slice(&newest, page);
    list(&items.into_iter().copied().collect::<Vec<_>>(), next)
}

/// Every stored version of a campaign or segment (oldest first); 404 naming `kind` otherwise.
pub(super) fn history<'a>(
    store: &'a crate::mock::store::Collection<Vec<Value>>,
    kind: &str,
    id: &str,
) -> MockResult<&'a [Value]> {
    store.get(id).map(Vec::as_slice).ok_or_else(|| MockError::resource_not_found(kind, id))
}

/// The stored version named by a `version` path parameter.
pub(super) fn version_of(versions: &[Value], version: &str) -> Option<Value> {
    let n: usize = version.trim().parse().ok()?;
    versions.get(n.checked_sub(1)?).cloned()
}
