//! Loading at start-up and the single save effect: when the persisted slice of the store
//! changes, it is written through the core's persistence layer, and a failure becomes
//! visible state (`StorageHealth`), never a panic.

use super::state::{AppState, AppStateStoreFields, StorageHealth};
use crate::platform::storage::LocalStore;
use leptos::prelude::*;
use reactive_stores::Store;
use waypoint_core::persistence::device::{LoadStatus, load_device, save_device};

/// Reads the device record from localStorage into a fresh state.
pub fn load_state() -> AppState {
    let store = LocalStore::open();
    let load = load_device(&store);
    let health = match load.status {
        LoadStatus::Fresh | LoadStatus::Loaded => StorageHealth::Ok,
        LoadStatus::ReadOnly(e) => StorageHealth::ReadOnly(e),
    };
    AppState { device: load.data, health, announcement: String::new() }
}

/// Installs the one save effect. It skips its first run (the state was just loaded) and
/// never writes while the stored data is read-only.
pub fn use_save_effect(state: Store<AppState>) {
    Effect::new(move |prev: Option<()>| {
        let device = state.device().get();
        if prev.is_none() || !state.health().get_untracked().can_write() {
            return;
        }
        let mut store = LocalStore::open();
        let health = match save_device(&mut store, &device) {
            Ok(()) => StorageHealth::Ok,
            Err(e) => StorageHealth::SaveFailed(e),
        };
        if state.health().get_untracked() != health {
            state.health().set(health);
        }
    });
}
