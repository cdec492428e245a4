//! An insertion-ordered collection keyed by id, with the service's pagination: `page-size`
//! (a number sent as a string) and an opaque `token` that stays valid across inserts and
//! deletes because it names the position (a sequence number), not an index.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::tracked::{Dirty, Row, RowError, Tracked, body, parse};
use crate::mock::error::{MockError, MockResult};

/// Page size when the caller gives none.
pub const DEFAULT_PAGE_SIZE: usize = 20;
/// Largest page size the mock serves.
pub const MAX_PAGE_SIZE: usize = 1000;

/// Items by id, in insertion order, tracked for a durable store (the position is the row's
/// order, so pages keep their order across a restart).
#[derive(Debug, Clone)]
pub struct Collection<T> {
    by_seq: BTreeMap<u64, (String, T)>,
    seq_of: HashMap<String, u64>,
    next_seq: u64,
    dirty: Dirty,
}

impl<T> Default for Collection<T> {
    fn default() -> Self {
        Self {
            by_seq: BTreeMap::new(),
            seq_of: HashMap::new(),
            next_seq: 1,
            dirty: Dirty::default(),
        }
    }
}

/// A page request as parsed from `page-size` and `token`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    /// Items wanted.
    pub size: usize,
    /// Items to start after (a sequence number), from the token.
    pub after: u64,
}

impl PageRequest {
    /// Parses the query parameters, answering 400 for a non-numeric size or a foreign token.
    pub fn parse(page_size: Option<&str>, token: Option<&str>) -> MockResult<Self> {
        let size = match page_size.filter(|s| !s.is_empty()) {
            None => DEFAULT_PAGE_SIZE,
            Some(text) => match text.parse::<usize>() {
                Ok(0) | Err(_) => {
                    return Err(MockError::bad_request(format!(
                        "page-size must be a whole number from 1 to {MAX_PAGE_SIZE} (got '{text}')"
                    )));
                }
                Ok(n) => n.min(MAX_PAGE_SIZE),
            },
        };
        let after = match token.filter(|s| !s.is_empty()) {
            None => 0,
            Some(text) => decode_token(text)
                .ok_or_else(|| MockError::bad_request(format!("Invalid token: '{text}'")))?,
        };
        Ok(Self { size, after })
    }
}

fn encode_token(seq: u64) -> String {
    format!("p{seq:x}")
}

fn decode_token(text: &str) -> Option<u64> {
    u64::from_str_radix(text.strip_prefix('p')?, 16).ok()
}

impl<T> Collection<T> {
    /// Inserts or replaces the item with this id; a replaced item keeps its position.
    pub fn insert(&mut self, id: &str, item: T) {
        if let Some(slot) = self.seq_of.get(id).and_then(|seq| self.by_seq.get_mut(seq)) {
            slot.1 = item;
            self.dirty.touch(id, false);
            return;
        }
        self.dirty.touch(id, true);
        let seq = self.next_seq;
        self.next_seq += 1;
        self.seq_of.insert(id.to_owned(), seq);
        self.by_seq.insert(seq, (id.to_owned(), item));
    }

    /// The item with this id.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&T> {
        self.by_seq.get(self.seq_of.get(id)?).map(|(_, item)| item)
    }

    /// The item with this id, mutably.
    pub fn get_mut(&mut self, id: &str) -> Option<&mut T> {
        let item = self.by_seq.get_mut(self.seq_of.get(id)?).map(|(_, item)| item)?;
        self.dirty.touch(id, false);
        Some(item)
    }

    /// Removes and returns the item with this id.
    pub fn remove(&mut self, id: &str) -> Option<T> {
        let seq = self.seq_of.remove(id)?;
        self.dirty.removed(id);
        self.by_seq.remove(&seq).map(|(_, item)| item)
    }

    /// Forgets which items changed (for collections no store writes, such as an index).
    pub fn forget_changes(&mut self) {
        self.dirty.clear();
    }

    /// Appends an item under a key of its own (its position), for logs.
    pub fn push(&mut self, item: T) {
        let key = format!("{:016x}", self.next_seq);
        self.insert(&key, item);
    }

    /// Removes the oldest items until at most `capacity` are left.
    pub fn trim(&mut self, capacity: usize) {
        while self.by_seq.len() > capacity {
            let Some(id) = self.by_seq.values().next().map(|(id, _)| id.clone()) else { return };
            self.remove(&id);
        }
    }

    /// Ids and items in insertion order.
    pub fn entries(&self) -> impl DoubleEndedIterator<Item = (&str, &T)> {
        self.by_seq.values().map(|(id, item)| (id.as_str(), item))
    }

    /// Number of items.
    #[must_use]
    pub fn len(&self) -> usize {
        self.by_seq.len()
    }

    /// True when empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.by_seq.is_empty()
    }

    /// Items in insertion order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &T> {
        self.by_seq.values().map(|(_, item)| item)
    }

    /// One page of items and the token of the next page, if any.
    #[must_use]
    pub fn page(&self, request: PageRequest) -> (Vec<&T>, Option<String>) {
        let mut range = self.by_seq.range(request.after + 1..);
        let items: Vec<(&u64, &(String, T))> = range.by_ref().take(request.size).collect();
        let next = match (items.last(), range.next()) {
            (Some((seq, _)), Some(_)) => Some(encode_token(**seq)),
            _ => None,
        };
        (items.into_iter().map(|(_, (_, item))| item).collect(), next)
    }
}

impl<T: Serialize + DeserializeOwned> Tracked for Collection<T> {
    fn drain(&mut self, table: &str, out: &mut Vec<Row>) {
        for key in self.dirty.take() {
            let stored =
                self.seq_of.get(&key).and_then(|seq| Some((*seq, &self.by_seq.get(seq)?.1)));
            out.push(Row {
                table: table.to_owned(),
                ord: stored.map_or(0, |(seq, _)| seq),
                body: stored.map(|(_, item)| body(item)),
                key,
            });
        }
    }

    fn forget(&mut self) {
        self.dirty.clear();
    }

    fn dump(&self, table: &str, out: &mut Vec<Row>) {
        out.extend(self.by_seq.iter().map(|(seq, (id, item))| Row {
            table: table.to_owned(),
            key: id.clone(),
            ord: *seq,
            body: Some(body(item)),
        }));
    }

    fn apply(&mut self, row: &Row) -> Result<(), RowError> {
        if let Some(seq) = self.seq_of.remove(&row.key) {
            self.by_seq.remove(&seq);
        }
        if let Some(item) = parse(row)? {
            if row.ord == 0 {
                return Err(RowError::new(row, &"a collection row without its position"));
            }
            self.seq_of.insert(row.key.clone(), row.ord);
            self.by_seq.insert(row.ord, (row.key.clone(), item));
            self.next_seq = self.next_seq.max(row.ord + 1);
        }
        Ok(())
    }
}

/// One page of a slice (for lists that only grow, such as versions and activities).
#[must_use]
pub fn page_slice<T>(items: &[T], request: PageRequest) -> (Vec<&T>, Option<String>) {
    let start = usize::try_from(request.after).unwrap_or(usize::MAX).min(items.len());
    let end = start.saturating_add(request.size).min(items.len());
    let next = (end < items.len()).then(|| encode_token(end as u64));
    (items[start..end].iter().collect(), next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_stable_across_deletes() {
        let mut c = Collection::default();
        for i in 0..5 {
            c.insert(&format!("id{i}"), i);
        }
        let (first, token) = c.page(PageRequest::parse(Some("2"), None).unwrap());
        assert_eq!(first, vec![&0, &1]);
        let token = token.unwrap();
        c.remove("id1");
        c.remove("id2");
        let (second, token) = c.page(PageRequest::parse(Some("2"), Some(&token)).unwrap());
        assert_eq!(second, vec![&3, &4]);
        assert_eq!(token, None);
    }

    #[test]
    fn bad_page_parameters_are_400() {
        assert!(PageRequest::parse(Some("x"), None).is_err());
        assert!(PageRequest::parse(Some("0"), None).is_err());
        assert!(PageRequest::parse(None, Some("nope")).is_err());
        assert_eq!(PageRequest::parse(None, None).unwrap().size, DEFAULT_PAGE_SIZE);
    }
}
