//! Whole-app flows with egui_kittest: UI → worker → aws-sdk-pinpoint → HTTP → embedded mock.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::time::Duration;

use common::wait_until;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pinpoint_console::ui::ConsoleApp;
use pinpoint_console::ui::widgets::Light;

const WAIT: Duration = Duration::from_secs(20);

fn demo_app() -> Harness<'static, ConsoleApp> {
    common::demo_app([1200.0, 760.0], None)
}

fn type_into(harness: &mut Harness<'_, ConsoleApp>, label: &str, text: &str) {
    harness.get_by_role_and_label(Role::TextInput, label).focus();
    harness.run_ok();
    harness.get_by_role_and_label(Role::TextInput, label).type_text(text);
    harness.run_ok();
}

fn field_value(harness: &Harness<'_, ConsoleApp>, label: &str) -> String {
    harness.get_by_role_and_label(Role::TextInput, label).value().unwrap_or_default()
}

fn has_button(harness: &Harness<'_, ConsoleApp>, label: &str) -> bool {
    harness.query_by_role_and_label(Role::Button, label).is_some()
}

#[test]
fn create_edit_reload_and_delete_a_project() {
    let mut harness = demo_app();
    wait_until(&mut harness, "the demo projects", WAIT, |h| has_button(h, "Acme Retail (iOS)"));
    let label = harness.state().connection.info.clone().unwrap().label;
    assert!(label.starts_with("Demo · mock at 127.0.0.1:"), "{label}");
    assert_eq!(harness.state().connection.light, Light::Online);

    // Create a project; an empty name is refused inline first.
    harness.get_by_label("+ New project").click();
    harness.run_ok();
    harness.get_by_role_and_label(Role::Button, "Create").click();
    harness.run_ok();
    assert!(harness.query_by_label("Name must not be empty").is_some());
    type_into(&mut harness, "Project name", "Kittest Project");
    harness.get_by_role_and_label(Role::Button, "Create").click();
    wait_until(&mut harness, "the new project in the list", WAIT, |h| {
        has_button(h, "Kittest Project") && h.query_by_label("Daily limit").is_some()
    });
    assert_eq!(harness.state().selected_app().unwrap().name, "Kittest Project");

    // A bad value is refused inline and kept as typed.
    type_into(&mut harness, "Total limit", "abc");
    harness.get_by_label("Save settings").click();
    harness.run_ok();
    assert!(harness.query_by_label("'abc' is not a whole number").is_some());
    assert_eq!(field_value(&harness, "Total limit"), "abc");

    // Fix it, set the daily limit and save.
    harness.get_by_role_and_label(Role::TextInput, "Total limit").focus();
    harness.run_ok();
    for _ in 0..3 {
        harness.key_press(egui::Key::Backspace);
    }
    harness.run_ok();
    assert_eq!(field_value(&harness, "Total limit"), "");
    type_into(&mut harness, "Daily limit", "7");
    harness.get_by_label("Save settings").click();
    wait_until(&mut harness, "the save", WAIT, |h| h.state().project.saved_note.is_some());
    assert!(harness.query_by_label("'abc' is not a whole number").is_none());

    // Reload: switch to another project and back; the value comes from the service.
    harness.get_by_label("Reload").click();
    wait_until(&mut harness, "the reload", WAIT, |h| {
        !h.state().is_busy(pinpoint_console::ui::tasks::Task::ListApps)
    });
    harness.get_by_role_and_label(Role::Button, "Acme Retail (iOS)").click();
    wait_until(&mut harness, "the other project's settings", WAIT, |h| {
        h.state().project.loaded.is_some()
            && h.state().selected_app().is_some_and(|a| a.name == "Acme Retail (iOS)")
    });
    assert_ne!(field_value(&harness, "Daily limit"), "7");
    harness.get_by_role_and_label(Role::Button, "Kittest Project").click();
    wait_until(&mut harness, "the settings read back", WAIT, |h| {
        h.state().project.loaded.is_some()
    });
    assert_eq!(field_value(&harness, "Daily limit"), "7");
    let stored = harness.state().project.loaded.clone().unwrap();
    assert_eq!(stored.limits().unwrap().daily(), Some(7));

    // Delete, with a confirmation that names the project.
    harness.get_by_label("Delete project…").click();
    harness.run_ok();
    assert!(harness.query_by_label("Delete project “Kittest Project”?").is_some());
    harness.get_by_label("Delete “Kittest Project”").click();
    wait_until(&mut harness, "the project gone", WAIT, |h| !has_button(h, "Kittest Project"));
    assert!(harness.state().toasts.texts().any(|t| t == "Deleted project “Kittest Project”"));
    assert!(harness.state().selected_app().is_none());
}

#[test]
fn the_project_filter_narrows_the_list() {
    let mut harness = demo_app();
    wait_until(&mut harness, "the demo projects", WAIT, |h| has_button(h, "Acme Retail (iOS)"));
    type_into(&mut harness, "Filter", "acme");
    assert!(has_button(&harness, "Acme Retail (Android)"));
    assert!(!has_button(&harness, "Northwind Bank Alerts"));
    assert!(harness.query_by_label_contains("2 of ").is_some());
}

#[test]
fn ctrl_s_saves_the_settings() {
    let mut harness = demo_app();
    common::open_demo_project(&mut harness, "Acme Retail (iOS)");
    wait_until(&mut harness, "the settings", WAIT, |h| h.state().project.loaded.is_some());
    harness.get_by_role_and_label(Role::TextInput, "Daily limit").focus();
    harness.run_ok();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_role_and_label(Role::TextInput, "Daily limit").type_text("9");
    harness.run_ok();
    assert!(harness.query_by_label("Unsaved changes").is_some());
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    wait_until(&mut harness, "the save", WAIT, |h| h.state().project.saved_note.is_some());
    let stored = harness.state().project.loaded.clone().unwrap();
    assert_eq!(stored.limits().unwrap().daily(), Some(9));
    assert!(harness.query_by_label("Unsaved changes").is_none());
}

#[test]
fn a_new_project_form_takes_the_keyboard_and_drops_a_fixed_error() {
    let mut harness = demo_app();
    wait_until(&mut harness, "the demo projects", WAIT, |h| has_button(h, "Acme Retail (iOS)"));
    harness.get_by_label("+ New project").click();
    harness.run_ok();
    assert!(harness.get_by_role_and_label(Role::TextInput, "Project name").is_focused());
    harness.get_by_role_and_label(Role::Button, "Create").click();
    harness.run_ok();
    assert!(harness.query_by_label("Name must not be empty").is_some());
    // Typing fixes it: the message goes at once, not at the next attempt.
    harness.get_by_role_and_label(Role::TextInput, "Project name").focus();
    harness.run_ok();
    harness.get_by_role_and_label(Role::TextInput, "Project name").type_text("Fixed");
    harness.run_ok();
    assert!(harness.query_by_label("Name must not be empty").is_none());
}

#[test]
fn the_project_list_folds_away_and_comes_back() {
    let mut harness = demo_app();
    wait_until(&mut harness, "the demo projects", WAIT, |h| has_button(h, "Acme Retail (iOS)"));
    harness.get_by_label("Hide projects").click();
    harness.run_ok();
    assert!(!has_button(&harness, "Acme Retail (iOS)"), "the list is folded away");
    harness.get_by_label("Show projects").click();
    harness.run_ok();
    assert!(has_button(&harness, "Acme Retail (iOS)"));
}

#[test]
fn ctrl_s_saves_a_channel_form() {
    use pinpoint_console::pinpoint::ChannelKind;
    let mut harness = demo_app();
    common::open_demo_project(&mut harness, "Sandbox: QA Playground");
    harness.get_by_label("Channels").click();
    wait_until(&mut harness, "the channel list", WAIT, |h| {
        h.state().project.channels.list.is_some()
    });
    let sms = |h: &Harness<'_, ConsoleApp>| {
        h.state().project.channels.list.as_ref().and_then(|l| {
            l.iter().find(|(k, _)| *k == ChannelKind::Sms).and_then(|(_, info)| info.clone())
        })
    };
    assert!(sms(&harness).is_none(), "the playground has no SMS channel yet");
    harness.get_by_label("SMS channel").click();
    harness.run_ok();
    type_into(&mut harness, "Sender id", "ACME");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    wait_until(&mut harness, "the SMS save", WAIT, |h| sms(h).is_some());
}
