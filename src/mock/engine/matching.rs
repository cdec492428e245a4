//! How a compiled segment `Filter` tests one endpoint (and an event, for event-triggered
//! campaigns). This runs for every endpoint of every evaluation, so it reads the typed
//! endpoint in place and allocates nothing per endpoint.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::segment::{AttributeKind, Candidate, Comparison, Field, Filter, compile_dimensions};
use crate::mock::compact::Text;
use crate::mock::wire::{Endpoint, EndpointDemographic};

/// Calls `f` with each value of an endpoint field, stopping when it returns true; no
/// allocation, as this runs for every endpoint of every evaluation.
fn any_field_value(endpoint: &Endpoint, field: Field, f: impl FnMut(&str) -> bool) -> bool {
    let demographic = |pick: fn(&EndpointDemographic) -> Option<&Text>| {
        endpoint.demographic.as_deref().and_then(pick).map(Text::as_str)
    };
    let one = match field {
        Field::AppVersion => demographic(|d| d.app_version.as_ref()),
        Field::Channel => endpoint.channel_type.as_deref(),
        Field::Make => demographic(|d| d.make.as_ref()),
        Field::Model => demographic(|d| d.model.as_ref()),
        Field::Platform => demographic(|d| d.platform.as_ref()),
        Field::Country => endpoint.location.as_ref().and_then(|l| l.country.as_deref()),
        Field::DeviceType => {
            let attr = endpoint.attributes.as_ref().and_then(|a| a.get("DeviceType"));
            match attr {
                Some(values) if !values.is_empty() => {
                    return values.iter().map(Text::as_str).any(f);
                }
                _ => demographic(|d| d.model.as_ref()),
            }
        }
    };
    one.is_some_and(f)
}

fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text).ok().map(|t| t.with_timezone(&Utc)).or_else(|| {
        chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()?
            .and_hms_opt(0, 0, 0)
            .map(|d| d.and_utc())
    })
}

fn attribute_matches(kind: AttributeKind, have: &[Text], want: &[String]) -> bool {
    let first_time = || want.first().and_then(|w| parse_time(w));
    let strings = || have.iter().map(Text::as_str);
    let times = || strings().filter_map(parse_time);
    match kind {
        AttributeKind::Inclusive => strings().any(|h| want.iter().any(|w| w == h)),
        AttributeKind::Exclusive => !strings().any(|h| want.iter().any(|w| w == h)),
        AttributeKind::Contains => strings().any(|h| want.iter().any(|w| h.contains(w.as_str()))),
        AttributeKind::Before => first_time().is_some_and(|w| times().any(|t| t < w)),
        AttributeKind::After => first_time().is_some_and(|w| times().any(|t| t > w)),
        AttributeKind::On => {
            first_time().is_some_and(|w| times().any(|t| t.date_naive() == w.date_naive()))
        }
        AttributeKind::Between => {
            let (Some(from), Some(to)) =
                (want.first().and_then(|w| parse_time(w)), want.get(1).and_then(|w| parse_time(w)))
            else {
                return false;
            };
            times().any(|t| t >= from && t <= to)
        }
    }
}

/// True when an event's `Attributes` and `Metrics` satisfy an event filter's `Dimensions`
/// (`Attributes`, `Metrics`; the `EventType` is checked by the caller). The event is tested the
/// way an endpoint is: each attribute as a one-value list.
#[must_use]
pub fn event_matches(dimensions: &Value, event: &Value, now: DateTime<Utc>) -> bool {
    let wanted = serde_json::json!({
        "Attributes": dimensions.get("Attributes").cloned().unwrap_or(Value::Null),
        "Metrics": dimensions.get("Metrics").cloned().unwrap_or(Value::Null),
    });
    let filter = compile_dimensions(&wanted);
    if matches!(filter, Filter::All) {
        return true;
    }
    let attributes: serde_json::Map<String, Value> = event
        .get("Attributes")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(k, v)| Some((k.clone(), serde_json::json!([v.as_str()?]))))
        .collect();
    let as_endpoint = serde_json::json!({
        "Attributes": attributes,
        "Metrics": event.get("Metrics").cloned().unwrap_or_else(|| serde_json::json!({})),
    });
    let Ok(endpoint) = serde_json::from_value::<Endpoint>(as_endpoint) else { return false };
    filter.matches(&Candidate { id: "", endpoint: &endpoint, last_active: None }, now)
}

/// Great-circle distance in kilometres.
#[must_use]
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    6371.0 * 2.0 * a.sqrt().asin()
}

impl Filter {
    /// True when the endpoint belongs.
    #[must_use]
    pub fn matches(&self, c: &Candidate<'_>, now: DateTime<Utc>) -> bool {
        match self {
            Self::All => true,
            Self::And(parts) => parts.iter().all(|p| p.matches(c, now)),
            Self::Or(parts) => parts.iter().any(|p| p.matches(c, now)),
            Self::Not(inner) => !inner.matches(c, now),
            Self::Set { field, values, exclusive } => {
                let found = any_field_value(c.endpoint, *field, |v| {
                    values.iter().any(|w| w.eq_ignore_ascii_case(v))
                });
                found != *exclusive
            }
            Self::Attribute { user, name, kind, values } => {
                let map = if *user {
                    c.endpoint.user.as_ref().and_then(|u| u.user_attributes.as_ref())
                } else {
                    c.endpoint.attributes.as_ref()
                };
                let have = map.and_then(|m| m.get(name.as_str())).map_or(&[][..], |v| &v[..]);
                attribute_matches(*kind, have, values)
            }
            Self::Metric { name, op, value } => {
                let Some(have) =
                    c.endpoint.metrics.as_ref().and_then(|m| m.get(name.as_str())).copied()
                else {
                    return false;
                };
                match op {
                    Comparison::Greater => have > *value,
                    Comparison::Less => have < *value,
                    Comparison::GreaterOrEqual => have >= *value,
                    Comparison::LessOrEqual => have <= *value,
                    Comparison::Equal => (have - value).abs() < f64::EPSILON,
                }
            }
            Self::Near { lat, lon, km } => {
                let location = c.endpoint.location.as_ref();
                match (location.and_then(|l| l.latitude), location.and_then(|l| l.longitude)) {
                    (Some(a), Some(b)) => haversine_km(*lat, *lon, a, b) <= *km,
                    _ => false,
                }
            }
            Self::Recency { window, active } => {
                let recent = c.last_active.is_some_and(|t| now - t <= *window);
                recent == *active
            }
            Self::Members(ids) => ids.contains(c.id),
        }
    }
}
