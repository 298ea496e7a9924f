//! The motivation section saved by its changed parts. After an answer the section changes
//! in a few places (XP, today's tally, the streak, one skill's tally, a counter, one more
//! remembered event), but written whole it is the learner's running totals, up to 35 day
//! tallies and up to 512 remembered events: serialising all of that and comparing it with
//! the stored copy after every answer costs more than the rest of the save. As
//! `engine::stored::catch_up` does for the model, this compares the state with the copy
//! last saved, field by field, and says only what changed.

use super::MotivationState;
use crate::engine::stored::keyed_parts;
use crate::persistence::patch::{Edit, edits_of, list_parts};
use serde::Serialize;
use serde_json::Value;

/// Brings `saved` (the section as last saved) up to `now` and returns the edits that turn
/// the stored form of `saved` into that of `now`, as `LearnerRecord::edit_section` takes
/// them, `saved` brought up to date, copying only what changed. A field changed is set
/// whole, except the per-skill tallies and the badges, which are set per key, and the
/// lists of days and events, which are said by the items that changed (today's tally) or
/// as a slide (a new day, a new event and the oldest dropped).
pub fn catch_up(saved: &mut MotivationState, now: &MotivationState) -> Result<Vec<Edit>, serde_json::Error> {
    // Every field is named, so a field added later does not go unsaved (compile error).
    let MotivationState { xp, goal, days, streak, skills, counters, badges, seen } = now;
    let mut parts = Vec::new();
    field("xp", &mut saved.xp, xp, &mut parts)?;
    field("goal", &mut saved.goal, goal, &mut parts)?;
    field("streak", &mut saved.streak, streak, &mut parts)?;
    keyed_parts("skills", &mut saved.skills, skills, |k| k.as_str(), &mut parts)?;
    field("counters", &mut saved.counters, counters, &mut parts)?;
    keyed_parts("badges", &mut saved.badges, badges, String::as_str, &mut parts)?;
    let mut out = edits_of(parts);
    list_parts(&["days".to_string()], &mut saved.days, days, &mut out)?;
    list_parts(&["seen".to_string()], &mut saved.seen, seen, &mut out)?;
    Ok(out)
}

fn field<T: PartialEq + Clone + Serialize>(name: &str, saved: &mut T, now: &T, out: &mut Vec<(Vec<String>, Option<Value>)>) -> Result<(), serde_json::Error> {
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

    /// `edits` applied to `data`, both as a patch is read back and as a save makes them
    /// in the held record (`LearnerRecord::edit_section`), which `restore_edits` undoes.
    fn apply(data: &mut Value, edits: &[Edit]) {
        use crate::persistence::record::LearnerRecord;
        let id = crate::LearnerId::parse("kid").expect("id");
        let mut rec = LearnerRecord::new(id);
        rec.swap_sections(vec![("motivation".to_string(), data.clone())]);
        let rev = rec.sections["motivation"].rev;
        let undo = rec.edit_section("motivation", rev, edits.to_vec()).expect("edits fit");
        crate::persistence::patch::apply(data, edits).expect("edits apply");
        assert_eq!(&rec.sections["motivation"].data, &*data, "held and read back alike: {edits:?}");
        if let Some(undo) = undo {
            let edited = data.clone();
            rec.restore_edits(undo);
            assert_ne!(rec.sections["motivation"].data, edited, "undone");
            assert_eq!(rec.sections["motivation"].rev, rev);
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
        let (mut slides, mut day_items) = (0usize, 0usize);
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
            for e in &parts {
                match e {
                    Edit::Slide(p, _, added) if p[0] == "seen" => slides += usize::from(added.len() < 4),
                    Edit::Set(p, _) if p.len() == 2 && p[0] == "days" => day_items += 1,
                    _ => {}
                }
            }
        }
        assert!(now.seen.len() >= 512 && now.days.len() > 10 && !now.badges.is_empty(), "the run reached full lists and badges: {} {} {}", now.seen.len(), now.days.len(), now.badges.len());
        assert!(slides > 2_000 && day_items > 2_000, "events slide and today's tally is set by its position: {slides} {day_items}");
        assert!(parts_total * 4 < whole_keys, "parts are a small share of the section: {parts_total} vs {whole_keys}");
        // No change, no parts; a skill tally gone is removed by key.
        assert_eq!(catch_up(&mut saved, &now.clone()).expect("serialises"), vec![]);
        let mut fewer = now.clone();
        let first = fewer.skills.keys().next().cloned().expect("a skill");
        fewer.skills.remove(&first);
        let parts = catch_up(&mut saved, &fewer).expect("serialises");
        assert_eq!(parts, vec![Edit::Remove(vec!["skills".to_string(), first.as_str().to_string()])]);
        assert_eq!(saved, fewer);
    }
}
