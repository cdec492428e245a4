//! The draft as `WriteCampaignRequest`, built in one place: [`CampaignDraft::build`] always
//! gives a request (what fails its check left out, its message recorded under the form's field
//! name), [`CampaignDraft::to_request`] is the strict one a save sends, and
//! [`CampaignDraft::to_json`] the lenient one through the serializer.

use aws_sdk_pinpoint::types::{WriteCampaignRequest, WriteTreatmentResource};
use serde_json::Value;

pub use super::delivery::{CUSTOM_ENDPOINT_TYPES, template_configuration};

use super::delivery::custom_delivery;
use super::limits::{hook, limits, whole, within};
use super::messages::message_configuration;
use super::schedule::schedule;
use super::{CampaignDraft, TreatmentDraft, opt};
use crate::drafts::FieldErrors;
use crate::pinpoint::rules;

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
