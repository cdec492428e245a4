//! From the service: `SegmentResponse` (segment groups, or plain dimensions) into the builder's
//! draft. The only place that reads the SDK's segment types into a draft.

use std::collections::HashMap;

use aws_sdk_pinpoint::types::{
    AttributeDimension, AttributeType, DimensionType, Duration, GpsCoordinates, Include,
    RecencyType, SegmentBehaviors, SegmentDimensions, SegmentGroupList, SegmentResponse,
    SetDimension, SourceType, Type,
};

use super::{Criterion, GroupDraft, Kind, SegmentDraft, SourceRef};

fn float(v: Option<f64>) -> String {
    v.map(|n| n.to_string()).unwrap_or_default()
}

fn set_values(d: &SetDimension) -> (String, String) {
    let op = d.dimension_type().map_or("INCLUSIVE", DimensionType::as_str).to_owned();
    (op, crate::drafts::join_values(d.values()))
}

pub(crate) fn criteria_of(d: &SegmentDimensions) -> Vec<Criterion> {
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
                values: crate::drafts::join_values(dim.values()),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drafts::segment::fixtures::two_groups;

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
}
