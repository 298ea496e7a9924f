//! A bounded, seeded fuzz run (cargo-fuzz needs nightly): byte-level mutations of valid
//! export files and history chunks, fed to the importer and the decoders. Any panic is a
//! bug; every input must come back as a value. Used by `tests/persistence_fuzz.rs` (a few
//! thousand iterations in `make test`) and `src/bin/fuzz_import.rs` (longer, timed).
//! Pure: the caller decides how long to run; no clock here.

use super::codec;
use super::store::MemoryStore;
use super::transfer::ImportMode;
use super::vault::Vault;
use crate::learner::{Avatar, GradeBand, Learner, LearnerName};
use crate::rng::SeededRng;
use crate::{LearnerId, Timestamp};

/// What a run saw.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FuzzReport {
    pub iterations: u64,
    /// Inputs the importer or decoder accepted (mutations that kept them valid).
    pub accepted: u64,
    /// Inputs refused, by `PersistError::kind()` (or "codec").
    pub refused: std::collections::BTreeMap<String, u64>,
}

const NOW: Timestamp = Timestamp(1_795_392_000_000);

/// A small device with two learners, sections and some history, in a MemoryStore.
pub fn sample_vault(seed: u64) -> Vault<MemoryStore> {
    let (mut v, _) = Vault::open(MemoryStore::new(), NOW);
    let attempts = codec::synthetic_attempts(70, seed);
    for (i, name) in ["Ann", "Bo"].iter().enumerate() {
        let Some(id) = LearnerId::parse(&format!("k{i}")) else { continue };
        let Ok(name) = LearnerName::parse(name) else { continue };
        let l = Learner { id: id.clone(), name, avatar: Avatar::Cat, grade_band: GradeBand::K2, language: None, created_at: NOW };
        let _ = v.put_learner(&l, NOW);
        let _ = v.save_sections(&id, &[("model".into(), serde_json::json!({"theta": [0.5, -1.25], "n": i}))], NOW);
        for a in attempts.iter().skip(i * 20) {
            let _ = v.append_attempt(&id, a, NOW);
        }
    }
    v
}

/// Mutates bytes in one of several ways that find parser bugs.
pub fn mutate(rng: &mut SeededRng, input: &[u8]) -> Vec<u8> {
    const INTERESTING: &[&[u8]] = &[b"{", b"}", b"[", b"]", b"\"", b":", b",", b"\\", b"-1", b"1e999", b"null", b"\\u0000", b"18446744073709551616", b"|", b"@", b"_"];
    let mut out = input.to_vec();
    let rounds = 1 + rng.index(4);
    for _ in 0..rounds {
        let len = out.len();
        let at = rng.index(len + 1);
        match rng.index(8) {
            0 if len > 0 => {
                let i = rng.index(len);
                if let Some(b) = out.get_mut(i) {
                    *b ^= 1 << rng.index(8);
                }
            }
            1 => out.insert(at.min(len), rng.range_i64(0, 255) as u8),
            2 if len > 0 => {
                let end = (at + 1 + rng.index(16)).min(len);
                out.drain(at.min(len)..end);
            }
            3 => out.truncate(at),
            4 if len > 0 => {
                let start = rng.index(len);
                let end = (start + 1 + rng.index(64)).min(len);
                let piece: Vec<u8> = out.get(start..end).map(<[u8]>::to_vec).unwrap_or_default();
                let pos = rng.index(out.len() + 1);
                out.splice(pos..pos, piece);
            }
            5 => {
                let piece = INTERESTING.get(rng.index(INTERESTING.len())).copied().unwrap_or(b"{");
                let pos = at.min(out.len());
                out.splice(pos..pos, piece.iter().copied());
            }
            6 if len > 0 => {
                // Replace a digit (shifts times, versions, checksums, lengths).
                let i = rng.index(len);
                if let Some(b) = out.get_mut(i)
                    && b.is_ascii_digit()
                {
                    *b = b'0' + rng.index(10) as u8;
                }
            }
            _ => {
                if len > 0 {
                    let i = rng.index(len);
                    if let Some(b) = out.get_mut(i) {
                        *b = b"AZaz09-_|,"[rng.index(10)];
                    }
                }
            }
        }
    }
    out
}

fn count(report: &mut FuzzReport, kind: &str) {
    *report.refused.entry(kind.to_string()).or_default() += 1;
}

/// Mutated export files through preview (and apply, when one is accepted).
pub fn fuzz_import(seed: u64, iterations: u64) -> FuzzReport {
    let vault = sample_vault(seed);
    let mut report = FuzzReport::default();
    let Ok(valid) = vault.export_device("fuzz", NOW) else { return report };
    let first = LearnerId::parse("k0").unwrap_or_else(|| LearnerId::from_random(0));
    let Ok(one) = vault.export_learner(&first, "fuzz", NOW) else { return report };
    let corpus = [valid.into_bytes(), one.into_bytes()];
    let mut rng = SeededRng::new(seed);
    let (mut target, _) = Vault::open(MemoryStore::from_map(vault.store().map.clone()), NOW);
    for _ in 0..iterations {
        report.iterations += 1;
        let base = corpus.get(rng.index(corpus.len())).map(Vec::as_slice).unwrap_or(&[]);
        let bytes = mutate(&mut rng, base);
        let text = String::from_utf8_lossy(&bytes);
        match target.preview_import(&text) {
            Ok(p) => {
                report.accepted += 1;
                let mode = if rng.chance(0.5) { ImportMode::Merge } else { ImportMode::Replace };
                if target.apply_import(&p, mode, NOW).is_ok() {
                    let _ = target.undo_import(NOW);
                }
            }
            Err(e) => count(&mut report, e.kind()),
        }
    }
    report
}

/// Mutated history chunks and aggregates through the decoders; whatever decodes must
/// re-encode to something that decodes to the same set.
pub fn fuzz_chunks(seed: u64, iterations: u64) -> Result<FuzzReport, String> {
    let mut rng = SeededRng::new(seed);
    let set = codec::set_of(&codec::synthetic_attempts(60, seed));
    let chunk = codec::encode_chunk(&set).into_bytes();
    let mut summary = codec::DailySummary { aggregates: codec::aggregate(&set, 0), ..Default::default() };
    summary.sealed.insert(202601, "0123abcd".into());
    let daily = codec::encode_summary(&summary).into_bytes();
    let mut report = FuzzReport::default();
    for i in 0..iterations {
        report.iterations += 1;
        if i % 2 == 0 {
            let text = String::from_utf8_lossy(&mutate(&mut rng, &chunk)).into_owned();
            match codec::decode_chunk(&text) {
                Ok(s) => {
                    report.accepted += 1;
                    let again = codec::decode_chunk(&codec::encode_chunk(&s)).map_err(|e| format!("re-encoded chunk does not decode: {e:?} from {text:?}"))?;
                    if again != s {
                        return Err(format!("chunk round trip differs for {text:?}"));
                    }
                }
                Err(_) => count(&mut report, "codec"),
            }
        } else {
            let text = String::from_utf8_lossy(&mutate(&mut rng, &daily)).into_owned();
            match codec::decode_summary(&text) {
                Ok(s) => {
                    report.accepted += 1;
                    if codec::decode_summary(&codec::encode_summary(&s)).as_ref() != Ok(&s) {
                        return Err(format!("aggregate round trip differs for {text:?}"));
                    }
                }
                Err(_) => count(&mut report, "codec"),
            }
        }
    }
    Ok(report)
}

/// Mutated learner patches through their decoder and onto a record; whatever decodes must
/// apply or be refused (never panic), and re-encode to the same patch.
pub fn fuzz_patches(seed: u64, iterations: u64) -> Result<FuzzReport, String> {
    use super::patch::{Patch, diff};
    use super::record::LearnerRecord;
    let mut rng = SeededRng::new(seed);
    let Some(id) = LearnerId::parse("k0") else { return Err("no id".into()) };
    let mut base = LearnerRecord::new(id);
    let from = serde_json::json!({"skills": {"a": {"t": 0.5, "n": 3}, "b": {"t": -1.0}}, "seen": [1, 2, 3, 4], "xp": 10});
    let to = serde_json::json!({"skills": {"a": {"t": 0.75, "n": 4}, "c": {"t": 0.0}}, "seen": [2, 3, 4, 5], "xp": 20, "new": [true]});
    base.swap_sections(vec![("model".into(), from.clone())]);
    let mut sections = std::collections::BTreeMap::new();
    sections.insert("model".to_string(), (2, diff(Some(&from), &to)));
    sections.insert("session".to_string(), (1, diff(None, &serde_json::json!({"done": 3}))));
    let valid = Patch { base: "wp3:2:1:0123abcd".into(), rev: 2, sections }.encode().map_err(|e| format!("{e:?}"))?.into_bytes();
    let mut report = FuzzReport::default();
    for _ in 0..iterations {
        report.iterations += 1;
        let text = String::from_utf8_lossy(&mutate(&mut rng, &valid)).into_owned();
        match Patch::decode(&text) {
            Ok(p) => {
                report.accepted += 1;
                let _ = p.applied_to(&base);
                let again = p.encode().and_then(|t| Patch::decode(&t)).map_err(|e| format!("re-encoded patch does not decode: {e:?} from {text:?}"))?;
                if again != p {
                    return Err(format!("patch round trip differs for {text:?}"));
                }
            }
            Err(e) => count(&mut report, e.kind()),
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mutations_are_deterministic() {
        let a = mutate(&mut SeededRng::new(5), b"{\"a\":[1,2,3]}");
        let b = mutate(&mut SeededRng::new(5), b"{\"a\":[1,2,3]}");
        assert_eq!(a, b);
    }

    #[test]
    fn short_runs() {
        let r = fuzz_import(1, 60);
        assert_eq!(r.iterations, 60);
        assert!(fuzz_chunks(1, 200).is_ok());
    }
}
