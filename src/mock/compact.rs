//! Compact in-memory forms for what a project may hold a million of (endpoints): `Text`, a
//! string stored once however many values hold it; `Shared<T>`, the same for a whole value
//! (an endpoint's demographic, location or attribute lists); and `SmallMap`, a sorted boxed
//! slice in place of a `BTreeMap`. Each serializes exactly as the plain type it stands for
//! (`String`, `T`, `BTreeMap`), so the JSON on the wire and in stored rows is unchanged.
//!
//! Sharing goes through a pool per type and thread (no lock, so threads parsing rows side by
//! side never wait for each other; a value built on two threads may be stored twice, which
//! costs a little memory and nothing else): building a value looks for an equal one and takes
//! it, else adds the new one. A pool keeps only what some value still holds: when it fills up
//! it drops the entries nothing else refers to, then allows twice what is left, so values that
//! are all different (request ids, say) cost a table slot each and leak nothing. A thread's
//! pool goes when the thread ends; the values stay with whatever holds them.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::fmt;
use std::hash::{BuildHasher, Hash};
use std::marker::PhantomData;
use std::ops::Deref;
use std::sync::Arc;
use std::thread::LocalKey;

use hashbrown::{DefaultHashBuilder, HashTable};
use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::{Serialize, Serializer};

/// Entries a pool holds before its first sweep.
const FIRST_SWEEP: usize = 4096;

/// The shared values of one type.
pub struct Pool<T> {
    table: HashTable<Arc<T>>,
    hasher: DefaultHashBuilder,
    sweep_at: usize,
}

impl<T> Default for Pool<T> {
    fn default() -> Self {
        Self {
            table: HashTable::new(),
            hasher: DefaultHashBuilder::default(),
            sweep_at: FIRST_SWEEP,
        }
    }
}

impl<T: Hash + Eq> Pool<T> {
    /// The shared value equal to `key`, if any.
    fn find<Q>(&self, hash: u64, key: &Q) -> Option<Arc<T>>
    where
        T: Borrow<Q>,
        Q: Eq + ?Sized,
    {
        self.table.find(hash, |held| (**held).borrow() == key).map(Arc::clone)
    }

    /// Shares `value` from now on (no equal value is shared).
    fn add(&mut self, hash: u64, value: T) -> Arc<T> {
        if self.table.len() >= self.sweep_at {
            // Only the pool holds these: nobody can ask for them again but through it.
            self.table.retain(|held| Arc::strong_count(held) > 1);
            self.sweep_at = (self.table.len() * 2).max(FIRST_SWEEP);
        }
        let value = Arc::new(value);
        let hasher = &self.hasher;
        self.table.insert_unique(hash, Arc::clone(&value), |held| hasher.hash_one(&**held));
        value
    }

    /// The shared value equal to `key`, or `make()` shared from now on.
    fn share<Q>(&mut self, key: &Q, make: impl FnOnce() -> T) -> Arc<T>
    where
        T: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let hash = self.hasher.hash_one(key);
        self.find(hash, key).unwrap_or_else(|| self.add(hash, make()))
    }

    /// Values held.
    fn len(&self) -> usize {
        self.table.len()
    }
}

/// A type whose equal values are shared through its pool (`Shared<T>`).
pub trait Poolable: Hash + Eq + Sized + 'static {
    /// This thread's pool of this type.
    fn pool() -> &'static LocalKey<RefCell<Pool<Self>>>;
}

/// Implements `Poolable` for each type, with a pool of its own.
macro_rules! poolable {
    ($($t:ty),* $(,)?) => {$(
        impl $crate::mock::compact::Poolable for $t {
            fn pool() -> &'static ::std::thread::LocalKey<
                ::std::cell::RefCell<$crate::mock::compact::Pool<Self>>,
            > {
                ::std::thread_local! {
                    static POOL: ::std::cell::RefCell<$crate::mock::compact::Pool<$t>> =
                        ::std::cell::RefCell::default();
                }
                &POOL
            }
        }
    )*};
}
pub(crate) use poolable;

thread_local! {
    static TEXTS: RefCell<Pool<Box<str>>> = RefCell::default();
}

/// Texts this thread's pool holds (for tests and benchmarks).
#[must_use]
pub fn shared_texts() -> usize {
    TEXTS.with_borrow(Pool::len)
}

/// An immutable string, stored once however many values hold it (a channel type, a date, a
/// request id shared by a batch). One pointer wide; reads as a `&str`.
#[derive(Clone)]
pub struct Text(Arc<Box<str>>);

impl Text {
    /// The shared text equal to `text`.
    #[must_use]
    pub fn new(text: &str) -> Self {
        Self(TEXTS.with_borrow_mut(|pool| pool.share(text, || Box::from(text))))
    }

    /// The text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Self::new(text)
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        Self::new(&text)
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialOrd for Text {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Text {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for Text {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl Visitor<'_> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::new(v))
            }
        }
        deserializer.deserialize_str(TextVisitor)
    }
}

/// An immutable value stored once however many endpoints hold an equal one (most endpoints
/// share their demographic, location and attribute lists with thousands of others). One
/// pointer wide; reads as a `&T`.
pub struct Shared<T>(Arc<T>);

impl<T: Poolable> Shared<T> {
    /// The shared value equal to `value`.
    #[must_use]
    pub fn new(value: T) -> Self {
        Self(T::pool().with_borrow_mut(|pool| {
            let hash = pool.hasher.hash_one(&value);
            pool.find(hash, &value).unwrap_or_else(|| pool.add(hash, value))
        }))
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Self(Arc::clone(&self.0))
    }
}

impl<T: Poolable> From<T> for Shared<T> {
    fn from(value: T) -> Self {
        Self::new(value)
    }
}

impl<T: PartialEq> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || *self.0 == *other.0
    }
}

impl<T: Eq> Eq for Shared<T> {}

impl<T: Hash> Hash for Shared<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

impl<T: fmt::Debug> fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl<T: Serialize> Serialize for Shared<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de, T: Poolable + Deserialize<'de>> Deserialize<'de> for Shared<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Self::new)
    }
}

/// A small map sorted by key, in one allocation (a `BTreeMap` costs a node of eleven slots
/// for one entry). Built from pairs, a later pair replaces an earlier one with the same key,
/// as in a `BTreeMap`; serialized as a JSON object in key order, as a `BTreeMap` is.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct SmallMap<K, V>(Box<[(K, V)]>);

impl<K, V> Default for SmallMap<K, V> {
    fn default() -> Self {
        Self(Box::default())
    }
}

impl<K: Ord, V> SmallMap<K, V> {
    /// The value under `key`.
    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        let at = self.0.binary_search_by(|(k, _)| k.borrow().cmp(key)).ok()?;
        self.0.get(at).map(|(_, v)| v)
    }

    /// True when there is a value under `key`.
    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.get(key).is_some()
    }
}

impl<K, V> SmallMap<K, V> {
    /// Keys and values in key order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&K, &V)> + DoubleEndedIterator {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// Keys in order.
    pub fn keys(&self) -> impl ExactSizeIterator<Item = &K> + DoubleEndedIterator {
        self.0.iter().map(|(k, _)| k)
    }

    /// Values in key order.
    pub fn values(&self) -> impl ExactSizeIterator<Item = &V> + DoubleEndedIterator {
        self.0.iter().map(|(_, v)| v)
    }

    /// Number of entries.
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<K: Ord, V> FromIterator<(K, V)> for SmallMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(pairs: I) -> Self {
        let mut pairs: Vec<(K, V)> = pairs.into_iter().collect();
        // Stable, so equal keys stay in the order given; the last one wins.
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        pairs.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                std::mem::swap(&mut later.1, &mut kept.1);
            }
            same
        });
        Self(pairs.into_boxed_slice())
    }
}

impl<'a, K, V> IntoIterator for &'a SmallMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (K, V)>, fn(&'a (K, V)) -> (&'a K, &'a V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for SmallMap<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<K: Serialize, V: Serialize> Serialize for SmallMap<K, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de, K: Deserialize<'de> + Ord, V: Deserialize<'de>> Deserialize<'de> for SmallMap<K, V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<K, V>(PhantomData<(K, V)>);
        impl<'de, K: Deserialize<'de> + Ord, V: Deserialize<'de>> Visitor<'de> for MapVisitor<K, V> {
            type Value = SmallMap<K, V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut pairs = Vec::with_capacity(map.size_hint().unwrap_or(0).min(64));
                while let Some(pair) = map.next_entry()? {
                    pairs.push(pair);
                }
                Ok(pairs.into_iter().collect())
            }
        }
        deserializer.deserialize_map(MapVisitor(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[test]
    fn texts_are_shared_and_read_as_str() {
        let a = Text::new("SMS");
        let b: Text = serde_json::from_str("\"SMS\"").unwrap();
        assert!(Arc::ptr_eq(&a.0, &b.0));
        assert_eq!(a, "SMS");
        assert_eq!(serde_json::to_string(&b).unwrap(), "\"SMS\"");
        assert_eq!(format!("{a:?} {a}"), "\"SMS\" SMS");
    }

    #[test]
    fn a_pool_drops_what_nothing_holds() {
        let kept: Vec<Text> = (0..FIRST_SWEEP).map(|i| Text::new(&format!("kept-{i}"))).collect();
        for i in 0..4 * FIRST_SWEEP {
            drop(Text::new(&format!("dropped-{i}")));
        }
        // Each sweep keeps the 4096 held; the next comes at twice that.
        assert!(shared_texts() <= 2 * FIRST_SWEEP);
        assert_eq!(Text::new("kept-7"), kept[7]);
    }

    #[test]
    fn small_maps_serialize_as_btree_maps_do() {
        let text = r#"{"b": [1], "a": [2, 3], "c": [], "a": [4]}"#;
        let small: SmallMap<Text, Vec<u8>> = serde_json::from_str(text).unwrap();
        let btree: BTreeMap<String, Vec<u8>> = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&small).unwrap(), serde_json::to_string(&btree).unwrap());
        assert_eq!(small.get("a"), Some(&vec![4]));
        assert_eq!(small.get("z"), None);
        assert_eq!(small.keys().map(Text::as_str).collect::<Vec<_>>(), ["a", "b", "c"]);
        assert!(serde_json::from_str::<SmallMap<Text, u8>>("[]").is_err());
    }
}
