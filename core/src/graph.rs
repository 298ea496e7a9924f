//! The prerequisite graph of skills, validated once when built: no unknown prerequisite,
//! no duplicate id, no cycle. The engine works on indices into this graph; the content
//! catalog (`content`) builds it from the skill table.

use crate::error::UserMessage;
use crate::learner::GradeBand;
use crate::{Lang, SkillId};
use std::collections::HashMap;

/// One skill as the engine sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct SkillNode {
    pub id: SkillId,
    /// Skills that must be mastered first.
    pub prerequisites: Vec<SkillId>,
    /// School grade, 0 for kindergarten, up to 8.
    pub grade: u8,
    /// A fluency skill (facts): response time counts, fast correct answers weigh more.
    pub fluency: bool,
    /// The Common Core domain code, e.g. "OA", "NF", "EE".
    pub domain: String,
}

/// A validated, acyclic skill graph. Indices (`usize`) are positions in `nodes()`, which
/// are in a topological order: every prerequisite comes before the skills that need it.
#[derive(Debug, Clone)]
pub struct SkillGraph {
    nodes: Vec<SkillNode>,
    index: HashMap<SkillId, usize>,
    prereqs: Vec<Vec<usize>>,
    dependents: Vec<Vec<usize>>,
}

impl SkillGraph {
    /// Validates and orders the nodes. Errors name the offending skill.
    pub fn new(nodes: Vec<SkillNode>) -> Result<SkillGraph, GraphError> {
        let mut pos: HashMap<SkillId, usize> = HashMap::new();
        for (i, n) in nodes.iter().enumerate() {
            if n.grade > 8 {
                return Err(GraphError::BadGrade(n.id.clone()));
            }
            if pos.insert(n.id.clone(), i).is_some() {
                return Err(GraphError::DuplicateSkill(n.id.clone()));
            }
        }
        for n in &nodes {
            for p in &n.prerequisites {
                if !pos.contains_key(p) {
                    return Err(GraphError::UnknownPrerequisite { skill: n.id.clone(), prerequisite: p.clone() });
                }
                if p == &n.id {
                    return Err(GraphError::Cycle(n.id.clone()));
                }
            }
        }
        // Kahn's algorithm, keeping the table's order among ready skills (stable output).
        let n = nodes.len();
        let mut indegree: Vec<usize> = nodes.iter().map(|s| s.prerequisites.len()).collect();
        let mut deps: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (i, s) in nodes.iter().enumerate() {
            for p in &s.prerequisites {
                deps[pos[p]].push(i);
            }
        }
        let mut order = Vec::with_capacity(n);
        let mut ready: std::collections::BTreeSet<usize> = (0..n).filter(|&i| indegree[i] == 0).collect();
        while let Some(i) = ready.pop_first() {
            order.push(i);
            for &d in &deps[i] {
                indegree[d] -= 1;
                if indegree[d] == 0 {
                    ready.insert(d);
                }
            }
        }
        if order.len() < n {
            let stuck = (0..n).find(|&i| indegree[i] > 0).unwrap_or(0);
            return Err(GraphError::Cycle(nodes[stuck].id.clone()));
        }
        let mut slots: Vec<Option<SkillNode>> = nodes.into_iter().map(Some).collect();
        let ordered: Vec<SkillNode> = order.iter().filter_map(|&i| slots[i].take()).collect();
        let index: HashMap<SkillId, usize> = ordered.iter().enumerate().map(|(i, s)| (s.id.clone(), i)).collect();
        let prereqs: Vec<Vec<usize>> =
            ordered.iter().map(|s| s.prerequisites.iter().filter_map(|p| index.get(p).copied()).collect()).collect();
        let mut dependents = vec![Vec::new(); ordered.len()];
        for (i, ps) in prereqs.iter().enumerate() {
            for &p in ps {
                dependents[p].push(i);
            }
        }
        Ok(SkillGraph { nodes: ordered, index, prereqs, dependents })
    }

    pub fn nodes(&self) -> &[SkillNode] {
        &self.nodes
    }
    pub fn len(&self) -> usize {
        self.nodes.len()
    }
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }
    pub fn index_of(&self, id: &SkillId) -> Option<usize> {
        self.index.get(id).copied()
    }
    pub fn node(&self, i: usize) -> Option<&SkillNode> {
        self.nodes.get(i)
    }
    /// Direct prerequisites of skill `i`.
    pub fn prerequisites(&self, i: usize) -> &[usize] {
        self.prereqs.get(i).map(Vec::as_slice).unwrap_or(&[])
    }
    /// Skills that list `i` as a direct prerequisite.
    pub fn dependents(&self, i: usize) -> &[usize] {
        self.dependents.get(i).map(Vec::as_slice).unwrap_or(&[])
    }
    /// Every skill `i` depends on, directly or not, in topological order.
    pub fn ancestors(&self, i: usize) -> Vec<usize> {
        let mut seen = vec![false; self.len()];
        let mut stack: Vec<usize> = self.prerequisites(i).to_vec();
        while let Some(p) = stack.pop() {
            if !std::mem::replace(&mut seen[p], true) {
                stack.extend_from_slice(self.prerequisites(p));
            }
        }
        (0..self.len()).filter(|&j| seen[j]).collect()
    }
    /// Skills whose grade falls in the band.
    pub fn in_band(&self, band: GradeBand) -> Vec<usize> {
        (0..self.len()).filter(|&i| band.grades().contains(&self.nodes[i].grade)).collect()
    }
}

/// Why a skill graph was refused; each names the skill at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GraphError {
    DuplicateSkill(SkillId),
    UnknownPrerequisite { skill: SkillId, prerequisite: SkillId },
    Cycle(SkillId),
    BadGrade(SkillId),
    UnknownStandard { skill: SkillId, code: String },
}

impl UserMessage for GraphError {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (GraphError::DuplicateSkill(s), Lang::En) => format!("Skill {s} is listed twice."),
            (GraphError::DuplicateSkill(s), Lang::Es) => format!("La habilidad {s} aparece dos veces."),
            (GraphError::UnknownPrerequisite { skill, prerequisite }, Lang::En) => {
                format!("Skill {skill} needs {prerequisite}, which is not in the graph.")
            }
            (GraphError::UnknownPrerequisite { skill, prerequisite }, Lang::Es) => {
                format!("La habilidad {skill} necesita {prerequisite}, que no está en el mapa.")
            }
            (GraphError::Cycle(s), Lang::En) => format!("Skill {s} is part of a prerequisite cycle."),
            (GraphError::Cycle(s), Lang::Es) => format!("La habilidad {s} forma parte de un ciclo de requisitos."),
            (GraphError::BadGrade(s), Lang::En) => format!("Skill {s} has a grade outside K to 8."),
            (GraphError::BadGrade(s), Lang::Es) => format!("La habilidad {s} tiene un grado fuera de K a 8."),
            (GraphError::UnknownStandard { skill, code }, Lang::En) => {
                format!("Skill {skill} cites standard {code}, which is not in the Common Core file.")
            }
            (GraphError::UnknownStandard { skill, code }, Lang::Es) => {
                format!("La habilidad {skill} cita el estándar {code}, que no está en el archivo Common Core.")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: &'static str, pre: &[&'static str], grade: u8) -> SkillNode {
        SkillNode {
            id: SkillId::new_static(id),
            prerequisites: pre.iter().map(|p| SkillId::new_static(p)).collect(),
            grade,
            fluency: false,
            domain: "OA".into(),
        }
    }

    #[test]
    fn orders_prerequisites_first() {
        let g = SkillGraph::new(vec![node("c", &["b"], 2), node("a", &[], 0), node("b", &["a"], 1)]).unwrap();
        let ids: Vec<&str> = g.nodes().iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        let c = g.index_of(&SkillId::new_static("c")).unwrap();
        assert_eq!(g.ancestors(c), vec![0, 1]);
        assert_eq!(g.dependents(0), &[1]);
        assert_eq!(g.in_band(GradeBand::K2), vec![0, 1, 2]);
    }

    #[test]
    fn refuses_bad_graphs_naming_the_skill() {
        let e = SkillGraph::new(vec![node("a", &["zz"], 0)]).unwrap_err();
        assert_eq!(e, GraphError::UnknownPrerequisite { skill: SkillId::new_static("a"), prerequisite: SkillId::new_static("zz") });
        assert!(e.message(Lang::En).contains("zz"));
        let e = SkillGraph::new(vec![node("a", &["b"], 0), node("b", &["a"], 0)]).unwrap_err();
        assert!(matches!(e, GraphError::Cycle(_)));
        let e = SkillGraph::new(vec![node("a", &["a"], 0)]).unwrap_err();
        assert_eq!(e, GraphError::Cycle(SkillId::new_static("a")));
        let e = SkillGraph::new(vec![node("a", &[], 0), node("a", &[], 1)]).unwrap_err();
        assert_eq!(e, GraphError::DuplicateSkill(SkillId::new_static("a")));
        let e = SkillGraph::new(vec![node("a", &[], 9)]).unwrap_err();
        assert_eq!(e, GraphError::BadGrade(SkillId::new_static("a")));
    }
}
