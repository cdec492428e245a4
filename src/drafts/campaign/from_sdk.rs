//! From the service: `CampaignResponse` (and its message, schedule and delivery shapes) into
//! the editor's draft. The only place that reads the SDK's campaign types into a draft.

use crate::drafts::inapp::InAppDraft;
use aws_sdk_pinpoint::types::{
    CampaignCustomMessage, CampaignEventFilter, CampaignHook, CampaignLimits, CampaignResponse,
    CustomDeliveryConfiguration, DimensionType, EndpointTypesElement, EventDimensions, FilterType,
    Frequency, Message, MessageConfiguration, QuietTime, Schedule, SetDimension, Template,
    TemplateConfiguration,
};

use super::event_filter::{attribute_lines, metric_lines};
use super::{
    CampaignDraft, DeliveryDraft, EmailDraft, HookDraft, LimitsDraft, MessagesDraft, PushDraft,
    ScheduleDraft, SmsDraft, TemplateRef, TreatmentDraft,
};

fn text(v: Option<&str>) -> String {
    v.unwrap_or_default().to_owned()
}

fn int(v: Option<i32>) -> String {
    v.map(|n| n.to_string()).unwrap_or_default()
}

impl From<&Message> for PushDraft {
    fn from(m: &Message) -> Self {
        Self {
            title: text(m.title()),
            body: text(m.body()),
            action: m.action().map(|a| a.as_str().to_owned()).unwrap_or_default(),
            url: text(m.url()),
            image_url: text(m.image_url()),
            image_icon_url: text(m.image_icon_url()),
            image_small_icon_url: text(m.image_small_icon_url()),
            media_url: text(m.media_url()),
            json_body: text(m.json_body()),
            raw_content: text(m.raw_content()),
            silent_push: m.silent_push().unwrap_or(false),
            time_to_live: int(m.time_to_live()),
        }
    }
}

impl From<&MessageConfiguration> for MessagesDraft {
    fn from(c: &MessageConfiguration) -> Self {
        let push = |m: Option<&Message>| m.map(PushDraft::from).unwrap_or_default();
        Self {
            default: push(c.default_message()),
            apns: push(c.apns_message()),
            gcm: push(c.gcm_message()),
            adm: push(c.adm_message()),
            baidu: push(c.baidu_message()),
            email: c
                .email_message()
                .map(|e| EmailDraft {
                    subject: text(e.title()),
                    html_body: text(e.html_body()),
                    text_body: text(e.body()),
                    from_address: text(e.from_address()),
                    headers: e
                        .headers()
                        .iter()
                        .map(|h| format!("{}: {}", text(h.name()), text(h.value())))
                        .collect::<Vec<_>>()
                        .join("\n"),
                })
                .unwrap_or_default(),
            sms: c
                .sms_message()
                .map(|s| SmsDraft {
                    body: text(s.body()),
                    message_type: s
                        .message_type()
                        .map(|t| t.as_str().to_owned())
                        .unwrap_or_default(),
                    sender_id: text(s.sender_id()),
                    origination_number: text(s.origination_number()),
                    entity_id: text(s.entity_id()),
                    template_id: text(s.template_id()),
                })
                .unwrap_or_default(),
            custom: text(c.custom_message().and_then(CampaignCustomMessage::data)),
            in_app_message: c.in_app_message().map(InAppDraft::from).unwrap_or_default(),
        }
    }
}

impl From<&Schedule> for ScheduleDraft {
    fn from(s: &Schedule) -> Self {
        let start = s.start_time().unwrap_or_default();
        let filter = s.event_filter();
        let dimensions = filter.and_then(CampaignEventFilter::dimensions);
        let event_types = dimensions.and_then(EventDimensions::event_type);
        Self {
            immediate: start == "IMMEDIATE",
            start_time: if start == "IMMEDIATE" { String::new() } else { start.to_owned() },
            end_time: text(s.end_time()),
            frequency: s.frequency().map_or("ONCE", Frequency::as_str).to_owned(),
            local_time: s.is_local_time().unwrap_or(false),
            timezone: text(s.timezone()),
            quiet_start: text(s.quiet_time().and_then(QuietTime::start)),
            quiet_end: text(s.quiet_time().and_then(QuietTime::end)),
            event_types: event_types
                .map(|d| crate::drafts::join_values(d.values()))
                .unwrap_or_default(),
            event_exclusive: event_types
                .and_then(SetDimension::dimension_type)
                .is_some_and(|t| *t == DimensionType::Exclusive),
            filter_type: filter
                .and_then(CampaignEventFilter::filter_type)
                .map_or("ENDPOINT", FilterType::as_str)
                .to_owned(),
            event_attributes: dimensions
                .and_then(EventDimensions::attributes)
                .map(attribute_lines)
                .unwrap_or_default(),
            event_metrics: dimensions
                .and_then(EventDimensions::metrics)
                .map(metric_lines)
                .unwrap_or_default(),
        }
    }
}

fn delivery_from(
    templates: Option<&TemplateConfiguration>,
    custom: Option<&CustomDeliveryConfiguration>,
) -> DeliveryDraft {
    let pick = |t: Option<&Template>| TemplateRef {
        name: text(t.and_then(Template::name)),
        version: text(t.and_then(Template::version)),
    };
    let t = templates;
    DeliveryDraft {
        templates: [
            pick(t.and_then(TemplateConfiguration::email_template)),
            pick(t.and_then(TemplateConfiguration::sms_template)),
            pick(t.and_then(TemplateConfiguration::push_template)),
            pick(t.and_then(TemplateConfiguration::voice_template)),
            pick(t.and_then(TemplateConfiguration::in_app_template)),
        ],
        custom_uri: text(custom.and_then(CustomDeliveryConfiguration::delivery_uri)),
        custom_types: custom
            .map(|c| {
                c.endpoint_types()
                    .iter()
                    .map(EndpointTypesElement::as_str)
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default(),
    }
}

impl From<&CampaignResponse> for CampaignDraft {
    fn from(c: &CampaignResponse) -> Self {
        let limits = c.limits();
        let hook = c.hook();
        let mut tags: Vec<String> = c
            .tags()
            .map(|t| t.iter().map(|(k, v)| format!("{k}={v}")).collect())
            .unwrap_or_default();
        tags.sort();
        Self {
            name: text(c.name()),
            description: text(c.description()),
            segment_id: text(c.segment_id()),
            segment_version: int(c.segment_version()),
            holdout: int(c.holdout_percent().filter(|h| *h != 0)),
            priority: int(c.priority()),
            paused: c.is_paused().unwrap_or(false),
            treatment_name: text(c.treatment_name()),
            treatment_description: text(c.treatment_description()),
            messages: c.message_configuration().map(MessagesDraft::from).unwrap_or_default(),
            schedule: c.schedule().map(ScheduleDraft::from).unwrap_or_default(),
            delivery: delivery_from(c.template_configuration(), c.custom_delivery_configuration()),
            limits: LimitsDraft {
                daily: int(limits.and_then(CampaignLimits::daily)),
                total: int(limits.and_then(CampaignLimits::total)),
                messages_per_second: int(limits.and_then(CampaignLimits::messages_per_second)),
                maximum_duration: int(limits.and_then(CampaignLimits::maximum_duration)),
                session: int(limits.and_then(CampaignLimits::session)),
            },
            hook: HookDraft {
                lambda: text(hook.and_then(CampaignHook::lambda_function_name)),
                mode: hook
                    .and_then(CampaignHook::mode)
                    .map(|m| m.as_str().to_owned())
                    .unwrap_or_default(),
                web_url: text(hook.and_then(CampaignHook::web_url)),
            },
            tags: tags.join("\n"),
            treatments: c
                .additional_treatments()
                .iter()
                .map(|t| TreatmentDraft {
                    name: text(t.treatment_name()),
                    description: text(t.treatment_description()),
                    size: int(t.size_percent()),
                    messages: t
                        .message_configuration()
                        .map(MessagesDraft::from)
                        .unwrap_or_default(),
                    own_schedule: t.schedule().is_some(),
                    schedule: t.schedule().map(ScheduleDraft::from).unwrap_or_default(),
                    delivery: delivery_from(
                        t.template_configuration(),
                        t.custom_delivery_configuration(),
                    ),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drafts::campaign::fixtures::ab;

    #[test]
    fn a_campaign_from_the_service_round_trips() {
        let request = ab().to_request().unwrap();
        // Build the response the service would give for this request.
        let response = CampaignResponse::builder()
            .id("c1")
            .arn("arn")
            .application_id("app")
            .creation_date("2026-01-01T00:00:00Z")
            .last_modified_date("2026-01-01T00:00:00Z")
            .segment_id("seg-1")
            .segment_version(1)
            .set_name(request.name().map(str::to_owned))
            .set_holdout_percent(request.holdout_percent())
            .set_treatment_name(request.treatment_name().map(str::to_owned))
            .set_message_configuration(request.message_configuration().cloned())
            .set_schedule(request.schedule().cloned())
            .set_limits(request.limits().cloned())
            .set_hook(request.hook().cloned())
            .set_tags(request.tags().cloned())
            .set_is_paused(request.is_paused())
            .set_additional_treatments(Some(
                request
                    .additional_treatments()
                    .iter()
                    .enumerate()
                    .map(|(i, t)| {
                        aws_sdk_pinpoint::types::TreatmentResource::builder()
                            .id(i.to_string())
                            .set_size_percent(t.size_percent())
                            .set_treatment_name(t.treatment_name().map(str::to_owned))
                            .set_message_configuration(t.message_configuration().cloned())
                            .build()
                    })
                    .collect(),
            ))
            .build();
        let mut expected = ab();
        expected.segment_version = "1".into();
        assert_eq!(CampaignDraft::from(&response), expected);
    }
}
