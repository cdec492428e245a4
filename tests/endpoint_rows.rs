//! The same endpoint rows, fed to the mock's segment import job and to the console's endpoint
//! upload, get the same verdicts with the same messages and the same row numbers; the rows
//! both accept become the same endpoints.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::sync::Arc;

use pinpoint_console::drafts::upload::Upload;
use pinpoint_console::mock::backend::{Backend, JobKind};
use pinpoint_console::mock::clock::ManualClock;
use pinpoint_console::mock::engine::Files;
use pinpoint_console::mock::wire::CreateApplicationRequest;
use serde_json::{Value, json};

const CSV: &str = "Id,ChannelType,Address,OptOut,Metrics.score,Demographic.Timezone,Location.Latitude,User.UserAttributes.plan,Attributes.interests,Notes\n\
r1,SMS,+12065550101,NONE,7,Europe/Paris,48.8,gold,hiking;news,anything\n\
r2,sms,+12065550102,,,,,,,\n\
r3,SMS,not-a-number,,,,,,,\n\
r4,EMAIL,r4@example.com,MAYBE,,,,,,\n\
r5,SMS,+12065550105,NONE,high,,,,,\n\
,SMS,+12065550106,,,,,,,\n\
r7,,+12065550107,,,,,,,\n\
r8,GCM,token-8,,,Mars/Olympus,,,,\n\
r9,EMAIL,r9@example.com,,,,123,,,\n\
r10,IN_APP,,,,,,,,\n\
r11,PUSH,token-11,,,,,,,\n\
r12,EMAIL,r12@example.com,ALL,1.5,America/New_York,-33.9,silver;gold,,\n";

const JSON_LINES: &str = r#"{"Id":"j1","ChannelType":"SMS","Address":"+12065550111","Attributes":{"tags":["a;b","c"]}}

{"Id":"j2","ChannelType":"EMAIL","Address":"j2@example.com","Metrics":{"m":"9"}}
not json at all
{"Id":"j4","ChannelType":"SMS","Address":"+12065550114","Demographic":{"Platform":"iOS"},"CohortId":"3","User":{"UserId":"u4"}}
{"Id":"j5","ChannelType":"EMAIL","Address":"j5@example.com","Attributes":{"x":"not a list"}}
["an", "array"]
{"Id":"j7","ChannelType":"VOICE","Address":"2065550117"}
"#;

const JSON_ARRAY: &str = r#"[{"Id":"a1","ChannelType":"APNS","Address":"tok","EndpointStatus":"INACTIVE"},
{"Id":"a2","ChannelType":"SMS","Address":"+12065550122","EffectiveDate":"yesterday"},
{"Id":"a3","ChannelType":"EMAIL","Address":"a3@example.com","Location":{"Country":"FR","Longitude":2.35}}]"#;

struct Verdicts {
    /// The refused rows as the job and the upload report them: "Row N: message".
    refused: Vec<String>,
    /// The accepted endpoints.
    accepted: BTreeMap<String, Value>,
}

/// The import job's verdicts: the file in the mock's bucket, a job, a tick, its failures and
/// the endpoints it stored.
fn import(name: &str, text: &str, format: &str) -> Verdicts {
    let dir = std::env::temp_dir().join(format!("pp-rows-{}", uuid::Uuid::new_v4().simple()));
    let clock = Arc::new(ManualClock::new(chrono::Utc::now()));
    let backend = Backend::new(clock, "us-east-1").with_files(Files::under(&dir));
    let request = CreateApplicationRequest {
        name: "Rows".into(),
        tags: std::collections::BTreeMap::default(),
    };
    let app = backend.create_app(request).unwrap().id;
    let bucket = backend.files().buckets.join("rows");
    std::fs::create_dir_all(&bucket).unwrap();
    std::fs::write(bucket.join(name), text).unwrap();
    let definition = json!({"Format": format, "RoleArn": "arn:aws:iam::0:role/r",
                            "S3Url": format!("s3://rows/{name}")});
    let job = backend.create_import_job(&app, &definition).unwrap();
    backend.run_due();
    let job = backend.get_job(&app, JobKind::Import, job["Id"].as_str().unwrap()).unwrap();
    assert_eq!(job["JobStatus"], "COMPLETED", "{job}");
    let refused: Vec<String> = job["Failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap().to_owned())
        .collect();
    let accepted = backend
        .endpoints(&app)
        .unwrap()
        .iter()
        .map(|e| {
            let v = e.to_value();
            (e.id().to_owned(), v)
        })
        .collect();
    let _cleanup = std::fs::remove_dir_all(dir);
    Verdicts { refused, accepted }
}

/// The upload's verdicts, with its items as JSON for comparison.
fn upload(text: &str, json: bool) -> Verdicts {
    let upload = Upload::parse(text, json).unwrap();
    let (items, problems) = upload.items();
    let refused = problems.iter().map(|p| format!("Row {}: {}", p.row, p.message)).collect();
    let accepted = items
        .iter()
        .map(|item| {
            let mut v = json!({"ChannelType": item.channel_type().map(aws_sdk_pinpoint::types::ChannelType::as_str)});
            if let Some(a) = item.address() {
                v["Address"] = json!(a);
            }
            if let Some(a) = item.attributes() {
                v["Attributes"] = json!(a);
            }
            if let Some(m) = item.metrics() {
                v["Metrics"] = json!(m);
            }
            if let Some(ua) = item.user().and_then(|u| u.user_attributes()) {
                v["UserAttributes"] = json!(ua);
            }
            (item.id().unwrap().to_owned(), v)
        })
        .collect();
    Verdicts { refused, accepted }
}

fn same_verdicts(name: &str, text: &str, format: &str) -> Verdicts {
    let job = import(name, text, format);
    let up = upload(text, format == "JSON");
    assert_eq!(job.refused, up.refused, "{name}: the same rows, refused with the same messages");
    assert_eq!(
        job.accepted.keys().collect::<Vec<_>>(),
        up.accepted.keys().collect::<Vec<_>>(),
        "{name}: the same rows accepted"
    );
    for (id, sent) in &up.accepted {
        let stored = &job.accepted[id];
        for member in ["ChannelType", "Address", "Attributes", "Metrics"] {
            assert_eq!(stored.get(member), sent.get(member), "{name} {id} {member}");
        }
        assert_eq!(
            stored.pointer("/User/UserAttributes"),
            sent.get("UserAttributes"),
            "{name} {id} user attributes"
        );
    }
    job
}

#[test]
fn a_csv_file_is_judged_alike_by_the_import_job_and_the_upload() {
    let v = same_verdicts("rows.csv", CSV, "CSV");
    let refused = v.refused.join("\n");
    for expected in [
        "Row 3: ChannelType 'sms' is not one of",
        "write it as SMS",
        "Row 4: Address 'not-a-number' is not an E.164 number",
        "Row 5: OptOut 'MAYBE' is not ALL or NONE",
        "Row 6: Metrics.score 'high' is not a number",
        "Row 7: Id is required",
        "Row 8: ChannelType is required",
        "Row 9: Demographic.Timezone 'Mars/Olympus' is not an IANA time zone",
        "Row 10: Location.Latitude '123' is not a number between -90 and 90",
    ] {
        assert!(refused.contains(expected), "missing {expected:?} in\n{refused}");
    }
    assert_eq!(v.refused.len(), 8, "{refused}");
    assert_eq!(
        v.accepted.keys().map(String::as_str).collect::<Vec<_>>(),
        ["r1", "r10", "r11", "r12"]
    );
    assert_eq!(v.accepted["r1"]["Attributes"]["interests"], json!(["hiking", "news"]));
    assert_eq!(v.accepted["r12"]["Metrics"]["score"], json!(1.5));
}

#[test]
fn json_lines_and_arrays_are_judged_alike_with_the_same_row_numbers() {
    let v = same_verdicts("rows.jsonl", JSON_LINES, "JSON");
    let refused = v.refused.join("\n");
    for expected in [
        "Row 3: Metrics.m '9' is not a number",
        "Row 4: invalid JSON",
        "Row 6: Attributes.x must be a list of text values",
        "Row 7: a row must be a JSON object",
        "Row 8: Address '2065550117' is not an E.164 number",
    ] {
        assert!(refused.contains(expected), "missing {expected:?} in\n{refused}");
    }
    assert_eq!(v.accepted.keys().map(String::as_str).collect::<Vec<_>>(), ["j1", "j4"]);
    assert_eq!(v.accepted["j1"]["Attributes"]["tags"], json!(["a;b", "c"]), "a list stays whole");

    let v = same_verdicts("rows.json", JSON_ARRAY, "JSON");
    assert_eq!(v.refused.len(), 1, "{:?}", v.refused);
    assert!(v.refused[0].starts_with("Row 2: EffectiveDate must be an ISO-8601 time"));
    assert_eq!(v.accepted.keys().map(String::as_str).collect::<Vec<_>>(), ["a1", "a3"]);
}
