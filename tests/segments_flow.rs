//! Whole-app flow of the Segments section in demo mode: build a two-group segment with
//! three kinds of criteria while the mock's estimate follows, save version 1, edit to
//! version 2 and diff them, then import a CSV of endpoints through a typed path and watch the
//! job complete with its counts.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::time::Duration;

use common::{demo_app, open_demo_project, type_into, wait_until};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pinpoint_console::ui::ConsoleApp;

const WAIT: Duration = Duration::from_secs(20);

fn pick(harness: &mut Harness<'_, ConsoleApp>, combo: &str, option: &str) {
    harness.get_by_label(combo).click();
    harness.run_ok();
    harness.get_by_role_and_label(Role::Button, option).click();
    harness.run_ok();
}

/// The estimate's `Matching` once the estimate answers for the definition now in the builder.
fn settled_estimate(harness: &mut Harness<'_, ConsoleApp>, what: &str) -> u64 {
    let mut matching = 0;
    wait_until(harness, what, WAIT, |h| {
        let app = h.state();
        let Some(editor) = &app.project.segments.editor else { return false };
        let current = editor.draft.to_json();
        let settled = editor.estimate.sent() == Some(&current)
            && !app.is_busy(pinpoint_console::ui::tasks::Task::Estimate);
        if let Some(result) = &editor.estimate.result
            && settled
        {
            matching = result["Matching"].as_u64().unwrap();
            return true;
        }
        false
    });
    matching
}

#[test]
fn build_save_version_and_import() {
    let drafts = std::env::temp_dir().join(format!("pp-segment-drafts-{}", uuid::Uuid::new_v4()));
    let mut harness = demo_app([1400.0, 1600.0], Some(&drafts));
    open_demo_project(&mut harness, "Acme Retail (iOS)");
    harness.get_by_label("Segments").click();
    wait_until(&mut harness, "the segments", WAIT, |h| {
        h.state().project.segments.segments.is_some()
    });
    assert!(harness.query_by_label("Active hikers in the US").is_some());
    // On the mock, each segment's size is estimated for the list.
    wait_until(&mut harness, "the sizes", WAIT, |h| h.state().project.segments.sizes.is_some());
    assert_eq!(harness.query_all_by_label_contains("(estimate)").count(), 2);

    harness.get_by_label("+ New segment").click();
    harness.run_ok();
    type_into(&mut harness, "Segment name", "Kittest mobile hikers");
    // Group 1: Platform is one of iOS (demographic), picked from the values the project holds.
    wait_until(&mut harness, "the values seen", WAIT, |h| {
        h.query_by_label("G1S1C1 suggestions").is_some()
    });
    harness.get_by_label("G1S1C1 suggestions").click();
    harness.run_ok();
    harness.get_by_role_and_label(Role::Button, "iOS").click();
    harness.run_ok();
    assert_eq!(harness.get_by_label("G1S1C1 values").value().as_deref(), Some("iOS"));
    assert!(harness.query_by_label("Platform is one of iOS").is_some());
    let ios = settled_estimate(&mut harness, "the estimate of group 1");
    assert!(ios > 0 && ios < 120, "{ios}");

    // Group 2: ANY of (attribute interests contains hik) or (active in the last 24 hours).
    harness.get_by_label("+ Add group").click();
    harness.run_ok();
    pick(&mut harness, "Group 2 matches", "ANY");
    pick(&mut harness, "G2S1C1 kind", "Attribute");
    type_into(&mut harness, "G2S1C1 name", "interests");
    pick(&mut harness, "G2S1C1 operator", "contains");
    type_into(&mut harness, "G2S1C1 values", "hik");
    assert!(harness.query_by_label("attribute interests contains hik").is_some());
    harness.get_by_label("+ Dimension set in group 2").click();
    harness.run_ok();
    pick(&mut harness, "G2S2C1 kind", "Activity");
    pick(&mut harness, "G2S2C1 period", "the last 24 hours");
    assert!(harness.query_by_label("active in the last 24 hours").is_some());
    let narrowed = settled_estimate(&mut harness, "the estimate of both groups");
    assert!(narrowed < ios, "both groups {narrowed}, group 1 alone {ios}");
    assert!(harness.query_by_label(&format!("{narrowed} of 120 endpoints match")).is_some());
    assert!(harness.query_by_label_contains("narrows it most").is_some());

    // Save: version 1.
    harness.get_by_label("Create segment").click();
    wait_until(&mut harness, "version 1", WAIT, |h| {
        let e = h.state().project.segments.editor.as_ref().unwrap();
        assert!(e.save_error.is_none(), "{:?}", e.save_error);
        assert!(e.errors.is_empty(), "{:?}", e.errors);
        e.version == Some(1)
    });
    let saved = harness.state().project.segments.editor.as_ref().unwrap().draft.clone();
    assert_eq!(saved.groups.len(), 2);
    assert_eq!(saved.groups[1].kind, "ANY");
    assert_eq!(saved.groups[1].sets.len(), 2);

    // Edit: version 2.
    harness.get_by_label("G1S1C1 values").focus();
    harness.run_ok();
    harness.get_by_label("G1S1C1 values").type_text(", Android");
    harness.run_ok();
    harness.get_by_label("Save segment").click();
    wait_until(&mut harness, "version 2", WAIT, |h| {
        h.state().project.segments.editor.as_ref().is_some_and(|e| e.version == Some(2))
    });
    harness.get_by_label("Versions").click();
    wait_until(&mut harness, "both versions", WAIT, |h| {
        h.state().project.segments.editor.as_ref().is_some_and(|e| e.versions.len() == 2)
    });
    harness.run_ok();
    assert!(
        harness
            .query_by_label("SegmentGroups.Groups[0].Dimensions[0].Demographic.Platform.Values")
            .is_some()
    );
    assert!(harness.query_by_label(r#"["iOS","Android"]"#).is_some());

    // Import a CSV through a typed path: three good rows, one bad.
    let csv = drafts.with_extension("csv");
    std::fs::write(
        &csv,
        "Id,ChannelType,Address,Demographic.Platform,User.UserId\n\
         kt-1,EMAIL,kt1@example.com,iOS,kt-user-1\n\
         kt-2,SMS,+12065550199,Android,kt-user-2\n\
         kt-3,EMAIL,kt3@example.com,iOS,kt-user-3\n\
         kt-4,FAX,nowhere,iOS,kt-user-4\n",
    )
    .unwrap();
    harness.get_by_label("Import & export").click();
    harness.run_ok();
    type_into(&mut harness, "File to import", &csv.display().to_string());
    type_into(&mut harness, "New segment name", "Kittest import");
    harness.get_by_label("Start import").click();
    wait_until(&mut harness, "the import to finish", WAIT, |h| {
        let s = &h.state().project.segments;
        assert!(s.jobs_form.import_error.is_none(), "{:?}", s.jobs_form.import_error);
        s.jobs.iter().any(|j| j.import && j.finished())
    });
    let job = harness.state().project.segments.jobs.iter().find(|j| j.import).unwrap().clone();
    assert_eq!(job.status, "COMPLETED", "{job:?}");
    // The service counts every row it read as processed, the bad one included.
    assert_eq!((job.processed, job.failures), (4, 1), "{job:?}");
    assert!(job.url.starts_with("s3://pinpoint-console-uploads/"), "{}", job.url);
    assert!(harness.query_by_label("COMPLETED").is_some());
    assert!(harness.query_by_label_contains("Row 5: ChannelType").is_some());
    // The import defined a segment, listed once the job finished.
    wait_until(&mut harness, "the imported segment in the list", WAIT, |h| {
        h.state().project.segments.choices().iter().any(|c| c.name == "Kittest import")
    });
    harness.get_by_label("Segment list").click();
    harness.run_ok();
    harness.get_by_label("< All segments").click();
    wait_until(&mut harness, "the list", WAIT, |h| h.query_by_label("Kittest import").is_some());

    // Delete the built segment, after the confirmation that names it.
    harness.get_by_label("Kittest mobile hikers").click();
    harness.run_ok();
    harness.get_by_label("Delete segment…").click();
    harness.run_ok();
    harness.get_by_label("Delete “Kittest mobile hikers”").click();
    wait_until(&mut harness, "the segment gone", WAIT, |h| {
        let s = &h.state().project.segments;
        s.editor.is_none()
            && s.segments
                .as_ref()
                .is_some_and(|l| l.iter().all(|seg| seg.name() != Some("Kittest mobile hikers")))
    });
    assert!(harness.query_by_label("Kittest mobile hikers").is_none());
    let _ = std::fs::remove_file(csv);
    let _ = std::fs::remove_dir_all(drafts);
}
