//! Containers that remember what a transaction changed, so a durable store writes only the
//! rows a request touched (one endpoint out of a million, not the project). Each container
//! is one *table* of a project's rows: a row is a key, an order (position in a list, for
//! paging that survives a restart) and a JSON body, or no body once removed.
//!
//! Reading never marks anything; `get_mut`, `insert` and `remove` do, conservatively (a
//! `get_mut` that changed nothing still writes the row back). A key added and removed in the
//! same transaction leaves no trace.

use std::borrow::Borrow;
use std::collections::{BTreeMap, HashMap};
use std::ops::{Deref, DerefMut};

use serde::Serialize;
use serde::de::DeserializeOwned;

/// One stored row of a project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The table (one per part of a project: `endpoint`, `campaign`, …).
    pub table: String,
    /// The key within the table.
    pub key: String,
    /// The position within the table (lists and collections); 0 elsewhere.
    pub ord: u64,
    /// The value as JSON, or `None` when the row was removed.
    pub body: Option<String>,
}

/// Why a stored row could not be read back.
#[derive(Debug, thiserror::Error)]
#[error("row {table}/{key} cannot be read: {reason}")]
pub struct RowError {
    /// The table.
    pub table: String,
    /// The key.
    pub key: String,
    /// What is wrong with it.
    pub reason: String,
}

impl RowError {
    pub(crate) fn new(row: &Row, reason: &impl ToString) -> Self {
        Self { table: row.table.clone(), key: row.key.clone(), reason: reason.to_string() }
    }
}

/// Serializes one value as a row body. The mock's values are plain data (strings, numbers,
/// maps with string keys), so serialization cannot fail; if it ever did, the row is written
/// as `null` and reading it back reports it.
pub(crate) fn body<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}

/// Reads a row body.
pub(crate) fn parse<T: DeserializeOwned>(row: &Row) -> Result<Option<T>, RowError> {
    row.body
        .as_deref()
        .map(|text| serde_json::from_str(text).map_err(|e| RowError::new(row, &e)))
        .transpose()
}

/// Keys changed in the current transaction: true for a key that did not exist before it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Dirty(HashMap<String, bool>);

impl Dirty {
    /// `key` was written; `new` when it did not exist before.
    pub(crate) fn touch(&mut self, key: &str, new: bool) {
        if !self.0.contains_key(key) {
            self.0.insert(key.to_owned(), new);
        }
    }

    /// `key` was removed.
    pub(crate) fn removed(&mut self, key: &str) {
        match self.0.get(key) {
            // Added in this transaction: nothing to store or remove.
            Some(true) => {
                self.0.remove(key);
            }
            Some(false) => {}
            None => {
                self.0.insert(key.to_owned(), false);
            }
        }
    }

    pub(crate) fn take(&mut self) -> Vec<String> {
        std::mem::take(&mut self.0).into_keys().collect()
    }

    pub(crate) fn clear(&mut self) {
        self.0.clear();
    }
}

/// What every tracked container does for the store.
pub trait Tracked {
    /// Appends the rows changed since the last call (and forgets them).
    fn drain(&mut self, table: &str, out: &mut Vec<Row>);
    /// Forgets the changes (a discarded transaction that changed nothing).
    fn forget(&mut self);
    /// Appends every row (a full copy, for a new project or an export).
    fn dump(&self, table: &str, out: &mut Vec<Row>);
    /// Applies a stored row (at load, or a change made by another process), unmarked.
    fn apply(&mut self, row: &Row) -> Result<(), RowError>;
}

/// The parts of a record (a project, the account), each under its table name, for the
/// operations every record does the same way over all its parts.
pub type Parts<'a> = Vec<(&'static str, &'a mut dyn Tracked)>;

/// The rows every part changed since the last call (and forgets them).
pub fn drain_parts(parts: Parts<'_>) -> Vec<Row> {
    let mut rows = Vec::new();
    for (table, part) in parts {
        part.drain(table, &mut rows);
    }
    rows
}

/// Forgets every part's changes (a discarded transaction).
pub fn forget_parts(parts: Parts<'_>) {
    for (_, part) in parts {
        part.forget();
    }
}

/// Every row of every part.
#[must_use]
pub fn dump_parts(parts: &[(&'static str, &dyn Tracked)]) -> Vec<Row> {
    let mut rows = Vec::new();
    for (table, part) in parts {
        part.dump(table, &mut rows);
    }
    rows
}

/// Applies a stored row to the part of its table; a row of a table the record does not have
/// is refused (a newer binary wrote it).
pub fn apply_to_parts(parts: Parts<'_>, row: &Row) -> Result<(), RowError> {
    for (table, part) in parts {
        if row.table == table {
            return part.apply(row);
        }
    }
    Err(RowError::new(row, &"unknown table"))
}

/// A map key as stored in a row.
pub trait RowKey: Ord + Clone + std::hash::Hash {
    /// The key as text.
    fn to_key(&self) -> String;
    /// The key from text; `None` for text that names no key.
    fn from_key(text: &str) -> Option<Self>;
}

/// A key or a borrowed form of one (`&str` for `String`), as row text.
pub trait KeyText {
    /// The key as text.
    fn key_text(&self) -> String;
}

impl KeyText for str {
    fn key_text(&self) -> String {
        self.to_owned()
    }
}

impl<K: RowKey> KeyText for K {
    fn key_text(&self) -> String {
        self.to_key()
    }
}

impl RowKey for String {
    fn to_key(&self) -> String {
        self.clone()
    }
    fn from_key(text: &str) -> Option<Self> {
        Some(text.to_owned())
    }
}

/// A tracked map (unordered for lookups, sorted by key when listed).
#[derive(Debug, Clone)]
pub struct Table<K, V> {
    items: BTreeMap<K, V>,
    dirty: Dirty,
}

impl<K, V> Default for Table<K, V> {
    fn default() -> Self {
        Self { items: BTreeMap::new(), dirty: Dirty::default() }
    }
}

impl<K: RowKey, V> Table<K, V> {
    /// The value under `key`.
    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        self.items.get(key)
    }

    /// The value under `key`, mutably (marked changed).
    pub fn get_mut<Q: Ord + KeyText + ?Sized>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
    {
        let value = self.items.get_mut(key)?;
        self.dirty.touch(&key.key_text(), false);
        Some(value)
    }

    /// The value under `key`, inserting the default first when there is none.
    pub fn get_or_default(&mut self, key: K) -> &mut V
    where
        V: Default,
    {
        let new = !self.items.contains_key(&key);
        self.dirty.touch(&key.to_key(), new);
        self.items.entry(key).or_default()
    }

    /// Sets the value under `key`; the value it replaces.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        let new = !self.items.contains_key(&key);
        self.dirty.touch(&key.to_key(), new);
        self.items.insert(key, value)
    }

    /// Removes the value under `key`.
    pub fn remove<Q: Ord + KeyText + ?Sized>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
    {
        let removed = self.items.remove(key)?;
        self.dirty.removed(&key.key_text());
        Some(removed)
    }

    /// Removes every entry whose key `keep` refuses.
    pub fn retain(&mut self, mut keep: impl FnMut(&K, &V) -> bool) {
        let gone: Vec<K> =
            self.items.iter().filter(|(k, v)| !keep(k, v)).map(|(k, _)| k.clone()).collect();
        for key in gone {
            if self.items.remove(&key).is_some() {
                self.dirty.removed(&key.to_key());
            }
        }
    }

    /// True when `key` has a value.
    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.items.contains_key(key)
    }

    /// Entries in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.items.iter()
    }

    /// Values in key order.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.items.values()
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl<K: RowKey, V: Serialize + DeserializeOwned> Tracked for Table<K, V> {
    fn drain(&mut self, table: &str, out: &mut Vec<Row>) {
        for key in self.dirty.take() {
            let body = K::from_key(&key).and_then(|k| self.items.get(&k)).map(body);
            out.push(Row { table: table.to_owned(), key, ord: 0, body });
        }
    }

    fn forget(&mut self) {
        self.dirty.clear();
    }

    fn dump(&self, table: &str, out: &mut Vec<Row>) {
        out.extend(self.items.iter().map(|(k, v)| Row {
            table: table.to_owned(),
            key: k.to_key(),
            ord: 0,
            body: Some(body(v)),
        }));
    }

    fn apply(&mut self, row: &Row) -> Result<(), RowError> {
        let key = K::from_key(&row.key).ok_or_else(|| RowError::new(row, &"unknown key"))?;
        match parse(row)? {
            Some(value) => self.items.insert(key, value),
            None => self.items.remove(&key),
        };
        Ok(())
    }
}

/// One tracked value (a row of its own); writing through it marks it changed.
#[derive(Debug, Clone, Default)]
pub struct Cell<T> {
    value: T,
    dirty: bool,
}

impl<T> Cell<T> {
    /// A value, unchanged so far.
    pub fn new(value: T) -> Self {
        Self { value, dirty: false }
    }

    /// Replaces the value.
    pub fn set(&mut self, value: T) {
        self.value = value;
        self.dirty = true;
    }
}

impl<T> Deref for Cell<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T> DerefMut for Cell<T> {
    fn deref_mut(&mut self) -> &mut T {
        self.dirty = true;
        &mut self.value
    }
}

impl<T: Serialize + DeserializeOwned> Tracked for Cell<T> {
    fn drain(&mut self, table: &str, out: &mut Vec<Row>) {
        if std::mem::take(&mut self.dirty) {
            self.dump(table, out);
        }
    }

    fn forget(&mut self) {
        self.dirty = false;
    }

    fn dump(&self, table: &str, out: &mut Vec<Row>) {
        out.push(Row {
            table: table.to_owned(),
            key: String::new(),
            ord: 0,
            body: Some(body(&self.value)),
        });
    }

    fn apply(&mut self, row: &Row) -> Result<(), RowError> {
        if let Some(value) = parse(row)? {
            self.value = value;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_a_transaction_changed_is_drained() {
        let mut table: Table<String, u32> = Table::default();
        table.insert("a".into(), 1);
        table.insert("b".into(), 2);
        let mut rows = Vec::new();
        table.drain("t", &mut rows);
        assert_eq!(rows.len(), 2);

        rows.clear();
        table.drain("t", &mut rows);
        assert!(rows.is_empty(), "nothing changed since");

        *table.get_mut("a").unwrap() = 5;
        table.insert("c".into(), 3);
        table.remove("c");
        table.remove("b");
        table.drain("t", &mut rows);
        rows.sort_by(|x, y| x.key.cmp(&y.key));
        assert_eq!(rows.len(), 2, "c came and went: {rows:?}");
        assert_eq!(rows[0].body.as_deref(), Some("5"));
        assert_eq!((rows[1].key.as_str(), rows[1].body.as_deref()), ("b", None));

        let mut copy: Table<String, u32> = Table::default();
        for row in &rows {
            copy.apply(row).unwrap();
        }
        assert_eq!(copy.get("a"), Some(&5));
        assert!(copy.get("b").is_none());
    }

    #[test]
    fn a_cell_is_written_only_when_written_through() {
        let mut cell = Cell::new(vec![1]);
        let mut rows = Vec::new();
        assert_eq!(cell.len(), 1);
        cell.drain("c", &mut rows);
        assert!(rows.is_empty());
        cell.push(2);
        cell.drain("c", &mut rows);
        assert_eq!(rows[0].body.as_deref(), Some("[1,2]"));
    }
}
