//! What the UI can do to the state. Each action validates through the core, writes the
//! store once, and returns what changed; the save effect persists it.

use super::state::{AppContext, AppStateStoreFields};
use crate::platform::{clock, random};
use leptos::prelude::*;
use waypoint_core::learner::{Learner, LearnerError, LearnerName, NewLearner};
use waypoint_core::{Lang, LearnerId};

/// Why an action was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum ActionError {
    Invalid(LearnerError),
    /// Stored data is read-only (unreadable or newer): nothing may be written.
    ReadOnly,
}

impl From<LearnerError> for ActionError {
    fn from(e: LearnerError) -> Self {
        ActionError::Invalid(e)
    }
}

fn writable(app: AppContext) -> Result<(), ActionError> {
    if app.state.health().get_untracked().can_write() { Ok(()) } else { Err(ActionError::ReadOnly) }
}

/// Adds a learner at the end of the list and returns them.
pub fn create_learner(app: AppContext, form: &NewLearner) -> Result<Learner, ActionError> {
    writable(app)?;
    let now = clock::now();
    let mut id = LearnerId::from_random(random::random_u64());
    // A collision on one device is astronomically unlikely; still, never reuse an id.
    while app.state.device().with_untracked(|d| d.learner(&id).is_some()) {
        id = LearnerId::from_random(random::random_u64());
    }
    let learner = form.build(id, now, None)?;
    app.state.device().update(|d| d.learners.push(learner.clone()));
    Ok(learner)
}

/// Renames a learner; returns the new name.
pub fn rename_learner(app: AppContext, id: &LearnerId, raw_name: &str) -> Result<LearnerName, ActionError> {
    writable(app)?;
    let name = LearnerName::parse(raw_name)?;
    let exists = app.state.device().with_untracked(|d| d.learner(id).is_some());
    if !exists {
        return Err(LearnerError::UnknownLearner(id.to_string()).into());
    }
    app.state.device().update(|d| {
        if let Some(l) = d.learners.iter_mut().find(|l| &l.id == id) {
            l.name = name.clone();
        }
    });
    Ok(name)
}

/// Deletes a learner (the page asks for confirmation first); returns who was deleted.
pub fn delete_learner(app: AppContext, id: &LearnerId) -> Result<Learner, ActionError> {
    writable(app)?;
    let found = app.state.device().with_untracked(|d| d.learner(id).cloned());
    let learner = found.ok_or_else(|| LearnerError::UnknownLearner(id.to_string()))?;
    app.state.device().update(|d| d.learners.retain(|l| &l.id != id));
    Ok(learner)
}

/// Remembers the start screen's language for this device.
pub fn set_device_language(app: AppContext, lang: Lang) {
    if app.state.health().get_untracked().can_write() {
        app.state.device().update(|d| d.settings.language = Some(lang));
    }
}

/// Remembers a learner's own language.
pub fn set_learner_language(app: AppContext, id: &LearnerId, lang: Lang) {
    if app.state.health().get_untracked().can_write() {
        app.state.device().update(|d| {
            if let Some(l) = d.learners.iter_mut().find(|l| &l.id == id) {
                l.language = Some(lang);
            }
        });
    }
}

/// Sets the message read out by the polite live region.
pub fn announce(app: AppContext, text: String) {
    app.state.announcement().set(text);
}
