//! The KPI charts, for any level (the project's dashboard, a campaign's KPI tab, a journey's
//! once journeys exist): a range bar (presets or custom dates, checked inline), totals as big
//! numbers, a chart per KPI (`egui_plot` bars, the value of a day on hover) and each KPI's
//! failure in a plain sentence in place of its chart.

use chrono::{Duration, NaiveDate};
use egui::RichText;
use egui_plot::{Bar, BarChart, Plot};

use super::action::Action;
use super::theme;
use super::widgets::{error_label, form_row};
use crate::api::ApiError;
use crate::drafts::analytics::{
    AnalyticsPrefs, DateRange, KpiDef, KpiLevel, KpiSeries, KpiUnit, Preset, RangeField, find,
};

/// One KPI as the charts show it: its rows by day, built once per answer.
#[derive(Debug, Clone)]
pub struct Shown {
    /// The KPI.
    pub def: &'static KpiDef,
    /// Its rows, or why the service refused them.
    pub result: Result<KpiSeries, ApiError>,
    /// The value on each day of the range.
    pub daily: Vec<f64>,
    /// The range's figure (sum of a count, mean of a rate).
    pub total: f64,
}

/// The KPIs of one level over one range, and the range bar's state.
#[derive(Debug, Clone, Default)]
pub struct KpiView {
    /// Project, campaign or journey (`None` until it is given one).
    pub level: Option<KpiLevel>,
    /// Range and chosen KPIs.
    pub prefs: AnalyticsPrefs,
    /// The range of the KPIs shown.
    pub range: Option<DateRange>,
    /// The `start-time` of the latest request (older answers are dropped).
    pub asked: Option<String>,
    /// The KPIs shown, in the order asked.
    pub shown: Vec<Shown>,
    /// Why the range cannot be asked for, at its field.
    pub range_error: Option<(RangeField, String)>,
}

impl KpiView {
    /// A view of `level`'s KPIs with these choices.
    #[must_use]
    pub fn new(level: KpiLevel, prefs: AnalyticsPrefs) -> Self {
        Self { level: Some(level), prefs, ..Self::default() }
    }

    /// The action that loads the chosen KPIs over the chosen range, or `None` with the range's
    /// message set at its field.
    pub fn load(&mut self, today: NaiveDate) -> Option<Action> {
        let level = self.level.clone()?;
        match self.prefs.range(today) {
            Ok(range) => {
                self.range_error = None;
                let names: Vec<String> =
                    self.prefs.chosen(&level).iter().map(|k| k.name.to_owned()).collect();
                self.asked = Some(range.start_time());
                Some(Action::Kpis { level, names, range })
            }
            Err(error) => {
                self.range_error = Some(error);
                None
            }
        }
    }

    /// Takes the answer to the latest request (others are stale).
    pub fn apply(
        &mut self,
        level: &KpiLevel,
        start_time: &str,
        results: Vec<(String, Result<KpiSeries, ApiError>)>,
        range: DateRange,
    ) {
        if self.level.as_ref() != Some(level) || self.asked.as_deref() != Some(start_time) {
            return;
        }
        self.set(range, results);
    }

    /// Shows `error` in place of every chosen chart (the request for them all failed).
    pub fn fail_all(&mut self, error: &ApiError) {
        let Some(level) = self.level.clone() else { return };
        let today = chrono::Utc::now().date_naive();
        let results = self
            .prefs
            .chosen(&level)
            .iter()
            .map(|k| (k.name.to_owned(), Err(error.clone())))
            .collect();
        if let Ok(range) = self.prefs.range(today) {
            self.set(range, results);
        }
    }

    /// Shows these results over `range` (the benchmark and tests call it directly).
    pub fn set(&mut self, range: DateRange, results: Vec<(String, Result<KpiSeries, ApiError>)>) {
        self.range = Some(range);
        self.shown = results
            .into_iter()
            .filter_map(|(name, result)| {
                // The level's own entry first: a name can be at two levels, labelled for each.
                let catalog = self.level.as_ref().map(KpiLevel::catalog).unwrap_or_default();
                let def = catalog.iter().find(|k| k.name == name).or_else(|| find(&name))?;
                let (daily, total) = match &result {
                    Ok(series) => (
                        series.daily(range).into_iter().map(|(_, v)| v).collect(),
                        series.total(def.unit),
                    ),
                    Err(_) => (Vec::new(), 0.0),
                };
                Some(Shown { def, result, daily, total })
            })
            .collect();
    }

    /// The loaded total of a KPI, if it was asked for and answered.
    #[must_use]
    pub fn total(&self, name: &str) -> Option<f64> {
        self.shown.iter().find(|s| s.def.name == name && s.result.is_ok()).map(|s| s.total)
    }

    /// The loaded series that answered, for the CSV.
    #[must_use]
    pub fn answered(&self) -> Vec<&KpiSeries> {
        self.shown.iter().filter_map(|s| s.result.as_ref().ok()).collect()
    }
}

/// The range bar: presets, custom dates with their inline messages, and Refresh. True when
/// the person asked for a (re)load.
pub fn range_bar(ui: &mut egui::Ui, view: &mut KpiView, busy: bool) -> bool {
    let mut reload = false;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Range").color(theme::MUTED));
        for preset in Preset::ALL {
            if ui.selectable_label(view.prefs.preset == preset, preset.label()).clicked() {
                view.prefs.preset = preset;
                reload |= preset != Preset::Custom;
            }
        }
        if let Some(range) = view.range {
            ui.label(
                RichText::new(format!("shown: {} – {}", range.first, range.last))
                    .color(theme::MUTED),
            );
        }
        if ui.add_enabled(!busy, egui::Button::new("Refresh")).clicked() {
            reload = true;
        }
        if busy {
            ui.spinner();
        }
    });
    if view.prefs.preset == Preset::Custom {
        let error =
            |field| view.range_error.as_ref().filter(|(f, _)| *f == field).map(|(_, m)| m.clone());
        let (start_error, end_error) = (error(RangeField::Start), error(RangeField::End));
        let start = form_row(
            ui,
            "Start (UTC)",
            &mut view.prefs.start,
            "YYYY-MM-DD",
            start_error.as_deref(),
        );
        let end = form_row(
            ui,
            "End (UTC, included)",
            &mut view.prefs.end,
            "YYYY-MM-DD",
            end_error.as_deref(),
        );
        if start.changed() || end.changed() {
            view.range_error = None;
        }
        reload |= (start.lost_focus() || end.lost_focus())
            && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.label(
            RichText::new(
                "At most 31 days, starting fewer than 90 days ago (the service's limits).",
            )
            .color(theme::MUTED),
        );
    }
    reload
}

/// Totals as big numbers, one per KPI that answered, as many to a row as fit.
pub fn totals(ui: &mut egui::Ui, view: &KpiView) {
    const CARD: f32 = 170.0;
    let answered: Vec<&Shown> = view.shown.iter().filter(|s| s.result.is_ok()).collect();
    let gap = ui.spacing().item_spacing.x;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "a few cards")]
    let per_row =
        ((theme::visible_width(ui) + gap) / (CARD + gap + 14.0)).floor().max(1.0) as usize;
    for row in answered.chunks(per_row) {
        ui.horizontal(|ui| {
            for shown in row {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(CARD);
                    ui.vertical(|ui| {
                        let value = format_value(shown.total, shown.def.unit);
                        ui.label(RichText::new(value).size(26.0).strong());
                        ui.add(
                            egui::Label::new(
                                RichText::new(shown.def.label).small().color(theme::MUTED),
                            )
                            .truncate(),
                        );
                    });
                });
            }
        });
    }
}

/// A value as people read it: a whole count, or a rate in per cent.
#[must_use]
pub fn format_value(value: f64, unit: KpiUnit) -> String {
    match unit {
        KpiUnit::Count => format!("{value:.0}"),
        KpiUnit::Rate => format!("{:.1} %", value * 100.0),
    }
}

/// A chart per KPI, two side by side where there is room; a failed KPI says why in its place.
pub fn charts(ui: &mut egui::Ui, view: &KpiView, target: &str) {
    let Some(range) = view.range else {
        ui.label(RichText::new("Loading the KPIs…").color(theme::MUTED));
        return;
    };
    let visible = theme::visible_width(ui);
    let columns = if visible > 760.0 { 2 } else { 1 };
    let gap = ui.spacing().item_spacing.x;
    #[allow(clippy::cast_precision_loss, reason = "one or two columns")]
    let width = ((visible - gap * (columns as f32 - 1.0)) / columns as f32 - 4.0).max(200.0);
    for row in view.shown.chunks(columns) {
        ui.horizontal_top(|ui| {
            for shown in row {
                ui.allocate_ui(egui::vec2(width, 190.0), |ui| {
                    ui.set_width(width);
                    ui.vertical(|ui| chart(ui, shown, range, target));
                });
            }
        });
    }
}

fn chart(ui: &mut egui::Ui, shown: &Shown, range: DateRange, target: &str) {
    ui.label(RichText::new(shown.def.label).strong());
    let series = match &shown.result {
        Ok(series) => series,
        Err(error) => {
            let explained = error.explain(target);
            error_label(ui, &format!("Could not load this KPI: {}", explained.headline));
            ui.label(RichText::new(explained.next_step).color(theme::MUTED));
            return;
        }
    };
    let first = range.first;
    let days = shown.daily.len();
    let width = ui.available_width();
    let top = shown.daily.iter().copied().fold(0.0, f64::max);
    let unit = shown.def.unit;
    let bars: Vec<Bar> = shown
        .daily
        .iter()
        .enumerate()
        .map(|(i, v)| {
            #[allow(clippy::cast_precision_loss, reason = "day indexes")]
            Bar::new(i as f64, *v).width(0.8).fill(theme::ACCENT)
        })
        .collect();
    let name = series.name.clone();
    let chart = BarChart::new(shown.def.label, bars).element_formatter(Box::new(move |bar, _| {
        format!("{}\n{}", day_at(first, bar.argument), format_value(bar.value, unit))
    }));
    let plot = Plot::new(&name);
    // A count is whole: its marks are whole numbers (1, 2, 3 sends read as such, not "0").
    let plot = if unit == KpiUnit::Count {
        plot.y_grid_spacer(|input| count_marks(input.bounds))
            .y_axis_formatter(|mark, _| format!("{:.0}", mark.value))
    } else {
        plot
    };
    plot.height(150.0)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .include_y(0.0)
        // Room right of the last day, where the hover label of its bar is drawn.
        .include_x(-0.5)
        .include_x(days as f64 + 1.0)
        // Room above the highest bar for its hover label; a count's axis reads at least 0 to 1.
        .include_y(if unit == KpiUnit::Count { (top * 1.3).max(1.0) } else { top * 1.3 })
        .show_grid([false, true])
        .x_grid_spacer(move |input| day_marks(days, width, input.bounds))
        .x_axis_formatter(move |mark, _| day_at(first, mark.value))
        .label_formatter(|_| None)
        .show(ui, |plot| plot.bar_chart(chart));
}

/// Whole-number marks over `bounds`, every 1, 2, 5, 10, 20, 50, … so that at most five steps show.
#[allow(clippy::cast_precision_loss, reason = "mark counts")]
fn count_marks(bounds: (f64, f64)) -> Vec<egui_plot::GridMark> {
    let (lo, hi) = (bounds.0.max(0.0), bounds.1.max(0.0));
    let mut step = 1.0_f64;
    let mut factors = [2.0, 2.5, 2.0].into_iter().cycle();
    while (hi - lo) / step > 5.0 {
        step *= factors.next().unwrap_or(2.0);
    }
    let mut marks = Vec::new();
    let mut value = (lo / step).ceil() * step;
    while value <= hi {
        marks.push(egui_plot::GridMark { value, step_size: step });
        value += step;
    }
    marks
}

/// A mark every `step` days, `step` chosen so that labels are at least 82 points apart
/// (egui_plot fades out labels closer than 80).
#[allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "day indexes"
)]
fn day_marks(days: usize, width: f32, bounds: (f64, f64)) -> Vec<egui_plot::GridMark> {
    let per_day = (width - 40.0).max(40.0) / days.max(1) as f32;
    let step = [1, 2, 3, 7, 14, 30, 61, 91, 182]
        .into_iter()
        .find(|s| *s as f32 * per_day >= 82.0)
        .unwrap_or(365);
    let (lo, hi) = (bounds.0.max(0.0).ceil() as usize, bounds.1.max(0.0).floor() as usize);
    (lo..=hi.min(days.saturating_sub(1)))
        .filter(|d| d % step == 0)
        .map(|d| egui_plot::GridMark { value: d as f64, step_size: step as f64 })
        .collect()
}

#[allow(clippy::cast_possible_truncation, reason = "day indexes")]
fn day_at(first: NaiveDate, x: f64) -> String {
    if x < 0.0 || x.fract().abs() > 0.01 {
        return String::new();
    }
    (first + Duration::days(x.round() as i64)).format("%b %-d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_get_whole_marks() {
        let values = |b| count_marks(b).iter().map(|m| m.value).collect::<Vec<f64>>();
        assert_eq!(values((0.0, 3.9)), [0.0, 1.0, 2.0, 3.0]);
        assert_eq!(values((-0.2, 1.3)), [0.0, 1.0]);
        assert_eq!(values((0.0, 130.0)), [0.0, 50.0, 100.0]);
        assert_eq!(values((0.0, 12.0)), [0.0, 5.0, 10.0]);
    }
}
