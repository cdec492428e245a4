//! The Versions tab: every version with its last change, "Open" (view it in the form) and
//! "Make active" (UpdateTemplateActiveVersion), and a member-by-member diff of any two
//! (`version_diff`, shared with the campaign and segment editors).

use egui::RichText;

use super::state::TemplateEditor;
use crate::ui::action::{Action, TemplateAction};
use crate::ui::theme;
use crate::ui::version_diff::{self, Version};
use crate::ui::widgets::name_for_a11y;

/// Draws the tab; `busy` while a save or a change of the active version runs.
pub(super) fn show(ui: &mut egui::Ui, e: &mut TemplateEditor, busy: bool) -> Vec<Action> {
    let mut actions = Vec::new();
    let Some(stored) = &e.stored else {
        ui.label(
            RichText::new("Versions appear once the template is created.").color(theme::MUTED),
        );
        return actions;
    };
    let (name, kind) = (stored.name.clone(), stored.kind);
    if !e.versions.is_empty() {
        egui::Grid::new("template_versions")
            .striped(true)
            .num_columns(4)
            .spacing([14.0, 4.0])
            .show(ui, |ui| {
                for v in &e.versions {
                    let active = v.version == e.active_version;
                    let label = if active {
                        format!("Version {} (active)", v.version)
                    } else {
                        format!("Version {}", v.version)
                    };
                    ui.label(RichText::new(label).strong());
                    ui.label(RichText::new(&v.last_modified).color(theme::MUTED));
                    let open = ui.button("Open");
                    name_for_a11y(ui, &open, &format!("Open version {}", v.version));
                    if open.clicked() {
                        actions.push(Action::Templates(TemplateAction::Open {
                            name: name.clone(),
                            kind,
                            version: Some(v.version.clone()),
                        }));
                    }
                    let make = ui.add_enabled(!active && !busy, egui::Button::new("Make active"));
                    name_for_a11y(ui, &make, &format!("Make version {} active", v.version));
                    if make.clicked() {
                        actions.push(Action::Templates(TemplateAction::SetActive {
                            name: name.clone(),
                            kind,
                            version: v.version.clone(),
                        }));
                    }
                    ui.end_row();
                }
            });
        ui.add_space(8.0);
    }
    let versions: Vec<Version> = e
        .versions
        .iter()
        .map(|v| Version {
            label: format!("Version {} · {}", v.version, v.last_modified),
            body: v.body.clone(),
        })
        .collect();
    if let Some(error) = &e.versions_error {
        crate::ui::widgets::error_label(ui, &format!("The versions could not be read. {error}"));
    } else if versions.is_empty() {
        ui.label(RichText::new("Loading versions…").color(theme::MUTED));
    } else {
        version_diff::compare_two(ui, "version", &versions, &mut e.compare);
    }
    actions
}
