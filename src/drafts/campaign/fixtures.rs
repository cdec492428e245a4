//! Drafts the campaign tests share.

use super::{
    CampaignDraft, DeliveryDraft, EmailDraft, HookDraft, LimitsDraft, MessagesDraft, PushDraft,
    ScheduleDraft, SmsDraft, TemplateRef, TreatmentDraft,
};
use crate::drafts::inapp::InAppDraft;

/// An A/B campaign: SMS and email for the control, two treatments, a limit, a hook and a tag.
pub fn ab() -> CampaignDraft {
    let mut d = CampaignDraft {
        name: "Spring sale".into(),
        segment_id: "seg-1".into(),
        holdout: "10".into(),
        treatment_name: "Control".into(),
        ..CampaignDraft::default()
    };
    d.messages.sms.body = "Hello {{User.UserAttributes.FirstName}}".into();
    d.messages.sms.message_type = "PROMOTIONAL".into();
    d.messages.email = EmailDraft {
        subject: "Sale".into(),
        html_body: "<p>Hi</p>".into(),
        text_body: "Hi".into(),
        from_address: "shop@example.com".into(),
        headers: String::new(),
    };
    d.treatments.push(TreatmentDraft { name: "B".into(), size: "30".into(), ..Default::default() });
    d.treatments.push(TreatmentDraft { name: "C".into(), size: "20".into(), ..Default::default() });
    d.treatments[0].messages.sms.body = "Variant B".into();
    d.limits.daily = "3".into();
    d.hook.web_url = "https://example.com/hook".into();
    d.tags = "team=growth".into();
    d
}

/// A campaign with every member the editor covers set (and valid): each push channel, email
/// with headers, SMS, custom data, an event schedule with attributes and metrics, templates,
/// custom delivery, limits, hook, tags, and two treatments, one with its own schedule and
/// delivery.
pub fn full() -> CampaignDraft {
    let push = |title: &str| PushDraft {
        title: title.into(),
        body: format!("{title} body"),
        ..PushDraft::default()
    };
    let mut d = CampaignDraft {
        name: "Everything".into(),
        description: "Every member".into(),
        segment_id: "seg-1".into(),
        segment_version: "3".into(),
        holdout: "5".into(),
        priority: "2".into(),
        paused: true,
        treatment_name: "Control".into(),
        treatment_description: "The control".into(),
        tags: "team=growth\nowner=ana".into(),
        ..CampaignDraft::default()
    };
    d.messages = MessagesDraft {
        default: PushDraft {
            title: "Hi".into(),
            body: "Hello {{User.UserAttributes.FirstName}}".into(),
            action: "URL".into(),
            url: "https://example.com/sale".into(),
            image_url: "https://example.com/i.png".into(),
            image_icon_url: "https://example.com/icon.png".into(),
            image_small_icon_url: "https://example.com/small.png".into(),
            media_url: "https://example.com/m.mp4".into(),
            json_body: r#"{"k": 1}"#.into(),
            raw_content: r#"{"aps": {}}"#.into(),
            silent_push: true,
            time_to_live: "3600".into(),
        },
        apns: push("APNs"),
        gcm: push("FCM"),
        adm: push("ADM"),
        baidu: push("Baidu"),
        email: EmailDraft {
            subject: "Sale".into(),
            html_body: "<p>Hi</p>".into(),
            text_body: "Hi".into(),
            from_address: "shop@example.com".into(),
            headers: "X-Campaign: spring\nList-Unsubscribe: <mailto:u@example.com>".into(),
        },
        sms: SmsDraft {
            body: "Sale today".into(),
            message_type: "PROMOTIONAL".into(),
            sender_id: "ACME".into(),
            origination_number: "+12065550100".into(),
            entity_id: "E1".into(),
            template_id: "T1".into(),
        },
        custom: r#"{"kind": "webhook"}"#.into(),
        in_app_message: InAppDraft::default(),
    };
    d.schedule = ScheduleDraft {
        immediate: false,
        start_time: "2026-12-01T00:00:00Z".into(),
        end_time: "2027-01-01T00:00:00Z".into(),
        frequency: "EVENT".into(),
        local_time: true,
        timezone: "UTC".into(),
        quiet_start: "22:00".into(),
        quiet_end: "07:00".into(),
        event_types: "order, refund".into(),
        event_exclusive: true,
        filter_type: "ENDPOINT".into(),
        event_attributes: "store = app; web\npage ~ sale".into(),
        event_metrics: "total >= 100".into(),
    };
    d.delivery = DeliveryDraft {
        templates: [
            TemplateRef { name: "welcome-email".into(), version: "2".into() },
            TemplateRef { name: "welcome-sms".into(), version: String::new() },
            TemplateRef { name: "welcome-push".into(), version: String::new() },
            TemplateRef { name: "welcome-voice".into(), version: String::new() },
            TemplateRef { name: "welcome-in-app".into(), version: String::new() },
        ],
        custom_uri: "https://example.com/deliver".into(),
        custom_types: "PUSH, EMAIL".into(),
    };
    d.limits = LimitsDraft {
        daily: "3".into(),
        total: "10".into(),
        messages_per_second: "100".into(),
        maximum_duration: "600".into(),
        session: "1".into(),
    };
    d.hook = HookDraft {
        lambda: "my-hook".into(),
        mode: "FILTER".into(),
        web_url: "https://example.com/hook".into(),
    };
    let mut b = TreatmentDraft {
        name: "B".into(),
        description: "Variant B".into(),
        size: "30".into(),
        own_schedule: true,
        schedule: ScheduleDraft {
            immediate: false,
            start_time: "2026-12-02T09:00:00Z".into(),
            frequency: "DAILY".into(),
            ..ScheduleDraft::default()
        },
        ..TreatmentDraft::default()
    };
    b.messages.sms.body = "Variant B".into();
    b.delivery.templates[0].name = "variant-email".into();
    b.delivery.custom_uri = "my-delivery-function".into();
    d.treatments = vec![b, TreatmentDraft { size: "20".into(), ..TreatmentDraft::default() }];
    d
}

/// The wire JSON of [`full`]'s request, written out by hand from the service model.
pub fn full_json() -> serde_json::Value {
    serde_json::json!({
        "Name": "Everything",
        "Description": "Every member",
        "SegmentId": "seg-1",
        "SegmentVersion": 3,
        "HoldoutPercent": 5,
        "Priority": 2,
        "IsPaused": true,
        "TreatmentName": "Control",
        "TreatmentDescription": "The control",
        "MessageConfiguration": {
            "DefaultMessage": {
                "Title": "Hi",
                "Body": "Hello {{User.UserAttributes.FirstName}}",
                "Action": "URL",
                "Url": "https://example.com/sale",
                "ImageUrl": "https://example.com/i.png",
                "ImageIconUrl": "https://example.com/icon.png",
                "ImageSmallIconUrl": "https://example.com/small.png",
                "MediaUrl": "https://example.com/m.mp4",
                "JsonBody": "{\"k\": 1}",
                "RawContent": "{\"aps\": {}}",
                "SilentPush": true,
                "TimeToLive": 3600
            },
            "APNSMessage": {"Title": "APNs", "Body": "APNs body"},
            "GCMMessage": {"Title": "FCM", "Body": "FCM body"},
            "ADMMessage": {"Title": "ADM", "Body": "ADM body"},
            "BaiduMessage": {"Title": "Baidu", "Body": "Baidu body"},
            "EmailMessage": {
                "Title": "Sale",
                "HtmlBody": "<p>Hi</p>",
                "Body": "Hi",
                "FromAddress": "shop@example.com",
                "Headers": [
                    {"Name": "X-Campaign", "Value": "spring"},
                    {"Name": "List-Unsubscribe", "Value": "<mailto:u@example.com>"}
                ]
            },
            "SMSMessage": {
                "Body": "Sale today",
                "MessageType": "PROMOTIONAL",
                "SenderId": "ACME",
                "OriginationNumber": "+12065550100",
                "EntityId": "E1",
                "TemplateId": "T1"
            },
            "CustomMessage": {"Data": "{\"kind\": \"webhook\"}"}
        },
        "Schedule": {
            "StartTime": "2026-12-01T00:00:00Z",
            "EndTime": "2027-01-01T00:00:00Z",
            "Frequency": "EVENT",
            "IsLocalTime": true,
            "Timezone": "UTC",
            "QuietTime": {"Start": "22:00", "End": "07:00"},
            "EventFilter": {
                "FilterType": "ENDPOINT",
                "Dimensions": {
                    "EventType": {"DimensionType": "EXCLUSIVE", "Values": ["order", "refund"]},
                    "Attributes": {
                        "store": {"AttributeType": "INCLUSIVE", "Values": ["app", "web"]},
                        "page": {"AttributeType": "CONTAINS", "Values": ["sale"]}
                    },
                    "Metrics": {
                        "total": {"ComparisonOperator": "GREATER_THAN_OR_EQUAL", "Value": 100.0}
                    }
                }
            }
        },
        "TemplateConfiguration": {
            "EmailTemplate": {"Name": "welcome-email", "Version": "2"},
            "SMSTemplate": {"Name": "welcome-sms"},
            "PushTemplate": {"Name": "welcome-push"},
            "VoiceTemplate": {"Name": "welcome-voice"},
            "InAppTemplate": {"Name": "welcome-in-app"}
        },
        "CustomDeliveryConfiguration": {
            "DeliveryUri": "https://example.com/deliver",
            "EndpointTypes": ["PUSH", "EMAIL"]
        },
        "Limits": {
            "Daily": 3,
            "Total": 10,
            "MessagesPerSecond": 100,
            "MaximumDuration": 600,
            "Session": 1
        },
        "Hook": {
            "LambdaFunctionName": "my-hook",
            "Mode": "FILTER",
            "WebUrl": "https://example.com/hook"
        },
        "tags": {"team": "growth", "owner": "ana"},
        "AdditionalTreatments": [
            {
                "TreatmentName": "B",
                "TreatmentDescription": "Variant B",
                "SizePercent": 30,
                "MessageConfiguration": {"SMSMessage": {"Body": "Variant B"}},
                "Schedule": {"StartTime": "2026-12-02T09:00:00Z", "Frequency": "DAILY"},
                "TemplateConfiguration": {"EmailTemplate": {"Name": "variant-email"}},
                "CustomDeliveryConfiguration": {"DeliveryUri": "my-delivery-function"}
            },
            {"SizePercent": 20}
        ]
    })
}
