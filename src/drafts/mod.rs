//! Form state as plain data (no egui): each draft converts to and from the SDK types in one
//! place and validates itself into field-level messages that the form shows inline.

pub mod analytics;
pub mod campaign;
pub mod channels;
pub mod diff;
pub mod endpoint;
pub mod inapp;
pub mod journey;
pub mod json;
pub mod message;
pub mod otp;
pub mod segment;
pub mod settings;
pub mod store;
pub mod tags;
pub mod template;
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
    let parsed = parse_int(trimmed).and_then(|n| i32::try_from(n).ok());
    if parsed.is_none() {
        errors.add(field, format!("'{trimmed}' is not a whole number"));
    }
    parsed
}

/// The values of a comma-separated field, trimmed, empty ones dropped. A value holding a comma
/// is written in double quotes (`"Portland, OR", Seattle`), as [`join_values`] writes it.
#[must_use]
pub fn split_values(text: &str) -> Vec<String> {
    let mut values = Vec::new();
    let mut chars = text.chars().peekable();
    while chars.peek().is_some() {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let mut value = String::new();
        if chars.next_if_eq(&'"').is_some() {
            // Quoted: up to the closing quote ("" is a quote), then up to the comma.
            while let Some(c) = chars.next() {
                if c != '"' {
                    value.push(c);
                } else if chars.next_if_eq(&'"').is_some() {
                    value.push('"');
                } else {
                    break;
                }
            }
            for c in chars.by_ref() {
                if c == ',' {
                    break;
                }
            }
        } else {
            for c in chars.by_ref() {
                if c == ',' {
                    break;
                }
                value.push(c);
            }
            // Leading blanks were skipped above.
            value.truncate(value.trim_end().len());
        }
        if !value.is_empty() {
            values.push(value);
        }
    }
    values
}

/// Values as one field's text: `a, b`, quoting a value that holds a comma or a quote.
#[must_use]
pub fn join_values<S: AsRef<str>>(values: &[S]) -> String {
    values
        .iter()
        .map(|v| {
            let v = v.as_ref();
            if v.contains([',', '"']) || v.trim() != v {
                format!("\"{}\"", v.replace('"', "\"\""))
            } else {
                v.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A whole number as typed: `_` and `,` separators allowed.
#[must_use]
pub fn parse_int(text: &str) -> Option<i64> {
    text.trim().replace(['_', ','], "").parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_with_commas_survive_a_round_trip() {
        let values = ["Portland, OR", "Seattle", "say \"hi\""];
        let text = join_values(&values);
        assert_eq!(text, r#""Portland, OR", Seattle, "say ""hi""""#);
        assert_eq!(split_values(&text), values);
        assert_eq!(split_values(" iOS,Android ,, "), ["iOS", "Android"]);
        assert!(split_values("").is_empty());
        assert_eq!(parse_int("1,000"), Some(1000));
        assert_eq!(parse_int("x"), None);
    }
}
