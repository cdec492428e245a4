//! Drafts the segment tests share.

use super::{Criterion, GroupDraft, Kind, SegmentDraft};

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
