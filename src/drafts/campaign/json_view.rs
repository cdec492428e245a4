//! The request as JSON (copy as JSON, the CLI command, the version diff).

use serde_json::{Map, Value, json};

use super::event_filter::{event_attributes, event_metrics, non_empty_lines};
use super::{
    CampaignDraft, DeliveryDraft, MessagesDraft, PushDraft, ScheduleDraft, TEMPLATE_KINDS, list,
};
use crate::drafts::FieldErrors;
use aws_sdk_pinpoint::types::AttributeType;

/// JSON of the attribute and metric lines (as far as they parse).
fn event_filter_json(s: &ScheduleDraft) -> (Value, Value) {
    let mut ignore = FieldErrors::default();
    let attributes: Map<String, Value> = event_attributes(&s.event_attributes, "", &mut ignore)
        .into_iter()
        .map(|(k, d)| {
            let t = d.attribute_type().map_or("INCLUSIVE", AttributeType::as_str).to_owned();
            (k, json!({"AttributeType": t, "Values": d.values()}))
        })
        .collect();
    let metrics: Map<String, Value> = event_metrics(&s.event_metrics, "", &mut ignore)
        .into_iter()
        .map(|(k, d)| {
            let op = d.comparison_operator().unwrap_or("EQUAL").to_owned();
            (k, json!({"ComparisonOperator": op, "Value": d.value().unwrap_or(0.0)}))
        })
        .collect();
    (Value::Object(attributes), Value::Object(metrics))
}

/// An object of the non-empty members.
fn object(members: Vec<(&str, Value)>) -> Value {
    let map: Map<String, Value> = members
        .into_iter()
        .filter(|(_, v)| match v {
            Value::Null => false,
            Value::String(s) => !s.is_empty(),
            Value::Object(m) => !m.is_empty(),
            Value::Array(a) => !a.is_empty(),
            _ => true,
        })
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
    Value::Object(map)
}

fn s(v: &str) -> Value {
    Value::String(v.trim().to_owned())
}

/// A number when the text is one, the text otherwise (so an invalid draft still shows).
fn n(v: &str) -> Value {
    let t = v.trim();
    if t.is_empty() {
        Value::Null
    } else {
        crate::drafts::parse_int(t).map_or_else(|| Value::String(t.to_owned()), Value::from)
    }
}

fn push_json(p: &PushDraft) -> Value {
    object(vec![
        ("Title", s(&p.title)),
        ("Body", s(&p.body)),
        ("Action", s(&p.action)),
        ("Url", s(&p.url)),
        ("ImageUrl", s(&p.image_url)),
        ("ImageIconUrl", s(&p.image_icon_url)),
        ("ImageSmallIconUrl", s(&p.image_small_icon_url)),
        ("MediaUrl", s(&p.media_url)),
        ("JsonBody", s(&p.json_body)),
        ("RawContent", s(&p.raw_content)),
        ("SilentPush", if p.silent_push { json!(true) } else { Value::Null }),
        ("TimeToLive", n(&p.time_to_live)),
    ])
}

fn messages_json(m: &MessagesDraft) -> Value {
    object(vec![
        ("DefaultMessage", push_json(&m.default)),
        ("APNSMessage", push_json(&m.apns)),
        ("GCMMessage", push_json(&m.gcm)),
        ("ADMMessage", push_json(&m.adm)),
        ("BaiduMessage", push_json(&m.baidu)),
        (
            "EmailMessage",
            object(vec![
                ("Title", s(&m.email.subject)),
                ("HtmlBody", s(&m.email.html_body)),
                ("Body", s(&m.email.text_body)),
                ("FromAddress", s(&m.email.from_address)),
                (
                    "Headers",
                    Value::Array(
                        non_empty_lines(&m.email.headers)
                            .filter_map(|l| l.split_once(':'))
                            .map(|(n, v)| json!({"Name": n.trim(), "Value": v.trim()}))
                            .collect(),
                    ),
                ),
            ]),
        ),
        (
            "SMSMessage",
            object(vec![
                ("Body", s(&m.sms.body)),
                ("MessageType", s(&m.sms.message_type)),
                ("SenderId", s(&m.sms.sender_id)),
                ("OriginationNumber", s(&m.sms.origination_number)),
                ("EntityId", s(&m.sms.entity_id)),
                ("TemplateId", s(&m.sms.template_id)),
            ]),
        ),
        ("CustomMessage", object(vec![("Data", s(&m.custom))])),
    ])
}

fn schedule_json(d: &ScheduleDraft) -> Value {
    let event = matches!(d.frequency.as_str(), "EVENT" | "IN_APP_EVENT");
    object(vec![
        ("StartTime", if d.immediate { s("IMMEDIATE") } else { s(&d.start_time) }),
        ("EndTime", s(&d.end_time)),
        ("Frequency", s(&d.frequency)),
        ("IsLocalTime", if d.local_time { json!(true) } else { Value::Null }),
        ("Timezone", s(&d.timezone)),
        ("QuietTime", object(vec![("Start", s(&d.quiet_start)), ("End", s(&d.quiet_end))])),
        (
            "EventFilter",
            if event {
                {
                    let (attributes, metrics) = event_filter_json(d);
                    json!({
                        "FilterType": d.filter_type,
                        "Dimensions": object(vec![
                            ("EventType", json!({
                                "DimensionType": if d.event_exclusive { "EXCLUSIVE" } else { "INCLUSIVE" },
                                "Values": list(&d.event_types),
                            })),
                            ("Attributes", attributes),
                            ("Metrics", metrics),
                        ]),
                    })
                }
            } else {
                Value::Null
            },
        ),
    ])
}

fn delivery_json(d: &DeliveryDraft) -> (Value, Value) {
    let templates = object(
        TEMPLATE_KINDS
            .iter()
            .zip(&d.templates)
            .map(|(kind, t)| {
                (*kind, object(vec![("Name", s(&t.name)), ("Version", s(&t.version))]))
            })
            .collect(),
    );
    let custom = if d.custom_uri.trim().is_empty() {
        Value::Null
    } else {
        object(vec![
            ("DeliveryUri", s(&d.custom_uri)),
            ("EndpointTypes", json!(list(&d.custom_types))),
        ])
    };
    (templates, custom)
}

impl CampaignDraft {
    /// The `WriteCampaignRequest` as JSON, as far as the draft can say (values that do not
    /// parse are shown as typed).
    #[must_use]
    pub fn to_json(&self) -> Value {
        let (templates, custom) = delivery_json(&self.delivery);
        let tags: Map<String, Value> = self
            .tags
            .lines()
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.trim().to_owned(), s(v)))
            .collect();
        let treatments: Vec<Value> = self
            .treatments
            .iter()
            .map(|t| {
                let (templates, custom) = delivery_json(&t.delivery);
                object(vec![
                    ("TreatmentName", s(&t.name)),
                    ("TreatmentDescription", s(&t.description)),
                    ("SizePercent", n(&t.size)),
                    ("MessageConfiguration", messages_json(&t.messages)),
                    (
                        "Schedule",
                        if t.own_schedule { schedule_json(&t.schedule) } else { Value::Null },
                    ),
                    ("TemplateConfiguration", templates),
                    ("CustomDeliveryConfiguration", custom),
                ])
            })
            .collect();
        object(vec![
            ("Name", s(&self.name)),
            ("Description", s(&self.description)),
            ("SegmentId", s(&self.segment_id)),
            ("SegmentVersion", n(&self.segment_version)),
            ("HoldoutPercent", n(&self.holdout)),
            ("Priority", n(&self.priority)),
            ("IsPaused", json!(self.paused)),
            ("TreatmentName", s(&self.treatment_name)),
            ("TreatmentDescription", s(&self.treatment_description)),
            ("MessageConfiguration", messages_json(&self.messages)),
            ("Schedule", schedule_json(&self.schedule)),
            ("TemplateConfiguration", templates),
            ("CustomDeliveryConfiguration", custom),
            (
                "Limits",
                object(vec![
                    ("Daily", n(&self.limits.daily)),
                    ("Total", n(&self.limits.total)),
                    ("MessagesPerSecond", n(&self.limits.messages_per_second)),
                    ("MaximumDuration", n(&self.limits.maximum_duration)),
                    ("Session", n(&self.limits.session)),
                ]),
            ),
            (
                "Hook",
                object(vec![
                    ("LambdaFunctionName", s(&self.hook.lambda)),
                    ("Mode", s(&self.hook.mode)),
                    ("WebUrl", s(&self.hook.web_url)),
                ]),
            ),
            ("tags", Value::Object(tags)),
            ("AdditionalTreatments", Value::Array(treatments)),
        ])
    }
}
