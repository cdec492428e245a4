//! Every served operation (`assets/operations.tsv`: the 69 of the seed, templates and
//! recommenders) answers a valid
//! request with its documented success status: the test creates the resources each request
//! names (project, channels, endpoints, segment, campaign, jobs, event stream), calls every
//! operation once with a well-formed body and real ids, and checks the status against the
//! service model's `responseCode`. The README's list of supported operations is generated
//! from the same list and the model (`UPDATE_README=1` rewrites it).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Method, Request};
use http_body_util::BodyExt;
use pinpoint_console::mock::backend::Backend;
use pinpoint_console::mock::model::{model, served_operations};
use pinpoint_console::mock::router;
use serde_json::{Value, json};
use tower::ServiceExt;

const README: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");

/// One operation's binding, from the service model.
struct Operation {
    name: &'static str,
    method: String,
    path: String,
    status: u16,
    output: String,
}

fn operations() -> Vec<Operation> {
    served_operations()
        .map(|name| {
            let http = &model().operations[name].http;
            Operation {
                name,
                method: http.method.clone(),
                path: http.request_uri.clone(),
                status: http.response_code.unwrap_or(200),
                output: model().response_shape(name).unwrap_or_default().to_owned(),
            }
        })
        .collect()
}

/// Ids of the resources created so far, filled into path templates.
#[derive(Default)]
struct Ids {
    app: String,
    campaign: String,
    segment: String,
    export_job: String,
    import_job: String,
    /// The ARN the tag operations name.
    arn: String,
    recommender: String,
    journey: String,
    run: String,
}

struct Run {
    service: axum::Router,
    ids: Ids,
    called: Vec<&'static str>,
    /// The query string of the next call.
    query: String,
}

impl Run {
    /// Calls `name` with `body` (and `endpoint`/`user` for their path ids), asserts the
    /// model's success status, and answers the body.
    async fn call(&mut self, name: &'static str, body: Option<Value>) -> Value {
        self.call_with(name, body, "e1", "u1").await
    }

    /// Calls `name` with a query string.
    async fn call_query(&mut self, name: &'static str, body: Option<Value>, query: &str) -> Value {
        query.clone_into(&mut self.query);
        let answer = self.call(name, body).await;
        self.query.clear();
        answer
    }

    async fn call_with(
        &mut self,
        name: &'static str,
        body: Option<Value>,
        endpoint: &str,
        user: &str,
    ) -> Value {
        let op = operations().into_iter().find(|o| o.name == name).expect(name);
        let uri = op
            .path
            .replace("{application-id}", &self.ids.app)
            .replace("{campaign-id}", &self.ids.campaign)
            .replace("{segment-id}", &self.ids.segment)
            .replace(
                "{job-id}",
                if name.contains("Export") { &self.ids.export_job } else { &self.ids.import_job },
            )
            .replace("{endpoint-id}", endpoint)
            .replace("{user-id}", user)
            .replace("{journey-id}", &self.ids.journey)
            .replace("{run-id}", &self.ids.run)
            .replace("{journey-activity-id}", "welcome")
            .replace("{version}", "1")
            .replace("{template-name}", TEMPLATE)
            .replace("{template-type}", "EMAIL")
            .replace("{recommender-id}", &self.ids.recommender)
            .replace("{attribute-type}", "endpoint-custom-attributes")
            .replace(
                "{kpi-name}",
                if name.contains("Journey") {
                    "journey-emails-sent"
                } else {
                    "successful-delivery-rate"
                },
            )
            .replace("{resource-arn}", &self.ids.arn.replace(':', "%3A").replace('/', "%2F"));
        let uri = if self.query.is_empty() { uri } else { format!("{uri}?{}", self.query) };
        let request = Request::builder()
            .method(Method::from_bytes(op.method.as_bytes()).unwrap())
            .uri(&uri)
            .header("content-type", "application/json")
            .body(body.map_or_else(Body::empty, |b| Body::from(b.to_string())))
            .unwrap();
        let response = self.service.clone().oneshot(request).await.unwrap();
        let status = response.status().as_u16();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let answer: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        assert_eq!(status, op.status, "{name} {} {uri}: {answer}", op.method);
        self.called.push(name);
        answer
    }
}

fn id(answer: &Value) -> String {
    answer["Id"].as_str().expect("an Id").to_owned()
}

const ROLE: &str = "arn:aws:iam::000000000000:role/pinpoint";

/// A request that passes the credential checks of each channel kind.
fn channel_request(path: &str) -> Value {
    match path {
        "adm" => json!({"ClientId": "client", "ClientSecret": "secret"}),
        "baidu" => json!({"ApiKey": "key", "SecretKey": "secret"}),
        "gcm" => json!({"ApiKey": "key"}),
        "email" => json!({"FromAddress": "news@example.com",
                          "Identity": "arn:aws:ses:us-east-1:000000000000:identity/example.com"}),
        "sms" => json!({"SenderId": "Shop", "Enabled": true}),
        _ => json!({"Certificate": "cert", "PrivateKey": "key"}),
    }
}

const CHANNELS: [(&str, &str); 9] = [
    ("adm", "Adm"),
    ("apns", "Apns"),
    ("apns_sandbox", "ApnsSandbox"),
    ("apns_voip", "ApnsVoip"),
    ("apns_voip_sandbox", "ApnsVoipSandbox"),
    ("baidu", "Baidu"),
    ("email", "Email"),
    ("gcm", "Gcm"),
    ("sms", "Sms"),
];

/// `&'static str` of an operation name built at run time (names come from the model).
fn op(name: &str) -> &'static str {
    served_operations().find(|n| *n == name).expect(name)
}

#[tokio::test]
async fn every_served_operation_answers_a_valid_request_with_its_success_status() {
    let ops = operations();
    // The seed's 69; tags 3, templates 23, recommenders 5, voice and channels 4,
    // RemoveAttributes 1, KPIs 3, one-time passwords 2, in-app 1, journeys 11: all 122 of the
    // service model.
    assert_eq!(ops.len(), 69 + 3 + 23 + 5 + 4 + 1 + 3 + 2 + 1 + 11);
    assert_eq!(ops.len(), model().operations.len(), "every operation of the model is served");
    let dir = std::env::temp_dir().join(format!("pinpoint-coverage-{}", std::process::id()));
    let backend = Backend::default().with_files(pinpoint_console::mock::engine::Files::under(&dir));
    let mut run = Run {
        service: router(Arc::new(backend)),
        ids: Ids::default(),
        called: vec![],
        query: String::new(),
    };

    let app = run.call("CreateApp", Some(json!({"Name": "Coverage"}))).await;
    run.ids.app = id(&app);
    run.call("GetApps", None).await;
    run.call("GetApp", None).await;
    let quiet = json!({"QuietTime": {"Start": "22:00", "End": "07:00"}});
    run.call("UpdateApplicationSettings", Some(quiet)).await;
    run.call("GetApplicationSettings", None).await;
    for (path, kind) in CHANNELS {
        run.call(op(&format!("Update{kind}Channel")), Some(channel_request(path))).await;
        run.call(op(&format!("Get{kind}Channel")), None).await;
    }

    let sms = |user: &str| {
        json!({"ChannelType": "SMS", "Address": "+12065550100",
               "Demographic": {"Platform": "iOS"}, "User": {"UserId": user}})
    };
    run.call("UpdateEndpoint", Some(sms("u1"))).await;
    let mut second = sms("u2");
    second["Id"] = json!("e2");
    run.call("UpdateEndpointsBatch", Some(json!({"Item": [second]}))).await;
    run.call("GetEndpoint", None).await;
    run.call("GetUserEndpoints", None).await;
    let event = json!({"EventType": "purchase", "Timestamp": "2026-01-01T00:00:00Z"});
    let events = json!({"BatchItem": {"e1": {"Endpoint": {}, "Events": {"ev1": event}}}});
    run.call("PutEvents", Some(events)).await;
    let stream = json!({"DestinationStreamArn": "arn:aws:kinesis:us-east-1:000000000000:stream/s",
                        "RoleArn": ROLE});
    run.call("PutEventStream", Some(stream)).await;
    run.call("GetEventStream", None).await;

    let ios =
        json!({"Name": "iOS", "Dimensions": {"Demographic": {"Platform": {"Values": ["iOS"]}}}});
    let segment = run.call("CreateSegment", Some(ios.clone())).await;
    run.ids.segment = id(&segment);
    run.call("GetSegments", None).await;
    run.call("GetSegment", None).await;
    run.call("UpdateSegment", Some(ios)).await;
    run.call("GetSegmentVersions", None).await;
    run.call("GetSegmentVersion", None).await;

    let campaign = json!({"Name": "Hello", "SegmentId": run.ids.segment,
                          "MessageConfiguration": {"SMSMessage": {"Body": "Hello"}},
                          "Schedule": {"StartTime": "IMMEDIATE", "Frequency": "ONCE"}});
    let created = run.call("CreateCampaign", Some(campaign.clone())).await;
    run.ids.campaign = id(&created);
    run.call("GetCampaigns", None).await;
    run.call("GetCampaign", None).await;
    run.call("UpdateCampaign", Some(campaign)).await;
    run.call("GetCampaignVersions", None).await;
    run.call("GetCampaignVersion", None).await;
    run.call("GetCampaignActivities", None).await;

    let export = json!({"RoleArn": ROLE, "S3UrlPrefix": "s3://bucket/exports",
                        "SegmentId": run.ids.segment});
    run.ids.export_job = id(&run.call("CreateExportJob", Some(export)).await);
    run.call("GetExportJobs", None).await;
    run.call("GetExportJob", None).await;
    run.call("GetSegmentExportJobs", None).await;
    let import = json!({"RoleArn": ROLE, "S3Url": "s3://bucket/endpoints.csv", "Format": "CSV",
                        "SegmentId": run.ids.segment});
    run.ids.import_job = id(&run.call("CreateImportJob", Some(import)).await);
    run.call("GetImportJobs", None).await;
    run.call("GetImportJob", None).await;
    run.call("GetSegmentImportJobs", None).await;

    let message = json!({"SMSMessage": {"Body": "Hi"}});
    let send = json!({"Addresses": {"+12065550100": {"ChannelType": "SMS"}},
                      "MessageConfiguration": message});
    run.call("SendMessages", Some(send)).await;
    let send = json!({"Users": {"u1": {}}, "MessageConfiguration": message});
    run.call("SendUsersMessages", Some(send)).await;
    run.call("PhoneNumberValidate", Some(json!({"PhoneNumber": "+12065550100"}))).await;
    templates_and_recommenders(&mut run).await;

    tags(&mut run, &created).await;
    journeys(&mut run).await;

    voice_channels_and_attributes(&mut run).await;
    kpis_otp_and_in_app(&mut run).await;

    // Deletes, each of something that exists; the campaign before the segment it uses.
    run.call("DeleteCampaign", None).await;
    run.call("DeleteSegment", None).await;
    run.call("DeleteEventStream", None).await;
    run.call("DeleteEndpoint", None).await;
    run.call_with("DeleteUserEndpoints", None, "e1", "u2").await;
    for (_, kind) in CHANNELS {
        run.call(op(&format!("Delete{kind}Channel")), None).await;
    }
    run.call("DeleteApp", None).await;
    let _cleanup = std::fs::remove_dir_all(&dir);

    let called: BTreeSet<&str> = run.called.iter().copied().collect();
    assert_eq!(called.len(), run.called.len(), "each operation is called once");
    let served: BTreeSet<&str> = served_operations().collect();
    assert_eq!(called, served, "every served operation is called");
}

/// TagResource, ListTagsForResource and UntagResource on a campaign's ARN.
async fn tags(run: &mut Run, campaign: &Value) {
    campaign["Arn"].as_str().expect("an Arn").clone_into(&mut run.ids.arn);
    run.call("TagResource", Some(json!({"tags": {"team": "growth"}}))).await;
    let listed = run.call("ListTagsForResource", None).await;
    assert_eq!(listed["tags"]["team"], "growth");
    run.call_query("UntagResource", None, "tagKeys=team").await;
}

/// The name every template of the coverage run has (names are unique per type).
const TEMPLATE: &str = "coverage";

/// The template operations (each type), ListTemplates, the versions and the active version,
/// then the recommender configurations.
async fn templates_and_recommenders(run: &mut Run) {
    let kinds: [(&str, Value); 5] = [
        (
            "Email",
            json!({"Subject": "Hi {{Name}}", "TextPart": "Hello",
                         "DefaultSubstitutions": "{\"Name\":\"you\"}"}),
        ),
        ("Sms", json!({"Body": "Hello {{Name}}"})),
        ("Push", json!({"Default": {"Title": "Hi", "Body": "Hello"}})),
        ("Voice", json!({"Body": "Hello", "LanguageCode": "en-US", "VoiceId": "Joanna"})),
        (
            "InApp",
            json!({"Layout": "BOTTOM_BANNER", "Content": [{"BodyConfig":
                         {"Alignment": "LEFT", "Body": "Hello", "TextColor": "#000000"}}]}),
        ),
    ];
    for (kind, body) in &kinds {
        run.call(op(&format!("Create{kind}Template")), Some(body.clone())).await;
        run.call(op(&format!("Get{kind}Template")), None).await;
        run.call(op(&format!("Update{kind}Template")), Some(body.clone())).await;
    }
    run.call("ListTemplates", None).await;
    run.call("ListTemplateVersions", None).await;
    run.call("UpdateTemplateActiveVersion", Some(json!({"Version": "latest"}))).await;
    for (kind, _) in &kinds {
        run.call(op(&format!("Delete{kind}Template")), None).await;
    }

    let recommender = json!({
        "RecommendationProviderUri": "arn:aws:personalize:us-east-1:000000000000:campaign/c",
        "RecommendationProviderRoleArn": ROLE,
        "RecommendationsDisplayName": "Picks",
    });
    run.ids.recommender =
        id(&run.call("CreateRecommenderConfiguration", Some(recommender.clone())).await);
    run.call("GetRecommenderConfiguration", None).await;
    run.call("GetRecommenderConfigurations", None).await;
    run.call("UpdateRecommenderConfiguration", Some(recommender)).await;
    run.call("DeleteRecommenderConfiguration", None).await;
}

/// The voice channel, GetChannels and RemoveAttributes (issue 15), on the project and
/// endpoints the main test made.
async fn voice_channels_and_attributes(run: &mut Run) {
    run.call("UpdateVoiceChannel", Some(json!({"Enabled": true}))).await;
    let voice = run.call("GetVoiceChannel", None).await;
    assert_eq!(voice["Platform"], "VOICE");
    let all = run.call("GetChannels", None).await;
    assert_eq!(all["Channels"]["VOICE"]["Enabled"], true, "{all}");
    run.call("DeleteVoiceChannel", None).await;
    let removed = run.call("RemoveAttributes", Some(json!({"Blacklist": ["plan"]}))).await;
    assert_eq!(removed["AttributeType"], "endpoint-custom-attributes");
}

/// KPIs of the project and the campaign (the journey's is called with the journeys), one-time
/// passwords and in-app messages, with the project, endpoint `e1` and campaign of the main test.
async fn kpis_otp_and_in_app(run: &mut Run) {
    let kpis = run.call("GetApplicationDateRangeKpi", None).await;
    assert!(kpis["KpiResult"]["Rows"].is_array(), "{kpis}");
    run.call("GetCampaignDateRangeKpi", None).await;
    let otp = json!({"BrandName": "Shop", "Channel": "SMS", "DestinationIdentity": "+12065550100",
                     "OriginationIdentity": "Shop", "ReferenceId": "login"});
    run.call("SendOTPMessage", Some(otp)).await;
    let verify =
        json!({"DestinationIdentity": "+12065550100", "Otp": "000", "ReferenceId": "login"});
    run.call("VerifyOTPMessage", Some(verify)).await;
    run.call("GetInAppMessages", None).await;
}

/// The eleven journey operations and the journey's KPI on an event-started journey (publishing it opens its run).
async fn journeys(run: &mut Run) {
    let journey = json!({
        "Name": "Welcome",
        "StartActivity": "welcome",
        "StartCondition": {"EventStartCondition": {"EventFilter": {"FilterType": "ENDPOINT",
            "Dimensions": {"EventType": {"DimensionType": "INCLUSIVE", "Values": ["signup"]}}}}},
        "Activities": {"welcome": {"SMS": {"TemplateName": "welcome"}}},
    });
    run.ids.journey = id(&run.call("CreateJourney", Some(journey.clone())).await);
    run.call("ListJourneys", None).await;
    run.call("GetJourney", None).await;
    run.call("UpdateJourney", Some(journey)).await;
    let state = run.call("UpdateJourneyState", Some(json!({"State": "ACTIVE"}))).await;
    assert_eq!(state["State"], "ACTIVE");
    let runs = run.call("GetJourneyRuns", None).await;
    runs["Item"][0]["RunId"].as_str().expect("a run").clone_into(&mut run.ids.run);
    run.call("GetJourneyExecutionMetrics", None).await;
    run.call("GetJourneyExecutionActivityMetrics", None).await;
    run.call("GetJourneyRunExecutionMetrics", None).await;
    run.call("GetJourneyRunExecutionActivityMetrics", None).await;
    run.call("GetJourneyDateRangeKpi", None).await;
    run.call("DeleteJourney", None).await;
}

#[test]
fn every_served_operation_is_in_the_model_with_a_response_shape() {
    for op in operations() {
        assert!(op.path.starts_with("/v1/"), "{}: {}", op.name, op.path);
        // Only a 204 answers without a body.
        assert_eq!(op.output.is_empty(), op.status == 204, "{}: response shape", op.name);
    }
}

/// The README section listing the operations, generated from `assets/operations.tsv` and
/// the service model.
fn readme_table() -> String {
    let mut table = String::from(
        "<!-- operations:start (generated from assets/operations.tsv and the service model by tests/operation_coverage.rs) -->\n\
         | operation | method | path | success | response |\n| --- | --- | --- | --- | --- |\n",
    );
    for op in operations() {
        let row = format!(
            "| {} | {} | `{}` | {} | {} |\n",
            op.name,
            op.method,
            op.path,
            op.status,
            if op.output.is_empty() { "(no body)" } else { &op.output }
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
        "README is stale: run UPDATE_README=1 cargo test --test suite operation_coverage"
    );
}
