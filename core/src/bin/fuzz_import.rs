//! A timed fuzz run over the importer and the history decoders (an equivalent of
//! cargo-fuzz that runs on stable): `cargo run --release -p waypoint-core --bin fuzz_import
//! -- --seconds 60 [--seed 1]`. Exits non-zero on the first failure; a panic is a failure.
//! Prints one JSON object on its last line.

use std::time::{Duration, Instant};
use waypoint_core::persistence::fuzz::{fuzz_chunks, fuzz_import};

fn arg(name: &str, default: u64) -> u64 {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn main() {
    let seconds = arg("--seconds", 20);
    let mut seed = arg("--seed", 1);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let (mut imports, mut chunks, mut accepted) = (0u64, 0u64, 0u64);
    while Instant::now() < deadline {
        let r = fuzz_import(seed, 500);
        imports += r.iterations;
        accepted += r.accepted;
        match fuzz_chunks(seed, 5_000) {
            Ok(r) => chunks += r.iterations,
            Err(e) => {
                eprintln!("seed {seed}: {e}");
                std::process::exit(1);
            }
        }
        seed += 1;
    }
    println!("{{\"seconds\":{seconds},\"import_inputs\":{imports},\"import_accepted\":{accepted},\"chunk_inputs\":{chunks},\"last_seed\":{seed}}}");
}
