//! The one store of app state, provided as a typed context with the vault it mirrors.
//! Derived values are memos in the components that need them; nothing copies one signal
//! into another.

use crate::platform::storage::LocalStore;
use leptos::prelude::*;
use reactive_stores::Store;
use waypoint_core::persistence::device::DeviceData;
use waypoint_core::persistence::Notice;
use waypoint_core::LearnerId;
use waypoint_core::persistence::{PersistError, Vault, keys};

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

/// Whether the browser promised to keep this origin's storage (`navigator.storage.persist()`).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Persistence {
    #[default]
    Unknown,
    Granted,
    NotGranted,
    Unsupported,
}

/// Everything the app shows that outlives a page.
#[derive(Debug, Clone, Default, Store)]
pub struct AppState {
    /// The device record (learners, settings) as last read from or written to the vault.
    pub device: DeviceData,
    /// Whether the device record is safely stored.
    pub health: StorageHealth,
    /// What the vault reported when opening or re-reading (recoveries, upgrades, quota,
    /// export reminder), until dismissed.
    pub notices: Vec<Notice>,
    /// Whether the last import can be undone.
    pub can_undo_import: bool,
    pub persistence: Persistence,
    /// A short message for the polite live region ("Sam was added.").
    pub announcement: String,
    /// Students a teacher imported into the class view: this tab only, never saved.
    pub class_students: Vec<waypoint_core::report::ClassStudent>,
    /// The grown-ups' area was unlocked with the PIN during this page load.
    pub grownups_unlocked: bool,
    /// Bumped when a learner's display preferences change (they are re-applied).
    pub prefs_rev: u32,
    /// Celebrations on screen (level-ups, goals met, streaks, badges), newest last.
    pub celebrations: Vec<CelebrationNote>,
}

/// A celebration, already in the learner's language.
#[derive(Debug, Clone, PartialEq)]
pub struct CelebrationNote {
    pub id: u32,
    pub title: String,
    pub detail: Option<String>,
    /// The badge earned, for its picture.
    pub badge: Option<&'static str>,
}

/// The app's typed context: one store, the vault behind it, and where the app is served.
#[derive(Clone, Copy)]
pub struct AppContext {
    pub state: Store<AppState>,
    /// The storage facade. Only `ui::persist` writes through it.
    pub vault: StoredValue<Vault<LocalStore>, LocalStorage>,
    /// Where the app is served from ("" at the root, "/waypoint" under a sub-path).
    pub base: &'static str,
    /// A rehearsal's context (`scratch_for`): it leaves no User Timing measure.
    pub rehearsal: bool,
}

impl AppContext {
    /// The context provided by `App`. Missing context is a programming error in the
    /// component tree, not a user-data problem.
    pub fn expect() -> AppContext {
        expect_context::<AppContext>()
    }

    /// A context for a rehearsal of a learner's answer (`pages::rehearsal::answer`): a store
    /// of its own, and a vault over a scratch copy of the device record and the learner's
    /// hot record, patch and newest attempts (`LocalStore::scratch_copy`), so that what the
    /// rehearsal saves, shows and announces reaches no one and no storage.
    pub fn scratch_for(&self, id: &LearnerId) -> AppContext {
        let slots = [keys::DEVICE.to_string(), keys::learner(id), keys::patch(id), keys::tail(id)];
        let store = LocalStore::scratch_copy(&slots);
        let (vault, _) = Vault::open(store, crate::platform::clock::now());
        let state = Store::new(AppState { device: vault.device().clone(), ..Default::default() });
        AppContext { state, vault: StoredValue::new_local(vault), base: self.base, rehearsal: true }
    }

    /// The device's language: chosen on the start screen, else the browser's, else English.
    pub fn device_language(&self) -> waypoint_core::Lang {
        self.state
            .device()
            .with_untracked(|d| d.settings.language)
            .or_else(crate::platform::browser_language)
            .unwrap_or_default()
    }

    /// A learner's language: their own choice, else the device's.
    pub fn device_language_for(&self, id: &waypoint_core::LearnerId) -> waypoint_core::Lang {
        self.state.device().with_untracked(|d| d.learner(id).and_then(|l| l.language)).unwrap_or_else(|| self.device_language())
    }

    /// A full link for a router path such as "/home?l=abc" (the router's `A` takes absolute
    /// paths as they are, so the base is added here).
    pub fn href(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }
}
