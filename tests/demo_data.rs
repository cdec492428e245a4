#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The demo data set in `assets/` is exactly what the generator makes, and it loads.
//! `UPDATE_DEMO_DATA=1 cargo test --test demo_data` rewrites the file.

use pinpoint_console::mock::backend::Backend;
use pinpoint_console::mock::demo;
use pinpoint_console::mock::store::PageRequest;

const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo-data.json");

#[test]
fn assets_match_the_generator() {
    let generated = serde_json::to_string(&demo::generate()).unwrap() + "\n";
    if std::env::var_os("UPDATE_DEMO_DATA").is_some() {
        std::fs::write(PATH, &generated).unwrap();
    }
    let stored = std::fs::read_to_string(PATH).unwrap();
    assert_eq!(stored, generated, "assets/demo-data.json is stale: run with UPDATE_DEMO_DATA=1");
}

#[test]
fn the_demo_data_set_loads_with_settings() {
    let backend = Backend::default();
    let count = demo::load(&backend, demo::DEMO_DATA).unwrap();
    assert!(count >= 6, "a realistic data set has several projects, got {count}");
    let page = backend.list_apps(PageRequest::parse(Some("100"), None).unwrap());
    assert_eq!(page.item.len(), count);
    let with_limits =
        page.item.iter().filter(|a| backend.get_settings(&a.id).unwrap().limits.is_some()).count();
    assert!(with_limits >= 4, "most demo projects set default limits");
}

#[test]
fn demo_segments_and_campaigns_keep_their_ids_from_run_to_run() {
    let ids = || {
        let backend = Backend::default();
        demo::load(&backend, demo::DEMO_DATA).unwrap();
        let app = "66ec19e740e6c3b50e474b0acdf17e77";
        let page = || PageRequest::parse(Some("100"), None).unwrap();
        let mut ids = Vec::new();
        for list in [
            backend.list_segments(app, page()).unwrap(),
            backend.list_campaigns(app, page()).unwrap(),
        ] {
            for item in list["Item"].as_array().unwrap() {
                ids.push(item["Id"].as_str().unwrap().to_owned());
            }
        }
        ids
    };
    let first = ids();
    assert_eq!(first.len(), 4, "two segments and two campaigns: {first:?}");
    assert!(first.iter().all(|id| id.len() == 32 && id.chars().all(|c| c.is_ascii_hexdigit())));
    assert_eq!(first, ids());
}
