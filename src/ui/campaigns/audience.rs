//! The top of the campaign form: name and description, the segment and its version, and how the
//! segment splits between the control, the treatments and the holdout.

use super::SegmentChoice;
use crate::drafts::FieldErrors;
use crate::drafts::campaign::CampaignDraft;
use crate::ui::theme;
use crate::ui::widgets::{
    error_label, field_error, field_label, field_note, form_row, split_bar, text_area_row,
};

/// Draws the fields above the tabs.
pub fn show(
    ui: &mut egui::Ui,
    d: &mut CampaignDraft,
    segments: &[SegmentChoice],
    errors: &FieldErrors,
) {
    form_row(ui, "Campaign name", &mut d.name, "Spring sale", errors.get("name"));
    text_area_row(ui, "Description", &mut d.description, 2, None);
    segment(ui, d, segments, errors);
    segment_version(ui, d, segments, errors);
    form_row(ui, "Holdout %", &mut d.holdout, "0", errors.get("holdout"));
    form_row(ui, "Control treatment name", &mut d.treatment_name, "Control", None);
    form_row(ui, "Control description", &mut d.treatment_description, "", None);
    split(ui, d, errors);
}

/// The segment picker; another segment starts at its latest version.
fn segment(
    ui: &mut egui::Ui,
    d: &mut CampaignDraft,
    segments: &[SegmentChoice],
    errors: &FieldErrors,
) {
    let before = d.segment_id.clone();
    ui.horizontal(|ui| {
        let label = field_label(ui, "Segment");
        let shown = segments
            .iter()
            .find(|s| s.id == d.segment_id)
            .map_or_else(|| d.segment_id.clone(), |s| format!("{} (v{})", s.name, s.version));
        egui::ComboBox::from_id_salt("campaign_segment")
            .selected_text(shown)
            .width(theme::FIELD_WIDTH - 8.0)
            .show_ui(ui, |ui| {
                for s in segments {
                    let label = format!("{} (v{})", s.name, s.version);
                    ui.selectable_value(&mut d.segment_id, s.id.clone(), label);
                }
            })
            .response
            .labelled_by(label.id);
    });
    if d.segment_id != before {
        // Versions belong to a segment: another segment starts at its latest.
        d.segment_version.clear();
    }
    if let Some(message) = errors.get("segment") {
        error_label(ui, message);
    }
}

/// The versions the chosen segment has; blank means its latest at each run.
fn segment_version(
    ui: &mut egui::Ui,
    d: &mut CampaignDraft,
    segments: &[SegmentChoice],
    errors: &FieldErrors,
) {
    let latest = segments.iter().find(|s| s.id == d.segment_id).map_or(0, |s| s.version);
    ui.horizontal(|ui| {
        let label = field_label(ui, "Segment version");
        let shown = if d.segment_version.is_empty() {
            "latest".to_owned()
        } else {
            format!("version {}", d.segment_version)
        };
        egui::ComboBox::from_id_salt("campaign_segment_version")
            .selected_text(shown)
            .width(theme::FIELD_WIDTH - 8.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut d.segment_version, String::new(), "latest");
                for v in (1..=latest).rev() {
                    ui.selectable_value(
                        &mut d.segment_version,
                        v.to_string(),
                        format!("version {v}"),
                    );
                }
            })
            .response
            .labelled_by(label.id);
    });
    if let Some(message) = errors.get("segment_version") {
        error_label(ui, message);
    }
}

/// The split bar and its inline refusal.
fn split(ui: &mut egui::Ui, d: &CampaignDraft, errors: &FieldErrors) {
    let split = d.split();
    let mut parts = vec![(
        if d.treatment_name.is_empty() { "Control".to_owned() } else { d.treatment_name.clone() },
        split.control().max(0),
        theme::SPLIT[0],
    )];
    for (i, (t, size)) in d.treatments.iter().zip(&split.treatments).enumerate() {
        let name = if t.name.is_empty() { format!("Treatment {}", i + 1) } else { t.name.clone() };
        parts.push((name, size.unwrap_or(0), theme::SPLIT[(i + 1) % theme::SPLIT.len()]));
    }
    parts.push(("Holdout".to_owned(), split.holdout.unwrap_or(0), theme::HOLDOUT));
    ui.horizontal(|ui| {
        field_label(ui, "Split");
        split_bar(ui, &parts);
    });
    let summary: Vec<String> = parts.iter().map(|(n, p, _)| format!("{n} {p}%")).collect();
    field_note(ui, &summary.join(" · "));
    if split.allocated() > 100 || errors.get("split").is_some() {
        let live = format!(
            "Treatments and holdout add up to {}%: the segment has only 100%",
            split.allocated()
        );
        field_error(ui, Some(errors.get("split").unwrap_or(&live)));
    }
}
