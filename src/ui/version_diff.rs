//! The versions of a campaign or segment and a member-by-member diff of any two, shared by
//! both editors.

use egui::RichText;
use serde_json::Value;

use super::theme;
use crate::drafts::diff::diff;

/// One version as the list and the diff show it.
#[derive(Debug, Clone)]
pub struct Version {
    /// "Version 3 · 2026-11-26T06:13:50Z".
    pub label: String,
    /// Its request body as JSON.
    pub body: Value,
}

/// Lists `versions` (newest first) and compares two of them; `compare` holds the indexes of the
/// older and the newer side and keeps the user's choice between frames.
/// `failed` says why the versions could not be read.
pub fn show(
    ui: &mut egui::Ui,
    noun: &str,
    versions: &[Version],
    compare: &mut (usize, usize),
    failed: Option<&str>,
) {
    if let Some(error) = failed {
        ui.label(
            RichText::new(format!("The versions could not be read. {error}")).color(theme::ERROR),
        );
        return;
    }
    if versions.is_empty() {
        ui.label(RichText::new("Loading versions…").color(theme::MUTED));
        return;
    }
    for v in versions {
        ui.label(&v.label);
    }
    ui.add_space(8.0);
    compare_two(ui, noun, versions, compare);
}

/// The two version pickers and the diff of what they name (`versions` not empty).
pub fn compare_two(
    ui: &mut egui::Ui,
    noun: &str,
    versions: &[Version],
    compare: &mut (usize, usize),
) {
    let n = versions.len();
    if n == 0 {
        return;
    }
    let (mut older, mut newer) = (compare.0.min(n - 1), compare.1.min(n - 1));
    ui.horizontal(|ui| {
        for (side, which, salt) in [(&mut older, "Compare", "older"), (&mut newer, "with", "newer")]
        {
            let label = ui.label(if which == "Compare" {
                format!("Compare {noun}")
            } else {
                which.to_owned()
            });
            egui::ComboBox::from_id_salt(salt)
                .selected_text(versions[*side].label.clone())
                .show_ui(ui, |ui| {
                    for (i, v) in versions.iter().enumerate() {
                        ui.selectable_value(side, i, &v.label);
                    }
                })
                .response
                .labelled_by(label.id);
        }
    });
    *compare = (older, newer);
    let changes = diff(&versions[older].body, &versions[newer].body);
    if changes.is_empty() {
        ui.label(RichText::new("No member differs.").color(theme::MUTED));
        return;
    }
    ui.label(format!("{} member(s) differ", changes.len()));
    egui::Grid::new("version_diff").striped(true).num_columns(3).spacing([16.0, 4.0]).show(
        ui,
        |ui| {
            ui.label(RichText::new("Member").strong());
            ui.label(RichText::new(&versions[older].label).strong());
            ui.label(RichText::new(&versions[newer].label).strong());
            ui.end_row();
            for c in &changes {
                ui.label(RichText::new(&c.path).monospace());
                ui.label(
                    RichText::new(c.before.as_deref().unwrap_or("(absent)")).color(theme::ERROR),
                );
                ui.label(RichText::new(c.after.as_deref().unwrap_or("(absent)")).color(theme::OK));
                ui.end_row();
            }
        },
    );
}
