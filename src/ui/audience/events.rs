//! Events (PutEvents for one endpoint) and the project's event stream.

use egui::RichText;

use super::{AudienceAction, AudienceScreen};
use crate::ui::action::Action;
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
            screen.errors.add("event", "An endpoint id and an event type are required");
        } else {
            screen.errors.clear();
            actions.push(Action::Audience(AudienceAction::PutEvent(
                endpoint.trim().to_owned(),
                Box::new(event.build()),
            )));
        }
    }
    if let Some(m) = screen.errors.get("event") {
        error_label(ui, m);
    }
    for (item, code, message) in &screen.event_results {
        let color = if *code == 202 { theme::OK } else { theme::ERROR };
        ui.label(RichText::new(format!("{item}: {code} {message}")).color(color));
    }
    ui.separator();
    ui.heading("Event stream");
    match &screen.stream_loaded {
        None => {
            ui.label("Loading…");
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
        if busy_button(ui, "Save stream", busy(Task::Audience)) {
            actions.push(Action::Audience(AudienceAction::PutEventStream(
                destination.trim().to_owned(),
                role.trim().to_owned(),
            )));
        }
        if matches!(screen.stream_loaded, Some(Some(_))) && ui.button("Delete stream").clicked() {
            actions.push(Action::Audience(AudienceAction::DeleteEventStream));
        }
    });
}
