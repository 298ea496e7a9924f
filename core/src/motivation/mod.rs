//! Motivation that helps learning: XP and levels (`xp`), the learner's daily goal and the
//! opt-in family goal (`goal`), the forgiving streak (`streak`), badges (`badges`) and their
//! Open Badges 3.0 export (`open_badge`). No rankings, nothing to buy, no shaming texts.
//!
//! Owns the "motivation" section of a learner's record. Must not import the engine's
//! types (the integrator maps engine events to `MotivationEvent`), nor read a clock.

pub mod badges;
pub mod goal;
pub mod open_badge;
pub mod stored;
pub mod streak;
pub mod xp;

pub use badges::{badge_catalog, evaluate_badges, BadgeAward, BadgeEvaluation, BadgeFamily, BadgeProgress, BadgeStatus, HistorySummary, BADGES};
pub use goal::{family_progress, today_progress, DailyGoal, DayTally, FamilyGoal, FamilyProgress, GoalProgress};
pub use open_badge::open_badge_credential;
pub use streak::{streak_view, Streak, StreakChange, StreakStatus, StreakView};
pub use xp::{level_progress, LevelProgress};

use crate::attempt::Attempt;
use crate::error::UserMessage;
use crate::{Lang, LocalDay, SkillId, Timestamp};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Why a motivation setting was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MotivationError {
    /// Daily goals are 5, 10, 15 or 20 minutes, or 10..=500 XP.
    BadGoal(DailyGoal),
    /// Family goals are 10..=3000 minutes a week.
    BadFamilyGoal(u32),
}

impl UserMessage for MotivationError {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            // Points, as the app calls XP everywhere a learner reads it.
            (MotivationError::BadGoal(g), Lang::En) => {
                let g = match g {
                    DailyGoal::Minutes(m) => format!("{m} minutes"),
                    DailyGoal::Xp(x) => format!("{x} points"),
                };
                format!("A daily goal of {g} is not one of the choices: 5, 10, 15 or 20 minutes, or 10 to 500 points.")
            }
            (MotivationError::BadGoal(g), Lang::Es) => {
                let g = match g {
                    DailyGoal::Minutes(m) => format!("{m} minutos"),
                    DailyGoal::Xp(x) => format!("{x} puntos"),
                };
                format!("Una meta diaria de {g} no es una de las opciones: 5, 10, 15 o 20 minutos, o de 10 a 500 puntos.")
            }
            (MotivationError::BadFamilyGoal(m), Lang::En) => format!("A family goal of {m} minutes a week is not possible; choose 10 to 3000."),
            (MotivationError::BadFamilyGoal(m), Lang::Es) => format!("Una meta familiar de {m} minutos por semana no es posible; elige de 10 a 3000."),
        }
    }
}

/// A text in both languages, for the UI to show and announce.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bilingual {
    pub en: String,
    pub es: String,
}

impl Bilingual {
    pub fn new(en: impl Into<String>, es: impl Into<String>) -> Self {
        Bilingual { en: en.into(), es: es.into() }
    }
    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.en, &self.es)
    }
}

/// A skill's mastery level changed. `level`: 0 not started .. 4 mastered.
#[derive(Debug, Clone, PartialEq)]
pub struct MasteryEvent {
    pub skill: SkillId,
    pub level: u8,
    pub at: Timestamp,
}

/// A scheduled review was done; `on_time` when done by its due day.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewDone {
    pub skill: SkillId,
    pub on_time: bool,
    pub at: Timestamp,
}

/// What the app tells this module. Each event has an identity (kind + time + skill):
/// the same event given twice changes nothing the second time.
#[derive(Debug, Clone, PartialEq)]
pub enum MotivationEvent {
    Answered(Attempt),
    Mastery(MasteryEvent),
    Review(ReviewDone),
    /// A reflection of `words` words was written.
    Reflection { at: Timestamp, words: usize },
    ReadAloudUsed { at: Timestamp },
    /// The learner chose a daily goal (apply it with `set_goal`).
    GoalSet { at: Timestamp },
    /// A practice session ended; a session ending before it started counts as zero long.
    SessionEnded { started: Timestamp, ended: Timestamp, items: u32 },
}

/// What one skill has done, as far as motivation cares.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SkillTally {
    /// Highest mastery level reached, 0..=4 (4 = mastered).
    pub best: u8,
    pub answered: u32,
    /// Wrong answers before the skill was first mastered.
    pub early_wrong: u32,
}

/// Running counts the badges read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Counters {
    pub items: u32,
    pub correct_after_hint: u32,
    pub sessions: u32,
    pub reviews_on_time: u32,
    pub reflections: u32,
    pub long_reflections: u32,
    pub read_aloud: u32,
    pub goals_set: u32,
    pub goal_days: u32,
    pub comebacks: u32,
    pub repairs: u32,
    pub freezes_used: u32,
}

/// How many recent event identities are remembered to refuse double awards.
pub const SEEN_CAPACITY: usize = 512;
/// Days of per-day tallies kept (enough for week-over-week and the family week).
pub const DAYS_KEPT: i32 = 35;

/// The "motivation" section of a learner's record. Tolerant on read: every field defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MotivationState {
    pub xp: u64,
    pub goal: DailyGoal,
    /// Per local day, oldest first, at most `DAYS_KEPT` days back from the newest.
    pub days: Vec<DayTally>,
    pub streak: Streak,
    pub skills: BTreeMap<SkillId, SkillTally>,
    pub counters: Counters,
    /// Badge id -> when it was earned.
    pub badges: BTreeMap<String, Timestamp>,
    /// Identities (53-bit hashes) of recent events, newest last.
    pub seen: Vec<u64>,
}

impl Default for MotivationState {
    fn default() -> Self {
        MotivationState {
            xp: 0,
            goal: DailyGoal::Minutes(10),
            days: Vec::new(),
            streak: Streak::default(),
            skills: BTreeMap::new(),
            counters: Counters::default(),
            badges: BTreeMap::new(),
            seen: Vec::new(),
        }
    }
}

/// A level reached, with its celebration.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelUp {
    pub level: u32,
    pub title: Bilingual,
    pub message: Bilingual,
}

/// What one event changed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    /// The event was seen before: nothing changed.
    pub duplicate: bool,
    pub xp_gained: u32,
    pub level_up: Option<LevelUp>,
    /// Today's goal became met with this event.
    pub goal_met: bool,
    pub streak: Option<StreakChange>,
}

impl Outcome {
    /// Short texts to celebrate and announce (level-up, goal met, streak), in order.
    pub fn announcements(&self) -> Vec<Bilingual> {
        let mut out = Vec::new();
        if let Some(l) = &self.level_up {
            out.push(l.title.clone());
        }
        if self.goal_met {
            out.push(Bilingual::new("You met today's goal!", "¡Cumpliste la meta de hoy!"));
        }
        if let Some(text) = self.streak.and_then(|c| c.celebration()) {
            out.push(text);
        }
        out
    }
}

impl MotivationState {
    /// Changes the daily goal (any time). Today's goal counts as met at once if the new
    /// target is already reached.
    pub fn set_goal(&mut self, goal: DailyGoal, now: Timestamp, offset_minutes: i32) -> Result<Outcome, MotivationError> {
        let goal = goal.validated()?;
        self.goal = goal;
        let mut out = Outcome::default();
        self.check_goal(now.local_day(offset_minutes), &mut out);
        Ok(out)
    }

    /// Records one event. `offset_minutes` is the UTC offset in force at the event's instant.
    pub fn record(&mut self, event: &MotivationEvent, offset_minutes: i32) -> Outcome {
        let mut out = Outcome::default();
        if !self.remember(event_identity(event)) {
            out.duplicate = true;
            return out;
        }
        let level_before = level_progress(self.xp).level;
        let (at, xp) = match event {
            MotivationEvent::Answered(a) => (a.at, self.on_answer(a, offset_minutes)),
            MotivationEvent::Mastery(m) => (m.at, self.on_mastery(m)),
            MotivationEvent::Review(r) => {
                self.counters.reviews_on_time += r.on_time as u32;
                (r.at, xp::review_xp(r.on_time))
            }
            MotivationEvent::Reflection { at, words } => {
                let today = self.day_mut(at.local_day(offset_minutes));
                let xp = if today.reflections < xp::REFLECTIONS_REWARDED_PER_DAY { xp::reflection_xp(*words) } else { 0 };
                if *words > 0 {
                    today.reflections += 1;
                    self.counters.reflections += 1;
                    self.counters.long_reflections += (*words >= xp::LONG_REFLECTION_WORDS) as u32;
                }
                (*at, xp)
            }
            MotivationEvent::ReadAloudUsed { at } => {
                self.counters.read_aloud += 1;
                (*at, 0)
            }
            MotivationEvent::GoalSet { at } => {
                self.counters.goals_set += 1;
                (*at, 0)
            }
            MotivationEvent::SessionEnded { ended, .. } => {
                self.counters.sessions += 1;
                (*ended, 0)
            }
        };
        let day = at.local_day(offset_minutes);
        if xp > 0 {
            self.xp = self.xp.saturating_add(xp as u64);
            let tally = self.day_mut(day);
            tally.xp = tally.xp.saturating_add(xp);
            out.xp_gained = xp;
        }
        let lp = level_progress(self.xp);
        if lp.level > level_before {
            out.level_up = Some(xp::level_up(lp.level));
        }
        self.check_goal(day, &mut out);
        out
    }

    fn on_answer(&mut self, a: &Attempt, offset_minutes: i32) -> u32 {
        let tally = self.skills.entry(a.skill.clone()).or_default();
        tally.answered = tally.answered.saturating_add(1);
        if !a.correct && tally.best < 4 {
            tally.early_wrong = tally.early_wrong.saturating_add(1);
        }
        self.counters.items = self.counters.items.saturating_add(1);
        if a.correct && a.hints_used > 0 {
            self.counters.correct_after_hint += 1;
        }
        let day = self.day_mut(a.at.local_day(offset_minutes));
        day.ms = day.ms.saturating_add(goal::item_ms(a.response_ms));
        day.answered += 1;
        day.correct += a.correct as u32;
        xp::answer_xp(a)
    }

    fn on_mastery(&mut self, m: &MasteryEvent) -> u32 {
        let level = m.level.min(4);
        let tally = self.skills.entry(m.skill.clone()).or_default();
        if level <= tally.best {
            return 0;
        }
        let xp = (tally.best + 1..=level).map(xp::mastery_bonus).sum();
        tally.best = level;
        xp
    }

    fn check_goal(&mut self, day: LocalDay, out: &mut Outcome) {
        let goal = self.goal;
        // A day older than the kept window (clock set far back) was forgotten: it cannot
        // be counted as a goal day again.
        let newest = self.days.last().map_or(day.0, |d| d.day.0);
        if day.0 <= newest - DAYS_KEPT {
            return;
        }
        let Some(tally) = self.days.iter_mut().find(|d| d.day == day) else { return };
        if tally.met || goal.done(tally) < goal.target() {
            return;
        }
        tally.met = true;
        self.counters.goal_days += 1;
        out.goal_met = true;
        let change = self.streak.goal_met(day);
        match change {
            StreakChange::Repaired { .. } => self.counters.repairs += 1,
            StreakChange::Extended { freezes_used, .. } => self.counters.freezes_used += freezes_used,
            StreakChange::Restarted { away_days, .. } if away_days >= streak::COMEBACK_AWAY_DAYS => self.counters.comebacks += 1,
            _ => {}
        }
        out.streak = Some(change);
    }

    /// The tally for a local day, created if missing; days older than `DAYS_KEPT` before
    /// the newest are dropped (never the day asked for).
    fn day_mut(&mut self, day: LocalDay) -> &mut DayTally {
        if !self.days.iter().any(|d| d.day == day) {
            let at = self.days.iter().position(|d| d.day > day).unwrap_or(self.days.len());
            self.days.insert(at, DayTally { day, ..DayTally::default() });
        }
        let newest = self.days.last().map_or(day.0, |d| d.day.0);
        self.days.retain(|d| d.day.0 > newest - DAYS_KEPT || d.day == day);
        let p = self.days.iter().position(|d| d.day == day).unwrap_or(0);
        // The day was inserted above and kept by `retain`, so `p` is in range.
        &mut self.days[p]
    }

    /// False when the identity was already seen.
    fn remember(&mut self, id: u64) -> bool {
        if self.seen.contains(&id) {
            return false;
        }
        self.seen.push(id);
        if self.seen.len() > SEEN_CAPACITY {
            let extra = self.seen.len() - SEEN_CAPACITY;
            self.seen.drain(..extra);
        }
        true
    }
}

/// A 53-bit FNV-1a hash of the event's kind, time(s) and skill (53 bits survive JSON in any reader).
pub fn event_identity(event: &MotivationEvent) -> u64 {
    let (kind, a, b, skill): (u8, i64, i64, &str) = match event {
        MotivationEvent::Answered(x) => (b'a', x.at.0, 0, x.skill.as_str()),
        MotivationEvent::Mastery(m) => (b'm', m.level as i64, 0, m.skill.as_str()),
        MotivationEvent::Review(r) => (b'r', r.at.0, 0, r.skill.as_str()),
        MotivationEvent::Reflection { at, .. } => (b'f', at.0, 0, ""),
        MotivationEvent::ReadAloudUsed { at } => (b'l', at.0, 0, ""),
        MotivationEvent::GoalSet { at } => (b'g', at.0, 0, ""),
        MotivationEvent::SessionEnded { started, ended, .. } => (b's', started.0, ended.0, ""),
    };
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let bytes = [kind].into_iter().chain(a.to_le_bytes()).chain(b.to_le_bytes()).chain(skill.bytes());
    for byte in bytes {
        h ^= byte as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h & ((1u64 << 53) - 1)
}

#[cfg(test)]
mod tests;
