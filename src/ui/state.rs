//! The one store of app state, provided as a typed context. Derived values are memos in
//! the components that need them; nothing copies one signal into another.

use leptos::prelude::*;
use reactive_stores::Store;
use waypoint_core::persistence::PersistError;
use waypoint_core::persistence::device::DeviceData;

/// Whether what is shown is safely stored.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum StorageHealth {
    #[default]
    Ok,
    /// Stored data could not be used as it is (unreadable, or from a newer version). It is
    /// shown where possible but never written over.
    ReadOnly(PersistError),
    /// The last save failed (quota, storage blocked): the change is on screen only.
    SaveFailed(PersistError),
}

impl StorageHealth {
    pub fn can_write(&self) -> bool {
        !matches!(self, StorageHealth::ReadOnly(_))
    }
}

/// Everything the app shows that outlives a page.
#[derive(Debug, Clone, Default, Store)]
pub struct AppState {
    /// The device record: learners and device settings. Persisted by `persist`.
    pub device: DeviceData,
    /// Whether the device record is safely stored.
    pub health: StorageHealth,
    /// A short message for the polite live region ("Sam was added.").
    pub announcement: String,
}

/// The app's typed context: one store.
#[derive(Clone, Copy)]
pub struct AppContext {
    pub state: Store<AppState>,
    /// Where the app is served from ("" at the root, "/waypoint" under a sub-path).
    pub base: &'static str,
}

impl AppContext {
    /// The device's language: chosen on the start screen, else the browser's, else English.
    pub fn device_language(&self) -> waypoint_core::Lang {
        self.state
            .device()
            .with_untracked(|d| d.settings.language)
            .or_else(crate::platform::browser_language)
            .unwrap_or_default()
    }

    /// The context provided by `App`. Missing context is a programming error in the
    /// component tree, not a user-data problem.
    pub fn expect() -> AppContext {
        expect_context::<AppContext>()
    }

    /// A full link for a router path such as "/home?l=abc" (the router's `A` takes absolute
    /// paths as they are, so the base is added here).
    pub fn href(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }
}
