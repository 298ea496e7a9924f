//! Storage figures for `make bench`: characters per stored attempt, the cost of saving one
//! attempt, and loading ten years of history, natively (the browser figures at 4x CPU
//! throttling are the app's). `cargo run --release -p waypoint-core --bin storage_bench`.
//! Prints one JSON object on its last line.

use std::time::Instant;
use waypoint_core::learner::{Avatar, GradeBand, Learner, LearnerName};
use waypoint_core::persistence::{MemoryStore, Vault, chars_per_attempt, codec};
use waypoint_core::{LearnerId, Timestamp};

fn main() {
    let encoding = chars_per_attempt(10_000, 7);
    // Ten years of a keen learner, appended one by one as the app does.
    let attempts = codec::synthetic_attempts(36_500, 11);
    let last = attempts.last().map_or(Timestamp(0), |a| a.at);
    let first = attempts.first().map_or(Timestamp(0), |a| a.at);
    let id = LearnerId::parse("bench").unwrap_or_else(|| LearnerId::from_random(1));
    let (mut v, _) = Vault::open(MemoryStore::new(), first);
    let learner = Learner { id: id.clone(), name: LearnerName::parse("Bench").unwrap_or_else(|_| unreachable!()), avatar: Avatar::Fox, grade_band: GradeBand::G35, language: None, created_at: first };
    v.put_learner(&learner, first).ok();
    v.save_sections(&id, &[("model".into(), serde_json::json!({"skills": (0..120).map(|i| serde_json::json!({"p": 0.5, "n": i})).collect::<Vec<_>>()}))], first).ok();
    let mut times = Vec::with_capacity(attempts.len());
    let mut written = 0usize;
    for a in &attempts {
        let t = Instant::now();
        if let Ok(o) = v.append_attempt(&id, a, a.at) {
            written += o.chars_written;
        }
        times.push(t.elapsed().as_secs_f64() * 1e6);
    }
    let store = v.into_store();
    let footprint = store.used_chars() as f64 / attempts.len() as f64;
    times.sort_by(|a, b| a.total_cmp(b));
    let mean_us = times.iter().sum::<f64>() / times.len().max(1) as f64;
    let p99_us = times.get(times.len() * 99 / 100).copied().unwrap_or(0.0);
    let t = Instant::now();
    let (mut v, _) = Vault::open(MemoryStore::from_map(store.map.clone()), last);
    let open_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let n = v.history(&id, last).map(|(h, _)| h.attempts.len()).unwrap_or(0);
    let history_ms = t.elapsed().as_secs_f64() * 1e3;
    eprintln!("encoding {encoding:.2} chars/attempt; stored footprint {footprint:.2} chars/attempt (with spare generations); {n} attempts");
    println!(
        "{{\"chars_per_attempt\":{encoding:.2},\"stored_chars_per_attempt\":{footprint:.2},\"ten_year_attempts\":{n},\"ten_year_store_chars\":{},\"save_attempt_mean_us\":{mean_us:.1},\"save_attempt_p99_us\":{p99_us:.1},\"save_attempt_mean_chars_written\":{:.0},\"open_ms\":{open_ms:.2},\"ten_year_history_ms\":{history_ms:.2}}}",
        store.used_chars(),
        written as f64 / attempts.len() as f64
    );
}
