//! The segment builder's state: segment groups of dimension sets of criteria, as typed (plain
//! data, no egui). One file per concern: `criterion` holds what a row tests (kinds, operators,
//! its sentence and checks); `from_sdk` reads a `SegmentResponse` into a draft; `request` is
//! the one builder of the `WriteSegmentRequest` (lenient `build`, strict `to_request`, and
//! `to_json` through `drafts::json`, the one serializer).

mod criterion;
mod from_sdk;
mod request;

#[cfg(test)]
pub(crate) mod fixtures;

pub use criterion::{
    ATTRIBUTE_TYPES, Criterion, DURATIONS, Kind, METRIC_OPERATORS, duration_words, operator_words,
};
pub(crate) use from_sdk::criteria_of;
pub(crate) use request::dimensions;

use serde::{Deserialize, Serialize};

/// Group and include types.
pub const GROUP_TYPES: [&str; 3] = ["ALL", "ANY", "NONE"];

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

/// The values of a comma-separated field.
fn list(s: &str) -> Vec<String> {
    super::split_values(s)
}
