//! One answered item, the unit of evidence. The engine learns from attempts; the history
//! chunks in `persistence` store them compactly.

use crate::{SkillId, Timestamp};
use serde::{Deserialize, Serialize};

/// Lowest and highest item difficulty level a generator offers.
pub const MIN_LEVEL: u8 = 1;
pub const MAX_LEVEL: u8 = 5;

/// How the item was met: alone in a block of the same skill, mixed among other skills,
/// as a scheduled review, or during placement. Mastery needs success in mixed practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum PracticeMode {
    #[default]
    Blocked,
    Mixed,
    Review,
    Placement,
}

/// One answered item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attempt {
    /// When the answer was submitted.
    pub at: Timestamp,
    pub skill: SkillId,
    /// Difficulty level of the item, in `MIN_LEVEL..=MAX_LEVEL`.
    pub level: u8,
    pub correct: bool,
    /// Time from the item appearing to the answer, in milliseconds (capped by the recorder).
    pub response_ms: u32,
    /// Hints shown before answering, 0..=3.
    pub hints_used: u8,
    pub mode: PracticeMode,
}
