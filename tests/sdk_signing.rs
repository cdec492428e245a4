//! Signing through the real `aws-sdk-pinpoint` client: ARNs in the region of the request's
//! signing scope, and, with credentials given to the mock, SigV4 verified (a right secret
//! passes, a wrong one, an unknown key, no signature or a stale one are refused with 403 and
//! the service's error types).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::large_futures)]

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use aws_sdk_pinpoint::Client;
use aws_sdk_pinpoint::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_pinpoint::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_pinpoint::types::{
    CreateApplicationRequest, EndpointRequest, SegmentDemographics, SegmentDimensions,
    SetDimension, WriteSegmentRequest,
};
use axum::body::Body;
use axum::http::Request;
use chrono::{Duration, Utc};
use http_body_util::BodyExt;
use pinpoint_console::mock::backend::Backend;
use pinpoint_console::mock::clock::{Clock, ManualClock, SystemClock};
use pinpoint_console::mock::signing::Credentials as MockCredentials;
use pinpoint_console::mock::{MockServer, router};
use tower::ServiceExt;

const KEY: &str = "AKIDMOCKTEST";
const SECRET: &str = "right/secret+KEY";

async fn serve(backend: Backend) -> MockServer {
    MockServer::start(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), Arc::new(backend)).await.unwrap()
}

fn signed_backend(clock: Arc<dyn Clock>) -> Backend {
    Backend::new(clock, "us-east-1")
        .with_credentials(MockCredentials::from_pairs([(KEY, SECRET), ("AKIDOTHER", "other")]))
}

fn client(server: &MockServer, region: &str, key: &str, secret: &str) -> Client {
    let config = aws_sdk_pinpoint::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(region.to_owned()))
        .endpoint_url(server.endpoint_url())
        .credentials_provider(Credentials::new(key, secret, None, None, "test"))
        .retry_config(aws_sdk_pinpoint::config::retry::RetryConfig::disabled())
        .build();
    Client::from_conf(config)
}

async fn create_app(client: &Client, name: &str) -> Result<String, String> {
    client
        .create_app()
        .create_application_request(CreateApplicationRequest::builder().name(name).build())
        .send()
        .await
        .map(|out| out.application_response().unwrap().arn().unwrap().to_owned())
        .map_err(|e| describe(&e))
}

/// `STATUS CODE: message` of a failed call.
fn describe<E: ProvideErrorMetadata + std::fmt::Debug, R>(error: &SdkError<E, R>) -> String
where
    R: std::fmt::Debug,
    SdkError<E, R>: ProvideErrorMetadata,
{
    let status = match error {
        SdkError::ServiceError(service) => format!("{:?}", service.raw()),
        other => format!("{other:?}"),
    };
    let status = if status.contains("403") { "403" } else { "?" };
    format!("{status} {}: {}", error.code().unwrap_or("-"), error.message().unwrap_or("-"))
}

#[tokio::test]
async fn arns_carry_the_region_of_the_signing_scope() {
    let server = serve(Backend::new(Arc::new(SystemClock), "us-west-2")).await;
    let europe = client(&server, "eu-west-1", "AKID", "anything");
    let arn = create_app(&europe, "Europe").await.unwrap();
    assert!(arn.starts_with("arn:aws:mobiletargeting:eu-west-1:000000000000:apps/"), "{arn}");
    let app = arn.rsplit('/').next().unwrap().to_owned();
    let segment = europe
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
    let segment_arn = segment.segment_response().unwrap().arn().unwrap();
    assert!(segment_arn.starts_with("arn:aws:mobiletargeting:eu-west-1:"), "{segment_arn}");

    let tokyo = client(&server, "ap-northeast-1", "AKID", "anything");
    let arn = create_app(&tokyo, "Tokyo").await.unwrap();
    assert!(arn.starts_with("arn:aws:mobiletargeting:ap-northeast-1:"), "{arn}");

    // Outside a signed request (the backend called directly), --region is used.
    let direct = server
        .backend()
        .create_app(pinpoint_console::mock::wire::CreateApplicationRequest {
            name: "Direct".into(),
            tags: std::collections::BTreeMap::default(),
        })
        .unwrap();
    assert!(direct.arn.starts_with("arn:aws:mobiletargeting:us-west-2:"), "{}", direct.arn);
}

#[tokio::test]
async fn the_right_secret_passes_and_a_wrong_one_or_an_unknown_key_is_refused() {
    let server = serve(signed_backend(Arc::new(SystemClock))).await;
    let right = client(&server, "eu-west-1", KEY, SECRET);
    let arn = create_app(&right, "Signed").await.unwrap();
    let app = arn.rsplit('/').next().unwrap().to_owned();
    // A query string and a path parameter that needs escaping are signed and checked too.
    right.get_apps().page_size("5").send().await.unwrap();
    // The signature of an escaped query holds: the token is refused by the operation, not
    // by the signature check.
    let past_signing = right.get_apps().token("a b+c/d").send().await.unwrap_err();
    assert_eq!(past_signing.code(), Some("BadRequestException"), "{}", describe(&past_signing));
    right
        .update_endpoint()
        .application_id(&app)
        .endpoint_id("phone one/ü+%")
        .endpoint_request(
            EndpointRequest::builder()
                .channel_type(aws_sdk_pinpoint::types::ChannelType::Sms)
                .address("+12065550100")
                .build(),
        )
        .send()
        .await
        .unwrap();
    let got = right
        .get_endpoint()
        .application_id(&app)
        .endpoint_id("phone one/ü+%")
        .send()
        .await
        .unwrap();
    assert_eq!(got.endpoint_response().unwrap().id(), Some("phone one/ü+%"));

    let wrong = client(&server, "eu-west-1", KEY, "wrong-secret");
    let refused = wrong.get_apps().send().await.unwrap_err();
    assert_eq!(refused.code(), Some("InvalidSignatureException"), "{}", describe(&refused));
    assert!(describe(&refused).starts_with("403 "), "{}", describe(&refused));
    assert!(
        refused
            .message()
            .unwrap()
            .starts_with("The request signature we calculated does not match"),
        "{}",
        describe(&refused)
    );
    let refused = create_app(&wrong, "Nope").await.unwrap_err();
    assert!(refused.starts_with("403 InvalidSignatureException"), "{refused}");

    let unknown = client(&server, "eu-west-1", "AKIDUNKNOWN", SECRET);
    let refused = unknown.get_apps().send().await.unwrap_err();
    assert_eq!(refused.code(), Some("UnrecognizedClientException"), "{}", describe(&refused));
    assert_eq!(refused.message(), Some("The security token included in the request is invalid."));
    assert!(describe(&refused).starts_with("403 "), "{}", describe(&refused));

    // Another key of the file, with its own secret, passes.
    let other = client(&server, "us-east-1", "AKIDOTHER", "other");
    other.get_apps().send().await.unwrap();
    assert_eq!(server.backend().app_count(), 1, "refused requests changed nothing");
}

#[tokio::test]
async fn a_request_signed_too_long_ago_is_refused_as_expired() {
    let clock = Arc::new(ManualClock::new(Utc::now() + Duration::minutes(20)));
    let server = serve(signed_backend(clock.clone())).await;
    let right = client(&server, "us-east-1", KEY, SECRET);
    let refused = right.get_apps().send().await.unwrap_err();
    assert_eq!(refused.code(), Some("InvalidSignatureException"), "{}", describe(&refused));
    assert!(
        refused.message().unwrap().starts_with("Signature expired: "),
        "{}",
        describe(&refused)
    );
    clock.set(Utc::now() - Duration::minutes(20));
    let refused = right.get_apps().send().await.unwrap_err();
    assert!(
        refused.message().unwrap().starts_with("Signature not yet current: "),
        "{}",
        describe(&refused)
    );
    clock.set(Utc::now() + Duration::minutes(10));
    right.get_apps().send().await.unwrap();
}

#[tokio::test]
async fn an_unsigned_request_is_refused_but_mock_extensions_are_not_checked() {
    let service = router(Arc::new(signed_backend(Arc::new(SystemClock))));
    let call = |uri: &str, authorization: Option<&str>| {
        let mut request = Request::builder().uri(uri);
        if let Some(value) = authorization {
            request = request.header("authorization", value);
        }
        service.clone().oneshot(request.body(Body::empty()).unwrap())
    };
    let response = call("/v1/apps", None).await.unwrap();
    assert_eq!(response.status(), 403);
    assert_eq!(response.headers()["x-amzn-errortype"], "MissingAuthenticationTokenException");
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(json["Message"], "Missing Authentication Token");
    assert!(json["RequestID"].is_string());

    let response = call("/v1/apps", Some("Bearer abc")).await.unwrap();
    assert_eq!(response.status(), 403);
    assert_eq!(response.headers()["x-amzn-errortype"], "IncompleteSignatureException");

    let response = call("/_mock/outbox", None).await.unwrap();
    assert_eq!(response.status(), 200);
}
