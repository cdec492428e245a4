//! The voice channel, GetChannels and RemoveAttributes through the real `aws-sdk-pinpoint`
//! client against the mock on 127.0.0.1:0.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::large_futures)]

use crate::common;

use aws_sdk_pinpoint::Client;
use aws_sdk_pinpoint::error::ProvideErrorMetadata;
use aws_sdk_pinpoint::types::{
    AddressConfiguration, ChannelType, CreateApplicationRequest, DirectMessageConfiguration,
    EndpointRequest, EndpointSendConfiguration, EndpointUser, MessageRequest, SmsChannelRequest,
    UpdateAttributesRequest, VoiceChannelRequest, VoiceMessage,
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
        .create_application_request(CreateApplicationRequest::builder().name("Voice").build())
        .send()
        .await
        .unwrap();
    let id = app.application_response().unwrap().id().unwrap().to_owned();
    (server, client, id)
}

fn voice(enabled: bool) -> VoiceChannelRequest {
    VoiceChannelRequest::builder().enabled(enabled).build()
}

#[tokio::test]
async fn the_voice_channel_is_updated_read_and_deleted() {
    let (_server, client, app) = setup().await;
    let missing = client.get_voice_channel().application_id(&app).send().await.unwrap_err();
    assert_eq!(missing.into_service_error().code(), Some("NotFoundException"));

    let made = client
        .update_voice_channel()
        .application_id(&app)
        .voice_channel_request(voice(true))
        .send()
        .await
        .unwrap();
    let made = made.voice_channel_response().unwrap();
    assert_eq!(made.platform(), Some("VOICE"));
    assert_eq!((made.enabled(), made.version()), (Some(true), Some(1)));
    assert_eq!(made.application_id(), Some(app.as_str()));
    assert_eq!((made.is_archived(), made.has_credential()), (Some(false), Some(false)));
    assert!(made.creation_date().is_some() && made.last_modified_date().is_some());

    let updated = client
        .update_voice_channel()
        .application_id(&app)
        .voice_channel_request(voice(false))
        .send()
        .await
        .unwrap();
    let updated = updated.voice_channel_response().unwrap();
    assert_eq!((updated.enabled(), updated.version()), (Some(false), Some(2)));
    assert_eq!(updated.creation_date(), made.creation_date(), "created once");

    let got = client.get_voice_channel().application_id(&app).send().await.unwrap();
    assert_eq!(got.voice_channel_response().unwrap().enabled(), Some(false));
    let deleted = client.delete_voice_channel().application_id(&app).send().await.unwrap();
    assert_eq!(deleted.voice_channel_response().unwrap().version(), Some(2));
    let gone = client.delete_voice_channel().application_id(&app).send().await.unwrap_err();
    assert_eq!(gone.into_service_error().code(), Some("NotFoundException"));
    let unknown = client.get_voice_channel().application_id("nope").send().await.unwrap_err();
    assert_eq!(unknown.into_service_error().code(), Some("NotFoundException"));
}

#[tokio::test]
async fn get_channels_keys_every_configured_channel_by_its_type() {
    let (_server, client, app) = setup().await;
    let none = client.get_channels().application_id(&app).send().await.unwrap();
    assert!(
        none.channels_response()
            .unwrap()
            .channels()
            .is_none_or(std::collections::HashMap::is_empty)
    );

    client
        .update_voice_channel()
        .application_id(&app)
        .voice_channel_request(voice(true))
        .send()
        .await
        .unwrap();
    client
        .update_sms_channel()
        .application_id(&app)
        .sms_channel_request(SmsChannelRequest::builder().enabled(false).build())
        .send()
        .await
        .unwrap();
    let all = client.get_channels().application_id(&app).send().await.unwrap();
    let channels = all.channels_response().unwrap().channels().unwrap();
    let mut keys: Vec<&str> = channels.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["SMS", "VOICE"]);
    assert_eq!(channels["VOICE"].enabled(), Some(true));
    assert_eq!(channels["SMS"].enabled(), Some(false), "disabled channels are listed too");
    assert_eq!(channels["VOICE"].application_id(), Some(app.as_str()));

    let unknown = client.get_channels().application_id("nope").send().await.unwrap_err();
    assert_eq!(unknown.into_service_error().code(), Some("NotFoundException"));
}

#[tokio::test]
async fn a_voice_message_reaches_the_outbox_only_through_an_enabled_voice_channel() {
    let (server, client, app) = setup().await;
    let send_voice = || {
        let message = DirectMessageConfiguration::builder()
            .voice_message(VoiceMessage::builder().body("Your code is 1234").build())
            .build();
        client
            .send_messages()
            .application_id(&app)
            .message_request(
                MessageRequest::builder()
                    .addresses(
                        "+12065550123",
                        AddressConfiguration::builder().channel_type(ChannelType::Voice).build(),
                    )
                    .message_configuration(message)
                    .build(),
            )
            .send()
    };
    let refused = send_voice().await.unwrap();
    let result = &refused.message_response().unwrap().result().unwrap()["+12065550123"];
    assert_eq!(result.status_code(), Some(400), "no voice channel yet: {result:?}");

    client
        .update_voice_channel()
        .application_id(&app)
        .voice_channel_request(voice(true))
        .send()
        .await
        .unwrap();
    let sent = send_voice().await.unwrap();
    let result = &sent.message_response().unwrap().result().unwrap()["+12065550123"];
    assert_eq!(result.status_code(), Some(200), "{result:?}");
    let filter = OutboxFilter { app_id: Some(app.clone()), ..OutboxFilter::default() };
    let outbox = server.backend().outbox(&filter);
    assert_eq!(outbox.len(), 1, "{outbox:?}");
    assert_eq!(outbox[0].channel, "VOICE");
    assert_eq!(outbox[0].address, "+12065550123");
    assert_eq!(outbox[0].body, "Your code is 1234");

    // A VOICE endpoint is reached by its id, too.
    client
        .update_endpoint()
        .application_id(&app)
        .endpoint_id("phone")
        .endpoint_request(
            EndpointRequest::builder()
                .channel_type(ChannelType::Voice)
                .address("+12065550124")
                .build(),
        )
        .send()
        .await
        .unwrap();
    let message = DirectMessageConfiguration::builder()
        .voice_message(VoiceMessage::builder().body("Hello {{Address}}").build())
        .build();
    client
        .send_messages()
        .application_id(&app)
        .message_request(
            MessageRequest::builder()
                .endpoints("phone", EndpointSendConfiguration::builder().build())
                .message_configuration(message)
                .build(),
        )
        .send()
        .await
        .unwrap();
    let outbox = server.backend().outbox(&filter);
    assert_eq!(outbox.len(), 2, "{outbox:?}");
    assert_eq!(
        (outbox[0].channel.as_str(), outbox[0].endpoint_id.as_deref()),
        ("VOICE", Some("phone"))
    );
}

fn endpoint(attribute: &str, metric: &str, user_attribute: &str) -> EndpointRequest {
    EndpointRequest::builder()
        .channel_type(ChannelType::Sms)
        .address("+12065550100")
        .attributes(attribute, vec!["x".to_owned()])
        .attributes("keep", vec!["k".to_owned()])
        .metrics(metric, 1.0)
        .user(
            EndpointUser::builder()
                .user_id("u1")
                .user_attributes(user_attribute, vec!["y".to_owned()])
                .build(),
        )
        .build()
}

#[tokio::test]
async fn remove_attributes_drops_names_and_globs_from_every_endpoint() {
    let (server, client, app) = setup().await;
    for (id, attribute) in [("e1", "plan"), ("e2", "planet"), ("e3", "tier")] {
        client
            .update_endpoint()
            .application_id(&app)
            .endpoint_id(id)
            .endpoint_request(endpoint(attribute, "visits", "first_name"))
            .send()
            .await
            .unwrap();
    }
    let remove = |kind: &str, names: &[&str]| {
        client
            .remove_attributes()
            .application_id(&app)
            .attribute_type(kind)
            .update_attributes_request(
                UpdateAttributesRequest::builder()
                    .set_blacklist(Some(names.iter().map(|n| (*n).to_owned()).collect()))
                    .build(),
            )
            .send()
    };
    let removed = remove("endpoint-custom-attributes", &["plan*"]).await.unwrap();
    let resource = removed.attributes_resource().unwrap();
    assert_eq!(resource.application_id(), Some(app.as_str()));
    assert_eq!(resource.attribute_type(), Some("endpoint-custom-attributes"));
    assert_eq!(resource.attributes(), ["plan", "planet"]);
    remove("endpoint-metric-attributes", &["visits"]).await.unwrap();
    remove("endpoint-user-attributes", &["first_name"]).await.unwrap();

    for id in ["e1", "e2", "e3"] {
        let got = client.get_endpoint().application_id(&app).endpoint_id(id).send().await.unwrap();
        let e = got.endpoint_response().unwrap();
        let mut names: Vec<&String> = e.attributes().unwrap().keys().collect();
        names.sort_unstable();
        let expected: &[&str] = if id == "e3" { &["keep", "tier"] } else { &["keep"] };
        assert_eq!(names, expected, "{id}");
        assert!(
            e.metrics().is_none_or(std::collections::HashMap::is_empty),
            "{id}: {:?}",
            e.metrics()
        );
        let user = e.user().unwrap();
        assert!(user.user_attributes().is_none_or(std::collections::HashMap::is_empty), "{id}");
        assert_eq!(user.user_id(), Some("u1"));
    }
    // The values the console suggests no longer offer them.
    let seen = server.backend().seen_values(&app).unwrap();
    assert!(seen.get("Attributes.plan").is_none() && seen.get("Attributes.planet").is_none());
    assert!(seen.get("Attributes.tier").is_some(), "{seen}");
    assert!(seen.get("Metrics").is_none() && seen.get("UserAttributes.first_name").is_none());

    let bad = remove("endpoint-attributes", &["x"]).await.unwrap_err().into_service_error();
    assert_eq!(bad.code(), Some("BadRequestException"), "{bad:?}");
    let unknown = client
        .remove_attributes()
        .application_id("nope")
        .attribute_type("endpoint-custom-attributes")
        .update_attributes_request(UpdateAttributesRequest::builder().blacklist("x").build())
        .send()
        .await
        .unwrap_err();
    assert_eq!(unknown.into_service_error().code(), Some("NotFoundException"));
}
