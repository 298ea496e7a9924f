//! How the practice flow reads and stores a learner's practice data: `Progress` from the
//! vault's sections (`load`; for the practice page with the answers they lack replayed,
//! `load_for_practice`), and each save of the flow (`Practice::save`): a practice answer's
//! attempt alone; then, once the feedback is painted, the checkpoint: the model and the
//! motivation by their changed parts while the vault still holds what this page saved
//! (`Kept`), the other sections whole, with the journal of which attempts they include;
//! then `Vault::tidy`. The rules of what is stored are the core's (`persistence`,
//! `practice`).

use super::{Practice, PracticePrefs, Progress};
use crate::platform::clock;
use crate::ui::persist::{self, section_or_default as section};
use crate::ui::state::AppContext;
use leptos::prelude::*;
use serde::Serialize;
use serde_json::Value;
use waypoint_core::LearnerId;
use waypoint_core::engine::review::Scheduler;
use waypoint_core::engine::{self, EngineParams, LearnerModel};
use waypoint_core::practice::{self, JOURNAL_SECTION, Journal, PracticeState};
use waypoint_core::motivation::MotivationState;
use waypoint_core::persistence::patch::{Edit, edits_of};
use waypoint_core::attempt::{Attempt, PracticeMode};
use waypoint_core::persistence::{PersistError, SectionStamp};
use waypoint_core::report::{LevelLogEntry, log_catch_up};


/// Reads a learner's practice data as stored (tolerant: anything unreadable starts fresh).
/// What answers the sections do not include yet (`Loaded::replayed`) is not in it: only
/// the practice page, which stores it, replays them.
pub fn load(app: AppContext, id: &LearnerId) -> Progress {
    read(app, id).map(|r| r.progress).unwrap_or_default()
}

/// The stamps of the sections the page saves by their parts, each when it was read as
/// stored (not started fresh).
#[derive(Default)]
pub(super) struct Stamps {
    pub model: Option<SectionStamp>,
    pub motivation: Option<SectionStamp>,
    pub log: Option<SectionStamp>,
}

/// What the practice page reads (`load_for_practice`).
#[derive(Default)]
pub(super) struct Loaded {
    pub progress: Progress,
    pub stamps: Stamps,
    /// Through which stored attempt the progress is (after `replayed`).
    pub journal: Journal,
    /// Stored attempts whose sections were not stored (the tab crashed before its
    /// checkpoint), replayed into `progress`: the sections are to be stored again.
    pub replayed: usize,
}

fn read(app: AppContext, id: &LearnerId) -> Option<Loaded> {
    persist::read(app, |v| {
        let stored = |name: &str, read: bool| if read { v.section_stamp(id, name) } else { None };
        let model: Option<LearnerModel> = persist::section_as(v.section(id, "model"));
        let motivation: Option<MotivationState> = persist::section_as(v.section(id, "motivation"));
        let log: Option<Vec<LevelLogEntry>> = persist::section_as(v.section(id, "mastery_log"));
        let stamps = Stamps { model: stored("model", model.is_some()), motivation: stored("motivation", motivation.is_some()), log: stored("mastery_log", log.is_some()) };
        let progress = Progress {
            model: model.unwrap_or_default(),
            placement: section(v.section(id, "placement")),
            session: section(v.section(id, "session")),
            reflections: section(v.section(id, "reflections")),
            prefs: section(v.section(id, "prefs")),
            motivation: motivation.unwrap_or_default(),
            confidence: section(v.section(id, "confidence")),
            profile: section(v.section(id, "profile")),
            log: log.unwrap_or_default(),
        };
        Loaded { progress, stamps, journal: section(v.section(id, JOURNAL_SECTION)), replayed: 0 }
    })
}

/// `load`, the stamps of the model, the motivation and the mastery log sections (from them
/// the page saves those by their parts), and the answers replayed: stored attempts the
/// sections do not include (`practice::replay`). After a replay those sections are saved
/// whole at the next save.
pub(super) fn load_for_practice(app: AppContext, id: &LearnerId) -> Loaded {
    let Some(mut loaded) = read(app, id) else { return Loaded::default() };
    // Read through the vault's memory of it: the page's first answer then stores its
    // attempt without reading this again.
    let recent = persist::read_remembering(app, |v| v.recent_attempts(id)).unwrap_or_default();
    let Some(cat) = super::catalog() else { return loaded };
    let p = &mut loaded.progress;
    let state = PracticeState { model: &mut p.model, session: &mut p.session, confidence: &mut p.confidence, motivation: &mut p.motivation, log: &mut p.log };
    let offset = clock::utc_offset_minutes(clock::now());
    let replayed = practice::replay(state, cat.graph(), &loaded.journal, &recent, &EngineParams::default(), &Scheduler::default(), offset);
    loaded.journal = replayed.journal;
    loaded.replayed = replayed.attempts.len();
    if loaded.replayed > 0 {
        loaded.stamps = Stamps::default();
    }
    loaded
}

pub(super) fn json<T: Serialize>(t: &T) -> Value {
    serde_json::to_value(t).unwrap_or(Value::Null)
}

/// Stores a learner's practice preferences (read every question aloud).
pub fn save_prefs(app: AppContext, id: &LearnerId, prefs: PracticePrefs) -> Result<(), PersistError> {
    persist::write(app, |v, now| v.save_sections(id, &[("prefs".to_string(), json(&prefs))], now).map(|_| ()))
}

/// A section as this page last saved it and the section's stamp then (`None`: save it
/// whole next time).
pub(super) type Kept<T> = StoredValue<Option<(T, SectionStamp)>>;

/// The section's changed parts since it was kept, the kept copy caught up on the way
/// (`catch_up` says them, or `None` when they cannot be said by parts: then it is dropped
/// and the section saved whole).
fn parts_of<T: Send + Sync + 'static>(kept: Kept<T>, name: &str, catch_up: impl FnOnce(&mut T) -> Option<Vec<Edit>>) -> Option<(String, SectionStamp, Vec<Edit>)> {
    kept.try_update_value(|k| {
        let (copy, stamp) = k.as_mut()?;
        let stamp = *stamp;
        match catch_up(copy) {
            Some(edits) => Some((name.to_string(), stamp, edits)),
            None => {
                *k = None;
                None
            }
        }
    })
    .flatten()
}

/// After a save that included the section: the kept copy (already caught up) gets the
/// section's new stamp, or the first time a copy is taken.
fn keep<T: Send + Sync + 'static>(kept: Kept<T>, stamp: Option<SectionStamp>, copy: impl FnOnce() -> T) {
    match stamp {
        Some(stamp) => kept.update_value(|k| match k {
            Some((_, s)) => *s = stamp,
            None => *k = Some((copy(), stamp)),
        }),
        None => kept.set_value(None),
    }
}

impl Practice {
    /// Stores what changed: with a practice answer its attempt, at once (`save_attempt`),
    /// the sections it changed being due for the checkpoint in the next idle moment
    /// (`after_answer`); otherwise the session, with a placement answer also its attempt,
    /// the model, placement and the motivation sections, with `rewarded` the motivation
    /// sections, and any checkpoint due (`store`). Shows the error, if any.
    pub(super) fn save(&self, attempt: Option<&Attempt>, rewarded: bool) -> Result<(), PersistError> {
        let result = match attempt {
            Some(a) if a.mode != PracticeMode::Placement => self.save_attempt(a),
            _ => self.store(attempt, rewarded),
        };
        self.error.set(result.as_ref().err().cloned());
        result
    }

    /// A practice answer's save: only its attempt (the history's short tail key), so the
    /// feedback shows without waiting for the rest. The sections the answer changed (in this
    /// view already) are due: the next save stores them, at the latest the checkpoint after
    /// the feedback is painted (`after_answer`), or as the page is left. Should the tab
    /// crash before, the next practice page replays the attempt into them
    /// (`practice::replay`).
    fn save_attempt(&self, a: &Attempt) -> Result<(), PersistError> {
        // A rehearsal's save leaves no measure (`pages::rehearsal::answer`).
        let started = (!self.app.rehearsal).then(clock::span_start);
        let id = self.learner.get_value();
        let result = persist::write(self.app, |v, now| v.append_attempt(&id, a, now));
        self.checkpoint_due.set_value(true);
        if let Ok(out) = &result {
            self.journal.update_value(|j| *j = j.including(&out.stored));
        }
        if let Some(started) = started {
            clock::span_end(clock::ANSWER_SAVE_MEASURE, started);
        }
        result.map(|_| ())
    }

    /// Stores the sections due since an answer's attempt was stored (`save_attempt`), if
    /// any; does not show an error (for the page's cleanup). Returns whether it wrote.
    pub fn checkpoint(&self) -> Result<bool, PersistError> {
        if self.checkpoint_due.try_get_value() != Some(true) {
            return Ok(false);
        }
        self.store(None, false).map(|_| true)
    }

    /// Stores the session; with an attempt (placement's) also the attempt, the model,
    /// placement and the motivation sections; with `rewarded` the motivation sections; the
    /// mastery log when it changed; the sections due since a practice answer, and the
    /// journal of which attempts they include. The model, the motivation and the log go by
    /// their changed parts once this page has saved them whole (an answer changes a little
    /// of each), while the vault still holds what this page saved.
    fn store(&self, attempt: Option<&Attempt>, rewarded: bool) -> Result<(), PersistError> {
        let started = (attempt.is_some() && !self.app.rehearsal).then(clock::span_start);
        let id = self.learner.get_value();
        let due = self.checkpoint_due.get_value();
        // A checkpoint is measured wherever it is stored (the idle moment after an answer,
        // or the next save when that comes first).
        let checkpoint_started = (due && attempt.is_none() && !self.app.rehearsal).then(clock::span_start);
        let with_model = attempt.is_some() || due;
        let with_motivation = attempt.is_some() || rewarded || due;
        let (model_parts, motivation_parts) = self.progress.with_untracked(|p| {
            let model = with_model
                .then(|| {
                    parts_of(self.saved_model, "model", |kept| {
                        // Only the skills answers changed, when that is all that changed.
                        match &self.model_touched.get_value() {
                            Some(skills) => engine::stored::catch_up_touched(kept, &p.model, skills),
                            None => engine::stored::catch_up(kept, &p.model),
                        }
                        .ok()
                        .flatten()
                        .map(edits_of)
                    })
                })
                .flatten();
            let motivation = with_motivation
                .then(|| parts_of(self.saved_motivation, "motivation", |kept| waypoint_core::motivation::stored::catch_up(kept, &p.motivation).ok()))
                .flatten();
            (model, motivation)
        });
        let log_saved = self.log_changed.get_value();
        self.log_changed.set_value(false);
        let log_parts = log_saved.then(|| self.progress.with_untracked(|p| parts_of(self.saved_log, "mastery_log", |kept| log_catch_up(kept, &p.log).ok().flatten()))).flatten();
        let progress = self.progress;
        let journal_before = self.journal.get_value();
        // The sections always saved whole, and the model or motivation whole.
        let whole_sections = move |journal: &Journal| {
            progress.with_untracked(|p| {
                let mut s = vec![("session".to_string(), json(&p.session)), (JOURNAL_SECTION.to_string(), json(journal))];
                if attempt.is_some() {
                    s.push(("placement".to_string(), json(&p.placement)));
                }
                if with_motivation {
                    s.push(("confidence".to_string(), json(&p.confidence)));
                }
                s
            })
        };
        let section_json = move |name: &str| {
            progress.with_untracked(|p| match name {
                "model" => json(&p.model),
                "motivation" => json(&p.motivation),
                _ => json(&p.log),
            })
        };
        let with_parts = [("model", with_model), ("motivation", with_motivation), ("mastery_log", log_saved)];
        let result = persist::write(self.app, |v, now| {
            let journal = match attempt {
                Some(a) => journal_before.including(&v.append_attempt(&id, a, now)?.stored),
                None => journal_before,
            };
            let mut whole = whole_sections(&journal);
            let mut parts = Vec::new();
            // Each section by its parts while the vault holds it as this page saved it,
            // otherwise whole.
            for ((name, included), kept) in with_parts.into_iter().zip([model_parts, motivation_parts, log_parts]) {
                match kept {
                    Some(part) if v.section_stamp(&id, name) == Some(part.1) => parts.push(part),
                    _ if included => whole.push((name.to_string(), section_json(name))),
                    _ => {}
                }
            }
            if parts.is_empty() {
                v.save_sections_owned(&id, whole, now)?;
            } else {
                match v.save_parts(&id, whole, parts, now) {
                    Ok(_) => {}
                    // Parts that do not fit what is stored (data written by an older build
                    // without a key they name) saved nothing: then every section whole.
                    Err(PersistError::Invalid(_)) => {
                        let mut whole = whole_sections(&journal);
                        whole.extend(with_parts.into_iter().filter(|(_, included)| *included).map(|(name, _)| (name.to_string(), section_json(name))));
                        v.save_sections_owned(&id, whole, now)?;
                    }
                    Err(e) => return Err(e),
                }
            }
            Ok((v.section_stamp(&id, "model"), v.section_stamp(&id, "motivation"), v.section_stamp(&id, "mastery_log"), journal))
        });
        match &result {
            Ok((model_stamp, motivation_stamp, log_stamp, journal)) => {
                self.journal.set_value(journal.clone());
                self.checkpoint_due.set_value(false);
                // Caught up with what was saved already (above), or a copy the first time.
                if with_model {
                    keep(self.saved_model, *model_stamp, || self.progress.with_untracked(|p| p.model.clone()));
                    self.model_touched.set_value(Some(Vec::new()));
                }
                if with_motivation {
                    keep(self.saved_motivation, *motivation_stamp, || self.progress.with_untracked(|p| p.motivation.clone()));
                }
                if log_saved {
                    keep(self.saved_log, *log_stamp, || self.progress.with_untracked(|p| p.log.clone()));
                }
            }
            Err(_) => {
                // Saved whole next time (a copy is taken then, and the touched skills start again).
                self.saved_model.set_value(None);
                self.saved_motivation.set_value(None);
                self.saved_log.set_value(None);
                if log_saved {
                    self.log_changed.set_value(true);
                }
            }
        }
        let result = result.map(|_| ());
        if let Some(started) = started {
            clock::span_end(clock::ANSWER_SAVE_MEASURE, started);
        }
        if let (Some(started), Ok(())) = (checkpoint_started, &result) {
            clock::span_end(clock::CHECKPOINT_MEASURE, started);
        }
        result
    }

    /// Once the feedback is on screen and the browser is idle: the checkpoint of the
    /// sections the answer changed (`checkpoint`; `store` measures it),
    /// then tidies how the learner's data is stored (`Vault::tidy`: a long patch folded, the
    /// newest attempts filed), so that the next answers' saves write only short keys. When
    /// the page is gone by then, its cleanup stored the checkpoint.
    pub(super) fn after_answer(&self) {
        let practice = *self;
        crate::platform::after_paint(move || {
            match practice.checkpoint() {
                Ok(false) => {}
                wrote => {
                    practice.error.try_set(wrote.err());
                }
            }
            if let Some(id) = practice.learner.try_get_value() {
                persist::tidy(practice.app, &id);
            }
        });
    }
}
