//! The table of all endpoints of a project (a mock extension: the service has no listing).
//! Rows are compact copies, and the table is virtualized: only the visible rows are laid out,
//! so 100,000 rows scroll like 100.

use egui::RichText;
use egui_extras::{Column, TableBuilder};

use super::theme;
use crate::api::EndpointRow;

/// What a column shows of a row.
type Cell = fn(&EndpointRow) -> &str;

/// The width under which the minor columns (User, Platform) are left out, so the rest fit.
const NARROW: f32 = 760.0;

/// Draws the table of `rows` (already filtered); returns the id of a row whose Open button
/// was clicked. On a narrow window the minor columns are left out (the endpoint's page shows
/// them).
pub fn show(ui: &mut egui::Ui, rows: &[&EndpointRow]) -> Option<String> {
    let mut open = None;
    let narrow = theme::visible_width(ui) < NARROW;
    let columns: Vec<(&str, f32, Cell)> = [
        ("Id", 130.0, (|r| r.id.as_str()) as Cell, false),
        ("Address", 130.0, |r| r.address.as_str(), false),
        ("User", 130.0, |r| r.user.as_str(), true),
        ("Channel", 80.0, |r| r.channel.as_str(), false),
        ("Platform", 80.0, |r| r.platform.as_str(), true),
        ("Country", 80.0, |r| r.country.as_str(), false),
    ]
    .into_iter()
    .filter(|c| !(narrow && c.3))
    .map(|(title, width, cell, _)| (title, width, cell))
    .collect();
    let mut table =
        TableBuilder::new(ui).id_salt("all_endpoints").striped(true).column(Column::exact(60.0));
    for (_, width, _) in &columns {
        table = table.column(Column::initial(*width).resizable(true));
    }
    table
        .column(Column::remainder())
        .max_scroll_height(480.0)
        .header(20.0, |mut h| {
            h.col(|_| {});
            for title in columns.iter().map(|c| c.0).chain(["Opt-out"]) {
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
                for (_, _, cell) in &columns {
                    row.col(|ui| {
                        // One line a row: a long address is elided, whole on hover.
                        ui.add(egui::Label::new(cell(r)).truncate());
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
