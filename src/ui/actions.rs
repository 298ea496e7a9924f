//! What the UI can do to the state. Each action validates through the core, writes through
//! `persist::write` (one vault operation, stored before it returns), and returns what
//! changed.

use super::persist;
use super::state::{AppContext, AppStateStoreFields};
use crate::platform::random;
use leptos::prelude::*;
use waypoint_core::learner::{Learner, LearnerError, LearnerName, NewLearner};
use waypoint_core::persistence::PersistError;
use waypoint_core::{Lang, LearnerId};

/// Why an action was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum ActionError {
    Invalid(LearnerError),
    /// Storage refused (read-only data, quota, unavailable); the message says which.
    Storage(PersistError),
}

impl From<LearnerError> for ActionError {
    fn from(e: LearnerError) -> Self {
        ActionError::Invalid(e)
    }
}
impl From<PersistError> for ActionError {
    fn from(e: PersistError) -> Self {
        ActionError::Storage(e)
    }
}

impl ActionError {
    pub fn message(&self, lang: Lang) -> String {
        use waypoint_core::error::UserMessage;
        match self {
            ActionError::Invalid(e) => e.message(lang),
            ActionError::Storage(e) => e.message(lang),
        }
    }
}

fn learner(app: AppContext, id: &LearnerId) -> Result<Learner, ActionError> {
    app.state
        .device()
        .with_untracked(|d| d.learner(id).cloned())
        .ok_or_else(|| LearnerError::UnknownLearner(id.to_string()).into())
}

/// Adds a learner at the end of the list and returns them.
pub fn create_learner(app: AppContext, form: &NewLearner) -> Result<Learner, ActionError> {
    let mut id = LearnerId::from_random(random::random_u64());
    // A collision on one device is astronomically unlikely; still, never reuse an id.
    while app.state.device().with_untracked(|d| d.learner(&id).is_some()) {
        id = LearnerId::from_random(random::random_u64());
    }
    let new = form.build(id, crate::platform::clock::now(), None)?;
    persist::write(app, |v, now| v.put_learner(&new, now))?;
    Ok(new)
}

/// Renames a learner; returns the new name.
pub fn rename_learner(app: AppContext, id: &LearnerId, raw_name: &str) -> Result<LearnerName, ActionError> {
    let name = LearnerName::parse(raw_name)?;
    let renamed = Learner { name: name.clone(), ..learner(app, id)? };
    persist::write(app, |v, now| v.put_learner(&renamed, now))?;
    Ok(name)
}

/// Deletes a learner and all their data (the page asks for confirmation first); returns
/// who was deleted.
pub fn delete_learner(app: AppContext, id: &LearnerId) -> Result<Learner, ActionError> {
    let gone = learner(app, id)?;
    persist::write(app, |v, now| v.remove_learner(id, now))?;
    Ok(gone)
}

/// Remembers the start screen's language for this device.
pub fn set_device_language(app: AppContext, lang: Lang) -> Result<(), ActionError> {
    let mut data = app.state.device().get_untracked();
    data.settings.language = Some(lang);
    persist::write(app, |v, now| v.save_device(&data, now))?;
    Ok(())
}

/// Remembers a learner's own language.
pub fn set_learner_language(app: AppContext, id: &LearnerId, lang: Lang) -> Result<(), ActionError> {
    let updated = Learner { language: Some(lang), ..learner(app, id)? };
    persist::write(app, |v, now| v.put_learner(&updated, now))?;
    Ok(())
}

/// Sets the message read out by the polite live region.
pub fn announce(app: AppContext, text: String) {
    app.state.announcement().set(text);
}
