//! House widgets, so forms do not re-spell layout: `form_row`, `error_label`, `busy_button`,
//! `status_light`.

use egui::{Response, RichText, TextEdit, Ui, Widget};

use super::theme;

/// One labelled single-line field with its inline error below. The field is tied to its
/// label for screen readers (and tests) and keeps whatever was typed.
pub fn form_row(
    ui: &mut Ui,
    label: &str,
    value: &mut String,
    hint: &str,
    error: Option<&str>,
) -> Response {
    let response = ui
        .horizontal(|ui| {
            let label_response = field_label(ui, label);
            let mut edit =
                TextEdit::singleline(value).hint_text(hint).desired_width(theme::FIELD_WIDTH);
            if error.is_some() {
                edit = edit.text_color(theme::ERROR);
            }
            edit.ui(ui).labelled_by(label_response.id)
        })
        .inner;
    if let Some(message) = error {
        ui.horizontal(|ui| {
            ui.add_space(theme::LABEL_WIDTH + ui.spacing().item_spacing.x);
            error_label(ui, message);
        });
    }
    response
}

/// A form label padded to the house label width, so the fields after it line up.
pub fn field_label(ui: &mut Ui, label: &str) -> Response {
    let response = ui.label(label);
    ui.add_space((theme::LABEL_WIDTH - response.rect.width()).max(0.0));
    response
}

/// An error message in the error colour.
pub fn error_label(ui: &mut Ui, message: &str) -> Response {
    ui.label(RichText::new(message).color(theme::ERROR))
}

/// A button that shows a spinner and ignores clicks while `busy`; returns true on a click
/// that should act.
pub fn busy_button(ui: &mut Ui, label: &str, busy: bool) -> bool {
    ui.horizontal(|ui| {
        let clicked = ui.add_enabled(!busy, egui::Button::new(label)).clicked();
        if busy {
            ui.spinner();
        }
        clicked && !busy
    })
    .inner
}

/// The connection's health, as a coloured dot with a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Light {
    /// Answering.
    Online,
    /// Connecting or first call in flight.
    Pending,
    /// Unreachable or not configured.
    Offline,
}

/// Draws a status light with its word.
pub fn status_light(ui: &mut Ui, light: Light) -> Response {
    let (color, word) = match light {
        Light::Online => (theme::OK, "online"),
        Light::Pending => (theme::WARN, "connecting"),
        Light::Offline => (theme::ERROR, "unreachable"),
    };
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
        ui.painter().circle_filled(rect.center(), 5.0, color);
        ui.label(RichText::new(word).color(color))
    })
    .inner
}

/// A section heading with space above it.
pub fn section(ui: &mut Ui, title: &str) {
    ui.add_space(theme::SECTION_GAP);
    ui.heading(title);
}
