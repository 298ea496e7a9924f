//! Builders shared by the persistence tests.
#![allow(dead_code)]

use waypoint_core::attempt::{Attempt, PracticeMode};
use waypoint_core::learner::{Avatar, GradeBand, Learner, LearnerName};
use waypoint_core::persistence::{MemoryStore, Vault};
use waypoint_core::{LearnerId, SkillId, Timestamp};

pub const DAY: i64 = 86_400_000;
/// 2026-11-23 00:00 UTC.
pub const NOW: Timestamp = Timestamp(1_795_392_000_000);

pub fn id(s: &str) -> LearnerId {
    LearnerId::parse(s).unwrap()
}

pub fn learner(i: &str, name: &str) -> Learner {
    Learner { id: id(i), name: LearnerName::parse(name).unwrap(), avatar: Avatar::Owl, grade_band: GradeBand::G35, language: None, created_at: Timestamp(NOW.0 - 400 * DAY) }
}

pub fn attempt(at_ms: i64, skill: &str, correct: bool) -> Attempt {
    Attempt { at: Timestamp(at_ms), skill: SkillId::parse(skill).unwrap(), level: 2, correct, response_ms: 4200, hints_used: 0, mode: PracticeMode::Mixed }
}

/// A vault with two learners, sections, and `n` attempts each spread over several months.
pub fn populated(n: usize) -> Vault<MemoryStore> {
    let (mut v, _) = Vault::open(MemoryStore::new(), Timestamp(NOW.0 - 200 * DAY));
    for (i, name) in [("ann", "Ann"), ("bo", "Bo")] {
        v.put_learner(&learner(i, name), Timestamp(NOW.0 - 200 * DAY)).unwrap();
        v.save_sections(&id(i), &[("model".into(), serde_json::json!({"theta": 0.25, "skills": {"add": [1, 2]}})), ("profile".into(), serde_json::json!("curious"))], Timestamp(NOW.0 - 200 * DAY)).unwrap();
        for k in 0..n {
            let t = NOW.0 - 120 * DAY + (k as i64) * (120 * DAY / n.max(1) as i64);
            v.append_attempt(&id(i), &attempt(t, if k % 3 == 0 { "add.within-10" } else { "frac.unit" }, k % 4 != 0), Timestamp(t)).unwrap();
        }
    }
    v
}

/// All attempts of a learner, after reopening the store.
pub fn attempts_of(store: &MemoryStore, who: &str) -> Vec<Attempt> {
    let (mut v, _) = Vault::open(MemoryStore::from_map(store.map.clone()), NOW);
    match v.history(&id(who), NOW) {
        Ok((h, _)) => h.attempts,
        Err(_) => vec![],
    }
}
