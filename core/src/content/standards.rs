//! Common Core standards cited by the skill table: code, statement, grade, taken from the
//! CASE package by `cargo run -p waypoint-core --bin extract_standards` into
//! `core/data/ccss.json` (never typed by hand; a test compares it with the CASE file).

use super::ContentError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One standard, e.g. `3.OA.C.7`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Standard {
    /// Short code without the `CCSS.Math.Content.` prefix.
    pub code: String,
    pub statement: String,
    /// "K" or "01".."08".
    pub grade: String,
}

/// The extract shipped with the app.
#[derive(Debug, Clone, Default)]
pub struct Standards {
    by_code: BTreeMap<String, Standard>,
}

pub const EXTRACT: &str = include_str!("../../data/ccss.json");

impl Standards {
    pub fn builtin() -> Result<Standards, ContentError> {
        Standards::parse(EXTRACT)
    }

    pub fn parse(json: &str) -> Result<Standards, ContentError> {
        let list: Vec<Standard> = serde_json::from_str(json).map_err(|e| ContentError::BadStandards(e.to_string()))?;
        Ok(Standards { by_code: list.into_iter().map(|s| (s.code.clone(), s)).collect() })
    }

    pub fn get(&self, code: &str) -> Option<&Standard> {
        self.by_code.get(code)
    }

    pub fn len(&self) -> usize {
        self.by_code.len()
    }
    pub fn is_empty(&self) -> bool {
        self.by_code.is_empty()
    }
}

/// Reads the CASE package's items into standards (used by the extractor and the test).
pub fn from_case(case_json: &str) -> Result<Vec<Standard>, ContentError> {
    let v: serde_json::Value = serde_json::from_str(case_json).map_err(|e| ContentError::BadStandards(e.to_string()))?;
    let items = v.get("CFItems").and_then(|i| i.as_array()).ok_or_else(|| ContentError::BadStandards("no CFItems".into()))?;
    let mut out = Vec::new();
    for it in items {
        let Some(code) = it.get("humanCodingScheme").and_then(|c| c.as_str()) else { continue };
        let Some(short) = code.strip_prefix("CCSS.Math.Content.") else { continue };
        let statement = it.get("fullStatement").and_then(|s| s.as_str()).unwrap_or_default().to_string();
        let grade = it
            .get("educationalLevel")
            .and_then(|g| g.as_array())
            .and_then(|a| a.first())
            .and_then(|g| g.as_str())
            .unwrap_or_default()
            .to_string();
        out.push(Standard { code: short.to_string(), statement, grade });
    }
    Ok(out)
}
