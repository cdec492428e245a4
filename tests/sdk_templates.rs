//! Message templates through the real `aws-sdk-pinpoint` client against the mock on
//! 127.0.0.1:0: every template operation for email and SMS, a round trip for push, voice and
//! in-app, versions and the active version, ListTemplates' paging and filters, the 400 and
//! 404 cases, and templates used: a campaign and direct sends rendered into the outbox.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::too_many_lines, clippy::large_futures)]

use crate::common;

use aws_sdk_pinpoint::Client;
use aws_sdk_pinpoint::error::ProvideErrorMetadata;
use aws_sdk_pinpoint::types::{
    AddressConfiguration, Alignment, AndroidPushNotificationTemplate, ChannelType,
    CreateApplicationRequest, DefaultPushNotificationTemplate, DirectMessageConfiguration,
    EmailChannelRequest, EmailTemplateRequest, EndpointDemographic, EndpointRequest, EndpointUser,
    Frequency, InAppMessageBodyConfig, InAppMessageContent, InAppTemplateRequest, Layout,
    MessageRequest, MessageType, PushNotificationTemplateRequest, Schedule, SegmentDemographics,
    SegmentDimensions, SendUsersMessageRequest, SetDimension, SmsChannelRequest, SmsMessage,
    SmsTemplateRequest, Template, TemplateActiveVersionRequest, TemplateConfiguration,
    VoiceTemplateRequest, WriteCampaignRequest, WriteSegmentRequest,
};
use common::{sdk_client, start_mock};
use pinpoint_console::mock::MockServer;
use pinpoint_console::mock::backend::OutboxFilter;
use pinpoint_console::mock::demo::Seed;

async fn setup() -> (MockServer, Client, String) {
    let server = start_mock(Seed::Empty).await;
    let client = sdk_client(&server).await;
    let app = client
        .create_app()
        .create_application_request(CreateApplicationRequest::builder().name("Templates").build())
        .send()
        .await
        .unwrap();
    let id = app.application_response().unwrap().id().unwrap().to_owned();
    (server, client, id)
}

/// The error code and message of a failed call.
macro_rules! fails {
    ($call:expr) => {{
        let e = $call.await.expect_err("the call should fail").into_service_error();
        (e.code().unwrap_or_default().to_owned(), e.message().unwrap_or_default().to_owned())
    }};
}

fn email(subject: &str, text: &str) -> EmailTemplateRequest {
    EmailTemplateRequest::builder().subject(subject).text_part(text).build()
}

fn sms(body: &str) -> SmsTemplateRequest {
    SmsTemplateRequest::builder().body(body).build()
}

#[tokio::test]
async fn email_templates_with_versions_and_the_active_version() {
    let (_server, c, _app) = setup().await;
    let created = c
        .create_email_template()
        .template_name("welcome")
        .email_template_request(
            EmailTemplateRequest::builder()
                .subject("Hello {{User.UserAttributes.FirstName}}")
                .text_part("v1")
                .html_part("<p>v1</p>")
                .default_substitutions(r#"{"Greeting":"cheers"}"#)
                .template_description("first")
                .tags("team", "growth")
                .build(),
        )
        .send()
        .await
        .unwrap();
    let body = created.create_template_message_body().unwrap();
    assert_eq!(
        body.arn(),
        Some("arn:aws:mobiletargeting:us-east-1:000000000000:templates/welcome/EMAIL")
    );
    assert!(body.request_id().is_some_and(|id| !id.is_empty()));

    let got = c.get_email_template().template_name("welcome").send().await.unwrap();
    let t = got.email_template_response().unwrap();
    assert_eq!(t.template_name(), Some("welcome"));
    assert_eq!(t.template_type(), Some(&aws_sdk_pinpoint::types::TemplateType::Email));
    assert_eq!(
        (t.version(), t.subject(), t.text_part()),
        (Some("1"), Some("Hello {{User.UserAttributes.FirstName}}"), Some("v1"))
    );
    assert_eq!(t.default_substitutions(), Some(r#"{"Greeting":"cheers"}"#));
    assert_eq!(t.tags().unwrap().get("team").map(String::as_str), Some("growth"));
    assert!(t.creation_date().is_some() && t.last_modified_date().is_some());

    // A new version; the active version stays version 1.
    let updated = c
        .update_email_template()
        .template_name("welcome")
        .create_new_version(true)
        .email_template_request(email("Hi", "v2"))
        .send()
        .await
        .unwrap();
    assert!(updated.message_body().is_some());
    let active = c.get_email_template().template_name("welcome").send().await.unwrap();
    assert_eq!(active.email_template_response().unwrap().version(), Some("1"));
    let v2 = c.get_email_template().template_name("welcome").version("2").send().await.unwrap();
    assert_eq!(v2.email_template_response().unwrap().text_part(), Some("v2"));

    // Without create-new-version, the latest version is overwritten; a version given on an
    // update must be the latest.
    c.update_email_template()
        .template_name("welcome")
        .email_template_request(email("Hi", "v2 edited"))
        .send()
        .await
        .unwrap();
    let v2 = c.get_email_template().template_name("welcome").version("2").send().await.unwrap();
    assert_eq!(v2.email_template_response().unwrap().text_part(), Some("v2 edited"));
    let (code, message) = fails!(
        c.update_email_template()
            .template_name("welcome")
            .version("1")
            .email_template_request(email("Hi", "old"))
            .send()
    );
    assert_eq!(code, "BadRequestException", "{message}");

    let versions = c
        .list_template_versions()
        .template_name("welcome")
        .template_type("EMAIL")
        .send()
        .await
        .unwrap();
    let items = versions.template_versions_response().unwrap().item();
    let ids: Vec<_> = items.iter().map(|v| v.version().unwrap()).collect();
    assert_eq!(ids, ["2", "1"], "newest first");
    assert_eq!(items[0].template_type(), Some("EMAIL"));

    // "latest" makes version 2 active; then deleting version 1 is allowed, version 2 is not.
    c.update_template_active_version()
        .template_name("welcome")
        .template_type("EMAIL")
        .template_active_version_request(
            TemplateActiveVersionRequest::builder().version("latest").build(),
        )
        .send()
        .await
        .unwrap();
    let active = c.get_email_template().template_name("welcome").send().await.unwrap();
    assert_eq!(active.email_template_response().unwrap().version(), Some("2"));
    let (code, _) = fails!(c.delete_email_template().template_name("welcome").version("2").send());
    assert_eq!(code, "BadRequestException", "the active version is not deleted");
    c.delete_email_template().template_name("welcome").version("1").send().await.unwrap();
    let (code, message) =
        fails!(c.get_email_template().template_name("welcome").version("1").send());
    assert_eq!(code, "NotFoundException", "{message}");
    let (code, _) = fails!(
        c.update_template_active_version()
            .template_name("welcome")
            .template_type("EMAIL")
            .template_active_version_request(
                TemplateActiveVersionRequest::builder().version("7").build()
            )
            .send()
    );
    assert_eq!(code, "NotFoundException");

    // Delete without a version removes the template.
    let deleted = c.delete_email_template().template_name("welcome").send().await.unwrap();
    assert!(deleted.message_body().is_some());
    let (code, _) = fails!(c.get_email_template().template_name("welcome").send());
    assert_eq!(code, "NotFoundException");
}

#[tokio::test]
async fn sms_templates_and_the_service_rules() {
    let (_server, c, _app) = setup().await;
    c.create_sms_template()
        .template_name("otp")
        .sms_template_request(sms("Code {{Code}}"))
        .send()
        .await
        .unwrap();
    let got = c.get_sms_template().template_name("otp").send().await.unwrap();
    let t = got.sms_template_response().unwrap();
    assert_eq!((t.body(), t.version()), (Some("Code {{Code}}"), Some("1")));
    assert_eq!(t.arn(), Some("arn:aws:mobiletargeting:us-east-1:000000000000:templates/otp/SMS"));
    c.update_sms_template()
        .template_name("otp")
        .version("1")
        .sms_template_request(sms("Your code: {{Code}}"))
        .send()
        .await
        .unwrap();
    let got = c.get_sms_template().template_name("otp").send().await.unwrap();
    assert_eq!(got.sms_template_response().unwrap().body(), Some("Your code: {{Code}}"));

    // A name is unique per type: the same name as an email template is fine.
    let (code, message) = fails!(
        c.create_sms_template().template_name("otp").sms_template_request(sms("again")).send()
    );
    assert_eq!(code, "BadRequestException", "{message}");
    c.create_email_template()
        .template_name("otp")
        .email_template_request(email("S", "T"))
        .send()
        .await
        .unwrap();

    for bad in ["-starts-with-hyphen", "has.dot", &"n".repeat(129)] {
        let (code, message) = fails!(
            c.create_sms_template().template_name(bad).sms_template_request(sms("x")).send()
        );
        assert_eq!(code, "BadRequestException", "{bad}: {message}");
    }
    for bad in [r"[1,2]", r#"{"n":1}"#, "not json"] {
        let (code, message) = fails!(
            c.create_sms_template()
                .template_name("defaults")
                .sms_template_request(
                    SmsTemplateRequest::builder().body("x").default_substitutions(bad).build()
                )
                .send()
        );
        assert_eq!(code, "BadRequestException", "{bad}: {message}");
    }
    let (code, _) = fails!(c.get_sms_template().template_name("nope").send());
    assert_eq!(code, "NotFoundException");
    let (code, _) = fails!(c.get_sms_template().template_name("otp").version("9").send());
    assert_eq!(code, "NotFoundException");
    let (code, _) =
        fails!(c.update_sms_template().template_name("nope").sms_template_request(sms("x")).send());
    assert_eq!(code, "NotFoundException");
    let (code, _) = fails!(c.delete_sms_template().template_name("nope").send());
    assert_eq!(code, "NotFoundException");
    let (code, _) =
        fails!(c.list_template_versions().template_name("otp").template_type("FAX").send());
    assert_eq!(code, "BadRequestException");
    c.delete_sms_template().template_name("otp").send().await.unwrap();
    let (code, _) = fails!(c.get_sms_template().template_name("otp").send());
    assert_eq!(code, "NotFoundException");
    c.get_email_template().template_name("otp").send().await.unwrap();
}

#[tokio::test]
async fn push_voice_and_in_app_round_trips() {
    let (_server, c, _app) = setup().await;
    c.create_push_template()
        .template_name("push")
        .push_notification_template_request(
            PushNotificationTemplateRequest::builder()
                .default_value(
                    DefaultPushNotificationTemplate::builder().title("T").body("Default").build(),
                )
                .gcm(AndroidPushNotificationTemplate::builder().body("Android").build())
                .build(),
        )
        .send()
        .await
        .unwrap();
    let got = c.get_push_template().template_name("push").send().await.unwrap();
    let t = got.push_notification_template_response().unwrap();
    assert_eq!(t.default_value().unwrap().body(), Some("Default"));
    assert_eq!(t.gcm().unwrap().body(), Some("Android"));
    c.update_push_template()
        .template_name("push")
        .push_notification_template_request(
            PushNotificationTemplateRequest::builder()
                .default_value(DefaultPushNotificationTemplate::builder().body("Edited").build())
                .build(),
        )
        .send()
        .await
        .unwrap();
    let got = c.get_push_template().template_name("push").send().await.unwrap();
    assert_eq!(
        got.push_notification_template_response().unwrap().default_value().unwrap().body(),
        Some("Edited")
    );
    c.delete_push_template().template_name("push").send().await.unwrap();

    c.create_voice_template()
        .template_name("call")
        .voice_template_request(
            VoiceTemplateRequest::builder()
                .body("Hello {{Name}}")
                .language_code("en-US")
                .voice_id("Joanna")
                .build(),
        )
        .send()
        .await
        .unwrap();
    let got = c.get_voice_template().template_name("call").send().await.unwrap();
    let t = got.voice_template_response().unwrap();
    assert_eq!(
        (t.body(), t.voice_id(), t.language_code()),
        (Some("Hello {{Name}}"), Some("Joanna"), Some("en-US"))
    );
    c.update_voice_template()
        .template_name("call")
        .create_new_version(true)
        .voice_template_request(VoiceTemplateRequest::builder().body("v2").build())
        .send()
        .await
        .unwrap();
    let got = c.get_voice_template().template_name("call").version("2").send().await.unwrap();
    assert_eq!(got.voice_template_response().unwrap().body(), Some("v2"));
    c.delete_voice_template().template_name("call").version("2").send().await.unwrap();
    c.delete_voice_template().template_name("call").send().await.unwrap();

    let content = InAppMessageContent::builder()
        .body_config(
            InAppMessageBodyConfig::builder()
                .alignment(Alignment::Left)
                .body("Sale!")
                .text_color("#000000")
                .build(),
        )
        .build();
    c.create_in_app_template()
        .template_name("banner")
        .in_app_template_request(
            InAppTemplateRequest::builder()
                .layout(Layout::BottomBanner)
                .content(content)
                .custom_config("k", "v")
                .build(),
        )
        .send()
        .await
        .unwrap();
    let got = c.get_in_app_template().template_name("banner").send().await.unwrap();
    let t = got.in_app_template_response().unwrap();
    assert_eq!(t.layout(), Some(&Layout::BottomBanner));
    assert_eq!(t.content()[0].body_config().unwrap().body(), Some("Sale!"));
    c.update_in_app_template()
        .template_name("banner")
        .in_app_template_request(InAppTemplateRequest::builder().layout(Layout::TopBanner).build())
        .send()
        .await
        .unwrap();
    let got = c.get_in_app_template().template_name("banner").send().await.unwrap();
    assert_eq!(got.in_app_template_response().unwrap().layout(), Some(&Layout::TopBanner));
    c.delete_in_app_template().template_name("banner").send().await.unwrap();
    let (code, _) = fails!(c.get_in_app_template().template_name("banner").send());
    assert_eq!(code, "NotFoundException");
}

#[tokio::test]
async fn list_templates_pages_and_filters() {
    let (_server, c, _app) = setup().await;
    for name in ["page-a", "page-b", "page-c"] {
        c.create_sms_template()
            .template_name(name)
            .sms_template_request(sms("x"))
            .send()
            .await
            .unwrap();
    }
    c.create_email_template()
        .template_name("page-mail")
        .email_template_request(email("S", "T"))
        .send()
        .await
        .unwrap();
    c.create_sms_template()
        .template_name("other")
        .sms_template_request(sms("x"))
        .send()
        .await
        .unwrap();

    let first = c.list_templates().prefix("page-").page_size("2").send().await.unwrap();
    let first = first.templates_response().unwrap();
    let names: Vec<_> = first.item().iter().map(|t| t.template_name().unwrap()).collect();
    assert_eq!(names, ["page-a", "page-b"]);
    let token = first.next_token().expect("more pages").to_owned();
    let rest =
        c.list_templates().prefix("page-").page_size("2").next_token(token).send().await.unwrap();
    let rest = rest.templates_response().unwrap();
    let names: Vec<_> = rest.item().iter().map(|t| t.template_name().unwrap()).collect();
    assert_eq!(names, ["page-c", "page-mail"]);
    assert!(rest.next_token().is_none());

    let emails = c.list_templates().template_type("EMAIL").send().await.unwrap();
    let emails = emails.templates_response().unwrap().item();
    assert_eq!(emails.len(), 1);
    assert_eq!(emails[0].template_type(), Some(&aws_sdk_pinpoint::types::TemplateType::Email));
    assert_eq!(emails[0].version(), Some("1"));
    assert_eq!(
        emails[0].arn(),
        Some("arn:aws:mobiletargeting:us-east-1:000000000000:templates/page-mail/EMAIL")
    );
    let all = c.list_templates().send().await.unwrap();
    assert_eq!(all.templates_response().unwrap().item().len(), 5);
    let (code, _) = fails!(c.list_templates().template_type("FAX").send());
    assert_eq!(code, "BadRequestException");
    let (code, _) = fails!(c.list_templates().page_size("many").send());
    assert_eq!(code, "BadRequestException");
}

/// An email endpoint with a first name and a city, in an "all iOS" segment.
async fn email_audience(c: &Client, app: &str) -> String {
    c.update_email_channel()
        .application_id(app)
        .email_channel_request(
            EmailChannelRequest::builder()
                .from_address("news@example.com")
                .identity("arn:aws:ses:us-east-1:000000000000:identity/example.com")
                .enabled(true)
                .build(),
        )
        .send()
        .await
        .unwrap();
    c.update_endpoint()
        .application_id(app)
        .endpoint_id("ada")
        .endpoint_request(
            EndpointRequest::builder()
                .channel_type(ChannelType::Email)
                .address("ada@example.com")
                .attributes("City", vec!["Lyon".to_owned()])
                .demographic(EndpointDemographic::builder().platform("iOS").build())
                .user(
                    EndpointUser::builder()
                        .user_id("u-ada")
                        .user_attributes("FirstName", vec!["Ada".to_owned()])
                        .build(),
                )
                .build(),
        )
        .send()
        .await
        .unwrap();
    let segment = c
        .create_segment()
        .application_id(app)
        .write_segment_request(
            WriteSegmentRequest::builder()
                .name("iOS")
                .dimensions(
                    SegmentDimensions::builder()
                        .demographic(
                            SegmentDemographics::builder()
                                .platform(SetDimension::builder().values("iOS").build())
                                .build(),
                        )
                        .build(),
                )
                .build(),
        )
        .send()
        .await
        .unwrap();
    segment.segment_response().unwrap().id().unwrap().to_owned()
}

fn templated_campaign(segment: &str, template: &str) -> WriteCampaignRequest {
    WriteCampaignRequest::builder()
        .name("Templated")
        .segment_id(segment)
        .template_configuration(
            TemplateConfiguration::builder()
                .email_template(Template::builder().name(template).build())
                .build(),
        )
        .schedule(Schedule::builder().start_time("IMMEDIATE").frequency(Frequency::Once).build())
        .build()
}

#[tokio::test]
async fn a_campaign_renders_its_email_template_into_the_outbox() {
    let (server, c, app) = setup().await;
    let segment = email_audience(&c, &app).await;
    c.create_email_template()
        .template_name("welcome")
        .email_template_request(
            EmailTemplateRequest::builder()
                .subject("Hello {{User.UserAttributes.FirstName}}")
                .text_part("See you in {{Attributes.City}}, {{Greeting}}")
                .default_substitutions(r#"{"Greeting":"cheers","Attributes.City":"Paris"}"#)
                .build(),
        )
        .send()
        .await
        .unwrap();
    let (code, message) = fails!(
        c.create_campaign()
            .application_id(&app)
            .write_campaign_request(templated_campaign(&segment, "missing"))
            .send()
    );
    assert_eq!(code, "NotFoundException", "{message}");

    c.create_campaign()
        .application_id(&app)
        .write_campaign_request(templated_campaign(&segment, "welcome"))
        .send()
        .await
        .unwrap();
    server.backend().run_due();
    let outbox = server
        .backend()
        .outbox(&OutboxFilter { app_id: Some(app.clone()), ..OutboxFilter::default() });
    assert_eq!(outbox.len(), 1, "{outbox:?}");
    assert_eq!(outbox[0].address, "ada@example.com");
    assert_eq!(outbox[0].title.as_deref(), Some("Hello Ada"));
    assert_eq!(
        outbox[0].body, "See you in Lyon, cheers",
        "the city from the endpoint (not the default), the greeting from the defaults"
    );
}

#[tokio::test]
async fn direct_messages_render_their_sms_template_and_a_missing_one_fails() {
    let (server, c, app) = setup().await;
    c.update_sms_channel()
        .application_id(&app)
        .sms_channel_request(SmsChannelRequest::builder().enabled(true).build())
        .send()
        .await
        .unwrap();
    c.update_endpoint()
        .application_id(&app)
        .endpoint_id("phone")
        .endpoint_request(
            EndpointRequest::builder()
                .channel_type(ChannelType::Sms)
                .address("+12065550142")
                .user(
                    EndpointUser::builder()
                        .user_id("u-1")
                        .user_attributes("FirstName", vec!["Grace".to_owned()])
                        .build(),
                )
                .build(),
        )
        .send()
        .await
        .unwrap();
    c.create_sms_template()
        .template_name("code")
        .sms_template_request(
            SmsTemplateRequest::builder()
                .body("{{User.UserAttributes.FirstName}}, your code is {{Code}} {{Sign}}")
                .default_substitutions(r#"{"Sign":"-- Shop","User.UserAttributes.FirstName":"Hi"}"#)
                .build(),
        )
        .send()
        .await
        .unwrap();
    let named = |name: &str| {
        TemplateConfiguration::builder()
            .sms_template(Template::builder().name(name).build())
            .build()
    };
    let config = DirectMessageConfiguration::builder()
        .sms_message(SmsMessage::builder().message_type(MessageType::Transactional).build())
        .build();
    let sent = c
        .send_messages()
        .application_id(&app)
        .message_request(
            MessageRequest::builder()
                .addresses(
                    "+12065550100",
                    AddressConfiguration::builder()
                        .channel_type(ChannelType::Sms)
                        .substitutions("Code", vec!["1234".to_owned()])
                        .build(),
                )
                .message_configuration(config.clone())
                .template_configuration(named("code"))
                .build(),
        )
        .send()
        .await
        .unwrap();
    let result = sent.message_response().unwrap().result().unwrap();
    assert_eq!(
        result["+12065550100"].delivery_status(),
        Some(&aws_sdk_pinpoint::types::DeliveryStatus::Successful)
    );
    let users = c
        .send_users_messages()
        .application_id(&app)
        .send_users_message_request(
            SendUsersMessageRequest::builder()
                .users(
                    "u-1",
                    aws_sdk_pinpoint::types::EndpointSendConfiguration::builder()
                        .substitutions("Code", vec!["9876".to_owned()])
                        .build(),
                )
                .message_configuration(config.clone())
                .template_configuration(named("code"))
                .build(),
        )
        .send()
        .await
        .unwrap();
    assert!(users.send_users_message_response().is_some());

    let outbox = server
        .backend()
        .outbox(&OutboxFilter { app_id: Some(app.clone()), ..OutboxFilter::default() });
    let body_for = |address: &str| {
        outbox.iter().find(|e| e.address == address).map(|e| e.body.clone()).unwrap_or_default()
    };
    assert_eq!(body_for("+12065550100"), "Hi, your code is 1234 -- Shop", "{outbox:?}");
    assert_eq!(body_for("+12065550142"), "Grace, your code is 9876 -- Shop", "{outbox:?}");

    let (code, message) = fails!(
        c.send_messages()
            .application_id(&app)
            .message_request(
                MessageRequest::builder()
                    .addresses(
                        "+12065550100",
                        AddressConfiguration::builder().channel_type(ChannelType::Sms).build(),
                    )
                    .message_configuration(config)
                    .template_configuration(named("missing"))
                    .build(),
            )
            .send()
    );
    assert_eq!(code, "NotFoundException", "{message}");
    let after =
        server.backend().outbox(&OutboxFilter { app_id: Some(app), ..OutboxFilter::default() });
    assert_eq!(after.len(), outbox.len(), "nothing is sent for a missing template");
}

#[tokio::test]
async fn a_treatment_renders_the_template_version_it_names() {
    use aws_sdk_pinpoint::types::{
        CampaignSmsMessage, MessageConfiguration, WriteTreatmentResource,
    };
    let (server, c, app) = setup().await;
    c.update_sms_channel()
        .application_id(&app)
        .sms_channel_request(SmsChannelRequest::builder().enabled(true).build())
        .send()
        .await
        .unwrap();
    c.update_endpoint()
        .application_id(&app)
        .endpoint_id("phone")
        .endpoint_request(
            EndpointRequest::builder()
                .channel_type(ChannelType::Sms)
                .address("+12065550177")
                .demographic(EndpointDemographic::builder().platform("iOS").build())
                .build(),
        )
        .send()
        .await
        .unwrap();
    c.create_sms_template()
        .template_name("promo")
        .sms_template_request(sms("first"))
        .send()
        .await
        .unwrap();
    c.update_sms_template()
        .template_name("promo")
        .create_new_version(true)
        .sms_template_request(sms("second"))
        .send()
        .await
        .unwrap();
    c.update_template_active_version()
        .template_name("promo")
        .template_type("SMS")
        .template_active_version_request(
            TemplateActiveVersionRequest::builder().version("2").build(),
        )
        .send()
        .await
        .unwrap();
    let segment = c
        .create_segment()
        .application_id(&app)
        .write_segment_request(
            WriteSegmentRequest::builder()
                .name("iOS")
                .dimensions(
                    SegmentDimensions::builder()
                        .demographic(
                            SegmentDemographics::builder()
                                .platform(SetDimension::builder().values("iOS").build())
                                .build(),
                        )
                        .build(),
                )
                .build(),
        )
        .send()
        .await
        .unwrap();
    let segment = segment.segment_response().unwrap().id().unwrap().to_owned();
    // Every endpoint goes to the treatment, which names version 1 (the active one is 2).
    let treatment = WriteTreatmentResource::builder()
        .size_percent(100)
        .template_configuration(
            TemplateConfiguration::builder()
                .sms_template(Template::builder().name("promo").version("1").build())
                .build(),
        )
        .message_configuration(
            MessageConfiguration::builder()
                .sms_message(
                    CampaignSmsMessage::builder().message_type(MessageType::Promotional).build(),
                )
                .build(),
        )
        .build();
    c.create_campaign()
        .application_id(&app)
        .write_campaign_request(
            WriteCampaignRequest::builder()
                .name("Treated")
                .segment_id(&segment)
                .message_configuration(
                    MessageConfiguration::builder()
                        .sms_message(CampaignSmsMessage::builder().body("default").build())
                        .build(),
                )
                .additional_treatments(treatment)
                .schedule(
                    Schedule::builder().start_time("IMMEDIATE").frequency(Frequency::Once).build(),
                )
                .build(),
        )
        .send()
        .await
        .unwrap();
    server.backend().run_due();
    let outbox =
        server.backend().outbox(&OutboxFilter { app_id: Some(app), ..OutboxFilter::default() });
    assert_eq!(outbox.len(), 1, "{outbox:?}");
    assert_eq!(outbox[0].body, "first");
}
