//! The storage port: a string key-value store, as localStorage is. The browser adapter
//! lives in the app (`src/platform/storage.rs`); `MemoryStore` serves tests and tools and
//! can inject faults (quota full on the Nth write, unavailable storage).

use crate::Lang;
use crate::error::UserMessage;
use std::collections::BTreeMap;

/// Why a storage operation failed. Always a value, never a panic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// Storage cannot be used at all (disabled, private mode, blocked by policy).
    Unavailable,
    /// The browser refused the write because the origin's quota is full.
    QuotaExceeded,
    /// Anything else the browser reported.
    Other(String),
}

impl UserMessage for StoreError {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (StoreError::Unavailable, Lang::En) => "This browser is not letting Waypoint save anything right now, so progress will be lost when the page closes.".into(),
            (StoreError::Unavailable, Lang::Es) => "Este navegador no deja que Waypoint guarde nada ahora, así que el progreso se perderá al cerrar la página.".into(),
            (StoreError::QuotaExceeded, Lang::En) => "This device's storage for Waypoint is full. Nothing already saved was lost.".into(),
            (StoreError::QuotaExceeded, Lang::Es) => "El espacio de Waypoint en este dispositivo está lleno. No se perdió nada de lo ya guardado.".into(),
            (StoreError::Other(d), Lang::En) => format!("Saving failed: {d}"),
            (StoreError::Other(d), Lang::Es) => format!("No se pudo guardar: {d}"),
        }
    }
}

/// The length of `s` as localStorage counts it (UTF-16 code units). ASCII text, almost
/// everything stored, is counted from its byte length without walking the characters.
pub fn utf16_len(s: &str) -> usize {
    if s.is_ascii() { s.len() } else { s.encode_utf16().count() }
}

/// A string key-value store with localStorage's semantics: each `set` replaces one key
/// atomically, nothing spans keys.
pub trait KeyValueStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&mut self, key: &str) -> Result<(), StoreError>;
    /// Every key currently stored, in no particular order.
    fn keys(&self) -> Result<Vec<String>, StoreError>;
    /// Stores `value`, then reads the key back: `Ok(true)` when it now holds exactly
    /// `value`. A store may compare without copying the value back (the browser adapter
    /// compares inside the browser); the answer must be the same as `set` then `get`.
    fn set_and_check(&mut self, key: &str, value: &str) -> Result<bool, StoreError> {
        self.set(key, value)?;
        Ok(self.get(key)?.as_deref() == Some(value))
    }
}

impl<T: KeyValueStore + ?Sized> KeyValueStore for &mut T {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        (**self).get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        (**self).set(key, value)
    }
    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        (**self).remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        (**self).keys()
    }
    fn set_and_check(&mut self, key: &str, value: &str) -> Result<bool, StoreError> {
        (**self).set_and_check(key, value)
    }
}

/// An in-memory store with optional fault injection, for tests and native tools.
#[derive(Debug, Clone, Default)]
pub struct MemoryStore {
    pub map: BTreeMap<String, String>,
    /// Total characters (keys + values) the store may hold; `None` is unlimited.
    pub quota_chars: Option<usize>,
    /// Fail the Nth `set` since the store was made (see `writes_so_far`) with `QuotaExceeded`.
    pub fail_write_at: Option<u32>,
    pub unavailable: bool,
    /// Simulates the tab being killed: after this many operations (gets, sets, removes,
    /// key listings) from creation, every operation fails with `Unavailable`.
    pub kill_after_ops: Option<u32>,
    writes: u32,
    removes: u32,
    ops: std::cell::Cell<u32>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    /// A store holding exactly these keys and values, without faults.
    pub fn from_map(map: BTreeMap<String, String>) -> Self {
        MemoryStore { map, ..Self::default() }
    }

    /// `set` calls so far (for aiming `fail_write_at`).
    pub fn writes_so_far(&self) -> u32 {
        self.writes
    }

    /// `remove` calls so far.
    pub fn removes_so_far(&self) -> u32 {
        self.removes
    }

    /// Operations so far (for aiming `kill_after_ops`).
    pub fn ops_so_far(&self) -> u32 {
        self.ops.get()
    }

    /// Counts one operation; false once the simulated tab is dead or storage unavailable.
    fn alive(&self) -> bool {
        let n = self.ops.get();
        self.ops.set(n.saturating_add(1));
        !self.unavailable && self.kill_after_ops.is_none_or(|k| n < k)
    }

    /// Characters used, counted as localStorage does (key plus value, UTF-16 units).
    pub fn used_chars(&self) -> usize {
        self.map.iter().map(|(k, v)| utf16_len(k) + utf16_len(v)).sum()
    }
}

impl KeyValueStore for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        if !self.alive() {
            return Err(StoreError::Unavailable);
        }
        Ok(self.map.get(key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        if !self.alive() {
            return Err(StoreError::Unavailable);
        }
        self.writes += 1;
        if self.fail_write_at == Some(self.writes) {
            return Err(StoreError::QuotaExceeded);
        }
        if let Some(q) = self.quota_chars {
            let old = self.map.get(key).map(|v| utf16_len(key) + utf16_len(v)).unwrap_or(0);
            let new = utf16_len(key) + utf16_len(value);
            if self.used_chars() - old + new > q {
                return Err(StoreError::QuotaExceeded);
            }
        }
        self.map.insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        if !self.alive() {
            return Err(StoreError::Unavailable);
        }
        self.removes += 1;
        self.map.remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        if !self.alive() {
            return Err(StoreError::Unavailable);
        }
        Ok(self.map.keys().cloned().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_store_behaves_like_local_storage() {
        let mut s = MemoryStore::new();
        assert_eq!(s.get("a"), Ok(None));
        s.set("a", "1").unwrap();
        s.set("a", "2").unwrap();
        assert_eq!(s.get("a"), Ok(Some("2".into())));
        assert_eq!(s.keys().unwrap(), vec!["a".to_string()]);
        s.remove("a").unwrap();
        assert_eq!(s.get("a"), Ok(None));
    }

    #[test]
    fn faults_are_values() {
        let mut s = MemoryStore { fail_write_at: Some(2), ..MemoryStore::new() };
        s.set("a", "1").unwrap();
        assert_eq!(s.set("b", "2"), Err(StoreError::QuotaExceeded));
        assert_eq!(s.get("b"), Ok(None));
        let mut s = MemoryStore { quota_chars: Some(4), ..MemoryStore::new() };
        assert_eq!(s.set("ab", "cd"), Ok(()));
        assert_eq!(s.set("e", "f"), Err(StoreError::QuotaExceeded));
        let s = MemoryStore { unavailable: true, ..MemoryStore::new() };
        assert_eq!(s.get("a"), Err(StoreError::Unavailable));
    }
}
