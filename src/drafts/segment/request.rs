//! The draft as the request the worker sends: every row checked, error keys as the form's
//! field names (`g0.d1.c2.values`: group 1, set 2, criterion 3).

use std::collections::HashMap;

use aws_sdk_pinpoint::types::{
    AttributeDimension, AttributeType, DimensionType, Duration, GpsCoordinates, GpsPointDimension,
    Include, MetricDimension, RecencyDimension, RecencyType, SegmentBehaviors, SegmentDemographics,
    SegmentDimensions, SegmentGroup, SegmentGroupList, SegmentLocation, SegmentReference,
    SetDimension, SourceType, Type, WriteSegmentRequest,
};

use super::{Criterion, Kind, SegmentDraft, list};
use crate::drafts::FieldErrors;

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
                let version = crate::drafts::parse_optional_int(
                    &mut errors,
                    format!("{key}.s{i}"),
                    &source.version,
                );
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
        let tags = crate::drafts::message::key_values(&mut errors, "tags", &self.tags);
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
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::drafts::segment::fixtures::two_groups;

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
}
