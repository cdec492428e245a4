//! The review step of a send to more than one recipient: who, what and when, then an
//! explicit "Send to N recipients". Cancel goes back to the composer with everything kept;
//! nothing is sent before the confirmation.

use egui::RichText;

use super::MessagingScreen;
use crate::drafts::message::review::recipients;
use crate::ui::action::Action;
use crate::ui::theme;

fn row(ui: &mut egui::Ui, title: &str, add: impl FnOnce(&mut egui::Ui)) {
    ui.horizontal_top(|ui| {
        ui.add_sized([60.0, 18.0], egui::Label::new(RichText::new(title).strong()));
        ui.vertical(add);
    });
    ui.add_space(6.0);
}

pub(super) fn review(ui: &mut egui::Ui, screen: &mut MessagingScreen) -> Vec<Action> {
    let mut actions = Vec::new();
    let Some(review) = &screen.review else { return actions };
    let mut close = false;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.heading("Review before sending");
        ui.label(
            RichText::new("Nothing has been sent yet. Check who gets what, then confirm.")
                .color(theme::MUTED),
        );
        ui.add_space(theme::SECTION_GAP);
        row(ui, "Who", |ui| {
            ui.label(review.who());
            let mut first = review.first.join(", ");
            let more = review.count.saturating_sub(review.first.len());
            if more > 0 {
                first = format!("{first} … and {more} more");
            }
            ui.label(RichText::new(first).monospace());
        });
        row(ui, "What", |ui| {
            for m in &review.messages {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(m.family).strong());
                    let source = if m.fallback { " · the default message" } else { "" };
                    ui.label(
                        RichText::new(format!("to {}{source}", m.used_for)).color(theme::MUTED),
                    );
                });
                if let Some(title) = &m.title {
                    ui.label(RichText::new(title).strong());
                }
                ui.label(&m.body);
                ui.add_space(4.0);
            }
            if review.overridden > 0 {
                ui.label(format!(
                    "{} {} their own body or title (per-recipient overrides).",
                    recipients(review.overridden),
                    if review.overridden == 1 { "has" } else { "have" }
                ));
            }
            for (channel, n) in &review.unserved {
                ui.label(
                    RichText::new(format!(
                        "{channel}: no message for this channel, so {} on it will get nothing. \
                         Write one, or a default message.",
                        if *n == 1 {
                            "the address".to_owned()
                        } else {
                            format!("the {n} addresses")
                        }
                    ))
                    .color(theme::WARN),
                );
            }
        });
        row(ui, "When", |ui| {
            ui.label(review.when());
        });
        ui.horizontal(|ui| {
            if ui.button(RichText::new(review.confirm_label()).strong()).clicked() {
                actions.push(Action::StartSend(review.batches.clone()));
                close = true;
            }
            if ui.button("Cancel").on_hover_text("Back to the composer; nothing is lost").clicked()
            {
                close = true;
            }
        });
    });
    if close {
        screen.review = None;
    }
    actions
}
