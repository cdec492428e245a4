//! A campaign's KPI tab: the campaign-level KPIs through the same charts as the project's
//! dashboard (`kpi_view`), over their own range (31 days by default).

use super::Editor;
use crate::drafts::analytics::{AnalyticsPrefs, KpiLevel, Preset};
use crate::ui::action::Action;
use crate::ui::kpi_view::{self, KpiView};
use crate::ui::theme;

/// Draws the tab; asks for the KPIs the first time it is shown.
pub fn show(ui: &mut egui::Ui, editor: &mut Editor, busy: bool, target: &str) -> Vec<Action> {
    let Some(id) = editor.campaign_id.clone() else {
        ui.label("A campaign has KPIs once it is saved and has run.");
        return Vec::new();
    };
    let today = chrono::Utc::now().date_naive();
    let level = KpiLevel::Campaign(id);
    let mut actions = Vec::new();
    if editor.kpis.level.as_ref() != Some(&level) {
        let prefs = AnalyticsPrefs { preset: Preset::Days31, ..AnalyticsPrefs::default() };
        editor.kpis = KpiView::new(level, prefs);
        actions.extend(editor.kpis.load(today));
    }
    if kpi_view::range_bar(ui, &mut editor.kpis, busy) {
        actions.extend(editor.kpis.load(today));
    }
    ui.add_space(theme::SECTION_GAP);
    kpi_view::totals(ui, &editor.kpis);
    ui.add_space(theme::SECTION_GAP);
    kpi_view::charts(ui, &editor.kpis, target);
    actions
}

/// Takes the answer for the open editor, when it is about its campaign.
pub fn apply(editor: Option<&mut Editor>, response: crate::api::ApiResponse) {
    let (Some(editor), crate::api::ApiResponse::Kpis { level, start_time, results }) =
        (editor, response)
    else {
        return;
    };
    let today = chrono::Utc::now().date_naive();
    if let Ok(range) = editor.kpis.prefs.range(today) {
        editor.kpis.apply(&level, &start_time, results, range);
    }
}

/// Shows a failed request in place of every chart.
pub fn fail(editor: &mut Editor, error: &crate::api::ApiError) {
    let Some(level) = editor.kpis.level.clone() else { return };
    let today = chrono::Utc::now().date_naive();
    let results = editor
        .kpis
        .prefs
        .chosen(&level)
        .iter()
        .map(|k| (k.name.to_owned(), Err(error.clone())))
        .collect();
    if let Ok(range) = editor.kpis.prefs.range(today) {
        editor.kpis.set(range, results);
    }
}
