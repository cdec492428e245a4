//! Where a campaign's message comes from and goes: the templates it names
//! (`TemplateConfiguration`, shared with direct messages) and custom delivery (a Lambda
//! function or an HTTPS endpoint, and the endpoint types it takes).

use aws_sdk_pinpoint::types::{
    CustomDeliveryConfiguration, EndpointTypesElement, Template, TemplateConfiguration,
};

use super::{DeliveryDraft, TemplateRef, keep, list, opt};
use crate::drafts::FieldErrors;
use crate::pinpoint::rules;

/// The `TemplateConfiguration` of template references (in [`super::TEMPLATE_KINDS`] order), or
/// none when no template is named: the one builder for campaigns and direct messages alike.
#[must_use]
pub fn template_configuration(refs: &[TemplateRef; 5]) -> Option<TemplateConfiguration> {
    let t = |i: usize| {
        let r = &refs[i];
        opt(&r.name).map(|name| Template::builder().name(name).set_version(opt(&r.version)).build())
    };
    if refs.iter().all(|r| r.name.trim().is_empty()) {
        return None;
    }
    Some(
        TemplateConfiguration::builder()
            .set_email_template(t(0))
            .set_sms_template(t(1))
            .set_push_template(t(2))
            .set_voice_template(t(3))
            .set_in_app_template(t(4))
            .build(),
    )
}

/// Endpoint types custom delivery may target: every value of the `ChannelType` enum.
pub use crate::pinpoint::endpoint_row::CHANNEL_TYPES as CUSTOM_ENDPOINT_TYPES;

/// Custom delivery: left out while its destination is blank or refused (the model requires
/// it); endpoint types that are not ones are left out.
pub(super) fn custom_delivery(
    d: &DeliveryDraft,
    prefix: &str,
    errors: &mut FieldErrors,
) -> Option<CustomDeliveryConfiguration> {
    let types: Vec<String> = list(&d.custom_types);
    if let Some(bad) = types.iter().find(|t| !CUSTOM_ENDPOINT_TYPES.contains(&t.as_str())) {
        errors.add(format!("{prefix}custom_types"), format!("'{bad}' is not an endpoint type"));
    }
    // The model: a Lambda function's name or ARN, or an HTTPS URL.
    let uri = keep(errors, format!("{prefix}custom_uri"), opt(&d.custom_uri), |uri| {
        if uri.starts_with("http://") {
            Err("A web destination must use https://".to_owned())
        } else if uri.starts_with("https://") {
            Ok(())
        } else {
            rules::lambda_function_name("DeliveryUri", uri)
        }
    })?;
    let types: Vec<EndpointTypesElement> = types
        .iter()
        .filter(|t| CUSTOM_ENDPOINT_TYPES.contains(&t.as_str()))
        .map(|t| EndpointTypesElement::from(t.as_str()))
        .collect();
    CustomDeliveryConfiguration::builder()
        .delivery_uri(uri)
        .set_endpoint_types((!types.is_empty()).then_some(types))
        .build()
        .into()
}

#[cfg(test)]
mod tests {
    use crate::drafts::campaign::fixtures::ab;

    #[test]
    fn delivery_takes_function_names_and_https_urls() {
        let mut d = ab();
        d.delivery.custom_uri = "my-delivery-function".into();
        assert!(d.to_request().is_ok());
        d.delivery.custom_uri = "http://example.com/hook".into();
        assert!(d.to_request().unwrap_err().get("custom_uri").unwrap().contains("https://"));
        d.delivery.custom_uri = "https://example.com/hook".into();
        d.delivery.custom_types = "PUSH, FAX".into();
        assert!(d.to_request().unwrap_err().get("custom_types").is_some());
    }
}
