//! The two JSON records: the device record (learner cards, settings, export tracking) and
//! each learner's hot record (named sections owned by other areas: the engine's model,
//! motivation, profile...). Both keep unknown fields on read and write them back
//! (Excalidraw-style tolerance), and both merge by revision counters so two tabs never
//! drop each other's changes. Owns the records' shape and merge rules; no store access.

use super::patch::{self, Edit};
use super::{PersistError, schema};
use crate::learner::Learner;
use crate::{LearnerId, Timestamp};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// When the device was last exported, and when the reminder was last dismissed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportTrack {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dismissed_at: Option<Timestamp>,
}

/// The device record as stored (schema 2). Learner cards and settings are kept as raw
/// JSON so fields this build does not know survive; the typed view is `DeviceData`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeviceRecord {
    /// Bumped on every save; merges prefer the higher.
    #[serde(default)]
    pub rev: u64,
    #[serde(default)]
    pub learners: Vec<Value>,
    #[serde(default)]
    pub settings: Value,
    #[serde(default)]
    pub export: ExportTrack,
    #[serde(default)]
    pub first_saved_at: Option<Timestamp>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Writes `typed`'s fields over `raw`, keeping any field of `raw` that `typed` lacks.
pub fn overlay(raw: &Value, typed: Value) -> Value {
    match (raw, typed) {
        (Value::Object(base), Value::Object(top)) => {
            let mut out = base.clone();
            out.extend(top);
            Value::Object(out)
        }
        (_, typed) => typed,
    }
}

fn to_value<T: Serialize>(t: &T) -> Result<Value, PersistError> {
    serde_json::to_value(t).map_err(|e| PersistError::Invalid(e.to_string()))
}

impl DeviceRecord {
    /// Decodes a stored body (an envelope, migrated to the current schema).
    pub fn decode(body: &str) -> Result<(DeviceRecord, u32), PersistError> {
        let value: Value = serde_json::from_str(body).map_err(|e| PersistError::NotJson(e.to_string()))?;
        let (body, from) = schema::open_value(value, schema::DEVICE_FORMAT)?;
        let rec: DeviceRecord = serde_json::from_value(body).map_err(|e| PersistError::Invalid(e.to_string()))?;
        // Cards must be valid learners with distinct ids.
        rec.typed_learners()?;
        Ok((rec, from))
    }

    pub fn encode(&self) -> Result<String, PersistError> {
        schema::seal(schema::DEVICE_FORMAT, self)
    }

    /// The learner cards, checked (ids, names).
    pub fn typed_learners(&self) -> Result<Vec<Learner>, PersistError> {
        let mut out: Vec<Learner> = Vec::with_capacity(self.learners.len());
        for v in &self.learners {
            let l: Learner = serde_json::from_value(v.clone()).map_err(|e| PersistError::Invalid(format!("learner: {e}")))?;
            if out.iter().any(|o| o.id == l.id) {
                return Err(PersistError::DuplicateLearner(l.id.to_string()));
            }
            out.push(l);
        }
        Ok(out)
    }

    pub fn learner_ids(&self) -> Vec<LearnerId> {
        self.learners.iter().filter_map(|v| v.get("id").and_then(Value::as_str).and_then(LearnerId::parse)).collect()
    }

    fn raw_learner(&self, id: &LearnerId) -> Option<&Value> {
        self.learners.iter().find(|v| v.get("id").and_then(Value::as_str) == Some(id.as_str()))
    }

    /// Replaces the cards with `learners` (in that order), keeping unknown fields of cards
    /// that already existed.
    pub fn set_learners(&mut self, learners: &[Learner]) -> Result<(), PersistError> {
        let mut out = Vec::with_capacity(learners.len());
        for l in learners {
            let typed = to_value(l)?;
            out.push(match self.raw_learner(&l.id) {
                Some(raw) => overlay(raw, typed),
                None => typed,
            });
        }
        self.learners = out;
        Ok(())
    }

    pub fn set_settings<T: Serialize>(&mut self, settings: &T) -> Result<(), PersistError> {
        self.settings = overlay(&self.settings, to_value(settings)?);
        Ok(())
    }

    /// Adds or replaces one raw card (import).
    pub fn put_raw_learner(&mut self, card: Value) {
        let id = card.get("id").and_then(Value::as_str).map(str::to_string);
        match self.learners.iter_mut().find(|v| v.get("id").and_then(Value::as_str).map(str::to_string) == id) {
            Some(slot) => *slot = card,
            None => self.learners.push(card),
        }
    }

    pub fn remove_learner(&mut self, id: &LearnerId) -> bool {
        let before = self.learners.len();
        self.learners.retain(|v| v.get("id").and_then(Value::as_str) != Some(id.as_str()));
        self.learners.len() != before
    }
}

/// Merges two device records written by different tabs: the higher revision wins for
/// settings and shared fields; learner cards are a union (the winner's version of a card
/// that both have, the loser's extra cards appended), so no tab's new learner is lost.
pub fn merge_device(a: &DeviceRecord, b: &DeviceRecord) -> DeviceRecord {
    let (win, lose) = if a.rev >= b.rev { (a, b) } else { (b, a) };
    let mut out = win.clone();
    for card in &lose.learners {
        let id = card.get("id").and_then(Value::as_str);
        if !out.learners.iter().any(|v| v.get("id").and_then(Value::as_str) == id) {
            out.learners.push(card.clone());
        }
    }
    out.export.last_at = a.export.last_at.max(b.export.last_at);
    out.export.dismissed_at = a.export.dismissed_at.max(b.export.dismissed_at);
    out.first_saved_at = match (a.first_saved_at, b.first_saved_at) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    };
    out.rev = a.rev.max(b.rev);
    out
}

/// One named section of a learner's hot record, owned by another area (e.g. "model",
/// "motivation", "profile"), stored as JSON exactly as given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// Bumped each time this section is saved.
    pub rev: u64,
    pub data: Value,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A learner's hot record: small, read at start, rewritten when a section changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LearnerRecord {
    pub id: LearnerId,
    /// Bumped on every save.
    #[serde(default)]
    pub rev: u64,
    #[serde(default)]
    pub sections: BTreeMap<String, Section>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// What `swap_sections` replaced: the record's revision and, per section, its revision and
/// data before (`None`: the section was new).
#[derive(Debug)]
pub struct Replaced {
    rev: u64,
    old: Vec<(String, Option<(u64, Value)>)>,
}

/// What `edit_section` replaced: the section's revision before and, per edited path, what
/// it held.
#[derive(Debug)]
pub struct EditsReplaced {
    name: String,
    section_rev: u64,
    old: Vec<(Vec<String>, Held)>,
}

/// What one edit of `edit_section` replaced.
#[derive(Debug)]
enum Held {
    /// A key of an object: what it held (`None`: nothing).
    Key(Option<Value>),
    /// An item of a list, by its position.
    Item(Value),
    /// A list slid: the items dropped from its front and how many were added at its end.
    Slid(Vec<Value>, usize),
}

impl EditsReplaced {
    /// The section edited.
    pub fn section(&self) -> &str {
        &self.name
    }

    /// The paths whose data changed, through objects only (a list whose items changed is
    /// named once, as the list), each with how it changed, for comparing with an earlier
    /// copy (`patch::diff_at`) or, for a list, for saying the change without comparing.
    pub fn changes(&self) -> Vec<(Vec<String>, Changed)> {
        let mut out: Vec<(Vec<String>, Changed)> = Vec::with_capacity(self.old.len());
        for (path, held) in &self.old {
            match held {
                Held::Item(_) => {
                    let (last, list) = path.split_last().map_or((None, &path[..]), |(l, p)| (patch::position(l), p));
                    match (out.iter_mut().find(|(p, _)| p == list), last) {
                        (Some((_, Changed::Items(items))), Some(i)) => items.push(i),
                        (Some((_, c)), _) => *c = Changed::Other,
                        (None, Some(i)) => out.push((list.to_vec(), Changed::Items(vec![i]))),
                        (None, None) => out.push((list.to_vec(), Changed::Other)),
                    }
                }
                Held::Slid(dropped, added) => out.push((path.clone(), Changed::Slid(dropped.len(), *added))),
                Held::Key(_) => {
                    if !out.iter().any(|(p, _)| p == path) {
                        out.push((path.clone(), Changed::Other));
                    }
                }
            }
        }
        out
    }
}

/// How the data at a path changed in an `edit_section` (`EditsReplaced::changes`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changed {
    /// The list there dropped this many items from its front and gained this many at its end.
    Slid(usize, usize),
    /// Items of the list there were set, by their positions (its length unchanged).
    Items(Vec<usize>),
    /// Anything else (a key set or removed).
    Other,
}

/// Longest section name accepted.
pub const MAX_SECTION_NAME: usize = 40;

pub fn valid_section_name(name: &str) -> bool {
    !name.is_empty() && name.len() <= MAX_SECTION_NAME && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

impl LearnerRecord {
    pub fn new(id: LearnerId) -> Self {
        LearnerRecord { id, rev: 0, sections: BTreeMap::new(), extra: Map::new() }
    }

    pub fn decode(body: &str) -> Result<LearnerRecord, PersistError> {
        let value: Value = serde_json::from_str(body).map_err(|e| PersistError::NotJson(e.to_string()))?;
        Self::from_envelope(value)
    }

    pub fn from_envelope(value: Value) -> Result<LearnerRecord, PersistError> {
        let (body, _) = schema::open_value(value, schema::LEARNER_FORMAT)?;
        let rec: LearnerRecord = serde_json::from_value(body).map_err(|e| PersistError::Invalid(format!("learner record: {e}")))?;
        if let Some(bad) = rec.sections.keys().find(|k| !valid_section_name(k)) {
            return Err(PersistError::Invalid(format!("section name {bad:?}")));
        }
        Ok(rec)
    }

    pub fn encode(&self) -> Result<String, PersistError> {
        schema::seal(schema::LEARNER_FORMAT, self)
    }

    pub fn section(&self, name: &str) -> Option<&Value> {
        self.sections.get(name).map(|s| &s.data)
    }

    /// Like `set_sections`, and also hands back what it replaced (moved, not copied) so a
    /// save that fails can put it back with `restore_sections`.
    pub fn swap_sections(&mut self, changes: Vec<(String, Value)>) -> (Vec<String>, Replaced) {
        let mut changed = Vec::new();
        let mut old = Vec::new();
        for (name, data) in changes {
            match self.sections.get_mut(&name) {
                Some(s) if s.data == data => {}
                Some(s) => {
                    old.push((name.clone(), Some((s.rev, std::mem::replace(&mut s.data, data)))));
                    s.rev += 1;
                    changed.push(name);
                }
                None => {
                    self.sections.insert(name.clone(), Section { rev: 1, data, extra: Map::new() });
                    old.push((name.clone(), None));
                    changed.push(name);
                }
            }
        }
        let rev = self.rev;
        if !changed.is_empty() {
            self.rev += 1;
        }
        (changed, Replaced { rev, old })
    }

    /// Undoes a `swap_sections`.
    pub fn restore_sections(&mut self, replaced: Replaced) {
        for (name, old) in replaced.old.into_iter().rev() {
            match old {
                Some((rev, data)) => {
                    if let Some(s) = self.sections.get_mut(&name) {
                        s.rev = rev;
                        s.data = data;
                    }
                }
                None => {
                    self.sections.remove(&name);
                }
            }
        }
        self.rev = replaced.rev;
    }

    /// Changes parts of a section in place, without building or comparing the rest of it:
    /// each edit sets or removes the key at its path, sets an item of a list by its position
    /// (one already there), or slides a list (`Edit::Slide`). The section must be at
    /// revision `rev` (the one the caller's edits were made against), every path must be
    /// distinct, none inside another, and lead to what the edit needs (an object holding
    /// the key's parent, the list); otherwise nothing changes and the error says why. Edits
    /// that change nothing are left out. Bumps the section's revision, not the record's (the
    /// caller bumps it once per save). Returns what was replaced (`None`: nothing changed),
    /// to put back with `restore_edits`.
    pub fn edit_section(&mut self, name: &str, rev: u64, edits: Vec<Edit>) -> Result<Option<EditsReplaced>, PersistError> {
        let refuse = |why: &str| PersistError::Invalid(format!("section {name:?} cannot be edited in place: {why}"));
        let Some(section) = self.sections.get_mut(name) else { return Err(refuse("it is not there")) };
        if section.rev != rev {
            return Err(refuse("it changed since"));
        }
        for (i, e) in edits.iter().enumerate() {
            let a = e.path();
            // A section that is a list may slide (the mastery log gains an entry); setting
            // the whole section is saving it whole.
            if a.is_empty() && !matches!(e, Edit::Slide(..)) {
                return Err(refuse("an edit names the whole section"));
            }
            if edits[i + 1..].iter().any(|b| a.starts_with(b.path()) || b.path().starts_with(a)) {
                return Err(refuse("two edits overlap"));
            }
        }
        // Every edit checked before any is made (their paths do not overlap, so making one
        // does not change what another leads to).
        for e in &edits {
            let fits = match e {
                Edit::Set(path, _) | Edit::Remove(path) => {
                    let Some((last, parent)) = path.split_last() else { return Err(refuse("an edit names the whole section")) };
                    match (patch::get_at(&section.data, parent), e) {
                        (Some(Value::Object(_)), _) => true,
                        (Some(Value::Array(list)), Edit::Set(..)) => patch::position(last).is_some_and(|i| i < list.len()),
                        _ => false,
                    }
                }
                Edit::Slide(path, n, _) => matches!(patch::get_at(&section.data, path), Some(Value::Array(list)) if *n <= list.len()),
            };
            if !fits {
                return Err(refuse("a path does not lead to what its edit changes"));
            }
        }
        let mut old = Vec::new();
        for e in edits {
            match e {
                Edit::Set(path, v) => {
                    let Some((last, parent)) = path.split_last() else { continue };
                    match patch::get_at_mut(&mut section.data, parent) {
                        Some(Value::Object(map)) if map.get(last) != Some(&v) => {
                            let before = map.insert(last.clone(), v);
                            old.push((path, Held::Key(before)));
                        }
                        Some(Value::Array(list)) => {
                            if let Some(item) = patch::position(last).and_then(|i| list.get_mut(i))
                                && *item != v
                            {
                                let before = std::mem::replace(item, v);
                                old.push((path, Held::Item(before)));
                            }
                        }
                        _ => {}
                    }
                }
                Edit::Remove(path) => {
                    let Some((last, parent)) = path.split_last() else { continue };
                    if let Some(Value::Object(map)) = patch::get_at_mut(&mut section.data, parent)
                        && let Some(before) = map.remove(last)
                    {
                        old.push((path, Held::Key(Some(before))));
                    }
                }
                Edit::Slide(path, n, added) => {
                    if n == 0 && added.is_empty() {
                        continue;
                    }
                    if let Some(Value::Array(list)) = patch::get_at_mut(&mut section.data, &path) {
                        let dropped: Vec<Value> = list.drain(..n.min(list.len())).collect();
                        let count = added.len();
                        list.extend(added);
                        old.push((path, Held::Slid(dropped, count)));
                    }
                }
            }
        }
        if old.is_empty() {
            return Ok(None);
        }
        let undo = EditsReplaced { name: name.to_string(), section_rev: section.rev, old };
        section.rev += 1;
        Ok(Some(undo))
    }

    /// Undoes an `edit_section` (the record's revision is the caller's to put back).
    pub fn restore_edits(&mut self, replaced: EditsReplaced) {
        let Some(section) = self.sections.get_mut(&replaced.name) else { return };
        for (path, held) in replaced.old.into_iter().rev() {
            match held {
                Held::Key(before) => {
                    let Some((last, parent)) = path.split_last() else { continue };
                    let Some(map) = patch::get_at_mut(&mut section.data, parent).and_then(Value::as_object_mut) else { continue };
                    match before {
                        Some(v) => map.insert(last.clone(), v),
                        None => map.remove(last),
                    };
                }
                Held::Item(before) => {
                    let Some((last, parent)) = path.split_last() else { continue };
                    if let Some(Value::Array(list)) = patch::get_at_mut(&mut section.data, parent)
                        && let Some(item) = patch::position(last).and_then(|i| list.get_mut(i))
                    {
                        *item = before;
                    }
                }
                Held::Slid(dropped, added) => {
                    if let Some(Value::Array(list)) = patch::get_at_mut(&mut section.data, &path) {
                        list.truncate(list.len().saturating_sub(added));
                        list.splice(0..0, dropped);
                    }
                }
            }
        }
        section.rev = replaced.section_rev;
    }

    /// Sets sections, bumping each changed one's revision; returns the names that changed.
    pub fn set_sections(&mut self, changes: &[(String, Value)]) -> Vec<String> {
        self.swap_sections(changes.to_vec()).0
    }
}

/// Merges two hot records of the same learner: per section, the higher section revision
/// wins (ties go to the record with the higher revision); sections only one side has are
/// kept. The result's revision is above both.
pub fn merge_learner(a: &LearnerRecord, b: &LearnerRecord) -> LearnerRecord {
    let (win, lose) = if a.rev >= b.rev { (a, b) } else { (b, a) };
    let mut out = win.clone();
    for (name, s) in &lose.sections {
        match out.sections.get(name) {
            Some(mine) if mine.rev >= s.rev => {}
            _ => {
                out.sections.insert(name.clone(), s.clone());
            }
        }
    }
    for (k, v) in &lose.extra {
        out.extra.entry(k.clone()).or_insert_with(|| v.clone());
    }
    out.rev = if a == b { a.rev } else { a.rev.max(b.rev) + 1 };
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn id(s: &str) -> LearnerId {
        LearnerId::parse(s).unwrap()
    }

    #[test]
    fn unknown_fields_survive_a_round_trip() {
        let raw = r#"{"format":"waypoint-learner","schema_version":3,"id":"a","rev":3,"sections":{"model":{"rev":2,"data":{"x":[1,2.5,"y"]},"owner_note":"keep"}},"from_the_future":{"z":1}}"#;
        let rec = LearnerRecord::decode(raw).unwrap();
        assert_eq!(rec.section("model"), Some(&json!({"x":[1,2.5,"y"]})));
        let back: Value = serde_json::from_str(&rec.encode().unwrap()).unwrap();
        assert_eq!(back, serde_json::from_str::<Value>(raw).unwrap());
    }

    #[test]
    fn sections_merge_by_their_own_revision() {
        let mut base = LearnerRecord::new(id("a"));
        base.set_sections(&[("model".into(), json!(1)), ("profile".into(), json!("p"))]);
        let mut tab1 = base.clone();
        let mut tab2 = base.clone();
        tab1.set_sections(&[("model".into(), json!(2))]);
        tab2.set_sections(&[("profile".into(), json!("q")), ("badges".into(), json!([1]))]);
        let m = merge_learner(&tab1, &tab2);
        assert_eq!(m.section("model"), Some(&json!(2)));
        assert_eq!(m.section("profile"), Some(&json!("q")));
        assert_eq!(m.section("badges"), Some(&json!([1])));
        assert!(m.rev > tab1.rev.max(tab2.rev));
        assert_eq!(merge_learner(&tab2, &tab1).sections, m.sections);
    }

    #[test]
    fn set_sections_reports_only_real_changes() {
        let mut r = LearnerRecord::new(id("a"));
        assert_eq!(r.set_sections(&[("model".into(), json!(1))]), vec!["model".to_string()]);
        assert!(r.set_sections(&[("model".into(), json!(1))]).is_empty());
        assert_eq!(r.rev, 1);
    }

    #[test]
    fn device_cards_keep_unknown_fields_and_merge_as_union() {
        let raw = r#"{"format":"waypoint-device","schema_version":2,"rev":1,"learners":[{"id":"a","name":"Ann","sparkle":true}],"settings":{"language":"es","theme":"dark"}}"#;
        let (mut rec, _) = DeviceRecord::decode(raw).unwrap();
        let mut ls = rec.typed_learners().unwrap();
        ls[0].name = crate::learner::LearnerName::parse("Anna").unwrap();
        rec.set_learners(&ls).unwrap();
        assert_eq!(rec.learners[0]["sparkle"], json!(true));
        assert_eq!(rec.learners[0]["name"], json!("Anna"));
        let mut other = rec.clone();
        other.rev = 5;
        other.learners = vec![json!({"id":"b","name":"Bo"})];
        let m = merge_device(&rec, &other);
        assert_eq!(m.learner_ids(), vec![id("b"), id("a")]);
    }

    #[test]
    fn duplicate_cards_are_refused() {
        let raw = r#"{"format":"waypoint-device","schema_version":2,"learners":[{"id":"a","name":"A"},{"id":"a","name":"B"}]}"#;
        assert!(matches!(DeviceRecord::decode(raw), Err(PersistError::DuplicateLearner(_))));
    }
}
