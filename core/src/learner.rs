//! Learners on a device: validated names, avatars, grade bands. Pure data and rules;
//! storing them is `persistence`'s job and showing them is the app's.

use crate::error::UserMessage;
use crate::{Lang, LearnerId, Timestamp};
use serde::{Deserialize, Serialize};

/// Longest name we accept, in characters (after trimming).
pub const MAX_NAME_CHARS: usize = 40;

/// A learner's display name: trimmed, 1..=40 characters, no markup, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LearnerName(String);

impl LearnerName {
    /// Checks a name as typed. Inner runs of white space are folded to one space.
    pub fn parse(raw: &str) -> Result<LearnerName, LearnerError> {
        let folded = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if folded.is_empty() {
            return Err(LearnerError::NameEmpty);
        }
        if folded.chars().count() > MAX_NAME_CHARS {
            return Err(LearnerError::NameTooLong);
        }
        if folded.chars().any(|c| matches!(c, '<' | '>' | '{' | '}' | '`') || c.is_control()) {
            return Err(LearnerError::NameHasMarkup);
        }
        Ok(LearnerName(folded))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name as part of a file name ("waypoint-Ana-Maria-2026-12-08.json"): letters and
    /// digits kept (accents too), every run of anything else one hyphen.
    pub fn for_file_name(&self) -> String {
        let mut out = String::new();
        for c in self.0.chars() {
            if c.is_alphanumeric() {
                out.push(c);
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        let out = out.trim_end_matches('-');
        if out.is_empty() { "learner".to_string() } else { out.to_string() }
    }
}

impl TryFrom<String> for LearnerName {
    type Error = LearnerError;
    fn try_from(s: String) -> Result<Self, LearnerError> {
        LearnerName::parse(&s)
    }
}
impl From<LearnerName> for String {
    fn from(n: LearnerName) -> String {
        n.0
    }
}

/// The picture a learner chooses for their card. Stored by its lowercase name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Avatar {
    #[default]
    Fox,
    Owl,
    Turtle,
    Cat,
    Robot,
    Rocket,
    Dragon,
    Panda,
    Octopus,
    Bee,
    Whale,
    Star,
}

impl Avatar {
    pub const ALL: [Avatar; 12] = [
        Avatar::Fox,
        Avatar::Owl,
        Avatar::Turtle,
        Avatar::Cat,
        Avatar::Robot,
        Avatar::Rocket,
        Avatar::Dragon,
        Avatar::Panda,
        Avatar::Octopus,
        Avatar::Bee,
        Avatar::Whale,
        Avatar::Star,
    ];

    /// The stable name used in storage, file names and i18n keys.
    pub fn key(self) -> &'static str {
        match self {
            Avatar::Fox => "fox",
            Avatar::Owl => "owl",
            Avatar::Turtle => "turtle",
            Avatar::Cat => "cat",
            Avatar::Robot => "robot",
            Avatar::Rocket => "rocket",
            Avatar::Dragon => "dragon",
            Avatar::Panda => "panda",
            Avatar::Octopus => "octopus",
            Avatar::Bee => "bee",
            Avatar::Whale => "whale",
            Avatar::Star => "star",
        }
    }

    pub fn from_key(key: &str) -> Option<Avatar> {
        Avatar::ALL.into_iter().find(|a| a.key() == key)
    }
}

/// The grade band a learner works in; it chooses the skill map shown and where placement starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default, PartialOrd, Ord)]
pub enum GradeBand {
    /// Kindergarten to grade 2.
    #[serde(rename = "k2")]
    K2,
    /// Grades 3 to 5.
    #[default]
    #[serde(rename = "g35")]
    G35,
    /// Grades 6 to 8.
    #[serde(rename = "g68")]
    G68,
}

impl GradeBand {
    pub const ALL: [GradeBand; 3] = [GradeBand::K2, GradeBand::G35, GradeBand::G68];

    pub fn key(self) -> &'static str {
        match self {
            GradeBand::K2 => "k2",
            GradeBand::G35 => "g35",
            GradeBand::G68 => "g68",
        }
    }

    /// The band as the learner form names it.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            GradeBand::K2 => lang.pick("Kindergarten to grade 2", "De infantil a 2.º grado"),
            GradeBand::G35 => lang.pick("Grades 3 to 5", "De 3.º a 5.º grado"),
            GradeBand::G68 => lang.pick("Grades 6 to 8", "De 6.º a 8.º grado"),
        }
    }

    pub fn from_key(key: &str) -> Option<GradeBand> {
        GradeBand::ALL.into_iter().find(|g| g.key() == key)
    }

    /// Grades covered, 0 meaning kindergarten.
    pub fn grades(self) -> std::ops::RangeInclusive<u8> {
        match self {
            GradeBand::K2 => 0..=2,
            GradeBand::G35 => 3..=5,
            GradeBand::G68 => 6..=8,
        }
    }

    pub fn of_grade(grade: u8) -> GradeBand {
        match grade {
            0..=2 => GradeBand::K2,
            3..=5 => GradeBand::G35,
            _ => GradeBand::G68,
        }
    }
}

/// A learner as the device knows them. Unknown fields in stored data are kept by the
/// persistence layer, not here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Learner {
    pub id: LearnerId,
    pub name: LearnerName,
    #[serde(default)]
    pub avatar: Avatar,
    #[serde(default)]
    pub grade_band: GradeBand,
    /// The learner's own language choice; `None` follows the device's.
    #[serde(default)]
    pub language: Option<Lang>,
    #[serde(default)]
    pub created_at: Timestamp,
}

/// What a new-learner form holds, before it is checked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewLearner {
    pub name: String,
    pub avatar: Avatar,
    pub grade_band: GradeBand,
}

impl NewLearner {
    /// Validates the form and builds the learner.
    pub fn build(&self, id: LearnerId, now: Timestamp, language: Option<Lang>) -> Result<Learner, LearnerError> {
        Ok(Learner {
            id,
            name: LearnerName::parse(&self.name)?,
            avatar: self.avatar,
            grade_band: self.grade_band,
            language,
            created_at: now,
        })
    }
}

/// What can be wrong with a learner's details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LearnerError {
    NameEmpty,
    NameTooLong,
    NameHasMarkup,
    UnknownLearner(String),
}

impl UserMessage for LearnerError {
    fn message(&self, lang: Lang) -> String {
        match self {
            LearnerError::NameEmpty => lang.pick("Please type a name.", "Escribe un nombre, por favor.").into(),
            LearnerError::NameTooLong => match lang {
                Lang::En => format!("That name is too long: use at most {MAX_NAME_CHARS} letters."),
                Lang::Es => format!("Ese nombre es demasiado largo: usa como máximo {MAX_NAME_CHARS} letras."),
            },
            LearnerError::NameHasMarkup => lang
                .pick(
                    "Names can't contain the characters < > { } or `.",
                    "Los nombres no pueden tener los caracteres < > { } ni `.",
                )
                .into(),
            LearnerError::UnknownLearner(id) => match lang {
                Lang::En => format!("There is no learner {id} on this device."),
                Lang::Es => format!("No hay ningún estudiante {id} en este dispositivo."),
            },
        }
    }
}

impl std::fmt::Display for LearnerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_name_in_a_file_name_keeps_its_letters_and_digits_only() {
        let file = |raw: &str| LearnerName::parse(raw).map(|n| n.for_file_name());
        assert_eq!(file("Ana"), Ok("Ana".to_string()));
        assert_eq!(file("  José  María "), Ok("José-María".to_string()));
        assert_eq!(file("Ann & Bo / 2"), Ok("Ann-Bo-2".to_string()));
        assert_eq!(file("../etc"), Ok("etc".to_string()));
        assert_eq!(file("!!!"), Ok("learner".to_string()));
    }

    use super::*;

    #[test]
    fn names_are_trimmed_and_folded() {
        assert_eq!(LearnerName::parse("  Ana   María ").unwrap().as_str(), "Ana María");
        assert_eq!(LearnerName::parse("Zoë").unwrap().as_str(), "Zoë");
    }

    #[test]
    fn bad_names_are_refused_with_a_reason() {
        assert_eq!(LearnerName::parse(""), Err(LearnerError::NameEmpty));
        assert_eq!(LearnerName::parse("   \t "), Err(LearnerError::NameEmpty));
        assert_eq!(LearnerName::parse(&"a".repeat(41)), Err(LearnerError::NameTooLong));
        assert!(LearnerName::parse(&"é".repeat(40)).is_ok(), "limit counts characters, not bytes");
        assert_eq!(LearnerName::parse("<b>Bo</b>"), Err(LearnerError::NameHasMarkup));
        assert_eq!(LearnerName::parse("a\u{0007}b"), Err(LearnerError::NameHasMarkup));
        for e in [LearnerError::NameEmpty, LearnerError::NameTooLong, LearnerError::NameHasMarkup] {
            assert_ne!(e.message(Lang::En), e.message(Lang::Es));
        }
    }

    #[test]
    fn stored_names_are_checked_on_read() {
        assert!(serde_json::from_str::<LearnerName>("\"<script>\"").is_err());
        assert!(serde_json::from_str::<LearnerName>("\"Sam\"").is_ok());
    }

    #[test]
    fn avatars_and_bands_round_trip_by_key() {
        for a in Avatar::ALL {
            assert_eq!(Avatar::from_key(a.key()), Some(a));
            assert_eq!(serde_json::to_string(&a).unwrap(), format!("\"{}\"", a.key()));
        }
        for g in GradeBand::ALL {
            assert_eq!(GradeBand::from_key(g.key()), Some(g));
            assert_eq!(serde_json::to_string(&g).unwrap(), format!("\"{}\"", g.key()));
            for grade in g.grades() {
                assert_eq!(GradeBand::of_grade(grade), g);
            }
        }
    }
}
