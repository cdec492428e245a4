//! The real `aws-sdk-pinpoint` client against faults injected with `/_mock/faults`: the SDK
//! reads the injected error as the modeled exception (429 `TooManyRequestsException`, 403
//! `ForbiddenException`, 500 `InternalServerErrorException`), so the console's handling of
//! each can be tested against the mock.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use aws_sdk_pinpoint::error::ProvideErrorMetadata;
use common::{sdk_client, start_mock};
use pinpoint_console::mock::demo::Seed;
use pinpoint_console::mock::faults::FaultRule;

#[tokio::test]
async fn the_sdk_surfaces_injected_faults_as_modeled_errors() {
    let server = start_mock(Seed::Empty).await;
    // The test client makes one attempt per call, so each injected fault reaches the caller.
    let client = sdk_client(&server).await;
    for (status, code) in [
        (429, "TooManyRequestsException"),
        (403, "ForbiddenException"),
        (500, "InternalServerErrorException"),
    ] {
        let rule = FaultRule::parse(&serde_json::json!({"Operation": "GetApps", "Status": status}));
        server.backend().faults().add(rule.unwrap());
        let error = client.get_apps().send().await.expect_err("a fault").into_service_error();
        assert_eq!(error.code(), Some(code));
        assert!(error.message().unwrap_or_default().contains("Injected fault"), "{error:?}");
        match status {
            429 => assert!(error.is_too_many_requests_exception()),
            403 => assert!(error.is_forbidden_exception()),
            _ => assert!(error.is_internal_server_error_exception()),
        }
    }
    // Spent: the next call is served.
    assert!(client.get_apps().send().await.is_ok());
}
