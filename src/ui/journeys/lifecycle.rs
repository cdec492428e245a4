//! Publish, pause, resume and cancel, each behind a confirmation that says what it does; a
//! publish says who enters (the segment and, on a mock, its size) and what they go through.

use egui::RichText;

use super::Context;
use super::state::{Audience, Editor, Lifecycle};
use crate::drafts::journey::Entry;
use crate::ui::action::{Action, JourneyAction};
use crate::ui::tasks::Task;
use crate::ui::theme;
use crate::ui::widgets::busy_button;

/// Who enters, in words.
fn who(editor: &Editor, audience: Option<&Audience>, cx: &Context<'_>) -> String {
    match &editor.draft.entry {
        Entry::None => "Nobody: the journey has no entry.".to_owned(),
        Entry::Segment(id) => {
            let name =
                cx.segments.iter().find(|s| &s.id == id).map_or(id.as_str(), |s| s.name.as_str());
            let size = match audience {
                Some(Audience::Estimating) | None => "estimating its size…".to_owned(),
                Some(Audience::Estimated { matching, messageable }) => {
                    format!("{matching} endpoints now, {messageable} of them reachable")
                }
                Some(Audience::Unknown(why)) => format!("size unknown: {why}"),
            };
            let again = if editor.draft.refresh_frequency.trim().is_empty() {
                String::new()
            } else {
                format!(" Newcomers enter every {}.", editor.draft.refresh_frequency.trim())
            };
            format!("Every endpoint of segment “{name}” ({size}).{again}")
        }
        Entry::Event { event, .. } => {
            format!("Every endpoint that sends {} from now on.", event.types.trim())
        }
    }
}

/// The confirmation of a lifecycle change, while one is asked for.
pub(super) fn confirmation(
    ctx: &egui::Context,
    editor: &mut Editor,
    cx: &Context<'_>,
) -> Option<Action> {
    let (lifecycle, audience) = editor.confirm.clone()?;
    let id = editor.journey_id.clone()?;
    let busy = (cx.busy)(Task::JourneyState);
    let name = editor.draft.name.clone();
    let (title, what, button) = match lifecycle {
        Lifecycle::Publish => (
            format!("Publish “{name}”?"),
            format!(
                "{} They go through {} activities, starting {}. Messages go to real people: \
                 its activities and entry cannot be changed once it is published.",
                who(editor, audience.as_ref(), cx),
                editor.draft.activities.len(),
                editor.draft.schedule_words().to_lowercase(),
            ),
            "Publish journey",
        ),
        Lifecycle::Pause => (
            format!("Pause “{name}”?"),
            "Nobody enters and nothing is sent while it is paused; waits keep their time."
                .to_owned(),
            "Pause journey",
        ),
        Lifecycle::Resume => (
            format!("Resume “{name}”?"),
            "Endpoints enter and move on again, and messages are sent.".to_owned(),
            "Resume journey",
        ),
        Lifecycle::Cancel => (
            format!("Cancel “{name}”?"),
            "Everyone in it leaves and it never runs again. This cannot be undone.".to_owned(),
            "Cancel the journey",
        ),
    };
    let mut action = None;
    let mut close = false;
    egui::Modal::new(egui::Id::unique("journey_lifecycle")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.heading(title);
        ui.label(what);
        if lifecycle == Lifecycle::Publish
            && matches!(audience, Some(Audience::Estimated { matching: 0, .. }))
        {
            ui.label(
                RichText::new("The segment is empty now: nobody would enter yet.")
                    .color(theme::WARN),
            );
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if busy_button(ui, button, busy) {
                action = Some(Action::Journeys(JourneyAction::SetState(
                    id.clone(),
                    lifecycle.state().to_owned(),
                )));
            }
            if ui.add_enabled(!busy, egui::Button::new("Not now")).clicked() {
                close = true;
            }
        });
    });
    if close {
        editor.confirm = None;
    }
    action
}

/// "Leave without saving?", while asked; answers true when the changes are to be dropped.
pub(super) fn leave_confirmation(ctx: &egui::Context, editor: &mut Editor) -> bool {
    if !editor.leaving {
        return false;
    }
    let mut leave = false;
    egui::Modal::new(egui::Id::unique("journey_leave")).show(ctx, |ui| {
        ui.set_max_width(420.0);
        ui.heading(format!("Leave “{}” without saving?", editor.draft.name));
        ui.label("The changes made since the last save are lost.");
        ui.horizontal(|ui| {
            if ui.button("Keep editing").clicked() {
                editor.leaving = false;
            }
            if ui.add(crate::ui::widgets::danger_button("Discard changes")).clicked() {
                leave = true;
            }
        });
    });
    leave
}
