//! A resource's tags as the tag editor edits them: key/value rows checked with AWS's rules
//! (at most 50 tags, a key of 1-128 characters not starting with `aws:`, a value of at most 256)
//! and saved as the difference from what the service holds (TagResource for what is new or
//! changed, UntagResource for what is gone).

use std::collections::{BTreeMap, HashMap};

use super::FieldErrors;

/// Most tags on one resource.
pub const MAX_TAGS: usize = 50;
/// Longest tag key.
pub const MAX_KEY: usize = 128;
/// Longest tag value.
pub const MAX_VALUE: usize = 256;

/// The tags of one resource.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TagsDraft {
    /// The resource's ARN (empty until known).
    pub arn: String,
    /// What the service holds, once read.
    pub stored: Option<BTreeMap<String, String>>,
    /// The rows as edited.
    pub rows: Vec<(String, String)>,
    /// True once the tags were asked for (so a failed read is not asked again every frame).
    pub requested: bool,
}

/// What a save sends: keys to set (with values) and keys to remove.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TagChanges {
    /// TagResource.
    pub set: HashMap<String, String>,
    /// UntagResource.
    pub remove: Vec<String>,
}

impl TagChanges {
    /// True when nothing changes.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.set.is_empty() && self.remove.is_empty()
    }
}

impl TagsDraft {
    /// A draft for the resource `arn`, its tags not read yet.
    #[must_use]
    pub fn for_arn(arn: &str) -> Self {
        Self { arn: arn.to_owned(), ..Self::default() }
    }

    /// The rows for tags the service holds.
    pub fn load(&mut self, arn: &str, tags: BTreeMap<String, String>) {
        arn.clone_into(&mut self.arn);
        self.rows = tags.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        self.stored = Some(tags);
    }

    /// Checks every row; errors by `tags.{row}`, and `tags` for the count.
    #[must_use]
    pub fn validate(&self) -> FieldErrors {
        let mut errors = FieldErrors::default();
        if self.rows.len() > MAX_TAGS {
            errors.add(
                "tags",
                format!(
                    "A resource has at most {MAX_TAGS} tags; remove {}.",
                    self.rows.len() - MAX_TAGS
                ),
            );
        }
        for (i, (key, value)) in self.rows.iter().enumerate() {
            let key = key.trim();
            let field = format!("tags.{i}");
            if key.is_empty() {
                errors.add(field, "Name the tag, or remove the row.");
            } else if key.chars().count() > MAX_KEY {
                errors.add(field, format!("A tag key has at most {MAX_KEY} characters."));
            } else if key.to_ascii_lowercase().starts_with("aws:") {
                errors.add(field, "Keys starting with “aws:” are reserved for AWS.");
            } else if value.chars().count() > MAX_VALUE {
                errors.add(field, format!("A tag value has at most {MAX_VALUE} characters."));
            } else if self.rows[..i].iter().any(|(k, _)| k.trim() == key) {
                errors.add(field, format!("“{key}” is given twice."));
            }
        }
        errors
    }

    /// The difference from what the service holds.
    #[must_use]
    pub fn changes(&self) -> TagChanges {
        let stored = self.stored.clone().unwrap_or_default();
        let rows: BTreeMap<String, String> =
            self.rows.iter().map(|(k, v)| (k.trim().to_owned(), v.clone())).collect();
        TagChanges {
            set: rows
                .iter()
                .filter(|(k, v)| stored.get(*k) != Some(*v))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            remove: stored.keys().filter(|k| !rows.contains_key(*k)).cloned().collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_follow_aws_rules_and_save_the_difference() {
        let mut d = TagsDraft::default();
        d.load("arn:x", BTreeMap::from([("team".into(), "a".into()), ("old".into(), "1".into())]));
        d.rows = vec![("team".into(), "b".into()), ("new".into(), "2".into())];
        assert!(d.validate().is_empty());
        let c = d.changes();
        assert_eq!(c.set, HashMap::from([("team".into(), "b".into()), ("new".into(), "2".into())]));
        assert_eq!(c.remove, vec!["old".to_owned()]);

        d.rows = vec![
            ("aws:x".into(), String::new()),
            (String::new(), "v".into()),
            ("k".repeat(129), String::new()),
            ("v".into(), "x".repeat(257)),
            ("v".into(), String::new()),
        ];
        let e = d.validate();
        assert!(e.get("tags.0").is_some_and(|m| m.contains("aws:")));
        assert!(e.get("tags.1").is_some());
        assert!(e.get("tags.2").is_some_and(|m| m.contains("128")));
        assert!(e.get("tags.3").is_some_and(|m| m.contains("256")));
        d.rows = (0..51).map(|i| (format!("k{i}"), String::new())).collect();
        assert!(d.validate().get("tags").is_some());
    }
}
