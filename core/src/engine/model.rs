//! The learner model: per skill an ability estimate with its uncertainty, per item family
//! (skill and level) a difficulty, both updated online Elo/Rasch-style with a step that
//! shrinks as evidence accumulates (as in Math Garden, Klinkenberg et al. 2011). Fluency
//! skills are scored with the speed-accuracy rule (high speed, high stakes: Maris & van der
//! Maas 2012), so a fast correct answer counts more than a slow one. Hints lower the credit.

use super::EngineError;
use crate::attempt::Attempt;
use serde::{Deserialize, Serialize};

/// Engine settings, validated once.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct EngineParams {
    /// The chance of success items are chosen for, in 0.6..=0.9 (default 0.75).
    pub target_success: f64,
    /// Seconds a fluency item may take before its answer counts for nothing, in 5..=120.
    pub fluency_deadline_s: f64,
}

impl Default for EngineParams {
    fn default() -> Self {
        EngineParams { target_success: 0.75, fluency_deadline_s: 20.0 }
    }
}

impl EngineParams {
    pub fn new(target_success: f64, fluency_deadline_s: f64) -> Result<EngineParams, EngineError> {
        if !(0.6..=0.9).contains(&target_success) || target_success.is_nan() {
            return Err(EngineError::BadParameter { name: "target_success", value: format!("{target_success}") });
        }
        if !(5.0..=120.0).contains(&fluency_deadline_s) || fluency_deadline_s.is_nan() {
            return Err(EngineError::BadParameter { name: "fluency_deadline_s", value: format!("{fluency_deadline_s}") });
        }
        Ok(EngineParams { target_success, fluency_deadline_s })
    }
}

/// Logistic function.
pub fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// Prior difficulty of a level (1 easy .. 5 hard), on the ability scale.
pub fn level_prior(level: u8) -> f64 {
    (level as f64 - 3.0) * 0.9
}

/// The observed score of an answer, in -1.0..=1.0 for fluency skills and 0.0..=1.0 otherwise.
pub fn score(attempt: &Attempt, fluency: bool, params: &EngineParams) -> f64 {
    let hint_factor = (1.0 - 0.3 * attempt.hints_used as f64).max(0.2);
    if fluency {
        // HSHS: (2x - 1) * (d - t) / d, from +1 (fast right) to -1 (fast wrong).
        let d = params.fluency_deadline_s * 1000.0;
        let t = (attempt.response_ms as f64).min(d);
        let s = if attempt.correct { 1.0 } else { -1.0 } * (d - t) / d;
        if attempt.correct { s * hint_factor } else { s }
    } else if attempt.correct {
        hint_factor
    } else {
        0.0
    }
}

/// The expected score for ability minus difficulty `z`, matching `score`.
pub fn expected(z: f64, fluency: bool) -> f64 {
    if fluency {
        // E[(2x-1)(d-t)/d] under the HSHS model with a·d = 1: coth(z) - 1/z.
        if z.abs() < 1e-4 { z / 3.0 } else { 1.0 / z.tanh() - 1.0 / z }
    } else {
        sigmoid(z)
    }
}

/// Elo step for an estimate that has seen `n` answers: large at first, settling down.
pub fn step(n: u32, k_max: f64, k_min: f64) -> f64 {
    k_min + (k_max - k_min) / (1.0 + n as f64 / 8.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attempt::PracticeMode;
    use crate::{SkillId, Timestamp};

    fn att(correct: bool, ms: u32, hints: u8) -> Attempt {
        Attempt { at: Timestamp(0), skill: SkillId::new_static("a"), level: 3, correct, response_ms: ms, hints_used: hints, mode: PracticeMode::Blocked }
    }

    #[test]
    fn params_are_validated() {
        assert!(EngineParams::new(0.75, 20.0).is_ok());
        for bad in [0.5, 0.95, f64::NAN, -1.0] {
            assert!(EngineParams::new(bad, 20.0).is_err(), "{bad}");
        }
        assert!(EngineParams::new(0.7, f64::NAN).is_err());
        assert!(EngineParams::new(0.7, 1.0).is_err());
    }

    #[test]
    fn fast_correct_counts_more_than_slow_correct_for_fluency() {
        let p = EngineParams::default();
        let fast = score(&att(true, 2_000, 0), true, &p);
        let slow = score(&att(true, 15_000, 0), true, &p);
        let wrong_fast = score(&att(false, 1_000, 0), true, &p);
        assert!(fast > slow && slow > 0.0 && wrong_fast < -0.9);
        assert!(score(&att(true, 2_000, 2), false, &p) < score(&att(true, 2_000, 0), false, &p), "hints lower credit");
        assert_eq!(score(&att(true, 99_000, 0), true, &p), 0.0, "past the deadline counts for nothing");
    }

    #[test]
    fn expected_scores_are_monotone_and_bounded() {
        let mut prev = -2.0;
        for i in -40..=40 {
            let z = i as f64 / 8.0;
            let e = expected(z, true);
            assert!(e > prev && (-1.0..=1.0).contains(&e));
            prev = e;
        }
        assert!((expected(0.0, true)).abs() < 1e-9);
        assert!((expected(0.0, false) - 0.5).abs() < 1e-12);
        assert!(step(0, 0.8, 0.1) > step(50, 0.8, 0.1));
    }
}
