//! An insertion-ordered collection keyed by id, with the service's pagination: `page-size`
//! (a number sent as a string) and an opaque `token` that stays valid across inserts and
//! deletes because it names the position (a sequence number), not an index.

use std::collections::{BTreeMap, HashMap};

use crate::mock::error::{MockError, MockResult};

/// Page size when the caller gives none.
pub const DEFAULT_PAGE_SIZE: usize = 20;
/// Largest page size the mock serves.
pub const MAX_PAGE_SIZE: usize = 1000;

/// Items by id, in insertion order.
#[derive(Debug, Clone)]
pub struct Collection<T> {
    by_seq: BTreeMap<u64, (String, T)>,
    seq_of: HashMap<String, u64>,
    next_seq: u64,
}

impl<T> Default for Collection<T> {
    fn default() -> Self {
        Self { by_seq: BTreeMap::new(), seq_of: HashMap::new(), next_seq: 1 }
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
            return;
        }
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
        self.by_seq.get_mut(self.seq_of.get(id)?).map(|(_, item)| item)
    }

    /// Removes and returns the item with this id.
    pub fn remove(&mut self, id: &str) -> Option<T> {
        let seq = self.seq_of.remove(id)?;
        self.by_seq.remove(&seq).map(|(_, item)| item)
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
    pub fn iter(&self) -> impl Iterator<Item = &T> {
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
