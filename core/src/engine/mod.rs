//! The adaptive engine: learner model (`model`, `learner`), explainable mastery
//! (`mastery`), spaced review with FSRS (`review`), the next-item policy, choice board and
//! personal path (`policy`), and placement (`placement`). Pure and deterministic: `now`,
//! seeds and parameters are inputs. Must not import browser crates.
//!
//! The app's flow for one answer: `LearnerModel::record(graph, attempt, params, offset,
//! scheduler)` returns what changed (ability, level change with its reason, next review);
//! then `policy::next_item(model, graph, ctx, focus)` picks the next skill and level.

pub mod learner;
pub mod mastery;
pub mod model;
pub mod placement;
pub mod policy;
pub mod replay;
pub mod review;
pub mod sim;

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
