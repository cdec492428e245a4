//! What a direct send will do, said before anything is sent: who (how many recipients, of
//! which kind, the first few), what (the message each channel family will get, with the
//! substitutions resolved as the preview resolves them) and when (now, in how many requests).
//! A send to more than one recipient is confirmed on this review; one recipient (a test send)
//! goes at once.

use super::{Batch, ComposerDraft, RecipientKind, key_values, text};
use crate::drafts::FieldErrors;
use crate::pinpoint::render::{Substitutions, fill};

/// Recipients listed by name in a review.
pub const FIRST: usize = 5;

/// The message one channel family will get.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewedMessage {
    /// The family: SMS, Email or Push.
    pub family: &'static str,
    /// Whom it reaches, e.g. "2 SMS addresses" or "endpoints on SMS".
    pub used_for: String,
    /// Title or subject.
    pub title: Option<String>,
    /// Body, as rendered.
    pub body: String,
    /// True when the family has no message of its own and gets the default message.
    pub fallback: bool,
}

/// A send waiting for the person's confirmation.
#[derive(Debug, Clone)]
pub struct SendReview {
    /// The composer as reviewed: once it differs, the review no longer says what will be
    /// sent and is dropped.
    pub draft: ComposerDraft,
    /// The requests the confirmation sends.
    pub batches: Vec<Batch>,
    /// Who.
    pub kind: RecipientKind,
    /// How many recipients.
    pub count: usize,
    /// Addresses per channel type (addresses only).
    pub channels: Vec<(&'static str, usize)>,
    /// The first recipients, as they will be addressed.
    pub first: Vec<String>,
    /// The message each family will get.
    pub messages: Vec<ReviewedMessage>,
    /// Address channels with no message to send, and how many addresses are on each.
    pub unserved: Vec<(&'static str, usize)>,
    /// Recipients with their own body or title.
    pub overridden: usize,
}

impl SendReview {
    /// True when the send must be confirmed first: more than one recipient (and so any send
    /// of more than one request).
    #[must_use]
    pub fn needs_confirmation(&self) -> bool {
        self.count > 1 || self.batches.len() > 1
    }

    /// Who, in one line: "3 recipients: addresses (SMS 2, GCM 1)".
    #[must_use]
    pub fn who(&self) -> String {
        let what = match self.kind {
            RecipientKind::Addresses => {
                let per: Vec<String> =
                    self.channels.iter().map(|(c, n)| format!("{c} {n}")).collect();
                format!("addresses ({})", per.join(", "))
            }
            RecipientKind::Endpoints => "endpoint ids".to_owned(),
            RecipientKind::Users => "user ids (every endpoint of each user)".to_owned(),
        };
        format!("{}: {what}", recipients(self.count))
    }

    /// When, in one line.
    #[must_use]
    pub fn when(&self) -> String {
        let requests = match self.batches.len() {
            1 => "in one request".to_owned(),
            n => format!("in {n} requests of up to 100 recipients, one after the other"),
        };
        format!("Now, as soon as you confirm, {requests}.")
    }

    /// The confirm button's words.
    #[must_use]
    pub fn confirm_label(&self) -> String {
        format!("Send to {}", recipients(self.count))
    }
}

/// "1 recipient", "3 recipients".
#[must_use]
pub fn recipients(n: usize) -> String {
    if n == 1 { "1 recipient".to_owned() } else { format!("{n} recipients") }
}

/// The family a channel type belongs to.
fn family(channel: &str) -> &'static str {
    match channel {
        "SMS" => "SMS",
        "EMAIL" => "Email",
        _ => "Push",
    }
}

impl ComposerDraft {
    /// The values `{{…}}` resolves to in the preview and the review: the substitutions, and
    /// the context as `Context.NAME`.
    #[must_use]
    pub fn preview_substitutions(&self) -> Substitutions {
        let mut ignore = FieldErrors::default();
        let mut subs = Substitutions::default();
        subs.values.extend(key_values(&mut ignore, "s", &self.substitutions));
        for (k, v) in key_values(&mut ignore, "c", &self.context) {
            subs.values.insert(format!("Context.{k}"), v);
        }
        subs
    }

    /// A family's own message (title, body), unrendered, if it has one.
    fn own_message(&self, family: &str) -> Option<(Option<String>, String)> {
        match family {
            "SMS" => text(&self.sms_body).map(|b| (None, b)),
            "Email" => {
                let subject = text(&self.email_subject);
                let body = text(&self.email_text).or_else(|| text(&self.email_html));
                (subject.is_some() || body.is_some()).then(|| (subject, body.unwrap_or_default()))
            }
            _ => {
                let (title, body) = (text(&self.push_title), text(&self.push_body));
                if title.is_none() && body.is_none() && !self.push_silent {
                    return None;
                }
                Some((title, body.unwrap_or_else(|| "(silent push: no text)".to_owned())))
            }
        }
    }

    /// The send this composer would make, for review; or every field's message.
    pub fn review(&self) -> Result<SendReview, FieldErrors> {
        let batches = self.batches()?;
        let mut ignore = FieldErrors::default();
        let recipients = self.recipients(&mut ignore);
        let mut channels: Vec<(&'static str, usize)> = Vec::new();
        if self.kind == RecipientKind::Addresses {
            for channel in recipients.iter().filter_map(|r| r.channel) {
                match channels.iter_mut().find(|(c, _)| *c == channel) {
                    Some((_, n)) => *n += 1,
                    None => channels.push((channel, 1)),
                }
            }
        }
        let first = recipients
            .iter()
            .take(FIRST)
            .map(|r| match r.channel {
                Some(c) if self.kind == RecipientKind::Addresses => format!("{} ({c})", r.id),
                _ => r.id.clone(),
            })
            .collect();
        let subs = self.preview_substitutions();
        let default = text(&self.default_body);
        let mut messages = Vec::new();
        let mut unserved = Vec::new();
        for family_name in ["SMS", "Email", "Push"] {
            let used_for = if self.kind == RecipientKind::Addresses {
                let on: Vec<&(&str, usize)> =
                    channels.iter().filter(|(c, _)| family(c) == family_name).collect();
                if on.is_empty() {
                    continue;
                }
                let count: usize = on.iter().map(|(_, n)| n).sum();
                let names: Vec<&str> = on.iter().map(|(c, _)| *c).collect();
                if self.own_message(family_name).is_none() && default.is_none() {
                    unserved.extend(on.iter().map(|(c, n)| (*c, *n)));
                    continue;
                }
                let noun =
                    if count == 1 { "1 address".to_owned() } else { format!("{count} addresses") };
                format!("{noun} on {}", names.join(", "))
            } else {
                let who = if self.kind == RecipientKind::Users {
                    "users' endpoints"
                } else {
                    "endpoints"
                };
                format!(
                    "{who} on {}",
                    if family_name == "Push" { "push channels" } else { family_name }
                )
            };
            let (title, body, fallback) = match (self.own_message(family_name), &default) {
                (Some((title, body)), _) => (title, body, false),
                (None, Some(body)) => (None, body.clone(), true),
                (None, None) => continue,
            };
            messages.push(ReviewedMessage {
                family: family_name,
                used_for,
                title: title.map(|t| fill(&t, None, &subs)),
                body: fill(&body, None, &subs),
                fallback,
            });
        }
        let overridden = self.overrides(&mut ignore).len();
        Ok(SendReview {
            draft: self.clone(),
            batches,
            kind: self.kind,
            count: recipients.len(),
            channels,
            first,
            messages,
            unserved,
            overridden,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_review_says_who_what_and_when() {
        let draft = ComposerDraft {
            recipients: "+12065550100\n+12065550101\ntoken-1,GCM\nx@example.com,EMAIL".into(),
            sms_body: "Hi {{name}}".into(),
            push_title: "News".into(),
            push_body: "For {{name}}".into(),
            substitutions: "name=Ada".into(),
            ..ComposerDraft::default()
        };
        let review = draft.review().unwrap();
        assert!(review.needs_confirmation());
        assert_eq!(review.who(), "4 recipients: addresses (SMS 2, GCM 1, EMAIL 1)");
        assert_eq!(review.first[2], "token-1 (GCM)");
        assert_eq!(review.confirm_label(), "Send to 4 recipients");
        assert_eq!(review.messages.len(), 2);
        assert_eq!(
            (review.messages[0].family, review.messages[0].body.as_str()),
            ("SMS", "Hi Ada")
        );
        assert_eq!(review.messages[0].used_for, "2 addresses on SMS");
        assert_eq!(review.messages[1].title.as_deref(), Some("News"));
        assert_eq!(review.unserved, [("EMAIL", 1)], "no email message and no default");
        assert_eq!(review.when(), "Now, as soon as you confirm, in one request.");

        let one = ComposerDraft { recipients: "+12065550100".into(), ..draft.clone() };
        assert!(!one.review().unwrap().needs_confirmation(), "a test send goes at once");
        let many = ComposerDraft {
            recipients: (0..150).map(|i| format!("+1206555{i:04}")).collect::<Vec<_>>().join("\n"),
            default_body: "Default".into(),
            kind: RecipientKind::Endpoints,
            ..ComposerDraft::default()
        };
        let review = many.review().unwrap();
        assert_eq!(review.batches.len(), 2);
        assert!(review.when().contains("2 requests"));
        assert!(review.messages.iter().all(|m| m.fallback && m.body == "Default"));
    }
}
