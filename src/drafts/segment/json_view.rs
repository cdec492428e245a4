//! The request as JSON (the JSON view, the CLI command, the estimate, the version diff).

use serde_json::{Map, Value, json};

use super::{Criterion, Kind, SegmentDraft, list};

impl SegmentDraft {
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
                        .map(|s| match crate::drafts::parse_int(&s.version) {
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
