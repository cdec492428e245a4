//! `EndpointResponse` and its parts as the mock stores them: typed, with what endpoints have
//! in common stored once (`compact`), serialized exactly as the service's JSON.

use std::hash::Hash;

use serde::{Deserialize, Serialize};

use crate::mock::compact::{Shared, SmallMap, Text, poolable};

/// A list-of-strings map (`Attributes`, `UserAttributes`).
pub type StringLists = SmallMap<Text, Box<[Text]>>;

poolable!(EndpointDemographic, EndpointLocation, StringLists);

/// `EndpointDemographic`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct EndpointDemographic {
    /// App version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_version: Option<Text>,
    /// Locale, `ll_CC`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locale: Option<Text>,
    /// Manufacturer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub make: Option<Text>,
    /// Model.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<Text>,
    /// Model version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model_version: Option<Text>,
    /// Platform, e.g. `iOS`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform: Option<Text>,
    /// Platform version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform_version: Option<Text>,
    /// IANA time zone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timezone: Option<Text>,
}

/// `EndpointLocation`. Equal when every member is bit for bit (so a shared location
/// serializes as each endpoint's own did, `-0.0` included).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct EndpointLocation {
    /// City.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<Text>,
    /// ISO 3166-1 alpha-2 country.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<Text>,
    /// Latitude.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latitude: Option<f64>,
    /// Longitude.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub longitude: Option<f64>,
    /// Postal code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<Text>,
    /// Region.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Text>,
}

impl EndpointLocation {
    fn bits(&self) -> impl PartialEq + Hash + '_ {
        let bits = |v: Option<f64>| v.map(f64::to_bits);
        (
            &self.city,
            &self.country,
            bits(self.latitude),
            bits(self.longitude),
            &self.postal_code,
            &self.region,
        )
    }
}

impl PartialEq for EndpointLocation {
    fn eq(&self, other: &Self) -> bool {
        self.bits() == other.bits()
    }
}

impl Eq for EndpointLocation {}

impl Hash for EndpointLocation {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.bits().hash(state);
    }
}

/// `EndpointUser`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct EndpointUser {
    /// User attributes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_attributes: Option<Shared<StringLists>>,
    /// The user id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
}

/// `EndpointResponse`: an endpoint as stored (typed, so a million of them fit in memory and
/// segments evaluate by field access rather than map look-ups). What endpoints have in common
/// is stored once (`compact`): the ids, addresses and user ids are their own, the rest is
/// shared text and shared demographic, location and attribute lists.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Endpoint {
    /// Address (token, phone number, email).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// The project id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub application_id: Option<Text>,
    /// Custom attributes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attributes: Option<Shared<StringLists>>,
    /// Channel type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel_type: Option<Text>,
    /// Cohort, "0"-"99".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cohort_id: Option<Text>,
    /// First write.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub creation_date: Option<Text>,
    /// Demographic.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub demographic: Option<Shared<EndpointDemographic>>,
    /// Last update.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_date: Option<Text>,
    /// `ACTIVE` or `INACTIVE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub endpoint_status: Option<Text>,
    /// The id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Location.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Shared<EndpointLocation>>,
    /// Custom metrics.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metrics: Option<SmallMap<Text, f64>>,
    /// `ALL` or `NONE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opt_out: Option<Text>,
    /// The request that last wrote it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<Text>,
    /// The user.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<EndpointUser>,
}

impl Endpoint {
    /// The endpoint as JSON, in the `EndpointResponse` shape.
    #[must_use]
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }

    /// The id, or "".
    #[must_use]
    pub fn id(&self) -> &str {
        self.id.as_deref().unwrap_or_default()
    }

    /// The user id, if any.
    #[must_use]
    pub fn user_id(&self) -> Option<&str> {
        self.user.as_ref()?.user_id.as_deref()
    }

    /// True when it may be messaged (not opted out of everything, not inactive).
    #[must_use]
    pub fn is_messageable(&self) -> bool {
        self.opt_out.as_deref() != Some("ALL")
            && self.endpoint_status.as_deref() != Some("INACTIVE")
    }

    /// The cohort, 0-99.
    #[must_use]
    pub fn cohort(&self) -> u8 {
        self.cohort_id.as_deref().and_then(|c| c.parse().ok()).unwrap_or(0)
    }

    /// The IANA time zone name, if set.
    #[must_use]
    pub fn timezone(&self) -> Option<&str> {
        self.demographic.as_ref()?.timezone.as_deref()
    }
}

#[cfg(test)]
mod tests;
