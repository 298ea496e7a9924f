//! Mastery levels and the one-sentence rules behind them, readable by a child and a parent.

use crate::Lang;
use serde::{Deserialize, Serialize};

/// How well a skill is known, from first try to mastered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum MasteryLevel {
    #[default]
    NotStarted,
    Practising,
    Familiar,
    Proficient,
    Mastered,
}

impl MasteryLevel {
    pub const ALL: [MasteryLevel; 5] =
        [MasteryLevel::NotStarted, MasteryLevel::Practising, MasteryLevel::Familiar, MasteryLevel::Proficient, MasteryLevel::Mastered];

    pub fn key(self) -> &'static str {
        match self {
            MasteryLevel::NotStarted => "not-started",
            MasteryLevel::Practising => "practising",
            MasteryLevel::Familiar => "familiar",
            MasteryLevel::Proficient => "proficient",
            MasteryLevel::Mastered => "mastered",
        }
    }

    /// The CSS modifier the UI uses.
    pub fn class(self) -> &'static str {
        match self {
            MasteryLevel::NotStarted => "mastery--not-started",
            MasteryLevel::Practising => "mastery--practising",
            MasteryLevel::Familiar => "mastery--familiar",
            MasteryLevel::Proficient => "mastery--proficient",
            MasteryLevel::Mastered => "mastery--mastered",
        }
    }

    /// 0 (not started) ..= 4 (mastered).
    pub fn rank(self) -> u8 {
        self as u8
    }

    pub fn name(self, lang: Lang) -> &'static str {
        let (en, es) = match self {
            MasteryLevel::NotStarted => ("Not started", "Sin empezar"),
            MasteryLevel::Practising => ("Practising", "Practicando"),
            MasteryLevel::Familiar => ("Familiar", "Conocida"),
            MasteryLevel::Proficient => ("Proficient", "Dominada en parte"),
            MasteryLevel::Mastered => ("Mastered", "Dominada"),
        };
        lang.pick(en, es)
    }
}

/// Why a level is what it is: one sentence, in either language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum MasteryReason {
    #[default]
    NotStarted,
    Started,
    FamiliarRule,
    ProficientRule,
    MasteredRule,
    ForgotOnReview,
    RecentMisses,
    PlacedHere,
}

impl MasteryReason {
    pub fn message(self, lang: Lang) -> &'static str {
        let (en, es) = match self {
            MasteryReason::NotStarted => ("You haven't tried this skill yet.", "Todavía no has probado esta habilidad."),
            MasteryReason::Started => ("Practising: you've started this skill.", "Practicando: ya empezaste esta habilidad."),
            MasteryReason::FamiliarRule => (
                "Familiar: you answer medium questions right most of the time.",
                "Conocida: respondes bien la mayoría de las preguntas medianas.",
            ),
            MasteryReason::ProficientRule => (
                "Proficient: you answer harder questions right most of the time.",
                "Dominada en parte: respondes bien la mayoría de las preguntas más difíciles.",
            ),
            MasteryReason::MasteredRule => (
                "Mastered: you answered hard questions correctly on three different days, including in mixed practice.",
                "Dominada: respondiste bien preguntas difíciles en tres días distintos, también en práctica mezclada.",
            ),
            MasteryReason::ForgotOnReview => (
                "Back to proficient: a review showed this needs a little refreshing.",
                "Vuelve a dominada en parte: un repaso mostró que hace falta refrescarla un poco.",
            ),
            MasteryReason::RecentMisses => (
                "Back a step: several recent answers were missed, so let's practise it more.",
                "Un paso atrás: fallaste varias respuestas recientes, así que la practicaremos más.",
            ),
            MasteryReason::PlacedHere => (
                "Proficient: from your starting-point questions, you very likely know this already; practice will show when it is mastered.",
                "Dominada en parte: por las preguntas del punto de partida, es muy probable que ya la conozcas; la práctica mostrará cuándo la dominas.",
            ),
        };
        lang.pick(en, es)
    }
}

/// A level change, with its reason: what mutations of the model return.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LevelChange {
    pub skill: crate::SkillId,
    pub from: MasteryLevel,
    pub to: MasteryLevel,
    pub reason: MasteryReason,
}
