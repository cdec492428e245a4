//! Every operation of `assets/operations.tsv` (the 69 of the seed) has a handler: a
//! well-formed request never gets the unknown-route 404 or a 405. The README's list of
//! supported operations is generated from the same file (`UPDATE_README=1` rewrites it).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use http_body_util::BodyExt;
use pinpoint_console::mock::backend::Backend;
use pinpoint_console::mock::demo::{self, Seed};
use pinpoint_console::mock::router;
use tower::ServiceExt;

const OPERATIONS: &str = include_str!("../assets/operations.tsv");
const README: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");

struct Operation<'a> {
    name: &'a str,
    method: &'a str,
    path: &'a str,
    status: &'a str,
    output: &'a str,
}

fn operations() -> Vec<Operation<'static>> {
    OPERATIONS
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            Operation {
                name: cols[0],
                method: cols[1],
                path: cols[2],
                status: cols[3],
                output: cols[4],
            }
        })
        .collect()
}

fn fill(path: &str, app: &str) -> String {
    path.replace("{application-id}", app)
        .replace("{campaign-id}", "c1")
        .replace("{segment-id}", "s1")
        .replace("{endpoint-id}", "e1")
        .replace("{job-id}", "j1")
        .replace("{user-id}", "u1")
        .replace("{version}", "1")
}

#[tokio::test]
async fn every_listed_operation_has_a_handler() {
    let ops = operations();
    assert_eq!(ops.len(), 69, "the seed lists 69 operations");
    let backend = Arc::new(Backend::default());
    demo::seed(&backend, Seed::Demo).unwrap();
    let app_id = backend
        .list_apps(pinpoint_console::mock::store::PageRequest::parse(None, None).unwrap())
        .item[0]
        .id
        .clone();
    let service = router(backend);
    for op in &ops {
        let method = Method::from_bytes(op.method.as_bytes()).unwrap();
        let body =
            if matches!(op.method, "PUT" | "POST") { Body::from("{}") } else { Body::empty() };
        let request = Request::builder()
            .method(method)
            .uri(fill(op.path, &app_id))
            .header("content-type", "application/json")
            .body(body)
            .unwrap();
        let response = service.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let error_type = response.headers().get("x-amzn-ErrorType").cloned();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let text = String::from_utf8_lossy(&bytes);
        assert_ne!(status, StatusCode::METHOD_NOT_ALLOWED, "{}: {text}", op.name);
        assert!(!text.contains("No such resource"), "{} has no handler: {text}", op.name);
        assert!(status.as_u16() < 500, "{}: {status} {text}", op.name);
        if !status.is_success() {
            assert!(error_type.is_some(), "{}: error without x-amzn-ErrorType", op.name);
        }
    }
}

/// The README section listing the operations, generated from `assets/operations.tsv`.
fn readme_table() -> String {
    let mut table = String::from(
        "<!-- operations:start (generated from assets/operations.tsv by tests/operation_coverage.rs) -->\n\
         | operation | method | path | success | response |\n| --- | --- | --- | --- | --- |\n",
    );
    for op in operations() {
        let row = format!(
            "| {} | {} | `{}` | {} | {} |\n",
            op.name, op.method, op.path, op.status, op.output
        );
        table.push_str(&row);
    }
    table.push_str("<!-- operations:end -->");
    table
}

#[test]
fn the_readme_lists_every_operation() {
    let readme = std::fs::read_to_string(README).unwrap();
    let start = readme.find("<!-- operations:start").expect("README has an operations section");
    let end = readme.find("<!-- operations:end -->").unwrap() + "<!-- operations:end -->".len();
    let table = readme_table();
    if std::env::var_os("UPDATE_README").is_some() {
        std::fs::write(README, format!("{}{}{}", &readme[..start], table, &readme[end..])).unwrap();
        return;
    }
    assert_eq!(
        &readme[start..end],
        table,
        "README is stale: run UPDATE_README=1 cargo test --test operation_coverage"
    );
}
