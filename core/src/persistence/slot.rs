//! Crash-safe slots: one logical value stored as generations under `<slot>@<n>`, each
//! carrying a CRC-32 and the time it was saved, and a small pointer key `<slot>` naming
//! the current and previous generations. A write lands the new generation, reads it back,
//! verifies it, and only then switches the pointer; the previous generation is kept until
//! the next success. Reading falls back to the previous (or any other valid) generation
//! when the current one is missing, damaged, or does not decode. Owns this protocol only:
//! what the bodies mean belongs to the callers.

use super::checksum::crc32_hex;
use super::keys;
use super::store::{KeyValueStore, StoreError, utf16_len};
use super::PersistError;
use crate::Timestamp;

/// The pointer format this build writes; a pointer from a newer one is refused.
///
/// - 2: pointer and generations.
/// - 3: the same, and a learner's hot record may be completed by its patch slot
///   (`super::patch`). Builds that knew only 2 would read such a record without its patch
///   and could overwrite it, losing what the patch held; they refuse a 3 and open read-only.
pub const POINTER_VERSION: u32 = 3;
/// Characters a generation adds to its body: CRC, saved-at millis, two dots.
pub const GENERATION_OVERHEAD_CHARS: usize = 8 + 1 + 13 + 1;

const TOMBSTONE: &str = "wp2:x";

/// The pointer key's content: `wp3:<gen>:<prev or ->:<crc of gen>` (`wp2:` from older
/// builds reads the same).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pointer {
    pub current: u64,
    pub previous: Option<u64>,
    pub crc: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum PointerRead {
    Pointer(Pointer),
    Tombstone,
    TooNew(u32),
    /// Not a pointer at all: a legacy document, or damage.
    Foreign,
}

fn parse_pointer(text: &str) -> PointerRead {
    let Some(rest) = text.strip_prefix("wp") else { return PointerRead::Foreign };
    let mut parts = rest.split(':');
    let Some(Ok(version)) = parts.next().map(str::parse::<u32>) else { return PointerRead::Foreign };
    if version > POINTER_VERSION {
        return PointerRead::TooNew(version);
    }
    let cur = parts.next();
    if cur == Some("x") && parts.next().is_none() {
        return PointerRead::Tombstone;
    }
    let (Some(Ok(current)), Some(prev), Some(crc), None) = (cur.map(str::parse::<u64>), parts.next(), parts.next(), parts.next()) else {
        return PointerRead::Foreign;
    };
    let previous = match prev {
        "-" => None,
        p => match p.parse::<u64>() {
            Ok(p) => Some(p),
            Err(_) => return PointerRead::Foreign,
        },
    };
    if crc.len() != 8 {
        return PointerRead::Foreign;
    }
    PointerRead::Pointer(Pointer { current, previous, crc: crc.to_string() })
}

fn format_pointer(p: &Pointer) -> String {
    let prev = p.previous.map(|g| g.to_string()).unwrap_or_else(|| "-".into());
    format!("wp{POINTER_VERSION}:{}:{prev}:{}", p.current, p.crc)
}

/// Wraps a body as a generation: `<crc>.<saved_at>.<body>`, the CRC covering the rest.
pub fn seal_generation(saved_at: Timestamp, body: &str) -> String {
    use std::fmt::Write as _;
    // One allocation: eight placeholder digits, the rest, then the CRC of the rest over them.
    let mut sealed = String::with_capacity(9 + 21 + body.len());
    sealed.push_str("00000000.");
    let _ = write!(sealed, "{}.", saved_at.0);
    sealed.push_str(body);
    let crc = crc32_hex(&sealed[9..]);
    sealed.replace_range(..8, &crc);
    sealed
}

/// Checks a generation's CRC and splits it; `None` when damaged.
pub fn open_generation(raw: &str) -> Option<(Timestamp, &str)> {
    let (crc, rest) = raw.split_once('.')?;
    if crc.len() != 8 || crc32_hex(rest) != crc {
        return None;
    }
    let (at, body) = rest.split_once('.')?;
    Some((Timestamp(at.parse::<i64>().ok()?), body))
}

/// A key whose bytes could not be used, to be set aside (never silently deleted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadKey {
    pub key: String,
    pub bytes: String,
}

/// What reading a slot found.
#[derive(Debug, Clone, PartialEq)]
pub enum SlotRead<T> {
    /// Nothing stored (or deleted).
    Absent,
    /// The current generation, intact; `pointer` is the pointer text it was read through
    /// (`None` for a first generation whose pointer never landed).
    Current { value: T, generation: u64, saved_at: Timestamp, pointer: Option<String> },
    /// The current generation was unusable; an older one was used instead.
    Recovered { value: T, generation: u64, saved_at: Timestamp, bad: Vec<BadKey> },
    /// Nothing usable is left; the damaged bytes are in `bad`.
    Lost { bad: Vec<BadKey> },
    /// The pointer key holds something that is not a pointer, and there is no generation
    /// to fall back on: the caller decides (legacy documents live there).
    Foreign(String),
    /// Must not be touched: written by a newer version, or the store failed.
    Refused(PersistError),
}

impl<T> SlotRead<T> {
    pub fn value(&self) -> Option<&T> {
        match self {
            SlotRead::Current { value, .. } | SlotRead::Recovered { value, .. } => Some(value),
            _ => None,
        }
    }
    pub fn into_value(self) -> Option<T> {
        match self {
            SlotRead::Current { value, .. } | SlotRead::Recovered { value, .. } => Some(value),
            _ => None,
        }
    }
}

/// Generation numbers stored for a slot, highest first.
pub fn generations(store: &dyn KeyValueStore, slot: &str) -> Result<Vec<u64>, StoreError> {
    let mut gens: Vec<u64> = store
        .keys()?
        .iter()
        .filter_map(|k| keys::split_generation(k).filter(|(s, _)| *s == slot).map(|(_, g)| g))
        .collect();
    crate::sorting::sort_by(&mut gens, |a, b| b.cmp(a));
    Ok(gens)
}

fn is_refusal(e: &PersistError) -> bool {
    matches!(e, PersistError::TooNew { .. })
}

enum Try<T> {
    Good(T, Timestamp),
    Bad(Option<BadKey>),
    Refuse(PersistError),
}

fn try_generation<T>(store: &dyn KeyValueStore, slot: &str, gen_no: u64, decode: &dyn Fn(&str) -> Result<T, PersistError>) -> Result<Try<T>, StoreError> {
    let key = keys::generation(slot, gen_no);
    let Some(raw) = store.get(&key)? else { return Ok(Try::Bad(None)) };
    let Some((at, body)) = open_generation(&raw) else { return Ok(Try::Bad(Some(BadKey { key, bytes: raw }))) };
    match decode(body) {
        Ok(v) => Ok(Try::Good(v, at)),
        Err(e) if is_refusal(&e) => Ok(Try::Refuse(e)),
        Err(_) => Ok(Try::Bad(Some(BadKey { key, bytes: raw }))),
    }
}

/// Reads a slot, falling back generation by generation. Never writes.
pub fn read<T>(store: &dyn KeyValueStore, slot: &str, decode: &dyn Fn(&str) -> Result<T, PersistError>) -> SlotRead<T> {
    match read_inner(store, slot, decode) {
        Ok(r) => r,
        Err(e) => SlotRead::Refused(PersistError::Store(e)),
    }
}

fn read_inner<T>(store: &dyn KeyValueStore, slot: &str, decode: &dyn Fn(&str) -> Result<T, PersistError>) -> Result<SlotRead<T>, StoreError> {
    let mut bad = Vec::new();
    let mut tried = Vec::new();
    let pointer_raw = store.get(slot)?;
    match pointer_raw.as_deref().map(parse_pointer) {
        Some(PointerRead::Tombstone) => return Ok(SlotRead::Absent),
        Some(PointerRead::TooNew(v)) => {
            return Ok(SlotRead::Refused(PersistError::TooNew { found: v, newest: POINTER_VERSION }));
        }
        Some(PointerRead::Pointer(p)) => {
            for (i, g) in std::iter::once(p.current).chain(p.previous).enumerate() {
                tried.push(g);
                match try_generation(store, slot, g, decode)? {
                    Try::Good(value, saved_at) => {
                        return Ok(if i == 0 && bad.is_empty() {
                            SlotRead::Current { value, generation: g, saved_at, pointer: pointer_raw }
                        } else {
                            SlotRead::Recovered { value, generation: g, saved_at, bad }
                        });
                    }
                    Try::Refuse(e) => return Ok(SlotRead::Refused(e)),
                    Try::Bad(Some(b)) => bad.push(b),
                    Try::Bad(None) => {}
                }
            }
        }
        Some(PointerRead::Foreign) | None => {}
    }
    // The pointer was missing, damaged, or pointed at nothing usable: try any generation.
    let others: Vec<u64> = generations(store, slot)?.into_iter().filter(|g| !tried.contains(g)).collect();
    let foreign = match pointer_raw.as_deref().map(parse_pointer) {
        Some(PointerRead::Foreign) => pointer_raw.clone(),
        _ => None,
    };
    if others.is_empty() && tried.is_empty() {
        return Ok(match foreign {
            Some(text) => SlotRead::Foreign(text),
            None => SlotRead::Absent,
        });
    }
    if let Some(text) = foreign {
        bad.push(BadKey { key: slot.to_string(), bytes: text });
    }
    // A lone first generation without a pointer is a first write that was cut short
    // before its pointer landed: it is complete (its CRC says so), so adopt it quietly.
    let lone_first = pointer_raw.is_none() && others == [1];
    for g in others {
        match try_generation(store, slot, g, decode)? {
            Try::Good(value, saved_at) if lone_first => return Ok(SlotRead::Current { value, generation: g, saved_at, pointer: None }),
            Try::Good(value, saved_at) => return Ok(SlotRead::Recovered { value, generation: g, saved_at, bad }),
            Try::Refuse(e) => return Ok(SlotRead::Refused(e)),
            Try::Bad(Some(b)) => bad.push(b),
            Try::Bad(None) => {}
        }
    }
    Ok(SlotRead::Lost { bad })
}

/// Whether the slot's pointer names a generation (cheap: reads only the small pointer key;
/// the generation itself may still turn out damaged when read).
pub fn is_present(store: &dyn KeyValueStore, slot: &str) -> bool {
    matches!(store.get(slot).ok().flatten().as_deref().map(parse_pointer), Some(PointerRead::Pointer(_)))
}

/// What a successful write did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Committed {
    pub generation: u64,
    /// Characters of the new generation (key and value).
    pub chars: usize,
    /// The pointer text now stored under the slot's name.
    pub pointer: String,
}

/// Writes a new generation and switches the pointer to it. On any failure the previous
/// state stays readable and the error is returned; the half-written generation, if any,
/// is removed on a best-effort basis.
pub fn write(store: &mut dyn KeyValueStore, slot: &str, body: &str, now: Timestamp) -> Result<Committed, StoreError> {
    let pointer = store.get(slot)?;
    write_over(store, slot, pointer.as_deref(), body, now)
}

/// `write` when the caller has just read the slot's pointer text (`None`: no pointer),
/// leaving the generation the write superseded in place: it is returned, for the caller to
/// remove with `remove_superseded` (an answer's save leaves that to an idle moment).
pub fn write_over_leaving(store: &mut dyn KeyValueStore, slot: &str, pointer: Option<&str>, body: &str, now: Timestamp) -> Result<(Committed, Option<u64>), StoreError> {
    let (current, previous) = match pointer.map(parse_pointer) {
        Some(PointerRead::Pointer(p)) => (Some(p.current), p.previous),
        Some(PointerRead::TooNew(_)) => return Err(StoreError::Other("refusing to overwrite data from a newer version".into())),
        // A deletion was cut short: finish it, then start afresh above the old numbers.
        Some(PointerRead::Tombstone) => {
            let gens = generations(store, slot)?;
            for g in &gens {
                store.remove(&keys::generation(slot, *g))?;
            }
            (gens.first().copied(), None)
        }
        // No usable pointer: never reuse a generation number that may hold data.
        _ => (generations(store, slot)?.first().copied(), None),
    };
    let next = current.map_or(1, |c| c + 1);
    let key = keys::generation(slot, next);
    let sealed = seal_generation(now, body);
    if !store.set_and_check(&key, &sealed)? {
        let _ = store.remove(&key);
        return Err(StoreError::Other("the saved copy did not read back intact".into()));
    }
    let crc = sealed.get(..8).unwrap_or("").to_string();
    let pointer = Pointer { current: next, previous: current, crc };
    let pointer_text = format_pointer(&pointer);
    if let Err(e) = store.set(slot, &pointer_text) {
        let _ = store.remove(&key);
        return Err(e);
    }
    // The new generation is stored and pointed at: the write has landed. The generation it
    // supersedes is the caller's to remove (`remove_superseded`), now or later.
    let superseded = previous.filter(|old| Some(*old) != current && *old != next);
    Ok((Committed { generation: next, chars: utf16_len(&key) + utf16_len(&sealed), pointer: pointer_text }, superseded))
}

/// `write` when the caller has just read the slot's pointer text (`None`: no pointer): the
/// generation it superseded is removed at once. Removing it is tidying, not part of the
/// write; if that fails, the write is still reported as done (the caller would otherwise
/// take its data for unsaved and put its view back to what is no longer stored), and the
/// old generation stays behind, named by no pointer (`delete` and `generations` still find
/// it).
pub fn write_over(store: &mut dyn KeyValueStore, slot: &str, pointer: Option<&str>, body: &str, now: Timestamp) -> Result<Committed, StoreError> {
    let (committed, superseded) = write_over_leaving(store, slot, pointer, body, now)?;
    if let Some(old) = superseded {
        let _ = store.remove(&keys::generation(slot, old));
    }
    Ok(committed)
}

/// Removes a generation that a write superseded (`write_over_leaving`), unless the slot's
/// pointer names it again (it never should: generation numbers only grow). Returns the
/// characters freed (key and value; 0: nothing removed).
pub fn remove_superseded(store: &mut dyn KeyValueStore, slot: &str, generation: u64) -> Result<usize, StoreError> {
    // No usable pointer: every generation is left for reading to fall back on.
    let Some(PointerRead::Pointer(p)) = store.get(slot)?.as_deref().map(parse_pointer) else { return Ok(0) };
    let key = keys::generation(slot, generation);
    if p.current == generation || p.previous == Some(generation) {
        return Ok(0);
    }
    let Some(value) = store.get(&key)? else { return Ok(0) };
    store.remove(&key)?;
    Ok(utf16_len(&key) + utf16_len(&value))
}

/// Generations of the slot older than both that its pointer names: left behind by a write
/// whose superseded generation was not removed (the page closed first). Empty when the
/// pointer is missing or unusable (then every generation may be needed).
pub fn stale_generations(store: &dyn KeyValueStore, slot: &str) -> Result<Vec<u64>, StoreError> {
    let Some(PointerRead::Pointer(p)) = store.get(slot)?.as_deref().map(parse_pointer) else { return Ok(Vec::new()) };
    let oldest_named = p.previous.map_or(p.current, |prev| prev.min(p.current));
    Ok(generations(store, slot)?.into_iter().filter(|g| *g < oldest_named).collect())
}

/// After a recovery: points the slot at the generation that was good, so the damaged one is
/// no longer consulted. The damaged keys themselves are the caller's (quarantine first).
pub fn repoint(store: &mut dyn KeyValueStore, slot: &str, generation: u64) -> Result<(), StoreError> {
    let Some(pointer) = pointer_to(store, slot, generation)? else {
        return Err(StoreError::Other("generation vanished".into()));
    };
    store.set(slot, &pointer)
}

/// The pointer text naming `generation` alone, as `repoint` writes it; `None` when that
/// generation is not stored.
pub fn pointer_to(store: &dyn KeyValueStore, slot: &str, generation: u64) -> Result<Option<String>, StoreError> {
    let Some(raw) = store.get(&keys::generation(slot, generation))? else { return Ok(None) };
    let crc = raw.get(..8).unwrap_or("").to_string();
    Ok(Some(format_pointer(&Pointer { current: generation, previous: None, crc })))
}

/// Whether two pointer texts name the same generation with the same CRC (which covers the
/// generation's saved-at time and body), whatever they say of the previous generation.
pub fn same_generation(a: &str, b: &str) -> bool {
    matches!((parse_pointer(a), parse_pointer(b)), (PointerRead::Pointer(p), PointerRead::Pointer(q)) if p.current == q.current && p.crc == q.crc)
}

/// The generations a pointer text names (current, then previous); none when it is not a
/// pointer (a tombstone, a legacy document, damage, or a newer version's).
pub fn named_generations(pointer: &str) -> Vec<u64> {
    match parse_pointer(pointer) {
        PointerRead::Pointer(p) => std::iter::once(p.current).chain(p.previous).collect(),
        _ => Vec::new(),
    }
}

/// Whether a pointer text was written under this build's `POINTER_VERSION`.
pub fn is_this_version(pointer: &str) -> bool {
    pointer.strip_prefix("wp").and_then(|rest| rest.split(':').next()).and_then(|v| v.parse::<u32>().ok()) == Some(POINTER_VERSION)
}

/// Forgets the previous generation (used for history months that are no longer written).
pub fn drop_previous(store: &mut dyn KeyValueStore, slot: &str) -> Result<usize, StoreError> {
    let Some(PointerRead::Pointer(p)) = store.get(slot)?.as_deref().map(parse_pointer) else { return Ok(0) };
    let Some(prev) = p.previous else { return Ok(0) };
    let key = keys::generation(slot, prev);
    let freed = store.get(&key)?.map_or(0, |v| utf16_len(&v) + utf16_len(&key));
    store.remove(&key)?;
    store.set(slot, &format_pointer(&Pointer { previous: None, ..p }))?;
    Ok(freed)
}

/// Deletes a slot: first a tombstone in the pointer (so a crash never resurrects or
/// half-deletes it), then the generations, then the pointer. Returns characters freed.
pub fn delete(store: &mut dyn KeyValueStore, slot: &str) -> Result<usize, StoreError> {
    let mut freed = 0;
    store.set(slot, TOMBSTONE)?;
    for g in generations(store, slot)? {
        let key = keys::generation(slot, g);
        freed += store.get(&key)?.map_or(0, |v| utf16_len(&v) + utf16_len(&key));
        store.remove(&key)?;
    }
    store.remove(slot)?;
    Ok(freed + utf16_len(slot))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::persistence::MemoryStore;

    #[test]
    fn a_generation_is_its_crc_then_its_time_then_its_body() {
        let sealed = seal_generation(Timestamp(-1_700_000_000_123), "{\"a\":1}");
        assert_eq!(sealed, format!("{}.-1700000000123.{{\"a\":1}}", crc32_hex("-1700000000123.{\"a\":1}")));
        assert_eq!(open_generation(&sealed), Some((Timestamp(-1_700_000_000_123), "{\"a\":1}")));
        let mut damaged = sealed.clone();
        damaged.push(' ');
        assert_eq!(open_generation(&damaged), None);
    }

    #[test]
    fn a_pointer_names_its_current_and_previous_generations() {
        assert_eq!(named_generations("wp3:7:6:0123abcd"), vec![7, 6]);
        assert_eq!(named_generations("wp2:1:-:0123abcd"), vec![1]);
        for not_a_pointer in ["wp2:x", "{\"format\":1}", "wp99:2:1:0123abcd", "wp3:2:1:short"] {
            assert!(named_generations(not_a_pointer).is_empty(), "{not_a_pointer}");
        }
    }

    fn text(body: &str) -> Result<String, PersistError> {
        if body.starts_with("bad") { Err(PersistError::Invalid("bad".into())) } else { Ok(body.to_string()) }
    }

    #[test]
    fn pointer_round_trip() {
        let p = Pointer { current: 3, previous: Some(2), crc: "0123abcd".into() };
        assert_eq!(parse_pointer(&format_pointer(&p)), PointerRead::Pointer(p));
        assert_eq!(parse_pointer("wp9:1:-:00000000"), PointerRead::TooNew(9));
        assert_eq!(parse_pointer("{}"), PointerRead::Foreign);
        assert_eq!(parse_pointer(TOMBSTONE), PointerRead::Tombstone);
    }

    #[test]
    fn write_keeps_two_generations() {
        let mut s = MemoryStore::new();
        for i in 0..5 {
            write(&mut s, "k", &format!("v{i}"), Timestamp(i)).unwrap();
        }
        assert_eq!(generations(&s, "k").unwrap(), vec![5, 4]);
        assert_eq!(read(&s, "k", &text), SlotRead::Current { value: "v4".into(), generation: 5, saved_at: Timestamp(4), pointer: s.get("k").unwrap() });
    }

    #[test]
    fn damaged_current_falls_back_to_previous() {
        let mut s = MemoryStore::new();
        write(&mut s, "k", "one", Timestamp(10)).unwrap();
        write(&mut s, "k", "two", Timestamp(20)).unwrap();
        s.map.insert("k@2".into(), "garbage".into());
        match read(&s, "k", &text) {
            SlotRead::Recovered { value, saved_at, bad, .. } => {
                assert_eq!(value, "one");
                assert_eq!(saved_at, Timestamp(10));
                assert_eq!(bad[0].key, "k@2");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn body_that_does_not_decode_falls_back() {
        let mut s = MemoryStore::new();
        write(&mut s, "k", "good", Timestamp(1)).unwrap();
        write(&mut s, "k", "bad one", Timestamp(2)).unwrap();
        assert_eq!(read(&s, "k", &text).into_value().as_deref(), Some("good"));
    }

    #[test]
    fn damaged_pointer_scans_generations() {
        let mut s = MemoryStore::new();
        write(&mut s, "k", "one", Timestamp(1)).unwrap();
        write(&mut s, "k", "two", Timestamp(2)).unwrap();
        s.map.insert("k".into(), "#$%".into());
        assert_eq!(read(&s, "k", &text).into_value().as_deref(), Some("two"));
        s.map.remove("k");
        assert_eq!(read(&s, "k", &text).into_value().as_deref(), Some("two"));
        // Writing again never reuses a generation number.
        write(&mut s, "k", "three", Timestamp(3)).unwrap();
        assert_eq!(read(&s, "k", &text).into_value().as_deref(), Some("three"));
        assert!(s.map.contains_key("k@2"));
    }

    #[test]
    fn foreign_pointer_without_generations_is_handed_back() {
        let mut s = MemoryStore::new();
        s.map.insert("k".into(), "{\"legacy\":1}".into());
        assert_eq!(read(&s, "k", &text), SlotRead::Foreign("{\"legacy\":1}".into()));
    }

    #[test]
    fn failed_write_leaves_previous_state() {
        let mut s = MemoryStore::new();
        write(&mut s, "k", "one", Timestamp(1)).unwrap();
        let before = s.map.clone();
        s.fail_write_at = Some(s.writes_so_far() + 1);
        assert!(write(&mut s, "k", "two", Timestamp(2)).is_err());
        assert_eq!(s.map, before);
        s.fail_write_at = Some(s.writes_so_far() + 2); // the pointer switch fails
        assert!(write(&mut s, "k", "two", Timestamp(2)).is_err());
        assert_eq!(s.map, before);
    }

    /// A store whose removals fail (everything else works).
    struct NoRemovals(MemoryStore);
    impl KeyValueStore for NoRemovals {
        fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
            self.0.get(key)
        }
        fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
            self.0.set(key, value)
        }
        fn remove(&mut self, _key: &str) -> Result<(), StoreError> {
            Err(StoreError::Other("removal refused".into()))
        }
        fn keys(&self) -> Result<Vec<String>, StoreError> {
            self.0.keys()
        }
    }

    #[test]
    fn a_write_that_landed_is_done_even_if_the_superseded_generation_stays() {
        let mut s = NoRemovals(MemoryStore::new());
        for (i, body) in ["one", "two", "three", "four"].iter().enumerate() {
            let c = write(&mut s, "k", body, Timestamp(i as i64)).expect("the write lands");
            assert_eq!(c.generation, i as u64 + 1);
            assert_eq!(read(&s, "k", &text).into_value().as_deref(), Some(*body));
        }
        // Generations 1 and 2 could not be removed: named by no pointer, still listed.
        assert_eq!(generations(&s, "k").unwrap(), vec![4, 3, 2, 1]);
        assert_eq!(parse_pointer(&s.get("k").unwrap().unwrap()), PointerRead::Pointer(Pointer { current: 4, previous: Some(3), crc: s.get("k@4").unwrap().unwrap()[..8].to_string() }));
    }

    #[test]
    fn delete_and_drop_previous() {
        let mut s = MemoryStore::new();
        write(&mut s, "k", "one", Timestamp(1)).unwrap();
        write(&mut s, "k", "two", Timestamp(2)).unwrap();
        assert!(drop_previous(&mut s, "k").unwrap() > 0);
        assert_eq!(generations(&s, "k").unwrap(), vec![2]);
        assert_eq!(read(&s, "k", &text).into_value().as_deref(), Some("two"));
        assert!(delete(&mut s, "k").unwrap() > 0);
        assert!(s.map.is_empty());
        assert_eq!(read(&s, "k", &text), SlotRead::Absent);
    }

    #[test]
    fn a_deletion_cut_short_reads_as_absent_and_is_finished_by_the_next_write() {
        let mut s = MemoryStore::new();
        write(&mut s, "k", "one", Timestamp(1)).unwrap();
        write(&mut s, "k", "two", Timestamp(2)).unwrap();
        s.map.insert("k".into(), TOMBSTONE.into());
        assert_eq!(read(&s, "k", &text), SlotRead::Absent);
        write(&mut s, "k", "three", Timestamp(3)).unwrap();
        assert_eq!(generations(&s, "k").unwrap(), vec![3]);
        assert_eq!(read(&s, "k", &text).into_value().as_deref(), Some("three"));
    }

    #[test]
    fn pointers_of_the_previous_version_read_and_are_replaced_by_this_one() {
        let mut s = MemoryStore::new();
        write(&mut s, "k", "one", Timestamp(1)).unwrap();
        let p = s.map["k"].clone();
        assert!(p.starts_with("wp3:"), "{p}");
        s.map.insert("k".into(), p.replacen("wp3", "wp2", 1));
        assert_eq!(read(&s, "k", &text).into_value().as_deref(), Some("one"));
        write(&mut s, "k", "two", Timestamp(2)).unwrap();
        assert!(s.map["k"].starts_with("wp3:2:1:"), "{}", s.map["k"]);
        assert_eq!(read(&s, "k", &text).into_value().as_deref(), Some("two"));
    }

    #[test]
    fn newer_pointer_is_refused_and_not_overwritten() {
        let mut s = MemoryStore::new();
        s.map.insert("k".into(), "wp4:1:-:00000000".into());
        assert!(matches!(read(&s, "k", &text), SlotRead::Refused(PersistError::TooNew { found: 4, .. })));
        assert!(write(&mut s, "k", "x", Timestamp(1)).is_err());
        assert_eq!(s.map.len(), 1);
    }
}
