//! The core's one error type. Each area keeps its own detailed error enum (learner,
//! graph, content, engine, persistence); `CoreError` gathers them, and every error can
//! say what went wrong in words a child's grown-up understands, in either language.

use crate::Lang;
use std::fmt;

pub type Result<T, E = CoreError> = std::result::Result<T, E>;

/// Anything the domain refuses. Never a panic: every bad input ends up here.
#[derive(Debug, Clone, PartialEq)]
pub enum CoreError {
    Learner(crate::learner::LearnerError),
    Graph(crate::graph::GraphError),
    Content(crate::content::ContentError),
    Engine(crate::engine::EngineError),
    Persist(crate::persistence::PersistError),
    Motivation(crate::motivation::MotivationError),
}

/// What every error in the core offers: a message for people, in their language.
pub trait UserMessage {
    fn message(&self, lang: Lang) -> String;
}

impl UserMessage for CoreError {
    fn message(&self, lang: Lang) -> String {
        match self {
            CoreError::Learner(e) => e.message(lang),
            CoreError::Graph(e) => e.message(lang),
            CoreError::Content(e) => e.message(lang),
            CoreError::Engine(e) => e.message(lang),
            CoreError::Persist(e) => e.message(lang),
            CoreError::Motivation(e) => e.message(lang),
        }
    }
}

impl fmt::Display for CoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}
impl std::error::Error for CoreError {}

macro_rules! from_area {
    ($area:ty, $variant:ident) => {
        impl From<$area> for CoreError {
            fn from(e: $area) -> Self {
                CoreError::$variant(e)
            }
        }
    };
}
from_area!(crate::learner::LearnerError, Learner);
from_area!(crate::graph::GraphError, Graph);
from_area!(crate::content::ContentError, Content);
from_area!(crate::engine::EngineError, Engine);
from_area!(crate::persistence::PersistError, Persist);
from_area!(crate::motivation::MotivationError, Motivation);
