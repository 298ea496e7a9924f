//! The device record: which learners exist on this device, in which order, and the
//! device-wide settings. Stored as one versioned envelope under `DEVICE_KEY`.

use super::{PersistError, schema};
use super::store::KeyValueStore;
use crate::learner::Learner;
use crate::{Lang, LearnerId};
use serde::{Deserialize, Serialize};

pub const DEVICE_KEY: &str = "waypoint:device";

/// Device-wide settings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeviceSettings {
    /// The language chosen on the start screen; `None` follows the browser.
    #[serde(default)]
    pub language: Option<Lang>,
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
    /// Read and, if needed, migrated.
    Loaded,
    /// Stored data could not be used as it is; it is left untouched and nothing is saved
    /// over it until the person decides (export it, or start again).
    ReadOnly(PersistError),
}

#[derive(Debug, Clone, PartialEq)]
pub struct DeviceLoad {
    pub data: DeviceData,
    pub status: LoadStatus,
}

/// Reads the device record. Never fails: problems come back as `LoadStatus::ReadOnly`
/// with whatever could be salvaged.
pub fn load_device(store: &dyn KeyValueStore) -> DeviceLoad {
    let raw = match store.get(DEVICE_KEY) {
        Ok(Some(raw)) => raw,
        Ok(None) => return DeviceLoad { data: DeviceData::default(), status: LoadStatus::Fresh },
        Err(e) => return DeviceLoad { data: DeviceData::default(), status: LoadStatus::ReadOnly(e.into()) },
    };
    match schema::open(&raw, schema::DEVICE_FORMAT).and_then(|body| {
        serde_json::from_value::<DeviceData>(body).map_err(|e| PersistError::Invalid(e.to_string()))
    }) {
        Ok(data) => DeviceLoad { data, status: LoadStatus::Loaded },
        Err(e) => DeviceLoad { data: salvage(&raw), status: LoadStatus::ReadOnly(e) },
    }
}

/// Best effort for data we must not write over (for example from a newer version):
/// show the learners we can read, so the device is not empty, while staying read-only.
fn salvage(raw: &str) -> DeviceData {
    let Ok(v) = serde_json::from_str::<serde_json::Value>(raw) else { return DeviceData::default() };
    let learners = v
        .get("learners")
        .and_then(|l| l.as_array())
        .map(|items| items.iter().filter_map(|i| serde_json::from_value::<Learner>(i.clone()).ok()).collect())
        .unwrap_or_default();
    DeviceData { learners, settings: DeviceSettings::default() }
}

/// Writes the device record in the current schema.
pub fn save_device(store: &mut dyn KeyValueStore, data: &DeviceData) -> Result<(), PersistError> {
    let text = schema::seal(schema::DEVICE_FORMAT, data)?;
    store.set(DEVICE_KEY, &text)?;
    Ok(())
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
        let data = DeviceData { learners: vec![learner("b", "Bo"), learner("a", "Ann")], settings: DeviceSettings { language: Some(Lang::Es) } };
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
    }

    #[test]
    fn newer_version_is_read_only_but_shows_learners() {
        let mut s = MemoryStore::new();
        let raw = format!(
            r#"{{"format":"{}","schema_version":999,"learners":[{{"id":"a","name":"Ann"}}],"hologram":true}}"#,
            schema::DEVICE_FORMAT
        );
        s.set(DEVICE_KEY, &raw).unwrap();
        let l = load_device(&s);
        assert!(matches!(l.status, LoadStatus::ReadOnly(PersistError::TooNew { found: 999, .. })));
        assert_eq!(l.data.learners.len(), 1);
        assert_eq!(s.get(DEVICE_KEY).unwrap(), Some(raw));
    }
}
