//! Form state as plain data (no egui): each draft converts to and from the SDK types in one
//! place and validates itself into field-level messages that the form shows inline.

pub mod campaign;
pub mod channels;
pub mod diff;
pub mod endpoint;
pub mod message;
pub mod segment;
pub mod settings;
pub mod store;
pub mod upload;

use std::collections::BTreeMap;

/// Field name → message, for inline display next to each field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(BTreeMap<String, String>);

impl FieldErrors {
    /// Records a message for a field (the first one wins).
    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.entry(field.into()).or_insert_with(|| message.into());
    }

    /// Records the error of a rule check, if any.
    pub fn check(&mut self, field: impl Into<String>, result: Result<(), String>) {
        if let Err(message) = result {
            self.add(field, message);
        }
    }

    /// The message for a field.
    #[must_use]
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.get(field).map(String::as_str)
    }

    /// True when no field has a message.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Number of fields with a message.
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when some field whose key starts with `prefix` has a message.
    #[must_use]
    pub fn any_under(&self, prefix: &str) -> bool {
        self.0.keys().any(|k| k.starts_with(prefix))
    }

    /// Every (field, message), in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// Removes all messages.
    pub fn clear(&mut self) {
        self.0.clear();
    }
}

/// Parses an optional whole-number field: empty is `None`, anything else must be an integer.
pub fn parse_optional_int(
    errors: &mut FieldErrors,
    field: impl Into<String>,
    text: &str,
) -> Option<i32> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return None;
    }
    let parsed = trimmed.replace(['_', ','], "").parse::<i32>().ok();
    if parsed.is_none() {
        errors.add(field, format!("'{trimmed}' is not a whole number"));
    }
    parsed
}
