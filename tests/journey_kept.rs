//! A half-built journey survives closing the console: the demo's draft journey "Win back
//! lapsed shoppers" changed in the side panel, the app closed with it unsaved; the next
//! console (same demo data dir, same drafts folder) offers the draft in the journey list,
//! Restore opens it on the canvas with the change and says it is a restored, unsaved draft
//! (the offer's line wraps on a 900-point window);
//! saved, the draft file goes, and the console after that offers nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::path::Path;
use std::time::Duration;

use common::{kept_demo_app, open_demo_project, retype, wait_for_release, wait_until};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pinpoint_console::drafts::store::DraftStore;
use pinpoint_console::mock::demo::Seed;
use pinpoint_console::ui::ConsoleApp;
use pinpoint_console::ui::journeys::{Editor, Tab};
use pinpoint_console::ui::tasks::Task;

const WAIT: Duration = Duration::from_secs(30);
const JOURNEY: &str = "Win back lapsed shoppers";
const CHANGED: &str = "Three days to come back (kept across a restart)";
const OFFER: &str = "Unsaved draft “Win back lapsed shoppers” of journey";

fn editor<'a>(harness: &'a Harness<'_, ConsoleApp>) -> &'a Editor {
    harness.state().project.journeys.editor.as_ref().expect("the editor is open")
}

/// A console on the kept demo world, at the journey list of Acme Retail (Android), with the
/// kept journey drafts read.
fn at_journeys(data: &Path, drafts: &Path) -> Harness<'static, ConsoleApp> {
    let mut harness = kept_demo_app(data, Seed::Demo, Some(drafts));
    open_demo_project(&mut harness, "Acme Retail (Android)");
    harness.get_by_label("Journeys").click();
    wait_until(&mut harness, "the journeys and their kept drafts", WAIT, |h| {
        h.state().project.journeys.rows.is_some() && !h.state().is_busy(Task::JourneyDrafts)
    });
    harness
}

fn wait_description(harness: &Harness<'_, ConsoleApp>) -> String {
    editor(harness).draft.activities["wait-3-days"].description.clone()
}

#[test]
fn a_journey_left_unsaved_is_offered_after_a_restart_restored_and_saved() {
    let dir = std::env::temp_dir().join(format!("pp-journey-kept-{}", uuid::Uuid::new_v4()));
    let (data, drafts) = (dir.join("demo"), dir.join("drafts"));

    // The demo's draft journey, changed in the side panel; then the console closes.
    let (app_id, journey_id) = {
        let mut first = at_journeys(&data, &drafts);
        first.get_by_label(&format!("Open journey {JOURNEY}")).click();
        wait_until(&mut first, "the journey", WAIT, |h| {
            h.state().project.journeys.editor.as_ref().is_some_and(|e| e.journey_id.is_some())
        });
        first.get_by_label("Activity wait-3-days").click_accesskit();
        first.run_ok();
        retype(&mut first, "Description", CHANGED);
        assert!(editor(&first).is_dirty());
        let app_id = first.state().project.journeys.app_id.clone().unwrap();
        (app_id, editor(&first).journey_id.clone().unwrap())
    };
    wait_for_release(&data);
    let store = DraftStore::new(&drafts);
    assert_eq!(
        store.keys("journey", &app_id),
        std::slice::from_ref(&journey_id),
        "kept under its id"
    );

    // The next console offers it in the list; Restore opens it on the canvas with the change.
    {
        let mut second = at_journeys(&data, &drafts);
        let offer = format!("{OFFER} {journey_id}, kept from before.");
        assert!(second.query_by_label(&offer).is_some(), "the draft is offered: {offer}");
        // On a narrow window the line wraps: its buttons stay inside.
        second.set_size(egui::vec2(900.0, 600.0));
        second.run_ok();
        for button in ["Restore draft", "Discard draft"] {
            let right = second.get_by_label(button).rect().right();
            assert!(right <= 900.0, "{button} ends at {right}, past the 900-point window");
        }
        second.set_size(egui::vec2(1200.0, 760.0));
        second.run_ok();
        second.get_by_label("Restore draft").click();
        wait_until(&mut second, "the journey with the draft on top", WAIT, |h| {
            h.state().project.journeys.editor.as_ref().is_some_and(|e| e.journey_id.is_some())
        });
        assert_eq!(editor(&second).journey_id.as_deref(), Some(journey_id.as_str()));
        assert_eq!(editor(&second).tab, Tab::Canvas);
        assert_eq!(wait_description(&second), CHANGED);
        assert!(editor(&second).is_dirty());
        assert!(second.query_by_label_contains("Restored draft: your unsaved changes").is_some());
        assert!(second.query_by_label("Fit").is_some(), "on the canvas");

        // Saved: the draft matches the service, and its file goes.
        second.get_by_label("Save journey").click();
        wait_until(&mut second, "the save", WAIT, |h| {
            !h.state().is_busy(Task::JourneySave) && !editor(h).is_dirty()
        });
        assert_eq!(wait_description(&second), CHANGED, "as the service stored it");
        assert!(second.query_by_label_contains("Restored draft").is_none(), "saved: not said");
        second.state().drafts.as_ref().unwrap().flush();
        assert!(store.keys("journey", &app_id).is_empty(), "the kept draft is gone");
    }
    wait_for_release(&data);

    // The console after that offers nothing, and the journey holds the change.
    let mut third = at_journeys(&data, &drafts);
    assert!(third.query_by_label_contains(OFFER).is_none());
    assert!(third.query_by_label("Restore draft").is_none());
    third.get_by_label(&format!("Open journey {JOURNEY}")).click();
    wait_until(&mut third, "the journey", WAIT, |h| {
        h.state().project.journeys.editor.as_ref().is_some_and(|e| e.journey_id.is_some())
    });
    assert_eq!(wait_description(&third), CHANGED);
    assert!(!editor(&third).is_dirty());
    drop(third);
    wait_for_release(&data);
    let _ = std::fs::remove_dir_all(dir);
}
