//! Export and import: round trips, preview, merge, replace, undo, and the catalogue of bad
//! files (also written to tests/fixtures/bad-imports/ for the browser tests), each of which
//! must be refused with a clear message and leave the store byte-identical.

mod common;

use common::*;
use serde_json::{Value, json};
use waypoint_core::error::UserMessage;
use waypoint_core::persistence::checksum::crc32_hex;
use waypoint_core::persistence::transfer::{Freshness, MAX_IMPORT_BYTES};
use waypoint_core::persistence::{ImportMode, MemoryStore, PersistError, Vault, export_device, export_learner};
use waypoint_core::{Lang, Timestamp};

fn fixtures() -> String {
    format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"))
}

fn valid_export() -> String {
    std::fs::read_to_string(format!("{}/export-v2.json", fixtures())).unwrap()
}

/// Re-computes the checksum after an edit, so the file fails for the intended reason.
fn reseal(mut v: Value) -> String {
    let payload = serde_json::to_string(&v["payload"]).unwrap();
    v["checksum"] = Value::String(crc32_hex(&payload));
    serde_json::to_string(&v).unwrap()
}

fn edit(f: impl FnOnce(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(&valid_export()).unwrap();
    f(&mut v);
    reseal(v)
}

/// Every kind of bad import file: (file name, contents, expected error kind).
pub fn bad_imports() -> Vec<(&'static str, String, &'static str)> {
    let valid = valid_export();
    let mut nested = String::new();
    for _ in 0..200 {
        nested.push_str("{\"a\":");
    }
    nested.push('1');
    for _ in 0..200 {
        nested.push('}');
    }
    vec![
        ("empty.json", String::new(), "empty"),
        ("whitespace.json", "  \n\t \n".into(), "empty"),
        ("truncated.json", valid[..valid.len() / 2].to_string(), "truncated"),
        ("truncated-end.json", valid.trim_end()[..valid.trim_end().len() - 1].to_string(), "truncated"),
        ("not-json.txt", "Ann's progress: 12 stars, 3 badges".into(), "not-json"),
        ("web-page.html", "<!doctype html><html><body>Waypoint</body></html>".into(), "not-json"),
        ("binary.bin", "\u{0}\u{1}\u{2}PK\u{3}\u{4}garbage".into(), "not-json"),
        ("trailing-garbage.json", format!("{valid} {{}}"), "not-json"),
        ("array.json", "[1, 2, 3]".into(), "wrong-format"),
        ("other-app.json", r#"{"type":"excalidraw","version":2,"elements":[]}"#.into(), "wrong-format"),
        (
            "stored-device-record.json",
            r#"{"format":"waypoint-device","schema_version":1,"learners":[{"id":"a","name":"Ann"}],"settings":{}}"#.into(),
            "wrong-format",
        ),
        ("newer-version.json", edit(|v| v["schema_version"] = json!(waypoint_core::persistence::schema::CURRENT_SCHEMA + 1)), "too-new"),
        ("far-future-version.json", edit(|v| v["schema_version"] = json!(99_999_999_999u64)), "too-new"),
        ("old-version.json", edit(|v| v["schema_version"] = json!(1)), "too-old"),
        ("version-as-text.json", edit(|v| v["schema_version"] = json!("2")), "invalid"),
        ("no-checksum.json", edit(|v| { v.as_object_mut().unwrap().remove("checksum"); }).replace(",\"checksum\"", ",\"x\"").replace("\"checksum\":", "\"x\":"), "checksum-missing"),
        ("edited-after-export.json", valid.replacen("\"Bo\"", "\"Bob\"", 1), "checksum-mismatch"),
        ("checksum-not-text.json", { let mut v: Value = serde_json::from_str(&valid).unwrap(); v["checksum"] = json!(12345); v.to_string() }, "checksum-mismatch"),
        ("deeply-nested.json", nested, "too-deep"),
        ("duplicate-learner.json", edit(|v| { let l = v["payload"]["learners"][0].clone(); v["payload"]["learners"].as_array_mut().unwrap().push(l); }), "duplicate-learner"),
        ("markup-in-name.json", edit(|v| v["payload"]["learners"][0]["card"]["name"] = json!("<img src=x onerror=alert(1)>")), "bad-name"),
        ("empty-name.json", edit(|v| v["payload"]["learners"][0]["card"]["name"] = json!("   ")), "bad-name"),
        ("name-too-long.json", edit(|v| v["payload"]["learners"][0]["card"]["name"] = json!("A".repeat(41))), "bad-name"),
        ("control-char-name.json", edit(|v| v["payload"]["learners"][0]["card"]["name"] = json!("Ann\u{7}")), "bad-name"),
        ("bad-learner-id.json", edit(|v| v["payload"]["learners"][0]["card"]["id"] = json!("Ann!")), "invalid"),
        ("learner-without-id.json", edit(|v| { v["payload"]["learners"][0]["card"].as_object_mut().unwrap().remove("id"); }), "invalid"),
        ("learners-not-a-list.json", edit(|v| v["payload"]["learners"] = json!("ann, bo")), "invalid"),
        ("payload-missing-learners.json", edit(|v| v["payload"] = json!({})), "invalid"),
        ("wrong-avatar-type.json", edit(|v| v["payload"]["learners"][0]["card"]["avatar"] = json!(7)), "invalid"),
        ("settings-wrong-type.json", edit(|v| v["payload"]["settings"] = json!({"language": 5})), "invalid"),
        ("bad-scope.json", edit(|v| v["scope"] = json!("galaxy")), "invalid"),
        ("learner-scope-with-two.json", edit(|v| v["scope"] = json!("learner")), "invalid"),
        ("bad-section-name.json", edit(|v| v["payload"]["learners"][0]["record"]["sections"] = json!({"Model!": {"rev": 1, "data": 1}})), "invalid"),
        ("damaged-history.json", edit(|v| v["payload"]["learners"][0]["history"] = json!({"202605": "h1|add|@@@"})), "bad-history"),
        ("unknown-history-encoding.json", edit(|v| v["payload"]["learners"][0]["history"] = json!({"202605": "h9|add|AAAA"})), "bad-history"),
        ("damaged-daily.json", edit(|v| v["payload"]["learners"][0]["daily"] = json!("a1|x|AAACAA")), "bad-history"),
        ("history-in-wrong-month.json", edit(|v| { let h = v["payload"]["learners"][0]["history"]["202605"].clone(); v["payload"]["learners"][0]["history"] = json!({"202401": h}); }), "bad-reference"),
        ("history-not-a-month.json", edit(|v| v["payload"]["learners"][0]["history"] = json!({"2026-13": "h1||"})), "bad-reference"),
        ("record-of-another-learner.json", edit(|v| v["payload"]["learners"][0]["record"]["id"] = json!("zed")), "bad-reference"),
        ("missing-payload.json", { let mut v: Value = serde_json::from_str(&valid).unwrap(); v.as_object_mut().unwrap().remove("payload"); reseal_without_payload(v) }, "invalid"),
    ]
}

fn reseal_without_payload(mut v: Value) -> String {
    v["checksum"] = Value::String(crc32_hex("null"));
    v.to_string()
}

/// Too large to commit: built in memory, described in the manifest.
fn huge_file() -> String {
    let valid = valid_export();
    let pad = " ".repeat(MAX_IMPORT_BYTES + 1 - valid.len());
    format!("{valid}{pad}")
}

fn store_with_data() -> MemoryStore {
    populated(20).into_store()
}

#[test]
fn every_bad_file_is_refused_clearly_and_changes_nothing() {
    let mut cases = bad_imports();
    cases.push(("huge.json", huge_file(), "too-large"));
    assert!(cases.len() >= 20);
    let (mut v, _) = Vault::open(store_with_data(), NOW);
    let before = v.store().map.clone();
    for (name, text, kind) in &cases {
        let err = v.preview_import(text).map(|_| ()).unwrap_err();
        assert_eq!(err.kind(), *kind, "{name}: {err:?}");
        let (en, es) = (err.message(Lang::En), err.message(Lang::Es));
        assert!(!en.is_empty() && en != es, "{name}");
        assert!(en.chars().count() < 400, "{name}: message too long");
        assert_eq!(v.store().map, before, "{name} changed the store");
    }
    // Nothing to undo either.
    assert_eq!(v.undo_import(NOW).unwrap_err(), PersistError::NothingToUndo);
    assert_eq!(v.store().map, before);
}

#[test]
fn bad_import_files_on_disk_match_the_catalogue() {
    let dir = format!("{}/bad-imports", fixtures());
    let write = std::env::var("WAYPOINT_WRITE_FIXTURES").is_ok();
    let mut manifest = Vec::new();
    let (v, _) = Vault::open(store_with_data(), NOW);
    for (name, text, kind) in bad_imports() {
        let path = format!("{dir}/{name}");
        if write {
            std::fs::write(&path, &text).unwrap();
        }
        let on_disk = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{path} missing: run with WAYPOINT_WRITE_FIXTURES=1"));
        assert_eq!(on_disk, text, "{name} differs from the catalogue");
        let err = v.preview_import(&on_disk).map(|_| ()).unwrap_err();
        manifest.push(json!({"file": name, "kind": kind, "message_en": err.message(Lang::En), "message_es": err.message(Lang::Es)}));
    }
    let huge_err = v.preview_import(&huge_file()).map(|_| ()).unwrap_err();
    manifest.push(json!({
        "file": "huge.json", "kind": "too-large", "generated": format!("not stored: the valid export followed by spaces up to {} bytes", MAX_IMPORT_BYTES + 1),
        "message_en": huge_err.message(Lang::En), "message_es": huge_err.message(Lang::Es)
    }));
    let text = serde_json::to_string_pretty(&json!({
        "about": "Bad import files and the error each must get (PersistError::kind). The store must be unchanged after each.",
        "files": manifest
    }))
    .unwrap() + "\n";
    let mpath = format!("{dir}/manifest.json");
    if write {
        std::fs::write(&mpath, &text).unwrap();
    }
    assert_eq!(std::fs::read_to_string(&mpath).unwrap(), text, "manifest.json is stale");
}

#[test]
fn export_fixture_of_every_version_imports_forever() {
    for v in 2..=waypoint_core::persistence::schema::CURRENT_SCHEMA {
        let text = std::fs::read_to_string(format!("{}/export-v{v}.json", fixtures())).unwrap();
        let (mut vault, _) = Vault::open(MemoryStore::new(), NOW);
        let p = vault.preview_import(&text).unwrap();
        assert_eq!(p.learners.len(), 2);
        assert!(p.learners.iter().all(|l| l.freshness == Freshness::New));
        let out = vault.apply_import(&p, ImportMode::Merge, NOW).unwrap();
        assert_eq!(out.added.len(), 2);
        assert_eq!(out.attempts_added, 40);
    }
}

#[test]
fn export_then_import_round_trips_exactly() {
    let (mut v, _) = Vault::open(store_with_data(), NOW);
    v.compact_history(&id("ann"), NOW, 1, 0).unwrap();
    let file = export_device(v.store(), "1.2.3", NOW).unwrap();
    let (mut fresh, _) = Vault::open(MemoryStore::new(), NOW);
    let p = fresh.preview_import(&file).unwrap();
    assert_eq!(p.app_version, "1.2.3");
    fresh.apply_import(&p, ImportMode::Replace, NOW).unwrap();
    let again = export_device(fresh.store(), "1.2.3", NOW).unwrap();
    let a: Value = serde_json::from_str(&file).unwrap();
    let b: Value = serde_json::from_str(&again).unwrap();
    assert_eq!(a["payload"], b["payload"]);
    assert_eq!(fresh.device(), v.device());
    // Importing the same file again changes nothing.
    let p = fresh.preview_import(&file).unwrap();
    assert!(p.learners.iter().all(|l| l.freshness == Freshness::Same && l.attempts_new == 0), "{:?}", p.learners);
}

#[test]
fn the_preview_tells_a_newer_file_from_an_older_one() {
    // A copy exported now, then the device goes on practising: the old copy is older.
    let (mut here, _) = Vault::open(store_with_data(), NOW);
    let old_copy = export_device(here.store(), "x", NOW).unwrap();
    for k in 0..3 {
        here.append_attempt(&id("ann"), &attempt(NOW.0 + k * 60_000, "geom.shapes", true), NOW).unwrap();
    }
    here.save_sections(&id("bo"), &[("model".into(), json!("later"))], NOW).unwrap();
    let p = here.preview_import(&old_copy).unwrap();
    let of = |p: &waypoint_core::persistence::ImportPreview, who: &str| p.learners.iter().find(|l| l.id == id(who)).cloned().unwrap();
    let ann = of(&p, "ann");
    assert_eq!(ann.freshness, Freshness::FileOlder, "this device has 3 answers the file lacks");
    assert_eq!((ann.attempts_new, ann.attempts_here - ann.attempts_in_file), (0, 3));
    assert!(ann.latest_here > ann.latest_in_file);
    assert_eq!(of(&p, "bo").freshness, Freshness::FileOlder, "this device's record is later");
    assert_eq!(p.new_learners().count(), 0);
    // The other way round: the device as it was gets the newer copy.
    let new_copy = export_device(here.store(), "x", NOW).unwrap();
    let (old_device, _) = Vault::open(store_with_data(), NOW);
    let p = old_device.preview_import(&new_copy).unwrap();
    let ann = of(&p, "ann");
    assert_eq!(ann.freshness, Freshness::FileNewer);
    assert_eq!(ann.attempts_new, 3);
    assert!(ann.latest_in_file > ann.latest_here);
    assert_eq!(of(&p, "bo").freshness, Freshness::FileNewer, "the file's record is later");
    // Merging the newer copy brings the device up to it: nothing older is kept over it.
    let mut old_device = old_device;
    old_device.apply_import(&p, ImportMode::Merge, NOW).unwrap();
    assert_eq!(old_device.history(&id("ann"), NOW).unwrap().0.attempts.len(), here.history(&id("ann"), NOW).unwrap().0.attempts.len());
    assert_eq!(old_device.section(&id("bo"), "model"), Some(&json!("later")));
    // Nothing in the file is left to bring in: the same again (the merged record was
    // written anew, under a higher revision, with the same data).
    let p = old_device.preview_import(&new_copy).unwrap();
    assert!(p.learners.iter().all(|l| l.freshness == Freshness::Same && l.attempts_new == 0), "{:?}", p.learners);
}

#[test]
fn merge_keeps_both_sides_and_undo_puts_everything_back() {
    let (mut here, _) = Vault::open(store_with_data(), NOW);
    // The file: Ann with 5 extra answers and a newer model, plus a new learner Cy.
    let (mut there, _) = Vault::open(MemoryStore::from_map(here.store().map.clone()), NOW);
    for k in 0..5 {
        there.append_attempt(&id("ann"), &attempt(NOW.0 + k * 60_000, "geom.shapes", true), NOW).unwrap();
    }
    there.save_sections(&id("ann"), &[("model".into(), json!("newer"))], NOW).unwrap();
    there.put_learner(&learner("cy", "Cy"), NOW).unwrap();
    // Meanwhile here: Ann answered 2 more.
    for k in 0..2 {
        here.append_attempt(&id("ann"), &attempt(NOW.0 + 3_600_000 + k * 60_000, "add.within-10", false), NOW).unwrap();
    }
    let before_export = export_device(here.store(), "x", NOW).unwrap();
    let file = export_device(there.store(), "x", NOW).unwrap();
    let p = here.preview_import(&file).unwrap();
    let ann = p.learners.iter().find(|l| l.id == id("ann")).unwrap();
    assert_eq!(ann.freshness, Freshness::Diverged);
    assert_eq!(ann.attempts_new, 5);
    assert_eq!(p.new_learners().count(), 1);
    assert_eq!(p.updated_learners().count(), 2);
    let out = here.apply_import(&p, ImportMode::Merge, NOW).unwrap();
    assert_eq!(out.added, vec![id("cy")]);
    // Ann changed; the other learner, the same in the file as here, is left as it was.
    assert_eq!(out.updated, vec![id("ann")]);
    assert_eq!(out.unchanged.len(), 1);
    assert_eq!(out.attempts_added, 5);
    assert_eq!(here.history(&id("ann"), NOW).unwrap().0.attempts.len(), 27);
    assert_eq!(here.section(&id("ann"), "model"), Some(&json!("newer")));
    // Undo: back to exactly what was exported before.
    assert!(here.can_undo_import());
    let undone = here.undo_import(NOW).unwrap();
    assert_eq!(undone.removed, vec![id("cy")]);
    let after_undo = export_device(here.store(), "x", NOW).unwrap();
    let a: Value = serde_json::from_str(&before_export).unwrap();
    let b: Value = serde_json::from_str(&after_undo).unwrap();
    assert_eq!(a["payload"], b["payload"]);
    assert!(!here.can_undo_import());
}

#[test]
fn importing_what_this_device_just_exported_changes_nothing_and_says_so() {
    for mode in [ImportMode::Merge, ImportMode::Replace] {
        let (mut v, _) = Vault::open(store_with_data(), NOW);
        let file = export_device(v.store(), "x", NOW).unwrap();
        let before = v.store().map.clone();
        let p = v.preview_import(&file).unwrap();
        let out = v.apply_import(&p, mode, NOW).unwrap();
        assert!(out.added.is_empty() && out.updated.is_empty() && out.attempts_added == 0, "{mode:?}: {out:?}");
        assert_eq!(out.unchanged.len(), p.learners.len(), "{mode:?}");
        // A merge leaves every learner's keys as they were (the undo copy and the device
        // record aside); a replace writes the file's copy, as asked, with the same data.
        let learner_keys = |m: &std::collections::BTreeMap<String, String>| m.iter().filter(|(k, _)| k.starts_with("waypoint:learner:")).map(|(k, v)| (k.clone(), v.clone())).collect::<Vec<_>>();
        if mode == ImportMode::Merge {
            assert_eq!(learner_keys(&v.store().map), learner_keys(&before));
        }
        let again = export_device(v.store(), "x", NOW).unwrap();
        let (a, b): (Value, Value) = (serde_json::from_str(&file).unwrap(), serde_json::from_str(&again).unwrap());
        assert_eq!(a["payload"]["learners"].as_array().map(Vec::len), b["payload"]["learners"].as_array().map(Vec::len), "{mode:?}");
    }
}

#[test]
fn replace_takes_the_files_learner_and_keeps_the_others() {
    let (mut v, _) = Vault::open(store_with_data(), NOW);
    let (mut other, _) = Vault::open(MemoryStore::new(), NOW);
    let mut ann = learner("ann", "Annie");
    ann.avatar = waypoint_core::learner::Avatar::Dragon;
    other.put_learner(&ann, NOW).unwrap();
    other.append_attempt(&id("ann"), &attempt(NOW.0, "add.within-10", true), NOW).unwrap();
    let file = export_learner(other.store(), &id("ann"), "x", NOW).unwrap();
    let p = v.preview_import(&file).unwrap();
    assert_eq!(p.learners[0].freshness, Freshness::Diverged);
    v.apply_import(&p, ImportMode::Replace, NOW).unwrap();
    assert_eq!(v.history(&id("ann"), NOW).unwrap().0.attempts.len(), 1);
    assert_eq!(v.learner(&id("ann")).unwrap().name.as_str(), "Annie");
    assert_eq!(v.history(&id("bo"), NOW).unwrap().0.attempts.len(), 20, "Bo kept");
    let (reopened, notices) = Vault::open(MemoryStore::from_map(v.store().map.clone()), NOW);
    assert_eq!(reopened.device(), v.device(), "{notices:?}");
}

#[test]
fn import_failing_midway_for_quota_restores_the_store() {
    let (mut other, _) = Vault::open(MemoryStore::new(), NOW);
    other.put_learner(&learner("cy", "Cy"), NOW).unwrap();
    for k in 0..200 {
        other.append_attempt(&id("cy"), &attempt(NOW.0 - k * DAY / 3, "add.within-10", true), NOW).unwrap();
    }
    let file = export_device(other.store(), "x", NOW).unwrap();
    let (mut v, _) = Vault::open(store_with_data(), NOW);
    let logical_before = export_device(v.store(), "x", NOW).unwrap();
    let p = v.preview_import(&file).unwrap();
    let w = v.store().writes_so_far();
    v.store_mut().fail_write_at = Some(w + 4);
    let err = v.apply_import(&p, ImportMode::Merge, NOW).unwrap_err();
    assert_eq!(err.kind(), "quota");
    let logical_after = export_device(v.store(), "x", NOW).unwrap();
    let a: Value = serde_json::from_str(&logical_before).unwrap();
    let b: Value = serde_json::from_str(&logical_after).unwrap();
    assert_eq!(a["payload"], b["payload"]);
    assert!(v.device().learner(&id("cy")).is_none());
    assert!(!v.can_undo_import(), "nothing was imported, so nothing to undo");
}

#[test]
fn import_into_read_only_store_is_refused() {
    let mut s = MemoryStore::new();
    s.map.insert("waypoint:device".into(), "{\"format\":\"waypoint-device\",\"schema_version\":9}".into());
    let before = s.map.clone();
    let (mut v, _) = Vault::open(s, NOW);
    let err = v.preview_import(&valid_export()).unwrap_err();
    assert_eq!(err.kind(), "too-new");
    assert_eq!(v.store().map, before);
    assert_eq!(v.undo_import(Timestamp(0)).unwrap_err(), PersistError::ReadOnly);
}

#[test]
fn the_class_view_reads_students_from_exports_and_refuses_bad_files() {
    use waypoint_core::persistence::transfer::read_students;
    let students = read_students(&valid_export()).expect("a valid export");
    assert!(!students.is_empty());
    assert!(students.iter().all(|s| !s.learner.name.as_str().is_empty()));
    for (what, raw, _) in bad_imports() {
        assert!(read_students(&raw).is_err(), "{what} should be refused");
    }
}
