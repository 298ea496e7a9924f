//! The compact text encoding of attempt history (monthly chunks, the tail) and of daily
//! aggregates. localStorage holds UTF-16 strings, so everything here is plain ASCII and is
//! measured in characters. Owns the encoding only: no storage access, no JSON.
//!
//! A chunk is `h1|<skill>,<skill>,…|<records>`: a per-chunk skill dictionary, then one
//! record per attempt, sorted by (second, skill), each a run of base64url varints:
//! seconds since the previous record (the first is absolute, zigzag), the skill's index in
//! the dictionary, `level<<5 | mode<<3 | hints<<1 | correct`, and the response time in
//! tenths of a second. A typical attempt costs 6 to 8 characters.
//!
//! Stored attempts are normalised first (`normalize`): the time to a whole second, the
//! response time to 100 ms (at most `MAX_RESPONSE_MS`), hints to at most 3. An attempt is
//! identified by (second, skill); sets of attempts merge as a union.

use crate::attempt::{Attempt, PracticeMode};
use crate::time::MS_PER_SECOND;
use crate::{LocalDay, SkillId, Timestamp};
use std::collections::BTreeMap;

/// Longest response time kept, in milliseconds (30 minutes); longer ones are stored as this.
pub const MAX_RESPONSE_MS: u32 = 30 * 60 * 1000;
/// Most hints recorded per attempt.
pub const MAX_HINTS: u8 = 3;

const CHUNK_TAG: &str = "h1";
const AGG_TAG: &str = "a1";
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Why a chunk or aggregate text could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodecError(pub String);

fn err<T>(msg: impl Into<String>) -> Result<T, CodecError> {
    Err(CodecError(msg.into()))
}

/// The identity of an attempt: (time in whole seconds, skill).
pub type AttemptKey = (i64, SkillId);

/// A set of attempts keyed by identity, kept sorted; merging is a union.
pub type AttemptSet = BTreeMap<AttemptKey, Attempt>;

/// The attempt as it is stored: whole seconds, response time to 100 ms, hints capped.
pub fn normalize(a: &Attempt) -> Attempt {
    let secs = a.at.0.div_euclid(MS_PER_SECOND);
    let ms = a.response_ms.min(MAX_RESPONSE_MS);
    let ds = (ms as u64 + 50) / 100;
    Attempt {
        at: Timestamp(secs.saturating_mul(MS_PER_SECOND)),
        skill: a.skill.clone(),
        level: a.level,
        correct: a.correct,
        response_ms: (ds * 100).min(MAX_RESPONSE_MS as u64) as u32,
        hints_used: a.hints_used.min(MAX_HINTS),
        mode: a.mode,
    }
}

pub fn key_of(a: &Attempt) -> AttemptKey {
    (a.at.0.div_euclid(MS_PER_SECOND), a.skill.clone())
}

/// Builds a set from attempts, normalising each; a later duplicate of the same identity is dropped.
pub fn set_of<'a>(attempts: impl IntoIterator<Item = &'a Attempt>) -> AttemptSet {
    let mut set = AttemptSet::new();
    for a in attempts {
        let n = normalize(a);
        set.entry(key_of(&n)).or_insert(n);
    }
    set
}

/// Union of two sets; on an identity present in both, `a`'s copy is kept.
pub fn union(mut a: AttemptSet, b: &AttemptSet) -> AttemptSet {
    for (k, v) in b {
        a.entry(k.clone()).or_insert_with(|| v.clone());
    }
    a
}

/// Moves `b` into `a`; on an identity present in both, `a`'s copy is kept.
pub fn union_into(a: &mut AttemptSet, b: AttemptSet) {
    if a.is_empty() {
        *a = b;
        return;
    }
    for (k, v) in b {
        a.entry(k).or_insert(v);
    }
}

/// The UTC month (`YYYYMM`) a history chunk for this instant is filed under.
pub fn month_of(at: Timestamp) -> u32 {
    at.local_day(0).year_month()
}

// ---- varints

fn push_varint(out: &mut String, mut v: u64) {
    loop {
        let low = (v & 31) as usize;
        v >>= 5;
        if v == 0 {
            out.push(ALPHABET[low] as char);
            return;
        }
        out.push(ALPHABET[low | 32] as char);
    }
}

fn digit(c: u8) -> Option<u64> {
    let v = match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        _ => return None,
    };
    Some(v as u64)
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn done(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    fn varint(&mut self) -> Result<u64, CodecError> {
        let mut v: u64 = 0;
        let mut shift = 0u32;
        loop {
            let Some(&c) = self.bytes.get(self.pos) else { return err("record cut short") };
            self.pos += 1;
            let Some(d) = digit(c) else { return err(format!("unexpected character at {}", self.pos - 1)) };
            if shift >= 64 || (shift == 60 && (d & 31) > 15) {
                return err("number too large");
            }
            v |= (d & 31) << shift;
            shift += 5;
            if d & 32 == 0 {
                return Ok(v);
            }
        }
    }
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

fn mode_code(m: PracticeMode) -> u64 {
    match m {
        PracticeMode::Blocked => 0,
        PracticeMode::Mixed => 1,
        PracticeMode::Review => 2,
        PracticeMode::Placement => 3,
    }
}

fn mode_of(code: u64) -> PracticeMode {
    match code & 3 {
        0 => PracticeMode::Blocked,
        1 => PracticeMode::Mixed,
        2 => PracticeMode::Review,
        _ => PracticeMode::Placement,
    }
}

/// Splits `tag|dict|records` and checks the tag.
fn split_parts<'a>(text: &'a str, tag: &str) -> Result<(Vec<SkillId>, &'a str), CodecError> {
    let mut parts = text.splitn(3, '|');
    let found = parts.next().unwrap_or("");
    if found != tag {
        return err(format!("unknown encoding {:?}", found.chars().take(8).collect::<String>()));
    }
    let (Some(dict), Some(records)) = (parts.next(), parts.next()) else { return err("missing section") };
    let mut skills = Vec::new();
    if !dict.is_empty() {
        for s in dict.split(',') {
            match SkillId::parse(s) {
                Some(id) => skills.push(id),
                None => return err(format!("bad skill id {:?}", s.chars().take(40).collect::<String>())),
            }
        }
    }
    Ok((skills, records))
}

fn dictionary<'a>(skills: impl Iterator<Item = &'a SkillId>) -> (String, BTreeMap<&'a SkillId, u64>) {
    let mut index = BTreeMap::new();
    let mut names = Vec::new();
    for s in skills {
        if !index.contains_key(s) {
            index.insert(s, names.len() as u64);
            names.push(s.as_str());
        }
    }
    (names.join(","), index)
}

// ---- attempt chunks

/// Encodes a set of attempts (already normalised, as `set_of` makes them).
pub fn encode_chunk(set: &AttemptSet) -> String {
    let (dict, index) = dictionary(set.keys().map(|(_, s)| s));
    let mut out = String::with_capacity(dict.len() + 4 + set.len() * 8);
    out.push_str(CHUNK_TAG);
    out.push('|');
    out.push_str(&dict);
    out.push('|');
    let mut prev: Option<i64> = None;
    for ((secs, skill), a) in set {
        match prev {
            None => push_varint(&mut out, zigzag(*secs)),
            Some(p) => push_varint(&mut out, (*secs - p) as u64),
        }
        prev = Some(*secs);
        push_varint(&mut out, index.get(skill).copied().unwrap_or(0));
        let packed = (a.level as u64) << 5 | mode_code(a.mode) << 3 | (a.hints_used.min(MAX_HINTS) as u64) << 1 | a.correct as u64;
        push_varint(&mut out, packed);
        push_varint(&mut out, (a.response_ms.min(MAX_RESPONSE_MS) as u64 + 50) / 100);
    }
    out
}

/// Decodes a chunk, strictly: any malformed, out-of-order or duplicate record is an error.
pub fn decode_chunk(text: &str) -> Result<AttemptSet, CodecError> {
    let (skills, records) = split_parts(text, CHUNK_TAG)?;
    let mut r = Reader { bytes: records.as_bytes(), pos: 0 };
    let mut set = AttemptSet::new();
    let mut prev: Option<(i64, u64)> = None;
    while !r.done() {
        let raw = r.varint()?;
        let secs = match prev {
            None => unzigzag(raw),
            Some((p, _)) => {
                let d = i64::try_from(raw).map_err(|_| CodecError("time step too large".into()))?;
                p.checked_add(d).ok_or_else(|| CodecError("time out of range".into()))?
            }
        };
        if secs.checked_mul(MS_PER_SECOND).is_none() {
            return err("time out of range");
        }
        let si = r.varint()?;
        let Some(skill) = skills.get(si as usize) else { return err(format!("skill index {si} not in dictionary")) };
        if let Some((p, psi)) = prev
            && secs == p
            && skills.get(psi as usize).is_some_and(|ps| ps >= skill)
        {
            return err("records out of order or repeated");
        }
        let packed = r.varint()?;
        let level = packed >> 5;
        if level > u8::MAX as u64 {
            return err("level out of range");
        }
        let ds = r.varint()?;
        if ds > MAX_RESPONSE_MS as u64 / 100 {
            return err("response time out of range");
        }
        let a = Attempt {
            at: Timestamp(secs * MS_PER_SECOND),
            skill: skill.clone(),
            level: level as u8,
            correct: packed & 1 == 1,
            response_ms: (ds * 100) as u32,
            hints_used: ((packed >> 1) & 3) as u8,
            mode: mode_of(packed >> 3),
        };
        set.insert((secs, skill.clone()), a);
        prev = Some((secs, si));
    }
    Ok(set)
}

// ---- daily aggregates

/// What remains of one skill's attempts on one (UTC) day after old history is compacted;
/// enough to draw progress charts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DailyAggregate {
    pub day: LocalDay,
    pub skill: SkillId,
    pub attempts: u32,
    pub correct: u32,
    pub hints: u32,
    /// Sum of response times, in tenths of a second.
    pub response_ds_total: u64,
}

/// Aggregates keyed by (day, skill); merging replaces by key (recomputing is idempotent).
pub type AggregateSet = BTreeMap<(LocalDay, SkillId), DailyAggregate>;

/// Summarises attempts into per-skill daily aggregates, each answer on the learner's own
/// day (`offset_minutes` east of UTC, as the charts count days).
pub fn aggregate(set: &AttemptSet, offset_minutes: i32) -> AggregateSet {
    let mut out = AggregateSet::new();
    for a in set.values() {
        let day = a.at.local_day(offset_minutes);
        let e = out.entry((day, a.skill.clone())).or_insert_with(|| DailyAggregate {
            day,
            skill: a.skill.clone(),
            attempts: 0,
            correct: 0,
            hints: 0,
            response_ds_total: 0,
        });
        e.attempts = e.attempts.saturating_add(1);
        e.correct = e.correct.saturating_add(a.correct as u32);
        e.hints = e.hints.saturating_add(a.hints_used as u32);
        e.response_ds_total = e.response_ds_total.saturating_add(a.response_ms as u64 / 100);
    }
    out
}

/// The compacted part of a learner's history: daily aggregates, and which months have
/// been counted into them (with the CRC of the chunk text they were counted from, so a
/// compaction cut short between writing the summary and deleting the chunk is finished,
/// never counted twice).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DailySummary {
    pub aggregates: AggregateSet,
    pub sealed: BTreeMap<u32, String>,
}

impl DailySummary {
    pub fn is_empty(&self) -> bool {
        self.aggregates.is_empty() && self.sealed.is_empty()
    }

    /// Adds counts (a month being compacted) to the summary.
    pub fn add(&mut self, more: &AggregateSet) {
        for (k, a) in more {
            match self.aggregates.get_mut(k) {
                Some(e) => {
                    e.attempts = e.attempts.saturating_add(a.attempts);
                    e.correct = e.correct.saturating_add(a.correct);
                    e.hints = e.hints.saturating_add(a.hints);
                    e.response_ds_total = e.response_ds_total.saturating_add(a.response_ds_total);
                }
                None => {
                    self.aggregates.insert(k.clone(), a.clone());
                }
            }
        }
    }

    /// Merges another device's summary (import): per key the larger count wins (both come
    /// from the same learner's history), sealed months are united.
    pub fn merge(&mut self, other: &DailySummary) {
        for (k, a) in &other.aggregates {
            match self.aggregates.get(k) {
                Some(mine) if mine.attempts >= a.attempts => {}
                _ => {
                    self.aggregates.insert(k.clone(), a.clone());
                }
            }
        }
        for (m, c) in &other.sealed {
            self.sealed.entry(*m).or_insert_with(|| c.clone());
        }
    }
}

/// `a1|<skills>|<records>|<YYYYMM>:<crc>,…`
pub fn encode_summary(summary: &DailySummary) -> String {
    let set = &summary.aggregates;
    let (dict, index) = dictionary(set.keys().map(|(_, s)| s));
    let mut out = format!("{AGG_TAG}|{dict}|");
    let mut prev: Option<i32> = None;
    for ((day, skill), a) in set {
        match prev {
            None => push_varint(&mut out, zigzag(day.0 as i64)),
            Some(p) => push_varint(&mut out, (day.0 as i64 - p as i64) as u64),
        }
        prev = Some(day.0);
        push_varint(&mut out, index.get(skill).copied().unwrap_or(0));
        push_varint(&mut out, a.attempts as u64);
        push_varint(&mut out, a.correct as u64);
        push_varint(&mut out, a.hints as u64);
        push_varint(&mut out, a.response_ds_total);
    }
    out.push('|');
    let sealed: Vec<String> = summary.sealed.iter().map(|(m, c)| format!("{m:06}:{c}")).collect();
    out.push_str(&sealed.join(","));
    out
}

pub fn decode_summary(text: &str) -> Result<DailySummary, CodecError> {
    let (skills, rest) = split_parts(text, AGG_TAG)?;
    let (records, sealed_text) = rest.split_once('|').unwrap_or((rest, ""));
    let mut r = Reader { bytes: records.as_bytes(), pos: 0 };
    let mut out = AggregateSet::new();
    let mut prev: Option<i64> = None;
    while !r.done() {
        let raw = r.varint()?;
        let day = match prev {
            None => unzigzag(raw),
            Some(p) => p.checked_add(i64::try_from(raw).map_err(|_| CodecError("day step too large".into()))?).ok_or_else(|| CodecError("day out of range".into()))?,
        };
        let day32 = i32::try_from(day).map_err(|_| CodecError("day out of range".into()))?;
        prev = Some(day);
        let si = r.varint()?;
        let Some(skill) = skills.get(si as usize) else { return err(format!("skill index {si} not in dictionary")) };
        let small = |v: u64| u32::try_from(v).map_err(|_| CodecError("count too large".into()));
        let attempts = small(r.varint()?)?;
        let correct = small(r.varint()?)?;
        let hints = small(r.varint()?)?;
        let response_ds_total = r.varint()?;
        if correct > attempts {
            return err("more correct answers than attempts");
        }
        let key = (LocalDay(day32), skill.clone());
        if out.contains_key(&key) {
            return err("repeated day and skill");
        }
        out.insert(key, DailyAggregate { day: LocalDay(day32), skill: skill.clone(), attempts, correct, hints, response_ds_total });
    }
    let mut sealed = BTreeMap::new();
    if !sealed_text.is_empty() {
        for item in sealed_text.split(',') {
            let Some((m, c)) = item.split_once(':') else { return err("bad sealed month") };
            let ok_month = m.len() == 6 && m.parse::<u32>().is_ok_and(|v| (1..=12).contains(&(v % 100)));
            let ok_crc = c.len() == 8 && c.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
            let month = m.parse::<u32>().unwrap_or(0);
            if !ok_month || !ok_crc || sealed.insert(month, c.to_string()).is_some() {
                return err("bad sealed month");
            }
        }
    }
    Ok(DailySummary { aggregates: out, sealed })
}

/// Synthetic but realistic attempts (sessions of 10-30 answers a few seconds apart, a few
/// sessions a week, a handful of skills in play), for the size bench and tests.
pub fn synthetic_attempts(n: usize, seed: u64) -> Vec<Attempt> {
    use crate::rng::SeededRng;
    let mut rng = SeededRng::new(seed);
    let skills: Vec<SkillId> = ["add.within-10", "add.within-20", "sub.within-20", "place-value.tens", "mult.facts-2-5", "frac.unit", "geom.shapes", "measure.length"]
        .iter()
        .filter_map(|s| SkillId::parse(s))
        .collect();
    let mut t: i64 = 1_767_225_600; // 2026-01-01 in seconds
    let mut out = Vec::with_capacity(n);
    let mut left_in_session = 0;
    let mut focus = 0usize;
    while out.len() < n {
        if left_in_session == 0 {
            t += rng.range_i64(12 * 3600, 3 * 24 * 3600);
            left_in_session = rng.range_i64(10, 30);
            focus = rng.index(skills.len());
        }
        left_in_session -= 1;
        t += rng.range_i64(4, 45);
        let skill = if rng.chance(0.6) { focus } else { rng.index(skills.len()) };
        let Some(skill) = skills.get(skill).cloned() else { continue };
        out.push(Attempt {
            at: Timestamp(t * MS_PER_SECOND + rng.range_i64(0, 999)),
            skill,
            level: rng.range_i64(1, 5) as u8,
            correct: rng.chance(0.75),
            response_ms: (2000.0 * (1.0 + rng.normal().abs() * 2.0)) as u32,
            hints_used: if rng.chance(0.15) { rng.range_i64(1, 3) as u8 } else { 0 },
            mode: mode_of(rng.index(4) as u64),
        });
    }
    out
}

/// Characters per attempt of the monthly-chunk encoding for `n` synthetic attempts
/// (chunk keys and generation headers included), as `make bench` reports it.
pub fn chars_per_attempt(n: usize, seed: u64) -> f64 {
    if n == 0 {
        return 0.0;
    }
    let set = set_of(&synthetic_attempts(n, seed));
    let mut months: BTreeMap<u32, AttemptSet> = BTreeMap::new();
    for (k, a) in set {
        months.entry(month_of(a.at)).or_default().insert(k, a);
    }
    let chars: usize = months
        .values()
        .map(|m| encode_chunk(m).len() + super::slot::GENERATION_OVERHEAD_CHARS + super::keys::CHUNK_KEY_CHARS)
        .sum();
    chars as f64 / n as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn att(secs: i64, skill: &str, level: u8, correct: bool, ms: u32, hints: u8, mode: PracticeMode) -> Attempt {
        Attempt { at: Timestamp(secs * 1000), skill: SkillId::parse(skill).unwrap(), level, correct, response_ms: ms, hints_used: hints, mode }
    }

    #[test]
    fn varints_round_trip_at_the_edges() {
        for v in [0u64, 1, 31, 32, 1023, 1024, u32::MAX as u64, u64::MAX >> 1, u64::MAX] {
            let mut s = String::new();
            push_varint(&mut s, v);
            let mut r = Reader { bytes: s.as_bytes(), pos: 0 };
            assert_eq!(r.varint().unwrap(), v);
            assert!(r.done());
        }
        for v in [0i64, -1, 1, i64::MIN, i64::MAX] {
            assert_eq!(unzigzag(zigzag(v)), v);
        }
    }

    #[test]
    fn chunk_round_trips_normalised_attempts() {
        let xs = vec![
            att(1_800_000_000, "add.within-10", 1, true, 2340, 0, PracticeMode::Blocked),
            att(1_800_000_000, "frac.unit", 5, false, 123_456, 9, PracticeMode::Placement),
            att(1_800_000_007, "add.within-10", 3, true, 0, 2, PracticeMode::Review),
            att(-5, "geom.shapes", 0, false, u32::MAX, 1, PracticeMode::Mixed),
        ];
        let set = set_of(&xs);
        let text = encode_chunk(&set);
        assert_eq!(decode_chunk(&text).unwrap(), set);
        let back: Vec<_> = set.values().cloned().collect();
        assert!(back.iter().any(|a| a.hints_used == 3 && a.response_ms == 123_500));
        assert!(back.iter().any(|a| a.response_ms == MAX_RESPONSE_MS));
    }

    #[test]
    fn empty_chunk_is_valid() {
        assert_eq!(encode_chunk(&AttemptSet::new()), "h1||");
        assert!(decode_chunk("h1||").unwrap().is_empty());
    }

    #[test]
    fn bad_chunks_are_errors_not_panics() {
        for bad in ["", "h1", "h1|", "h2||", "h1|Bad|A", "h1|a|AB", "h1|a|A!", "h1|a|AAA", "h1|a|AAAAAAAA", "h1|a|________________AAAA", "h1|a,b|ABAAAAAA"] {
            assert!(decode_chunk(bad).is_err(), "{bad:?}");
        }
        // Two records in the same second for the same skill are a duplicate.
        assert!(decode_chunk("h1|a|AAAAAAAA").is_err());
    }

    #[test]
    fn union_keeps_both_sides() {
        let a = set_of(&[att(10, "a", 1, true, 100, 0, PracticeMode::Mixed)]);
        let b = set_of(&[att(11, "a", 1, true, 100, 0, PracticeMode::Mixed), att(10, "a", 2, false, 100, 0, PracticeMode::Mixed)]);
        let u = union(a.clone(), &b);
        assert_eq!(u.len(), 2);
        assert_eq!(u.get(&(10, SkillId::parse("a").unwrap())).unwrap().level, 1);
    }

    #[test]
    fn aggregates_round_trip() {
        let set = set_of(&synthetic_attempts(500, 3));
        let agg = aggregate(&set, 0);
        assert_eq!(agg.values().map(|a| a.attempts as usize).sum::<usize>(), 500);
        let mut summary = DailySummary { aggregates: agg, sealed: BTreeMap::new() };
        summary.sealed.insert(202601, "0123abcd".into());
        assert_eq!(decode_summary(&encode_summary(&summary)).unwrap(), summary);
        assert!(decode_summary("a1|x|AAACAA|").is_err(), "correct > attempts");
        assert!(decode_summary("a1|x||202613:0123abcd").is_err());
        assert_eq!(decode_summary("a1||").unwrap(), DailySummary::default());
        let mut twice = summary.clone();
        twice.add(&summary.aggregates);
        assert_eq!(twice.aggregates.values().map(|a| a.attempts).sum::<u32>(), 1000);
    }

    #[test]
    fn aggregates_count_the_learners_own_day() {
        // 03:00 UTC on day 20,000: 19:00 the evening before for a learner eight hours west.
        let at = 20_000 * 86_400 + 3 * 3_600;
        let set = set_of(&[att(at, "a", 1, true, 100, 0, PracticeMode::Mixed)]);
        let day = |offset| aggregate(&set, offset).values().next().map(|a| a.day);
        assert_eq!(day(0), Some(crate::time::LocalDay(20_000)));
        assert_eq!(day(-480), Some(crate::time::LocalDay(19_999)));
        assert_eq!(day(60), Some(crate::time::LocalDay(20_000)));
    }

    #[test]
    fn compact_enough() {
        let cpa = chars_per_attempt(10_000, 1);
        assert!(cpa <= 16.0, "{cpa} chars per attempt");
        assert!(cpa >= 4.0);
    }
}
