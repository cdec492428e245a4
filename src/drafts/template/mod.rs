//! A message template as plain data: the members of its kind's request shape as the form edits
//! them (text by member path, `Default.Title`, `GCM.Body`, …), default substitutions as
//! key/value rows, an email's headers and an in-app template's content blocks. `wire` turns it
//! into the request body as the service model spells it (the one JSON the save sends, the
//! preview renders and the version diff compares) and back; `sdk` turns that into the SDK's
//! request and the SDK's answers into it.

pub mod sdk;
pub mod wire;

use std::collections::BTreeMap;

use super::FieldErrors;
use crate::pinpoint::template::{TemplateKind, template_name};

pub use crate::drafts::inapp::InAppDraft;

/// One text member of a template's request shape, as the form shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// Its member path (`Subject`, `APNS.Sound`).
    pub path: &'static str,
    /// Its label.
    pub label: &'static str,
    /// Rows of a multi-line field; 0 for a single line.
    pub rows: usize,
}

const fn field(path: &'static str, label: &'static str, rows: usize) -> Field {
    Field { path, label, rows }
}

/// The push parts of a push template: (member, heading).
pub const PUSH_PARTS: [(&str, &str); 5] = [
    ("Default", "Default (every push channel)"),
    ("APNS", "APNs"),
    ("GCM", "FCM / GCM"),
    ("ADM", "ADM"),
    ("Baidu", "Baidu"),
];

/// Values of a push part's `Action`.
pub const PUSH_ACTIONS: [&str; 3] = ["OPEN_APP", "DEEP_LINK", "URL"];

/// The members of one push part (`Action` is a choice, drawn apart).
#[must_use]
pub fn push_members(part: &str) -> &'static [(&'static str, &'static str, usize)] {
    const DEFAULT: [(&str, &str, usize); 4] =
        [("Title", "Title", 0), ("Body", "Body", 3), ("Url", "URL", 0), ("Sound", "Sound", 0)];
    const APNS: [(&str, &str, usize); 6] = [
        ("Title", "Title", 0),
        ("Body", "Body", 3),
        ("Url", "URL", 0),
        ("Sound", "Sound", 0),
        ("MediaUrl", "Media URL", 0),
        ("RawContent", "Raw content (JSON)", 3),
    ];
    const ANDROID: [(&str, &str, usize); 9] = [
        ("Title", "Title", 0),
        ("Body", "Body", 3),
        ("Url", "URL", 0),
        ("Sound", "Sound", 0),
        ("ImageUrl", "Image URL", 0),
        ("ImageIconUrl", "Icon URL", 0),
        ("SmallImageIconUrl", "Small icon URL", 0),
        ("RawContent", "Raw content (JSON)", 3),
        ("Action", "", 0),
    ];
    match part {
        "Default" => &DEFAULT,
        "APNS" => &APNS,
        _ => &ANDROID[..8],
    }
}

/// The single text members of a kind (push parts and in-app content are drawn apart).
#[must_use]
pub fn fields(kind: TemplateKind) -> &'static [Field] {
    const EMAIL: [Field; 3] = [
        field("Subject", "Subject", 0),
        field("HtmlPart", "HTML part", 8),
        field("TextPart", "Text part", 5),
    ];
    const SMS: [Field; 1] = [field("Body", "SMS body", 5)];
    const VOICE: [Field; 3] = [
        field("Body", "Voice script", 5),
        field("LanguageCode", "Language code", 0),
        field("VoiceId", "Voice id", 0),
    ];
    match kind {
        TemplateKind::Email => &EMAIL,
        TemplateKind::Sms => &SMS,
        TemplateKind::Voice => &VOICE,
        TemplateKind::Push | TemplateKind::InApp => &[],
    }
}

/// A template as the form edits it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateDraft {
    /// Its type.
    pub kind: TemplateKind,
    /// Its name (fixed once created).
    pub name: String,
    /// `TemplateDescription`.
    pub description: String,
    /// Text members by path (`Subject`, `GCM.Body`, `APNS.Action`).
    pub values: BTreeMap<String, String>,
    /// `DefaultSubstitutions` as rows (not for in-app templates).
    pub substitutions: Vec<(String, String)>,
    /// `RecommenderId` (email, SMS and push).
    pub recommender_id: String,
    /// An email's `Headers`.
    pub headers: Vec<(String, String)>,
    /// An in-app template's layout, content blocks and custom configuration (its `body` is
    /// unused: templates have none).
    pub in_app: InAppDraft,
}

impl TemplateDraft {
    /// A new template of `kind` with nothing filled in (an in-app one has one block).
    #[must_use]
    pub fn new(kind: TemplateKind) -> Self {
        Self {
            kind,
            name: String::new(),
            description: String::new(),
            values: BTreeMap::new(),
            substitutions: Vec::new(),
            recommender_id: String::new(),
            headers: Vec::new(),
            in_app: if kind == TemplateKind::InApp {
                InAppDraft::starter()
            } else {
                InAppDraft::default()
            },
        }
    }

    /// The text of a member path ("" when unset).
    #[must_use]
    pub fn value(&self, path: &str) -> &str {
        self.values.get(path).map_or("", String::as_str)
    }

    /// The text of a member path to edit.
    pub fn value_mut(&mut self, path: &str) -> &mut String {
        self.values.entry(path.to_owned()).or_default()
    }

    /// True when the kind has `DefaultSubstitutions`.
    #[must_use]
    pub fn has_substitutions(&self) -> bool {
        self.kind != TemplateKind::InApp
    }

    /// True when the kind has `RecommenderId`.
    #[must_use]
    pub fn has_recommender(&self) -> bool {
        matches!(self.kind, TemplateKind::Email | TemplateKind::Sms | TemplateKind::Push)
    }

    /// The default substitutions as a map (the last of equal keys wins; empty keys skipped).
    #[must_use]
    pub fn substitution_map(&self) -> BTreeMap<String, String> {
        self.substitutions
            .iter()
            .filter(|(k, _)| !k.trim().is_empty())
            .map(|(k, v)| (k.trim().to_owned(), v.clone()))
            .collect()
    }

    /// Checks the form as the service would: the name, something to send, keys of the default
    /// substitutions and headers, colours and links of in-app blocks.
    #[must_use]
    pub fn validate(&self) -> FieldErrors {
        let mut errors = FieldErrors::default();
        errors.check("name", template_name(self.name.trim()));
        let blank = |path: &str| self.value(path).trim().is_empty();
        match self.kind {
            TemplateKind::Email => {
                if blank("HtmlPart") && blank("TextPart") {
                    errors.add("TextPart", "Give the email an HTML part, a text part or both.");
                }
            }
            TemplateKind::Sms | TemplateKind::Voice => {
                if blank("Body") {
                    errors.add("Body", "The body is required.");
                }
            }
            TemplateKind::Push => {
                let any = PUSH_PARTS.iter().any(|(part, _)| {
                    !blank(&format!("{part}.Body")) || !blank(&format!("{part}.Title"))
                });
                if !any {
                    errors.add("Default.Body", "Give at least one push part a title or a body.");
                }
            }
            TemplateKind::InApp => self.in_app.validate("", &mut errors),
        }
        for (i, (key, _)) in self.substitutions.iter().enumerate() {
            if key.trim().is_empty() {
                errors
                    .add(format!("substitutions.{i}"), "Name the substitution, or remove the row.");
            } else if self.substitutions[..i].iter().any(|(k, _)| k.trim() == key.trim()) {
                errors
                    .add(format!("substitutions.{i}"), format!("“{}” is given twice.", key.trim()));
            }
        }
        for (i, (name, _)) in self.headers.iter().enumerate() {
            if name.trim().is_empty() {
                errors.add(format!("headers.{i}"), "Name the header, or remove the row.");
            }
        }
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_checks_what_the_service_would_refuse() {
        let mut d = TemplateDraft::new(TemplateKind::Email);
        d.name = "bad name".to_owned();
        d.substitutions = vec![("Name".into(), "a".into()), (" Name".into(), "b".into())];
        let errors = d.validate();
        assert!(errors.get("name").is_some());
        assert!(errors.get("TextPart").is_some(), "an email needs a part");
        assert!(errors.get("substitutions.1").is_some_and(|m| m.contains("twice")));
        d.name = "welcome".to_owned();
        *d.value_mut("TextPart") = "Hi {{Name}}".to_owned();
        d.substitutions.pop();
        assert!(d.validate().is_empty(), "{:?}", d.validate());

        let mut push = TemplateDraft::new(TemplateKind::Push);
        push.name = "p".to_owned();
        assert!(push.validate().get("Default.Body").is_some());
        *push.value_mut("GCM.Title") = "T".to_owned();
        assert!(push.validate().is_empty());
    }
}
