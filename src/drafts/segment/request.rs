//! The draft as `WriteSegmentRequest`, built in one place: [`SegmentDraft::build`] always gives
//! a request, [`SegmentDraft::to_request`] is the strict one a save sends, and
//! [`SegmentDraft::to_json`] the lenient one through the serializer (the JSON view, the CLI
//! command, the audience estimate, the segment sizes, the version diff). Error keys are the
//! form's field names (`g0.d1.c2.values`: group 1, set 2, criterion 3; `g0.s1`: base segment 2).
//!
//! A row with a message (a criterion, a base segment) is left out of the lenient request
//! whole: an incomplete criterion does not count in the estimate, rather than matching nobody.

use std::collections::HashMap;

use aws_sdk_pinpoint::types::{
    AttributeDimension, AttributeType, DimensionType, Duration, GpsCoordinates, GpsPointDimension,
    Include, MetricDimension, RecencyDimension, RecencyType, SegmentBehaviors, SegmentDemographics,
    SegmentDimensions, SegmentGroup, SegmentGroupList, SegmentLocation, SegmentReference,
    SetDimension, SourceType, Type, WriteSegmentRequest,
};
use serde_json::Value;

use super::{Criterion, GroupDraft, Kind, SegmentDraft, list};
use crate::drafts::{FieldErrors, parse_optional_int};

/// The criteria of one dimension set, gathered member by member.
#[derive(Debug)]
struct Dimensions {
    demographic: SegmentDemographics,
    location: SegmentLocation,
    recency: Option<RecencyDimension>,
    attributes: HashMap<String, AttributeDimension>,
    user_attributes: HashMap<String, AttributeDimension>,
    metrics: HashMap<String, MetricDimension>,
}

fn set_dimension(c: &Criterion) -> Option<SetDimension> {
    SetDimension::builder()
        .dimension_type(DimensionType::from(c.operator.as_str()))
        .set_values(Some(list(&c.values)))
        .build()
        .into()
}

fn number(text: &str) -> Option<f64> {
    text.trim().parse().ok()
}

impl Dimensions {
    fn new() -> Self {
        Self {
            demographic: SegmentDemographics::builder().build(),
            location: SegmentLocation::builder().build(),
            recency: None,
            attributes: HashMap::new(),
            user_attributes: HashMap::new(),
            metrics: HashMap::new(),
        }
    }

    /// Adds a criterion that passed its checks.
    fn add(&mut self, c: &Criterion) {
        let (demo, location) = (&mut self.demographic, &mut self.location);
        match c.kind {
            Kind::Platform => demo.platform = set_dimension(c),
            Kind::AppVersion => demo.app_version = set_dimension(c),
            Kind::Channel => demo.channel = set_dimension(c),
            Kind::DeviceType => demo.device_type = set_dimension(c),
            Kind::Make => demo.make = set_dimension(c),
            Kind::Model => demo.model = set_dimension(c),
            Kind::Country => location.country = set_dimension(c),
            Kind::Gps => {
                let coordinates = GpsCoordinates::builder()
                    .set_latitude(number(&c.latitude))
                    .set_longitude(number(&c.longitude))
                    .build();
                location.gps_point = GpsPointDimension::builder()
                    .coordinates(coordinates)
                    .set_range_in_kilometers(number(&c.range_km))
                    .build()
                    .into();
            }
            Kind::Recency => {
                self.recency = RecencyDimension::builder()
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
                let map = if c.kind == Kind::Attribute {
                    &mut self.attributes
                } else {
                    &mut self.user_attributes
                };
                map.insert(c.name.trim().to_owned(), dim);
            }
            Kind::Metric => {
                let dim = MetricDimension::builder()
                    .comparison_operator(c.operator.clone())
                    .set_value(number(&c.values))
                    .build();
                self.metrics.insert(c.name.trim().to_owned(), dim);
            }
        }
    }

    /// The set, each member left out while nothing tests it.
    fn build(self) -> SegmentDimensions {
        let demographic = self.demographic;
        let location = self.location;
        let maps = |m: HashMap<String, _>| (!m.is_empty()).then_some(m);
        SegmentDimensions::builder()
            .set_demographic(
                (demographic != SegmentDemographics::builder().build()).then_some(demographic),
            )
            .set_location((location != SegmentLocation::builder().build()).then_some(location))
            .set_behavior(self.recency.map(|r| SegmentBehaviors::builder().recency(r).build()))
            .set_attributes(maps(self.attributes))
            .set_user_attributes(maps(self.user_attributes))
            .set_metrics((!self.metrics.is_empty()).then_some(self.metrics))
            .build()
    }
}

/// One dimension set (keys `g0.d1`): every row checked, and one tested twice refused; the rows
/// without a message make the set.
pub(crate) fn dimensions(
    set: &[Criterion],
    key: &str,
    errors: &mut FieldErrors,
) -> SegmentDimensions {
    let mut out = Dimensions::new();
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
        if !errors.any_under(&format!("{key}.")) {
            out.add(c);
        }
    }
    out.build()
}

/// One group (keys `g0…`): its base segments and its dimension sets, a set left out when none
/// of its rows is complete.
fn group(group: &GroupDraft, key: &str, errors: &mut FieldErrors) -> SegmentGroup {
    if group.sets.iter().all(Vec::is_empty) && group.sources.is_empty() {
        errors.add(format!("{key}.empty"), "Add a criterion or a base segment");
    }
    let mut sources = Vec::new();
    for (i, source) in group.sources.iter().enumerate() {
        let field = format!("{key}.s{i}");
        if source.id.trim().is_empty() {
            errors.add(&field, "Choose a segment");
        }
        let version = parse_optional_int(errors, &field, &source.version);
        if errors.get(&field).is_none() {
            sources.push(
                SegmentReference::builder().id(source.id.trim()).set_version(version).build(),
            );
        }
    }
    let sets: Vec<SegmentDimensions> = group
        .sets
        .iter()
        .enumerate()
        .filter(|(_, set)| !set.is_empty())
        .map(|(d, set)| dimensions(set, &format!("{key}.d{d}"), errors))
        .filter(|set| *set != SegmentDimensions::builder().build())
        .collect();
    SegmentGroup::builder()
        .r#type(Type::from(group.kind.as_str()))
        .set_source_type(
            (!sources.is_empty()).then(|| SourceType::from(group.source_type.as_str())),
        )
        .set_source_segments((!sources.is_empty()).then_some(sources))
        .set_dimensions((!sets.is_empty()).then_some(sets))
        .build()
}

impl SegmentDraft {
    /// The request as far as the draft can say, and a message per field that needs attention.
    /// Always a request: a criterion or base segment with a message is left out of it (and a
    /// set none of whose rows is complete), so the estimate counts what is complete.
    #[must_use]
    pub fn build(&self) -> (WriteSegmentRequest, FieldErrors) {
        let mut errors = FieldErrors::default();
        if self.name.trim().is_empty() {
            errors.add("name", "Give the segment a name");
        }
        if self.groups.is_empty() {
            errors.add("groups", "Add at least one group");
        }
        let groups: Vec<SegmentGroup> = self
            .groups
            .iter()
            .enumerate()
            .map(|(g, draft)| group(draft, &format!("g{g}"), &mut errors))
            .collect();
        let tags = crate::drafts::message::key_values(&mut errors, "tags", &self.tags);
        let request = WriteSegmentRequest::builder()
            .set_name(Some(self.name.trim()).filter(|n| !n.is_empty()).map(str::to_owned))
            .set_tags((!tags.is_empty()).then(|| tags.into_iter().collect()));
        let request = if self.plain_dimensions().is_some() {
            // The one set of the one group, as built above (its messages recorded there).
            let set =
                groups.into_iter().next().and_then(|g| g.dimensions).and_then(|mut d| d.pop());
            request.dimensions(set.unwrap_or_else(|| SegmentDimensions::builder().build()))
        } else {
            request.segment_groups(
                SegmentGroupList::builder()
                    .include(Include::from(self.include.as_str()))
                    .set_groups(Some(groups))
                    .build(),
            )
        };
        (request.build(), errors)
    }

    /// The request to save: refused, with a message per field, while any field needs attention.
    pub fn to_request(&self) -> Result<WriteSegmentRequest, FieldErrors> {
        let (request, errors) = self.build();
        if errors.is_empty() { Ok(request) } else { Err(errors) }
    }

    /// The request as wire JSON: the lenient [`build`](Self::build) through the one serializer,
    /// `drafts::json::segment`. The JSON view, the CLI command, the audience estimate, the
    /// segment sizes and the version diff all use it.
    #[must_use]
    pub fn to_json(&self) -> Value {
        crate::drafts::json::segment::write_segment_request(&self.build().0)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::drafts::segment::SourceRef;
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

    #[test]
    fn incomplete_rows_are_left_out_of_the_lenient_request() {
        // A new builder: its one row has no value yet, so it tests nothing (everyone matches),
        // rather than "platform is one of (nothing)" (nobody).
        let (_, errors) = SegmentDraft::default().build();
        assert!(errors.get("g0.d0.c0.values").is_some(), "{errors:?}");
        assert_eq!(
            SegmentDraft::default().to_json(),
            json!({"SegmentGroups": {"Include": "ALL", "Groups": [{"Type": "ALL"}]}})
        );

        let mut d = two_groups();
        d.groups[1].sets[1][0].values = "lots".into();
        d.groups[0].sets[0]
            .push(Criterion { values: "Web".into(), ..Criterion::new(Kind::Platform) });
        d.groups[0].sources.push(SourceRef::default());
        d.groups[0].sources.push(SourceRef { id: "base".into(), version: "v2".into() });
        d.groups[0].sources.push(SourceRef { id: "kept".into(), version: "2".into() });
        let (_, errors) = d.build();
        for key in ["g1.d1.c0.values", "g0.d0.c2.kind", "g0.s0", "g0.s1"] {
            assert!(errors.get(key).is_some(), "{key}: {errors:?}");
        }
        assert_eq!(d.to_request().unwrap_err(), errors);
        let json = d.to_json();
        let groups = &json["SegmentGroups"]["Groups"];
        // The first Platform row stays; the second, a repeat, is left out.
        assert_eq!(
            groups[0]["Dimensions"][0]["Demographic"]["Platform"]["Values"],
            json!(["iOS", "Android"])
        );
        assert_eq!(groups[0]["SourceSegments"], json!([{"Id": "kept", "Version": 2}]));
        // The metric that is not a number is left out; the GPS point beside it stays.
        assert!(groups[1]["Dimensions"][1].get("Metrics").is_none());
        assert!(groups[1]["Dimensions"][1]["Location"].get("GPSPoint").is_some());
        // A set none of whose rows is complete is left out.
        d.groups[1].sets[1].remove(1);
        assert_eq!(
            d.to_json()["SegmentGroups"]["Groups"][1]["Dimensions"].as_array().map(Vec::len),
            Some(1)
        );
    }
}
