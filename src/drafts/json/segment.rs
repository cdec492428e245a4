//! `WriteSegmentRequest` as wire JSON, shape by shape as the service model names them. Every
//! member of these shapes is written when set.

use aws_sdk_pinpoint::types::{
    Duration, GpsCoordinates, GpsPointDimension, Include, RecencyDimension, RecencyType,
    SegmentBehaviors, SegmentDemographics, SegmentDimensions, SegmentGroup, SegmentGroupList,
    SegmentLocation, SegmentReference, SourceType, Type, WriteSegmentRequest,
};
use serde_json::Value;

use super::{Object, attribute_dimension, metric_dimension, set_dimension, strings};

/// The request body of CreateSegment and UpdateSegment, and the definition the mock's audience
/// estimate and segment sizes take.
#[must_use]
pub fn write_segment_request(r: &WriteSegmentRequest) -> Value {
    Object::new()
        .member("Dimensions", r.dimensions.as_ref(), segment_dimensions)
        .string("Name", r.name.as_deref())
        .member("SegmentGroups", r.segment_groups.as_ref(), segment_group_list)
        .member("tags", r.tags.as_ref(), strings)
        .done()
}

fn segment_group_list(l: &SegmentGroupList) -> Value {
    Object::new()
        .list("Groups", l.groups.as_ref(), segment_group)
        .string("Include", l.include.as_ref().map(Include::as_str))
        .done()
}

fn segment_group(g: &SegmentGroup) -> Value {
    Object::new()
        .list("Dimensions", g.dimensions.as_ref(), segment_dimensions)
        .list("SourceSegments", g.source_segments.as_ref(), segment_reference)
        .string("SourceType", g.source_type.as_ref().map(SourceType::as_str))
        .string("Type", g.r#type.as_ref().map(Type::as_str))
        .done()
}

fn segment_reference(r: &SegmentReference) -> Value {
    Object::new().string("Id", r.id.as_deref()).integer("Version", r.version).done()
}

pub(super) fn segment_dimensions(d: &SegmentDimensions) -> Value {
    Object::new()
        .map("Attributes", d.attributes.as_ref(), attribute_dimension)
        .member("Behavior", d.behavior.as_ref(), segment_behaviors)
        .member("Demographic", d.demographic.as_ref(), segment_demographics)
        .member("Location", d.location.as_ref(), segment_location)
        .map("Metrics", d.metrics.as_ref(), metric_dimension)
        .map("UserAttributes", d.user_attributes.as_ref(), attribute_dimension)
        .done()
}

fn segment_behaviors(b: &SegmentBehaviors) -> Value {
    Object::new().member("Recency", b.recency.as_ref(), recency_dimension).done()
}

fn recency_dimension(r: &RecencyDimension) -> Value {
    Object::new()
        .string("Duration", r.duration.as_ref().map(Duration::as_str))
        .string("RecencyType", r.recency_type.as_ref().map(RecencyType::as_str))
        .done()
}

fn segment_demographics(d: &SegmentDemographics) -> Value {
    Object::new()
        .member("AppVersion", d.app_version.as_ref(), set_dimension)
        .member("Channel", d.channel.as_ref(), set_dimension)
        .member("DeviceType", d.device_type.as_ref(), set_dimension)
        .member("Make", d.make.as_ref(), set_dimension)
        .member("Model", d.model.as_ref(), set_dimension)
        .member("Platform", d.platform.as_ref(), set_dimension)
        .done()
}

fn segment_location(l: &SegmentLocation) -> Value {
    Object::new()
        .member("Country", l.country.as_ref(), set_dimension)
        .member("GPSPoint", l.gps_point.as_ref(), gps_point)
        .done()
}

fn gps_point(p: &GpsPointDimension) -> Value {
    Object::new()
        .member("Coordinates", p.coordinates.as_ref(), gps_coordinates)
        .double("RangeInKilometers", p.range_in_kilometers)
        .done()
}

fn gps_coordinates(c: &GpsCoordinates) -> Value {
    Object::new().double("Latitude", c.latitude).double("Longitude", c.longitude).done()
}

#[cfg(test)]
mod tests {
    use aws_sdk_pinpoint::types::{SegmentResponse, SegmentType};

    use super::*;
    use crate::drafts::segment::SegmentDraft;
    use crate::drafts::segment::fixtures::{full, full_json};

    fn stored(r: &WriteSegmentRequest) -> SegmentResponse {
        SegmentResponse::builder()
            .id("s1")
            .arn("arn")
            .application_id("app")
            .creation_date("2026-01-01T00:00:00Z")
            .segment_type(SegmentType::Dimensional)
            .version(2)
            .set_name(r.name.clone())
            .set_dimensions(r.dimensions.clone())
            .set_segment_groups(r.segment_groups.clone())
            .set_tags(r.tags.clone())
            .build()
    }

    #[test]
    fn a_full_draft_is_the_wire_json_member_for_member() {
        let request = full().to_request().unwrap();
        assert_eq!(write_segment_request(&request), full_json());
    }

    #[test]
    fn a_stored_segment_round_trips_to_the_same_json() {
        let request = full().to_request().unwrap();
        let back = SegmentDraft::from(&stored(&request)).to_request().unwrap();
        assert_eq!(write_segment_request(&back), full_json());
    }
}
