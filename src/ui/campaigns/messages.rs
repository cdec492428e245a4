//! The Messages part of the campaign editor: a tab per channel with every member of its
//! message shape (the in-app message with the in-app template's form, `ui::inapp_form`), and a
//! preview of how the message looks (an in-app message drawn on a phone), with `{{…}}` filled
//! from a chosen endpoint or sample values.

use egui::RichText;
use serde_json::{Value, json};

use super::CampaignAction;
use crate::drafts::FieldErrors;
use crate::drafts::campaign::{
    ACTIONS, EmailDraft, MessagesDraft, PUSH_CHANNELS, PushDraft, SMS_TYPES, SmsDraft,
};
use crate::drafts::inapp::InAppDraft;
use crate::pinpoint::render::{Fields, Substitutions, fill};
use crate::ui::action::Action;
use crate::ui::theme;
use crate::ui::widgets::{
    busy_button, choice_row, danger_button, field_note, form_row, text_area_row,
};

/// The values placeholders resolve to when no endpoint is chosen.
pub(super) fn sample_endpoint() -> Value {
    json!({
        "Id": "sample-endpoint",
        "Address": "+12065550100",
        "ChannelType": "SMS",
        "Attributes": {"FirstName": ["Alex"], "interests": ["hiking"]},
        "Demographic": {"Platform": "iOS", "Make": "Apple", "Timezone": "America/Los_Angeles"},
        "Location": {"City": "Seattle", "Country": "US"},
        "User": {"UserId": "sample-user", "UserAttributes": {"FirstName": ["Alex"], "tier": ["gold"]}},
    })
}

/// The preview's source: an endpoint the user names, once read, or sample values.
#[derive(Debug)]
pub struct Preview<'a> {
    /// The endpoint id as typed (`None`: no picker here; the Messages tab's choice applies).
    pub endpoint_id: Option<&'a mut String>,
    /// That endpoint, once read.
    pub loaded: Option<&'a aws_sdk_pinpoint::types::EndpointResponse>,
    /// Why it could not be read.
    pub error: Option<&'a str>,
    /// True while it is read (or when the preview cannot look endpoints up here).
    pub busy: bool,
}

/// Draws the channel tabs, the form of the chosen channel, and its preview.
pub fn show(
    ui: &mut egui::Ui,
    prefix: &str,
    m: &mut MessagesDraft,
    channel: &mut String,
    errors: &FieldErrors,
    source: Preview<'_>,
    under_tabs: &mut dyn FnMut(&mut egui::Ui, &str) -> Vec<Action>,
) -> Vec<Action> {
    let mut actions = Vec::new();
    channel_tabs(ui, prefix, m, channel, errors);
    actions.extend(under_tabs(ui, channel));
    ui.label(
        RichText::new(
            "A starred channel has a message; channels left empty use the default message.",
        )
        .color(theme::MUTED),
    );
    ui.add_space(6.0);
    let member = channel.clone();
    let err = |field: &str| errors.get(&format!("{prefix}{field}"));
    ui.columns(2, |cols| {
        cols[0].push_id(format!("{prefix}{member}"), |ui| match member.as_str() {
            "EmailMessage" => email_form(ui, &mut m.email, &err),
            "CustomMessage" => {
                text_area_row(ui, "Custom data", &mut m.custom, 5, err("CustomMessage.data"));
                field_note(ui, "The JSON payload sent to the custom delivery (Limits & hook tab).");
            }
            "SMSMessage" => sms_form(ui, &mut m.sms, &err),
            "InAppMessage" => in_app_form(ui, prefix, &mut m.in_app_message, errors),
            push => push_form(ui, push, m.push_mut(push), &err),
        });
        actions.extend(preview(&mut cols[1], &member, m, source));
    });
    actions
}

/// A tab per channel: starred when it has a message, red when it holds an error.
fn channel_tabs(
    ui: &mut egui::Ui,
    prefix: &str,
    m: &MessagesDraft,
    channel: &mut String,
    errors: &FieldErrors,
) {
    ui.horizontal_wrapped(|ui| {
        let tabs = PUSH_CHANNELS.iter().copied().chain([
            ("Email", "EmailMessage"),
            ("SMS", "SMSMessage"),
            ("Custom", "CustomMessage"),
            ("In-app", "InAppMessage"),
        ]);
        for (label, member) in tabs {
            let filled = match member {
                "EmailMessage" => m.email != EmailDraft::default(),
                "SMSMessage" => m.sms != SmsDraft::default(),
                "CustomMessage" => !m.custom.is_empty(),
                "InAppMessage" => !m.in_app_message.is_empty(),
                other => m.push(other) != &PushDraft::default(),
            };
            let mut text =
                RichText::new(if filled { format!("{label} *") } else { label.to_owned() });
            if errors.iter().any(|(k, _)| k.starts_with(&format!("{prefix}{member}"))) {
                text = text.color(theme::ERROR);
            }
            if ui.selectable_label(channel == member, text).clicked() {
                member.clone_into(channel);
            }
        }
    });
}

/// The message for a field (its key under the messages' prefix).
type Err<'a> = dyn Fn(&str) -> Option<&'a str> + 'a;

fn email_form(ui: &mut egui::Ui, e: &mut EmailDraft, err: &Err<'_>) {
    form_row(ui, "Subject", &mut e.subject, "Your spring picks", None);
    form_row(ui, "From address", &mut e.from_address, "shop@example.com", err("EmailMessage.from"));
    text_area_row(ui, "HTML body", &mut e.html_body, 5, None);
    text_area_row(ui, "Text body", &mut e.text_body, 3, None);
    text_area_row(ui, "Headers", &mut e.headers, 2, err("EmailMessage.headers"));
    field_note(ui, "One Name: Value per line, at most 15.");
}

/// The SMS form, with the body's length in characters and message parts.
fn sms_form(ui: &mut egui::Ui, s: &mut SmsDraft, err: &Err<'_>) {
    text_area_row(ui, "SMS body", &mut s.body, 4, None);
    crate::ui::widgets::sms_count_note(ui, &s.body);
    choice_row(
        ui,
        "Message type",
        &mut s.message_type,
        &SMS_TYPES,
        Some("(account default)"),
        err("SMSMessage.type"),
    );
    form_row(ui, "Sender id", &mut s.sender_id, "ACME", None);
    form_row(
        ui,
        "Origination number",
        &mut s.origination_number,
        "+12065550100",
        err("SMSMessage.origin"),
    );
    form_row(ui, "Entity id", &mut s.entity_id, "DLT entity (India)", None);
    form_row(ui, "Template id", &mut s.template_id, "DLT template (India)", None);
}

/// The in-app message's form, or the offer to write one.
fn in_app_form(ui: &mut egui::Ui, prefix: &str, d: &mut InAppDraft, errors: &FieldErrors) {
    if d.is_empty() {
        let note = "Shown inside your app when one of the campaign's events happens there \
                    (frequency IN_APP_EVENT, Schedule tab); the app fetches it with \
                    GetInAppMessages.";
        ui.add(egui::Label::new(RichText::new(note).color(theme::MUTED)).wrap());
        if ui.button("Write an in-app message").clicked() {
            *d = InAppDraft::starter();
        }
        return;
    }
    crate::ui::inapp_form::form(ui, d, &format!("{prefix}InAppMessage."), errors, true);
    ui.add_space(6.0);
    if ui.add(danger_button("Remove the in-app message")).clicked() {
        *d = InAppDraft::default();
    }
}

/// A push channel's form (`member` is its wire member, e.g. `APNSMessage`).
fn push_form(ui: &mut egui::Ui, member: &str, p: &mut PushDraft, err: &Err<'_>) {
    let key = |f: &str| format!("{member}.{f}");
    form_row(ui, "Title", &mut p.title, "", None);
    text_area_row(ui, "Body", &mut p.body, 3, None);
    choice_row(ui, "Action", &mut p.action, &ACTIONS, Some("(none)"), err(&key("action")));
    form_row(ui, "URL", &mut p.url, "https://… or myapp://…", err(&key("url")));
    form_row(ui, "Image URL", &mut p.image_url, "", None);
    form_row(ui, "Icon URL", &mut p.image_icon_url, "", None);
    form_row(ui, "Small icon URL", &mut p.image_small_icon_url, "", None);
    form_row(ui, "Media URL", &mut p.media_url, "", None);
    form_row(ui, "Time to live (s)", &mut p.time_to_live, "86400", err(&key("ttl")));
    ui.checkbox(&mut p.silent_push, "Silent push (data only)");
    text_area_row(ui, "JSON data", &mut p.json_body, 2, err(&key("json_body")));
    text_area_row(ui, "Raw content", &mut p.raw_content, 2, err(&key("raw_content")));
}

/// The preview column: the endpoint it fills placeholders from, and the message as it shows.
fn preview(
    ui: &mut egui::Ui,
    member: &str,
    m: &MessagesDraft,
    source: Preview<'_>,
) -> Option<Action> {
    let Preview { endpoint_id, loaded, error, busy } = source;
    let mut action = None;
    ui.label(RichText::new("Preview").strong());
    // Apps do not fill an in-app message's placeholders: no endpoint to fill them from.
    let in_app = member == "InAppMessage";
    match endpoint_id {
        _ if in_app => {}
        Some(endpoint_id) => {
            ui.horizontal(|ui| {
                let label = ui.label("Endpoint");
                ui.add(
                    egui::TextEdit::singleline(endpoint_id)
                        .hint_text("sample values")
                        .desired_width(140.0),
                )
                .labelled_by(label.id);
                if busy_button(ui, "Use endpoint", busy) && !endpoint_id.trim().is_empty() {
                    let id = endpoint_id.trim().to_owned();
                    action = Some(Action::Campaigns(CampaignAction::PreviewEndpoint(id)));
                }
            });
        }
        None => {
            ui.label(
                RichText::new("The endpoint chosen on the Messages tab applies.")
                    .color(theme::MUTED),
            );
        }
    }
    if let Some(error) = error {
        crate::ui::widgets::error_label(ui, error);
    }
    let sample = sample_endpoint();
    let endpoint: &dyn Fields = match loaded {
        Some(loaded) => loaded,
        None => &sample,
    };
    egui::Frame::group(ui.style()).corner_radius(12.0).inner_margin(10.0).show(ui, |ui| {
        ui.set_width(ui.available_width().min(300.0));
        card(ui, member, m, endpoint);
    });
    if !in_app {
        ui.label(
            RichText::new(match loaded {
                Some(e) => format!("Placeholders filled from endpoint {}", e.id().unwrap_or("?")),
                None => "Placeholders filled with sample values".to_owned(),
            })
            .color(theme::MUTED),
        );
    }
    action
}

/// The message of `member` as the recipient sees it, placeholders filled from `endpoint`.
pub(super) fn card(ui: &mut egui::Ui, member: &str, m: &MessagesDraft, endpoint: &dyn Fields) {
    let subs = Substitutions::default();
    let f = |t: &str| fill(t, Some(endpoint), &subs);
    match member {
        "EmailMessage" => {
            ui.label(RichText::new(format!("From: {}", m.email.from_address)).color(theme::MUTED));
            ui.label(RichText::new(f(&m.email.subject)).strong());
            ui.separator();
            let body = if m.email.html_body.trim().is_empty() {
                m.email.text_body.clone()
            } else {
                strip_tags(&m.email.html_body)
            };
            ui.label(f(&body));
        }
        "InAppMessage" => crate::ui::inapp_form::preview(ui, &m.in_app_message),
        "CustomMessage" => {
            ui.label(RichText::new("Payload to the custom delivery").color(theme::MUTED));
            ui.label(RichText::new(f(&m.custom)).monospace());
        }
        "SMSMessage" => {
            let address = endpoint.field("Address").unwrap_or_default();
            ui.label(RichText::new(format!("To {address}")).color(theme::MUTED));
            egui::Frame::new()
                .fill(theme::SPLIT[0].gamma_multiply(0.35))
                .corner_radius(10.0)
                .inner_margin(8.0)
                .show(ui, |ui| {
                    let strong = ui.visuals().strong_text_color();
                    ui.label(RichText::new(f(&m.sms.body)).color(strong));
                });
        }
        push => {
            let p = m.push(push);
            let fallback = &m.default;
            let title = if p.title.is_empty() { &fallback.title } else { &p.title };
            let body = if p.body.is_empty() { &fallback.body } else { &p.body };
            if p.silent_push {
                ui.label(RichText::new("Silent push: nothing is shown").color(theme::MUTED));
            }
            if !title.is_empty() {
                ui.label(RichText::new(f(title)).strong());
            }
            ui.label(f(body));
            if !p.image_url.is_empty() {
                ui.label(RichText::new(format!("[image] {}", p.image_url)).color(theme::MUTED));
            }
            if !p.action.is_empty() {
                ui.label(RichText::new(format!("Tap: {} {}", p.action, p.url)).color(theme::MUTED));
            }
        }
    }
}

/// HTML shown as text: tags dropped, breaks kept.
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    let mut tag = String::new();
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                tag.clear();
            }
            '>' if in_tag => {
                in_tag = false;
                let name = tag
                    .trim_start_matches('/')
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .to_lowercase();
                if matches!(name.as_str(), "br" | "p" | "div" | "li" | "h1" | "h2" | "h3" | "tr") {
                    out.push('\n');
                }
            }
            c if in_tag => tag.push(c),
            c => out.push(c),
        }
    }
    out.trim().to_owned()
}
