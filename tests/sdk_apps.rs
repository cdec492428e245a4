//! The real `aws-sdk-pinpoint` client against the mock on 127.0.0.1:0: every operation of the
//! apps and settings slice, each error, and pagination across pages.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use aws_sdk_pinpoint::error::ProvideErrorMetadata;
use aws_sdk_pinpoint::types::{
    CampaignHook, CampaignLimits, CreateApplicationRequest, Mode, QuietTime,
    WriteApplicationSettingsRequest,
};
use common::{sdk_client, start_mock};
use pinpoint_console::mock::demo::Seed;

fn create(name: &str) -> CreateApplicationRequest {
    CreateApplicationRequest::builder().name(name).tags("team", "qa").build()
}

#[tokio::test]
async fn apps_round_trip_through_the_sdk() {
    let server = start_mock(Seed::Empty).await;
    let client = sdk_client(&server).await;

    let created =
        client.create_app().create_application_request(create("Shop")).send().await.unwrap();
    let app = created.application_response().unwrap();
    let id = app.id().unwrap().to_owned();
    assert_eq!(app.name(), Some("Shop"));
    assert!(app.arn().unwrap().ends_with(&format!(":apps/{id}")));
    assert!(app.creation_date().is_some());
    assert_eq!(app.tags().unwrap().get("team").map(String::as_str), Some("qa"));

    let got = client.get_app().application_id(&id).send().await.unwrap();
    assert_eq!(got.application_response(), Some(app));

    let deleted = client.delete_app().application_id(&id).send().await.unwrap();
    assert_eq!(deleted.application_response(), Some(app));
    let list = client.get_apps().send().await.unwrap();
    assert!(list.applications_response().unwrap().item().is_empty());
}

#[tokio::test]
async fn get_apps_pages_with_next_token() {
    let server = start_mock(Seed::Empty).await;
    let client = sdk_client(&server).await;
    for i in 0..7 {
        client
            .create_app()
            .create_application_request(create(&format!("P{i}")))
            .send()
            .await
            .unwrap();
    }
    let mut names = Vec::new();
    let mut token = None;
    let mut pages = 0;
    loop {
        let out = client.get_apps().page_size("3").set_token(token).send().await.unwrap();
        let page = out.applications_response().unwrap();
        names.extend(page.item().iter().map(|a| a.name().unwrap().to_owned()));
        pages += 1;
        token = page.next_token().map(str::to_owned);
        if token.is_none() {
            break;
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(names, (0..7).map(|i| format!("P{i}")).collect::<Vec<_>>());
}

#[tokio::test]
async fn settings_update_merges_and_reads_back() {
    let server = start_mock(Seed::Empty).await;
    let client = sdk_client(&server).await;
    let app = client.create_app().create_application_request(create("S")).send().await.unwrap();
    let id = app.application_response().unwrap().id().unwrap().to_owned();

    let request = WriteApplicationSettingsRequest::builder()
        .limits(CampaignLimits::builder().daily(3).total(30).messages_per_second(200).build())
        .quiet_time(QuietTime::builder().start("22:00").end("07:00").build())
        .campaign_hook(
            CampaignHook::builder().lambda_function_name("vip").mode(Mode::Filter).build(),
        )
        .build();
    client
        .update_application_settings()
        .application_id(&id)
        .write_application_settings_request(request)
        .send()
        .await
        .unwrap();
    let partial = WriteApplicationSettingsRequest::builder()
        .limits(CampaignLimits::builder().daily(4).build())
        .build();
    let out = client
        .update_application_settings()
        .application_id(&id)
        .write_application_settings_request(partial)
        .send()
        .await
        .unwrap();
    let settings = out.application_settings_resource().unwrap();
    assert_eq!(settings.application_id(), Some(id.as_str()));
    let limits = settings.limits().unwrap();
    assert_eq!(
        (limits.daily(), limits.total(), limits.messages_per_second()),
        (Some(4), Some(30), Some(200))
    );
    assert_eq!(settings.quiet_time().unwrap().start(), Some("22:00"));
    assert_eq!(settings.campaign_hook().unwrap().mode(), Some(&Mode::Filter));
    assert!(settings.last_modified_date().is_some());

    let read = client.get_application_settings().application_id(&id).send().await.unwrap();
    assert_eq!(read.application_settings_resource(), Some(settings));
}

#[tokio::test]
async fn errors_carry_type_message_and_request_id() {
    let server = start_mock(Seed::Demo).await;
    let client = sdk_client(&server).await;

    let err = client.get_app().application_id("nope").send().await.unwrap_err();
    let service = err.into_service_error();
    assert!(service.is_not_found_exception(), "{service:?}");
    assert!(service.message().unwrap().contains("nope"));
    assert!(aws_sdk_pinpoint::operation::RequestId::request_id(&service).is_some());

    let err = client.delete_app().application_id("nope").send().await.unwrap_err();
    assert!(err.into_service_error().is_not_found_exception());

    let err = client
        .create_app()
        .create_application_request(CreateApplicationRequest::builder().build())
        .send()
        .await
        .unwrap_err();
    let service = err.into_service_error();
    assert!(service.is_bad_request_exception(), "{service:?}");
    assert_eq!(service.message(), Some("Name is required"));

    let err = client.get_apps().page_size("many").send().await.unwrap_err();
    assert!(err.into_service_error().is_bad_request_exception());

    let err = client.get_application_settings().application_id("nope").send().await.unwrap_err();
    assert!(err.into_service_error().is_not_found_exception());

    let apps = client.get_apps().send().await.unwrap();
    let id = apps.applications_response().unwrap().item()[0].id().unwrap().to_owned();
    let too_many = WriteApplicationSettingsRequest::builder()
        .limits(CampaignLimits::builder().daily(500).build())
        .build();
    let err = client
        .update_application_settings()
        .application_id(&id)
        .write_application_settings_request(too_many)
        .send()
        .await
        .unwrap_err();
    let service = err.into_service_error();
    assert!(service.is_bad_request_exception());
    assert!(service.message().unwrap().contains("Limits.Daily"));

    // The console's error type shows all three parts.
    let err = client.get_app().application_id("nope").send().await.unwrap_err();
    let shown = pinpoint_console::api::ApiError::from(err);
    assert_eq!(shown.kind, "NotFoundException");
    assert!(shown.message.contains("nope"));
    assert!(shown.request_id.is_some(), "{shown:?}");
    assert!(!shown.to_string().contains("service error"));
}
