//! The adaptive engine: learner model (`model`, `learner`), explainable mastery
//! (`mastery`), spaced review with FSRS (`review`), the next-item policy, choice board and
//! personal path (`policy`), and placement (`placement`). Pure and deterministic: `now`,
//! seeds and parameters are inputs. Must not import browser crates.
//!
//! The app's flow for one answer: `LearnerModel::record(graph, attempt, params, offset,
//! scheduler)` returns what changed (ability, level change with its reason, next review);
//! then `policy::next_item(model, graph, ctx, focus)` picks the next skill and level.
//!
//! Public API in brief:
//! - `EngineParams::new(target_success in 0.6..=0.9, fluency_deadline_s in 5..=120)`
//!   (NaN or out of range: `EngineError::BadParameter`); `EngineParams::default()` is 0.75, 20 s.
//! - `LearnerModel` (serde, compact): per skill `SkillState` (ability `theta` on the logit
//!   scale, answers, recent results, hard-item days, mixed-practice successes, level and its
//!   reason, FSRS card once mastered, days practised); per item family `skill/level` a
//!   difficulty offset; per skill a chance the skill is known (knowledge tracing, fed by
//!   right/wrong and by the answer's time against the learner's own pace). `predict(graph,
//!   skill, level)` is the chance of a right answer (known: ability vs difficulty blended with
//!   the learner's own rate on known skills at that level; not known: a guess);
//!   `record(...)` returns a `RecordOutcome` (prediction made before the answer, ability
//!   before/after, `Option<LevelChange { skill, from, to, reason }>`, next review).
//! - `MasteryLevel::{NotStarted, Practising, Familiar, Proficient, Mastered}` with `key()`,
//!   `class()`, `name(lang)`; `MasteryReason::message(lang)` is one sentence in English or
//!   Spanish. Mastered needs p(level 4) >= 0.8, at least 10 answers, right answers on hard
//!   items on 3 distinct local days, 2 right in mixed practice or review, and at most one
//!   miss in the last four; a miss on a review or two of the last three demotes.
//! - `next_item(model, graph, &Context { now, seed, params, band, scheduler }, focus)`
//!   -> `NextStep { skill, level, mode, reason: StepReason, predicted }`; after 3 misses in
//!   the last 4 it steps back to the weakest shaky prerequisite (`StepReason::StepBack`).
//!   `choice_board(model, graph, ctx, goal)` -> up to three `Choice { skill, reason }`;
//!   `StepReason::message(lang)`. Decisions read only the per-skill summaries, never the
//!   history (`engine_bench`: p95 about 10 µs with 200 skills and 100,000 answers).
//! - `Placement::new(graph, band)`, `next(graph)`, `record(graph, correct)`, `finish(graph)`:
//!   at most 20 items; a right answer counts for everything it builds on, a miss rules out
//!   what builds on it.
//! - `personal_path(model, graph, goal)` -> `Vec<PathStep { skill, estimated_items }>` in
//!   prerequisite order.
//! - `sim` (the simulation harness behind `bin/simulate`) and `replay` (the model behind
//!   `bin/replay`, plus `auc`/`log_loss`).

pub mod learner;
pub mod map;
pub mod mastery;
pub mod model;
pub mod placement;
pub mod policy;
pub mod replay;
pub mod review;
pub mod sim;
pub mod stored;

pub use learner::{LearnerModel, RecordOutcome, SkillState};
pub use mastery::{LevelChange, MasteryLevel, MasteryReason};
pub use model::EngineParams;
pub use placement::Placement;
pub use policy::{Choice, Context, NextStep, PathStep, StepReason, choice_board, next_item, personal_path};

use crate::Lang;
use crate::error::UserMessage;

/// Why the engine refused its input.
#[derive(Debug, Clone, PartialEq)]
pub enum EngineError {
    BadParameter { name: &'static str, value: String },
}

impl UserMessage for EngineError {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (EngineError::BadParameter { name, value }, Lang::En) => format!("The setting {name} cannot be {value}."),
            (EngineError::BadParameter { name, value }, Lang::Es) => format!("El ajuste {name} no puede ser {value}."),
        }
    }
}
