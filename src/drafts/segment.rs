//! The segment builder's state: segment groups of dimension sets of criteria, as typed, with
//! one conversion from `SegmentResponse`, one to `WriteSegmentRequest` (the SDK type the worker
//! sends) and one to the request's JSON (the JSON view, the CLI command, the mock's audience
//! estimate, the version diff).

use std::collections::HashMap;

use aws_sdk_pinpoint::types::{
    AttributeDimension, AttributeType, DimensionType, Duration, GpsCoordinates, GpsPointDimension,
    Include, MetricDimension, RecencyDimension, RecencyType, SegmentBehaviors, SegmentDemographics,
    SegmentDimensions, SegmentGroup, SegmentGroupList, SegmentLocation, SegmentReference,
    SegmentResponse, SetDimension, SourceType, Type, WriteSegmentRequest,
};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::FieldErrors;

/// What a criterion tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Kind {
    /// `Demographic.Platform`.
    #[default]
    Platform,
    /// `Demographic.AppVersion`.
    AppVersion,
    /// `Demographic.Channel`.
    Channel,
    /// `Demographic.DeviceType`.
    DeviceType,
    /// `Demographic.Make`.
    Make,
    /// `Demographic.Model`.
    Model,
    /// `Location.Country`.
    Country,
    /// `Location.GPSPoint`.
    Gps,
    /// `Behavior.Recency`.
    Recency,
    /// `Attributes[name]`.
    Attribute,
    /// `UserAttributes[name]`.
    UserAttribute,
    /// `Metrics[name]`.
    Metric,
}

impl Kind {
    /// Every kind, in menu order.
    pub const ALL: [Self; 12] = [
        Self::Platform,
        Self::AppVersion,
        Self::Channel,
        Self::DeviceType,
        Self::Make,
        Self::Model,
        Self::Country,
        Self::Gps,
        Self::Recency,
        Self::Attribute,
        Self::UserAttribute,
        Self::Metric,
    ];

    /// The label a person reads.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Platform => "Platform",
            Self::AppVersion => "App version",
            Self::Channel => "Channel",
            Self::DeviceType => "Device type",
            Self::Make => "Make",
            Self::Model => "Model",
            Self::Country => "Country",
            Self::Gps => "Location (GPS)",
            Self::Recency => "Activity",
            Self::Attribute => "Attribute",
            Self::UserAttribute => "User attribute",
            Self::Metric => "Metric",
        }
    }

    /// The wire member of a set dimension kind: (`Demographic` or `Location`, member).
    #[must_use]
    pub fn set_member(self) -> Option<(&'static str, &'static str)> {
        Some(match self {
            Self::Platform => ("Demographic", "Platform"),
            Self::AppVersion => ("Demographic", "AppVersion"),
            Self::Channel => ("Demographic", "Channel"),
            Self::DeviceType => ("Demographic", "DeviceType"),
            Self::Make => ("Demographic", "Make"),
            Self::Model => ("Demographic", "Model"),
            Self::Country => ("Location", "Country"),
            _ => return None,
        })
    }

    /// The operators this kind offers, as wire values.
    #[must_use]
    pub fn operators(self) -> &'static [&'static str] {
        match self {
            Self::Gps => &[],
            Self::Recency => &["ACTIVE", "INACTIVE"],
            Self::Attribute | Self::UserAttribute => ATTRIBUTE_TYPES,
            Self::Metric => METRIC_OPERATORS,
            _ => &["INCLUSIVE", "EXCLUSIVE"],
        }
    }

    /// True when the kind is keyed by a name (attributes and metrics).
    #[must_use]
    pub fn named(self) -> bool {
        matches!(self, Self::Attribute | Self::UserAttribute | Self::Metric)
    }
}

/// `AttributeType` values.
pub const ATTRIBUTE_TYPES: &[&str] =
    &["INCLUSIVE", "EXCLUSIVE", "CONTAINS", "BEFORE", "AFTER", "ON", "BETWEEN"];
/// Metric comparison operators.
pub const METRIC_OPERATORS: &[&str] =
    &["EQUAL", "GREATER_THAN", "GREATER_THAN_OR_EQUAL", "LESS_THAN", "LESS_THAN_OR_EQUAL"];
/// Recency durations.
pub const DURATIONS: [&str; 4] = ["HR_24", "DAY_7", "DAY_14", "DAY_30"];
/// Group and include types.
pub const GROUP_TYPES: [&str; 3] = ["ALL", "ANY", "NONE"];

/// How an operator reads in a sentence.
#[must_use]
pub fn operator_words(op: &str) -> &'static str {
    match op {
        "INCLUSIVE" => "is one of",
        "EXCLUSIVE" => "is not",
        "CONTAINS" => "contains",
        "BEFORE" => "is before",
        "AFTER" => "is after",
        "ON" => "is on",
        "BETWEEN" => "is between",
        "EQUAL" => "=",
        "GREATER_THAN" => ">",
        "GREATER_THAN_OR_EQUAL" => ">=",
        "LESS_THAN" => "<",
        "LESS_THAN_OR_EQUAL" => "<=",
        "ACTIVE" => "active",
        "INACTIVE" => "not active",
        _ => "?",
    }
}

/// How a recency duration reads.
#[must_use]
pub fn duration_words(d: &str) -> &'static str {
    match d {
        "HR_24" => "the last 24 hours",
        "DAY_7" => "the last 7 days",
        "DAY_14" => "the last 14 days",
        "DAY_30" => "the last 30 days",
        _ => "?",
    }
}

/// One criterion row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Criterion {
    /// What it tests.
    pub kind: Kind,
    /// Attribute or metric name.
    pub name: String,
    /// The operator (wire value; see [`Kind::operators`]).
    pub operator: String,
    /// Values, comma separated; for a metric its number; for recency its duration.
    pub values: String,
    /// GPS latitude.
    pub latitude: String,
    /// GPS longitude.
    pub longitude: String,
    /// GPS range in km.
    pub range_km: String,
}

impl Default for Criterion {
    fn default() -> Self {
        Self::new(Kind::Platform)
    }
}

fn list(s: &str) -> Vec<String> {
    super::split_values(s)
}

impl Criterion {
    /// A fresh row of a kind, with its first operator.
    #[must_use]
    pub fn new(kind: Kind) -> Self {
        Self {
            kind,
            name: String::new(),
            operator: kind.operators().first().copied().unwrap_or_default().to_owned(),
            values: if kind == Kind::Recency { "DAY_7".into() } else { String::new() },
            latitude: String::new(),
            longitude: String::new(),
            range_km: if kind == Kind::Gps { "25".into() } else { String::new() },
        }
    }

    /// Changes the kind, keeping what still applies.
    pub fn set_kind(&mut self, kind: Kind) {
        if self.kind == kind {
            return;
        }
        let fresh = Self::new(kind);
        if !kind.operators().contains(&self.operator.as_str()) {
            self.operator = fresh.operator;
        }
        if kind == Kind::Recency || self.kind == Kind::Recency {
            self.values = fresh.values;
        }
        if kind == Kind::Gps && self.range_km.is_empty() {
            self.range_km = fresh.range_km;
        }
        self.kind = kind;
    }

    /// The row as a sentence ("Platform is one of iOS, Android").
    #[must_use]
    pub fn sentence(&self) -> String {
        let values = list(&self.values).join(", ");
        match self.kind {
            Kind::Gps => format!(
                "within {} km of {}, {}",
                self.range_km.trim(),
                self.latitude.trim(),
                self.longitude.trim()
            ),
            Kind::Recency => format!(
                "{} in {}",
                operator_words(&self.operator),
                duration_words(self.values.trim())
            ),
            Kind::Attribute => {
                format!(
                    "attribute {} {} {values}",
                    self.name.trim(),
                    operator_words(&self.operator)
                )
            }
            Kind::UserAttribute => format!(
                "user attribute {} {} {values}",
                self.name.trim(),
                operator_words(&self.operator)
            ),
            Kind::Metric => format!(
                "metric {} {} {}",
                self.name.trim(),
                operator_words(&self.operator),
                self.values.trim()
            ),
            kind => format!("{} {} {values}", kind.label(), operator_words(&self.operator)),
        }
    }

    fn check(&self, key: &str, errors: &mut FieldErrors) {
        if !self.kind.operators().is_empty()
            && !self.kind.operators().contains(&self.operator.as_str())
        {
            errors.add(format!("{key}.operator"), "Choose an operator");
        }
        if self.kind.named() && self.name.trim().is_empty() {
            errors.add(format!("{key}.name"), "Name the attribute");
        }
        match self.kind {
            Kind::Gps => {
                let num = |s: &str| s.trim().parse::<f64>().ok();
                if !num(&self.latitude).is_some_and(|v| (-90.0..=90.0).contains(&v)) {
                    errors.add(format!("{key}.latitude"), "Latitude from -90 to 90");
                }
                if !num(&self.longitude).is_some_and(|v| (-180.0..=180.0).contains(&v)) {
                    errors.add(format!("{key}.longitude"), "Longitude from -180 to 180");
                }
                if !num(&self.range_km).is_some_and(|v| v > 0.0) {
                    errors.add(format!("{key}.range"), "A range above 0 km");
                }
            }
            Kind::Recency => {
                if !DURATIONS.contains(&self.values.trim()) {
                    errors.add(format!("{key}.values"), "Choose a period");
                }
            }
            Kind::Metric => {
                if self.values.trim().parse::<f64>().is_err() {
                    errors.add(format!("{key}.values"), "A number, e.g. 5 or 2.5");
                }
            }
            _ => {
                let values = list(&self.values);
                if values.is_empty() {
                    errors.add(format!("{key}.values"), "Give at least one value");
                } else if matches!(self.operator.as_str(), "BEFORE" | "AFTER" | "ON" | "BETWEEN") {
                    let want = if self.operator == "BETWEEN" { 2 } else { 1 };
                    if values.len() != want
                        || values.iter().any(|v| chrono::DateTime::parse_from_rfc3339(v).is_err())
                    {
                        errors.add(
                            format!("{key}.values"),
                            if want == 2 {
                                "Two ISO-8601 dates, e.g. 2026-01-01T00:00:00Z, 2026-02-01T00:00:00Z"
                            } else {
                                "One ISO-8601 date, e.g. 2026-01-01T00:00:00Z"
                            },
                        );
                    }
                }
            }
        }
    }
}

/// A base segment of a group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SourceRef {
    /// Segment id.
    pub id: String,
    /// Version (empty: the latest).
    pub version: String,
}

/// One segment group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GroupDraft {
    /// How the dimension sets combine: ALL, ANY, NONE.
    pub kind: String,
    /// How the base segments combine: ALL, ANY.
    pub source_type: String,
    /// Base segments.
    pub sources: Vec<SourceRef>,
    /// Dimension sets; the criteria of one set must all hold.
    pub sets: Vec<Vec<Criterion>>,
}

impl Default for GroupDraft {
    fn default() -> Self {
        Self {
            kind: "ALL".into(),
            source_type: "ANY".into(),
            sources: Vec::new(),
            sets: vec![vec![Criterion::default()]],
        }
    }
}

/// The whole builder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SegmentDraft {
    /// Name.
    pub name: String,
    /// How the groups combine: ALL, ANY, NONE.
    pub include: String,
    /// The groups.
    pub groups: Vec<GroupDraft>,
    /// Tags as `key=value` lines.
    pub tags: String,
    /// The service stores the segment as plain `Dimensions` (no groups): it is written back
    /// that way while the builder keeps that shape (one ALL group of one set, no base segment).
    pub top_level: bool,
}

impl Default for SegmentDraft {
    fn default() -> Self {
        Self {
            name: String::new(),
            include: "ALL".into(),
            groups: vec![GroupDraft::default()],
            tags: String::new(),
            top_level: false,
        }
    }
}

impl SegmentDraft {
    /// The criteria to write as plain `Dimensions`, when the segment came that way and the
    /// builder still has that shape.
    #[must_use]
    pub fn plain_dimensions(&self) -> Option<&[Criterion]> {
        let [group] = self.groups.as_slice() else { return None };
        let [set] = group.sets.as_slice() else { return None };
        (self.top_level && self.include == "ALL" && group.kind == "ALL" && group.sources.is_empty())
            .then_some(set.as_slice())
    }
}

// ---------------------------------------------------------------------------------------------
// From the service.

fn float(v: Option<f64>) -> String {
    v.map(|n| n.to_string()).unwrap_or_default()
}

fn set_values(d: &SetDimension) -> (String, String) {
    let op = d.dimension_type().map_or("INCLUSIVE", DimensionType::as_str).to_owned();
    (op, super::join_values(d.values()))
}

fn criteria_of(d: &SegmentDimensions) -> Vec<Criterion> {
    let mut out = Vec::new();
    let mut set = |kind: Kind, dim: Option<&SetDimension>| {
        if let Some(dim) = dim {
            let (operator, values) = set_values(dim);
            out.push(Criterion { operator, values, ..Criterion::new(kind) });
        }
    };
    if let Some(demo) = d.demographic() {
        set(Kind::Platform, demo.platform());
        set(Kind::AppVersion, demo.app_version());
        set(Kind::Channel, demo.channel());
        set(Kind::DeviceType, demo.device_type());
        set(Kind::Make, demo.make());
        set(Kind::Model, demo.model());
    }
    if let Some(location) = d.location() {
        set(Kind::Country, location.country());
        if let Some(gps) = location.gps_point() {
            let c = gps.coordinates();
            out.push(Criterion {
                latitude: float(c.and_then(GpsCoordinates::latitude)),
                longitude: float(c.and_then(GpsCoordinates::longitude)),
                range_km: gps.range_in_kilometers().unwrap_or(100.0).to_string(),
                ..Criterion::new(Kind::Gps)
            });
        }
    }
    if let Some(recency) = d.behavior().and_then(SegmentBehaviors::recency) {
        out.push(Criterion {
            operator: recency.recency_type().map_or("ACTIVE", RecencyType::as_str).to_owned(),
            values: recency.duration().map_or("DAY_7", Duration::as_str).to_owned(),
            ..Criterion::new(Kind::Recency)
        });
    }
    let mut attributes = |kind: Kind, map: Option<&HashMap<String, AttributeDimension>>| {
        let mut entries: Vec<_> = map.into_iter().flatten().collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        for (name, dim) in entries {
            out.push(Criterion {
                name: name.clone(),
                operator: dim
                    .attribute_type()
                    .map_or("INCLUSIVE", AttributeType::as_str)
                    .to_owned(),
                values: super::join_values(dim.values()),
                ..Criterion::new(kind)
            });
        }
    };
    attributes(Kind::Attribute, d.attributes());
    attributes(Kind::UserAttribute, d.user_attributes());
    let mut metrics: Vec<_> = d.metrics().into_iter().flatten().collect();
    metrics.sort_by(|a, b| a.0.cmp(b.0));
    for (name, m) in metrics {
        out.push(Criterion {
            name: name.clone(),
            operator: m.comparison_operator().unwrap_or("EQUAL").to_owned(),
            values: float(m.value()),
            ..Criterion::new(Kind::Metric)
        });
    }
    out
}

impl From<&SegmentResponse> for SegmentDraft {
    fn from(s: &SegmentResponse) -> Self {
        let mut tags: Vec<String> = s
            .tags()
            .map(|t| t.iter().map(|(k, v)| format!("{k}={v}")).collect())
            .unwrap_or_default();
        tags.sort();
        let groups = if let Some(list) = s.segment_groups() {
            list.groups()
                .iter()
                .map(|g| GroupDraft {
                    kind: g.r#type().map_or("ALL", Type::as_str).to_owned(),
                    source_type: g.source_type().map_or("ANY", SourceType::as_str).to_owned(),
                    sources: g
                        .source_segments()
                        .iter()
                        .map(|r| SourceRef {
                            id: r.id().unwrap_or_default().to_owned(),
                            version: r.version().map(|v| v.to_string()).unwrap_or_default(),
                        })
                        .collect(),
                    sets: g.dimensions().iter().map(criteria_of).collect(),
                })
                .collect()
        } else {
            vec![GroupDraft {
                sets: s.dimensions().map(criteria_of).into_iter().collect(),
                ..GroupDraft::default()
            }]
        };
        Self {
            name: s.name().unwrap_or_default().to_owned(),
            include: s
                .segment_groups()
                .and_then(SegmentGroupList::include)
                .map_or("ALL", Include::as_str)
                .to_owned(),
            groups,
            tags: tags.join("\n"),
            top_level: s.segment_groups().is_none() && s.dimensions().is_some(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Validation and the SDK request.

fn set_dimension(c: &Criterion) -> Option<SetDimension> {
    SetDimension::builder()
        .dimension_type(DimensionType::from(c.operator.as_str()))
        .set_values(Some(list(&c.values)))
        .build()
        .into()
}

fn dimensions(set: &[Criterion], key: &str, errors: &mut FieldErrors) -> SegmentDimensions {
    let mut demo = SegmentDemographics::builder();
    let mut location = SegmentLocation::builder();
    let mut behavior = None;
    let mut attributes = HashMap::new();
    let mut user_attributes = HashMap::new();
    let mut metrics = HashMap::new();
    let mut seen: Vec<(Kind, String)> = Vec::new();
    for (i, c) in set.iter().enumerate() {
        let key = format!("{key}.c{i}");
        c.check(&key, errors);
        let identity = (c.kind, c.name.trim().to_owned());
        if seen.contains(&identity) {
            errors.add(
                format!("{key}.kind"),
                "Already tested in this set: put it in another set, or list both values in one row",
            );
        }
        seen.push(identity);
        match c.kind {
            Kind::Platform => demo = demo.set_platform(set_dimension(c)),
            Kind::AppVersion => demo = demo.set_app_version(set_dimension(c)),
            Kind::Channel => demo = demo.set_channel(set_dimension(c)),
            Kind::DeviceType => demo = demo.set_device_type(set_dimension(c)),
            Kind::Make => demo = demo.set_make(set_dimension(c)),
            Kind::Model => demo = demo.set_model(set_dimension(c)),
            Kind::Country => location = location.set_country(set_dimension(c)),
            Kind::Gps => {
                let num = |s: &str| s.trim().parse::<f64>().unwrap_or(0.0);
                let coordinates = GpsCoordinates::builder()
                    .latitude(num(&c.latitude))
                    .longitude(num(&c.longitude))
                    .build();
                location = location.set_gps_point(
                    GpsPointDimension::builder()
                        .coordinates(coordinates)
                        .range_in_kilometers(num(&c.range_km))
                        .build()
                        .into(),
                );
            }
            Kind::Recency => {
                behavior = RecencyDimension::builder()
                    .duration(Duration::from(c.values.trim()))
                    .recency_type(RecencyType::from(c.operator.as_str()))
                    .build()
                    .into();
            }
            Kind::Attribute | Kind::UserAttribute => {
                let dim = AttributeDimension::builder()
                    .attribute_type(AttributeType::from(c.operator.as_str()))
                    .set_values(Some(list(&c.values)))
                    .build();
                let map =
                    if c.kind == Kind::Attribute { &mut attributes } else { &mut user_attributes };
                map.insert(c.name.trim().to_owned(), dim);
            }
            Kind::Metric => {
                let dim = MetricDimension::builder()
                    .comparison_operator(c.operator.clone())
                    .value(c.values.trim().parse().unwrap_or(0.0))
                    .build();
                metrics.insert(c.name.trim().to_owned(), dim);
            }
        }
    }
    let demo = demo.build();
    let location = location.build();
    SegmentDimensions::builder()
        .set_demographic((demo != SegmentDemographics::builder().build()).then_some(demo))
        .set_location((location != SegmentLocation::builder().build()).then_some(location))
        .set_behavior(
            behavior.map(|r: RecencyDimension| SegmentBehaviors::builder().recency(r).build()),
        )
        .set_attributes((!attributes.is_empty()).then_some(attributes))
        .set_user_attributes((!user_attributes.is_empty()).then_some(user_attributes))
        .set_metrics((!metrics.is_empty()).then_some(metrics))
        .build()
}

impl SegmentDraft {
    /// Checks every row; the request to send, or a message per bad field.
    pub fn to_request(&self) -> Result<WriteSegmentRequest, FieldErrors> {
        let mut errors = FieldErrors::default();
        if self.name.trim().is_empty() {
            errors.add("name", "Give the segment a name");
        }
        if self.groups.is_empty() {
            errors.add("groups", "Add at least one group");
        }
        let mut groups = Vec::new();
        for (g, group) in self.groups.iter().enumerate() {
            let key = format!("g{g}");
            if group.sets.iter().all(Vec::is_empty) && group.sources.is_empty() {
                errors.add(format!("{key}.empty"), "Add a criterion or a base segment");
            }
            let mut sources = Vec::new();
            for (i, source) in group.sources.iter().enumerate() {
                if source.id.trim().is_empty() {
                    errors.add(format!("{key}.s{i}"), "Choose a segment");
                }
                let version =
                    super::parse_optional_int(&mut errors, format!("{key}.s{i}"), &source.version);
                sources.push(
                    SegmentReference::builder().id(source.id.trim()).set_version(version).build(),
                );
            }
            let sets: Vec<SegmentDimensions> = group
                .sets
                .iter()
                .enumerate()
                .filter(|(_, set)| !set.is_empty())
                .map(|(d, set)| dimensions(set, &format!("{key}.d{d}"), &mut errors))
                .collect();
            groups.push(
                SegmentGroup::builder()
                    .r#type(Type::from(group.kind.as_str()))
                    .set_source_type(
                        (!sources.is_empty()).then(|| SourceType::from(group.source_type.as_str())),
                    )
                    .set_source_segments((!sources.is_empty()).then_some(sources))
                    .set_dimensions((!sets.is_empty()).then_some(sets))
                    .build(),
            );
        }
        let tags = super::message::key_values(&mut errors, "tags", &self.tags);
        if !errors.is_empty() {
            return Err(errors);
        }
        let request = WriteSegmentRequest::builder()
            .name(self.name.trim())
            .set_tags((!tags.is_empty()).then(|| tags.into_iter().collect()));
        if let Some(set) = self.plain_dimensions() {
            // Already checked as group 1's set above.
            return Ok(request.dimensions(dimensions(set, "g0.d0", &mut errors)).build());
        }
        Ok(request
            .segment_groups(
                SegmentGroupList::builder()
                    .include(Include::from(self.include.as_str()))
                    .set_groups(Some(groups))
                    .build(),
            )
            .build())
    }

    /// The `WriteSegmentRequest` as JSON (values that do not parse are left out).
    #[must_use]
    pub fn to_json(&self) -> Value {
        let groups: Vec<Value> = self
            .groups
            .iter()
            .map(|g| {
                let mut group = Map::new();
                group.insert("Type".into(), json!(g.kind));
                if !g.sources.is_empty() {
                    group.insert("SourceType".into(), json!(g.source_type));
                    let sources: Vec<Value> = g
                        .sources
                        .iter()
                        .map(|s| match super::parse_int(&s.version) {
                            Some(v) => json!({"Id": s.id.trim(), "Version": v}),
                            None => json!({"Id": s.id.trim()}),
                        })
                        .collect();
                    group.insert("SourceSegments".into(), Value::Array(sources));
                }
                let sets: Vec<Value> =
                    g.sets.iter().filter(|s| !s.is_empty()).map(|s| dimensions_json(s)).collect();
                if !sets.is_empty() {
                    group.insert("Dimensions".into(), Value::Array(sets));
                }
                Value::Object(group)
            })
            .collect();
        let mut out = match self.plain_dimensions() {
            Some(set) => json!({"Name": self.name.trim(), "Dimensions": dimensions_json(set)}),
            None => json!({
                "Name": self.name.trim(),
                "SegmentGroups": {"Include": self.include, "Groups": groups},
            }),
        };
        let tags: Map<String, Value> = self
            .tags
            .lines()
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.trim().to_owned(), json!(v.trim())))
            .collect();
        if !tags.is_empty() {
            out["tags"] = Value::Object(tags);
        }
        out
    }
}

fn dimensions_json(set: &[Criterion]) -> Value {
    let mut out = Map::new();
    let mut insert = |section: &str, member: String, value: Value| {
        let entry = out.entry(section.to_owned()).or_insert_with(|| json!({}));
        entry[member] = value;
    };
    for c in set {
        match c.kind {
            Kind::Gps => {
                let num = |s: &str| s.trim().parse::<f64>().ok();
                if let (Some(lat), Some(lon)) = (num(&c.latitude), num(&c.longitude)) {
                    let mut gps = json!({"Coordinates": {"Latitude": lat, "Longitude": lon}});
                    if let Some(range) = num(&c.range_km) {
                        gps["RangeInKilometers"] = json!(range);
                    }
                    insert("Location", "GPSPoint".into(), gps);
                }
            }
            Kind::Recency => insert(
                "Behavior",
                "Recency".into(),
                json!({"Duration": c.values.trim(), "RecencyType": c.operator}),
            ),
            Kind::Attribute | Kind::UserAttribute => {
                let section =
                    if c.kind == Kind::Attribute { "Attributes" } else { "UserAttributes" };
                insert(
                    section,
                    c.name.trim().to_owned(),
                    json!({"AttributeType": c.operator, "Values": list(&c.values)}),
                );
            }
            Kind::Metric => {
                if let Ok(v) = c.values.trim().parse::<f64>() {
                    insert(
                        "Metrics",
                        c.name.trim().to_owned(),
                        json!({"ComparisonOperator": c.operator, "Value": v}),
                    );
                }
            }
            kind => {
                if let Some((section, member)) = kind.set_member() {
                    insert(
                        section,
                        member.to_owned(),
                        json!({"DimensionType": c.operator, "Values": list(&c.values)}),
                    );
                }
            }
        }
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two_groups() -> SegmentDraft {
        let platform =
            Criterion { values: "iOS, Android".into(), ..Criterion::new(Kind::Platform) };
        let recency = Criterion::new(Kind::Recency);
        let interests = Criterion {
            name: "interests".into(),
            operator: "CONTAINS".into(),
            values: "science".into(),
            ..Criterion::new(Kind::Attribute)
        };
        let score = Criterion {
            name: "score".into(),
            operator: "GREATER_THAN_OR_EQUAL".into(),
            values: "5".into(),
            ..Criterion::new(Kind::Metric)
        };
        let gps = Criterion {
            latitude: "47.6".into(),
            longitude: "-122.3".into(),
            ..Criterion::new(Kind::Gps)
        };
        SegmentDraft {
            name: "Mobile scientists".into(),
            include: "ALL".into(),
            groups: vec![
                GroupDraft { sets: vec![vec![platform, recency]], ..GroupDraft::default() },
                GroupDraft {
                    kind: "ANY".into(),
                    sets: vec![vec![interests], vec![score, gps]],
                    ..GroupDraft::default()
                },
            ],
            tags: String::new(),
            top_level: false,
        }
    }

    #[test]
    fn rows_read_as_sentences() {
        let d = two_groups();
        let s: Vec<String> = d
            .groups
            .iter()
            .flat_map(|g| g.sets.iter().flatten())
            .map(Criterion::sentence)
            .collect();
        assert_eq!(
            s,
            [
                "Platform is one of iOS, Android",
                "active in the last 7 days",
                "attribute interests contains science",
                "metric score >= 5",
                "within 25 km of 47.6, -122.3",
            ]
        );
        let country = Criterion {
            operator: "EXCLUSIVE".into(),
            values: "US".into(),
            ..Criterion::new(Kind::Country)
        };
        assert_eq!(country.sentence(), "Country is not US");
    }

    #[test]
    fn the_request_and_the_json_say_the_same() {
        let d = two_groups();
        let request = d.to_request().unwrap();
        let groups = request.segment_groups().unwrap().groups();
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[1].dimensions().len(), 2);
        assert_eq!(groups[1].r#type(), Some(&Type::Any));
        let json = d.to_json();
        assert_eq!(
            json["SegmentGroups"]["Groups"][0]["Dimensions"][0]["Demographic"]["Platform"]["Values"],
            json!(["iOS", "Android"])
        );
        assert_eq!(
            json["SegmentGroups"]["Groups"][1]["Dimensions"][1]["Metrics"]["score"]["Value"],
            json!(5.0)
        );
        assert_eq!(
            json["SegmentGroups"]["Groups"][1]["Dimensions"][1]["Location"]["GPSPoint"]["RangeInKilometers"],
            json!(25.0)
        );
    }

    #[test]
    fn bad_rows_are_refused_inline_and_kept() {
        let mut d = two_groups();
        d.groups[0].sets[0]
            .push(Criterion { values: "Web".into(), ..Criterion::new(Kind::Platform) });
        d.groups[1].sets[1][0].values = "lots".into();
        d.groups[1].sets[1][1].latitude = "95".into();
        d.groups[1].sets[0][0].operator = "BETWEEN".into();
        let errors = d.to_request().unwrap_err();
        assert!(errors.get("g0.d0.c2.kind").is_some(), "{errors:?}");
        assert!(errors.get("g1.d1.c0.values").is_some());
        assert!(errors.get("g1.d1.c1.latitude").is_some());
        assert!(errors.get("g1.d0.c0.values").unwrap().contains("Two ISO-8601 dates"));
        assert_eq!(d.groups[1].sets[1][0].values, "lots");
    }

    #[test]
    fn a_segment_from_the_service_round_trips() {
        let mut d = two_groups();
        // A value holding a comma is quoted, and stays one value.
        d.groups[1].sets[0][0].values = r#""Portland, OR", science"#.into();
        let request = d.to_request().unwrap();
        let interests = &request.segment_groups().unwrap().groups()[1].dimensions()[0];
        assert_eq!(
            interests.attributes().unwrap()["interests"].values(),
            ["Portland, OR", "science"]
        );
        let response = SegmentResponse::builder()
            .id("s")
            .arn("arn")
            .application_id("a")
            .creation_date("2026-01-01T00:00:00Z")
            .segment_type(aws_sdk_pinpoint::types::SegmentType::Dimensional)
            .set_name(request.name().map(str::to_owned))
            .set_segment_groups(request.segment_groups().cloned())
            .build();
        let mut back = SegmentDraft::from(&response);
        // The service's maps have no order; the draft lists attributes, then metrics.
        assert_eq!(back.groups[1].sets[1][0].kind, Kind::Gps);
        back.groups[1].sets[1].swap(0, 1);
        assert_eq!(back, d);
    }

    #[test]
    fn a_segment_of_plain_dimensions_is_written_back_as_such() {
        let platform = Criterion { values: "iOS".into(), ..Criterion::new(Kind::Platform) };
        let mut d = SegmentDraft {
            name: "Plain".into(),
            groups: vec![GroupDraft { sets: vec![vec![platform]], ..GroupDraft::default() }],
            top_level: true,
            ..SegmentDraft::default()
        };
        let request = d.to_request().unwrap();
        assert!(request.segment_groups().is_none());
        assert_eq!(
            request.dimensions().unwrap().demographic().unwrap().platform().unwrap().values(),
            ["iOS"]
        );
        assert!(d.to_json().get("Dimensions").is_some());
        let response = SegmentResponse::builder()
            .id("s")
            .name("Plain")
            .set_dimensions(request.dimensions().cloned())
            .build();
        assert_eq!(SegmentDraft::from(&response), d);
        // Once it needs groups, it is written as groups.
        d.groups.push(GroupDraft::default());
        d.groups[1].sets[0][0].values = "Android".into();
        let request = d.to_request().unwrap();
        assert!(request.dimensions().is_none());
        assert_eq!(request.segment_groups().unwrap().groups().len(), 2);
    }

    #[test]
    fn changing_the_kind_keeps_what_applies() {
        let mut c = Criterion {
            operator: "EXCLUSIVE".into(),
            values: "US".into(),
            ..Criterion::new(Kind::Country)
        };
        c.set_kind(Kind::Platform);
        assert_eq!((c.operator.as_str(), c.values.as_str()), ("EXCLUSIVE", "US"));
        c.set_kind(Kind::Metric);
        assert_eq!(c.operator, "EQUAL");
        c.set_kind(Kind::Recency);
        assert_eq!(c.values, "DAY_7");
    }
}
