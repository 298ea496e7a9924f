//! Waypoint's pure domain: skills and items (`content`), the learner model, mastery,
//! spaced review and next-item policy (`engine`), learners, and the save-file schema
//! (`persistence`).
//!
//! Must not import any browser or UI crate, nor read a clock or a global random source:
//! time (`Timestamp`) and seeds are parameters. `make test` enforces this
//! (scripts/check-layers.sh checks the manifest, the sources and the dependency tree).

pub mod error;
pub mod ids;
pub mod lang;
pub mod learner;
pub mod rng;
pub mod session;
pub mod sorting;
pub mod time;

pub mod attempt;
pub mod graph;

pub mod content;
pub mod engine;
pub mod motivation;
pub mod persistence;
pub mod practice;
pub mod profile;
pub mod report;
pub mod rewards;

pub use error::{CoreError, Result};
pub use ids::{LearnerId, SkillId};
pub use lang::Lang;
pub use time::{LocalDay, Timestamp};
