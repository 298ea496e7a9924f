//! Versioned envelopes and the migration ladder. Every stored or exported document is
//! `{"format": "...", "schema_version": N, ...body}`. Reading upgrades step by step from
//! any version in `MIN_SCHEMA..=CURRENT_SCHEMA` on the raw JSON; a newer version is refused
//! (and the caller keeps it untouched), an older one than MIN likewise.
//!
//! History: 1 = the device record `{learners, settings}` stored whole under
//! `waypoint:device`. 2 = crash-safe slots (see `slot`), the device record gains `rev`,
//! `export` and `first_saved_at`, learners get a hot record and compact history chunks.
//! 3 = a learner's patch may name an item of a list by its position (`patch`): the same
//! documents otherwise, so the rung from 2 changes nothing; the version is there so that a
//! build of version 2 still open in another tab refuses these patches (and keeps the data
//! read-only) rather than skipping them and writing over what they hold.
//! Each version has a fixture in `core/tests/fixtures/` that must load forever.

use super::PersistError;
use serde::Serialize;
use serde_json::{Map, Value};

/// Oldest schema version this build can read.
pub const MIN_SCHEMA: u32 = 1;
/// The schema version this build writes.
pub const CURRENT_SCHEMA: u32 = 3;

pub const DEVICE_FORMAT: &str = "waypoint-device";
pub const LEARNER_FORMAT: &str = "waypoint-learner";
pub const EXPORT_FORMAT: &str = "waypoint-export";

/// Parses an envelope, checks its format, migrates it to `CURRENT_SCHEMA`, and returns
/// the body (the object without `format` and `schema_version`).
pub fn open(raw: &str, format: &str) -> Result<Value, PersistError> {
    let value: Value = serde_json::from_str(raw).map_err(|e| PersistError::NotJson(e.to_string()))?;
    open_value(value, format).map(|(body, _)| body)
}

/// Like `open`, on parsed JSON; also returns the version the document was written in.
pub fn open_value(value: Value, format: &str) -> Result<(Value, u32), PersistError> {
    let Value::Object(mut obj) = value else { return Err(PersistError::WrongFormat) };
    if obj.get("format").and_then(Value::as_str) != Some(format) {
        return Err(PersistError::WrongFormat);
    }
    let version = obj
        .get("schema_version")
        .and_then(Value::as_u64)
        .ok_or_else(|| PersistError::Invalid("schema_version is missing or not a whole number".into()))?;
    let version = u32::try_from(version).unwrap_or(u32::MAX);
    if version > CURRENT_SCHEMA {
        return Err(PersistError::TooNew { found: version, newest: CURRENT_SCHEMA });
    }
    if version < MIN_SCHEMA {
        return Err(PersistError::TooOld { found: version, oldest: MIN_SCHEMA });
    }
    let mut v = version;
    while v < CURRENT_SCHEMA {
        migrate_step(v, format, &mut obj)?;
        v += 1;
    }
    obj.remove("format");
    obj.remove("schema_version");
    Ok((Value::Object(obj), version))
}

/// One rung of the ladder: upgrades a document from `from` to `from + 1` in place.
fn migrate_step(from: u32, format: &str, obj: &mut Map<String, Value>) -> Result<(), PersistError> {
    match (from, format) {
        // 1 -> 2: the device record gains a revision counter, export tracking and the time
        // of its first save (unknown for old data). Learners, settings and any unknown
        // fields are kept as they are.
        (1, DEVICE_FORMAT) => {
            obj.entry("rev").or_insert(Value::from(0u64));
            obj.entry("export").or_insert_with(|| Value::Object(Map::new()));
            obj.entry("first_saved_at").or_insert(Value::Null);
            Ok(())
        }
        // Learner records and export files first appeared in version 2.
        (1, _) => Err(PersistError::TooOld { found: 1, oldest: 2 }),
        // 2 -> 3: only patches gained an edit (an item of a list by its position); a
        // document of version 2 reads as it is.
        (2, _) => Ok(()),
        _ => Err(PersistError::Invalid(format!("no migration from schema {from}"))),
    }
}

/// Wraps a body in the current envelope.
pub fn seal<T: Serialize>(format: &str, body: &T) -> Result<String, PersistError> {
    /// The envelope written straight to text (no intermediate JSON tree: saving a learner
    /// happens on every answer).
    #[derive(Serialize)]
    struct Sealed<'a, T> {
        format: &'a str,
        schema_version: u32,
        #[serde(flatten)]
        body: &'a T,
    }
    serde_json::to_string(&Sealed { format, schema_version: CURRENT_SCHEMA, body }).map_err(|e| PersistError::Invalid(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v1_device_climbs_to_current() {
        let raw = r#"{"format":"waypoint-device","schema_version":1,"learners":[],"settings":{},"future":7}"#;
        let (body, from) = open_value(serde_json::from_str(raw).unwrap(), DEVICE_FORMAT).unwrap();
        assert_eq!(from, 1);
        assert_eq!(body["rev"], 0);
        assert_eq!(body["future"], 7, "unknown fields are kept");
        assert!(body.get("format").is_none());
    }

    #[test]
    fn version_2_documents_read_as_they_are() {
        for format in [DEVICE_FORMAT, LEARNER_FORMAT, EXPORT_FORMAT] {
            let raw = format!(r#"{{"format":"{format}","schema_version":2,"rev":4,"anything":[1,{{"a":null}}]}}"#);
            let (body, from) = open_value(serde_json::from_str(&raw).unwrap(), format).unwrap();
            assert_eq!(from, 2);
            assert_eq!(body, serde_json::json!({"rev": 4, "anything": [1, {"a": null}]}));
        }
    }

    #[test]
    fn versions_outside_the_ladder_are_refused() {
        for (v, want_new) in [("4", true), ("4294967297", true), ("0", false)] {
            let raw = format!(r#"{{"format":"waypoint-device","schema_version":{v}}}"#);
            let e = open(&raw, DEVICE_FORMAT).unwrap_err();
            assert_eq!(matches!(e, PersistError::TooNew { .. }), want_new, "{v}: {e:?}");
        }
        assert!(matches!(open(r#"{"format":"x","schema_version":1}"#, DEVICE_FORMAT), Err(PersistError::WrongFormat)));
        assert!(matches!(open(r#"{"format":"waypoint-learner","schema_version":1}"#, LEARNER_FORMAT), Err(PersistError::TooOld { .. })));
        assert!(matches!(open(r#"{"format":"waypoint-device","schema_version":"2"}"#, DEVICE_FORMAT), Err(PersistError::Invalid(_))));
    }
}
