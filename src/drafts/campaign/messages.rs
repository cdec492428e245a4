//! The messages: the SMS length count, and the checks and `MessageConfiguration` of the
//! request (push messages, email with its headers, SMS, custom payload).

use aws_sdk_pinpoint::types::{
    Action, CampaignCustomMessage, CampaignEmailMessage, CampaignSmsMessage, Message,
    MessageConfiguration, MessageHeader, MessageType,
};
use serde_json::Value;

use super::event_filter::non_empty_lines;
use super::{ACTIONS, EmailDraft, MessagesDraft, PushDraft, SMS_TYPES, SmsDraft, opt};
use crate::drafts::{FieldErrors, parse_optional_int};
use crate::pinpoint::rules;

/// `(characters, segments, encoding)` of an SMS body: GSM-7 (160 per message, 153 per part;
/// extension characters count twice) or UCS-2 (70, 67 per part).
#[must_use]
pub fn sms_count(body: &str) -> (usize, usize, &'static str) {
    const GSM: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    const GSM_EXT: &str = "^{}\\[~]|€\u{c}";
    let mut units = 0usize;
    let mut gsm = true;
    for c in body.chars() {
        if GSM.contains(c) {
            units += 1;
        } else if GSM_EXT.contains(c) {
            units += 2;
        } else {
            gsm = false;
            break;
        }
    }
    if gsm {
        let parts = if units == 0 {
            0
        } else if units <= 160 {
            1
        } else {
            units.div_ceil(153)
        };
        (units, parts, "GSM-7")
    } else {
        let units: usize = body.chars().map(char::len_utf16).sum();
        let parts = if units <= 70 { 1 } else { units.div_ceil(67) };
        (units, parts, "UCS-2")
    }
}

fn push_message(p: &PushDraft, key: &str, errors: &mut FieldErrors) -> Option<Message> {
    if p == &PushDraft::default() {
        return None;
    }
    if !p.action.is_empty() && !ACTIONS.contains(&p.action.as_str()) {
        errors.add(format!("{key}.action"), format!("'{}' is not an action", p.action));
    }
    if matches!(p.action.as_str(), "URL" | "DEEP_LINK") && p.url.trim().is_empty() {
        errors.add(format!("{key}.url"), "The action opens a URL: give it");
    }
    for (name, value) in [("json_body", &p.json_body), ("raw_content", &p.raw_content)] {
        if !value.trim().is_empty() && serde_json::from_str::<Value>(value).is_err() {
            errors.add(format!("{key}.{name}"), "Not valid JSON");
        }
    }
    let ttl = parse_optional_int(errors, format!("{key}.ttl"), &p.time_to_live);
    Some(
        Message::builder()
            .set_title(opt(&p.title))
            .set_body(opt(&p.body))
            .set_action(opt(&p.action).map(|a| Action::from(a.as_str())))
            .set_url(opt(&p.url))
            .set_image_url(opt(&p.image_url))
            .set_image_icon_url(opt(&p.image_icon_url))
            .set_image_small_icon_url(opt(&p.image_small_icon_url))
            .set_media_url(opt(&p.media_url))
            .set_json_body(opt(&p.json_body))
            .set_raw_content(opt(&p.raw_content))
            .set_silent_push(p.silent_push.then_some(true))
            .set_time_to_live(ttl)
            .build(),
    )
}

pub(super) fn message_configuration(
    m: &MessagesDraft,
    prefix: &str,
    errors: &mut FieldErrors,
) -> Option<MessageConfiguration> {
    if m.is_empty() {
        return None;
    }
    let key = |member: &str| format!("{prefix}{member}");
    let email = (m.email != EmailDraft::default()).then(|| {
        let from = m.email.from_address.trim();
        if !from.is_empty() && !rules::looks_like_email(from) {
            errors.add(key("EmailMessage.from"), format!("'{from}' is not an email address"));
        }
        CampaignEmailMessage::builder()
            .set_title(opt(&m.email.subject))
            .set_html_body(opt(&m.email.html_body))
            .set_body(opt(&m.email.text_body))
            .set_from_address(opt(from))
            .set_headers(headers(&m.email.headers, &key("EmailMessage.headers"), errors))
            .build()
    });
    let sms = (m.sms != SmsDraft::default()).then(|| {
        if !m.sms.message_type.is_empty() && !SMS_TYPES.contains(&m.sms.message_type.as_str()) {
            errors.add(key("SMSMessage.type"), "Choose TRANSACTIONAL or PROMOTIONAL");
        }
        let origin = m.sms.origination_number.trim();
        if !origin.is_empty() && !rules::looks_like_e164(origin) {
            errors.add(key("SMSMessage.origin"), "Use E.164 form, e.g. +12065550100");
        }
        CampaignSmsMessage::builder()
            .set_body(opt(&m.sms.body))
            .set_message_type(opt(&m.sms.message_type).map(|t| MessageType::from(t.as_str())))
            .set_sender_id(opt(&m.sms.sender_id))
            .set_origination_number(opt(origin))
            .set_entity_id(opt(&m.sms.entity_id))
            .set_template_id(opt(&m.sms.template_id))
            .build()
    });
    Some(
        MessageConfiguration::builder()
            .set_default_message(push_message(&m.default, &key("DefaultMessage"), errors))
            .set_apns_message(push_message(&m.apns, &key("APNSMessage"), errors))
            .set_gcm_message(push_message(&m.gcm, &key("GCMMessage"), errors))
            .set_adm_message(push_message(&m.adm, &key("ADMMessage"), errors))
            .set_baidu_message(push_message(&m.baidu, &key("BaiduMessage"), errors))
            .set_email_message(email)
            .set_sms_message(sms)
            .set_custom_message(opt(&m.custom).map(|data| {
                if serde_json::from_str::<Value>(&data).is_err() {
                    errors.add(key("CustomMessage.data"), "The payload must be JSON");
                }
                CampaignCustomMessage::builder().data(data).build()
            }))
            .build(),
    )
}

fn headers(text: &str, key: &str, errors: &mut FieldErrors) -> Option<Vec<MessageHeader>> {
    let mut out = Vec::new();
    for line in non_empty_lines(text) {
        match line.split_once(':') {
            Some((name, value)) if !name.trim().is_empty() => {
                out.push(MessageHeader::builder().name(name.trim()).value(value.trim()).build());
            }
            _ => errors.add(key, format!("'{line}' is not Name: Value")),
        }
    }
    if out.len() > 15 {
        errors.add(key, format!("{} headers; an email takes at most 15", out.len()));
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sms_counts_follow_the_encoding() {
        assert_eq!(sms_count(""), (0, 0, "GSM-7"));
        assert_eq!(sms_count(&"a".repeat(160)), (160, 1, "GSM-7"));
        assert_eq!(sms_count(&"a".repeat(161)), (161, 2, "GSM-7"));
        assert_eq!(sms_count("€"), (2, 1, "GSM-7"));
        assert_eq!(sms_count("héllo ✓"), (7, 1, "UCS-2"));
        assert_eq!(sms_count(&"✓".repeat(71)), (71, 2, "UCS-2"));
    }
}
