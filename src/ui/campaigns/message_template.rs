//! The template a campaign message uses (`TemplateConfiguration`), picked under the channel
//! tabs of the Messages tab, and what the message renders to with it for the preview's endpoint.

use egui::RichText;
use serde_json::Value;

use super::messages;
use crate::drafts::campaign::TemplateRef;
use crate::drafts::template::TemplateDraft;
use crate::pinpoint::ChannelKind;
use crate::pinpoint::TemplateKind;
use crate::pinpoint::render::{Fields, Substitutions};
use crate::ui::action::Action;
use crate::ui::inapp_form::preview;
use crate::ui::template_picker::{TemplateLibrary, body, index_of, kind_of_member, pick, rendered};

/// The channel a campaign message member is sent on, for rendering.
fn channel_of(member: &str) -> ChannelKind {
    match member {
        "EmailMessage" => ChannelKind::Email,
        "SMSMessage" => ChannelKind::Sms,
        "APNSMessage" => ChannelKind::Apns,
        "ADMMessage" => ChannelKind::Adm,
        "BaiduMessage" => ChannelKind::Baidu,
        _ => ChannelKind::Gcm,
    }
}

/// The picker for the template of `member`'s type and, once one is named, what the message
/// (`message`: the campaign's `MessageConfiguration` as JSON) renders to with it for `loaded`
/// (or the sample endpoint).
pub(super) fn show(
    ui: &mut egui::Ui,
    member: &str,
    templates: &mut [TemplateRef; 5],
    (message, loaded): (&Value, Option<&aws_sdk_pinpoint::types::EndpointResponse>),
    library: &TemplateLibrary,
) -> Vec<Action> {
    let Some(kind) = kind_of_member(member) else { return Vec::new() };
    let r = &mut templates[index_of(kind)];
    pick(ui, "Message template", kind, r, library);
    if r.name.trim().is_empty() {
        return Vec::new();
    }
    let sample = messages::sample_endpoint();
    let endpoint: &dyn Fields = match loaded {
        Some(loaded) => loaded,
        None => &sample,
    };
    let subs = Substitutions::default();
    if kind == TemplateKind::InApp {
        // An in-app template is drawn as the app would show it.
        let mut ask = None;
        if let Some(body) = body(ui, kind, r, library, &mut ask) {
            let draft = TemplateDraft::from_json(kind, &r.name, body);
            ui.label(RichText::new(format!("With template “{}”:", r.name.trim())).strong());
            preview(ui, &draft.in_app);
        }
        return ask.into_iter().collect();
    }
    let channel = channel_of(member);
    let r = r.clone();
    egui::Frame::group(ui.style())
        .show(ui, |ui| rendered(ui, kind, channel, &r, message, (Some(endpoint), &subs), library))
        .inner
        .into_iter()
        .collect()
}
