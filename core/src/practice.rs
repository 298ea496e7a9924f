//! One answer in practice (not placement) applied to a learner's practice state: the
//! engine's model, the session, the sureness tally, the motivation and the mastery log.
//!
//! The practice page applies each answer with `apply_answer` as it is given. It stores the
//! answer's attempt at once (a short key, so the answer is never lost) and the sections this
//! changes in the next idle moment (a checkpoint). The sections carry a `Journal`: the
//! newest stored attempt they include. When a tab crashes or is killed between the two
//! (leaving the page stores the checkpoint on the way out), the next practice page replays
//! the stored attempts the sections do not include yet (`replay`), so what that answer
//! earned (ability, points, a level) is not lost either.

use crate::attempt::{Attempt, PracticeMode};
use crate::engine::review::Scheduler;
use crate::engine::{EngineParams, LearnerModel, LevelChange};
use crate::graph::SkillGraph;
use crate::ids::SkillId;
use crate::motivation::MotivationState;
use crate::report::{LevelLogEntry, log_level};
use crate::rewards::{self, ConfidenceTally, Rewarded};
use crate::session::{Session, Sureness};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

/// The name of the section that holds a learner's `Journal`.
pub const JOURNAL_SECTION: &str = "journal";

/// The practice sections of one learner, borrowed together: what an answer changes.
pub struct PracticeState<'a> {
    pub model: &'a mut LearnerModel,
    pub session: &'a mut Option<Session>,
    pub confidence: &'a mut ConfidenceTally,
    pub motivation: &'a mut MotivationState,
    pub log: &'a mut Vec<LevelLogEntry>,
}

/// What applying one answer changed beyond the state itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Applied {
    pub level_change: Option<LevelChange>,
    pub rewarded: Rewarded,
    /// The mastery log gained an entry.
    pub log_changed: bool,
}

/// Applies one practice answer (already taken from the session, `Session::answer`): the
/// engine's model learns from it, the level change (if any) is logged by the attempt's local
/// day, the sureness the learner gave is tallied, and the answer's motivation events (points,
/// streak, badges) are applied, the points also counted in the session.
#[allow(clippy::too_many_arguments)]
pub fn apply_answer(state: PracticeState<'_>, graph: &SkillGraph, a: &Attempt, sureness: Option<Sureness>, params: &EngineParams, scheduler: &Scheduler, offset_minutes: i32, now: Timestamp) -> Applied {
    let PracticeState { model, session, confidence, motivation, log } = state;
    let due_before = model.skills.get(&a.skill).and_then(|s| s.review.as_ref()).map(|c| c.due);
    let out = model.record(graph, a, params, offset_minutes, scheduler);
    let events = rewards::answer_events(a, due_before, out.level_change.as_ref(), out.next_review.is_some(), offset_minutes);
    let log_changed = out.level_change.is_some();
    if let Some(c) = &out.level_change {
        log_level(log, a.at.local_day(offset_minutes), &c.skill, c.to);
    }
    if let Some(s) = sureness {
        confidence.record(s, a.correct);
    }
    let rewarded = rewards::apply(motivation, &events, confidence, graph, now, offset_minutes);
    if let Some(s) = session.as_mut() {
        s.add_xp(rewarded.xp);
    }
    Applied { level_change: out.level_change, rewarded, log_changed }
}

/// Which stored attempts a learner's practice sections include: the identity (second and
/// skill, as the attempt history keys them) of the newest. Saved with the sections, in the
/// same write. Absent (data saved before it existed): every stored attempt is included.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Journal {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub through: Option<(i64, SkillId)>,
}

impl Journal {
    /// The journal once the attempt `a` (as stored) is included too.
    pub fn including(&self, a: &Attempt) -> Journal {
        let k = key(a);
        Journal { through: Some(self.through.clone().map_or(k.clone(), |t| t.max(k))) }
    }

    /// Whether the sections already include the stored attempt `a`.
    pub fn includes(&self, a: &Attempt) -> bool {
        self.through.as_ref().is_none_or(|t| &key(a) <= t)
    }
}

/// An attempt's identity as the history keys it: its second and its skill.
fn key(a: &Attempt) -> (i64, SkillId) {
    (a.at.0.div_euclid(1000), a.skill.clone())
}

/// What `replay` did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Replayed {
    /// The attempts applied, oldest first.
    pub attempts: Vec<Attempt>,
    /// The journal of the state now (through the newest of `recent`).
    pub journal: Journal,
    pub log_changed: bool,
}

/// Replays into `state` the stored practice attempts it does not include yet by `journal`
/// (an answer whose attempt was stored but whose sections were not: the tab crashed before
/// its checkpoint). `recent` is the learner's newest stored attempts (the history's
/// tail), in any order. Placement answers are not replayed (placement stores everything with
/// the answer). When the session on screen was waiting for that answer, it is taken as
/// answered, with the sureness the learner gave. Each answer is applied as at its time.
/// With a journal that names no attempt, nothing is replayed.
pub fn replay(state: PracticeState<'_>, graph: &SkillGraph, journal: &Journal, recent: &[Attempt], params: &EngineParams, scheduler: &Scheduler, offset_minutes: i32) -> Replayed {
    let mut pending: Vec<&Attempt> = recent.iter().filter(|a| !journal.includes(a) && a.mode != PracticeMode::Placement).collect();
    pending.sort_by_key(|a| key(a));
    let mut out = Replayed { journal: journal.clone(), ..Replayed::default() };
    for a in pending {
        let waiting = state.session.as_ref().and_then(|s| s.current.as_ref()).is_some_and(|c| c.skill == a.skill && c.level == a.level);
        let sureness = match state.session.as_mut() {
            Some(s) if waiting => s.answer(a.correct, a.at).and(s.answered.last()).and_then(|x| x.sureness),
            _ => None,
        };
        let state = PracticeState { model: &mut *state.model, session: &mut *state.session, confidence: &mut *state.confidence, motivation: &mut *state.motivation, log: &mut *state.log };
        let applied = apply_answer(state, graph, a, sureness, params, scheduler, offset_minutes, a.at);
        out.log_changed |= applied.log_changed;
        out.attempts.push(a.clone());
    }
    // The journal moves on to the newest stored attempt: those replayed, a placement answer
    // (whose sections were stored with it), or any attempt when the data has no journal yet.
    for a in recent {
        out.journal = out.journal.including(a);
    }
    out
}
