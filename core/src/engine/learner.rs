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
    #[serde(rename = "t", serialize_with = "super::stored::f64_4")]
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
    /// The chance the skill is known (latent knowledge, as in Bayesian knowledge tracing),
    /// in 0.0..=1.0, as of `last_at`. Absent in data saved before it existed: then read
    /// from the level (`known_chance`).
    #[serde(rename = "k", default, skip_serializing_if = "Option::is_none", serialize_with = "super::stored::opt_f32_3")]
    pub known: Option<f32>,
}

fn is_zero(v: &u16) -> bool {
    *v == 0
}

/// The chance a skill is still remembered after `away_days` without practice: from its
/// FSRS card when it has one (the square root of the card's retrievability: a skill
/// practised to mastery is forgotten more slowly than a flashcard, and a miss on review
/// tells the model soon enough), otherwise from a stability that doubles with each
/// distinct day of practice (about 9 days after one day, 36 after three), in 0.0..=1.0.
/// Both calibrated against the simulator's answers (`bin/simulate`).
pub fn recall(state: &SkillState, at: Timestamp, scheduler: &Scheduler) -> f64 {
    if let Some(card) = &state.review {
        return scheduler.retrievability(card, at).clamp(0.0, 1.0).sqrt();
    }
    let Some(last) = state.last_at else { return 1.0 };
    let away = at.days_since(last);
    let stability = 4.5 * 2f64.powi(state.days.clamp(1, 10) as i32);
    (-away / stability).exp()
}

/// The chance of a right answer on a skill that is not known (a guess).
pub const GUESS: f64 = 0.15;
/// A known skill is answered right at least this often, however hard the item.
const KNOWN_FLOOR: f64 = 0.6;
/// The chance that practising an unknown skill with feedback makes it known.
const LEARN: f64 = 0.12;
/// Answers worked out without knowing take longer: about e^0.8 (2.2 times) the learner's
/// own pace on what they know, with a spread of 0.5 on the log scale.
const SLOW_LOG: f64 = 0.8;
const PACE_SD: f64 = 0.5;
/// The most one answer's time can shift the odds that the skill is known.
const PACE_ODDS_MAX: f64 = 6.0;

/// Rounded to three decimals, for storage.
fn thousandths(x: f64) -> f32 {
    ((x * 1000.0).round() / 1000.0) as f32
}

/// The chance of a right answer from the chance the skill is known and the chance of a
/// right answer when it is known.
pub fn mix(known: f64, when_known: f64) -> f64 {
    mix_guess(known, when_known, GUESS)
}

/// [`mix`] with a given chance of guessing right.
pub fn mix_guess(known: f64, when_known: f64, guess: f64) -> f64 {
    known * when_known.max(KNOWN_FLOOR) + (1.0 - known) * guess
}

/// Answers on a skill below this chance known count toward the learner's guessing rate.
const GUESS_RATE_BELOW: f64 = 0.2;

impl SkillState {
    /// The chance the skill is known as of the last answer, in 0.0..=1.0; for data saved
    /// before it was tracked, read from the level.
    pub fn known_chance(&self) -> f64 {
        match self.known {
            Some(k) => (k as f64).clamp(0.0, 1.0),
            None => match self.level {
                MasteryLevel::Mastered | MasteryLevel::Proficient => 0.95,
                MasteryLevel::Familiar => 0.7,
                MasteryLevel::Practising => 0.4,
                MasteryLevel::NotStarted => PRIOR_KNOWN,
            },
        }
    }

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
    #[serde(default, serialize_with = "super::stored::family", deserialize_with = "super::stored::family_de")]
    pub family: BTreeMap<String, (f64, u32)>,
    #[serde(default)]
    pub answers: u32,
    /// The skill of the last answer (to tell blocked from mixed practice).
    #[serde(default)]
    pub last_skill: Option<SkillId>,
    /// The learner's pace on what they know: the mean natural log of the milliseconds a
    /// right answer on a likely-known skill takes (absent until there is one).
    #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "super::stored::opt_f32_3")]
    pub pace: Option<f32>,
    /// How often this learner answers right on skills they very likely know, per level
    /// 1..=5 (slips and item difficulty as they really are for them), in 0.0..=1.0.
    #[serde(rename = "kr", default, skip_serializing_if = "Option::is_none", serialize_with = "super::stored::opt_f32x5_3")]
    pub known_rate: Option<[f32; 5]>,
    /// How often this learner answers right on skills they very likely don't know (their
    /// own guessing rate), in 0.0..=1.0; absent until there is such an answer.
    #[serde(rename = "gr", default, skip_serializing_if = "Option::is_none", serialize_with = "super::stored::opt_f32_3")]
    pub guess_rate: Option<f32>,
}

/// What `known_rate` starts from: known skills are answered right about 85% of the time.
const KNOWN_RATE_START: f32 = 0.85;
/// How much of the chance of a right answer on a known skill comes from the learner's own
/// rate at that level (the rest from ability against difficulty).
const KNOWN_RATE_WEIGHT: f64 = 0.7;

/// The chance an untried skill is known before any answer.
const PRIOR_KNOWN: f64 = 0.3;

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

    /// The chance the skill is known (before time away is taken into account).
    pub fn known_chance(&self, skill: &SkillId) -> f64 {
        self.skills.get(skill).map(|s| s.known_chance()).unwrap_or(PRIOR_KNOWN)
    }

    /// The calibrated chance of answering an item of this skill and level correctly: if the
    /// skill is known, from ability against difficulty; if not, a guess.
    pub fn predict(&self, graph: &SkillGraph, skill: &SkillId, level: u8) -> f64 {
        mix_guess(self.known_chance(skill), self.when_known(self.ability(graph, skill) - self.difficulty(skill, level), level), self.guess())
    }

    /// The chance of a right answer on a skill this learner does not know: their own rate
    /// once there are answers to go on, [`GUESS`] before.
    pub fn guess(&self) -> f64 {
        self.guess_rate.map(|g| g as f64).unwrap_or(GUESS).clamp(0.02, 0.5)
    }

    /// The chance of a right answer if the skill is known, for ability minus difficulty `z`
    /// at `level`: mostly the learner's own rate at that level, nudged by ability.
    pub fn when_known(&self, z: f64, level: u8) -> f64 {
        let elo = sigmoid(z);
        let Some(rate) = self.known_rate else { return elo };
        let r = rate[(level.clamp(1, 5) - 1) as usize] as f64;
        KNOWN_RATE_WEIGHT * r + (1.0 - KNOWN_RATE_WEIGHT) * elo
    }

    /// How much this answer's time shifts the odds that the skill is known: above 1 when it
    /// is quick for this learner, below 1 when slow; 1 without a pace yet, with hints, or
    /// without a time.
    pub fn pace_odds(&self, a: &Attempt) -> f64 {
        let Some(pace) = self.pace else { return 1.0 };
        if a.hints_used > 0 || a.response_ms == 0 {
            return 1.0;
        }
        let z = (a.response_ms as f64).ln() - pace as f64;
        let log_odds = ((z - SLOW_LOG).powi(2) - z.powi(2)) / (2.0 * PACE_SD * PACE_SD);
        log_odds.exp().clamp(1.0 / PACE_ODDS_MAX, PACE_ODDS_MAX)
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
        let when_known = self.when_known(theta0 - beta, a.level).max(KNOWN_FLOOR);
        let known0 = self.known_chance(&a.skill) * r;
        let guess = self.guess();
        let predicted = mix_guess(known0, when_known, guess);
        // Knowledge tracing: how likely the skill was known, given this answer and its time.
        let pace_odds = self.pace_odds(a);
        let (lk, lu) = if a.correct { (when_known, guess) } else { (1.0 - when_known, 1.0 - guess) };
        let post_odds = known0 * lk * pace_odds / ((1.0 - known0) * lu).max(1e-9);
        let known_post = post_odds / (1.0 + post_odds);
        // Practice with feedback may teach it.
        let known1 = (known_post + (1.0 - known_post) * if a.hints_used > 0 { LEARN * 1.5 } else { LEARN }).clamp(0.001, 0.999);
        if a.correct && a.hints_used == 0 && a.response_ms > 0 && known_post >= 0.7 {
            let t = (a.response_ms as f64).ln();
            self.pace = Some(match self.pace {
                Some(p) => thousandths(p as f64 + 0.1 * (t - p as f64)),
                None => thousandths(t),
            });
        }
        if known0 < GUESS_RATE_BELOW {
            let g = self.guess_rate.map(|g| g as f64).unwrap_or(GUESS);
            self.guess_rate = Some(thousandths(g + 0.05 * (a.correct as u8 as f64 - g)));
        }
        if known0 >= 0.9 {
            let mut rate = self.known_rate.unwrap_or([KNOWN_RATE_START; 5]);
            let k = (a.level.clamp(1, 5) - 1) as usize;
            rate[k] = thousandths(rate[k] as f64 + 0.05 * (a.correct as u8 as f64 - rate[k] as f64));
            self.known_rate = Some(rate);
        }
        let s = score(a, fluency, params);
        let e = expected(theta0 - beta, fluency);
        let state = self.skills.entry(a.skill.clone()).or_default();
        // Three decimals are plenty and keep the stored model small.
        state.known = Some(thousandths(known1));
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
        // Ability is how well the skill goes when known: an answer moves it as far as the
        // skill was likely known when given (a quick right answer more than a slow one).
        state.theta = (state.theta + k_theta * delta * known_post.max(0.1)).clamp(-6.0, 6.0);
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
                    crate::sorting::sort(&mut state.hard_days);
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
        let state_snapshot = state.clone();
        let (to, reason) = decide_level(&state_snapshot, |lvl| mix_guess(known1, self.when_known(theta - self.difficulty(&a.skill, lvl), lvl), guess), forgot);
        let state = self.skills.entry(a.skill.clone()).or_default();
        let mut level_change = None;
        if to != from {
            state.level = to;
            state.reason = reason;
            if to == MasteryLevel::Mastered && state.review.is_none() {
                let card = scheduler.review(&ReviewCard::new(a.at), Rating::Good, a.at);
                next_review = Some(card.due);
                state.review = Some(card);
            }
            // A skill that was mastered keeps its review card when it slips (even below
            // proficient): it stays in the review queue, so it is not lost from sight while
            // it is relearned, and its memory state carries on when it is mastered again.
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
        s.known = Some(s.known_chance().max(0.9) as f32);
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
/// `p(level)` is the model's chance of a right answer at that level now.
fn decide_level(s: &SkillState, p: impl Fn(u8) -> f64, forgot: bool) -> (MasteryLevel, MasteryReason) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Catalog;

    const T0: i64 = 1_790_000_000_000;

    fn att(skill: &str, correct: bool, ms: u32, k: i64) -> Attempt {
        Attempt {
            at: Timestamp(T0 + k * 60_000),
            skill: SkillId::parse(skill).expect("id"),
            level: 3,
            correct,
            response_ms: ms,
            hints_used: 0,
            mode: PracticeMode::Mixed,
        }
    }

    /// A model that has learned this learner's pace (about 4 s on what they know).
    fn paced(graph: &SkillGraph) -> LearnerModel {
        let mut m = LearnerModel::default();
        m.place_known(&SkillId::parse("add.within-10").expect("id"), 1.2);
        for k in 0..5 {
            m.record(graph, &att("add.within-10", true, 4_000, k), &EngineParams::default(), 0, &Scheduler::default());
        }
        m
    }

    #[test]
    fn a_fast_correct_answer_raises_ability_and_known_chance_more_than_a_slow_one() {
        let catalog = Catalog::builtin().expect("catalog");
        let g = catalog.graph();
        let skill = "frac.add-like";
        assert!(!g.node(g.index_of(&SkillId::parse(skill).expect("id")).expect("in graph")).expect("node").fluency);
        let (mut fast, mut slow) = (paced(g), paced(g));
        let p = EngineParams::default();
        let sch = Scheduler::default();
        let f = fast.record(g, &att(skill, true, 3_500, 10), &p, 0, &sch);
        let s = slow.record(g, &att(skill, true, 12_000, 10), &p, 0, &sch);
        assert!(f.ability_after > s.ability_after, "{} > {}", f.ability_after, s.ability_after);
        let id = SkillId::parse(skill).expect("id");
        assert!(fast.known_chance(&id) > slow.known_chance(&id) + 0.2, "{} vs {}", fast.known_chance(&id), slow.known_chance(&id));
        assert!(f.predicted == s.predicted, "the time only counts after the answer");
    }

    #[test]
    fn misses_lower_the_known_chance_and_the_prediction_toward_a_guess() {
        let catalog = Catalog::builtin().expect("catalog");
        let g = catalog.graph();
        let mut m = LearnerModel::default();
        let id = SkillId::parse("frac.add-like").expect("id");
        for k in 0..6 {
            m.record(g, &att("frac.add-like", false, 10_000, k), &EngineParams::default(), 0, &Scheduler::default());
        }
        // Not zero: each practised item may still teach it.
        assert!(m.known_chance(&id) < 0.3, "{}", m.known_chance(&id));
        assert!(m.predict(g, &id, 1) < 0.4, "{}", m.predict(g, &id, 1));
    }

    #[test]
    fn the_guessing_rate_follows_this_learners_answers_on_skills_they_do_not_know() {
        let catalog = Catalog::builtin().expect("catalog");
        let g = catalog.graph();
        // Slow answers (for this learner's pace) on skills they are learning: after the
        // first misses the skill is likely not known, and the answers count.
        let (mut lucky, mut unlucky) = (paced(g), paced(g));
        let skills = ["frac.add-like", "frac.add-unlike", "frac.unit"];
        for (k, skill) in skills.iter().enumerate() {
            for j in 0..8 {
                let at = (10 + k * 10 + j) as i64;
                unlucky.record(g, &att(skill, false, 10_000, at), &EngineParams::default(), 0, &Scheduler::default());
                lucky.record(g, &att(skill, j % 2 == 1, 10_000, at), &EngineParams::default(), 0, &Scheduler::default());
            }
        }
        assert!(unlucky.guess() < GUESS && lucky.guess() > GUESS, "{} < {GUESS} < {}", unlucky.guess(), lucky.guess());
        let id = SkillId::parse("frac.add-like").expect("id");
        assert!(unlucky.predict(g, &id, 3) < lucky.predict(g, &id, 3));
    }

    #[test]
    fn recall_is_the_square_root_of_the_cards_retrievability_and_days_of_practice_last() {
        let sch = Scheduler::default();
        let t = Timestamp(T0);
        let card = sch.review(&ReviewCard::new(t), Rating::Good, t);
        let later = Timestamp(T0 + 20 * crate::time::MS_PER_DAY);
        let with_card = SkillState { review: Some(card), last_at: Some(t), days: 3, ..SkillState::default() };
        assert!((recall(&with_card, later, &sch) - sch.retrievability(&card, later).sqrt()).abs() < 1e-12);
        // Without a card: one day of practice lasts about 9 days, three about 36.
        let one = SkillState { last_at: Some(t), days: 1, ..SkillState::default() };
        let three = SkillState { days: 3, ..one.clone() };
        let nine_days = Timestamp(T0 + 9 * crate::time::MS_PER_DAY);
        assert!((recall(&one, nine_days, &sch) - (-1f64).exp()).abs() < 1e-9);
        assert!(recall(&three, nine_days, &sch) > 0.75);
    }

    #[test]
    fn models_saved_before_known_chance_existed_load_and_read_it_from_the_level() {
        let json = r#"{"skills":{"a":{"t":1.5,"n":12,"c":11,"l":"proficient","why":"proficient-rule"},"b":{"t":0.0,"n":2,"c":0,"l":"practising"}},"family":{},"answers":14}"#;
        let m: LearnerModel = serde_json::from_str(json).expect("old model loads");
        assert!(m.pace.is_none() && m.known_rate.is_none() && m.guess_rate.is_none());
        assert_eq!(m.guess(), GUESS);
        assert!(m.known_chance(&SkillId::new_static("a")) >= 0.9);
        assert!(m.known_chance(&SkillId::new_static("b")) < 0.5);
        assert!(m.known_chance(&SkillId::new_static("never-tried")) < 0.5);
        // And the stored form stays compact: three decimals at most.
        let mut m2 = LearnerModel::default();
        let catalog = Catalog::builtin().expect("catalog");
        m2.record(catalog.graph(), &att("frac.add-like", true, 5_123, 0), &EngineParams::default(), 0, &Scheduler::default());
        let out = serde_json::to_string(&m2).expect("json");
        let k = out.split("\"k\":").nth(1).expect("k stored");
        assert!(k.split([',', '}']).next().expect("value").len() <= 5, "{out}");
    }
}
