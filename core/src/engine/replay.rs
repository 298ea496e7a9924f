//! Replay: the learner model run over a stream of logged answers `learner,skill,correct[,seconds]`,
//! predicting each answer before seeing it (how researchers evaluate a model on real data).
//! Per-learner abilities (a general one plus one per skill), shared skill difficulties that
//! calibrate as rows arrive; skills outside the graph are independent skills with default
//! parameters. Also the evaluation metrics (AUC, log loss). Must not import browser crates,
//! a clock, or do any I/O: the `replay` binary reads and writes.

use super::model::{sigmoid, step};
use crate::graph::SkillGraph;
use crate::{Lang, SkillId};
use crate::error::UserMessage;
use std::collections::HashMap;

/// Why a replay row was refused. `line` is 1-based, counting the header.
#[derive(Debug, Clone, PartialEq)]
pub enum ReplayError {
    MissingHeader,
    WrongColumnCount { line: usize, found: usize },
    EmptyField { line: usize, column: &'static str },
    BadCorrect { line: usize, value: String },
    BadSeconds { line: usize, value: String },
}

impl UserMessage for ReplayError {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ReplayError::MissingHeader, Lang::En) => "The file is empty: expected a header row learner,skill,correct[,seconds].".into(),
            (ReplayError::MissingHeader, Lang::Es) => "El archivo está vacío: se esperaba una cabecera learner,skill,correct[,seconds].".into(),
            (ReplayError::WrongColumnCount { line, found }, Lang::En) => format!("Line {line}: expected 3 or 4 columns, found {found}."),
            (ReplayError::WrongColumnCount { line, found }, Lang::Es) => format!("Línea {line}: se esperaban 3 o 4 columnas, hay {found}."),
            (ReplayError::EmptyField { line, column }, Lang::En) => format!("Line {line}: the column {column} is empty."),
            (ReplayError::EmptyField { line, column }, Lang::Es) => format!("Línea {line}: la columna {column} está vacía."),
            (ReplayError::BadCorrect { line, value }, Lang::En) => format!("Line {line}: correct must be 0 or 1 (or true/false), not {value:?}."),
            (ReplayError::BadCorrect { line, value }, Lang::Es) => format!("Línea {line}: correct debe ser 0 o 1 (o true/false), no {value:?}."),
            (ReplayError::BadSeconds { line, value }, Lang::En) => format!("Line {line}: seconds must be a number of seconds from 0 to 86400, not {value:?}."),
            (ReplayError::BadSeconds { line, value }, Lang::Es) => format!("Línea {line}: seconds debe ser un número de segundos entre 0 y 86400, no {value:?}."),
        }
    }
}

/// One parsed row.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplayRow<'a> {
    pub learner: &'a str,
    pub skill: &'a str,
    pub correct: bool,
    pub seconds: Option<f64>,
}

/// Parses one data line (`line` is its 1-based number, for messages).
pub fn parse_row(text: &str, line: usize) -> Result<ReplayRow<'_>, ReplayError> {
    let text = text.trim_end_matches(['\r', '\n']);
    let cols: Vec<&str> = text.split(',').map(str::trim).collect();
    if !(3..=4).contains(&cols.len()) {
        return Err(ReplayError::WrongColumnCount { line, found: cols.len() });
    }
    let (learner, skill, c) = (cols[0], cols[1], cols[2]);
    if learner.is_empty() {
        return Err(ReplayError::EmptyField { line, column: "learner" });
    }
    if skill.is_empty() {
        return Err(ReplayError::EmptyField { line, column: "skill" });
    }
    let correct = match c.to_ascii_lowercase().as_str() {
        "1" | "true" | "1.0" => true,
        "0" | "false" | "0.0" => false,
        _ => return Err(ReplayError::BadCorrect { line, value: c.to_string() }),
    };
    let seconds = match cols.get(3) {
        None => None,
        Some(&"") => None,
        Some(s) => match s.parse::<f64>() {
            Ok(v) if v.is_finite() && (0.0..=86_400.0).contains(&v) => Some(v),
            _ => return Err(ReplayError::BadSeconds { line, value: s.to_string() }),
        },
    };
    Ok(ReplayRow { learner, skill, correct, seconds })
}

#[derive(Debug, Clone, Copy, Default)]
struct Est {
    value: f64,
    n: u32,
}

/// The online model used by replay: p = σ(θ_learner + θ_learner,skill − β_skill), with
/// uncertainty-scaled Elo steps; a skill in the graph starts from its grade and borrows the
/// learner's ability on its prerequisites.
#[derive(Debug, Default)]
pub struct Replayer {
    learners: HashMap<String, u32>,
    skills: HashMap<String, u32>,
    /// Graph index of each replay skill, if it is one of Waypoint's.
    graph_index: Vec<Option<usize>>,
    beta: Vec<Est>,
    general: Vec<Est>,
    /// Per (learner, skill) deviation from the learner's general ability.
    specific: HashMap<(u32, u32), Est>,
    graph_skill: Vec<Option<u32>>,
}

impl Replayer {
    pub fn new() -> Replayer {
        Replayer::default()
    }

    fn skill_index(&mut self, skill: &str, graph: Option<&SkillGraph>) -> u32 {
        if let Some(&i) = self.skills.get(skill) {
            return i;
        }
        let i = self.beta.len() as u32;
        self.skills.insert(skill.to_string(), i);
        let gi = graph.and_then(|g| SkillId::parse(skill).and_then(|id| g.index_of(&id)));
        // Prior difficulty from the grade: later skills are harder for the same learner.
        let prior = gi.and_then(|k| graph.and_then(|g| g.node(k))).map(|n| (n.grade as f64 - 4.0) * 0.1).unwrap_or(0.0);
        self.beta.push(Est { value: prior, n: 0 });
        self.graph_index.push(gi);
        if let Some(k) = gi {
            if self.graph_skill.len() <= k {
                self.graph_skill.resize(k + 1, None);
            }
            if let Some(slot) = self.graph_skill.get_mut(k) {
                *slot = Some(i);
            }
        }
        i
    }

    fn learner_index(&mut self, learner: &str) -> u32 {
        if let Some(&i) = self.learners.get(learner) {
            return i;
        }
        let i = self.general.len() as u32;
        self.learners.insert(learner.to_string(), i);
        self.general.push(Est::default());
        i
    }

    fn specific_or_prior(&self, l: u32, s: u32, graph: Option<&SkillGraph>) -> Est {
        if let Some(e) = self.specific.get(&(l, s)) {
            return *e;
        }
        // Untried: half the mean deviation on its prerequisites.
        let (Some(g), Some(Some(gi))) = (graph, self.graph_index.get(s as usize)) else { return Est::default() };
        let pre = g.prerequisites(*gi);
        let mut sum = 0.0;
        let mut k = 0.0;
        for &p in pre {
            if let Some(Some(ps)) = self.graph_skill.get(p)
                && let Some(e) = self.specific.get(&(l, *ps))
            {
                sum += e.value;
                k += 1.0;
            }
        }
        Est { value: if k > 0.0 { 0.5 * sum / k } else { 0.0 }, n: 0 }
    }

    /// Predicts the row, then learns from it. Returns the prediction made before learning.
    pub fn step(&mut self, row: &ReplayRow<'_>, graph: Option<&SkillGraph>) -> f64 {
        let l = self.learner_index(row.learner);
        let s = self.skill_index(row.skill, graph);
        let g = self.general.get(l as usize).copied().unwrap_or_default();
        let sp = self.specific_or_prior(l, s, graph);
        let b = self.beta.get(s as usize).copied().unwrap_or_default();
        let p = sigmoid(g.value + sp.value - b.value).clamp(0.001, 0.999);
        let mut credit = if row.correct { 1.0 } else { 0.0 };
        // Speed-accuracy: a slow right answer counts a little less (seconds optional).
        if let (true, Some(sec)) = (row.correct, row.seconds) {
            credit = 1.0 - 0.15 * (sec / 30.0).min(1.0);
        }
        let delta = credit - p;
        let kg = step(g.n, 0.4, 0.03);
        let ks = step(sp.n, 0.6, 0.1);
        let kb = step(b.n, 0.4, 0.01);
        if let Some(e) = self.general.get_mut(l as usize) {
            e.value = (e.value + kg * delta).clamp(-6.0, 6.0);
            e.n = e.n.saturating_add(1);
        }
        self.specific.insert((l, s), Est { value: (sp.value + ks * delta).clamp(-6.0, 6.0), n: sp.n.saturating_add(1) });
        if let Some(e) = self.beta.get_mut(s as usize) {
            e.value = (e.value - kb * delta).clamp(-6.0, 6.0);
            e.n = e.n.saturating_add(1);
        }
        p
    }
}

/// Area under the ROC curve of predictions against outcomes (ties count half); 0.5 when
/// only one class is present.
pub fn auc(pred: &[(f64, bool)]) -> f64 {
    let mut v: Vec<(f64, bool)> = pred.iter().copied().filter(|(p, _)| p.is_finite()).collect();
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    let pos = v.iter().filter(|x| x.1).count() as f64;
    let neg = v.len() as f64 - pos;
    if pos == 0.0 || neg == 0.0 {
        return 0.5;
    }
    let mut rank_sum = 0.0;
    let mut i = 0;
    while i < v.len() {
        let mut j = i;
        while j < v.len() && v[j].0 == v[i].0 {
            j += 1;
        }
        let avg_rank = (i + 1 + j) as f64 / 2.0;
        rank_sum += avg_rank * v[i..j].iter().filter(|x| x.1).count() as f64;
        i = j;
    }
    (rank_sum - pos * (pos + 1.0) / 2.0) / (pos * neg)
}

/// Mean negative log-likelihood (natural log), predictions clamped to 0.001..=0.999.
pub fn log_loss(pred: &[(f64, bool)]) -> f64 {
    if pred.is_empty() {
        return 0.0;
    }
    let sum: f64 = pred
        .iter()
        .map(|&(p, y)| {
            let p = p.clamp(0.001, 0.999);
            if y { -p.ln() } else { -(1.0 - p).ln() }
        })
        .sum();
    sum / pred.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_parse_and_bad_rows_name_their_line() {
        let r = parse_row("ana,add-within-10,1,3.5", 2).unwrap();
        assert!(r.correct && r.seconds == Some(3.5));
        assert_eq!(parse_row("ana,x,true", 3).unwrap().seconds, None);
        assert_eq!(parse_row("ana,x", 7), Err(ReplayError::WrongColumnCount { line: 7, found: 2 }));
        assert!(matches!(parse_row("ana,x,yes", 4), Err(ReplayError::BadCorrect { line: 4, .. })));
        assert!(matches!(parse_row("ana,x,1,-2", 5), Err(ReplayError::BadSeconds { line: 5, .. })));
        assert!(matches!(parse_row("ana,x,1,NaN", 5), Err(ReplayError::BadSeconds { .. })));
        assert!(matches!(parse_row(",x,1", 6), Err(ReplayError::EmptyField { line: 6, column: "learner" })));
        let msg = ReplayError::BadCorrect { line: 4, value: "yes".into() }.message(Lang::Es);
        assert!(msg.contains("Línea 4"));
    }

    #[test]
    fn replay_learns_who_is_strong() {
        let mut r = Replayer::new();
        let mut preds = Vec::new();
        for k in 0..200 {
            let strong = ReplayRow { learner: "a", skill: "s", correct: k % 10 != 0, seconds: None };
            let weak = ReplayRow { learner: "b", skill: "s", correct: k % 10 == 0, seconds: None };
            preds.push((r.step(&strong, None), strong.correct));
            preds.push((r.step(&weak, None), weak.correct));
        }
        assert!(auc(&preds) > 0.8);
        assert!(log_loss(&preds) < 0.6);
    }

    #[test]
    fn auc_of_known_orderings() {
        assert_eq!(auc(&[(0.1, false), (0.9, true)]), 1.0);
        assert_eq!(auc(&[(0.9, false), (0.1, true)]), 0.0);
        assert_eq!(auc(&[(0.5, false), (0.5, true)]), 0.5);
        assert_eq!(auc(&[(0.5, true)]), 0.5);
    }
}
