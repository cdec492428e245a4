//! "What would this endpoint see": an endpoint (typed, or picked from the project's endpoints
//! on mock connections) and an event type; GetInAppMessages answers the in-app campaigns the
//! endpoint is entitled to, most urgent first, and each message is drawn as the app would show
//! it (`ui::inapp_form::preview`), or a sentence says why nothing is.

use aws_sdk_pinpoint::types::{
    CampaignResponse, DimensionType, Frequency, InAppMessageCampaign, SetDimension,
};
use egui::RichText;

use super::{CampaignAction, CampaignsScreen};
use crate::api::{ApiError, EndpointRow};
use crate::drafts::inapp::InAppDraft;
use crate::ui::action::Action;
use crate::ui::tasks::Task;
use crate::ui::theme;
use crate::ui::widgets::{busy_button, error_label, field_label, name_for_a11y};

/// The view's state.
#[derive(Debug, Default)]
pub struct InAppView {
    /// The endpoint id as typed.
    pub endpoint_id: String,
    /// The event type as typed (empty: any).
    pub event_type: String,
    /// The project's endpoint ids with a hint (mock), once read.
    pub suggestions: Option<Vec<(String, String)>>,
    /// The last answer: the endpoint asked about and its campaigns.
    pub answer: Option<(String, Vec<InAppMessageCampaign>)>,
    /// Why the last call failed.
    pub error: Option<ApiError>,
    /// Why the form cannot ask yet.
    pub problem: Option<String>,
}

impl InAppView {
    /// Takes the project's endpoints as suggestions.
    pub fn suggest(&mut self, rows: &[EndpointRow]) {
        self.suggestions = Some(
            rows.iter()
                .map(|r| (r.id.clone(), format!("{} {}", r.channel, r.address).trim().to_owned()))
                .collect(),
        );
    }
}

/// The campaigns of the list that are in-app campaigns.
pub(super) fn in_app_campaigns(campaigns: &[CampaignResponse]) -> Vec<&CampaignResponse> {
    campaigns
        .iter()
        .filter(|c| {
            c.schedule().and_then(|s| s.frequency()).map(Frequency::as_str) == Some("IN_APP_EVENT")
        })
        .collect()
}

/// True when the message of `c` is shown on `event` (any event when blank).
fn shown_on(c: &InAppMessageCampaign, event: &str) -> bool {
    let event = event.trim();
    let types = c
        .schedule()
        .and_then(|s| s.event_filter())
        .and_then(|f| f.dimensions())
        .and_then(|d| d.event_type());
    event.is_empty()
        || types.is_none_or(|t| {
            let listed = t.values().iter().any(|v| v == event);
            if t.dimension_type() == Some(&DimensionType::Exclusive) { !listed } else { listed }
        })
}

/// The events a message waits for, as a phrase.
fn events_of(types: Option<&SetDimension>) -> String {
    match types {
        None => "any event".to_owned(),
        Some(t) if t.dimension_type() == Some(&DimensionType::Exclusive) => {
            format!("any event but {}", t.values().join(", "))
        }
        Some(t) => t.values().join(", "),
    }
}

/// Why an endpoint is answered nothing (or nothing on `event`), in one sentence.
fn nothing(
    endpoint: &str,
    event: &str,
    campaigns: &[CampaignResponse],
    other_events: usize,
) -> String {
    if other_events > 0 {
        return format!(
            "Endpoint {endpoint} would see nothing on “{}”: its {other_events} in-app message(s) \
             wait for other events (clear the event type to see them).",
            event.trim()
        );
    }
    let in_app = in_app_campaigns(campaigns);
    if in_app.is_empty() {
        return format!(
            "Endpoint {endpoint} would see nothing: the project has no in-app campaign (one with \
             an in-app message and the IN_APP_EVENT frequency)."
        );
    }
    let paused = in_app.iter().filter(|c| c.is_paused() == Some(true)).count();
    let paused = if paused > 0 { format!(" {paused} of them paused;") } else { String::new() };
    format!(
        "Endpoint {endpoint} would see nothing from the project's {} in-app campaign(s):{paused} \
         the others do not hold the endpoint in their segment (or hold it out), or are outside \
         their schedule.",
        in_app.len()
    )
}

/// The form: endpoint, its suggestions, event type, and the button.
fn form(ui: &mut egui::Ui, view: &mut InAppView, busy: &dyn Fn(Task) -> bool) -> Option<Action> {
    let mut action = None;
    ui.horizontal_wrapped(|ui| {
        let label = field_label(ui, "Endpoint id");
        ui.add(egui::TextEdit::singleline(&mut view.endpoint_id).desired_width(200.0))
            .labelled_by(label.id);
        if let Some(suggestions) = view.suggestions.as_ref().filter(|s| !s.is_empty()) {
            let menu = ui.menu_button("pick", |ui| {
                egui::ScrollArea::vertical().max_height(260.0).show(ui, |ui| {
                    for (id, hint) in suggestions {
                        if ui.button(format!("{id}  {hint}")).clicked() {
                            id.clone_into(&mut view.endpoint_id);
                            ui.close();
                        }
                    }
                });
            });
            name_for_a11y(ui, &menu.response, "Endpoint suggestions");
        }
    });
    ui.horizontal_wrapped(|ui| {
        let label = field_label(ui, "Event type");
        ui.add(
            egui::TextEdit::singleline(&mut view.event_type)
                .hint_text("any event, e.g. _session.start")
                .desired_width(200.0),
        )
        .labelled_by(label.id);
        if busy_button(ui, "Show messages", busy(Task::InAppMessages)) {
            let id = view.endpoint_id.trim();
            if id.is_empty() {
                view.problem = Some("Give an endpoint id.".to_owned());
            } else {
                view.problem = None;
                action = Some(Action::Campaigns(CampaignAction::InAppMessages(id.to_owned())));
            }
        }
    });
    if let Some(problem) = &view.problem {
        error_label(ui, problem);
    }
    action
}

/// One answered message: where it comes from, when it shows, its caps, and its drawing.
fn message(
    ui: &mut egui::Ui,
    rank: usize,
    c: &InAppMessageCampaign,
    campaigns: &[CampaignResponse],
) {
    let id = c.campaign_id().unwrap_or_default();
    let name = campaigns.iter().find(|x| x.id() == Some(id)).and_then(|x| x.name()).unwrap_or(id);
    ui.vertical(|ui| {
        ui.set_width(230.0);
        let priority = c.priority().map_or_else(String::new, |p| format!(" · priority {p}"));
        ui.label(RichText::new(format!("{rank}. {name}{priority}")).strong());
        let events = events_of(
            c.schedule()
                .and_then(|s| s.event_filter())
                .and_then(|f| f.dimensions())
                .and_then(|d| d.event_type()),
        );
        ui.label(RichText::new(format!("On {events}")).color(theme::MUTED));
        let caps: Vec<String> =
            [(c.session_cap(), "a session"), (c.daily_cap(), "a day"), (c.total_cap(), "in all")]
                .into_iter()
                .filter_map(|(n, per)| n.filter(|n| *n > 0).map(|n| format!("{n} {per}")))
                .collect();
        let caps = if caps.is_empty() {
            "No caps".to_owned()
        } else {
            format!("At most {}", caps.join(" · "))
        };
        ui.label(RichText::new(caps).color(theme::MUTED));
        let draft = c.in_app_message().map(InAppDraft::from).unwrap_or_default();
        crate::ui::inapp_form::preview_sized(ui, &draft, egui::vec2(220.0, 340.0));
    });
}

/// Draws the view.
pub(super) fn show(
    ui: &mut egui::Ui,
    screen: &mut CampaignsScreen,
    is_mock: bool,
    busy: &dyn Fn(Task) -> bool,
) -> Vec<Action> {
    let mut actions = Vec::new();
    let campaigns = screen.campaigns.clone().unwrap_or_default();
    let Some(view) = &mut screen.in_app else { return actions };
    if ui.button("< All campaigns").clicked() {
        screen.in_app = None;
        return actions;
    }
    ui.heading("What would this endpoint see");
    ui.label(
        RichText::new(
            "The in-app messages GetInAppMessages answers for an endpoint: the unpaused in-app \
             campaigns within their schedule whose segment holds it, most urgent first. The app \
             shows one when its event happens, and counts the caps itself.",
        )
        .color(theme::MUTED),
    );
    if is_mock && view.suggestions.is_none() && !busy(Task::InAppEndpoints) {
        view.suggestions = Some(Vec::new());
        actions.push(Action::Campaigns(CampaignAction::EndpointIds));
    }
    actions.extend(form(ui, view, busy));
    if let Some(error) = &view.error {
        crate::ui::error_view::api_error(ui, error);
    }
    let Some((endpoint, answered)) = &view.answer else { return actions };
    ui.separator();
    let shown: Vec<&InAppMessageCampaign> =
        answered.iter().filter(|c| shown_on(c, &view.event_type)).collect();
    if shown.is_empty() {
        let other = answered.len();
        ui.label(nothing(endpoint, &view.event_type, &campaigns, other));
        return actions;
    }
    ui.label(format!(
        "Endpoint {endpoint} would be shown {} message(s), most urgent first:",
        shown.len()
    ));
    ui.horizontal_wrapped(|ui| {
        for (i, c) in shown.iter().enumerate() {
            message(ui, i + 1, c, &campaigns);
        }
    });
    actions
}

#[cfg(test)]
mod tests {
    use aws_sdk_pinpoint::types::{
        CampaignEventFilter, EventDimensions, Frequency, InAppCampaignSchedule, Schedule,
    };

    use super::*;

    fn answered(kind: DimensionType, events: &[&str]) -> InAppMessageCampaign {
        let types = SetDimension::builder()
            .dimension_type(kind)
            .set_values(Some(events.iter().map(|e| (*e).to_owned()).collect()))
            .build();
        let filter = CampaignEventFilter::builder()
            .dimensions(EventDimensions::builder().event_type(types).build())
            .build();
        InAppMessageCampaign::builder()
            .campaign_id("c1")
            .schedule(InAppCampaignSchedule::builder().event_filter(filter).build())
            .build()
    }

    #[test]
    fn messages_follow_their_event_filter_and_nothing_says_why() {
        let inclusive = answered(DimensionType::Inclusive, &["purchase"]);
        assert!(shown_on(&inclusive, "") && shown_on(&inclusive, "purchase"));
        assert!(!shown_on(&inclusive, "_session.start"));
        let exclusive = answered(DimensionType::Exclusive, &["purchase"]);
        assert!(!shown_on(&exclusive, "purchase") && shown_on(&exclusive, "login"));
        assert!(nothing("ep", "login", &[], 1).contains("other events"));
        assert!(nothing("ep", "", &[], 0).contains("no in-app campaign"));
        let in_app = CampaignResponse::builder()
            .id("c1")
            .is_paused(true)
            .schedule(Schedule::builder().frequency(Frequency::InAppEvent).build())
            .build();
        let sentence = nothing("ep", "", &[in_app], 0);
        assert!(sentence.contains("1 in-app campaign(s): 1 of them paused"), "{sentence}");
    }
}
