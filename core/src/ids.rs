//! Identifiers. Each is a validated newtype, so an id read from a file has been checked once.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Identifies a learner on a device and across export files: 1 to 16 characters of
/// `a-z`, `0-9`. New ids come from a random seed supplied by the platform.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LearnerId(String);

impl LearnerId {
    pub fn parse(s: &str) -> Option<LearnerId> {
        let ok = !s.is_empty() && s.len() <= 16 && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        ok.then(|| LearnerId(s.to_string()))
    }

    /// A fresh id from 64 random bits (base 36, up to 13 characters).
    pub fn from_random(bits: u64) -> LearnerId {
        const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
        let mut n = bits;
        let mut out = Vec::new();
        loop {
            out.push(DIGITS[(n % 36) as usize]);
            n /= 36;
            if n == 0 {
                break;
            }
        }
        out.reverse();
        LearnerId(String::from_utf8_lossy(&out).into_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for LearnerId {
    type Error = String;
    fn try_from(s: String) -> std::result::Result<Self, String> {
        LearnerId::parse(&s).ok_or_else(|| format!("not a learner id: {s:?}"))
    }
}
impl From<LearnerId> for String {
    fn from(id: LearnerId) -> String {
        id.0
    }
}
impl fmt::Display for LearnerId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Identifies a skill in the graph, stable forever once shipped (stored in save files):
/// 1 to 40 characters of `a-z`, `0-9`, `.`, `-`, `_`, e.g. `frac.add-like`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SkillId(String);

impl SkillId {
    pub fn parse(s: &str) -> Option<SkillId> {
        let ok = !s.is_empty()
            && s.len() <= 40
            && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'_'));
        ok.then(|| SkillId(s.to_string()))
    }

    /// For ids written in the program's own tables; panics only on a programming error,
    /// which the catalog tests catch.
    pub fn new_static(s: &'static str) -> SkillId {
        match SkillId::parse(s) {
            Some(id) => id,
            None => panic!("invalid built-in skill id {s:?}"),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for SkillId {
    type Error = String;
    fn try_from(s: String) -> std::result::Result<Self, String> {
        SkillId::parse(&s).ok_or_else(|| format!("not a skill id: {s:?}"))
    }
}
impl From<SkillId> for String {
    fn from(id: SkillId) -> String {
        id.0
    }
}
impl fmt::Display for SkillId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learner_ids_are_validated() {
        assert!(LearnerId::parse("abc123").is_some());
        assert!(LearnerId::parse("").is_none());
        assert!(LearnerId::parse("ABC").is_none());
        assert!(LearnerId::parse("a<b").is_none());
        assert!(LearnerId::parse(&"a".repeat(17)).is_none());
        let id = LearnerId::from_random(u64::MAX);
        assert!(LearnerId::parse(id.as_str()).is_some());
        assert_eq!(LearnerId::from_random(0).as_str(), "0");
    }

    #[test]
    fn ids_refuse_bad_json() {
        assert!(serde_json::from_str::<LearnerId>("\"x y\"").is_err());
        assert!(serde_json::from_str::<SkillId>("\"frac.add-like\"").is_ok());
        assert!(serde_json::from_str::<SkillId>("\"Frac\"").is_err());
    }
}
