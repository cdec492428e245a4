//! A message activity's members: the template and version (picked from the account's, with
//! the message it renders to), and its channel's own members (an email's sender, an SMS's
//! type, number, sender id and registrations, a push's time to live, a custom message's
//! destination, endpoint types and data).

use serde_json::json;

use crate::drafts::FieldErrors;
use crate::drafts::campaign::{CUSTOM_ENDPOINT_TYPES, TemplateRef};
use crate::drafts::journey::{Channel, MessageDraft};
use crate::pinpoint::ChannelKind;
use crate::pinpoint::render::Substitutions;
use crate::ui::action::Action;
use crate::ui::journeys::Context;
use crate::ui::journeys::settings::under;
use crate::ui::template_picker::{pick, rendered};
use crate::ui::widgets::{choice_row, field_note, form_row, section, text_area_row};

fn template(ui: &mut egui::Ui, m: &mut MessageDraft, cx: &Context<'_>) -> Option<Action> {
    let kind = m.channel.template_kind()?;
    let mut r = TemplateRef { name: m.template_name.clone(), version: m.template_version.clone() };
    pick(ui, "Message template", kind, &mut r, cx.library);
    m.template_name.clone_from(&r.name);
    m.template_version.clone_from(&r.version);
    if m.template_name.is_empty() {
        field_note(ui, "A journey's message comes from a template: choose one.");
        return None;
    }
    let channel = match m.channel {
        Channel::Email => ChannelKind::Email,
        Channel::Sms => ChannelKind::Sms,
        Channel::Push | Channel::Custom => ChannelKind::Gcm,
    };
    let subs = Substitutions::default();
    egui::Frame::group(ui.style())
        .show(ui, |ui| rendered(ui, kind, channel, &r, &json!({}), (None, &subs), cx.library))
        .inner
}

/// Draws the members; answers the read of the template's body when the preview needs it.
pub(super) fn show(
    ui: &mut egui::Ui,
    id: &str,
    m: &mut MessageDraft,
    problems: &FieldErrors,
    cx: &Context<'_>,
) -> Vec<Action> {
    let path = format!("Activities.{id}.{}", m.channel.member());
    let action = template(ui, m, cx);
    section(ui, "Message settings");
    match m.channel {
        Channel::Email => {
            form_row(ui, "From address", &mut m.from_address, "empty: the channel's", None);
        }
        Channel::Sms => {
            choice_row(
                ui,
                "SMS type",
                &mut m.message_type,
                &["TRANSACTIONAL", "PROMOTIONAL"],
                Some("(the channel's)"),
                None,
            );
            form_row(ui, "Origination number", &mut m.origination_number, "+12065550100", None);
            form_row(ui, "Sender id", &mut m.sender_id, "", None);
            form_row(ui, "Entity id", &mut m.entity_id, "DLT entity (India)", None);
            form_row(ui, "DLT template id", &mut m.template_id, "DLT template (India)", None);
        }
        Channel::Push => {
            form_row(
                ui,
                "Time to live",
                &mut m.time_to_live,
                "seconds",
                under(problems, &format!("{path}.MessageConfig.TimeToLive")),
            );
        }
        Channel::Custom => {
            form_row(
                ui,
                "Delivery URI",
                &mut m.delivery_uri,
                "Lambda function or https://…",
                under(problems, &format!("{path}.DeliveryUri")),
            );
            ui.horizontal_wrapped(|ui| {
                ui.label("Endpoint types");
                for t in CUSTOM_ENDPOINT_TYPES {
                    let mut on = m.endpoint_types.iter().any(|x| x == t);
                    if ui.checkbox(&mut on, t).changed() {
                        m.endpoint_types.retain(|x| x != t);
                        if on {
                            m.endpoint_types.push(t.to_owned());
                        }
                    }
                }
            });
            text_area_row(ui, "Custom data", &mut m.data, 2, None);
        }
    }
    action.into_iter().collect()
}
