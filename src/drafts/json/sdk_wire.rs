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

#[tokio::test]
async fn the_campaign_json_is_what_the_sdk_sends() {
    let capture = Capture::default();
    let request = campaign::fixtures::full().to_request().unwrap();
    let result = client(&capture)
        .create_campaign()
        .application_id("app")
        .write_campaign_request(request.clone())
        .send()
        .await;
    assert!(result.is_err(), "stopped before sending");
    assert_eq!(sent(&capture), super::campaign::write_campaign_request(&request));
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
