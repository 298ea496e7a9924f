//! The learner's daily goal (minutes or XP, chosen and changed by the learner), per-day
//! tallies, and the opt-in device-level weekly family goal (a shared total, never a
//! ranking). Must not import the engine or any other learner's identity.

use super::{MotivationError, MotivationState};
use crate::{LocalDay, Timestamp};
use serde::{Deserialize, Serialize};

/// One answered item counts for at most this long (a tab left open does not count).
pub const ITEM_CAP_MS: u32 = 120_000;
/// Minutes a daily minutes goal may be.
pub const GOAL_MINUTES: [u32; 4] = [5, 10, 15, 20];
/// Range of an XP daily goal.
pub const GOAL_XP: std::ops::RangeInclusive<u32> = 10..=500;

/// A daily goal: 5, 10, 15 or 20 minutes, or 10..=500 XP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DailyGoal {
    Minutes(u32),
    Xp(u32),
}

impl Default for DailyGoal {
    fn default() -> Self {
        DailyGoal::Minutes(10)
    }
}

impl DailyGoal {
    /// The goal if it is one of the choices.
    pub fn validated(self) -> Result<DailyGoal, MotivationError> {
        match self {
            DailyGoal::Minutes(m) if GOAL_MINUTES.contains(&m) => Ok(self),
            DailyGoal::Xp(x) if GOAL_XP.contains(&x) => Ok(self),
            bad => Err(MotivationError::BadGoal(bad)),
        }
    }

    /// Target in the goal's unit (minutes or XP).
    pub fn target(self) -> u32 {
        match self {
            DailyGoal::Minutes(m) | DailyGoal::Xp(m) => m,
        }
    }

    /// Progress a day's tally makes toward this goal, in the goal's unit (whole minutes).
    pub fn done(self, day: &DayTally) -> u32 {
        match self {
            DailyGoal::Minutes(_) => day.minutes(),
            DailyGoal::Xp(_) => day.xp,
        }
    }
}

/// What happened on one local day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DayTally {
    pub day: LocalDay,
    /// Practice time, each item capped at `ITEM_CAP_MS`.
    pub ms: u64,
    pub xp: u32,
    pub answered: u32,
    pub correct: u32,
    pub reflections: u32,
    /// The daily goal was met this day (it stays met if the goal is changed later).
    pub met: bool,
}

impl DayTally {
    pub fn minutes(&self) -> u32 {
        (self.ms / 60_000).min(u32::MAX as u64) as u32
    }
}

/// Time one item counts for: its response time, capped at `ITEM_CAP_MS`.
pub fn item_ms(response_ms: u32) -> u64 {
    response_ms.min(ITEM_CAP_MS) as u64
}

/// Today's progress toward the goal, in the goal's unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GoalProgress {
    pub goal: DailyGoal,
    pub done: u32,
    pub target: u32,
    pub met: bool,
}

/// Progress toward today's goal, today being `now`'s local day at `offset_minutes`.
pub fn today_progress(state: &MotivationState, now: Timestamp, offset_minutes: i32) -> GoalProgress {
    let today = now.local_day(offset_minutes);
    let tally = state.days.iter().find(|d| d.day == today).copied().unwrap_or(DayTally { day: today, ..DayTally::default() });
    let done = state.goal.done(&tally);
    let target = state.goal.target();
    GoalProgress { goal: state.goal, done, target, met: tally.met || done >= target }
}

/// A device-level weekly family goal, off unless a grown-up switches it on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FamilyGoal {
    pub enabled: bool,
    /// Minutes practised together in a week (Monday to Sunday), 10..=3000.
    pub weekly_minutes: u32,
}

impl Default for FamilyGoal {
    fn default() -> Self {
        FamilyGoal { enabled: false, weekly_minutes: 60 }
    }
}

impl FamilyGoal {
    pub fn new(enabled: bool, weekly_minutes: u32) -> Result<FamilyGoal, MotivationError> {
        if (10..=3000).contains(&weekly_minutes) {
            Ok(FamilyGoal { enabled, weekly_minutes })
        } else {
            Err(MotivationError::BadFamilyGoal(weekly_minutes))
        }
    }
}

/// The family's shared total for this week. Deliberately holds no per-learner figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FamilyProgress {
    pub total_minutes: u32,
    pub target_minutes: u32,
    pub met: bool,
    /// First day (Monday) of the week counted.
    pub week_start: LocalDay,
}

/// The Monday starting the week holding `day` (1970-01-01 was a Thursday).
pub fn week_start(day: LocalDay) -> LocalDay {
    LocalDay(day.0 - (day.0 + 3).rem_euclid(7))
}

/// The shared weekly total across the device's learners, or `None` when the goal is off.
/// Takes the learners in any order and returns only the sum.
pub fn family_progress<'a>(goal: &FamilyGoal, learners: impl IntoIterator<Item = &'a MotivationState>, now: Timestamp, offset_minutes: i32) -> Option<FamilyProgress> {
    if !goal.enabled {
        return None;
    }
    let start = week_start(now.local_day(offset_minutes));
    let ms: u64 = learners
        .into_iter()
        .flat_map(|s| s.days.iter())
        .filter(|d| d.day >= start && d.day.0 < start.0 + 7)
        .map(|d| d.ms)
        .fold(0u64, u64::saturating_add);
    let total_minutes = (ms / 60_000).min(u32::MAX as u64) as u32;
    Some(FamilyProgress { total_minutes, target_minutes: goal.weekly_minutes, met: total_minutes >= goal.weekly_minutes, week_start: start })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goals_are_validated() {
        for m in GOAL_MINUTES {
            assert!(DailyGoal::Minutes(m).validated().is_ok());
        }
        for bad in [DailyGoal::Minutes(0), DailyGoal::Minutes(7), DailyGoal::Minutes(600), DailyGoal::Xp(9), DailyGoal::Xp(501)] {
            assert!(bad.validated().is_err(), "{bad:?}");
        }
        assert!(DailyGoal::Xp(10).validated().is_ok() && DailyGoal::Xp(500).validated().is_ok());
        assert!(FamilyGoal::new(true, 9).is_err() && FamilyGoal::new(true, 120).is_ok());
    }

    #[test]
    fn items_are_capped_and_weeks_start_monday() {
        assert_eq!(item_ms(0), 0);
        assert_eq!(item_ms(30_000), 30_000);
        assert_eq!(item_ms(u32::MAX), ITEM_CAP_MS as u64);
        let mon = LocalDay::from_ymd(2026, 11, 23).unwrap();
        for d in 0..7 {
            assert_eq!(week_start(LocalDay(mon.0 + d)), mon);
        }
        assert_eq!(week_start(LocalDay(mon.0 - 1)), LocalDay(mon.0 - 7));
        assert_eq!(week_start(LocalDay(0)).iso(), "1969-12-29");
    }
}
