//! The one path to storage. Opening reads the vault (migrating, recovering, reporting);
//! every change goes through `write`, which runs one vault operation synchronously (so a
//! change is stored before the next screen appears), then mirrors the vault's view into
//! the store once. Failures become visible state, never a panic.

use super::state::{AppContext, AppState, AppStateStoreFields, Persistence, StorageHealth};
use crate::platform::storage::{LocalStore, request_persistence};
use crate::platform::{clock, tabs};
use leptos::prelude::*;
use waypoint_core::Timestamp;
use waypoint_core::persistence::Notice;
use waypoint_core::persistence::{PersistError, Vault};

thread_local! {
    static WRITES: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// The version written into export files.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// A stored section read as `T` straight from the vault's copy (no copy of the JSON is
/// made first); `None` when it is absent or unreadable.
pub fn section_as<T: serde::de::DeserializeOwned>(v: Option<&serde_json::Value>) -> Option<T> {
    v.and_then(|v| T::deserialize(v).ok())
}

/// `section_as`, starting fresh (`T::default()`) when absent or unreadable.
pub fn section_or_default<T: serde::de::DeserializeOwned + Default>(v: Option<&serde_json::Value>) -> T {
    section_as(v).unwrap_or_default()
}

/// Opens the device's storage and builds the first state from it.
pub fn open() -> (AppState, Vault<LocalStore>) {
    let now = clock::now();
    let (vault, mut notices) = Vault::open(LocalStore::open(), now);
    if vault.export_reminder_due(now) && !notices.contains(&Notice::ExportDue) {
        notices.push(Notice::ExportDue);
    }
    let state = AppState {
        device: vault.device().clone(),
        health: health_of(&vault),
        notices,
        can_undo_import: vault.can_undo_import(),
        ..Default::default()
    };
    (state, vault)
}

fn health_of(vault: &Vault<LocalStore>) -> StorageHealth {
    match vault.read_only() {
        Some(e) => StorageHealth::ReadOnly(e.clone()),
        None => StorageHealth::Ok,
    }
}

/// Runs one vault operation and mirrors the result into the store. On failure nothing the
/// vault held is lost; the error is shown (`StorageHealth::SaveFailed`) and returned.
/// Leaves the User Timing measure `clock::SAVE_MEASURE` (not in a rehearsal's context).
pub fn write<T>(
    app: AppContext,
    op: impl FnOnce(&mut Vault<LocalStore>, Timestamp) -> Result<T, PersistError>,
) -> Result<T, PersistError> {
    let now = clock::now();
    // Counting storage use reads every key: do it now and then, and after any failure.
    let count_quota = !app.rehearsal && WRITES.with(|w| {
        let n = w.get().wrapping_add(1);
        w.set(n);
        n % 25 == 1
    });
    let started = clock::span_start();
    let outcome = app.vault.try_update_value(|v| {
        let result = op(v, now);
        // After a failure, at once; otherwise now and then, after the write (below).
        let quota = if result.is_err() { v.quota().ok() } else { None };
        (result, v.device().clone(), v.can_undo_import(), quota)
    });
    if !app.rehearsal {
        clock::span_end(clock::SAVE_MEASURE, started);
    }
    let Some((result, device, can_undo, quota)) = outcome else {
        return Err(PersistError::Invalid("storage is closed".into()));
    };
    if app.state.device().with_untracked(|d| d != &device) {
        app.state.device().set(device);
    }
    if app.state.can_undo_import().get_untracked() != can_undo {
        app.state.can_undo_import().set(can_undo);
    }
    let health = match &result {
        Ok(_) => StorageHealth::Ok,
        Err(PersistError::ReadOnly) => app.state.health().get_untracked(),
        Err(e) => StorageHealth::SaveFailed(e.clone()),
    };
    if app.state.health().get_untracked() != health {
        app.state.health().set(health);
    }
    if let Some(q) = quota {
        show_quota(app, q);
    }
    if count_quota && result.is_ok() {
        // Counting reads every key: done in its own task, off the path of the answer.
        set_timeout(
            move || {
                if let Some(q) = app.vault.try_with_value(|v| v.quota().ok()).flatten() {
                    show_quota(app, q);
                }
            },
            std::time::Duration::ZERO,
        );
    }
    result
}

/// Runs `Vault::tidy` for a learner (in an idle moment): it changes nothing anyone sees,
/// so its failure, which loses nothing already saved, is not shown; the next `write` goes
/// on from what is stored and reports its own failure if there is one. What it found on
/// the way (a damaged month recovered) is shown.
/// When it wrote, it leaves the User Timing measure `clock::TIDY_MEASURE`.
pub fn tidy(app: AppContext, id: &waypoint_core::LearnerId) {
    let now = clock::now();
    let started = clock::span_start();
    let Some(Ok(tidied)) = app.vault.try_update_value(|v| v.tidy(id, now)) else { return };
    if tidied.wrote() && !app.rehearsal {
        clock::span_end(clock::TIDY_MEASURE, started);
    }
    if !tidied.notices.is_empty() {
        app.state.notices().update(|n| n.extend(tidied.notices));
    }
}

/// Warns before storage runs out (70%), once per level.
fn show_quota(app: AppContext, q: waypoint_core::persistence::QuotaState) {
    if q.level == waypoint_core::persistence::QuotaLevel::Ok {
        return;
    }
    let notice = Notice::Quota(q);
    app.state.notices().update(|n| {
        n.retain(|x| !matches!(x, Notice::Quota(_)));
        n.push(notice);
    });
}

/// Reads only: runs `f` on the vault.
pub fn read<T>(app: AppContext, f: impl FnOnce(&Vault<LocalStore>) -> T) -> Option<T> {
    app.vault.try_with_value(f)
}

/// Reads without writing, the vault remembering what it read for its next write (as
/// `Vault::recent_attempts` does): runs `f` on the vault.
pub fn read_remembering<T>(app: AppContext, f: impl FnOnce(&mut Vault<LocalStore>) -> T) -> Option<T> {
    app.vault.try_update_value(f)
}

/// Re-reads what another tab wrote (one key, or everything when the store was cleared),
/// merging their changes into the view.
pub fn reload(app: AppContext, key: Option<String>) {
    let now = clock::now();
    let Some((notices, device, health)) = app.vault.try_update_value(|v| {
        let n = match key {
            Some(k) => v.on_storage_event(&k, now).map(|(_, n)| n).unwrap_or_default(),
            None => v.reload(now),
        };
        (n, v.device().clone(), health_of(v))
    }) else {
        return;
    };
    app.state.device().set(device);
    app.state.health().set(health);
    if !notices.is_empty() {
        app.state.notices().update(|n| n.extend(notices));
    }
}

/// Follows other tabs, and asks the browser to keep our storage.
pub fn use_storage_sync(app: AppContext) {
    tabs::on_other_tab_change(move |key| reload(app, key));
    leptos::task::spawn_local(async move {
        let status = match request_persistence().await {
            Some(true) => Persistence::Granted,
            Some(false) => Persistence::NotGranted,
            None => Persistence::Unsupported,
        };
        app.state.persistence().set(status);
    });
}

/// Removes a notice the person dismissed; the export reminder is snoozed in storage.
pub fn dismiss_notice(app: AppContext, notice: &Notice) {
    if matches!(notice, Notice::ExportDue) {
        let _ = write(app, |v, now| v.dismiss_export_reminder(now));
    }
    app.state.notices().update(|n| n.retain(|x| x != notice));
}
