//! Writes a localStorage snapshot (JSON object of key -> value) holding one learner with ten
//! years of daily practice, saved through the vault exactly as the app saves: the history,
//! and a hot record as ten years leave it (the learner model over the whole skill graph,
//! motivation with its remembered events and day tallies, the mastery log), built by
//! replaying every answer through the engine and the rewards as the app does. `make bench`
//! loads it into Chromium to time opening this learner, and saving answers for them, at 4x
//! CPU throttling.
//! `cargo run --release -p waypoint-core --bin bench_store -- OUT.json [END_MS]`

use serde_json::{Value, json};
use waypoint_core::attempt::{Attempt, PracticeMode};
use waypoint_core::content::Catalog;
use waypoint_core::engine::review::Scheduler;
use waypoint_core::engine::stored::catch_up;
use waypoint_core::engine::{EngineParams, LearnerModel};
use waypoint_core::graph::SkillGraph;
use waypoint_core::learner::{Avatar, GradeBand, Learner, LearnerName};
use waypoint_core::motivation::MotivationState;
use waypoint_core::motivation::stored::catch_up as motivation_catch_up;
use waypoint_core::persistence::patch::edits_of;
use waypoint_core::persistence::{SectionStamp, KeyValueStore, MemoryStore, StoreError, Vault};
use waypoint_core::report::{LevelLogEntry, log_catch_up, log_level};
use waypoint_core::rewards::{self, ConfidenceTally};
use waypoint_core::rng::SeededRng;
use waypoint_core::time::MS_PER_SECOND;
use waypoint_core::{LearnerId, Timestamp};

fn fail(what: impl std::fmt::Display) -> ! {
    eprintln!("bench_store: {what}");
    std::process::exit(1);
}

/// Ten years of sessions every one to three days, 10 to 30 answers each, moving through
/// the skill graph in its order: most answers on the skills of the moment, some on any
/// skill met before (reviews and mixed practice).
fn ten_years(graph: &SkillGraph, n: usize, seed: u64) -> Vec<Attempt> {
    let mut rng = SeededRng::new(seed);
    let skills: Vec<_> = graph.nodes().iter().map(|s| s.id.clone()).collect();
    let mut t: i64 = 1_767_225_600; // 2026-01-01 in seconds
    let mut out = Vec::with_capacity(n);
    let mut left_in_session = 0;
    while out.len() < n {
        if left_in_session == 0 {
            t += rng.range_i64(12 * 3600, 3 * 24 * 3600);
            left_in_session = rng.range_i64(10, 30);
        }
        left_in_session -= 1;
        t += rng.range_i64(4, 45);
        // Where the learner is on the graph: it takes the ten years to go through it.
        let reached = (skills.len() * (out.len() + 1)).div_ceil(n).clamp(1, skills.len());
        let i = if rng.chance(0.7) { reached - 1 - rng.index(reached.min(3)) } else { rng.index(reached) };
        let Some(skill) = skills.get(i).cloned() else { continue };
        out.push(Attempt {
            at: Timestamp(t * MS_PER_SECOND + rng.range_i64(0, 999)),
            skill,
            level: rng.range_i64(1, 5) as u8,
            correct: rng.chance(0.78),
            response_ms: (2000.0 * (1.0 + rng.normal().abs() * 2.0)) as u32,
            hints_used: if rng.chance(0.15) { rng.range_i64(1, 3) as u8 } else { 0 },
            mode: if rng.chance(0.5) { PracticeMode::Mixed } else { PracticeMode::Blocked },
        });
    }
    out
}

/// A store that counts the characters written to it (values, UTF-16 units, as localStorage).
struct Counting {
    inner: MemoryStore,
    written: usize,
}

impl KeyValueStore for Counting {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.inner.get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.written += value.encode_utf16().count();
        self.inner.set(key, value)
    }
    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.inner.remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        self.inner.keys()
    }
}

/// How the bench saves an answer.
#[derive(Clone, Copy, PartialEq)]
enum Saving {
    /// The record rewritten whole every time.
    Whole,
    /// Patches between whole copies, every section given whole.
    Patches,
    /// Patches, and the model and motivation given by their changed parts (as the app saves
    /// an answer).
    Parts,
    /// As `Parts`, with `Vault::tidy` between answers (untimed), as the app tidies once an
    /// answer's feedback is on screen.
    PartsTidied,
}

/// Thirty more answers for the learner, saved as the app saves an answer and its
/// checkpoint together (the attempt, then the model, motivation and session sections):
/// characters written per answer (a tidy's included) and the median and longest native
/// time per save (building the sections' JSON included).
fn answer_saves(map: &std::collections::BTreeMap<String, String>, graph: &SkillGraph, id: &LearnerId, from: Timestamp, saving: Saving) -> (usize, f64, f64) {
    let (mut v, _) = Vault::open(Counting { inner: MemoryStore::from_map(map.clone()), written: 0 }, from);
    if saving == Saving::Whole {
        v.set_patch_from_chars(usize::MAX);
    }
    // As the app: the model and motivation as read from the store (numbers rounded as
    // stored); what was read is what is stored, so parts go from the first answer.
    let read = |name: &str| v.section(id, name).cloned().zip(v.section_stamp(id, name));
    let (Some((model_data, model_stamp)), Some((motivation_data, motivation_stamp))) = (read("model"), read("motivation")) else { fail("the sections are not stored") };
    let (mut model, mut motivation): (LearnerModel, MotivationState) = match (serde_json::from_value(model_data), serde_json::from_value(motivation_data)) {
        (Ok(m), Ok(t)) => (m, t),
        _ => fail("the sections do not read back"),
    };
    let by_parts = matches!(saving, Saving::Parts | Saving::PartsTidied);
    let mut saved = by_parts.then(|| (model.clone(), model_stamp));
    let mut saved_motivation = by_parts.then(|| (motivation.clone(), motivation_stamp));
    // The mastery log, saved when a level changes (by its parts too, as the app does).
    let mut log: Vec<LevelLogEntry> = v.section(id, "mastery_log").and_then(|l| serde_json::from_value(l.clone()).ok()).unwrap_or_default();
    let mut saved_log = v.section_stamp(id, "mastery_log").filter(|_| by_parts).map(|stamp| (log.clone(), stamp));
    let extra = ten_years(graph, 30, 99);
    let params = EngineParams::default();
    let scheduler = Scheduler::default();
    let confidence = ConfidenceTally::default();
    let before = v.store().written;
    let mut times = Vec::new();
    for (k, a) in extra.iter().enumerate() {
        let a = Attempt { at: Timestamp(from.0 + (k as i64 + 1) * 20_000), ..a.clone() };
        let due_before = model.skills.get(&a.skill).and_then(|s| s.review.as_ref()).map(|c| c.due);
        let outcome = model.record(graph, &a, &params, 0, &scheduler);
        if let Some(c) = &outcome.level_change {
            log_level(&mut log, a.at.local_day(0), &c.skill, c.to);
        }
        let log_changed = outcome.level_change.is_some();
        let events = rewards::answer_events(&a, due_before, outcome.level_change.as_ref(), outcome.next_review.is_some(), 0);
        rewards::apply(&mut motivation, &events, &confidence, graph, a.at, 0);
        let t = std::time::Instant::now();
        let mut sections = vec![("session".to_string(), json!({"answered": k}))];
        if let Err(e) = v.append_attempt(id, &a, a.at) {
            fail(e);
        }
        let mut parts = Vec::new();
        if by_parts {
            match saved.as_mut() {
                Some((before, stamp)) if v.section_stamp(id, "model") == Some(*stamp) => {
                    if let Some(p) = catch_up(before, &model).unwrap_or_else(|e| fail(e)) {
                        parts.push(("model".to_string(), *stamp, edits_of(p)));
                    }
                }
                _ => saved = None,
            }
            match saved_motivation.as_mut() {
                Some((before, stamp)) if v.section_stamp(id, "motivation") == Some(*stamp) => {
                    let p = motivation_catch_up(before, &motivation).unwrap_or_else(|e| fail(e));
                    parts.push(("motivation".to_string(), *stamp, p));
                }
                _ => saved_motivation = None,
            }
            if log_changed {
                match saved_log.as_mut() {
                    Some((before, stamp)) if v.section_stamp(id, "mastery_log") == Some(*stamp) => match log_catch_up(before, &log).unwrap_or_else(|e| fail(e)) {
                        Some(p) => parts.push(("mastery_log".to_string(), *stamp, p)),
                        None => saved_log = None,
                    },
                    _ => saved_log = None,
                }
            }
        }
        if log_changed && !parts.iter().any(|(n, _, _)| n == "mastery_log") {
            sections.push(("mastery_log".to_string(), to_json(&log)));
        }
        if !parts.iter().any(|(n, _, _)| n == "model") {
            saved = None;
            sections.push(("model".to_string(), to_json(&model)));
        }
        if !parts.iter().any(|(n, _, _)| n == "motivation") {
            saved_motivation = None;
            sections.push(("motivation".to_string(), to_json(&motivation)));
        }
        let saved_now = if parts.is_empty() { v.save_sections_owned(id, sections, a.at) } else { v.save_parts(id, sections, parts, a.at) };
        if let Err(e) = saved_now {
            fail(e);
        }
        if by_parts {
            // The app keeps its copies caught up; the first time it takes them.
            saved = keep(saved.take(), v.section_stamp(id, "model"), || model.clone());
            saved_motivation = keep(saved_motivation.take(), v.section_stamp(id, "motivation"), || motivation.clone());
            if log_changed {
                saved_log = keep(saved_log.take(), v.section_stamp(id, "mastery_log"), || log.clone());
            }
        }
        times.push(t.elapsed().as_secs_f64() * 1e6);
        if saving == Saving::PartsTidied
            && let Err(e) = v.tidy(id, a.at)
        {
            fail(e);
        }
    }
    times.sort_by(f64::total_cmp);
    ((v.store().written - before) / extra.len().max(1), times.get(times.len() / 2).copied().unwrap_or(0.0), times.last().copied().unwrap_or(0.0))
}

/// As the app keeps a section it saves by parts: the caught-up copy with the new stamp, or
/// a copy the first time.
fn keep<T>(kept: Option<(T, SectionStamp)>, stamp: Option<SectionStamp>, copy: impl FnOnce() -> T) -> Option<(T, SectionStamp)> {
    let stamp = stamp?;
    Some((kept.map_or_else(copy, |(t, _)| t), stamp))
}

fn to_json<T: serde::Serialize>(t: &T) -> Value {
    serde_json::to_value(t).unwrap_or_else(|e| fail(e))
}

fn main() {
    let Some(out) = std::env::args().nth(1) else {
        eprintln!("usage: bench_store OUT.json [END_MS]");
        std::process::exit(2);
    };
    // When the ten years end (milliseconds since 1970; the bench passes the time it runs,
    // so that the history is in the past when the app opens it, as a real learner's is).
    let end = std::env::args().nth(2).map(|ms| ms.parse::<i64>().map(Timestamp).unwrap_or_else(|_| fail(format_args!("END_MS {ms:?} is not a whole number"))));
    let catalog = Catalog::builtin().unwrap_or_else(|e| fail(e));
    let graph = catalog.graph();
    let mut attempts = ten_years(graph, 36_500, 11);
    if let (Some(end), Some(last)) = (end, attempts.last().map(|a| a.at)) {
        // A day before `end`: the bench's answers then start a new day, as a learner's
        // first answers of the day do.
        let shift = end.0 - 86_400_000 - last.0;
        for a in &mut attempts {
            a.at = Timestamp(a.at.0 + shift);
        }
    }
    let first = attempts.first().map_or(Timestamp(0), |a| a.at);
    let last = attempts.last().map_or(first, |a| a.at);
    let Some(id) = LearnerId::parse("bench10y") else { fail("bad id") };
    let Ok(name) = LearnerName::parse("Ten Years") else { fail("bad name") };
    let learner = Learner { id: id.clone(), name, avatar: Avatar::Owl, grade_band: GradeBand::G68, language: None, created_at: first };
    let (mut v, _) = Vault::open(MemoryStore::new(), first);
    if let Err(e) = v.put_learner(&learner, first) {
        fail(e);
    }
    let mut model = LearnerModel::default();
    let mut motivation = MotivationState::default();
    let confidence = ConfidenceTally::default();
    let mut log: Vec<LevelLogEntry> = Vec::new();
    let params = EngineParams::default();
    let scheduler = Scheduler::default();
    for a in &attempts {
        let due_before = model.skills.get(&a.skill).and_then(|s| s.review.as_ref()).map(|c| c.due);
        let outcome = model.record(graph, a, &params, 0, &scheduler);
        if let Some(c) = &outcome.level_change {
            log_level(&mut log, a.at.local_day(0), &c.skill, c.to);
        }
        let events = rewards::answer_events(a, due_before, outcome.level_change.as_ref(), outcome.next_review.is_some(), 0);
        rewards::apply(&mut motivation, &events, &confidence, graph, a.at, 0);
        if let Err(e) = v.append_attempt(&id, a, a.at) {
            fail(e);
        }
    }
    let sections = [
        ("model".to_string(), to_json(&model)),
        ("motivation".to_string(), to_json(&motivation)),
        ("confidence".to_string(), to_json(&confidence)),
        ("mastery_log".to_string(), to_json(&log)),
        ("placement".to_string(), json!("Done")),
    ];
    if let Err(e) = v.save_sections(&id, &sections, last) {
        fail(e);
    }
    let store = v.into_store();
    let (parts_chars, parts_us, parts_max) = answer_saves(&store.map, graph, &id, last, Saving::Parts);
    let (tidied_chars, tidied_us, tidied_max) = answer_saves(&store.map, graph, &id, last, Saving::PartsTidied);
    let (patched_chars, patched_us, _) = answer_saves(&store.map, graph, &id, last, Saving::Patches);
    let (whole_chars, whole_us, _) = answer_saves(&store.map, graph, &id, last, Saving::Whole);
    let json = serde_json::to_string(&store.map).unwrap_or_else(|e| fail(e));
    if let Err(e) = std::fs::write(&out, json) {
        fail(format_args!("cannot write {out}: {e}"));
    }
    let hot = store.map.iter().filter(|(k, _)| k.starts_with("waypoint:learner:bench10y@")).map(|(_, v)| v.len()).max().unwrap_or(0);
    println!(
        "{{\"attempts\":{},\"keys\":{},\"chars\":{},\"skills_in_model\":{},\"hot_record_chars\":{},\"answer_chars_written\":{{\"parts\":{},\"parts_tidied\":{},\"patches\":{},\"whole\":{}}},\"answer_save_native_us\":{{\"parts\":{:.0},\"parts_max\":{:.0},\"parts_tidied\":{:.0},\"parts_tidied_max\":{:.0},\"patches\":{:.0},\"whole\":{:.0}}}}}",
        attempts.len(),
        store.map.len(),
        store.used_chars(),
        model.skills.len(),
        hot,
        parts_chars,
        tidied_chars,
        patched_chars,
        whole_chars,
        parts_us,
        parts_max,
        tidied_us,
        tidied_max,
        patched_us,
        whole_us
    );
}
