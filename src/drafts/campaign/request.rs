//! The draft as `WriteCampaignRequest`, built in one place: [`CampaignDraft::build`] always
//! gives a request (what fails its check left out, its message recorded under the form's field
//! name), [`CampaignDraft::to_request`] is the strict one a save sends, and
//! [`CampaignDraft::to_json`] the lenient one through the serializer.

use std::ops::RangeInclusive;

use aws_sdk_pinpoint::types::{
    CampaignHook, CampaignLimits, CustomDeliveryConfiguration, EndpointTypesElement, Mode,
    Template, TemplateConfiguration, WriteCampaignRequest, WriteTreatmentResource,
};
use serde_json::Value;

use super::messages::message_configuration;
use super::schedule::schedule;
use super::{
    CampaignDraft, DeliveryDraft, HOOK_MODES, HookDraft, LimitsDraft, TemplateRef, TreatmentDraft,
    keep, list, opt,
};
use crate::drafts::{FieldErrors, parse_optional_int};
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
fn custom_delivery(
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

/// A whole-number field checked by `rule`: left out when it does not parse or fails.
fn whole(
    errors: &mut FieldErrors,
    field: &str,
    text: &str,
    rule: impl FnOnce(i32) -> Result<(), String>,
) -> Option<i32> {
    let n = parse_optional_int(errors, field, text);
    keep(errors, field, n, |n| rule(*n))
}

/// A rule: the number lies in `range`.
fn within(range: RangeInclusive<i32>, message: &str) -> impl FnOnce(i32) -> Result<(), String> {
    move |n| if range.contains(&n) { Ok(()) } else { Err(message.to_owned()) }
}

/// An additional treatment (keys `t0.…`); its share is left out while missing or refused.
fn treatment(t: &TreatmentDraft, i: usize, errors: &mut FieldErrors) -> WriteTreatmentResource {
    let key = format!("t{i}.");
    if t.size.trim().is_empty() {
        errors.add(format!("{key}size"), "Give the treatment's share of the segment");
    }
    let size = whole(
        errors,
        &format!("{key}size"),
        &t.size,
        within(0..=100, "A percentage from 0 to 100"),
    );
    WriteTreatmentResource::builder()
        .set_size_percent(size)
        .set_treatment_name(opt(&t.name))
        .set_treatment_description(opt(&t.description))
        .set_message_configuration(message_configuration(
            &t.messages,
            &format!("{key}messages."),
            errors,
        ))
        .set_schedule(
            t.own_schedule.then(|| schedule(&t.schedule, &format!("{key}schedule."), errors)),
        )
        .set_template_configuration(template_configuration(&t.delivery.templates))
        .set_custom_delivery_configuration(custom_delivery(&t.delivery, &key, errors))
        .build()
}

fn limits(l: &LimitsDraft, errors: &mut FieldErrors) -> Option<CampaignLimits> {
    let daily = whole(errors, "limits.daily", &l.daily, |v| rules::endpoint_cap("Daily", v));
    let total = whole(errors, "limits.total", &l.total, |v| rules::endpoint_cap("Total", v));
    let mps = whole(errors, "limits.mps", &l.messages_per_second, |v| {
        rules::messages_per_second("MessagesPerSecond", v)
    });
    let duration = whole(errors, "limits.duration", &l.maximum_duration, |v| {
        rules::maximum_duration("MaximumDuration", v)
    });
    let session =
        whole(errors, "limits.session", &l.session, within(0..=i32::MAX, "Must not be negative"));
    [daily, total, mps, duration, session].iter().any(Option::is_some).then(|| {
        CampaignLimits::builder()
            .set_daily(daily)
            .set_total(total)
            .set_messages_per_second(mps)
            .set_maximum_duration(duration)
            .set_session(session)
            .build()
    })
}

fn hook(h: &HookDraft, errors: &mut FieldErrors) -> Option<CampaignHook> {
    let lambda = keep(errors, "hook.lambda", opt(&h.lambda), |name| {
        rules::lambda_function_name("LambdaFunctionName", name)
    });
    let web_url =
        keep(errors, "hook.web_url", opt(&h.web_url), |url| rules::hook_web_url("WebUrl", url));
    let mode = keep(errors, "hook.mode", opt(&h.mode), |m| {
        if HOOK_MODES.contains(&m.as_str()) {
            Ok(())
        } else {
            Err("Choose FILTER or DELIVERY".to_owned())
        }
    });
    (lambda.is_some() || web_url.is_some() || mode.is_some()).then(|| {
        CampaignHook::builder()
            .set_lambda_function_name(lambda)
            .set_mode(mode.map(|m| Mode::from(m.as_str())))
            .set_web_url(web_url)
            .build()
    })
}

impl CampaignDraft {
    /// The request as far as the draft can say, and a message per field that needs attention
    /// (keys are the form's field names). Always a request: what is blank, incomplete or fails
    /// its check is left out of it, so the JSON view and the CLI command follow a draft as it
    /// is written, and a version read back from the service builds as it was saved.
    #[must_use]
    pub fn build(&self) -> (WriteCampaignRequest, FieldErrors) {
        let mut errors = FieldErrors::default();
        let e = &mut errors;
        if self.name.trim().is_empty() {
            e.add("name", "Give the campaign a name");
        }
        if self.segment_id.trim().is_empty() {
            e.add("segment", "Choose a segment");
        }
        let segment_version = whole(e, "segment_version", &self.segment_version, |v| {
            if v < 1 { Err("Versions start at 1".to_owned()) } else { Ok(()) }
        });
        let holdout =
            whole(e, "holdout", &self.holdout, within(0..=100, "A percentage from 0 to 100"));
        let priority = whole(
            e,
            "priority",
            &self.priority,
            within(1..=5, "Priority runs from 1 (highest) to 5"),
        );
        if self.treatments.len() > rules::MAX_ADDITIONAL_TREATMENTS {
            let most = rules::MAX_ADDITIONAL_TREATMENTS;
            e.add("treatments", format!("At most {most} additional treatments"));
        }
        let messages = message_configuration(&self.messages, "", e);
        let campaign_schedule = schedule(&self.schedule, "schedule.", e);
        let treatments: Vec<WriteTreatmentResource> =
            self.treatments.iter().enumerate().map(|(i, t)| treatment(t, i, e)).collect();
        let allocated = self.split().allocated();
        if allocated > 100 {
            e.add(
                "split",
                format!("Treatments and holdout add up to {allocated}%: the segment has only 100%"),
            );
        }
        let limits = limits(&self.limits, e);
        let hook = hook(&self.hook, e);
        let tags = crate::drafts::message::key_values(e, "tags", &self.tags);
        let custom = custom_delivery(&self.delivery, "", e);
        self.in_app_rules(e);
        let request = WriteCampaignRequest::builder()
            .set_name(opt(&self.name))
            .set_description(opt(&self.description))
            .set_segment_id(opt(&self.segment_id))
            .set_segment_version(segment_version)
            .set_holdout_percent(holdout)
            .set_priority(priority)
            .is_paused(self.paused)
            .set_treatment_name(opt(&self.treatment_name))
            .set_treatment_description(opt(&self.treatment_description))
            .set_message_configuration(messages)
            .schedule(campaign_schedule)
            .set_template_configuration(template_configuration(&self.delivery.templates))
            .set_custom_delivery_configuration(custom)
            .set_limits(limits)
            .set_hook(hook)
            .set_tags((!tags.is_empty()).then(|| tags.into_iter().collect()))
            .set_additional_treatments((!treatments.is_empty()).then_some(treatments))
            .build();
        (request, errors)
    }

    /// An in-app message is shown on an event in the app: a campaign has one (its own or a
    /// treatment's) exactly when its frequency is `IN_APP_EVENT` (whose event filter the
    /// schedule already requires).
    fn in_app_rules(&self, e: &mut FieldErrors) {
        let has = !self.messages.in_app_message.is_empty()
            || self.treatments.iter().any(|t| !t.messages.in_app_message.is_empty());
        match (has, self.schedule.frequency == "IN_APP_EVENT") {
            (true, false) => e.add(
                "schedule.frequency",
                "An in-app message is shown when an event happens in the app: choose IN_APP_EVENT",
            ),
            (false, true) => e.add(
                "schedule.frequency",
                "IN_APP_EVENT shows an in-app message: write one (Messages tab, In-app) or choose \
                 another frequency",
            ),
            _ => {}
        }
    }

    /// The request to save: refused, with a message per field, while any field needs attention.
    pub fn to_request(&self) -> Result<WriteCampaignRequest, FieldErrors> {
        let (request, errors) = self.build();
        if errors.is_empty() { Ok(request) } else { Err(errors) }
    }

    /// The request as wire JSON, for the JSON view, the CLI command and the version diff: the
    /// lenient [`build`](Self::build) through the one serializer, `drafts::json::campaign`.
    #[must_use]
    pub fn to_json(&self) -> Value {
        crate::drafts::json::campaign::write_campaign_request(&self.build().0)
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
    fn an_in_app_message_needs_the_in_app_event_frequency_and_round_trips() {
        let mut d = ab();
        d.treatments[1].messages.in_app_message = crate::drafts::inapp::tests::full();
        let errors = d.to_request().unwrap_err();
        assert!(errors.get("schedule.frequency").unwrap().contains("IN_APP_EVENT"));
        d.schedule = ScheduleDraft {
            immediate: false,
            start_time: "2026-12-01T00:00:00Z".into(),
            frequency: "IN_APP_EVENT".into(),
            ..ScheduleDraft::default()
        };
        assert!(d.to_request().unwrap_err().get("schedule.event_types").is_some());
        d.schedule.event_types = "_session.start".into();
        let request = d.to_request().unwrap();
        let json = d.to_json();
        let m = &json["AdditionalTreatments"][1]["MessageConfiguration"]["InAppMessage"];
        assert_eq!(m["Layout"], "CAROUSEL");
        assert_eq!(m["Content"][0]["PrimaryBtn"]["IOS"]["Link"], "shop://sale");
        let back = MessagesDraft::from(
            request.additional_treatments()[1].message_configuration().unwrap(),
        );
        assert_eq!(back.in_app_message, d.treatments[1].messages.in_app_message);
        d.treatments[1].messages.in_app_message.blocks[0].primary.link.clear();
        let errors = d.to_request().unwrap_err();
        assert!(errors.get("t1.messages.InAppMessage.blocks.0.primary.link").is_some());
    }

    #[test]
    fn an_incomplete_draft_still_builds_leaving_out_what_needs_attention() {
        let mut d = ab();
        d.holdout = "ten".into();
        d.messages.email.from_address = "nope".into();
        d.limits.daily = "500".into();
        d.schedule.immediate = false;
        d.schedule.start_time = "tomorrow".into();
        d.treatments[0].size = String::new();
        let (request, errors) = d.build();
        for key in ["holdout", "EmailMessage.from", "limits.daily", "schedule.start", "t0.size"] {
            assert!(errors.get(key).is_some(), "{key}: {errors:?}");
        }
        assert_eq!(d.to_request().unwrap_err(), errors);
        assert_eq!(request.name(), Some("Spring sale"));
        let json = d.to_json();
        assert!(json.get("HoldoutPercent").is_none());
        assert_eq!(json["MessageConfiguration"]["EmailMessage"]["Title"], "Sale");
        assert!(json["MessageConfiguration"]["EmailMessage"].get("FromAddress").is_none());
        assert!(json.get("Limits").is_none(), "its only limit was refused");
        assert_eq!(json["Schedule"], serde_json::json!({"Frequency": "ONCE"}));
        assert!(json["AdditionalTreatments"][0].get("SizePercent").is_none());
        assert_eq!(json["AdditionalTreatments"][1]["SizePercent"], 20);
    }
}
