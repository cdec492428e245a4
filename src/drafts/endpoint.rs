//! The endpoint editor as plain data: every member of an endpoint, with list and map members
//! edited as `name=value` lines (`;` between list values). Converts from `EndpointResponse`
//! and to `EndpointRequest`; an attribute removed in the form is sent as an empty list, which
//! clears it.

use std::collections::{BTreeMap, HashMap};

use aws_sdk_pinpoint::types::{
    ChannelType, EndpointDemographic, EndpointLocation, EndpointRequest, EndpointResponse,
    EndpointUser,
};

use super::FieldErrors;
use crate::pinpoint::endpoint_row;

/// Channel types an endpoint can have, in the order the form offers them.
pub use crate::pinpoint::endpoint_row::CHANNEL_TYPES;

/// Demographic members: (wire name, label).
pub const DEMOGRAPHIC: [(&str, &str); 8] = [
    ("AppVersion", "App version"),
    ("Locale", "Locale"),
    ("Make", "Make"),
    ("Model", "Model"),
    ("ModelVersion", "Model version"),
    ("Platform", "Platform"),
    ("PlatformVersion", "Platform version"),
    ("Timezone", "Time zone"),
];

/// Location members: (wire name, label).
pub const LOCATION: [(&str, &str); 6] = [
    ("City", "City"),
    ("Country", "Country"),
    ("Latitude", "Latitude"),
    ("Longitude", "Longitude"),
    ("PostalCode", "Postal code"),
    ("Region", "Region"),
];

/// The endpoint form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EndpointDraft {
    /// The endpoint id.
    pub id: String,
    /// Address.
    pub address: String,
    /// Channel type.
    pub channel_type: String,
    /// `ALL` or `NONE`.
    pub opt_out: String,
    /// `ACTIVE` or `INACTIVE`.
    pub status: String,
    /// `name=v1;v2` lines.
    pub attributes: String,
    /// Demographic members by wire name.
    pub demographic: BTreeMap<&'static str, String>,
    /// Location members by wire name.
    pub location: BTreeMap<&'static str, String>,
    /// `name=number` lines.
    pub metrics: String,
    /// The user id.
    pub user_id: String,
    /// `name=v1;v2` lines.
    pub user_attributes: String,
    /// Attribute names as loaded, so removed ones can be cleared.
    pub loaded_attributes: Vec<String>,
    /// User attribute names as loaded.
    pub loaded_user_attributes: Vec<String>,
}

fn lines(map: Option<&HashMap<String, Vec<String>>>) -> String {
    let mut rows: Vec<String> =
        map.into_iter().flatten().map(|(k, v)| format!("{k}={}", v.join(";"))).collect();
    rows.sort();
    rows.join("\n")
}

fn parse_lists(
    errors: &mut FieldErrors,
    field: &'static str,
    text: &str,
) -> HashMap<String, Vec<String>> {
    let mut out = HashMap::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match line.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() => {
                let values: Vec<String> = v
                    .split(';')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect();
                out.insert(k.trim().to_owned(), values);
            }
            _ => errors.add(field, format!("'{line}' is not name=value")),
        }
    }
    out
}

impl From<&EndpointResponse> for EndpointDraft {
    fn from(e: &EndpointResponse) -> Self {
        let d = e.demographic();
        let l = e.location();
        let demographic = DEMOGRAPHIC
            .iter()
            .map(|(k, _)| {
                let v = d.and_then(|d| match *k {
                    "AppVersion" => d.app_version(),
                    "Locale" => d.locale(),
                    "Make" => d.make(),
                    "Model" => d.model(),
                    "ModelVersion" => d.model_version(),
                    "Platform" => d.platform(),
                    "PlatformVersion" => d.platform_version(),
                    _ => d.timezone(),
                });
                (*k, v.unwrap_or_default().to_owned())
            })
            .collect();
        let location = LOCATION
            .iter()
            .map(|(k, _)| {
                let v = l.and_then(|l| match *k {
                    "City" => l.city().map(str::to_owned),
                    "Country" => l.country().map(str::to_owned),
                    "Latitude" => l.latitude().map(|v| v.to_string()),
                    "Longitude" => l.longitude().map(|v| v.to_string()),
                    "PostalCode" => l.postal_code().map(str::to_owned),
                    _ => l.region().map(str::to_owned),
                });
                (*k, v.unwrap_or_default())
            })
            .collect();
        let mut metrics: Vec<String> =
            e.metrics().into_iter().flatten().map(|(k, v)| format!("{k}={v}")).collect();
        metrics.sort();
        let user_attributes = e.user().and_then(EndpointUser::user_attributes);
        Self {
            id: e.id().unwrap_or_default().to_owned(),
            address: e.address().unwrap_or_default().to_owned(),
            channel_type: e.channel_type().map(|c| c.as_str().to_owned()).unwrap_or_default(),
            opt_out: e.opt_out().unwrap_or("NONE").to_owned(),
            status: e.endpoint_status().unwrap_or("ACTIVE").to_owned(),
            attributes: lines(e.attributes()),
            demographic,
            location,
            metrics: metrics.join("\n"),
            user_id: e.user().and_then(EndpointUser::user_id).unwrap_or_default().to_owned(),
            user_attributes: lines(user_attributes),
            loaded_attributes: e
                .attributes()
                .into_iter()
                .flatten()
                .map(|(k, _)| k.clone())
                .collect(),
            loaded_user_attributes: user_attributes
                .into_iter()
                .flatten()
                .map(|(k, _)| k.clone())
                .collect(),
        }
    }
}

impl EndpointDraft {
    /// A new endpoint with the service's defaults.
    #[must_use]
    pub fn new(id: &str) -> Self {
        Self {
            id: id.to_owned(),
            channel_type: "SMS".into(),
            opt_out: "NONE".into(),
            status: "ACTIVE".into(),
            ..Self::default()
        }
    }

    fn value<'a>(map: &'a BTreeMap<&'static str, String>, key: &str) -> Option<&'a str> {
        map.get(key).map(|s| s.trim()).filter(|s| !s.is_empty())
    }

    /// The request, or every field's message.
    pub fn to_request(&self) -> Result<EndpointRequest, FieldErrors> {
        let mut errors = FieldErrors::default();
        if self.id.trim().is_empty() {
            errors.add("id", "An endpoint id is required");
        }
        let address = self.address.trim();
        if !address.is_empty() {
            // The rule every endpoint file's rows follow too.
            errors.check("address", endpoint_row::address(&self.channel_type, address));
        }
        let mut attributes = parse_lists(&mut errors, "attributes", &self.attributes);
        for removed in &self.loaded_attributes {
            attributes.entry(removed.clone()).or_default();
        }
        let mut user_attributes =
            parse_lists(&mut errors, "user_attributes", &self.user_attributes);
        for removed in &self.loaded_user_attributes {
            user_attributes.entry(removed.clone()).or_default();
        }
        let mut metrics = HashMap::new();
        for line in self.metrics.lines().map(str::trim).filter(|l| !l.is_empty()) {
            match line.split_once('=').map(|(k, v)| (k.trim(), v.trim().parse::<f64>())) {
                Some((k, Ok(v))) if !k.is_empty() => {
                    metrics.insert(k.to_owned(), v);
                }
                _ => errors.add("metrics", format!("'{line}' is not name=number")),
            }
        }
        let number = |key: &'static str, range: f64| -> Option<f64> {
            let text = Self::value(&self.location, key)?;
            text.parse::<f64>().ok().filter(|v| v.abs() <= range)
        };
        for (key, range) in [("Latitude", 90.0), ("Longitude", 180.0)] {
            if Self::value(&self.location, key).is_some() && number(key, range).is_none() {
                errors.add(key, format!("{key} must be a number between -{range} and {range}"));
            }
        }
        if let Some(tz) = Self::value(&self.demographic, "Timezone")
            && tz.parse::<chrono_tz::Tz>().is_err()
        {
            errors.add("Timezone", "Use an IANA time zone such as America/New_York");
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let d = |k: &str| Self::value(&self.demographic, k).map(str::to_owned);
        let l = |k: &str| Self::value(&self.location, k).map(str::to_owned);
        Ok(EndpointRequest::builder()
            .set_address(Some(address.to_owned()).filter(|a| !a.is_empty()))
            .channel_type(ChannelType::from(self.channel_type.as_str()))
            .opt_out(self.opt_out.clone())
            .endpoint_status(self.status.clone())
            .set_attributes(Some(attributes).filter(|a| !a.is_empty()))
            .set_metrics(Some(metrics).filter(|m| !m.is_empty()))
            .demographic(demographic(d))
            .location(
                EndpointLocation::builder()
                    .set_city(l("City"))
                    .set_country(l("Country"))
                    .set_latitude(number("Latitude", 90.0))
                    .set_longitude(number("Longitude", 180.0))
                    .set_postal_code(l("PostalCode"))
                    .set_region(l("Region"))
                    .build(),
            )
            .user(
                EndpointUser::builder()
                    .set_user_id(Some(self.user_id.trim().to_owned()).filter(|u| !u.is_empty()))
                    .set_user_attributes(Some(user_attributes).filter(|a| !a.is_empty()))
                    .build(),
            )
            .build())
    }
}

/// An `EndpointDemographic` from its members by wire name (`Platform`, `Timezone`, …), the one
/// place the form and the upload build it.
pub fn demographic(member: impl Fn(&str) -> Option<String>) -> EndpointDemographic {
    EndpointDemographic::builder()
        .set_app_version(member("AppVersion"))
        .set_locale(member("Locale"))
        .set_make(member("Make"))
        .set_model(member("Model"))
        .set_model_version(member("ModelVersion"))
        .set_platform(member("Platform"))
        .set_platform_version(member("PlatformVersion"))
        .set_timezone(member("Timezone"))
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_round_trip_and_removed_ones_are_cleared() {
        let mut d = EndpointDraft::new("ep-1");
        d.address = "+12065550100".into();
        d.attributes = "interests=hiking; science\nplan=gold".into();
        d.metrics = "score=7.5".into();
        d.demographic.insert("Timezone", "Europe/Paris".into());
        let r = d.to_request().unwrap();
        assert_eq!(r.attributes().unwrap()["interests"], vec!["hiking", "science"]);
        assert!((r.metrics().unwrap()["score"] - 7.5).abs() < f64::EPSILON);
        d.loaded_attributes = vec!["plan".into(), "interests".into()];
        d.attributes = "interests=news".into();
        let r = d.to_request().unwrap();
        assert!(r.attributes().unwrap()["plan"].is_empty(), "a removed attribute is sent empty");
    }

    #[test]
    fn bad_fields_are_named() {
        let mut d = EndpointDraft::new("");
        d.address = "12345".into();
        d.metrics = "score=high".into();
        d.location.insert("Latitude", "123".into());
        d.demographic.insert("Timezone", "Mars/Olympus".into());
        let e = d.to_request().unwrap_err();
        for f in ["id", "address", "metrics", "Latitude", "Timezone"] {
            assert!(e.get(f).is_some(), "{f}");
        }
    }
}
