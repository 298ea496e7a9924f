//! The key layout in the store. Owns key names only; must not touch the store.
//!
//! ```text
//! waypoint:device                      pointer to the device record (learner cards, settings)
//! waypoint:device@7                    a generation: "<crc32>.<saved_at>.<body>"
//! waypoint:learner:<id>                pointer to the learner's hot record (named JSON sections)
//! waypoint:learner:<id>:patch          what changed in the hot record since it was written whole
//! waypoint:learner:<id>:tail           the latest attempts (small, rewritten per attempt)
//! waypoint:learner:<id>:h:<YYYYMM>     one month of attempt history (compact text)
//! waypoint:learner:<id>:daily          per-skill daily aggregates of compacted history
//! waypoint:undo                        the device as it was before the last import
//! waypoint:quarantine:<ms>:<n>         damaged bytes kept aside for export
//! ```
//! Every slot (all but quarantine) is a pointer key plus one or two `@<gen>` generations.

use crate::LearnerId;

pub const PREFIX: &str = "waypoint:";
pub const DEVICE: &str = "waypoint:device";
pub const UNDO: &str = "waypoint:undo";
pub const QUARANTINE_PREFIX: &str = "waypoint:quarantine:";
const LEARNER_PREFIX: &str = "waypoint:learner:";

/// Characters a month chunk costs in keys and its pointer, beyond its body (an 8-letter id).
pub const CHUNK_KEY_CHARS: usize = 2 * "waypoint:learner:abcdefgh:h:202611".len() + "@12".len() + "wp2:12:11:01234567".len();

pub fn learner(id: &LearnerId) -> String {
    format!("{LEARNER_PREFIX}{id}")
}
pub fn patch(id: &LearnerId) -> String {
    format!("{LEARNER_PREFIX}{id}:patch")
}
pub fn tail(id: &LearnerId) -> String {
    format!("{LEARNER_PREFIX}{id}:tail")
}
pub fn chunk(id: &LearnerId, month: u32) -> String {
    format!("{LEARNER_PREFIX}{id}:h:{month}")
}
pub fn daily(id: &LearnerId) -> String {
    format!("{LEARNER_PREFIX}{id}:daily")
}
pub fn generation(slot: &str, gen_no: u64) -> String {
    format!("{slot}@{gen_no}")
}

/// What a key holds, for notices and for listing a learner's keys.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum SlotKind {
    Device,
    Undo,
    Learner(LearnerId),
    /// The hot record's changes since its last whole copy (`patch`).
    Patch(LearnerId),
    Tail(LearnerId),
    History(LearnerId, u32),
    Daily(LearnerId),
    Quarantine,
    /// Not ours (another app on the origin) or unrecognised.
    Other,
}

/// Splits `slot@gen` into the slot and generation number.
pub fn split_generation(key: &str) -> Option<(&str, u64)> {
    let (slot, g) = key.rsplit_once('@')?;
    let n = g.parse::<u64>().ok()?;
    Some((slot, n))
}

/// What any stored key (a pointer or one of its `@gen` generations) belongs to; the app
/// uses it to decide what a `storage` event from another tab changed.
pub fn slot_of(key: &str) -> SlotKind {
    kind(split_generation(key).map_or(key, |(s, _)| s))
}

/// What a slot key (without `@gen`) is.
pub fn kind(slot: &str) -> SlotKind {
    if slot == DEVICE {
        return SlotKind::Device;
    }
    if slot == UNDO {
        return SlotKind::Undo;
    }
    if slot.starts_with(QUARANTINE_PREFIX) {
        return SlotKind::Quarantine;
    }
    let Some(rest) = slot.strip_prefix(LEARNER_PREFIX) else { return SlotKind::Other };
    let mut parts = rest.split(':');
    let Some(id) = parts.next().and_then(LearnerId::parse) else { return SlotKind::Other };
    match (parts.next(), parts.next(), parts.next()) {
        (None, _, _) => SlotKind::Learner(id),
        (Some("tail"), None, _) => SlotKind::Tail(id),
        (Some("patch"), None, _) => SlotKind::Patch(id),
        (Some("daily"), None, _) => SlotKind::Daily(id),
        (Some("h"), Some(m), None) => match m.parse::<u32>() {
            Ok(month) if m.len() == 6 => SlotKind::History(id, month),
            _ => SlotKind::Other,
        },
        _ => SlotKind::Other,
    }
}

impl SlotKind {
    pub fn learner(&self) -> Option<&LearnerId> {
        match self {
            SlotKind::Learner(id) | SlotKind::Patch(id) | SlotKind::Tail(id) | SlotKind::History(id, _) | SlotKind::Daily(id) => Some(id),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_back() {
        let id = LearnerId::parse("ab12").unwrap();
        assert_eq!(kind(&learner(&id)), SlotKind::Learner(id.clone()));
        assert_eq!(kind(&tail(&id)), SlotKind::Tail(id.clone()));
        assert_eq!(kind(&patch(&id)), SlotKind::Patch(id.clone()));
        assert_eq!(slot_of("waypoint:learner:ab12:patch@3"), SlotKind::Patch(id.clone()));
        assert_eq!(kind(&chunk(&id, 202611)), SlotKind::History(id.clone(), 202611));
        assert_eq!(kind(&daily(&id)), SlotKind::Daily(id.clone()));
        assert_eq!(kind(DEVICE), SlotKind::Device);
        assert_eq!(kind("other-app"), SlotKind::Other);
        assert_eq!(kind("waypoint:learner:AB"), SlotKind::Other);
        assert_eq!(split_generation("waypoint:device@12"), Some(("waypoint:device", 12)));
        assert_eq!(split_generation("waypoint:device"), None);
        assert_eq!(split_generation("waypoint:device@x"), None);
        assert_eq!(slot_of("waypoint:learner:ab12:h:202611@7"), SlotKind::History(id.clone(), 202611));
        assert_eq!(slot_of("waypoint:device"), SlotKind::Device);
    }
}
