//! The device record as the start screen sees it: which learners exist on this device, in
//! which order, and the device-wide settings. `load_device`/`save_device` are the simple
//! entry points the app started with; they go through `Vault`, so they get crash-safe
//! generations, recovery and the schema ladder too. Must not import browser crates.

use super::store::KeyValueStore;
use super::vault::{Vault, peek_device};
use super::{Notice, PersistError};
use crate::learner::Learner;
use crate::{Lang, LearnerId, Timestamp};
use serde::{Deserialize, Serialize};

/// The device record's slot (pointer key); schema 1 stored the whole record here.
pub const DEVICE_KEY: &str = super::keys::DEVICE;

/// Device-wide settings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeviceSettings {
    /// The language chosen on the start screen; `None` follows the browser.
    #[serde(default)]
    pub language: Option<Lang>,
    /// The opt-in weekly family goal (off unless a grown-up switches it on).
    #[serde(default, skip_serializing_if = "is_off")]
    pub family_goal: crate::motivation::FamilyGoal,
    /// The grown-ups' area PIN (salted hash), if one was set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grownups_pin: Option<crate::profile::PinHash>,
}

fn is_off(g: &crate::motivation::FamilyGoal) -> bool {
    *g == crate::motivation::FamilyGoal::default()
}

/// Everything the start screen needs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeviceData {
    /// Learners in the order their cards are shown.
    #[serde(default)]
    pub learners: Vec<Learner>,
    #[serde(default)]
    pub settings: DeviceSettings,
}

impl DeviceData {
    pub fn learner(&self, id: &LearnerId) -> Option<&Learner> {
        self.learners.iter().find(|l| &l.id == id)
    }
}

/// How the stored device record was found.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadStatus {
    /// Nothing stored yet: a new device.
    Fresh,
    /// Read and, if needed, migrated or recovered (see the notices).
    Loaded,
    /// Stored data could not be used as it is; it is left untouched and nothing is saved
    /// over it until the person decides (export it, or start again).
    ReadOnly(PersistError),
}

#[derive(Debug, Clone, PartialEq)]
pub struct DeviceLoad {
    pub data: DeviceData,
    pub status: LoadStatus,
    /// Recoveries and upgrades found while reading (nothing is repaired by this read).
    pub notices: Vec<Notice>,
}

/// Reads the device record without writing anything. Never fails: problems come back as
/// `LoadStatus::ReadOnly` with whatever could be salvaged.
pub fn load_device(store: &dyn KeyValueStore) -> DeviceLoad {
    let super::vault::DevicePeek { data, status, notices, .. } = peek_device(store);
    let status = match status {
        Ok(false) => LoadStatus::Fresh,
        Ok(true) => LoadStatus::Loaded,
        Err(e) => LoadStatus::ReadOnly(e),
    };
    DeviceLoad { data, status, notices }
}

/// Writes the learner cards and settings. Refuses (`PersistError::ReadOnly`) when the
/// stored data is from a newer version or unreadable, so it is never written over.
/// Prefer `Vault::save_device`, which also records when the copy was saved.
pub fn save_device(store: &mut dyn KeyValueStore, data: &DeviceData) -> Result<(), PersistError> {
    save_device_at(store, data, Timestamp(0))
}

/// `save_device` with the time of saving (shown when a later recovery uses this copy).
pub fn save_device_at(store: &mut dyn KeyValueStore, data: &DeviceData, now: Timestamp) -> Result<(), PersistError> {
    let (mut vault, _) = Vault::open(store, now);
    vault.save_device(data, now).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learner::{Avatar, GradeBand, LearnerName};
    use crate::persistence::MemoryStore;
    use crate::Timestamp;

    fn learner(id: &str, name: &str) -> Learner {
        Learner {
            id: LearnerId::parse(id).unwrap(),
            name: LearnerName::parse(name).unwrap(),
            avatar: Avatar::Owl,
            grade_band: GradeBand::K2,
            language: None,
            created_at: Timestamp(1),
        }
    }

    #[test]
    fn fresh_then_round_trip_keeps_order() {
        let mut s = MemoryStore::new();
        assert_eq!(load_device(&s).status, LoadStatus::Fresh);
        let data = DeviceData { learners: vec![learner("b", "Bo"), learner("a", "Ann")], settings: DeviceSettings { language: Some(Lang::Es), ..DeviceSettings::default() } };
        save_device(&mut s, &data).unwrap();
        let back = load_device(&s);
        assert_eq!(back.status, LoadStatus::Loaded);
        assert_eq!(back.data, data);
    }

    #[test]
    fn garbage_is_read_only_and_untouched() {
        let mut s = MemoryStore::new();
        s.set(DEVICE_KEY, "{not json").unwrap();
        let l = load_device(&s);
        assert!(matches!(l.status, LoadStatus::ReadOnly(PersistError::NotJson(_))));
        assert_eq!(s.get(DEVICE_KEY).unwrap().as_deref(), Some("{not json"));
        assert_eq!(save_device(&mut s, &DeviceData::default()), Err(PersistError::ReadOnly));
        assert_eq!(s.map.len(), 1);
    }

    #[test]
    fn newer_version_is_read_only_but_shows_learners() {
        let mut s = MemoryStore::new();
        let raw = format!(
            r#"{{"format":"{}","schema_version":999,"learners":[{{"id":"a","name":"Ann"}}],"hologram":true}}"#,
            crate::persistence::schema::DEVICE_FORMAT
        );
        s.set(DEVICE_KEY, &raw).unwrap();
        let l = load_device(&s);
        assert!(matches!(l.status, LoadStatus::ReadOnly(PersistError::TooNew { found: 999, .. })));
        assert_eq!(l.data.learners.len(), 1);
        assert_eq!(s.get(DEVICE_KEY).unwrap(), Some(raw.clone()));
        assert_eq!(save_device(&mut s, &l.data), Err(PersistError::ReadOnly));
        assert_eq!(s.get(DEVICE_KEY).unwrap(), Some(raw));
        assert_eq!(s.map.len(), 1);
    }
}
