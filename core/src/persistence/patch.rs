//! Patches: what changed in a learner's hot record since it was last written whole.
//!
//! A learner who has practised for years has a large hot record (tens of thousands of
//! characters), and every answer changes a little of it: one skill's state, a few counters.
//! Rewriting the whole record after each answer costs time that grows with the learner.
//! Instead, while one tab is the only writer, the vault writes the record whole now and
//! then (a *checkpoint*, the learner slot) and after each save in between only a *patch*
//! (the learner's patch slot): for each section changed since the checkpoint, its revision
//! and the edits that turn the checkpoint's data into today's.
//!
//! A patch is cumulative (it always goes from the checkpoint to now, never from the
//! previous patch), so it is read alone, and it names the checkpoint it belongs to (the
//! pointer text the checkpoint was written under; it is matched on the generation and its
//! CRC, which a repair of the pointer leaves as they were). A patch whose checkpoint is no
//! longer the one read is stale and ignored: a newer checkpoint already holds everything it
//! said. When the newest checkpoint is damaged and the previous one is read instead, the
//! patch written on that previous one applies again: the best state left.
//! Both slots are written with the usual crash-safe generations, so a crash at any point
//! leaves the previous good state readable.
//!
//! Edits are paths into JSON objects and lists. A list that only lost items at its front and
//! gained some at its end is said as such (a slide); one of the same length with at most
//! half its items changed is said item by item, each by its position (since schema 3:
//! after an answer, only today's tally in the list of days changes); any other list is
//! replaced whole. Applying the edits to the checkpoint's data gives back exactly the data
//! they were made from.

use super::PersistError;
use super::record::{LearnerRecord, Section, valid_section_name};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

pub const PATCH_FORMAT: &str = "waypoint-learner-patch";

/// Deepest path a patch may name (the hot record's sections are shallow).
const MAX_PATH: usize = 16;
/// The longest list prefix looked for when a list slid (dropped items at its front).
const MAX_SLIDE: usize = 64;

/// One edit of a section's data.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Sets the value at the path (the empty path: the whole data).
    Set(Vec<String>, Value),
    /// Removes the key at the path.
    Remove(Vec<String>),
    /// The list at the path drops its first `n` items and gains these at its end.
    Slide(Vec<String>, usize, Vec<Value>),
}

impl Edit {
    /// The path the edit names.
    pub fn path(&self) -> &[String] {
        match self {
            Edit::Set(p, _) | Edit::Remove(p) | Edit::Slide(p, _, _) => p,
        }
    }
}

/// Edits from parts of a section said as paths and what each holds now (`None`: removed),
/// as the engine says what changed in its model (`engine::stored::catch_up`).
pub fn edits_of(parts: Vec<(Vec<String>, Option<Value>)>) -> Vec<Edit> {
    parts
        .into_iter()
        .map(|(path, v)| match v {
            Some(v) => Edit::Set(path, v),
            None => Edit::Remove(path),
        })
        .collect()
}

/// The edits that turn `from` into `to` (`from` absent: the whole of `to`).
pub fn diff(from: Option<&Value>, to: &Value) -> Vec<Edit> {
    let mut out = Vec::new();
    match from {
        Some(f) => diff_into(f, to, &mut Vec::new(), &mut out),
        None => out.push(Edit::Set(Vec::new(), to.clone())),
    }
    out
}

/// The edits that turn what `from` holds at `path` into what `to` holds there (either may
/// hold nothing there), each edit naming its full path: for a save that knows which parts
/// of a section changed, so that only those are compared.
pub fn diff_at(from: &Value, to: &Value, path: &[String]) -> Vec<Edit> {
    let mut out = Vec::new();
    match (get_at(from, path), get_at(to, path)) {
        (Some(f), Some(t)) => diff_into(f, t, &mut path.to_vec(), &mut out),
        (None, Some(t)) => out.push(Edit::Set(path.to_vec(), t.clone())),
        (Some(_), None) => out.push(Edit::Remove(path.to_vec())),
        (None, None) => {}
    }
    out
}

/// `get_at`, mutable.
pub fn get_at_mut<'a>(data: &'a mut Value, path: &[String]) -> Option<&'a mut Value> {
    path.iter().try_fold(data, |at, k| at.as_object_mut()?.get_mut(k))
}

/// What `data` holds at `path` (through objects only).
pub fn get_at<'a>(data: &'a Value, path: &[String]) -> Option<&'a Value> {
    path.iter().try_fold(data, |at, k| at.as_object()?.get(k))
}

fn diff_into(from: &Value, to: &Value, path: &mut Vec<String>, out: &mut Vec<Edit>) {
    if from == to {
        return;
    }
    match (from, to) {
        (Value::Object(a), Value::Object(b)) if path.len() < MAX_PATH => {
            for (k, bv) in b {
                path.push(k.clone());
                match a.get(k) {
                    Some(av) => diff_into(av, bv, path, out),
                    None => out.push(Edit::Set(path.clone(), bv.clone())),
                }
                path.pop();
            }
            for k in a.keys() {
                if !b.contains_key(k) {
                    let mut p = path.clone();
                    p.push(k.clone());
                    out.push(Edit::Remove(p));
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => match slid(a, b) {
            Some(n) => out.push(Edit::Slide(path.clone(), n, b[a.len() - n..].to_vec())),
            // The same length with few items changed (today's tally in a list of days):
            // each changed item by its position.
            None if a.len() == b.len() && path.len() < MAX_PATH && a.iter().zip(b).filter(|(x, y)| x != y).count() * 2 <= a.len() => {
                for (i, (x, y)) in a.iter().zip(b).enumerate() {
                    if x != y {
                        path.push(i.to_string());
                        diff_into(x, y, path, out);
                        path.pop();
                    }
                }
            }
            None => out.push(Edit::Set(path.clone(), to.clone())),
        },
        _ => out.push(Edit::Set(path.clone(), to.clone())),
    }
}

/// The edits at `path` that turn the stored form of a typed list as last saved (`saved`)
/// into that of `now`, `saved` brought up to date, serialising only the items that
/// changed: of the same length with at most half its items changed, those items by their
/// position; without its first few items (at most `MAX_SLIDE`) and with new ones at its
/// end, fewer than half, a slide; otherwise the list whole (what `diff` says of the two
/// stored forms). For callers that keep the list as last saved (the motivation's days and
/// events, the mastery log).
pub fn list_parts<T: PartialEq + Clone + serde::Serialize>(path: &[String], saved: &mut Vec<T>, now: &[T], out: &mut Vec<Edit>) -> Result<(), serde_json::Error> {
    if saved.as_slice() == now {
        return Ok(());
    }
    let changed = saved.iter().zip(now).filter(|(a, b)| a != b).count();
    if saved.len() == now.len() && changed * 2 <= now.len() {
        for (i, (a, b)) in saved.iter_mut().zip(now).enumerate() {
            if a != b {
                let mut at = path.to_vec();
                at.push(i.to_string());
                out.push(Edit::Set(at, serde_json::to_value(b)?));
                a.clone_from(b);
            }
        }
        return Ok(());
    }
    let slid = (0..=saved.len().min(MAX_SLIDE)).find(|&n| {
        let kept = &saved[n..];
        !kept.is_empty() && kept.len() < now.len() && now.len() - kept.len() < now.len() / 2 && now[..kept.len()] == *kept
    });
    match slid {
        Some(n) => {
            let kept = saved.len() - n;
            let added = now[kept..].iter().map(serde_json::to_value).collect::<Result<Vec<_>, _>>()?;
            out.push(Edit::Slide(path.to_vec(), n, added));
        }
        None => out.push(Edit::Set(path.to_vec(), serde_json::to_value(now)?)),
    }
    saved.clear();
    saved.extend_from_slice(now);
    Ok(())
}

/// `Some(n)` when `b` is `a` without its first `n` items, followed by at least one new item,
/// and the slide says it in fewer items than `b` itself.
fn slid(a: &[Value], b: &[Value]) -> Option<usize> {
    for n in 0..=a.len().min(MAX_SLIDE) {
        let kept = &a[n..];
        if kept.len() >= b.len() || kept.is_empty() {
            continue;
        }
        if b.len() - kept.len() < b.len() / 2 && b[..kept.len()] == *kept {
            return Some(n);
        }
    }
    None
}

/// Applies edits to `data` (null when the section is new). An edit that does not fit the
/// data is an error, and `data` may then be partly edited: apply to a copy.
pub fn apply(data: &mut Value, edits: &[Edit]) -> Result<(), PersistError> {
    for e in edits {
        match e {
            Edit::Set(path, v) => match path.split_last() {
                None => *data = v.clone(),
                Some((last, parents)) => match value_at(data, parents)? {
                    Value::Object(m) => {
                        m.insert(last.clone(), v.clone());
                    }
                    // An item of a list, by its position (only an item already there).
                    Value::Array(list) => *index(list, last)? = v.clone(),
                    _ => return Err(bad("sets a key in something that is neither an object nor a list")),
                },
            },
            Edit::Remove(path) => {
                let Some((last, parents)) = path.split_last() else { return Err(bad("removes the whole section")) };
                if object_at(data, parents)?.remove(last).is_none() {
                    return Err(bad("removes a key that is not there"));
                }
            }
            Edit::Slide(path, n, added) => {
                let target = value_at(data, path)?;
                let Value::Array(list) = target else { return Err(bad("slides what is not a list")) };
                if *n > list.len() {
                    return Err(bad("slides past the end of a list"));
                }
                list.drain(..*n);
                list.extend(added.iter().cloned());
            }
        }
    }
    Ok(())
}

fn bad(what: &str) -> PersistError {
    PersistError::Invalid(format!("learner patch: an edit {what}"))
}

fn value_at<'a>(data: &'a mut Value, path: &[String]) -> Result<&'a mut Value, PersistError> {
    let mut at = data;
    for k in path {
        at = match at {
            Value::Object(m) => m.get_mut(k).ok_or_else(|| bad("goes through a key that is not there"))?,
            Value::Array(list) => index(list, k)?,
            _ => return Err(bad("goes through something that is neither an object nor a list")),
        };
    }
    Ok(at)
}

/// The item of `list` at position `k` (decimal digits, as `diff` writes it).
fn index<'a>(list: &'a mut [Value], k: &str) -> Result<&'a mut Value, PersistError> {
    position(k).and_then(|i| list.get_mut(i)).ok_or_else(|| bad("names an item of a list that is not there"))
}

/// The position a path's key names in a list: decimal digits as `diff` writes them (no
/// sign, no leading zero).
pub(crate) fn position(k: &str) -> Option<usize> {
    (k.len() < 10 && k.bytes().all(|b| b.is_ascii_digit())).then(|| k.parse::<usize>().ok()).flatten().filter(|i| i.to_string() == k)
}

fn object_at<'a>(data: &'a mut Value, path: &[String]) -> Result<&'a mut Map<String, Value>, PersistError> {
    match value_at(data, path)? {
        Value::Object(m) => Ok(m),
        _ => Err(bad("sets a key in something that is not an object")),
    }
}

/// A learner's patch: the checkpoint it applies to, the record's revision, and per changed
/// section its revision and edits.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Patch {
    pub base: String,
    pub rev: u64,
    pub sections: BTreeMap<String, (u64, Vec<Edit>)>,
}

impl Patch {
    /// The record as of this patch: `checkpoint` with the edits applied.
    pub fn applied_to(&self, checkpoint: &LearnerRecord) -> Result<LearnerRecord, PersistError> {
        let mut rec = checkpoint.clone();
        for (name, (rev, edits)) in &self.sections {
            let section = rec.sections.entry(name.clone()).or_insert_with(|| Section { rev: 0, data: Value::Null, extra: Map::new() });
            apply(&mut section.data, edits)?;
            section.rev = *rev;
        }
        rec.rev = self.rev;
        Ok(rec)
    }

    /// The stored text: an envelope like every record's.
    /// `{"format":"waypoint-learner-patch","schema_version":N,"base":"..","rev":N,"sections":{"model":[rev,[edit,..]]}}`
    /// with each edit `[path, value]` (set), `[path]` (remove) or `[path, n, [items]]` (slide).
    pub fn encode(&self) -> Result<String, PersistError> {
        super::schema::seal(PATCH_FORMAT, &PatchBody { base: &self.base, rev: self.rev, sections: SectionsText(&self.sections) })
    }

    pub fn decode(text: &str) -> Result<Patch, PersistError> {
        let value: Value = serde_json::from_str(text).map_err(|e| PersistError::NotJson(e.to_string()))?;
        let (body, _) = super::schema::open_value(value, PATCH_FORMAT)?;
        let invalid = |what: &str| PersistError::Invalid(format!("learner patch: {what}"));
        let base = body.get("base").and_then(Value::as_str).ok_or_else(|| invalid("no checkpoint named"))?.to_string();
        let rev = body.get("rev").and_then(Value::as_u64).ok_or_else(|| invalid("no revision"))?;
        let mut sections = BTreeMap::new();
        for (name, s) in body.get("sections").and_then(Value::as_object).ok_or_else(|| invalid("no sections"))? {
            if !valid_section_name(name) {
                return Err(invalid(&format!("section name {name:?}")));
            }
            let [srev, edits] = s.as_array().map(Vec::as_slice).unwrap_or_default() else { return Err(invalid("a section is not [rev, edits]")) };
            let srev = srev.as_u64().ok_or_else(|| invalid("a section's revision is not a number"))?;
            let edits = edits.as_array().ok_or_else(|| invalid("a section's edits are not a list"))?.iter().map(value_edit).collect::<Result<Vec<_>, _>>()?;
            sections.insert(name.clone(), (srev, edits));
        }
        Ok(Patch { base, rev, sections })
    }
}

/// A patch's body as it is written, borrowed from the patch (written straight to text,
/// with no JSON tree built first: a patch is written after every answer).
#[derive(serde::Serialize)]
struct PatchBody<'a> {
    base: &'a str,
    rev: u64,
    sections: SectionsText<'a>,
}

/// The sections of a patch as written: `{"name": [rev, [edit, ..]], ..}`.
struct SectionsText<'a>(&'a BTreeMap<String, (u64, Vec<Edit>)>);

impl serde::Serialize for SectionsText<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(name, (rev, edits))| (name, (rev, EditsText(edits)))))
    }
}

struct EditsText<'a>(&'a [Edit]);

impl serde::Serialize for EditsText<'_> {
    /// Each edit `[path, value]` (set), `[path]` (remove) or `[path, n, [items]]` (slide).
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for e in self.0 {
            match e {
                Edit::Set(p, v) => seq.serialize_element(&(p, v))?,
                Edit::Remove(p) => seq.serialize_element(&[p])?,
                Edit::Slide(p, n, added) => seq.serialize_element(&(p, n, added))?,
            }
        }
        seq.end()
    }
}

fn value_edit(v: &Value) -> Result<Edit, PersistError> {
    let invalid = || PersistError::Invalid("learner patch: an edit is not [path], [path, value] or [path, n, [items]]".into());
    let parts = v.as_array().ok_or_else(invalid)?;
    let path: Vec<String> = parts.first().and_then(Value::as_array).ok_or_else(invalid)?.iter().map(|k| k.as_str().map(str::to_string)).collect::<Option<_>>().ok_or_else(invalid)?;
    if path.len() > MAX_PATH {
        return Err(invalid());
    }
    match parts.as_slice() {
        [_] => Ok(Edit::Remove(path)),
        [_, v] => Ok(Edit::Set(path, v.clone())),
        [_, n, Value::Array(added)] => Ok(Edit::Slide(path, n.as_u64().and_then(|n| usize::try_from(n).ok()).ok_or_else(invalid)?, added.clone())),
        _ => Err(invalid()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn round_trip(a: &Value, b: &Value) -> Vec<Edit> {
        let edits = diff(Some(a), b);
        let mut got = a.clone();
        apply(&mut got, &edits).unwrap();
        assert_eq!(&got, b, "edits {edits:?}");
        edits
    }

    #[test]
    fn edits_name_only_what_changed() {
        let a = json!({"skills": {"a": {"t": 1.0, "n": 3}, "b": {"t": 0.5}}, "answers": 4, "gone": 1});
        let b = json!({"skills": {"a": {"t": 1.2, "n": 4}, "b": {"t": 0.5}, "c": {"t": 0.0}}, "answers": 5});
        let edits = round_trip(&a, &b);
        assert_eq!(edits.len(), 5, "{edits:?}");
        assert!(edits.contains(&Edit::Set(vec!["skills".into(), "c".into()], json!({"t": 0.0}))));
        assert!(edits.contains(&Edit::Remove(vec!["gone".into()])));
        assert!(diff(Some(&a), &a).is_empty());
    }

    #[test]
    fn a_list_that_slid_is_said_in_its_new_items() {
        let a = json!({"seen": [1, 2, 3, 4, 5, 6]});
        let b = json!({"seen": [2, 3, 4, 5, 6, 7]});
        assert_eq!(round_trip(&a, &b), vec![Edit::Slide(vec!["seen".into()], 1, vec![json!(7)])]);
        let grown = json!({"seen": [1, 2, 3, 4, 5, 6, 7, 8]});
        assert_eq!(round_trip(&a, &grown), vec![Edit::Slide(vec!["seen".into()], 0, vec![json!(7), json!(8)])]);
        // Anything else is replaced whole.
        let shuffled = json!({"seen": [6, 5, 4, 3, 2, 1]});
        assert_eq!(round_trip(&a, &shuffled), vec![Edit::Set(vec!["seen".into()], shuffled["seen"].clone())]);
        round_trip(&json!([1, 2]), &json!([]));
        round_trip(&json!([1, 2]), &json!([2, 1]));
        round_trip(&json!([]), &json!([1]));
        round_trip(&json!({"x": [1]}), &json!({"x": {"y": 1}}));
        round_trip(&json!(null), &json!({"x": 1}));
    }

    #[test]
    fn a_list_of_the_same_length_is_said_by_the_items_that_changed() {
        let days = |today: u32| json!({"days": [{"day": 1, "xp": 5}, {"day": 2, "xp": 7}, {"day": 3, "xp": today}], "xp": 12 + today});
        let edits = round_trip(&days(1), &days(9));
        assert_eq!(edits, vec![Edit::Set(vec!["days".into(), "2".into(), "xp".into()], json!(9)), Edit::Set(vec!["xp".into()], json!(21))]);
        // More than half changed: whole.
        let a = json!({"l": [1, 2, 3, 4]});
        assert_eq!(round_trip(&a, &json!({"l": [1, 2, 0, 0]})).len(), 2);
        assert_eq!(round_trip(&a, &json!({"l": [1, 0, 0, 0]})), vec![Edit::Set(vec!["l".into()], json!([1, 0, 0, 0]))]);
        // Lists in lists, and items that change kind.
        round_trip(&json!([[1, 2], [3, 4], 5]), &json!([[1, 2], [3, 0], 5]));
        round_trip(&json!([{"a": 1}, 2, 3]), &json!([[1], 2, 3]));
        // The edits survive the patch's text.
        let mut sections = BTreeMap::new();
        sections.insert("motivation".to_string(), (3, edits.clone()));
        let p = Patch { base: "b".into(), rev: 1, sections };
        assert_eq!(Patch::decode(&p.encode().unwrap()).unwrap().sections["motivation"].1, edits);
    }

    #[test]
    fn patches_survive_their_text_and_refuse_garbage() {
        let mut sections = BTreeMap::new();
        sections.insert("model".to_string(), (7, diff(Some(&json!({"a": [1, 2], "b": 1})), &json!({"a": [2, 3], "c": null}))));
        sections.insert("fresh".to_string(), (1, diff(None, &json!({"k": "v"}))));
        let p = Patch { base: "wp3:4:3:0badf00d".into(), rev: 9, sections };
        let text = p.encode().unwrap();
        assert!(text.contains(r#""format":"waypoint-learner-patch""#), "{text}");
        assert_eq!(Patch::decode(&text).unwrap(), p);
        // The text, exactly: each kind of edit as the format says (and as patches written
        // before it was written straight to text).
        let mut sections = BTreeMap::new();
        let path = |p: &[&str]| p.iter().map(|k| k.to_string()).collect::<Vec<_>>();
        let edits = vec![Edit::Set(path(&["a", "b"]), json!({"x": [1, null]})), Edit::Remove(path(&["c"])), Edit::Slide(path(&["l"]), 2, vec![json!(5), json!("s")])];
        sections.insert("motivation".to_string(), (4, edits));
        sections.insert("model".to_string(), (2, vec![Edit::Set(vec![], json!(1.5))]));
        let text = Patch { base: "wp3:2:1:fcfe01d4".into(), rev: 8, sections }.encode().unwrap();
        assert_eq!(
            text,
            format!(
                r#"{{"format":"waypoint-learner-patch","schema_version":{},"base":"wp3:2:1:fcfe01d4","rev":8,"sections":{{"model":[2,[[[],1.5]]],"motivation":[4,[[["a","b"],{{"x":[1,null]}}],[["c"]],[["l"],2,[5,"s"]]]]}}}}"#,
                super::super::schema::CURRENT_SCHEMA
            )
        );
        for bad in [
            "",
            "{}",
            r#"{"format":"waypoint-learner","schema_version":2,"base":"x","rev":1,"sections":{}}"#,
            r#"{"format":"waypoint-learner-patch","schema_version":2,"rev":1,"sections":{}}"#,
            r#"{"format":"waypoint-learner-patch","schema_version":2,"base":"x","rev":1,"sections":{"Bad Name":[1,[]]}}"#,
            r#"{"format":"waypoint-learner-patch","schema_version":2,"base":"x","rev":1,"sections":{"m":[1,[[["a"],1,2,3]]]}}"#,
            r#"{"format":"waypoint-learner-patch","schema_version":2,"base":"x","rev":1,"sections":{"m":[1,[[[1],2]]]}}"#,
            r#"{"format":"waypoint-learner-patch","schema_version":2,"base":"x","rev":1,"sections":{"m":[1,[["a",2]]]}}"#,
            r#"{"format":"waypoint-learner-patch","schema_version":2,"base":"x","rev":1,"sections":{"m":{"rev":1}}}"#,
            r#"{"format":"waypoint-learner-patch","schema_version":99,"base":"x","rev":1,"sections":{}}"#,
        ] {
            assert!(Patch::decode(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_edit_that_does_not_fit_is_an_error_not_a_panic() {
        let mut v = json!({"a": 1, "l": [1]});
        assert!(apply(&mut v.clone(), &[Edit::Set(vec!["a".into(), "b".into()], json!(1))]).is_err());
        assert!(apply(&mut v.clone(), &[Edit::Set(vec!["x".into(), "b".into()], json!(1))]).is_err());
        assert!(apply(&mut v.clone(), &[Edit::Remove(vec!["x".into()])]).is_err());
        assert!(apply(&mut v.clone(), &[Edit::Remove(vec![])]).is_err());
        assert!(apply(&mut v.clone(), &[Edit::Slide(vec!["a".into()], 0, vec![])]).is_err());
        assert!(apply(&mut v.clone(), &[Edit::Slide(vec!["l".into()], 2, vec![])]).is_err());
        // Items of a list: only one that is there, by a plain position.
        for k in ["1", "-0", "+0", "", "00", "01", "0x0", "99999999999999999999"] {
            assert!(apply(&mut v.clone(), &[Edit::Set(vec!["l".into(), k.into()], json!(1))]).is_err(), "{k}");
        }
        assert!(apply(&mut v.clone(), &[Edit::Remove(vec!["l".into(), "0".into()])]).is_err());
        assert!(apply(&mut v.clone(), &[Edit::Set(vec!["l".into(), "0".into(), "x".into()], json!(1))]).is_err());
        apply(&mut v, &[Edit::Set(vec!["l".into(), "0".into()], json!(2))]).unwrap();
        assert_eq!(v, json!({"a": 1, "l": [2]}));
    }

    #[test]
    fn a_patch_applies_to_its_checkpoint() {
        let mut base = LearnerRecord::new(crate::LearnerId::parse("ann").unwrap());
        base.swap_sections(vec![("model".into(), json!({"a": 1})), ("prefs".into(), json!({"x": true}))]);
        let mut now = base.clone();
        now.swap_sections(vec![("model".into(), json!({"a": 2})), ("goals".into(), json!([1]))]);
        let mut sections = BTreeMap::new();
        for name in ["model", "goals"] {
            let s = &now.sections[name];
            sections.insert(name.to_string(), (s.rev, diff(base.section(name), &s.data)));
        }
        let p = Patch { base: "x".into(), rev: now.rev, sections };
        assert_eq!(p.applied_to(&base).unwrap(), now);
    }
}
