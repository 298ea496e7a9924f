//! The grown-ups' area: the optional PIN (a salted hash in the device settings; it keeps
//! siblings out and is not security), unlocking for this page load, a learner's history for
//! the charts, assigning a skill, and the per-skill CSV.

use super::persist;
use super::state::{AppContext, AppStateStoreFields};
use crate::platform::{clock, files, random};
use leptos::prelude::*;
use waypoint_core::attempt::Attempt;
use waypoint_core::error::UserMessage;
use waypoint_core::persistence::PersistError;
use waypoint_core::profile::{PinHash, ProfileError};
use waypoint_core::learner::LearnerName;
use waypoint_core::report::Assignment;
use waypoint_core::{Lang, LearnerId, SkillId};

/// Why a grown-ups' action was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum GrownupsError {
    Invalid(ProfileError),
    WrongPin,
    Storage(PersistError),
}

impl GrownupsError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            GrownupsError::Invalid(e) => e.message(lang),
            GrownupsError::WrongPin => lang.pick("That PIN is not the one set on this device. Try again.", "Ese PIN no es el de este dispositivo. Inténtalo de nuevo.").into(),
            GrownupsError::Storage(e) => e.message(lang),
        }
    }
}

/// Whether a PIN is set on this device.
pub fn has_pin(app: AppContext) -> bool {
    app.state.device().with(|d| d.settings.grownups_pin.is_some())
}

/// Whether the grown-ups' area is open: no PIN set, or unlocked during this page load.
pub fn is_open(app: AppContext) -> bool {
    !has_pin(app) || app.state.grownups_unlocked().get()
}

/// Checks the PIN and opens the area until the page is reloaded.
pub fn unlock(app: AppContext, pin: &str) -> Result<(), GrownupsError> {
    let ok = app.state.device().with_untracked(|d| d.settings.grownups_pin.as_ref().is_none_or(|h| h.matches(pin)));
    if !ok {
        return Err(GrownupsError::WrongPin);
    }
    app.state.grownups_unlocked().set(true);
    Ok(())
}

/// Sets (or with `None`, removes) the PIN. The area stays open for this page load.
pub fn set_pin(app: AppContext, pin: Option<&str>) -> Result<(), GrownupsError> {
    let hash = match pin {
        Some(p) => Some(PinHash::new(p, random::random_u64()).map_err(GrownupsError::Invalid)?),
        None => None,
    };
    let mut data = app.state.device().get_untracked();
    data.settings.grownups_pin = hash;
    persist::write(app, |v, now| v.save_device(&data, now)).map_err(GrownupsError::Storage)?;
    app.state.grownups_unlocked().set(true);
    Ok(())
}

/// A learner's answers (all of them; repaired on the way if a chunk was damaged).
pub fn attempts(app: AppContext, id: &LearnerId) -> Vec<Attempt> {
    app.vault.try_update_value(|v| v.history(id, clock::now()).map(|(h, _)| h.attempts).unwrap_or_default()).unwrap_or_default()
}

/// The skill a grown-up asked the learner to work on, if any.
pub fn assignment(app: AppContext, id: &LearnerId) -> Option<Assignment> {
    persist::read(app, |v| super::persist::section_as(v.section(id, "assigned"))).flatten()
}

/// Assigns a skill (or clears the assignment with `None`).
pub fn assign(app: AppContext, id: &LearnerId, skill: Option<SkillId>) -> Result<(), GrownupsError> {
    let value = match skill {
        Some(skill) => serde_json::to_value(Assignment { skill, at: clock::now() }).unwrap_or(serde_json::Value::Null),
        None => serde_json::Value::Null,
    };
    persist::write(app, |v, now| v.save_sections(id, &[("assigned".to_string(), value)], now).map(|_| ())).map_err(GrownupsError::Storage)
}

/// Offers the per-skill progress CSV as a download, named after the learner.
pub fn download_csv(name: &LearnerName, csv: &str) -> bool {
    files::download(&format!("waypoint-{}-skills.csv", name.for_file_name()), csv, "text/csv;charset=utf-8")
}
