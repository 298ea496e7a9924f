//! The simulation harness: simulated learners with a hidden ground truth (per skill: known
//! or not, a learning rate, guessing, slips, forgetting with a memory stability that grows
//! with spaced practice, response-time noise) practise on a skill graph under a policy —
//! the engine, a fixed sequence (mastered after 10 right in a row) or random practice — and
//! the harness measures what each policy achieves against the truth. The policies only see
//! answers (right/wrong, seconds), never the truth. Pure: no clock, no I/O, seeded.
//!
//! Two references bound what a learner model can reach on a policy's answers: the oracle
//! (the truth's own chance of a right answer, hidden state included) and the ideal filter
//! ([`IdealFilter`]: the exact Bayesian filter that knows the simulated learner's every
//! parameter and starting state, but not what was learned or forgotten since, and sees
//! the same answers and times a model sees).

use super::mastery::MasteryLevel;
use super::model::EngineParams;
use super::placement::{PLACEMENT_LEVEL, Placement};
use super::policy::{Context, StepReason, choice_board, next_item};
use super::replay::{auc, log_loss};
use super::review::Scheduler;
use crate::attempt::Attempt;
use crate::graph::SkillGraph;
use crate::learner::GradeBand;
use crate::rng::SeededRng;
use crate::time::{MS_PER_DAY, Timestamp};
use serde::Serialize;

const T0: i64 = 1_790_000_000_000;

/// Which practice policy a simulated learner follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Policy {
    Engine,
    Fixed,
    Random,
}

impl Policy {
    pub const ALL: [Policy; 3] = [Policy::Engine, Policy::Fixed, Policy::Random];
    pub fn key(self) -> &'static str {
        match self {
            Policy::Engine => "engine",
            Policy::Fixed => "fixed",
            Policy::Random => "random",
        }
    }
}

/// Harness settings.
#[derive(Debug, Clone)]
pub struct SimConfig {
    pub learners: usize,
    pub seed: u64,
    /// Most items a learner practises before the main phase stops.
    pub budget_items: u32,
    /// Items per simulated day in the main phase.
    pub items_per_day: u32,
    /// Days after the main phase before retention is measured, and items per day then.
    pub retention_days: u32,
    pub retention_items_per_day: u32,
    /// The goal skill (the target set is it and everything it builds on); `None` picks the
    /// skill with the most prerequisites up to 14.
    pub goal: Option<usize>,
    /// Keep the engine policy's answers (for the replay CSV).
    pub keep_responses: bool,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            learners: 1_000,
            seed: 2026,
            budget_items: 1_500,
            items_per_day: 20,
            retention_days: 30,
            retention_items_per_day: 10,
            goal: None,
            keep_responses: false,
        }
    }
}

/// What one policy achieved over all learners.
#[derive(Debug, Clone, Serialize)]
pub struct PolicyReport {
    pub policy: Policy,
    pub learners: usize,
    /// Median items (placement included) until the learner truly knows every target skill;
    /// learners who never get there count as the budget.
    pub items_to_mastery: f64,
    /// Share of learners who truly knew every target skill within the budget.
    pub reached: f64,
    /// Share of "mastered" declarations made when the learner did not know the skill.
    pub false_mastery_rate: f64,
    /// Share of skills declared mastered at the end of the main phase still known after
    /// the retention days (practising with the policy's own reviews).
    pub retention_30d: f64,
    pub auc: f64,
    pub log_loss: f64,
    /// AUC and log loss of the engine's learner model predicting this policy's answers
    /// (passively: it sees the answers but does not choose the items). For the engine
    /// policy it equals `auc`; adaptive selection pitches items near the target success,
    /// which compresses predictions, so this is the fairer view of the model's accuracy.
    pub model_auc: f64,
    pub model_log_loss: f64,
    /// The ceiling: AUC and log loss of the simulated truth's own chance of a right answer
    /// (guess, slip, knowledge and forgetting known exactly) on the same answers. No model
    /// that sees only the answers can beat it under this policy's choice of items.
    pub oracle_auc: f64,
    pub oracle_log_loss: f64,
    /// AUC and log loss of the [`IdealFilter`] on the same answers: what a model could reach
    /// if it knew the simulated learner's parameters and starting state exactly and had to
    /// infer the rest (learning, forgetting) from the answers and their times, as every
    /// real model must. A model that must also estimate the parameters stays below it.
    pub ideal_auc: f64,
    pub ideal_log_loss: f64,
    /// The same exact filter with less given (`Reference::ALL`): without the starting state,
    /// with typical parameters instead of the learner's own, or both. How much of the
    /// ideal filter's accuracy comes from knowing each learner's parameters.
    pub references: Vec<ReferenceReport>,
    pub placement_items: f64,
    /// Share of skills (up to the band) whose placed state differs from the truth.
    pub placement_error: f64,
    pub declarations: u64,
    pub answers: u64,
    /// Answers in the retention phase (the same for every learner and policy:
    /// `retention_days * retention_items_per_day`).
    pub retention_answers: u64,
}

/// One answer the engine policy saw, for the replay CSV.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub learner: u32,
    pub skill: usize,
    pub correct: bool,
    pub seconds: f64,
}

#[derive(Debug, Clone)]
struct TrueSkill {
    known: bool,
    /// Memory stability in days: chance to still know after t days is exp(-t/S).
    stability: f64,
    last_day: f64,
    /// How secure a known skill is, on the logit scale (hard levels need more).
    security: f64,
}

/// Seconds a known skill's answer takes at level 3 (before the learner's speed), seconds
/// an unknown one takes, and the spread of both on the log scale. Each level away from 3
/// adds or removes 15%.
const KNOWN_SECONDS: f64 = 4.0;
const UNKNOWN_SECONDS: f64 = 10.0;
const SECONDS_LOG_SD: f64 = 0.35;
const SECONDS_PER_LEVEL: f64 = 0.15;

/// One simulated answer, with what the ideal filter may know of the learner's parameters.
#[derive(Debug, Clone, Copy)]
struct TrueAnswer {
    correct: bool,
    seconds: f64,
    /// The truth's chance of this answer being right (hidden state included).
    p_true: f64,
    /// What the learner's own hidden parameters make of this answer.
    own: Hidden,
    /// The same from typical parameters (`TYPICAL`) instead of this learner's and skill's.
    typical: Hidden,
}

/// What the hidden parameters say about one answer, as a filter may use them.
#[derive(Debug, Clone, Copy)]
struct Hidden {
    /// The chance of a right answer if the skill is known at this moment, and if not.
    if_known: f64,
    if_unknown: f64,
    /// The chance that this answer teaches the skill, if it is not known (0 without feedback).
    learn: f64,
    /// The skill's memory stability in days (how fast it is forgotten if known).
    stability: f64,
    /// The expected seconds of the answer if known, and if not (before the noise).
    seconds_known: f64,
    seconds_unknown: f64,
}

/// Typical values of the hidden parameters, for the reference filters that do not know a
/// learner's own: the middle of the ranges `TrueLearner::new` draws guessing, slips and
/// the learning rate from, and the median speed. A skill's security and memory stability
/// change with practice; 3.0 and 30 days are the values that gave the reference filter its
/// lowest log loss on the engine's answers among those tried (security 2 to 4, stability
/// 10 to 80 days; 200 learners): its AUC ranged 0.754-0.769 over them.
struct Typical {
    guess: f64,
    slip: f64,
    learn: f64,
    security: f64,
    stability: f64,
}

const TYPICAL: Typical = Typical { guess: 0.125, slip: 0.075, learn: 0.21, security: 3.0, stability: 30.0 };

/// The chance of a right answer on a known skill of this security at a level offset `lv`
/// (level - 3), and on an unknown one, for a learner who guesses and slips so often.
fn chances(guess: f64, slip: f64, security: f64, lv: f64) -> (f64, f64) {
    let if_known = (guess + (1.0 - guess - slip) / (1.0 + (-(security - 0.7 * lv)).exp())).clamp(0.01, 0.99);
    let if_unknown = (guess - 0.02 * lv).clamp(0.01, 0.5);
    (if_known, if_unknown)
}

/// The exact Bayesian filter for one simulated learner: per skill the chance it is known,
/// given the learner's true parameters (guessing, slips, how secure each skill is, the
/// learning rate and whether the prerequisites are known, memory stability, speed), the
/// true starting state, and every answer and time since. It is the best any model that
/// sees the answers can do when it knows those parameters; a real model must also learn
/// them, so it stays below. Forgetting, learning and the hidden state after the start are
/// not given to it: it tracks them from the answers, as a model does.
#[derive(Debug, Clone)]
pub struct IdealFilter {
    /// Per skill: the chance it is known, as of the simulated day after.
    known: Vec<(f64, f64)>,
    /// Whether it uses the learner's own parameters (the ideal filter) or typical ones (a
    /// reference filter, `Reference`).
    own: bool,
}

impl IdealFilter {
    /// A filter that knows the starting state (each skill known or not, on day 0).
    pub fn new(initially_known: &[bool]) -> IdealFilter {
        IdealFilter { known: initially_known.iter().map(|&k| (if k { 1.0 } else { 0.0 }, 0.0)).collect(), own: true }
    }

    /// A reference filter (`Reference`): the learner's own or typical parameters, and the
    /// starting state or an even chance for every skill.
    pub fn reference(initially_known: &[bool], r: Reference) -> IdealFilter {
        let mut f = IdealFilter::new(initially_known);
        f.own = r.own_parameters;
        if !r.starting_state {
            for k in &mut f.known {
                k.0 = 0.5;
            }
        }
        f
    }

    /// The chance of a right answer on skill `i` on `day`, before seeing it; then updates on
    /// the answer (right or wrong, and its time) and on what practising it may teach.
    fn predict_then_update(&mut self, i: usize, day: f64, answer: &TrueAnswer) -> f64 {
        let Some(slot) = self.known.get_mut(i) else { return 0.5 };
        let a = if self.own { &answer.own } else { &answer.typical };
        let (k0, last) = *slot;
        // Forgetting since the skill's last answer (the truth checks at each answer).
        let k = k0 * (-(day - last).max(0.0) / a.stability.max(1e-9)).exp();
        let p = (k * a.if_known + (1.0 - k) * a.if_unknown).clamp(1e-6, 1.0 - 1e-6);
        let (lk, lu) = if answer.correct { (a.if_known, a.if_unknown) } else { (1.0 - a.if_known, 1.0 - a.if_unknown) };
        // The time's likelihood under each state (log-normal around each expected time).
        let z = |expected: f64| (answer.seconds.ln() - expected.ln()) / SECONDS_LOG_SD;
        let (tk, tu) = (z(a.seconds_known), z(a.seconds_unknown));
        let time_ratio = (-(tk * tk - tu * tu) / 2.0).exp();
        let num = k * lk * time_ratio;
        let den = num + (1.0 - k) * lu;
        let post = if den > 0.0 { num / den } else { k };
        *slot = (post + (1.0 - post) * a.learn, day);
        p
    }
}

/// What a reference filter is given: the same exact filter as [`IdealFilter`], with the
/// learner's own parameters or typical ones (`TYPICAL`), and the true starting state or an
/// even chance for every skill (the placement answers then tell it what they can).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reference {
    pub own_parameters: bool,
    pub starting_state: bool,
}

impl Reference {
    /// The references reported besides the ideal filter (own parameters and the start).
    pub const ALL: [Reference; 3] = [
        Reference { own_parameters: true, starting_state: false },
        Reference { own_parameters: false, starting_state: true },
        Reference { own_parameters: false, starting_state: false },
    ];

    pub fn name(self) -> &'static str {
        match (self.own_parameters, self.starting_state) {
            (true, true) => "ideal",
            (true, false) => "own parameters, no start",
            (false, true) => "typical parameters, start",
            (false, false) => "typical parameters, no start",
        }
    }
}

/// A reference filter's accuracy on a policy's answers.
#[derive(Debug, Clone, Serialize)]
pub struct ReferenceReport {
    pub filter: &'static str,
    pub auc: f64,
    pub log_loss: f64,
}

/// The hidden truth about one simulated learner.
#[derive(Debug, Clone)]
struct TrueLearner {
    skills: Vec<TrueSkill>,
    learn: f64,
    guess: f64,
    slip: f64,
    speed: f64,
}

impl TrueLearner {
    fn new(graph: &SkillGraph, start_grade: u8, rng: &mut SeededRng) -> TrueLearner {
        let mut skills: Vec<TrueSkill> = Vec::with_capacity(graph.len());
        for i in 0..graph.len() {
            let grade = graph.node(i).map(|n| n.grade).unwrap_or(0);
            let pre_known = graph.prerequisites(i).iter().all(|&p| skills.get(p).is_some_and(|s| s.known));
            let p = if grade < start_grade {
                0.85
            } else if grade == start_grade {
                0.3
            } else {
                0.05
            };
            let known = pre_known && rng.chance(p);
            skills.push(TrueSkill { known, stability: 20.0 + 40.0 * rng.next_f64(), last_day: 0.0, security: 2.0 + 1.5 * rng.next_f64() });
        }
        TrueLearner {
            skills,
            learn: 0.12 + 0.18 * rng.next_f64(),
            guess: 0.05 + 0.15 * rng.next_f64(),
            slip: 0.03 + 0.09 * rng.next_f64(),
            speed: (0.3 * rng.normal()).exp(),
        }
    }

    /// Applies forgetting up to `day` and says whether the skill is known then.
    fn check(&mut self, i: usize, day: f64, rng: &mut SeededRng) -> bool {
        let Some(s) = self.skills.get_mut(i) else { return false };
        let dt = (day - s.last_day).max(0.0);
        if s.known && !rng.chance((-dt / s.stability).exp()) {
            s.known = false;
        }
        s.last_day = s.last_day.max(day);
        s.known
    }

    /// Answers an item (the answer, its time, the truth's own chance of a right answer and
    /// what the ideal filter may know). Learns from it when `learn` is set.
    fn answer(&mut self, graph: &SkillGraph, i: usize, level: u8, day: f64, learn: bool, rng: &mut SeededRng) -> TrueAnswer {
        let dt = self.skills.get(i).map(|s| (day - s.last_day).max(0.0)).unwrap_or(0.0);
        let known = self.check(i, day, rng);
        let lv = level as f64 - 3.0;
        // Known: right unless a slip, harder levels a little less often; practice makes
        // the skill more secure. Unknown: a guess.
        let q = self.skills.get(i).map(|s| s.security).unwrap_or(0.0);
        let (if_known, if_unknown) = chances(self.guess, self.slip, q, lv);
        let p = if known { if_known } else { if_unknown };
        let correct = rng.chance(p);
        let typical_time = 1.0 + SECONDS_PER_LEVEL * lv;
        let level_time = self.speed * typical_time;
        let (seconds_known, seconds_unknown) = (KNOWN_SECONDS * level_time, UNKNOWN_SECONDS * level_time);
        let base = if known { seconds_known } else { seconds_unknown };
        let seconds = (base * (SECONDS_LOG_SD * rng.normal()).exp()).clamp(0.5, 120.0);
        let pre_known = graph.prerequisites(i).iter().all(|&p| self.skills.get(p).is_some_and(|s| s.known));
        let learn_chance = if learn { self.learn * if pre_known { 1.0 } else { 0.15 } } else { 0.0 };
        let stability = self.skills.get(i).map(|s| s.stability).unwrap_or(1.0);
        let own = Hidden { if_known, if_unknown, learn: learn_chance, stability, seconds_known, seconds_unknown };
        let (typical_known, typical_unknown) = chances(TYPICAL.guess, TYPICAL.slip, TYPICAL.security, lv);
        let typical = Hidden {
            if_known: typical_known,
            if_unknown: typical_unknown,
            learn: if learn { TYPICAL.learn } else { 0.0 },
            stability: TYPICAL.stability,
            seconds_known: KNOWN_SECONDS * typical_time,
            seconds_unknown: UNKNOWN_SECONDS * typical_time,
        };
        let answered = TrueAnswer { correct, seconds, p_true: p, own, typical };
        if learn
            && let Some(s) = self.skills.get_mut(i)
        {
            if s.known {
                // Spaced retrieval strengthens memory more than massed practice: the
                // harder the retrieval (lower recall probability), the larger the gain.
                let recall = (-dt / s.stability).exp();
                s.stability = (s.stability * (1.0 + 1.5 * (1.0 - recall)) + 0.3).min(400.0);
                s.security = (s.security + 0.12).min(4.0);
            } else if rng.chance(learn_chance) {
                s.known = true;
                s.stability = 4.0 + 8.0 * rng.next_f64();
                s.security = 1.0 + rng.next_f64();
            }
        }
        answered
    }
}

/// Items in the retention phase: `retention_days` simulated days at
/// `retention_items_per_day`, for every policy, starting the day after the main phase ends.
pub fn retention_items(cfg: &SimConfig) -> u32 {
    cfg.retention_days * cfg.retention_items_per_day
}

/// The simulated day of the retention phase's `j`-th item (from 0), the phase starting on
/// `day0`; the last item falls before `day0 + retention_days`, when retention is checked.
fn retention_day(cfg: &SimConfig, day0: f64, j: u32) -> f64 {
    day0 + j as f64 / cfg.retention_items_per_day.max(1) as f64
}

/// The goal skill used when none is given: most prerequisites, at most 14.
pub fn default_goal(graph: &SkillGraph) -> Option<usize> {
    (0..graph.len()).map(|i| (graph.ancestors(i).len(), i)).filter(|(n, _)| *n <= 14).max().map(|(_, i)| i)
}

struct Tally {
    items: Vec<u32>,
    reached: u32,
    declarations: u64,
    false_declarations: u64,
    retained: u64,
    retained_of: u64,
    preds: Vec<(f64, bool)>,
    model_preds: Vec<(f64, bool)>,
    /// The truth's own chance of each answer in the main and retention phases.
    oracle_preds: Vec<(f64, bool)>,
    /// The ideal filter's chance of each answer in the main and retention phases.
    ideal_preds: Vec<(f64, bool)>,
    /// Each reference filter's (`Reference::ALL`) chance of the same answers.
    reference_preds: Vec<Vec<(f64, bool)>>,
    placement_items: u64,
    placement_wrong: u64,
    placement_of: u64,
    retention_answers: u64,
}

impl Tally {
    /// The ideal and reference filters' chances of an answer (then they learn from it).
    fn filters_predict(&mut self, ideal: &mut IdealFilter, references: &mut [IdealFilter], i: usize, day: f64, ans: &TrueAnswer) {
        self.ideal_preds.push((ideal.predict_then_update(i, day, ans), ans.correct));
        for (f, preds) in references.iter_mut().zip(&mut self.reference_preds) {
            preds.push((f.predict_then_update(i, day, ans), ans.correct));
        }
    }
}

/// Per-learner baseline bookkeeping: answers and right-in-a-row per skill.
#[derive(Clone, Default)]
struct Counts {
    n: u32,
    c: u32,
    streak: u32,
    mastered: bool,
}

/// Runs every policy; returns the reports (engine, fixed, random) and, if asked, the
/// engine's responses.
pub fn run(graph: &SkillGraph, cfg: &SimConfig) -> (Vec<PolicyReport>, Vec<Response>) {
    let mut responses = Vec::new();
    let reports = Policy::ALL.iter().map(|&p| run_policy(graph, cfg, p, &mut responses)).collect();
    (reports, responses)
}

/// Runs one policy over all learners.
pub fn run_policy(graph: &SkillGraph, cfg: &SimConfig, policy: Policy, responses: &mut Vec<Response>) -> PolicyReport {
    let Some(goal) = cfg.goal.or_else(|| default_goal(graph)) else {
        return empty_report(policy);
    };
    let mut targets = graph.ancestors(goal);
    targets.push(goal);
    let goal_grade = graph.node(goal).map(|n| n.grade).unwrap_or(0);
    let band = GradeBand::of_grade(goal_grade);
    let top = *band.grades().end();
    let in_scope: Vec<usize> = (0..graph.len()).filter(|&i| graph.node(i).is_some_and(|n| n.grade <= top)).collect();
    let mut t = Tally {
        items: Vec::new(),
        reached: 0,
        declarations: 0,
        false_declarations: 0,
        retained: 0,
        retained_of: 0,
        preds: Vec::new(),
        model_preds: Vec::new(),
        oracle_preds: Vec::new(),
        ideal_preds: Vec::new(),
        reference_preds: vec![Vec::new(); Reference::ALL.len()],
        placement_items: 0,
        placement_wrong: 0,
        placement_of: 0,
        retention_answers: 0,
    };
    let scheduler = Scheduler::default();
    let params = EngineParams::default();
    for l in 0..cfg.learners {
        // Same truth for every policy (common random numbers); policy-specific answer noise.
        let mut truth_rng = SeededRng::new(SeededRng::mix(&[cfg.seed, l as u64, 1]));
        let start_grade = goal_grade.saturating_sub(truth_rng.index(3) as u8);
        let mut truth = TrueLearner::new(graph, start_grade, &mut truth_rng);
        let mut rng = SeededRng::new(SeededRng::mix(&[cfg.seed, l as u64, 2 + policy as u64]));
        let initially_known: Vec<bool> = truth.skills.iter().map(|s| s.known).collect();
        let mut ideal = IdealFilter::new(&initially_known);
        let mut references: Vec<IdealFilter> = Reference::ALL.iter().map(|&r| IdealFilter::reference(&initially_known, r)).collect();
        let day_of = |k: u32| k as f64 / cfg.items_per_day as f64;
        let mut k: u32 = 0;
        let mut reached_at: Option<u32> = None;
        let all_known = |truth: &TrueLearner| targets.iter().all(|&i| truth.skills.get(i).is_some_and(|s| s.known));
        let mut declared: Vec<usize> = Vec::new();
        match policy {
            Policy::Engine => {
                // Placement (answers without feedback: no learning).
                let mut placement = Placement::new(graph, band);
                while let Some(id) = placement.next(graph) {
                    let Some(i) = graph.index_of(&id) else { break };
                    let ans = truth.answer(graph, i, PLACEMENT_LEVEL, day_of(k), false, &mut rng);
                    // The filter sees placement too (nothing is learned from it).
                    ideal.predict_then_update(i, day_of(k), &ans);
                    for f in &mut references {
                        f.predict_then_update(i, day_of(k), &ans);
                    }
                    placement.record(graph, ans.correct);
                    k += 1;
                }
                t.placement_items += placement.items_asked() as u64;
                let (mut model, placed) = placement.finish(graph);
                for &i in &in_scope {
                    let placed_known = graph.node(i).is_some_and(|n| placed.contains(&n.id));
                    t.placement_of += 1;
                    if placed_known != initially_known.get(i).copied().unwrap_or(false) {
                        t.placement_wrong += 1;
                    }
                }
                let goal_id = graph.node(goal).map(|n| n.id.clone());
                let mut main_done = false;
                let mut main_end_k = 0u32;
                let mut retention_day0 = 0.0;
                // The main phase ends at the budget at the latest; then exactly the retention
                // phase's items, whenever the main phase ended.
                while !main_done || k < main_end_k + retention_items(cfg) {
                    let day = if main_done {
                        retention_day(cfg, retention_day0, k - main_end_k)
                    } else {
                        day_of(k)
                    };
                    let now = Timestamp(T0 + (day * MS_PER_DAY as f64) as i64);
                    let ctx = Context { now, seed: SeededRng::mix(&[cfg.seed, l as u64, k as u64]), params, band, scheduler: scheduler.clone() };
                    let focus = if main_done {
                        None
                    } else {
                        choice_board(&model, graph, &ctx, goal_id.as_ref())
                            .into_iter()
                            .find(|c| c.reason == StepReason::TowardGoal)
                            .map(|c| c.skill)
                    };
                    let Some(step) = next_item(&model, graph, &ctx, focus.as_ref()) else { break };
                    let Some(i) = graph.index_of(&step.skill) else { break };
                    let ans = truth.answer(graph, i, step.level, day, true, &mut rng);
                    let (correct, seconds) = (ans.correct, ans.seconds);
                    t.oracle_preds.push((ans.p_true, correct));
                    t.filters_predict(&mut ideal, &mut references, i, day, &ans);
                    let a = Attempt {
                        at: now,
                        skill: step.skill.clone(),
                        level: step.level,
                        correct,
                        response_ms: (seconds * 1000.0) as u32,
                        hints_used: 0,
                        mode: step.mode,
                    };
                    let out = model.record(graph, &a, &params, 0, &scheduler);
                    t.preds.push((out.predicted, correct));
                    if cfg.keep_responses {
                        responses.push(Response { learner: l as u32, skill: i, correct, seconds });
                    }
                    if main_done {
                        t.retention_answers += 1;
                    }
                    k += 1;
                    if let Some(ch) = &out.level_change
                        && ch.to == MasteryLevel::Mastered && ch.from < MasteryLevel::Mastered && !main_done
                    {
                        t.declarations += 1;
                        if !truth.skills.get(i).is_some_and(|s| s.known) {
                            t.false_declarations += 1;
                        }
                    }
                    if !main_done {
                        if reached_at.is_none() && all_known(&truth) {
                            reached_at = Some(k);
                        }
                        let claimed = targets.iter().all(|&j| graph.node(j).is_some_and(|n| model.level_of(&n.id) == MasteryLevel::Mastered));
                        if (claimed && reached_at.is_some()) || k >= cfg.budget_items {
                            main_done = true;
                            main_end_k = k;
                            retention_day0 = day_of(k).ceil();
                            declared = (0..graph.len())
                                .filter(|&j| graph.node(j).is_some_and(|n| model.level_of(&n.id) == MasteryLevel::Mastered))
                                .collect();
                        }
                    }
                }
                let eval_day = retention_day0 + cfg.retention_days as f64;
                for &j in &declared {
                    t.retained_of += 1;
                    if truth.check(j, eval_day, &mut rng) {
                        t.retained += 1;
                    }
                }
            }
            Policy::Fixed | Policy::Random => {
                for &i in &in_scope {
                    t.placement_of += 1;
                    if initially_known.get(i).copied().unwrap_or(false) {
                        t.placement_wrong += 1;
                    }
                }
                let mut counts = vec![Counts::default(); graph.len()];
                let mut shadow = super::learner::LearnerModel::default();
                let mut last: Option<usize> = None;
                let rest: Vec<usize> = in_scope.iter().copied().filter(|i| !targets.contains(i)).collect();
                let mut pointer = 0usize;
                let mut main_done = false;
                let mut main_end_k = 0u32;
                let mut retention_day0 = 0.0;
                // The main phase ends at the budget at the latest; then exactly the retention
                // phase's items, whenever the main phase ended.
                while !main_done || k < main_end_k + retention_items(cfg) {
                    let day = if main_done {
                        retention_day(cfg, retention_day0, k - main_end_k)
                    } else {
                        day_of(k)
                    };
                    let i = match policy {
                        Policy::Fixed => {
                            // Targets first, then the rest of the band, each until 10 in a row.
                            let seq_len = targets.len() + rest.len();
                            let at = pointer.min(seq_len.saturating_sub(1));
                            if at < targets.len() { targets[at] } else { rest.get(at - targets.len()).copied().unwrap_or(goal) }
                        }
                        _ => targets[rng.index(targets.len())],
                    };
                    let level = if policy == Policy::Fixed { 3 } else { 1 + rng.index(5) as u8 };
                    let c = &counts[i];
                    t.preds.push(((c.c as f64 + 1.0) / (c.n as f64 + 2.0), false));
                    let ans = truth.answer(graph, i, level, day, true, &mut rng);
                    let (correct, seconds) = (ans.correct, ans.seconds);
                    t.oracle_preds.push((ans.p_true, correct));
                    t.filters_predict(&mut ideal, &mut references, i, day, &ans);
                    if let Some(last) = t.preds.last_mut() {
                        last.1 = correct;
                    }
                    if let Some(node) = graph.node(i) {
                        let a = Attempt {
                            at: Timestamp(T0 + (day * MS_PER_DAY as f64) as i64),
                            skill: node.id.clone(),
                            level,
                            correct,
                            response_ms: (seconds * 1000.0) as u32,
                            hints_used: 0,
                            mode: if last == Some(i) { crate::attempt::PracticeMode::Blocked } else { crate::attempt::PracticeMode::Mixed },
                        };
                        let out = shadow.record(graph, &a, &params, 0, &scheduler);
                        t.model_preds.push((out.predicted, correct));
                    }
                    last = Some(i);
                    if main_done {
                        t.retention_answers += 1;
                    }
                    k += 1;
                    let c = &mut counts[i];
                    c.n += 1;
                    if correct {
                        c.c += 1;
                        c.streak += 1;
                    } else {
                        c.streak = 0;
                    }
                    if c.streak >= 10 && !c.mastered {
                        c.mastered = true;
                        if policy == Policy::Fixed {
                            pointer += 1;
                        }
                        if !main_done {
                            t.declarations += 1;
                            if !truth.skills.get(i).is_some_and(|s| s.known) {
                                t.false_declarations += 1;
                            }
                        }
                    }
                    if !main_done {
                        if reached_at.is_none() && all_known(&truth) {
                            reached_at = Some(k);
                        }
                        let claimed = targets.iter().all(|&j| counts[j].mastered);
                        if (claimed && reached_at.is_some()) || k >= cfg.budget_items {
                            main_done = true;
                            main_end_k = k;
                            retention_day0 = day_of(k).ceil();
                            declared = (0..graph.len()).filter(|&j| counts[j].mastered).collect();
                        }
                    }
                }
                let eval_day = retention_day0 + cfg.retention_days as f64;
                for &j in &declared {
                    t.retained_of += 1;
                    if truth.check(j, eval_day, &mut rng) {
                        t.retained += 1;
                    }
                }
            }
        }
        if reached_at.is_some() {
            t.reached += 1;
        }
        t.items.push(reached_at.unwrap_or(cfg.budget_items));
    }
    t.items.sort_unstable();
    let median = if t.items.is_empty() {
        0.0
    } else if t.items.len() % 2 == 1 {
        t.items[t.items.len() / 2] as f64
    } else {
        (t.items[t.items.len() / 2 - 1] + t.items[t.items.len() / 2]) as f64 / 2.0
    };
    let ratio = |a: u64, b: u64| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    PolicyReport {
        policy,
        learners: cfg.learners,
        items_to_mastery: median,
        reached: ratio(t.reached as u64, cfg.learners as u64),
        false_mastery_rate: ratio(t.false_declarations, t.declarations),
        retention_30d: ratio(t.retained, t.retained_of),
        auc: auc(&t.preds),
        log_loss: log_loss(&t.preds),
        model_auc: if policy == Policy::Engine { auc(&t.preds) } else { auc(&t.model_preds) },
        model_log_loss: if policy == Policy::Engine { log_loss(&t.preds) } else { log_loss(&t.model_preds) },
        oracle_auc: auc(&t.oracle_preds),
        oracle_log_loss: log_loss(&t.oracle_preds),
        ideal_auc: auc(&t.ideal_preds),
        ideal_log_loss: log_loss(&t.ideal_preds),
        references: Reference::ALL
            .iter()
            .zip(&t.reference_preds)
            .map(|(r, preds)| ReferenceReport { filter: r.name(), auc: auc(preds), log_loss: log_loss(preds) })
            .collect(),
        placement_items: ratio(t.placement_items, cfg.learners as u64),
        placement_error: ratio(t.placement_wrong, t.placement_of),
        declarations: t.declarations,
        answers: t.preds.len() as u64,
        retention_answers: t.retention_answers,
    }
}

fn empty_report(policy: Policy) -> PolicyReport {
    PolicyReport {
        policy,
        learners: 0,
        items_to_mastery: 0.0,
        reached: 0.0,
        false_mastery_rate: 0.0,
        retention_30d: 0.0,
        auc: 0.5,
        log_loss: 0.0,
        model_auc: 0.5,
        model_log_loss: 0.0,
        oracle_auc: 0.5,
        oracle_log_loss: 0.0,
        ideal_auc: 0.5,
        ideal_log_loss: 0.0,
        references: Vec::new(),
        placement_items: 0.0,
        placement_error: 0.0,
        declarations: 0,
        answers: 0,
        retention_answers: 0,
    }
}

/// A plain-text table of the reports.
pub fn table(reports: &[PolicyReport]) -> String {
    let mut s = String::from(
        "policy   items_to_mastery  reached  false_mastery  retention_30d    auc   log_loss  model_auc  ideal_auc  ideal_ll  oracle_auc  oracle_ll  placement_items  placement_error  declarations\n",
    );
    for r in reports {
        s.push_str(&format!(
            "{:<8} {:>16.1} {:>8.3} {:>14.4} {:>14.3} {:>6.3} {:>10.3} {:>10.3} {:>10.3} {:>9.3} {:>11.3} {:>10.3} {:>16.1} {:>16.3} {:>13}\n",
            r.policy.key(),
            r.items_to_mastery,
            r.reached,
            r.false_mastery_rate,
            r.retention_30d,
            r.auc,
            r.log_loss,
            r.model_auc,
            r.ideal_auc,
            r.ideal_log_loss,
            r.oracle_auc,
            r.oracle_log_loss,
            r.placement_items,
            r.placement_error,
            r.declarations
        ));
    }
    s.push_str("\nthe same exact filter as the ideal, given less (AUC / log loss):\npolicy  ");
    if let Some(r) = reports.first() {
        for f in &r.references {
            s.push_str(&format!(" | {:<29}", f.filter));
        }
    }
    s.push('\n');
    for r in reports {
        s.push_str(&format!("{:<8}", r.policy.key()));
        for f in &r.references {
            s.push_str(&format!(" | {:>13.3} / {:<13.3}", f.auc, f.log_loss));
        }
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Catalog;

    fn tiny(budget_items: u32) -> SimConfig {
        SimConfig { learners: 2, seed: 11, budget_items, retention_days: 3, retention_items_per_day: 4, ..SimConfig::default() }
    }

    #[test]
    fn every_policy_practises_exactly_the_retention_days_after_the_main_phase() {
        let catalog = Catalog::builtin().expect("catalog");
        let g = catalog.graph();
        // A budget that cuts the main phase short: budget items, then 3 days x 4 items.
        let cfg = tiny(40);
        for p in Policy::ALL {
            let r = run_policy(g, &cfg, p, &mut Vec::new());
            assert_eq!(r.retention_answers, 2 * 12, "{p:?}");
            // The engine's placement items count toward the budget but are not predicted.
            let placement = (r.placement_items * 2.0).round() as u64;
            assert_eq!(r.answers, 2 * (40 + 12) - placement, "{p:?}");
        }
        // A budget large enough that the main phase ends early (at different items for
        // each policy): still exactly 12 retention items per learner, not the unused budget.
        let cfg = tiny(1_500);
        for p in Policy::ALL {
            let r = run_policy(g, &cfg, p, &mut Vec::new());
            assert_eq!(r.retention_answers, 2 * 12, "{p:?}");
        }
    }

    fn answered(correct: bool, seconds: f64, learn: f64) -> TrueAnswer {
        let own = Hidden { if_known: 0.9, if_unknown: 0.1, learn, stability: 20.0, seconds_known: 4.0, seconds_unknown: 10.0 };
        TrueAnswer { correct, seconds, p_true: 0.5, own, typical: Hidden { if_known: 0.8, stability: 10.0, ..own } }
    }

    #[test]
    fn the_ideal_filter_tracks_forgetting_and_learning_from_answers_and_times() {
        let mut f = IdealFilter::new(&[true, false]);
        // Known at the start: the chance of a right answer is the known one, less what 20
        // days of stability forget in one day.
        let p = f.predict_then_update(0, 1.0, &answered(true, 4.0, 0.0));
        assert!((p - (0.1 + 0.8 * (-1.0f64 / 20.0).exp())).abs() < 1e-9, "{p}");
        // Slow misses: it comes to believe the skill was forgotten.
        for _ in 0..4 {
            f.predict_then_update(0, 1.0, &answered(false, 10.0, 0.0));
        }
        let p = f.predict_then_update(0, 1.0, &answered(false, 10.0, 0.0));
        assert!(p < 0.15, "{p}");
        // Not known at the start and no learning: a guess, whatever the answers.
        let mut g = f.clone();
        assert!((g.predict_then_update(1, 1.0, &answered(true, 4.0, 0.0)) - 0.1).abs() < 1e-9);
        // With a chance to learn, quick right answers make it believe the skill was learned.
        for _ in 0..6 {
            f.predict_then_update(1, 1.0, &answered(true, 4.0, 0.3));
        }
        assert!(f.predict_then_update(1, 1.0, &answered(true, 4.0, 0.3)) > 0.85);
        // Times count: the same right answers, slow, leave it less sure.
        for _ in 0..6 {
            g.predict_then_update(1, 1.0, &answered(true, 10.0, 0.3));
        }
        assert!(g.predict_then_update(1, 1.0, &answered(true, 10.0, 0.3)) < f.predict_then_update(1, 1.0, &answered(true, 4.0, 0.3)));
    }

    #[test]
    fn the_engine_model_sits_between_chance_and_the_ideal_filter_which_sits_below_the_oracle() {
        let catalog = Catalog::builtin().expect("catalog");
        let g = catalog.graph();
        let cfg = SimConfig { learners: 12, seed: 5, ..SimConfig::default() };
        let r = run_policy(g, &cfg, Policy::Engine, &mut Vec::new());
        assert!(r.auc > 0.6 && r.auc < r.ideal_auc && r.ideal_auc < r.oracle_auc, "{} {} {}", r.auc, r.ideal_auc, r.oracle_auc);
        assert!(r.ideal_log_loss < r.log_loss && r.oracle_log_loss < r.ideal_log_loss);
    }

    #[test]
    fn a_reference_filter_starts_from_an_even_chance_or_uses_typical_parameters_as_told() {
        let no_start = Reference { own_parameters: true, starting_state: false };
        let typical = Reference { own_parameters: false, starting_state: true };
        // Known at the start, but the filter is not told: an even chance, then forgetting.
        let k = 0.5 * (-1.0f64 / 20.0).exp();
        let p = IdealFilter::reference(&[true], no_start).predict_then_update(0, 1.0, &answered(true, 4.0, 0.0));
        assert!((p - (k * 0.9 + (1.0 - k) * 0.1)).abs() < 1e-9, "{p}");
        // Told the start, with the typical parameters (here: right 80% when known, a
        // stability of 10 days) instead of the learner's own.
        let p = IdealFilter::reference(&[true], typical).predict_then_update(0, 1.0, &answered(true, 4.0, 0.0));
        let k = (-1.0f64 / 10.0).exp();
        assert!((p - (k * 0.8 + (1.0 - k) * 0.1)).abs() < 1e-9, "{p}");
    }

    #[test]
    fn the_filters_given_typical_parameters_predict_less_well_than_the_ideal_filter() {
        let catalog = Catalog::builtin().expect("catalog");
        let g = catalog.graph();
        let cfg = SimConfig { learners: 12, seed: 5, ..SimConfig::default() };
        for p in Policy::ALL {
            let r = run_policy(g, &cfg, p, &mut Vec::new());
            let names: Vec<&str> = r.references.iter().map(|f| f.filter).collect();
            assert_eq!(names, ["own parameters, no start", "typical parameters, start", "typical parameters, no start"]);
            for f in r.references.iter().filter(|f| f.filter.starts_with("typical")) {
                assert!(f.log_loss > r.ideal_log_loss && f.auc < r.ideal_auc, "{p:?} {f:?} vs {} {}", r.ideal_auc, r.ideal_log_loss);
            }
        }
    }

    #[test]
    fn retention_is_checked_after_the_last_retention_item() {
        let cfg = tiny(40);
        let last = retention_day(&cfg, 5.0, retention_items(&cfg) - 1);
        assert!(last >= 5.0 + cfg.retention_days as f64 - 1.0 && last < 5.0 + cfg.retention_days as f64, "{last}");
    }
}
