//! The vault end to end on a MemoryStore: saving, history, fixtures of every schema
//! version, crash (kill) simulation, quota faults, corruption, compaction, tabs.

mod common;

use common::*;
use std::collections::BTreeMap;
use waypoint_core::Timestamp;
use waypoint_core::persistence::device::{DeviceData, LoadStatus, load_device, save_device};
use waypoint_core::persistence::schema::{CURRENT_SCHEMA, MIN_SCHEMA};
use waypoint_core::persistence::{ImportMode, MemoryStore, Notice, PersistError, QuotaLevel, SlotKind, StoreError, Vault, codec};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn store_fixture(v: u32) -> MemoryStore {
    let map: BTreeMap<String, String> = serde_json::from_str(&fixture(&format!("store-v{v}.json"))).unwrap();
    MemoryStore::from_map(map)
}

#[test]
fn every_schema_version_has_a_fixture_that_loads_forever() {
    // Guard: bumping CURRENT_SCHEMA without adding tests/fixtures/store-vN.json fails here.
    for v in MIN_SCHEMA..=CURRENT_SCHEMA {
        let store = store_fixture(v);
        let (mut vault, notices) = Vault::open(store, NOW);
        assert!(vault.read_only().is_none(), "v{v}: {notices:?}");
        let names: Vec<_> = vault.device().learners.iter().map(|l| l.name.as_str().to_string()).collect();
        assert_eq!(names, vec!["Ann", "Bo"], "v{v}");
        if v < CURRENT_SCHEMA {
            assert!(notices.contains(&Notice::Migrated { from: v, to: CURRENT_SCHEMA }), "v{v}: {notices:?}");
        }
        // After opening, the store is in the current layout and opens cleanly again.
        let (again, notices) = Vault::open(MemoryStore::from_map(vault.store().map.clone()), NOW);
        assert_eq!(again.device(), vault.device());
        assert!(!notices.iter().any(|n| matches!(n, Notice::Recovered(_) | Notice::Migrated { .. })), "{notices:?}");
        // And it can be written.
        vault.append_attempt(&id("ann"), &attempt(NOW.0, "add.within-10", true), NOW).unwrap();
    }
    let v2 = Vault::open(store_fixture(2), NOW).0;
    assert_eq!(v2.section(&id("ann"), "model"), Some(&serde_json::json!({"theta": 0.5})));
}

#[test]
fn v1_record_is_backed_up_before_upgrade() {
    let store = store_fixture(1);
    let v1 = store.map["waypoint:device"].clone();
    let (vault, _) = Vault::open(store, NOW);
    assert_eq!(vault.store().map.get("waypoint:backup:v1"), Some(&v1));
    assert_eq!(load_device(vault.store()).status, LoadStatus::Loaded);
}

#[test]
fn save_device_and_load_device_still_work() {
    let mut s = MemoryStore::new();
    let data = DeviceData { learners: vec![learner("a", "Ann")], ..Default::default() };
    save_device(&mut s, &data).unwrap();
    assert_eq!(load_device(&s).data, data);
    save_device(&mut s, &DeviceData::default()).unwrap();
    assert!(load_device(&s).data.learners.is_empty(), "a whole-list save removes cards");
}

#[test]
fn history_round_trips_through_tail_and_chunks() {
    let v = populated(150);
    let store = v.into_store();
    for who in ["ann", "bo"] {
        let got = attempts_of(&store, who);
        assert_eq!(got.len(), 150);
        assert!(got.windows(2).all(|w| w[0].at <= w[1].at));
    }
    assert!(store.map.keys().any(|k| k.contains(":h:")), "tail was flushed into chunks");
    // Only two generations per slot, and a few that answers' saves superseded, waiting
    // for `tidy`.
    assert!(generation_counts(&store).values().all(|n| *n <= 2 + 4), "{:?}", generation_counts(&store));
    let mut v = populated(150);
    v.tidy(&id("ann"), NOW).unwrap();
    v.tidy(&id("bo"), NOW).unwrap();
    assert!(generation_counts(v.store()).values().all(|n| *n <= 2), "{:?}", generation_counts(v.store()));
}

/// How many generations each slot holds.
fn generation_counts(store: &MemoryStore) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for k in store.map.keys() {
        if let Some((slot, _)) = k.rsplit_once('@') {
            *counts.entry(slot.to_string()).or_default() += 1;
        }
    }
    counts
}

/// Asserts that `after` is `before` less some keys that no slot's pointer names (what
/// `tidy` removes after answers' saves): nothing written, nothing that is read removed.
fn only_superseded_removed(before: &BTreeMap<String, String>, after: &BTreeMap<String, String>) {
    for (k, v) in after {
        assert_eq!(before.get(k), Some(v), "{k} was written");
    }
    for k in before.keys().filter(|k| !after.contains_key(*k)) {
        let (slot, g) = k.rsplit_once('@').expect("only generations are removed");
        let pointer = &after[slot];
        let named: Vec<&str> = pointer.split(':').skip(1).take(2).collect();
        assert!(!named.contains(&g), "{k} is named by {pointer}");
    }
}

#[test]
fn sections_round_trip_untouched_with_unknown_fields() {
    let mut v = populated(0);
    let section = serde_json::json!({"nested": {"list": [1, 2.75, null, "x"], "deep": {"a": true}}});
    v.save_sections(&id("ann"), &[("motivation".into(), section.clone())], NOW).unwrap();
    let (back, _) = Vault::open(v.into_store(), NOW);
    assert_eq!(back.section(&id("ann"), "motivation"), Some(&section));
    assert_eq!(back.section(&id("ann"), "profile"), Some(&serde_json::json!("curious")));
}

#[test]
fn newer_store_opens_read_only_and_is_never_written() {
    let mut store = store_fixture(2);
    let dev = store.map.get("waypoint:device").unwrap().replacen("wp2", "wp4", 1);
    store.map.insert("waypoint:device".into(), dev);
    let before = store.map.clone();
    let (mut v, notices) = Vault::open(store, NOW);
    assert!(matches!(v.read_only(), Some(PersistError::TooNew { found: 4, .. })));
    assert!(notices.iter().any(|n| matches!(n, Notice::ReadOnly(_))));
    assert_eq!(v.append_attempt(&id("ann"), &attempt(NOW.0, "a", true), NOW).unwrap_err(), PersistError::ReadOnly);
    assert_eq!(v.put_learner(&learner("zed", "Zed"), NOW).unwrap_err(), PersistError::ReadOnly);
    assert_eq!(v.store().map, before);
}

/// Runs a scripted session against a store that dies after `kill` operations; returns
/// the attempts whose append returned Ok, and the one in flight when it died.
fn session(kill: u32) -> (MemoryStore, Vec<waypoint_core::attempt::Attempt>, Option<waypoint_core::attempt::Attempt>) {
    let start = Timestamp(NOW.0 - 40 * DAY);
    let mut store = MemoryStore::new();
    store.kill_after_ops = Some(kill);
    let (mut v, _) = Vault::open(store, start);
    let mut acked = Vec::new();
    if v.put_learner(&learner("ann", "Ann"), start).is_err() {
        return (v.into_store(), acked, None);
    }
    for k in 0..45i64 {
        let t = start.0 + k * DAY;
        let a = attempt(t, if k % 2 == 0 { "add.within-10" } else { "frac.unit" }, true);
        if k == 20 && v.save_sections(&id("ann"), &[("model".into(), serde_json::json!(k))], Timestamp(t)).is_err() {
            return (v.into_store(), acked, None);
        }
        match v.append_attempt(&id("ann"), &a, Timestamp(t)) {
            Ok(o) => acked.push(o.stored),
            Err(_) => return (v.into_store(), acked, Some(codec::normalize(&a))),
        }
    }
    (v.into_store(), acked, None)
}

#[test]
fn a_kill_between_any_two_operations_loses_at_most_the_attempt_in_flight() {
    let (full, all, _) = session(u32::MAX);
    assert_eq!(all.len(), 45);
    let total_ops = full.ops_so_far();
    for kill in 0..total_ops {
        let (dead, acked, in_flight) = session(kill);
        let survivor = MemoryStore::from_map(dead.map.clone());
        let (mut v, notices) = Vault::open(survivor, NOW);
        assert!(v.read_only().is_none(), "kill at {kill}: {notices:?}");
        assert!(!notices.iter().any(|n| matches!(n, Notice::Recovered(_))), "kill at {kill}: {notices:?}");
        if acked.is_empty() && v.device().learners.is_empty() {
            continue;
        }
        let (h, notices) = v.history(&id("ann"), NOW).unwrap();
        assert!(notices.is_empty(), "kill at {kill}: {notices:?}");
        for a in &acked {
            assert!(h.attempts.contains(a), "kill at {kill}: lost {a:?}");
        }
        for a in &h.attempts {
            assert!(acked.contains(a) || in_flight.as_ref() == Some(a), "kill at {kill}: phantom {a:?}");
        }
        // And the session can go on.
        v.append_attempt(&id("ann"), &attempt(NOW.0, "geom.shapes", true), NOW).unwrap();
    }
}

#[test]
fn quota_failure_on_any_write_loses_nothing_already_stored() {
    let base = populated(40).into_store();
    let before: Vec<_> = attempts_of(&base, "ann");
    for nth in 1..12 {
        let mut store = MemoryStore::from_map(base.map.clone());
        store.fail_write_at = Some(nth);
        let (mut v, _) = Vault::open(store, NOW);
        for k in 0..40 {
            if let Err(e) = v.append_attempt(&id("ann"), &attempt(NOW.0 + k * 60_000, "add.within-10", true), NOW) {
                assert_eq!(e, PersistError::Store(StoreError::QuotaExceeded));
                break;
            }
        }
        // The failure came (or the vault made room by removing what earlier saves
        // superseded, and tried once more).
        assert!(v.store().writes_so_far() >= nth, "write {nth} never happened");
        let after = attempts_of(v.store(), "ann");
        for a in &before {
            assert!(after.contains(a), "write {nth}: lost {a:?}");
        }
    }
    // A store that is full refuses, and the quota says so.
    let mut store = MemoryStore::from_map(base.map.clone());
    store.quota_chars = Some(store.used_chars() + 10);
    let (mut v, _) = Vault::open(store, NOW);
    let snapshot = v.store().map.clone();
    assert!(v.put_learner(&learner("cy", "Cy"), NOW).is_err());
    assert_eq!(v.store().map, snapshot);
    assert_eq!(waypoint_core::persistence::QuotaState::of(3_600_000).level, QuotaLevel::Warn);
}

#[test]
fn opening_a_store_past_70_percent_warns_once_with_the_level() {
    let mut map = populated(3).into_store().map;
    let (_, notices) = Vault::open(MemoryStore::from_map(map.clone()), NOW);
    assert!(!notices.iter().any(|n| matches!(n, Notice::Quota(_))), "room to spare: no warning");
    // Another app on the origin fills most of it.
    map.insert("other-app:cache".into(), "x".repeat(3_600_000));
    let (_, notices) = Vault::open(MemoryStore::from_map(map.clone()), NOW);
    let warnings: Vec<_> = notices.iter().filter_map(|n| if let Notice::Quota(q) = n { Some(*q) } else { None }).collect();
    assert_eq!(warnings.len(), 1, "{notices:?}");
    assert_eq!(warnings[0].level, QuotaLevel::Warn);
    assert!(warnings[0].percent() >= 72);
    map.insert("other-app:cache".into(), "x".repeat(4_800_000));
    let (_, notices) = Vault::open(MemoryStore::from_map(map), NOW);
    assert!(notices.iter().any(|n| matches!(n, Notice::Quota(q) if q.level == QuotaLevel::Full)), "{notices:?}");
}

#[test]
fn unavailable_storage_is_a_value() {
    let mut store = MemoryStore::new();
    store.unavailable = true;
    let (mut v, notices) = Vault::open(store, NOW);
    assert!(notices.iter().any(|n| matches!(n, Notice::ReadOnly(PersistError::Store(StoreError::Unavailable)))));
    assert!(v.put_learner(&learner("a", "A"), NOW).is_err());
}

#[test]
fn damaged_keys_fall_back_and_are_quarantined() {
    let store = populated(100).into_store();
    let all = attempts_of(&store, "ann");
    // Damage the current generation of every slot of Ann and of the device.
    let mut damaged = store.map.clone();
    let currents: Vec<String> = store.map.iter().filter(|(k, v)| !k.contains('@') && v.starts_with("wp3:") && !k.contains(":bo")).map(|(k, v)| format!("{k}@{}", v.split(':').nth(1).unwrap())).collect();
    for k in &currents {
        if let Some(v) = damaged.get_mut(k) {
            v.insert(12, '#');
        }
    }
    let (mut v, notices) = Vault::open(MemoryStore::from_map(damaged), NOW);
    assert!(notices.iter().any(|n| matches!(n, Notice::Recovered(r) if r.what == SlotKind::Device && r.restored)), "{notices:?}");
    let (h, hn) = v.history(&id("ann"), NOW).unwrap();
    assert!(!hn.is_empty());
    // Everything but the last saves of each slot is still there.
    // Slots with a previous generation come back from it; a chunk written only once has
    // none, so its month is reported lost (and its bytes kept in quarantine).
    assert!(!h.attempts.is_empty() && h.attempts.iter().all(|a| all.contains(a)), "{hn:?}");
    assert!(hn.iter().any(|n| matches!(n, Notice::Recovered(r) if r.restored)));
    let q = v.quarantined().unwrap();
    assert!(q.len() >= currents.len() - 1, "{q:?}");
    // Reopening is clean: the damaged generations were replaced by pointers to good ones.
    let (_, again) = Vault::open(MemoryStore::from_map(v.store().map.clone()), NOW);
    assert!(!again.iter().any(|n| matches!(n, Notice::Recovered(_))), "{again:?}");
    assert_eq!(attempts_of(v.store(), "bo").len(), 100, "Bo untouched");
}

#[test]
fn device_record_lost_entirely_is_rebuilt_from_learner_records() {
    let mut store = populated(5).into_store();
    store.map.retain(|k, _| !k.starts_with("waypoint:device@"));
    store.map.insert("waypoint:device".into(), "%%%".into());
    // The read-only path used by the start screen rebuilds the list too, writing nothing.
    let before = store.map.clone();
    let peek = load_device(&store);
    assert_eq!(peek.status, LoadStatus::Loaded);
    assert_eq!(peek.data.learners.len(), 2);
    assert_eq!(store.map, before);
    let (v, notices) = Vault::open(store, NOW);
    assert!(notices.iter().any(|n| matches!(n, Notice::Recovered(r) if r.what == SlotKind::Device && !r.restored)));
    assert_eq!(v.device().learners.len(), 2);
    assert!(!v.quarantined().unwrap().is_empty());
}

#[test]
fn compaction_keeps_charts_and_frees_space() {
    let mut v = populated(300);
    let before = v.store().used_chars();
    let months = v.compaction_candidates(&id("ann"), NOW, 1).unwrap();
    assert!(!months.is_empty());
    let out = v.compact_history(&id("ann"), NOW, 1, 0).unwrap();
    assert_eq!(out.months, months);
    assert!(out.chars_freed > 0 && v.store().used_chars() < before);
    let (h, _) = v.history(&id("ann"), NOW).unwrap();
    // Every answer is still counted: raw, or in the daily totals.
    assert!(h.summarised() > 0);
    assert_eq!(h.summarised() + h.attempts.len(), 300);
    assert_eq!(v.compact_history(&id("ann"), NOW, 1, 0).unwrap().months.len(), 0, "idempotent");
}

#[test]
fn two_tabs_never_lose_each_others_work() {
    let base = populated(3).into_store();
    // Tab A and tab B open the same store; they take turns (as Web Locks serialise them).
    let (mut a, _) = Vault::open(MemoryStore::from_map(base.map.clone()), NOW);
    let (mut b, _) = Vault::open(MemoryStore::from_map(base.map.clone()), NOW);
    let mut shared = base.map.clone();
    for k in 0..70i64 {
        let tab = if k % 3 == 0 { &mut a } else { &mut b };
        tab.store_mut().map = shared.clone();
        let skill = if k % 2 == 0 { "add.within-10" } else { "frac.unit" };
        tab.append_attempt(&id("ann"), &attempt(NOW.0 + k * 5_000, skill, true), NOW).unwrap_or_else(|e| panic!("{k}: {e:?}"));
        if k == 10 {
            tab.save_sections(&id("ann"), &[("model".into(), serde_json::json!("from-a"))], NOW).unwrap();
        }
        if k == 11 {
            tab.save_sections(&id("ann"), &[("badges".into(), serde_json::json!(["first"]))], NOW).unwrap();
        }
        shared = tab.store().map.clone();
    }
    let store = MemoryStore::from_map(shared);
    assert_eq!(attempts_of(&store, "ann").len(), 73);
    let (v, _) = Vault::open(store, NOW);
    assert_eq!(v.section(&id("ann"), "model"), Some(&serde_json::json!("from-a")));
    assert_eq!(v.section(&id("ann"), "badges"), Some(&serde_json::json!(["first"])));
}

#[test]
fn export_reminder_after_fourteen_days() {
    let mut v = populated(1);
    assert!(v.export_reminder_due(NOW));
    v.mark_exported(NOW).unwrap();
    assert!(!v.export_reminder_due(Timestamp(NOW.0 + 13 * DAY)));
    assert!(v.export_reminder_due(Timestamp(NOW.0 + 14 * DAY)));
    v.dismiss_export_reminder(Timestamp(NOW.0 + 14 * DAY)).unwrap();
    assert!(!v.export_reminder_due(Timestamp(NOW.0 + 20 * DAY)));
    let (_, notices) = Vault::open(v.into_store(), Timestamp(NOW.0 + 40 * DAY));
    assert!(notices.contains(&Notice::ExportDue));
}

/// Writes the fixtures of the current schema (run once per version, then never edit):
/// `WAYPOINT_WRITE_FIXTURES=1 cargo test -p waypoint-core --test persistence_vault write_fixtures -- --ignored`
#[test]
#[ignore]
fn write_fixtures() {
    if std::env::var("WAYPOINT_WRITE_FIXTURES").is_err() {
        return;
    }
    let t0 = Timestamp(1_780_000_000_000);
    let (mut v, _) = Vault::open(MemoryStore::new(), t0);
    let mut bo = learner("bo", "Bo");
    bo.avatar = waypoint_core::learner::Avatar::Fox;
    v.put_learner(&learner("ann", "Ann"), t0).unwrap();
    v.put_learner(&bo, t0).unwrap();
    v.save_sections(&id("ann"), &[("model".into(), serde_json::json!({"theta": 0.5}))], t0).unwrap();
    for k in 0..40i64 {
        let t = t0.0 + k * DAY / 2;
        v.append_attempt(&id("ann"), &attempt(t, if k % 2 == 0 { "add.within-10" } else { "frac.unit" }, k % 3 != 0), Timestamp(t)).unwrap();
    }
    // Since version 3: a patch naming an item of a list (today's tally in a list of days).
    v.set_patch_from_chars(0);
    v.save_sections(&id("ann"), &[("motivation".into(), serde_json::json!({"days": [{"day": 1, "xp": 5}, {"day": 2, "xp": 7}], "xp": 12}))], t0).unwrap();
    v.save_sections(&id("ann"), &[("motivation".into(), serde_json::json!({"days": [{"day": 1, "xp": 5}, {"day": 2, "xp": 9}], "xp": 14}))], t0).unwrap();
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let map = serde_json::to_string_pretty(&v.store().map).unwrap();
    std::fs::write(format!("{dir}/store-v{CURRENT_SCHEMA}.json"), map + "\n").unwrap();
    let export = v.export_device("0.1.0", t0).unwrap();
    std::fs::write(format!("{dir}/export-v{CURRENT_SCHEMA}.json"), export + "\n").unwrap();
}

#[test]
fn the_version_3_fixture_reads_a_patch_that_names_an_item_of_a_list() {
    let store = store_fixture(3);
    assert!(store.map.iter().any(|(k, text)| k.starts_with("waypoint:learner:ann:patch@") && text.contains(r#"[["days","1","xp"],9]"#)), "the fixture holds such a patch");
    let (v, notices) = Vault::open(store, NOW);
    assert!(!notices.iter().any(|n| matches!(n, Notice::Recovered(_) | Notice::ReadOnly(_) | Notice::Migrated { .. })), "{notices:?}");
    assert_eq!(v.section(&id("ann"), "motivation"), Some(&serde_json::json!({"days": [{"day": 1, "xp": 5}, {"day": 2, "xp": 9}], "xp": 14})));
}

#[test]
fn full_storage_gives_up_spare_copies_before_refusing() {
    let base = populated(200).into_store();
    let mut store = MemoryStore::from_map(base.map.clone());
    store.quota_chars = Some(store.used_chars() + 300);
    let (mut v, _) = Vault::open(store, NOW);
    let mut freed = 0;
    let mut saved = 0;
    for k in 0..200 {
        match v.append_attempt(&id("ann"), &attempt(NOW.0 + k * 60_000, "add.within-10", true), NOW) {
            Ok(o) => {
                freed += o.freed_spare_chars;
                saved += 1;
            }
            Err(e) => {
                assert_eq!(e, PersistError::Store(StoreError::QuotaExceeded));
                break;
            }
        }
    }
    assert!(freed > 0, "spare generations were given up");
    assert!(saved > 33, "{saved}");
    let got = attempts_of(v.store(), "ann");
    assert_eq!(got.len(), 200 + saved);
    let _ = v.forget_undo();
}

#[test]
fn damaged_tail_is_quarantined_when_appending() {
    let mut store = populated(10).into_store();
    let ptr = store.map["waypoint:learner:ann:tail"].clone();
    let cur = ptr.split(':').nth(1).unwrap().to_string();
    store.map.retain(|k, _| !k.starts_with("waypoint:learner:ann:tail@") || k.ends_with(&format!("@{cur}")));
    store.map.insert(format!("waypoint:learner:ann:tail@{cur}"), "garbage".into());
    let (mut v, _) = Vault::open(store, NOW);
    let o = v.append_attempt(&id("ann"), &attempt(NOW.0, "add.within-10", true), NOW).unwrap();
    assert!(matches!(&o.notices[..], [Notice::Recovered(r)] if !r.restored && r.quarantined.len() == 1), "{:?}", o.notices);
    assert_eq!(v.quarantined().unwrap()[0].2, "garbage");
}

#[test]
fn a_stale_tab_never_undoes_another_tabs_device_change() {
    let base = populated(2).into_store();
    let (mut a, _) = Vault::open(MemoryStore::from_map(base.map.clone()), NOW);
    let (mut b, _) = Vault::open(MemoryStore::from_map(base.map.clone()), NOW);
    // Tab A removes Bo and exports; tab B, still showing Bo, adds Cy.
    a.remove_learner(&id("bo"), NOW).unwrap();
    a.mark_exported(NOW).unwrap();
    b.store_mut().map = a.store().map.clone();
    b.put_learner(&learner("cy", "Cy"), NOW).unwrap();
    let names: Vec<_> = b.device().learners.iter().map(|l| l.id.to_string()).collect();
    assert_eq!(names, vec!["ann", "cy"]);
    assert_eq!(b.last_export(), Some(NOW));
    let (v, _) = Vault::open(MemoryStore::from_map(b.store().map.clone()), NOW);
    assert_eq!(v.device(), b.device());
    assert!(!v.store().map.keys().any(|k| k.contains(":bo")), "Bo's keys are gone");
}

#[test]
fn a_kill_during_compaction_or_import_loses_nothing() {
    let base = populated(150).into_store();
    let all = attempts_of(&base, "ann");
    // Compaction: at every kill point, each attempt is either raw or counted in the summary, once.
    let mut ops = 0;
    for kill in 0.. {
        let mut store = MemoryStore::from_map(base.map.clone());
        let (mut v, _) = Vault::open(store.clone(), NOW);
        store = v.store().clone();
        store.kill_after_ops = Some(store.ops_so_far() + kill);
        *v.store_mut() = store;
        let done = v.compact_history(&id("ann"), NOW, 1, 0).is_ok();
        let (mut after, _) = Vault::open(MemoryStore::from_map(v.store().map.clone()), NOW);
        let (h, _) = after.history(&id("ann"), NOW).unwrap();
        let summarised: u32 = h.daily.iter().map(|d| d.attempts).sum();
        assert_eq!(h.attempts.len() + summarised as usize, all.len(), "kill at {kill}");
        if done {
            ops = kill;
            break;
        }
    }
    assert!(ops > 5);
    // Import (merge): whatever the kill point, nothing that was here is lost, and the
    // import either landed or can be undone.
    let (mut other, _) = Vault::open(MemoryStore::from_map(base.map.clone()), NOW);
    for k in 0..40 {
        other.append_attempt(&id("ann"), &attempt(NOW.0 + k * 60_000, "geom.shapes", true), NOW).unwrap();
    }
    other.put_learner(&learner("cy", "Cy"), NOW).unwrap();
    let file = other.export_device("x", NOW).unwrap();
    for kill in 0.. {
        let (mut v, _) = Vault::open(MemoryStore::from_map(base.map.clone()), NOW);
        let p = v.preview_import(&file).unwrap();
        let n = v.store().ops_so_far();
        v.store_mut().kill_after_ops = Some(n + kill);
        let done = v.apply_import(&p, ImportMode::Merge, NOW).is_ok();
        let survivor = MemoryStore::from_map(v.store().map.clone());
        let got = attempts_of(&survivor, "ann");
        for a in &all {
            assert!(got.contains(a), "kill at {kill}: lost {a:?}");
        }
        let (reopened, notices) = Vault::open(survivor, NOW);
        assert!(reopened.read_only().is_none(), "{notices:?}");
        if done {
            assert_eq!(got.len(), all.len() + 40);
            break;
        }
        let landed = got.len() == all.len() + 40 && reopened.device().learner(&id("cy")).is_some();
        assert!(landed || reopened.can_undo_import() || got.len() == all.len(), "kill at {kill}");
    }
}

#[test]
fn unreadable_data_can_be_exported_raw_then_set_aside_but_newer_data_never() {
    let mut s = MemoryStore::new();
    s.map.insert("waypoint:device".into(), "{garbage".into());
    let (mut v, _) = Vault::open(s, NOW);
    assert!(v.read_only().is_some());
    let raw = waypoint_core::persistence::export_raw(v.store(), "x", NOW).unwrap();
    let back: serde_json::Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(back["keys"]["waypoint:device"], "{garbage");
    let notices = v.start_over(NOW).unwrap();
    assert!(v.read_only().is_none(), "{notices:?}");
    v.put_learner(&learner("a", "Ann"), NOW).unwrap();
    assert_eq!(v.quarantined().unwrap()[0].2, "{garbage");
    assert!(v.clear_quarantine().unwrap() > 0);
    assert!(v.quarantined().unwrap().is_empty());

    let mut s = store_fixture(2);
    let dev = s.map["waypoint:device"].replacen("wp2", "wp4", 1);
    s.map.insert("waypoint:device".into(), dev);
    let before = s.map.clone();
    let (mut v, _) = Vault::open(s, NOW);
    assert_eq!(v.start_over(NOW).unwrap_err(), PersistError::ReadOnly);
    assert_eq!(v.store().map, before);
}

#[test]
fn quota_is_a_running_count_that_stays_exact() {
    let mut v = populated(80);
    assert_eq!(v.quota().unwrap().used_chars, v.store().used_chars());
    v.compact_history(&id("ann"), NOW, 1, 0).unwrap();
    v.remove_learner(&id("bo"), NOW).unwrap();
    assert_eq!(v.quota().unwrap().used_chars, v.store().used_chars());
    // Another tab writes; the storage event re-measures that key.
    let mut other = Vault::open(MemoryStore::from_map(v.store().map.clone()), NOW).0;
    other.append_attempt(&id("ann"), &attempt(NOW.0, "geom.shapes", true), NOW).unwrap();
    let changed: Vec<(String, String)> = other.store().map.iter().filter(|(k, val)| v.store().map.get(*k) != Some(*val)).map(|(k, val)| (k.clone(), val.clone())).collect();
    let gone: Vec<String> = v.store().map.keys().filter(|k| !other.store().map.contains_key(*k)).cloned().collect();
    for (k, val) in &changed {
        v.store_mut().map.insert(k.clone(), val.clone());
    }
    for k in &gone {
        v.store_mut().map.remove(k);
    }
    assert_eq!(v.quota().unwrap().used_chars, v.store().used_chars(), "counted afresh after outside changes");
    for k in changed.iter().map(|(k, _)| k).chain(gone.iter()) {
        assert!(v.on_storage_event(k, NOW).is_some());
    }
    v.reload(NOW);
    assert_eq!(v.quota().unwrap().used_chars, v.store().used_chars());
}

#[test]
fn a_tab_saving_again_sees_what_another_tab_saved_in_between() {
    let base = populated(1).into_store();
    let (mut a, _) = Vault::open(MemoryStore::from_map(base.map.clone()), NOW);
    let (mut b, _) = Vault::open(MemoryStore::from_map(base.map.clone()), NOW);
    let ann = id("ann");
    // A saves twice in a row (the second save may skip re-reading: nothing changed).
    a.save_sections(&ann, &[("model".into(), serde_json::json!(1))], NOW).unwrap();
    a.save_sections(&ann, &[("model".into(), serde_json::json!(2))], NOW).unwrap();
    // B saves another section on top of what A stored...
    b.store_mut().map = a.store().map.clone();
    b.save_sections(&ann, &[("motivation".into(), serde_json::json!({"xp": 7}))], NOW).unwrap();
    // ...and A, saving again, keeps B's section.
    a.store_mut().map = b.store().map.clone();
    a.save_sections(&ann, &[("model".into(), serde_json::json!(3))], NOW).unwrap();
    let (v, _) = Vault::open(MemoryStore::from_map(a.store().map.clone()), NOW);
    assert_eq!(v.section(&ann, "model"), Some(&serde_json::json!(3)));
    assert_eq!(v.section(&ann, "motivation"), Some(&serde_json::json!({"xp": 7})));
}

#[test]
fn a_section_save_that_fails_leaves_the_view_and_the_store_as_they_were() {
    let (mut v, _) = Vault::open(MemoryStore::new(), NOW);
    v.put_learner(&learner("ann", "Ann"), NOW).unwrap();
    let ann = id("ann");
    v.save_sections(&ann, &[("model".into(), serde_json::json!({"theta": 1})), ("motivation".into(), serde_json::json!({"xp": 5}))], NOW).unwrap();
    let rev = v.learner_record(&ann).unwrap().rev;
    let before = v.store().map.clone();
    let next = v.store().writes_so_far() + 1;
    v.store_mut().fail_write_at = Some(next);
    let changes = [("model".to_string(), serde_json::json!({"theta": 2})), ("profile".to_string(), serde_json::json!({"interests": ["space"]}))];
    let err = v.save_sections(&ann, &changes, NOW).unwrap_err();
    assert!(matches!(err, PersistError::Store(StoreError::QuotaExceeded)), "{err:?}");
    assert_eq!(v.store().map, before, "nothing stored changed");
    assert_eq!(v.section(&ann, "model"), Some(&serde_json::json!({"theta": 1})), "the view is what is stored");
    assert_eq!(v.section(&ann, "profile"), None, "a section that was new is gone again");
    assert_eq!(v.learner_record(&ann).unwrap().rev, rev);
    // The next save works and carries both changes.
    v.save_sections(&ann, &changes, NOW).unwrap();
    let (reopened, _) = Vault::open(MemoryStore::from_map(v.store().map.clone()), NOW);
    assert_eq!(reopened.section(&ann, "model"), Some(&serde_json::json!({"theta": 2})));
    assert_eq!(reopened.section(&ann, "motivation"), Some(&serde_json::json!({"xp": 5})));
    assert_eq!(reopened.section(&ann, "profile"), Some(&serde_json::json!({"interests": ["space"]})));
}

#[test]
fn the_first_section_save_after_opening_costs_what_later_ones_do_and_still_sees_other_tabs() {
    let base = populated(3).into_store();
    let ann = id("ann");
    let (mut v, _) = Vault::open(MemoryStore::from_map(base.map.clone()), NOW);
    let ops = |v: &mut Vault<MemoryStore>, xp: u32| {
        let before = v.store().ops_so_far();
        v.save_sections(&ann, &[("motivation".into(), serde_json::json!({ "xp": xp }))], NOW).unwrap();
        v.store().ops_so_far() - before
    };
    let first = ops(&mut v, 1);
    let second = ops(&mut v, 2);
    assert_eq!(first, second, "opening remembers what it read: no re-read and merge on the first save");
    // Another tab saves after we opened: our next save reads theirs and keeps it.
    let (mut other, _) = Vault::open(MemoryStore::from_map(v.store().map.clone()), NOW);
    other.save_sections(&ann, &[("profile".into(), serde_json::json!({"interests": ["space"]}))], NOW).unwrap();
    v.store_mut().map = other.store().map.clone();
    assert!(ops(&mut v, 3) > second, "the other tab's write is read first");
    let (reopened, _) = Vault::open(MemoryStore::from_map(v.store().map.clone()), NOW);
    assert_eq!(reopened.section(&ann, "profile"), Some(&serde_json::json!({"interests": ["space"]})));
    assert_eq!(reopened.section(&ann, "motivation"), Some(&serde_json::json!({"xp": 3})));
}

#[test]
fn the_first_append_after_reading_the_newest_attempts_costs_what_later_ones_do_and_still_sees_other_tabs() {
    let base = populated(3).into_store();
    let ann = id("ann");
    let ops = |v: &mut Vault<MemoryStore>, at: i64| {
        let before = v.store().ops_so_far();
        v.append_attempt(&ann, &attempt(at, "add.within-10", true), NOW).unwrap();
        v.store().ops_so_far() - before
    };
    // Unread, the first append reads the slot once (its pointer included) and writes over it.
    let (mut cold, _) = Vault::open(MemoryStore::from_map(base.map.clone()), NOW);
    let unread = ops(&mut cold, NOW.0 + 60_000);
    let later = ops(&mut cold, NOW.0 + 120_000);
    assert_eq!(unread, later + 1, "the slot's pointer and its generation are read, then written over, and nothing more");
    // Read first (as the practice page does for its replay): the first append is like later ones.
    let (mut v, _) = Vault::open(MemoryStore::from_map(base.map.clone()), NOW);
    let newest = v.recent_attempts(&ann);
    assert!(!newest.is_empty());
    let first = ops(&mut v, NOW.0 + 60_000);
    assert_eq!(first, later, "what was read is remembered for the first append");
    assert_eq!(ops(&mut v, NOW.0 + 120_000), later);
    // Another tab appends after we read: our next append reads theirs and keeps it.
    let (mut other, _) = Vault::open(MemoryStore::from_map(v.store().map.clone()), NOW);
    other.append_attempt(&ann, &attempt(NOW.0 + 180_000, "frac.unit", false), NOW).unwrap();
    let (mut v2, _) = Vault::open(MemoryStore::from_map(base.map.clone()), NOW);
    v2.recent_attempts(&ann);
    v2.store_mut().map = other.store().map.clone();
    assert!(ops(&mut v2, NOW.0 + 240_000) > later, "the other tab's write is read first");
    let got = attempts_of(v2.store(), "ann");
    for at in [NOW.0 + 60_000, NOW.0 + 120_000, NOW.0 + 180_000, NOW.0 + 240_000] {
        assert!(got.iter().any(|a| a.at.0 == at), "attempt at {at} kept");
    }
    // Every append above left the slot readable as the current generation.
    let (mut reopened, notices) = Vault::open(MemoryStore::from_map(v2.store().map.clone()), NOW);
    assert!(notices.iter().all(|n| *n == Notice::ExportDue), "{notices:?}");
    assert_eq!(reopened.recent_attempts(&ann).len(), newest.len() + 4);
}

#[test]
fn two_tabs_appending_in_turn_lose_no_attempt_even_across_a_flush_or_a_failed_write() {
    let base = populated(3).into_store();
    let (mut a, _) = Vault::open(MemoryStore::from_map(base.map.clone()), NOW);
    let (mut b, _) = Vault::open(MemoryStore::from_map(base.map.clone()), NOW);
    let ann = id("ann");
    let before = attempts_of(&base, "ann").len();
    let mut acked = 0;
    // Runs of appends in each tab, more than a tail holds, so flushes happen on both sides.
    for round in 0..6i64 {
        for k in 0..7i64 {
            let at = NOW.0 + (round * 7 + k) * 60_000;
            a.append_attempt(&ann, &attempt(at, "add.within-10", k % 2 == 0), NOW).unwrap();
            acked += 1;
        }
        b.store_mut().map = a.store().map.clone();
        for k in 0..5i64 {
            let at = NOW.0 + 10_000_000 + (round * 5 + k) * 60_000;
            b.append_attempt(&ann, &attempt(at, "frac.unit", true), NOW).unwrap();
            acked += 1;
        }
        a.store_mut().map = b.store().map.clone();
    }
    // A write refused for quota is retried after freeing spare generations: it lands.
    let next = a.store().writes_so_far() + 1;
    a.store_mut().fail_write_at = Some(next);
    a.append_attempt(&ann, &attempt(NOW.0 + 20_000_000, "frac.unit", false), NOW).unwrap();
    acked += 1;
    // Storage gone for a moment: the append fails, and the next one loses nothing.
    a.store_mut().unavailable = true;
    assert!(a.append_attempt(&ann, &attempt(NOW.0 + 21_000_000, "frac.unit", false), NOW).is_err());
    a.store_mut().unavailable = false;
    a.append_attempt(&ann, &attempt(NOW.0 + 22_000_000, "frac.unit", true), NOW).unwrap();
    acked += 1;
    assert_eq!(attempts_of(a.store(), "ann").len(), before + acked);
}

/// The newest attempts' slot's length in attempts (as stored).
fn tail_len(store: &MemoryStore, who: &str) -> usize {
    let slot = format!("waypoint:learner:{who}:tail");
    let Some(pointer) = store.map.get(&slot) else { return 0 };
    let g = pointer.split(':').nth(1).unwrap();
    let body = &store.map[&format!("{slot}@{g}")];
    waypoint_core::persistence::codec::decode_chunk(body.splitn(3, '.').nth(2).unwrap()).unwrap().len()
}

#[test]
fn tidying_files_the_newest_attempts_into_their_months_and_loses_none() {
    let mut v = populated(0);
    let start = NOW.0 - 3 * DAY;
    let mut appended = 0;
    for k in 0..40i64 {
        // Across a month's end: filing writes into two months.
        let t = if k < 20 { Timestamp(1_793_491_200_000 - (20 - k) * 60_000) } else { Timestamp(start + k * 60_000) };
        v.append_attempt(&id("ann"), &attempt(t.0, "add.within-10", k % 3 != 0), t).unwrap();
        appended += 1;
        let held = tail_len(v.store(), "ann");
        let before = v.store().map.clone();
        let tidied = v.tidy(&id("ann"), t).unwrap();
        if held < waypoint_core::persistence::vault::TAIL_FILE_FROM {
            assert_eq!(tidied.filed_attempts, 0, "{k}: {held} attempts are left where they are");
            only_superseded_removed(&before, &v.store().map);
        } else {
            // One a minute: all but the newest two (the last minute's) are filed.
            assert_eq!(tidied.filed_attempts, held - 2, "{k}");
            assert_eq!(tail_len(v.store(), "ann"), 2);
        }
        // Every attempt is still there, once.
        assert_eq!(attempts_of(v.store(), "ann").len(), appended, "after {k}");
    }
    // An append after tidying writes a short tail again, and never files.
    let t = Timestamp(start + 50 * 60_000);
    let out = v.append_attempt(&id("ann"), &attempt(t.0, "frac.unit", true), t).unwrap();
    assert!(out.flushed_months.is_empty());
    assert_eq!(attempts_of(v.store(), "ann").len(), appended + 1);
}

#[test]
fn tidying_leaves_a_tail_another_tab_appended_to() {
    let mut a = populated(0);
    for k in 0..10 {
        a.append_attempt(&id("ann"), &attempt(NOW.0 + k * 60_000, "add.within-10", true), NOW).unwrap();
    }
    let (mut b, _) = Vault::open(MemoryStore::from_map(a.store().map.clone()), NOW);
    b.append_attempt(&id("ann"), &attempt(NOW.0 + 99 * 60_000, "frac.unit", true), NOW).unwrap();
    a.store_mut().map = b.store().map.clone();
    let before = a.store().map.clone();
    let tidied = a.tidy(&id("ann"), NOW).unwrap();
    assert_eq!((tidied.filed_attempts, tidied.folded_patch_chars), (0, 0));
    only_superseded_removed(&before, &a.store().map);
    assert_eq!(attempts_of(a.store(), "ann").len(), 11);
}

#[test]
fn a_tidy_killed_between_any_two_operations_loses_no_attempt() {
    let mut v = populated(0);
    for k in 0..12 {
        v.append_attempt(&id("ann"), &attempt(NOW.0 - DAY + k * 60_000, "add.within-10", true), NOW).unwrap();
    }
    let ops = {
        let mut probe = Vault::open(MemoryStore::from_map(v.store().map.clone()), NOW).0;
        // A fresh vault has no cached tail: append once so it holds one, as the app's does.
        probe.append_attempt(&id("ann"), &attempt(NOW.0, "frac.unit", true), NOW).unwrap();
        let at = probe.store().ops_so_far();
        // All but the last minute's: the one just appended stays.
        assert_eq!(probe.tidy(&id("ann"), NOW).unwrap().filed_attempts, 12);
        probe.store().ops_so_far() - at
    };
    let mut failed = 0;
    for kill in 0..ops {
        let (mut w, _) = Vault::open(MemoryStore::from_map(v.store().map.clone()), NOW);
        w.append_attempt(&id("ann"), &attempt(NOW.0, "frac.unit", true), NOW).unwrap();
        let at = w.store().ops_so_far();
        w.store_mut().kill_after_ops = Some(at + kill);
        failed += usize::from(w.tidy(&id("ann"), NOW).is_err());
        let mut dead = w.into_store();
        dead.kill_after_ops = None;
        let got = attempts_of(&dead, "ann");
        assert_eq!(got.len(), 13, "kill at {kill}");
    }
    assert!(failed > 0);
}

/// Ann's answers as stored, by identity.
fn ann_history(store: &MemoryStore) -> BTreeMap<codec::AttemptKey, waypoint_core::attempt::Attempt> {
    attempts_of(store, "ann").into_iter().map(|a| (codec::key_of(&a), a)).collect()
}

#[test]
fn an_answer_in_the_same_second_as_one_just_filed_is_kept_as_well() {
    let mut v = populated(0);
    let mut returned = Vec::new();
    for k in 0..8 {
        returned.push(v.append_attempt(&id("ann"), &attempt(NOW.0 + k * 300, "add.within-10", true), NOW).unwrap().stored);
    }
    assert!(v.tidy(&id("ann"), NOW).unwrap().wrote() || tail_len(v.store(), "ann") == 8);
    // Two more on the same skill within the same seconds as those before.
    for k in 0..2 {
        returned.push(v.append_attempt(&id("ann"), &attempt(NOW.0 + 400 + k * 300, "add.within-10", false), NOW).unwrap().stored);
    }
    let stored = ann_history(v.store());
    assert_eq!(stored.len(), returned.len(), "every answer has an identity of its own");
    for a in &returned {
        assert_eq!(stored.get(&codec::key_of(a)), Some(a));
    }
}

#[test]
fn a_tail_over_its_limit_files_all_but_its_last_minute() {
    let mut v = populated(0);
    let mut returned = Vec::new();
    // One answer every 20 seconds: the tail goes over its limit at answer 33.
    for k in 0..40 {
        let out = v.append_attempt(&id("ann"), &attempt(NOW.0 + k * 20_000, "frac.unit", k % 2 == 0), NOW).unwrap();
        returned.push(out.stored);
        // Then one more in the same second, on the same skill.
        if !out.flushed_months.is_empty() {
            returned.push(v.append_attempt(&id("ann"), &attempt(NOW.0 + k * 20_000 + 500, "frac.unit", true), NOW).unwrap().stored);
            assert!(tail_len(v.store(), "ann") >= 3, "the last minute stays in the tail");
        }
    }
    assert!(v.store().map.keys().any(|k| k.contains(":h:")), "it did file");
    let stored = ann_history(v.store());
    assert_eq!(stored.len(), returned.len());
    for a in &returned {
        assert_eq!(stored.get(&codec::key_of(a)), Some(a));
    }
}
