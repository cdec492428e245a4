//! Serde wire types of the mock, PascalCase as the service model names them. Request types
//! are parsed only after `model::validate` has checked the body, so a parse error here is rare
//! and still answered as a 400.

use std::collections::BTreeMap;
use std::hash::Hash;

use serde::{Deserialize, Serialize};

use super::compact::{Shared, SmallMap, Text, poolable};

/// `CreateApplicationRequest`: the body of CreateApp.
#[derive(Debug, Clone, Deserialize)]
pub struct CreateApplicationRequest {
    /// The project's display name.
    #[serde(rename = "Name")]
    pub name: String,
    /// Tags (the model's lower-case `tags`).
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
}

/// `ApplicationResponse`: one project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ApplicationResponse {
    /// The ARN, `arn:aws:mobiletargeting:REGION:ACCOUNT:apps/ID`.
    pub arn: String,
    /// The 32-character id.
    pub id: String,
    /// The display name.
    pub name: String,
    /// ISO-8601 creation time.
    pub creation_date: String,
    /// Tags.
    #[serde(rename = "tags", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

/// `ApplicationsResponse`: one page of projects.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ApplicationsResponse {
    /// The projects of this page.
    pub item: Vec<ApplicationResponse>,
    /// The token of the next page, absent on the last.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// `CampaignLimits`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CampaignLimits {
    /// Messages per endpoint per 24 hours.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub daily: Option<i32>,
    /// Longest run in seconds (at least 60).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum_duration: Option<i32>,
    /// Send rate, 1-20,000 per second.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub messages_per_second: Option<i32>,
    /// Messages per endpoint per session (in-app).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session: Option<i32>,
    /// Messages per endpoint over the campaign's life.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<i32>,
}

/// `QuietTime`: `HH:mm` start and end.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct QuietTime {
    /// End of the quiet window.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// Start of the quiet window.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
}

/// `CampaignHook`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CampaignHook {
    /// Lambda function name or ARN.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lambda_function_name: Option<String>,
    /// `DELIVERY` or `FILTER`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    /// Web hook URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub web_url: Option<String>,
}

/// `ApplicationSettingsJourneyLimits`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct JourneyLimits {
    /// Daily cap per endpoint.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub daily_cap: Option<i32>,
    /// Timeframe cap (opaque to the mock).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeframe_cap: Option<serde_json::Value>,
    /// Total cap per endpoint.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_cap: Option<i32>,
}

/// `WriteApplicationSettingsRequest`: the body of UpdateApplicationSettings.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct WriteApplicationSettingsRequest {
    /// Default hook.
    pub campaign_hook: Option<CampaignHook>,
    /// Accepted and remembered; not part of the resource (as documented).
    pub cloud_watch_metrics_enabled: Option<bool>,
    /// Accepted and remembered; not part of the resource.
    pub event_tagging_enabled: Option<bool>,
    /// Journey limits.
    pub journey_limits: Option<JourneyLimits>,
    /// Default limits.
    pub limits: Option<CampaignLimits>,
    /// Default quiet time.
    pub quiet_time: Option<QuietTime>,
}

/// `ApplicationSettingsResource`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ApplicationSettingsResource {
    /// The project id.
    pub application_id: String,
    /// Default hook.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub campaign_hook: Option<CampaignHook>,
    /// Journey limits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub journey_limits: Option<JourneyLimits>,
    /// ISO-8601 time of the last change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_modified_date: Option<String>,
    /// Default limits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limits: Option<CampaignLimits>,
    /// Default quiet time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quiet_time: Option<QuietTime>,
}

/// `MessageBody`: the body of UpdateEndpoint's 202 and of every error.
#[derive(Debug, Clone, Serialize)]
pub struct MessageBody {
    /// The message.
    #[serde(rename = "Message")]
    pub message: String,
    /// The request id (capital `ID`, as the model spells it).
    #[serde(rename = "RequestID")]
    pub request_id: String,
}

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
mod tests {
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
            (
                member("Id", quoted()),
                member("ChannelType", quoted()),
                member("RequestId", quoted()),
            ),
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
            serde_json::from_str(include_str!("../../assets/demo-data.json")).unwrap();
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
}
