//! The compact endpoint serializes exactly as the plain one it replaced (kept here as
//! `plain`): the JSON on the wire and in stored rows must not change.

use proptest::prelude::*;

use super::Endpoint;

#[allow(clippy::struct_field_names)]
mod plain {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Serialize};

    /// A list-of-strings map (`Attributes`, `UserAttributes`).
    pub type StringLists = BTreeMap<String, Vec<String>>;

    /// `EndpointDemographic`.
    #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct EndpointDemographic {
        /// App version.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub app_version: Option<String>,
        /// Locale, `ll_CC`.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub locale: Option<String>,
        /// Manufacturer.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub make: Option<String>,
        /// Model.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub model: Option<String>,
        /// Model version.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub model_version: Option<String>,
        /// Platform, e.g. `iOS`.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub platform: Option<String>,
        /// Platform version.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub platform_version: Option<String>,
        /// IANA time zone.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub timezone: Option<String>,
    }

    /// `EndpointLocation`.
    #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct EndpointLocation {
        /// City.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub city: Option<String>,
        /// ISO 3166-1 alpha-2 country.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub country: Option<String>,
        /// Latitude.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub latitude: Option<f64>,
        /// Longitude.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub longitude: Option<f64>,
        /// Postal code.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub postal_code: Option<String>,
        /// Region.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub region: Option<String>,
    }

    /// `EndpointUser`.
    #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct EndpointUser {
        /// User attributes.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub user_attributes: Option<StringLists>,
        /// The user id.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub user_id: Option<String>,
    }

    /// `EndpointResponse`: an endpoint as stored (typed, so a million of them fit in memory and
    /// segments evaluate by field access rather than map look-ups).
    #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct Endpoint {
        /// Address (token, phone number, email).
        #[serde(skip_serializing_if = "Option::is_none")]
        pub address: Option<String>,
        /// The project id.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub application_id: Option<String>,
        /// Custom attributes.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub attributes: Option<StringLists>,
        /// Channel type.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub channel_type: Option<String>,
        /// Cohort, "0"-"99".
        #[serde(skip_serializing_if = "Option::is_none")]
        pub cohort_id: Option<String>,
        /// First write.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub creation_date: Option<String>,
        /// Demographic.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub demographic: Option<EndpointDemographic>,
        /// Last update.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub effective_date: Option<String>,
        /// `ACTIVE` or `INACTIVE`.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub endpoint_status: Option<String>,
        /// The id.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub id: Option<String>,
        /// Location.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub location: Option<EndpointLocation>,
        /// Custom metrics.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub metrics: Option<BTreeMap<String, f64>>,
        /// `ALL` or `NONE`.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub opt_out: Option<String>,
        /// The request that last wrote it.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub request_id: Option<String>,
        /// The user.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub user: Option<EndpointUser>,
    }
}

/// Text that a JSON string can hold, escapes and non-ASCII included.
fn text() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["", "iOS", "US", "a\"b", "ü\\n", "\u{1F600}", "2.1.0", "A"])
        .prop_map(str::to_owned)
}

/// A JSON object with possibly repeated keys (the last one wins).
fn object(value: BoxedStrategy<String>) -> impl Strategy<Value = String> {
    prop::collection::vec((text(), value), 0..4).prop_map(|pairs| {
        let members: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{}:{v}", serde_json::to_string(k).unwrap_or_default()))
            .collect();
        format!("{{{}}}", members.join(","))
    })
}

fn string_lists() -> impl Strategy<Value = String> {
    let list = prop::collection::vec(text(), 0..3)
        .prop_map(|l| serde_json::to_string(&l).unwrap_or_default())
        .boxed();
    object(list)
}

fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("-0.0".to_owned()),
        Just("1e300".to_owned()),
        Just("7".to_owned()),
        (-180.0..180.0f64).prop_map(|v| v.to_string()),
    ]
}

/// `"Name": value` or nothing.
fn member(
    name: &'static str,
    value: impl Strategy<Value = String>,
) -> impl Strategy<Value = String> {
    prop::option::of(value)
        .prop_map(move |v| v.map(|v| format!("\"{name}\":{v}")).unwrap_or_default())
}

fn quoted() -> impl Strategy<Value = String> {
    text().prop_map(|t| serde_json::to_string(&t).unwrap_or_default())
}

fn join(parts: Vec<String>) -> String {
    let parts: Vec<String> = parts.into_iter().filter(|p| !p.is_empty()).collect();
    format!("{{{}}}", parts.join(","))
}

fn endpoint() -> impl Strategy<Value = String> {
    let demographic =
        (member("Platform", quoted()), member("Model", quoted()), member("Timezone", quoted()))
            .prop_map(|(a, b, c)| join(vec![a, b, c]));
    let location =
        (member("Country", quoted()), member("Latitude", number()), member("City", quoted()))
            .prop_map(|(a, b, c)| join(vec![a, b, c]));
    let user = (member("UserId", quoted()), member("UserAttributes", string_lists()))
        .prop_map(|(a, b)| join(vec![a, b]));
    (
        (member("Id", quoted()), member("ChannelType", quoted()), member("RequestId", quoted())),
        member("Attributes", string_lists()),
        member("Metrics", object(number().boxed())),
        member("Demographic", demographic),
        member("Location", location),
        member("User", user),
    )
        .prop_map(|((a, b, c), d, e, f, g, h)| join(vec![a, b, c, d, e, f, g, h]))
}

proptest! {
    #[test]
    fn serializes_as_the_plain_endpoint(text in endpoint()) {
        let plain: plain::Endpoint = serde_json::from_str(&text).unwrap();
        let compact: Endpoint = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(serde_json::to_string(&compact).unwrap(), serde_json::to_string(&plain).unwrap());
        let from_value: Endpoint = serde_json::from_value(serde_json::from_str(&text).unwrap()).unwrap();
        prop_assert_eq!(from_value, compact);
    }
}

#[test]
fn demo_endpoints_serialize_as_before() {
    let demo: serde_json::Value =
        serde_json::from_str(include_str!("../../../../assets/demo-data.json")).unwrap();
    let endpoints = demo["Apps"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|app| app["Endpoints"].as_array())
        .flatten();
    let mut seen = 0;
    for value in endpoints {
        let plain: plain::Endpoint = serde_json::from_value(value.clone()).unwrap();
        let compact: Endpoint = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(
            serde_json::to_string(&compact).unwrap(),
            serde_json::to_string(&plain).unwrap()
        );
        seen += 1;
    }
    assert!(seen > 100);
}
