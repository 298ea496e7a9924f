//! Spaced review of mastered skills with FSRS-6: memory state per skill (stability,
//! difficulty), the next due instant, and the probability of recall. Owned by the review
//! work. Imports only `time`, `rng`, `Lang`/`UserMessage` and the engine's error; must
//! not import the learner model, mastery or policy (they call this module, not the other
//! way round), nor anything that reads a clock or a global random source.
//!
//! This is a hand-written Rust **port** of the FSRS-6 scheduler of py-fsrs 6.3.1
//! (`open-spaced-repetition/py-fsrs`, `fsrs/scheduler.py`, commit 3abe686e): the same
//! 21 default weights, parameter bounds, learning and relearning steps, whole-day
//! elapsed time, round-half-to-even intervals and fuzz ranges. It reproduces py-fsrs's
//! published test vectors exactly (`core/tests/fsrs_py_vectors.rs`). We port rather than
//! depend on `rs-fsrs` because that crate pulls chrono with its default features (a
//! clock, and JavaScript bindings on wasm32), reads `Utc::now()` in its defaults, and
//! implements FSRS-5 (19 weights).
//!
//! Differences from py-fsrs, all deliberate:
//! - a card starts in [`CardState::New`] (py-fsrs uses Learning with no memory state);
//!   reviewing a New card is exactly py-fsrs's first review;
//! - `now` is always passed in, and a clock set back counts as zero elapsed time;
//! - fuzz is off unless the caller gives a seed ([`Scheduler::review_fuzzed`]);
//! - [`Scheduler::retrievability`] uses fractional days (smooth, for ranking reviews),
//!   while the stability update uses whole days, as py-fsrs does;
//! - `reps` and `lapses` are counted (a lapse is Again on a card in Review).
//!
//! py-fsrs's default learning steps (1 and 10 minutes) suit flashcards. A skill that
//! reaches review already mastered through practice may skip them with
//! `Scheduler::default().with_learning_steps(&[])`, so its first review lands days later.
//!
//! ```
//! use waypoint_core::Timestamp;
//! use waypoint_core::engine::review::{CardState, Rating, ReviewCard, Scheduler};
//!
//! let scheduler = Scheduler::default().with_learning_steps(&[]).unwrap();
//! let mastered_at = Timestamp(1_700_000_000_000);
//! let card = scheduler.review(&ReviewCard::new(mastered_at), Rating::Good, mastered_at);
//! assert_eq!(card.state, CardState::Review);
//! assert!(!scheduler.is_due(&card, mastered_at));
//! assert!(scheduler.is_due(&card, card.due));
//! let recall = scheduler.retrievability(&card, card.due);
//! assert!((recall - 0.9).abs() < 0.01); // due when recall falls to the desired retention
//! ```

use serde::{Deserialize, Serialize};

use super::EngineError;
use crate::Lang;
use crate::error::UserMessage;
use crate::rng::SeededRng;
use crate::time::{MS_PER_DAY, MS_PER_MINUTE, Timestamp};

/// Number of FSRS-6 weights.
pub const WEIGHT_COUNT: usize = 21;

/// FSRS-6 default weights (py-fsrs 6.3.1 `DEFAULT_PARAMETERS`).
pub const DEFAULT_WEIGHTS: [f64; WEIGHT_COUNT] = [
    0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629,
    1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
];

/// Smallest stability, in days.
pub const STABILITY_MIN: f64 = 0.001;
/// Difficulty range.
pub const MIN_DIFFICULTY: f64 = 1.0;
pub const MAX_DIFFICULTY: f64 = 10.0;

const LOWER_BOUNDS: [f64; WEIGHT_COUNT] = [
    STABILITY_MIN,
    STABILITY_MIN,
    STABILITY_MIN,
    STABILITY_MIN,
    1.0,
    0.001,
    0.001,
    0.001,
    0.0,
    0.0,
    0.001,
    0.001,
    0.001,
    0.001,
    0.0,
    0.0,
    1.0,
    0.0,
    0.0,
    0.0,
    0.1,
];

const UPPER_BOUNDS: [f64; WEIGHT_COUNT] = [
    100.0, 100.0, 100.0, 100.0, 10.0, 4.0, 4.0, 0.75, 4.5, 0.8, 3.5, 5.0, 0.25, 0.9, 4.0, 1.0, 6.0, 2.0, 2.0, 0.8, 0.8,
];

/// Names used in error messages, one per weight. Identifiers rather than words, so the
/// English and Spanish messages read the same.
const WEIGHT_NAMES: [&str; WEIGHT_COUNT] = [
    "fsrs.w0", "fsrs.w1", "fsrs.w2", "fsrs.w3", "fsrs.w4", "fsrs.w5", "fsrs.w6", "fsrs.w7", "fsrs.w8", "fsrs.w9",
    "fsrs.w10", "fsrs.w11", "fsrs.w12", "fsrs.w13", "fsrs.w14", "fsrs.w15", "fsrs.w16", "fsrs.w17", "fsrs.w18",
    "fsrs.w19", "fsrs.w20",
];

/// Range of the desired retention accepted by [`Scheduler::new`].
pub const MIN_RETENTION: f64 = 0.7;
pub const MAX_RETENTION: f64 = 0.99;
/// Longest interval py-fsrs schedules by default, in days.
pub const DEFAULT_MAXIMUM_INTERVAL_DAYS: u32 = 36_500;

/// The 21 FSRS-6 weights, each inside py-fsrs's bounds. Validated on construction.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FsrsParams {
    w: [f64; WEIGHT_COUNT],
}

impl Default for FsrsParams {
    fn default() -> Self {
        FsrsParams { w: DEFAULT_WEIGHTS }
    }
}

impl FsrsParams {
    /// Checks length (21), finiteness and py-fsrs's per-weight bounds.
    pub fn new(weights: &[f64]) -> Result<FsrsParams, EngineError> {
        if weights.len() != WEIGHT_COUNT {
            return Err(EngineError::BadParameter { name: "fsrs.weights.len", value: weights.len().to_string() });
        }
        let mut w = [0.0; WEIGHT_COUNT];
        for (i, (&x, slot)) in weights.iter().zip(w.iter_mut()).enumerate() {
            let lo = LOWER_BOUNDS.get(i).copied().unwrap_or(f64::NEG_INFINITY);
            let hi = UPPER_BOUNDS.get(i).copied().unwrap_or(f64::INFINITY);
            // `!(lo..=hi).contains` is also true for NaN.
            if !(lo..=hi).contains(&x) {
                return Err(EngineError::BadParameter {
                    name: WEIGHT_NAMES.get(i).copied().unwrap_or("fsrs.weights"),
                    value: x.to_string(),
                });
            }
            *slot = x;
        }
        Ok(FsrsParams { w })
    }

    /// The weights, w0..=w20.
    pub fn weights(&self) -> &[f64; WEIGHT_COUNT] {
        &self.w
    }
}

/// Stored as a plain list of 21 numbers; read back through [`FsrsParams::new`], so a
/// stored list out of bounds is refused rather than trusted.
impl Serialize for FsrsParams {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.w.as_slice().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for FsrsParams {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let weights = Vec::<f64>::deserialize(deserializer)?;
        FsrsParams::new(&weights).map_err(|e| serde::de::Error::custom(e.message(Lang::En)))
    }
}

/// How well the learner recalled the skill. Numeric grades 1..=4 in FSRS.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rating {
    Again,
    Hard,
    Good,
    Easy,
}

impl Rating {
    pub const ALL: [Rating; 4] = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];

    /// FSRS grade, 1 (Again) ..= 4 (Easy).
    pub fn grade(self) -> u8 {
        match self {
            Rating::Again => 1,
            Rating::Hard => 2,
            Rating::Good => 3,
            Rating::Easy => 4,
        }
    }

    fn g(self) -> f64 {
        f64::from(self.grade())
    }
}

/// Where a card is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CardState {
    /// Never reviewed: no memory state yet.
    New,
    /// Short steps (minutes) after the first reviews.
    Learning,
    /// Scheduled in whole days.
    Review,
    /// Short steps after a lapse.
    Relearning,
}

/// The review memory of one skill.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
///
/// Stored with short names (the long names of data saved before still read) and its
/// memory state to 4 decimals (`super::stored`).
pub struct ReviewCard {
    /// Days until recall probability falls to 0.9; `>= 0.001` once reviewed, 0.0 when New.
    #[serde(rename = "s", alias = "stability", serialize_with = "super::stored::f64_4")]
    pub stability: f64,
    /// In 1.0..=10.0 once reviewed, 0.0 when New.
    #[serde(rename = "df", alias = "difficulty", serialize_with = "super::stored::f64_4")]
    pub difficulty: f64,
    #[serde(rename = "st", alias = "state")]
    pub state: CardState,
    /// When the next review is due.
    pub due: Timestamp,
    #[serde(rename = "lr", alias = "last_review", default, skip_serializing_if = "Option::is_none")]
    pub last_review: Option<Timestamp>,
    /// Number of reviews.
    #[serde(default)]
    pub reps: u32,
    /// Number of times the skill was forgotten (Again while in Review).
    #[serde(rename = "lp", alias = "lapses", default)]
    pub lapses: u32,
    /// Index into the learning or relearning steps; 0 in New and Review.
    #[serde(default, skip_serializing_if = "is_zero_u32")]
    pub step: u32,
}

fn is_zero_u32(v: &u32) -> bool {
    *v == 0
}

impl ReviewCard {
    /// A never-reviewed card, due at `now`.
    pub fn new(now: Timestamp) -> ReviewCard {
        ReviewCard {
            stability: 0.0,
            difficulty: 0.0,
            state: CardState::New,
            due: now,
            last_review: None,
            reps: 0,
            lapses: 0,
            step: 0,
        }
    }

    /// True when stability and difficulty hold a usable memory state (not New, finite,
    /// in range). A corrupted stored card is treated as having none.
    fn has_memory(&self) -> bool {
        self.state != CardState::New
            && self.stability.is_finite()
            && self.stability >= STABILITY_MIN
            && self.difficulty.is_finite()
            && self.difficulty > 0.0
    }
}

/// Schedules reviews with FSRS-6. Pure: every call takes `now`; fuzz needs a seed.
#[derive(Clone, Debug, PartialEq)]
pub struct Scheduler {
    params: FsrsParams,
    desired_retention: f64,
    learning_steps_ms: Vec<i64>,
    relearning_steps_ms: Vec<i64>,
    maximum_interval_days: u32,
    decay: f64,
    factor: f64,
}

impl Default for Scheduler {
    /// Default weights, retention 0.9, learning steps 1 and 10 minutes, relearning step
    /// 10 minutes, maximum interval 36,500 days (py-fsrs's defaults).
    fn default() -> Self {
        Scheduler::build(FsrsParams::default(), 0.9)
    }
}

impl Scheduler {
    /// `desired_retention` in 0.7..=0.99.
    pub fn new(params: FsrsParams, desired_retention: f64) -> Result<Scheduler, EngineError> {
        if !(MIN_RETENTION..=MAX_RETENTION).contains(&desired_retention) {
            return Err(EngineError::BadParameter {
                name: "fsrs.desired_retention",
                value: desired_retention.to_string(),
            });
        }
        Ok(Scheduler::build(params, desired_retention))
    }

    fn build(params: FsrsParams, desired_retention: f64) -> Scheduler {
        let decay = -params.w[20];
        Scheduler {
            params,
            desired_retention,
            learning_steps_ms: vec![MS_PER_MINUTE, 10 * MS_PER_MINUTE],
            relearning_steps_ms: vec![10 * MS_PER_MINUTE],
            maximum_interval_days: DEFAULT_MAXIMUM_INTERVAL_DAYS,
            decay,
            factor: 0.9f64.powf(1.0 / decay) - 1.0,
        }
    }

    /// Replaces the learning steps (each in milliseconds, > 0). Empty: the first review
    /// goes straight to Review.
    pub fn with_learning_steps(mut self, steps_ms: &[i64]) -> Result<Scheduler, EngineError> {
        self.learning_steps_ms = validate_steps("fsrs.learning_steps_ms", steps_ms)?;
        Ok(self)
    }

    /// Replaces the relearning steps (each in milliseconds, > 0). Empty: a lapse stays in
    /// Review with a day-scale interval.
    pub fn with_relearning_steps(mut self, steps_ms: &[i64]) -> Result<Scheduler, EngineError> {
        self.relearning_steps_ms = validate_steps("fsrs.relearning_steps_ms", steps_ms)?;
        Ok(self)
    }

    /// Longest interval in days, at least 1.
    pub fn with_maximum_interval(mut self, days: u32) -> Result<Scheduler, EngineError> {
        if days == 0 {
            return Err(EngineError::BadParameter { name: "fsrs.maximum_interval_days", value: "0".into() });
        }
        self.maximum_interval_days = days;
        Ok(self)
    }

    pub fn params(&self) -> &FsrsParams {
        &self.params
    }

    /// In 0.7..=0.99.
    pub fn desired_retention(&self) -> f64 {
        self.desired_retention
    }

    /// The card after a review with `rating` at `now`. No fuzz.
    pub fn review(&self, card: &ReviewCard, rating: Rating, now: Timestamp) -> ReviewCard {
        self.review_inner(card, rating, now, None)
    }

    /// The review and what it changed: the recall probability the skill had at `now`
    /// (evidence of forgetting when it was high and the answer was Again), whether it
    /// lapsed, and the state before and after. `fuzz_seed: None` means no fuzz.
    pub fn review_with_outcome(
        &self,
        card: &ReviewCard,
        rating: Rating,
        now: Timestamp,
        fuzz_seed: Option<u64>,
    ) -> ReviewOutcome {
        let after = self.review_inner(card, rating, now, fuzz_seed);
        ReviewOutcome {
            retrievability_before: self.retrievability(card, now),
            lapsed: after.lapses > card.lapses,
            state_before: card.state,
            card: after,
        }
    }

    /// Like [`Scheduler::review`], but day-scale intervals of 3 days or more get
    /// py-fsrs's fuzz (a few percent), drawn from `seed` so it is reproducible.
    pub fn review_fuzzed(&self, card: &ReviewCard, rating: Rating, now: Timestamp, seed: u64) -> ReviewCard {
        self.review_inner(card, rating, now, Some(seed))
    }

    /// Probability of recall at `now`, in 0.0..=1.0; 0.0 for a card never reviewed.
    /// Uses fractional days, so it falls continuously; a clock set back gives the value
    /// at the last review (1.0).
    pub fn retrievability(&self, card: &ReviewCard, now: Timestamp) -> f64 {
        match card.last_review {
            Some(last) if card.has_memory() => self.forgetting_curve(now.days_since(last), card.stability),
            _ => 0.0,
        }
    }

    /// True when the card's due instant has come.
    pub fn is_due(&self, card: &ReviewCard, now: Timestamp) -> bool {
        now >= card.due
    }

    /// The interval in whole days that FSRS gives a card of this stability, before fuzz:
    /// in 1..=maximum interval.
    pub fn interval_days(&self, stability: f64) -> u32 {
        let raw = stability / self.factor * (self.desired_retention.powf(1.0 / self.decay) - 1.0);
        let rounded = raw.round_ties_even();
        let max = f64::from(self.maximum_interval_days);
        // NaN fails both comparisons and ends at 1.
        if rounded >= max {
            self.maximum_interval_days
        } else if rounded >= 1.0 {
            rounded as u32
        } else {
            1
        }
    }

    fn forgetting_curve(&self, elapsed_days: f64, stability: f64) -> f64 {
        let t = if elapsed_days.is_finite() { elapsed_days.max(0.0) } else { 0.0 };
        let r = (1.0 + self.factor * t / stability.max(STABILITY_MIN)).powf(self.decay);
        if r.is_finite() { r.clamp(0.0, 1.0) } else { 0.0 }
    }

    fn review_inner(&self, card: &ReviewCard, rating: Rating, now: Timestamp, seed: Option<u64>) -> ReviewCard {
        // Whole days since the last review, never negative (py-fsrs: timedelta.days).
        let elapsed_days: Option<i64> = card.last_review.map(|last| {
            let ms = now.millis().saturating_sub(last.millis()).max(0);
            ms / MS_PER_DAY
        });
        let same_day = matches!(elapsed_days, Some(d) if d < 1);
        let retrievability = self.forgetting_curve(elapsed_days.unwrap_or(0) as f64, card.stability);

        let mut next = *card;
        next.reps = card.reps.saturating_add(1);
        next.last_review = Some(now);

        let interval = match card.state {
            CardState::Review if card.has_memory() => {
                let d = clamp_difficulty(card.difficulty);
                next.stability = if same_day {
                    self.short_term_stability(card.stability, rating)
                } else {
                    self.next_stability(d, card.stability, retrievability, rating)
                };
                next.difficulty = self.next_difficulty(d, rating);
                next.step = 0;
                match rating {
                    Rating::Again => {
                        next.lapses = card.lapses.saturating_add(1);
                        match self.relearning_steps_ms.first() {
                            Some(&first) => {
                                next.state = CardState::Relearning;
                                Interval::Millis(first)
                            }
                            None => Interval::Days(self.interval_days(next.stability)),
                        }
                    }
                    _ => Interval::Days(self.interval_days(next.stability)),
                }
            }
            state => {
                // New, Learning, Relearning, or a Review card whose stored memory is unusable.
                if card.has_memory() && state != CardState::Review {
                    let d = clamp_difficulty(card.difficulty);
                    next.stability = if same_day {
                        self.short_term_stability(card.stability, rating)
                    } else {
                        self.next_stability(d, card.stability, retrievability, rating)
                    };
                    next.difficulty = self.next_difficulty(d, rating);
                } else {
                    next.stability = self.initial_stability(rating);
                    next.difficulty = clamp_difficulty(self.initial_difficulty(rating));
                }
                let (steps, in_state) = if state == CardState::Relearning && card.has_memory() {
                    (&self.relearning_steps_ms, CardState::Relearning)
                } else {
                    next.step = if state == CardState::Learning { card.step } else { 0 };
                    (&self.learning_steps_ms, CardState::Learning)
                };
                self.step_transition(&mut next, steps, in_state, rating)
            }
        };

        let due_ms = match interval {
            Interval::Millis(ms) => ms,
            Interval::Days(days) => {
                let days = match seed {
                    Some(seed) if next.state == CardState::Review => self.fuzzed_days(days, seed),
                    _ => days,
                };
                i64::from(days).saturating_mul(MS_PER_DAY)
            }
        };
        next.due = now.plus_millis(due_ms);
        next
    }

    /// The step machine shared by Learning and Relearning (py-fsrs's rules).
    fn step_transition(&self, next: &mut ReviewCard, steps: &[i64], in_state: CardState, rating: Rating) -> Interval {
        let step = next.step as usize;
        let graduate = |next: &mut ReviewCard| {
            next.state = CardState::Review;
            next.step = 0;
            Interval::Days(self.interval_days(next.stability))
        };
        // No steps, or a card left on a step past the end by a scheduler with more steps.
        if steps.is_empty() || (step >= steps.len() && rating != Rating::Again) {
            return graduate(next);
        }
        next.state = in_state;
        match rating {
            Rating::Again => {
                next.step = 0;
                Interval::Millis(steps.first().copied().unwrap_or(MS_PER_MINUTE))
            }
            Rating::Hard => {
                let ms = match (step, steps) {
                    (0, [only]) => only.saturating_mul(3) / 2,
                    (0, [a, b, ..]) => (a.saturating_add(*b)) / 2,
                    _ => steps.get(step).copied().unwrap_or(MS_PER_MINUTE),
                };
                Interval::Millis(ms)
            }
            Rating::Good => {
                if step + 1 >= steps.len() {
                    graduate(next)
                } else {
                    next.step = next.step.saturating_add(1);
                    Interval::Millis(steps.get(step + 1).copied().unwrap_or(MS_PER_MINUTE))
                }
            }
            Rating::Easy => graduate(next),
        }
    }

    fn w(&self, i: usize) -> f64 {
        self.params.w.get(i).copied().unwrap_or(0.0)
    }

    fn initial_stability(&self, rating: Rating) -> f64 {
        self.w(usize::from(rating.grade() - 1)).max(STABILITY_MIN)
    }

    /// Unclamped: the Easy value feeds mean reversion.
    fn initial_difficulty(&self, rating: Rating) -> f64 {
        self.w(4) - (self.w(5) * (rating.g() - 1.0)).exp() + 1.0
    }

    fn next_difficulty(&self, difficulty: f64, rating: Rating) -> f64 {
        let delta = -(self.w(6) * (rating.g() - 3.0));
        let damped = difficulty + (10.0 - difficulty) * delta / 9.0;
        let reverted = self.w(7) * self.initial_difficulty(Rating::Easy) + (1.0 - self.w(7)) * damped;
        clamp_difficulty(reverted)
    }

    fn short_term_stability(&self, stability: f64, rating: Rating) -> f64 {
        let mut increase = (self.w(17) * (rating.g() - 3.0 + self.w(18))).exp() * stability.powf(-self.w(19));
        if matches!(rating, Rating::Good | Rating::Easy) {
            increase = increase.max(1.0);
        }
        clamp_stability(stability * increase)
    }

    fn next_stability(&self, difficulty: f64, stability: f64, retrievability: f64, rating: Rating) -> f64 {
        let s = if rating == Rating::Again {
            let long_term = self.w(11)
                * difficulty.powf(-self.w(12))
                * ((stability + 1.0).powf(self.w(13)) - 1.0)
                * ((1.0 - retrievability) * self.w(14)).exp();
            let short_term = stability / (self.w(17) * self.w(18)).exp();
            long_term.min(short_term)
        } else {
            let hard_penalty = if rating == Rating::Hard { self.w(15) } else { 1.0 };
            let easy_bonus = if rating == Rating::Easy { self.w(16) } else { 1.0 };
            stability
                * (1.0
                    + self.w(8).exp()
                        * (11.0 - difficulty)
                        * stability.powf(-self.w(9))
                        * (((1.0 - retrievability) * self.w(10)).exp() - 1.0)
                        * hard_penalty
                        * easy_bonus)
        };
        clamp_stability(s)
    }

    /// py-fsrs's fuzz ranges: a uniform whole number of days around `days`, wider for
    /// longer intervals; intervals under 2.5 days are left alone.
    fn fuzzed_days(&self, days: u32, seed: u64) -> u32 {
        let ivl = f64::from(days);
        if ivl < 2.5 {
            return days;
        }
        const RANGES: [(f64, f64, f64); 3] = [(2.5, 7.0, 0.15), (7.0, 20.0, 0.1), (20.0, f64::INFINITY, 0.05)];
        let delta =
            1.0 + RANGES.iter().map(|&(start, end, factor)| factor * (ivl.min(end) - start).max(0.0)).sum::<f64>();
        let max_ivl = f64::from(self.maximum_interval_days);
        let hi = (ivl + delta).round_ties_even().min(max_ivl);
        let lo = (ivl - delta).round_ties_even().max(2.0).min(hi);
        let u = SeededRng::new(seed).next_f64();
        // Uniform over lo..=hi. py-fsrs rounds `u * (hi - lo + 1) + lo`, which can give
        // hi + 1; flooring (as ts-fsrs does) keeps the draw inside its range.
        let fuzzed = (u * (hi - lo + 1.0) + lo).floor().min(hi);
        if fuzzed >= 1.0 { fuzzed as u32 } else { 1 }
    }
}

/// What one review changed. See [`Scheduler::review_with_outcome`].
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewOutcome {
    /// The card after the review.
    pub card: ReviewCard,
    pub state_before: CardState,
    /// Probability of recall just before the review, in 0.0..=1.0 (0.0 for a New card).
    pub retrievability_before: f64,
    /// True when a skill in Review was forgotten (rated Again).
    pub lapsed: bool,
}

impl ReviewOutcome {
    /// The card moved from Learning or Relearning (or New) into day-scale review.
    pub fn graduated(&self) -> bool {
        self.state_before != CardState::Review && self.card.state == CardState::Review
    }

    /// Milliseconds from this review to the next due instant, never negative.
    pub fn interval_ms(&self) -> i64 {
        let last = self.card.last_review.map_or(self.card.due.millis(), Timestamp::millis);
        self.card.due.millis().saturating_sub(last).max(0)
    }
}

enum Interval {
    Millis(i64),
    Days(u32),
}

fn clamp_difficulty(d: f64) -> f64 {
    if d.is_nan() { MAX_DIFFICULTY } else { d.clamp(MIN_DIFFICULTY, MAX_DIFFICULTY) }
}

fn clamp_stability(s: f64) -> f64 {
    if s.is_nan() { STABILITY_MIN } else { s.max(STABILITY_MIN) }
}

fn validate_steps(name: &'static str, steps_ms: &[i64]) -> Result<Vec<i64>, EngineError> {
    match steps_ms.iter().find(|&&ms| ms <= 0) {
        Some(bad) => Err(EngineError::BadParameter { name, value: bad.to_string() }),
        None => Ok(steps_ms.to_vec()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: Timestamp = Timestamp(1_669_725_000_000); // 2022-11-29 12:30 UTC

    fn days(card: &ReviewCard) -> i64 {
        (card.due.millis() - card.last_review.unwrap().millis()).div_euclid(MS_PER_DAY)
    }

    #[test]
    fn defaults_are_valid_params() {
        assert_eq!(FsrsParams::new(&DEFAULT_WEIGHTS).unwrap(), FsrsParams::default());
        let s = Scheduler::default();
        assert_eq!(s.desired_retention(), 0.9);
        assert_eq!(Scheduler::new(FsrsParams::default(), 0.9).unwrap(), s);
    }

    #[test]
    fn new_card_is_due_and_has_zero_retrievability() {
        let s = Scheduler::default();
        let c = ReviewCard::new(T0);
        assert!(s.is_due(&c, T0));
        assert!(!s.is_due(&c, T0.plus_millis(-1)));
        assert_eq!(s.retrievability(&c, T0.plus_days(3.0)), 0.0);
    }

    #[test]
    fn first_good_goes_to_second_learning_step() {
        let s = Scheduler::default();
        let c = s.review(&ReviewCard::new(T0), Rating::Good, T0);
        assert_eq!(c.state, CardState::Learning);
        assert_eq!(c.step, 1);
        assert_eq!(c.due, T0.plus_millis(10 * MS_PER_MINUTE));
        assert_eq!(c.stability, DEFAULT_WEIGHTS[2]);
        assert_eq!(c.reps, 1);
    }

    #[test]
    fn hard_on_first_step_is_halfway_between_steps() {
        let s = Scheduler::default();
        let c = s.review(&ReviewCard::new(T0), Rating::Hard, T0);
        assert_eq!(c.due, T0.plus_millis(330_000));
        assert_eq!(c.step, 0);
    }

    #[test]
    fn easy_graduates_at_once() {
        let s = Scheduler::default();
        let c = s.review(&ReviewCard::new(T0), Rating::Easy, T0);
        assert_eq!(c.state, CardState::Review);
        assert!(days(&c) >= 1);
    }

    #[test]
    fn no_learning_steps_graduates_on_first_review() {
        let s = Scheduler::default().with_learning_steps(&[]).unwrap();
        let c = s.review(&ReviewCard::new(T0), Rating::Again, T0);
        assert_eq!(c.state, CardState::Review);
        assert!(days(&c) >= 1);
    }

    #[test]
    fn again_in_review_counts_a_lapse_and_relearns() {
        let s = Scheduler::default().with_learning_steps(&[]).unwrap();
        let c = s.review(&ReviewCard::new(T0), Rating::Good, T0);
        let later = c.due;
        let lapsed = s.review(&c, Rating::Again, later);
        assert_eq!(lapsed.lapses, 1);
        assert_eq!(lapsed.state, CardState::Relearning);
        assert!(lapsed.stability < c.stability);
        assert_eq!(lapsed.due, later.plus_millis(10 * MS_PER_MINUTE));
    }

    #[test]
    fn no_relearning_steps_keeps_a_lapse_in_review() {
        let s = Scheduler::default().with_learning_steps(&[]).unwrap().with_relearning_steps(&[]).unwrap();
        let c = s.review(&ReviewCard::new(T0), Rating::Good, T0);
        let lapsed = s.review(&c, Rating::Again, c.due);
        assert_eq!(lapsed.state, CardState::Review);
        assert!(days(&lapsed) >= 1);
    }

    #[test]
    fn bad_steps_and_interval_are_refused() {
        assert!(Scheduler::default().with_learning_steps(&[0]).is_err());
        assert!(Scheduler::default().with_relearning_steps(&[-5]).is_err());
        assert!(Scheduler::default().with_maximum_interval(0).is_err());
    }

    #[test]
    fn maximum_interval_caps_intervals() {
        let s = Scheduler::default().with_maximum_interval(10).unwrap();
        let mut c = ReviewCard::new(T0);
        for _ in 0..10 {
            c = s.review(&c, Rating::Easy, c.due);
            assert!(days(&c) <= 10);
        }
    }

    #[test]
    fn interval_rounds_half_to_even_like_python() {
        let s = Scheduler::default();
        // At retention 0.9 the interval equals the stability (before rounding).
        assert_eq!(s.interval_days(2.5), 2);
        assert_eq!(s.interval_days(3.5), 4);
        assert_eq!(s.interval_days(0.001), 1);
        assert_eq!(s.interval_days(f64::NAN), 1);
        assert_eq!(s.interval_days(1e12), DEFAULT_MAXIMUM_INTERVAL_DAYS);
    }

    #[test]
    fn fuzz_is_reproducible_and_bounded() {
        let s = Scheduler::default();
        let mut c = ReviewCard::new(T0);
        for _ in 0..4 {
            c = s.review(&c, Rating::Good, c.due);
        }
        let plain = s.review(&c, Rating::Good, c.due);
        let base = days(&plain);
        assert!(base >= 20, "{base}");
        let mut seen = std::collections::BTreeSet::new();
        for seed in 0..200 {
            let a = s.review_fuzzed(&c, Rating::Good, c.due, seed);
            let b = s.review_fuzzed(&c, Rating::Good, c.due, seed);
            assert_eq!(a, b);
            assert_eq!(a.stability, plain.stability);
            let d = days(&a);
            assert!((d - base).abs() as f64 <= 1.0 + 0.15 * 4.5 + 0.1 * 13.0 + 0.05 * (base as f64 - 20.0) + 1.0);
            seen.insert(d);
        }
        assert!(seen.len() > 2);
    }

    #[test]
    fn fuzz_leaves_short_intervals_alone() {
        let s = Scheduler::default();
        assert_eq!(s.fuzzed_days(1, 7), 1);
        assert_eq!(s.fuzzed_days(2, 7), 2);
        for seed in 0..50 {
            let d = s.fuzzed_days(3, seed);
            assert!((2..=4).contains(&d), "{d}");
        }
    }

    #[test]
    fn corrupted_card_is_treated_as_new_not_nan() {
        let s = Scheduler::default();
        let mut c = s.review(&ReviewCard::new(T0), Rating::Good, T0);
        c.state = CardState::Review;
        c.stability = f64::NAN;
        c.difficulty = f64::INFINITY;
        let r = s.review(&c, Rating::Good, T0.plus_days(2.0));
        assert!(r.stability.is_finite() && r.difficulty.is_finite());
        assert_eq!(s.retrievability(&c, T0.plus_days(2.0)), 0.0);
    }

    #[test]
    fn extreme_timestamps_do_not_overflow() {
        let s = Scheduler::default();
        let c = s.review(&ReviewCard::new(Timestamp(i64::MIN)), Rating::Easy, Timestamp(i64::MIN));
        let r = s.review(&c, Rating::Good, Timestamp(i64::MAX));
        assert!(r.stability.is_finite());
        assert_eq!(r.due, Timestamp(i64::MAX));
        let back = s.review(&r, Rating::Good, Timestamp(i64::MIN));
        assert!(back.stability.is_finite());
    }

    #[test]
    fn outcome_reports_lapse_graduation_and_recall() {
        let s = Scheduler::default();
        let first = s.review_with_outcome(&ReviewCard::new(T0), Rating::Easy, T0, None);
        assert!(first.graduated());
        assert!(!first.lapsed);
        assert_eq!(first.retrievability_before, 0.0);
        assert_eq!(first.interval_ms(), i64::from(s.interval_days(first.card.stability)) * MS_PER_DAY);
        let due = first.card.due;
        let lapse = s.review_with_outcome(&first.card, Rating::Again, due, None);
        assert!(lapse.lapsed && !lapse.graduated());
        assert!((lapse.retrievability_before - 0.9).abs() < 0.01, "{}", lapse.retrievability_before);
        assert_eq!(lapse.interval_ms(), 10 * MS_PER_MINUTE);
        assert_eq!(lapse.card, s.review(&first.card, Rating::Again, due));
    }

    #[test]
    fn params_serde_is_validated() {
        let json = serde_json::to_string(&FsrsParams::default()).unwrap();
        assert!(json.starts_with("[0.212,"));
        assert_eq!(serde_json::from_str::<FsrsParams>(&json).unwrap(), FsrsParams::default());
        let bad = json.replacen("0.212", "-1", 1);
        let err = serde_json::from_str::<FsrsParams>(&bad).unwrap_err().to_string();
        assert!(err.contains("fsrs.w0"), "{err}");
        assert!(serde_json::from_str::<FsrsParams>("[1.0, 2.0]").is_err());
    }

    #[test]
    fn error_messages_name_the_setting_in_both_languages() {
        let e = FsrsParams::new(&[1.0; 3]).unwrap_err();
        assert!(e.message(Lang::En).contains("fsrs.weights.len"));
        assert!(e.message(Lang::Es).contains("fsrs.weights.len"));
        let e = Scheduler::new(FsrsParams::default(), f64::NAN).unwrap_err();
        assert!(e.message(Lang::Es).contains("fsrs.desired_retention"));
    }

    #[test]
    fn rating_grades() {
        assert_eq!(Rating::ALL.map(Rating::grade), [1, 2, 3, 4]);
    }
}
