//! Browser tests (wasm-bindgen-test in headless Chromium) for the platform adapters.
//! Run: `make test-web`.
#![cfg(target_arch = "wasm32")]

use waypoint::platform::base::base_from_path;
use waypoint::platform::storage::LocalStore;
use waypoint::platform::{clock, random};
use waypoint_core::learner::{Avatar, GradeBand, NewLearner};
use waypoint_core::persistence::device::{DeviceData, LoadStatus, DEVICE_KEY, load_device, save_device};
use waypoint_core::persistence::{KeyValueStore, StoreError};
use waypoint_core::LearnerId;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn clear() {
    let mut s = LocalStore::open();
    for k in s.keys().unwrap() {
        s.remove(&k).unwrap();
    }
}

#[wasm_bindgen_test]
fn local_store_round_trips_and_lists_keys() {
    clear();
    let mut s = LocalStore::open();
    assert!(s.is_available());
    assert_eq!(s.get("t:a"), Ok(None));
    s.set("t:a", "1").unwrap();
    s.set("t:b", "ünïcødé ✓").unwrap();
    assert_eq!(s.get("t:b"), Ok(Some("ünïcødé ✓".to_string())));
    let mut keys = s.keys().unwrap();
    keys.sort();
    assert_eq!(keys, vec!["t:a".to_string(), "t:b".to_string()]);
    s.remove("t:a").unwrap();
    assert_eq!(s.get("t:a"), Ok(None));
    clear();
}

#[wasm_bindgen_test]
fn quota_errors_are_values_and_keep_what_was_stored() {
    clear();
    let mut s = LocalStore::open();
    s.set("t:keep", "safe").unwrap();
    // localStorage holds about 5 million UTF-16 units per origin: 6 million cannot fit.
    let huge = "x".repeat(6_000_000);
    assert_eq!(s.set("t:huge", &huge), Err(StoreError::QuotaExceeded));
    assert_eq!(s.get("t:keep"), Ok(Some("safe".to_string())));
    assert_eq!(s.get("t:huge"), Ok(None));
    clear();
}

#[wasm_bindgen_test]
fn device_record_survives_through_local_storage() {
    clear();
    let mut s = LocalStore::open();
    assert_eq!(load_device(&s).status, LoadStatus::Fresh);
    let learner = NewLearner { name: "  Ana  ".into(), avatar: Avatar::Owl, grade_band: GradeBand::K2 }
        .build(LearnerId::from_random(random::random_u64()), clock::now(), None)
        .unwrap();
    let data = DeviceData { learners: vec![learner], ..Default::default() };
    save_device(&mut s, &data).unwrap();
    let back = load_device(&LocalStore::open());
    assert_eq!(back.status, LoadStatus::Loaded);
    assert_eq!(back.data, data);
    assert_eq!(back.data.learners[0].name.as_str(), "Ana");
    // Garbage in storage: read-only, untouched.
    s.set(DEVICE_KEY, "{oops").unwrap();
    assert!(matches!(load_device(&s).status, LoadStatus::ReadOnly(_)));
    assert_eq!(s.get(DEVICE_KEY), Ok(Some("{oops".to_string())));
    clear();
}

#[wasm_bindgen_test]
fn clock_and_randomness_come_from_the_browser() {
    let now = clock::now();
    assert!(now.0 > 1_600_000_000_000, "a real date");
    let offset = clock::utc_offset_minutes(now);
    assert!((-14 * 60..=14 * 60).contains(&offset));
    assert_ne!(random::random_u64(), random::random_u64());
}

#[wasm_bindgen_test]
fn router_base_is_the_path_before_the_last_segment() {
    assert_eq!(base_from_path("/"), "");
    assert_eq!(base_from_path("/home"), "");
    assert_eq!(base_from_path("/waypoint/"), "/waypoint");
    assert_eq!(base_from_path("/waypoint/home"), "/waypoint");
    assert_eq!(base_from_path("/a/b/practice"), "/a/b");
}
