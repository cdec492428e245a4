//! The mock's outbox: what it delivered, filtered by channel, recipient and campaign.

use egui::RichText;
use egui_extras::{Column, TableBuilder};

use super::MessagingScreen;
use crate::ui::action::Action;
use crate::ui::error_view::{ErrorChoice, Offer, error_panel};
use crate::ui::tasks::Task;
use crate::ui::theme;
use crate::ui::widgets::busy_button;

pub(super) fn outbox(
    ui: &mut egui::Ui,
    screen: &mut MessagingScreen,
    busy: &dyn Fn(Task) -> bool,
) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.label(
        RichText::new(
            "What the mock delivered (a mock-only extension, not part of Pinpoint), newest first.",
        )
        .small()
        .color(theme::MUTED),
    );
    // Wrapped: on a narrow window the button goes under the filters instead of off screen.
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Channel");
        ui.add(
            egui::TextEdit::singleline(&mut screen.outbox_channel)
                .hint_text("SMS, EMAIL …")
                .desired_width(90.0),
        )
        .labelled_by(label.id);
        let label = ui.label("Recipient");
        ui.add(
            egui::TextEdit::singleline(&mut screen.outbox_recipient)
                .hint_text("address or endpoint")
                .desired_width(160.0),
        )
        .labelled_by(label.id);
        let label = ui.label("Campaign");
        ui.add(
            egui::TextEdit::singleline(&mut screen.outbox_campaign)
                .hint_text("campaign id")
                .desired_width(160.0),
        )
        .labelled_by(label.id);
        if theme::visible_width(ui) < 140.0 {
            // The button (a row of its own inside) does not wrap by itself.
            ui.end_row();
        }
        if busy_button(ui, "Refresh outbox", busy(Task::Outbox)) {
            actions.push(Action::LoadOutbox);
        }
    });
    if let Some(error) = &screen.outbox_error {
        let offer = Offer { retry: true, change_connection: false };
        let choice =
            error_panel(ui, "outbox", "Could not load the outbox", error, super::TARGET, offer);
        if choice == Some(ErrorChoice::Retry) && !busy(Task::Outbox) {
            actions.push(Action::LoadOutbox);
        }
        return actions;
    }
    let Some(items) = &screen.outbox else { return actions };
    ui.label(format!("{} messages", items.len()));
    TableBuilder::new(ui)
        .id_salt("outbox")
        .striped(true)
        .columns(Column::auto().at_least(80.0), 4)
        .column(Column::remainder())
        .max_scroll_height(420.0)
        .header(20.0, |mut h| {
            for title in ["Time", "Channel", "Address", "Campaign / request", "Message"] {
                h.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(18.0, items.len(), |mut row| {
                let e = &items[row.index()];
                row.col(|ui| {
                    ui.label(&e.time[..e.time.len().min(19)]);
                });
                row.col(|ui| {
                    ui.label(&e.channel);
                });
                row.col(|ui| {
                    ui.label(&e.address);
                });
                row.col(|ui| {
                    let source = match (&e.campaign_id, &e.request_id) {
                        (Some(c), _) => format!(
                            "campaign {} · {}",
                            &c[..c.len().min(8)],
                            e.treatment_id.as_deref().unwrap_or("0")
                        ),
                        (None, Some(r)) => format!("direct {}", &r[..r.len().min(8)]),
                        _ => String::new(),
                    };
                    ui.label(source);
                });
                row.col(|ui| {
                    let text = match &e.title {
                        Some(t) => format!("{t} — {}", e.body),
                        None => e.body.clone(),
                    };
                    ui.label(text);
                });
            });
        });
    actions
}
