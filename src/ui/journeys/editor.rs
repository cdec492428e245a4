//! One journey's editor: its bar (back, name, state, Save, the lifecycle buttons), the tabs
//! Canvas | Settings | Runs | KPIs | JSON, and the live metrics of a journey that has run
//! (asked every few seconds while it is shown, one request at a time).

use egui::RichText;

use super::state::{Editor, Lifecycle, Tab, unstored};
use super::{Context, METRICS_SECONDS, canvas, runs, settings};
use crate::drafts::analytics::{AnalyticsPrefs, KpiLevel, Preset};
use crate::ui::action::{Action, JourneyAction};
use crate::ui::error_view::api_error;
use crate::ui::json_view::{JsonTab, show as show_json};
use crate::ui::kpi_view::{self, KpiView};
use crate::ui::tasks::Task;
use crate::ui::theme;
use crate::ui::widgets::{busy_button, danger_button};

/// The save of the draft: the request (what a published journey keeps left out), or `None`
/// while problems are left (they are shown on their nodes and fields).
fn save(editor: &Editor) -> Option<Action> {
    // The state moves through UpdateJourneyState; the dates are the service's.
    let mut request = unstored(editor.draft.clone()).to_request().ok()?;
    if editor.graph_fixed() {
        request.activities = None;
        request.start_activity = None;
        request.start_condition = None;
    }
    Some(Action::Journeys(JourneyAction::Save(editor.journey_id.clone(), Box::new(request))))
}

/// The bar above the tabs.
fn bar(
    ui: &mut egui::Ui,
    editor: &mut Editor,
    cx: &Context<'_>,
    problems: usize,
) -> (bool, Vec<Action>) {
    let mut back = false;
    let mut actions = Vec::new();
    ui.horizontal_wrapped(|ui| {
        if ui.button("All journeys").clicked() {
            // Unsaved changes are not dropped without asking.
            if editor.is_dirty() && !editor.finished() {
                editor.leaving = true;
            } else {
                back = true;
            }
        }
        ui.label(RichText::new(&editor.draft.name).heading());
        ui.label(RichText::new(&editor.state).color(if editor.state == "ACTIVE" {
            theme::OK
        } else {
            theme::MUTED
        }));
        if let Some(id) = &editor.journey_id {
            ui.label(RichText::new(id).small().color(theme::MUTED));
        }
    });
    ui.horizontal_wrapped(|ui| {
        let saving = (cx.busy)(Task::JourneySave);
        let can_save = !editor.finished() && (editor.is_dirty() || editor.journey_id.is_none());
        let shortcut = ui.input_mut(|i| i.consume_shortcut(&theme::SAVE_SHORTCUT));
        ui.add_enabled_ui(can_save, |ui| {
            let label = if editor.journey_id.is_none() { "Create journey" } else { "Save journey" };
            if (busy_button(ui, label, saving) || (shortcut && can_save && !saving))
                && let Some(action) = save(editor)
            {
                editor.note = None;
                actions.push(action);
            }
        });
        let changing = (cx.busy)(Task::JourneyState);
        let mut asked = None;
        let mut ask =
            |ui: &mut egui::Ui, label: &str, lifecycle: Lifecycle, enabled: bool, danger: bool| {
                let button = if danger { danger_button(label) } else { egui::Button::new(label) };
                if ui.add_enabled(enabled && !changing, button).clicked() {
                    asked = Some(lifecycle);
                }
            };
        let saved = editor.journey_id.is_some() && !editor.is_dirty();
        let state = editor.state.clone();
        match state.as_str() {
            "DRAFT" => ask(ui, "Publish…", Lifecycle::Publish, saved && problems == 0, false),
            "ACTIVE" => {
                ask(ui, "Pause…", Lifecycle::Pause, true, false);
                ask(ui, "Cancel journey…", Lifecycle::Cancel, true, true);
            }
            "PAUSED" => {
                ask(ui, "Resume…", Lifecycle::Resume, true, false);
                ask(ui, "Cancel journey…", Lifecycle::Cancel, true, true);
            }
            "CLOSED" => ask(ui, "Cancel journey…", Lifecycle::Cancel, true, true),
            _ => {}
        }
        if let Some(lifecycle) = asked {
            editor_confirm(editor, lifecycle, cx, &mut actions);
        }
        if editor.state == "DRAFT" && !saved {
            ui.label(RichText::new("Save to publish").small().color(theme::MUTED));
        }
    });
    if problems > 0 {
        let text = format!(
            "{problems} problem(s) to fix before saving: they are marked in red where they are."
        );
        ui.label(RichText::new(text).color(theme::WARN));
    }
    if editor.graph_fixed() && !editor.finished() {
        ui.label(
            RichText::new(
                "Published: the service keeps its activities and entry as they are; its settings can still change.",
            )
            .color(theme::MUTED),
        );
    }
    if editor.finished() {
        ui.label(
            RichText::new(format!("A {} journey cannot be changed.", editor.state))
                .color(theme::MUTED),
        );
    }
    if let Some(note) = &editor.note {
        ui.label(RichText::new(note).color(theme::OK));
    }
    // A draft kept from before says so while it differs from the service.
    if let Some(restored) = editor.restored.as_ref().filter(|_| editor.is_dirty()) {
        ui.label(RichText::new(restored).color(theme::WARN));
    }
    if let Some(error) = editor.refusal_elsewhere() {
        api_error(ui, error);
    }
    (back, actions)
}

/// Opens the confirmation of `lifecycle`, asking who a publish lets in (mock, segment entry).
fn editor_confirm(
    editor: &mut Editor,
    lifecycle: Lifecycle,
    cx: &Context<'_>,
    actions: &mut Vec<Action>,
) {
    let mut audience = None;
    if lifecycle == Lifecycle::Publish
        && let crate::drafts::journey::Entry::Segment(id) = &editor.draft.entry
    {
        if cx.is_mock {
            audience = Some(super::Audience::Estimating);
            let definition = crate::ui::campaigns::launch::audience_definition(id, "");
            actions.push(Action::Journeys(JourneyAction::Audience(definition)));
        } else {
            let known = cx.segments.iter().find(|s| &s.id == id).and_then(|s| s.size);
            audience = Some(known.map_or_else(
                || {
                    super::Audience::Unknown(
                        "Pinpoint reports a segment's size only after an export".into(),
                    )
                },
                |n| super::Audience::Estimated { matching: n, messageable: n },
            ));
        }
    }
    editor.confirm = Some((lifecycle, audience));
}

/// Asks for fresh metrics when they are due.
fn refresh(ui: &egui::Ui, editor: &mut Editor, cx: &Context<'_>) -> Option<Action> {
    let id = editor.journey_id.clone()?;
    if !editor.has_run() || !matches!(editor.tab, Tab::Canvas | Tab::Runs) {
        return None;
    }
    let now = ui.input(|i| i.time);
    ui.ctx().request_repaint_after(std::time::Duration::from_secs_f64(METRICS_SECONDS));
    let due = editor.metrics_asked.is_none_or(|at| now - at >= METRICS_SECONDS);
    if !due || (cx.busy)(Task::JourneyMetrics) {
        return None;
    }
    editor.metrics_asked = Some(now);
    let activities = editor.draft.activities.keys().cloned().collect();
    Some(Action::Journeys(JourneyAction::Metrics {
        journey_id: id,
        run_id: editor.run.clone(),
        activities,
    }))
}

fn kpis(ui: &mut egui::Ui, editor: &mut Editor, cx: &Context<'_>) -> Vec<Action> {
    let Some(id) = editor.journey_id.clone() else {
        ui.label("A journey has KPIs once it is saved and has run.");
        return Vec::new();
    };
    let today = chrono::Utc::now().date_naive();
    let level = KpiLevel::Journey(id);
    let mut actions = Vec::new();
    if editor.kpis.level.as_ref() != Some(&level) {
        let prefs = AnalyticsPrefs { preset: Preset::Days31, ..AnalyticsPrefs::default() };
        editor.kpis = KpiView::new(level, prefs);
        actions.extend(editor.kpis.load(today));
    }
    if kpi_view::range_bar(ui, &mut editor.kpis, (cx.busy)(Task::JourneyKpis)) {
        actions.extend(editor.kpis.load(today));
    }
    ui.add_space(theme::SECTION_GAP);
    kpi_view::totals(ui, &editor.kpis);
    ui.add_space(theme::SECTION_GAP);
    kpi_view::charts(ui, &editor.kpis, cx.target);
    actions
}

/// Draws the editor; answers true when the user went back to the list.
pub(super) fn show(
    ui: &mut egui::Ui,
    editor: &mut Editor,
    cx: &Context<'_>,
) -> (bool, Vec<Action>) {
    // Checked once a frame: the bar, the tabs and the canvas all show the same problems.
    let problems = editor.problems();
    let (back, mut actions) = bar(ui, editor, cx, problems.len());
    ui.horizontal(|ui| {
        for (tab, label) in [
            (Tab::Canvas, "Canvas"),
            (Tab::Settings, "Journey settings"),
            (Tab::Runs, "Runs"),
            (Tab::Kpis, "KPIs"),
            (Tab::Json, "JSON"),
        ] {
            let settings_red = tab == Tab::Settings && settings::has_problems(&problems);
            let text = if settings_red {
                RichText::new(label).color(theme::ERROR)
            } else {
                RichText::new(label)
            };
            if ui.selectable_label(editor.tab == tab, text).clicked() {
                editor.tab = tab;
            }
        }
    });
    ui.separator();
    actions.extend(refresh(ui, editor, cx));
    match editor.tab {
        Tab::Canvas => actions.extend(canvas::show(ui, editor, cx, &problems)),
        Tab::Settings => settings::show(ui, editor, cx, &problems),
        Tab::Runs => actions.extend(runs::show(ui, editor, cx)),
        Tab::Kpis => actions.extend(kpis(ui, editor, cx)),
        Tab::Json => {
            let (request, errors) = editor.draft.build();
            let json = crate::drafts::json::journey::write_journey_request(&request);
            let tab = JsonTab {
                noun: "journey",
                shape: "WriteJourneyRequest",
                copy_json: "Copy as JSON",
                copy_command: "Copy as aws pinpoint command",
                left_out_note: "the JSON below still shows what was typed.",
            };
            let app = cx.app_id;
            show_json(ui, tab, &json, errors.len(), app, editor.journey_id.as_deref());
        }
    }
    (back, actions)
}
