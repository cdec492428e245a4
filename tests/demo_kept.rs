//! Demo mode keeps its world in the user's data folder: a project created in one session is
//! there in the next; a second console at the same time runs in memory and says so; "Reset
//! demo data" and "Load from file" replace the world only after a confirmation; a file that
//! is not a state file is refused in the dialog and loses nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::path::Path;
use std::time::Duration;

use common::{wait_for_release, wait_until};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pinpoint_console::mock::demo::Seed;
use pinpoint_console::ui::ConsoleApp;
use pinpoint_console::ui::app::demo_data::Replace;

const WAIT: Duration = Duration::from_secs(30);

fn kept_app(dir: &Path, seed: Seed) -> Harness<'static, ConsoleApp> {
    common::kept_demo_app(dir, seed, None)
}

fn has_button(harness: &Harness<'_, ConsoleApp>, label: &str) -> bool {
    harness.query_by_role_and_label(Role::Button, label).is_some()
}

fn create_project(harness: &mut Harness<'_, ConsoleApp>, name: &str) {
    harness.get_by_label("+ New project").click();
    harness.run_ok();
    harness.get_by_role_and_label(Role::TextInput, "Project name").focus();
    harness.run_ok();
    harness.get_by_role_and_label(Role::TextInput, "Project name").type_text(name);
    harness.run_ok();
    harness.get_by_role_and_label(Role::Button, "Create").click();
    wait_until(harness, "the new project", WAIT, |h| has_button(h, name));
}

fn open_menu(harness: &mut Harness<'_, ConsoleApp>) {
    harness.get_by_role_and_label(Role::Button, "Demo data").click();
    harness.run_ok();
}

#[test]
fn what_is_built_in_demo_mode_is_there_the_next_day() {
    let dir =
        std::env::temp_dir().join(format!("pinpoint-demo-kept-{}", uuid::Uuid::new_v4().simple()));
    {
        let mut first = kept_app(&dir, Seed::Demo);
        wait_until(&mut first, "the demo projects", WAIT, |h| has_button(h, "Acme Retail (iOS)"));
        let kept = first.state().connection.info.clone().unwrap().demo.unwrap();
        assert!(kept.kept_in.as_ref().unwrap().starts_with(&dir), "{kept:?}");
        assert!(kept.notice.is_none());
        create_project(&mut first, "Built yesterday");

        // A second console at the same time: the demo runs in memory, and it says so.
        let mut second = kept_app(&dir, Seed::Demo);
        wait_until(&mut second, "the second console's projects", WAIT, |h| {
            has_button(h, "Acme Retail (iOS)")
        });
        assert!(!has_button(&second, "Built yesterday"), "its own world, in memory");
        assert!(second.query_by_label("Demo data not kept").is_some());
        let notice = second.state().connection.info.clone().unwrap().demo.unwrap();
        assert!(notice.notice.unwrap().contains("Another Pinpoint Console"));
        assert!(notice.detail.unwrap().contains("in use"));
    }
    // The next day.
    wait_for_release(&dir);
    let mut next = kept_app(&dir, Seed::Demo);
    wait_until(&mut next, "yesterday's project", WAIT, |h| has_button(h, "Built yesterday"));
    assert!(next.query_by_label("Demo data not kept").is_none());

    // Save the world to a file, through the same request the menu's save sends.
    let file = dir.join("saved.json");
    next.state_mut().handle(pinpoint_console::ui::action::Action::Demo(
        pinpoint_console::ui::action::DemoAction::Run(pinpoint_console::api::DemoRequest::Save(
            file.clone(),
        )),
    ));
    // The file is written before the answer comes back; the menu stays disabled until then.
    wait_until(&mut next, "the saved file", WAIT, |h| {
        file.exists() && !h.state().is_busy(pinpoint_console::ui::tasks::Task::DemoData)
    });

    // Reset asks first; Cancel keeps everything.
    open_menu(&mut next);
    next.get_by_role_and_label(Role::Button, "Reset demo data…").click();
    next.run_ok();
    assert!(next.query_by_label("Reset demo data?").is_some());
    next.get_by_role_and_label(Role::Button, "Cancel").click();
    next.run_ok();
    assert!(has_button(&next, "Built yesterday"));
    open_menu(&mut next);
    next.get_by_role_and_label(Role::Button, "Reset demo data…").click();
    next.run_ok();
    next.get_by_role_and_label(Role::Button, "Reset demo data").click();
    wait_until(&mut next, "the reset", WAIT, |h| {
        !has_button(h, "Built yesterday") && has_button(h, "Acme Retail (iOS)")
    });
    assert!(next.query_by_label("Reset demo data?").is_none(), "the dialog closed");

    // A file that is not a state file: refused in the dialog, the world untouched.
    let wrong = dir.join("wrong.json");
    std::fs::write(&wrong, "{\"hello\": 1}").unwrap();
    next.state_mut().demo_data.confirm = Some(Replace::Load(wrong));
    next.run_ok();
    next.get_by_role_and_label(Role::Button, "Replace demo data").click();
    wait_until(&mut next, "the refusal", WAIT, |h| {
        h.query_by_label_contains("not a pinpoint-mock state file").is_some()
    });
    assert!(has_button(&next, "Acme Retail (iOS)"));
    next.get_by_role_and_label(Role::Button, "Cancel").click();
    next.run_ok();

    // Loading the saved file brings yesterday's project back (after the confirmation,
    // which the file dialog leads to).
    next.state_mut().demo_data.confirm = Some(Replace::Load(file));
    next.run_ok();
    assert!(next.query_by_label("Replace demo data?").is_some());
    next.get_by_role_and_label(Role::Button, "Replace demo data").click();
    wait_until(&mut next, "the loaded world", WAIT, |h| has_button(h, "Built yesterday"));
}

#[test]
fn empty_demo_starts_over() {
    let dir =
        std::env::temp_dir().join(format!("pinpoint-demo-empty-{}", uuid::Uuid::new_v4().simple()));
    {
        let mut first = kept_app(&dir, Seed::Demo);
        wait_until(&mut first, "the demo projects", WAIT, |h| has_button(h, "Acme Retail (iOS)"));
    }
    wait_for_release(&dir);
    {
        let mut empty = kept_app(&dir, Seed::Empty);
        wait_until(&mut empty, "the list", WAIT, |h| h.state().projects.loaded);
        assert!(empty.state().connection.info.clone().unwrap().demo.unwrap().notice.is_none());
        assert!(empty.state().projects.apps.is_empty(), "started over");
        create_project(&mut empty, "Fresh start");
    }
    // Without the flag, the emptied world is the one kept: not seeded again.
    wait_for_release(&dir);
    let mut after = kept_app(&dir, Seed::Demo);
    wait_until(&mut after, "the kept project", WAIT, |h| has_button(h, "Fresh start"));
    assert!(!has_button(&after, "Acme Retail (iOS)"));
}
