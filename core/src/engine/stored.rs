//! How the learner model's numbers are written to storage: short, and only as precise as
//! the model can use. The model is rewritten after every answer, so every character counts
//! (a ten-year learner's model is most of their hot record).
//!
//! - Estimates on the logit scale and FSRS memory states keep 4 decimals (a step of the
//!   model is at least 0.03; FSRS schedules in whole days or minutes).
//! - Chances kept as `f32` are already rounded to thousandths by the model; they are
//!   written from that decimal (0.906), not from the `f32`'s binary value widened to `f64`
//!   (0.906000018119812), which is what a JSON value tree would otherwise hold.
//!
//! Reading is plain serde: any number is accepted, so data written before is read as it is.

use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serializer};
use super::learner::LearnerModel;
use crate::SkillId;
use std::collections::BTreeMap;

/// `x` rounded to 4 decimals (non-finite values are left as they are: serde_json writes
/// them as null, as before).
pub fn round4(x: f64) -> f64 {
    if !x.is_finite() {
        return x;
    }
    let r = (x * 10_000.0).round() / 10_000.0;
    if r == 0.0 { 0.0 } else { r }
}

/// An `f32` that holds thousandths, as the `f64` of that decimal.
pub fn thousandths_f64(x: f32) -> f64 {
    let x = x as f64;
    if !x.is_finite() {
        return x;
    }
    (x * 1000.0).round() / 1000.0
}

pub fn f64_4<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(round4(*x))
}

pub fn opt_f32_3<S: Serializer>(x: &Option<f32>, s: S) -> Result<S::Ok, S::Error> {
    match x {
        Some(v) => s.serialize_some(&thousandths_f64(*v)),
        None => s.serialize_none(),
    }
}

pub fn opt_f32x5_3<S: Serializer>(x: &Option<[f32; 5]>, s: S) -> Result<S::Ok, S::Error> {
    match x {
        Some(v) => s.serialize_some(&v.map(thousandths_f64)),
        None => s.serialize_none(),
    }
}

/// The item-family map, held in memory keyed `skill/level`, is stored grouped by skill:
/// `"add.make-10":[[2.4357,151],[1.9002,152],null,...]`, level 1 first, each difficulty
/// offset to 4 decimals. A key that is not `skill/1..=5` is stored as it is held.
pub fn family<S: Serializer>(m: &BTreeMap<String, (f64, u32)>, s: S) -> Result<S::Ok, S::Error> {
    let mut grouped: BTreeMap<&str, [Option<(f64, u32)>; 5]> = BTreeMap::new();
    let mut other: Vec<(&str, (f64, u32))> = Vec::new();
    for (k, (offset, n)) in m {
        let entry = (round4(*offset), *n);
        match k.rsplit_once('/').and_then(|(skill, l)| {
            Some((
                skill,
                l.parse::<usize>().ok().filter(|l| (1..=5).contains(l))?,
            ))
        }) {
            Some((skill, level))
                if !skill.is_empty() && !skill.contains('/') && !m.contains_key(skill) =>
            {
                if let Some(slot) = grouped.entry(skill).or_default().get_mut(level - 1) {
                    *slot = Some(entry);
                }
            }
            _ => other.push((k, entry)),
        }
    }
    let mut map = s.serialize_map(Some(grouped.len() + other.len()))?;
    for (skill, levels) in &grouped {
        let last = levels
            .iter()
            .rposition(Option::is_some)
            .map_or(0, |i| i + 1);
        map.serialize_entry(skill, &levels[..last])?;
    }
    for (k, e) in other {
        map.serialize_entry(k, &e)?;
    }
    map.end()
}

/// Reads the family map in either form: each entry one family `[offset, n]` (as held, or
/// as stored before grouping) or a skill's levels `[[offset, n] | null, ...]`. (Read through
/// JSON values, which the app already carries, rather than an untagged enum, whose
/// buffering code would add to the bundle.)
pub fn family_de<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, (f64, u32)>, D::Error> {
    use serde::de::Error;
    let pair = |v: &serde_json::Value| -> Option<(f64, u32)> {
        match v.as_array()?.as_slice() {
            [o, n] => Some((o.as_f64()?, u32::try_from(n.as_u64()?).ok()?)),
            _ => None,
        }
    };
    let stored: BTreeMap<String, serde_json::Value> = BTreeMap::deserialize(d)?;
    let mut m = BTreeMap::new();
    for (k, v) in stored {
        if let Some(one) = pair(&v) {
            m.insert(k, one);
            continue;
        }
        let levels = v.as_array().ok_or_else(|| D::Error::custom(format!("item family {k:?} is not a list")))?;
        if levels.len() > 5 {
            return Err(D::Error::custom(format!("item family {k:?} has more than 5 levels")));
        }
        for (i, l) in levels.iter().enumerate() {
            if l.is_null() {
                continue;
            }
            let one = pair(l).ok_or_else(|| D::Error::custom(format!("item family {k:?} level {} is not [offset, n]", i + 1)))?;
            m.insert(format!("{k}/{}", i + 1), one);
        }
    }
    Ok(m)
}

/// The skill of an item-family key held as `skill/1..=5` (the form every family the
/// engine makes has).
fn family_skill(key: &str) -> Option<&str> {
    let (skill, level) = key.rsplit_once('/')?;
    let plain = !skill.is_empty() && !skill.contains('/') && matches!(level, "1" | "2" | "3" | "4" | "5");
    plain.then_some(skill)
}

/// Whether every item-family key of `skill` in `family` is `skill/1..=5` and `skill` is
/// not a key itself: then the stored form holds that skill's families grouped.
fn plain_families(family: &BTreeMap<String, (f64, u32)>, skill: &str) -> bool {
    !family.contains_key(skill) && families_of(family, skill).all(|(k, _)| family_skill(k) == Some(skill))
}

/// The entries of `family` keyed `skill/…` (a skill's item families), in key order.
fn families_of<'a>(family: &'a BTreeMap<String, (f64, u32)>, skill: &str) -> impl Iterator<Item = (&'a String, &'a (f64, u32))> {
    let prefix = format!("{skill}/");
    family.range::<str, _>((std::ops::Bound::Included(prefix.as_str()), std::ops::Bound::Unbounded)).take_while(move |(k, _)| k.starts_with(&prefix))
}

/// Walks two maps together in key order, once: `visit(key, value in a, value in b)` for
/// every key in either (`None` where a map lacks it), until `visit` returns false; returns
/// whether the walk went to the end. One comparison of keys a step, no look-ups: what
/// `catch_up` does after every answer on maps of a few hundred entries.
pub(crate) fn walk_together<'a, 'b, K: Ord, V>(a: &'a BTreeMap<K, V>, b: &'b BTreeMap<K, V>, mut visit: impl FnMut(&K, Option<&'a V>, Option<&'b V>) -> bool) -> bool {
    use std::cmp::Ordering;
    let (mut a, mut b) = (a.iter(), b.iter());
    let (mut x, mut y) = (a.next(), b.next());
    loop {
        let go_on = match (x, y) {
            (None, None) => return true,
            (Some((ka, va)), None) => {
                x = a.next();
                visit(ka, Some(va), None)
            }
            (None, Some((kb, vb))) => {
                y = b.next();
                visit(kb, None, Some(vb))
            }
            (Some((ka, va)), Some((kb, vb))) => match ka.cmp(kb) {
                Ordering::Less => {
                    x = a.next();
                    visit(ka, Some(va), None)
                }
                Ordering::Greater => {
                    y = b.next();
                    visit(kb, None, Some(vb))
                }
                Ordering::Equal => {
                    x = a.next();
                    y = b.next();
                    visit(kb, Some(va), Some(vb))
                }
            },
        };
        if !go_on {
            return false;
        }
    }
}

/// The parts of a map stored as an object under `name` (`name/<key>` set to the entry's
/// JSON, or removed), for the entries of `now` that differ from `saved`; `saved` is caught
/// up on the way.
pub(crate) fn keyed_parts<K: Ord + Clone, V: PartialEq + Clone + serde::Serialize>(
    name: &str,
    saved: &mut BTreeMap<K, V>,
    now: &BTreeMap<K, V>,
    key: impl Fn(&K) -> &str,
    out: &mut Vec<Part>,
) -> Result<(), serde_json::Error> {
    let mut changed = Vec::new();
    walk_together(saved, now, |k, was, v| {
        if was != v {
            changed.push((k.clone(), v));
        }
        true
    });
    for (k, v) in changed {
        set_part(name, saved, &k, v, key(&k), out)?;
    }
    Ok(())
}

/// The part saying that `saved`'s entry `k` is now `now` (`None`: gone), stored as an
/// object under `name`; `saved` is caught up.
fn set_part<K: Ord + Clone, V: Clone + serde::Serialize>(name: &str, saved: &mut BTreeMap<K, V>, k: &K, now: Option<&V>, key: &str, out: &mut Vec<Part>) -> Result<(), serde_json::Error> {
    let path = vec![name.to_string(), key.to_string()];
    match now {
        Some(v) => {
            out.push((path, Some(serde_json::to_value(v)?)));
            saved.insert(k.clone(), v.clone());
        }
        None => {
            out.push((path, None));
            saved.remove(k);
        }
    }
    Ok(())
}

/// One change in a model's stored form: the JSON path, and the value now there (`None`:
/// the key is gone).
pub type Part = (Vec<String>, Option<serde_json::Value>);

/// Brings `saved` (the model as last saved) up to `model` and returns what changed in the
/// stored form, as the keys of its JSON set or removed: `skills/<id>` for each skill whose
/// state changed, `family/<skill>` for each skill with a changed item family, and each
/// changed top-level field. Applied to the stored form of `saved` as it was, the parts give
/// that of `model` (tested). Comparing the two models, in order and without looking keys
/// up, and copying only what changed, costs far less than writing the whole model as JSON
/// and comparing that, which saving after every answer would otherwise do.
/// `Ok(None)`, with `saved` untouched, when the changes cannot be said by parts (an item
/// family not keyed `skill/level`, which the engine never makes): save whole. After an
/// error, `saved` must not be used again.
pub fn catch_up(saved: &mut LearnerModel, model: &LearnerModel) -> Result<Option<Vec<Part>>, serde_json::Error> {
    catch_up_in(saved, model, None)
}

/// `catch_up` when the model changed only through `LearnerModel::record` on the skills
/// `touched` since `saved` was last caught up (the practice page knows which skills it
/// answered): only those skills' states and item families, and the model's own fields,
/// are compared, instead of every skill and family the learner has. In that case it gives
/// what `catch_up` gives, and `saved` ends the same (tested on thousands of answers); a
/// change anywhere else would be missed, so a caller that cannot tell uses `catch_up`.
pub fn catch_up_touched(saved: &mut LearnerModel, model: &LearnerModel, touched: &[SkillId]) -> Result<Option<Vec<Part>>, serde_json::Error> {
    let mut skills: Vec<&SkillId> = touched.iter().collect();
    skills.sort_unstable();
    skills.dedup();
    catch_up_in(saved, model, Some(&skills))
}

/// `catch_up` over every skill (`only`: `None`) or over these skills only.
fn catch_up_in(saved: &mut LearnerModel, model: &LearnerModel, only: Option<&[&SkillId]>) -> Result<Option<Vec<Part>>, serde_json::Error> {
    use serde_json::Value;
    // Item families that changed, with their value now (both maps walked once, in key
    // order); every changed key must be one the engine makes (an unchanged one says no
    // part, so it is not parsed: a few hundred keys after every answer).
    let mut families: Vec<(String, Option<(f64, u32)>)> = Vec::new();
    let mut visit = |key: &String, was: Option<&(f64, u32)>, now: Option<&(f64, u32)>| {
        if was == now {
            return true;
        }
        if family_skill(key).is_none() {
            return false;
        }
        families.push((key.clone(), now.copied()));
        true
    };
    let by_parts = match only {
        None => walk_together(&saved.family, &model.family, visit),
        Some(skills) => skills.iter().all(|skill| {
            let of = |family| families_of(family, skill.as_str()).map(|(k, v)| (k.clone(), *v)).collect::<BTreeMap<_, _>>();
            walk_together(&of(&saved.family), &of(&model.family), &mut visit)
        }),
    };
    if !by_parts {
        return Ok(None);
    }
    let key = |a: &str, b: &str| vec![a.to_string(), b.to_string()];
    let mut out: Vec<Part> = Vec::new();
    // A skill's families are stored together (see `family`): its levels 1..=5, each
    // `[offset, n]` or null, up to the last it has.
    let mut last_skill: Option<&str> = None;
    for (k, _) in &families {
        let Some(skill) = family_skill(k) else { continue };
        // One skill's keys are next to each other in key order.
        if last_skill == Some(skill) {
            continue;
        }
        last_skill = Some(skill);
        // The stored form groups a skill's families only when all its keys are plain
        // (`family_ser`); the engine makes no other, but what was read may hold one.
        if !plain_families(&model.family, skill) {
            return Ok(None);
        }
        let mut levels: Vec<Value> = (1..=5)
            .map(|l| model.family.get(&format!("{skill}/{l}")).map_or(Value::Null, |(o, n)| serde_json::json!([round4(*o), n])))
            .collect();
        while levels.last().is_some_and(Value::is_null) {
            levels.pop();
        }
        out.push((key("family", skill), (!levels.is_empty()).then_some(Value::Array(levels))));
    }
    for (k, now) in families {
        match now {
            Some(v) => saved.family.insert(k, v),
            None => saved.family.remove(&k),
        };
    }
    // Skills whose state changed, or that are new or gone.
    match only {
        None => keyed_parts("skills", &mut saved.skills, &model.skills, |id| id.as_str(), &mut out)?,
        Some(skills) => {
            for &skill in skills {
                let now = model.skills.get(skill);
                if saved.skills.get(skill) != now {
                    set_part("skills", &mut saved.skills, skill, now, skill.as_str(), &mut out)?;
                }
            }
        }
    }
    // The other fields, written as the whole model writes them.
    let top = |m: &LearnerModel| -> Result<serde_json::Map<String, Value>, serde_json::Error> {
        let LearnerModel { skills: _, family: _, answers, last_skill, pace, known_rate, guess_rate } = m;
        let shell = LearnerModel { answers: *answers, last_skill: last_skill.clone(), pace: *pace, known_rate: *known_rate, guess_rate: *guess_rate, ..LearnerModel::default() };
        match serde_json::to_value(shell)? {
            Value::Object(mut o) => {
                o.remove("skills");
                o.remove("family");
                Ok(o)
            }
            _ => Ok(serde_json::Map::new()),
        }
    };
    let (was, now) = (top(saved)?, top(model)?);
    for (k, v) in &now {
        if was.get(k) != Some(v) {
            out.push((vec![k.clone()], Some(v.clone())));
        }
    }
    for k in was.keys().filter(|k| !now.contains_key(*k)) {
        out.push((vec![k.clone()], None));
    }
    saved.answers = model.answers;
    saved.last_skill = model.last_skill.clone();
    saved.pace = model.pace;
    saved.known_rate = model.known_rate;
    saved.guess_rate = model.guess_rate;
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_keeps_four_decimals_and_never_writes_minus_zero() {
        assert_eq!(round4(2.3585662236978027), 2.3586);
        assert_eq!(round4(-0.00001), 0.0);
        assert!(round4(-0.00001).is_sign_positive());
        assert_eq!(round4(547.2823793546277), 547.2824);
        assert!(round4(f64::NAN).is_nan());
    }

    #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    struct F {
        #[serde(serialize_with = "family", deserialize_with = "family_de")]
        f: BTreeMap<String, (f64, u32)>,
    }

    #[test]
    fn families_are_stored_by_skill_and_read_in_both_forms() {
        let mut f = BTreeMap::new();
        f.insert("add.make-10/1".to_string(), (2.4356939853153, 151));
        f.insert("add.make-10/3".to_string(), (-0.00001, 2));
        f.insert("frac.add/5".to_string(), (0.5, 1));
        f.insert("odd/9".to_string(), (0.25, 3));
        f.insert("plain".to_string(), (1.0, 1));
        let json = serde_json::to_string(&F { f: f.clone() }).unwrap();
        assert_eq!(
            json,
            r#"{"f":{"add.make-10":[[2.4357,151],null,[0.0,2]],"frac.add":[null,null,null,null,[0.5,1]],"odd/9":[0.25,3],"plain":[1.0,1]}}"#
        );
        let back: F = serde_json::from_str(&json).unwrap();
        assert_eq!(back.f.len(), 5);
        assert_eq!(back.f["add.make-10/1"], (2.4357, 151));
        assert_eq!(back.f["add.make-10/3"], (0.0, 2));
        assert_eq!(back.f["frac.add/5"], (0.5, 1));
        assert_eq!(back.f["odd/9"], (0.25, 3));
        // As stored before grouping.
        let old: F = serde_json::from_str(
            r#"{"f":{"add.make-10/1":[2.4356939853153,151],"frac.add/5":[0.5,1]}}"#,
        )
        .unwrap();
        assert_eq!(old.f["add.make-10/1"], (2.4356939853153, 151));
        // A skill key and a grouped one that would collide stay apart.
        let mut clash = BTreeMap::new();
        clash.insert("a".to_string(), (1.0, 1));
        clash.insert("a/1".to_string(), (2.0, 2));
        let back: F =
            serde_json::from_str(&serde_json::to_string(&F { f: clash.clone() }).unwrap()).unwrap();
        assert_eq!(back.f, clash);
        assert!(
            serde_json::from_str::<F>(r#"{"f":{"a":[null,null,null,null,null,[1.0,1]]}}"#).is_err()
        );
        assert!(serde_json::from_str::<F>(r#"{"f":{"a":"x"}}"#).is_err());
    }

    /// `parts` applied to `data` (sets and removals of keys).
    fn apply(data: &mut serde_json::Value, parts: &[Part]) {
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
    fn the_changes_of_a_model_turn_its_stored_form_into_the_new_one() {
        use crate::attempt::{Attempt, PracticeMode};
        use crate::content::Catalog;
        use crate::engine::model::EngineParams;
        use crate::engine::review::Scheduler;
        use crate::rng::SeededRng;
        use crate::Timestamp;
        let catalog = Catalog::builtin().expect("catalog");
        let g = catalog.graph();
        let ids: Vec<_> = g.nodes().iter().map(|n| n.id.clone()).collect();
        let mut rng = SeededRng::new(5);
        let mut model = LearnerModel::default();
        let mut saved = LearnerModel::default();
        // Caught up by `catch_up_touched`, told the skill each step changed.
        let mut saved_touched = LearnerModel::default();
        let mut at = 1_790_000_000_000i64;
        let (mut parts_total, mut whole_keys) = (0usize, 0usize);
        for k in 0..2_000 {
            let before = model.clone();
            // Mostly answers (one skill each), sometimes a skill placed, sometimes days away.
            at += if rng.chance(0.05) { rng.range_i64(1, 20) * 86_400_000 } else { rng.range_i64(3_000, 60_000) };
            let skill = ids[rng.index(ids.len().min(12 + k / 50))].clone();
            if rng.chance(0.03) {
                model.place_known(&skill, 1.0);
            } else {
                let a = Attempt {
                    at: Timestamp(at),
                    skill: skill.clone(),
                    level: 1 + rng.index(5) as u8,
                    correct: rng.chance(0.7),
                    response_ms: rng.range_i64(800, 30_000) as u32,
                    hints_used: if rng.chance(0.1) { 1 } else { 0 },
                    mode: if rng.chance(0.3) { PracticeMode::Review } else { PracticeMode::Mixed },
                };
                model.record(g, &a, &EngineParams::default(), 0, &Scheduler::default());
            }
            let mut data = serde_json::to_value(&before).expect("json");
            let parts = catch_up(&mut saved, &model).expect("serializes").expect("by parts");
            let mut data_touched = data.clone();
            apply(&mut data, &parts);
            assert_eq!(data, serde_json::to_value(&model).expect("json"), "after step {k}: {parts:?}");
            assert_eq!(saved, model, "after step {k}: caught up");
            // Told which skill changed (twice, and with one that did not), the same result.
            let other = ids[rng.index(ids.len())].clone();
            let touched = catch_up_touched(&mut saved_touched, &model, &[skill.clone(), other, skill]).expect("serializes").expect("by parts");
            apply(&mut data_touched, &touched);
            assert_eq!(data_touched, data, "after step {k}: {touched:?}");
            assert_eq!(saved_touched, model, "after step {k}: caught up when told");
            assert_eq!(touched.len(), parts.len(), "after step {k}");
            parts_total += parts.len();
            whole_keys += model.skills.len() + model.family.len();
        }
        assert!(parts_total * 10 < whole_keys, "parts are a small share of the model: {parts_total} vs {whole_keys}");
        // A model with a family the engine never makes is saved whole, `saved` untouched.
        let mut odd = model.clone();
        odd.family.insert("not-a-family".into(), (0.0, 1));
        odd.answers += 1;
        assert_eq!(catch_up(&mut saved, &odd).expect("serializes"), None);
        assert_eq!(saved, model);
        // An odd key that stays as it was: a change to a family of the skill it names keeps
        // the model whole (its families are not stored grouped), a change elsewhere goes by
        // parts and leaves the odd key as stored.
        let skills: Vec<String> = model.family.keys().filter_map(|k| family_skill(k)).map(str::to_string).collect();
        let (sk, other) = (skills.first().expect("a family").clone(), skills.iter().find(|s| **s != skills[0]).expect("two skills").clone());
        let mut with_odd = model.clone();
        with_odd.family.insert(sk.clone(), (0.25, 3));
        let mut kept = with_odd.clone();
        let mut next = with_odd.clone();
        next.family.insert(format!("{sk}/1"), (0.5, 9));
        assert_eq!(catch_up(&mut kept, &next).expect("serializes"), None);
        assert_eq!(kept, with_odd, "untouched");
        let mut next = with_odd.clone();
        next.family.insert(format!("{other}/2"), (0.5, 9));
        let mut data = serde_json::to_value(&with_odd).expect("json");
        let parts = catch_up(&mut kept, &next).expect("serializes").expect("by parts");
        apply(&mut data, &parts);
        assert_eq!(data, serde_json::to_value(&next).expect("json"));
        // No change, no parts.
        assert_eq!(catch_up(&mut saved, &model.clone()).expect("serializes"), Some(vec![]));
        assert_eq!(catch_up_touched(&mut saved, &model.clone(), &ids).expect("serializes"), Some(vec![]));
        // Told of no skill, a changed skill is not looked at (the caller must say which it
        // changed); its own fields still are.
        let mut changed = model.clone();
        let first = changed.skills.keys().next().cloned().expect("a skill");
        if let Some(state) = changed.skills.get_mut(&first) {
            state.answers += 1;
        }
        changed.answers += 1;
        let mut kept = model.clone();
        let parts = catch_up_touched(&mut kept, &changed, &[]).expect("serializes").expect("by parts");
        assert_eq!(parts, vec![(vec!["answers".to_string()], Some(serde_json::json!(changed.answers)))]);
        // A family the engine never makes, on a skill it is told of: saved whole.
        let mut odd = model.clone();
        odd.family.insert(format!("{first}/9"), (0.0, 1));
        let mut kept = model.clone();
        assert_eq!(catch_up_touched(&mut kept, &odd, std::slice::from_ref(&first)).expect("serializes"), None);
        // Skills and families that are gone are removed.
        let mut fewer = model.clone();
        let first = fewer.skills.keys().next().cloned().expect("a skill");
        fewer.skills.remove(&first);
        let fam = fewer.family.keys().next().cloned().expect("a family");
        fewer.family.remove(&fam);
        let mut data = serde_json::to_value(&model).expect("json");
        let parts = catch_up(&mut saved, &fewer).expect("serializes").expect("by parts");
        apply(&mut data, &parts);
        assert_eq!(data, serde_json::to_value(&fewer).expect("json"));
        assert_eq!(saved, fewer);
    }

    #[test]
    fn walking_two_maps_together_visits_every_key_once_in_order() {
        let a: BTreeMap<u32, char> = [(1, 'a'), (3, 'c'), (4, 'd'), (9, 'i')].into_iter().collect();
        let b: BTreeMap<u32, char> = [(0, 'z'), (3, 'C'), (4, 'd'), (7, 'g')].into_iter().collect();
        let mut seen = Vec::new();
        assert!(walk_together(&a, &b, |k, x, y| {
            seen.push((*k, x.copied(), y.copied()));
            true
        }));
        assert_eq!(
            seen,
            vec![(0, None, Some('z')), (1, Some('a'), None), (3, Some('c'), Some('C')), (4, Some('d'), Some('d')), (7, None, Some('g')), (9, Some('i'), None)]
        );
        let mut n = 0;
        assert!(!walk_together(&a, &b, |_, _, _| {
            n += 1;
            n < 3
        }));
        assert_eq!(n, 3, "stops when told");
        assert!(walk_together(&BTreeMap::<u32, u32>::new(), &BTreeMap::new(), |_, _, _| false));
    }

    #[test]
    fn thousandths_are_written_as_their_decimal() {
        let x: f32 = 0.906;
        assert_eq!(
            serde_json::to_value(thousandths_f64(x))
                .unwrap()
                .to_string(),
            "0.906"
        );
        assert_ne!(serde_json::to_value(x as f64).unwrap().to_string(), "0.906");
    }
}
