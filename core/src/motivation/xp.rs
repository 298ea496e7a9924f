//! XP for effort and mastery, and levels on a gentle curve. Pure arithmetic: owns no state
//! and imports nothing but `Attempt` and the bilingual text type.

use super::{Bilingual, LevelUp};
use crate::attempt::Attempt;

/// A wrong answer given faster than this is a guess, not an effort (no XP).
pub const GUESS_MS: u32 = 1_000;
/// Reflections of at least this many words count as long ones.
pub const LONG_REFLECTION_WORDS: usize = 20;
/// Reflection XP is given for at most this many reflections a local day.
pub const REFLECTIONS_REWARDED_PER_DAY: u32 = 3;

/// XP for one answered item. Item `level` 1..=5 (clamped). Correct: 4 + 2 × level (6..=14),
/// the same with or without hints (asking for help is good learning). Wrong: an effort
/// award of ⌈level / 2⌉ (1..=3), none for a wrong answer faster than `GUESS_MS`.
pub fn answer_xp(a: &Attempt) -> u32 {
    let level = a.level.clamp(1, 5) as u32;
    if a.correct {
        4 + 2 * level
    } else if a.response_ms < GUESS_MS {
        0
    } else {
        level.div_ceil(2)
    }
}

/// Bonus for a skill first reaching mastery `level` (1..=4): 10, 20, 30, then 50 for mastered.
pub fn mastery_bonus(level: u8) -> u32 {
    match level {
        0 => 0,
        1 => 10,
        2 => 20,
        3 => 30,
        _ => 50,
    }
}

/// A review done on time earns 5; a late one still earns 2 for the effort.
pub fn review_xp(on_time: bool) -> u32 {
    if on_time { 5 } else { 2 }
}

/// A reflection: nothing for an empty one, 5 for a short one, 10 from `LONG_REFLECTION_WORDS` words.
pub fn reflection_xp(words: usize) -> u32 {
    match words {
        0 => 0,
        w if w < LONG_REFLECTION_WORDS => 5,
        _ => 10,
    }
}

/// Where total XP stands: `level` from 1, XP already inside it, and XP the whole level takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LevelProgress {
    pub level: u32,
    pub xp_into_level: u64,
    pub xp_for_next: u64,
}

impl LevelProgress {
    /// The bar's fill, in 0.0..=1.0.
    pub fn fraction(&self) -> f64 {
        if self.xp_for_next == 0 { 0.0 } else { (self.xp_into_level as f64 / self.xp_for_next as f64).min(1.0) }
    }
}

/// XP a level takes to complete: 50 for level 1, then 25 more per level, at most 500.
pub fn xp_for_level(level: u32) -> u64 {
    (50 + 25 * level.saturating_sub(1) as u64).min(500)
}

/// The level reached with `xp` in total (a gentle curve: level 2 at 50 XP, 3 at 125, 5 at 350).
pub fn level_progress(xp: u64) -> LevelProgress {
    let mut level = 1u32;
    let mut left = xp;
    // Below the cap each level is a step; 19 steps reach the cap, then levels are even.
    while level < 19 && left >= xp_for_level(level) {
        left -= xp_for_level(level);
        level += 1;
    }
    if level >= 19 {
        let more = left / 500;
        level = level.saturating_add(more.min(u32::MAX as u64 - 19) as u32);
        left -= more * 500;
    }
    LevelProgress { level, xp_into_level: left, xp_for_next: xp_for_level(level) }
}

/// The celebration for reaching `level`.
pub fn level_up(level: u32) -> LevelUp {
    LevelUp {
        level,
        title: Bilingual::new(format!("Level {level}!"), format!("¡Nivel {level}!")),
        message: Bilingual::new(
            format!("You reached level {level}. Your practice is paying off."),
            format!("Llegaste al nivel {level}. Tu práctica está dando frutos."),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attempt::PracticeMode;
    use crate::{SkillId, Timestamp};

    fn att(level: u8, correct: bool, ms: u32, hints: u8) -> Attempt {
        Attempt { at: Timestamp(0), skill: SkillId::new_static("s"), level, correct, response_ms: ms, hints_used: hints, mode: PracticeMode::Mixed }
    }

    #[test]
    fn answer_xp_table() {
        let table = [
            (1, true, 900, 0, 6),
            (5, true, 20_000, 2, 14),
            (3, true, 5_000, 1, 10),
            (5, false, 8_000, 0, 3),
            (1, false, 8_000, 0, 1),
            (5, false, 400, 0, 0),
            (0, true, 1_000, 0, 6),
            (9, true, 1_000, 0, 14),
        ];
        for (level, ok, ms, hints, want) in table {
            assert_eq!(answer_xp(&att(level, ok, ms, hints)), want, "level {level} ok {ok} ms {ms}");
        }
        assert!(answer_xp(&att(5, true, 30_000, 3)) > answer_xp(&att(1, true, 500, 0)));
    }

    #[test]
    fn bonuses() {
        assert_eq!([0, 1, 2, 3, 4, 7].map(mastery_bonus), [0, 10, 20, 30, 50, 50]);
        assert_eq!((review_xp(true), review_xp(false)), (5, 2));
        assert_eq!([0, 3, 19, 20, 400].map(reflection_xp), [0, 5, 5, 10, 10]);
    }

    #[test]
    fn level_curve_table() {
        let table = [(0, 1, 0, 50), (49, 1, 49, 50), (50, 2, 0, 75), (125, 3, 0, 100), (350, 5, 0, 150)];
        for (xp, level, into, next) in table {
            assert_eq!(level_progress(xp), LevelProgress { level, xp_into_level: into, xp_for_next: next }, "xp {xp}");
        }
        let high = level_progress(u64::MAX);
        assert!(high.level > 19 && high.xp_into_level < 500);
        let mut last = 0;
        for xp in (0..20_000).step_by(37) {
            let lp = level_progress(xp);
            assert!(lp.level >= last && lp.xp_into_level < lp.xp_for_next);
            last = lp.level;
        }
        assert_eq!(level_progress(25).fraction(), 0.5);
    }
}
