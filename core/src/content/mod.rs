//! Skills and items: the K-8 skill table aligned with Common Core, and item generators.
//! Owned by the content work (issue 3, items 1-2).

use crate::Lang;
use crate::error::UserMessage;

/// Why content could not be produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContentError {
    UnknownSkill(String),
    ImpossibleLevel { skill: String, level: u8 },
}

impl UserMessage for ContentError {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ContentError::UnknownSkill(s), Lang::En) => format!("There is no skill {s}."),
            (ContentError::UnknownSkill(s), Lang::Es) => format!("No existe la habilidad {s}."),
            (ContentError::ImpossibleLevel { skill, level }, Lang::En) => format!("Skill {skill} has no level {level}."),
            (ContentError::ImpossibleLevel { skill, level }, Lang::Es) => format!("La habilidad {skill} no tiene nivel {level}."),
        }
    }
}
