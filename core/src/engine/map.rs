//! The skill map: the skills of a grade band laid out left to right by prerequisite depth
//! (a skill sits one column right of its deepest prerequisite), each with the learner's
//! status (locked, ready, in progress, mastered, due for review), plus grid navigation for
//! the keyboard. Pure geometry and rules; the UI draws it as SVG.

use super::learner::LearnerModel;
use super::mastery::MasteryLevel;
use super::review::Scheduler;
use crate::graph::SkillGraph;
use crate::learner::GradeBand;
use crate::{Lang, SkillId, Timestamp};
use std::collections::HashMap;

pub const NODE_W: f64 = 200.0;
pub const NODE_H: f64 = 84.0;
pub const COL_GAP: f64 = 56.0;
pub const ROW_GAP: f64 = 20.0;
pub const MARGIN: f64 = 16.0;

/// Where a skill stands for the learner, as the map shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapStatus {
    /// A prerequisite is not known yet.
    Locked,
    /// Every prerequisite is known; not started.
    Ready,
    InProgress,
    Mastered,
    /// Mastered, and its spaced review is due.
    Due,
}

impl MapStatus {
    pub const ALL: [MapStatus; 5] = [MapStatus::Locked, MapStatus::Ready, MapStatus::InProgress, MapStatus::Mastered, MapStatus::Due];

    pub fn key(self) -> &'static str {
        match self {
            MapStatus::Locked => "locked",
            MapStatus::Ready => "ready",
            MapStatus::InProgress => "in-progress",
            MapStatus::Mastered => "mastered",
            MapStatus::Due => "due",
        }
    }

    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            MapStatus::Locked => lang.pick("Locked", "Bloqueada"),
            MapStatus::Ready => lang.pick("Ready to start", "Lista para empezar"),
            MapStatus::InProgress => lang.pick("In progress", "En progreso"),
            MapStatus::Mastered => lang.pick("Mastered", "Dominada"),
            MapStatus::Due => lang.pick("Time to review", "Hora de repasar"),
        }
    }

    /// A symbol drawn beside the colour, so status never depends on colour alone.
    pub fn symbol(self) -> &'static str {
        match self {
            MapStatus::Locked => "⊘",
            MapStatus::Ready => "▶",
            MapStatus::InProgress => "◐",
            MapStatus::Mastered => "★",
            MapStatus::Due => "↻",
        }
    }
}

/// A prerequisite counts as known from proficient up (as the next-item policy has it).
fn known(level: MasteryLevel) -> bool {
    level >= MasteryLevel::Proficient
}

/// The status of graph skill `i` for this learner at `now`.
pub fn status(model: &LearnerModel, graph: &SkillGraph, i: usize, now: Timestamp, scheduler: &Scheduler) -> MapStatus {
    let Some(node) = graph.node(i) else { return MapStatus::Locked };
    let level = model.level_of(&node.id);
    let due = model.skill(&node.id).and_then(|s| s.review.as_ref()).is_some_and(|card| scheduler.is_due(card, now));
    match level {
        MasteryLevel::Mastered if due => MapStatus::Due,
        MasteryLevel::Mastered => MapStatus::Mastered,
        MasteryLevel::NotStarted => {
            let ready = graph.prerequisites(i).iter().all(|&p| graph.node(p).is_some_and(|pn| known(model.level_of(&pn.id))));
            if ready { MapStatus::Ready } else { MapStatus::Locked }
        }
        _ => MapStatus::InProgress,
    }
}

/// One skill on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapNode {
    /// Index in the skill graph.
    pub graph_index: usize,
    pub skill: SkillId,
    pub column: usize,
    pub row: usize,
    /// Top-left corner, in map units.
    pub x: f64,
    pub y: f64,
    pub level: MasteryLevel,
    pub status: MapStatus,
}

/// The laid-out map: nodes, prerequisite edges (map indices, prerequisite first) and size.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SkillMap {
    pub nodes: Vec<MapNode>,
    pub edges: Vec<(usize, usize)>,
    pub width: f64,
    pub height: f64,
}

/// Arrow-key directions on the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
    /// Toward prerequisites (the previous column).
    Left,
    /// Toward what comes next (the next column).
    Right,
}

/// Lays out the skills of `band` and gives each its status.
pub fn skill_map(model: &LearnerModel, graph: &SkillGraph, band: GradeBand, now: Timestamp, scheduler: &Scheduler) -> SkillMap {
    // Graph indices are topological, so every prerequisite's column is known before it is needed.
    let members = graph.in_band(band);
    let at: HashMap<usize, usize> = members.iter().enumerate().map(|(m, &g)| (g, m)).collect();
    let mut column = vec![0usize; members.len()];
    for (m, &g) in members.iter().enumerate() {
        column[m] = graph.prerequisites(g).iter().filter_map(|p| at.get(p)).map(|&pm| column[pm] + 1).max().unwrap_or(0);
    }
    let columns = column.iter().max().map_or(0, |c| c + 1);
    // Rows: each column ordered by the mean row of its prerequisites (fewer crossings),
    // ties in graph order.
    let mut row = vec![0usize; members.len()];
    for c in 0..columns {
        let mut in_col: Vec<(f64, usize)> = (0..members.len())
            .filter(|&m| column[m] == c)
            .map(|m| {
                let rows: Vec<f64> = graph.prerequisites(members[m]).iter().filter_map(|p| at.get(p)).map(|&pm| row[pm] as f64).collect();
                let bary = if rows.is_empty() { m as f64 / members.len().max(1) as f64 * 1e-3 } else { rows.iter().sum::<f64>() / rows.len() as f64 };
                (bary, m)
            })
            .collect();
        crate::sorting::sort_by(&mut in_col, |a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        for (r, (_, m)) in in_col.into_iter().enumerate() {
            row[m] = r;
        }
    }
    let rows = row.iter().max().map_or(0, |r| r + 1);
    let nodes = members
        .iter()
        .enumerate()
        .filter_map(|(m, &g)| {
            let node = graph.node(g)?;
            Some(MapNode {
                graph_index: g,
                skill: node.id.clone(),
                column: column[m],
                row: row[m],
                x: MARGIN + column[m] as f64 * (NODE_W + COL_GAP),
                y: MARGIN + row[m] as f64 * (NODE_H + ROW_GAP),
                level: model.level_of(&node.id),
                status: status(model, graph, g, now, scheduler),
            })
        })
        .collect();
    let edges = members
        .iter()
        .enumerate()
        .flat_map(|(m, &g)| graph.prerequisites(g).iter().filter_map(|p| at.get(p).map(|&pm| (pm, m))).collect::<Vec<_>>())
        .collect();
    let span = |n: usize, size: f64, gap: f64| if n == 0 { 0.0 } else { 2.0 * MARGIN + n as f64 * size + (n - 1) as f64 * gap };
    SkillMap { nodes, edges, width: span(columns, NODE_W, COL_GAP), height: span(rows, NODE_H, ROW_GAP) }
}

impl SkillMap {
    pub fn position(&self, skill: &SkillId) -> Option<usize> {
        self.nodes.iter().position(|n| &n.skill == skill)
    }

    /// Where an arrow key moves from node `from`: up and down within the column; left and
    /// right to the nearest row of the neighbouring column. `None` at an edge.
    pub fn neighbour(&self, from: usize, dir: Direction) -> Option<usize> {
        let here = self.nodes.get(from)?;
        let pick = |column: usize, row: usize| -> Option<usize> {
            self.nodes
                .iter()
                .enumerate()
                .filter(|(_, n)| n.column == column)
                .min_by_key(|(_, n)| (n.row.abs_diff(row), n.row))
                .map(|(i, _)| i)
        };
        let find = |column: usize, row: usize| self.nodes.iter().position(|n| n.column == column && n.row == row);
        match dir {
            Direction::Up => here.row.checked_sub(1).and_then(|r| find(here.column, r)),
            Direction::Down => find(here.column, here.row + 1),
            Direction::Left => here.column.checked_sub(1).and_then(|c| pick(c, here.row)),
            Direction::Right => pick(here.column + 1, here.row),
        }
    }

    /// How many skills have each status, in `MapStatus::ALL` order (the map's text summary).
    pub fn counts(&self) -> [usize; 5] {
        let mut out = [0; 5];
        for n in &self.nodes {
            if let Some(i) = MapStatus::ALL.iter().position(|s| *s == n.status) {
                out[i] += 1;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Catalog;

    fn catalog() -> Catalog {
        Catalog::builtin().expect("builtin catalog")
    }

    #[test]
    fn every_skill_of_the_band_is_placed_once_right_of_its_prerequisites() {
        let cat = catalog();
        let g = cat.graph();
        for band in [GradeBand::K2, GradeBand::G35, GradeBand::G68] {
            let map = skill_map(&LearnerModel::default(), g, band, Timestamp(0), &Scheduler::default());
            assert_eq!(map.nodes.len(), g.in_band(band).len(), "{band:?}");
            let mut cells: Vec<(usize, usize)> = map.nodes.iter().map(|n| (n.column, n.row)).collect();
            cells.sort();
            cells.dedup();
            assert_eq!(cells.len(), map.nodes.len(), "no two skills share a cell");
            for &(p, s) in &map.edges {
                assert!(map.nodes[p].column < map.nodes[s].column, "edge goes left to right");
            }
            for n in &map.nodes {
                assert!(n.x >= MARGIN && n.x + NODE_W <= map.width && n.y + NODE_H <= map.height);
            }
        }
    }

    #[test]
    fn a_new_learner_sees_ready_roots_and_locked_dependents() {
        let cat = catalog();
        let g = cat.graph();
        let map = skill_map(&LearnerModel::default(), g, GradeBand::K2, Timestamp(0), &Scheduler::default());
        for n in &map.nodes {
            let expected = if g.prerequisites(n.graph_index).is_empty() { MapStatus::Ready } else { MapStatus::Locked };
            assert_eq!(n.status, expected, "{}", n.skill);
        }
        let c = map.counts();
        assert_eq!(c.iter().sum::<usize>(), map.nodes.len());
        assert!(c[0] > 0 && c[1] > 0);
    }

    #[test]
    fn statuses_follow_the_model_and_the_review_clock() {
        let cat = catalog();
        let g = cat.graph();
        let root = (0..g.len()).find(|&i| g.prerequisites(i).is_empty() && !g.dependents(i).is_empty()).expect("a root with dependents");
        let root_id = g.node(root).expect("node").id.clone();
        let dep = g.dependents(root)[0];
        let mut model = LearnerModel::default();
        assert_eq!(status(&model, g, root, Timestamp(0), &Scheduler::default()), MapStatus::Ready);
        let mastered = model.place_known(&root_id, 4.0);
        assert!(mastered.is_some());
        let lvl = model.level_of(&root_id);
        assert!(lvl >= MasteryLevel::Proficient, "{lvl:?}");
        let st = status(&model, g, root, Timestamp(0), &Scheduler::default());
        assert!(matches!(st, MapStatus::Mastered | MapStatus::InProgress), "{st:?}");
        // Its dependent is unlocked once every prerequisite is known.
        if g.prerequisites(dep).len() == 1 {
            assert_eq!(status(&model, g, dep, Timestamp(0), &Scheduler::default()), MapStatus::Ready);
        }
        // A mastered skill whose review date has passed is due.
        if let Some(s) = model.skills.get_mut(&root_id) {
            s.level = MasteryLevel::Mastered;
            s.review = Some(Scheduler::default().review(&crate::engine::review::ReviewCard::new(Timestamp(0)), crate::engine::review::Rating::Good, Timestamp(0)));
        }
        assert_eq!(status(&model, g, root, Timestamp(0), &Scheduler::default()), MapStatus::Mastered);
        assert_eq!(status(&model, g, root, Timestamp(400 * 86_400_000), &Scheduler::default()), MapStatus::Due);
    }

    #[test]
    fn arrow_keys_walk_the_grid() {
        let cat = catalog();
        let map = skill_map(&LearnerModel::default(), cat.graph(), GradeBand::G35, Timestamp(0), &Scheduler::default());
        let start = map.nodes.iter().position(|n| n.column == 0 && n.row == 0).expect("top-left");
        assert_eq!(map.neighbour(start, Direction::Up), None);
        assert_eq!(map.neighbour(start, Direction::Left), None);
        let down = map.neighbour(start, Direction::Down).expect("a second row");
        assert_eq!((map.nodes[down].column, map.nodes[down].row), (0, 1));
        assert_eq!(map.neighbour(down, Direction::Up), Some(start));
        let right = map.neighbour(start, Direction::Right).expect("a second column");
        assert_eq!(map.nodes[right].column, 1);
        let back = map.neighbour(right, Direction::Left).expect("back");
        assert_eq!(map.nodes[back].column, 0);
        // From every node, every move stays on the map or stops at its edge.
        for i in 0..map.nodes.len() {
            for d in [Direction::Up, Direction::Down, Direction::Left, Direction::Right] {
                if let Some(j) = map.neighbour(i, d) {
                    assert!(j < map.nodes.len() && j != i);
                }
            }
        }
        assert_eq!(map.neighbour(map.nodes.len(), Direction::Up), None);
    }
}
