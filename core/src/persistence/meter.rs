//! A store wrapper that keeps a running count of the characters stored, so the quota can
//! be shown after every save without reading every key back. Owns the count only.

use super::store::{KeyValueStore, StoreError};
use std::cell::Cell;
use std::collections::BTreeMap;

fn chars(s: &str) -> usize {
    super::store::utf16_len(s)
}

/// `inner`, plus the size (key + value, UTF-16 units) of every key it holds.
#[derive(Debug)]
pub(crate) struct Metered<S> {
    pub(crate) inner: S,
    sizes: BTreeMap<String, usize>,
    total: usize,
    /// Set when the count may be wrong (the store was changed from outside).
    stale: Cell<bool>,
}

impl<S: KeyValueStore> Metered<S> {
    pub(crate) fn new(inner: S) -> Self {
        let mut m = Metered { inner, sizes: BTreeMap::new(), total: 0, stale: Cell::new(true) };
        m.recount();
        m
    }

    /// Counts everything again (at open, and after another tab wrote).
    pub(crate) fn recount(&mut self) {
        self.sizes.clear();
        self.total = 0;
        let Ok(keys) = self.inner.keys() else { return };
        for k in keys {
            let Ok(Some(v)) = self.inner.get(&k) else { continue };
            let n = chars(&k) + chars(&v);
            self.total += n;
            self.sizes.insert(k, n);
        }
        self.stale.set(false);
    }

    /// Re-measures one key another tab changed.
    pub(crate) fn refresh(&mut self, key: &str) {
        let old = self.sizes.remove(key).unwrap_or(0);
        self.total = self.total.saturating_sub(old);
        if let Ok(Some(v)) = self.inner.get(key) {
            let n = chars(key) + chars(&v);
            self.total += n;
            self.sizes.insert(key.to_string(), n);
        }
    }

    /// Counts `key` as now holding `value`.
    fn count(&mut self, key: &str, value: &str) {
        let n = chars(key) + chars(value);
        // A key already counted (a pointer, rewritten by every save) is not copied again.
        let old = match self.sizes.get_mut(key) {
            Some(size) => std::mem::replace(size, n),
            None => {
                self.sizes.insert(key.to_string(), n);
                0
            }
        };
        self.total = self.total.saturating_sub(old) + n;
    }

    pub(crate) fn mark_stale(&self) {
        self.stale.set(true);
    }

    /// Characters used by every key of the store.
    pub(crate) fn used(&self) -> Result<usize, StoreError> {
        if !self.stale.get() {
            return Ok(self.total);
        }
        let mut n = 0;
        for k in self.inner.keys()? {
            n += chars(&k) + self.inner.get(&k)?.map_or(0, |v| chars(&v));
        }
        Ok(n)
    }
}

impl<S: KeyValueStore> KeyValueStore for Metered<S> {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.inner.get(key)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.inner.set(key, value)?;
        self.count(key, value);
        Ok(())
    }

    fn set_and_check(&mut self, key: &str, value: &str) -> Result<bool, StoreError> {
        let same = self.inner.set_and_check(key, value)?;
        if same {
            self.count(key, value);
        } else {
            // Something other than `value` landed: measure what did.
            self.refresh(key);
        }
        Ok(same)
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.inner.remove(key)?;
        let old = self.sizes.remove(key).unwrap_or(0);
        self.total = self.total.saturating_sub(old);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        self.inner.keys()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::persistence::MemoryStore;

    #[test]
    fn running_count_matches_a_full_count() {
        let mut s = MemoryStore::new();
        s.set("pre", "existing").unwrap();
        let mut m = Metered::new(s);
        m.set("a", "hello").unwrap();
        m.set("a", "hi").unwrap();
        m.set("ñ", "日本").unwrap();
        m.remove("pre").unwrap();
        m.remove("missing").unwrap();
        assert_eq!(m.used().unwrap(), m.inner.used_chars());
        m.inner.set("behind", "its back").unwrap();
        m.refresh("behind");
        assert_eq!(m.used().unwrap(), m.inner.used_chars());
        m.inner.set("again", "x").unwrap();
        m.mark_stale();
        assert_eq!(m.used().unwrap(), m.inner.used_chars());
    }
}
