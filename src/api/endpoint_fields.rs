//! The SDK's `EndpointResponse` answers the renderer's member paths, so the console's preview
//! fills `{{…}}` from an endpoint read with GetEndpoint exactly as the mock does from its store.

use std::collections::HashMap;

use aws_sdk_pinpoint::types::EndpointResponse;

use crate::pinpoint::render::Fields;

fn first(map: Option<&HashMap<String, Vec<String>>>, key: &str) -> Option<String> {
    map?.get(key)?.first().cloned()
}

impl Fields for EndpointResponse {
    fn field(&self, path: &str) -> Option<String> {
        let (head, rest) = path.split_once('.').unwrap_or((path, ""));
        let owned = |v: Option<&str>| v.map(str::to_owned);
        match (head, rest) {
            ("Id", "") => owned(self.id()),
            ("Address", "") => owned(self.address()),
            ("ApplicationId", "") => owned(self.application_id()),
            ("ChannelType", "") => {
                owned(self.channel_type().map(aws_sdk_pinpoint::types::ChannelType::as_str))
            }
            ("CohortId", "") => owned(self.cohort_id()),
            ("CreationDate", "") => owned(self.creation_date()),
            ("EffectiveDate", "") => owned(self.effective_date()),
            ("EndpointStatus", "") => owned(self.endpoint_status()),
            ("OptOut", "") => owned(self.opt_out()),
            ("RequestId", "") => owned(self.request_id()),
            ("Attributes", key) => first(self.attributes(), key),
            // As serde_json writes the number (5.0 stays "5.0"), which is what the mock renders.
            ("Metrics", key) => self
                .metrics()?
                .get(key)
                .and_then(|v| serde_json::Number::from_f64(*v))
                .map(|n| n.to_string()),
            ("User", "UserId") => owned(self.user()?.user_id()),
            ("User", rest) => {
                let key = rest.strip_prefix("UserAttributes.")?;
                first(self.user()?.user_attributes(), key)
            }
            ("Demographic", member) => {
                let d = self.demographic()?;
                owned(match member {
                    "AppVersion" => d.app_version(),
                    "Locale" => d.locale(),
                    "Make" => d.make(),
                    "Model" => d.model(),
                    "ModelVersion" => d.model_version(),
                    "Platform" => d.platform(),
                    "PlatformVersion" => d.platform_version(),
                    "Timezone" => d.timezone(),
                    _ => None,
                })
            }
            ("Location", member) => {
                let l = self.location()?;
                match member {
                    "City" => owned(l.city()),
                    "Country" => owned(l.country()),
                    "PostalCode" => owned(l.postal_code()),
                    "Region" => owned(l.region()),
                    "Latitude" => l.latitude().map(|v| v.to_string()),
                    "Longitude" => l.longitude().map(|v| v.to_string()),
                    _ => None,
                }
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use aws_sdk_pinpoint::types::{EndpointDemographic, EndpointUser};

    use super::*;
    use crate::pinpoint::render::{Substitutions, fill};

    #[test]
    fn an_sdk_endpoint_fills_the_same_paths_as_the_mock_json() {
        let endpoint = EndpointResponse::builder()
            .id("ep-1")
            .address("+12065550100")
            .attributes("city", vec!["Lyon".into()])
            .metrics("score", 5.0)
            .demographic(EndpointDemographic::builder().platform("iOS").build())
            .user(
                EndpointUser::builder()
                    .user_id("u-1")
                    .user_attributes("FirstName", vec!["Ada".into()])
                    .build(),
            )
            .build();
        let text = "{{User.UserAttributes.FirstName}} {{User.UserId}} {{Attributes.city}} \
                    {{Metrics.score}} {{Demographic.Platform}} {{Id}} {{Location.City|nowhere}}";
        let filled = fill(text, Some(&endpoint as &dyn Fields), &Substitutions::default());
        assert_eq!(filled, "Ada u-1 Lyon 5.0 iOS ep-1 nowhere");
    }
}
