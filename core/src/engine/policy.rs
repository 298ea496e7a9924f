//! What to practise next: due reviews, the skill in hand, and the frontier (skills whose
//! prerequisites are known), at the level whose predicted success is nearest the target;
//! a step back to the weakest prerequisite after repeated misses; a choice board of three
//! next steps with reasons; and the personal path to a goal.

use super::learner::LearnerModel;
use super::mastery::MasteryLevel;
use super::model::EngineParams;
use super::review::Scheduler;
use crate::attempt::{MAX_LEVEL, MIN_LEVEL, PracticeMode};
use crate::graph::SkillGraph;
use crate::learner::GradeBand;
use crate::rng::SeededRng;
use crate::time::Timestamp;
use crate::{Lang, SkillId};
use serde::{Deserialize, Serialize};

/// Why a step was chosen, in words a child understands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum StepReason {
    ReviewDue,
    /// A mastered skill whose recall is fading, practised before its review date.
    KeepFresh,
    Continue,
    Ready,
    TowardGoal,
    StepBack { from: SkillId },
    Surprise,
}

impl StepReason {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            StepReason::ReviewDue => lang.pick("Review: due today.", "Repaso: toca hoy.").into(),
            StepReason::KeepFresh => lang.pick("Review: keep it fresh.", "Repaso: para no olvidarlo.").into(),
            StepReason::Continue => lang.pick("Keep going: you're making progress.", "Sigue así: vas progresando.").into(),
            StepReason::Ready => lang.pick("New: you're ready for this.", "Nueva: ya estás preparado para esto.").into(),
            StepReason::TowardGoal => lang.pick("Toward your goal.", "Hacia tu meta.").into(),
            StepReason::StepBack { .. } => lang
                .pick("Let's strengthen a skill it builds on first.", "Primero reforcemos una habilidad en la que se apoya.")
                .into(),
            StepReason::Surprise => lang.pick("A surprise pick from what you're ready for.", "Una sorpresa entre lo que ya puedes hacer.").into(),
        }
    }
}

/// The next item to show: skill, level, how it is met, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NextStep {
    pub skill: SkillId,
    pub level: u8,
    pub mode: PracticeMode,
    pub reason: StepReason,
    /// Predicted chance of success at that level.
    pub predicted: f64,
}

/// Everything a decision depends on besides the model and graph.
#[derive(Debug, Clone)]
pub struct Context {
    pub now: Timestamp,
    pub seed: u64,
    pub params: EngineParams,
    pub band: GradeBand,
    pub scheduler: Scheduler,
}

fn is_known(level: MasteryLevel) -> bool {
    level >= MasteryLevel::Proficient
}

/// The chance a skill is known above which the path moves on from it (its level still
/// has to be earned, in mixed practice and reviews).
pub const MOVE_ON_KNOWN: f64 = 0.95;

/// Known for choosing what to learn next: proficient or better, or the answers so far
/// (right, and at the learner's quick pace) leave little doubt.
fn known_enough(model: &LearnerModel, skill: &SkillId) -> bool {
    is_known(model.level_of(skill)) || model.known_chance(skill) >= MOVE_ON_KNOWN
}

/// Practised here: at least one answer in practice (a skill placed as known has none).
fn practised(model: &LearnerModel, skill: &SkillId) -> bool {
    model.skill(skill).is_some_and(|s| s.answers > 0)
}

/// Of `front`, the skills placed as known (proficient) and not practised here yet, the
/// hardest first (the edge of what the learner showed): for when nothing is in progress or
/// new, so a learner placed as knowing everything within reach still moves along.
fn placed_unpractised(model: &LearnerModel, graph: &SkillGraph, front: &[usize]) -> Vec<usize> {
    let mut placed: Vec<usize> = front
        .iter()
        .copied()
        .filter(|&i| graph.node(i).is_some_and(|n| model.level_of(&n.id) >= MasteryLevel::Practising && !practised(model, &n.id)))
        .collect();
    crate::sorting::sort_by_key(&mut placed, |&i| std::cmp::Reverse(graph.node(i).map(|n| n.grade).unwrap_or(0)));
    placed
}

/// Skills whose prerequisites are all known and that are not mastered yet, up to the
/// learner's grade band.
pub fn frontier(model: &LearnerModel, graph: &SkillGraph, band: GradeBand) -> Vec<usize> {
    let top = *band.grades().end();
    (0..graph.len())
        .filter(|&i| {
            let Some(n) = graph.node(i) else { return false };
            n.grade <= top
                && model.level_of(&n.id) < MasteryLevel::Mastered
                && graph.prerequisites(i).iter().all(|&p| graph.node(p).is_some_and(|pn| known_enough(model, &pn.id)))
        })
        .collect()
}

/// The level whose predicted success is nearest the target.
pub fn best_level(model: &LearnerModel, graph: &SkillGraph, skill: &SkillId, target: f64) -> (u8, f64) {
    let mut best = (MIN_LEVEL, f64::MAX, 0.0);
    for level in MIN_LEVEL..=MAX_LEVEL {
        let p = model.predict(graph, skill, level);
        let d = (p - target).abs();
        if d < best.1 {
            best = (level, d, p);
        }
    }
    (best.0, best.2)
}

/// Without a chosen focus, a mastered skill (one with a review card) is kept fresh once
/// the chance it is still recalled falls below this, well ahead of its FSRS date: children
/// forget practised skills faster than the flashcard defaults assume, and a skill is
/// cheaper to keep than to relearn. With a focus only the FSRS date counts, so reviews
/// don't hold up the goal.
pub const KEEP_FRESH_BELOW: f64 = 0.99;
/// Without a focus, about this share of items go to keeping mastered skills fresh (the
/// longest unpractised first) while any is below [`KEEP_FRESH_BELOW`]; the rest go on
/// with learning. 0.6 keeps simulated retention at 30 days above 0.85 (0.868 on 1,000
/// learners; 0.8 gave 0.889, 0.5 gave 0.851) while leaving most of a session to new
/// learning, which the simulator's goal phase does not see but a child does.
pub const KEEP_FRESH_SHARE: f64 = 0.6;

/// Reviews pitch their level for at least this chance of success: a review checks
/// recall, so a miss should mean forgetting rather than a hard item.
pub const REVIEW_TARGET_SUCCESS: f64 = 0.9;

/// Skills with a review card that are due (by the FSRS date, or recall below `below`),
/// the longest unpractised first.
fn due_reviews(model: &LearnerModel, ctx: &Context, below: f64) -> Vec<SkillId> {
    let mut due: Vec<(Option<Timestamp>, &SkillId)> = model
        .skills
        .iter()
        .filter(|(_, s)| s.review.is_some_and(|c| ctx.scheduler.is_due(&c, ctx.now) || ctx.scheduler.retrievability(&c, ctx.now) < below))
        .map(|(id, s)| (s.last_at, id))
        .collect();
    crate::sorting::sort_by_key(&mut due, |(at, _)| *at);
    due.into_iter().map(|(_, id)| id.clone()).collect()
}

/// After repeated misses (3 of the last 4), the weakest prerequisite that is not mastered.
fn step_back(model: &LearnerModel, graph: &SkillGraph, skill: &SkillId) -> Option<SkillId> {
    let s = model.skill(skill)?;
    if s.recent_len < 4 || s.recent_misses(4) < 3 {
        return None;
    }
    let i = graph.index_of(skill)?;
    graph
        .prerequisites(i)
        .iter()
        .filter_map(|&p| graph.node(p))
        .filter(|n| model.level_of(&n.id) < MasteryLevel::Mastered)
        // Only a prerequisite that still looks shaky (not clearly known from its answers);
        // once it is answered well again the learner goes back to the skill in hand.
        .filter(|n| model.known_chance(&n.id) < MOVE_ON_KNOWN)
        .filter(|n| model.skill(&n.id).is_none_or(|ps| !is_known(ps.level) || ps.recent_len < 3 || ps.recent_misses(3) > 0))
        .min_by(|a, b| model.ability(graph, &a.id).total_cmp(&model.ability(graph, &b.id)))
        .map(|n| n.id.clone())
}

/// A skill that was mastered (it has a review card), is below mastered now and was missed
/// in its last two answers: being relearned.
fn relearning(model: &LearnerModel, skill: &SkillId) -> bool {
    model.skill(skill).is_some_and(|s| s.review.is_some() && s.level < MasteryLevel::Mastered && s.recent_misses(2) > 0)
}

/// Chooses the next item. `focus` is the skill the learner chose on the board, if any.
pub fn next_item(model: &LearnerModel, graph: &SkillGraph, ctx: &Context, focus: Option<&SkillId>) -> Option<NextStep> {
    let mut rng = SeededRng::new(SeededRng::mix(&[ctx.seed, model.answers as u64]));
    let target = ctx.params.target_success;
    let make = |skill: SkillId, reason: StepReason, review: bool| {
        let (level, predicted) = best_level(model, graph, &skill, if review { target.max(REVIEW_TARGET_SUCCESS) } else { target });
        let mode = if review {
            PracticeMode::Review
        } else if model.last_skill.as_ref() == Some(&skill) {
            PracticeMode::Blocked
        } else {
            PracticeMode::Mixed
        };
        NextStep { skill, level, mode, reason, predicted }
    };
    // The skill in hand: the focus, or the last one practised if not mastered.
    let current = focus.cloned().or_else(|| model.last_skill.clone()).filter(|s| graph.index_of(s).is_some());
    if let Some(cur) = &current
        && let Some(back) = step_back(model, graph, cur)
    {
        return Some(make(back, StepReason::StepBack { from: cur.clone() }, false));
    }
    // Without a focus (the learner didn't choose), keeping what was mastered comes first:
    // a skill that slipped and was just missed again is practised until it comes back;
    // then, most of the time, a review of the mastered skill practised longest ago.
    let roll = rng.next_f64();
    if focus.is_none() {
        if let Some(cur) = current.as_ref().filter(|c| relearning(model, c)) {
            return Some(make(cur.clone(), StepReason::Continue, false));
        }
        if roll < KEEP_FRESH_SHARE
            && let Some(first) = due_reviews(model, ctx, KEEP_FRESH_BELOW).into_iter().next()
        {
            let due = model.skill(&first).and_then(|s| s.review).is_some_and(|c| ctx.scheduler.is_due(&c, ctx.now));
            return Some(make(first, if due { StepReason::ReviewDue } else { StepReason::KeepFresh }, true));
        }
    }
    let due = due_reviews(model, ctx, 0.0);
    // Interleave: roughly one item in four is a due review, or another skill in progress.
    if !due.is_empty() && (roll < 0.3 || current.is_none()) {
        let pick = due[rng.index(due.len())].clone();
        return Some(make(pick, StepReason::ReviewDue, true));
    }
    let front = frontier(model, graph, ctx.band);
    // In progress: started in practice (a skill only placed as known is not "in progress":
    // the first of those was a kindergarten skill for a strong grade-7 learner).
    let in_progress: Vec<usize> = front
        .iter()
        .copied()
        .filter(|&i| graph.node(i).is_some_and(|n| model.level_of(&n.id) >= MasteryLevel::Practising && practised(model, &n.id)))
        .collect();
    let placed = placed_unpractised(model, graph, &front);
    let ready_new = |exclude: Option<&SkillId>| {
        front
            .iter()
            .copied()
            .filter(|&i| graph.node(i).is_some_and(|n| model.level_of(&n.id) == MasteryLevel::NotStarted && Some(&n.id) != exclude))
            .min_by_key(|&i| graph.node(i).map(|n| n.grade).unwrap_or(9))
    };
    if let Some(cur) = current.filter(|c| model.level_of(c) < MasteryLevel::Mastered) {
        // Interleave: mixed practice is how mastery is shown, so switch skills now and
        // then, more often once the skill is proficient.
        let switch = if model.level_of(&cur) >= MasteryLevel::Proficient { 0.5 } else { 0.15 };
        if roll < 1.0 - switch {
            return Some(make(cur, StepReason::Continue, false));
        }
        // Prefer skills still being learned (below proficient) over polishing known ones.
        let learning: Vec<usize> = in_progress
            .iter()
            .copied()
            .filter(|&i| graph.node(i).is_some_and(|n| n.id != cur && !known_enough(model, &n.id)))
            .collect();
        let others: Vec<usize> = if learning.is_empty() || roll > 1.0 - switch / 3.0 {
            let mut known: Vec<usize> = in_progress.iter().copied().filter(|&i| graph.node(i).is_some_and(|n| n.id != cur)).collect();
            // Nothing being learned: the hardest placed skill not practised yet joins them,
            // so a learner placed as knowing everything within reach moves along.
            if learning.is_empty() {
                known.extend(placed.iter().copied().find(|&i| graph.node(i).is_some_and(|n| n.id != cur)));
            }
            known
        } else {
            learning
        };
        if let Some(&i) = others.get(rng.index(others.len()))
            && let Some(n) = graph.node(i)
        {
            return Some(make(n.id.clone(), StepReason::Continue, false));
        }
        if let Some(d) = due.first() {
            return Some(make(d.clone(), StepReason::ReviewDue, true));
        }
        if let Some(n) = ready_new(Some(&cur)).and_then(|i| graph.node(i)) {
            return Some(make(n.id.clone(), StepReason::Ready, false));
        }
        // A learner placed as knowing everything within reach switches between placed skills
        // (mixed practice is how mastery is shown), not one skill for ever.
        if let Some(n) = placed.iter().filter_map(|&i| graph.node(i)).find(|n| n.id != cur) {
            return Some(make(n.id.clone(), StepReason::Ready, false));
        }
        return Some(make(cur, StepReason::Continue, false));
    }
    if let Some(&i) = in_progress.first() {
        return graph.node(i).map(|n| make(n.id.clone(), StepReason::Continue, false));
    }
    // Something new: the lowest-grade ready skill; when placement left none, the hardest of
    // the skills it placed (the edge of what the learner showed), to earn its mastery.
    let new = ready_new(None).or_else(|| placed.first().copied()).or_else(|| front.iter().copied().max_by_key(|&i| graph.node(i).map(|n| n.grade).unwrap_or(0)));
    if let Some(n) = new.and_then(|i| graph.node(i)) {
        return Some(make(n.id.clone(), StepReason::Ready, false));
    }
    if let Some(d) = due.first() {
        return Some(make(d.clone(), StepReason::ReviewDue, true));
    }
    // Everything within reach is mastered and nothing is due: keep sharp on the review
    // that comes due soonest.
    let soonest = model.skills.iter().filter_map(|(id, s)| s.review.map(|c| (c.due, id))).min_by_key(|(due, _)| *due)?;
    Some(make(soonest.1.clone(), StepReason::ReviewDue, true))
}

/// One option on the choice board.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub skill: SkillId,
    pub reason: StepReason,
}

/// The three best next steps, each with its reason: a due review, the skill in progress,
/// something new the learner is ready for, or a step toward their goal.
pub fn choice_board(model: &LearnerModel, graph: &SkillGraph, ctx: &Context, goal: Option<&SkillId>) -> Vec<Choice> {
    let mut out: Vec<Choice> = Vec::new();
    let push = |skill: SkillId, reason: StepReason, out: &mut Vec<Choice>| {
        if out.len() < 3 && !out.iter().any(|c| c.skill == skill) {
            out.push(Choice { skill, reason });
        }
    };
    if let Some(goal) = goal {
        // The next skill to learn on the way: ready (prerequisites known) and not yet
        // proficient; once everything on the way is proficient, the first not mastered.
        let path = personal_path(model, graph, goal);
        let ready = |s: &&PathStep| {
            graph.index_of(&s.skill).is_some_and(|i| graph.prerequisites(i).iter().all(|&p| graph.node(p).is_some_and(|n| known_enough(model, &n.id))))
        };
        let to_learn = path.iter().filter(ready).find(|s| !known_enough(model, &s.skill));
        if let Some(step) = to_learn.or_else(|| path.iter().find(ready)) {
            push(step.skill.clone(), StepReason::TowardGoal, &mut out);
        }
    }
    if let Some(r) = due_reviews(model, ctx, 0.0).into_iter().next() {
        push(r, StepReason::ReviewDue, &mut out);
    }
    let front = frontier(model, graph, ctx.band);
    let mut progress: Vec<usize> = front.iter().copied().filter(|&i| graph.node(i).is_some_and(|n| model.level_of(&n.id) >= MasteryLevel::Practising && practised(model, &n.id))).collect();
    crate::sorting::sort_by_key(&mut progress, |&i| std::cmp::Reverse(graph.node(i).and_then(|n| model.skill(&n.id)).and_then(|s| s.last_at)));
    for i in progress {
        if let Some(n) = graph.node(i) {
            push(n.id.clone(), StepReason::Continue, &mut out);
            break;
        }
    }
    let mut fresh: Vec<usize> = front.iter().copied().filter(|&i| graph.node(i).is_some_and(|n| model.level_of(&n.id) == MasteryLevel::NotStarted)).collect();
    crate::sorting::sort_by_key(&mut fresh, |&i| graph.node(i).map(|n| n.grade).unwrap_or(9));
    for i in fresh {
        if let Some(n) = graph.node(i) {
            push(n.id.clone(), StepReason::Ready, &mut out);
        }
    }
    // A learner placed as knowing everything within reach still gets choices.
    for i in placed_unpractised(model, graph, &front) {
        if let Some(n) = graph.node(i) {
            push(n.id.clone(), StepReason::Ready, &mut out);
        }
    }
    out
}

/// A step on the way to a goal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PathStep {
    pub skill: SkillId,
    /// Rough number of items still needed to master it, from the model's estimate.
    pub estimated_items: u32,
}

/// The skills still to master on the way to `goal` (goal included), in prerequisite order.
pub fn personal_path(model: &LearnerModel, graph: &SkillGraph, goal: &SkillId) -> Vec<PathStep> {
    let Some(g) = graph.index_of(goal) else { return Vec::new() };
    let mut chain = graph.ancestors(g);
    chain.push(g);
    chain
        .into_iter()
        .filter_map(|i| graph.node(i))
        .filter(|n| model.level_of(&n.id) < MasteryLevel::Mastered)
        .map(|n| {
            let p = model.predict(graph, &n.id, 5);
            let s = model.skill(&n.id);
            let days_left = 3usize.saturating_sub(s.map(|s| s.hard_days.len()).unwrap_or(0)) as u32;
            let estimated_items = ((0.85 - p).max(0.0) * 30.0).round() as u32 + 4 * days_left.max(1);
            PathStep { skill: n.id.clone(), estimated_items }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attempt::Attempt;
    use crate::content::Catalog;

    #[test]
    fn every_reason_is_said_in_both_languages_and_reviews_say_why() {
        let reasons = [
            StepReason::ReviewDue,
            StepReason::KeepFresh,
            StepReason::Continue,
            StepReason::Ready,
            StepReason::TowardGoal,
            StepReason::StepBack { from: SkillId::parse("add.within-10").expect("id") },
            StepReason::Surprise,
        ];
        for r in &reasons {
            let (en, es) = (r.message(Lang::En), r.message(Lang::Es));
            assert!(!en.is_empty() && !es.is_empty() && en != es, "{r:?}");
        }
        assert_eq!(StepReason::KeepFresh.message(Lang::En), "Review: keep it fresh.");
        assert_ne!(StepReason::KeepFresh.message(Lang::Es), StepReason::ReviewDue.message(Lang::Es));
    }

    #[test]
    fn the_path_moves_on_from_a_skill_the_answers_show_is_known() {
        let catalog = Catalog::builtin().expect("catalog");
        let g = catalog.graph();
        let goal = SkillId::parse("frac.add-unlike").expect("id");
        let mut m = LearnerModel::default();
        let ctx = Context { now: Timestamp(1_790_000_000_000), seed: 1, params: EngineParams::default(), band: GradeBand::G35, scheduler: Scheduler::default() };
        let first = choice_board(&m, g, &ctx, Some(&goal)).into_iter().find(|c| c.reason == StepReason::TowardGoal).expect("a step toward the goal");
        // Quick right answers at the learner's pace: not yet proficient, but clearly known.
        for k in 0..2 {
            let a = Attempt { at: Timestamp(ctx.now.0 + k * 60_000), skill: first.skill.clone(), level: 3, correct: true, response_ms: 4_000, hints_used: 0, mode: PracticeMode::Mixed };
            m.record(g, &a, &ctx.params, 0, &ctx.scheduler);
        }
        m.pace = Some((4_000f64).ln() as f32);
        let a = Attempt { at: Timestamp(ctx.now.0 + 3 * 60_000), skill: first.skill.clone(), level: 3, correct: true, response_ms: 3_500, hints_used: 0, mode: PracticeMode::Mixed };
        m.record(g, &a, &ctx.params, 0, &ctx.scheduler);
        assert!(m.level_of(&first.skill) < MasteryLevel::Proficient);
        assert!(m.known_chance(&first.skill) >= MOVE_ON_KNOWN, "{}", m.known_chance(&first.skill));
        let next = choice_board(&m, g, &ctx, Some(&goal)).into_iter().find(|c| c.reason == StepReason::TowardGoal).expect("a step toward the goal");
        assert_ne!(next.skill, first.skill, "the path moved on");
    }
}
