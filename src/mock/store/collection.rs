//! An insertion-ordered collection keyed by id, with the service's pagination: `page-size`
//! (a number sent as a string) and an opaque `token` that stays valid across inserts and
//! deletes because it names the position (a sequence number), not an index.
//!
//! Built to hold a million endpoints: each item sits in a slot of one vector with its id
//! (stored once), the id index holds slot numbers only (hashing the id in the slot), and the
//! order is a map from position to slot. A removed item's slot is reused.

use std::collections::BTreeMap;

use hashbrown::{DefaultHashBuilder, HashTable};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::hash::BuildHasher;

use super::tracked::{Dirty, Row, RowError, Tracked, body, parse};
use crate::mock::error::{MockError, MockResult};

/// Page size when the caller gives none.
pub const DEFAULT_PAGE_SIZE: usize = 20;
/// Largest page size the mock serves.
pub const MAX_PAGE_SIZE: usize = 1000;

/// One stored item: its id, its position and itself.
#[derive(Debug, Clone)]
struct Slot<T> {
    id: Box<str>,
    seq: u64,
    item: T,
}

/// Items by id, in insertion order, tracked for a durable store (the position is the row's
/// order, so pages keep their order across a restart).
#[derive(Debug, Clone)]
pub struct Collection<T> {
    /// The items; `None` for a free slot.
    slots: Vec<Option<Slot<T>>>,
    /// Free slots, reused first.
    free: Vec<u32>,
    /// Slots by position.
    order: BTreeMap<u64, u32>,
    /// Slots by the hash of their id.
    ids: HashTable<u32>,
    hasher: DefaultHashBuilder,
    next_seq: u64,
    dirty: Dirty,
}

impl<T> Default for Collection<T> {
    fn default() -> Self {
        Self {
            slots: Vec::new(),
            free: Vec::new(),
            order: BTreeMap::new(),
            ids: HashTable::new(),
            hasher: DefaultHashBuilder::default(),
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
    fn slot(&self, slot: u32) -> Option<&Slot<T>> {
        self.slots.get(slot as usize)?.as_ref()
    }

    fn slot_mut(&mut self, slot: u32) -> Option<&mut Slot<T>> {
        self.slots.get_mut(slot as usize)?.as_mut()
    }

    /// The slot of the item with this id.
    fn find(&self, id: &str) -> Option<u32> {
        let hash = self.hasher.hash_one(id);
        self.ids.find(hash, |&slot| self.slot(slot).is_some_and(|s| &*s.id == id)).copied()
    }

    /// Stores an item under an id no item has, at position `seq` (an item already there,
    /// which only a conflicting stored row can cause, is dropped).
    fn add(&mut self, id: &str, seq: u64, item: T) {
        let stored = Some(Slot { id: id.into(), seq, item });
        let slot = if let Some(slot) = self.free.pop() {
            if let Some(place) = self.slots.get_mut(slot as usize) {
                *place = stored;
            }
            slot
        } else {
            self.slots.push(stored);
            // Slots are counted in u32: four billion items never fit in memory.
            (self.slots.len() - 1) as u32
        };
        let (slots, hasher) = (&self.slots, &self.hasher);
        let id_of =
            |slot: u32| slots.get(slot as usize).and_then(Option::as_ref).map_or("", |s| &*s.id);
        self.ids.insert_unique(hasher.hash_one(id), slot, |&s| hasher.hash_one(id_of(s)));
        if let Some(displaced) = self.order.insert(seq, slot) {
            self.release(displaced);
        }
    }

    /// Empties a slot (not its position in `order`); what it held.
    fn release(&mut self, slot: u32) -> Option<Slot<T>> {
        let stored = self.slots.get_mut(slot as usize)?.take()?;
        let hash = self.hasher.hash_one(&*stored.id);
        if let Ok(entry) = self.ids.find_entry(hash, |&s| s == slot) {
            entry.remove();
        }
        self.free.push(slot);
        Some(stored)
    }

    /// Inserts or replaces the item with this id; a replaced item keeps its position.
    pub fn insert(&mut self, id: &str, item: T) {
        if let Some(slot) = self.find(id).and_then(|slot| self.slot_mut(slot)) {
            slot.item = item;
            self.dirty.touch(id, false);
            return;
        }
        self.dirty.touch(id, true);
        let seq = self.next_seq;
        self.next_seq += 1;
        self.add(id, seq, item);
    }

    /// The item with this id.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&T> {
        self.find(id).and_then(|slot| self.slot(slot)).map(|s| &s.item)
    }

    /// The item with this id, mutably.
    pub fn get_mut(&mut self, id: &str) -> Option<&mut T> {
        let slot = self.find(id)?;
        self.dirty.touch(id, false);
        self.slot_mut(slot).map(|s| &mut s.item)
    }

    /// Removes and returns the item with this id.
    pub fn remove(&mut self, id: &str) -> Option<T> {
        let stored = self.release(self.find(id)?)?;
        self.order.remove(&stored.seq);
        self.dirty.removed(id);
        Some(stored.item)
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
        while self.order.len() > capacity {
            let Some(id) = self.entries().next().map(|(id, _)| id.to_owned()) else { return };
            self.remove(&id);
        }
    }

    /// Slots in position order, with their positions.
    fn ordered(&self) -> impl DoubleEndedIterator<Item = (u64, &Slot<T>)> {
        self.order.iter().filter_map(|(seq, slot)| Some((*seq, self.slot(*slot)?)))
    }

    /// Ids and items in insertion order.
    pub fn entries(&self) -> impl DoubleEndedIterator<Item = (&str, &T)> {
        self.ordered().map(|(_, s)| (&*s.id, &s.item))
    }

    /// Number of items.
    #[must_use]
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// True when empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// Items in insertion order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &T> {
        self.ordered().map(|(_, s)| &s.item)
    }

    /// One page of items and the token of the next page, if any.
    #[must_use]
    pub fn page(&self, request: PageRequest) -> (Vec<&T>, Option<String>) {
        let mut range = self.order.range(request.after + 1..);
        let items: Vec<(u64, &T)> = range
            .by_ref()
            .take(request.size)
            .filter_map(|(seq, slot)| Some((*seq, &self.slot(*slot)?.item)))
            .collect();
        let next = match (items.last(), range.next()) {
            (Some((seq, _)), Some(_)) => Some(encode_token(*seq)),
            _ => None,
        };
        (items.into_iter().map(|(_, item)| item).collect(), next)
    }
}

impl<T: Serialize + DeserializeOwned> Tracked for Collection<T> {
    fn drain(&mut self, table: &str, out: &mut Vec<Row>) {
        for key in self.dirty.take() {
            let stored = self.find(&key).and_then(|slot| self.slot(slot));
            out.push(Row {
                table: table.to_owned(),
                ord: stored.map_or(0, |s| s.seq),
                body: stored.map(|s| body(&s.item)),
                key,
            });
        }
    }

    fn forget(&mut self) {
        self.dirty.clear();
    }

    fn dump(&self, table: &str, out: &mut Vec<Row>) {
        out.extend(self.ordered().map(|(seq, s)| Row {
            table: table.to_owned(),
            key: s.id.to_string(),
            ord: seq,
            body: Some(body(&s.item)),
        }));
    }

    fn apply(&mut self, row: &Row) -> Result<(), RowError> {
        let item = parse(row)?;
        if item.is_some() && row.ord == 0 {
            return Err(RowError::new(row, &"a collection row without its position"));
        }
        let existing = self.find(&row.key);
        match (existing, item) {
            // The same item at the same position: replaced in place.
            (Some(slot), Some(item)) if self.slot(slot).is_some_and(|s| s.seq == row.ord) => {
                if let Some(stored) = self.slot_mut(slot) {
                    stored.item = item;
                }
            }
            (existing, item) => {
                if let Some(stored) = existing.and_then(|slot| self.release(slot)) {
                    self.order.remove(&stored.seq);
                }
                if let Some(item) = item {
                    self.add(&row.key, row.ord, item);
                    self.next_seq = self.next_seq.max(row.ord + 1);
                }
            }
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
    fn slots_are_reused_and_rows_apply_in_any_order() {
        let mut c = Collection::default();
        for i in 0..4 {
            c.insert(&format!("id{i}"), i);
        }
        c.remove("id1");
        c.insert("id4", 4);
        assert_eq!(c.slots.len(), 4);
        assert_eq!(
            c.entries().collect::<Vec<_>>(),
            [("id0", &0), ("id2", &2), ("id3", &3), ("id4", &4)]
        );
        c.trim(2);
        assert_eq!(c.iter().collect::<Vec<_>>(), [&3, &4]);
        assert_eq!((c.get("id0"), c.get("id4")), (None, Some(&4)));

        let mut rows = Vec::new();
        c.dump("t", &mut rows);
        rows.reverse();
        let mut copy: Collection<i32> = Collection::default();
        for row in &rows {
            copy.apply(row).unwrap();
        }
        assert_eq!(copy.entries().collect::<Vec<_>>(), c.entries().collect::<Vec<_>>());
        // A row at a position another id holds displaces it.
        let mut moved = rows[0].clone();
        moved.key = "other".into();
        copy.apply(&moved).unwrap();
        assert_eq!(copy.entries().map(|(id, _)| id).collect::<Vec<_>>(), ["id3", "other"]);
        assert_eq!(copy.get("id4"), None);
        copy.insert("new", 9);
        assert_eq!(copy.page(PageRequest::parse(Some("5"), None).unwrap()).0, [&3, &4, &9]);
    }

    #[test]
    fn bad_page_parameters_are_400() {
        assert!(PageRequest::parse(Some("x"), None).is_err());
        assert!(PageRequest::parse(Some("0"), None).is_err());
        assert!(PageRequest::parse(None, Some("nope")).is_err());
        assert_eq!(PageRequest::parse(None, None).unwrap().size, DEFAULT_PAGE_SIZE);
    }
}
