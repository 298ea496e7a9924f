//! `Vault`: the one facade the UI calls for everything stored on the device: open with
//! recovery, learners and their hot records, appending attempts, history, quota,
//! compaction, export and import. Owns the orchestration of slots and records; the
//! browser glue (localStorage, storage events, Web Locks) is the app's.
//!
//! Several tabs: every mutation re-reads the small keys it rewrites and merges (records by
//! revision, attempts as a set union), so two writers never drop each other's work as
//! long as their read-modify-write steps do not interleave: the app runs each mutation
//! under the Web Lock named by `Vault::lock_name`, and calls `reload` on a `storage` event.

use super::checksum::crc32_hex;
use super::codec::{self, AttemptSet, DailySummary};
use super::device::{DeviceData, DeviceSettings};
use super::keys::{self, SlotKind};
use super::meter::Metered;
use super::patch::{Edit, Patch, diff, diff_at, get_at};
use super::quota::QuotaState;
use super::record::{Changed, DeviceRecord, LearnerRecord, merge_learner};
use super::slot::{self, BadKey, SlotRead};
use super::store::{KeyValueStore, StoreError, utf16_len};
use super::{Notice, PersistError, Recovery, schema};
use crate::attempt::Attempt;
use crate::learner::Learner;
use crate::time::MS_PER_DAY;
use crate::{LearnerId, Timestamp};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};

/// The tail is flushed into monthly chunks once it holds more than this many attempts.
pub const TAIL_MAX: usize = 32;
/// `Vault::tidy` files the newest attempts into their months once there are this many.
pub const TAIL_FILE_FROM: usize = 8;
/// Filing (by `Vault::tidy`, or when the tail is over `TAIL_MAX`) leaves in the tail the
/// attempts of the minute up to the newest one: an attempt's identity is its second and
/// skill, and an answer on the same skill in the same second as one of them must find it
/// in the tail to take the next second instead (an append reads only the tail). Every tab
/// reads the tail, so this holds across tabs and reloads.
pub const TAIL_KEEPS_MS: i64 = 60_000;
/// Days without an export after which the reminder shows.
pub const EXPORT_REMINDER_DAYS: i64 = 14;
/// Where the record written by schema 1 is copied before it is upgraded.
pub const LEGACY_BACKUP_KEY: &str = "waypoint:backup:v1";
/// A learner's hot record this long (characters) or longer is saved by patches between
/// whole copies (`super::patch`); a shorter one is rewritten whole each time.
pub const PATCH_FROM_CHARS: usize = 2048;

/// Superseded generations left for `tidy` (`Vault::superseded`) beyond which a save removes
/// the oldest itself: two answers' worth (a tail and a patch each), so that storage holds
/// at most two superseded patches and tails when idle moments do not come. A patch may be
/// as long as `patch_limit`, but tidy folds it from a sixteenth of the record, so these are
/// usually a few thousand characters.
const SUPERSEDED_MAX: usize = 4;

/// The longest patch written before the record is written whole again: half the record,
/// and never less than 1,024 characters. `Vault::tidy` folds patches long before (from a
/// sixteenth), in idle moments; the margin is for an answer whose edits are long (a list
/// changed throughout is written whole), which then still writes a patch, not the record.
fn patch_limit(record_chars: usize) -> usize {
    (record_chars / 2).max(1024)
}

/// The patch length from which `Vault::tidy` writes the record whole: a sixteenth of
/// the record, and never less than 1,024 characters.
fn checkpoint_limit(record_chars: usize) -> usize {
    (record_chars / 16).max(1024)
}

/// Writes `rec` whole over the learner's checkpoint named by `synced` and records it there.
/// The stored patch (if any) belongs to the copy just replaced: stale, left as it is.
fn write_whole<S: KeyValueStore>(store: &mut Metered<S>, id: &LearnerId, rec: &LearnerRecord, synced: &mut Synced, patch_from_chars: usize, now: Timestamp) -> Result<(), PersistError> {
    let text = rec.encode()?;
    let c = slot::write_over(store, &keys::learner(id), Some(&synced.pointer), &text, now)?;
    *synced = Synced::written(c.pointer, synced.patch_pointer.take(), rec, utf16_len(&text), patch_from_chars);
    Ok(())
}

/// What `Vault::tidy` did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tidied {
    /// The length of the patch folded into a whole copy of the record (0: none).
    pub folded_patch_chars: usize,
    /// Attempts filed from the newest attempts' slot into their months.
    pub filed_attempts: usize,
    /// Superseded generations removed (left by answers' saves, or by an earlier page).
    pub removed_generations: usize,
    /// What was found on the way (a damaged month recovered from its previous copy).
    pub notices: Vec<Notice>,
}

impl Tidied {
    /// Whether anything was written or removed.
    pub fn wrote(&self) -> bool {
        self.folded_patch_chars > 0 || self.filed_attempts > 0 || self.removed_generations > 0
    }
}

/// What appending an attempt did.
#[derive(Debug, Clone, PartialEq)]
pub struct AppendOutcome {
    /// The attempt as stored (normalised: whole seconds, response time to 100 ms).
    pub stored: Attempt,
    /// Months whose chunks were rewritten because the tail was flushed (usually none).
    pub flushed_months: Vec<u32>,
    /// Characters written (keys and values), for the save-cost bench.
    pub chars_written: usize,
    /// Characters of spare generations given up to make room (0 unless storage was full).
    pub freed_spare_chars: usize,
    /// Damage found and repaired on the way.
    pub notices: Vec<Notice>,
}

/// A section's state as a vault holds it (`Vault::section_stamp`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SectionStamp {
    record: u64,
    rev: u64,
}

/// What saving a learner's sections did.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionsSaved {
    /// Sections whose content changed (including changes merged in from another tab).
    pub changed: Vec<String>,
    pub rev: u64,
}

/// What compacting old history did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CompactionOutcome {
    pub months: Vec<u32>,
    pub attempts_summarised: usize,
    pub chars_freed: usize,
    /// Damage found and repaired on the way.
    pub notices: Vec<Notice>,
}

/// A learner's full history: raw attempts (oldest first) and daily aggregates of the
/// compacted part.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    pub attempts: Vec<Attempt>,
    pub daily: Vec<codec::DailyAggregate>,
}

impl History {
    /// How many answers the daily aggregates stand for (compacted, no longer raw).
    pub fn summarised(&self) -> usize {
        self.daily.iter().map(|d| d.attempts as usize).sum()
    }
}

/// Everything stored on the device, with its problems already handled.
pub struct Vault<S: KeyValueStore> {
    store: Metered<S>,
    device: DeviceRecord,
    data: DeviceData,
    records: BTreeMap<LearnerId, LearnerRecord>,
    /// For each learner, a number that changes whenever their record in `records` is
    /// replaced (read again, merged with another tab's, imported, restored) rather than
    /// changed in place by this vault's own save: see `section_stamp`.
    stamps: BTreeMap<LearnerId, u64>,
    last_stamp: u64,
    /// For each learner, what this vault last read or wrote of their hot record, while
    /// `records` holds exactly what is stored: a save that finds the same pointers skips
    /// re-reading and decoding the record (no other tab wrote since).
    synced: BTreeMap<LearnerId, Synced>,
    /// Hot records this long or longer are saved by patches (`PATCH_FROM_CHARS`).
    patch_from_chars: usize,
    /// For each learner, the newest attempts' slot as this vault last wrote it: its pointer
    /// text and contents. An append that finds the same pointer skips reading and decoding it.
    tails: BTreeMap<LearnerId, (String, AttemptSet)>,
    /// Generations that an answer's save superseded and left in place (slot, generation),
    /// for `tidy` to remove: two storage calls fewer on the answer's path.
    superseded: Vec<(String, u64)>,
    /// Learners whose newest attempts' and patch slots `tidy` has cleared of generations
    /// left behind by an earlier page (closed before its tidy ran).
    swept: BTreeSet<LearnerId>,
    read_only: Option<PersistError>,
}

/// A learner's hot record as stored, while this vault is its only writer.
struct Synced {
    /// The learner slot's pointer text: the whole copy (checkpoint) the patch builds on.
    pointer: String,
    /// The patch slot's pointer text as last read or written (`None`: no patch slot).
    patch_pointer: Option<String>,
    /// The checkpoint's record, to tell what changed since; `None` when it is too short to
    /// be saved by patches.
    base: Option<Box<LearnerRecord>>,
    /// The checkpoint's length in characters (`None`: not measured yet; opening a learner
    /// does not encode their record only to measure it).
    base_chars: Option<usize>,
    /// The stored patch's sections (empty: none, or stale).
    edits: BTreeMap<String, (u64, Vec<Edit>)>,
    /// The stored patch's length in characters when it applies (0: none, or stale).
    patch_chars: usize,
    /// The patch's length when `Vault::tidy` last failed to fold it (storage full): it
    /// tries again only once the patch has grown by as much again.
    fold_failed_at: Option<usize>,
}

impl Synced {
    /// After writing `base` whole, as `chars` characters.
    fn written(pointer: String, patch_pointer: Option<String>, base: &LearnerRecord, chars: usize, patch_from_chars: usize) -> Synced {
        Synced { pointer, patch_pointer, base: (chars >= patch_from_chars).then(|| Box::new(base.clone())), base_chars: Some(chars), edits: BTreeMap::new(), patch_chars: 0, fold_failed_at: None }
    }
}

/// A section's edits from its checkpoint data `from` to `to` when only the paths of
/// `changes` changed since the edits `before` were made: those edits, less the ones at or
/// under a changed path, plus the changes at each path. An earlier edit above a changed
/// path (the section or a parent set whole) cannot be kept in part: then the whole section
/// is compared. A list that slid or had items set is said from what is known of it
/// (`list_edits`) when it can be, without comparing it with the checkpoint's.
fn edits_at(from: &Value, to: &Value, mut before: Vec<Edit>, changes: &[(Vec<String>, Changed)]) -> Vec<Edit> {
    if before.iter().any(|e| changes.iter().any(|(p, _)| p.len() > e.path().len() && p.starts_with(e.path()))) {
        return diff(Some(from), to);
    }
    let mut now = Vec::new();
    for (p, how) in changes {
        let (prior, rest): (Vec<Edit>, Vec<Edit>) = before.into_iter().partition(|e| e.path().starts_with(p));
        before = rest;
        match list_edits(from, to, p, how, &prior) {
            Some(edits) => now.extend(edits),
            None => now.extend(diff_at(from, to, p)),
        }
    }
    before.extend(now);
    before
}

/// The edits that turn the checkpoint's list at `p` (in `from`) into the one in `to`,
/// from the edits `prior` that turned it into the list as last saved and how it changed
/// since (`how`), without comparing the lists. Such edits are items of the checkpoint's
/// list set by position, then at most one slide: a slide after them drops the ones it
/// drops and adds its items to the slide's, and an item set later is set in what the slide
/// added or by its position in the checkpoint's list. `None` when the edits are of
/// another kind, the list slid past what the checkpoint held, or half the list or more
/// would be said item by item (comparing says it whole then): compare instead.
fn list_edits(from: &Value, to: &Value, p: &[String], how: &Changed, prior: &[Edit]) -> Option<Vec<Edit>> {
    let (Some(Value::Array(base)), Some(Value::Array(now))) = (get_at(from, p), get_at(to, p)) else { return None };
    let mut sets: Vec<(usize, Value)> = Vec::new();
    let mut slide: Option<(usize, Vec<Value>)> = None;
    for e in prior {
        match e {
            Edit::Set(q, v) if slide.is_none() && q.len() == p.len() + 1 => sets.push((super::patch::position(q.last()?)?, v.clone())),
            Edit::Slide(q, n, added) if slide.is_none() && q == p => slide = Some((*n, added.clone())),
            _ => return None,
        }
    }
    let (mut n, mut added) = slide.unwrap_or_default();
    // The checkpoint's items left in the list as last saved, before what slides added.
    let kept = base.len().checked_sub(n)?;
    match how {
        Changed::Slid(dropped, count) => {
            if *dropped > kept || now.len() + dropped != kept + added.len() + count {
                return None;
            }
            n += dropped;
            added.extend_from_slice(now.get(now.len() - count..)?);
            sets.retain(|(i, _)| *i >= n);
        }
        Changed::Items(items) => {
            if now.len() != kept + added.len() {
                return None;
            }
            for &i in items {
                let v = now.get(i)?.clone();
                if i >= kept {
                    *added.get_mut(i - kept)? = v;
                } else {
                    match sets.iter_mut().find(|(k, _)| *k == i + n) {
                        Some(set) => set.1 = v,
                        None => sets.push((i + n, v)),
                    }
                }
            }
        }
        Changed::Other => return None,
    }
    if n >= base.len() || (added.len() + sets.len()) * 2 >= now.len() {
        return None;
    }
    sets.sort_by_key(|(i, _)| *i);
    let mut out: Vec<Edit> = sets.into_iter().map(|(i, v)| Edit::Set([p, &[i.to_string()]].concat(), v)).collect();
    if n > 0 || !added.is_empty() {
        out.push(Edit::Slide(p.to_vec(), n, added));
    }
    Some(out)
}

/// A learner's hot record as stored: the whole copy and, when it applies to that copy, the
/// patch written since. Repairs nothing (the vault's `load_records` does). `Err` when the
/// record or its patch must not be touched (written by a newer version, or the store
/// failed): a caller about to write must not write over what it cannot read.
pub(crate) fn read_learner_record(store: &dyn KeyValueStore, id: &LearnerId) -> Result<Option<LearnerRecord>, PersistError> {
    let slot_name = keys::learner(id);
    let (checkpoint, pointer) = match slot::read(store, &slot_name, &LearnerRecord::decode) {
        SlotRead::Current { value, pointer: Some(p), .. } => (value, p),
        SlotRead::Current { value, generation, pointer: None, .. } | SlotRead::Recovered { value, generation, .. } => match slot::pointer_to(store, &slot_name, generation)? {
            Some(p) => (value, p),
            None => return Ok(Some(value)),
        },
        SlotRead::Refused(e) => return Err(e),
        other => return Ok(other.into_value()),
    };
    match slot::read(store, &keys::patch(id), &Patch::decode) {
        SlotRead::Refused(e) => Err(e),
        read => Ok(Some(match read.into_value() {
            Some(p) if slot::same_generation(&p.base, &pointer) => p.applied_to(&checkpoint).unwrap_or(checkpoint),
            _ => checkpoint,
        })),
    }
}

/// What writing a learner's tail did: months flushed into chunks, characters written, and
/// the tail slot's new pointer text.
struct TailWritten {
    flushed_months: Vec<u32>,
    chars_written: usize,
    pointer: String,
    /// What the tail slot holds now, when filing changed it (`None`: the tail as given).
    kept: Option<AttemptSet>,
}

/// Attempts of a tail older than this (milliseconds) are filed; the rest, the minute up to
/// the newest one (`TAIL_KEEPS_MS`), stay.
fn filing_cutoff(tail: &AttemptSet) -> i64 {
    tail.values().map(|a| a.at.0).max().unwrap_or(0) - TAIL_KEEPS_MS
}

// ---- reading helpers shared with `device` and `transfer` (on any store)

pub(crate) fn decode_device(body: &str) -> Result<(DeviceRecord, u32), PersistError> {
    DeviceRecord::decode(body)
}

pub(crate) fn decode_chunk(body: &str) -> Result<AttemptSet, PersistError> {
    codec::decode_chunk(body).map_err(|e| PersistError::Invalid(e.0))
}

fn decode_daily(body: &str) -> Result<DailySummary, PersistError> {
    codec::decode_summary(body).map_err(|e| PersistError::Invalid(e.0))
}

fn decode_chunk_with_crc(body: &str) -> Result<(AttemptSet, String), PersistError> {
    Ok((decode_chunk(body)?, crc32_hex(body)))
}

/// A learner's history as read from the store, with the slots that had problems.
#[derive(Debug, Clone, Default)]
pub(crate) struct StoredHistory {
    /// Raw attempts: chunks, tail, not counting chunks already summarised.
    pub attempts: AttemptSet,
    pub daily: DailySummary,
    pub problems: Vec<(String, Problem)>,
    /// Chunks already counted in the summary, left by a compaction cut short.
    pub sealed_leftovers: Vec<String>,
}

/// Reads a learner's history (summary, chunks, tail) without repairing anything.
pub(crate) fn read_history(store: &dyn KeyValueStore, id: &LearnerId) -> Result<StoredHistory, PersistError> {
    let mut problems = Vec::new();
    let daily_slot = keys::daily(id);
    let daily = match slot::read(store, &daily_slot, &decode_daily) {
        SlotRead::Absent => DailySummary::default(),
        SlotRead::Current { value, .. } => value,
        SlotRead::Recovered { value, saved_at, bad, .. } => {
            problems.push((daily_slot, Problem::Recovered { saved_at, bad }));
            value
        }
        SlotRead::Lost { bad } => {
            problems.push((daily_slot, Problem::Lost { bad }));
            DailySummary::default()
        }
        SlotRead::Foreign(text) => {
            problems.push((daily_slot.clone(), Problem::Lost { bad: vec![BadKey { key: daily_slot, bytes: text }] }));
            DailySummary::default()
        }
        SlotRead::Refused(e @ PersistError::TooNew { .. }) => {
            problems.push((daily_slot, Problem::Refused(e)));
            DailySummary::default()
        }
        SlotRead::Refused(e) => return Err(e),
    };
    let mut set = AttemptSet::new();
    let mut sealed_leftovers = Vec::new();
    let mut slots: Vec<String> = learner_slots(store, id)?.into_iter().filter(|s| matches!(keys::kind(s), SlotKind::History(..) | SlotKind::Tail(_))).collect();
    crate::sorting::sort(&mut slots);
    for s in slots {
        let month = match keys::kind(&s) {
            SlotKind::History(_, m) => Some(m),
            _ => None,
        };
        let counted = |crc: &str| month.is_some_and(|m| daily.sealed.get(&m).map(String::as_str) == Some(crc));
        match slot::read(store, &s, &decode_chunk_with_crc) {
            SlotRead::Absent => {}
            SlotRead::Current { value: (_, crc), .. } if counted(&crc) => sealed_leftovers.push(s),
            SlotRead::Current { value: (value, _), .. } => codec::union_into(&mut set, value),
            SlotRead::Recovered { value: (value, crc), saved_at, bad, .. } => {
                if !counted(&crc) {
                    codec::union_into(&mut set, value);
                }
                problems.push((s, Problem::Recovered { saved_at, bad }));
            }
            SlotRead::Lost { bad } => problems.push((s, Problem::Lost { bad })),
            SlotRead::Foreign(text) => problems.push((s.clone(), Problem::Lost { bad: vec![BadKey { key: s, bytes: text }] })),
            // One chunk from a newer version (or unreadable storage): the rest still reads.
            SlotRead::Refused(e @ PersistError::TooNew { .. }) => problems.push((s, Problem::Refused(e))),
            SlotRead::Refused(e) => return Err(e),
        }
    }
    Ok(StoredHistory { attempts: set, daily, problems, sealed_leftovers })
}

/// A damaged slot found while reading.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Problem {
    Recovered { saved_at: Timestamp, bad: Vec<BadKey> },
    Lost { bad: Vec<BadKey> },
    /// Written by a newer version: left untouched, and the vault turns read-only.
    Refused(PersistError),
}

/// The slot names (pointer keys) that belong to a learner.
pub(crate) fn learner_slots(store: &dyn KeyValueStore, id: &LearnerId) -> Result<Vec<String>, StoreError> {
    let mut out = BTreeSet::new();
    for k in store.keys()? {
        let s = keys::split_generation(&k).map_or(k.as_str(), |(s, _)| s);
        if keys::kind(s).learner() == Some(id) {
            out.insert(s.to_string());
        }
    }
    Ok(out.into_iter().collect())
}

/// Characters used by every key of the store (keys plus values, UTF-16 units).
pub fn used_chars(store: &dyn KeyValueStore) -> Result<usize, StoreError> {
    let mut n = 0;
    for k in store.keys()? {
        n += utf16_len(&k) + store.get(&k)?.map_or(0, |v| utf16_len(&v));
    }
    Ok(n)
}

fn typed_view(rec: &DeviceRecord) -> Result<DeviceData, PersistError> {
    let learners = rec.typed_learners()?;
    let settings = if rec.settings.is_null() { DeviceSettings::default() } else { serde_json::from_value(rec.settings.clone()).unwrap_or_default() };
    Ok(DeviceData { learners, settings })
}

/// Best effort for data we must not write over: the learners we can read.
pub(crate) fn salvage(raw: &str) -> DeviceData {
    let Ok(v) = serde_json::from_str::<Value>(raw) else { return DeviceData::default() };
    let learners = v
        .get("learners")
        .and_then(|l| l.as_array())
        .map(|items| items.iter().filter_map(|i| serde_json::from_value::<Learner>(i.clone()).ok()).collect())
        .unwrap_or_default();
    DeviceData { learners, settings: DeviceSettings::default() }
}

/// Whether to remind about exporting: 14 days after the last export (or, never having
/// exported, after `last_export` is `None` — the vault passes the first save instead),
/// unless the reminder was dismissed within the last 14 days.
pub fn export_reminder_due(now: Timestamp, last_export: Option<Timestamp>, dismissed_at: Option<Timestamp>) -> bool {
    let window = EXPORT_REMINDER_DAYS * MS_PER_DAY;
    let stale = last_export.is_none_or(|t| now.0.saturating_sub(t.0) >= window);
    let snoozed = dismissed_at.is_some_and(|t| now.0.saturating_sub(t.0) < window);
    stale && !snoozed
}

enum DeviceOpen {
    Fresh,
    Loaded { rec: DeviceRecord, from: u32, legacy: Option<String>, recovered: Option<(Timestamp, Vec<BadKey>, u64)> },
    Lost { bad: Vec<BadKey> },
    ReadOnly { error: PersistError, salvage: DeviceData },
}

fn open_device(store: &dyn KeyValueStore) -> DeviceOpen {
    match slot::read(store, keys::DEVICE, &decode_device) {
        SlotRead::Absent => DeviceOpen::Fresh,
        SlotRead::Current { value: (rec, from), .. } => DeviceOpen::Loaded { rec, from, legacy: None, recovered: None },
        SlotRead::Recovered { value: (rec, from), saved_at, bad, generation } => DeviceOpen::Loaded { rec, from, legacy: None, recovered: Some((saved_at, bad, generation)) },
        SlotRead::Lost { bad } => DeviceOpen::Lost { bad },
        // Damage in the pointer itself, while learners' records exist: rebuild from them.
        SlotRead::Foreign(text) if !text.trim_start().starts_with('{') && has_learner_records(store) => {
            DeviceOpen::Lost { bad: vec![BadKey { key: keys::DEVICE.to_string(), bytes: text }] }
        }
        SlotRead::Foreign(text) => match decode_device(&text) {
            Ok((rec, from)) => DeviceOpen::Loaded { rec, from, legacy: Some(text), recovered: None },
            Err(error) => DeviceOpen::ReadOnly { salvage: salvage(&text), error },
        },
        SlotRead::Refused(error) => DeviceOpen::ReadOnly { error, salvage: DeviceData::default() },
    }
}

fn has_learner_records(store: &dyn KeyValueStore) -> bool {
    store.keys().is_ok_and(|ks| ks.iter().any(|k| matches!(keys::kind(k), SlotKind::Learner(_))))
}

/// The device as read without writing anything.
pub(crate) struct DevicePeek {
    pub record: DeviceRecord,
    pub data: DeviceData,
    /// `Ok(false)` when nothing is stored, `Ok(true)` when read, or why it is read-only.
    pub status: Result<bool, PersistError>,
    pub notices: Vec<Notice>,
}

/// Reads the device without writing anything: the typed view, its status and notices.
pub(crate) fn peek_device(store: &dyn KeyValueStore) -> DevicePeek {
    let (record, data, status, notices) = peek_device_parts(store);
    DevicePeek { record, data, status, notices }
}

type PeekParts = (DeviceRecord, DeviceData, Result<bool, PersistError>, Vec<Notice>);

/// Adds to `device` the learners whose hot record exists (with its copy of the card) but
/// whose card is missing. True if any.
fn adopt_orphans(store: &dyn KeyValueStore, device: &mut DeviceRecord) -> bool {
    let known = device.learner_ids();
    let mut adopted = false;
    let Ok(ks) = store.keys() else { return false };
    for k in ks {
        if let SlotKind::Learner(id) = keys::kind(&k)
            && !known.contains(&id)
            && let Some(r) = slot::read(store, &k, &LearnerRecord::decode).into_value()
            && let Some(card) = r.extra.get("card")
            && serde_json::from_value::<Learner>(card.clone()).is_ok_and(|l| l.id == id)
        {
            device.put_raw_learner(card.clone());
            adopted = true;
        }
    }
    adopted
}

fn peek_device_parts(store: &dyn KeyValueStore) -> PeekParts {
    let mut notices = Vec::new();
    match open_device(store) {
        DeviceOpen::Fresh => (DeviceRecord::default(), DeviceData::default(), Ok(false), notices),
        DeviceOpen::Loaded { rec, from, recovered, .. } => {
            if from < schema::CURRENT_SCHEMA {
                notices.push(Notice::Migrated { from, to: schema::CURRENT_SCHEMA });
            }
            let mut rec = rec;
            if let Some((saved_at, _, _)) = recovered {
                notices.push(Notice::Recovered(Recovery { what: SlotKind::Device, restored: true, restored_from: Some(saved_at), quarantined: vec![] }));
                adopt_orphans(store, &mut rec);
            }
            match typed_view(&rec) {
                Ok(data) => (rec, data, Ok(true), notices),
                Err(e) => (DeviceRecord::default(), DeviceData::default(), Err(e), notices),
            }
        }
        DeviceOpen::Lost { .. } => {
            notices.push(Notice::Recovered(Recovery { what: SlotKind::Device, restored: false, restored_from: None, quarantined: vec![] }));
            let mut rec = DeviceRecord::default();
            adopt_orphans(store, &mut rec);
            let data = typed_view(&rec).unwrap_or_default();
            (rec, data, Ok(true), notices)
        }
        DeviceOpen::ReadOnly { error, salvage } => (DeviceRecord::default(), salvage, Err(error), notices),
    }
}

impl<S: KeyValueStore> Vault<S> {
    /// Opens the device's data: migrates old records (keeping a backup), recovers damaged
    /// keys from their previous generation (setting the damaged bytes aside), and reports
    /// all of it as notices. Never fails: a store it must not write over opens read-only.
    pub fn open(store: S, now: Timestamp) -> (Self, Vec<Notice>) {
        let mut v = Vault { store: Metered::new(store), device: DeviceRecord::default(), data: DeviceData::default(), records: BTreeMap::new(), stamps: BTreeMap::new(), last_stamp: 0, synced: BTreeMap::new(), patch_from_chars: PATCH_FROM_CHARS, tails: BTreeMap::new(), superseded: Vec::new(), swept: BTreeSet::new(), read_only: None };
        let notices = v.load(now);
        (v, notices)
    }

    fn load(&mut self, now: Timestamp) -> Vec<Notice> {
        self.store.recount();
        self.load_records(now)
    }

    /// Reads the device and hot records (not the history), repairing on the way.
    fn load_records(&mut self, now: Timestamp) -> Vec<Notice> {
        let mut notices = Vec::new();
        self.records.clear();
        self.stamps.clear();
        self.synced.clear();
        self.tails.clear();
        self.read_only = None;
        match open_device(&self.store) {
            DeviceOpen::Fresh => {
                self.device = DeviceRecord::default();
                self.data = DeviceData::default();
            }
            DeviceOpen::ReadOnly { error, salvage } => {
                self.device = DeviceRecord::default();
                self.data = salvage;
                notices.push(Notice::ReadOnly(error.clone()));
                self.read_only = Some(error);
                return notices;
            }
            DeviceOpen::Lost { bad } => {
                let quarantined = self.quarantine(&bad, now);
                // The cards are rebuilt from the learners' hot records, which carry a copy.
                self.device = DeviceRecord::default();
                self.adopt_orphan_learners();
                if quarantined.len() == bad.len() {
                    let _ = slot::delete(&mut self.store, keys::DEVICE);
                }
                self.data = typed_view(&self.device).unwrap_or_default();
                notices.push(Notice::Recovered(Recovery { what: SlotKind::Device, restored: false, restored_from: None, quarantined }));
                if !self.device.learners.is_empty() {
                    let _ = self.write_device(now);
                }
            }
            DeviceOpen::Loaded { rec, from, legacy, recovered } => {
                match typed_view(&rec) {
                    Ok(d) => self.data = d,
                    Err(e) => return self.refuse(e, notices),
                }
                self.device = rec;
                if let Some((saved_at, bad, generation)) = recovered {
                    let quarantined = self.repair(keys::DEVICE, generation, &bad, now);
                    // The older copy may predate learners added since: their hot records
                    // carry their cards, so bring them back.
                    if self.adopt_orphan_learners() {
                        let _ = self.write_device(now);
                    }
                    notices.push(Notice::Recovered(Recovery { what: SlotKind::Device, restored: true, restored_from: Some(saved_at), quarantined }));
                }
                if let Some(text) = legacy {
                    // Upgrade in place: keep the old record aside first, then write slots.
                    if self.store.set(LEGACY_BACKUP_KEY, &text).is_ok() {
                        let _ = self.write_device(now);
                    }
                } else if from < schema::CURRENT_SCHEMA {
                    // Nothing to convert (see `schema`): the device record says the new
                    // version at once, so the notice shows once and an older build still
                    // open elsewhere stops writing.
                    let _ = self.write_device(now);
                }
                if from < schema::CURRENT_SCHEMA {
                    notices.push(Notice::Migrated { from, to: schema::CURRENT_SCHEMA });
                }
            }
        }
        for id in self.device.learner_ids() {
            let s = keys::learner(&id);
            // The record, its length as read (so that the first save need not encode it only
            // to measure it), and the pointer naming the copy it was read from (a patch
            // written on that copy applies to it).
            let measured = |body: &str| LearnerRecord::decode(body).map(|r| (r, utf16_len(body)));
            let ((rec, chars), pointer) = match slot::read(&self.store, &s, &measured) {
                SlotRead::Absent => ((LearnerRecord::new(id.clone()), None), None),
                // The pointer it was read through (for a lone first copy, the one naming it)
                // names what we now hold: the first save can take the in-sync path.
                SlotRead::Current { value: (rec, chars), pointer, generation, .. } => {
                    let pointer = pointer.or_else(|| slot::pointer_to(&self.store, &s, generation).ok().flatten());
                    ((rec, Some(chars)), pointer)
                }
                SlotRead::Recovered { value: (rec, chars), saved_at, bad, generation } => {
                    // Refuse before repairing anything when the patch is from a newer build.
                    if let SlotRead::Refused(e) = slot::read(&self.store, &keys::patch(&id), &Patch::decode) {
                        return self.refuse(e, notices);
                    }
                    let quarantined = self.repair(&s, generation, &bad, now);
                    notices.push(Notice::Recovered(Recovery { what: SlotKind::Learner(id.clone()), restored: true, restored_from: Some(saved_at), quarantined }));
                    ((rec, Some(chars)), slot::pointer_to(&self.store, &s, generation).ok().flatten())
                }
                SlotRead::Lost { bad } => {
                    let quarantined = self.quarantine(&bad, now);
                    if quarantined.len() == bad.len() {
                        let _ = slot::delete(&mut self.store, &s);
                    }
                    notices.push(Notice::Recovered(Recovery { what: SlotKind::Learner(id.clone()), restored: false, restored_from: None, quarantined }));
                    ((LearnerRecord::new(id.clone()), None), None)
                }
                SlotRead::Foreign(text) => {
                    let bad = vec![BadKey { key: s.clone(), bytes: text }];
                    let quarantined = self.quarantine(&bad, now);
                    if !quarantined.is_empty() {
                        let _ = self.store.remove(&s);
                    }
                    notices.push(Notice::Recovered(Recovery { what: SlotKind::Learner(id.clone()), restored: false, restored_from: None, quarantined }));
                    ((LearnerRecord::new(id.clone()), None), None)
                }
                SlotRead::Refused(e) => return self.refuse(e, notices),
            };
            let rec = match pointer {
                Some(pointer) => match self.load_patch(&id, rec, chars, pointer, now, &mut notices) {
                    Ok(rec) => rec,
                    Err(e) => return self.refuse(e, notices),
                },
                None => rec,
            };
            self.keep_record(id, rec);
        }
        if let Ok(q) = self.quota()
            && q.level != super::QuotaLevel::Ok
        {
            notices.push(Notice::Quota(q));
        }
        if self.export_reminder_due(now) {
            notices.push(Notice::ExportDue);
        }
        notices
    }

    /// Opening stops here: what is stored must not be written over; the vault turns read-only.
    fn refuse(&mut self, e: PersistError, mut notices: Vec<Notice>) -> Vec<Notice> {
        notices.push(Notice::ReadOnly(e.clone()));
        self.read_only = Some(e);
        notices
    }

    /// The learner's record as of the patch stored on top of `checkpoint` (read through
    /// `pointer`), repairing the patch slot on the way; remembers both as in sync. A patch
    /// that belongs to another checkpoint is stale and left out. `Err`: the patch comes
    /// from a newer version (the vault turns read-only).
    fn load_patch(&mut self, id: &LearnerId, checkpoint: LearnerRecord, checkpoint_chars: Option<usize>, pointer: String, now: Timestamp, notices: &mut Vec<Notice>) -> Result<LearnerRecord, PersistError> {
        let ps = keys::patch(id);
        let measured = |body: &str| Patch::decode(body).map(|p| (p, utf16_len(body)));
        let patch = match slot::read(&self.store, &ps, &measured) {
            SlotRead::Absent => None,
            SlotRead::Current { value, generation, .. } => Some((value, generation)),
            SlotRead::Recovered { value, generation, saved_at, bad } => {
                let quarantined = self.repair(&ps, generation, &bad, now);
                notices.push(Notice::Recovered(Recovery { what: SlotKind::Patch(id.clone()), restored: true, restored_from: Some(saved_at), quarantined }));
                Some((value, generation))
            }
            SlotRead::Lost { bad } => {
                let quarantined = self.quarantine(&bad, now);
                if quarantined.len() == bad.len() {
                    let _ = slot::delete(&mut self.store, &ps);
                }
                notices.push(Notice::Recovered(Recovery { what: SlotKind::Patch(id.clone()), restored: false, restored_from: None, quarantined }));
                None
            }
            SlotRead::Foreign(text) => {
                let quarantined = self.quarantine(&[BadKey { key: ps.clone(), bytes: text }], now);
                if !quarantined.is_empty() {
                    let _ = self.store.remove(&ps);
                }
                notices.push(Notice::Recovered(Recovery { what: SlotKind::Patch(id.clone()), restored: false, restored_from: None, quarantined }));
                None
            }
            SlotRead::Refused(e) => return Err(e),
        };
        let mut patch_pointer = self.store.get(&ps).ok().flatten();
        let mut edits = BTreeMap::new();
        let mut patch_chars = 0;
        let rec = match patch.filter(|((p, _), _)| slot::same_generation(&p.base, &pointer)) {
            Some(((p, chars), g)) => match p.applied_to(&checkpoint) {
                Ok(rec) => {
                    edits = p.sections;
                    patch_chars = chars;
                    rec
                }
                Err(_) => {
                    // Intact but not about this checkpoint's data: set aside, never applied.
                    let key = keys::generation(&ps, g);
                    let bytes = self.store.get(&key).ok().flatten().unwrap_or_default();
                    let quarantined = self.quarantine(&[BadKey { key, bytes }], now);
                    if !quarantined.is_empty() && slot::delete(&mut self.store, &ps).is_ok() {
                        patch_pointer = None;
                    }
                    notices.push(Notice::Recovered(Recovery { what: SlotKind::Patch(id.clone()), restored: false, restored_from: None, quarantined }));
                    checkpoint.clone()
                }
            },
            None => checkpoint.clone(),
        };
        self.synced.insert(id.clone(), Synced { pointer, patch_pointer, base: Some(Box::new(checkpoint)), base_chars: checkpoint_chars, edits, patch_chars, fold_failed_at: None });
        Ok(rec)
    }

    /// Saves hot records of `chars` characters or more by patches, from their next whole
    /// write (tests use small values to put saves through patches).
    pub fn set_patch_from_chars(&mut self, chars: usize) {
        self.patch_from_chars = chars;
    }

    /// Adds to the device record the learners whose hot record exists but whose card is
    /// missing (after the device record fell back to an older copy). True if any.
    fn adopt_orphan_learners(&mut self) -> bool {
        let adopted = adopt_orphans(&self.store, &mut self.device);
        if adopted {
            self.data = typed_view(&self.device).unwrap_or_default();
        }
        adopted
    }

    /// After a `storage` event for `key` (another tab wrote): re-reads what it belongs to
    /// and says what that was, or `None` for keys that are not Waypoint's data. History
    /// keys need no reload (history is read from the store each time). Cheaper than
    /// `reload`, which also recounts every key for the quota.
    pub fn on_storage_event(&mut self, key: &str, now: Timestamp) -> Option<(SlotKind, Vec<Notice>)> {
        let kind = keys::slot_of(key);
        self.store.refresh(key);
        match &kind {
            SlotKind::Device | SlotKind::Learner(_) | SlotKind::Patch(_) => Some((kind, self.load_records(now))),
            SlotKind::Tail(_) | SlotKind::History(..) | SlotKind::Daily(_) | SlotKind::Undo => Some((kind, Vec::new())),
            SlotKind::Quarantine | SlotKind::Other => None,
        }
    }

    /// Re-reads everything (after another tab wrote: the `storage` event).
    pub fn reload(&mut self, now: Timestamp) -> Vec<Notice> {
        self.load(now)
    }

    /// Sets damaged bytes aside under quarantine keys; returns the keys written.
    fn quarantine(&mut self, bad: &[BadKey], now: Timestamp) -> Vec<String> {
        let mut out = Vec::new();
        for (i, b) in bad.iter().enumerate() {
            let mut n = i;
            let key = loop {
                let k = format!("{}{}:{n}", keys::QUARANTINE_PREFIX, now.0);
                match self.store.get(&k) {
                    Ok(None) => break Some(k),
                    Ok(Some(_)) => n += bad.len().max(1),
                    Err(_) => break None,
                }
            };
            let Some(key) = key else { continue };
            let body = json!({ "key": b.key, "at": now.0, "bytes": b.bytes }).to_string();
            if self.store.set(&key, &body).is_ok() {
                out.push(key);
            }
        }
        out
    }

    /// After a recovery: quarantine, point at the good generation, remove damaged generations.
    fn repair(&mut self, slot_name: &str, generation: u64, bad: &[BadKey], now: Timestamp) -> Vec<String> {
        if self.read_only.is_some() {
            return vec![];
        }
        let quarantined = self.quarantine(bad, now);
        if quarantined.len() == bad.len() && slot::repoint(&mut self.store, slot_name, generation).is_ok() {
            for b in bad {
                if b.key != slot_name {
                    let _ = self.store.remove(&b.key);
                }
            }
        }
        quarantined
    }

    // ---- reading

    pub fn store(&self) -> &S {
        &self.store.inner
    }
    /// For tests that inject faults (the quota is then counted afresh).
    pub fn store_mut(&mut self) -> &mut S {
        self.store.mark_stale();
        &mut self.store.inner
    }
    pub fn into_store(self) -> S {
        self.store.inner
    }

    /// The start screen's data.
    pub fn device(&self) -> &DeviceData {
        &self.data
    }

    /// `Some(reason)` when stored data must not be written over; every mutation then
    /// answers `PersistError::ReadOnly`.
    pub fn read_only(&self) -> Option<&PersistError> {
        self.read_only.as_ref()
    }

    pub fn learner(&self, id: &LearnerId) -> Option<&Learner> {
        self.data.learner(id)
    }

    /// A named section of a learner's hot record, as it was saved.
    pub fn section(&self, id: &LearnerId, name: &str) -> Option<&Value> {
        self.records.get(id).and_then(|r| r.section(name))
    }

    pub fn learner_record(&self, id: &LearnerId) -> Option<&LearnerRecord> {
        self.records.get(id)
    }

    /// The Web Lock name the app holds while mutating this learner.
    pub fn lock_name(id: &LearnerId) -> String {
        format!("waypoint:learner:{id}")
    }

    /// A learner's whole history, repairing damaged chunks on the way.
    pub fn history(&mut self, id: &LearnerId, now: Timestamp) -> Result<(History, Vec<Notice>), PersistError> {
        if self.data.learner(id).is_none() {
            return Err(PersistError::UnknownLearner(id.to_string()));
        }
        let StoredHistory { attempts: set, daily, problems, sealed_leftovers } = read_history(&self.store, id)?;
        if self.read_only.is_none() {
            // Finish a compaction that was cut short: these chunks are already counted.
            for s in &sealed_leftovers {
                let _ = slot::delete(&mut self.store, s);
            }
        }
        let mut notices = Vec::new();
        for (s, p) in problems {
            let what = keys::kind(&s);
            match p {
                Problem::Recovered { saved_at, bad } => {
                    let g = slot::read(&self.store, &s, &decode_chunk);
                    let quarantined = match g {
                        SlotRead::Recovered { generation, .. } => self.repair(&s, generation, &bad, now),
                        _ => vec![],
                    };
                    notices.push(Notice::Recovered(Recovery { what, restored: true, restored_from: Some(saved_at), quarantined }));
                }
                Problem::Refused(e) => {
                    notices.push(Notice::ReadOnly(e.clone()));
                    self.read_only = Some(e);
                }
                Problem::Lost { bad } => {
                    let quarantined = if self.read_only.is_none() { self.quarantine(&bad, now) } else { vec![] };
                    if !quarantined.is_empty() && quarantined.len() == bad.len() {
                        let _ = slot::delete(&mut self.store, &s);
                    }
                    notices.push(Notice::Recovered(Recovery { what, restored: false, restored_from: None, quarantined }));
                }
            }
        }
        Ok((History { attempts: set.into_values().collect(), daily: daily.aggregates.into_values().collect() }, notices))
    }

    /// Storage use across the whole origin. Cheap: a running count kept since the last
    /// open or reload (another tab's writes are counted at `reload`).
    pub fn quota(&self) -> Result<QuotaState, PersistError> {
        Ok(QuotaState::of(self.store.used()?))
    }

    /// Whether to show the export reminder now.
    pub fn export_reminder_due(&self, now: Timestamp) -> bool {
        if self.data.learners.is_empty() {
            return false;
        }
        let since = self.device.export.last_at.or(self.device.first_saved_at).unwrap_or(now);
        export_reminder_due(now, Some(since), self.device.export.dismissed_at)
    }

    pub fn last_export(&self) -> Option<Timestamp> {
        self.device.export.last_at
    }

    /// Deletes the quarantined bytes (after the person exported them with `export_raw`).
    /// Returns the characters freed.
    pub fn clear_quarantine(&mut self) -> Result<usize, PersistError> {
        let mut freed = 0;
        for k in self.store.keys()? {
            if k.starts_with(keys::QUARANTINE_PREFIX) {
                freed += self.store.get(&k)?.map_or(0, |v| utf16_len(&v) + utf16_len(&k));
                self.store.remove(&k)?;
            }
        }
        Ok(freed)
    }

    /// When the device record is unreadable (not JSON, not Waypoint's, invalid) and the
    /// person chose to start again: its bytes go to quarantine, then the vault reopens
    /// fresh. Data from a newer version is never discarded this way (`ReadOnly` error).
    pub fn start_over(&mut self, now: Timestamp) -> Result<Vec<Notice>, PersistError> {
        match &self.read_only {
            None => return Ok(Vec::new()),
            Some(PersistError::TooNew { .. } | PersistError::Store(_)) => return Err(PersistError::ReadOnly),
            Some(_) => {}
        }
        let mut bad = Vec::new();
        for k in self.store.keys()? {
            if keys::slot_of(&k) == SlotKind::Device
                && let Some(v) = self.store.get(&k)?
            {
                bad.push(BadKey { key: k, bytes: v });
            }
        }
        let quarantined = self.quarantine(&bad, now);
        if quarantined.len() != bad.len() {
            return Err(PersistError::Store(StoreError::QuotaExceeded));
        }
        for b in &bad {
            self.store.remove(&b.key)?;
        }
        Ok(self.load(now))
    }

    /// Damaged data set aside: (quarantine key, original key, bytes).
    pub fn quarantined(&self) -> Result<Vec<(String, String, String)>, PersistError> {
        let mut out = Vec::new();
        for k in self.store.keys()? {
            if k.starts_with(keys::QUARANTINE_PREFIX)
                && let Some(raw) = self.store.get(&k)?
            {
                let v: Value = serde_json::from_str(&raw).unwrap_or(Value::Null);
                let orig = v.get("key").and_then(Value::as_str).unwrap_or("").to_string();
                let bytes = v.get("bytes").and_then(Value::as_str).map(str::to_string).unwrap_or(raw);
                out.push((k, orig, bytes));
            }
        }
        crate::sorting::sort(&mut out);
        Ok(out)
    }

    // ---- writing

    fn writable(&self) -> Result<(), PersistError> {
        match self.read_only {
            Some(_) => Err(PersistError::ReadOnly),
            None => Ok(()),
        }
    }

    /// Applies one change to the device record as it is stored now (another tab may have
    /// saved since we read it), so no tab's change is undone by another's stale copy, and
    /// writes it. On failure nothing changes, in storage or here.
    fn change_device(&mut self, now: Timestamp, change: impl FnOnce(&mut DeviceRecord) -> Result<(), PersistError>) -> Result<(), PersistError> {
        let mut rec = self.stored_device();
        change(&mut rec)?;
        rec.rev = rec.rev.max(self.device.rev) + 1;
        if rec.first_saved_at.is_none() {
            rec.first_saved_at = Some(now);
        }
        let data = typed_view(&rec)?;
        slot::write(&mut self.store, keys::DEVICE, &rec.encode()?, now)?;
        self.device = rec;
        self.data = data;
        Ok(())
    }

    /// Writes our device record as it is (opening: after a recovery or an upgrade).
    fn write_device(&mut self, now: Timestamp) -> Result<(), PersistError> {
        let rec = self.device.clone();
        self.change_device(now, |r| {
            *r = rec;
            Ok(())
        })
    }

    /// Replaces the learner cards and settings (the start screen's save). Returns whether
    /// anything changed.
    pub fn save_device(&mut self, data: &DeviceData, now: Timestamp) -> Result<bool, PersistError> {
        self.writable()?;
        if &self.data == data && self.store.get(keys::DEVICE)?.is_some() {
            return Ok(false);
        }
        self.change_device(now, |rec| {
            rec.set_learners(&data.learners)?;
            rec.set_settings(&data.settings)
        })?;
        // Keep each learner's copy of their card current (used to rebuild a lost list).
        for (card, id) in self.device.learners.clone().iter().zip(self.device.learner_ids()) {
            let mut rec = self.fresh_record(&id)?;
            if rec.extra.get("card") != Some(card) {
                rec.extra.insert("card".into(), card.clone());
                rec.rev += 1;
                slot::write(&mut self.store, &keys::learner(&id), &rec.encode()?, now)?;
            }
            self.synced.remove(&id);
            self.tails.remove(&id);
            self.keep_record(id, rec);
        }
        Ok(true)
    }

    /// Adds a learner (or updates their card). Writes the hot record first (it carries a
    /// copy of the card, used to rebuild the list if the device record is ever lost).
    pub fn put_learner(&mut self, learner: &Learner, now: Timestamp) -> Result<bool, PersistError> {
        self.writable()?;
        let card = serde_json::to_value(learner).map_err(|e| PersistError::Invalid(e.to_string()))?;
        if self.data.learner(&learner.id).is_none() && self.store.get(&keys::learner(&learner.id))?.is_none() && self.store.get(&keys::patch(&learner.id))?.is_some() {
            // A new learner: a patch left by a removal cut short must not come back with
            // them (their first copy could be byte-identical to the removed one's).
            slot::delete(&mut self.store, &keys::patch(&learner.id))?;
        }
        let mut rec = self.fresh_record(&learner.id)?;
        let old_card = rec.extra.get("card").cloned();
        let card = match &old_card {
            Some(old) => super::record::overlay(old, card),
            None => card,
        };
        if old_card.as_ref() != Some(&card) {
            rec.extra.insert("card".into(), card);
            rec.rev += 1;
            slot::write(&mut self.store, &keys::learner(&learner.id), &rec.encode()?, now)?;
        }
        self.synced.remove(&learner.id);
        self.tails.remove(&learner.id);
        self.keep_record(learner.id.clone(), rec);
        if self.stored_device().typed_learners()?.iter().any(|l| l == learner) {
            return Ok(false);
        }
        self.change_device(now, |rec| {
            let mut learners = rec.typed_learners()?;
            match learners.iter_mut().find(|l| l.id == learner.id) {
                Some(l) => *l = learner.clone(),
                None => learners.push(learner.clone()),
            }
            rec.set_learners(&learners)
        })?;
        Ok(true)
    }

    /// Removes a learner and all their keys (after the grown-up confirmed). Returns the
    /// characters freed.
    pub fn remove_learner(&mut self, id: &LearnerId, now: Timestamp) -> Result<usize, PersistError> {
        self.writable()?;
        if self.data.learner(id).is_none() {
            return Err(PersistError::UnknownLearner(id.to_string()));
        }
        self.change_device(now, |rec| {
            rec.remove_learner(id);
            Ok(())
        })?;
        self.records.remove(id);
        self.stamps.remove(id);
        self.synced.remove(id);
        self.tails.remove(id);
        // Its slots go whole; a generation number queued for them could name a new
        // learner's (numbering starts again) once the id is used again.
        let own = [keys::tail(id), keys::patch(id)];
        self.superseded.retain(|(slot_name, _)| !own.contains(slot_name));
        let mut freed = 0;
        // The patch first: a removal cut short must never leave a patch behind the copy it
        // belongs to gone (a new learner could be given the same id).
        let mut slots = learner_slots(&self.store, id)?;
        crate::sorting::sort_by_key(&mut slots, |s| !matches!(keys::kind(s), SlotKind::Patch(_)));
        for s in slots {
            freed += slot::delete(&mut self.store, &s)?;
        }
        Ok(freed)
    }

    /// The device record as stored now when it is newer than ours (another tab saved),
    /// else ours.
    fn stored_device(&self) -> DeviceRecord {
        match slot::read(&self.store, keys::DEVICE, &decode_device).into_value() {
            Some((stored, _)) if stored.rev >= self.device.rev => stored,
            _ => self.device.clone(),
        }
    }

    /// Whether the learner's pointer is still the one this vault last wrote or read, so the
    /// record it holds is the stored one (no other tab saved meanwhile).
    fn in_sync(&self, id: &LearnerId) -> bool {
        self.records.contains_key(id)
            && self.synced.get(id).is_some_and(|seen| {
                // A read that fails is never taken for "unchanged".
                matches!(self.store.get(&keys::learner(id)), Ok(Some(p)) if p == seen.pointer)
                    && matches!(self.store.get(&keys::patch(id)), Ok(p) if p == seen.patch_pointer)
            })
    }

    /// The hot record as stored now, merged with ours (another tab may have saved).
    fn fresh_record(&self, id: &LearnerId) -> Result<LearnerRecord, PersistError> {
        let mine = self.records.get(id).cloned().unwrap_or_else(|| LearnerRecord::new(id.clone()));
        if self.in_sync(id) {
            return Ok(mine);
        }
        self.merged_with_stored(id, mine)
    }

    /// `mine` merged with the learner's record as stored (when it differs). `Err` when what
    /// is stored must not be written over.
    fn merged_with_stored(&self, id: &LearnerId, mine: LearnerRecord) -> Result<LearnerRecord, PersistError> {
        Ok(match read_learner_record(&self.store, id)? {
            Some(stored) if stored != mine => merge_learner(&mine, &stored),
            _ => mine,
        })
    }

    /// Saves named sections of a learner's hot record (the engine's model, motivation,
    /// profile...). Sections not named are left as they are, including ones another tab
    /// saved meanwhile.
    pub fn save_sections(&mut self, id: &LearnerId, changes: &[(String, Value)], now: Timestamp) -> Result<SectionsSaved, PersistError> {
        self.save_sections_owned(id, changes.to_vec(), now)
    }

    /// `save_sections` taking the sections' data by value, so that it moves into the
    /// record instead of being copied (the path every answer takes).
    pub fn save_sections_owned(&mut self, id: &LearnerId, changes: Vec<(String, Value)>, now: Timestamp) -> Result<SectionsSaved, PersistError> {
        self.writable()?;
        if self.data.learner(id).is_none() {
            return Err(PersistError::UnknownLearner(id.to_string()));
        }
        if let Some((bad, _)) = changes.iter().find(|(n, _)| !super::record::valid_section_name(n)) {
            return Err(PersistError::Invalid(format!("section name {bad:?}")));
        }
        // The common case (this tab is the only writer): change our record in place, no
        // copies and no comparisons beyond the sections named.
        if self.in_sync(id) {
            let Some(rec) = self.records.get_mut(id) else { return Err(PersistError::UnknownLearner(id.to_string())) };
            let (changed, replaced) = rec.swap_sections(changes);
            if !changed.is_empty() {
                // In sync: the stored pointers are the ones we hold, so they need not be read again.
                match self.write_in_sync(id, &changed, &BTreeMap::new(), now) {
                    Ok(()) => {}
                    Err(e) => {
                        // Nothing landed: our view goes back to what is stored.
                        if let Some(rec) = self.records.get_mut(id) {
                            rec.restore_sections(replaced);
                        }
                        return Err(e);
                    }
                }
            }
            let rev = self.records.get(id).map_or(0, |r| r.rev);
            return Ok(SectionsSaved { changed, rev });
        }
        // Another tab saved since (or we never read this record): merge theirs first.
        let mine = self.records.get(id).cloned();
        let mut rec = self.merged_with_stored(id, mine.clone().unwrap_or_else(|| LearnerRecord::new(id.clone())))?;
        let mut changed: Vec<String> = match &mine {
            Some(m) => rec.sections.iter().filter(|(k, s)| m.sections.get(*k).map(|x| &x.data) != Some(&s.data)).map(|(k, _)| k.clone()).collect(),
            None => vec![],
        };
        for c in rec.swap_sections(changes).0 {
            if !changed.contains(&c) {
                changed.push(c);
            }
        }
        if !changed.is_empty() || mine.as_ref() != Some(&rec) {
            self.synced.remove(id);
            let text = rec.encode()?;
            let c = slot::write(&mut self.store, &keys::learner(id), &text, now)?;
            // Any stored patch belongs to the copy just replaced: stale from now on.
            let patch_pointer = self.store.get(&keys::patch(id))?;
            self.synced.insert(id.clone(), Synced::written(c.pointer, patch_pointer, &rec, utf16_len(&text), self.patch_from_chars));
        }
        let rev = rec.rev;
        self.keep_record(id.clone(), rec);
        Ok(SectionsSaved { changed, rev })
    }

    /// Which state of a learner's section this tab holds (`None`: no such section), for
    /// `save_parts`: a section saved by this vault keeps telling its stamp until this vault
    /// saves it again or replaces the record (reading what another tab wrote, merging,
    /// importing or undoing an import: those can bring back other data at the same
    /// revision, so a revision alone does not say that the data is the caller's).
    pub fn section_stamp(&self, id: &LearnerId, name: &str) -> Option<SectionStamp> {
        let rev = self.records.get(id)?.sections.get(name)?.rev;
        Some(SectionStamp { record: *self.stamps.get(id)?, rev })
    }

    /// Saves like `save_sections_owned`, with some sections given by their changed parts
    /// only: per section, the state the edits were made against (`section_stamp` after the
    /// last save) and the keys set or removed (see `LearnerRecord::edit_section`). A save
    /// that knows what changed (after one answer, the engine's model changes in one skill)
    /// then costs what changed rather than all a learner has accumulated; what is stored is
    /// the same as saving those sections whole. When the parts do not apply (the section is
    /// not in that state, a path is missing) nothing is saved and the error says why: save
    /// whole instead.
    pub fn save_parts(&mut self, id: &LearnerId, whole: Vec<(String, Value)>, parts: Vec<(String, SectionStamp, Vec<Edit>)>, now: Timestamp) -> Result<SectionsSaved, PersistError> {
        self.writable()?;
        if self.data.learner(id).is_none() {
            return Err(PersistError::UnknownLearner(id.to_string()));
        }
        let names: Vec<&str> = whole.iter().map(|(n, _)| n.as_str()).chain(parts.iter().map(|(n, _, _)| n.as_str())).collect();
        if let Some(bad) = names.iter().find(|n| !super::record::valid_section_name(n)) {
            return Err(PersistError::Invalid(format!("section name {bad:?}")));
        }
        if let Some(twice) = names.iter().enumerate().find(|(i, n)| names[..*i].contains(n)).map(|(_, n)| n) {
            return Err(PersistError::Invalid(format!("section {twice:?} named twice")));
        }
        if let Some((name, _, _)) = parts.iter().find(|(_, stamp, _)| self.stamps.get(id) != Some(&stamp.record)) {
            return Err(PersistError::Invalid(format!("section {name:?} cannot be edited in place: the record was read again since")));
        }
        let parts: Vec<(String, u64, Vec<Edit>)> = parts.into_iter().map(|(name, stamp, edits)| (name, stamp.rev, edits)).collect();
        if !self.in_sync(id) {
            // Another tab saved since: the edited sections whole, as this tab holds them,
            // through the merge of `save_sections_owned`.
            let Some(rec) = self.records.get(id) else { return Err(PersistError::UnknownLearner(id.to_string())) };
            let mut all = whole;
            for (name, rev, edits) in parts {
                let mut scratch = LearnerRecord::new(id.clone());
                if let Some(s) = rec.sections.get(&name) {
                    scratch.sections.insert(name.clone(), s.clone());
                }
                scratch.edit_section(&name, rev, edits)?;
                let data = scratch.sections.remove(&name).map(|s| s.data).unwrap_or(Value::Null);
                all.push((name, data));
            }
            return self.save_sections_owned(id, all, now);
        }
        let Some(rec) = self.records.get_mut(id) else { return Err(PersistError::UnknownLearner(id.to_string())) };
        let rev0 = rec.rev;
        let mut undo = Vec::new();
        for (name, rev, edits) in parts {
            match rec.edit_section(&name, rev, edits) {
                Ok(Some(u)) => undo.push(u),
                Ok(None) => {}
                Err(e) => {
                    for u in undo.into_iter().rev() {
                        rec.restore_edits(u);
                    }
                    return Err(e);
                }
            }
        }
        let (mut changed, replaced) = rec.swap_sections(whole);
        let mut touched: BTreeMap<String, Vec<(Vec<String>, Changed)>> = BTreeMap::new();
        for u in &undo {
            changed.push(u.section().to_string());
            touched.insert(u.section().to_string(), u.changes());
        }
        rec.rev = rev0 + u64::from(!changed.is_empty());
        let rev = rec.rev;
        if !changed.is_empty()
            && let Err(e) = self.write_in_sync(id, &changed, &touched, now)
        {
            // Nothing landed: our view goes back to what is stored.
            if let Some(rec) = self.records.get_mut(id) {
                rec.restore_sections(replaced);
                for u in undo.into_iter().rev() {
                    rec.restore_edits(u);
                }
                rec.rev = rev0;
            }
            return Err(e);
        }
        Ok(SectionsSaved { changed, rev })
    }

    /// Writes the learner's record (already changed in `records`) while in sync: a patch of
    /// the sections changed since the last whole copy when the record is long enough and
    /// the patch short enough, otherwise the whole record. Nothing in `records` changes.
    /// `touched` names, for sections changed by parts, the paths that changed: only those
    /// are compared with the checkpoint.
    /// After a failure, what this tab knew of the stored patch is forgotten (its edits may
    /// be half updated): the next save reads what is stored and writes the record whole.
    fn write_in_sync(&mut self, id: &LearnerId, changed: &[String], touched: &BTreeMap<String, Vec<(Vec<String>, Changed)>>, now: Timestamp) -> Result<(), PersistError> {
        let result = self.write_in_sync_or_fail(id, changed, touched, now);
        match result {
            // What answers' saves left for `tidy` goes at once, to make room for the next.
            Err(_) => {
                self.synced.remove(id);
                self.drop_superseded(0);
            }
            Ok(()) => {
                self.drop_superseded(SUPERSEDED_MAX);
            }
        }
        result
    }

    fn write_in_sync_or_fail(&mut self, id: &LearnerId, changed: &[String], touched: &BTreeMap<String, Vec<(Vec<String>, Changed)>>, now: Timestamp) -> Result<(), PersistError> {
        let (Some(rec), Some(synced)) = (self.records.get(id), self.synced.get_mut(id)) else { return Err(PersistError::UnknownLearner(id.to_string())) };
        if let (Some(base), None) = (&synced.base, synced.base_chars) {
            synced.base_chars = Some(utf16_len(&base.encode()?));
        }
        let base_chars = synced.base_chars.unwrap_or(0);
        // Patches only on a copy written under this build's pointer version: a tab of an
        // older build still open would take an older pointer for unchanged and write the
        // record whole over the patch; the first whole write upgrades the pointer (and the
        // older build then refuses to write).
        let current_version = slot::is_this_version(&synced.pointer);
        if let Some(base) = synced.base.as_ref().filter(|_| current_version && base_chars >= self.patch_from_chars) {
            // Taken, not copied (a failure forgets them, above).
            let mut sections = std::mem::take(&mut synced.edits);
            for name in changed {
                if let Some(s) = rec.sections.get(name) {
                    let edits = match (touched.get(name), base.section(name)) {
                        (Some(paths), Some(from)) => edits_at(from, &s.data, sections.remove(name).map(|(_, e)| e).unwrap_or_default(), paths),
                        _ => diff(base.section(name), &s.data),
                    };
                    sections.insert(name.clone(), (s.rev, edits));
                }
            }
            let patch = Patch { base: synced.pointer.clone(), rev: rec.rev, sections };
            let text = patch.encode()?;
            let chars = utf16_len(&text);
            if chars <= patch_limit(base_chars) {
                let slot_name = keys::patch(id);
                let (c, superseded) = slot::write_over_leaving(&mut self.store, &slot_name, synced.patch_pointer.as_deref(), &text, now)?;
                if let Some(g) = superseded {
                    self.superseded.push((slot_name, g));
                }
                synced.patch_pointer = Some(c.pointer);
                synced.edits = patch.sections;
                synced.patch_chars = chars;
                return Ok(());
            }
        }
        write_whole(&mut self.store, id, rec, synced, self.patch_from_chars, now)
    }

    /// Tidies how a learner's data is stored, for a quiet moment (the app calls it once an
    /// answer's feedback is on screen and the browser is idle), so that the next answers'
    /// own saves write only short keys:
    /// - the record is written whole when it is saved by patches and the stored patch has
    ///   grown to `checkpoint_limit` of it (a sixteenth), so the next patches are short;
    /// - the newest attempts are filed into their months once there are `TAIL_FILE_FROM`
    ///   or more, but for the last minute's (`TAIL_KEEPS_MS`), so an answer's append
    ///   seldom has to (`TAIL_MAX`);
    /// - the generations answers' saves superseded are removed (an answer's save leaves
    ///   them, two storage calls fewer on its path), and on the first tidy of a learner
    ///   those an earlier page left behind.
    ///
    /// What is read back is unchanged, and a crash at any point leaves it readable (the
    /// usual generations). Does nothing to a record or tail that another tab wrote since
    /// this vault last read or wrote it (the next save merges first). A failed write
    /// (storage full) loses nothing saved and leaves the next saves as they were: a patch
    /// on the copy still stored, the tail read again; a fold that failed is tried again
    /// only once the patch has grown by as much again.
    pub fn tidy(&mut self, id: &LearnerId, now: Timestamp) -> Result<Tidied, PersistError> {
        self.writable()?;
        // First, so that a fold or filing that needs room finds it (and again at the end).
        let mut tidied = Tidied { removed_generations: self.remove_superseded(id), ..Tidied::default() };
        let mut fold_failed = None;
        let patch_chars = self.synced.get(id).filter(|s| s.base_chars.is_some_and(|chars| s.patch_chars > 0 && s.patch_chars >= checkpoint_limit(chars) + s.fold_failed_at.unwrap_or(0))).map(|s| s.patch_chars);
        if let Some(chars) = patch_chars
            && self.in_sync(id)
            && let (Some(rec), Some(synced)) = (self.records.get(id), self.synced.get_mut(id))
        {
            // On failure `synced` is as it was: the next save compares the stored pointers
            // with it, as always (a copy that landed after all is then read and merged).
            // Filing the tail is still tried (it needs less room); the error is returned.
            match write_whole(&mut self.store, id, rec, synced, self.patch_from_chars, now) {
                Ok(()) => tidied.folded_patch_chars = chars,
                Err(e) => {
                    synced.fold_failed_at = Some(chars);
                    fold_failed = Some(e);
                }
            }
        }
        let fileable = match self.tails.get(id) {
            Some((seen, tail)) if tail.len() >= TAIL_FILE_FROM && self.store.get(&keys::tail(id)).ok().flatten().as_deref() == Some(seen.as_str()) => {
                let cutoff = filing_cutoff(tail);
                tail.values().filter(|a| a.at.0 < cutoff).count()
            }
            _ => 0,
        };
        if fileable > 0
            && let Some((seen, tail)) = self.tails.remove(id)
        {
            // On failure the tail is not cached any more: the next append reads what is stored.
            let written = self.write_tail(id, &tail, Some(seen), now, &mut tidied.notices, true)?;
            let kept = written.kept.unwrap_or(tail);
            tidied.filed_attempts = fileable;
            self.tails.insert(id.clone(), (written.pointer, kept));
        }
        // And what tidy's own writes superseded.
        tidied.removed_generations += self.remove_superseded(id);
        match fold_failed {
            Some(e) => Err(e),
            None => Ok(tidied),
        }
    }

    /// Removes the generations that answers' saves superseded and left in place, and, once
    /// per learner, those an earlier page left behind (closed before its tidy ran). A
    /// removal that fails is given up: the key is named by no pointer, reading needs it
    /// only if both newer generations are damaged, and it costs only room until the next
    /// page's first tidy finds it again. Returns how many keys went.
    fn remove_superseded(&mut self, id: &LearnerId) -> usize {
        let (mut removed, _) = self.drop_superseded(0);
        if !self.swept.contains(id) {
            let mut swept = true;
            for slot_name in [keys::tail(id), keys::patch(id)] {
                match slot::stale_generations(&self.store, &slot_name) {
                    Ok(stale) => {
                        for generation in stale {
                            removed += usize::from(self.store.remove(&keys::generation(&slot_name, generation)).is_ok());
                        }
                    }
                    Err(_) => swept = false,
                }
            }
            if swept {
                self.swept.insert(id.clone());
            }
        }
        removed
    }

    /// Removes the superseded generations still waiting for `tidy`, the oldest first, until
    /// at most `keep` wait; returns the keys removed and the characters freed.
    fn drop_superseded(&mut self, keep: usize) -> (usize, usize) {
        let over = self.superseded.len().saturating_sub(keep);
        if over == 0 {
            return (0, 0);
        }
        let (mut removed, mut freed) = (0, 0);
        for (slot_name, generation) in self.superseded.drain(..over).collect::<Vec<_>>() {
            let chars = slot::remove_superseded(&mut self.store, &slot_name, generation).unwrap_or(0);
            removed += usize::from(chars > 0);
            freed += chars;
        }
        (removed, freed)
    }

    /// Reads a slot for a mutation, repairing on the way: a recovered slot is re-pointed
    /// and its damaged bytes quarantined; a lost one is quarantined and starts empty.
    fn read_repairing<T>(&mut self, slot_name: &str, decode: &dyn Fn(&str) -> Result<T, PersistError>, now: Timestamp, notices: &mut Vec<Notice>) -> Result<Option<T>, PersistError> {
        Ok(self.read_repairing_seen(slot_name, decode, now, notices)?.0)
    }

    /// `read_repairing`, with the slot's pointer text as read when the value is its current
    /// generation, intact, and nothing was repaired (`None` otherwise): a write that follows
    /// at once need not read the pointer again.
    fn read_repairing_seen<T>(&mut self, slot_name: &str, decode: &dyn Fn(&str) -> Result<T, PersistError>, now: Timestamp, notices: &mut Vec<Notice>) -> Result<(Option<T>, Option<String>), PersistError> {
        let what = keys::kind(slot_name);
        match slot::read(&self.store, slot_name, decode) {
            SlotRead::Absent => Ok((None, None)),
            SlotRead::Current { value, pointer, .. } => Ok((Some(value), pointer)),
            SlotRead::Recovered { value, generation, saved_at, bad } => {
                let quarantined = self.repair(slot_name, generation, &bad, now);
                notices.push(Notice::Recovered(Recovery { what, restored: true, restored_from: Some(saved_at), quarantined }));
                Ok((Some(value), None))
            }
            SlotRead::Lost { bad } => {
                let quarantined = self.quarantine(&bad, now);
                if quarantined.len() == bad.len() {
                    slot::delete(&mut self.store, slot_name)?;
                }
                notices.push(Notice::Recovered(Recovery { what, restored: false, restored_from: None, quarantined }));
                Ok((None, None))
            }
            SlotRead::Foreign(text) => {
                let bad = [BadKey { key: slot_name.to_string(), bytes: text }];
                let quarantined = self.quarantine(&bad, now);
                if !quarantined.is_empty() {
                    self.store.remove(slot_name)?;
                }
                notices.push(Notice::Recovered(Recovery { what, restored: false, restored_from: None, quarantined }));
                Ok((None, None))
            }
            SlotRead::Refused(e) => Err(e),
        }
    }

    /// The learner's newest stored attempts (the history's tail, which always holds at
    /// least the newest minute's), oldest first. Writes nothing: damage is repaired by the
    /// next write, not here. For the practice page's replay of answers whose sections were
    /// not stored yet (`crate::practice::replay`).
    ///
    /// An intact slot is remembered as read, for as long as its pointer is still the one
    /// stored: the page's first append then costs what later ones do (the slot is not read
    /// and decoded again).
    pub fn recent_attempts(&mut self, id: &LearnerId) -> Vec<Attempt> {
        let tail_slot = keys::tail(id);
        match slot::read(&self.store, &tail_slot, &decode_chunk) {
            SlotRead::Current { value, pointer: Some(pointer), .. } => {
                let attempts = value.values().cloned().collect();
                self.tails.insert(id.clone(), (pointer, value));
                attempts
            }
            other => other.into_value().map(|set| set.into_values().collect()).unwrap_or_default(),
        }
    }

    /// Appends one attempt: rewrites only the learner's small tail key, and every
    /// `TAIL_MAX` attempts flushes the tail into monthly chunks. A crash at any point loses
    /// at most this attempt. When storage is full, the spare generations of history
    /// chunks are given up (backups, not data) and the write is tried once more.
    pub fn append_attempt(&mut self, id: &LearnerId, attempt: &Attempt, now: Timestamp) -> Result<AppendOutcome, PersistError> {
        self.writable()?;
        if self.data.learner(id).is_none() {
            return Err(PersistError::UnknownLearner(id.to_string()));
        }
        let mut notices = Vec::new();
        let tail_slot = keys::tail(id);
        // Our copy is good while the slot's pointer is the one we wrote (no other tab
        // appended meanwhile); otherwise read it, repairing on the way.
        let cached = match self.tails.remove(id) {
            Some((ours, tail)) => {
                let pointer = self.store.get(&tail_slot)?;
                (pointer.as_deref() == Some(ours.as_str())).then_some((tail, pointer))
            }
            None => None,
        };
        // With the pointer as stored, when it was read intact and nothing below has changed
        // it since (the write then need not read it again).
        let (mut tail, seen) = match cached {
            Some(ours) => ours,
            None => {
                let (tail, seen) = self.read_repairing_seen(&tail_slot, &decode_chunk, now, &mut notices)?;
                (tail.unwrap_or_default(), seen)
            }
        };
        let mut stored = codec::normalize(attempt);
        // Two answers on one skill within a second would share an identity: nudge.
        while tail.contains_key(&codec::key_of(&stored)) {
            stored.at = stored.at.plus_millis(1000);
        }
        tail.insert(codec::key_of(&stored), stored.clone());
        let (written, freed_spare_chars) = match self.write_tail(id, &tail, seen, now, &mut notices, false) {
            Err(PersistError::Store(StoreError::QuotaExceeded)) => {
                let freed = self.drop_superseded(0).1 + self.free_spare_generations()?;
                if freed == 0 {
                    return Err(PersistError::Store(StoreError::QuotaExceeded));
                }
                (self.write_tail(id, &tail, None, now, &mut notices, false)?, freed)
            }
            other => (other?, 0),
        };
        let TailWritten { flushed_months, chars_written, pointer, kept } = written;
        self.tails.insert(id.clone(), (pointer, kept.unwrap_or(tail)));
        self.drop_superseded(SUPERSEDED_MAX);
        Ok(AppendOutcome { stored, flushed_months, chars_written, freed_spare_chars, notices })
    }

    /// Writes the tail, filing it into monthly chunks when it is long (or `file_all`), all
    /// but its newest minute (`TAIL_KEEPS_MS`). `seen_pointer` is the tail slot's pointer
    /// text when the caller has just read it (`None`: read it).
    fn write_tail(&mut self, id: &LearnerId, tail: &AttemptSet, seen_pointer: Option<String>, now: Timestamp, notices: &mut Vec<Notice>, file_all: bool) -> Result<TailWritten, PersistError> {
        let tail_slot = keys::tail(id);
        // The generation it supersedes is left for `tidy` when the pointer was just read.
        let write_tail_slot = |store: &mut Metered<S>, body: &str| match &seen_pointer {
            Some(p) => slot::write_over_leaving(store, &tail_slot, Some(p), body, now),
            None => slot::write(store, &tail_slot, body, now).map(|c| (c, None)),
        };
        let mut chars_written = 0;
        let mut flushed_months = Vec::new();
        let cutoff = filing_cutoff(tail);
        let filing = (tail.len() > TAIL_MAX || file_all) && tail.values().any(|a| a.at.0 < cutoff);
        let mut kept = None;
        let committed = if filing {
            let mut by_month: BTreeMap<u32, AttemptSet> = BTreeMap::new();
            let mut recent = AttemptSet::new();
            for (k, a) in tail {
                let to = if a.at.0 < cutoff { by_month.entry(codec::month_of(a.at)).or_default() } else { &mut recent };
                to.insert(k.clone(), a.clone());
            }
            for (month, part) in &by_month {
                let s = keys::chunk(id, *month);
                let existing = self.read_repairing(&s, &decode_chunk, now, notices)?.unwrap_or_default();
                let merged = codec::union(existing, part);
                chars_written += slot::write(&mut self.store, &s, &codec::encode_chunk(&merged), now)?.chars;
                flushed_months.push(*month);
            }
            let c = write_tail_slot(&mut self.store, &codec::encode_chunk(&recent))?;
            kept = Some(recent);
            c
        } else {
            write_tail_slot(&mut self.store, &codec::encode_chunk(tail))?
        };
        let (committed, superseded) = committed;
        self.superseded.extend(superseded.map(|g| (tail_slot.clone(), g)));
        chars_written += committed.chars;
        Ok(TailWritten { flushed_months, chars_written, pointer: committed.pointer, kept })
    }

    /// Gives up the spare (previous) generation of every history chunk and daily summary:
    /// backups against damage, not data. Returns the characters freed.
    pub fn free_spare_generations(&mut self) -> Result<usize, PersistError> {
        let mut freed = 0;
        for k in self.store.keys()? {
            if matches!(keys::kind(&k), SlotKind::History(..) | SlotKind::Daily(_)) {
                freed += slot::drop_previous(&mut self.store, &k)?;
            }
        }
        Ok(freed)
    }

    /// Drops the snapshot kept to undo the last import (it can be as large as the device).
    pub fn forget_undo(&mut self) -> Result<usize, PersistError> {
        self.writable()?;
        Ok(slot::delete(&mut self.store, keys::UNDO)?)
    }

    /// Records that an export file was produced now.
    pub fn mark_exported(&mut self, now: Timestamp) -> Result<(), PersistError> {
        self.writable()?;
        self.change_device(now, |rec| {
            rec.export.last_at = Some(now);
            Ok(())
        })
    }

    /// Snoozes the export reminder for 14 days.
    pub fn dismiss_export_reminder(&mut self, now: Timestamp) -> Result<(), PersistError> {
        self.writable()?;
        self.change_device(now, |rec| {
            rec.export.dismissed_at = Some(now);
            Ok(())
        })
    }

    /// What compacting would do: months older than `keep_months` before `now`'s month, and
    /// how many attempts they hold.
    pub fn compaction_candidates(&self, id: &LearnerId, now: Timestamp, keep_months: u32) -> Result<Vec<u32>, PersistError> {
        let cutoff = month_minus(codec::month_of(now), keep_months);
        Ok(learner_slots(&self.store, id)?
            .iter()
            .filter_map(|s| match keys::kind(s) {
                SlotKind::History(_, m) if m < cutoff => Some(m),
                _ => None,
            })
            .collect())
    }

    /// Replaces the raw attempts of months older than `keep_months` with per-skill daily
    /// aggregates (kept for charts), each answer on the learner's day (`offset_minutes` east
    /// of UTC). Run only after the learner or a grown-up agreed. Aggregates are written (and
    /// verified) before any chunk is deleted.
    pub fn compact_history(&mut self, id: &LearnerId, now: Timestamp, keep_months: u32, offset_minutes: i32) -> Result<CompactionOutcome, PersistError> {
        self.writable()?;
        let mut notices = Vec::new();
        let mut months = self.compaction_candidates(id, now, keep_months)?;
        // Answers of those months still waiting in the tail go with them.
        let cutoff = month_minus(codec::month_of(now), keep_months);
        let tail_slot = keys::tail(id);
        let tail = self.read_repairing(&tail_slot, &decode_chunk, now, &mut notices)?.unwrap_or_default();
        let (old, recent): (AttemptSet, AttemptSet) = tail.into_iter().partition(|(_, a)| codec::month_of(a.at) < cutoff);
        for a in old.values() {
            let m = codec::month_of(a.at);
            if !months.contains(&m) {
                months.push(m);
            }
        }
        crate::sorting::sort(&mut months);
        if months.is_empty() {
            return Ok(CompactionOutcome::default());
        }
        // 1. Move those tail answers into their chunks (a union: safe to repeat).
        if !old.is_empty() {
            for m in &months {
                let part: AttemptSet = old.iter().filter(|(_, a)| codec::month_of(a.at) == *m).map(|(k, a)| (k.clone(), a.clone())).collect();
                if part.is_empty() {
                    continue;
                }
                let s = keys::chunk(id, *m);
                let existing = self.read_repairing(&s, &decode_chunk, now, &mut notices)?.unwrap_or_default();
                slot::write(&mut self.store, &s, &codec::encode_chunk(&codec::union(existing, &part)), now)?;
            }
            slot::write(&mut self.store, &tail_slot, &codec::encode_chunk(&recent), now)?;
        }
        // 2. Count each chunk into the summary once, remembering which chunk it was.
        let mut summary = self.read_repairing(&keys::daily(id), &decode_daily, now, &mut notices)?.unwrap_or_default();
        let mut summarised = 0;
        let mut done = Vec::new();
        for m in &months {
            let s = keys::chunk(id, *m);
            let Some(set) = self.read_repairing(&s, &decode_chunk, now, &mut notices)? else { continue };
            let crc = crc32_hex(&codec::encode_chunk(&set));
            if summary.sealed.get(m) != Some(&crc) {
                summary.add(&codec::aggregate(&set, offset_minutes));
                summary.sealed.insert(*m, crc);
                summarised += set.len();
            }
            done.push(*m);
        }
        slot::write(&mut self.store, &keys::daily(id), &codec::encode_summary(&summary), now)?;
        // 3. Only then delete the raw chunks.
        let mut freed = 0;
        for m in &done {
            freed += slot::delete(&mut self.store, &keys::chunk(id, *m))?;
        }
        Ok(CompactionOutcome { months: done, attempts_summarised: summarised, chars_freed: freed, notices })
    }

    // ---- used by `transfer`

    pub(crate) fn device_record(&self) -> &DeviceRecord {
        &self.device
    }

    pub(crate) fn set_state(&mut self, device: DeviceRecord, records: BTreeMap<LearnerId, LearnerRecord>) -> Result<(), PersistError> {
        self.data = typed_view(&device)?;
        self.device = device;
        self.records = records;
        self.stamps.clear();
        let ids: Vec<LearnerId> = self.records.keys().cloned().collect();
        for id in ids {
            self.restamp(id);
        }
        self.synced.clear();
        self.tails.clear();
        // Slots may have been written anew (an import restarts their numbering).
        self.superseded.clear();
        self.swept.clear();
        Ok(())
    }

    /// Puts a learner's record in place of what this vault held (a new stamp).
    fn keep_record(&mut self, id: LearnerId, rec: LearnerRecord) {
        self.restamp(id.clone());
        self.records.insert(id, rec);
    }

    fn restamp(&mut self, id: LearnerId) {
        self.last_stamp += 1;
        self.stamps.insert(id, self.last_stamp);
    }

    pub(crate) fn store_dyn(&mut self) -> &mut dyn KeyValueStore {
        &mut self.store
    }

    pub(crate) fn check_writable(&self) -> Result<(), PersistError> {
        self.writable()
    }
}

/// `YYYYMM` minus some months.
fn month_minus(yyyymm: u32, months: u32) -> u32 {
    let total = (yyyymm / 100) as i64 * 12 + (yyyymm % 100) as i64 - 1 - months as i64;
    let total = total.max(0);
    ((total / 12) * 100 + total % 12 + 1) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A list changed at random, as answers change them (slid, items set by position, now
    /// and then only shortened, a key beside it set), inside an object and as a whole
    /// section: after each
    /// save, the edits `edits_at` keeps from the checkpoint give back exactly the data,
    /// folded into a new checkpoint now and then.
    #[test]
    fn list_edits_said_without_comparing_give_back_the_data() {
        use crate::rng::SeededRng;
        use serde_json::json;
        for (case, path) in [vec!["list".to_string()], vec![]].into_iter().enumerate() {
            let mut rng = SeededRng::new(5 + case as u64);
            let start: Vec<Value> = (0..60).map(|i| json!([i, "e"])).collect();
            let data = if path.is_empty() { json!(start) } else { json!({"list": start, "x": 0}) };
            let mut rec = LearnerRecord::new(LearnerId::parse("ann").unwrap());
            rec.swap_sections(vec![("s".to_string(), data.clone())]);
            let mut base = data;
            let mut cumulative: Vec<Edit> = Vec::new();
            for k in 0..3_000u64 {
                let now = rec.sections["s"].data.clone();
                let list = get_at(&now, &path).and_then(Value::as_array).cloned().unwrap();
                let item = |j: u64| json!([k * 10 + j, "n"]);
                let mut edits = match rng.index(6) {
                    0 | 1 => {
                        let n = rng.index(list.len().min(3) + 1);
                        let added: Vec<Value> = (0..1 + rng.index(2) as u64).map(item).collect();
                        vec![Edit::Slide(path.clone(), n, added)]
                    }
                    2 | 3 if !list.is_empty() => {
                        let mut at: Vec<usize> = (0..1 + rng.index(2)).map(|_| list.len() - 1 - rng.index(list.len().min(6))).collect();
                        at.dedup();
                        at.into_iter().enumerate().map(|(j, i)| Edit::Set([path.clone(), vec![i.to_string()]].concat(), item(j as u64))).collect()
                    }
                    4 if !list.is_empty() => vec![Edit::Set([path.clone(), vec![rng.index(list.len()).to_string()]].concat(), item(9))],
                    5 if rng.chance(0.1) && list.len() > 4 => vec![Edit::Slide(path.clone(), 4, vec![])],
                    _ => vec![],
                };
                if !path.is_empty() && rng.chance(0.3) {
                    edits.push(Edit::Set(vec!["x".to_string()], json!(k)));
                }
                let rev = rec.sections["s"].rev;
                let Some(undo) = rec.edit_section("s", rev, edits).unwrap() else { continue };
                let to = rec.sections["s"].data.clone();
                cumulative = edits_at(&base, &to, cumulative, &undo.changes());
                let mut back = base.clone();
                super::super::patch::apply(&mut back, &cumulative).unwrap();
                assert_eq!(back, to, "case {case}, save {k}: {cumulative:?}");
                if rng.chance(0.05) {
                    base = to;
                    cumulative.clear();
                }
            }
        }
    }

    #[test]
    fn month_arithmetic() {
        assert_eq!(month_minus(202611, 0), 202611);
        assert_eq!(month_minus(202611, 11), 202512);
        assert_eq!(month_minus(202601, 1), 202512);
        assert_eq!(month_minus(202601, 25), 202312);
    }

    #[test]
    fn reminder_rules() {
        let day = MS_PER_DAY;
        let now = Timestamp(100 * day);
        assert!(export_reminder_due(now, None, None));
        assert!(!export_reminder_due(now, Some(Timestamp(90 * day)), None));
        assert!(export_reminder_due(now, Some(Timestamp(86 * day)), None));
        assert!(!export_reminder_due(now, Some(Timestamp(80 * day)), Some(Timestamp(95 * day))));
        assert!(export_reminder_due(now, Some(Timestamp(10 * day)), Some(Timestamp(80 * day))));
    }
}
