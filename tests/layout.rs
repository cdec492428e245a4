//! Every section of the console (the journey builder's canvas, side panel and tabs too) holds
//! up at 900×600, 1280×800 and 2560×1440 with the demo data: no interactive widget is laid out
//! past the window's left or right edge, no two interactive widgets overlap (egui's
//! accessibility tree gives each widget's rect), and no text is cut off or out of its box
//! (`text_overflow`, from the frame's painted shapes).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::time::Duration;

use common::wait_until;
use egui::Rect;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use pinpoint_console::ui::ConsoleApp;

const WAIT: Duration = Duration::from_secs(30);
const SIZES: [[f32; 2]; 3] = [[900.0, 600.0], [1280.0, 800.0], [2560.0, 1440.0]];

/// Roles a person clicks or types into.
fn interactive(role: Role) -> bool {
    matches!(
        role,
        Role::Button
            | Role::CheckBox
            | Role::ComboBox
            | Role::TextInput
            | Role::MultilineTextInput
            | Role::PasswordInput
            | Role::RadioButton
            | Role::Slider
            | Role::SpinButton
            | Role::Link
            | Role::Tab
    )
}

/// One interactive widget: its role, its name and where it is.
#[derive(Debug, Clone)]
struct Widget {
    role: Role,
    name: String,
    rect: Rect,
}

fn widgets(harness: &Harness<'_, ConsoleApp>) -> Vec<Widget> {
    harness
        .root()
        .children_recursive()
        .filter(|n| interactive(n.accesskit_node().role()))
        .map(|n| Widget {
            role: n.accesskit_node().role(),
            name: n.accesskit_node().label().unwrap_or_default(),
            rect: n.rect(),
        })
        .filter(|w| w.rect.is_positive() && !on_canvas(&w.name))
        .collect()
}

/// The journey canvas's boxes, "+" and "×" buttons and branch handles: they live in an
/// `egui::Scene` (pan and zoom), whose accessibility rects are in canvas coordinates, not the
/// window's, and are clipped to the canvas anyway; the checker leaves them out.
fn on_canvas(name: &str) -> bool {
    name == "Journey entry"
        || name.starts_with("Activity ")
        || name == "Add at the start"
        || name.starts_with("Add after ")
        || name.starts_with("Add on ")
        || name.starts_with("Reconnect ")
        || name.starts_with("Disconnect ")
}

/// What is wrong with the layout on screen now, one line per problem.
fn problems(harness: &Harness<'_, ConsoleApp>, size: [f32; 2], what: &str) -> Vec<String> {
    let all = widgets(harness);
    let fields: Vec<Rect> = all
        .iter()
        .filter(|w| matches!(w.role, Role::TextInput | Role::MultilineTextInput))
        .map(|w| w.rect)
        .collect();
    let mut found = crate::text_overflow::problems(harness, &fields, size, what);
    for w in &all {
        if w.rect.min.x < -1.0 || w.rect.max.x > size[0] + 1.0 {
            found.push(format!(
                "{what} at {}x{}: {:?} '{}' is outside the window ({:?})",
                size[0], size[1], w.role, w.name, w.rect
            ));
        }
    }
    for (i, a) in all.iter().enumerate() {
        for b in &all[i + 1..] {
            let overlap = a.rect.intersect(b.rect);
            let contained = a.rect.contains_rect(b.rect) || b.rect.contains_rect(a.rect);
            if overlap.width() > 2.0 && overlap.height() > 2.0 && !contained {
                found.push(format!(
                    "{what} at {}x{}: {:?} '{}' {:?} overlaps {:?} '{}' {:?}",
                    size[0], size[1], a.role, a.name, a.rect, b.role, b.name, b.rect
                ));
            }
        }
    }
    found
}

fn click_tab(harness: &mut Harness<'_, ConsoleApp>, label: &str) {
    harness.get_by_label(label).click();
    harness.run_ok();
}

/// Opens each section (and the parts of the busiest ones) and collects the problems.
fn check_size(size: [f32; 2]) -> Vec<String> {
    let mut harness = common::demo_app(size, None);
    common::open_demo_project(&mut harness, "Acme Retail (iOS)");
    let mut found = Vec::new();
    wait_until(&mut harness, "the settings", WAIT, |h| h.query_by_label("Daily limit").is_some());
    found.extend(problems(&harness, size, "Settings"));

    click_tab(&mut harness, "Channels");
    wait_until(&mut harness, "the channels", WAIT, |h| h.state().project.channels.list.is_some());
    found.extend(problems(&harness, size, "Channels"));
    for channel in ["SMS channel", "APNs channel", "Voice channel"] {
        click_tab(&mut harness, channel);
        found.extend(problems(&harness, size, &format!("Channels · {channel} form")));
    }

    click_tab(&mut harness, "Messaging");
    found.extend(problems(&harness, size, "Messaging · Compose"));
    click_tab(&mut harness, "Phone check");
    found.extend(problems(&harness, size, "Messaging · Phone check"));
    click_tab(&mut harness, "One-time password");
    found.extend(problems(&harness, size, "Messaging · One-time password"));
    click_tab(&mut harness, "Outbox");
    wait_until(&mut harness, "the outbox", WAIT, |h| h.state().project.messaging.outbox.is_some());
    found.extend(problems(&harness, size, "Messaging · Outbox"));

    click_tab(&mut harness, "Audience");
    for tab in ["Endpoint", "User", "Events", "Upload", "All endpoints", "Remove attributes"] {
        click_tab(&mut harness, tab);
        found.extend(problems(&harness, size, &format!("Audience · {tab}")));
    }

    click_tab(&mut harness, "Campaigns");
    wait_until(&mut harness, "the campaigns", WAIT, |h| {
        h.state().project.campaigns.campaigns.as_ref().is_some_and(|c| !c.is_empty())
    });
    found.extend(problems(&harness, size, "Campaigns · list"));
    harness.get_by_label("Welcome series").click();
    wait_until(&mut harness, "the campaign editor", WAIT, |h| {
        h.query_by_label("Treatments (A/B)").is_some()
    });
    for tab in ["Messages", "Treatments (A/B)", "Schedule", "Limits & hook", "JSON"] {
        click_tab(&mut harness, tab);
        found.extend(problems(&harness, size, &format!("Campaign editor · {tab}")));
    }
    click_tab(&mut harness, "KPIs");
    wait_until(&mut harness, "the campaign's KPIs", WAIT, |h| {
        h.state().project.campaigns.editor.as_ref().is_some_and(|e| e.kpis.range.is_some())
    });
    found.extend(problems(&harness, size, "Campaign editor · KPIs"));
    click_tab(&mut harness, "Messages");
    click_tab(&mut harness, "In-app");
    click_tab(&mut harness, "Write an in-app message");
    click_tab(&mut harness, "Primary button");
    found.extend(problems(&harness, size, "Campaign editor · In-app message"));
    click_tab(&mut harness, "< All campaigns");
    // "What would this endpoint see" with an answer of two messages (the demo has no in-app
    // campaign to ask about).
    let answer = vec![in_app_answer("c1", 1), in_app_answer("c2", 3)];
    let view = pinpoint_console::ui::campaigns::InAppView {
        endpoint_id: "ep-0-013".to_owned(),
        answer: Some(("ep-0-013".to_owned(), answer)),
        ..Default::default()
    };
    harness.state_mut().project.campaigns.in_app = Some(view);
    harness.run_ok();
    found.extend(problems(&harness, size, "Campaigns · what would this endpoint see"));
    click_tab(&mut harness, "< All campaigns");

    click_tab(&mut harness, "Segments");
    wait_until(&mut harness, "the segments", WAIT, |h| {
        h.state().project.segments.segments.as_ref().is_some_and(|s| !s.is_empty())
    });
    found.extend(problems(&harness, size, "Segments · list"));
    harness.get_by_label("iOS users").click();
    wait_until(&mut harness, "the segment builder", WAIT, |h| {
        h.query_by_label_contains("Save segment").is_some()
    });
    found.extend(problems(&harness, size, "Segment builder"));
    click_tab(&mut harness, "Import & export");
    found.extend(problems(&harness, size, "Segments · Import & export"));

    click_tab(&mut harness, "Analytics");
    wait_until(&mut harness, "the dashboard", WAIT, |h| {
        h.state().project.analytics.view.range.is_some()
    });
    found.extend(problems(&harness, size, "Analytics"));
    click_tab(&mut harness, "Choose KPIs");
    found.extend(problems(&harness, size, "Analytics · Choose KPIs"));

    click_tab(&mut harness, "Journeys");
    wait_until(&mut harness, "the journeys", WAIT, |h| h.state().project.journeys.rows.is_some());
    found.extend(problems(&harness, size, "Journeys · list"));
    click_tab(&mut harness, "+ New journey");
    for (plus, kind) in
        [("Add at the start", "Add Random split"), ("Add on path 1 of split1", "Add SMS")]
    {
        harness.get_by_label(plus).click_accesskit();
        harness.run_ok();
        found.extend(problems(&harness, size, "Journey canvas · adding"));
        harness.get_by_label(kind).click_accesskit();
        harness.run_ok();
    }
    found.extend(problems(&harness, size, "Journey canvas · an SMS in the side panel"));
    harness.get_by_label("Activity split1").click_accesskit();
    harness.run_ok();
    found.extend(problems(&harness, size, "Journey canvas · a random split in the side panel"));
    for tab in ["Journey settings", "Runs", "KPIs", "JSON"] {
        click_tab(&mut harness, tab);
        found.extend(problems(&harness, size, &format!("Journey editor · {tab}")));
    }
    // The new journey is not saved: leaving asks first.
    click_tab(&mut harness, "All journeys");
    found.extend(problems(&harness, size, "Journey editor · leave without saving"));
    click_tab(&mut harness, "Discard changes");
    assert!(harness.state().project.journeys.editor.is_none(), "back to the list");

    click_tab(&mut harness, "Message templates");
    wait_until(&mut harness, "the templates", WAIT, |h| h.state().templates.loaded);
    found.extend(problems(&harness, size, "Templates · list"));
    for kind in ["Email", "SMS", "Push", "Voice", "In-app"] {
        click_tab(&mut harness, "New template type");
        // The option in the open list: the demo's templates of that type are listed under it.
        harness.get_by_role_and_label(Role::Button, kind).click();
        harness.run_ok();
        click_tab(&mut harness, "+ New template");
        found.extend(problems(&harness, size, &format!("Template editor · {kind}")));
        for tab in ["Preview", "Versions", "Tags"] {
            click_tab(&mut harness, tab);
            found.extend(problems(&harness, size, &format!("Template editor · {kind} · {tab}")));
        }
        click_tab(&mut harness, "< All templates");
    }
    found
}

/// A GetInAppMessages entry with a header, a body and two buttons.
fn in_app_answer(id: &str, priority: i32) -> aws_sdk_pinpoint::types::InAppMessageCampaign {
    use pinpoint_console::drafts::inapp::InAppDraft;
    let mut d = InAppDraft::starter();
    "Trail sale".clone_into(&mut d.blocks[0].header);
    "Boots half off today".clone_into(&mut d.blocks[0].body);
    "Shop".clone_into(&mut d.blocks[0].primary.text);
    "Later".clone_into(&mut d.blocks[0].secondary.text);
    let message = aws_sdk_pinpoint::types::InAppMessage::builder()
        .set_content(Some(d.content()))
        .layout(aws_sdk_pinpoint::types::Layout::BottomBanner)
        .build();
    aws_sdk_pinpoint::types::InAppMessageCampaign::builder()
        .campaign_id(id)
        .priority(priority)
        .session_cap(1)
        .in_app_message(message)
        .build()
}

#[test]
fn every_section_fits_every_window_size() {
    let mut found = Vec::new();
    for size in SIZES {
        found.extend(check_size(size));
    }
    assert!(found.is_empty(), "{} layout problems:\n{}", found.len(), found.join("\n"));
}

#[test]
fn the_checker_sees_a_widget_past_the_edge() {
    // A check that cannot fail is a bug: a too-narrow window must be reported.
    let size = [300.0, 600.0];
    let mut harness = common::demo_app(size, None);
    wait_until(&mut harness, "the demo projects", WAIT, |h| {
        h.query_by_role_and_label(Role::Button, "Acme Retail (iOS)").is_some()
    });
    assert!(!problems(&harness, size, "narrow").is_empty());
}
