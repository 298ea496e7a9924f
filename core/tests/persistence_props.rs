//! Property tests: export/import round trips exactly; every fixture climbs the ladder
//! with unknown fields kept; random damage to any stored key never panics and never
//! costs another key; two tabs saving and tidying in turn lose nothing.

mod common;

use common::*;
use proptest::prelude::*;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use waypoint_core::attempt::{Attempt, PracticeMode};
use waypoint_core::persistence::schema::{CURRENT_SCHEMA, MIN_SCHEMA};
use waypoint_core::persistence::{ImportMode, MemoryStore, Notice, Vault, codec, export_device, slot};
use waypoint_core::{SkillId, Timestamp};

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e12f64..1e12).prop_map(|f| json!(f)),
        "[a-zA-Z0-9 éñ<>\"\\\\]{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..5).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn attempt_strategy() -> impl Strategy<Value = Attempt> {
    (0i64..400 * DAY, 0usize..4, 0u8..=6, any::<bool>(), 0u32..2_000_000, 0u8..5, 0usize..4).prop_map(|(dt, s, level, correct, ms, hints, mode)| Attempt {
        at: Timestamp(NOW.0 - dt),
        skill: SkillId::parse(["add.within-10", "frac.unit", "geom.shapes", "mult.facts-2-5"][s]).unwrap(),
        level,
        correct,
        response_ms: ms,
        hints_used: hints,
        mode: [PracticeMode::Blocked, PracticeMode::Mixed, PracticeMode::Review, PracticeMode::Placement][mode],
    })
}

#[derive(Debug, Clone)]
struct LearnerCase {
    sections: BTreeMap<String, Value>,
    attempts: Vec<Attempt>,
}

fn learner_case() -> impl Strategy<Value = LearnerCase> {
    (prop::collection::btree_map("[a-z]{1,6}", json_value(), 0..4), prop::collection::vec(attempt_strategy(), 0..90)).prop_map(|(sections, attempts)| LearnerCase { sections, attempts })
}

fn build(cases: &[LearnerCase], compact: bool) -> Vault<MemoryStore> {
    let (mut v, _) = Vault::open(MemoryStore::new(), NOW);
    for (i, c) in cases.iter().enumerate() {
        let lid = format!("l{i}");
        v.put_learner(&learner(&lid, &format!("Kid {i}")), NOW).unwrap();
        let changes: Vec<(String, Value)> = c.sections.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        v.save_sections(&id(&lid), &changes, NOW).unwrap();
        // Distinct (second, skill) identities, so every answer has a place of its own.
        for a in codec::set_of(&c.attempts).values() {
            v.append_attempt(&id(&lid), a, NOW).unwrap();
        }
        if compact {
            v.compact_history(&id(&lid), NOW, 6, 0).unwrap();
        }
    }
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn export_then_import_round_trips_exactly(cases in prop::collection::vec(learner_case(), 1..4), compact in any::<bool>()) {
        let v = build(&cases, compact);
        let file = export_device(v.store(), "9.9.9", NOW).unwrap();
        let (mut fresh, _) = Vault::open(MemoryStore::new(), NOW);
        let p = fresh.preview_import(&file).unwrap();
        fresh.apply_import(&p, ImportMode::Replace, NOW).unwrap();
        let again = export_device(fresh.store(), "9.9.9", NOW).unwrap();
        let (a, b): (Value, Value) = (serde_json::from_str(&file).unwrap(), serde_json::from_str(&again).unwrap());
        prop_assert_eq!(&a["payload"], &b["payload"]);
        prop_assert_eq!(fresh.device(), v.device());
        let mut v = v;
        for (i, c) in cases.iter().enumerate() {
            let lid = id(&format!("l{i}"));
            for (name, data) in &c.sections {
                prop_assert_eq!(fresh.section(&lid, name), Some(data));
            }
            let (h1, _) = v.history(&lid, NOW).unwrap();
            let (h2, _) = fresh.history(&lid, NOW).unwrap();
            prop_assert_eq!(&h1, &h2);
            // Nothing but normalisation happened to the attempts.
            let stored: usize = h1.attempts.len() + h1.daily.iter().map(|d| d.attempts as usize).sum::<usize>();
            prop_assert_eq!(stored, codec::set_of(&c.attempts).len());
        }
    }

    #[test]
    fn every_fixture_climbs_to_current_keeping_unknown_fields(extra in prop::collection::btree_map("x[a-z]{1,6}", json_value(), 0..4), version in MIN_SCHEMA..=CURRENT_SCHEMA) {
        let text = std::fs::read_to_string(format!("{}/tests/fixtures/store-v{version}.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let mut map: BTreeMap<String, String> = serde_json::from_str(&text).unwrap();
        let add_extras = |dev: &mut Value| {
            for (k, v) in &extra {
                dev[k] = v.clone();
                dev["learners"][0][k] = v.clone();
                dev["settings"][k] = v.clone();
            }
        };
        let pointer = map["waypoint:device"].clone();
        if pointer.starts_with('{') {
            // Schema 1 stored the device record as plain JSON under its name.
            let mut dev: Value = serde_json::from_str(&pointer).unwrap();
            add_extras(&mut dev);
            map.insert("waypoint:device".into(), dev.to_string());
        } else {
            // Later: the current generation ("<crc>.<saved_at>.<json>"), sealed again, and
            // the pointer ("wpN:<current>:<previous>:<crc>") given its new CRC.
            let mut fields: Vec<String> = pointer.split(':').map(String::from).collect();
            let key = format!("waypoint:device@{}", fields[1]);
            let (saved_at, body) = slot::open_generation(&map[&key]).map(|(at, b)| (at, b.to_string())).unwrap();
            let mut dev: Value = serde_json::from_str(&body).unwrap();
            add_extras(&mut dev);
            let sealed = slot::seal_generation(saved_at, &dev.to_string());
            fields[3] = sealed[..8].to_string();
            map.insert(key, sealed);
            map.insert("waypoint:device".into(), fields.join(":"));
        }
        let (mut vault, notices) = Vault::open(MemoryStore::from_map(map), NOW);
        prop_assert!(vault.read_only().is_none(), "v{}: {:?}", version, notices);
        prop_assert!(!notices.iter().any(|n| matches!(n, Notice::Recovered(_))), "v{}: the edited fixture reads as intact: {:?}", version, notices);
        prop_assert_eq!(vault.device().learners.len(), 2);
        // Write through, then read the stored record back: current schema, extras kept.
        vault.put_learner(&learner("cy", "Cy"), NOW).unwrap();
        let (reopened, _) = Vault::open(MemoryStore::from_map(vault.store().map.clone()), NOW);
        prop_assert_eq!(reopened.device().learners.len(), 3);
        let ptr = vault.store().map["waypoint:device"].clone();
        let gen_no = ptr.split(':').nth(1).unwrap().to_string();
        let raw = vault.store().map[&format!("waypoint:device@{gen_no}")].clone();
        let body: Value = serde_json::from_str(raw.splitn(3, '.').nth(2).unwrap()).unwrap();
        prop_assert_eq!(&body["schema_version"], &json!(CURRENT_SCHEMA));
        for (k, v) in &extra {
            prop_assert_eq!(&body[k], v);
            prop_assert_eq!(&body["learners"][0][k], v);
            prop_assert_eq!(&body["settings"][k], v);
        }
    }

}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_damage_to_one_key_never_panics_nor_costs_another(pick in any::<prop::sample::Index>(), how in 0u8..6, pos in any::<prop::sample::Index>(), junk in "[ -~]{0,12}") {
        let store = populated(60).into_store();
        let keys: Vec<String> = store.map.keys().cloned().collect();
        let key = pick.get(&keys).clone();
        let mut map = store.map.clone();
        let old = map[&key].clone();
        let cut = pos.index(old.len() + 1);
        let cut = (0..=cut).rev().find(|i| old.is_char_boundary(*i)).unwrap_or(0);
        match how {
            0 => { map.remove(&key); }
            1 => { map.insert(key.clone(), old[..cut].to_string()); }
            2 => { map.insert(key.clone(), format!("{}{junk}{}", &old[..cut], &old[cut..])); }
            3 => { map.insert(key.clone(), junk.clone()); }
            4 => { map.insert(key.clone(), old.replace(|c: char| c.is_ascii_digit(), "7")); }
            _ => { map.insert(key.clone(), String::new()); }
        }
        let (mut v, _) = Vault::open(MemoryStore::from_map(map.clone()), NOW);
        let mut got = BTreeMap::new();
        for who in ["ann", "bo"] {
            if let Ok((h, _)) = v.history(&id(who), NOW) {
                got.insert(who, h.attempts);
            }
        }
        // The slot the damaged key belongs to may fall back; every other key is intact.
        let slot_of = |k: &str| k.rsplit_once('@').filter(|(_, g)| g.parse::<u64>().is_ok()).map_or(k.to_string(), |(s, _)| s.to_string());
        let damaged_slot = slot_of(&key);
        for (k, val) in &store.map {
            if slot_of(k) != damaged_slot {
                prop_assert_eq!(v.store().map.get(k), Some(val), "{} lost after damaging {}", k, key);
            }
        }
        // Damage that reads as "written by a newer version" makes everything read-only:
        // then nothing at all may have been written.
        if v.read_only().is_some() {
            prop_assert_eq!(&v.store().map, &map);
            return Ok(());
        }
        // Every attempt outside the damaged slot is still readable.
        let before = Vault::open(MemoryStore::from_map(store.map.clone()), NOW).0;
        let mut before = before;
        for who in ["ann", "bo"] {
            let (h, _) = before.history(&id(who), NOW).unwrap();
            let after = got.get(who).cloned().unwrap_or_default();
            let damaged_month = match waypoint_core::persistence::keys::kind(&damaged_slot) {
                waypoint_core::persistence::SlotKind::History(l, m) if l.as_str() == who => Some(m),
                waypoint_core::persistence::SlotKind::Tail(l) if l.as_str() == who => Some(0),
                _ => None,
            };
            for a in &h.attempts {
                let in_damaged = damaged_month.is_some_and(|m| m == 0 || codec::month_of(a.at) == m);
                prop_assert!(in_damaged || after.contains(a), "lost {:?} after damaging {}", a, key);
            }
        }
    }
}

/// One step of two tabs taking turns on one learner: an answer, a section saved, storage
/// tidied (`Vault::tidy`, as after an answer's feedback), or the tab reopened.
#[derive(Debug, Clone)]
enum Turn {
    Append(Attempt),
    Save(usize, usize),
    Tidy,
    Reopen,
}

fn turn() -> impl Strategy<Value = (bool, Turn)> {
    let t = prop_oneof![
        2 => attempt_strategy().prop_map(Turn::Append),
        // Answers a fraction of a second apart on two skills: identities (second, skill) meet.
        2 => (0i64..4_000, any::<bool>(), any::<bool>()).prop_map(|(ms, s, c)| Turn::Append(attempt(NOW.0 + ms, if s { "add.within-10" } else { "frac.unit" }, c))),
        3 => (0usize..4, 0usize..600).prop_map(|(s, len)| Turn::Save(s, len)),
        3 => Just(Turn::Tidy),
        1 => Just(Turn::Reopen),
    ];
    (any::<bool>(), t)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    /// Saves go by patches and tidying folds them and files the answers, while two tabs
    /// take turns: after every turn, every answer either tab saved is stored as the vault
    /// returned it (under an identity of its own) and every section holds the value last
    /// saved.
    #[test]
    fn two_tabs_saving_and_tidying_in_turn_lose_nothing(turns in prop::collection::vec(turn(), 1..60)) {
        let (mut first, _) = Vault::open(MemoryStore::new(), NOW);
        first.put_learner(&learner("ann", "Ann"), NOW).unwrap();
        // A record long enough (about 13,000 characters) for its patch to grow past what
        // tidying folds (1,024) before a save would fold it (half the record).
        let notes: Vec<String> = (0..1000).map(|i| format!("n{i:04}")).collect();
        first.save_sections(&id("ann"), &[("notes".into(), json!(notes))], NOW).unwrap();
        let mut shared = first.into_store().map;
        let mut sections: BTreeMap<String, Value> = [("notes".to_string(), json!(notes))].into();
        let open = |map: &BTreeMap<String, String>| {
            let (mut v, _) = Vault::open(MemoryStore::from_map(map.clone()), NOW);
            v.set_patch_from_chars(0);
            v
        };
        let mut tabs = [open(&shared), open(&shared)];
        let mut answers = BTreeMap::new();
        for (k, (which, t)) in turns.into_iter().enumerate() {
            let tab = &mut tabs[usize::from(which)];
            tab.store_mut().map = shared.clone();
            match t {
                Turn::Append(a) => {
                    let stored = tab.append_attempt(&id("ann"), &a, NOW).unwrap().stored;
                    answers.insert(codec::key_of(&stored), stored);
                }
                Turn::Save(s, len) => {
                    let name = format!("s{s}");
                    let value = json!({"k": k, "text": "x".repeat(len)});
                    tab.save_sections(&id("ann"), &[(name.clone(), value.clone())], NOW).unwrap();
                    sections.insert(name, value);
                }
                Turn::Tidy => {
                    tab.tidy(&id("ann"), NOW).unwrap();
                }
                Turn::Reopen => *tab = open(&shared),
            }
            shared = tab.store().map.clone();
            let (mut v, notices) = Vault::open(MemoryStore::from_map(shared.clone()), NOW);
            prop_assert!(notices.iter().all(|n| !matches!(n, Notice::Recovered(_))), "turn {}: {:?}", k, notices);
            for (name, value) in &sections {
                prop_assert_eq!(v.section(&id("ann"), name), Some(value), "turn {}: {}", k, name);
            }
            let (h, _) = v.history(&id("ann"), NOW).unwrap();
            let got: BTreeMap<_, _> = h.attempts.iter().map(|a| (codec::key_of(a), a.clone())).collect();
            prop_assert_eq!(&got, &answers, "turn {}", k);
        }
    }
}
