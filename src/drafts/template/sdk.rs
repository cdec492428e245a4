//! A template's body (the JSON of `wire`) as the SDK's request of its kind, and the SDK's Get
//! answers as that JSON again: the one place templates meet the SDK's types.

use std::collections::HashMap;

use aws_sdk_pinpoint::types::{
    Action, Alignment, AndroidPushNotificationTemplate, ApnsPushNotificationTemplate, ButtonAction,
    DefaultButtonConfiguration, DefaultPushNotificationTemplate, EmailTemplateRequest,
    EmailTemplateResponse, InAppMessageBodyConfig, InAppMessageButton, InAppMessageContent,
    InAppMessageHeaderConfig, InAppTemplateRequest, InAppTemplateResponse, Layout, MessageHeader,
    OverrideButtonConfiguration, PushNotificationTemplateRequest, PushNotificationTemplateResponse,
    SmsTemplateRequest, SmsTemplateResponse, VoiceTemplateRequest, VoiceTemplateResponse,
};
use serde_json::{Map, Value, json};

use crate::drafts::json;
use crate::pinpoint::template::TemplateKind;

/// The request of one template kind, as the SDK takes it (one per save, so the size of its
/// largest variant does not matter).
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)]
pub enum TemplateRequest {
    /// CreateEmailTemplate / UpdateEmailTemplate.
    Email(EmailTemplateRequest),
    /// CreateSmsTemplate / UpdateSmsTemplate.
    Sms(SmsTemplateRequest),
    /// CreatePushTemplate / UpdatePushTemplate.
    Push(PushNotificationTemplateRequest),
    /// CreateVoiceTemplate / UpdateVoiceTemplate.
    Voice(VoiceTemplateRequest),
    /// CreateInAppTemplate / UpdateInAppTemplate.
    InApp(InAppTemplateRequest),
}

fn s(v: &Value, member: &str) -> Option<String> {
    v.get(member).and_then(Value::as_str).map(str::to_owned)
}

fn string_map(v: &Value, member: &str) -> Option<HashMap<String, String>> {
    let map = v.get(member)?.as_object()?;
    Some(map.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned())).collect())
}

fn android(v: &Value) -> AndroidPushNotificationTemplate {
    AndroidPushNotificationTemplate::builder()
        .set_action(s(v, "Action").map(|a| Action::from(a.as_str())))
        .set_body(s(v, "Body"))
        .set_image_icon_url(s(v, "ImageIconUrl"))
        .set_image_url(s(v, "ImageUrl"))
        .set_raw_content(s(v, "RawContent"))
        .set_small_image_icon_url(s(v, "SmallImageIconUrl"))
        .set_sound(s(v, "Sound"))
        .set_title(s(v, "Title"))
        .set_url(s(v, "Url"))
        .build()
}

fn button(v: &Value) -> InAppMessageButton {
    let c = v.get("DefaultConfig").cloned().unwrap_or_default();
    let config = DefaultButtonConfiguration::builder()
        .set_background_color(s(&c, "BackgroundColor"))
        .set_border_radius(c.get("BorderRadius").and_then(Value::as_i64).map(|r| r as i32))
        .set_button_action(s(&c, "ButtonAction").map(|a| ButtonAction::from(a.as_str())))
        .set_link(s(&c, "Link"))
        .set_text(s(&c, "Text"))
        .set_text_color(s(&c, "TextColor"))
        .build();
    let platform = |member: &str| {
        v.get(member).map(|o| {
            OverrideButtonConfiguration::builder()
                .set_button_action(s(o, "ButtonAction").map(|a| ButtonAction::from(a.as_str())))
                .set_link(s(o, "Link"))
                .build()
        })
    };
    InAppMessageButton::builder()
        .default_config(config)
        .set_ios(platform("IOS"))
        .set_android(platform("Android"))
        .set_web(platform("Web"))
        .build()
}

/// One `InAppMessageContent` from its JSON (`json::inapp::content` writes it back).
#[must_use]
pub fn content(v: &Value) -> InAppMessageContent {
    let header = v.get("HeaderConfig").map(|h| {
        InAppMessageHeaderConfig::builder()
            .set_alignment(s(h, "Alignment").map(|a| Alignment::from(a.as_str())))
            .set_header(s(h, "Header"))
            .set_text_color(s(h, "TextColor"))
            .build()
    });
    let body = v.get("BodyConfig").map(|b| {
        InAppMessageBodyConfig::builder()
            .set_alignment(s(b, "Alignment").map(|a| Alignment::from(a.as_str())))
            .set_body(s(b, "Body"))
            .set_text_color(s(b, "TextColor"))
            .build()
    });
    InAppMessageContent::builder()
        .set_background_color(s(v, "BackgroundColor"))
        .set_header_config(header)
        .set_body_config(body)
        .set_image_url(s(v, "ImageUrl"))
        .set_primary_btn(v.get("PrimaryBtn").map(button))
        .set_secondary_btn(v.get("SecondaryBtn").map(button))
        .build()
}

/// The SDK request for a template body of `kind` (tags given on create only).
#[must_use]
#[allow(clippy::implicit_hasher)]
pub fn request(
    kind: TemplateKind,
    body: &Value,
    tags: Option<HashMap<String, String>>,
) -> TemplateRequest {
    let b = body;
    match kind {
        TemplateKind::Email => {
            let headers = b.get("Headers").and_then(Value::as_array).map(|a| {
                a.iter()
                    .map(|h| {
                        MessageHeader::builder()
                            .set_name(s(h, "Name"))
                            .set_value(s(h, "Value"))
                            .build()
                    })
                    .collect()
            });
            TemplateRequest::Email(
                EmailTemplateRequest::builder()
                    .set_default_substitutions(s(b, "DefaultSubstitutions"))
                    .set_html_part(s(b, "HtmlPart"))
                    .set_recommender_id(s(b, "RecommenderId"))
                    .set_subject(s(b, "Subject"))
                    .set_headers(headers)
                    .set_tags(tags)
                    .set_template_description(s(b, "TemplateDescription"))
                    .set_text_part(s(b, "TextPart"))
                    .build(),
            )
        }
        TemplateKind::Sms => TemplateRequest::Sms(
            SmsTemplateRequest::builder()
                .set_body(s(b, "Body"))
                .set_default_substitutions(s(b, "DefaultSubstitutions"))
                .set_recommender_id(s(b, "RecommenderId"))
                .set_tags(tags)
                .set_template_description(s(b, "TemplateDescription"))
                .build(),
        ),
        TemplateKind::Voice => TemplateRequest::Voice(
            VoiceTemplateRequest::builder()
                .set_body(s(b, "Body"))
                .set_default_substitutions(s(b, "DefaultSubstitutions"))
                .set_language_code(s(b, "LanguageCode"))
                .set_voice_id(s(b, "VoiceId"))
                .set_tags(tags)
                .set_template_description(s(b, "TemplateDescription"))
                .build(),
        ),
        TemplateKind::Push => {
            let apns = b.get("APNS").map(|v| {
                ApnsPushNotificationTemplate::builder()
                    .set_action(s(v, "Action").map(|a| Action::from(a.as_str())))
                    .set_body(s(v, "Body"))
                    .set_media_url(s(v, "MediaUrl"))
                    .set_raw_content(s(v, "RawContent"))
                    .set_sound(s(v, "Sound"))
                    .set_title(s(v, "Title"))
                    .set_url(s(v, "Url"))
                    .build()
            });
            let default = b.get("Default").map(|v| {
                DefaultPushNotificationTemplate::builder()
                    .set_action(s(v, "Action").map(|a| Action::from(a.as_str())))
                    .set_body(s(v, "Body"))
                    .set_sound(s(v, "Sound"))
                    .set_title(s(v, "Title"))
                    .set_url(s(v, "Url"))
                    .build()
            });
            TemplateRequest::Push(
                PushNotificationTemplateRequest::builder()
                    .set_adm(b.get("ADM").map(android))
                    .set_apns(apns)
                    .set_baidu(b.get("Baidu").map(android))
                    .set_default(default)
                    .set_default_substitutions(s(b, "DefaultSubstitutions"))
                    .set_gcm(b.get("GCM").map(android))
                    .set_recommender_id(s(b, "RecommenderId"))
                    .set_tags(tags)
                    .set_template_description(s(b, "TemplateDescription"))
                    .build(),
            )
        }
        TemplateKind::InApp => TemplateRequest::InApp(
            InAppTemplateRequest::builder()
                .set_content(
                    b.get("Content")
                        .and_then(Value::as_array)
                        .map(|a| a.iter().map(content).collect()),
                )
                .set_custom_config(string_map(b, "CustomConfig"))
                .set_layout(s(b, "Layout").map(|l| Layout::from(l.as_str())))
                .set_tags(tags)
                .set_template_description(s(b, "TemplateDescription"))
                .build(),
        ),
    }
}

/// What a Get answer says beside the body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TemplateMeta {
    /// The ARN (for the tag operations).
    pub arn: String,
    /// The version this body is.
    pub version: String,
    /// When it was last changed.
    pub last_modified: String,
    /// Its tags.
    pub tags: Vec<(String, String)>,
}

/// One JSON object, member by member; an unset member is skipped.
#[derive(Default)]
struct Obj(Map<String, Value>);

impl Obj {
    fn s(mut self, member: &str, v: Option<&str>) -> Self {
        if let Some(v) = v {
            self.0.insert(member.to_owned(), Value::from(v));
        }
        self
    }
    fn v(mut self, member: &str, v: Option<Value>) -> Self {
        if let Some(v) = v {
            self.0.insert(member.to_owned(), v);
        }
        self
    }
    fn done(self) -> Value {
        Value::Object(self.0)
    }
}

fn meta(
    arn: Option<&str>,
    version: Option<&str>,
    modified: Option<&str>,
    tags: Option<&HashMap<String, String>>,
) -> TemplateMeta {
    let mut tags: Vec<(String, String)> =
        tags.map(|t| t.iter().map(|(k, v)| (k.clone(), v.clone())).collect()).unwrap_or_default();
    tags.sort();
    TemplateMeta {
        arn: arn.unwrap_or_default().to_owned(),
        version: version.unwrap_or_default().to_owned(),
        last_modified: modified.unwrap_or_default().to_owned(),
        tags,
    }
}

fn android_json(t: &AndroidPushNotificationTemplate) -> Value {
    Obj::default()
        .s("Action", t.action().map(Action::as_str))
        .s("Body", t.body())
        .s("ImageIconUrl", t.image_icon_url())
        .s("ImageUrl", t.image_url())
        .s("RawContent", t.raw_content())
        .s("SmallImageIconUrl", t.small_image_icon_url())
        .s("Sound", t.sound())
        .s("Title", t.title())
        .s("Url", t.url())
        .done()
}

/// An email Get answer as its body and what it says beside.
#[must_use]
pub fn email(r: &EmailTemplateResponse) -> (TemplateMeta, Value) {
    let headers: Vec<Value> =
        r.headers().iter().map(|h| json!({"Name": h.name(), "Value": h.value()})).collect();
    let body = Obj::default()
        .s("TemplateDescription", r.template_description())
        .s("DefaultSubstitutions", r.default_substitutions())
        .s("RecommenderId", r.recommender_id())
        .s("Subject", r.subject())
        .s("HtmlPart", r.html_part())
        .s("TextPart", r.text_part())
        .v("Headers", (!headers.is_empty()).then_some(Value::Array(headers)))
        .done();
    (meta(r.arn(), r.version(), r.last_modified_date(), r.tags()), body)
}

/// An SMS Get answer.
#[must_use]
pub fn sms(r: &SmsTemplateResponse) -> (TemplateMeta, Value) {
    let body = Obj::default()
        .s("TemplateDescription", r.template_description())
        .s("DefaultSubstitutions", r.default_substitutions())
        .s("RecommenderId", r.recommender_id())
        .s("Body", r.body())
        .done();
    (meta(r.arn(), r.version(), r.last_modified_date(), r.tags()), body)
}

/// A voice Get answer.
#[must_use]
pub fn voice(r: &VoiceTemplateResponse) -> (TemplateMeta, Value) {
    let body = Obj::default()
        .s("TemplateDescription", r.template_description())
        .s("DefaultSubstitutions", r.default_substitutions())
        .s("Body", r.body())
        .s("LanguageCode", r.language_code())
        .s("VoiceId", r.voice_id())
        .done();
    (meta(r.arn(), r.version(), r.last_modified_date(), r.tags()), body)
}

/// A push Get answer.
#[must_use]
pub fn push(r: &PushNotificationTemplateResponse) -> (TemplateMeta, Value) {
    let apns = r.apns().map(|t| {
        Obj::default()
            .s("Action", t.action().map(Action::as_str))
            .s("Body", t.body())
            .s("MediaUrl", t.media_url())
            .s("RawContent", t.raw_content())
            .s("Sound", t.sound())
            .s("Title", t.title())
            .s("Url", t.url())
            .done()
    });
    let default = r.default_value().map(|t| {
        Obj::default()
            .s("Action", t.action().map(Action::as_str))
            .s("Body", t.body())
            .s("Sound", t.sound())
            .s("Title", t.title())
            .s("Url", t.url())
            .done()
    });
    let body = Obj::default()
        .s("TemplateDescription", r.template_description())
        .s("DefaultSubstitutions", r.default_substitutions())
        .s("RecommenderId", r.recommender_id())
        .v("Default", default)
        .v("APNS", apns)
        .v("GCM", r.gcm().map(android_json))
        .v("ADM", r.adm().map(android_json))
        .v("Baidu", r.baidu().map(android_json))
        .done();
    (meta(r.arn(), r.version(), r.last_modified_date(), r.tags()), body)
}

/// An in-app Get answer.
#[must_use]
pub fn in_app(r: &InAppTemplateResponse) -> (TemplateMeta, Value) {
    let config = r.custom_config().map(|m| {
        Value::Object(m.iter().map(|(k, v)| (k.clone(), Value::from(v.as_str()))).collect())
    });
    let body = Obj::default()
        .s("TemplateDescription", r.template_description())
        .s("Layout", r.layout().map(Layout::as_str))
        .v("Content", Some(Value::Array(r.content().iter().map(json::inapp::content).collect())))
        .v("CustomConfig", config)
        .done();
    (meta(r.arn(), r.version(), r.last_modified_date(), r.tags()), body)
}
