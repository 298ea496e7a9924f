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
fn set_and_check_compares_in_the_browser_like_set_then_get() {
    clear();
    let mut s = LocalStore::open();
    assert_eq!(s.set_and_check("t:a", "ünïcødé ✓ 1"), Ok(true));
    assert_eq!(s.get("t:a"), Ok(Some("ünïcødé ✓ 1".to_string())));
    // Replacing a value, and a key that looks like a number, behave as setItem does.
    assert_eq!(s.set_and_check("t:a", "2"), Ok(true));
    assert_eq!(s.get("t:a"), Ok(Some("2".to_string())));
    assert_eq!(s.set_and_check("12", ""), Ok(true));
    assert_eq!(s.get("12"), Ok(Some(String::new())));
    // A full quota is the same value as from `set`, and nothing stored is touched.
    let huge = "x".repeat(6_000_000);
    assert_eq!(s.set_and_check("t:huge", &huge), Err(StoreError::QuotaExceeded));
    assert_eq!(s.get("t:huge"), Ok(None));
    assert_eq!(s.get("t:a"), Ok(Some("2".to_string())));
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

/// localStorage with faults injected, to prove the vault's behaviour in a real browser:
/// quota full on the Nth write, storage unavailable.
struct FaultyStore {
    inner: LocalStore,
    writes: u32,
    fail_write_at: Option<u32>,
    unavailable: bool,
}

impl KeyValueStore for FaultyStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        if self.unavailable { return Err(StoreError::Unavailable) }
        self.inner.get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        if self.unavailable { return Err(StoreError::Unavailable) }
        self.writes += 1;
        if self.fail_write_at == Some(self.writes) { return Err(StoreError::QuotaExceeded) }
        self.inner.set(key, value)
    }
    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        if self.unavailable { return Err(StoreError::Unavailable) }
        self.inner.remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        if self.unavailable { return Err(StoreError::Unavailable) }
        self.inner.keys()
    }
}

fn snapshot() -> Vec<(String, Option<String>)> {
    let s = LocalStore::open();
    let mut keys = s.keys().unwrap();
    keys.sort();
    keys.into_iter().map(|k| { let v = s.get(&k).unwrap(); (k, v) }).collect()
}

/// Puts localStorage back to a `snapshot`.
fn put_back(snapshot: &[(String, Option<String>)]) {
    clear();
    let mut s = LocalStore::open();
    for (k, v) in snapshot {
        if let Some(v) = v {
            s.set(k, v).unwrap();
        }
    }
}

fn learner_named(name: &str) -> waypoint_core::learner::Learner {
    NewLearner { name: name.into(), avatar: Avatar::Bee, grade_band: GradeBand::G35 }
        .build(LearnerId::from_random(random::random_u64()), clock::now(), None)
        .unwrap()
}

#[wasm_bindgen_test]
fn vault_over_local_storage_survives_quota_on_every_write() {
    use waypoint_core::persistence::{PersistError, Vault};
    clear();
    let (mut v, _) = Vault::open(LocalStore::open(), clock::now());
    let ana = learner_named("Ana");
    v.put_learner(&ana, clock::now()).unwrap();
    let good = snapshot();
    // Fail each write in turn while adding a second learner: whatever fails, the error is
    // the quota's, the first learner stays readable, nothing stored before is lost, and the
    // second learner is either wholly there or not at all.
    let mut refused = 0;
    for n in 1..=6 {
        let store = FaultyStore { inner: LocalStore::open(), writes: 0, fail_write_at: Some(n), unavailable: false };
        let (mut v, _) = Vault::open(store, clock::now());
        let ben = learner_named("Ben");
        let result = v.put_learner(&ben, clock::now());
        let (reread, notices) = Vault::open(LocalStore::open(), clock::now());
        assert!(reread.read_only().is_none(), "write {n} failed: {notices:?}");
        assert!(reread.device().learners.iter().any(|l| l.name.as_str() == "Ana"), "write {n} failed: Ana lost");
        match result {
            Err(e) => {
                refused += 1;
                assert_eq!(e, PersistError::Store(StoreError::QuotaExceeded), "write {n}");
                // Ben is on the device's list only if his own record is there too.
                if reread.device().learners.iter().any(|l| l.id == ben.id) {
                    assert!(reread.learner_record(&ben.id).is_some(), "write {n}: Ben listed without his record");
                }
                for (k, value) in &good {
                    if !k.starts_with("waypoint:device") && !k.contains(ben.id.as_str()) {
                        assert_eq!(&LocalStore::open().get(k).unwrap(), value, "write {n}: {k} changed");
                    }
                }
            }
            Ok(_) => assert!(reread.device().learners.iter().any(|l| l.id == ben.id), "write {n}: saved, yet Ben is missing"),
        }
        put_back(&good);
    }
    assert!(refused > 0, "some write of adding a learner was refused");
    // The same for an answer: a refused append keeps every answer stored before it.
    let ana_id = ana.id.clone();
    let answer = |k: i64| waypoint_core::attempt::Attempt {
        at: waypoint_core::Timestamp(clock::now().0 + k * 60_000),
        skill: waypoint_core::SkillId::parse("add.within-10").unwrap(),
        level: 2,
        correct: k % 2 == 0,
        response_ms: 4000,
        hints_used: 0,
        mode: waypoint_core::attempt::PracticeMode::Mixed,
    };
    let (mut v, _) = Vault::open(LocalStore::open(), clock::now());
    for k in 0..3 {
        v.append_attempt(&ana_id, &answer(k), clock::now()).unwrap();
    }
    let before = snapshot();
    let stored = |v: &mut Vault<LocalStore>| v.history(&ana_id, clock::now()).map(|(h, _)| h.attempts.len()).unwrap_or(0);
    for n in 1..=3 {
        let store = FaultyStore { inner: LocalStore::open(), writes: 0, fail_write_at: Some(n), unavailable: false };
        let (mut v, _) = Vault::open(store, clock::now());
        let result = v.append_attempt(&ana_id, &answer(10), clock::now());
        let (mut reread, _) = Vault::open(LocalStore::open(), clock::now());
        let count = stored(&mut reread);
        match result {
            Err(_) => assert_eq!(count, 3, "write {n} refused: the three answers before it are kept"),
            Ok(_) => assert_eq!(count, 4, "write {n}"),
        }
        put_back(&before);
    }
    clear();
}

#[wasm_bindgen_test]
fn vault_with_unavailable_or_corrupt_storage_never_panics() {
    use waypoint_core::persistence::{PersistError, Vault};
    use waypoint_core::persistence::keys::QUARANTINE_PREFIX;
    clear();
    let store = FaultyStore { inner: LocalStore::open(), writes: 0, fail_write_at: None, unavailable: true };
    let (mut v, _) = Vault::open(store, clock::now());
    // Opened read-only, saying why; a save is refused as such.
    assert_eq!(v.read_only(), Some(&PersistError::Store(StoreError::Unavailable)));
    assert_eq!(v.put_learner(&learner_named("Cy"), clock::now()).err(), Some(PersistError::ReadOnly));
    // A corrupt value: recovered and reported, its bytes kept aside.
    let (mut v, _) = Vault::open(LocalStore::open(), clock::now());
    v.put_learner(&learner_named("Di"), clock::now()).unwrap();
    let mut s = LocalStore::open();
    let gen_key = s.keys().unwrap().into_iter().find(|k| k.starts_with("waypoint:device@")).unwrap();
    s.set(&gen_key, "garbage").unwrap();
    let (v, notices) = Vault::open(LocalStore::open(), clock::now());
    assert!(notices.iter().any(|n| matches!(n, waypoint_core::persistence::Notice::Recovered(_))), "the damage is reported: {notices:?}");
    assert!(v.device().learners.iter().any(|l| l.name.as_str() == "Di"), "rebuilt from the learner's own record");
    let kept = s.keys().unwrap().into_iter().filter(|k| k.starts_with(QUARANTINE_PREFIX)).filter_map(|k| s.get(&k).unwrap()).collect::<Vec<_>>();
    assert!(kept.iter().any(|bytes| bytes.contains("garbage")), "the bad bytes are kept aside: {kept:?}");
    // A missing key (the device's pointer gone): what its generations hold is found again.
    s.remove(DEVICE_KEY).unwrap();
    let (v, notices) = Vault::open(LocalStore::open(), clock::now());
    assert!(v.read_only().is_none(), "{notices:?}");
    assert!(v.device().learners.iter().any(|l| l.name.as_str() == "Di"), "Di is still there: {notices:?}");
    clear();
}

/// Waits for one `try_hold` answer.
async fn hold(name: &str) -> waypoint::platform::locks::LockOutcome {
    let (tx, rx) = futures_channel_once();
    waypoint::platform::locks::try_hold(name, tx);
    rx.await
}

/// A one-shot channel from a callback to an async test, on a JS promise.
fn futures_channel_once() -> (impl FnOnce(waypoint::platform::locks::LockOutcome), impl std::future::Future<Output = waypoint::platform::locks::LockOutcome>) {
    use std::cell::RefCell;
    use std::rc::Rc;
    let slot: Rc<RefCell<Option<waypoint::platform::locks::LockOutcome>>> = Rc::new(RefCell::new(None));
    let mut resolve_fn = None;
    let promise = js_sys::Promise::new(&mut |resolve, _| resolve_fn = Some(resolve));
    let tx = {
        let slot = slot.clone();
        move |o| {
            *slot.borrow_mut() = Some(o);
            if let Some(r) = resolve_fn {
                let _ = r.call0(&wasm_bindgen::JsValue::NULL);
            }
        }
    };
    let rx = async move {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        slot.borrow_mut().take().expect("the lock callback ran")
    };
    (tx, rx)
}

#[wasm_bindgen_test]
async fn a_learner_lock_is_held_by_one_holder_until_released() {
    use waypoint::platform::locks::LockOutcome;
    let name = "waypoint:test:lock";
    let first = hold(name).await;
    assert!(matches!(first, LockOutcome::Held(_)), "the first ask holds the lock");
    assert!(matches!(hold(name).await, LockOutcome::Busy), "a second ask is told it is taken");
    drop(first);
    // Releasing settles a promise; give the lock manager a turn.
    let _ = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL)).await;
    let mut again = hold(name).await;
    for _ in 0..20 {
        if matches!(again, LockOutcome::Held(_)) {
            break;
        }
        let _ = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::new(&mut |r, _| {
            let _ = web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&r, 10);
        }))
        .await;
        again = hold(name).await;
    }
    assert!(matches!(again, LockOutcome::Held(_)), "released on drop");
}
