//! The delivery funnel: sent → delivered → opened → clicked, drawn with the painter as bars
//! whose widths are the shares of what was sent.

use egui::{RichText, Sense, vec2};

use crate::drafts::analytics::KpiUnit;
use crate::ui::kpi_view::{KpiView, format_value};
use crate::ui::theme;

/// The funnel's stages and the KPIs that add up to each (transactional email and SMS).
const STAGES: [(&str, &[&str]); 4] = [
    ("Sent", &["txn-emails-sent-grouped-by-date", "txn-sms-sent-grouped-by-date"]),
    ("Delivered", &["txn-emails-delivered-grouped-by-date", "txn-sms-delivered-grouped-by-date"]),
    ("Opened", &["txn-emails-opened-grouped-by-date"]),
    ("Clicked", &["txn-emails-clicked-grouped-by-date"]),
];

/// Each stage's figure, `None` where none of its KPIs answered.
#[must_use]
pub fn stages(view: &KpiView) -> Vec<(&'static str, Option<f64>)> {
    STAGES
        .iter()
        .map(|(label, names)| {
            let found: Vec<f64> = names.iter().filter_map(|n| view.total(n)).collect();
            (*label, (!found.is_empty()).then(|| found.iter().sum()))
        })
        .collect()
}

/// Draws the funnel.
pub fn show(ui: &mut egui::Ui, view: &KpiView) {
    ui.label(RichText::new("Delivery funnel · transactional email and SMS").strong());
    let stages = stages(view);
    let top = stages.first().and_then(|(_, v)| *v).unwrap_or(0.0).max(1.0);
    let width = (theme::visible_width(ui) - 300.0).clamp(80.0, 600.0);
    for (label, value) in stages {
        ui.horizontal(|ui| {
            ui.add_sized([90.0, 18.0], egui::Label::new(label));
            let (rect, response) = ui.allocate_exact_size(vec2(width, 18.0), Sense::hover());
            let painter = ui.painter();
            painter.rect_filled(rect, 3.0, ui.visuals().faint_bg_color);
            #[allow(clippy::cast_possible_truncation, reason = "a share of a few hundred pixels")]
            let share = (value.unwrap_or(0.0) / top).clamp(0.0, 1.0) as f32;
            let mut filled = rect;
            filled.set_width(rect.width() * share);
            painter.rect_filled(filled, 3.0, theme::ACCENT);
            let text = value.map_or_else(
                || "— (choose its KPIs)".to_owned(),
                |v| {
                    format!(
                        "{} ({:.0} % of sent)",
                        format_value(v, KpiUnit::Count),
                        v / top * 100.0
                    )
                },
            );
            response.on_hover_text(&text);
            ui.label(text);
        });
    }
    ui.label(
        RichText::new(
            "Events per type: the date-range KPIs have no per-event rows (the event stream \
             carries them), so none are charted here.",
        )
        .small()
        .color(theme::MUTED),
    );
}
