//! localStorage as a `KeyValueStore`. Every call is wrapped: an unavailable store or a full
//! quota comes back as a `StoreError` value, never a panic.

use std::cell::RefCell;
use std::collections::BTreeMap;
use waypoint_core::persistence::{KeyValueStore, StoreError, keys, slot};
use wasm_bindgen::{JsCast, JsValue};

/// The browser's localStorage for this origin, or nothing when the browser refuses it; or
/// a scratch copy of some of its keys in memory (`scratch_copy`), which the browser's
/// storage never sees.
#[derive(Clone)]
pub struct LocalStore {
    storage: Option<web_sys::Storage>,
    scratch: Option<RefCell<BTreeMap<String, String>>>,
}

impl LocalStore {
    /// Opens localStorage; a browser that blocks it (privacy settings, sandboxed frame)
    /// gives a store whose every call answers `StoreError::Unavailable`.
    pub fn open() -> LocalStore {
        let storage = web_sys::window().and_then(|w| w.local_storage().ok().flatten());
        LocalStore { storage, scratch: None }
    }

    /// An in-memory copy of these slots of this origin's localStorage as they are now: each
    /// pointer key and the generations it names (the pointers are read, every key is never
    /// listed; a key it does not hold is left out). Reads and writes go to the copy only (a
    /// rehearsal of a save runs the same code as the real one, over this). Empty when the
    /// browser refuses its storage.
    pub fn scratch_copy(slots: &[String]) -> LocalStore {
        let real = LocalStore::open();
        let mut copy = BTreeMap::new();
        for slot in slots {
            let Ok(Some(pointer)) = real.get(slot) else { continue };
            for key in slot::named_generations(&pointer).into_iter().map(|g| keys::generation(slot, g)) {
                if let Ok(Some(value)) = real.get(&key) {
                    copy.insert(key, value);
                }
            }
            copy.insert(slot.clone(), pointer);
        }
        LocalStore { storage: None, scratch: Some(RefCell::new(copy)) }
    }

    pub fn is_available(&self) -> bool {
        self.storage.is_some() || self.scratch.is_some()
    }

    fn storage(&self) -> Result<&web_sys::Storage, StoreError> {
        self.storage.as_ref().ok_or(StoreError::Unavailable)
    }
}

/// Turns a thrown DOMException into our error: quota errors are recognised by name
/// (browsers differ in the code they use).
fn store_error(err: JsValue) -> StoreError {
    if let Some(dom) = err.dyn_ref::<web_sys::DomException>() {
        let name = dom.name();
        if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" || dom.code() == 22 {
            return StoreError::QuotaExceeded;
        }
        if name == "SecurityError" {
            return StoreError::Unavailable;
        }
        return StoreError::Other(format!("{name}: {}", dom.message()));
    }
    StoreError::Other(err.as_string().unwrap_or_else(|| "unknown storage error".into()))
}

impl KeyValueStore for LocalStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        if let Some(copy) = &self.scratch {
            return Ok(copy.borrow().get(key).cloned());
        }
        self.storage()?.get_item(key).map_err(store_error)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        if let Some(copy) = &self.scratch {
            copy.borrow_mut().insert(key.to_string(), value.to_string());
            return Ok(());
        }
        self.storage()?.set_item(key, value).map_err(store_error)
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        if let Some(copy) = &self.scratch {
            copy.borrow_mut().remove(key);
            return Ok(());
        }
        self.storage()?.remove_item(key).map_err(store_error)
    }

    /// `setItem`, then `getItem` compared inside the browser: the value crosses into the
    /// browser once and is never copied back into the WASM memory. Through `setItem`
    /// itself: in a loop in Chromium, storing a 1,300-character value took 14-16 µs this
    /// way and 21-23 µs through the named property (`Reflect.set`, `storage[key] = v`).
    fn set_and_check(&mut self, key: &str, value: &str) -> Result<bool, StoreError> {
        if self.scratch.is_some() {
            self.set(key, value)?;
            return Ok(true);
        }
        let storage: &JsStorage = self.storage()?.unchecked_ref();
        let key = JsValue::from_str(key);
        let value = JsValue::from_str(value);
        storage.set_item_value(&key, &value).map_err(store_error)?;
        let back = storage.get_item_value(&key).map_err(store_error)?;
        Ok(back == value)
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        if let Some(copy) = &self.scratch {
            return Ok(copy.borrow().keys().cloned().collect());
        }
        let s = self.storage()?;
        let n = s.length().map_err(store_error)?;
        let mut out = Vec::with_capacity(n as usize);
        for i in 0..n {
            if let Some(k) = s.key(i).map_err(store_error)? {
                out.push(k);
            }
        }
        Ok(out)
    }
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `Storage`, for the two calls below (web-sys's take and give Rust strings).
    type JsStorage;
    /// `Storage.setItem` taking JS strings already made.
    #[wasm_bindgen(method, catch, js_name = setItem)]
    fn set_item_value(this: &JsStorage, key: &JsValue, value: &JsValue) -> Result<(), JsValue>;
    /// `Storage.getItem`, the value left in JS (`null` when absent).
    #[wasm_bindgen(method, catch, js_name = getItem)]
    fn get_item_value(this: &JsStorage, key: &JsValue) -> Result<JsValue, JsValue>;
}

/// Asks the browser to keep this origin's storage when space runs low
/// (`navigator.storage.persist()`). `None` when the browser has no such API.
pub async fn request_persistence() -> Option<bool> {
    let manager = web_sys::window()?.navigator().storage();
    let promise = manager.persist().ok()?;
    wasm_bindgen_futures::JsFuture::from(promise).await.ok()?.as_bool()
}
