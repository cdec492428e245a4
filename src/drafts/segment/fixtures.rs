//! Drafts the segment tests share.

use super::{Criterion, GroupDraft, Kind, SegmentDraft, SourceRef};

/// Two groups: platform and recency; ANY of an attribute, or a metric and a GPS point.
pub fn two_groups() -> SegmentDraft {
    let platform = Criterion { values: "iOS, Android".into(), ..Criterion::new(Kind::Platform) };
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

/// A segment with every member the builder covers: [`two_groups`], and a third group (NONE)
/// with two base segments and a set testing every other kind; included when ANY holds; tags.
pub fn full() -> SegmentDraft {
    let mut d = two_groups();
    d.include = "ANY".into();
    d.tags = "team=growth".into();
    let row = |kind: Kind, operator: &str, values: &str| Criterion {
        operator: operator.into(),
        values: values.into(),
        ..Criterion::new(kind)
    };
    d.groups.push(GroupDraft {
        kind: "NONE".into(),
        source_type: "ALL".into(),
        sources: vec![
            SourceRef { id: "base-1".into(), version: String::new() },
            SourceRef { id: "base-2".into(), version: "4".into() },
        ],
        sets: vec![vec![
            row(Kind::AppVersion, "INCLUSIVE", "1.0, 1.1"),
            row(Kind::Channel, "INCLUSIVE", "SMS"),
            row(Kind::DeviceType, "EXCLUSIVE", "TABLET"),
            row(Kind::Make, "INCLUSIVE", "Apple"),
            row(Kind::Model, "INCLUSIVE", r#""iPhone 15, Pro""#),
            row(Kind::Country, "EXCLUSIVE", "US"),
            Criterion {
                name: "tier".into(),
                ..row(Kind::UserAttribute, "BETWEEN", "2026-01-01T00:00:00Z, 2026-02-01T00:00:00Z")
            },
        ]],
    });
    d
}

/// The wire JSON of [`full`]'s request, written out by hand from the service model.
pub fn full_json() -> serde_json::Value {
    serde_json::json!({
        "Name": "Mobile scientists",
        "tags": {"team": "growth"},
        "SegmentGroups": {
            "Include": "ANY",
            "Groups": [
                {
                    "Type": "ALL",
                    "Dimensions": [{
                        "Demographic": {
                            "Platform": {"DimensionType": "INCLUSIVE", "Values": ["iOS", "Android"]}
                        },
                        "Behavior": {"Recency": {"Duration": "DAY_7", "RecencyType": "ACTIVE"}}
                    }]
                },
                {
                    "Type": "ANY",
                    "Dimensions": [
                        {
                            "Attributes": {
                                "interests": {"AttributeType": "CONTAINS", "Values": ["science"]}
                            }
                        },
                        {
                            "Metrics": {
                                "score": {"ComparisonOperator": "GREATER_THAN_OR_EQUAL", "Value": 5.0}
                            },
                            "Location": {
                                "GPSPoint": {
                                    "Coordinates": {"Latitude": 47.6, "Longitude": -122.3},
                                    "RangeInKilometers": 25.0
                                }
                            }
                        }
                    ]
                },
                {
                    "Type": "NONE",
                    "SourceType": "ALL",
                    "SourceSegments": [{"Id": "base-1"}, {"Id": "base-2", "Version": 4}],
                    "Dimensions": [{
                        "Demographic": {
                            "AppVersion": {"DimensionType": "INCLUSIVE", "Values": ["1.0", "1.1"]},
                            "Channel": {"DimensionType": "INCLUSIVE", "Values": ["SMS"]},
                            "DeviceType": {"DimensionType": "EXCLUSIVE", "Values": ["TABLET"]},
                            "Make": {"DimensionType": "INCLUSIVE", "Values": ["Apple"]},
                            "Model": {"DimensionType": "INCLUSIVE", "Values": ["iPhone 15, Pro"]}
                        },
                        "Location": {"Country": {"DimensionType": "EXCLUSIVE", "Values": ["US"]}},
                        "UserAttributes": {
                            "tier": {
                                "AttributeType": "BETWEEN",
                                "Values": ["2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"]
                            }
                        }
                    }]
                }
            ]
        }
    })
}
