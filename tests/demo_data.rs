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

#[test]
fn the_demo_has_templates_an_in_app_campaign_and_journeys_the_engine_runs() {
    use pinpoint_console::pinpoint::TemplateKind;
    let backend = Backend::default();
    demo::load(&backend, demo::DEMO_DATA).unwrap();
    let page = || PageRequest::parse(Some("100"), None).unwrap();

    // The account's templates: one of each type, the welcome email with version 2 active.
    let listed = backend.list_templates(None, None, Some("100"), None).unwrap();
    let mut types: Vec<&str> = listed["Item"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["TemplateType"].as_str().unwrap())
        .collect();
    types.sort_unstable();
    assert_eq!(types, ["EMAIL", "EMAIL", "INAPP", "PUSH", "SMS", "SMS", "VOICE"]);
    let welcome = backend.get_template(TemplateKind::Email, "acme-welcome", None).unwrap();
    assert_eq!(welcome["Version"], "2");
    assert!(welcome["HtmlPart"].as_str().unwrap().contains("{{User.UserAttributes.FirstName}}"));
    assert!(backend.get_template(TemplateKind::Email, "acme-welcome", Some("1")).is_ok());
    let push = backend.get_template(TemplateKind::Push, "acme-cart-reminder", None).unwrap();
    assert!(push["APNS"].is_object() && push["GCM"].is_object() && push["Default"].is_object());

    // The showcase project: a templated campaign, an in-app campaign, three journeys.
    let app = "4c00650f8451e05926b051b1277f7a70";
    assert_eq!(backend.get_app(app).unwrap().name, "Acme Retail (Android)");
    let campaigns = backend.list_campaigns(app, page()).unwrap();
    let campaigns = campaigns["Item"].as_array().unwrap();
    let named = |name: &str| campaigns.iter().find(|c| c["Name"] == name).unwrap().clone();
    let shipped = named("Order shipped email");
    assert_eq!(shipped["TemplateConfiguration"]["EmailTemplate"]["Name"], "acme-order-shipped");
    let banner = named("Holiday sale banner");
    assert_eq!(banner["Schedule"]["Frequency"], "IN_APP_EVENT");
    // A gold member opening the app gets the banner.
    let endpoints = backend.list_endpoints(app, page(), None).unwrap();
    let gold = endpoints["Item"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["User"]["UserAttributes"]["tier"][0] == "gold" && e["OptOut"] == "NONE")
        .unwrap();
    let messages = backend.get_in_app_messages(app, gold["Id"].as_str().unwrap()).unwrap();
    assert_eq!(messages["InAppMessageCampaigns"][0]["CampaignId"], banner["Id"], "{messages}");

    let journeys = backend.list_journeys(app, page()).unwrap();
    let journeys = journeys["Item"].as_array().unwrap();
    let state = |name: &str| {
        let journey = journeys.iter().find(|j| j["Name"] == name).unwrap();
        (journey["Id"].as_str().unwrap().to_owned(), journey["State"].as_str().unwrap().to_owned())
    };
    assert_eq!(state("Win back lapsed shoppers").1, "DRAFT");
    assert_eq!(state("Black Friday early access").1, "COMPLETED", "it ran at load");
    let (active, now) = state("Frequent buyer thank-you");
    assert_eq!(now, "ACTIVE", "it refreshes daily, so it stays active");
    let metrics = backend.journey_execution_metrics(app, &active).unwrap();
    let entered: u64 = metrics["Metrics"]["ENDPOINT_ENTERED"].as_str().unwrap().parse().unwrap();
    assert!(entered > 10, "the frequent buyers entered at load: {metrics}");
    let split = backend.journey_activity_metrics(app, &active, "split").unwrap();
    assert!(split["Metrics"]["Branch_0"].is_string() && split["Metrics"]["Branch_1"].is_string());
}

#[test]
fn seeding_a_store_that_keeps_the_accounts_templates_leaves_them_as_they_are() {
    use pinpoint_console::pinpoint::TemplateKind;
    let backend = Backend::default();
    let own = serde_json::json!({"Body": "Our own copy"});
    backend.create_template(TemplateKind::Sms, "acme-loyalty-thanks", &own, "r1").unwrap();
    demo::load(&backend, demo::DEMO_DATA).unwrap();
    let kept = backend.get_template(TemplateKind::Sms, "acme-loyalty-thanks", None).unwrap();
    assert_eq!(kept["Body"], "Our own copy");
    assert!(backend.get_template(TemplateKind::Email, "acme-welcome", None).is_ok());
}
