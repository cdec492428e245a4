//! The channel forms: one draft for all nine channels, driven by a table of each kind's
//! request members. Converts to the SDK's request types, validates with the rule the mock
//! uses (`rules::channel_credentials`), and says which members go to the OS keyring (those
//! the service never echoes back).

use std::collections::BTreeMap;

use aws_sdk_pinpoint::types::{
    AdmChannelRequest, ApnsChannelRequest, ApnsSandboxChannelRequest, ApnsVoipChannelRequest,
    ApnsVoipSandboxChannelRequest, BaiduChannelRequest, EmailChannelRequest, GcmChannelRequest,
    SmsChannelRequest, VoiceChannelRequest,
};
use serde_json::{Map, Value};

use super::FieldErrors;
use crate::pinpoint::ChannelKind;
use crate::pinpoint::rules;
use crate::secrets::SecretFields;

/// What kind of file a member may be loaded from, to catch the wrong file before sending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyFile {
    /// An APNs token key (`.p8`).
    P8,
    /// A PEM certificate.
    Certificate,
    /// A PEM private key.
    PrivateKey,
    /// A Firebase service-account key (JSON).
    ServiceJson,
}

impl KeyFile {
    /// Checks a file's text; the message says what was expected.
    pub fn check(self, text: &str) -> Result<(), String> {
        let ok = match self {
            Self::P8 => text.contains("-----BEGIN PRIVATE KEY-----"),
            Self::Certificate => text.contains("-----BEGIN CERTIFICATE-----"),
            Self::PrivateKey => text.contains("PRIVATE KEY-----"),
            Self::ServiceJson => serde_json::from_str::<Value>(text)
                .is_ok_and(|v| v.get("private_key").is_some() || v.get("type").is_some()),
        };
        if ok {
            return Ok(());
        }
        if text.is_empty() || text.bytes().any(|b| b == 0) {
            return Err(match self {
                Self::Certificate | Self::PrivateKey => {
                    "This looks like a binary file (.p12?). Export PEM: openssl pkcs12 -in cert.p12 -out cert.pem -nodes".to_owned()
                }
                _ => "This is not a text key file".to_owned(),
            });
        }
        Err(match self {
            Self::P8 => "Not a .p8 token key (no BEGIN PRIVATE KEY block)",
            Self::Certificate => "Not a PEM certificate (no BEGIN CERTIFICATE block)",
            Self::PrivateKey => "Not a PEM private key (no PRIVATE KEY block)",
            Self::ServiceJson => "Not a service-account JSON key",
        }
        .to_owned())
    }
}

/// One member of a channel request, as the form shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Member {
    /// The wire name, e.g. `TokenKeyId`.
    pub name: &'static str,
    /// The form label.
    pub label: &'static str,
    /// Masked, kept in the keyring, never echoed by the service.
    pub secret: bool,
    /// Not echoed by the service either, so kept in the keyring with the secrets.
    pub stored: bool,
    /// A file it may be loaded from.
    pub file: Option<KeyFile>,
    /// Allowed values, for a choice.
    pub choices: &'static [&'static str],
}

const fn text(name: &'static str, label: &'static str) -> Member {
    Member { name, label, secret: false, stored: false, file: None, choices: &[] }
}

const fn kept(name: &'static str, label: &'static str) -> Member {
    Member { name, label, secret: false, stored: true, file: None, choices: &[] }
}

const fn secret(name: &'static str, label: &'static str, file: Option<KeyFile>) -> Member {
    Member { name, label, secret: true, stored: true, file, choices: &[] }
}

const fn choice(
    name: &'static str,
    label: &'static str,
    choices: &'static [&'static str],
) -> Member {
    Member { name, label, secret: false, stored: false, file: None, choices }
}

const APNS: &[Member] = &[
    choice("DefaultAuthenticationMethod", "Default authentication", &["", "TOKEN", "CERTIFICATE"]),
    secret("TokenKey", "Token key (.p8)", Some(KeyFile::P8)),
    kept("TokenKeyId", "Key id"),
    kept("TeamId", "Team id"),
    kept("BundleId", "Bundle id"),
    secret("Certificate", "Certificate (PEM)", Some(KeyFile::Certificate)),
    secret("PrivateKey", "Private key (PEM)", Some(KeyFile::PrivateKey)),
];

const ADM: &[Member] =
    &[kept("ClientId", "Client id"), secret("ClientSecret", "Client secret", None)];
const BAIDU: &[Member] =
    &[secret("ApiKey", "API key", None), secret("SecretKey", "Secret key", None)];
const EMAIL: &[Member] = &[
    text("FromAddress", "From address"),
    text("Identity", "Identity ARN"),
    text("RoleArn", "Role ARN"),
    text("ConfigurationSet", "Configuration set"),
    text("OrchestrationSendingRoleArn", "Orchestration role ARN"),
];
const GCM: &[Member] = &[
    choice("DefaultAuthenticationMethod", "Default authentication", &["", "KEY", "TOKEN"]),
    secret("ApiKey", "API key", None),
    secret("ServiceJson", "Service JSON", Some(KeyFile::ServiceJson)),
];
const SMS: &[Member] = &[text("SenderId", "Sender id"), text("ShortCode", "Short code")];

/// The members of a kind's request (besides `Enabled`), in form order.
#[must_use]
pub fn members(kind: ChannelKind) -> &'static [Member] {
    match kind {
        ChannelKind::Adm => ADM,
        ChannelKind::Baidu => BAIDU,
        ChannelKind::Email => EMAIL,
        ChannelKind::Gcm => GCM,
        ChannelKind::Sms => SMS,
        ChannelKind::Voice => &[],
        _ => APNS,
    }
}

/// What the form holds for one channel. Values are kept as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelDraft {
    /// The channel.
    pub kind: ChannelKind,
    /// Enabled.
    pub enabled: bool,
    /// Member values by wire name.
    pub values: BTreeMap<&'static str, String>,
    /// True when the service already has this channel (empty secrets then keep the stored
    /// ones).
    pub exists: bool,
}

impl ChannelDraft {
    /// An empty form for a channel not yet configured.
    #[must_use]
    pub fn new(kind: ChannelKind) -> Self {
        Self { kind, enabled: true, values: BTreeMap::new(), exists: false }
    }

    /// The value of a member ("" when empty).
    #[must_use]
    pub fn value(&self, name: &str) -> &str {
        self.values.get(name).map_or("", String::as_str)
    }

    /// Fills the members kept in the keyring.
    pub fn fill_stored(&mut self, stored: &SecretFields) {
        for member in members(self.kind).iter().filter(|m| m.stored) {
            if let Some(v) = stored.get(member.name) {
                self.values.insert(member.name, v.clone());
            }
        }
    }

    /// The members to keep in the keyring (non-empty ones only).
    #[must_use]
    pub fn stored_fields(&self) -> SecretFields {
        members(self.kind)
            .iter()
            .filter(|m| m.stored)
            .filter_map(|m| {
                let v = self.value(m.name).trim();
                (!v.is_empty()).then(|| (m.name.to_owned(), v.to_owned()))
            })
            .collect()
    }

    fn record(&self) -> Map<String, Value> {
        members(self.kind)
            .iter()
            .filter_map(|m| {
                let v = self.value(m.name).trim();
                (!v.is_empty()).then(|| (m.name.to_owned(), Value::String(v.to_owned())))
            })
            .collect()
    }

    /// Checks the form: files are of the right kind, and (for a new channel) the credentials
    /// the kind needs are there.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        for member in members(self.kind) {
            let v = self.value(member.name).trim();
            if let (Some(file), false) = (member.file, v.is_empty()) {
                errors.check(member.name, file.check(v));
            }
        }
        if self.kind == ChannelKind::Email {
            let from = self.value("FromAddress").trim();
            if !from.is_empty() && !rules::looks_like_email(from) {
                errors.add("FromAddress", "Enter an email address, e.g. news@example.com");
            }
        }
        let mut record = self.record();
        if self.exists {
            // The service keeps what it has; only check what the form would change.
            for member in members(self.kind).iter().filter(|m| m.secret || m.stored) {
                record.entry(member.name.to_owned()).or_insert(Value::String("kept".into()));
            }
        }
        if let Err(message) = rules::channel_credentials(self.kind, &record) {
            errors.add("_form", message);
        }
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }

    /// The SDK request for this form (empty members are left out).
    pub fn to_request(&self) -> Result<ChannelRequest, FieldErrors> {
        self.validate()?;
        let v = |name: &str| Some(self.value(name).trim().to_owned()).filter(|s| !s.is_empty());
        let e = Some(self.enabled);
        macro_rules! apns {
            ($t:ident, $variant:ident) => {
                ChannelRequest::$variant(
                    $t::builder()
                        .set_bundle_id(v("BundleId"))
                        .set_certificate(v("Certificate"))
                        .set_default_authentication_method(v("DefaultAuthenticationMethod"))
                        .set_enabled(e)
                        .set_private_key(v("PrivateKey"))
                        .set_team_id(v("TeamId"))
                        .set_token_key(v("TokenKey"))
                        .set_token_key_id(v("TokenKeyId"))
                        .build(),
                )
            };
        }
        Ok(match self.kind {
            ChannelKind::Adm => ChannelRequest::Adm(
                AdmChannelRequest::builder()
                    .set_client_id(v("ClientId"))
                    .set_client_secret(v("ClientSecret"))
                    .set_enabled(e)
                    .build(),
            ),
            ChannelKind::Apns => apns!(ApnsChannelRequest, Apns),
            ChannelKind::ApnsSandbox => apns!(ApnsSandboxChannelRequest, ApnsSandbox),
            ChannelKind::ApnsVoip => apns!(ApnsVoipChannelRequest, ApnsVoip),
            ChannelKind::ApnsVoipSandbox => apns!(ApnsVoipSandboxChannelRequest, ApnsVoipSandbox),
            ChannelKind::Baidu => ChannelRequest::Baidu(
                BaiduChannelRequest::builder()
                    .set_api_key(v("ApiKey"))
                    .set_secret_key(v("SecretKey"))
                    .set_enabled(e)
                    .build(),
            ),
            ChannelKind::Email => ChannelRequest::Email(
                EmailChannelRequest::builder()
                    .set_from_address(v("FromAddress"))
                    .set_identity(v("Identity"))
                    .set_role_arn(v("RoleArn"))
                    .set_configuration_set(v("ConfigurationSet"))
                    .set_orchestration_sending_role_arn(v("OrchestrationSendingRoleArn"))
                    .set_enabled(e)
                    .build(),
            ),
            ChannelKind::Gcm => ChannelRequest::Gcm(
                GcmChannelRequest::builder()
                    .set_api_key(v("ApiKey"))
                    .set_service_json(v("ServiceJson"))
                    .set_default_authentication_method(v("DefaultAuthenticationMethod"))
                    .set_enabled(e)
                    .build(),
            ),
            ChannelKind::Sms => ChannelRequest::Sms(
                SmsChannelRequest::builder()
                    .set_sender_id(v("SenderId"))
                    .set_short_code(v("ShortCode"))
                    .set_enabled(e)
                    .build(),
            ),
            ChannelKind::Voice => {
                ChannelRequest::Voice(VoiceChannelRequest::builder().set_enabled(e).build())
            }
        })
    }
}

/// A channel update, one variant per kind.
#[derive(Debug, Clone)]
pub enum ChannelRequest {
    /// ADM.
    Adm(AdmChannelRequest),
    /// APNs.
    Apns(ApnsChannelRequest),
    /// APNs sandbox.
    ApnsSandbox(ApnsSandboxChannelRequest),
    /// APNs VoIP.
    ApnsVoip(ApnsVoipChannelRequest),
    /// APNs VoIP sandbox.
    ApnsVoipSandbox(ApnsVoipSandboxChannelRequest),
    /// Baidu.
    Baidu(BaiduChannelRequest),
    /// Email.
    Email(EmailChannelRequest),
    /// GCM / FCM.
    Gcm(GcmChannelRequest),
    /// SMS.
    Sms(SmsChannelRequest),
    /// Voice.
    Voice(VoiceChannelRequest),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_key_alone_is_refused_and_a_full_one_builds() {
        let mut d = ChannelDraft::new(ChannelKind::Apns);
        d.values.insert(
            "TokenKey",
            "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----".into(),
        );
        let errors = d.validate().unwrap_err();
        assert!(errors.get("_form").unwrap().contains("TokenKeyId"));
        for (k, v) in [("TokenKeyId", "KEY1"), ("TeamId", "TEAM1"), ("BundleId", "com.example")] {
            d.values.insert(k, v.into());
        }
        let ChannelRequest::Apns(request) = d.to_request().unwrap() else { panic!("wrong kind") };
        assert_eq!(request.team_id(), Some("TEAM1"));
        let stored = d.stored_fields();
        assert_eq!(
            stored.keys().cloned().collect::<Vec<_>>(),
            ["BundleId", "TeamId", "TokenKey", "TokenKeyId"]
        );
    }

    #[test]
    fn wrong_files_are_caught() {
        assert!(KeyFile::P8.check("-----BEGIN CERTIFICATE-----").is_err());
        assert!(KeyFile::Certificate.check("\u{0}\u{1}binary").unwrap_err().contains("p12"));
        assert!(
            KeyFile::ServiceJson.check(r#"{"type":"service_account","private_key":"x"}"#).is_ok()
        );
        let mut d = ChannelDraft::new(ChannelKind::ApnsSandbox);
        d.values.insert("Certificate", "not a cert".into());
        assert!(d.validate().unwrap_err().get("Certificate").is_some());
    }

    #[test]
    fn an_existing_channel_may_be_toggled_without_secrets() {
        let mut d = ChannelDraft::new(ChannelKind::Adm);
        assert!(d.validate().is_err());
        d.exists = true;
        d.enabled = false;
        assert!(d.validate().is_ok());
    }
}
