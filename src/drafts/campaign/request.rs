//! The draft as the request the worker sends: every field checked, error keys as the form's
//! field names.

use aws_sdk_pinpoint::types::{
    CampaignHook, CampaignLimits, CustomDeliveryConfiguration, EndpointTypesElement, Mode,
    Template, TemplateConfiguration, WriteCampaignRequest, WriteTreatmentResource,
};

use super::messages::message_configuration;
use super::schedule::schedule;
use super::{CampaignDraft, DeliveryDraft, HOOK_MODES, HookDraft, list, opt};
use crate::drafts::{FieldErrors, parse_optional_int};
use crate::pinpoint::rules;

fn templates(d: &DeliveryDraft) -> Option<TemplateConfiguration> {
    let t = |i: usize| {
        let r = &d.templates[i];
        opt(&r.name).map(|name| Template::builder().name(name).set_version(opt(&r.version)).build())
    };
    if d.templates.iter().all(|r| r.name.trim().is_empty()) {
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

/// Endpoint types custom delivery may target.
pub const CUSTOM_ENDPOINT_TYPES: [&str; 13] = [
    "PUSH",
    "GCM",
    "APNS",
    "APNS_SANDBOX",
    "APNS_VOIP",
    "APNS_VOIP_SANDBOX",
    "ADM",
    "SMS",
    "VOICE",
    "EMAIL",
    "BAIDU",
    "CUSTOM",
    "IN_APP",
];

fn custom_delivery(
    d: &DeliveryDraft,
    prefix: &str,
    errors: &mut FieldErrors,
) -> Option<CustomDeliveryConfiguration> {
    let uri = opt(&d.custom_uri)?;
    // The model: a Lambda function's name or ARN, or an HTTPS URL.
    if uri.starts_with("http://") {
        errors.add(format!("{prefix}custom_uri"), "A web destination must use https://");
    } else if !uri.starts_with("https://") {
        errors
            .check(format!("{prefix}custom_uri"), rules::lambda_function_name("DeliveryUri", &uri));
    }
    let types = list(&d.custom_types);
    if let Some(bad) = types.iter().find(|t| !CUSTOM_ENDPOINT_TYPES.contains(&t.as_str())) {
        errors.add(format!("{prefix}custom_types"), format!("'{bad}' is not an endpoint type"));
    }
    CustomDeliveryConfiguration::builder()
        .delivery_uri(uri)
        .set_endpoint_types(
            (!types.is_empty())
                .then(|| types.iter().map(|t| EndpointTypesElement::from(t.as_str())).collect()),
        )
        .build()
        .into()
}

impl CampaignDraft {
    /// Checks every field; the request to send, or a message per bad field.
    pub fn to_request(&self) -> Result<WriteCampaignRequest, FieldErrors> {
        let mut errors = FieldErrors::default();
        if self.name.trim().is_empty() {
            errors.add("name", "Give the campaign a name");
        }
        if self.segment_id.trim().is_empty() {
            errors.add("segment", "Choose a segment");
        }
        let segment_version =
            parse_optional_int(&mut errors, "segment_version", &self.segment_version);
        if segment_version.is_some_and(|v| v < 1) {
            errors.add("segment_version", "Versions start at 1");
        }
        let holdout = parse_optional_int(&mut errors, "holdout", &self.holdout);
        if holdout.is_some_and(|h| !(0..=100).contains(&h)) {
            errors.add("holdout", "A percentage from 0 to 100");
        }
        let priority = parse_optional_int(&mut errors, "priority", &self.priority);
        if priority.is_some_and(|p| !(1..=5).contains(&p)) {
            errors.add("priority", "Priority runs from 1 (highest) to 5");
        }
        if self.treatments.len() > rules::MAX_ADDITIONAL_TREATMENTS {
            errors.add(
                "treatments",
                format!("At most {} additional treatments", rules::MAX_ADDITIONAL_TREATMENTS),
            );
        }
        let messages = message_configuration(&self.messages, "", &mut errors);
        let campaign_schedule = schedule(&self.schedule, "schedule.", &mut errors);
        let mut treatments = Vec::new();
        for (i, t) in self.treatments.iter().enumerate() {
            let key = format!("t{i}.");
            let size = parse_optional_int(&mut errors, format!("{key}size"), &t.size);
            match size {
                None if t.size.trim().is_empty() => {
                    errors.add(format!("{key}size"), "Give the treatment's share of the segment");
                }
                Some(s) if !(0..=100).contains(&s) => {
                    errors.add(format!("{key}size"), "A percentage from 0 to 100");
                }
                _ => {}
            }
            let treatment = WriteTreatmentResource::builder()
                .size_percent(size.unwrap_or(0))
                .set_treatment_name(opt(&t.name))
                .set_treatment_description(opt(&t.description))
                .set_message_configuration(message_configuration(
                    &t.messages,
                    &format!("{key}messages."),
                    &mut errors,
                ))
                .set_schedule(
                    t.own_schedule
                        .then(|| schedule(&t.schedule, &format!("{key}schedule."), &mut errors)),
                )
                .set_template_configuration(templates(&t.delivery))
                .set_custom_delivery_configuration(custom_delivery(&t.delivery, &key, &mut errors))
                .build();
            treatments.push(treatment);
        }
        let split = self.split();
        if split.allocated() > 100 {
            errors.add(
                "split",
                format!(
                    "Treatments and holdout add up to {}%: the segment has only 100%",
                    split.allocated()
                ),
            );
        }
        let daily = parse_optional_int(&mut errors, "limits.daily", &self.limits.daily);
        let total = parse_optional_int(&mut errors, "limits.total", &self.limits.total);
        let mps = parse_optional_int(&mut errors, "limits.mps", &self.limits.messages_per_second);
        let duration =
            parse_optional_int(&mut errors, "limits.duration", &self.limits.maximum_duration);
        let session = parse_optional_int(&mut errors, "limits.session", &self.limits.session);
        if let Some(v) = daily {
            errors.check("limits.daily", rules::endpoint_cap("Daily", v));
        }
        if let Some(v) = total {
            errors.check("limits.total", rules::endpoint_cap("Total", v));
        }
        if let Some(v) = mps {
            errors.check("limits.mps", rules::messages_per_second("MessagesPerSecond", v));
        }
        if let Some(v) = duration {
            errors.check("limits.duration", rules::maximum_duration("MaximumDuration", v));
        }
        if session.is_some_and(|s| s < 0) {
            errors.add("limits.session", "Must not be negative");
        }
        if let Some(name) = opt(&self.hook.lambda) {
            errors.check("hook.lambda", rules::lambda_function_name("LambdaFunctionName", &name));
        }
        if let Some(url) = opt(&self.hook.web_url) {
            errors.check("hook.web_url", rules::hook_web_url("WebUrl", &url));
        }
        if !self.hook.mode.is_empty() && !HOOK_MODES.contains(&self.hook.mode.as_str()) {
            errors.add("hook.mode", "Choose FILTER or DELIVERY");
        }
        let tags = crate::drafts::message::key_values(&mut errors, "tags", &self.tags);
        let limits =
            [daily, total, mps, duration, session].iter().any(Option::is_some).then(|| {
                CampaignLimits::builder()
                    .set_daily(daily)
                    .set_total(total)
                    .set_messages_per_second(mps)
                    .set_maximum_duration(duration)
                    .set_session(session)
                    .build()
            });
        let hook = (self.hook != HookDraft::default()).then(|| {
            CampaignHook::builder()
                .set_lambda_function_name(opt(&self.hook.lambda))
                .set_mode(opt(&self.hook.mode).map(|m| Mode::from(m.as_str())))
                .set_web_url(opt(&self.hook.web_url))
                .build()
        });
        let custom = custom_delivery(&self.delivery, "", &mut errors);
        if self.messages.in_app || self.treatments.iter().any(|t| t.messages.in_app) {
            errors.add(
                "in_app",
                "This campaign has an in-app message, which the console does not edit: saving \
                 here would remove it. Change it with the AWS CLI or SDK.",
            );
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(WriteCampaignRequest::builder()
            .name(self.name.trim())
            .set_description(opt(&self.description))
            .segment_id(self.segment_id.trim())
            .set_segment_version(segment_version)
            .set_holdout_percent(holdout)
            .set_priority(priority)
            .is_paused(self.paused)
            .set_treatment_name(opt(&self.treatment_name))
            .set_treatment_description(opt(&self.treatment_description))
            .set_message_configuration(messages)
            .set_schedule(Some(campaign_schedule))
            .set_template_configuration(templates(&self.delivery))
            .set_custom_delivery_configuration(custom)
            .set_limits(limits)
            .set_hook(hook)
            .set_tags((!tags.is_empty()).then(|| tags.into_iter().collect()))
            .set_additional_treatments((!treatments.is_empty()).then_some(treatments))
            .build())
    }
}

#[cfg(test)]
mod tests {
    use aws_sdk_pinpoint::types::{AttributeType, MessageType};

    use crate::drafts::campaign::fixtures::ab;
    use crate::drafts::campaign::{MessagesDraft, ScheduleDraft};

    #[test]
    fn a_valid_draft_builds_the_request() {
        let request = ab().to_request().unwrap();
        assert_eq!(request.name(), Some("Spring sale"));
        assert_eq!(request.holdout_percent(), Some(10));
        assert_eq!(request.additional_treatments().len(), 2);
        assert_eq!(request.additional_treatments()[0].size_percent(), Some(30));
        let sms = request.message_configuration().unwrap().sms_message().unwrap();
        assert_eq!(sms.message_type(), Some(&MessageType::Promotional));
        assert_eq!(request.schedule().unwrap().start_time(), Some("IMMEDIATE"));
        assert_eq!(request.limits().unwrap().daily(), Some(3));
        assert_eq!(request.tags().unwrap().get("team").map(String::as_str), Some("growth"));
        let json = ab().to_json();
        assert_eq!(json["AdditionalTreatments"][1]["SizePercent"], 20);
        assert_eq!(json["Schedule"]["StartTime"], "IMMEDIATE");
        assert!(json.get("Hook").unwrap().get("Mode").is_none());
    }

    #[test]
    fn over_allocation_and_bad_fields_are_refused_inline() {
        let mut d = ab();
        d.holdout = String::new();
        d.treatments[0].size = "60".into();
        d.treatments[1].size = "50".into();
        d.limits.messages_per_second = "30000".into();
        d.messages.email.from_address = "not an address".into();
        d.treatments[1].own_schedule = true;
        d.treatments[1].schedule.immediate = false;
        d.treatments[1].schedule.start_time = "tomorrow".into();
        let errors = d.to_request().unwrap_err();
        assert!(errors.get("split").unwrap().contains("110%"), "{errors:?}");
        assert!(errors.get("limits.mps").is_some());
        assert!(errors.get("EmailMessage.from").is_some());
        assert!(errors.get("t1.schedule.start").is_some());
        assert_eq!(d.split().control(), -10);
        // Nothing typed is lost.
        assert_eq!(d.treatments[0].size, "60");
    }

    #[test]
    fn event_filters_headers_and_custom_payloads() {
        let mut d = ab();
        d.schedule = ScheduleDraft {
            immediate: false,
            start_time: "2026-12-01T00:00:00Z".into(),
            frequency: "EVENT".into(),
            event_types: "order".into(),
            event_attributes: "store = app; web\nplan != free\npage ~ sale".into(),
            event_metrics: "total >= 100\nitems < 3".into(),
            ..ScheduleDraft::default()
        };
        d.messages.email.headers =
            "X-Campaign: spring\nList-Unsubscribe: <mailto:u@example.com>".into();
        d.messages.custom = r#"{"kind": "webhook"}"#.into();
        let request = d.to_request().unwrap();
        let dims = request.schedule().unwrap().event_filter().unwrap().dimensions().unwrap();
        let store = &dims.attributes().unwrap()["store"];
        assert_eq!(store.attribute_type(), Some(&AttributeType::Inclusive));
        assert_eq!(store.values(), ["app", "web"]);
        assert_eq!(
            dims.attributes().unwrap()["page"].attribute_type(),
            Some(&AttributeType::Contains)
        );
        assert_eq!(
            dims.metrics().unwrap()["total"].comparison_operator(),
            Some("GREATER_THAN_OR_EQUAL")
        );
        assert_eq!(dims.metrics().unwrap()["items"].value(), Some(3.0));
        let config = request.message_configuration().unwrap();
        assert_eq!(config.email_message().unwrap().headers()[1].name(), Some("List-Unsubscribe"));
        assert_eq!(config.custom_message().unwrap().data(), Some(r#"{"kind": "webhook"}"#));
        let json = d.to_json();
        assert_eq!(
            json["Schedule"]["EventFilter"]["Dimensions"]["Metrics"]["total"]["Value"],
            100.0
        );
        assert_eq!(json["MessageConfiguration"]["EmailMessage"]["Headers"][0]["Value"], "spring");

        // Back from the service: the same lines (sorted by name).
        let back = ScheduleDraft::from(request.schedule().unwrap());
        assert_eq!(back.event_attributes, "page ~ sale\nplan != free\nstore = app; web");
        assert_eq!(back.event_metrics, "items < 3\ntotal >= 100");
        let messages = MessagesDraft::from(config);
        assert_eq!(messages.email.headers, d.messages.email.headers);
        assert_eq!(messages.custom, d.messages.custom);

        // Lines that do not parse are refused, each field on its own.
        d.schedule.event_metrics = "total is big".into();
        d.schedule.event_attributes = "store".into();
        d.messages.email.headers = "no colon here".into();
        d.messages.custom = "not json".into();
        let errors = d.to_request().unwrap_err();
        for key in [
            "schedule.event_metrics",
            "schedule.event_attributes",
            "EmailMessage.headers",
            "CustomMessage.data",
        ] {
            assert!(errors.get(key).is_some(), "{key}: {errors:?}");
        }
    }

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

    #[test]
    fn a_campaign_with_an_in_app_message_is_not_saved_without_it() {
        let mut d = ab();
        d.treatments[1].messages.in_app = true;
        let errors = d.to_request().unwrap_err();
        assert!(errors.get("in_app").unwrap().contains("in-app message"));
    }
}
