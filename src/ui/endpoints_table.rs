//! The table of all endpoints of a project (a mock extension: the service has no listing).
//! Rows are compact copies, and the table is virtualized: only the visible rows are laid out,
//! so 100,000 rows scroll like 100.

use egui::RichText;
use egui_extras::{Column, TableBuilder};

use super::theme;
use crate::api::EndpointRow;

/// Draws the table of `rows` (already filtered); returns the id of a row whose Open button
/// was clicked.
pub fn show(ui: &mut egui::Ui, rows: &[&EndpointRow]) -> Option<String> {
    let mut open = None;
    TableBuilder::new(ui)
        .id_salt("all_endpoints")
        .striped(true)
        .column(Column::exact(60.0))
        .columns(Column::initial(130.0).resizable(true), 3)
        .columns(Column::initial(80.0).resizable(true), 3)
        .column(Column::remainder())
        .max_scroll_height(480.0)
        .header(20.0, |mut h| {
            for title in ["", "Id", "Address", "User", "Channel", "Platform", "Country", "Opt-out"]
            {
                h.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(20.0, rows.len(), |mut row| {
                let r = rows[row.index()];
                row.col(|ui| {
                    if ui
                        .small_button("Open")
                        .on_hover_text(format!("Open endpoint {}", r.id))
                        .clicked()
                    {
                        open = Some(r.id.clone());
                    }
                });
                for text in [&r.id, &r.address, &r.user, &r.channel, &r.platform, &r.country] {
                    row.col(|ui| {
                        ui.label(text.as_str());
                    });
                }
                row.col(|ui| {
                    if r.opted_out {
                        ui.label(RichText::new("ALL").color(theme::WARN));
                    } else {
                        ui.label("NONE");
                    }
                });
            });
        });
    open
}
