//! Whole-app flow of the Audience section in demo mode: look up an endpoint, edit its
//! attributes and opt-out, save, and read the change back from the service; send a test event;
//! configure the event stream; find and delete a user's endpoints.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::time::Duration;

use common::{demo_app, open_demo_project, type_into, wait_until};
use egui_kittest::kittest::Queryable;
use pinpoint_console::ui::audience::Tab;

const WAIT: Duration = Duration::from_secs(20);
const SAVED: &str = "Saved and read back from the service.";

#[test]
fn edit_an_endpoint_and_read_it_back_then_events_and_users() {
    let mut harness = demo_app([1200.0, 1100.0], None);
    open_demo_project(&mut harness, "Acme Retail (iOS)");
    harness.get_by_label("Audience").click();
    harness.run_ok();

    type_into(&mut harness, "Endpoint id", "ep-0-002");
    harness.get_by_label("Look up").click();
    wait_until(&mut harness, "the endpoint", WAIT, |h| h.state().project.audience.draft.is_some());
    let draft = harness.state().project.audience.draft.clone().unwrap();
    assert_eq!(draft.address, "+12065550002");
    assert!(draft.attributes.contains("interests="));

    // A bad metric is refused inline; the rest is kept.
    type_into(&mut harness, "Metrics", "\nscore=high");
    harness.get_by_label("Save endpoint").click();
    harness.run_ok();
    assert!(harness.query_by_label("'score=high' is not name=number").is_some());
    let draft = harness.state_mut().project.audience.draft.as_mut().unwrap();
    draft.metrics = draft.metrics.replace("\nscore=high", "\nscore=9");
    harness.run_ok();
    assert!(
        harness.query_by_label("'score=high' is not name=number").is_none(),
        "the message goes once the value is fixed, before saving again"
    );
    type_into(&mut harness, "Attributes", "\nloyalty=gold;vip");
    harness.get_by_label("ALL (opted out)").click();
    harness.run_ok();
    harness.get_by_label("Save endpoint").click();
    wait_until(&mut harness, "the save", WAIT, |h| {
        h.state().project.audience.note(Tab::Endpoint) == Some(SAVED)
    });
    assert!(harness.query_by_label(SAVED).is_some());
    let back = harness.state().project.audience.draft.clone().unwrap();
    assert!(back.attributes.contains("loyalty=gold;vip"), "{}", back.attributes);
    assert!(back.metrics.contains("score=9"), "{}", back.metrics);
    assert_eq!(back.opt_out, "ALL");

    // The note belongs to the endpoint form: not under Events or Upload.
    for other in ["Events", "Upload", "User"] {
        harness.get_by_label(other).click();
        harness.run_ok();
        assert!(harness.query_by_label(SAVED).is_none(), "{SAVED:?} shown under {other}");
    }
    // Back on the form, it holds until the form is edited.
    harness.get_by_label("Endpoint").click();
    harness.run_ok();
    assert!(harness.query_by_label(SAVED).is_some());
    type_into(&mut harness, "User id", "-edited");
    assert!(harness.query_by_label(SAVED).is_none(), "edited since: no longer saved");

    // A test event, accepted for the endpoint and the event.
    harness.get_by_label("Events").click();
    wait_until(&mut harness, "the event stream state", WAIT, |h| {
        h.state().project.audience.stream_loaded.is_some()
    });
    type_into(&mut harness, "Event endpoint id", "ep-0-002");
    type_into(&mut harness, "Event type", "purchase");
    type_into(&mut harness, "Event attributes", "sku=BOOT-42");
    harness.get_by_label("Send event").click();
    wait_until(&mut harness, "the event results", WAIT, |h| {
        !h.state().project.audience.event_results.is_empty()
    });
    assert!(harness.state().project.audience.event_results.iter().all(|(_, code, _)| *code == 202));

    // The event stream: a bad ARN is a 400 with the service's message; a good one saves.
    type_into(&mut harness, "Destination ARN", "arn:aws:s3:::not-a-stream");
    type_into(&mut harness, "Role ARN", "arn:aws:iam::000000000000:role/events");
    harness.get_by_label("Save stream").click();
    wait_until(&mut harness, "the refusal", WAIT, |h| {
        h.state().project.audience.error(Tab::Events).is_some()
    });
    assert_eq!(
        harness.state().project.audience.error(Tab::Events).unwrap().kind,
        "BadRequestException"
    );
    // In plain words, the error type behind Details.
    let plain = "The service refused the request:";
    assert!(harness.query_by_label_contains(plain).is_some());
    harness.get_by_label("User").click();
    harness.run_ok();
    assert!(harness.query_by_label_contains(plain).is_none(), "not under User");
    harness.get_by_label("Events").click();
    harness.run_ok();
    harness.state_mut().project.audience.stream[0] =
        "arn:aws:kinesis:us-east-1:000000000000:stream/events".into();
    harness.get_by_label("Save stream").click();
    wait_until(&mut harness, "the stream", WAIT, |h| {
        matches!(h.state().project.audience.stream_loaded, Some(Some(_)))
    });
    assert_eq!(harness.state().project.audience.note(Tab::Events), Some("Saved the event stream."));
    assert!(harness.state().project.audience.error(Tab::Events).is_none());

    // A user's endpoints, then all deleted.
    harness.get_by_label("User").click();
    harness.run_ok();
    type_into(&mut harness, "User id", "user-0-001");
    harness.get_by_label("Find endpoints").click();
    wait_until(&mut harness, "the user's endpoints", WAIT, |h| {
        h.state().project.audience.user_endpoints.is_some()
    });
    assert_eq!(harness.state().project.audience.user_endpoints.as_ref().unwrap().len(), 2);
    harness.get_by_label("Delete all endpoints of this user…").click();
    harness.run_ok();
    harness.get_by_label("Delete all of user-0-001").click();
    wait_until(&mut harness, "the delete", WAIT, |h| {
        h.state().project.audience.note(Tab::User).is_some_and(|n| n.starts_with("Deleted the 2"))
    });
    harness.get_by_label("Find endpoints").click();
    wait_until(&mut harness, "the 404", WAIT, |h| {
        h.state().project.audience.error(Tab::User).is_some_and(|e| e.kind == "NotFoundException")
    });

    // Upload a CSV with one bad row: the report names it, the good rows are stored.
    let file = std::env::temp_dir().join(format!("pinpoint-upload-{}.csv", std::process::id()));
    std::fs::write(
        &file,
        "Id,ChannelType,Address,Demographic.Platform,Attributes.interests,User.UserId\n\
         up-1,SMS,+12065559001,iOS,hiking;news,uploader-1\n\
         up-2,SMS,not-a-number,iOS,,uploader-2\n\
         up-3,EMAIL,up3@example.com,Android,music,uploader-3\n",
    )
    .unwrap();
    harness.get_by_label("Upload").click();
    harness.run_ok();
    type_into(&mut harness, "Upload file", file.to_str().unwrap());
    harness.get_by_label("Load file").click();
    wait_until(&mut harness, "the file", WAIT, |h| h.state().project.audience.upload.is_some());
    harness.get_by_label("Check and upload").click();
    wait_until(&mut harness, "the upload", WAIT, |h| {
        h.state().project.audience.note(Tab::Upload).is_some_and(|n| n.starts_with("Uploaded"))
    });
    assert_eq!(
        harness.state().project.audience.note(Tab::Upload),
        Some("Uploaded 2 endpoints; 1 rows had problems")
    );
    assert!(
        harness
            .query_by_label_contains("Row 3: Address 'not-a-number' is not an E.164 number")
            .is_some()
    );
    let _cleanup = std::fs::remove_file(&file);
    harness.get_by_label("Endpoint").click();
    harness.run_ok();
    harness.state_mut().project.audience.lookup = "up-3".into();
    harness.get_by_label("Look up").click();
    wait_until(&mut harness, "the uploaded endpoint", WAIT, |h| {
        h.state().project.audience.draft.as_ref().is_some_and(|d| d.id == "up-3")
    });
    assert_eq!(harness.state().project.audience.draft.as_ref().unwrap().address, "up3@example.com");

    // Every endpoint (the mock's listing): 120 in the demo project, less the user's 2, plus 2.
    harness.get_by_label("All endpoints").click();
    wait_until(&mut harness, "all endpoints", WAIT, |h| h.state().project.audience.all.is_some());
    assert_eq!(harness.state().project.audience.all.as_ref().unwrap().len(), 120);
    type_into(&mut harness, "Filter endpoints", "ep-0-01");
    assert!(harness.query_by_label_contains("10 of 120 endpoints").is_some());
    harness.get_by_label("Message these 10 endpoints").click();
    harness.run_ok();
    let recipients = harness.state().project.messaging.draft.recipients.clone();
    assert_eq!(recipients.lines().count(), 10);
    assert!(recipients.lines().all(|l| l.starts_with("ep-0-01")));
    assert!(harness.query_by_label("Send").is_some(), "the composer is open");
}
