//! Export and import files. An export is one JSON document:
//! `{"format":"waypoint-export","schema_version":2,"app_version":…,"exported_at":…,
//! "scope":"device"|"learner","checksum":"<crc32 of payload>","payload":{settings?, learners:[
//! {card, record, history:{"YYYYMM":"<chunk>"}, daily?}]}}`, the history in the same compact
//! encoding as storage. Import validates everything before touching the store, previews
//! what would change, applies as Merge or Replace, and keeps an undo snapshot.
//! Owns the file format and the import rules; must not import browser crates.

use super::checksum::crc32_hex;
use super::codec::{self, AttemptSet, DailySummary};
use super::keys;
use super::record::{DeviceRecord, LearnerRecord, merge_learner};
use super::slot::{self, SlotRead};
use super::store::KeyValueStore;
use super::vault::{StoredHistory, Vault, learner_slots, peek_device, read_history};
use super::{PersistError, schema};
use crate::learner::{Learner, LearnerName};
use crate::{LearnerId, Timestamp};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Largest import file accepted, in bytes (localStorage holds about 5 million characters).
pub const MAX_IMPORT_BYTES: usize = 12 * 1024 * 1024;
/// Deepest nesting of arrays and objects accepted in an import file.
pub const MAX_DEPTH: usize = 48;

/// What an export file holds: the whole device or one learner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Device,
    Learner,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExportLearner {
    card: Value,
    record: Value,
    #[serde(default)]
    history: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    daily: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Payload {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    settings: Option<Value>,
    learners: Vec<ExportLearner>,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

/// One learner of a validated import file.
#[derive(Debug, Clone, PartialEq)]
struct LearnerData {
    card: Value,
    learner: Learner,
    record: LearnerRecord,
    attempts: AttemptSet,
    daily: DailySummary,
}

/// How a learner in the file compares with the one on this device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    /// Not on this device.
    New,
    /// Same record and history.
    Same,
    /// The file has everything here and more (later answers or a later record).
    FileNewer,
    /// This device has everything in the file and more.
    FileOlder,
    /// Each side has something the other lacks: Merge keeps both.
    Diverged,
}

/// What importing would do to one learner.
#[derive(Debug, Clone, PartialEq)]
pub struct LearnerImport {
    pub id: LearnerId,
    pub name: String,
    pub freshness: Freshness,
    pub attempts_in_file: usize,
    pub attempts_here: usize,
    /// Attempts in the file that this device does not have.
    pub attempts_new: usize,
    pub latest_in_file: Option<Timestamp>,
    pub latest_here: Option<Timestamp>,
}

/// A validated import file and what it would change. Only a preview can be applied.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPreview {
    pub scope: Scope,
    pub app_version: String,
    pub exported_at: Timestamp,
    pub learners: Vec<LearnerImport>,
    settings: Option<Value>,
    data: Vec<LearnerData>,
}

impl ImportPreview {
    pub fn new_learners(&self) -> impl Iterator<Item = &LearnerImport> {
        self.learners.iter().filter(|l| l.freshness == Freshness::New)
    }
    pub fn updated_learners(&self) -> impl Iterator<Item = &LearnerImport> {
        self.learners.iter().filter(|l| l.freshness != Freshness::New)
    }
}

/// How to apply an import, as the person chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportMode {
    /// Keep everything here and add what the file has (attempts as a union, records merged
    /// section by section).
    Merge,
    /// The file's learners replace the same learners here (others are kept); a device file
    /// also replaces the settings.
    Replace,
}

/// What an import (or its undo) changed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportOutcome {
    pub added: Vec<LearnerId>,
    pub updated: Vec<LearnerId>,
    /// Learners whose data here was already what the file holds (left as they were).
    pub unchanged: Vec<LearnerId>,
    pub removed: Vec<LearnerId>,
    pub attempts_added: usize,
}

// ---- export

fn learner_export(store: &dyn KeyValueStore, card: &Value, rec: Option<&LearnerRecord>, id: &LearnerId) -> Result<ExportLearner, PersistError> {
    let StoredHistory { attempts: set, daily, problems, .. } = read_history(store, id)?;
    if let Some((_, super::vault::Problem::Refused(e))) = problems.iter().find(|(_, p)| matches!(p, super::vault::Problem::Refused(_))) {
        return Err(e.clone());
    }
    let mut months: BTreeMap<u32, AttemptSet> = BTreeMap::new();
    for (k, a) in set {
        months.entry(codec::month_of(a.at)).or_default().insert(k, a);
    }
    let record = match rec {
        Some(r) => r.clone(),
        None => super::vault::read_learner_record(store, id)?.unwrap_or_else(|| LearnerRecord::new(id.clone())),
    };
    Ok(ExportLearner {
        card: card.clone(),
        record: serde_json::to_value(&record).map_err(|e| PersistError::Invalid(e.to_string()))?,
        history: months.iter().map(|(m, s)| (m.to_string(), codec::encode_chunk(s))).collect(),
        daily: (!daily.is_empty()).then(|| codec::encode_summary(&daily)),
    })
}

fn seal_export(scope: Scope, payload: &Payload, app_version: &str, now: Timestamp) -> Result<String, PersistError> {
    let payload = serde_json::to_value(payload).map_err(|e| PersistError::Invalid(e.to_string()))?;
    let checksum = crc32_hex(&serde_json::to_string(&payload).map_err(|e| PersistError::Invalid(e.to_string()))?);
    let mut obj = Map::new();
    obj.insert("format".into(), schema::EXPORT_FORMAT.into());
    obj.insert("schema_version".into(), schema::CURRENT_SCHEMA.into());
    obj.insert("app_version".into(), app_version.into());
    obj.insert("exported_at".into(), now.0.into());
    obj.insert("scope".into(), serde_json::to_value(scope).map_err(|e| PersistError::Invalid(e.to_string()))?);
    obj.insert("checksum".into(), checksum.into());
    obj.insert("payload".into(), payload);
    serde_json::to_string(&Value::Object(obj)).map_err(|e| PersistError::Invalid(e.to_string()))
}

fn readable_device(store: &dyn KeyValueStore) -> Result<DeviceRecord, PersistError> {
    let peek = peek_device(store);
    peek.status?;
    Ok(peek.record)
}

/// The whole device as an export file.
pub fn export_device(store: &dyn KeyValueStore, app_version: &str, now: Timestamp) -> Result<String, PersistError> {
    let rec = readable_device(store)?;
    export_record(store, &rec, &BTreeMap::new(), app_version, now)
}

fn export_record(store: &dyn KeyValueStore, rec: &DeviceRecord, records: &BTreeMap<LearnerId, LearnerRecord>, app_version: &str, now: Timestamp) -> Result<String, PersistError> {
    let mut learners = Vec::new();
    for (card, id) in rec.learners.iter().zip(rec.learner_ids()) {
        learners.push(learner_export(store, card, records.get(&id), &id)?);
    }
    let settings = (!rec.settings.is_null()).then(|| rec.settings.clone());
    seal_export(Scope::Device, &Payload { settings, learners, extra: Map::new() }, app_version, now)
}

/// One learner as an export file.
pub fn export_learner(store: &dyn KeyValueStore, id: &LearnerId, app_version: &str, now: Timestamp) -> Result<String, PersistError> {
    let rec = readable_device(store)?;
    let Some(card) = rec.learners.iter().find(|c| c.get("id").and_then(Value::as_str) == Some(id.as_str())) else {
        return Err(PersistError::UnknownLearner(id.to_string()));
    };
    let learner = learner_export(store, card, None, id)?;
    seal_export(Scope::Learner, &Payload { settings: None, learners: vec![learner], extra: Map::new() }, app_version, now)
}

/// Every Waypoint key exactly as stored (damaged, quarantined or from a newer version
/// included), as a JSON file for safekeeping or for support. Works when nothing else can
/// read the data; it is not an import file.
pub fn export_raw(store: &dyn KeyValueStore, app_version: &str, now: Timestamp) -> Result<String, PersistError> {
    let mut entries = Map::new();
    for k in store.keys()? {
        if k.starts_with(keys::PREFIX)
            && let Some(v) = store.get(&k)?
        {
            entries.insert(k, Value::String(v));
        }
    }
    let mut obj = Map::new();
    obj.insert("format".into(), RAW_FORMAT.into());
    obj.insert("app_version".into(), app_version.into());
    obj.insert("exported_at".into(), now.0.into());
    obj.insert("keys".into(), Value::Object(entries));
    serde_json::to_string(&Value::Object(obj)).map_err(|e| invalid(e.to_string()))
}

/// The `format` of `export_raw` files.
pub const RAW_FORMAT: &str = "waypoint-raw-backup";

// ---- validation

/// Deepest nesting of `[`/`{` outside strings, stopping early past `limit`.
fn nesting_exceeds(raw: &str, limit: usize) -> bool {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for b in raw.bytes() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

fn invalid(msg: impl Into<String>) -> PersistError {
    PersistError::Invalid(msg.into())
}

/// Checks an import file completely, without touching any store.
/// An import file that passed every check.
struct ValidFile {
    scope: Scope,
    app_version: String,
    exported_at: Timestamp,
    settings: Option<Value>,
    learners: Vec<LearnerData>,
}

fn validate(raw: &str) -> Result<ValidFile, PersistError> {
    if raw.len() > MAX_IMPORT_BYTES {
        return Err(PersistError::TooLarge { bytes: raw.len(), max: MAX_IMPORT_BYTES });
    }
    let trimmed = raw.trim_start_matches('\u{feff}');
    if trimmed.trim().is_empty() {
        return Err(PersistError::Empty);
    }
    if nesting_exceeds(trimmed, MAX_DEPTH) {
        return Err(PersistError::TooDeep { max: MAX_DEPTH });
    }
    let value: Value = serde_json::from_str(trimmed).map_err(|e| if e.is_eof() { PersistError::Truncated } else { PersistError::NotJson(e.to_string()) })?;
    let Value::Object(obj) = &value else { return Err(PersistError::WrongFormat) };
    if obj.get("format").and_then(Value::as_str) != Some(schema::EXPORT_FORMAT) {
        return Err(PersistError::WrongFormat);
    }
    // Version first: a newer file says "update Waypoint", whatever else it holds.
    match obj.get("schema_version").and_then(Value::as_u64) {
        Some(v) if v > schema::CURRENT_SCHEMA as u64 => {
            return Err(PersistError::TooNew { found: u32::try_from(v).unwrap_or(u32::MAX), newest: schema::CURRENT_SCHEMA });
        }
        Some(_) => {}
        None => return Err(invalid("schema_version is missing or not a whole number")),
    }
    let checksum = match obj.get("checksum") {
        None => return Err(PersistError::ChecksumMissing),
        Some(Value::String(c)) => c.clone(),
        Some(_) => return Err(PersistError::ChecksumMismatch),
    };
    let payload = obj.get("payload").ok_or_else(|| invalid("payload is missing"))?;
    let text = serde_json::to_string(payload).map_err(|e| invalid(e.to_string()))?;
    if crc32_hex(&text) != checksum.to_ascii_lowercase() {
        return Err(PersistError::ChecksumMismatch);
    }
    let (body, _) = schema::open_value(value.clone(), schema::EXPORT_FORMAT)?;
    let app_version = body.get("app_version").and_then(Value::as_str).ok_or_else(|| invalid("app_version is missing"))?.to_string();
    if app_version.len() > 64 {
        return Err(invalid("app_version is too long"));
    }
    let exported_at = Timestamp(body.get("exported_at").and_then(Value::as_i64).ok_or_else(|| invalid("exported_at is missing or not a number"))?);
    let scope: Scope = serde_json::from_value(body.get("scope").cloned().unwrap_or(Value::Null)).map_err(|_| invalid("scope must be \"device\" or \"learner\""))?;
    let payload: Payload = serde_json::from_value(body.get("payload").cloned().unwrap_or(Value::Null)).map_err(|e| invalid(format!("payload: {e}")))?;
    if scope == Scope::Learner && payload.learners.len() != 1 {
        return Err(invalid("a learner file must hold exactly one learner"));
    }
    if scope == Scope::Learner && payload.settings.is_some() {
        return Err(invalid("a learner file cannot carry device settings"));
    }
    if let Some(s) = &payload.settings {
        if !s.is_object() {
            return Err(invalid("settings must be an object"));
        }
        serde_json::from_value::<super::device::DeviceSettings>(s.clone()).map_err(|e| invalid(format!("settings: {e}")))?;
    }
    let mut seen = BTreeSet::new();
    let mut out = Vec::with_capacity(payload.learners.len());
    for (i, l) in payload.learners.iter().enumerate() {
        let Value::Object(card) = &l.card else { return Err(invalid(format!("learner {} is not an object", i + 1))) };
        let id_text = card.get("id").and_then(Value::as_str).ok_or_else(|| invalid(format!("learner {} has no id", i + 1)))?;
        let id = LearnerId::parse(id_text).ok_or_else(|| invalid(format!("learner {} has an invalid id", i + 1)))?;
        if !seen.insert(id.clone()) {
            return Err(PersistError::DuplicateLearner(id.to_string()));
        }
        let name = card.get("name").and_then(Value::as_str).ok_or_else(|| invalid(format!("learner {id} has no name")))?;
        LearnerName::parse(name).map_err(|reason| PersistError::BadName { learner: id.to_string(), reason })?;
        let learner: Learner = serde_json::from_value(l.card.clone()).map_err(|e| invalid(format!("learner {id}: {e}")))?;
        let mut env = match &l.record {
            Value::Object(m) => m.clone(),
            _ => return Err(invalid(format!("learner {id}: record is not an object"))),
        };
        env.insert("format".into(), schema::LEARNER_FORMAT.into());
        env.insert("schema_version".into(), schema::CURRENT_SCHEMA.into());
        let record = LearnerRecord::from_envelope(Value::Object(env))?;
        if record.id != id {
            return Err(PersistError::BadReference(format!("the record of learner {id} belongs to {}", record.id)));
        }
        let mut attempts = AttemptSet::new();
        for (month, text) in &l.history {
            let m = month.parse::<u32>().ok().filter(|m| month.len() == 6 && (1..=12).contains(&(m % 100)));
            let Some(m) = m else { return Err(PersistError::BadReference(format!("learner {id}: {month:?} is not a month"))) };
            let set = codec::decode_chunk(text).map_err(|e| PersistError::BadHistory { learner: id.to_string(), month: month.clone(), detail: e.0 })?;
            if let Some(a) = set.values().find(|a| codec::month_of(a.at) != m) {
                return Err(PersistError::BadReference(format!("learner {id}: an answer from {} is filed under {month}", a.at.local_day(0).iso())));
            }
            attempts.extend(set);
        }
        let daily = match &l.daily {
            Some(t) => codec::decode_summary(t).map_err(|e| PersistError::BadHistory { learner: id.to_string(), month: "daily".into(), detail: e.0 })?,
            None => DailySummary::default(),
        };
        out.push(LearnerData { card: l.card.clone(), learner, record, attempts, daily });
    }
    Ok(ValidFile { scope, app_version, exported_at, settings: payload.settings, learners: out })
}

fn freshness(file: &LearnerData, here_rec: Option<&LearnerRecord>, here: &AttemptSet) -> (Freshness, usize) {
    let Some(here_rec) = here_rec else { return (Freshness::New, file.attempts.len()) };
    let new = file.attempts.keys().filter(|k| !here.contains_key(*k)).count();
    let missing = here.keys().filter(|k| !file.attempts.contains_key(*k)).count();
    // A record whose sections hold the same data is the same, whatever its revisions say
    // (a merge writes the file's record anew, under a higher revision).
    let same_data = file.record.sections.len() == here_rec.sections.len()
        && file.record.sections.iter().all(|(name, section)| here_rec.sections.get(name).is_some_and(|here| here.data == section.data));
    let rec_newer = !same_data && file.record.rev > here_rec.rev;
    let rec_older = !same_data && file.record.rev < here_rec.rev;
    let f = match (new > 0 || rec_newer, missing > 0 || rec_older) {
        (false, false) => Freshness::Same,
        (true, false) => Freshness::FileNewer,
        (false, true) => Freshness::FileOlder,
        (true, true) => Freshness::Diverged,
    };
    (f, new)
}

/// Validates an import file against a store and says what would change. Reads only.
pub fn preview_import(store: &dyn KeyValueStore, raw: &str) -> Result<ImportPreview, PersistError> {
    let ValidFile { scope, app_version, exported_at, settings, learners: data } = validate(raw)?;
    let peek = peek_device(store);
    peek.status?;
    let rec = peek.record;
    let here_ids = rec.learner_ids();
    let mut learners = Vec::new();
    for d in &data {
        let id = d.learner.id.clone();
        let (here_rec, here_set) = if here_ids.contains(&id) {
            let r = super::vault::read_learner_record(store, &id)?.unwrap_or_else(|| LearnerRecord::new(id.clone()));
            (Some(r), read_history(store, &id)?.attempts)
        } else {
            (None, AttemptSet::new())
        };
        let (freshness, attempts_new) = freshness(d, here_rec.as_ref(), &here_set);
        learners.push(LearnerImport {
            id,
            name: d.learner.name.as_str().to_string(),
            freshness,
            attempts_in_file: d.attempts.len(),
            attempts_here: here_set.len(),
            attempts_new,
            latest_in_file: d.attempts.values().map(|a| a.at).max(),
            latest_here: here_set.values().map(|a| a.at).max(),
        });
    }
    Ok(ImportPreview { scope, app_version, exported_at, learners, settings, data })
}

// ---- applying

/// Writes one learner's record and history, replacing what was there.
fn write_learner(store: &mut dyn KeyValueStore, d: &LearnerData, now: Timestamp) -> Result<(), PersistError> {
    let id = &d.learner.id;
    let mut rec = d.record.clone();
    rec.extra.insert("card".into(), d.card.clone());
    let mut months: BTreeMap<u32, AttemptSet> = BTreeMap::new();
    for (k, a) in &d.attempts {
        months.entry(codec::month_of(a.at)).or_default().insert(k.clone(), a.clone());
    }
    // Write the new history first, then remove what it replaces: a crash in between
    // leaves old and new side by side (read as a union), never a gap.
    let existing = learner_slots(store, id)?;
    for (m, set) in &months {
        slot::write(store, &keys::chunk(id, *m), &codec::encode_chunk(set), now)?;
    }
    if !d.daily.is_empty() {
        slot::write(store, &keys::daily(id), &codec::encode_summary(&d.daily), now)?;
    }
    for s in existing {
        match keys::kind(&s) {
            keys::SlotKind::History(_, m) if !months.contains_key(&m) => {
                slot::delete(store, &s)?;
            }
            keys::SlotKind::Tail(_) => {
                slot::delete(store, &s)?;
            }
            keys::SlotKind::Daily(_) if d.daily.is_empty() => {
                slot::delete(store, &s)?;
            }
            _ => {}
        }
    }
    slot::write(store, &keys::learner(id), &rec.encode()?, now)?;
    // A patch of the record just replaced no longer applies (it names the old copy); tidy it
    // away, and if that fails it is simply never read.
    let _ = slot::delete(store, &keys::patch(id));
    Ok(())
}

impl<S: KeyValueStore> Vault<S> {
    /// Validates a file and says what importing it would change. Touches nothing.
    pub fn preview_import(&self, raw: &str) -> Result<ImportPreview, PersistError> {
        preview_import(self.store(), raw)
    }

    /// The whole device as an export file.
    pub fn export_device(&self, app_version: &str, now: Timestamp) -> Result<String, PersistError> {
        export_device(self.store(), app_version, now)
    }

    /// One learner as an export file.
    pub fn export_learner(&self, id: &LearnerId, app_version: &str, now: Timestamp) -> Result<String, PersistError> {
        export_learner(self.store(), id, app_version, now)
    }

    /// Applies a previewed import. First keeps a snapshot of the whole device for
    /// `undo_import`; if anything fails midway, the snapshot is put back.
    pub fn apply_import(&mut self, preview: &ImportPreview, mode: ImportMode, now: Timestamp) -> Result<ImportOutcome, PersistError> {
        self.check_writable()?;
        let snapshot = export_device(self.store(), "snapshot", now)?;
        slot::write(self.store_dyn(), keys::UNDO, &snapshot, now)?;
        match self.apply_inner(&preview.data, preview.settings.as_ref(), preview.scope, mode, now) {
            Ok(o) => Ok(o),
            Err(e) => {
                // Put back what was there; the snapshot stays for undo if this fails too.
                if self.restore_snapshot(&snapshot, now).is_ok() {
                    let _ = slot::delete(self.store_dyn(), keys::UNDO);
                }
                Err(e)
            }
        }
    }

    fn apply_inner(&mut self, data: &[LearnerData], settings: Option<&Value>, scope: Scope, mode: ImportMode, now: Timestamp) -> Result<ImportOutcome, PersistError> {
        let mut device = self.device_record().clone();
        let here_ids = device.learner_ids();
        let mut out = ImportOutcome::default();
        let mut records = BTreeMap::new();
        for id in &here_ids {
            if let Some(r) = self.learner_record(id) {
                records.insert(id.clone(), r.clone());
            }
        }
        for d in data {
            let id = d.learner.id.clone();
            let exists = here_ids.contains(&id);
            let StoredHistory { attempts: here_set, daily: here_daily, .. } = if exists { read_history(self.store(), &id)? } else { StoredHistory::default() };
            // The same learner, the same data: nothing to call "updated". A merge has nothing
            // to write either (a rewrite would only raise its revision); a replace still
            // writes the file's copy whole, as asked (it also folds away a patch).
            let same = exists && {
                let here_rec = super::vault::read_learner_record(self.store(), &id)?;
                let here_card = device.learners.iter().find(|c| c.get("id").and_then(Value::as_str) == Some(id.as_str()));
                here_card == Some(&d.card) && here_daily == d.daily && freshness(d, here_rec.as_ref(), &here_set).0 == Freshness::Same
            };
            if same && mode == ImportMode::Merge {
                out.unchanged.push(id);
                continue;
            }
            let merged = match (mode, exists) {
                (ImportMode::Merge, true) => {
                    let here_rec = super::vault::read_learner_record(self.store(), &id)?.unwrap_or_else(|| LearnerRecord::new(id.clone()));
                    let record = merge_learner(&here_rec, &d.record);
                    let attempts = codec::union(here_set.clone(), &d.attempts);
                    let mut daily = here_daily;
                    daily.merge(&d.daily);
                    let card = if d.record.rev > here_rec.rev { d.card.clone() } else { device.learners.iter().find(|c| c.get("id").and_then(Value::as_str) == Some(id.as_str())).cloned().unwrap_or_else(|| d.card.clone()) };
                    let learner: Learner = serde_json::from_value(card.clone()).map_err(|e| invalid(e.to_string()))?;
                    LearnerData { card, learner, record, attempts, daily }
                }
                _ => d.clone(),
            };
            out.attempts_added += merged.attempts.keys().filter(|k| !here_set.contains_key(*k)).count();
            write_learner(self.store_dyn(), &merged, now)?;
            let mut rec = merged.record.clone();
            rec.extra.insert("card".into(), merged.card.clone());
            records.insert(id.clone(), rec);
            device.put_raw_learner(merged.card.clone());
            if same {
                out.unchanged.push(id);
            } else if exists {
                out.updated.push(id);
            } else {
                out.added.push(id);
            }
        }
        if mode == ImportMode::Replace && scope == Scope::Device
            && let Some(s) = settings
        {
            device.settings = s.clone();
        }
        if let SlotRead::Current { value: (stored, _), .. } = slot::read(self.store(), keys::DEVICE, &super::vault::decode_device) {
            device.rev = device.rev.max(stored.rev);
        }
        device.rev += 1;
        if device.first_saved_at.is_none() {
            device.first_saved_at = Some(now);
        }
        slot::write(self.store_dyn(), keys::DEVICE, &device.encode()?, now)?;
        self.set_state(device, records)?;
        Ok(out)
    }

    /// Puts the device back as a snapshot file describes it: learners not in it are
    /// removed, the others replaced, settings restored.
    fn restore_snapshot(&mut self, snapshot: &str, now: Timestamp) -> Result<ImportOutcome, PersistError> {
        let ValidFile { settings, learners: data, .. } = validate(snapshot)?;
        let keep: BTreeSet<LearnerId> = data.iter().map(|d| d.learner.id.clone()).collect();
        let mut removed = Vec::new();
        for id in self.device_record().learner_ids() {
            if !keep.contains(&id) {
                for s in learner_slots(self.store(), &id)? {
                    slot::delete(self.store_dyn(), &s)?;
                }
                removed.push(id);
            }
        }
        let mut device = self.device_record().clone();
        device.learners.clear();
        self.set_state(device, BTreeMap::new())?;
        let mut out = self.apply_inner(&data, settings.as_ref().or(Some(&Value::Null)), Scope::Device, ImportMode::Replace, now)?;
        out.removed = removed;
        out.added.clear();
        Ok(out)
    }

    /// Whether there is an import to undo.
    /// Cheap (reads only the small pointer key), so the app may ask after every save.
    pub fn can_undo_import(&self) -> bool {
        self.read_only().is_none() && slot::is_present(self.store(), keys::UNDO)
    }

    /// Puts everything back as it was before the last import, then forgets the snapshot.
    pub fn undo_import(&mut self, now: Timestamp) -> Result<ImportOutcome, PersistError> {
        self.check_writable()?;
        let Some(snapshot) = slot::read(self.store(), keys::UNDO, &|b: &str| Ok(b.to_string())).into_value() else {
            return Err(PersistError::NothingToUndo);
        };
        let out = self.restore_snapshot(&snapshot, now)?;
        slot::delete(self.store_dyn(), keys::UNDO)?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_measured_outside_strings() {
        assert!(!nesting_exceeds("[[[]]]", 3));
        assert!(nesting_exceeds("[[[[]]]]", 3));
        assert!(!nesting_exceeds(r#"["[[[[[[", "\"[[[["]"#, 2));
    }
}

/// A learner as the teacher's class view reads them from an export file.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportedStudent {
    pub learner: Learner,
    /// The engine's model, as stored (the "model" section), if the learner has practised.
    pub model: Option<Value>,
    pub attempts: usize,
    pub exported_at: Timestamp,
}

/// Reads the learners of an export file for the class view, validated exactly as an import
/// would be (size, nesting, format, version, checksum, ids). Touches no store.
pub fn read_students(raw: &str) -> Result<Vec<ExportedStudent>, PersistError> {
    let f = validate(raw)?;
    Ok(f.learners
        .into_iter()
        .map(|d| ExportedStudent { model: d.record.section("model").cloned(), learner: d.learner, attempts: d.attempts.len(), exported_at: f.exported_at })
        .collect())
}
