//! One-time passwords: SendOTPMessage and VerifyOTPMessage, with the rules of the developer
//! guide ("Sending and validating One-Time Passwords"): the SMS channel only; a brand name
//! of up to 20 characters; a reference id of 1 to 48; a code of 5 to 8 digits; valid for 5
//! to 60 minutes; at most 5 wrong tries; one of the 13 listed languages. The message is the
//! service's template, "This is your One Time Password: {{otp}} from {{brand}}" (the guide
//! gives only the English text, so every language gets it). The guide gives no defaults:
//! the mock uses 6 digits, 15 minutes and 3 tries.
//!
//! A code is verified once: the right code within its validity is `Valid: true` and is then
//! gone; a wrong code uses up a try, and the code is gone once no try is left; an expired,
//! used or unknown code is `Valid: false`.

use chrono::Duration;
use serde_json::{Value, json};

use super::{Backend, ChannelKind, MockError, MockResult, new_id};
use crate::mock::clock::iso8601;
use crate::mock::engine::delivery::Sinks;
use crate::mock::engine::{OUTBOX_CAPACITY, OutboxEntry, stream_record};
use crate::mock::store::otp::{OtpCode, otp_key};
use crate::pinpoint::rules;

/// The languages an OTP message can be sent in.
pub const OTP_LANGUAGES: [&str; 13] = [
    "de-DE", "en-GB", "en-US", "es-419", "es-ES", "fr-CA", "fr-FR", "it-IT", "ja-JP", "ko-KR",
    "pt-BR", "zh-CN", "zh-TW",
];

fn text<'a>(request: &'a Value, member: &str) -> &'a str {
    request.get(member).and_then(Value::as_str).unwrap_or_default()
}

/// An integer member within bounds, or its default.
fn bounded(request: &Value, member: &str, low: i64, high: i64, default: i64) -> MockResult<i64> {
    match request.get(member).and_then(Value::as_i64) {
        None => Ok(default),
        Some(n) if (low..=high).contains(&n) => Ok(n),
        Some(n) => {
            Err(MockError::bad_request(format!("{member} must be from {low} to {high} (got {n})")))
        }
    }
}

/// What a SendOTPMessage request asks for, checked.
struct OtpRequest<'a> {
    brand: &'a str,
    destination: &'a str,
    reference: &'a str,
    code_length: usize,
    validity_minutes: i64,
    attempts: u32,
}

fn check(request: &Value) -> MockResult<OtpRequest<'_>> {
    let channel = text(request, "Channel");
    if channel != "SMS" {
        return Err(MockError::bad_request(format!(
            "Channel '{channel}' is not supported for one-time passwords. Supported values: [SMS]"
        )));
    }
    let brand = text(request, "BrandName");
    if brand.trim().is_empty() || brand.chars().count() > 20 {
        return Err(MockError::bad_request("BrandName must have 1 to 20 characters"));
    }
    let reference = text(request, "ReferenceId");
    if reference.is_empty() || reference.chars().count() > 48 {
        return Err(MockError::bad_request("ReferenceId must have 1 to 48 characters"));
    }
    let destination = text(request, "DestinationIdentity");
    if !rules::looks_like_e164(destination) {
        return Err(MockError::bad_request(format!(
            "DestinationIdentity '{destination}' is not an E.164 phone number (+ and 8-15 digits)"
        )));
    }
    let origination = text(request, "OriginationIdentity");
    if origination.trim().is_empty()
        || (origination.starts_with('+') && !rules::looks_like_e164(origination))
    {
        return Err(MockError::bad_request(format!(
            "OriginationIdentity '{origination}' must be a sender id, a short code or an E.164 phone number"
        )));
    }
    if let Some(language) = request.get("Language").and_then(Value::as_str)
        && !OTP_LANGUAGES.contains(&language)
    {
        return Err(MockError::bad_request(format!(
            "Language '{language}' is not supported; use one of {}",
            OTP_LANGUAGES.join(", ")
        )));
    }
    let code_length = bounded(request, "CodeLength", 5, 8, 6)?;
    let validity_minutes = bounded(request, "ValidityPeriod", 5, 60, 15)?;
    let attempts = bounded(request, "AllowedAttempts", 1, 5, 3)?;
    Ok(OtpRequest {
        brand,
        destination,
        reference,
        code_length: usize::try_from(code_length).unwrap_or(6),
        validity_minutes,
        attempts: u32::try_from(attempts).unwrap_or(3),
    })
}

/// A random code of `length` digits (leading zeros kept).
fn new_code(length: usize) -> String {
    let random = uuid::Uuid::new_v4().as_u128();
    let digits = format!("{random:039}");
    digits[digits.len() - length..].to_owned()
}

impl Backend {
    /// SendOTPMessage: a new code for the destination and reference id (replacing any
    /// pending one), delivered as an SMS to the outbox.
    pub fn send_otp_message(
        &self,
        app_id: &str,
        request: &Value,
        request_id: &str,
    ) -> MockResult<Value> {
        let otp = check(request)?;
        let now = self.clock_now();
        let at = iso8601(now);
        let code = new_code(otp.code_length);
        let message_id = new_id();
        let mut sinks = Sinks::default();
        let body = self.with_app_mut(app_id, |app| {
            if !app.channel_enabled(ChannelKind::Sms) {
                return Err(MockError::bad_request(format!(
                    "The SMS channel of application {app_id} is not enabled"
                )));
            }
            app.otps.retain(|_, pending| pending.expires > now);
            app.otps.insert(
                otp_key(otp.destination, otp.reference),
                OtpCode {
                    code: code.clone(),
                    expires: now + Duration::minutes(otp.validity_minutes),
                    attempts_left: otp.attempts,
                },
            );
            let entry = OutboxEntry {
                time: at.clone(),
                application_id: app_id.to_owned(),
                channel: "SMS".to_owned(),
                address: otp.destination.to_owned(),
                endpoint_id: None,
                title: None,
                body: format!("This is your One Time Password: {code} from {}", otp.brand),
                campaign_id: None,
                journey_id: None,
                treatment_id: None,
                request_id: Some(request_id.to_owned()),
                message_id: message_id.clone(),
            };
            app.deliver(vec![entry], OUTBOX_CAPACITY);
            if app.event_stream.is_some() {
                let attributes = json!({"message_id": message_id, "address": otp.destination, "request_id": request_id});
                sinks.stream.push(stream_record(app_id, "_SMS.SUCCESS", &at, &attributes));
            }
            Ok(json!({
                "ApplicationId": app_id,
                "RequestId": request_id,
                "Result": { otp.destination: {
                    "DeliveryStatus": "SUCCESSFUL",
                    "StatusCode": 200,
                    "StatusMessage": format!("MessageId: {message_id}"),
                    "MessageId": message_id,
                }},
            }))
        })?;
        self.emit(app_id, sinks);
        Ok(body)
    }

    /// VerifyOTPMessage: `Valid` true once for the right code within its validity.
    pub fn verify_otp_message(&self, app_id: &str, request: &Value) -> MockResult<Value> {
        let key = otp_key(text(request, "DestinationIdentity"), text(request, "ReferenceId"));
        let given = text(request, "Otp");
        let now = self.clock_now();
        self.with_app_mut(app_id, |app| {
            let Some(pending) = app.otps.get(&key).cloned() else {
                return Ok(json!({ "Valid": false }));
            };
            let valid = pending.expires > now && pending.code == given;
            if valid || pending.expires <= now || pending.attempts_left <= 1 {
                app.otps.remove(&key);
            } else if let Some(pending) = app.otps.get_mut(&key) {
                pending.attempts_left -= 1;
            }
            Ok(json!({ "Valid": valid }))
        })
    }
}
