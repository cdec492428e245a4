//! The direct-message composer and the phone check, as plain data: recipients (addresses with
//! their channel type, endpoint ids, or user ids), a message per channel family, context and
//! substitutions; converted to `MessageRequest` / `SendUsersMessageRequest` in batches of 100.

use std::collections::HashMap;

use aws_sdk_pinpoint::types::{
    Action, AddressConfiguration, ChannelType, DefaultMessage, DefaultPushNotificationMessage,
    DirectMessageConfiguration, EmailMessage, EndpointSendConfiguration, MessageRequest,
    MessageType, SendUsersMessageRequest, SimpleEmail, SimpleEmailPart, SmsMessage,
};

mod push;
pub mod review;

pub use review::{ReviewedMessage, SendReview};

use super::FieldErrors;
use super::campaign::TemplateRef;
use super::campaign::request::template_configuration;
use crate::pinpoint::rules;

/// Recipients per request (the service's limit).
pub const BATCH: usize = 100;

/// Who the message goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RecipientKind {
    /// Addresses (phone numbers, emails, device tokens) with a channel type each.
    #[default]
    Addresses,
    /// Endpoint ids.
    Endpoints,
    /// User ids (every endpoint of each user).
    Users,
}

/// Channel-specific push members the composer offers: (wire name, label, channels using it).
pub const PUSH_MEMBERS: [(&str, &str, &str); 19] = [
    ("Sound", "Sound", "APNs, FCM, ADM, Baidu"),
    ("ImageUrl", "Image URL", "FCM, ADM, Baidu"),
    ("ImageIconUrl", "Image icon URL", "FCM, ADM, Baidu"),
    ("SmallImageIconUrl", "Small icon URL", "FCM, ADM, Baidu"),
    ("IconReference", "Icon reference", "FCM, ADM, Baidu"),
    ("RawContent", "Raw content (JSON)", "all push"),
    ("TimeToLive", "Time to live (s)", "APNs, FCM, Baidu"),
    ("Priority", "Priority", "APNs, FCM"),
    ("Badge", "Badge", "APNs"),
    ("Category", "Category", "APNs"),
    ("ThreadId", "Thread id", "APNs"),
    ("CollapseId", "Collapse id", "APNs"),
    ("APNSPushType", "APNs push type", "APNs"),
    ("MediaUrl", "Media URL", "APNs"),
    ("CollapseKey", "Collapse key", "FCM"),
    ("RestrictedPackageName", "Restricted package", "FCM"),
    ("ConsolidationKey", "Consolidation key", "ADM"),
    ("ExpiresAfter", "Expires after", "ADM"),
    ("MD5", "MD5", "ADM"),
];

/// Channel types an address can be sent on from the composer.
pub const ADDRESS_CHANNELS: [&str; 7] =
    ["SMS", "EMAIL", "GCM", "APNS", "APNS_SANDBOX", "ADM", "BAIDU"];

/// The composer form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComposerDraft {
    /// Who.
    pub kind: RecipientKind,
    /// One recipient per line (or comma-separated); an address may end with `,CHANNEL`.
    pub recipients: String,
    /// Channel type of addresses that do not name one.
    pub default_channel: &'static str,
    /// SMS body.
    pub sms_body: String,
    /// SMS message type: TRANSACTIONAL or PROMOTIONAL.
    pub sms_type: &'static str,
    /// SMS sender id.
    pub sms_sender_id: String,
    /// Email from address.
    pub email_from: String,
    /// Email subject.
    pub email_subject: String,
    /// Email HTML body.
    pub email_html: String,
    /// Email text body.
    pub email_text: String,
    /// Push title.
    pub push_title: String,
    /// Push body.
    pub push_body: String,
    /// Push action: OPEN_APP, DEEP_LINK or URL.
    pub push_action: &'static str,
    /// Push URL (for URL and DEEP_LINK).
    pub push_url: String,
    /// Silent push.
    pub push_silent: bool,
    /// Default message body (any channel without its own message).
    pub default_body: String,
    /// SMS origination number, keyword, media URL, entity id, template id.
    pub sms_more: [String; 5],
    /// Email reply-to addresses (comma-separated) and feedback forwarding address.
    pub email_more: [String; 2],
    /// Channel-specific push members, by wire name (see `PUSH_MEMBERS`).
    pub push_more: std::collections::BTreeMap<&'static str, String>,
    /// `key=value` lines, sent as the push messages' `Data`.
    pub push_data: String,
    /// Per-recipient overrides: `recipient | body | title` lines.
    pub overrides: String,
    /// `key=value` lines, sent as `Context`.
    pub context: String,
    /// `key=value` lines, sent as `Substitutions` (first value used in `{{key}}`).
    pub substitutions: String,
    /// Message templates by type (`TemplateConfiguration`, in `TEMPLATE_KINDS` order): the
    /// template supplies what the message leaves out.
    pub templates: [TemplateRef; 5],
}

impl Default for ComposerDraft {
    fn default() -> Self {
        Self {
            kind: RecipientKind::Addresses,
            recipients: String::new(),
            default_channel: "SMS",
            sms_body: String::new(),
            sms_type: "TRANSACTIONAL",
            sms_sender_id: String::new(),
            email_from: String::new(),
            email_subject: String::new(),
            email_html: String::new(),
            email_text: String::new(),
            push_title: String::new(),
            push_body: String::new(),
            push_action: "OPEN_APP",
            push_url: String::new(),
            push_silent: false,
            default_body: String::new(),
            sms_more: Default::default(),
            email_more: Default::default(),
            push_more: std::collections::BTreeMap::new(),
            push_data: String::new(),
            overrides: String::new(),
            context: String::new(),
            substitutions: String::new(),
            templates: Default::default(),
        }
    }
}

/// One recipient as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    /// Address, endpoint id or user id.
    pub id: String,
    /// For addresses: the channel type.
    pub channel: Option<&'static str>,
}

/// Parses `key=value` lines.
pub fn key_values(errors: &mut FieldErrors, field: &str, text: &str) -> HashMap<String, String> {
    let mut map = HashMap::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match line.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() => {
                map.insert(k.trim().to_owned(), v.trim().to_owned());
            }
            _ => errors.add(field, format!("'{line}' is not key=value")),
        }
    }
    map
}

fn text(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

impl ComposerDraft {
    /// The recipients, checked: addresses must suit their channel (phone numbers in E.164 for
    /// SMS, email addresses for EMAIL); at most 10,000 at once.
    pub fn recipients(&self, errors: &mut FieldErrors) -> Vec<Recipient> {
        let mut out = Vec::new();
        for raw in self.recipients.split(['\n', ';']).map(str::trim).filter(|l| !l.is_empty()) {
            if self.kind != RecipientKind::Addresses {
                out.extend(
                    raw.split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(|id| Recipient { id: id.to_owned(), channel: None }),
                );
                continue;
            }
            let (address, channel) = match raw.rsplit_once(',') {
                Some((a, c)) => {
                    if let Some(k) =
                        ADDRESS_CHANNELS.iter().find(|k| k.eq_ignore_ascii_case(c.trim()))
                    {
                        (a.trim(), *k)
                    } else {
                        errors.add(
                            "recipients",
                            format!("'{raw}': unknown channel type '{}'", c.trim()),
                        );
                        continue;
                    }
                }
                None => (raw, self.default_channel),
            };
            out.push(Recipient { id: address.to_owned(), channel: Some(channel) });
        }
        if out.is_empty() {
            errors.add("recipients", "Add at least one recipient");
        }
        if out.len() > 10_000 {
            errors.add(
                "recipients",
                format!("{} recipients; send at most 10,000 at once", out.len()),
            );
        }
        out
    }

    /// The message configuration (only the channels that have content).
    pub fn configuration(&self, errors: &mut FieldErrors) -> DirectMessageConfiguration {
        let mut config = DirectMessageConfiguration::builder();
        if let Some(body) = text(&self.sms_body) {
            let [origination, keyword, media, entity, template] = &self.sms_more;
            config = config.sms_message(
                SmsMessage::builder()
                    .body(body)
                    .message_type(MessageType::from(self.sms_type))
                    .set_sender_id(text(&self.sms_sender_id))
                    .set_origination_number(text(origination))
                    .set_keyword(text(keyword))
                    .set_media_url(text(media))
                    .set_entity_id(text(entity))
                    .set_template_id(text(template))
                    .build(),
            );
        }
        if text(&self.email_subject).is_some()
            || text(&self.email_html).is_some()
            || text(&self.email_text).is_some()
        {
            if let Some(from) = text(&self.email_from)
                && !rules::looks_like_email(&from)
            {
                errors.add("email_from", "Enter an email address");
            }
            let part = |s: &str| {
                text(s).map(|d| SimpleEmailPart::builder().data(d).charset("UTF-8").build())
            };
            let simple = SimpleEmail::builder()
                .set_subject(part(&self.email_subject))
                .set_html_part(part(&self.email_html))
                .set_text_part(part(&self.email_text))
                .build();
            config = config.email_message(
                EmailMessage::builder()
                    .set_from_address(text(&self.email_from))
                    .simple_email(simple)
                    .build(),
            );
        }
        if text(&self.push_body).is_some() || text(&self.push_title).is_some() || self.push_silent {
            if self.push_action != "OPEN_APP" && text(&self.push_url).is_none() {
                errors.add("push_url", format!("Action {} needs a URL", self.push_action));
            }
            config = config.default_push_notification_message(
                DefaultPushNotificationMessage::builder()
                    .set_title(text(&self.push_title))
                    .set_body(text(&self.push_body))
                    .action(Action::from(self.push_action))
                    .set_url(text(&self.push_url))
                    .silent_push(self.push_silent)
                    .build(),
            );
        }
        if text(&self.push_body).is_some() || text(&self.push_title).is_some() || self.push_silent {
            config = self.channel_push(config, errors);
        }
        if let Some(body) = text(&self.default_body) {
            config = config.default_message(DefaultMessage::builder().body(body).build());
        }
        let built = config.build();
        if built.sms_message().is_none()
            && built.email_message().is_none()
            && built.default_push_notification_message().is_none()
            && built.default_message().is_none()
            && self.templates.iter().all(|t| t.name.trim().is_empty())
        {
            errors
                .add("message", "Write a message for at least one channel (or a default message)");
        }
        built
    }

    /// Every field's message, as a send would give them (nothing is built): a form shows them
    /// again after each edit, so a message goes once its value is fixed.
    #[must_use]
    pub fn check(&self) -> FieldErrors {
        let mut errors = FieldErrors::default();
        self.recipients(&mut errors);
        self.configuration(&mut errors);
        key_values(&mut errors, "context", &self.context);
        self.overrides(&mut errors);
        key_values(&mut errors, "substitutions", &self.substitutions);
        errors
    }

    /// The requests to send, in batches of 100 recipients, or every field's message.
    pub fn batches(&self) -> Result<Vec<Batch>, FieldErrors> {
        let mut errors = FieldErrors::default();
        let recipients = self.recipients(&mut errors);
        let config = self.configuration(&mut errors);
        let context = key_values(&mut errors, "context", &self.context);
        let overrides = self.overrides(&mut errors);
        let substitutions = key_values(&mut errors, "substitutions", &self.substitutions);
        if !errors.is_empty() {
            return Err(errors);
        }
        let subs: HashMap<String, Vec<String>> =
            substitutions.into_iter().map(|(k, v)| (k, vec![v])).collect();
        let context = (!context.is_empty()).then_some(context);
        // Endpoint ids and user ids take the same per-recipient configuration.
        let per_recipient = |chunk: &[Recipient]| -> HashMap<String, EndpointSendConfiguration> {
            chunk
                .iter()
                .map(|r| (r.id.clone(), Self::send_config(&subs, overrides.get(&r.id))))
                .collect()
        };
        let batches = recipients
            .chunks(BATCH)
            .map(|chunk| match self.kind {
                RecipientKind::Addresses => Batch::Messages(
                    MessageRequest::builder()
                        .set_addresses(Some(
                            chunk
                                .iter()
                                .map(|r| {
                                    let (body, title) =
                                        overrides.get(&r.id).cloned().unwrap_or_default();
                                    let conf = AddressConfiguration::builder()
                                        .channel_type(ChannelType::from(r.channel.unwrap_or("SMS")))
                                        .set_substitutions((!subs.is_empty()).then(|| subs.clone()))
                                        .set_body_override(body)
                                        .set_title_override(title)
                                        .build();
                                    (r.id.clone(), conf)
                                })
                                .collect(),
                        ))
                        .message_configuration(config.clone())
                        .set_template_configuration(template_configuration(&self.templates))
                        .set_context(context.clone())
                        .build(),
                ),
                RecipientKind::Endpoints => Batch::Messages(
                    MessageRequest::builder()
                        .set_endpoints(Some(per_recipient(chunk)))
                        .message_configuration(config.clone())
                        .set_template_configuration(template_configuration(&self.templates))
                        .set_context(context.clone())
                        .build(),
                ),
                RecipientKind::Users => Batch::Users(
                    SendUsersMessageRequest::builder()
                        .set_users(Some(per_recipient(chunk)))
                        .message_configuration(config.clone())
                        .set_template_configuration(template_configuration(&self.templates))
                        .set_context(context.clone())
                        .build(),
                ),
            })
            .collect();
        Ok(batches)
    }

    /// Per-recipient overrides: recipient → (body, title).
    fn overrides(
        &self,
        errors: &mut FieldErrors,
    ) -> HashMap<String, (Option<String>, Option<String>)> {
        let mut out = HashMap::new();
        for line in self.overrides.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let mut parts = line.split('|').map(str::trim);
            match (parts.next().filter(|r| !r.is_empty()), parts.next(), parts.next()) {
                (Some(recipient), body, title) => {
                    out.insert(recipient.to_owned(), (body.and_then(text), title.and_then(text)));
                }
                _ => errors.add("overrides", format!("'{line}' is not recipient | body | title")),
            }
        }
        out
    }

    fn send_config(
        subs: &HashMap<String, Vec<String>>,
        overrides: Option<&(Option<String>, Option<String>)>,
    ) -> EndpointSendConfiguration {
        let (body, title) = overrides.cloned().unwrap_or_default();
        EndpointSendConfiguration::builder()
            .set_substitutions((!subs.is_empty()).then(|| subs.clone()))
            .set_body_override(body)
            .set_title_override(title)
            .build()
    }
}

/// One request of a send.
#[derive(Debug, Clone)]
pub enum Batch {
    /// SendMessages.
    Messages(MessageRequest),
    /// SendUsersMessages.
    Users(SendUsersMessageRequest),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipients_take_their_channel_and_batch_by_100() {
        let mut d = ComposerDraft {
            sms_body: "Hi {{name}}".into(),
            substitutions: "name=Ada".into(),
            ..ComposerDraft::default()
        };
        d.recipients = (0..250).map(|i| format!("+1206555{i:04}")).collect::<Vec<_>>().join("\n")
            + "\na@example.com,EMAIL";
        let batches = d.batches().unwrap();
        assert_eq!(batches.len(), 3);
        let Batch::Messages(last) = &batches[2] else { panic!("addresses go by SendMessages") };
        let addresses = last.addresses().unwrap();
        assert_eq!(addresses.len(), 51);
        assert_eq!(addresses["a@example.com"].channel_type(), Some(&ChannelType::Email));
    }

    #[test]
    fn bad_input_is_named_per_field() {
        let d = ComposerDraft {
            recipients: "+1,FAX".into(),
            context: "oops".into(),
            ..ComposerDraft::default()
        };
        let errors = d.batches().unwrap_err();
        assert!(errors.get("recipients").unwrap().contains("FAX"));
        assert!(errors.get("message").is_some());
        assert!(errors.get("context").is_some());
    }
}
