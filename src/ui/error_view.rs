//! How a failed call is shown to a person: the plain sentence of `ApiError::explain`, what to
//! do next, the buttons that do it, and the technical detail behind a "Details" toggle with a
//! copy button. Placed where the failure happened, by the screen that owns it.

use egui::RichText;

use super::theme;
use crate::api::ApiError;

/// What the person chose in an error panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorChoice {
    /// Run the failed call again.
    Retry,
    /// Open the connection dialog.
    ChangeConnection,
}

/// Which buttons an error panel offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Offer {
    /// A Retry button (only shown when retrying may help).
    pub retry: bool,
    /// A "Change connection…" button.
    pub change_connection: bool,
}

/// Draws `error` as a panel: "`what`: headline", the next step, the offered buttons and the
/// details. `target` names what was being reached (an endpoint URL, "the demo mock").
pub fn error_panel(
    ui: &mut egui::Ui,
    id: &str,
    what: &str,
    error: &ApiError,
    target: &str,
    offer: Offer,
) -> Option<ErrorChoice> {
    let explained = error.explain(target);
    let mut choice = None;
    egui::Frame::group(ui.style()).stroke(egui::Stroke::new(1.0, theme::ERROR)).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(format!("{what}. {}", explained.headline)).color(theme::ERROR));
        ui.label(&explained.next_step);
        ui.horizontal_wrapped(|ui| {
            if offer.retry && ui.button("Retry").clicked() {
                choice = Some(ErrorChoice::Retry);
            }
            if offer.change_connection && ui.button("Change connection…").clicked() {
                choice = Some(ErrorChoice::ChangeConnection);
            }
        });
        details(ui, id, &explained.detail);
    });
    choice
}

/// The technical detail of an error, folded, with a copy button.
pub fn details(ui: &mut egui::Ui, id: &str, detail: &str) {
    egui::CollapsingHeader::new(RichText::new("Details").color(theme::MUTED))
        .id_salt(("error-details", id))
        .default_open(false)
        .show(ui, |ui| {
            ui.add(egui::Label::new(RichText::new(detail).monospace().color(theme::MUTED)).wrap());
            if ui.small_button("Copy details").clicked() {
                ui.ctx().copy_text(detail.to_owned());
            }
        });
}

/// Shows a failed call inline: the plain sentence and next step in the error colour, the
/// technical detail (error type, message, request id) folded under "Details".
pub fn api_error(ui: &mut egui::Ui, error: &ApiError) {
    let explained = error.explain("the service");
    ui.label(
        RichText::new(format!("{} {}", explained.headline, explained.next_step))
            .color(theme::ERROR),
    );
    details(ui, &explained.detail, &explained.detail);
}
