//! The serializers against the SDK's own: the body the SDK would send for CreateCampaign and
//! CreateSegment, captured just before it leaves (nothing is sent), is the JSON `json` writes
//! for the same request. This pins the member names and number forms to the SDK's, not only to
//! a hand-written expectation.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::{Arc, Mutex};

use aws_sdk_pinpoint::config::interceptors::BeforeTransmitInterceptorContextRef;
use aws_sdk_pinpoint::config::retry::RetryConfig;
use aws_sdk_pinpoint::config::{ConfigBag, Credentials, Intercept, Region, RuntimeComponents};
use aws_sdk_pinpoint::error::BoxError;
use serde_json::Value;

use crate::drafts::{campaign, segment};

/// Keeps the body of the request about to be transmitted, then stops it.
#[derive(Debug, Clone, Default)]
struct Capture(Arc<Mutex<Option<Vec<u8>>>>);

impl Intercept for Capture {
    fn name(&self) -> &'static str {
        "capture the request body"
    }

    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _: &RuntimeComponents,
        _: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        *self.0.lock().unwrap() = context.request().body().bytes().map(<[u8]>::to_vec);
        Err("captured: not sent".into())
    }
}

fn client(capture: &Capture) -> aws_sdk_pinpoint::Client {
    let config = aws_sdk_pinpoint::Config::builder()
        .behavior_version_latest()
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("id", "secret", None, None, "test"))
        .endpoint_url("http://127.0.0.1:9")
        .retry_config(RetryConfig::disabled())
        .interceptor(capture.clone())
        .build();
    aws_sdk_pinpoint::Client::from_conf(config)
}

fn sent(capture: &Capture) -> Value {
    let body = capture.0.lock().unwrap().take().expect("a body was captured");
    serde_json::from_slice(&body).unwrap()
}

/// The body the SDK sends for CreateCampaign with `request`.
async fn campaign_sent(request: &aws_sdk_pinpoint::types::WriteCampaignRequest) -> Value {
    let capture = Capture::default();
    let result = client(&capture)
        .create_campaign()
        .application_id("app")
        .write_campaign_request(request.clone())
        .send()
        .await;
    assert!(result.is_err(), "stopped before sending");
    sent(&capture)
}

#[tokio::test]
async fn the_campaign_json_is_what_the_sdk_sends() {
    let request = campaign::fixtures::full().to_request().unwrap();
    assert_eq!(campaign_sent(&request).await, super::campaign::write_campaign_request(&request));
}

#[tokio::test]
async fn an_in_app_campaigns_json_is_what_the_sdk_sends() {
    let mut d = campaign::fixtures::ab();
    d.messages.in_app_message = crate::drafts::inapp::tests::full();
    d.schedule.frequency = "IN_APP_EVENT".into();
    d.schedule.immediate = false;
    d.schedule.start_time = "2026-12-01T00:00:00Z".into();
    d.schedule.event_types = "_session.start".into();
    let request = d.to_request().unwrap();
    let json = super::campaign::write_campaign_request(&request);
    let button = &json["MessageConfiguration"]["InAppMessage"]["Content"][0]["PrimaryBtn"];
    assert_eq!(button["Web"]["ButtonAction"], "LINK");
    assert_eq!(campaign_sent(&request).await, json);
}

#[tokio::test]
async fn the_segment_json_is_what_the_sdk_sends() {
    let capture = Capture::default();
    let request = segment::fixtures::full().to_request().unwrap();
    let result = client(&capture)
        .create_segment()
        .application_id("app")
        .write_segment_request(request.clone())
        .send()
        .await;
    assert!(result.is_err(), "stopped before sending");
    assert_eq!(sent(&capture), super::segment::write_segment_request(&request));
}

#[tokio::test]
async fn each_template_json_is_what_the_sdk_sends() {
    use crate::drafts::inapp::InAppBlock;
    use crate::drafts::template::TemplateDraft;
    use crate::drafts::template::sdk::{TemplateRequest, request};
    use crate::pinpoint::TemplateKind;

    let mut drafts = Vec::new();
    let mut email = TemplateDraft::new(TemplateKind::Email);
    for (path, text) in [("Subject", "Hi {{Name}}"), ("HtmlPart", "<p>Hi</p>"), ("TextPart", "Hi")]
    {
        *email.value_mut(path) = text.into();
    }
    email.description = "d".into();
    email.recommender_id = "r".into();
    email.substitutions = vec![("Name".into(), "friend".into())];
    email.headers = vec![("X-A".into(), "1".into())];
    drafts.push(email);
    let mut sms = TemplateDraft::new(TemplateKind::Sms);
    *sms.value_mut("Body") = "Code {{c}}".into();
    drafts.push(sms);
    let mut voice = TemplateDraft::new(TemplateKind::Voice);
    for (path, text) in [("Body", "Hello"), ("LanguageCode", "en-US"), ("VoiceId", "Joanna")] {
        *voice.value_mut(path) = text.into();
    }
    drafts.push(voice);
    let mut push = TemplateDraft::new(TemplateKind::Push);
    for (path, text) in [
        ("Default.Title", "T"),
        ("Default.Action", "OPEN_APP"),
        ("APNS.Sound", "ping.caf"),
        ("APNS.MediaUrl", "https://m"),
        ("GCM.ImageUrl", "https://i"),
        ("GCM.Action", "URL"),
        ("GCM.Url", "https://u"),
        ("ADM.Body", "a"),
        ("Baidu.SmallImageIconUrl", "https://s"),
    ] {
        *push.value_mut(path) = text.into();
    }
    drafts.push(push);
    let mut inapp = TemplateDraft::new(TemplateKind::InApp);
    inapp.in_app.blocks = vec![InAppBlock {
        header: "H".into(),
        body: "B".into(),
        image_url: "https://i".into(),
        ..InAppBlock::default()
    }];
    inapp.in_app.blocks[0].primary.text = "Go".into();
    inapp.in_app.blocks[0].primary.action = "LINK".into();
    inapp.in_app.blocks[0].primary.link = "https://l".into();
    inapp.in_app.blocks[0].primary.radius = "4".into();
    inapp.in_app.blocks[0].secondary.text = "Close".into();
    inapp.in_app.custom_config = vec![("k".into(), "v".into())];
    drafts.push(inapp);

    for draft in drafts {
        let capture = Capture::default();
        let c = client(&capture);
        let body = draft.to_json();
        let stopped = match request(draft.kind, &body, None) {
            TemplateRequest::Email(r) => c
                .create_email_template()
                .template_name("t")
                .email_template_request(r)
                .send()
                .await
                .is_err(),
            TemplateRequest::Sms(r) => c
                .create_sms_template()
                .template_name("t")
                .sms_template_request(r)
                .send()
                .await
                .is_err(),
            TemplateRequest::Voice(r) => c
                .create_voice_template()
                .template_name("t")
                .voice_template_request(r)
                .send()
                .await
                .is_err(),
            TemplateRequest::Push(r) => c
                .create_push_template()
                .template_name("t")
                .push_notification_template_request(r)
                .send()
                .await
                .is_err(),
            TemplateRequest::InApp(r) => c
                .create_in_app_template()
                .template_name("t")
                .in_app_template_request(r)
                .send()
                .await
                .is_err(),
        };
        assert!(stopped, "stopped before sending");
        assert_eq!(sent(&capture), body, "{:?}", draft.kind);
    }
}

#[tokio::test]
async fn the_journey_json_is_what_the_sdk_sends() {
    let capture = Capture::default();
    let draft = crate::drafts::journey::fixtures::full();
    let request = draft.to_request().unwrap();
    let result = client(&capture)
        .create_journey()
        .application_id("app")
        .write_journey_request(request.clone())
        .send()
        .await;
    assert!(result.is_err(), "stopped before sending");
    assert_eq!(sent(&capture), super::journey::write_journey_request(&request));
}
