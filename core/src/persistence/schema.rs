//! Versioned envelopes and the migration ladder. Every stored or exported document is
//! `{"format": "...", "schema_version": N, ...body}`. Reading upgrades step by step from
//! any version in `MIN_SCHEMA..=CURRENT_SCHEMA` on the raw JSON; a newer version is refused
//! (and the caller keeps it untouched), an older one than MIN likewise.

use super::PersistError;
use serde::Serialize;
use serde_json::{Map, Value};

/// Oldest schema version this build can read.
pub const MIN_SCHEMA: u32 = 1;
/// The schema version this build writes.
pub const CURRENT_SCHEMA: u32 = 1;

pub const DEVICE_FORMAT: &str = "waypoint-device";

/// Parses an envelope, checks its format, migrates it to `CURRENT_SCHEMA`, and returns
/// the body (the object without `format` and `schema_version`).
pub fn open(raw: &str, format: &str) -> Result<Value, PersistError> {
    let value: Value = serde_json::from_str(raw).map_err(|e| PersistError::NotJson(e.to_string()))?;
    let Value::Object(mut obj) = value else { return Err(PersistError::WrongFormat) };
    if obj.get("format").and_then(Value::as_str) != Some(format) {
        return Err(PersistError::WrongFormat);
    }
    let version = obj
        .get("schema_version")
        .and_then(Value::as_u64)
        .ok_or_else(|| PersistError::Invalid("schema_version is missing".into()))? as u32;
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
    Ok(Value::Object(obj))
}

/// One rung of the ladder: upgrades a document from `from` to `from + 1` in place.
fn migrate_step(from: u32, _format: &str, _obj: &mut Map<String, Value>) -> Result<(), PersistError> {
    // No migrations yet: version 1 is the first schema.
    Err(PersistError::Invalid(format!("no migration from schema {from}")))
}

/// Wraps a body in the current envelope.
pub fn seal<T: Serialize>(format: &str, body: &T) -> Result<String, PersistError> {
    let mut obj = Map::new();
    obj.insert("format".into(), Value::String(format.into()));
    obj.insert("schema_version".into(), Value::from(CURRENT_SCHEMA));
    match serde_json::to_value(body).map_err(|e| PersistError::Invalid(e.to_string()))? {
        Value::Object(body) => obj.extend(body),
        _ => return Err(PersistError::Invalid("body is not an object".into())),
    }
    serde_json::to_string(&Value::Object(obj)).map_err(|e| PersistError::Invalid(e.to_string()))
}
