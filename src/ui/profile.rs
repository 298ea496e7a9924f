//! The learner's profile (the "profile" section): interests, why they learn, display
//! preferences. Saving bumps `AppState::prefs_rev` so the preferences apply at once.

use super::persist;
use super::state::{AppContext, AppStateStoreFields};
use crate::platform;
use leptos::prelude::*;
use waypoint_core::persistence::PersistError;
use waypoint_core::profile::Profile;
use waypoint_core::LearnerId;

pub fn load(app: AppContext, id: &LearnerId) -> Profile {
    persist::read(app, |v| super::persist::section_as(v.section(id, "profile")))
        .flatten()
        .unwrap_or_default()
}

/// Stores the profile and applies its preferences.
pub fn save(app: AppContext, id: &LearnerId, profile: &Profile) -> Result<(), PersistError> {
    let value = serde_json::to_value(profile).map_err(|e| PersistError::Invalid(e.to_string()))?;
    persist::write(app, |v, now| v.save_sections(id, &[("profile".to_string(), value)], now).map(|_| ()))?;
    app.state.prefs_rev().update(|r| *r = r.wrapping_add(1));
    Ok(())
}

/// Applies a learner's display preferences to the whole page (none on the start screen).
pub fn apply(app: AppContext, learner: Option<&LearnerId>) {
    let classes = learner.map(|id| load(app, id).prefs.classes()).unwrap_or_default();
    platform::set_preference_classes(&classes);
}

/// The learner's goals (the "goals" section).
pub fn load_goals(app: AppContext, id: &LearnerId) -> waypoint_core::profile::Goals {
    persist::read(app, |v| super::persist::section_as(v.section(id, "goals")))
        .flatten()
        .unwrap_or_default()
}

pub fn save_goals(app: AppContext, id: &LearnerId, goals: &waypoint_core::profile::Goals) -> Result<(), PersistError> {
    let value = serde_json::to_value(goals).map_err(|e| PersistError::Invalid(e.to_string()))?;
    persist::write(app, |v, now| v.save_sections(id, &[("goals".to_string(), value)], now).map(|_| ()))
}
