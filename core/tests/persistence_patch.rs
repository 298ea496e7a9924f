//! Saving a learner's hot record by patches between whole copies (`persistence::patch`):
//! what is read back, crashes, damage, other tabs, export, and the size limit.

mod common;

use common::*;
use serde_json::{Value, json};
use waypoint_core::persistence::patch::{self, Patch};
use waypoint_core::persistence::{ImportMode, MemoryStore, Notice, SlotKind, Vault, slot};

const PATCH: &str = "waypoint:learner:ann:patch";
const RECORD: &str = "waypoint:learner:ann";

/// A model section shaped like the engine's: many skills, of which an answer changes one.
fn model(answers: u64) -> Value {
    let mut skills = serde_json::Map::new();
    for i in 0..40u64 {
        let n = if i == answers % 40 { answers } else { i };
        skills.insert(format!("skill.s{i:02}"), json!({"t": 0.5 + n as f64 / 100.0, "n": n, "hd": [1, 2, 3]}));
    }
    json!({"skills": skills, "answers": answers})
}

/// A motivation section whose `seen` list slides as events are recorded.
fn motivation(answers: u64) -> Value {
    let seen: Vec<u64> = (answers.saturating_sub(30)..answers).map(|k| 1_000_000_007 * (k + 1)).collect();
    json!({"xp": answers * 10, "seen": seen})
}

fn answer_sections(k: u64) -> Vec<(String, Value)> {
    vec![("model".into(), model(k)), ("motivation".into(), motivation(k)), ("session".into(), json!({"done": k}))]
}

/// A vault with Ann, saving by patches from the first save on.
fn patched_vault() -> Vault<MemoryStore> {
    let (mut v, _) = Vault::open(MemoryStore::new(), NOW);
    v.set_patch_from_chars(0);
    v.put_learner(&learner("ann", "Ann"), NOW).unwrap();
    v.save_sections(&id("ann"), &[("profile".into(), json!({"interests": ["space"]}))], NOW).unwrap();
    v
}

fn reopened(store: &MemoryStore) -> (Vault<MemoryStore>, Vec<Notice>) {
    Vault::open(MemoryStore::from_map(store.map.clone()), NOW)
}

#[test]
fn saves_between_whole_copies_write_only_a_patch_and_read_back_exactly() {
    let mut v = patched_vault();
    let mut whole_writes = 0;
    for k in 1..=12 {
        let pointer = v.store().map[RECORD].clone();
        v.save_sections(&id("ann"), &answer_sections(k), NOW).unwrap();
        if v.store().map[RECORD] != pointer {
            whole_writes += 1;
        }
        let (again, notices) = reopened(v.store());
        assert!(notices.iter().all(|n| !matches!(n, Notice::Recovered(_))), "{k}: {notices:?}");
        assert_eq!(again.learner_record(&id("ann")), v.learner_record(&id("ann")), "after save {k}");
    }
    assert!(v.store().map.contains_key(PATCH), "a patch slot was written");
    assert!(whole_writes < 6, "most saves wrote only the patch ({whole_writes} whole writes)");
    // The patch says the slide of `seen` in its new items, not the whole list.
    let g = v.store().map[PATCH].split(':').nth(1).unwrap().to_string();
    let body = &v.store().map[&format!("{PATCH}@{g}")];
    assert!(body.len() < v.store().map.iter().filter(|(k, _)| k.starts_with("waypoint:learner:ann@")).map(|(_, b)| b.len()).max().unwrap(), "the patch is shorter than the record");
}

#[test]
fn a_patch_that_grows_too_long_is_folded_into_a_whole_copy() {
    let mut v = patched_vault();
    let before = v.store().map[RECORD].clone();
    // Each save changes a different large section: the patch keeps growing.
    for k in 0..8 {
        let big: Vec<String> = (0..60).map(|i| format!("note {k} {i}")).collect();
        v.save_sections(&id("ann"), &[(format!("notes-{k}"), json!(big))], NOW).unwrap();
    }
    assert_ne!(v.store().map[RECORD], before, "the record was written whole again");
    let (again, _) = reopened(v.store());
    assert_eq!(again.learner_record(&id("ann")), v.learner_record(&id("ann")));
}

#[test]
fn small_records_are_written_whole_and_write_no_patch() {
    let (mut v, _) = Vault::open(MemoryStore::new(), NOW);
    v.put_learner(&learner("ann", "Ann"), NOW).unwrap();
    for k in 0..5 {
        v.save_sections(&id("ann"), &[("session".into(), json!({"done": k}))], NOW).unwrap();
    }
    assert!(!v.store().map.contains_key(PATCH));
}

/// Saves answers against a store that dies after `kill` operations; returns the store and
/// the learner's record after each save that returned Ok (the first: before any).
fn session(kill: u32) -> (MemoryStore, Vec<Value>, Option<Value>) {
    let v = patched_vault();
    let mut acked = vec![serde_json::to_value(v.learner_record(&id("ann")).unwrap()).unwrap()];
    let mut store = v.into_store();
    store.kill_after_ops = Some(kill.saturating_add(store.ops_so_far()));
    let (mut v, _) = Vault::open(store, NOW);
    v.set_patch_from_chars(0);
    for k in 1..=10 {
        // Killed while opening: nothing more is saved.
        let Some(mut probe) = v.learner_record(&id("ann")).cloned() else { return (v.into_store(), acked, None) };
        probe.swap_sections(answer_sections(k));
        let attempted = serde_json::to_value(&probe).unwrap();
        match v.save_sections(&id("ann"), &answer_sections(k), NOW) {
            Ok(_) => acked.push(serde_json::to_value(v.learner_record(&id("ann")).unwrap()).unwrap()),
            Err(_) => return (v.into_store(), acked, Some(attempted)),
        }
    }
    (v.into_store(), acked, None)
}

#[test]
fn a_kill_between_any_two_operations_leaves_the_last_saved_state_or_the_one_in_flight() {
    let (full, acked, _) = session(u32::MAX);
    assert_eq!(acked.len(), 11);
    for kill in 0..full.ops_so_far() {
        let (dead, acked, in_flight) = session(kill);
        let (v, notices) = reopened(&dead);
        assert!(v.read_only().is_none(), "kill at {kill}: {notices:?}");
        assert!(!notices.iter().any(|n| matches!(n, Notice::Recovered(_))), "kill at {kill}: {notices:?}");
        let got = serde_json::to_value(v.learner_record(&id("ann")).unwrap()).unwrap();
        let last = acked.last().unwrap();
        assert!(&got == last || Some(&got) == in_flight.as_ref(), "kill at {kill}: neither the last saved state nor the one in flight");
    }
}

#[test]
fn a_damaged_patch_falls_back_to_its_previous_copy_and_is_kept_aside() {
    let mut v = patched_vault();
    for k in 1..=3 {
        v.save_sections(&id("ann"), &answer_sections(k), NOW).unwrap();
    }
    let before_last = v.learner_record(&id("ann")).cloned().unwrap();
    v.save_sections(&id("ann"), &answer_sections(4), NOW).unwrap();
    let mut damaged = v.store().clone();
    let g = damaged.map[PATCH].split(':').nth(1).unwrap().to_string();
    let key = format!("{PATCH}@{g}");
    damaged.map.get_mut(&key).unwrap().insert(30, '#');
    let (again, notices) = reopened(&damaged);
    assert!(notices.iter().any(|n| matches!(n, Notice::Recovered(r) if r.what == SlotKind::Patch(id("ann")) && r.restored && !r.quarantined.is_empty())), "{notices:?}");
    let got = again.learner_record(&id("ann")).unwrap();
    assert_eq!(got, &before_last, "one save back, nothing else lost");
    // Both copies damaged: the whole copy alone, said so, the bytes kept aside.
    for k in damaged.map.clone().keys().filter(|k| k.starts_with(&format!("{PATCH}@"))) {
        damaged.map.get_mut(k).unwrap().insert(30, '#');
    }
    let (mut again, notices) = reopened(&damaged);
    assert!(notices.iter().any(|n| matches!(n, Notice::Recovered(r) if r.what == SlotKind::Patch(id("ann")) && !r.restored)), "{notices:?}");
    assert!(again.learner_record(&id("ann")).is_some());
    assert!(!again.quarantined().unwrap().is_empty());
    // And saving goes on.
    again.save_sections(&id("ann"), &answer_sections(9), NOW).unwrap();
    let (third, _) = reopened(again.store());
    assert_eq!(third.section(&id("ann"), "model"), Some(&model(9)));
}

#[test]
fn any_damage_to_the_patch_never_panics_and_never_touches_the_history() {
    let mut v = patched_vault();
    for k in 1..=4 {
        v.append_attempt(&id("ann"), &attempt(NOW.0 + k as i64 * 60_000, "add.within-10", true), NOW).unwrap();
        v.save_sections(&id("ann"), &answer_sections(k), NOW).unwrap();
    }
    let attempts = attempts_of(v.store(), "ann").len();
    let keys: Vec<String> = v.store().map.keys().filter(|k| k.starts_with(PATCH)).cloned().collect();
    for key in keys {
        let original = v.store().map[&key].clone();
        let cuts = [0, 1, original.len() / 2, original.len().saturating_sub(1)];
        let mut variants: Vec<String> = cuts.iter().map(|&c| original.chars().take(c).collect()).collect();
        variants.push(original.replacen('[', "{", 1));
        variants.push(original.replace("\"sections\"", "\"sectionz\""));
        variants.push("wp3:9:8:00000000".into());
        variants.push("{\"format\":\"waypoint-learner-patch\",\"schema_version\":2}".into());
        for bad in variants {
            let mut s = v.store().clone();
            s.map.insert(key.clone(), bad.clone());
            let (mut again, _) = reopened(&s);
            assert!(again.learner_record(&id("ann")).is_some(), "{key} = {bad:?}");
            assert_eq!(again.history(&id("ann"), NOW).unwrap().0.attempts.len(), attempts, "{key} = {bad:?}");
        }
    }
}

#[test]
fn a_patch_of_a_replaced_whole_copy_is_never_applied() {
    let mut v = patched_vault();
    for k in 1..=3 {
        v.save_sections(&id("ann"), &answer_sections(k), NOW).unwrap();
    }
    // A card change writes the record whole: the stored patch names the old copy.
    let mut ann = learner("ann", "Ann");
    ann.avatar = waypoint_core::learner::Avatar::Fox;
    v.put_learner(&ann, NOW).unwrap();
    assert!(v.store().map.contains_key(PATCH), "the stale patch is left (it is never read)");
    let (again, notices) = reopened(v.store());
    assert!(notices.iter().all(|n| !matches!(n, Notice::Recovered(_))), "{notices:?}");
    assert_eq!(again.learner_record(&id("ann")), v.learner_record(&id("ann")));
    assert_eq!(again.section(&id("ann"), "model"), Some(&model(3)));
    // A patch that names another copy is ignored, even though it is intact.
    let mut w = patched_vault();
    let checkpoint = w.learner_record(&id("ann")).cloned().unwrap();
    let mut sections = std::collections::BTreeMap::new();
    sections.insert("model".to_string(), (9, patch::diff(None, &model(7))));
    let foreign = Patch { base: "wp3:999:-:00000000".into(), rev: 99, sections };
    slot::write(w.store_mut(), PATCH, &foreign.encode().unwrap(), NOW).unwrap();
    let (again, notices) = reopened(w.store());
    assert!(notices.iter().all(|n| !matches!(n, Notice::Recovered(_))), "{notices:?}");
    assert_eq!(again.learner_record(&id("ann")), Some(&checkpoint));
}

#[test]
fn two_tabs_saving_by_patches_in_turn_lose_nothing() {
    // Both tabs open the same whole copy, so the first saves of each go by patches.
    let mut first = patched_vault();
    first.save_sections(&id("ann"), &answer_sections(0), NOW).unwrap();
    let base = first.into_store();
    let (mut a, _) = Vault::open(MemoryStore::from_map(base.map.clone()), NOW);
    let (mut b, _) = Vault::open(MemoryStore::from_map(base.map.clone()), NOW);
    a.set_patch_from_chars(0);
    b.set_patch_from_chars(0);
    let mut shared = base.map.clone();
    // What has been saved so far, by either tab: after every turn, all of it is stored.
    let mut expected: std::collections::BTreeMap<String, Value> = answer_sections(0).into_iter().collect();
    for k in 1..20u64 {
        let tab = if k % 3 == 1 { &mut a } else { &mut b };
        tab.store_mut().map = shared.clone();
        let patch_before = shared.get(PATCH).cloned();
        let sections = if k % 3 == 1 { vec![("model".to_string(), model(k))] } else { vec![("motivation".to_string(), motivation(k)), (format!("tab-b-{k}"), json!(k))] };
        tab.save_sections(&id("ann"), &sections, NOW).unwrap();
        expected.extend(sections);
        shared = tab.store().map.clone();
        if k == 1 {
            assert_ne!(shared.get(PATCH), patch_before.as_ref(), "tab A's first save is a patch");
        }
        let (v, notices) = Vault::open(MemoryStore::from_map(shared.clone()), NOW);
        assert!(notices.iter().all(|n| !matches!(n, Notice::Recovered(_))), "{k}: {notices:?}");
        for (name, value) in &expected {
            assert_eq!(v.section(&id("ann"), name), Some(value), "after turn {k}: {name}");
        }
    }
}

#[test]
fn export_and_import_carry_what_the_patch_holds() {
    let mut v = patched_vault();
    for k in 1..=5 {
        v.save_sections(&id("ann"), &answer_sections(k), NOW).unwrap();
    }
    let file = v.export_learner(&id("ann"), "test", NOW).unwrap();
    let exported: Value = serde_json::from_str(&file).unwrap();
    assert!(file.contains("\"done\":5"), "the export holds the latest session");
    let (mut fresh, _) = Vault::open(MemoryStore::new(), NOW);
    let preview = fresh.preview_import(&file).unwrap();
    fresh.apply_import(&preview, ImportMode::Replace, NOW).unwrap();
    assert_eq!(fresh.section(&id("ann"), "model"), Some(&model(5)), "{exported}");
    assert_eq!(fresh.section(&id("ann"), "motivation"), Some(&motivation(5)));
    // Importing over a learner saved by patches: the imported record is written whole and
    // the old patch is tidied away.
    assert!(v.store().map.contains_key(PATCH));
    let preview = v.preview_import(&file).unwrap();
    v.apply_import(&preview, ImportMode::Replace, NOW).unwrap();
    assert!(!v.store().map.contains_key(PATCH) || v.store().map[PATCH].starts_with("wp2:x"));
    let (again, _) = reopened(v.store());
    assert_eq!(again.section(&id("ann"), "session"), Some(&json!({"done": 5})));
    assert_eq!(again.section(&id("ann"), "model"), Some(&model(5)));
}

fn reopened_map(map: &std::collections::BTreeMap<String, String>) -> (Vault<MemoryStore>, Vec<Notice>) {
    Vault::open(MemoryStore::from_map(map.clone()), NOW)
}

fn cur_gen(map: &std::collections::BTreeMap<String, String>, slot: &str) -> String {
    format!("{slot}@{}", map[slot].split(':').nth(1).unwrap())
}

// The four tests below were written in review of the first version of patches.

/// Damage to the learner's small pointer key alone: both generations and the patch are
/// intact, so nothing is lost (found in review: the patch used to be left out).
#[test]
fn a_damaged_learner_pointer_still_finds_the_patch_of_its_copy() {
    let (mut v, _) = Vault::open(MemoryStore::new(), NOW);
    v.set_patch_from_chars(0);
    v.put_learner(&learner("ann", "Ann"), NOW).unwrap();
    v.save_sections(&id("ann"), &[("model".into(), model(0))], NOW).unwrap(); // whole (merge path)
    for k in 1..=5 {
        let p = v.store().map[RECORD].clone();
        v.save_sections(&id("ann"), &[("model".into(), model(k))], NOW).unwrap();
        assert_eq!(v.store().map[RECORD], p, "saved by patch");
    }
    let mut map = v.store().map.clone();
    map.insert(RECORD.into(), "#garbled".into());
    let (again, _) = reopened_map(&map);
    assert_eq!(again.section(&id("ann"), "model"), Some(&model(5)), "five saved answers rolled back");
}

/// The newest whole copy is damaged: the older one comes back with the patch written on it
/// (the best state left), and a save made then is what is stored.
#[test]
fn a_save_after_recovering_an_older_copy_is_what_is_stored() {
    // Gen 1 written by put_learner; reopen so the in-sync checkpoint is "wp3:1:-:<crc>".
    let (mut v, _) = Vault::open(MemoryStore::new(), NOW);
    v.put_learner(&learner("ann", "Ann"), NOW).unwrap();
    let (mut v, _) = reopened_map(&v.store().map);
    v.set_patch_from_chars(0);
    assert!(v.store().map[RECORD].starts_with("wp3:1:-:"));
    for k in 1..=3 {
        v.save_sections(&id("ann"), &[("model".into(), json!({"k": k}))], NOW).unwrap();
    }
    assert!(v.store().map[RECORD].starts_with("wp3:1:-:"), "still patches on gen 1");
    // A big section: the patch is too long, the record is written whole (gen 2); stale patch stays.
    let big: Vec<String> = (0..200).map(|i| format!("note {i}")).collect();
    v.save_sections(&id("ann"), &[("notes".into(), json!(big))], NOW).unwrap();
    assert!(v.store().map[RECORD].starts_with("wp3:2:1:"));
    assert!(v.store().map.contains_key(PATCH));
    // Gen 2 is damaged.
    let mut map = v.store().map.clone();
    let g2 = cur_gen(&map, RECORD);
    map.get_mut(&g2).unwrap().insert(30, '#');
    let (mut first, _) = reopened_map(&map);
    // The person saves a new model in this session.
    first.save_sections(&id("ann"), &[("model".into(), json!({"k": 100}))], NOW).unwrap();
    assert_eq!(first.section(&id("ann"), "model"), Some(&json!({"k": 100})), "the tab's own view after saving");
    let (second, _) = reopened_map(&first.store().map);
    assert_eq!(second.section(&id("ann"), "model"), Some(&json!({"k": 100})), "the acknowledged save is what is stored");
}

/// Same setup, no save in between: opening twice shows the same record.
#[test]
fn two_opens_after_recovering_an_older_copy_agree() {
    let (mut v, _) = Vault::open(MemoryStore::new(), NOW);
    v.put_learner(&learner("ann", "Ann"), NOW).unwrap();
    let (mut v, _) = reopened_map(&v.store().map);
    v.set_patch_from_chars(0);
    for k in 1..=3 {
        v.save_sections(&id("ann"), &[("model".into(), json!({"k": k}))], NOW).unwrap();
    }
    let big: Vec<String> = (0..200).map(|i| format!("note {i}")).collect();
    v.save_sections(&id("ann"), &[("notes".into(), json!(big))], NOW).unwrap();
    let mut map = v.store().map.clone();
    let g2 = cur_gen(&map, RECORD);
    map.get_mut(&g2).unwrap().insert(30, '#');
    let (first, _) = reopened_map(&map);
    let (second, _) = reopened_map(&first.store().map);
    assert_eq!(first.learner_record(&id("ann")), second.learner_record(&id("ann")), "two opens of the same store");
}

/// A tab of a newer build saved a patch this build cannot read (pointer wp4): opening the
/// store turns read-only, and a tab already open refuses to save rather than write over it.
#[test]
fn an_open_tab_refuses_to_write_over_a_patch_from_a_newer_build() {
    let (mut v, _) = Vault::open(MemoryStore::new(), NOW);
    v.put_learner(&learner("ann", "Ann"), NOW).unwrap();
    v.save_sections(&id("ann"), &[("model".into(), model(0))], NOW).unwrap();
    let mut map = v.store().map.clone();
    map.insert(PATCH.into(), "wp4:1:-:00000000".into());
    map.insert(format!("{PATCH}@1"), "00000000.1.{\"future\":true}".into());
    let (fresh, _) = reopened_map(&map);
    assert!(fresh.read_only().is_some(), "a fresh open refuses");
    v.store_mut().map = map;
    let r = v.save_sections(&id("ann"), &[("model".into(), model(1))], NOW);
    assert!(r.is_err(), "an open tab must refuse too, got {r:?}");
}

#[test]
fn data_written_by_the_previous_build_is_first_written_whole_under_the_new_pointer() {
    // A record saved by the build before patches (pointer "wp2:"): a tab of that build may
    // still be open, and it would take the unchanged wp2 pointer for "nothing new" and write
    // over a patch. So the first save writes the record whole as wp3, which that build refuses.
    let (mut v, _) = Vault::open(MemoryStore::new(), NOW);
    v.put_learner(&learner("ann", "Ann"), NOW).unwrap();
    v.save_sections(&id("ann"), &answer_sections(0), NOW).unwrap();
    let mut map = v.store().map.clone();
    for value in map.values_mut() {
        if value.starts_with("wp3:") {
            *value = value.replacen("wp3:", "wp2:", 1);
        }
    }
    let (mut v, _) = reopened_map(&map);
    v.set_patch_from_chars(0);
    v.save_sections(&id("ann"), &answer_sections(1), NOW).unwrap();
    assert!(v.store().map[RECORD].starts_with("wp3:"), "{}", v.store().map[RECORD]);
    assert!(!v.store().map.contains_key(PATCH), "no patch on a wp2 copy");
    v.save_sections(&id("ann"), &answer_sections(2), NOW).unwrap();
    assert!(v.store().map.contains_key(PATCH), "patches from then on");
    let (again, _) = reopened(v.store());
    assert_eq!(again.learner_record(&id("ann")), v.learner_record(&id("ann")));
}

/// The stored patch's length in characters (0: none), without its generation's header
/// (CRC and time), as the vault measures it.
fn patch_chars(store: &MemoryStore) -> usize {
    let Some(pointer) = store.map.get(PATCH) else { return 0 };
    let g = pointer.split(':').nth(1).unwrap();
    store.map[&format!("{PATCH}@{g}")].splitn(3, '.').nth(2).unwrap().len()
}

/// Ann's patch made long: answers saved until it holds at least 1,024 characters, the
/// least `Vault::tidy` folds (her record's sixteenth is less), checking on the way
/// that it did nothing while the patch was short.
fn with_long_patch() -> (Vault<MemoryStore>, u64) {
    let mut v = patched_vault();
    // A record long enough (16,000 characters or so) that its patch may grow past 1,024.
    let notes: Vec<String> = (0..800).map(|i| format!("note {i:05}")).collect();
    v.save_sections(&id("ann"), &[("notes".into(), json!(notes))], NOW).unwrap();
    let mut k = 1;
    while patch_chars(v.store()) < 1024 {
        v.save_sections(&id("ann"), &answer_sections(k), NOW).unwrap();
        if patch_chars(v.store()) < 1024 {
            let before = v.store().map.clone();
            assert!(!v.tidy(&id("ann"), NOW).unwrap().wrote(), "{k}");
            assert_eq!(v.store().map, before, "a short patch is left as it is ({k})");
        }
        k += 1;
        assert!(k < 200, "the patch never grew");
    }
    (v, k)
}

#[test]
fn a_checkpoint_folds_a_long_patch_into_a_whole_copy_and_changes_nothing_read() {
    let (mut v, k) = with_long_patch();
    let record = v.learner_record(&id("ann")).cloned();
    let stamps = (v.section_stamp(&id("ann"), "model"), v.section_stamp(&id("ann"), "motivation"));
    let pointer = v.store().map[RECORD].clone();
    let long = patch_chars(v.store());
    assert!(v.tidy(&id("ann"), NOW).unwrap().wrote(), "a patch of {long} characters is folded");
    assert_ne!(v.store().map[RECORD], pointer, "the record was written whole");
    assert_eq!(v.learner_record(&id("ann")).cloned(), record, "what the vault holds is unchanged");
    // Saving by parts still works after it: the stamps are the same.
    assert_eq!((v.section_stamp(&id("ann"), "model"), v.section_stamp(&id("ann"), "motivation")), stamps);
    let (again, notices) = reopened(v.store());
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(again.learner_record(&id("ann")).cloned(), record, "and read back the same");
    // Nothing more to fold: a second call writes nothing.
    let before = v.store().map.clone();
    assert!(!v.tidy(&id("ann"), NOW).unwrap().wrote());
    assert_eq!(v.store().map, before);
    // The next save writes a short patch on the new copy, not the record.
    let pointer = v.store().map[RECORD].clone();
    v.save_sections(&id("ann"), &answer_sections(k), NOW).unwrap();
    assert_eq!(v.store().map[RECORD], pointer);
    assert!(patch_chars(v.store()) < long, "{} against {long}", patch_chars(v.store()));
    let (again, _) = reopened(v.store());
    assert_eq!(again.learner_record(&id("ann")), v.learner_record(&id("ann")));
}

#[test]
fn a_checkpoint_after_another_tab_saved_writes_nothing() {
    let (mut a, k) = with_long_patch();
    let (mut b, _) = reopened(a.store());
    b.save_sections(&id("ann"), &[("tab-b".into(), json!(k))], NOW).unwrap();
    a.store_mut().map = b.store().map.clone();
    let before = a.store().map.clone();
    assert!(!a.tidy(&id("ann"), NOW).unwrap().wrote(), "not in step with what is stored");
    assert_eq!(a.store().map, before);
    // Its next save merges as usual: both tabs' data stored.
    a.save_sections(&id("ann"), &answer_sections(k), NOW).unwrap();
    let (v, _) = reopened(a.store());
    assert_eq!(v.section(&id("ann"), "tab-b"), Some(&json!(k)));
    assert_eq!(v.section(&id("ann"), "model"), Some(&model(k)));
}

#[test]
fn a_checkpoint_killed_between_any_two_operations_loses_nothing() {
    let (v, _) = with_long_patch();
    let record = serde_json::to_value(v.learner_record(&id("ann")).unwrap()).unwrap();
    let store = v.into_store();
    let (mut probe, _) = reopened(&store);
    probe.set_patch_from_chars(0);
    let start = probe.store().ops_so_far();
    probe.tidy(&id("ann"), NOW).unwrap();
    let ops = probe.store().ops_so_far() - start;
    assert!(ops > 0);
    let mut failed_writes = 0;
    for kill in 0..ops {
        let (mut v, _) = reopened(&store);
        v.set_patch_from_chars(0);
        let at = v.store().ops_so_far();
        v.store_mut().kill_after_ops = Some(at + kill);
        // Killed before it could read what is stored: it does nothing; later: it fails.
        failed_writes += usize::from(v.tidy(&id("ann"), NOW).is_err());
        let mut dead = v.into_store();
        dead.kill_after_ops = None;
        let (again, notices) = reopened(&dead);
        assert!(again.read_only().is_none(), "kill at {kill}: {notices:?}");
        assert_eq!(serde_json::to_value(again.learner_record(&id("ann")).unwrap()).unwrap(), record, "kill at {kill}");
    }
    assert!(failed_writes > 0, "some kills landed inside the write");
}

#[test]
fn a_read_only_vault_never_checkpoints() {
    let (v, _) = with_long_patch();
    let mut store = v.into_store();
    store.map.insert("waypoint:device".into(), "wp99:1:-:00000000".into());
    let (mut v, _) = Vault::open(store, NOW);
    let before = v.store().map.clone();
    assert!(v.read_only().is_some());
    assert!(v.tidy(&id("ann"), NOW).is_err());
    assert_eq!(v.store().map, before);
}

#[test]
fn a_tidy_that_finds_storage_full_loses_nothing_and_the_next_save_still_writes_a_patch() {
    let (mut v, k) = with_long_patch();
    let record = v.learner_record(&id("ann")).cloned();
    // Room for a patch, not for another whole copy of the record.
    v.store_mut().quota_chars = Some(v.store().used_chars() + 6_000);
    let before = v.store().map.clone();
    let failed_at = patch_chars(v.store());
    assert!(v.tidy(&id("ann"), NOW).is_err(), "no room for the whole copy");
    assert_eq!(v.learner_record(&id("ann")).cloned(), record);
    // It does not try again at once (it would fail again): nothing written, no error.
    assert_eq!(v.tidy(&id("ann"), NOW), Ok(Default::default()));
    assert_eq!(v.store().map, before);
    let pointer = v.store().map[RECORD].clone();
    assert_eq!(pointer, before[RECORD]);
    let (again, notices) = reopened(v.store());
    assert!(notices.iter().all(|n| !matches!(n, Notice::Recovered(_))), "{notices:?}");
    assert_eq!(again.learner_record(&id("ann")).cloned(), record);
    v.save_sections(&id("ann"), &answer_sections(k), NOW).unwrap();
    assert_eq!(v.store().map[RECORD], pointer, "the answer's save wrote a patch, not the record");
    let (again, _) = reopened(v.store());
    assert_eq!(again.learner_record(&id("ann")), v.learner_record(&id("ann")));
    // Room again: it folds once the patch has grown by as much again, not before.
    v.store_mut().quota_chars = None;
    let mut j = k + 1;
    loop {
        assert!(j < k + 200, "it never folded again");
        v.save_sections(&id("ann"), &[(format!("extra-{j}"), json!("x".repeat(40)))], NOW).unwrap();
        let grown = patch_chars(v.store());
        if v.tidy(&id("ann"), NOW).unwrap().folded_patch_chars > 0 {
            assert!(grown >= failed_at + 1024, "folded at {grown}, failed at {failed_at}");
            break;
        }
        j += 1;
    }
    assert_ne!(v.store().map[RECORD], pointer);
}

/// Generations stored for a slot.
fn generations_of(store: &MemoryStore, slot: &str) -> Vec<u64> {
    let mut gens = slot::generations(store, slot).unwrap();
    gens.sort_unstable();
    gens
}

const TAIL: &str = "waypoint:learner:ann:tail";

/// An answer's save: its attempt, then the sections it changed.
fn save_answer(v: &mut Vault<MemoryStore>, k: u64) {
    v.append_attempt(&id("ann"), &attempt(NOW.0 + k as i64 * 60_000, "add.within-10", true), NOW).unwrap();
    v.save_sections(&id("ann"), &answer_sections(k), NOW).unwrap();
}

#[test]
fn an_answers_save_leaves_the_generations_it_supersedes_for_tidy_to_remove() {
    let mut v = patched_vault();
    for k in 1..=3 {
        save_answer(&mut v, k);
    }
    let before = v.store().map.clone();
    let removes_before = v.store().removes_so_far();
    save_answer(&mut v, 4);
    // The answer's save removed nothing: the superseded tail and patch generations wait.
    assert_eq!(v.store().removes_so_far(), removes_before);
    assert!(generations_of(v.store(), TAIL).len() > 2 && generations_of(v.store(), PATCH).len() > 2);
    let (read_before, _) = reopened(v.store());
    let history_before = attempts_of(v.store(), "ann");
    let tidied = v.tidy(&id("ann"), NOW).unwrap();
    assert!(tidied.removed_generations >= 2 && tidied.wrote(), "{tidied:?}");
    assert_eq!(generations_of(v.store(), TAIL).len(), 2);
    assert_eq!(generations_of(v.store(), PATCH).len(), 2);
    // Nothing read changed, and the keys the first three answers wrote but did not remove
    // are gone as well.
    let (read_after, _) = reopened(v.store());
    assert_eq!(read_after.learner_record(&id("ann")), read_before.learner_record(&id("ann")));
    assert_eq!(attempts_of(v.store(), "ann"), history_before);
    assert!(before.keys().filter(|k| k.starts_with(TAIL) || k.starts_with(PATCH)).count() > v.store().map.keys().filter(|k| k.starts_with(TAIL) || k.starts_with(PATCH)).count());
}

#[test]
fn without_idle_moments_only_a_few_superseded_generations_wait() {
    let mut v = patched_vault();
    for k in 1..=30 {
        save_answer(&mut v, k);
        // Current and previous of each slot, and at most four waiting between them.
        assert!(generations_of(v.store(), TAIL).len() + generations_of(v.store(), PATCH).len() <= 4 + 4, "after {k}");
    }
}

#[test]
fn the_next_pages_first_tidy_removes_what_a_closed_page_left_and_nothing_it_reads() {
    let mut v = patched_vault();
    for k in 1..=3 {
        save_answer(&mut v, k);
    }
    // The page closes before its tidy.
    let store = v.into_store();
    let stale_tail = generations_of(&store, TAIL);
    assert!(stale_tail.len() > 2, "{stale_tail:?}");
    let (mut next, _) = reopened(&store);
    let record = next.learner_record(&id("ann")).cloned();
    let history = attempts_of(&store, "ann");
    let tidied = next.tidy(&id("ann"), NOW).unwrap();
    assert!(tidied.removed_generations >= stale_tail.len() - 2, "{tidied:?}");
    // What the pointers name stays.
    assert_eq!(generations_of(next.store(), TAIL), stale_tail[stale_tail.len() - 2..].to_vec());
    assert_eq!(generations_of(next.store(), PATCH).len(), 2);
    let (again, notices) = reopened(next.store());
    assert!(notices.iter().all(|n| !matches!(n, Notice::Recovered(_))), "{notices:?}");
    assert_eq!(again.learner_record(&id("ann")).cloned(), record);
    assert_eq!(attempts_of(next.store(), "ann"), history);
    // Swept once: a second tidy has nothing left to remove.
    assert_eq!(next.tidy(&id("ann"), NOW).unwrap().removed_generations, 0);
}

#[test]
fn a_full_store_makes_room_from_superseded_generations_before_refusing_an_answer() {
    let mut v = patched_vault();
    for k in 1..=4 {
        save_answer(&mut v, k);
    }
    let before = attempts_of(v.store(), "ann");
    let waiting = generations_of(v.store(), TAIL).len() + generations_of(v.store(), PATCH).len() - 4;
    assert!(waiting > 0);
    // No room for another generation, but for what the waiting ones hold.
    let full = v.store().used_chars() + 10;
    v.store_mut().quota_chars = Some(full);
    v.append_attempt(&id("ann"), &attempt(NOW.0 + 99 * 60_000, "add.within-10", true), NOW).unwrap();
    assert_eq!(attempts_of(v.store(), "ann").len(), before.len() + 1);
    assert!(before.iter().all(|a| attempts_of(v.store(), "ann").contains(a)));
    assert!(v.store().used_chars() <= full);
}

#[test]
fn a_learner_removed_and_added_again_keeps_what_the_new_one_saves() {
    let mut v = patched_vault();
    for k in 1..=4 {
        save_answer(&mut v, k);
    }
    v.remove_learner(&id("ann"), NOW).unwrap();
    v.put_learner(&learner("ann", "Ann"), NOW).unwrap();
    v.save_sections(&id("ann"), &[("profile".into(), json!({"interests": ["music"]}))], NOW).unwrap();
    for k in 1..=3 {
        save_answer(&mut v, k);
    }
    v.tidy(&id("ann"), NOW).unwrap();
    // The new learner's newest attempts and sections are all there after the tidy.
    assert_eq!(attempts_of(v.store(), "ann").len(), 3);
    let (again, notices) = reopened(v.store());
    assert!(notices.iter().all(|n| !matches!(n, Notice::Recovered(_))), "{notices:?}");
    assert_eq!(again.learner_record(&id("ann")), v.learner_record(&id("ann")));
    assert_eq!(generations_of(v.store(), TAIL).len(), 2);
}
