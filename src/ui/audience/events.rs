//! Events (PutEvents for one endpoint) and the project's event stream.

use egui::RichText;

use super::{AudienceAction, AudienceScreen, TARGET};
use crate::ui::action::Action;
use crate::ui::error_view::{ErrorChoice, Offer, error_panel};
use crate::ui::tasks::Task;
use crate::ui::theme;
use crate::ui::widgets::{busy_button, error_label, form_row};

pub(super) fn events(
    ui: &mut egui::Ui,
    screen: &mut AudienceScreen,
    busy: &dyn Fn(Task) -> bool,
    actions: &mut Vec<Action>,
) {
    ui.heading("Test event");
    let [endpoint, kind, attributes, metrics] = &mut screen.event;
    form_row(ui, "Event endpoint id", endpoint, "ep-1", None);
    form_row(ui, "Event type", kind, "purchase", None);
    form_row(ui, "Event attributes", attributes, "name=value, name=value", None);
    form_row(ui, "Event metrics", metrics, "name=number, name=number", None);
    if busy_button(ui, "Send event", busy(Task::Audience)) {
        let mut event = aws_sdk_pinpoint::types::Event::builder()
            .event_type(kind.trim())
            .timestamp(chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true));
        for pair in attributes.split(',').filter_map(|p| p.split_once('=')) {
            event = event.attributes(pair.0.trim(), pair.1.trim());
        }
        for pair in metrics.split(',').filter_map(|p| p.split_once('=')) {
            if let Ok(v) = pair.1.trim().parse::<f64>() {
                event = event.metrics(pair.0.trim(), v);
            }
        }
        if endpoint.trim().is_empty() || kind.trim().is_empty() {
            screen.event_error = Some("An endpoint id and an event type are required".into());
        } else {
            screen.event_error = None;
            actions.push(Action::Audience(AudienceAction::PutEvent(
                endpoint.trim().to_owned(),
                Box::new(event.build()),
            )));
        }
    }
    if screen.event_error.is_some() && !endpoint.trim().is_empty() && !kind.trim().is_empty() {
        // The message said what was missing: filled in, it goes.
        screen.event_error = None;
    }
    if let Some(m) = &screen.event_error {
        error_label(ui, m);
    }
    for (item, code, message) in &screen.event_results {
        let color = if *code == 202 { theme::OK } else { theme::ERROR };
        ui.label(RichText::new(format!("{item}: {code} {message}")).color(color));
    }
    ui.separator();
    ui.heading("Event stream");
    if let Some(error) = &screen.stream_error {
        let offer = Offer { retry: true, change_connection: false };
        let what = "Could not load the event stream";
        if error_panel(ui, "event_stream", what, error, TARGET, offer) == Some(ErrorChoice::Retry)
            && !busy(Task::Audience)
        {
            screen.stream_error = None;
        }
        return;
    }
    match &screen.stream_loaded {
        None => {
            if !busy(Task::Audience) {
                // Loaded when first shown (and again after Retry).
                actions.push(Action::Audience(AudienceAction::GetEventStream));
            }
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Loading the event stream…");
            });
        }
        Some(None) => {
            ui.label(RichText::new("No event stream is configured.").color(theme::MUTED));
        }
        Some(Some(arn)) => {
            ui.label(RichText::new(format!("Streaming to {arn}")).color(theme::OK));
        }
    }
    let [destination, role] = &mut screen.stream;
    form_row(ui, "Destination ARN", destination, "arn:aws:kinesis:…:stream/NAME", None);
    form_row(ui, "Role ARN", role, "arn:aws:iam::ACCOUNT:role/NAME", None);
    ui.horizontal(|ui| {
        // Ctrl+S (Cmd+S) saves, as in every form that can be saved.
        let shortcut =
            !busy(Task::Audience) && ui.input_mut(|i| i.consume_shortcut(&theme::SAVE_SHORTCUT));
        if busy_button(ui, "Save stream", busy(Task::Audience)) || shortcut {
            actions.push(Action::Audience(AudienceAction::PutEventStream(
                destination.trim().to_owned(),
                role.trim().to_owned(),
            )));
        }
        if matches!(screen.stream_loaded, Some(Some(_)))
            && ui.add(crate::ui::widgets::danger_button("Delete stream")).clicked()
        {
            actions.push(Action::Audience(AudienceAction::DeleteEventStream));
        }
    });
}
