//! Every operation beyond apps and settings through the real `aws-sdk-pinpoint` client
//! against the mock on 127.0.0.1:0: success and at least one error each.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::too_many_lines, clippy::large_futures)]

use crate::common;

use aws_sdk_pinpoint::Client;
use aws_sdk_pinpoint::error::ProvideErrorMetadata;
use aws_sdk_pinpoint::types::{
    AddressConfiguration, AdmChannelRequest, ApnsChannelRequest, ApnsSandboxChannelRequest,
    ApnsVoipChannelRequest, ApnsVoipSandboxChannelRequest, AttributeDimension, AttributeType,
    BaiduChannelRequest, CampaignSmsMessage, ChannelType, CreateApplicationRequest, DefaultMessage,
    DirectMessageConfiguration, EmailChannelRequest, EndpointBatchItem, EndpointDemographic,
    EndpointRequest, EndpointSendConfiguration, EndpointUser, Event, EventsBatch, EventsRequest,
    ExportJobRequest, Format, Frequency, GcmChannelRequest, ImportJobRequest, MessageConfiguration,
    MessageRequest, NumberValidateRequest, PublicEndpoint, Schedule, SegmentDemographics,
    SegmentDimensions, SendUsersMessageRequest, SetDimension, SmsChannelRequest, SmsMessage,
    WriteCampaignRequest, WriteEventStream, WriteSegmentRequest, WriteTreatmentResource,
};
use common::{sdk_client, start_mock};
use pinpoint_console::mock::MockServer;
use pinpoint_console::mock::demo::Seed;

async fn setup() -> (MockServer, Client, String) {
    let server = start_mock(Seed::Empty).await;
    let client = sdk_client(&server).await;
    let app = client
        .create_app()
        .create_application_request(CreateApplicationRequest::builder().name("Ops").build())
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

fn ios_segment() -> WriteSegmentRequest {
    WriteSegmentRequest::builder()
        .name("iOS users")
        .dimensions(
            SegmentDimensions::builder()
                .demographic(
                    SegmentDemographics::builder()
                        .platform(SetDimension::builder().values("iOS").build())
                        .build(),
                )
                .build(),
        )
        .build()
}

fn sms_campaign(segment: &str, name: &str) -> WriteCampaignRequest {
    WriteCampaignRequest::builder()
        .name(name)
        .segment_id(segment)
        .message_configuration(
            MessageConfiguration::builder()
                .sms_message(
                    CampaignSmsMessage::builder()
                        .body("Hello {{User.UserAttributes.FirstName}}")
                        .build(),
                )
                .build(),
        )
        .schedule(Schedule::builder().start_time("IMMEDIATE").frequency(Frequency::Once).build())
        .build()
}

#[tokio::test]
async fn segments_and_their_versions() {
    let (_server, c, app) = setup().await;
    let created = c
        .create_segment()
        .application_id(&app)
        .write_segment_request(ios_segment())
        .send()
        .await
        .unwrap();
    let seg = created.segment_response().unwrap();
    let id = seg.id().unwrap().to_owned();
    assert_eq!(seg.version(), Some(1));
    assert_eq!(
        seg.segment_type().map(aws_sdk_pinpoint::types::SegmentType::as_str),
        Some("DIMENSIONAL")
    );
    assert!(seg.arn().unwrap().ends_with(&format!("/segments/{id}")));

    let renamed = WriteSegmentRequest::builder().name("iOS and Android").dimensions(
        SegmentDimensions::builder()
            .demographic(
                SegmentDemographics::builder()
                    .platform(SetDimension::builder().values("iOS").values("Android").build())
                    .build(),
            )
            .build(),
    );
    let updated = c
        .update_segment()
        .application_id(&app)
        .segment_id(&id)
        .write_segment_request(renamed.build())
        .send()
        .await
        .unwrap();
    assert_eq!(updated.segment_response().unwrap().version(), Some(2));
    let got = c.get_segment().application_id(&app).segment_id(&id).send().await.unwrap();
    assert_eq!(got.segment_response().unwrap().name(), Some("iOS and Android"));
    let list = c.get_segments().application_id(&app).send().await.unwrap();
    assert_eq!(list.segments_response().unwrap().item().len(), 1);
    let versions =
        c.get_segment_versions().application_id(&app).segment_id(&id).send().await.unwrap();
    let versions: Vec<i32> = versions
        .segments_response()
        .unwrap()
        .item()
        .iter()
        .filter_map(aws_sdk_pinpoint::types::SegmentResponse::version)
        .collect();
    assert_eq!(versions, vec![2, 1]);
    let v1 = c
        .get_segment_version()
        .application_id(&app)
        .segment_id(&id)
        .version("1")
        .send()
        .await
        .unwrap();
    assert_eq!(v1.segment_response().unwrap().name(), Some("iOS users"));

    let (code, _) =
        fails!(c.get_segment_version().application_id(&app).segment_id(&id).version("9").send());
    assert_eq!(code, "NotFoundException");
    let (code, _) = fails!(c.get_segment().application_id(&app).segment_id("nope").send());
    assert_eq!(code, "NotFoundException");
    let (code, _) = fails!(c.get_segments().application_id("nope").send());
    assert_eq!(code, "NotFoundException");
    let (code, _) = fails!(c.get_segment_versions().application_id(&app).segment_id("nope").send());
    assert_eq!(code, "NotFoundException");
    let (code, _) = fails!(
        c.update_segment()
            .application_id(&app)
            .segment_id("nope")
            .write_segment_request(ios_segment())
            .send()
    );
    assert_eq!(code, "NotFoundException");
    let between = WriteSegmentRequest::builder()
        .dimensions(
            SegmentDimensions::builder()
                .attributes(
                    "signup",
                    AttributeDimension::builder()
                        .attribute_type(AttributeType::Between)
                        .values("2026-01-01T00:00:00Z")
                        .build(),
                )
                .build(),
        )
        .build();
    let (code, message) =
        fails!(c.create_segment().application_id(&app).write_segment_request(between).send());
    assert_eq!(code, "BadRequestException");
    assert!(message.contains("BETWEEN"), "{message}");

    let deleted = c.delete_segment().application_id(&app).segment_id(&id).send().await.unwrap();
    assert_eq!(deleted.segment_response().unwrap().id(), Some(id.as_str()));
    let (code, _) = fails!(c.delete_segment().application_id(&app).segment_id(&id).send());
    assert_eq!(code, "NotFoundException");
}

#[tokio::test]
async fn campaigns_versions_and_activities() {
    let (_server, c, app) = setup().await;
    let seg = c
        .create_segment()
        .application_id(&app)
        .write_segment_request(ios_segment())
        .send()
        .await
        .unwrap();
    let seg = seg.segment_response().unwrap().id().unwrap().to_owned();

    let mut ab = sms_campaign(&seg, "Spring sale");
    ab.holdout_percent = Some(10);
    ab.additional_treatments = Some(vec![
        WriteTreatmentResource::builder().size_percent(30).treatment_name("B").build(),
        WriteTreatmentResource::builder().size_percent(30).treatment_name("C").build(),
    ]);
    let created =
        c.create_campaign().application_id(&app).write_campaign_request(ab).send().await.unwrap();
    let camp = created.campaign_response().unwrap();
    let id = camp.id().unwrap().to_owned();
    assert_eq!(camp.version(), Some(1));
    assert_eq!(camp.segment_version(), Some(1));
    assert_eq!(camp.additional_treatments().len(), 2);
    assert!(camp.additional_treatments().iter().all(|t| t.id().is_some()));
    assert_eq!(
        camp.state()
            .unwrap()
            .campaign_status()
            .map(aws_sdk_pinpoint::types::CampaignStatus::as_str),
        Some("SCHEDULED")
    );
    assert!(camp.default_state().is_some());

    let updated = c
        .update_campaign()
        .application_id(&app)
        .campaign_id(&id)
        .write_campaign_request(sms_campaign(&seg, "Spring sale v2"))
        .send()
        .await
        .unwrap();
    assert_eq!(updated.campaign_response().unwrap().version(), Some(2));
    let got = c.get_campaign().application_id(&app).campaign_id(&id).send().await.unwrap();
    assert_eq!(got.campaign_response().unwrap().name(), Some("Spring sale v2"));
    let list = c.get_campaigns().application_id(&app).send().await.unwrap();
    assert_eq!(list.campaigns_response().unwrap().item().len(), 1);
    let versions =
        c.get_campaign_versions().application_id(&app).campaign_id(&id).send().await.unwrap();
    assert_eq!(versions.campaigns_response().unwrap().item().len(), 2);
    let v1 = c
        .get_campaign_version()
        .application_id(&app)
        .campaign_id(&id)
        .version("1")
        .send()
        .await
        .unwrap();
    assert_eq!(v1.campaign_response().unwrap().name(), Some("Spring sale"));
    let activities =
        c.get_campaign_activities().application_id(&app).campaign_id(&id).send().await.unwrap();
    assert!(activities.activities_response().is_some());

    // Errors.
    let mut over = sms_campaign(&seg, "Too big");
    over.holdout_percent = Some(50);
    over.additional_treatments =
        Some(vec![WriteTreatmentResource::builder().size_percent(60).build()]);
    let (code, message) =
        fails!(c.create_campaign().application_id(&app).write_campaign_request(over).send());
    assert_eq!(code, "BadRequestException");
    assert!(message.contains("110%"), "{message}");
    let (code, _) = fails!(
        c.create_campaign()
            .application_id(&app)
            .write_campaign_request(sms_campaign("nope", "x"))
            .send()
    );
    assert_eq!(code, "NotFoundException");
    let mut bad_version = sms_campaign(&seg, "x");
    bad_version.segment_version = Some(7);
    let (code, _) =
        fails!(c.create_campaign().application_id(&app).write_campaign_request(bad_version).send());
    assert_eq!(code, "BadRequestException");
    let (code, _) = fails!(c.get_campaign().application_id(&app).campaign_id("nope").send());
    assert_eq!(code, "NotFoundException");
    let (code, _) = fails!(c.get_campaigns().application_id("nope").send());
    assert_eq!(code, "NotFoundException");
    let (code, _) = fails!(
        c.update_campaign()
            .application_id(&app)
            .campaign_id("nope")
            .write_campaign_request(sms_campaign(&seg, "x"))
            .send()
    );
    assert_eq!(code, "NotFoundException");
    let (code, _) =
        fails!(c.get_campaign_versions().application_id(&app).campaign_id("nope").send());
    assert_eq!(code, "NotFoundException");
    let (code, _) =
        fails!(c.get_campaign_version().application_id(&app).campaign_id(&id).version("3").send());
    assert_eq!(code, "NotFoundException");
    let (code, _) =
        fails!(c.get_campaign_activities().application_id(&app).campaign_id("nope").send());
    assert_eq!(code, "NotFoundException");

    let deleted = c.delete_campaign().application_id(&app).campaign_id(&id).send().await.unwrap();
    assert_eq!(deleted.campaign_response().unwrap().id(), Some(id.as_str()));
    let (code, _) = fails!(c.delete_campaign().application_id(&app).campaign_id(&id).send());
    assert_eq!(code, "NotFoundException");
}

#[tokio::test]
async fn nine_channels_never_echo_secrets() {
    let (server, c, app) = setup().await;
    let secret = "s3cr3t-value-never-echoed";
    // A token key alone is not enough to create the channel.
    let (code, message) = fails!(
        c.update_apns_channel()
            .application_id(&app)
            .apns_channel_request(ApnsChannelRequest::builder().token_key("k").build())
            .send()
    );
    assert_eq!(code, "BadRequestException");
    assert!(message.contains("TokenKeyId"), "{message}");

    let adm = c.update_adm_channel().application_id(&app).adm_channel_request(
        AdmChannelRequest::builder().client_id("amzn1.id").client_secret(secret).build(),
    );
    assert_eq!(adm.send().await.unwrap().adm_channel_response().unwrap().platform(), Some("ADM"));
    let token = |b: aws_sdk_pinpoint::types::builders::ApnsChannelRequestBuilder| {
        b.token_key(secret)
            .token_key_id("KEY123")
            .team_id("TEAM123")
            .bundle_id("com.example")
            .build()
    };
    c.update_apns_channel()
        .application_id(&app)
        .apns_channel_request(token(ApnsChannelRequest::builder()))
        .send()
        .await
        .unwrap();
    c.update_apns_sandbox_channel()
        .application_id(&app)
        .apns_sandbox_channel_request(
            ApnsSandboxChannelRequest::builder()
                .certificate("-----BEGIN CERTIFICATE-----")
                .private_key(secret)
                .build(),
        )
        .send()
        .await
        .unwrap();
    c.update_apns_voip_channel()
        .application_id(&app)
        .apns_voip_channel_request(
            ApnsVoipChannelRequest::builder()
                .certificate("-----BEGIN CERTIFICATE-----")
                .private_key(secret)
                .build(),
        )
        .send()
        .await
        .unwrap();
    c.update_apns_voip_sandbox_channel()
        .application_id(&app)
        .apns_voip_sandbox_channel_request(
            ApnsVoipSandboxChannelRequest::builder()
                .certificate("-----BEGIN CERTIFICATE-----")
                .private_key(secret)
                .build(),
        )
        .send()
        .await
        .unwrap();
    c.update_baidu_channel()
        .application_id(&app)
        .baidu_channel_request(
            BaiduChannelRequest::builder().api_key(secret).secret_key(secret).build(),
        )
        .send()
        .await
        .unwrap();
    c.update_email_channel()
        .application_id(&app)
        .email_channel_request(
            EmailChannelRequest::builder()
                .from_address("news@example.com")
                .identity("arn:aws:ses:us-east-1:000000000000:identity/example.com")
                .build(),
        )
        .send()
        .await
        .unwrap();
    c.update_gcm_channel()
        .application_id(&app)
        .gcm_channel_request(GcmChannelRequest::builder().api_key(secret).build())
        .send()
        .await
        .unwrap();
    let sms = c
        .update_sms_channel()
        .application_id(&app)
        .sms_channel_request(SmsChannelRequest::builder().sender_id("ACME").enabled(true).build())
        .send()
        .await
        .unwrap();
    assert_eq!(sms.sms_channel_response().unwrap().version(), Some(1));

    let apns = c.get_apns_channel().application_id(&app).send().await.unwrap();
    let apns = apns.apns_channel_response().unwrap();
    assert_eq!(apns.has_token_key(), Some(true));
    assert_eq!(apns.enabled(), Some(true));
    assert!(
        c.get_adm_channel()
            .application_id(&app)
            .send()
            .await
            .unwrap()
            .adm_channel_response()
            .is_some()
    );
    assert!(
        c.get_apns_sandbox_channel()
            .application_id(&app)
            .send()
            .await
            .unwrap()
            .apns_sandbox_channel_response()
            .is_some()
    );
    assert!(
        c.get_apns_voip_channel()
            .application_id(&app)
            .send()
            .await
            .unwrap()
            .apns_voip_channel_response()
            .is_some()
    );
    assert!(
        c.get_apns_voip_sandbox_channel()
            .application_id(&app)
            .send()
            .await
            .unwrap()
            .apns_voip_sandbox_channel_response()
            .is_some()
    );
    let baidu = c.get_baidu_channel().application_id(&app).send().await.unwrap();
    assert_ne!(baidu.baidu_channel_response().unwrap().credential(), Some(secret));
    let email = c.get_email_channel().application_id(&app).send().await.unwrap();
    assert_eq!(email.email_channel_response().unwrap().from_address(), Some("news@example.com"));
    let gcm = c.get_gcm_channel().application_id(&app).send().await.unwrap();
    assert_eq!(gcm.gcm_channel_response().unwrap().platform(), Some("GCM"));
    let sms = c.get_sms_channel().application_id(&app).send().await.unwrap();
    assert_eq!(sms.sms_channel_response().unwrap().sender_id(), Some("ACME"));

    // No response anywhere carries the secret: read every channel raw over HTTP.
    let http = reqwest_free_get(&server, &app).await;
    assert!(!http.contains(secret), "a secret was echoed: {http}");

    // Disable keeps the credential; a second PUT bumps the version.
    let off = c
        .update_sms_channel()
        .application_id(&app)
        .sms_channel_request(SmsChannelRequest::builder().enabled(false).build())
        .send()
        .await
        .unwrap();
    let off = off.sms_channel_response().unwrap();
    assert_eq!(
        (off.enabled(), off.version(), off.sender_id()),
        (Some(false), Some(2), Some("ACME"))
    );

    // Errors: unknown app, unconfigured channel, bad credentials.
    let (code, _) = fails!(
        c.update_gcm_channel()
            .application_id("nope")
            .gcm_channel_request(GcmChannelRequest::builder().api_key("k").build())
            .send()
    );
    assert_eq!(code, "NotFoundException");

    c.delete_adm_channel().application_id(&app).send().await.unwrap();
    c.delete_apns_channel().application_id(&app).send().await.unwrap();
    c.delete_apns_sandbox_channel().application_id(&app).send().await.unwrap();
    c.delete_apns_voip_channel().application_id(&app).send().await.unwrap();
    c.delete_apns_voip_sandbox_channel().application_id(&app).send().await.unwrap();
    c.delete_baidu_channel().application_id(&app).send().await.unwrap();
    c.delete_email_channel().application_id(&app).send().await.unwrap();
    c.delete_gcm_channel().application_id(&app).send().await.unwrap();
    c.delete_sms_channel().application_id(&app).send().await.unwrap();
    assert_eq!(fails!(c.get_adm_channel().application_id(&app).send()).0, "NotFoundException");
    assert_eq!(fails!(c.get_apns_channel().application_id(&app).send()).0, "NotFoundException");
    assert_eq!(
        fails!(c.get_apns_sandbox_channel().application_id(&app).send()).0,
        "NotFoundException"
    );
    assert_eq!(
        fails!(c.get_apns_voip_channel().application_id(&app).send()).0,
        "NotFoundException"
    );
    assert_eq!(
        fails!(c.get_apns_voip_sandbox_channel().application_id(&app).send()).0,
        "NotFoundException"
    );
    assert_eq!(fails!(c.get_baidu_channel().application_id(&app).send()).0, "NotFoundException");
    assert_eq!(fails!(c.get_email_channel().application_id(&app).send()).0, "NotFoundException");
    assert_eq!(fails!(c.get_gcm_channel().application_id(&app).send()).0, "NotFoundException");
    assert_eq!(fails!(c.get_sms_channel().application_id(&app).send()).0, "NotFoundException");
    assert_eq!(fails!(c.delete_adm_channel().application_id(&app).send()).0, "NotFoundException");
    assert_eq!(fails!(c.delete_apns_channel().application_id(&app).send()).0, "NotFoundException");
    assert_eq!(
        fails!(c.delete_apns_sandbox_channel().application_id(&app).send()).0,
        "NotFoundException"
    );
    assert_eq!(
        fails!(c.delete_apns_voip_channel().application_id(&app).send()).0,
        "NotFoundException"
    );
    assert_eq!(
        fails!(c.delete_apns_voip_sandbox_channel().application_id(&app).send()).0,
        "NotFoundException"
    );
    assert_eq!(fails!(c.delete_baidu_channel().application_id(&app).send()).0, "NotFoundException");
    assert_eq!(fails!(c.delete_email_channel().application_id(&app).send()).0, "NotFoundException");
    assert_eq!(fails!(c.delete_gcm_channel().application_id(&app).send()).0, "NotFoundException");
    assert_eq!(fails!(c.delete_sms_channel().application_id(&app).send()).0, "NotFoundException");
    let bad_email =
        EmailChannelRequest::builder().from_address("not-an-email").identity("x").build();
    assert_eq!(
        fails!(
            c.update_email_channel().application_id(&app).email_channel_request(bad_email).send()
        )
        .0,
        "BadRequestException"
    );
    let bad_adm = AdmChannelRequest::builder().client_id("").client_secret("").build();
    assert_eq!(
        fails!(c.update_adm_channel().application_id(&app).adm_channel_request(bad_adm).send()).0,
        "BadRequestException"
    );
    let bad_baidu = BaiduChannelRequest::builder().api_key("").secret_key("").build();
    assert_eq!(
        fails!(
            c.update_baidu_channel().application_id(&app).baidu_channel_request(bad_baidu).send()
        )
        .0,
        "BadRequestException"
    );
    let bad_sms = SmsChannelRequest::builder().sender_id("way-too-long-sender").build();
    assert_eq!(
        fails!(c.update_sms_channel().application_id(&app).sms_channel_request(bad_sms).send()).0,
        "BadRequestException"
    );
    let bad = ApnsSandboxChannelRequest::builder().build();
    assert_eq!(
        fails!(
            c.update_apns_sandbox_channel()
                .application_id(&app)
                .apns_sandbox_channel_request(bad)
                .send()
        )
        .0,
        "BadRequestException"
    );
    let bad = ApnsVoipChannelRequest::builder().build();
    assert_eq!(
        fails!(
            c.update_apns_voip_channel().application_id(&app).apns_voip_channel_request(bad).send()
        )
        .0,
        "BadRequestException"
    );
    let bad = ApnsVoipSandboxChannelRequest::builder().build();
    assert_eq!(
        fails!(
            c.update_apns_voip_sandbox_channel()
                .application_id(&app)
                .apns_voip_sandbox_channel_request(bad)
                .send()
        )
        .0,
        "BadRequestException"
    );
}

/// Every channel's GET body as raw text, to look for echoed secrets.
async fn reqwest_free_get(server: &MockServer, app: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut all = String::new();
    for channel in [
        "adm",
        "apns",
        "apns_sandbox",
        "apns_voip",
        "apns_voip_sandbox",
        "baidu",
        "email",
        "gcm",
        "sms",
    ] {
        let mut stream = tokio::net::TcpStream::connect(server.addr()).await.unwrap();
        let request = format!(
            "GET /v1/apps/{app}/channels/{channel} HTTP/1.1\r\nHost: mock\r\nConnection: close\r\n\r\n"
        );
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut text = String::new();
        stream.read_to_string(&mut text).await.unwrap();
        all.push_str(&text);
    }
    all
}

fn endpoint(address: &str, channel: ChannelType, user: &str) -> EndpointRequest {
    EndpointRequest::builder()
        .address(address)
        .channel_type(channel)
        .attributes("interests", vec!["hiking".to_owned()])
        .demographic(
            EndpointDemographic::builder().platform("iOS").timezone("America/Los_Angeles").build(),
        )
        .user(
            EndpointUser::builder()
                .user_id(user)
                .user_attributes("FirstName", vec!["Ada".to_owned()])
                .build(),
        )
        .build()
}

#[tokio::test]
async fn endpoints_users_events_and_streams() {
    let (_server, c, app) = setup().await;
    let put = c
        .update_endpoint()
        .application_id(&app)
        .endpoint_id("ep-1")
        .endpoint_request(endpoint("+12065550100", ChannelType::Sms, "user-1"))
        .send()
        .await
        .unwrap();
    assert_eq!(put.message_body().unwrap().message(), Some("Accepted"));
    // A partial update merges.
    let partial = EndpointRequest::builder()
        .attributes("plan", vec!["gold".to_owned()])
        .opt_out("ALL")
        .build();
    c.update_endpoint()
        .application_id(&app)
        .endpoint_id("ep-1")
        .endpoint_request(partial)
        .send()
        .await
        .unwrap();
    let got = c.get_endpoint().application_id(&app).endpoint_id("ep-1").send().await.unwrap();
    let ep = got.endpoint_response().unwrap();
    assert_eq!(ep.address(), Some("+12065550100"));
    assert_eq!(ep.opt_out(), Some("ALL"));
    assert_eq!(ep.attributes().unwrap().len(), 2);
    let cohort: u32 = ep.cohort_id().unwrap().parse().unwrap();
    assert!(cohort < 100);
    assert!(ep.creation_date().is_some() && ep.effective_date().is_some());

    let items: Vec<EndpointBatchItem> = (2..5)
        .map(|i| {
            EndpointBatchItem::builder()
                .id(format!("ep-{i}"))
                .address(format!("+1206555010{i}"))
                .channel_type(ChannelType::Sms)
                .user(EndpointUser::builder().user_id("user-2").build())
                .build()
        })
        .collect();
    let batch =
        aws_sdk_pinpoint::types::EndpointBatchRequest::builder().set_item(Some(items)).build();
    c.update_endpoints_batch()
        .application_id(&app)
        .endpoint_batch_request(batch)
        .send()
        .await
        .unwrap();
    let user = c.get_user_endpoints().application_id(&app).user_id("user-2").send().await.unwrap();
    assert_eq!(user.endpoints_response().unwrap().item().len(), 3);

    // Events: one good, one with a bad timestamp, in the same batch.
    let good =
        Event::builder().event_type("_session.start").timestamp("2026-11-26T09:00:00Z").build();
    let bad = Event::builder().event_type("purchase").timestamp("yesterday").build();
    let batch = EventsBatch::builder()
        .endpoint(
            PublicEndpoint::builder()
                .address("+12065550199")
                .channel_type(ChannelType::Sms)
                .build(),
        )
        .events("e1", good)
        .events("e2", bad)
        .build();
    let events = c
        .put_events()
        .application_id(&app)
        .events_request(EventsRequest::builder().batch_item("ep-9", batch).build())
        .send()
        .await
        .unwrap();
    let results = events.events_response().unwrap().results().unwrap();
    let item = &results["ep-9"];
    assert_eq!(item.endpoint_item_response().unwrap().status_code(), Some(202));
    let per_event = item.events_item_response().unwrap();
    assert_eq!(per_event["e1"].status_code(), Some(202));
    assert_eq!(per_event["e2"].status_code(), Some(400));
    assert!(c.get_endpoint().application_id(&app).endpoint_id("ep-9").send().await.is_ok());

    // Event stream.
    assert_eq!(fails!(c.get_event_stream().application_id(&app).send()).0, "NotFoundException");
    let stream = WriteEventStream::builder()
        .destination_stream_arn("arn:aws:kinesis:us-east-1:000000000000:stream/pinpoint")
        .role_arn("arn:aws:iam::000000000000:role/pinpoint-events")
        .build();
    c.put_event_stream().application_id(&app).write_event_stream(stream).send().await.unwrap();
    let got = c.get_event_stream().application_id(&app).send().await.unwrap();
    assert_eq!(got.event_stream().unwrap().application_id(), Some(app.as_str()));
    c.delete_event_stream().application_id(&app).send().await.unwrap();
    assert_eq!(fails!(c.delete_event_stream().application_id(&app).send()).0, "NotFoundException");
    let bad_stream = WriteEventStream::builder()
        .destination_stream_arn("arn:aws:s3:::bucket")
        .role_arn("r")
        .build();
    assert_eq!(
        fails!(c.put_event_stream().application_id(&app).write_event_stream(bad_stream).send()).0,
        "BadRequestException"
    );

    // Errors and deletes.
    let (code, message) = fails!(
        c.update_endpoint()
            .application_id(&app)
            .endpoint_id("ep-x")
            .endpoint_request(
                EndpointRequest::builder()
                    .address("+1")
                    .opt_out("SOMETIMES")
                    .channel_type(ChannelType::Sms)
                    .build()
            )
            .send()
    );
    assert_eq!(code, "BadRequestException");
    assert!(message.contains("OptOut"), "{message}");
    let many: Vec<EndpointBatchItem> = (0..101)
        .map(|i| {
            EndpointBatchItem::builder().id(format!("b{i}")).channel_type(ChannelType::Sms).build()
        })
        .collect();
    let too_many =
        aws_sdk_pinpoint::types::EndpointBatchRequest::builder().set_item(Some(many)).build();
    let (code, message) = fails!(
        c.update_endpoints_batch().application_id(&app).endpoint_batch_request(too_many).send()
    );
    assert_eq!(code, "BadRequestException");
    assert!(message.contains("at most 100"), "{message}");
    assert_eq!(
        fails!(c.get_endpoint().application_id(&app).endpoint_id("nope").send()).0,
        "NotFoundException"
    );
    assert_eq!(
        fails!(c.get_user_endpoints().application_id(&app).user_id("nobody").send()).0,
        "NotFoundException"
    );
    // The SDK does not check required members; the mock does.
    let (code, message) = fails!(
        c.put_events().application_id(&app).events_request(EventsRequest::builder().build()).send()
    );
    assert_eq!(code, "BadRequestException");
    assert!(message.contains("BatchItem"), "{message}");
    assert_eq!(
        fails!(
            c.put_events()
                .application_id("nope")
                .events_request(
                    EventsRequest::builder()
                        .batch_item(
                            "x",
                            EventsBatch::builder()
                                .endpoint(PublicEndpoint::builder().build())
                                .build()
                        )
                        .build()
                )
                .send()
        )
        .0,
        "NotFoundException"
    );
    let deleted =
        c.delete_endpoint().application_id(&app).endpoint_id("ep-1").send().await.unwrap();
    assert_eq!(deleted.endpoint_response().unwrap().id(), Some("ep-1"));
    assert_eq!(
        fails!(c.delete_endpoint().application_id(&app).endpoint_id("ep-1").send()).0,
        "NotFoundException"
    );
    let gone =
        c.delete_user_endpoints().application_id(&app).user_id("user-2").send().await.unwrap();
    assert_eq!(gone.endpoints_response().unwrap().item().len(), 3);
    assert_eq!(
        fails!(c.delete_user_endpoints().application_id(&app).user_id("user-2").send()).0,
        "NotFoundException"
    );
}

#[tokio::test]
async fn import_and_export_jobs() {
    let (_server, c, app) = setup().await;
    let seg = c
        .create_segment()
        .application_id(&app)
        .write_segment_request(ios_segment())
        .send()
        .await
        .unwrap();
    let seg = seg.segment_response().unwrap().id().unwrap().to_owned();
    let role = "arn:aws:iam::000000000000:role/pinpoint-jobs";

    let export = ExportJobRequest::builder()
        .role_arn(role)
        .s3_url_prefix("s3://exports/ios")
        .segment_id(&seg)
        .build();
    let job =
        c.create_export_job().application_id(&app).export_job_request(export).send().await.unwrap();
    let job = job.export_job_response().unwrap();
    assert_eq!(job.r#type(), Some("EXPORT"));
    let export_id = job.id().unwrap().to_owned();
    let got = c.get_export_job().application_id(&app).job_id(&export_id).send().await.unwrap();
    assert_eq!(
        got.export_job_response().unwrap().definition().unwrap().segment_id(),
        Some(seg.as_str())
    );
    let all = c.get_export_jobs().application_id(&app).send().await.unwrap();
    assert_eq!(all.export_jobs_response().unwrap().item().len(), 1);
    let per_segment =
        c.get_segment_export_jobs().application_id(&app).segment_id(&seg).send().await.unwrap();
    assert_eq!(per_segment.export_jobs_response().unwrap().item().len(), 1);

    let import = ImportJobRequest::builder()
        .role_arn(role)
        .s3_url("s3://imports/users.csv")
        .format(Format::Csv)
        .define_segment(true)
        .segment_name("Imported users")
        .build();
    let job =
        c.create_import_job().application_id(&app).import_job_request(import).send().await.unwrap();
    let job = job.import_job_response().unwrap();
    assert_eq!(job.r#type(), Some("IMPORT"));
    let import_id = job.id().unwrap().to_owned();
    assert!(c.get_import_job().application_id(&app).job_id(&import_id).send().await.is_ok());
    let all = c.get_import_jobs().application_id(&app).send().await.unwrap();
    assert_eq!(all.import_jobs_response().unwrap().item().len(), 1);
    let per_segment =
        c.get_segment_import_jobs().application_id(&app).segment_id(&seg).send().await.unwrap();
    assert!(per_segment.import_jobs_response().unwrap().item().is_empty());

    let bad = ExportJobRequest::builder().role_arn(role).s3_url_prefix("https://nope").build();
    assert_eq!(
        fails!(c.create_export_job().application_id(&app).export_job_request(bad).send()).0,
        "BadRequestException"
    );
    let bad = ImportJobRequest::builder()
        .role_arn("role")
        .s3_url("s3://b/k")
        .format(Format::Json)
        .build();
    assert_eq!(
        fails!(c.create_import_job().application_id(&app).import_job_request(bad).send()).0,
        "BadRequestException"
    );
    assert_eq!(
        fails!(c.get_export_job().application_id(&app).job_id("nope").send()).0,
        "NotFoundException"
    );
    assert_eq!(
        fails!(c.get_import_job().application_id(&app).job_id("nope").send()).0,
        "NotFoundException"
    );
    assert_eq!(fails!(c.get_export_jobs().application_id("nope").send()).0, "NotFoundException");
    assert_eq!(fails!(c.get_import_jobs().application_id("nope").send()).0, "NotFoundException");
    assert_eq!(
        fails!(c.get_segment_export_jobs().application_id(&app).segment_id("nope").send()).0,
        "NotFoundException"
    );
    assert_eq!(
        fails!(c.get_segment_import_jobs().application_id(&app).segment_id("nope").send()).0,
        "NotFoundException"
    );
}

#[tokio::test]
async fn direct_messages_and_phone_validation() {
    let (_server, c, app) = setup().await;
    c.update_sms_channel()
        .application_id(&app)
        .sms_channel_request(SmsChannelRequest::builder().enabled(true).build())
        .send()
        .await
        .unwrap();
    c.update_endpoint()
        .application_id(&app)
        .endpoint_id("ep-ok")
        .endpoint_request(endpoint("+12065550100", ChannelType::Sms, "u1"))
        .send()
        .await
        .unwrap();
    c.update_endpoint()
        .application_id(&app)
        .endpoint_id("ep-out")
        .endpoint_request(
            EndpointRequest::builder()
                .address("+12065550101")
                .channel_type(ChannelType::Sms)
                .opt_out("ALL")
                .build(),
        )
        .send()
        .await
        .unwrap();
    let config = DirectMessageConfiguration::builder()
        .sms_message(SmsMessage::builder().body("Your code is 1234").build())
        .default_message(DefaultMessage::builder().body("Hello").build())
        .build();
    let request = MessageRequest::builder()
        .addresses(
            "+12065550177",
            AddressConfiguration::builder().channel_type(ChannelType::Sms).build(),
        )
        .addresses(
            "not-a-number",
            AddressConfiguration::builder().channel_type(ChannelType::Sms).build(),
        )
        .addresses(
            "a@example.com",
            AddressConfiguration::builder().channel_type(ChannelType::Email).build(),
        )
        .endpoints("ep-ok", EndpointSendConfiguration::builder().build())
        .endpoints("ep-out", EndpointSendConfiguration::builder().build())
        .endpoints("ep-missing", EndpointSendConfiguration::builder().build())
        .message_configuration(config.clone())
        .build();
    let sent =
        c.send_messages().application_id(&app).message_request(request).send().await.unwrap();
    let sent = sent.message_response().unwrap();
    let result = sent.result().unwrap();
    let status = |k: &str| result[k].delivery_status().unwrap().as_str().to_owned();
    assert_eq!(status("+12065550177"), "SUCCESSFUL");
    assert!(result["+12065550177"].message_id().is_some());
    assert_eq!(status("not-a-number"), "PERMANENT_FAILURE");
    assert_eq!(status("a@example.com"), "PERMANENT_FAILURE", "the email channel is not configured");
    let endpoints = sent.endpoint_result().unwrap();
    assert_eq!(endpoints["ep-ok"].delivery_status().unwrap().as_str(), "SUCCESSFUL");
    assert_eq!(endpoints["ep-out"].delivery_status().unwrap().as_str(), "OPT_OUT");
    assert_eq!(endpoints["ep-missing"].status_code(), Some(404));

    let users = SendUsersMessageRequest::builder()
        .users("u1", EndpointSendConfiguration::builder().build())
        .users("ghost", EndpointSendConfiguration::builder().build())
        .message_configuration(config)
        .build();
    let sent = c
        .send_users_messages()
        .application_id(&app)
        .send_users_message_request(users)
        .send()
        .await
        .unwrap();
    let result = sent.send_users_message_response().unwrap().result().unwrap();
    assert_eq!(result["u1"]["ep-ok"].delivery_status().unwrap().as_str(), "SUCCESSFUL");
    assert!(result["ghost"].is_empty());

    let none = MessageRequest::builder()
        .message_configuration(DirectMessageConfiguration::builder().build())
        .build();
    assert_eq!(
        fails!(c.send_messages().application_id(&app).message_request(none).send()).0,
        "BadRequestException"
    );
    let nobody = SendUsersMessageRequest::builder()
        .message_configuration(DirectMessageConfiguration::builder().build())
        .set_users(Some(std::collections::HashMap::new()))
        .build();
    assert_eq!(
        fails!(
            c.send_users_messages().application_id(&app).send_users_message_request(nobody).send()
        )
        .0,
        "BadRequestException"
    );

    let valid = c
        .phone_number_validate()
        .number_validate_request(
            NumberValidateRequest::builder()
                .phone_number("12065550199")
                .iso_country_code("US")
                .build(),
        )
        .send()
        .await
        .unwrap();
    let valid = valid.number_validate_response().unwrap();
    assert_eq!(valid.cleansed_phone_number_e164(), Some("+12065550199"));
    assert_eq!(valid.cleansed_phone_number_national(), Some("2065550199"));
    assert_eq!(valid.country_code_iso2(), Some("US"));
    assert_eq!(valid.country_code_numeric(), Some("1"));
    assert_eq!(valid.country(), Some("United States"));
    assert_eq!(valid.phone_type(), Some("MOBILE"));
    let uk = c
        .phone_number_validate()
        .number_validate_request(
            NumberValidateRequest::builder().phone_number("+44 20 7946 0958").build(),
        )
        .send()
        .await
        .unwrap();
    let uk = uk.number_validate_response().unwrap();
    assert_eq!((uk.country_code_iso2(), uk.phone_type()), (Some("GB"), Some("LANDLINE")));
    let invalid = c
        .phone_number_validate()
        .number_validate_request(NumberValidateRequest::builder().phone_number("12345").build())
        .send()
        .await
        .unwrap();
    assert_eq!(invalid.number_validate_response().unwrap().phone_type(), Some("INVALID"));
    assert_eq!(invalid.number_validate_response().unwrap().phone_type_code(), Some(3));
    let (code, _) = fails!(
        c.phone_number_validate()
            .number_validate_request(
                NumberValidateRequest::builder().phone_number("1").iso_country_code("ZZZ").build()
            )
            .send()
    );
    assert_eq!(code, "BadRequestException");
}
