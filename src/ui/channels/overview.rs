//! The overview of every channel at the top of the section, from one GetChannels call: type,
//! enabled, last change and version (voice and channels the console has no form for too).

use egui::RichText;

use super::ChannelsScreen;
use crate::ui::theme;

/// Draws the overview table (or why it could not be read).
pub fn show(ui: &mut egui::Ui, screen: &ChannelsScreen) {
    egui::CollapsingHeader::new("Overview of all channels")
        .id_salt("channel_overview")
        .default_open(true)
        .show(ui, |ui| match &screen.overview {
            None => {
                ui.label(RichText::new("Reading GetChannels…").color(theme::MUTED));
            }
            Some(Err(error)) => {
                let explained = error.explain(super::TARGET);
                crate::ui::widgets::error_label(
                    ui,
                    &format!("Could not read the overview: {}", explained.headline),
                );
            }
            Some(Ok(rows)) if rows.is_empty() => {
                ui.label(RichText::new("No channel is configured yet.").color(theme::MUTED));
            }
            Some(Ok(rows)) => {
                egui::Grid::new("channel_overview_grid").num_columns(4).striped(true).show(
                    ui,
                    |ui| {
                        for head in ["Type", "Enabled", "Last change", "Version"] {
                            ui.label(RichText::new(head).strong());
                        }
                        ui.end_row();
                        for row in rows {
                            ui.label(&row.channel);
                            let (word, color) =
                                if row.enabled { ("yes", theme::OK) } else { ("no", theme::WARN) };
                            ui.label(RichText::new(word).color(color));
                            ui.label(if row.last_modified.is_empty() {
                                "—"
                            } else {
                                &row.last_modified
                            });
                            ui.label(row.version.map_or_else(|| "—".to_owned(), |v| v.to_string()));
                            ui.end_row();
                        }
                    },
                );
            }
        });
    ui.separator();
}
