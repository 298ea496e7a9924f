//! The motivation section saved by its changed parts. After an answer the section changes
//! in a few places (XP, today's tally, the streak, one skill's tally, a counter, one more
//! remembered event), but written whole it is the learner's running totals, up to 35 day
//! tallies and up to 512 remembered events: serialising all of that and comparing it with
//! the stored copy after every answer costs more than the rest of the save. As
//! `engine::stored::catch_up` does for the model, this compares the state with the copy
//! last saved, field by field, and says only what changed.

use super::MotivationState;
use crate::engine::stored::keyed_parts;
use serde::Serialize;
use serde_json::Value;

/// A key of the section's JSON (its path) and what it holds now (`None`: removed).
pub type Part = (Vec<String>, Option<Value>);

/// The keys of the section's JSON set or removed to turn the stored form of `saved` into
/// that of `now` (sets and removals of keys, as `LearnerRecord::edit_section` takes them),
/// and `saved` brought up to date, copying only what changed. A field changed is set whole,
/// except the per-skill tallies and the badges, which are set per key.
pub fn catch_up(saved: &mut MotivationState, now: &MotivationState) -> Result<Vec<Part>, serde_json::Error> {
    // Every field is named, so a field added later does not go unsaved (compile error).
    let MotivationState { xp, goal, days, streak, skills, counters, badges, seen } = now;
    let mut out: Vec<Part> = Vec::new();
    field("xp", &mut saved.xp, xp, &mut out)?;
    field("goal", &mut saved.goal, goal, &mut out)?;
    field("days", &mut saved.days, days, &mut out)?;
    field("streak", &mut saved.streak, streak, &mut out)?;
    keyed_parts("skills", &mut saved.skills, skills, |k| k.as_str(), &mut out)?;
    field("counters", &mut saved.counters, counters, &mut out)?;
    keyed_parts("badges", &mut saved.badges, badges, String::as_str, &mut out)?;
    field("seen", &mut saved.seen, seen, &mut out)?;
    Ok(out)
}

fn field<T: PartialEq + Clone + Serialize>(name: &str, saved: &mut T, now: &T, out: &mut Vec<Part>) -> Result<(), serde_json::Error> {
    if saved != now {
        out.push((vec![name.to_string()], Some(serde_json::to_value(now)?)));
        saved.clone_from(now);
    }
    Ok(())
}

/// The section's JSON as `catch_up` assumes it: an object with every field, maps as
/// objects. Used by the tests; kept here beside the assumption.
#[cfg(test)]
fn stored_form(m: &MotivationState) -> Value {
    serde_json::to_value(m).expect("motivation serialises")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attempt::{Attempt, PracticeMode};
    use crate::content::Catalog;
    use crate::rewards::{self, ConfidenceTally};
    use crate::rng::SeededRng;
    use crate::motivation::{DailyGoal, MotivationEvent};
    use crate::Timestamp;

    /// `parts` applied to `data` (sets and removals of keys).
    fn apply(data: &mut Value, parts: &[Part]) {
        for (path, v) in parts {
            let (last, parents) = path.split_last().expect("a path");
            let mut at = &mut *data;
            for k in parents {
                at = at.get_mut(k).expect("parent there");
            }
            let map = at.as_object_mut().expect("an object");
            match v {
                Some(v) => map.insert(last.clone(), v.clone()),
                None => map.remove(last),
            };
        }
    }

    #[test]
    fn the_changes_of_motivation_turn_its_stored_form_into_the_new_one() {
        let catalog = Catalog::builtin().expect("catalog");
        let g = catalog.graph();
        let ids: Vec<_> = g.nodes().iter().map(|n| n.id.clone()).collect();
        let mut rng = SeededRng::new(8);
        let mut now = MotivationState::default();
        let mut saved = MotivationState::default();
        let confidence = ConfidenceTally::default();
        let mut at = 1_790_000_000_000i64;
        let (mut parts_total, mut whole_keys) = (0usize, 0usize);
        for k in 0..3_000 {
            let before = now.clone();
            // Answers, now and then a day or weeks away, a reflection, a new goal, and
            // rarely the same answer twice (refused: nothing changes).
            at += if rng.chance(0.003) {
                rng.range_i64(10, 40) * 86_400_000
            } else if rng.chance(0.04) {
                rng.range_i64(1, 3) * 86_400_000
            } else {
                rng.range_i64(3_000, 60_000)
            };
            let a = Attempt {
                at: Timestamp(at),
                skill: ids[rng.index(ids.len().min(6 + k / 100))].clone(),
                level: 1 + rng.index(5) as u8,
                correct: rng.chance(0.75),
                response_ms: rng.range_i64(800, 30_000) as u32,
                hints_used: if rng.chance(0.1) { 1 } else { 0 },
                mode: PracticeMode::Mixed,
            };
            let events = if rng.chance(0.03) {
                vec![MotivationEvent::Reflection { at: Timestamp(at), words: rng.index(30) }]
            } else {
                rewards::answer_events(&a, None, None, false, 0)
            };
            rewards::apply(&mut now, &events, &confidence, g, Timestamp(at), 0);
            if rng.chance(0.01) {
                now.goal = DailyGoal::Xp(50);
            }
            if rng.chance(0.01) {
                rewards::apply(&mut now, &events, &confidence, g, Timestamp(at), 0);
            }
            if rng.chance(0.005) {
                // A badge taken away (an import of older data can do this): removed by key.
                let first = now.badges.keys().next().cloned();
                if let Some(b) = first {
                    now.badges.remove(&b);
                }
            }
            let mut data = stored_form(&before);
            let parts = catch_up(&mut saved, &now).expect("serialises");
            apply(&mut data, &parts);
            assert_eq!(data, stored_form(&now), "after step {k}: {parts:?}");
            assert_eq!(saved, now, "after step {k}: caught up");
            parts_total += parts.len();
            whole_keys += 8 + now.skills.len() + now.badges.len();
        }
        assert!(now.seen.len() >= 512 && now.days.len() > 10 && !now.badges.is_empty(), "the run reached full lists and badges: {} {} {}", now.seen.len(), now.days.len(), now.badges.len());
        assert!(parts_total * 4 < whole_keys, "parts are a small share of the section: {parts_total} vs {whole_keys}");
        // No change, no parts; a skill tally gone is removed by key.
        assert_eq!(catch_up(&mut saved, &now.clone()).expect("serialises"), vec![]);
        let mut fewer = now.clone();
        let first = fewer.skills.keys().next().cloned().expect("a skill");
        fewer.skills.remove(&first);
        let parts = catch_up(&mut saved, &fewer).expect("serialises");
        assert_eq!(parts, vec![(vec!["skills".to_string(), first.as_str().to_string()], None)]);
        assert_eq!(saved, fewer);
    }
}
