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
