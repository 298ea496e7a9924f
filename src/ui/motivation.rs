//! Motivation actions outside a practice session: reading a learner's XP, goal, streak and
//! badges (the "motivation" and "confidence" sections), choosing a daily goal, the opt-in
//! family goal, the Open Badges download, and showing celebrations. The rules are in the
//! core (`motivation`, `rewards`); practice records its events through `ui::practice`.

use super::persist;
use super::state::{AppContext, AppStateStoreFields, CelebrationNote};
use crate::platform::{clock, files, random};
use leptos::prelude::*;
use serde_json::Value;
use waypoint_core::motivation::badges::BadgeDef;
use waypoint_core::motivation::{self, DailyGoal, FamilyGoal, FamilyProgress, MotivationError, MotivationEvent, MotivationState};
use waypoint_core::persistence::PersistError;
use waypoint_core::rewards::{self, ConfidenceTally, Rewarded};
use waypoint_core::{Lang, LearnerId};

/// A learner's motivation data as stored.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Standing {
    pub state: MotivationState,
    pub confidence: ConfidenceTally,
}

use super::persist::section_or_default as section;

/// Reads a learner's motivation data (tolerant: anything unreadable starts fresh).
pub fn load(app: AppContext, id: &LearnerId) -> Standing {
    persist::read(app, |v| Standing { state: section(v.section(id, "motivation")), confidence: section(v.section(id, "confidence")) }).unwrap_or_default()
}

/// The sections to store for a changed standing.
pub fn sections(state: &MotivationState) -> (String, Value) {
    ("motivation".to_string(), serde_json::to_value(state).unwrap_or(Value::Null))
}

/// Why a motivation action was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum MotivationActionError {
    Invalid(MotivationError),
    Storage(PersistError),
}

impl MotivationActionError {
    pub fn message(&self, lang: Lang) -> String {
        use waypoint_core::error::UserMessage;
        match self {
            MotivationActionError::Invalid(e) => e.message(lang),
            MotivationActionError::Storage(e) => e.message(lang),
        }
    }
}

/// Applies events to the stored standing, stores it, and celebrates what changed.
fn record(app: AppContext, id: &LearnerId, change: impl FnOnce(&mut MotivationState) -> Result<Vec<MotivationEvent>, MotivationError>) -> Result<Rewarded, MotivationActionError> {
    let mut standing = load(app, id);
    let events = change(&mut standing.state).map_err(MotivationActionError::Invalid)?;
    let now = clock::now();
    let rewarded = match crate::ui::practice::catalog() {
        Some(cat) => rewards::apply(&mut standing.state, &events, &standing.confidence, cat.graph(), now, clock::utc_offset_minutes(now)),
        None => Rewarded::default(),
    };
    let s = sections(&standing.state);
    persist::write(app, |v, now| v.save_sections(id, &[s], now).map(|_| ())).map_err(MotivationActionError::Storage)?;
    celebrate(app, &rewarded, app.device_language_for(id));
    Ok(rewarded)
}

/// The learner chooses a daily goal (any time).
pub fn set_goal(app: AppContext, id: &LearnerId, goal: DailyGoal) -> Result<Rewarded, MotivationActionError> {
    let now = clock::now();
    record(app, id, |s| {
        s.set_goal(goal, now, clock::utc_offset_minutes(now))?;
        Ok(vec![MotivationEvent::GoalSet { at: now }])
    })
}

/// A grown-up switches the weekly family goal on or off, or changes its minutes.
pub fn set_family_goal(app: AppContext, enabled: bool, weekly_minutes: u32) -> Result<FamilyGoal, MotivationActionError> {
    let goal = FamilyGoal::new(enabled, weekly_minutes).map_err(MotivationActionError::Invalid)?;
    let mut data = app.state.device().get_untracked();
    data.settings.family_goal = goal;
    persist::write(app, |v, now| v.save_device(&data, now)).map_err(MotivationActionError::Storage)?;
    Ok(goal)
}

/// This week's shared family total, when the goal is on and the device has several learners.
pub fn family_progress(app: AppContext) -> Option<FamilyProgress> {
    let (goal, ids) = app.state.device().with(|d| (d.settings.family_goal, d.learners.iter().map(|l| l.id.clone()).collect::<Vec<_>>()));
    if ids.len() < 2 {
        return None;
    }
    let states: Vec<MotivationState> = ids.iter().map(|id| load(app, id).state).collect();
    let now = clock::now();
    motivation::family_progress(&goal, &states, now, clock::utc_offset_minutes(now))
}

/// Offers an earned badge as an Open Badges 3.0 credential file. False when the badge is
/// not earned or the browser refused the download.
pub fn download_badge(app: AppContext, id: &LearnerId, def: &'static BadgeDef, lang: Lang) -> bool {
    let Some(earned) = load(app, id).state.badges.get(def.id).copied() else { return false };
    let name = app.state.device().with_untracked(|d| d.learner(id).map(|l| l.name.as_str().to_string())).unwrap_or_default();
    let issuer = format!("urn:waypoint:device:{id}");
    let credential = motivation::open_badge_credential(def, &name, earned, &issuer, lang, random::random_u64());
    let text = serde_json::to_string_pretty(&credential).unwrap_or_default();
    files::download(&format!("waypoint-badge-{}.json", def.id), &text, "application/json")
}

/// Shows what `rewarded` celebrates (in `lang`) and announces it to screen readers.
pub fn celebrate(app: AppContext, rewarded: &Rewarded, lang: Lang) {
    for w in &rewarded.warnings {
        leptos::logging::warn!("{w}");
    }
    if rewarded.celebrations.is_empty() {
        return;
    }
    let mut text = Vec::new();
    app.state.celebrations().update(|list| {
        for c in &rewarded.celebrations {
            let next = list.iter().map(|n| n.id).max().unwrap_or(0) + 1;
            let note = CelebrationNote { id: next, title: c.title.get(lang).to_string(), detail: c.detail.as_ref().map(|d| d.get(lang).to_string()), badge: c.badge };
            text.push(note.title.clone());
            list.push(note);
        }
        // Only the newest few stay on screen; all of it is on the badges page and home.
        let extra = list.len().saturating_sub(3);
        list.drain(..extra);
    });
    crate::ui::actions::announce(app, text.join(" "));
}

/// Removes one celebration from the screen.
pub fn dismiss(app: AppContext, id: u32) {
    app.state.celebrations().update(|list| list.retain(|n| n.id != id));
}
