//! The durable SQLite store: a world survives a restart row for row, campaigns scheduled or
//! running across a restart deliver once, a `kill -9` loses no answered write, a foreign or
//! newer file is refused and left untouched, two processes cannot share one data dir, and
//! `export`/`import` move a world between data dirs.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::too_many_lines)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use pinpoint_console::mock::backend::{Backend, ChannelKind, OutboxFilter};
use pinpoint_console::mock::clock::ManualClock;
use pinpoint_console::mock::demo::{self, Seed};
use pinpoint_console::mock::engine::Files;
use pinpoint_console::mock::store::StoredProject;
use pinpoint_console::mock::store::sqlite::{OpenError, SqliteBacking, open_store};
use pinpoint_console::mock::wire::CreateApplicationRequest;
use serde_json::{Value, json};

fn temp_dir(what: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("pinpoint-{what}-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// A backend over the data dir's durable store, with a manual clock.
fn open(dir: &Path, clock: &Arc<ManualClock>) -> Backend {
    let opened = open_store(dir).unwrap();
    Backend::new(clock.clone(), "us-east-1")
        .with_store(Box::new(opened.store))
        .with_files(Files::under(dir))
}

/// Every row of every project, sorted, for comparing worlds.
fn rows(projects: &[StoredProject]) -> Vec<(String, String, String, u64, Option<String>)> {
    let mut all: Vec<_> = projects
        .iter()
        .flat_map(|p| {
            p.rows
                .iter()
                .map(|r| (p.app.id.clone(), r.table.clone(), r.key.clone(), r.ord, r.body.clone()))
        })
        .collect();
    all.sort();
    all
}

#[test]
fn a_whole_world_survives_a_restart_row_for_row() {
    let dir = temp_dir("durable-world");
    let clock = Arc::new(ManualClock::new(t("2026-03-02T08:00:00Z")));
    let before = {
        let backend = open(&dir, &clock);
        demo::seed(&backend, Seed::Demo).unwrap();
        let app = backend
            .create_app(CreateApplicationRequest {
                name: "Durable".into(),
                tags: std::collections::BTreeMap::default(),
            })
            .unwrap()
            .id;
        let arn = backend.get_app(&app).unwrap().arn;
        let tags = [("team".to_owned(), "growth".to_owned())].into();
        backend.change_tags(&arn, &tags, &[]).unwrap();
        backend.update_channel(&app, ChannelKind::Sms, json!({"Enabled": true})).unwrap();
        backend
            .update_channel(
                &app,
                ChannelKind::Gcm,
                json!({"Enabled": true, "ApiKey": "secret-key"}),
            )
            .unwrap();
        backend
            .update_settings(
                &app,
                serde_json::from_value(json!({"QuietTime": {"Start": "22:00", "End": "07:00"}}))
                    .unwrap(),
            )
            .unwrap();
        for i in 0..5 {
            let body = json!({"ChannelType": "SMS", "Address": format!("+120655500{i:02}"),
                              "Attributes": {"tier": ["gold"]}, "User": {"UserId": format!("u{i}")}});
            backend.update_endpoint(&app, &format!("e{i}"), &body, "r").unwrap();
        }
        backend.delete_endpoint(&app, "e4").unwrap();
        let segment = backend
            .create_segment(&app, json!({"Name": "Gold", "Dimensions": {"Attributes": {"tier": {"Values": ["gold"]}}}}))
            .unwrap();
        let segment_id = segment["Id"].as_str().unwrap().to_owned();
        backend.update_segment(&app, &segment_id, json!({"Name": "Gold v2"})).unwrap();
        let campaign = backend
            .create_campaign(
                &app,
                json!({"Name": "Hello", "SegmentId": segment_id,
                "MessageConfiguration": {"SMSMessage": {"Body": "Hi {{User.UserId}}"}},
                "Schedule": {"StartTime": "IMMEDIATE"}}),
            )
            .unwrap();
        let campaign_id = campaign["Id"].as_str().unwrap().to_owned();
        backend.run_due();
        backend.update_campaign(&app, &campaign_id, json!({"Name": "Hello again"})).unwrap();
        backend
            .put_events(
                &app,
                &json!({"BatchItem": {"e1": {"Endpoint": {}, "Events": {"ev1": {
                "EventType": "_session.start", "Timestamp": "2026-03-02T08:00:00Z"}}}}}),
                "r",
            )
            .unwrap();
        backend
            .put_event_stream(
                &app,
                &json!({"DestinationStreamArn": "arn:aws:kinesis:us-east-1:000000000000:stream/s",
                "RoleArn": "arn:aws:iam::000000000000:role/r"}),
            )
            .unwrap();
        backend
            .send_messages(
                &app,
                &json!({"Addresses": {"+12065550199": {"ChannelType": "SMS"}},
                "MessageConfiguration": {"SMSMessage": {"Body": "direct"}}}),
                "req-1",
            )
            .unwrap();
        backend
            .create_export_job(&app, &json!({"S3UrlPrefix": "s3://bucket/out/", "RoleArn": "arn:aws:iam::000000000000:role/r"}))
            .unwrap();
        backend.run_due();
        let outbox =
            backend.outbox(&OutboxFilter { app_id: Some(app.clone()), ..OutboxFilter::default() });
        assert_eq!(outbox.len(), 5, "four campaign messages and one direct: {outbox:?}");
        backend.snapshot().unwrap().projects
    };
    let backend = open(&dir, &clock);
    let after = backend.snapshot().unwrap().projects;
    assert_eq!(
        before.iter().map(|p| &p.app).collect::<Vec<_>>(),
        after.iter().map(|p| &p.app).collect::<Vec<_>>(),
        "projects in order"
    );
    assert_eq!(rows(&before), rows(&after), "every row of every project");
    let app = after.last().unwrap().app.id.clone();
    assert_eq!(backend.get_app(&app).unwrap().tags["team"], "growth", "tags are kept");
    // What the API answers after the restart, including what it must not echo.
    let channel = backend.get_channel(&app, ChannelKind::Gcm).unwrap();
    assert_eq!(channel["Enabled"], json!(true));
    assert!(
        !channel.to_string().contains("secret-key"),
        "credentials are kept but never sent back"
    );
    assert!(backend.get_endpoint(&app, "e4").is_err(), "a deleted endpoint stays deleted");
    let filter = OutboxFilter { app_id: Some(app), ..OutboxFilter::default() };
    let outbox = backend.outbox(&filter);
    assert_eq!(outbox.len(), 5);
    assert!(outbox.iter().any(|e| e.body == "Hi u1"));
    // Nothing runs twice after the restart.
    backend.run_due();
    assert_eq!(backend.outbox(&filter).len(), 5);
}

fn sms_project(backend: &Backend, endpoints: &[(&str, &str)]) -> String {
    let app = backend
        .create_app(CreateApplicationRequest {
            name: "Runs".into(),
            tags: std::collections::BTreeMap::default(),
        })
        .unwrap()
        .id;
    backend.update_channel(&app, ChannelKind::Sms, json!({"Enabled": true})).unwrap();
    for (i, (id, zone)) in endpoints.iter().enumerate() {
        let body = json!({"ChannelType": "SMS", "Address": format!("+12065551{i:03}"),
                          "Demographic": {"Timezone": zone}});
        backend.update_endpoint(&app, id, &body, "r").unwrap();
    }
    app
}

fn all_segment(backend: &Backend, app: &str) -> String {
    backend.create_segment(app, json!({"Name": "All", "Dimensions": {}})).unwrap()["Id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn a_campaign_scheduled_before_a_restart_runs_after_it_once() {
    let dir = temp_dir("durable-scheduled");
    let clock = Arc::new(ManualClock::new(t("2026-03-02T08:00:00Z")));
    let app = {
        let backend = open(&dir, &clock);
        let app = sms_project(&backend, &[("a", "UTC"), ("b", "UTC"), ("c", "UTC")]);
        let segment = all_segment(&backend, &app);
        backend
            .create_campaign(
                &app,
                json!({"Name": "Later", "SegmentId": segment,
                "MessageConfiguration": {"SMSMessage": {"Body": "later"}},
                "Schedule": {"StartTime": "2026-03-02T10:00:00Z"}}),
            )
            .unwrap();
        backend.run_due();
        assert!(backend.outbox(&OutboxFilter::default()).is_empty(), "not yet");
        app
    };
    clock.set(t("2026-03-02T10:00:05Z"));
    let backend = open(&dir, &clock);
    backend.run_due();
    backend.run_due();
    assert_eq!(backend.outbox(&OutboxFilter::default()).len(), 3);
    drop(backend);
    let backend = open(&dir, &clock);
    backend.run_due();
    let outbox = backend.outbox(&OutboxFilter { app_id: Some(app), ..OutboxFilter::default() });
    let mut recipients: Vec<_> = outbox.iter().map(|e| e.endpoint_id.clone().unwrap()).collect();
    recipients.sort();
    assert_eq!(recipients, ["a", "b", "c"], "each endpoint once across two restarts");
}

#[test]
fn a_run_open_across_a_restart_finishes_without_sending_twice() {
    // A local-time run delivers each zone at its own hour: stop the mock after the first
    // zones and before the last.
    let dir = temp_dir("durable-open-run");
    let clock = Arc::new(ManualClock::new(t("2026-03-02T00:00:00Z")));
    {
        let backend = open(&dir, &clock);
        let app = sms_project(
            &backend,
            &[("tokyo", "Asia/Tokyo"), ("paris", "Europe/Paris"), ("la", "America/Los_Angeles")],
        );
        let segment = all_segment(&backend, &app);
        backend
            .create_campaign(&app, json!({"Name": "Nine", "SegmentId": segment,
                "MessageConfiguration": {"SMSMessage": {"Body": "nine"}},
                "Schedule": {"StartTime": "2026-03-02T09:00:00Z", "IsLocalTime": true, "Timezone": "UTC"}}))
            .unwrap();
        // 09:00 in Tokyo is 00:00 UTC; 09:00 in Paris 08:00 UTC; in Los Angeles 17:00 UTC.
        clock.set(t("2026-03-02T07:30:00Z"));
        backend.run_due();
        let sent: Vec<_> = backend
            .outbox(&OutboxFilter::default())
            .into_iter()
            .map(|e| e.endpoint_id.unwrap())
            .collect();
        assert_eq!(sent, ["tokyo"], "only Tokyo's hour has come");
    }
    clock.set(t("2026-03-02T18:00:00Z"));
    let backend = open(&dir, &clock);
    backend.run_due();
    backend.run_due();
    let mut sent: Vec<_> = backend
        .outbox(&OutboxFilter::default())
        .into_iter()
        .map(|e| e.endpoint_id.unwrap())
        .collect();
    sent.sort();
    assert_eq!(sent, ["la", "paris", "tokyo"], "the rest after the restart, Tokyo not again");
}

#[test]
fn an_import_interrupted_by_a_stop_starts_over_and_completes() {
    let dir = temp_dir("durable-import-resume");
    let clock = Arc::new(ManualClock::new(t("2026-03-02T08:00:00Z")));
    let bucket = dir.join("buckets").join("in");
    std::fs::create_dir_all(&bucket).unwrap();
    std::fs::write(
        bucket.join("people.csv"),
        "Id,ChannelType,Address\np1,SMS,+12065550101\np2,SMS,+12065550102\n",
    )
    .unwrap();
    let (app, job) = {
        let backend = open(&dir, &clock);
        let app = sms_project(&backend, &[]);
        let job = backend
            .create_import_job(
                &app,
                &json!({"S3Url": "s3://in/people.csv", "Format": "CSV",
                "RoleArn": "arn:aws:iam::000000000000:role/r"}),
            )
            .unwrap();
        (app, job["Id"].as_str().unwrap().to_owned())
    };
    // The process stopped after claiming the job: it is stored PROCESSING.
    {
        let db = rusqlite::Connection::open(dir.join("pinpoint-mock.sqlite3")).unwrap();
        let body: String = db
            .query_row(
                "SELECT body FROM project_rows WHERE tbl = 'import-job' AND key = ?1",
                [&job],
                |r| r.get(0),
            )
            .unwrap();
        let mut stored: Value = serde_json::from_str(&body).unwrap();
        stored["JobStatus"] = json!("PROCESSING");
        db.execute(
            "UPDATE project_rows SET body = ?1 WHERE tbl = 'import-job' AND key = ?2",
            rusqlite::params![stored.to_string(), job],
        )
        .unwrap();
    }
    let backend = open(&dir, &clock);
    assert_eq!(backend.resume_interrupted_jobs().unwrap(), 1);
    backend.run_due();
    let done =
        backend.get_job(&app, pinpoint_console::mock::backend::JobKind::Import, &job).unwrap();
    assert_eq!(done["JobStatus"], "COMPLETED", "{done}");
    assert!(backend.get_endpoint(&app, "p2").is_ok());
}

#[test]
fn foreign_newer_and_locked_files_are_refused_and_left_untouched() {
    // Not SQLite at all.
    let dir = temp_dir("durable-foreign");
    let file = dir.join("pinpoint-mock.sqlite3");
    std::fs::write(&file, b"my tax return, not a database").unwrap();
    let error = SqliteBacking::open(&dir).unwrap_err();
    assert!(matches!(error, OpenError::Foreign { .. }), "{error}");
    assert!(error.to_string().contains("pinpoint-mock.sqlite3"), "names the file: {error}");
    assert_eq!(std::fs::read(&file).unwrap(), b"my tax return, not a database");

    // Another application's SQLite database.
    let dir = temp_dir("durable-other-app");
    let file = dir.join("pinpoint-mock.sqlite3");
    {
        let other = rusqlite::Connection::open(&file).unwrap();
        other
            .execute_batch("CREATE TABLE invoices (id INTEGER); INSERT INTO invoices VALUES (7);")
            .unwrap();
    }
    let bytes = std::fs::read(&file).unwrap();
    let error = SqliteBacking::open(&dir).unwrap_err();
    assert!(matches!(error, OpenError::Foreign { .. }), "{error}");
    assert_eq!(std::fs::read(&file).unwrap(), bytes, "not a byte changed");

    // A newer pinpoint-mock's file.
    let dir = temp_dir("durable-newer");
    drop(SqliteBacking::open(&dir).unwrap());
    let file = dir.join("pinpoint-mock.sqlite3");
    {
        let newer = rusqlite::Connection::open(&file).unwrap();
        newer.pragma_update(None, "user_version", 99).unwrap();
        newer.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let bytes = std::fs::read(&file).unwrap();
    let error = SqliteBacking::open(&dir).unwrap_err();
    assert!(matches!(error, OpenError::Newer { found: 99, .. }), "{error}");
    assert_eq!(std::fs::read(&file).unwrap(), bytes);

    // Held by another store.
    let dir = temp_dir("durable-locked");
    let first = SqliteBacking::open(&dir).unwrap();
    let error = SqliteBacking::open(&dir).unwrap_err();
    assert!(matches!(error, OpenError::Locked { .. }), "{error}");
    assert!(error.to_string().contains("in use"), "{error}");
    drop(first);
    SqliteBacking::open(&dir).expect("free again once the first one closed");
}

#[test]
fn a_corrupt_database_is_refused_by_name_and_left_untouched() {
    let dir = temp_dir("durable-corrupt");
    let clock = Arc::new(ManualClock::new(t("2026-03-02T08:00:00Z")));
    {
        let backend = open(&dir, &clock);
        demo::seed(&backend, Seed::Demo).unwrap();
    }
    let file = dir.join("pinpoint-mock.sqlite3");
    let mut bytes = std::fs::read(&file).unwrap();
    assert!(bytes.len() > 64 * 1024, "a database of many pages: {}", bytes.len());
    // Scribble over pages past the header, as a bad disk or a stray write would.
    for byte in &mut bytes[8192..40960] {
        *byte = 0xA5;
    }
    std::fs::write(&file, &bytes).unwrap();
    let error = open_store(&dir).unwrap_err();
    assert!(error.to_string().contains("pinpoint-mock.sqlite3"), "names the file: {error}");
    assert_eq!(std::fs::read(&file).unwrap(), bytes, "not a byte changed");
}

#[cfg(unix)]
#[test]
fn the_database_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("durable-mode");
    let _backing = SqliteBacking::open(&dir).unwrap();
    let mode = std::fs::metadata(dir.join("pinpoint-mock.sqlite3")).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");
}

// ---- The real binary ----

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn mock_binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_pinpoint-mock"))
}

struct Running {
    child: Child,
    url: String,
}

fn start(dir: &Path) -> Running {
    let port = free_port();
    let child = mock_binary()
        .args(["--data-dir", dir.to_str().unwrap(), "--port", &port.to_string(), "--seed", "empty"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let url = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "pinpoint-mock did not start");
        std::thread::sleep(Duration::from_millis(20));
    }
    Running { child, url }
}

fn client(url: &str) -> aws_sdk_pinpoint::Client {
    let config = aws_sdk_pinpoint::Config::builder()
        .behavior_version(aws_sdk_pinpoint::config::BehaviorVersion::latest())
        .region(aws_sdk_pinpoint::config::Region::new("us-east-1"))
        .credentials_provider(aws_sdk_pinpoint::config::Credentials::new(
            "k", "s", None, None, "test",
        ))
        .endpoint_url(url)
        .retry_config(aws_sdk_pinpoint::config::retry::RetryConfig::disabled())
        .timeout_config(
            aws_sdk_pinpoint::config::timeout::TimeoutConfig::builder()
                .operation_timeout(Duration::from_secs(5))
                .build(),
        )
        .build();
    aws_sdk_pinpoint::Client::from_conf(config)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_answered_write_is_lost_to_kill_9() {
    use aws_sdk_pinpoint::types::{ChannelType, EndpointRequest, EndpointUser};
    let dir = temp_dir("durable-crash");
    let mut running = start(&dir);
    let app = client(&running.url)
        .create_app()
        .create_application_request(
            aws_sdk_pinpoint::types::CreateApplicationRequest::builder().name("Crash").build(),
        )
        .send()
        .await
        .unwrap()
        .application_response
        .unwrap()
        .id
        .unwrap();
    let mut acknowledged: Vec<String> = Vec::new();
    for round in 0..3u32 {
        let sdk = client(&running.url);
        let writers: Vec<_> = (0..4)
            .map(|w| {
                let sdk = sdk.clone();
                let app = app.clone();
                tokio::spawn(async move {
                    let mut done = Vec::new();
                    for i in 0.. {
                        let id = format!("r{round}-w{w}-{i}");
                        let request = EndpointRequest::builder()
                            .channel_type(ChannelType::Sms)
                            .address(format!("+1206{i:07}"))
                            .attributes("written-as", vec![id.clone()])
                            .user(EndpointUser::builder().user_id(format!("user-{id}")).build())
                            .build();
                        let sent = sdk
                            .update_endpoint()
                            .application_id(&app)
                            .endpoint_id(&id)
                            .endpoint_request(request)
                            .send()
                            .await;
                        if sent.is_err() {
                            break;
                        }
                        done.push(id);
                    }
                    done
                })
            })
            .collect();
        // Kill at a moment that differs per round, while writes are in flight.
        tokio::time::sleep(Duration::from_millis(300 + u64::from(round) * 170)).await;
        running.child.kill().unwrap(); // SIGKILL
        running.child.wait().unwrap();
        for writer in writers {
            acknowledged.extend(writer.await.unwrap());
        }
        running = start(&dir);
        let sdk = client(&running.url);
        for id in &acknowledged {
            let endpoint = sdk
                .get_endpoint()
                .application_id(&app)
                .endpoint_id(id)
                .send()
                .await
                .unwrap_or_else(|e| {
                    panic!("{id} was answered 2xx before the kill but is gone: {e:?}")
                })
                .endpoint_response
                .unwrap();
            // Whole, not half-written.
            assert_eq!(endpoint.attributes().unwrap()["written-as"], vec![id.clone()]);
            assert_eq!(endpoint.user().unwrap().user_id(), Some(format!("user-{id}").as_str()));
        }
    }
    assert!(acknowledged.len() > 30, "the writers got going: {}", acknowledged.len());
    running.child.kill().unwrap();
    running.child.wait().unwrap();
}

#[test]
fn a_second_mock_on_the_same_data_dir_is_refused_with_a_message() {
    let dir = temp_dir("durable-two");
    let mut first = start(&dir);
    let output = mock_binary()
        .args(["--data-dir", dir.to_str().unwrap(), "--port", &free_port().to_string()])
        .output()
        .unwrap();
    first.child.kill().unwrap();
    first.child.wait().unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("in use by another pinpoint-mock"), "{stderr}");
}

#[test]
fn export_and_import_move_a_world_between_data_dirs() {
    let from = temp_dir("durable-export");
    let clock = Arc::new(ManualClock::new(t("2026-03-02T08:00:00Z")));
    let before = {
        let backend = open(&from, &clock);
        demo::seed(&backend, Seed::Demo).unwrap();
        backend.snapshot().unwrap().projects
    };
    let exported =
        mock_binary().args(["export", "--data-dir", from.to_str().unwrap()]).output().unwrap();
    assert!(exported.status.success(), "{}", String::from_utf8_lossy(&exported.stderr));
    let state: Value = serde_json::from_slice(&exported.stdout).unwrap();
    assert_eq!(state["Format"], "pinpoint-mock-state");
    let file = from.join("state.json");
    std::fs::write(&file, &exported.stdout).unwrap();

    let to = temp_dir("durable-import");
    let import = |extra: &[&str]| {
        let mut args =
            vec!["import", "--data-dir", to.to_str().unwrap(), "--file", file.to_str().unwrap()];
        args.extend_from_slice(extra);
        mock_binary().args(&args).output().unwrap()
    };
    let imported = import(&[]);
    assert!(imported.status.success(), "{}", String::from_utf8_lossy(&imported.stderr));
    let again = import(&[]);
    assert!(!again.status.success(), "a store holding projects is not overwritten unasked");
    assert!(String::from_utf8_lossy(&again.stderr).contains("--replace"));
    assert!(import(&["--replace"]).status.success());

    let after = open(&to, &clock).snapshot().unwrap().projects;
    assert_eq!(rows(&before), rows(&after));
}

#[test]
fn import_refuses_a_store_holding_only_templates_and_recommenders_unless_replace() {
    use pinpoint_console::pinpoint::TemplateKind;
    let to = temp_dir("durable-import-account");
    let clock = Arc::new(ManualClock::new(t("2026-03-02T08:00:00Z")));
    {
        let backend = open(&to, &clock);
        let body = json!({"Body": "Your code is {{Code}}"});
        backend.create_template(TemplateKind::Sms, "kept", &body, "r1").unwrap();
        backend
            .create_recommender(&json!({
                "RecommendationProviderUri": "arn:aws:personalize:us-east-1:0:campaign/c",
                "RecommendationProviderRoleArn": "arn:aws:iam::0:role/r",
                "RecommendationsDisplayName": "Picks",
            }))
            .unwrap();
        assert_eq!(backend.app_count(), 0, "the store holds no project, only the account's data");
    }
    let file = to.join("empty-state.json");
    std::fs::write(&file, r#"{"Format": "pinpoint-mock-state", "Version": 1, "Projects": []}"#)
        .unwrap();
    let import = |extra: &[&str]| {
        let mut args =
            vec!["import", "--data-dir", to.to_str().unwrap(), "--file", file.to_str().unwrap()];
        args.extend_from_slice(extra);
        mock_binary().args(&args).output().unwrap()
    };
    let refused = import(&[]);
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success(), "templates are not overwritten unasked: {stderr}");
    assert!(stderr.contains("1 template and 1 recommender configuration"), "{stderr}");
    assert!(stderr.contains("--replace"), "{stderr}");
    let kept = open(&to, &clock);
    assert!(kept.get_template(TemplateKind::Sms, "kept", None).is_ok(), "left as it was");
    drop(kept);

    let replaced = import(&["--replace"]);
    assert!(replaced.status.success(), "{}", String::from_utf8_lossy(&replaced.stderr));
    let after = open(&to, &clock);
    assert!(after.get_template(TemplateKind::Sms, "kept", None).is_err(), "replaced by the file's");
    assert!(after.snapshot().unwrap().account.is_empty());
}

#[test]
fn templates_and_recommenders_survive_a_restart_and_move_with_export_and_import() {
    use pinpoint_console::pinpoint::TemplateKind;
    let dir = temp_dir("durable-account");
    let clock = Arc::new(ManualClock::new(t("2026-03-02T08:00:00Z")));
    let recommender = {
        let backend = open(&dir, &clock);
        let email = json!({"Subject": "Hi {{Name}}", "TextPart": "v1", "tags": {"team": "growth"}});
        backend.create_template(TemplateKind::Email, "welcome", &email, "r1").unwrap();
        backend
            .update_template(
                TemplateKind::Email,
                "welcome",
                None,
                true,
                &json!({"TextPart": "v2"}),
                "r2",
            )
            .unwrap();
        backend.create_template(TemplateKind::Sms, "gone", &json!({"Body": "x"}), "r3").unwrap();
        backend.delete_template(TemplateKind::Sms, "gone", None, "r4").unwrap();
        let created = backend
            .create_recommender(&json!({
                "RecommendationProviderUri": "arn:aws:personalize:us-east-1:0:campaign/c",
                "RecommendationProviderRoleArn": "arn:aws:iam::0:role/r",
                "RecommendationsDisplayName": "Picks",
            }))
            .unwrap();
        created["Id"].as_str().unwrap().to_owned()
    };
    let backend = open(&dir, &clock);
    let active = backend.get_template(TemplateKind::Email, "welcome", None).unwrap();
    assert_eq!((active["Version"].as_str(), active["TextPart"].as_str()), (Some("1"), Some("v1")));
    assert_eq!(active["tags"]["team"], "growth");
    let v2 = backend.get_template(TemplateKind::Email, "welcome", Some("2")).unwrap();
    assert_eq!(v2["TextPart"], "v2");
    assert!(backend.get_template(TemplateKind::Sms, "gone", None).is_err(), "a deletion is kept");
    assert_eq!(backend.get_recommender(&recommender).unwrap()["Id"], recommender.as_str());
    // The account is stored beside the projects but is none of them.
    assert_eq!(backend.app_count(), 0);
    assert!(backend.get_app("account").is_err());
    let before = backend.snapshot().unwrap().account;
    assert!(!before.is_empty());
    drop(backend);

    let exported =
        mock_binary().args(["export", "--data-dir", dir.to_str().unwrap()]).output().unwrap();
    assert!(exported.status.success(), "{}", String::from_utf8_lossy(&exported.stderr));
    let state: Value = serde_json::from_slice(&exported.stdout).unwrap();
    assert!(state["Account"]["Rows"].as_array().is_some_and(|rows| rows.len() == 2), "{state}");
    let file = dir.join("state.json");
    std::fs::write(&file, &exported.stdout).unwrap();
    let to = temp_dir("durable-account-import");
    let imported = mock_binary()
        .args(["import", "--data-dir", to.to_str().unwrap(), "--file", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(imported.status.success(), "{}", String::from_utf8_lossy(&imported.stderr));
    let moved = open(&to, &clock);
    let mut after = moved.snapshot().unwrap().account;
    let mut before = before;
    after.sort_by(|a, b| (&a.table, &a.key).cmp(&(&b.table, &b.key)));
    before.sort_by(|a, b| (&a.table, &a.key).cmp(&(&b.table, &b.key)));
    assert_eq!(
        before.iter().map(|r| (&r.table, &r.key, &r.body)).collect::<Vec<_>>(),
        after.iter().map(|r| (&r.table, &r.key, &r.body)).collect::<Vec<_>>()
    );
    assert_eq!(
        moved.get_template(TemplateKind::Email, "welcome", Some("2")).unwrap()["TextPart"],
        "v2"
    );
}

#[test]
fn removed_attributes_and_the_voice_channel_survive_a_restart() {
    let dir = temp_dir("durable-attributes");
    let clock = Arc::new(ManualClock::new(t("2026-03-02T08:00:00Z")));
    let app = {
        let backend = open(&dir, &clock);
        let app = sms_project(&backend, &[("e1", "UTC"), ("e2", "UTC")]);
        backend.update_channel(&app, ChannelKind::Voice, json!({"Enabled": true})).unwrap();
        let planned =
            json!({"ChannelType": "SMS", "Attributes": {"plan": ["gold"], "keep": ["k"]}});
        backend.update_endpoint(&app, "e1", &planned, "r").unwrap();
        let removed = backend
            .remove_attributes(&app, "endpoint-custom-attributes", &json!({"Blacklist": ["pl*"]}))
            .unwrap();
        assert_eq!(removed["Attributes"], json!(["plan"]));
        app
    };
    let backend = open(&dir, &clock);
    let e1 = backend.get_endpoint(&app, "e1").unwrap();
    assert_eq!(e1["Attributes"], json!({"keep": ["k"]}), "{e1}");
    assert_eq!(backend.get_channel(&app, ChannelKind::Voice).unwrap()["Enabled"], true);
    drop(backend);
    let _cleanup = std::fs::remove_dir_all(&dir);
}
