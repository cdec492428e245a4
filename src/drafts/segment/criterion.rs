//! One criterion row: what it tests (its kind and the wire member behind it), its operators,
//! how it reads as a sentence, and its checks.

use serde::{Deserialize, Serialize};

use super::list;
use crate::drafts::FieldErrors;

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

    pub(super) fn check(&self, key: &str, errors: &mut FieldErrors) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drafts::segment::fixtures::two_groups;

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
