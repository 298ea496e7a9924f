//! The bounded fuzz run `make test` performs (the longer, timed run is
//! `cargo run --release -p waypoint-core --bin fuzz_import -- --seconds 60`).

use waypoint_core::persistence::fuzz::{fuzz_chunks, fuzz_import, fuzz_patches};

#[test]
fn import_survives_mutated_files() {
    for seed in 1..=3 {
        let r = fuzz_import(seed, 700);
        assert_eq!(r.iterations, 700);
        assert!(r.refused.len() >= 4, "mutations reach several checks: {r:?}");
    }
}

#[test]
fn chunk_decoder_survives_mutated_chunks() {
    for seed in 1..=4 {
        let r = fuzz_chunks(seed, 20_000).unwrap();
        assert!(r.accepted > 0 && r.refused.values().sum::<u64>() > 0, "{r:?}");
    }
}

#[test]
fn patch_decoder_survives_mutated_patches() {
    for seed in 1..=3 {
        let r = fuzz_patches(seed, 10_000).unwrap();
        assert!(r.accepted > 0 && r.refused.len() >= 2, "{r:?}");
    }
}
