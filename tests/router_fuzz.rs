//! Property test over the whole router: random and mutated paths and bodies (some random
//! bytes, some random JSON, some guided by the service model with wrong types mixed in) at
//! every route. Whatever comes in: no panic, no 5xx, and every error carries
//! `x-amzn-ErrorType` and a `{"Message", "RequestID"}` body.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::{Arc, LazyLock};

use axum::body::Body;
use axum::http::{Method, Request};
use http_body_util::BodyExt;
use pinpoint_console::mock::backend::Backend;
use pinpoint_console::mock::model::{model, served_operations};
use pinpoint_console::mock::router;
use proptest::prelude::*;
use serde_json::{Map, Value, json};
use tower::ServiceExt;

/// How many cases the property runs (override with PROPTEST_CASES).
const CASES: u32 = 3000;

struct Fixture {
    service: axum::Router,
    app_id: String,
    /// Ids that exist, by path parameter, so cases reach past the 404s.
    known: Vec<(&'static str, String)>,
}

static RUNTIME: LazyLock<tokio::runtime::Runtime> =
    LazyLock::new(|| tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap());

/// A fresh mock per case, so one case's deletes do not hide the next case's paths and a
/// failure reproduces from its inputs alone.
fn fixture() -> Fixture {
    // A small world per case (the demo data set would make each case slow).
    let backend = Arc::new(Backend::default());
    let app = pinpoint_console::mock::wire::CreateApplicationRequest {
        name: "Fuzz".into(),
        tags: std::collections::BTreeMap::default(),
    };
    let app_id = backend.create_app(app).unwrap().id;
    let segment = backend
        .create_segment(&app_id, json!({"Name": "All", "Dimensions": {"Demographic": {"Platform": {"Values": ["iOS"]}}}}))
        .unwrap();
    let segment_id = segment["Id"].as_str().unwrap().to_owned();
    let campaign = backend
        .create_campaign(
            &app_id,
            json!({"Name": "C", "SegmentId": segment_id, "Schedule": {"StartTime": "IMMEDIATE"}}),
        )
        .unwrap();
    let endpoint =
        json!({"ChannelType": "SMS", "Address": "+12065550100", "User": {"UserId": "u1"}});
    backend.update_endpoint(&app_id, "e1", &endpoint, "seed").unwrap();
    let job = backend
        .create_export_job(
            &app_id,
            &json!({"RoleArn": "arn:aws:iam::0:role/r", "S3UrlPrefix": "s3://b/p"}),
        )
        .unwrap();
    for kind in pinpoint_console::pinpoint::TemplateKind::ALL {
        backend.create_template(kind, "t1", &json!({}), "seed").unwrap();
    }
    let recommender = backend
        .create_recommender(&json!({
            "RecommendationProviderUri": "arn:aws:personalize:us-east-1:0:campaign/c",
            "RecommendationProviderRoleArn": "arn:aws:iam::0:role/r",
            "RecommendationsDisplayName": "Picks",
        }))
        .unwrap();
    let known = vec![
        ("{segment-id}", segment_id),
        ("{campaign-id}", campaign["Id"].as_str().unwrap().to_owned()),
        ("{endpoint-id}", "e1".to_owned()),
        ("{user-id}", "u1".to_owned()),
        ("{job-id}", job["Id"].as_str().unwrap().to_owned()),
        ("{version}", "1".to_owned()),
        ("{template-name}", "t1".to_owned()),
        ("{template-type}", "EMAIL".to_owned()),
        ("{recommender-id}", recommender["Id"].as_str().unwrap().to_owned()),
        ("{attribute-type}", "endpoint-custom-attributes".to_owned()),
    ];
    Fixture { service: router(backend), app_id, known }
}

/// (method, path template, body shape) for every served operation, from the service model.
fn routes() -> Vec<(String, String, Option<String>)> {
    served_operations()
        .map(|name| {
            let http = &model().operations[name].http;
            let shape = model().body_shape(name).map(str::to_owned);
            (http.method.clone(), http.request_uri.clone(), shape)
        })
        .collect()
}

/// A tiny deterministic generator fed by proptest's seed.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn string(&mut self) -> String {
        const WORDS: [&str; 14] = [
            "",
            "x",
            "ALL",
            "NONE",
            "SMS",
            "IMMEDIATE",
            "22:00",
            "+12065550100",
            "a@b.co",
            "s3://b/k",
            "arn:aws:iam::0:role/r",
            "2026-11-26T09:00:00Z",
            "ü🙂\u{0}",
            "\"quoted\"",
        ];
        WORDS[self.below(WORDS.len() as u64) as usize].to_owned()
    }
    fn scalar(&mut self) -> Value {
        match self.below(6) {
            0 => Value::Null,
            1 => json!(self.chance(50)),
            2 => json!(self.next() as i64),
            3 => json!((self.next() % 1000) as f64 / 7.0),
            4 => json!([self.string()]),
            _ => json!(self.string()),
        }
    }

    /// A value for `shape`: mostly the right JSON type, sometimes anything.
    fn for_shape(&mut self, shape_name: &str, depth: u32) -> Value {
        if depth > 6 || self.chance(8) {
            return self.scalar();
        }
        let Some(shape) = model().shapes.get(shape_name) else { return self.scalar() };
        match shape.kind.as_str() {
            "structure" => {
                let mut map = Map::new();
                for (name, member) in &shape.members {
                    if member.location.is_some()
                        || !(shape.required.contains(name) || self.chance(40))
                    {
                        continue;
                    }
                    let wire = member.location_name.clone().unwrap_or_else(|| name.clone());
                    map.insert(wire, self.for_shape(&member.shape, depth + 1));
                }
                Value::Object(map)
            }
            "list" => {
                let n = self.below(4);
                let member = shape.member.as_ref().map(|m| m.shape.clone()).unwrap_or_default();
                Value::Array((0..n).map(|_| self.for_shape(&member, depth + 1)).collect())
            }
            "map" => {
                let n = self.below(4);
                let value = shape.value.as_ref().map(|m| m.shape.clone()).unwrap_or_default();
                Value::Object(
                    (0..n).map(|i| (format!("k{i}"), self.for_shape(&value, depth + 1))).collect(),
                )
            }
            "string" => match &shape.values {
                Some(values) if self.chance(85) => {
                    json!(values[self.below(values.len() as u64) as usize])
                }
                _ => json!(self.string()),
            },
            "integer" | "long" => json!(self.below(250) as i64 - 20),
            "double" => json!((self.below(4000) as f64 - 2000.0) / 10.0),
            "boolean" => json!(self.chance(50)),
            _ => json!(self.string()),
        }
    }
}

fn path_value(rng: &mut Gen, fixture: &Fixture, param: &str) -> String {
    let known = fixture.known.iter().find(|(p, _)| *p == param).map(|(_, v)| v.clone());
    match (param, rng.below(10), known) {
        ("{application-id}", 0..=7, _) => fixture.app_id.clone(),
        (_, 0..=6, Some(id)) => id,
        _ => weird_value(rng),
    }
}

fn weird_value(rng: &mut Gen) -> String {
    match rng.below(5) {
        0 => "%F0%9F%99%82".to_owned(),
        1 => "..%2F..".to_owned(),
        2 => "0".to_owned(),
        3 => "a".repeat(300),
        _ => "x".to_owned(),
    }
}

/// Arbitrary bytes as a path segment: safe ASCII as it is, everything else percent-escaped
/// (so the segment may decode to invalid UTF-8), with stray and invalid escapes mixed in.
fn escaped_bytes(raw: &[u8]) -> String {
    let mut out = String::new();
    for (i, byte) in raw.iter().enumerate() {
        match (i % 7, byte) {
            (3, _) if byte % 5 == 0 => out.push_str("%zz"),
            (5, _) if byte % 5 == 0 => out.push('%'),
            (_, b) if b.is_ascii_alphanumeric() || b"-._~".contains(b) => out.push(char::from(*b)),
            (_, b) => {
                use std::fmt::Write as _;
                write!(out, "%{b:02X}").unwrap();
            }
        }
    }
    if out.is_empty() { "%ff".to_owned() } else { out }
}

/// What a request got back: status, `x-amzn-ErrorType`, body.
async fn answer(
    service: &axum::Router,
    request: Request<Body>,
) -> (axum::http::StatusCode, Option<axum::http::HeaderValue>, axum::body::Bytes) {
    let response = service.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let error_type = response.headers().get("x-amzn-ErrorType").cloned();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, error_type, body)
}

/// Paths of arbitrary bytes (invalid UTF-8 once decoded, bad escapes) at every resource
/// prefix: never a 5xx, every error typed with the JSON body.
#[test]
fn arbitrary_byte_paths_are_answered_with_typed_errors() {
    let fixture = fixture();
    let prefixes = [
        "/v1/apps/",
        "/v1/apps/APP/channels/",
        "/v1/apps/APP/channels/voice/",
        "/v1/apps/APP/attributes/",
        "/v1/apps/APP/endpoints/",
        "/v1/apps/APP/segments/",
        "/_mock/apps/",
        "/",
    ];
    // A path parameter that is not UTF-8 once decoded is axum's rejection, typed as a 400.
    let request = Request::builder().uri("/v1/apps/%ff").body(Body::empty()).unwrap();
    let (status, error_type, body) = RUNTIME.block_on(answer(&fixture.service, request));
    assert_eq!(status, 400, "{}", String::from_utf8_lossy(&body));
    assert_eq!(error_type.unwrap(), "BadRequestException");
    let mut rng = Gen(0x5eed);
    let mut cases = vec![
        "/v1/apps/%ff".to_owned(),
        "/v1/apps/%zz".to_owned(),
        "/v1/apps/%ff/channels".to_owned(),
        "/v1/apps/%c3%28/channels/voice".to_owned(),
        "/v1/apps/APP/attributes/%ff%fe".to_owned(),
        "/v1/apps/APP/endpoints/%e2%82".to_owned(),
        "/v1/apps?page-size=%ff".to_owned(),
        "/_mock/apps/APP/endpoints?filter=%ff&page-size=zz".to_owned(),
    ];
    for _ in 0..400 {
        let raw: Vec<u8> = (0..rng.below(24)).map(|_| rng.next() as u8).collect();
        let prefix = prefixes[rng.below(prefixes.len() as u64) as usize];
        cases.push(format!("{prefix}{}", escaped_bytes(&raw)));
    }
    for case in cases {
        let path = case.replace("APP", &fixture.app_id);
        for method in [Method::GET, Method::PUT, Method::DELETE] {
            let Ok(request) = Request::builder()
                .method(method.clone())
                .uri(&path)
                .header("content-type", "application/json")
                .body(Body::from("{}"))
            else {
                continue;
            };
            let (status, error_type, body) = RUNTIME.block_on(answer(&fixture.service, request));
            let text = String::from_utf8_lossy(&body);
            assert!(status.as_u16() < 500, "{method} {path}: {status} {text}");
            if !status.is_success() {
                assert!(error_type.is_some(), "{method} {path}: {status} untyped: {text}");
                let json: Value = serde_json::from_slice(&body)
                    .unwrap_or_else(|_| panic!("{method} {path}: {status} not JSON: {text}"));
                assert!(json["Message"].is_string() && json["RequestID"].is_string(), "{text}");
            }
        }
    }
}

fn build_request(
    fixture: &Fixture,
    seed: u64,
    route: usize,
    mode: u8,
    raw: &[u8],
) -> Request<Body> {
    let all = routes();
    let (method, template, shape) = &all[route % all.len()];
    let mut rng = Gen(seed | 1);
    let mut path = template.clone();
    for param in [
        "{application-id}",
        "{campaign-id}",
        "{segment-id}",
        "{endpoint-id}",
        "{job-id}",
        "{user-id}",
        "{version}",
        "{attribute-type}",
    ] {
        if path.contains(param) {
            let v = if rng.chance(10) {
                escaped_bytes(raw)
            } else {
                path_value(&mut rng, fixture, param)
            };
            path = path.replace(param, &v);
        }
    }
    if rng.chance(20) {
        path.push_str(
            ["?page-size=2", "?page-size=-1", "?token=zz", "?page-size=3&token=p1", "?%zz"]
                [rng.below(5) as usize],
        );
    }
    let method = if rng.chance(5) {
        [Method::PATCH, Method::GET, Method::DELETE, Method::POST][rng.below(4) as usize].clone()
    } else {
        Method::from_bytes(method.as_bytes()).unwrap()
    };
    let body = match (mode % 4, shape) {
        (0, _) => raw.to_vec(),
        (1, _) => serde_json::to_vec(&rng.scalar()).unwrap(),
        (_, Some(shape)) => serde_json::to_vec(&rng.for_shape(shape, 0)).unwrap(),
        (_, None) => Vec::new(),
    };
    Request::builder()
        .method(method)
        .uri(path)
        .header("content-type", "application/json")
        .body(Body::from(body))
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn no_input_makes_the_mock_fail(seed in any::<u64>(), route in 0usize..1000, mode in any::<u8>(),
                                    raw in proptest::collection::vec(any::<u8>(), 0..64)) {
        let fixture = fixture();
        let request = build_request(&fixture, seed, route, mode, &raw);
        let described = format!("{} {}", request.method(), request.uri());
        let (status, error_type, body) = RUNTIME.block_on(answer(&fixture.service, request));
        prop_assert!(status.as_u16() < 500, "{described}: {status} {}", String::from_utf8_lossy(&body));
        if !status.is_success() {
            prop_assert!(error_type.is_some(), "{described}: {status} without x-amzn-ErrorType");
            let json: Value = serde_json::from_slice(&body).unwrap();
            prop_assert!(json.get("Message").and_then(Value::as_str).is_some());
            prop_assert!(json.get("RequestID").and_then(Value::as_str).is_some());
        }
    }
}
