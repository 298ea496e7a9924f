//! Patches and recovery, written in a second review of `persistence::patch`: a missing
//! pointer key, a patch that does not apply, a newer build's patch found while repairing,
//! a repair that fails, a store that fails for a while, and a removal cut short.

mod common;

use common::*;
use serde_json::{Value, json};
use waypoint_core::persistence::{MemoryStore, Vault};
use waypoint_core::persistence::patch::{Edit, Patch};
use waypoint_core::Timestamp;
use std::collections::BTreeMap;

const PATCH: &str = "waypoint:learner:ann:patch";
const RECORD: &str = "waypoint:learner:ann";

fn model(k: u64) -> Value {
    json!({"k": k, "pad": "x".repeat(50)})
}

/// Gen 1 written by put_learner, reopened, then saves by patches on gen 1.
fn gen1_patched() -> Vault<MemoryStore> {
    let (mut v, _) = Vault::open(MemoryStore::new(), NOW);
    v.put_learner(&learner("ann", "Ann"), NOW).unwrap();
    let (mut v, _) = Vault::open(MemoryStore::from_map(v.store().map.clone()), NOW);
    v.set_patch_from_chars(0);
    for k in 1..=5 {
        v.save_sections(&id("ann"), &[("model".into(), model(k))], NOW).unwrap();
    }
    assert!(v.store().map[RECORD].starts_with("wp3:1:-:"), "{}", v.store().map[RECORD]);
    assert!(v.store().map.contains_key(PATCH));
    v
}

/// The learner's pointer key is missing (not garbled) and only gen 1 exists: the copy is
/// read as a quiet "lone first generation" and its patch is ignored (no notice), and the
/// next save writes the checkpoint alone whole: five answers gone for good.
#[test]
fn missing_pointer_key_over_lone_first_generation_still_finds_its_patch() {
    let v = gen1_patched();
    let mut map = v.store().map.clone();
    map.remove(RECORD);
    let (mut again, notices) = Vault::open(MemoryStore::from_map(map), NOW);
    assert_eq!(again.section(&id("ann"), "model"), Some(&model(5)), "notices: {notices:?}");
    // export too
    let file = again.export_learner(&id("ann"), "t", NOW).unwrap();
    assert!(file.contains("\"k\":5"));
    again.save_sections(&id("ann"), &[("other".into(), json!(1))], NOW).unwrap();
}

/// A patch that names the current copy but does not apply is quarantined again at every open
/// (and every storage event) until the next save: storage grows by the patch each time.
#[test]
fn an_unappliable_patch_is_quarantined_once() {
    let v = gen1_patched();
    let mut map = v.store().map.clone();
    let pointer = map[RECORD].clone();
    let mut sections = BTreeMap::new();
    sections.insert("model".to_string(), (9u64, vec![Edit::Remove(vec!["nope".into()])]));
    let bad = Patch { base: pointer, rev: 99, sections };
    let mut s = MemoryStore::from_map(map.clone());
    waypoint_core::persistence::slot::write(&mut s, PATCH, &bad.encode().unwrap(), NOW).unwrap();
    map = s.map;
    let mut q = 0;
    for i in 0..3 {
        let (v, _) = Vault::open(MemoryStore::from_map(map.clone()), Timestamp(NOW.0 + i));
        map = v.store().map.clone();
        q = v.quarantined().unwrap().len();
    }
    assert_eq!(q, 1, "quarantined {q} times");
}

/// The newest whole copy is damaged and the patch slot is from a newer build: the vault
/// must refuse to write, but it repairs (quarantines, repoints, deletes) first.
#[test]
fn recovery_does_not_write_before_refusing_a_newer_patch() {
    let (mut v, _) = Vault::open(MemoryStore::new(), NOW);
    v.put_learner(&learner("ann", "Ann"), NOW).unwrap();
    v.save_sections(&id("ann"), &[("model".into(), model(0))], NOW).unwrap();
    let mut map = v.store().map.clone();
    let g = format!("{RECORD}@{}", map[RECORD].split(':').nth(1).unwrap());
    map.get_mut(&g).unwrap().insert(30, '#');
    map.insert(PATCH.into(), "wp4:1:-:00000000".into());
    map.insert(format!("{PATCH}@1"), "00000000.1.{\"future\":true}".into());
    let (again, _) = Vault::open(MemoryStore::from_map(map.clone()), NOW);
    assert!(again.read_only().is_some());
    assert_eq!(again.store().map, map, "a read-only open changed the store");
}

/// remove_learner cut short after the learner slot but before the patch slot; the learner
/// is added back within the same millisecond (tests' fixed clock): gen 1 is byte-identical,
/// so the removed learner's patch comes back.
#[test]
fn a_removed_learners_patch_never_comes_back() {
    let v = gen1_patched();
    let mut map = v.store().map.clone();
    // What remove_learner leaves when cut short after deleting the learner slot (sorted first).
    map.retain(|k, _| !(k == RECORD || k.starts_with(&format!("{RECORD}@"))));
    let (mut w, _) = Vault::open(MemoryStore::from_map(map), NOW);
    // the device still lists ann here; remove via device then re-add
    w.remove_learner(&id("ann"), NOW).ok();
    let mut s = w.into_store();
    // put back the leftover patch as if the removal was cut short
    for (k, val) in v.store().map.iter().filter(|(k, _)| k.starts_with(PATCH)) {
        s.map.insert(k.clone(), val.clone());
    }
    let (mut w, _) = Vault::open(s, NOW);
    w.put_learner(&learner("ann", "Ann"), NOW).unwrap();
    let (again, _) = Vault::open(MemoryStore::from_map(w.store().map.clone()), NOW);
    assert_eq!(again.section(&id("ann"), "model"), None, "the removed learner's data came back");
}


fn recovered_setup() -> std::collections::BTreeMap<String, String> {
    let (mut v, _) = Vault::open(MemoryStore::new(), NOW);
    v.put_learner(&learner("ann", "Ann"), NOW).unwrap();
    let (mut v, _) = Vault::open(MemoryStore::from_map(v.store().map.clone()), NOW);
    v.set_patch_from_chars(0);
    for k in 1..=3 {
        v.save_sections(&id("ann"), &[("model".into(), json!({"k": k}))], NOW).unwrap();
    }
    let big: Vec<String> = (0..200).map(|i| format!("note {i}")).collect();
    v.save_sections(&id("ann"), &[("notes".into(), json!(big))], NOW).unwrap();
    assert!(v.store().map[RECORD].starts_with("wp3:2:1:"));
    let mut map = v.store().map.clone();
    let g = format!("{RECORD}@2");
    map.get_mut(&g).unwrap().insert(30, '#');
    map
}

/// Repair of the learner slot fails (quarantine refused): saves must still land in a readable place.
#[test]
fn recovered_copy_whose_repair_failed_then_saves() {
    let map = recovered_setup();
    let mut s = MemoryStore::from_map(map);
    s.fail_write_at = Some(1);
    let (mut v, _) = Vault::open(s, NOW);
    assert_eq!(v.section(&id("ann"), "model"), Some(&json!({"k": 3})));
    v.set_patch_from_chars(0);
    for k in 100..104 {
        v.save_sections(&id("ann"), &[("model".into(), json!({"k": k}))], NOW).unwrap();
        let (again, _) = Vault::open(MemoryStore::from_map(v.store().map.clone()), NOW);
        assert_eq!(again.section(&id("ann"), "model"), Some(&json!({"k": k})));
        assert_eq!(again.learner_record(&id("ann")), v.learner_record(&id("ann")));
    }
}

/// A transient store failure during a save: Err, and afterwards nothing lost, views agree.
#[test]
fn transient_failure_then_recovery() {
    let v = gen1_patched();
    let (mut v, _) = Vault::open(MemoryStore::from_map(v.store().map.clone()), NOW);
    v.set_patch_from_chars(0);
    v.store_mut().unavailable = true;
    assert!(v.save_sections(&id("ann"), &[("model".into(), model(50))], NOW).is_err());
    assert!(v.put_learner(&learner("ann", "Ann2"), NOW).is_err());
    v.store_mut().unavailable = false;
    assert_eq!(v.section(&id("ann"), "model"), Some(&model(5)));
    v.save_sections(&id("ann"), &[("model".into(), model(51))], NOW).unwrap();
    v.put_learner(&learner("ann", "Ann2"), NOW).unwrap();
    let (again, _) = Vault::open(MemoryStore::from_map(v.store().map.clone()), NOW);
    assert_eq!(again.learner_record(&id("ann")), v.learner_record(&id("ann")));
    assert_eq!(again.section(&id("ann"), "model"), Some(&model(51)));
}

#[test]
fn unappliable_patch_bytes_are_what_is_set_aside() {
    let v = gen1_patched();
    let pointer = v.store().map[RECORD].clone();
    let mut sections = BTreeMap::new();
    sections.insert("model".to_string(), (9u64, vec![Edit::Remove(vec!["nope".into()])]));
    let bad = Patch { base: pointer, rev: 99, sections };
    let mut s = MemoryStore::from_map(v.store().map.clone());
    waypoint_core::persistence::slot::write(&mut s, PATCH, &bad.encode().unwrap(), NOW).unwrap();
    let (v, _) = Vault::open(s, NOW);
    let q = v.quarantined().unwrap();
    assert!(q.iter().any(|(_, _, bytes)| bytes.contains("nope")), "the patch itself was set aside: {q:?}");
}
