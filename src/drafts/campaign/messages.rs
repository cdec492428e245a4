//! The messages: the SMS length count, and the checks and `MessageConfiguration` of the
//! request (push messages, email with its headers, SMS, custom payload, the in-app message). A value that fails its
//! check is left out of the request and its message recorded (see `request`).

use aws_sdk_pinpoint::types::{
    Action, CampaignCustomMessage, CampaignEmailMessage, CampaignSmsMessage, Message,
    MessageConfiguration, MessageHeader, MessageType,
};
use serde_json::Value;

use super::event_filter::non_empty_lines;
use super::{ACTIONS, EmailDraft, MessagesDraft, PushDraft, SMS_TYPES, SmsDraft, keep, opt};
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

/// A JSON text, or why not.
fn json_text(text: &str, message: &str) -> Result<(), String> {
    serde_json::from_str::<Value>(text).map(|_| ()).map_err(|_| message.to_owned())
}

fn push_message(p: &PushDraft, key: &str, errors: &mut FieldErrors) -> Option<Message> {
    if p == &PushDraft::default() {
        return None;
    }
    let action = keep(errors, format!("{key}.action"), opt(&p.action), |a| {
        if ACTIONS.contains(&a.as_str()) { Ok(()) } else { Err(format!("'{a}' is not an action")) }
    });
    if matches!(p.action.as_str(), "URL" | "DEEP_LINK") && p.url.trim().is_empty() {
        errors.add(format!("{key}.url"), "The action opens a URL: give it");
    }
    let json_body = keep(errors, format!("{key}.json_body"), opt(&p.json_body), |t| {
        json_text(t, "Not valid JSON")
    });
    let raw_content = keep(errors, format!("{key}.raw_content"), opt(&p.raw_content), |t| {
        json_text(t, "Not valid JSON")
    });
    let ttl = parse_optional_int(errors, format!("{key}.ttl"), &p.time_to_live);
    Some(
        Message::builder()
            .set_title(opt(&p.title))
            .set_body(opt(&p.body))
            .set_action(action.map(|a| Action::from(a.as_str())))
            .set_url(opt(&p.url))
            .set_image_url(opt(&p.image_url))
            .set_image_icon_url(opt(&p.image_icon_url))
            .set_image_small_icon_url(opt(&p.image_small_icon_url))
            .set_media_url(opt(&p.media_url))
            .set_json_body(json_body)
            .set_raw_content(raw_content)
            .set_silent_push(p.silent_push.then_some(true))
            .set_time_to_live(ttl)
            .build(),
    )
}

fn email_message(e: &EmailDraft, key: &str, errors: &mut FieldErrors) -> CampaignEmailMessage {
    let from = keep(errors, format!("{key}.from"), opt(&e.from_address), |from| {
        if rules::looks_like_email(from) {
            Ok(())
        } else {
            Err(format!("'{from}' is not an email address"))
        }
    });
    CampaignEmailMessage::builder()
        .set_title(opt(&e.subject))
        .set_html_body(opt(&e.html_body))
        .set_body(opt(&e.text_body))
        .set_from_address(from)
        .set_headers(headers(&e.headers, &format!("{key}.headers"), errors))
        .build()
}

fn sms_message(s: &SmsDraft, key: &str, errors: &mut FieldErrors) -> CampaignSmsMessage {
    let message_type = keep(errors, format!("{key}.type"), opt(&s.message_type), |t| {
        if SMS_TYPES.contains(&t.as_str()) {
            Ok(())
        } else {
            Err("Choose TRANSACTIONAL or PROMOTIONAL".to_owned())
        }
    });
    let origin = keep(errors, format!("{key}.origin"), opt(&s.origination_number), |n| {
        if rules::looks_like_e164(n) {
            Ok(())
        } else {
            Err("Use E.164 form, e.g. +12065550100".to_owned())
        }
    });
    CampaignSmsMessage::builder()
        .set_body(opt(&s.body))
        .set_message_type(message_type.map(|t| MessageType::from(t.as_str())))
        .set_sender_id(opt(&s.sender_id))
        .set_origination_number(origin)
        .set_entity_id(opt(&s.entity_id))
        .set_template_id(opt(&s.template_id))
        .build()
}

/// The messages of the control (`prefix` empty) or of a treatment (`t0.messages.`); each
/// channel left empty is left out, and so is the whole configuration when all are.
pub(super) fn message_configuration(
    m: &MessagesDraft,
    prefix: &str,
    errors: &mut FieldErrors,
) -> Option<MessageConfiguration> {
    if m.is_empty() {
        return None;
    }
    let key = |member: &str| format!("{prefix}{member}");
    let email = (m.email != EmailDraft::default())
        .then(|| email_message(&m.email, &key("EmailMessage"), errors));
    let sms =
        (m.sms != SmsDraft::default()).then(|| sms_message(&m.sms, &key("SMSMessage"), errors));
    let custom = keep(errors, key("CustomMessage.data"), opt(&m.custom), |t| {
        json_text(t, "The payload must be JSON")
    });
    // The in-app message goes as typed (what the JSON view shows); its rules refuse the save.
    let in_app = (!m.in_app_message.is_empty()).then(|| {
        m.in_app_message.validate(&key("InAppMessage."), errors);
        m.in_app_message.to_campaign()
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
            .set_custom_message(
                custom.map(|data| CampaignCustomMessage::builder().data(data).build()),
            )
            .set_in_app_message(in_app)
            .build(),
    )
}

/// The header lines; a line that does not parse is left out (its message recorded).
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
