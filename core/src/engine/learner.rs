//! One learner's model: the state of each skill, the difficulty of each item family, and
//! how an answer changes them. Mutations return what changed.

use super::mastery::{LevelChange, MasteryLevel, MasteryReason};
use super::model::{EngineParams, expected, level_prior, score, sigmoid, step};
use super::review::{Rating, ReviewCard, Scheduler};
use crate::attempt::{Attempt, PracticeMode};
use crate::graph::SkillGraph;
use crate::time::{LocalDay, Timestamp};
use crate::SkillId;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the model knows about one skill. Compact: it is stored after every answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct SkillState {
    /// Ability estimate on the logit scale.
    #[serde(rename = "t")]
    pub theta: f64,
    /// Answers seen.
    #[serde(rename = "n")]
    pub answers: u32,
    #[serde(rename = "c")]
    pub correct: u32,
    /// The last (up to) 8 results, newest in bit 0 (1 = correct).
    #[serde(rename = "r", default)]
    pub recent: u8,
    /// How many of `recent` are filled, 0..=8.
    #[serde(rename = "rn", default)]
    pub recent_len: u8,
    /// Distinct local days with a correct answer at level 4 or 5 (the latest 3).
    #[serde(rename = "hd", default)]
    pub hard_days: Vec<LocalDay>,
    /// Correct answers in mixed practice or reviews.
    #[serde(rename = "mx", default)]
    pub mixed_correct: u32,
    #[serde(rename = "l", default)]
    pub level: MasteryLevel,
    #[serde(rename = "why", default)]
    pub reason: MasteryReason,
    /// The spaced-review card, once mastered.
    #[serde(rename = "rv", default, skip_serializing_if = "Option::is_none")]
    pub review: Option<ReviewCard>,
    #[serde(rename = "at", default, skip_serializing_if = "Option::is_none")]
    pub last_at: Option<Timestamp>,
    /// Distinct local days this skill was practised on (saturating), for the memory estimate.
    #[serde(rename = "d", default, skip_serializing_if = "is_zero")]
    pub days: u16,
}

fn is_zero(v: &u16) -> bool {
    *v == 0
}

/// The chance a skill is still remembered after `away_days` without practice: from its
/// FSRS card when it has one, otherwise from a stability that doubles with each distinct
/// day of practice (about 3 days after one day, 12 after three), in 0.0..=1.0.
pub fn recall(state: &SkillState, at: Timestamp, scheduler: &Scheduler) -> f64 {
    if let Some(card) = &state.review {
        return scheduler.retrievability(card, at).clamp(0.0, 1.0);
    }
    let Some(last) = state.last_at else { return 1.0 };
    let away = at.days_since(last);
    let stability = 1.5 * 2f64.powi(state.days.clamp(1, 10) as i32);
    (-away / stability).exp()
}

/// The lowest predicted success after forgetting (a guess).
const FORGOT_FLOOR: f64 = 0.1;

impl SkillState {
    /// Misses among the last `k` answers.
    pub fn recent_misses(&self, k: u8) -> u8 {
        let k = k.min(self.recent_len);
        (0..k).filter(|i| self.recent & (1 << i) == 0).count() as u8
    }
}

/// The whole model for one learner (stored as the "model" section of their record).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct LearnerModel {
    #[serde(default)]
    pub skills: BTreeMap<SkillId, SkillState>,
    /// Difficulty offset per item family "skill/level" (added to the level's prior).
    #[serde(default)]
    pub family: BTreeMap<String, (f64, u32)>,
    #[serde(default)]
    pub answers: u32,
    /// The skill of the last answer (to tell blocked from mixed practice).
    #[serde(default)]
    pub last_skill: Option<SkillId>,
}

/// What one answer changed.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordOutcome {
    pub skill: SkillId,
    /// Predicted chance of success before the answer.
    pub predicted: f64,
    pub ability_before: f64,
    pub ability_after: f64,
    pub level_change: Option<LevelChange>,
    /// A review was done (and when the next is due).
    pub next_review: Option<Timestamp>,
}

fn family_key(skill: &SkillId, level: u8) -> String {
    format!("{skill}/{level}")
}

impl LearnerModel {
    pub fn skill(&self, id: &SkillId) -> Option<&SkillState> {
        self.skills.get(id)
    }

    pub fn level_of(&self, id: &SkillId) -> MasteryLevel {
        self.skills.get(id).map(|s| s.level).unwrap_or_default()
    }

    /// Difficulty of a skill's item at a level.
    pub fn difficulty(&self, skill: &SkillId, level: u8) -> f64 {
        level_prior(level) + self.family.get(&family_key(skill, level)).map(|f| f.0).unwrap_or(0.0)
    }

    /// Ability on a skill; an untried skill borrows from its prerequisites (half of their
    /// mean ability), so a learner strong on the way in starts a little ahead.
    pub fn ability(&self, graph: &SkillGraph, skill: &SkillId) -> f64 {
        if let Some(s) = self.skills.get(skill).filter(|s| s.answers > 0 || s.theta != 0.0) {
            return s.theta;
        }
        let Some(i) = graph.index_of(skill) else { return 0.0 };
        let pre = graph.prerequisites(i);
        if pre.is_empty() {
            return 0.0;
        }
        let sum: f64 = pre.iter().filter_map(|&p| graph.node(p)).map(|n| self.skills.get(&n.id).map(|s| s.theta).unwrap_or(0.0)).sum();
        0.5 * sum / pre.len() as f64 - 0.5
    }

    /// The calibrated chance of answering an item of this skill and level correctly.
    pub fn predict(&self, graph: &SkillGraph, skill: &SkillId, level: u8) -> f64 {
        sigmoid(self.ability(graph, skill) - self.difficulty(skill, level))
    }

    /// Learns from one answer; returns what changed.
    pub fn record(&mut self, graph: &SkillGraph, a: &Attempt, params: &EngineParams, utc_offset_minutes: i32, scheduler: &Scheduler) -> RecordOutcome {
        let fluency = graph.index_of(&a.skill).and_then(|i| graph.node(i)).map(|n| n.fluency).unwrap_or(false);
        let theta0 = self.ability(graph, &a.skill);
        let fkey = family_key(&a.skill, a.level);
        let (offset, fam_n) = self.family.get(&fkey).copied().unwrap_or((0.0, 0));
        let beta = level_prior(a.level) + offset;
        // Calibrated for time away: what was known may have been forgotten since.
        let r = self.skills.get(&a.skill).map(|s| recall(s, a.at, scheduler)).unwrap_or(1.0);
        let predicted = FORGOT_FLOOR + (sigmoid(theta0 - beta) - FORGOT_FLOOR) * r;
        let s = score(a, fluency, params);
        let e = expected(theta0 - beta, fluency);
        let state = self.skills.entry(a.skill.clone()).or_default();
        if state.answers == 0 {
            state.theta = theta0;
        }
        // Uncertainty-scaled step: settles with evidence (capped, so the estimate can follow
        // a learner who suddenly gets it) and opens up again after time away.
        let away_days = state.last_at.map(|t| a.at.days_since(t).max(0.0)).unwrap_or(0.0);
        let n_eff = (state.answers.min(12) as f64 - away_days / 7.0).max(0.0) as u32;
        // A run of answers all on the same side (the last three right, or wrong, this one
        // included) means the estimate is lagging: widen the step (as uncertainty rises in
        // Math Garden when results keep surprising).
        let same_run = state.recent_len >= 2 && {
            let last2 = state.recent & 0b11;
            if a.correct { last2 == 0b11 } else { last2 == 0 }
        };
        let k_theta = step(n_eff, 1.2, 0.3) * if same_run { 3.0 } else { 1.0 };
        let k_beta = step(fam_n, 0.3, 0.03);
        let delta = s - e;
        state.theta = (state.theta + k_theta * delta).clamp(-6.0, 6.0);
        self.family.insert(fkey, ((offset - k_beta * delta).clamp(-3.0, 3.0), fam_n.saturating_add(1)));

        state.answers += 1;
        state.recent = (state.recent << 1) | a.correct as u8;
        state.recent_len = (state.recent_len + 1).min(8);
        if a.correct {
            state.correct += 1;
            if a.level >= 4 {
                let day = a.at.local_day(utc_offset_minutes);
                if !state.hard_days.contains(&day) {
                    state.hard_days.push(day);
                    state.hard_days.sort();
                    if state.hard_days.len() > 3 {
                        state.hard_days.remove(0);
                    }
                }
            }
            if matches!(a.mode, PracticeMode::Mixed | PracticeMode::Review) && a.level >= 3 {
                state.mixed_correct += 1;
            }
        }
        let today = a.at.local_day(utc_offset_minutes);
        if state.last_at.is_none_or(|t| t.local_day(utc_offset_minutes) != today) {
            state.days = state.days.saturating_add(1);
        }
        state.last_at = Some(a.at);

        // Spaced review for mastered skills.
        let mut next_review = None;
        let mut forgot = false;
        if let Some(card) = state.review {
            let rating = if !a.correct {
                Rating::Again
            } else if a.hints_used > 0 {
                Rating::Hard
            } else if fluency && a.response_ms < 4_000 {
                Rating::Easy
            } else {
                Rating::Good
            };
            let was_due = scheduler.is_due(&card, a.at) || a.mode == PracticeMode::Review;
            if was_due {
                let updated = scheduler.review(&card, rating, a.at);
                next_review = Some(updated.due);
                state.review = Some(updated);
                forgot = rating == Rating::Again;
            }
        }

        let theta = state.theta;
        let from = state.level;
        let (to, reason) = decide_level(state, theta, |lvl| level_prior(lvl), forgot);
        let mut level_change = None;
        if to != from {
            state.level = to;
            state.reason = reason;
            if to == MasteryLevel::Mastered && state.review.is_none() {
                let card = scheduler.review(&ReviewCard::new(a.at), Rating::Good, a.at);
                next_review = Some(card.due);
                state.review = Some(card);
            }
            if to < MasteryLevel::Proficient {
                state.review = None;
            }
            level_change = Some(LevelChange { skill: a.skill.clone(), from, to, reason });
        }
        self.answers += 1;
        self.last_skill = Some(a.skill.clone());
        RecordOutcome { skill: a.skill.clone(), predicted, ability_before: theta0, ability_after: theta, level_change, next_review }
    }

    /// Sets a skill as placed (known) without pretending it is mastered.
    pub fn place_known(&mut self, skill: &SkillId, theta: f64) -> Option<LevelChange> {
        let s = self.skills.entry(skill.clone()).or_default();
        s.theta = s.theta.max(theta);
        if s.level < MasteryLevel::Proficient {
            let from = s.level;
            s.level = MasteryLevel::Proficient;
            s.reason = MasteryReason::PlacedHere;
            return Some(LevelChange { skill: skill.clone(), from, to: MasteryLevel::Proficient, reason: MasteryReason::PlacedHere });
        }
        None
    }
}

/// The mastery rules. Levels move up one rule at a time and come down on evidence.
fn decide_level(s: &SkillState, theta: f64, prior: impl Fn(u8) -> f64, forgot: bool) -> (MasteryLevel, MasteryReason) {
    let p = |lvl: u8| sigmoid(theta - prior(lvl));
    let cur = s.level;
    // Evidence of forgetting demotes.
    if cur == MasteryLevel::Mastered && (forgot || s.recent_misses(3) >= 2) {
        return (MasteryLevel::Proficient, MasteryReason::ForgotOnReview);
    }
    if cur >= MasteryLevel::Familiar && s.recent_len >= 4 && s.recent_misses(4) >= 3 {
        let down = if cur == MasteryLevel::Mastered { MasteryLevel::Proficient } else { MasteryLevel::Practising };
        return (down.min(cur), MasteryReason::RecentMisses);
    }
    if cur == MasteryLevel::Mastered {
        return (cur, s.reason);
    }
    let mastered = p(4) >= 0.8 && s.hard_days.len() >= 3 && s.mixed_correct >= 2 && s.answers >= 10 && s.recent_misses(4) <= 1;
    let proficient = p(3) >= 0.75 && s.answers >= 4 && s.recent_len >= 4 && s.recent_misses(4) == 0;
    let familiar = p(2) >= 0.7 && s.answers >= 3;
    if mastered {
        (MasteryLevel::Mastered, MasteryReason::MasteredRule)
    } else if proficient && cur < MasteryLevel::Proficient {
        (MasteryLevel::Proficient, MasteryReason::ProficientRule)
    } else if familiar && cur < MasteryLevel::Familiar {
        (MasteryLevel::Familiar, MasteryReason::FamiliarRule)
    } else if cur == MasteryLevel::NotStarted && s.answers > 0 {
        (MasteryLevel::Practising, MasteryReason::Started)
    } else {
        (cur, s.reason)
    }
}
