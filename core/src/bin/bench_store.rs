//! Writes a localStorage snapshot (JSON object of key -> value) holding one learner with ten
//! years of daily practice, saved through the vault exactly as the app saves. `make bench`
//! loads it into Chromium to time opening a learner at 4x CPU throttling.
//! `cargo run --release -p waypoint-core --bin bench_store -- OUT.json`

use waypoint_core::learner::{Avatar, GradeBand, Learner, LearnerName};
use waypoint_core::persistence::{MemoryStore, Vault, codec};
use waypoint_core::{LearnerId, Timestamp};

fn main() {
    let Some(out) = std::env::args().nth(1) else {
        eprintln!("usage: bench_store OUT.json");
        std::process::exit(2);
    };
    let attempts = codec::synthetic_attempts(36_500, 11);
    let first = attempts.first().map_or(Timestamp(0), |a| a.at);
    let Some(id) = LearnerId::parse("bench10y") else { std::process::exit(1) };
    let Ok(name) = LearnerName::parse("Ten Years") else { std::process::exit(1) };
    let learner = Learner { id: id.clone(), name, avatar: Avatar::Owl, grade_band: GradeBand::G68, language: None, created_at: first };
    let (mut v, _) = Vault::open(MemoryStore::new(), first);
    if let Err(e) = v.put_learner(&learner, first) {
        eprintln!("bench_store: {e}");
        std::process::exit(1);
    }
    for a in &attempts {
        if let Err(e) = v.append_attempt(&id, a, a.at) {
            eprintln!("bench_store: {e}");
            std::process::exit(1);
        }
    }
    let store = v.into_store();
    let json = match serde_json::to_string(&store.map) {
        Ok(j) => j,
        Err(e) => {
            eprintln!("bench_store: {e}");
            std::process::exit(1);
        }
    };
    if let Err(e) = std::fs::write(&out, json) {
        eprintln!("bench_store: cannot write {out}: {e}");
        std::process::exit(1);
    }
    println!("{{\"attempts\":{},\"keys\":{},\"chars\":{}}}", attempts.len(), store.map.len(), store.used_chars());
}
