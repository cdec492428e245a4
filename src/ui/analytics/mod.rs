//! The Analytics section: the project's KPIs over a chosen range (remembered across sessions
//! in egui's persisted memory, with the chosen KPIs), totals, the delivery funnel, a chart per
//! KPI and the CSV export.

mod funnel;

use egui::RichText;

use super::action::{Action, AnalyticsAction};
use super::kpi_view::{self, KpiView};
use super::tasks::Task;
use super::theme;
use super::widgets::{busy_button, error_label, field_label, under_field};
use crate::api::{ApiError, ApiResponse, FilePurpose};
use crate::drafts::analytics::{APP_KPIS, AnalyticsPrefs, KpiLevel, to_csv};

/// Where the dashboard's choices are remembered (egui memory, persisted by eframe).
const PREFS_ID: &str = "analytics_prefs";

/// The Analytics section's state.
#[derive(Debug, Clone, Default)]
pub struct AnalyticsScreen {
    /// The charts.
    pub view: KpiView,
    /// True once the remembered choices were read and the first load asked for.
    pub started: bool,
    /// The CSV file to write.
    pub csv_path: String,
    /// What the last export did, or why it failed.
    pub csv_note: Option<Result<String, String>>,
}

/// The remembered choices (the defaults when none are).
#[must_use]
pub fn remembered(ctx: &egui::Context) -> AnalyticsPrefs {
    ctx.data_mut(|d| d.get_persisted::<AnalyticsPrefs>(egui::Id::unique(PREFS_ID)))
        .unwrap_or_default()
}

/// Draws the section.
pub fn show(
    ui: &mut egui::Ui,
    screen: &mut AnalyticsScreen,
    target: &str,
    busy: &dyn Fn(Task) -> bool,
) -> Vec<Action> {
    let mut actions = Vec::new();
    let today = chrono::Utc::now().date_naive();
    if !screen.started {
        screen.started = true;
        screen.view = KpiView::new(KpiLevel::App, remembered(ui.ctx()));
        actions.extend(screen.view.load(today));
    }
    let before = screen.view.prefs.clone();
    let mut reload = kpi_view::range_bar(ui, &mut screen.view, busy(Task::AppKpis));
    reload |= chooser(ui, &mut screen.view.prefs);
    if screen.view.prefs != before {
        let prefs = screen.view.prefs.clone();
        ui.ctx().data_mut(|d| d.insert_persisted(egui::Id::unique(PREFS_ID), prefs));
    }
    if reload {
        actions.extend(screen.view.load(today));
    }
    export(ui, screen, busy, &mut actions);
    ui.add_space(theme::SECTION_GAP);
    kpi_view::totals(ui, &screen.view);
    ui.add_space(theme::SECTION_GAP);
    funnel::show(ui, &screen.view);
    ui.add_space(theme::SECTION_GAP);
    kpi_view::charts(ui, &screen.view, target);
    actions
}

/// The KPI picker; true when the choice changed.
fn chooser(ui: &mut egui::Ui, prefs: &mut AnalyticsPrefs) -> bool {
    let mut changed = false;
    egui::CollapsingHeader::new("Choose KPIs").id_salt("choose_kpis").show(ui, |ui| {
        let chosen: Vec<&str> = prefs.chosen(&KpiLevel::App).iter().map(|k| k.name).collect();
        // As many columns as fit the visible width (a wrapped row reached past the panel).
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "a few columns")]
        let columns = (theme::visible_width(ui) / 300.0).floor().clamp(1.0, 4.0) as usize;
        egui::Grid::new("kpi_choices").num_columns(columns).show(ui, |ui| {
            for (i, kpi) in APP_KPIS.iter().enumerate() {
                let mut on = chosen.contains(&kpi.name);
                if ui.checkbox(&mut on, kpi.label).on_hover_text(kpi.name).changed() {
                    prefs.toggle(kpi.name, on);
                    changed = true;
                }
                if i % columns == columns - 1 {
                    ui.end_row();
                }
            }
        });
    });
    changed
}

fn export(
    ui: &mut egui::Ui,
    screen: &mut AnalyticsScreen,
    busy: &dyn Fn(Task) -> bool,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        let label = field_label(ui, "Export as CSV");
        let edit = egui::TextEdit::singleline(&mut screen.csv_path)
            .hint_text("/path/to/kpis.csv")
            .desired_width(theme::field_width(ui));
        ui.add(edit).labelled_by(label.id);
    });
    under_field(ui, |ui| {
        if ui.add_enabled(!busy(Task::PickCsv), egui::Button::new("Choose…")).clicked() {
            actions.push(Action::Analytics(AnalyticsAction::PickCsv));
        }
        let ready = screen.view.range.is_some() && !screen.csv_path.trim().is_empty();
        if busy_button(ui, "Export CSV", busy(Task::WriteCsv)) && ready {
            let Some(range) = screen.view.range else { return };
            match to_csv(range, &screen.view.answered()) {
                Ok(contents) => actions.push(Action::Analytics(AnalyticsAction::WriteCsv {
                    path: screen.csv_path.trim().into(),
                    contents,
                })),
                Err(e) => screen.csv_note = Some(Err(format!("Could not write the CSV: {e}"))),
            }
        }
    });
    match &screen.csv_note {
        Some(Ok(note)) => {
            ui.label(RichText::new(note).color(theme::OK));
        }
        Some(Err(note)) => {
            error_label(ui, note);
        }
        None => {}
    }
}

impl AnalyticsScreen {
    /// Takes an answer of one of the section's tasks.
    pub fn apply(&mut self, response: ApiResponse) {
        match response {
            ApiResponse::Kpis { level, start_time, results } => {
                let today = chrono::Utc::now().date_naive();
                if let Ok(range) = self.view.prefs.range(today) {
                    self.view.apply(&level, &start_time, results, range);
                }
            }
            ApiResponse::FilePicked { purpose: FilePurpose::AnalyticsCsv, path } => {
                if let Some(path) = path {
                    self.csv_path = path.display().to_string();
                }
            }
            ApiResponse::FileWritten(path) => {
                let rows = self.view.range.map_or(0, |r| r.days().count());
                self.csv_note = Some(Ok(format!("Wrote {rows} days to {}", path.display())));
            }
            other => tracing::warn!(answer = ?other, "an answer Analytics did not ask for"),
        }
    }

    /// Shows a failed call of `task` where it happened.
    pub fn fail(&mut self, task: Task, error: &ApiError) {
        match task {
            Task::WriteCsv | Task::PickCsv => {
                self.csv_note = Some(Err(format!("Could not write the CSV. {}", error.plain())));
            }
            _ => {
                // The whole request failed (not one KPI): every chart says so.
                let names: Vec<String> = self
                    .view
                    .prefs
                    .chosen(&KpiLevel::App)
                    .iter()
                    .map(|k| k.name.to_owned())
                    .collect();
                let results = names.into_iter().map(|n| (n, Err(error.clone()))).collect();
                let today = chrono::Utc::now().date_naive();
                if let Ok(range) = self.view.prefs.range(today) {
                    self.view.set(range, results);
                }
            }
        }
    }
}
