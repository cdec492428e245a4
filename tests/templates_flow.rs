//! Whole-app flows of the Templates section in demo mode: an email template with a default
//! substitution created, saved as version 2, the two versions diffed, version 1 made active
//! again, the preview filled from typed values and from an endpoint; a refusal of the service
//! kept next to the name with what was typed; tags on a template, a project and a campaign;
//! an SMS template used by a direct message and by a launched campaign (its A/B treatment picks
//! it with the same picker), rendered in the outbox; a voice template picked in the composer
//! and duplicated from the list into a new one.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::time::Duration;

use common::{demo_app, open_demo_project, type_into, wait_until};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pinpoint_console::pinpoint::TemplateKind;
use pinpoint_console::ui::ConsoleApp;
use pinpoint_console::ui::templates::TemplateEditor;

const WAIT: Duration = Duration::from_secs(20);
const PROJECT: &str = "Trailhead Outdoor Newsletter";

fn editor<'a>(h: &'a Harness<'_, ConsoleApp>) -> &'a TemplateEditor {
    h.state().templates.editor.as_ref().expect("an editor is open")
}

fn stored_version(h: &Harness<'_, ConsoleApp>) -> Option<String> {
    h.state().templates.editor.as_ref()?.stored.as_ref().map(|s| s.meta.version.clone())
}

/// Opens the Templates section and waits for its list.
fn open_templates(harness: &mut Harness<'_, ConsoleApp>) {
    harness.get_by_label("Message templates").click();
    wait_until(harness, "the template list", WAIT, |h| h.state().templates.loaded);
}

/// Creates an email template `name` whose subject names the endpoint's first name, with a
/// default for it, and waits for version 1.
fn create_email_template(harness: &mut Harness<'_, ConsoleApp>, name: &str) {
    harness.get_by_label("+ New template").click();
    harness.run_ok();
    type_into(harness, "Template name", name);
    type_into(harness, "Description", "Welcome mail");
    type_into(harness, "Subject", "Hello {{User.UserAttributes.FirstName}}");
    type_into(
        harness,
        "HTML part",
        "<h1>Hi {{User.UserAttributes.FirstName}}</h1><p>See <a href=\"https://example.com/trail\">the trail</a></p>",
    );
    type_into(harness, "Text part", "Hi {{User.UserAttributes.FirstName}}, see the trail.");
    harness.get_by_label("+ Add substitution").click();
    harness.run_ok();
    type_into(harness, "Substitution key 1", "User.UserAttributes.FirstName");
    type_into(harness, "Substitution value 1", "friend");
    harness.get_by_label("Create template").click();
    wait_until(harness, "version 1", WAIT, |h| stored_version(h).as_deref() == Some("1"));
}

#[test]
fn an_email_template_is_versioned_diffed_made_active_and_previewed() {
    let mut harness = demo_app([1280.0, 1800.0], None);
    open_demo_project(&mut harness, PROJECT);
    open_templates(&mut harness);
    assert!(
        harness.query_by_label("Audience").is_none(),
        "the project is not shown under the section"
    );

    // A name the service refuses: the message sits by the name, and what was typed stays.
    harness.get_by_label("+ New template").click();
    harness.run_ok();
    type_into(&mut harness, "Template name", "bad name");
    type_into(&mut harness, "Text part", "kept text");
    harness.get_by_label("Create template").click();
    harness.run_ok();
    assert!(
        harness.query_by_label_contains("Invalid template name").is_some(),
        "the name is refused inline before anything is sent"
    );
    assert!(!harness.state().is_busy(pinpoint_console::ui::tasks::Task::TemplateSave));
    assert_eq!(editor(&harness).draft.as_ref().unwrap().value("TextPart"), "kept text");
    harness.get_by_label("< All templates").click();
    harness.run_ok();

    create_email_template(&mut harness, "trail_welcome");
    assert!(harness.query_by_label_contains("Created “trail_welcome” · version 1").is_some());
    assert!(
        harness.state().templates.row("trail_welcome", TemplateKind::Email).is_some(),
        "the list is read again and names the new template"
    );

    // Creating it again is refused by the service: said next to the name, the form kept.
    harness.get_by_label("< All templates").click();
    harness.run_ok();
    create_email_template_refused(&mut harness);

    // Version 2: the subject changes.
    harness.get_by_label("< All templates").click();
    harness.run_ok();
    harness.get_by_label("Open template trail_welcome").click();
    wait_until(&mut harness, "the template", WAIT, |h| stored_version(h).is_some());
    type_into(&mut harness, "Subject", " and welcome");
    harness.get_by_label("Save template").click();
    wait_until(&mut harness, "version 2", WAIT, |h| stored_version(h).as_deref() == Some("2"));
    assert!(harness.query_by_label("Saved as version 2").is_some());

    // Saved over the latest version: still two versions, the description changed in 2.
    type_into(&mut harness, "Description", ", updated");
    harness.get_by_label("as a new version").click();
    harness.run_ok();
    harness.get_by_label("Save template").click();
    wait_until(&mut harness, "version 2 overwritten", WAIT, |h| {
        let stored = editor(h).stored.as_ref().unwrap();
        stored.body["TemplateDescription"] == "Welcome mail, updated"
    });
    assert_eq!(stored_version(&harness).as_deref(), Some("2"), "no version 3");

    // The versions and their diff: the subject and the description differ.
    harness.get_by_label("Versions").click();
    wait_until(&mut harness, "the versions", WAIT, |h| editor(h).versions.len() == 2);
    assert!(harness.query_by_label("2 member(s) differ").is_some());
    assert!(harness.query_by_label("Subject").is_some(), "the diff names the member");
    assert!(
        harness.query_by_label("Hello {{User.UserAttributes.FirstName}} and welcome").is_some()
    );

    // Version 1 active again (the service had made 2 active, or kept 1: either way 1 after).
    harness.get_by_label("Make version 2 active").click();
    wait_until(&mut harness, "version 2 active", WAIT, |h| editor(h).active_version == "2");
    harness.get_by_label("Make version 1 active").click();
    wait_until(&mut harness, "version 1 active", WAIT, |h| {
        editor(h).active_version == "1"
            && h.state()
                .templates
                .row("trail_welcome", TemplateKind::Email)
                .is_some_and(|r| r.version == "1")
    });
    assert!(harness.query_by_label("Version 1 (active)").is_some());

    // The preview of the form (version 2): typed values, then the template's default.
    harness.get_by_label("Preview").click();
    harness.run_ok();
    assert!(
        harness.query_by_label("Hello friend and welcome").is_some(),
        "the default substitution fills the subject"
    );
    harness.get_by_label("+ Add value").click();
    harness.run_ok();
    type_into(&mut harness, "Value key 1", "User.UserAttributes.FirstName");
    type_into(&mut harness, "Value value 1", "Ada");
    assert!(harness.query_by_label("Hello Ada and welcome").is_some(), "a typed value wins");
    assert!(
        harness
            .query_by_label_contains("Hi Ada\n\nSee the trail (https://example.com/trail)")
            .is_some(),
        "the HTML reads as text with the link's target"
    );

    // From an endpoint of the selected project (Tim).
    harness.get_by_label("An endpoint").click();
    harness.run_ok();
    type_into(&mut harness, "Endpoint id", "ep-2-001");
    harness.get_by_label("Use endpoint").click();
    wait_until(&mut harness, "the endpoint", WAIT, |h| editor(h).endpoint.is_some());
    assert!(harness.query_by_label("Hello Tim and welcome").is_some(), "the endpoint fills it");

    // Opening version 1 shows its subject in the form.
    harness.get_by_label("Versions").click();
    harness.run_ok();
    harness.get_by_label("Open version 1").click();
    wait_until(&mut harness, "version 1 in the form", WAIT, |h| {
        stored_version(h).as_deref() == Some("1")
    });
    assert_eq!(
        editor(&harness).draft.as_ref().unwrap().value("Subject"),
        "Hello {{User.UserAttributes.FirstName}}"
    );
}

/// A second "trail_welcome" is refused by the service (it exists): the message goes next to
/// the name and the form keeps what was typed.
fn create_email_template_refused(harness: &mut Harness<'_, ConsoleApp>) {
    harness.get_by_label("+ New template").click();
    harness.run_ok();
    type_into(harness, "Template name", "trail_welcome");
    type_into(harness, "Text part", "a second one");
    harness.get_by_label("Create template").click();
    wait_until(harness, "the refusal", WAIT, |h| editor(h).save_error.is_some());
    assert!(editor(harness).stored.is_none(), "nothing was created");
    assert_eq!(editor(harness).draft.as_ref().unwrap().value("TextPart"), "a second one");
    assert!(
        harness.query_by_label_contains("already exists").is_some(),
        "the service's message is shown"
    );
}

#[test]
fn tags_are_edited_on_a_template_a_project_and_a_campaign() {
    let mut harness = demo_app([1280.0, 1800.0], None);
    open_demo_project(&mut harness, PROJECT);
    open_templates(&mut harness);
    create_email_template(&mut harness, "tagged_one");
    harness.get_by_label("Tags").click();
    wait_until(&mut harness, "the template's tags", WAIT, |h| editor(h).tags.stored.is_some());
    harness.get_by_label("+ Add tag").click();
    harness.run_ok();
    type_into(&mut harness, "Tag key 1", "aws:team");
    assert!(harness.query_by_label_contains("reserved for AWS").is_some(), "checked inline");
    harness.get_by_label("Tag key 1").focus();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.key_press(egui::Key::Backspace);
    harness.run_ok();
    type_into(&mut harness, "Tag key 1", "team");
    type_into(&mut harness, "Tag value 1", "growth");
    harness.get_by_label("Save tags").click();
    wait_until(&mut harness, "the tags saved", WAIT, |h| {
        editor(h)
            .tags
            .stored
            .as_ref()
            .is_some_and(|t| t.get("team").map(String::as_str) == Some("growth"))
    });
    assert!(harness.query_by_label("Tags saved").is_some());

    // Removed again: UntagResource.
    harness.get_by_label("Remove tag 1").click();
    harness.run_ok();
    harness.get_by_label("Save tags").click();
    wait_until(&mut harness, "the tag removed", WAIT, |h| {
        editor(h).tags.stored.as_ref().is_some_and(std::collections::BTreeMap::is_empty)
    });

    // A project's tags, in its Settings.
    harness.get_by_role_and_label(Role::Button, PROJECT).click();
    harness.run_ok();
    harness.get_by_label("Settings").click();
    wait_until(&mut harness, "the project's tags", WAIT, |h| {
        h.state().project.tags.stored.is_some()
    });
    let before = harness.state().project.tags.rows.len();
    harness.get_by_label("+ Add tag").click();
    harness.run_ok();
    let row = before + 1;
    type_into(&mut harness, &format!("Tag key {row}"), "cost-center");
    type_into(&mut harness, &format!("Tag value {row}"), "42");
    harness.get_by_label("Save tags").click();
    wait_until(&mut harness, "the project tag saved", WAIT, |h| {
        h.state()
            .selected_app()
            .is_some_and(|a| a.tags.iter().any(|(k, v)| k == "cost-center" && v == "42"))
    });

    // A campaign's tags, on its Limits tab: TagResource, read back.
    harness.get_by_role_and_label(Role::Button, "Acme Retail (iOS)").click();
    harness.run_ok();
    harness.get_by_label("Campaigns").click();
    wait_until(&mut harness, "the campaigns", WAIT, |h| {
        h.state().project.campaigns.campaigns.as_ref().is_some_and(|c| !c.is_empty())
    });
    harness.get_by_label("Welcome series").click();
    harness.run_ok();
    harness.get_by_label("Limits & hook").click();
    wait_until(&mut harness, "the campaign's tags", WAIT, |h| {
        h.state().project.campaigns.editor.as_ref().is_some_and(|e| e.tags.stored.is_some())
    });
    let row = harness.state().project.campaigns.editor.as_ref().unwrap().tags.rows.len() + 1;
    harness.get_by_label("+ Add tag").click();
    harness.run_ok();
    type_into(&mut harness, &format!("Tag key {row}"), "channel");
    type_into(&mut harness, &format!("Tag value {row}"), "sms");
    harness.get_by_label("Save tags").click();
    wait_until(&mut harness, "the campaign tag saved", WAIT, |h| {
        let e = h.state().project.campaigns.editor.as_ref().unwrap();
        e.tags.stored.as_ref().is_some_and(|t| t.get("channel").map(String::as_str) == Some("sms"))
    });
}

/// Creates a voice template.
fn create_voice_template(harness: &mut Harness<'_, ConsoleApp>, name: &str) {
    harness.get_by_label("New template type").click();
    harness.run_ok();
    harness.get_by_label("Voice").click();
    harness.run_ok();
    harness.get_by_label("+ New template").click();
    harness.run_ok();
    assert_eq!(editor(harness).draft.as_ref().unwrap().kind, TemplateKind::Voice);
    type_into(harness, "Template name", name);
    type_into(harness, "Voice script", "The trail is open until dusk");
    harness.get_by_label("Create template").click();
    wait_until(harness, "version 1", WAIT, |h| stored_version(h).as_deref() == Some("1"));
}

/// Creates an SMS template with a default for the first name.
fn create_sms_template(harness: &mut Harness<'_, ConsoleApp>, name: &str) {
    harness.get_by_label("New template type").click();
    harness.run_ok();
    // The option in the open list: the demo's own SMS templates are listed under it too.
    harness.get_by_role_and_label(Role::Button, "SMS").click();
    harness.run_ok();
    harness.get_by_label("+ New template").click();
    harness.run_ok();
    assert_eq!(editor(harness).draft.as_ref().unwrap().kind, TemplateKind::Sms);
    type_into(harness, "Template name", name);
    type_into(harness, "SMS body", "Hi {{User.UserAttributes.FirstName}}, the trail is open");
    assert!(
        harness.query_by_label_contains("characters · 1 message part(s) · GSM-7").is_some(),
        "the live count"
    );
    harness.get_by_label("+ Add substitution").click();
    harness.run_ok();
    type_into(harness, "Substitution key 1", "User.UserAttributes.FirstName");
    type_into(harness, "Substitution value 1", "hiker");
    harness.get_by_label("Create template").click();
    wait_until(harness, "version 1", WAIT, |h| stored_version(h).as_deref() == Some("1"));
}

/// Picks `option` in the combo box labelled `label`.
fn choose(harness: &mut Harness<'_, ConsoleApp>, label: &str, option: &str) {
    harness.get_by_label(label).click();
    harness.run_ok();
    harness.get_by_label(option).click();
    harness.run_ok();
}

fn outbox(harness: &mut Harness<'_, ConsoleApp>) -> Vec<pinpoint_console::pinpoint::OutboxEntry> {
    harness.get_by_label("Outbox").click();
    harness.run_ok();
    harness.state_mut().project.messaging.outbox = None;
    harness.get_by_label("Refresh outbox").click();
    wait_until(harness, "the outbox", WAIT, |h| h.state().project.messaging.outbox.is_some());
    harness.state().project.messaging.outbox.clone().unwrap()
}

#[test]
fn a_template_is_used_in_a_campaign_and_a_direct_message() {
    let mut harness = demo_app([1300.0, 1800.0], None);
    open_demo_project(&mut harness, PROJECT);
    open_templates(&mut harness);
    create_sms_template(&mut harness, "trail_sms");
    harness.get_by_label("< All templates").click();
    harness.run_ok();
    // Only this flow's templates listed (a listed type "Voice" would read like the option).
    type_into(&mut harness, "Name starts with", "trail");
    wait_until(&mut harness, "the list filtered", WAIT, |h| {
        let rows = &h.state().templates.rows;
        !rows.is_empty() && rows.iter().all(|r| r.name.starts_with("trail"))
    });
    create_voice_template(&mut harness, "trail_voice");
    // Duplicate: the same kind and content under a new name, unsaved until created.
    harness.get_by_label("< All templates").click();
    wait_until(&mut harness, "the list with both", WAIT, |h| {
        h.query_by_label("Duplicate template trail_voice").is_some()
    });
    harness.get_by_label("Duplicate template trail_voice").click();
    wait_until(&mut harness, "the copy", WAIT, |h| editor(h).draft.is_some());
    let copy = editor(&harness);
    assert!(copy.stored.is_none(), "a new template");
    let draft = copy.draft.as_ref().unwrap();
    assert_eq!((draft.kind, draft.name.as_str()), (TemplateKind::Voice, "trail_voice-copy"));
    assert_eq!(draft.value("Body"), "The trail is open until dusk");
    harness.get_by_label("Create template").click();
    wait_until(&mut harness, "the copy created", WAIT, |h| {
        stored_version(h).as_deref() == Some("1")
    });
    assert_eq!(editor(&harness).stored.as_ref().unwrap().name, "trail_voice-copy");

    // A direct message to one endpoint with the template and no body of its own.
    harness.get_by_role_and_label(Role::Button, PROJECT).click();
    harness.run_ok();
    harness.get_by_label("Messaging").click();
    harness.run_ok();
    harness.get_by_label("Endpoint ids").click();
    harness.run_ok();
    type_into(&mut harness, "Recipients", "ep-2-002");
    harness.get_by_label("Send with a template").click();
    wait_until(&mut harness, "the templates to pick", WAIT, |h| h.state().library.rows.is_some());
    // The composer picks voice templates too, and shows what they say.
    choose(&mut harness, "Voice template", "trail_voice");
    wait_until(&mut harness, "the voice template's preview", WAIT, |h| {
        h.query_by_label("The trail is open until dusk").is_some()
    });
    choose(&mut harness, "Voice template", "(none: write the message)");
    choose(&mut harness, "SMS template", "trail_sms");
    wait_until(&mut harness, "the template's preview", WAIT, |h| {
        h.query_by_label("Hi hiker, the trail is open").is_some()
    });
    harness.get_by_label("Send").click();
    wait_until(&mut harness, "the send", WAIT, |h| {
        h.state().project.messaging.rows.iter().any(|r| r.recipient == "ep-2-002")
    });
    let row = harness.state().project.messaging.rows[0].clone();
    assert_eq!(row.status, "SUCCESSFUL", "{row:?}");
    let sent = outbox(&mut harness);
    assert!(
        sent.iter().any(|e| e.endpoint_id.as_deref() == Some("ep-2-002")
            && e.body == "Hi Grace, the trail is open"),
        "the outbox has the template rendered for the endpoint: {sent:?}"
    );

    // A campaign whose SMS is the template, launched now.
    harness.get_by_label("Campaigns").click();
    wait_until(&mut harness, "the campaigns and segments", WAIT, |h| {
        let app = h.state();
        app.project.campaigns.campaigns.is_some() && app.project.segments.segments.is_some()
    });
    harness.get_by_label("+ New campaign").click();
    harness.run_ok();
    type_into(&mut harness, "Campaign name", "Trail open");
    harness.get_by_label("SMS").click();
    harness.run_ok();
    choose(&mut harness, "Message template", "trail_sms");
    wait_until(&mut harness, "the campaign's template preview", WAIT, |h| {
        h.query_by_label("Hi Alex, the trail is open").is_some()
    });
    // The one builder carries it: the JSON view, the command line and the diffs show it.
    let draft = harness.state().project.campaigns.editor.as_ref().unwrap().draft.clone();
    let json = pinpoint_console::drafts::json::campaign::write_campaign_request(&draft.build().0);
    assert_eq!(json["TemplateConfiguration"]["SMSTemplate"]["Name"], "trail_sms", "{json}");
    // A treatment picks its template with the same picker, and sees it rendered.
    harness.get_by_label("Treatments (A/B)").click();
    harness.run_ok();
    harness.get_by_label("+ Add treatment").click();
    harness.run_ok();
    type_into(&mut harness, "Treatment 1 size %", "50");
    harness.get_by_label("Messages of treatment 1").click();
    harness.run_ok();
    harness.get_by_label("SMS").click();
    harness.run_ok();
    choose(&mut harness, "Message template", "trail_sms");
    wait_until(&mut harness, "the treatment's template preview", WAIT, |h| {
        h.query_by_label("Hi Alex, the trail is open").is_some()
    });
    let draft = harness.state().project.campaigns.editor.as_ref().unwrap().draft.clone();
    let json = pinpoint_console::drafts::json::campaign::write_campaign_request(&draft.build().0);
    let treatment = &json["AdditionalTreatments"][0]["TemplateConfiguration"];
    assert_eq!(treatment["SMSTemplate"]["Name"], "trail_sms", "{json}");
    harness.get_by_label("Schedule").click();
    harness.run_ok();
    harness.get_by_label("Immediately").click();
    harness.run_ok();
    harness.get_by_label("Create campaign").click();
    wait_until(&mut harness, "the review", WAIT, |h| {
        h.query_by_label_contains("Launch to ").is_some()
    });
    let size = harness.state().project.campaigns.review.clone().unwrap().size().unwrap();
    harness.get_by_label(&format!("Launch to {size} endpoints")).click();
    wait_until(&mut harness, "the campaign created", WAIT, |h| {
        h.state().project.campaigns.editor.as_ref().unwrap().version == Some(1)
    });
    harness.get_by_label("Activities").click();
    wait_until(&mut harness, "the campaign completed", WAIT, |h| {
        let e = h.state().project.campaigns.editor.as_ref().unwrap();
        assert!(e.save_error.is_none(), "{:?}", e.save_error);
        e.status.as_deref() == Some("COMPLETED")
    });
    let campaign = harness.state().project.campaigns.editor.as_ref().unwrap().campaign_id.clone();
    harness.get_by_label("Messaging").click();
    harness.run_ok();
    let sent = outbox(&mut harness);
    let from_campaign: Vec<_> = sent.iter().filter(|e| e.campaign_id == campaign).collect();
    assert!(!from_campaign.is_empty(), "the campaign delivered: {sent:?}");
    assert!(
        from_campaign
            .iter()
            .all(|e| e.body.starts_with("Hi ") && e.body.ends_with(", the trail is open")),
        "{from_campaign:?}"
    );
}
