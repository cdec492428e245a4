//! Each kind's members in the side panel: a message (`message`), a wait (duration or date), a
//! holdout's percentage, a random split's paths with percentages that must add up to 100, the
//! conditions of a yes/no or multivariate split (`conditions`), a contact center step.

use egui::RichText;

use super::{conditions, message};
use crate::drafts::FieldErrors;
use crate::drafts::journey::{Kind, MAX_RANDOM_BRANCHES, SplitPath, WaitDraft};
use crate::ui::action::Action;
use crate::ui::journeys::Context;
use crate::ui::journeys::settings::under;
use crate::ui::theme;
use crate::ui::widgets::{error_label, field_note, form_row, name_for_a11y, split_bar};

/// A `WaitTime`: a duration, or a moment.
pub(super) fn wait(
    ui: &mut egui::Ui,
    w: &mut WaitDraft,
    what: &str,
    problems: &FieldErrors,
    path: &str,
) {
    form_row(
        ui,
        &format!("{what} for"),
        &mut w.wait_for,
        "P1D, PT6H, P2W",
        under(problems, &format!("{path}.WaitFor")),
    );
    form_row(
        ui,
        &format!("{what} until"),
        &mut w.wait_until,
        "or a time: 2026-12-24T09:00:00Z",
        under(problems, &format!("{path}.WaitUntil")),
    );
    if let Some(m) = problems.get(path) {
        error_label(ui, m);
    }
}

fn random_split(ui: &mut egui::Ui, id: &str, paths: &mut Vec<SplitPath>, problems: &FieldErrors) {
    let mut remove = None;
    for (i, p) in paths.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            let label = ui.label(format!("Path {} %", i + 1));
            ui.add(egui::TextEdit::singleline(&mut p.percentage).desired_width(48.0))
                .labelled_by(label.id);
            if ui.small_button("Remove").clicked() {
                remove = Some(i);
            }
        });
        if let Some(m) =
            problems.get(&format!("Activities.{id}.RandomSplit.Branches[{i}].Percentage"))
        {
            error_label(ui, m);
        }
    }
    if let Some(i) = remove {
        paths.remove(i);
    }
    if paths.len() < MAX_RANDOM_BRANCHES && ui.button("+ Path").clicked() {
        paths.push(SplitPath::default());
    }
    let parts: Vec<(String, i32, egui::Color32)> = paths
        .iter()
        .enumerate()
        .map(|(i, p)| {
            (
                format!("{}", i + 1),
                p.percentage.trim().parse().unwrap_or(0),
                theme::SPLIT[i % theme::SPLIT.len()],
            )
        })
        .collect();
    split_bar(ui, &parts);
    let total: i32 = parts.iter().map(|p| p.1).sum();
    let note = format!("{total} % of 100 allocated");
    ui.label(RichText::new(note).small().color(if total == 100 {
        theme::MUTED
    } else {
        theme::WARN
    }));
    if let Some(m) = problems.get(&format!("Activities.{id}.RandomSplit.Branches")) {
        error_label(ui, m);
    }
}

/// Draws the members of `kind`, the activity `id`.
pub(super) fn show(
    ui: &mut egui::Ui,
    id: &str,
    kind: &mut Kind,
    problems: &FieldErrors,
    cx: &Context<'_>,
) -> Vec<Action> {
    let member = kind.member();
    let path = format!("Activities.{id}.{member}");
    match kind {
        Kind::Message(m) => return message::show(ui, id, m, problems, cx),
        Kind::Wait { wait: w, .. } => wait(ui, w, "Wait", problems, &format!("{path}.WaitTime")),
        Kind::Holdout { percentage, .. } => {
            let r = form_row(
                ui,
                "Hold out %",
                percentage,
                "0-100",
                under(problems, &format!("{path}.Percentage")),
            );
            name_for_a11y(ui, &r, "Holdout percentage");
            field_note(ui, "Endpoints held out leave the journey here: a control group.");
        }
        Kind::RandomSplit(paths) => random_split(ui, id, paths, problems),
        Kind::ConditionalSplit { condition, wait: w, .. } => {
            conditions::condition(ui, id, condition, problems, cx);
            conditions::evaluation_wait(ui, w, problems, &format!("{path}.EvaluationWaitTime"));
        }
        Kind::MultiCondition { paths, wait: w, .. } => {
            conditions::multi(ui, id, paths, problems, cx);
            conditions::evaluation_wait(ui, w, problems, &format!("{path}.EvaluationWaitTime"));
        }
        Kind::ContactCenter { .. } => {
            field_note(
                ui,
                "Hands the endpoint to the Amazon Connect campaign of the journey's settings.",
            );
        }
    }
    Vec::new()
}
