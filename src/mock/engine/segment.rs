//! Segment evaluation over stored endpoints: dimensional segments, segment groups (`Include`,
//! group `Type`, `SourceSegments` with `SourceType`) and imported segments. A definition is
//! compiled once into a `Filter`, then applied to each endpoint (`matching`).

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};
use serde_json::Value;

use crate::mock::store::tracked::Table;
use crate::mock::wire::Endpoint;

/// What an endpoint looks like to a filter: the stored endpoint and when it was last active.
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'a> {
    /// The endpoint id.
    pub id: &'a str,
    /// The stored endpoint.
    pub endpoint: &'a Endpoint,
    /// When it last sent an event, if ever.
    pub last_active: Option<DateTime<Utc>>,
}

/// Everything evaluation needs besides the definition.
pub struct Context<'a> {
    /// "Now", for recency.
    pub now: DateTime<Utc>,
    /// Stored segments by id, every version (oldest first), for source segments.
    pub segments: &'a dyn Fn(&str) -> Option<&'a [Value]>,
    /// Members of imported segments by segment id.
    pub imported: &'a Table<String, HashSet<String>>,
}

/// A compiled predicate over endpoints.
pub enum Filter {
    /// Everything.
    All,
    /// All of these.
    And(Vec<Filter>),
    /// Any of these.
    Or(Vec<Filter>),
    /// Not this.
    Not(Box<Filter>),
    /// A string field compared with values (`SetDimension`).
    Set {
        /// The endpoint field.
        field: Field,
        /// Values, lower-cased.
        values: Vec<String>,
        /// True for `EXCLUSIVE`.
        exclusive: bool,
    },
    /// An attribute compared by `AttributeType`.
    Attribute {
        /// `User.UserAttributes` rather than `Attributes`.
        user: bool,
        /// The attribute name.
        name: String,
        /// How to compare.
        kind: AttributeKind,
        /// The values.
        values: Vec<String>,
    },
    /// A metric compared with a number.
    Metric {
        /// The metric name.
        name: String,
        /// The operator.
        op: Comparison,
        /// The number.
        value: f64,
    },
    /// Within `km` of a point.
    Near {
        /// Latitude.
        lat: f64,
        /// Longitude.
        lon: f64,
        /// Range in kilometres.
        km: f64,
    },
    /// Active (or not) within a window.
    Recency {
        /// The window.
        window: Duration,
        /// True for `ACTIVE`.
        active: bool,
    },
    /// Members of an imported segment.
    Members(HashSet<String>),
}

/// Endpoint fields a `SetDimension` can test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// `Demographic.AppVersion`.
    AppVersion,
    /// `ChannelType`.
    Channel,
    /// The `DeviceType` attribute when present, else `Demographic.Model` (the endpoint has no
    /// device-type member of its own).
    DeviceType,
    /// `Demographic.Make`.
    Make,
    /// `Demographic.Model`.
    Model,
    /// `Demographic.Platform`.
    Platform,
    /// `Location.Country`.
    Country,
}

/// `AttributeType` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttributeKind {
    /// Any endpoint value is one of the values.
    Inclusive,
    /// No endpoint value is one of the values.
    Exclusive,
    /// Any endpoint value contains one of the values.
    Contains,
    /// A date before the value.
    Before,
    /// A date after the value.
    After,
    /// A date between the two values.
    Between,
    /// A date on the same UTC day as the value.
    On,
}

/// Metric comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    /// `>`.
    Greater,
    /// `<`.
    Less,
    /// `>=`.
    GreaterOrEqual,
    /// `<=`.
    LessOrEqual,
    /// `==`.
    Equal,
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect()
}

fn set(dim: &Value, field: Field) -> Filter {
    Filter::Set {
        field,
        values: strings(dim.get("Values")).into_iter().map(|v| v.to_lowercase()).collect(),
        exclusive: dim.get("DimensionType").and_then(Value::as_str) == Some("EXCLUSIVE"),
    }
}

/// Compiles one `SegmentDimensions` (all of its criteria must hold).
#[must_use]
pub fn compile_dimensions(dims: &Value) -> Filter {
    let mut all = Vec::new();
    if let Some(demo) = dims.get("Demographic") {
        for (key, field) in [
            ("AppVersion", Field::AppVersion),
            ("Channel", Field::Channel),
            ("DeviceType", Field::DeviceType),
            ("Make", Field::Make),
            ("Model", Field::Model),
            ("Platform", Field::Platform),
        ] {
            if let Some(dim) = demo.get(key).filter(|d| d.is_object()) {
                all.push(set(dim, field));
            }
        }
    }
    if let Some(location) = dims.get("Location") {
        if let Some(dim) = location.get("Country").filter(|d| d.is_object()) {
            all.push(set(dim, Field::Country));
        }
        if let Some(gps) = location.get("GPSPoint").filter(|d| d.is_object()) {
            let c = |k: &str| {
                gps.pointer(&format!("/Coordinates/{k}")).and_then(Value::as_f64).unwrap_or(0.0)
            };
            let km = gps.get("RangeInKilometers").and_then(Value::as_f64).unwrap_or(100.0);
            all.push(Filter::Near { lat: c("Latitude"), lon: c("Longitude"), km });
        }
    }
    if let Some(recency) = dims.pointer("/Behavior/Recency") {
        let window = match recency.get("Duration").and_then(Value::as_str) {
            Some("HR_24") => Duration::hours(24),
            Some("DAY_7") => Duration::days(7),
            Some("DAY_14") => Duration::days(14),
            _ => Duration::days(30),
        };
        let active = recency.get("RecencyType").and_then(Value::as_str) != Some("INACTIVE");
        all.push(Filter::Recency { window, active });
    }
    for (map, user) in [("Attributes", false), ("UserAttributes", true)] {
        for (name, dim) in dims.get(map).and_then(Value::as_object).into_iter().flatten() {
            let kind = match dim.get("AttributeType").and_then(Value::as_str) {
                Some("EXCLUSIVE") => AttributeKind::Exclusive,
                Some("CONTAINS") => AttributeKind::Contains,
                Some("BEFORE") => AttributeKind::Before,
                Some("AFTER") => AttributeKind::After,
                Some("BETWEEN") => AttributeKind::Between,
                Some("ON") => AttributeKind::On,
                _ => AttributeKind::Inclusive,
            };
            all.push(Filter::Attribute {
                user,
                name: name.clone(),
                kind,
                values: strings(dim.get("Values")),
            });
        }
    }
    for (name, dim) in dims.get("Metrics").and_then(Value::as_object).into_iter().flatten() {
        let op = match dim.get("ComparisonOperator").and_then(Value::as_str) {
            Some("GREATER_THAN") => Comparison::Greater,
            Some("LESS_THAN") => Comparison::Less,
            Some("GREATER_THAN_OR_EQUAL") => Comparison::GreaterOrEqual,
            Some("LESS_THAN_OR_EQUAL") => Comparison::LessOrEqual,
            _ => Comparison::Equal,
        };
        let value = dim.get("Value").and_then(Value::as_f64).unwrap_or(0.0);
        all.push(Filter::Metric { name: name.clone(), op, value });
    }
    if all.is_empty() { Filter::All } else { Filter::And(all) }
}

fn combine(kind: Option<&str>, parts: Vec<Filter>) -> Filter {
    if parts.is_empty() {
        return Filter::All;
    }
    match kind {
        Some("ANY") => Filter::Or(parts),
        Some("NONE") => Filter::Not(Box::new(Filter::Or(parts))),
        _ => Filter::And(parts),
    }
}

/// Compiles a segment definition (`WriteSegmentRequest` or `SegmentResponse`). Source
/// segments are compiled in, to a depth of 8.
#[must_use]
pub fn compile(definition: &Value, ctx: &Context<'_>) -> Filter {
    compile_at(definition, ctx, 0)
}

fn compile_at(definition: &Value, ctx: &Context<'_>, depth: u8) -> Filter {
    if definition.get("SegmentType").and_then(Value::as_str) == Some("IMPORT") {
        let id = definition.get("Id").and_then(Value::as_str).unwrap_or_default();
        return Filter::Members(ctx.imported.get(id).cloned().unwrap_or_default());
    }
    if let Some(dims) = definition.get("Dimensions").filter(|d| d.is_object()) {
        return compile_dimensions(dims);
    }
    let Some(groups) = definition.get("SegmentGroups").filter(|g| g.is_object()) else {
        return Filter::All;
    };
    let compiled: Vec<Filter> = groups
        .get("Groups")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|group| {
            let sources: Vec<Filter> = group
                .get("SourceSegments")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|reference| source(reference, ctx, depth))
                .collect();
            let universe = combine(group.get("SourceType").and_then(Value::as_str), sources);
            let dims: Vec<Filter> = group
                .get("Dimensions")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(compile_dimensions)
                .collect();
            let criteria = combine(group.get("Type").and_then(Value::as_str), dims);
            Filter::And(vec![universe, criteria])
        })
        .collect();
    combine(groups.get("Include").and_then(Value::as_str), compiled)
}

fn source(reference: &Value, ctx: &Context<'_>, depth: u8) -> Filter {
    if depth > 8 {
        return Filter::Or(Vec::new());
    }
    let id = reference.get("Id").and_then(Value::as_str).unwrap_or_default();
    let Some(versions) = (ctx.segments)(id) else {
        // An unknown source matches nobody.
        return Filter::Or(Vec::new());
    };
    let version =
        reference.get("Version").and_then(Value::as_u64).and_then(|v| usize::try_from(v).ok());
    let chosen = version.and_then(|v| versions.get(v.checked_sub(1)?)).or_else(|| versions.last());
    chosen.map_or(Filter::Or(Vec::new()), |s| compile_at(s, ctx, depth + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn matches(definition: &Value, endpoint: &Value) -> bool {
        let endpoint: Endpoint = serde_json::from_value(endpoint.clone()).unwrap();
        let endpoint = &endpoint;
        let imported = Table::default();
        let none = |_: &str| -> Option<&[Value]> { None };
        let ctx = Context { now: Utc::now(), segments: &none, imported: &imported };
        let c = Candidate { id: "e", endpoint, last_active: None };
        compile(definition, &ctx).matches(&c, ctx.now)
    }

    #[test]
    fn demographics_location_attributes_and_metrics() {
        let ep = json!({
            "ChannelType": "SMS",
            "Demographic": {"Platform": "iOS", "AppVersion": "2.1"},
            "Location": {"Country": "US", "Latitude": 47.6, "Longitude": -122.3},
            "Attributes": {"interests": ["science", "hiking"], "signup": ["2026-03-01T00:00:00Z"]},
            "Metrics": {"score": 7.0},
        });
        let d = |dims: Value| json!({ "Dimensions": dims });
        assert!(matches(
            &d(json!({"Demographic": {"Platform": {"Values": ["ios", "Android"]}}})),
            &ep
        ));
        assert!(!matches(
            &d(json!({"Location": {"Country": {"DimensionType": "EXCLUSIVE", "Values": ["US"]}}})),
            &ep
        ));
        let near = json!({"Location": {"GPSPoint": {"Coordinates": {"Latitude": 47.5, "Longitude": -122.2}, "RangeInKilometers": 25}}});
        assert!(matches(&d(near), &ep));
        assert!(matches(
            &d(
                json!({"Attributes": {"interests": {"AttributeType": "CONTAINS", "Values": ["sci"]}}})
            ),
            &ep
        ));
        assert!(matches(
            &d(
                json!({"Attributes": {"signup": {"AttributeType": "BETWEEN", "Values": ["2026-01-01T00:00:00Z", "2026-06-01T00:00:00Z"]}}})
            ),
            &ep
        ));
        assert!(matches(
            &d(
                json!({"Attributes": {"signup": {"AttributeType": "ON", "Values": ["2026-03-01"]}}})
            ),
            &ep
        ));
        assert!(!matches(
            &d(
                json!({"Attributes": {"signup": {"AttributeType": "BEFORE", "Values": ["2026-01-01T00:00:00Z"]}}})
            ),
            &ep
        ));
        assert!(matches(
            &d(
                json!({"Metrics": {"score": {"ComparisonOperator": "GREATER_THAN_OR_EQUAL", "Value": 5}}})
            ),
            &ep
        ));
        assert!(!matches(
            &d(json!({"Metrics": {"score": {"ComparisonOperator": "LESS_THAN", "Value": 5}}})),
            &ep
        ));
    }

    #[test]
    fn groups_combine_by_type_and_include() {
        let ep = json!({"Demographic": {"Platform": "Android"}, "Location": {"Country": "DE"}});
        let ios = json!({"Demographic": {"Platform": {"Values": ["iOS"]}}});
        let de = json!({"Location": {"Country": {"Values": ["DE"]}}});
        let group = |t: &str, include: &str| json!({"SegmentGroups": {"Include": include, "Groups": [{"Type": t, "Dimensions": [ios, de]}]}});
        assert!(!matches(&group("ALL", "ALL"), &ep));
        assert!(matches(&group("ANY", "ALL"), &ep));
        assert!(!matches(&group("NONE", "ALL"), &ep));
        assert!(matches(&group("ALL", "NONE"), &ep));
    }
}
