//! The Runs tab: each run of the journey (newest first) with its status and metrics; one run's
//! counts can be shown on the canvas instead of the whole journey's.

use egui::RichText;

use super::Context;
use super::state::{Editor, Tab};
use crate::ui::action::{Action, JourneyAction};
use crate::ui::error_view::api_error;
use crate::ui::tasks::Task;
use crate::ui::theme;
use crate::ui::widgets::{busy_button, name_for_a11y};

/// Metric names in the order the table shows them first (others follow by name).
const FIRST: [&str; 4] = ["ENDPOINT_ENTERED", "ENDPOINT_ACTIVE", "ENDPOINT_LEFT", "CANCELLED"];

fn metric_words(m: &crate::api::journeys::Metrics) -> String {
    let mut parts: Vec<String> = FIRST
        .iter()
        .filter_map(|k| m.get(*k).map(|v| format!("{} {v}", k.to_lowercase().replace('_', " "))))
        .collect();
    parts.extend(
        m.iter()
            .filter(|(k, _)| !FIRST.contains(&k.as_str()))
            .map(|(k, v)| format!("{} {v}", k.to_lowercase().replace('_', " "))),
    );
    parts.join(" · ")
}

/// Draws the tab; asks for the runs the first time.
pub(super) fn show(ui: &mut egui::Ui, editor: &mut Editor, cx: &Context<'_>) -> Vec<Action> {
    let mut actions = Vec::new();
    let Some(id) = editor.journey_id.clone() else {
        ui.label("A journey has runs once it is saved and published.");
        return actions;
    };
    let loading = (cx.busy)(Task::JourneyRuns);
    if editor.runs.is_none() && !loading {
        actions.push(Action::Journeys(JourneyAction::Runs(id.clone())));
    }
    ui.horizontal(|ui| {
        if busy_button(ui, "Reload runs", loading) {
            actions.push(Action::Journeys(JourneyAction::Runs(id.clone())));
        }
        let whole = editor.run.is_none();
        if ui.add_enabled(!whole, egui::Button::new("Whole journey on the canvas")).clicked() {
            editor.run = None;
            editor.metrics = None;
            editor.metrics_asked = None;
        }
    });
    if let Some(error) = &editor.metrics_error {
        api_error(ui, error);
    }
    if let Some(m) = &editor.metrics
        && m.run_id.is_none()
    {
        ui.label(RichText::new(format!("Whole journey: {}", metric_words(&m.totals))).strong());
        ui.label(
            RichText::new(format!("Last evaluated {}", m.evaluated)).small().color(theme::MUTED),
        );
    }
    let Some(runs) = &editor.runs else {
        ui.label(RichText::new("Loading the runs…").color(theme::MUTED));
        return actions;
    };
    if runs.is_empty() {
        ui.label(
            RichText::new("No runs yet: a run starts when endpoints enter.").color(theme::MUTED),
        );
        return actions;
    }
    let mut chosen = None;
    egui::Grid::new("journey_runs").striped(true).num_columns(4).show(ui, |ui| {
        for h in ["Run", "Status", "Started", "Metrics"] {
            ui.label(RichText::new(h).strong());
        }
        ui.end_row();
        for run in runs {
            let shown = editor.run.as_deref() == Some(run.id.as_str());
            let b = ui.selectable_label(shown, &run.id);
            name_for_a11y(ui, &b, &format!("Show run {} on the canvas", run.id));
            if b.clicked() {
                chosen = Some(run.id.clone());
            }
            ui.label(&run.status);
            ui.label(RichText::new(&run.created).color(theme::MUTED));
            ui.add(egui::Label::new(metric_words(&run.metrics)).wrap());
            ui.end_row();
        }
    });
    if let Some(run) = chosen {
        editor.run = Some(run);
        editor.metrics = None;
        editor.metrics_asked = None;
        editor.tab = Tab::Canvas;
    }
    actions
}
