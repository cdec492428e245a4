//! The per-recipient results of a send: filterable, and exportable to a CSV file.

use egui::RichText;
use egui_extras::{Column, TableBuilder};

use super::MessagingScreen;
use crate::api::ResultRow;
use crate::ui::action::Action;
use crate::ui::theme;
use crate::ui::widgets::error_label;

pub(super) fn results(ui: &mut egui::Ui, screen: &mut MessagingScreen) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.separator();
    ui.horizontal(|ui| {
        ui.heading("Results");
        let label = ui.label("Filter results");
        ui.add(
            egui::TextEdit::singleline(&mut screen.filter)
                .hint_text("status, address …")
                .desired_width(180.0),
        )
        .labelled_by(label.id);
        let label = ui.label("CSV path");
        let path = ui
            .add(
                egui::TextEdit::singleline(&mut screen.export_path)
                    .hint_text("/tmp/results.csv")
                    .desired_width(200.0),
            )
            .labelled_by(label.id);
        if path.changed() {
            // The message was about the path as it was.
            screen.export_error = None;
        }
        if ui.button("Export CSV").clicked() {
            if screen.export_path.trim().is_empty() {
                screen.export_error =
                    Some("Enter the path of the CSV file to write, then export again.".to_owned());
            } else {
                screen.export_error = None;
                actions.push(Action::WriteTextFile {
                    path: screen.export_path.trim().into(),
                    contents: csv_text(&screen.rows),
                });
            }
        }
    });
    if let Some(message) = &screen.export_error {
        error_label(ui, message);
    }
    let needle = screen.filter.to_lowercase();
    let rows: Vec<&ResultRow> = screen
        .rows
        .iter()
        .filter(|r| {
            needle.is_empty()
                || format!(
                    "{} {} {} {} {}",
                    r.recipient,
                    r.address,
                    r.status,
                    r.message,
                    r.endpoint.as_deref().unwrap_or("")
                )
                .to_lowercase()
                .contains(&needle)
        })
        .collect();
    TableBuilder::new(ui)
        .id_salt("results")
        .striped(true)
        .columns(Column::auto().at_least(90.0), 5)
        .column(Column::remainder())
        .max_scroll_height(300.0)
        .header(20.0, |mut h| {
            for title in ["Recipient", "Endpoint", "Address", "Status", "Code", "Message"] {
                h.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(18.0, rows.len(), |mut row| {
                let r = rows[row.index()];
                let color = if r.status == "SUCCESSFUL" { theme::OK } else { theme::ERROR };
                row.col(|ui| {
                    ui.label(&r.recipient);
                });
                row.col(|ui| {
                    ui.label(r.endpoint.as_deref().unwrap_or("—"));
                });
                row.col(|ui| {
                    ui.label(&r.address);
                });
                row.col(|ui| {
                    ui.label(RichText::new(&r.status).color(color));
                });
                row.col(|ui| {
                    ui.label(r.code.to_string());
                });
                row.col(|ui| {
                    ui.label(&r.message).on_hover_text(&r.message_id);
                });
            });
        });
    actions
}

/// The results as CSV (with a header row).
#[must_use]
pub fn csv_text(rows: &[ResultRow]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _header = writer.write_record([
        "recipient",
        "endpoint",
        "address",
        "delivery_status",
        "status_code",
        "status_message",
        "message_id",
    ]);
    for r in rows {
        let code = r.code.to_string();
        let _row = writer.write_record([
            r.recipient.as_str(),
            r.endpoint.as_deref().unwrap_or(""),
            r.address.as_str(),
            r.status.as_str(),
            code.as_str(),
            r.message.as_str(),
            r.message_id.as_str(),
        ]);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}
