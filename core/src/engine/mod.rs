//! The adaptive engine: learner model, mastery, spaced review, next-item policy,
//! placement and personal path. Owned by the engine work (issue 3, items 3-9).

pub mod review;

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
