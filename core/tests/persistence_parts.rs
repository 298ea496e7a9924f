//! Saving sections by their changed parts (`Vault::save_parts`): what is stored is exactly
//! what saving them whole stores, through patches, whole copies, other tabs and failures;
//! parts that do not apply change nothing; parts made against a record this tab has since
//! read again (another tab's import, undo or merge can bring back the same revision with
//! other data) are refused, and the caller saves whole.

mod common;

use common::*;
use serde_json::{Value, json};
use waypoint_core::persistence::patch::Edit;
use waypoint_core::persistence::{ImportMode, MemoryStore, PersistError, SectionStamp, StoreError, Vault};
use waypoint_core::rng::SeededRng;

fn vault(patch_from: usize) -> Vault<MemoryStore> {
    let (mut v, _) = Vault::open(MemoryStore::new(), NOW);
    v.set_patch_from_chars(patch_from);
    v.put_learner(&learner("ann", "Ann"), NOW).unwrap();
    v
}

fn reopened(store: &MemoryStore) -> Vault<MemoryStore> {
    Vault::open(MemoryStore::from_map(store.map.clone()), NOW).0
}

/// A model-shaped section: skills by id, item families by skill, and a few counters.
fn start_model() -> Value {
    let mut skills = serde_json::Map::new();
    for i in 0..30u64 {
        skills.insert(format!("s{i:02}"), json!({"t": i as f64 / 10.0, "n": i, "hd": [1, 2, 3]}));
    }
    json!({"skills": skills, "family": {"s00": [[0.5, 3]]}, "answers": 0, "recent": [0, 1, 2, 3, 4, 5, 6, 7]})
}

/// One random change of the model, as a person's answer makes (a skill's state, a family,
/// the counters) and now and then a skill added or removed: the new model and its parts.
fn change(model: &Value, rng: &mut SeededRng, k: u64) -> (Value, Vec<Edit>) {
    let mut m = model.clone();
    let mut parts = Vec::new();
    let skill = format!("s{:02}", rng.index(36));
    let path = vec!["skills".to_string(), skill.clone()];
    if rng.chance(0.1) {
        if m["skills"].as_object_mut().unwrap().remove(&skill).is_some() {
            parts.push(Edit::Remove(path));
        }
    } else {
        let hd: Vec<u64> = (k.saturating_sub(2)..=k).collect();
        let state = json!({"t": rng.next_f64(), "n": k, "hd": hd});
        m["skills"][&skill] = state.clone();
        parts.push(Edit::Set(path, state));
    }
    if rng.chance(0.5) {
        let fam = json!([[rng.next_f64(), k], null, [0.25, 1]]);
        m["family"][&skill] = fam.clone();
        parts.push(Edit::Set(vec!["family".into(), skill], fam));
    }
    m["answers"] = json!(k);
    parts.push(Edit::Set(vec!["answers".into()], json!(k)));
    // A list: an item set by its position, or the oldest dropped and two added.
    let recent = m["recent"].as_array_mut().unwrap();
    if rng.chance(0.3) {
        let at = rng.index(recent.len());
        recent[at] = json!(k * 100);
        parts.push(Edit::Set(vec!["recent".into(), at.to_string()], json!(k * 100)));
    } else if rng.chance(0.3) {
        recent.remove(0);
        recent.extend([json!(k), json!(k + 1)]);
        parts.push(Edit::Slide(vec!["recent".into()], 1, vec![json!(k), json!(k + 1)]));
    }
    if rng.chance(0.2) {
        let pace = if rng.chance(0.5) { Some(json!(rng.next_f64())) } else { None };
        let was = m.as_object().unwrap().contains_key("pace");
        match pace {
            Some(p) => {
                m["pace"] = p.clone();
                parts.push(Edit::Set(vec!["pace".into()], p));
            }
            None if was => {
                m.as_object_mut().unwrap().remove("pace");
                parts.push(Edit::Remove(vec!["pace".into()]));
            }
            None => {}
        }
    }
    (m, parts)
}

#[test]
fn saving_by_parts_stores_exactly_what_saving_whole_stores() {
    // Patches from the first save, patches only once the record is long, and never.
    for patch_from in [0, 2_048, usize::MAX] {
        let mut rng = SeededRng::new(7 + patch_from as u64 % 1000);
        let (mut whole, mut parts) = (vault(patch_from), vault(patch_from));
        let mut model = start_model();
        let first = vec![("model".to_string(), model.clone()), ("session".to_string(), json!({"k": 0}))];
        whole.save_sections(&id("ann"), &first, NOW).unwrap();
        parts.save_sections(&id("ann"), &first, NOW).unwrap();
        for k in 1..=120u64 {
            let (next, edits) = change(&model, &mut rng, k);
            let others = vec![("session".to_string(), json!({"k": k})), ("motivation".to_string(), json!({"xp": k * 10}))];
            let mut all = others.clone();
            all.push(("model".to_string(), next.clone()));
            whole.save_sections_owned(&id("ann"), all.clone(), NOW).unwrap();
            if k % 17 == 0 {
                // Now and then the caller saves the model whole (it could not say by parts).
                parts.save_sections_owned(&id("ann"), all, NOW).unwrap();
            } else {
                let rev = parts.section_stamp(&id("ann"), "model").unwrap();
                parts.save_parts(&id("ann"), others, vec![("model".to_string(), rev, edits)], NOW).unwrap();
            }
            model = next;
            let view = parts.learner_record(&id("ann")).cloned();
            assert_eq!(view.as_ref().and_then(|r| r.section("model")), Some(&model), "{patch_from} {k}: the view");
            assert_eq!(view.as_ref(), whole.learner_record(&id("ann")), "{patch_from} {k}: same record, revisions included");
            assert_eq!(reopened(parts.store()).learner_record(&id("ann")), view.as_ref(), "{patch_from} {k}: read back");
        }
        if patch_from == 0 {
            assert!(parts.store().map.contains_key("waypoint:learner:ann:patch"), "saved by patches");
        }
    }
}

/// An entry of a log-shaped list.
fn entry(k: u64, level: u64) -> Value {
    json!({"day": k / 3, "skill": format!("s{:02}", k % 30), "level": level})
}

#[test]
fn lists_saved_by_parts_store_exactly_what_saving_whole_stores() {
    // A section that is itself a list (as the mastery log is) and a long list inside the
    // model (as the motivation's remembered events), changed as answers change them: an
    // entry added at the end, one of the newest replaced in place, the oldest dropped;
    // now and then an entry further back replaced, and the patch folded by `tidy`.
    let ann = id("ann");
    for patch_from in [0, 2_048] {
        let mut rng = SeededRng::new(11 + patch_from as u64);
        let (mut whole, mut parts) = (vault(patch_from), vault(patch_from));
        let mut log: Vec<Value> = (0..40).map(|k| entry(k, 1)).collect();
        let mut seen: Vec<Value> = (0..60).map(|k| json!([k, "badge"])).collect();
        let model = |seen: &[Value], k: u64| json!({"seen": seen, "answers": k});
        let first = vec![("mastery_log".to_string(), json!(log)), ("model".to_string(), model(&seen, 0))];
        whole.save_sections(&ann, &first, NOW).unwrap();
        parts.save_sections(&ann, &first, NOW).unwrap();
        for k in 1..=200u64 {
            let mut log_edits = Vec::new();
            match rng.index(10) {
                0..=3 => {
                    log.push(entry(k, 2));
                    log_edits.push(Edit::Slide(vec![], 0, vec![entry(k, 2)]));
                }
                4 | 5 => {
                    let at = log.len() - 1 - rng.index(4);
                    log[at] = entry(k, 3);
                    log_edits.push(set_at(&[&at.to_string()], entry(k, 3)));
                }
                6 => {
                    log.drain(..3);
                    log.push(entry(k, 4));
                    log_edits.push(Edit::Slide(vec![], 3, vec![entry(k, 4)]));
                }
                7 => {
                    let (a, b) = (rng.index(10), 12 + rng.index(10));
                    log[a] = entry(k, 5);
                    log[b] = entry(k, 5);
                    log_edits.extend([set_at(&[&a.to_string()], entry(k, 5)), set_at(&[&b.to_string()], entry(k, 5))]);
                }
                _ => {}
            }
            let dropped = rng.index(3);
            seen.drain(..dropped);
            seen.push(json!([k + 100, "badge"]));
            let model_edits = vec![Edit::Slide(vec!["seen".into()], dropped, vec![json!([k + 100, "badge"])]), set_at(&["answers"], json!(k))];
            let others = vec![("session".to_string(), json!({"k": k}))];
            let mut all = others.clone();
            all.extend([("mastery_log".to_string(), json!(log)), ("model".to_string(), model(&seen, k))]);
            whole.save_sections_owned(&ann, all, NOW).unwrap();
            let mut by_parts = vec![("model".to_string(), parts.section_stamp(&ann, "model").unwrap(), model_edits)];
            if !log_edits.is_empty() {
                by_parts.push(("mastery_log".to_string(), parts.section_stamp(&ann, "mastery_log").unwrap(), log_edits));
            }
            parts.save_parts(&ann, others, by_parts, NOW).unwrap();
            if k % 25 == 0 {
                whole.tidy(&ann, NOW).unwrap();
                parts.tidy(&ann, NOW).unwrap();
            }
            let view = parts.learner_record(&ann).cloned();
            assert_eq!(view.as_ref().and_then(|r| r.section("mastery_log")), Some(&json!(log)), "{patch_from} {k}: the log");
            assert_eq!(view.as_ref().and_then(|r| r.section("model")), Some(&model(&seen, k)), "{patch_from} {k}: the model");
            assert_eq!(view.as_ref(), whole.learner_record(&ann), "{patch_from} {k}: same record, revisions included");
            assert_eq!(reopened(parts.store()).learner_record(&ann), view.as_ref(), "{patch_from} {k}: read back");
        }
        let patch = parts.store().map.get("waypoint:learner:ann:patch").cloned();
        assert!(patch.is_some(), "{patch_from}: saved by patches");
    }
}

#[test]
fn parts_that_do_not_apply_change_nothing_and_say_why() {
    let mut v = vault(0);
    v.save_sections(&id("ann"), &[("model".to_string(), json!({"answers": 9}))], NOW).unwrap();
    let stale = v.section_stamp(&id("ann"), "model").unwrap();
    v.save_sections(&id("ann"), &[("model".to_string(), start_model())], NOW).unwrap();
    let rev = v.section_stamp(&id("ann"), "model").unwrap();
    let stored = v.store().map.clone();
    let view = v.learner_record(&id("ann")).cloned();
    let bad: Vec<(String, SectionStamp, Vec<Edit>)> = vec![
        ("model".into(), stale, vec![set_at(&["answers"], json!(1))]),
        ("model".into(), rev, vec![set_at(&["answers", "deeper"], json!(1))]),
        ("model".into(), rev, vec![set_at(&["nowhere", "x"], json!(1))]),
        ("model".into(), rev, vec![set_at(&["skills"], json!({})), set_at(&["skills", "s01"], json!(1))]),
        ("model".into(), rev, vec![set_at(&[], json!({}))]),
        // Only a section that is a list slides as a whole.
        ("model".into(), rev, vec![Edit::Slide(vec![], 0, vec![json!(1)])]),
        ("model".into(), rev, vec![Edit::Slide(vec!["skills".into()], 1, vec![])]),
        // Lists: an item past the end or not a position, a slide longer than the list, an
        // item and a slide of its list together, a key removed from a list.
        ("model".into(), rev, vec![set_at(&["skills", "s01", "hd", "3"], json!(1))]),
        ("model".into(), rev, vec![set_at(&["skills", "s01", "hd", "x"], json!(1))]),
        ("model".into(), rev, vec![Edit::Slide(vec!["recent".into()], 9, vec![])]),
        ("model".into(), rev, vec![set_at(&["recent", "1"], json!(1)), Edit::Slide(vec!["recent".into()], 1, vec![])]),
        ("model".into(), rev, vec![Edit::Remove(vec!["recent".into(), "1".into()])]),
        ("absent".into(), rev, vec![set_at(&["a"], json!(1))]),
        ("Bad Name".into(), rev, vec![set_at(&["answers"], json!(1))]),
        // A good edit first, then one that does not apply: the first is undone.
        ("model".into(), rev, vec![set_at(&["answers"], json!(5)), set_at(&["skills", "s01", "t", "x"], json!(1))]),
    ];
    for (name, r, edits) in bad {
        let err = v.save_parts(&id("ann"), vec![], vec![(name.clone(), r, edits)], NOW).unwrap_err();
        assert!(matches!(err, PersistError::Invalid(_)), "{name}: {err:?}");
        assert_eq!(v.store().map, stored, "{name}: the store is untouched");
        assert_eq!(v.learner_record(&id("ann")), view.as_ref(), "{name}: the view is untouched");
    }
    // The same section whole and by parts in one save.
    let err = v.save_parts(&id("ann"), vec![("model".into(), json!({}))], vec![("model".into(), rev, vec![set_at(&["answers"], json!(1))])], NOW).unwrap_err();
    assert!(matches!(err, PersistError::Invalid(_)), "{err:?}");
    assert_eq!(v.store().map, stored);
    // Parts equal to what is there change nothing and write nothing.
    let saved = v.save_parts(&id("ann"), vec![], vec![("model".into(), rev, vec![set_at(&["answers"], json!(0))])], NOW).unwrap();
    assert!(saved.changed.is_empty());
    assert_eq!(v.store().map, stored);
}

#[test]
fn a_failed_write_puts_the_view_back_and_the_next_save_stores_everything() {
    for nth in 1..6 {
        let mut v = vault(0);
        v.save_sections(&id("ann"), &[("model".to_string(), start_model())], NOW).unwrap();
        let mut rng = SeededRng::new(nth as u64);
        let mut model = start_model();
        // A few saves by parts first, so that a patch is there.
        for k in 1..=3 {
            let (next, edits) = change(&model, &mut rng, k);
            let rev = v.section_stamp(&id("ann"), "model").unwrap();
            v.save_parts(&id("ann"), vec![], vec![("model".into(), rev, edits)], NOW).unwrap();
            model = next;
        }
        let view = v.learner_record(&id("ann")).cloned();
        v.store_mut().fail_write_at = Some(v.store().writes_so_far() + nth);
        let (next, edits) = change(&model, &mut rng, 4);
        let rev = v.section_stamp(&id("ann"), "model").unwrap();
        match v.save_parts(&id("ann"), vec![("session".into(), json!({"k": 4}))], vec![("model".into(), rev, edits.clone())], NOW) {
            Err(e) => {
                assert_eq!(e, PersistError::Store(StoreError::QuotaExceeded), "{nth}");
                assert_eq!(v.learner_record(&id("ann")), view.as_ref(), "{nth}: the view is what is stored");
                assert_eq!(reopened(v.store()).learner_record(&id("ann")), view.as_ref(), "{nth}: and it reads back");
                v.store_mut().fail_write_at = None;
                v.save_parts(&id("ann"), vec![("session".into(), json!({"k": 4}))], vec![("model".into(), rev, edits)], NOW).unwrap();
            }
            Ok(_) => v.store_mut().fail_write_at = None,
        }
        let again = reopened(v.store());
        assert_eq!(again.learner_record(&id("ann")), v.learner_record(&id("ann")), "{nth}");
        assert_eq!(again.section(&id("ann"), "model"), Some(&next), "{nth}");
    }
}

#[test]
fn parts_saved_after_another_tab_wrote_are_merged_as_whole_sections() {
    let mut a = vault(0);
    a.save_sections(&id("ann"), &[("model".to_string(), start_model())], NOW).unwrap();
    let mut b = reopened(a.store());
    // Tab B saves another section; tab A then saves its model by parts.
    b.save_sections(&id("ann"), &[("profile".to_string(), json!({"interests": ["space"]}))], NOW).unwrap();
    *a.store_mut() = MemoryStore::from_map(b.store().map.clone());
    let mut rng = SeededRng::new(3);
    let (next, edits) = change(&start_model(), &mut rng, 1);
    let rev = a.section_stamp(&id("ann"), "model").unwrap();
    a.save_parts(&id("ann"), vec![], vec![("model".into(), rev, edits)], NOW).unwrap();
    let stored = reopened(a.store());
    assert_eq!(stored.section(&id("ann"), "model"), Some(&next), "A's model");
    assert_eq!(stored.section(&id("ann"), "profile"), Some(&json!({"interests": ["space"]})), "B's profile kept");
    assert_eq!(stored.learner_record(&id("ann")), a.learner_record(&id("ann")));
}

/// The model as the app stores it in these tests: two skills' answer counts.
fn small_model(s01: i64, s02: i64) -> Value {
    json!({"skills": {"s01": {"n": s01}, "s02": {"n": s02}}, "family": {}, "answers": s01 + s02})
}

/// Tab `to` sees what tab `from` stored (the `storage` event).
fn sync_from(to: &mut Vault<MemoryStore>, from: &Vault<MemoryStore>) {
    *to.store_mut() = MemoryStore::from_map(from.store().map.clone());
    to.reload(NOW);
}

/// Saves the model as the app does: by parts when the section is as this tab saved it,
/// otherwise whole. Returns the stamp to keep.
fn app_save(v: &mut Vault<MemoryStore>, kept: SectionStamp, parts: Vec<Edit>, whole: &Value) -> SectionStamp {
    let ann = id("ann");
    if v.section_stamp(&ann, "model") == Some(kept) {
        v.save_parts(&ann, vec![], vec![("model".into(), kept, parts)], NOW).unwrap();
    } else {
        v.save_sections(&ann, &[("model".into(), whole.clone())], NOW).unwrap();
    }
    v.section_stamp(&ann, "model").unwrap()
}

fn set_at(p: &[&str], v: Value) -> Edit {
    Edit::Set(p.iter().map(|s| s.to_string()).collect(), v)
}

/// Ann with her model saved (small: written whole, as the app writes a new learner's).
fn ann_with_model(model: Value) -> Vault<MemoryStore> {
    let mut v = vault(waypoint_core::persistence::vault::PATCH_FROM_CHARS);
    v.save_sections(&id("ann"), &[("model".into(), model)], NOW).unwrap();
    v
}

/// Another tab on the same store imports `file`; tab `a` then sees what it stored.
fn import_in_another_tab(a: &mut Vault<MemoryStore>, file: &str, mode: ImportMode) -> Vault<MemoryStore> {
    let mut b = reopened(a.store());
    let preview = b.preview_import(file).unwrap();
    b.apply_import(&preview, mode, NOW).unwrap();
    sync_from(a, &b);
    b
}

// Both written in review (each failed when the app compared section revisions only).
#[test]
fn parts_after_another_tab_undid_an_import_are_not_applied_to_the_restored_model() {
    let mut a = ann_with_model(small_model(0, 0));
    let ann = id("ann");
    let file = a.export_device("x", NOW).unwrap();
    a.save_sections(&ann, &[("model".into(), small_model(1, 0))], NOW).unwrap();
    let kept = a.section_stamp(&ann, "model").unwrap();
    // Tab B imports the older file (replace); tab A then saves an answer.
    let mut b = import_in_another_tab(&mut a, &file, ImportMode::Replace);
    let kept = app_save(&mut a, kept, vec![set_at(&["skills", "s01"], json!({"n": 2})), set_at(&["answers"], json!(2))], &small_model(2, 0));
    // Tab B undoes the import: the model of before comes back at its old revision.
    sync_from(&mut b, &a);
    b.undo_import(NOW).unwrap();
    sync_from(&mut a, &b);
    let memory = small_model(2, 1);
    app_save(&mut a, kept, vec![set_at(&["skills", "s02"], json!({"n": 1})), set_at(&["answers"], json!(3))], &memory);
    assert_eq!(reopened(a.store()).section(&ann, "model"), Some(&memory), "read back = what tab A holds");
}

#[test]
fn parts_after_another_tab_merged_a_model_of_the_same_revision_are_not_mixed_into_it() {
    let mut a = ann_with_model(small_model(0, 0));
    let ann = id("ann");
    let mut dev2 = reopened(a.store());
    // Another device: one answer (model revision 2) and a goal (a higher record revision).
    dev2.save_sections(&ann, &[("model".into(), json!({"skills": {"s01": {"n": 0}, "s02": {"n": 0}, "s09": {"n": 7}}, "family": {}, "answers": 7}))], NOW).unwrap();
    dev2.save_sections(&ann, &[("goals".into(), json!(["g"]))], NOW).unwrap();
    let file = dev2.export_device("x", NOW).unwrap();
    // Tab A: one answer (model revision 2 as well); tab B merges the other device's file.
    a.save_sections(&ann, &[("model".into(), small_model(1, 0))], NOW).unwrap();
    let kept = a.section_stamp(&ann, "model").unwrap();
    import_in_another_tab(&mut a, &file, ImportMode::Merge);
    let memory = small_model(1, 1);
    app_save(&mut a, kept, vec![set_at(&["skills", "s02"], json!({"n": 1})), set_at(&["answers"], json!(2))], &memory);
    assert_eq!(reopened(a.store()).section(&ann, "model"), Some(&memory), "read back = what tab A holds");
}

#[test]
fn a_stamp_holds_across_this_tabs_own_saves_and_changes_when_the_record_is_read_again() {
    let mut v = vault(0);
    let ann = id("ann");
    v.save_sections(&ann, &[("model".into(), small_model(0, 0)), ("profile".into(), json!({}))], NOW).unwrap();
    let s0 = v.section_stamp(&ann, "model").unwrap();
    // Another section saved: the model's stamp holds (parts still apply).
    v.save_sections(&ann, &[("profile".into(), json!({"x": 1}))], NOW).unwrap();
    assert_eq!(v.section_stamp(&ann, "model"), Some(s0));
    let s1 = app_save(&mut v, s0, vec![set_at(&["answers"], json!(5))], &small_model(5, 0));
    assert_ne!(s1, s0, "a save of the model moves its stamp");
    // Reading the record again (a storage event) replaces it: the stamp changes.
    v.reload(NOW);
    assert_ne!(v.section_stamp(&ann, "model"), Some(s1));
    assert_eq!(v.section(&ann, "model").and_then(|m| m.get("answers")), Some(&json!(5)));
}
