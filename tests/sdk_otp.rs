//! One-time passwords through the real `aws-sdk-pinpoint` client against the mock on a
//! socket, with the mock's clock in the test's hands: a round trip reading the code from the
//! outbox, a wrong code, a used code, an expired code, too many tries, and the refusals.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::sync::Arc;

use aws_sdk_pinpoint::Client;
use aws_sdk_pinpoint::error::ProvideErrorMetadata;
use aws_sdk_pinpoint::types::{
    SendOtpMessageRequestParameters, SmsChannelRequest, VerifyOtpMessageRequestParameters,
};
use chrono::{DateTime, Duration, Utc};
use common::clocked_project;
use pinpoint_console::mock::MockServer;
use pinpoint_console::mock::backend::OutboxFilter;
use pinpoint_console::mock::clock::ManualClock;

const PHONE: &str = "+12065550142";

struct World {
    server: MockServer,
    client: Client,
    clock: Arc<ManualClock>,
    app: String,
}

async fn world(sms_enabled: bool) -> World {
    let start = DateTime::parse_from_rfc3339("2026-12-01T09:00:00Z").unwrap().with_timezone(&Utc);
    let (server, client, clock, app) = clocked_project(start, "OTP").await;
    client
        .update_sms_channel()
        .application_id(&app)
        .sms_channel_request(SmsChannelRequest::builder().enabled(sms_enabled).build())
        .send()
        .await
        .unwrap();
    World { server, client, clock, app }
}

fn request(
    reference: &str,
) -> aws_sdk_pinpoint::types::builders::SendOtpMessageRequestParametersBuilder {
    SendOtpMessageRequestParameters::builder()
        .brand_name("ExampleCorp")
        .channel("SMS")
        .destination_identity(PHONE)
        .origination_identity("+18555550142")
        .reference_id(reference)
}

impl World {
    /// Sends a password and answers the code, read from the outbox.
    async fn send(&self, params: SendOtpMessageRequestParameters) -> String {
        let sent = self
            .client
            .send_otp_message()
            .application_id(&self.app)
            .send_otp_message_request_parameters(params)
            .send()
            .await
            .unwrap();
        let result = &sent.message_response().unwrap().result().unwrap()[PHONE];
        assert_eq!(result.delivery_status().unwrap().as_str(), "SUCCESSFUL");
        assert_eq!(result.status_code(), Some(200));
        let outbox = self.server.backend().outbox(&OutboxFilter {
            app_id: Some(self.app.clone()),
            limit: Some(1),
            ..OutboxFilter::default()
        });
        let body = &outbox[0].body;
        assert_eq!((outbox[0].channel.as_str(), outbox[0].address.as_str()), ("SMS", PHONE));
        let code = body
            .strip_prefix("This is your One Time Password: ")
            .and_then(|rest| rest.strip_suffix(" from ExampleCorp"))
            .unwrap_or_else(|| panic!("the service's message: {body}"));
        code.to_owned()
    }

    async fn verify(&self, reference: &str, otp: &str) -> bool {
        let params = VerifyOtpMessageRequestParameters::builder()
            .destination_identity(PHONE)
            .reference_id(reference)
            .otp(otp)
            .build();
        let answer = self
            .client
            .verify_otp_message()
            .application_id(&self.app)
            .verify_otp_message_request_parameters(params)
            .send()
            .await
            .unwrap();
        answer.verification_response().unwrap().valid().unwrap()
    }

    async fn refused(&self, params: SendOtpMessageRequestParameters) -> (String, String) {
        let e = self
            .client
            .send_otp_message()
            .application_id(&self.app)
            .send_otp_message_request_parameters(params)
            .send()
            .await
            .expect_err("refused")
            .into_service_error();
        (e.code().unwrap_or_default().to_owned(), e.message().unwrap_or_default().to_owned())
    }
}

fn wrong(code: &str) -> String {
    code.chars().map(|c| if c == '9' { '0' } else { char::from(c as u8 + 1) }).collect()
}

#[tokio::test]
async fn a_code_verifies_once_within_its_validity() {
    let w = world(true).await;
    let code = w.send(request("login").code_length(7).build()).await;
    assert_eq!(code.len(), 7);
    assert!(code.chars().all(|c| c.is_ascii_digit()));
    assert!(!w.verify("login", &wrong(&code)).await, "a wrong code");
    assert!(!w.verify("other-reference", &code).await, "another reference id");
    assert!(w.verify("login", &code).await, "the right code, one wrong try left over");
    assert!(!w.verify("login", &code).await, "a used code");

    // The default length is 6 digits; the default validity is 15 minutes.
    let code = w.send(request("checkout").build()).await;
    assert_eq!(code.len(), 6);
    w.clock.advance(Duration::minutes(14));
    assert!(w.verify("checkout", &code).await, "still valid at 14 minutes");

    let code = w.send(request("expiring").validity_period(5).build()).await;
    w.clock.advance(Duration::minutes(5));
    assert!(!w.verify("expiring", &code).await, "expired at 5 minutes");
}

#[tokio::test]
async fn wrong_tries_use_up_the_allowed_attempts() {
    let w = world(true).await;
    let code = w.send(request("login").allowed_attempts(2).build()).await;
    assert!(!w.verify("login", &wrong(&code)).await);
    assert!(!w.verify("login", &wrong(&code)).await);
    assert!(!w.verify("login", &code).await, "over-tried: the right code no longer works");

    // A new code for the same reference replaces the old one.
    let first = w.send(request("again").build()).await;
    let second = w.send(request("again").build()).await;
    if first != second {
        assert!(!w.verify("again", &first).await, "the replaced code");
    }
    assert!(w.verify("again", &second).await);
}

#[tokio::test]
async fn bad_requests_are_refused_as_the_service_does() {
    let w = world(true).await;
    let cases = [
        (request("r").channel("EMAIL").build(), "Supported values: [SMS]"),
        (request("r").code_length(9).build(), "CodeLength"),
        (request("r").code_length(4).build(), "CodeLength"),
        (request("r").validity_period(61).build(), "ValidityPeriod"),
        (request("r").allowed_attempts(6).build(), "AllowedAttempts"),
        (request("r").brand_name("A brand name far too long").build(), "BrandName"),
        (request(&"x".repeat(49)).build(), "ReferenceId"),
        (request("r").destination_identity("2065550142").build(), "DestinationIdentity"),
        (request("r").language("xx-XX").build(), "Language"),
    ];
    for (params, member) in cases {
        let (code, message) = w.refused(params).await;
        assert_eq!(code, "BadRequestException", "{member}: {message}");
        assert!(message.contains(member), "{member}: {message}");
    }
    let (code, _) = w.refused(request("r").language("de-DE").brand_name("").build()).await;
    assert_eq!(code, "BadRequestException");

    let disabled = world(false).await;
    let (code, message) = disabled.refused(request("r").build()).await;
    assert_eq!(code, "BadRequestException");
    assert!(message.contains("SMS channel"), "{message}");

    let e = w
        .client
        .verify_otp_message()
        .application_id("nosuchapp")
        .verify_otp_message_request_parameters(
            VerifyOtpMessageRequestParameters::builder()
                .destination_identity(PHONE)
                .reference_id("r")
                .otp("123456")
                .build(),
        )
        .send()
        .await
        .expect_err("unknown project")
        .into_service_error();
    assert_eq!(e.code(), Some("NotFoundException"));
}
