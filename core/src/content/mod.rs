//! Skills and items: the K-8 skill table aligned with Common Core (statements read from the
//! CASE package through `core/data/ccss.json`), and seeded item generators with answer
//! checking. Pure: no browser crates, no clock, randomness only from a given seed.

pub mod generate;
pub mod item;
pub mod skills;
pub mod standards;

pub use item::{Answer, Check, Choice, Item, Math, Misconception, Prompt, Rational, Segment};

use crate::attempt::{MAX_LEVEL, MIN_LEVEL};
use crate::error::UserMessage;
use crate::graph::{GraphError, SkillGraph, SkillNode};
use crate::rng::SeededRng;
use crate::{Lang, SkillId};
use serde::{Deserialize, Serialize};
use skills::SkillDef;
use standards::{Standard, Standards};

/// What a learner is into; word problems are themed by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Interest {
    Animals,
    Sports,
    Space,
    Music,
    Cooking,
    Games,
}

impl Interest {
    pub const ALL: [Interest; 6] = [Interest::Animals, Interest::Sports, Interest::Space, Interest::Music, Interest::Cooking, Interest::Games];

    pub fn key(self) -> &'static str {
        match self {
            Interest::Animals => "animals",
            Interest::Sports => "sports",
            Interest::Space => "space",
            Interest::Music => "music",
            Interest::Cooking => "cooking",
            Interest::Games => "games",
        }
    }
}

/// A skill with everything the app shows about it.
#[derive(Debug, Clone)]
pub struct Skill {
    pub def: SkillDef,
    pub id: SkillId,
    pub standards: Vec<Standard>,
}

impl Skill {
    pub fn name(&self, lang: Lang) -> &'static str {
        lang.pick(self.def.en, self.def.es)
    }
}

/// The validated catalog: skills, their standards, and the graph the engine walks.
#[derive(Debug, Clone)]
pub struct Catalog {
    skills: Vec<Skill>,
    graph: SkillGraph,
}

impl Catalog {
    /// The built-in K-8 catalog.
    pub fn builtin() -> Result<Catalog, crate::CoreError> {
        let standards = Standards::builtin().map_err(crate::CoreError::Content)?;
        Ok(Catalog::from_table(skills::SKILLS, &standards)?)
    }

    /// Builds and validates a catalog from a table: ids, prerequisites, cycles, and every
    /// cited standard. Errors name the skill at fault.
    pub fn from_table(table: &[SkillDef], standards: &Standards) -> Result<Catalog, GraphError> {
        let mut nodes = Vec::with_capacity(table.len());
        let mut skills = Vec::with_capacity(table.len());
        for def in table {
            let id = SkillId::parse(def.id).ok_or_else(|| GraphError::DuplicateSkill(SkillId::new_static("invalid-id")))?;
            let mut prerequisites = Vec::new();
            for p in def.prereqs {
                prerequisites.push(SkillId::parse(p).ok_or_else(|| GraphError::UnknownPrerequisite { skill: id.clone(), prerequisite: SkillId::new_static("invalid-id") })?);
            }
            let mut cited = Vec::new();
            for code in def.codes {
                let st = standards.get(code).ok_or_else(|| GraphError::UnknownStandard { skill: id.clone(), code: code.to_string() })?;
                cited.push(st.clone());
            }
            nodes.push(SkillNode { id: id.clone(), prerequisites, grade: def.grade, fluency: def.fluency, domain: def.domain.to_string() });
            skills.push(Skill { def: *def, id, standards: cited });
        }
        let graph = SkillGraph::new(nodes)?;
        // Keep skills in the graph's (topological) order so indices agree.
        let mut ordered = Vec::with_capacity(skills.len());
        for n in graph.nodes() {
            if let Some(pos) = skills.iter().position(|s| s.id == n.id) {
                ordered.push(skills.swap_remove(pos));
            }
        }
        Ok(Catalog { skills: ordered, graph })
    }

    pub fn graph(&self) -> &SkillGraph {
        &self.graph
    }
    pub fn skills(&self) -> &[Skill] {
        &self.skills
    }
    pub fn skill(&self, id: &SkillId) -> Option<&Skill> {
        self.graph.index_of(id).and_then(|i| self.skills.get(i))
    }

    /// Makes an item for a skill at a level, reproducibly from `seed`.
    pub fn generate(&self, skill: &SkillId, level: u8, seed: u64, lang: Lang, interests: &[Interest]) -> Result<Item, ContentError> {
        let s = self.skill(skill).ok_or_else(|| ContentError::UnknownSkill(skill.to_string()))?;
        if !(MIN_LEVEL..=MAX_LEVEL).contains(&level) {
            return Err(ContentError::ImpossibleLevel { skill: skill.to_string(), level });
        }
        let mut rng = SeededRng::new(SeededRng::mix(&[seed, level as u64]));
        let g = generate::generate(s.def.family, level, &mut rng, lang, interests);
        Ok(Item {
            skill: skill.clone(),
            level,
            family: format!("{}/{}", skill, g.kind),
            prompt: g.prompt,
            answer: g.answer,
            hints: g.hints,
            solution: g.solution,
        })
    }
}

/// Why content could not be produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContentError {
    UnknownSkill(String),
    ImpossibleLevel { skill: String, level: u8 },
    /// The standards extract shipped with the app does not parse.
    BadStandards(String),
}

impl UserMessage for ContentError {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ContentError::UnknownSkill(s), Lang::En) => format!("There is no skill {s}."),
            (ContentError::UnknownSkill(s), Lang::Es) => format!("No existe la habilidad {s}."),
            (ContentError::ImpossibleLevel { skill, level }, Lang::En) => format!("Skill {skill} has no level {level}."),
            (ContentError::ImpossibleLevel { skill, level }, Lang::Es) => format!("La habilidad {skill} no tiene nivel {level}."),
            (ContentError::BadStandards(d), Lang::En) => format!("The Common Core data could not be read: {d}."),
            (ContentError::BadStandards(d), Lang::Es) => format!("No se pudieron leer los datos de Common Core: {d}."),
        }
    }
}
