//! What the store keeps for the account rather than for one project: message templates and
//! recommender configurations belong to the AWS account, and every project uses them.
//!
//! The account is stored like a project, under a reserved key (`ACCOUNT_KEY`) that no
//! project id can take (project ids are 32 lowercase hex characters): its rows sit beside the
//! projects' in the same durable tables, so they are written and shared by the same code.
//! The key never shows in the project list, and `GetApp` on it is a 404, because the memory
//! store keeps the account out of its project index.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::collection::Collection;
use super::tracked::{
    Parts, Row, RowError, Table, Tracked, apply_to_parts, drain_parts, dump_parts, forget_parts,
};

/// The key the account's rows are stored under, beside the projects' ids.
pub const ACCOUNT_KEY: &str = "account";

/// One message template of one type, with every version it has.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StoredTemplate {
    /// The template's name.
    pub name: String,
    /// Its type (`EMAIL`, `SMS`, `PUSH`, `VOICE`, `INAPP`).
    pub kind: String,
    /// When the template was created.
    pub creation_date: String,
    /// The versions, oldest first: each the kind's request members plus `Version`,
    /// `CreationDate` and `LastModifiedDate`.
    pub versions: Vec<Value>,
    /// The active version's identifier.
    pub active: String,
    /// The identifier the next new version takes (identifiers are never reused).
    pub next_version: u64,
    /// The template's tags: kept here only, changed through `set_tags`.
    pub tags: BTreeMap<String, String>,
}

impl StoredTemplate {
    /// The version with this identifier.
    #[must_use]
    pub fn version(&self, id: &str) -> Option<&Value> {
        self.versions.iter().find(|v| v.get("Version").and_then(Value::as_str) == Some(id))
    }

    /// The active version (the latest when the active one cannot be found).
    #[must_use]
    pub fn active_version(&self) -> Option<&Value> {
        self.version(&self.active).or_else(|| self.versions.last())
    }

    /// The latest version's identifier.
    #[must_use]
    pub fn latest_id(&self) -> Option<&str> {
        self.versions.last().and_then(|v| v.get("Version")).and_then(Value::as_str)
    }

    /// Replaces the template's tags (TagResource and UntagResource change them here).
    pub fn set_tags(&mut self, tags: BTreeMap<String, String>) {
        self.tags = tags;
    }
}

/// The key of a template in `AccountRecord::templates`: names are unique per type.
#[must_use]
pub fn template_key(name: &str, kind: &str) -> String {
    format!("{name}/{kind}")
}

/// Everything stored for the account: the unit of one account transaction. Every part is a
/// tracked table, so a durable store writes only the rows a transaction changed.
#[derive(Debug, Clone, Default)]
pub struct AccountRecord {
    /// Message templates by `template_key`.
    pub templates: Table<String, StoredTemplate>,
    /// Recommender configurations (`RecommenderConfigurationResponse` values) by id.
    pub recommenders: Collection<Value>,
}

/// Calls `$each!(table name, field)` for every tracked part of the account.
macro_rules! account_parts {
    ($record:expr, $each:ident) => {{
        $each!("template", $record.templates);
        $each!("recommender", $record.recommenders);
    }};
}

impl AccountRecord {
    /// The account built from stored rows.
    pub fn from_rows(rows: &[Row]) -> Result<Self, RowError> {
        let mut record = Self::default();
        for row in rows {
            record.apply(row)?;
        }
        Ok(record)
    }

    /// Every part with its table name (the list is written once, in `account_parts!`).
    fn parts_mut(&mut self) -> Parts<'_> {
        let mut parts: Parts<'_> = Vec::new();
        macro_rules! part {
            ($table:expr, $part:expr) => {
                parts.push(($table, &mut $part))
            };
        }
        account_parts!(self, part);
        parts
    }

    /// The rows changed since the last call (and forgets them).
    pub fn drain_changes(&mut self) -> Vec<Row> {
        drain_parts(self.parts_mut())
    }

    /// Forgets the changes (a discarded transaction).
    pub fn forget_changes(&mut self) {
        forget_parts(self.parts_mut());
    }

    /// Every row of the account.
    #[must_use]
    pub fn rows(&self) -> Vec<Row> {
        let mut parts: Vec<(&'static str, &dyn Tracked)> = Vec::new();
        macro_rules! part {
            ($table:expr, $part:expr) => {
                parts.push(($table, &$part))
            };
        }
        account_parts!(self, part);
        dump_parts(&parts)
    }

    /// Applies a stored row (at load, or written by another process). A row of a table this
    /// binary does not know is refused: it was written by a newer one.
    pub fn apply(&mut self, row: &Row) -> Result<(), RowError> {
        apply_to_parts(self.parts_mut(), row)
    }

    /// Replaces everything with `other`'s content, as changes this transaction stores
    /// (loading a state file).
    pub fn replace_with(&mut self, other: &Self) {
        self.templates.retain(|_, _| false);
        for (key, template) in other.templates.iter() {
            self.templates.insert(key.clone(), template.clone());
        }
        let ids: Vec<String> = self.recommenders.entries().map(|(id, _)| id.to_owned()).collect();
        for id in ids {
            self.recommenders.remove(&id);
        }
        for (id, value) in other.recommenders.entries() {
            self.recommenders.insert(id, value.clone());
        }
    }
}
