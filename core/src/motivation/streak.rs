//! The forgiving streak: local days in a row on which the daily goal was met. Freezes are
//! earned by practice (never bought) and cover missed days automatically; a broken streak
//! rests and comes back when the goal is met on the first two days back. Owns the rules
//! and the kind notices; must not import the engine or read a clock.

use super::Bilingual;
use crate::{LocalDay, Timestamp};
use serde::{Deserialize, Serialize};

/// Freezes held at most.
pub const MAX_FREEZES: u8 = 2;
/// One freeze is earned for each this many days of streak.
pub const DAYS_PER_FREEZE: u32 = 7;
/// A streak that broke after at most this many missed days can be earned back.
pub const REPAIR_MAX_GAP: i32 = 7;
/// Coming back after at least this many missed days counts as a comeback.
pub const COMEBACK_AWAY_DAYS: i32 = 3;

/// A broken streak waiting to be earned back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resting {
    /// Length of the streak before it broke.
    pub length: u32,
    /// The first day back (goal met); the goal met the next day too restores the streak.
    pub back_on: LocalDay,
}

/// Streak state, stored. `current` counts goal days; frozen days keep it alive without adding.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Streak {
    pub current: u32,
    pub best: u32,
    /// 0..=`MAX_FREEZES`.
    pub freezes: u8,
    pub last_met: Option<LocalDay>,
    pub resting: Option<Resting>,
}

/// What meeting the goal on a day did to the streak.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreakChange {
    Started { current: u32 },
    /// One more day; `freezes_used` covered missed days in between.
    Extended { current: u32, freezes_used: u32, freeze_earned: bool },
    /// The goal was met on a day not after the last counted one (same day, or the clock went back).
    Unchanged { current: u32 },
    /// Missed days without enough freezes: a new streak of 1; the old one rests if `can_repair`.
    Restarted { away_days: i32, can_repair: bool },
    /// Second day back in a row: the old streak is back, plus the two days.
    Repaired { current: u32, freeze_earned: bool },
}

impl StreakChange {
    /// What to say about the change, if anything worth a word.
    pub fn celebration(&self) -> Option<Bilingual> {
        let days = |n: u32| Bilingual::new(format!("{n} days in a row!"), format!("¡{n} días seguidos!"));
        match *self {
            StreakChange::Started { .. } => Some(Bilingual::new("A new streak begins!", "¡Empieza una nueva racha!")),
            StreakChange::Extended { current, freeze_earned: true, .. } | StreakChange::Repaired { current, freeze_earned: true } => Some(Bilingual::new(
                format!("{current} days in a row! You earned a streak freeze."),
                format!("¡{current} días seguidos! Ganaste un congelador de racha."),
            )),
            StreakChange::Extended { current, .. } => Some(days(current)),
            StreakChange::Repaired { current, .. } => Some(Bilingual::new(
                format!("Your streak is back: {current} days!"),
                format!("¡Recuperaste tu racha: {current} días!"),
            )),
            StreakChange::Restarted { can_repair: true, .. } => Some(Bilingual::new(
                "Welcome back! Meet your goal tomorrow too to bring your streak back.",
                "¡Bienvenido de nuevo! Cumple tu meta mañana también para recuperar tu racha.",
            )),
            StreakChange::Restarted { .. } => Some(Bilingual::new("Welcome back! A new streak begins.", "¡Bienvenido de nuevo! Empieza una nueva racha.")),
            StreakChange::Unchanged { .. } => None,
        }
    }
}

impl Streak {
    /// The goal was met on `day`. A day not after the last met day never extends the streak.
    pub fn goal_met(&mut self, day: LocalDay) -> StreakChange {
        let Some(last) = self.last_met else {
            self.last_met = Some(day);
            self.current = 1;
            self.best = self.best.max(1);
            return StreakChange::Started { current: 1 };
        };
        if day <= last {
            return StreakChange::Unchanged { current: self.current };
        }
        let missed = day.0 - last.0 - 1;
        self.last_met = Some(day);
        let before = self.current;
        let change = if missed == 0 {
            match self.resting.take() {
                Some(r) if r.back_on.0 == day.0 - 1 => {
                    // Freezes for the old part were earned before it rested.
                    let restored = r.length.saturating_add(self.current);
                    self.current = restored.saturating_add(1);
                    StreakChange::Repaired { current: self.current, freeze_earned: self.earn_freezes(restored) }
                }
                _ => {
                    self.current = self.current.saturating_add(1);
                    StreakChange::Extended { current: self.current, freezes_used: 0, freeze_earned: self.earn_freezes(before) }
                }
            }
        } else if missed <= self.freezes as i32 {
            self.freezes -= missed as u8;
            self.resting = None;
            self.current = self.current.saturating_add(1);
            StreakChange::Extended { current: self.current, freezes_used: missed as u32, freeze_earned: self.earn_freezes(before) }
        } else {
            let can_repair = missed <= REPAIR_MAX_GAP && self.current > 0;
            self.resting = can_repair.then_some(Resting { length: self.current, back_on: day });
            self.current = 1;
            StreakChange::Restarted { away_days: missed, can_repair }
        };
        self.best = self.best.max(self.current);
        change
    }

    /// Earns freezes for each multiple of `DAYS_PER_FREEZE` passed since `before`.
    fn earn_freezes(&mut self, before: u32) -> bool {
        let earned = (self.current / DAYS_PER_FREEZE).saturating_sub(before / DAYS_PER_FREEZE);
        let room = (MAX_FREEZES - self.freezes.min(MAX_FREEZES)) as u32;
        let got = earned.min(room) as u8;
        self.freezes += got;
        got > 0
    }
}

/// How the streak looks right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreakStatus {
    /// No goal met yet.
    NotStarted,
    /// Alive; `met_today` once today's goal is met; `freezes_needed` missed days a freeze will cover.
    Active { met_today: bool, freezes_needed: u32 },
    /// Broken by missed days; meeting the goal today and tomorrow brings back `length` days.
    Resting { length: u32 },
    /// Broken and too long ago to earn back: a fresh start.
    FreshStart,
    /// Earned-back in progress: meet today's goal to restore `length` days.
    Repairing { length: u32 },
}

/// The streak as the home shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StreakView {
    /// Days shown: the live streak, or 0 while it rests.
    pub current: u32,
    pub best: u32,
    pub freezes: u8,
    pub status: StreakStatus,
}

/// The streak at `now` (local day at `offset_minutes`), without changing anything.
pub fn streak_view(streak: &Streak, now: Timestamp, offset_minutes: i32) -> StreakView {
    let today = now.local_day(offset_minutes);
    let mut view = StreakView { current: streak.current, best: streak.best, freezes: streak.freezes, status: StreakStatus::NotStarted };
    let Some(last) = streak.last_met else {
        view.current = 0;
        return view;
    };
    if today <= last {
        // Today (or a clock set back): the streak is shown as it is, never longer.
        view.status = StreakStatus::Active { met_today: today == last, freezes_needed: 0 };
        return view;
    }
    let missed = today.0 - last.0 - 1;
    view.status = match streak.resting {
        Some(r) if missed == 0 && r.back_on == last => StreakStatus::Repairing { length: r.length },
        _ if missed <= streak.freezes as i32 => StreakStatus::Active { met_today: false, freezes_needed: missed as u32 },
        _ if missed <= REPAIR_MAX_GAP => StreakStatus::Resting { length: streak.current },
        _ => StreakStatus::FreshStart,
    };
    if matches!(view.status, StreakStatus::Resting { .. } | StreakStatus::FreshStart) {
        view.current = 0;
    }
    view
}

impl StreakView {
    /// A kind notice for the home, or `None` when there is nothing to say. Never shames.
    pub fn notice(&self) -> Option<Bilingual> {
        let t = |en: String, es: String| Some(Bilingual::new(en, es));
        match self.status {
            StreakStatus::NotStarted => t(
                "Meet your daily goal to start a streak.".into(),
                "Cumple tu meta diaria para empezar una racha.".into(),
            ),
            StreakStatus::Active { met_today: true, .. } => None,
            StreakStatus::Active { freezes_needed: n, .. } if n > 0 => t(
                format!("Welcome back! A streak freeze kept your {}-day streak safe.", self.current),
                format!("¡Qué bueno verte! Un congelador de racha cuidó tu racha de {} días.", self.current),
            ),
            StreakStatus::Active { .. } => t(
                "Your goal for today is ready whenever you are.".into(),
                "Tu meta de hoy te espera cuando estés listo.".into(),
            ),
            StreakStatus::Resting { .. } => t(
                "Welcome back! Your streak is resting; meet your goal today and tomorrow to bring it back.".into(),
                "¡Bienvenido de nuevo! Tu racha está descansando; cumple tu meta hoy y mañana para recuperarla.".into(),
            ),
            StreakStatus::Repairing { length } => t(
                format!("Nice! Meet your goal today to bring back your {length}-day streak."),
                format!("¡Muy bien! Cumple tu meta hoy para recuperar tu racha de {length} días."),
            ),
            StreakStatus::FreshStart => t(
                "Welcome back! Every day is a fresh start.".into(),
                "¡Bienvenido de nuevo! Cada día es un nuevo comienzo.".into(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(days: &[i32]) -> (Streak, Vec<StreakChange>) {
        let mut s = Streak::default();
        let changes = days.iter().map(|&d| s.goal_met(LocalDay(d))).collect();
        (s, changes)
    }

    #[test]
    fn streak_rules_table() {
        // (goal days, current, best, freezes)
        let table: &[(&[i32], u32, u32, u8)] = &[
            (&[], 0, 0, 0),
            (&[10], 1, 1, 0),
            (&[10, 11, 12], 3, 3, 0),
            (&[10, 10, 10], 1, 1, 0),
            (&[10, 12], 1, 1, 0),                                // missed 11, no freeze: rests
            (&[10, 12, 13], 3, 3, 0),                            // earned back: 1 + 1 + 1
            (&[10, 12, 14], 1, 1, 0),                            // missed again: not earned back
            (&[1, 2, 3, 4, 5, 6, 7], 7, 7, 1),                   // freeze earned at 7
            (&[1, 2, 3, 4, 5, 6, 7, 9], 8, 8, 0),                // freeze used on day 8
            (&[1, 2, 3, 4, 5, 6, 7, 10], 1, 7, 1),               // two missed, one freeze: rests, freeze kept
            (&[1, 2, 3, 4, 5, 6, 7, 10, 11], 9, 9, 1),           // earned back: 7 + 1 + 1, freeze still held
            (&[5, 4, 3], 1, 1, 0),                               // clock going back never extends
            (&[1, 30], 1, 1, 0),                                 // long gap: fresh start, not repairable
        ];
        for (days, current, best, freezes) in table.iter().copied() {
            let (s, _) = run(days);
            assert_eq!((s.current, s.best, s.freezes), (current, best, freezes), "{days:?}");
        }
    }

    #[test]
    fn freezes_cap_at_two_and_cover_missed_days() {
        let days: Vec<i32> = (1..=21).collect();
        let (mut s, _) = run(&days);
        assert_eq!(s.freezes, MAX_FREEZES);
        assert_eq!(s.goal_met(LocalDay(24)), StreakChange::Extended { current: 22, freezes_used: 2, freeze_earned: false });
        assert_eq!(s.freezes, 0);
        assert_eq!(s.goal_met(LocalDay(24)), StreakChange::Unchanged { current: 22 });
        assert!(matches!(s.goal_met(LocalDay(26)), StreakChange::Restarted { away_days: 1, can_repair: true }));
        assert!(matches!(s.goal_met(LocalDay(27)), StreakChange::Repaired { current: 24, .. }));
    }

    #[test]
    fn changes_are_celebrated_kindly() {
        let table = [
            (StreakChange::Started { current: 1 }, Some("A new streak begins!")),
            (StreakChange::Extended { current: 4, freezes_used: 0, freeze_earned: false }, Some("4 days in a row!")),
            (StreakChange::Extended { current: 7, freezes_used: 0, freeze_earned: true }, Some("7 days in a row! You earned a streak freeze.")),
            (StreakChange::Repaired { current: 9, freeze_earned: false }, Some("Your streak is back: 9 days!")),
            (StreakChange::Restarted { away_days: 2, can_repair: true }, Some("Welcome back! Meet your goal tomorrow too to bring your streak back.")),
            (StreakChange::Restarted { away_days: 20, can_repair: false }, Some("Welcome back! A new streak begins.")),
            (StreakChange::Unchanged { current: 3 }, None),
        ];
        for (change, en) in table {
            let c = change.celebration();
            assert_eq!(c.as_ref().map(|b| b.en.as_str()), en);
            assert!(c.is_none_or(|b| !b.es.is_empty() && b.es != b.en));
        }
    }

    #[test]
    fn view_table() {
        let (s, _) = run(&[1, 2, 3, 4, 5, 6, 7]); // one freeze held
        let at = |day: i32| Timestamp(day as i64 * crate::time::MS_PER_DAY + 3_600_000);
        let table = [
            (7, 7, StreakStatus::Active { met_today: true, freezes_needed: 0 }),
            (8, 7, StreakStatus::Active { met_today: false, freezes_needed: 0 }),
            (9, 7, StreakStatus::Active { met_today: false, freezes_needed: 1 }),
            (10, 0, StreakStatus::Resting { length: 7 }),
            (30, 0, StreakStatus::FreshStart),
            (3, 7, StreakStatus::Active { met_today: false, freezes_needed: 0 }),
        ];
        for (day, current, status) in table {
            let v = streak_view(&s, at(day), 0);
            assert_eq!((v.current, v.status), (current, status), "day {day}");
        }
        let (r, _) = run(&[1, 2, 3, 6]);
        assert_eq!(streak_view(&r, at(7), 0).status, StreakStatus::Repairing { length: 3 });
        assert_eq!(streak_view(&Streak::default(), at(7), 0).status, StreakStatus::NotStarted);
    }

    #[test]
    fn notices_never_shame_and_come_in_both_languages() {
        let statuses = [
            StreakStatus::NotStarted,
            StreakStatus::Active { met_today: false, freezes_needed: 0 },
            StreakStatus::Active { met_today: false, freezes_needed: 1 },
            StreakStatus::Resting { length: 4 },
            StreakStatus::Repairing { length: 4 },
            StreakStatus::FreshStart,
        ];
        for status in statuses {
            let n = StreakView { current: 4, best: 4, freezes: 0, status }.notice().unwrap();
            for text in [&n.en, &n.es] {
                let lower = text.to_lowercase();
                for word in ["lost", "fail", "lazy", "broke", "perdiste", "fallaste", "shame", "only"] {
                    assert!(!lower.contains(word), "{text}");
                }
            }
            assert_ne!(n.en, n.es);
        }
        let resting = StreakView { current: 0, best: 4, freezes: 0, status: StreakStatus::Resting { length: 4 } };
        assert_eq!(resting.notice().unwrap().en, "Welcome back! Your streak is resting; meet your goal today and tomorrow to bring it back.");
    }
}
