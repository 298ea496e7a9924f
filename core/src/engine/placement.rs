//! Placement: "let's find your starting point". At most 20 items, chosen over the
//! prerequisite structure: a right answer on a skill counts for everything it builds on, a
//! wrong one rules out what builds on it, and the next item is the middle of what is left.

use super::learner::LearnerModel;
use crate::graph::SkillGraph;
use crate::learner::GradeBand;
use crate::SkillId;
use serde::{Deserialize, Serialize};

pub const MAX_PLACEMENT_ITEMS: usize = 20;
/// The level placement items are asked at.
pub const PLACEMENT_LEVEL: u8 = 3;
/// A skill the items did not reach, this many grades or more below the grade of the
/// second-hardest item answered right, is taken as known too (placed, never mastered).
/// Without it a strong grade-7 learner was sent back to counting: 20 items cannot reach
/// every early skill that nothing later builds on.
pub const INFER_GRADES_BELOW: u8 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
enum Known {
    Unknown,
    Yes,
    No,
}

/// A placement in progress (serializable, so a reload resumes it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Placement {
    /// Candidate skills, in topological order (indices into the graph).
    skills: Vec<usize>,
    known: Vec<Known>,
    asked: Vec<(usize, bool)>,
    current: Option<usize>,
}

impl Placement {
    /// Starts with every skill up to the end of the learner's grade band.
    pub fn new(graph: &SkillGraph, band: GradeBand) -> Placement {
        let top = *band.grades().end();
        let skills: Vec<usize> = (0..graph.len()).filter(|&i| graph.node(i).is_some_and(|n| n.grade <= top)).collect();
        let known = vec![Known::Unknown; skills.len()];
        let mut p = Placement { skills, known, asked: Vec::new(), current: None };
        p.current = p.pick();
        p
    }

    fn pick(&self) -> Option<usize> {
        if self.asked.len() >= MAX_PLACEMENT_ITEMS {
            return None;
        }
        let open: Vec<usize> = (0..self.skills.len()).filter(|&k| self.known[k] == Known::Unknown).collect();
        open.get(open.len() / 2).copied()
    }

    /// The skill to ask about now, or `None` when placement is finished.
    pub fn next(&self, graph: &SkillGraph) -> Option<SkillId> {
        self.current.and_then(|k| graph.node(self.skills[k])).map(|n| n.id.clone())
    }

    pub fn items_asked(&self) -> usize {
        self.asked.len()
    }

    pub fn is_finished(&self) -> bool {
        self.current.is_none()
    }

    /// Records the answer to the current item and moves on.
    pub fn record(&mut self, graph: &SkillGraph, correct: bool) {
        let Some(k) = self.current else { return };
        let i = self.skills[k];
        self.asked.push((i, correct));
        if correct {
            let ancestors = graph.ancestors(i);
            for (kk, &s) in self.skills.iter().enumerate() {
                if s == i || ancestors.contains(&s) {
                    self.known[kk] = Known::Yes;
                }
            }
        } else {
            for (kk, &s) in self.skills.iter().enumerate() {
                if s == i || graph.ancestors(s).contains(&i) {
                    self.known[kk] = Known::No;
                }
            }
        }
        self.current = self.pick();
    }

    /// The model placement produces: skills shown known start as proficient (never mastered:
    /// mastery is earned in practice), and so do skills not reached that sit
    /// `INFER_GRADES_BELOW` grades or more below the second-hardest item answered right
    /// (with a lower ability); the rest start fresh. A miss is never overridden.
    pub fn finish(&self, graph: &SkillGraph) -> (LearnerModel, Vec<SkillId>) {
        let mut model = LearnerModel::default();
        let mut placed = Vec::new();
        // The second-highest grade answered right: one lucky answer high up is not enough.
        let mut right: Vec<u8> = self.asked.iter().filter(|(_, c)| *c).filter_map(|&(i, _)| graph.node(i)).map(|n| n.grade).collect();
        crate::sorting::sort_by_key(&mut right, |g| std::cmp::Reverse(*g));
        let top_known = right.get(1).copied();
        for (k, &i) in self.skills.iter().enumerate() {
            let Some(n) = graph.node(i) else { continue };
            let inferred = self.known[k] == Known::Unknown && top_known.is_some_and(|t| n.grade + INFER_GRADES_BELOW <= t);
            if self.known[k] == Known::Yes || inferred {
                model.place_known(&n.id, if inferred { 0.6 } else { 1.2 });
                placed.push(n.id.clone());
            }
        }
        (model, placed)
    }
}
