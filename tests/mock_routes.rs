//! The mock's routes through `tower::ServiceExt::oneshot`: no socket, exact wire checks.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use http_body_util::BodyExt;
use pinpoint_console::mock::backend::Backend;
use pinpoint_console::mock::demo::{self, Seed};
use pinpoint_console::mock::router;
use serde_json::{Value, json};
use tower::ServiceExt;

struct Answer {
    status: StatusCode,
    error_type: Option<String>,
    request_id: Option<String>,
    body: Value,
}

async fn call(app: &axum::Router, method: Method, uri: &str, body: Option<&str>) -> Answer {
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", "application/json")
        .body(body.map_or_else(Body::empty, |b| Body::from(b.to_owned())))
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let header = |name: &str| response.headers().get(name).map(|v| v.to_str().unwrap().to_owned());
    let status = response.status();
    let error_type = header("x-amzn-ErrorType");
    let request_id = header("x-amzn-RequestId");
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let body = if bytes.is_empty() { Value::Null } else { serde_json::from_slice(&bytes).unwrap() };
    Answer { status, error_type, request_id, body }
}

fn app(seed: Seed) -> axum::Router {
    let backend = Arc::new(Backend::default());
    demo::seed(&backend, seed).unwrap();
    router(backend)
}

fn assert_error(answer: &Answer, status: StatusCode, kind: &str, message_part: &str) {
    assert_eq!(answer.status, status, "{:?}", answer.body);
    assert_eq!(answer.error_type.as_deref(), Some(kind));
    let message = answer.body["Message"].as_str().unwrap();
    assert!(message.contains(message_part), "message {message:?} lacks {message_part:?}");
    assert_eq!(answer.body["RequestID"].as_str(), answer.request_id.as_deref());
}

#[tokio::test]
async fn create_get_list_delete_app_with_exact_shapes() {
    let app = app(Seed::Empty);
    let created =
        call(&app, Method::POST, "/v1/apps", Some(r#"{"Name":"Shop","tags":{"team":"a"}}"#)).await;
    assert_eq!(created.status, StatusCode::CREATED);
    assert!(created.request_id.is_some());
    let id = created.body["Id"].as_str().unwrap().to_owned();
    assert_eq!(id.len(), 32);
    assert!(id.chars().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(created.body["Name"], "Shop");
    assert_eq!(created.body["tags"], json!({"team": "a"}));
    assert_eq!(
        created.body["Arn"],
        format!("arn:aws:mobiletargeting:us-east-1:000000000000:apps/{id}")
    );
    let date = created.body["CreationDate"].as_str().expect("CreationDate is a string");
    assert!(chrono::DateTime::parse_from_rfc3339(date).is_ok(), "{date}");

    let got = call(&app, Method::GET, &format!("/v1/apps/{id}"), None).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.body, created.body);

    let list = call(&app, Method::GET, "/v1/apps", None).await;
    assert_eq!(list.body["Item"].as_array().unwrap().len(), 1);
    assert!(list.body.get("NextToken").is_none());

    let deleted = call(&app, Method::DELETE, &format!("/v1/apps/{id}"), None).await;
    assert_eq!(deleted.status, StatusCode::OK);
    assert_eq!(deleted.body, created.body);
    let gone = call(&app, Method::GET, &format!("/v1/apps/{id}"), None).await;
    assert_error(&gone, StatusCode::NOT_FOUND, "NotFoundException", &id);
}

#[tokio::test]
async fn bad_bodies_are_400_naming_the_member() {
    let app = app(Seed::Empty);
    let cases = [
        (r#"{"Name":"#, "not valid JSON"),
        ("", "body is required"),
        ("{}", "Name is required"),
        (r#"{"Name":7}"#, "Name must be a string"),
        (r#"{"Name":"  "}"#, "Name must not be empty"),
        (r#"{"Name":"x","tags":{"a":1}}"#, "tags.a must be a string"),
        ("[1,2]", "must be a JSON object"),
    ];
    for (body, message) in cases {
        let answer = call(&app, Method::POST, "/v1/apps", Some(body)).await;
        assert_error(&answer, StatusCode::BAD_REQUEST, "BadRequestException", message);
    }
}

#[tokio::test]
async fn unknown_routes_are_404_and_wrong_methods_405() {
    let app = app(Seed::Demo);
    let answer = call(&app, Method::GET, "/v1/nothing-here", None).await;
    assert_error(&answer, StatusCode::NOT_FOUND, "NotFoundException", "/v1/nothing-here");
    let answer = call(&app, Method::PATCH, "/v1/apps", None).await;
    assert_error(&answer, StatusCode::METHOD_NOT_ALLOWED, "MethodNotAllowedException", "PATCH");
    let answer = call(&app, Method::POST, "/v1/apps/abc/settings", Some("{}")).await;
    assert_error(&answer, StatusCode::METHOD_NOT_ALLOWED, "MethodNotAllowedException", "POST");
    let answer = call(&app, Method::GET, "/v1/apps/unknown/settings", None).await;
    assert_error(&answer, StatusCode::NOT_FOUND, "NotFoundException", "unknown");
}

#[tokio::test]
async fn pagination_walks_every_page_once() {
    let app = app(Seed::Demo);
    let mut seen = Vec::new();
    let mut token: Option<String> = None;
    let mut pages = 0;
    loop {
        let uri = match &token {
            Some(t) => format!("/v1/apps?page-size=3&token={t}"),
            None => "/v1/apps?page-size=3".to_owned(),
        };
        let page = call(&app, Method::GET, &uri, None).await;
        assert_eq!(page.status, StatusCode::OK);
        let items = page.body["Item"].as_array().unwrap();
        assert!(items.len() <= 3);
        seen.extend(items.iter().map(|i| i["Id"].as_str().unwrap().to_owned()));
        pages += 1;
        match page.body.get("NextToken").and_then(Value::as_str) {
            Some(next) => token = Some(next.to_owned()),
            None => break,
        }
    }
    let all = call(&app, Method::GET, "/v1/apps?page-size=100", None).await;
    let all: Vec<String> = all.body["Item"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["Id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(seen, all);
    assert_eq!(pages, all.len().div_ceil(3));
    let bad = call(&app, Method::GET, "/v1/apps?page-size=lots", None).await;
    assert_error(&bad, StatusCode::BAD_REQUEST, "BadRequestException", "page-size");
    let bad = call(&app, Method::GET, "/v1/apps?token=forged", None).await;
    assert_error(&bad, StatusCode::BAD_REQUEST, "BadRequestException", "token");
}

#[tokio::test]
async fn settings_merge_member_by_member_and_validate() {
    let app = app(Seed::Empty);
    let created = call(&app, Method::POST, "/v1/apps", Some(r#"{"Name":"S"}"#)).await;
    let id = created.body["Id"].as_str().unwrap().to_owned();
    let uri = format!("/v1/apps/{id}/settings");
    let fresh = call(&app, Method::GET, &uri, None).await;
    assert_eq!(fresh.status, StatusCode::OK);
    assert_eq!(fresh.body["ApplicationId"], id.as_str());

    let first = r#"{"Limits":{"Daily":5,"Total":50},"QuietTime":{"Start":"22:00","End":"07:00"},
        "CampaignHook":{"LambdaFunctionName":"filter-fn","Mode":"FILTER"},"CloudWatchMetricsEnabled":true}"#;
    let answer = call(&app, Method::PUT, &uri, Some(first)).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(answer.body.get("CloudWatchMetricsEnabled").is_none(), "write-only member echoed");

    let second = r#"{"Limits":{"Daily":2}}"#;
    let merged = call(&app, Method::PUT, &uri, Some(second)).await;
    assert_eq!(merged.body["Limits"], json!({"Daily": 2, "Total": 50}));
    assert_eq!(merged.body["QuietTime"], json!({"Start": "22:00", "End": "07:00"}));
    assert_eq!(merged.body["CampaignHook"]["LambdaFunctionName"], "filter-fn");
    assert_eq!(call(&app, Method::GET, &uri, None).await.body, merged.body);

    let cases = [
        (r#"{"Limits":{"Daily":101}}"#, "Limits.Daily"),
        (r#"{"Limits":{"MessagesPerSecond":0}}"#, "Limits.MessagesPerSecond"),
        (r#"{"Limits":{"MaximumDuration":30}}"#, "Limits.MaximumDuration"),
        (r#"{"Limits":{"Daily":"5"}}"#, "Limits.Daily must be a whole number"),
        (r#"{"QuietTime":{"Start":"25:00","End":"07:00"}}"#, "QuietTime.Start"),
        (r#"{"QuietTime":{"End":""}}"#, "QuietTime.End is required"),
        (r#"{"CampaignHook":{"Mode":"SOMETIMES"}}"#, "CampaignHook.Mode"),
        (r#"{"CampaignHook":{"WebUrl":"ftp://x"}}"#, "CampaignHook.WebUrl"),
    ];
    for (body, member) in cases {
        let answer = call(&app, Method::PUT, &uri, Some(body)).await;
        assert_error(&answer, StatusCode::BAD_REQUEST, "BadRequestException", member);
    }
    // A rejected update changes nothing.
    assert_eq!(call(&app, Method::GET, &uri, None).await.body, merged.body);
}

#[tokio::test]
async fn an_uploaded_file_lands_in_the_bucket_folder_and_imports() {
    let backend = Arc::new(Backend::default());
    demo::seed(&backend, Seed::Empty).unwrap();
    let app = router(Arc::clone(&backend));
    let missing = call(&app, Method::POST, "/_mock/files", Some(r#"{"Name": "x.csv"}"#)).await;
    assert_error(&missing, StatusCode::BAD_REQUEST, "BadRequestException", "Contents is required");

    let csv = "Id,ChannelType,Address\nu-1,EMAIL,u1@example.com\n";
    let body = json!({"Name": "../../etc/My File.csv", "Contents": csv}).to_string();
    let put = call(&app, Method::POST, "/_mock/files", Some(&body)).await;
    assert_eq!(put.status, StatusCode::OK, "{:?}", put.body);
    let url = put.body["S3Url"].as_str().unwrap().to_owned();
    // The name cannot climb out of the bucket.
    let key = url.strip_prefix("s3://pinpoint-console-uploads/").unwrap();
    assert!(key.ends_with("-.._.._etc_My_File.csv"), "{key}");
    let path = backend.files().buckets.join("pinpoint-console-uploads").join(key);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), csv);

    let created = call(&app, Method::POST, "/v1/apps", Some(r#"{"Name": "Uploads"}"#)).await;
    let id = created.body["Id"].as_str().unwrap().to_owned();
    let job = json!({"S3Url": url, "RoleArn": "arn:aws:iam::1:role/r", "Format": "CSV"});
    let started =
        call(&app, Method::POST, &format!("/v1/apps/{id}/jobs/import"), Some(&job.to_string()))
            .await;
    assert_eq!(started.status, StatusCode::CREATED, "{:?}", started.body);
    backend.run_due();
    let endpoint = call(&app, Method::GET, &format!("/v1/apps/{id}/endpoints/u-1"), None).await;
    assert_eq!(endpoint.body["Address"], "u1@example.com");
    let _ = std::fs::remove_file(path);
}

#[tokio::test]
async fn injected_faults_answer_like_the_service_then_clear() {
    let app = app(Seed::Empty);
    let created = call(&app, Method::POST, "/v1/apps", Some(r#"{"Name": "Faults"}"#)).await;
    let id = created.body["Id"].as_str().unwrap().to_owned();
    let get_app = format!("/v1/apps/{id}");

    // Two throttled GetApp calls, then GetApp is served again; GetApps is never touched.
    let rule = r#"{"Operation": "GetApp", "Status": 429, "Count": 2}"#;
    let added = call(&app, Method::POST, "/_mock/faults", Some(rule)).await;
    assert_eq!(added.status, StatusCode::OK, "{:?}", added.body);
    assert_eq!(added.body["Item"][0]["ErrorType"], "TooManyRequestsException");
    for _ in 0..2 {
        let answer = call(&app, Method::GET, &get_app, None).await;
        assert_error(&answer, StatusCode::TOO_MANY_REQUESTS, "TooManyRequestsException", "");
        assert!(answer.request_id.is_some());
        let list = call(&app, Method::GET, "/v1/apps", None).await;
        assert_eq!(list.status, StatusCode::OK);
    }
    assert_eq!(call(&app, Method::GET, &get_app, None).await.status, StatusCode::OK);

    // By path prefix and by error type, with a message of one's own.
    for (status, kind) in [
        (StatusCode::FORBIDDEN, "ForbiddenException"),
        (StatusCode::INTERNAL_SERVER_ERROR, "InternalServerErrorException"),
        (StatusCode::SERVICE_UNAVAILABLE, "ServiceUnavailableException"),
    ] {
        let rule = json!({"PathPrefix": get_app, "ErrorType": kind, "Message": "injected"});
        call(&app, Method::POST, "/_mock/faults", Some(&rule.to_string())).await;
        let answer = call(&app, Method::GET, &format!("{get_app}/settings"), None).await;
        assert_error(&answer, status, kind, "injected");
    }

    // A rule until cleared; the switch itself is never failed.
    let everything = r#"{"PathPrefix": "/", "Status": 500, "Count": 1000}"#;
    call(&app, Method::POST, "/_mock/faults", Some(everything)).await;
    let answer = call(&app, Method::GET, "/_mock/outbox", None).await;
    assert_error(&answer, StatusCode::INTERNAL_SERVER_ERROR, "InternalServerErrorException", "");
    let listed = call(&app, Method::GET, "/_mock/faults", None).await;
    assert_eq!(listed.body["Item"][0]["Count"], 999, "one request spent");
    let cleared = call(&app, Method::DELETE, "/_mock/faults", None).await;
    assert_eq!(cleared.body["Cleared"], 1);
    assert_eq!(call(&app, Method::GET, &get_app, None).await.status, StatusCode::OK);

    // A rule that makes no sense is a 400 naming what is wrong.
    let bad = call(&app, Method::POST, "/_mock/faults", Some(r#"{"Operation": "GetApp"}"#)).await;
    assert_error(&bad, StatusCode::BAD_REQUEST, "BadRequestException", "Status or an ErrorType");
    let bad = r#"{"Operation": "GetApp", "Status": 403, "ErrorType": "TooManyRequestsException"}"#;
    let bad = call(&app, Method::POST, "/_mock/faults", Some(bad)).await;
    assert_error(&bad, StatusCode::BAD_REQUEST, "BadRequestException", "ForbiddenException");
}
