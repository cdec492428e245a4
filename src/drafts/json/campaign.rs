//! `WriteCampaignRequest` as wire JSON, shape by shape as the service model names them.
//!
//! Every member of the shapes below is written when set; the in-app message's shapes are
//! written by `json::inapp`, which in-app templates share.

use aws_sdk_pinpoint::types::{
    Action, CampaignCustomMessage, CampaignEmailMessage, CampaignEventFilter, CampaignHook,
    CampaignLimits, CampaignSmsMessage, CustomDeliveryConfiguration, EndpointTypesElement,
    EventDimensions, FilterType, Frequency, Message, MessageConfiguration, MessageHeader,
    MessageType, Mode, QuietTime, Schedule, Template, TemplateConfiguration, WriteCampaignRequest,
    WriteTreatmentResource,
};
use serde_json::Value;

use super::{Object, attribute_dimension, metric_dimension, set_dimension, strings};

/// The request body of CreateCampaign and UpdateCampaign.
#[must_use]
pub fn write_campaign_request(r: &WriteCampaignRequest) -> Value {
    Object::new()
        .list("AdditionalTreatments", r.additional_treatments.as_ref(), write_treatment_resource)
        .member(
            "CustomDeliveryConfiguration",
            r.custom_delivery_configuration.as_ref(),
            custom_delivery_configuration,
        )
        .string("Description", r.description.as_deref())
        .integer("HoldoutPercent", r.holdout_percent)
        .member("Hook", r.hook.as_ref(), campaign_hook)
        .boolean("IsPaused", r.is_paused)
        .member("Limits", r.limits.as_ref(), campaign_limits)
        .member("MessageConfiguration", r.message_configuration.as_ref(), message_configuration)
        .string("Name", r.name.as_deref())
        .integer("Priority", r.priority)
        .member("Schedule", r.schedule.as_ref(), schedule)
        .string("SegmentId", r.segment_id.as_deref())
        .integer("SegmentVersion", r.segment_version)
        .member("tags", r.tags.as_ref(), strings)
        .member("TemplateConfiguration", r.template_configuration.as_ref(), template_configuration)
        .string("TreatmentDescription", r.treatment_description.as_deref())
        .string("TreatmentName", r.treatment_name.as_deref())
        .done()
}

fn write_treatment_resource(t: &WriteTreatmentResource) -> Value {
    Object::new()
        .member(
            "CustomDeliveryConfiguration",
            t.custom_delivery_configuration.as_ref(),
            custom_delivery_configuration,
        )
        .member("MessageConfiguration", t.message_configuration.as_ref(), message_configuration)
        .member("Schedule", t.schedule.as_ref(), schedule)
        .integer("SizePercent", t.size_percent)
        .member("TemplateConfiguration", t.template_configuration.as_ref(), template_configuration)
        .string("TreatmentDescription", t.treatment_description.as_deref())
        .string("TreatmentName", t.treatment_name.as_deref())
        .done()
}

fn message_configuration(c: &MessageConfiguration) -> Value {
    Object::new()
        .member("ADMMessage", c.adm_message.as_ref(), message)
        .member("APNSMessage", c.apns_message.as_ref(), message)
        .member("BaiduMessage", c.baidu_message.as_ref(), message)
        .member("CustomMessage", c.custom_message.as_ref(), custom_message)
        .member("DefaultMessage", c.default_message.as_ref(), message)
        .member("EmailMessage", c.email_message.as_ref(), email_message)
        .member("GCMMessage", c.gcm_message.as_ref(), message)
        .member("InAppMessage", c.in_app_message.as_ref(), super::inapp::campaign_in_app_message)
        .member("SMSMessage", c.sms_message.as_ref(), sms_message)
        .done()
}

fn message(m: &Message) -> Value {
    Object::new()
        .string("Action", m.action.as_ref().map(Action::as_str))
        .string("Body", m.body.as_deref())
        .string("ImageIconUrl", m.image_icon_url.as_deref())
        .string("ImageSmallIconUrl", m.image_small_icon_url.as_deref())
        .string("ImageUrl", m.image_url.as_deref())
        .string("JsonBody", m.json_body.as_deref())
        .string("MediaUrl", m.media_url.as_deref())
        .string("RawContent", m.raw_content.as_deref())
        .boolean("SilentPush", m.silent_push)
        .integer("TimeToLive", m.time_to_live)
        .string("Title", m.title.as_deref())
        .string("Url", m.url.as_deref())
        .done()
}

fn custom_message(m: &CampaignCustomMessage) -> Value {
    Object::new().string("Data", m.data.as_deref()).done()
}

fn email_message(m: &CampaignEmailMessage) -> Value {
    Object::new()
        .string("Body", m.body.as_deref())
        .string("FromAddress", m.from_address.as_deref())
        .list("Headers", m.headers.as_ref(), message_header)
        .string("HtmlBody", m.html_body.as_deref())
        .string("Title", m.title.as_deref())
        .done()
}

fn message_header(h: &MessageHeader) -> Value {
    Object::new().string("Name", h.name.as_deref()).string("Value", h.value.as_deref()).done()
}

fn sms_message(m: &CampaignSmsMessage) -> Value {
    Object::new()
        .string("Body", m.body.as_deref())
        .string("EntityId", m.entity_id.as_deref())
        .string("MessageType", m.message_type.as_ref().map(MessageType::as_str))
        .string("OriginationNumber", m.origination_number.as_deref())
        .string("SenderId", m.sender_id.as_deref())
        .string("TemplateId", m.template_id.as_deref())
        .done()
}

fn schedule(s: &Schedule) -> Value {
    Object::new()
        .string("EndTime", s.end_time.as_deref())
        .member("EventFilter", s.event_filter.as_ref(), event_filter)
        .string("Frequency", s.frequency.as_ref().map(Frequency::as_str))
        .boolean("IsLocalTime", s.is_local_time)
        .member("QuietTime", s.quiet_time.as_ref(), quiet_time)
        .string("StartTime", s.start_time.as_deref())
        .string("Timezone", s.timezone.as_deref())
        .done()
}

pub(super) fn quiet_time(q: &QuietTime) -> Value {
    Object::new().string("End", q.end.as_deref()).string("Start", q.start.as_deref()).done()
}

fn event_filter(f: &CampaignEventFilter) -> Value {
    Object::new()
        .member("Dimensions", f.dimensions.as_ref(), event_dimensions)
        .string("FilterType", f.filter_type.as_ref().map(FilterType::as_str))
        .done()
}

pub(super) fn event_dimensions(d: &EventDimensions) -> Value {
    Object::new()
        .map("Attributes", d.attributes.as_ref(), attribute_dimension)
        .member("EventType", d.event_type.as_ref(), set_dimension)
        .map("Metrics", d.metrics.as_ref(), metric_dimension)
        .done()
}

fn template_configuration(c: &TemplateConfiguration) -> Value {
    Object::new()
        .member("EmailTemplate", c.email_template.as_ref(), template)
        .member("InAppTemplate", c.in_app_template.as_ref(), template)
        .member("PushTemplate", c.push_template.as_ref(), template)
        .member("SMSTemplate", c.sms_template.as_ref(), template)
        .member("VoiceTemplate", c.voice_template.as_ref(), template)
        .done()
}

fn template(t: &Template) -> Value {
    Object::new().string("Name", t.name.as_deref()).string("Version", t.version.as_deref()).done()
}

fn custom_delivery_configuration(c: &CustomDeliveryConfiguration) -> Value {
    Object::new()
        .string("DeliveryUri", c.delivery_uri.as_deref())
        .list("EndpointTypes", c.endpoint_types.as_ref(), |t| {
            Value::from(EndpointTypesElement::as_str(t))
        })
        .done()
}

fn campaign_limits(l: &CampaignLimits) -> Value {
    Object::new()
        .integer("Daily", l.daily)
        .integer("MaximumDuration", l.maximum_duration)
        .integer("MessagesPerSecond", l.messages_per_second)
        .integer("Session", l.session)
        .integer("Total", l.total)
        .done()
}

fn campaign_hook(h: &CampaignHook) -> Value {
    Object::new()
        .string("LambdaFunctionName", h.lambda_function_name.as_deref())
        .string("Mode", h.mode.as_ref().map(Mode::as_str))
        .string("WebUrl", h.web_url.as_deref())
        .done()
}

#[cfg(test)]
mod tests {
    use aws_sdk_pinpoint::types::{CampaignResponse, TreatmentResource};

    use super::*;
    use crate::drafts::campaign::CampaignDraft;
    use crate::drafts::campaign::fixtures::{full, full_json};

    /// What the service would answer for `r`: the request's members, plus what it adds.
    fn stored(r: &WriteCampaignRequest) -> CampaignResponse {
        let treatments = r.additional_treatments().iter().enumerate().map(|(i, t)| {
            TreatmentResource::builder()
                .id(i.to_string())
                .set_size_percent(t.size_percent)
                .set_treatment_name(t.treatment_name.clone())
                .set_treatment_description(t.treatment_description.clone())
                .set_message_configuration(t.message_configuration.clone())
                .set_schedule(t.schedule.clone())
                .set_template_configuration(t.template_configuration.clone())
                .set_custom_delivery_configuration(t.custom_delivery_configuration.clone())
                .build()
        });
        CampaignResponse::builder()
            .id("c1")
            .arn("arn")
            .application_id("app")
            .creation_date("2026-01-01T00:00:00Z")
            .last_modified_date("2026-01-01T00:00:00Z")
            .version(2)
            .set_name(r.name.clone())
            .set_description(r.description.clone())
            .set_segment_id(r.segment_id.clone())
            .set_segment_version(r.segment_version)
            .set_holdout_percent(r.holdout_percent)
            .set_priority(r.priority)
            .set_is_paused(r.is_paused)
            .set_treatment_name(r.treatment_name.clone())
            .set_treatment_description(r.treatment_description.clone())
            .set_message_configuration(r.message_configuration.clone())
            .set_schedule(r.schedule.clone())
            .set_template_configuration(r.template_configuration.clone())
            .set_custom_delivery_configuration(r.custom_delivery_configuration.clone())
            .set_limits(r.limits.clone())
            .set_hook(r.hook.clone())
            .set_tags(r.tags.clone())
            .set_additional_treatments(Some(treatments.collect()))
            .build()
    }

    #[test]
    fn a_full_draft_is_the_wire_json_member_for_member() {
        let request = full().to_request().unwrap();
        assert_eq!(write_campaign_request(&request), full_json());
    }

    #[test]
    fn a_stored_campaign_round_trips_to_the_same_json() {
        let request = full().to_request().unwrap();
        let back = CampaignDraft::from(&stored(&request)).to_request().unwrap();
        assert_eq!(write_campaign_request(&back), full_json());
    }

    #[test]
    fn unset_members_are_absent_and_empty_lists_stay() {
        let request = WriteCampaignRequest::builder()
            .name("n")
            .custom_delivery_configuration(
                CustomDeliveryConfiguration::builder()
                    .delivery_uri("f")
                    .set_endpoint_types(Some(Vec::new()))
                    .build(),
            )
            .build();
        assert_eq!(
            write_campaign_request(&request),
            serde_json::json!({
                "Name": "n",
                "CustomDeliveryConfiguration": {"DeliveryUri": "f", "EndpointTypes": []}
            })
        );
    }
}
