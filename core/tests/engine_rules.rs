//! The engine's rules in constructed situations, on the real skill graph.

use waypoint_core::attempt::{Attempt, PracticeMode};
use waypoint_core::content::Catalog;
use waypoint_core::engine::review::Scheduler;
use waypoint_core::engine::{
    Context, EngineParams, LearnerModel, MasteryLevel, MasteryReason, Placement, StepReason, choice_board, next_item, personal_path,
};
use waypoint_core::learner::GradeBand;
use waypoint_core::time::MS_PER_DAY;
use waypoint_core::{SkillId, Timestamp};

const T0: i64 = 1_790_000_000_000;

fn graph() -> waypoint_core::graph::SkillGraph {
    Catalog::builtin().unwrap().graph().clone()
}
fn id(s: &str) -> SkillId {
    SkillId::parse(s).unwrap()
}
fn att(skill: &str, level: u8, correct: bool, day: i64, mode: PracticeMode) -> Attempt {
    Attempt { at: Timestamp(T0 + day * MS_PER_DAY), skill: id(skill), level, correct, response_ms: 6_000, hints_used: 0, mode }
}
/// Hard items answered right on three days, half of them in mixed practice: mastery.
fn master(m: &mut LearnerModel, g: &waypoint_core::graph::SkillGraph, skill: &str) {
    for day in 0..3 {
        for k in 0..6 {
            let mode = if k % 2 == 0 { PracticeMode::Mixed } else { PracticeMode::Blocked };
            m.record(g, &att(skill, 5, true, day, mode), &EngineParams::default(), 0, &Scheduler::default());
        }
    }
}

fn ctx(now: i64, seed: u64) -> Context {
    Context { now: Timestamp(now), seed, params: EngineParams::default(), band: GradeBand::G35, scheduler: Scheduler::default() }
}

#[test]
fn mastery_needs_hard_items_on_three_days_including_mixed_practice() {
    let g = graph();
    let sch = Scheduler::default();
    let p = EngineParams::default();
    // Strong, but all on one day and all blocked: not mastered.
    let mut m = LearnerModel::default();
    for _ in 0..20 {
        m.record(&g, &att("frac.add-like", 5, true, 0, PracticeMode::Blocked), &p, 0, &sch);
    }
    assert_eq!(m.level_of(&id("frac.add-like")), MasteryLevel::Proficient);
    // Three days, with mixed practice: mastered, and the change says why.
    let mut changes = Vec::new();
    let mut m = LearnerModel::default();
    for day in 0..3 {
        for k in 0..6 {
            let mode = if k % 2 == 0 { PracticeMode::Mixed } else { PracticeMode::Blocked };
            if let Some(c) = m.record(&g, &att("frac.add-like", 4 + (k % 2) as u8, true, day, mode), &p, 0, &sch).level_change {
                changes.push(c);
            }
        }
    }
    let last = changes.last().unwrap();
    assert_eq!(last.to, MasteryLevel::Mastered);
    assert_eq!(last.reason, MasteryReason::MasteredRule);
    assert!(last.reason.message(waypoint_core::Lang::En).contains("three different days"));
    let levels: Vec<MasteryLevel> = changes.iter().map(|c| c.to).collect();
    assert_eq!(levels, vec![MasteryLevel::Practising, MasteryLevel::Familiar, MasteryLevel::Proficient, MasteryLevel::Mastered]);
    assert!(m.skill(&id("frac.add-like")).unwrap().review.is_some(), "mastered skills are scheduled for review");
}

#[test]
fn forgetting_on_review_demotes_with_a_reason() {
    let g = graph();
    let sch = Scheduler::default();
    let p = EngineParams::default();
    let mut m = LearnerModel::default();
    master(&mut m, &g, "frac.add-like");
    assert_eq!(m.level_of(&id("frac.add-like")), MasteryLevel::Mastered);
    let out = m.record(&g, &att("frac.add-like", 4, false, 40, PracticeMode::Review), &p, 0, &sch);
    let change = out.level_change.unwrap();
    assert_eq!((change.from, change.to, change.reason), (MasteryLevel::Mastered, MasteryLevel::Proficient, MasteryReason::ForgotOnReview));
}

#[test]
fn predictions_rise_with_success_and_fall_with_difficulty() {
    let g = graph();
    let sch = Scheduler::default();
    let p = EngineParams::default();
    let mut m = LearnerModel::default();
    let s = id("add.within-20");
    let before = m.predict(&g, &s, 3);
    for _ in 0..5 {
        m.record(&g, &att("add.within-20", 3, true, 0, PracticeMode::Blocked), &p, 0, &sch);
    }
    assert!(m.predict(&g, &s, 3) > before);
    assert!(m.predict(&g, &s, 1) > m.predict(&g, &s, 5));
}

#[test]
fn fast_fluency_answers_raise_ability_more_than_slow_ones() {
    let g = graph();
    let sch = Scheduler::default();
    let p = EngineParams::default();
    let (mut fast, mut slow) = (LearnerModel::default(), LearnerModel::default());
    for _ in 0..5 {
        let mut a = att("mult.facts-all", 3, true, 0, PracticeMode::Blocked);
        a.response_ms = 1_500;
        fast.record(&g, &a, &p, 0, &sch);
        a.response_ms = 15_000;
        slow.record(&g, &a, &p, 0, &sch);
    }
    assert!(fast.skill(&id("mult.facts-all")).unwrap().theta > slow.skill(&id("mult.facts-all")).unwrap().theta);
}

#[test]
fn repeated_misses_step_back_to_the_weakest_prerequisite() {
    let g = graph();
    let sch = Scheduler::default();
    let p = EngineParams::default();
    let mut m = LearnerModel::default();
    for s in ["frac.add-like", "frac.equivalent"] {
        m.place_known(&id(s), 1.0);
    }
    for _ in 0..4 {
        m.record(&g, &att("frac.add-unlike", 3, false, 0, PracticeMode::Blocked), &p, 0, &sch);
    }
    let step = next_item(&m, &g, &ctx(T0, 1), Some(&id("frac.add-unlike"))).unwrap();
    assert!(matches!(step.reason, StepReason::StepBack { ref from } if from.as_str() == "frac.add-unlike"));
    assert!(["frac.add-like", "frac.equivalent"].contains(&step.skill.as_str()), "{}", step.skill);
}

#[test]
fn levels_are_chosen_near_the_target_success() {
    let g = graph();
    let sch = Scheduler::default();
    let p = EngineParams::default();
    let mut m = LearnerModel::default();
    let first = next_item(&m, &g, &ctx(T0, 3), Some(&id("add.within-10"))).unwrap();
    for _ in 0..12 {
        m.record(&g, &att("add.within-10", 3, true, 0, PracticeMode::Blocked), &p, 0, &sch);
    }
    let later = next_item(&m, &g, &ctx(T0, 3), Some(&id("add.within-10"))).unwrap();
    assert!(later.level > first.level, "{} > {}", later.level, first.level);
    assert!((later.predicted - 0.75).abs() < 0.25);
}

#[test]
fn a_new_learner_starts_with_ready_skills_and_sees_three_choices() {
    let g = graph();
    let m = LearnerModel::default();
    let step = next_item(&m, &g, &ctx(T0, 9), None).unwrap();
    assert_eq!(step.reason, StepReason::Ready);
    assert!(g.prerequisites(g.index_of(&step.skill).unwrap()).is_empty());
    let board = choice_board(&m, &g, &ctx(T0, 9), None);
    assert!(!board.is_empty() && board.len() <= 3);
}

#[test]
fn due_reviews_appear_on_the_board_and_in_practice() {
    let g = graph();
    let mut m = LearnerModel::default();
    master(&mut m, &g, "add.within-10");
    let due = m.skill(&id("add.within-10")).unwrap().review.unwrap().due.0;
    let board = choice_board(&m, &g, &ctx(due + MS_PER_DAY, 1), None);
    assert!(board.iter().any(|c| c.reason == StepReason::ReviewDue && c.skill.as_str() == "add.within-10"));
    let reviews = (0..40).filter(|&seed| next_item(&m, &g, &ctx(due + MS_PER_DAY, seed), None).unwrap().reason == StepReason::ReviewDue).count();
    assert!(reviews > 5, "{reviews} of 40 picks were the due review");
}

#[test]
fn decisions_are_deterministic() {
    let g = graph();
    let m = LearnerModel::default();
    let a = next_item(&m, &g, &ctx(T0, 77), None);
    let b = next_item(&m, &g, &ctx(T0, 77), None);
    assert_eq!(a, b);
}

#[test]
fn placement_takes_at_most_twenty_items_and_places_what_is_known() {
    let g = graph();
    // A learner who knows every skill up to grade 2.
    let knows = |s: &SkillId| g.node(g.index_of(s).unwrap()).unwrap().grade <= 2;
    let mut pl = Placement::new(&g, GradeBand::G35);
    while let Some(s) = pl.next(&g) {
        let correct = knows(&s);
        pl.record(&g, correct);
    }
    assert!(pl.items_asked() <= 20);
    let (model, placed) = pl.finish(&g);
    assert!(placed.iter().all(knows), "nothing unknown is placed");
    assert!(placed.len() >= 10, "{} placed", placed.len());
    assert!(placed.iter().all(|s| model.level_of(s) == MasteryLevel::Proficient));
    assert!(!placed.iter().any(|s| model.level_of(s) == MasteryLevel::Mastered), "mastery is earned in practice");
}

#[test]
fn a_strong_placement_in_grades_6_to_8_does_not_send_the_learner_back_to_early_skills() {
    let g = graph();
    let grade = |s: &SkillId| g.node(g.index_of(s).unwrap()).unwrap().grade;
    for miss_at in [None, Some(14)] {
        // Right on every item (but, in the second run, the 15th).
        let mut pl = Placement::new(&g, GradeBand::G68);
        let mut missed = None;
        while let Some(s) = pl.next(&g) {
            let miss = Some(pl.items_asked()) == miss_at;
            if miss {
                missed = Some(s.clone());
            }
            pl.record(&g, !miss);
        }
        let (model, placed) = pl.finish(&g);
        let ctx = Context { band: GradeBand::G68, ..ctx(0, 3) };
        // Without a chosen focus ("Surprise me"), what comes first is the band's work, or
        // the skill that was missed.
        let mut m = model.clone();
        for k in 0..6 {
            let step = next_item(&m, &g, &ctx, None).unwrap();
            assert!(grade(&step.skill) >= 6 || Some(&step.skill) == missed.as_ref(), "{missed:?}: item {k} is {} (grade {})", step.skill, grade(&step.skill));
            m.record(&g, &att(step.skill.as_str(), step.level, true, 0, step.mode), &EngineParams::default(), 0, &Scheduler::default());
        }
        // Skills the items did not reach, well below what was shown, are placed too; a miss
        // (and what builds on it) never is.
        assert!(placed.iter().any(|s| grade(s) <= 2), "{missed:?}");
        if let Some(missed) = &missed {
            let i = g.index_of(missed).unwrap();
            assert!(!placed.iter().any(|s| s == missed || g.ancestors(g.index_of(s).unwrap()).contains(&i)), "{missed}");
            assert_eq!(model.level_of(missed), MasteryLevel::NotStarted);
        }
    }
}

#[test]
fn a_learner_placed_as_knowing_everything_within_reach_still_moves_between_skills() {
    let g = graph();
    let mut pl = Placement::new(&g, GradeBand::K2);
    while pl.next(&g).is_some() {
        pl.record(&g, true);
    }
    let (mut m, placed) = pl.finish(&g);
    let ctx = Context { band: GradeBand::K2, ..ctx(0, 5) };
    assert!(choice_board(&m, &g, &ctx, None).len() >= 2, "choices for {} placed skills", placed.len());
    let mut skills = std::collections::BTreeSet::new();
    let mut mixed = 0;
    for _ in 0..30 {
        let step = next_item(&m, &g, &ctx, None).unwrap();
        skills.insert(step.skill.clone());
        mixed += (step.mode == PracticeMode::Mixed) as u32;
        m.record(&g, &att(step.skill.as_str(), step.level, true, 0, step.mode), &EngineParams::default(), 0, &Scheduler::default());
    }
    assert!(skills.len() >= 3 && mixed >= 3, "{} skills, {mixed} mixed items in 30", skills.len());
}

#[test]
fn the_personal_path_lists_prerequisites_first() {
    let g = graph();
    let m = LearnerModel::default();
    let path = personal_path(&m, &g, &id("frac.add-unlike"));
    let pos = |s: &str| path.iter().position(|p| p.skill.as_str() == s).unwrap();
    assert!(pos("frac.add-like") < pos("frac.add-unlike"));
    assert!(pos("frac.unit") < pos("frac.equivalent-simple"));
    assert_eq!(path.last().unwrap().skill.as_str(), "frac.add-unlike");
    assert!(path.iter().all(|p| p.estimated_items > 0));
}

#[test]
fn the_model_round_trips_and_stays_small() {
    let g = graph();
    let sch = Scheduler::default();
    let p = EngineParams::default();
    let mut m = LearnerModel::default();
    for (k, s) in g.nodes().iter().take(30).enumerate() {
        m.record(&g, &att(s.id.as_str(), 3, k % 3 != 0, k as i64, PracticeMode::Mixed), &p, 0, &sch);
    }
    let json = serde_json::to_string(&m).unwrap();
    let back: LearnerModel = serde_json::from_str(&json).unwrap();
    assert_eq!(back.skills.len(), m.skills.len());
    assert!(json.len() < 30 * 200, "{} bytes for 30 skills", json.len());
}

#[test]
fn record_and_decisions_are_reproducible_from_the_same_inputs() {
    let g = graph();
    let run = || {
        let mut m = LearnerModel::default();
        let mut outs = Vec::new();
        let mut focus: Option<SkillId> = None;
        for k in 0..300i64 {
            let c = ctx(T0 + k * 60_000 + (k / 20) * MS_PER_DAY, 42 + k as u64);
            let step = next_item(&m, &g, &c, focus.as_ref()).unwrap();
            let a = Attempt { at: c.now, skill: step.skill.clone(), level: step.level, correct: k % 4 != 0, response_ms: 4_000, hints_used: 0, mode: step.mode };
            let out = m.record(&g, &a, &c.params, 60, &c.scheduler);
            outs.push(format!("{step:?}{out:?}"));
            focus = Some(step.skill);
        }
        (outs, serde_json::to_string(&m).unwrap())
    };
    assert_eq!(run(), run());
}

#[test]
fn a_mastered_skill_keeps_its_review_card_when_it_slips_below_proficient() {
    let g = graph();
    let sch = Scheduler::default();
    let p = EngineParams::default();
    let mut m = LearnerModel::default();
    master(&mut m, &g, "frac.add-like");
    for _ in 0..4 {
        m.record(&g, &att("frac.add-like", 3, false, 40, PracticeMode::Review), &p, 0, &sch);
    }
    let s = m.skill(&id("frac.add-like")).unwrap();
    assert!(s.level < MasteryLevel::Proficient, "{:?}", s.level);
    assert!(s.review.is_some(), "still in the review queue while it is relearned");
}

#[test]
fn without_a_focus_a_share_of_items_keep_mastered_skills_fresh_and_a_slipped_skill_comes_first() {
    use waypoint_core::engine::policy::{KEEP_FRESH_BELOW, KEEP_FRESH_SHARE};
    use waypoint_core::engine::review::{Rating, ReviewCard};
    let g = graph();
    let sch = Scheduler::default();
    let p = EngineParams::default();
    let mut m = LearnerModel::default();
    master(&mut m, &g, "add.within-10");
    // Its card: reviewed on day 2, next due on day 4 by FSRS.
    let reviewed = Timestamp(T0 + 2 * MS_PER_DAY);
    let card = Scheduler::default().with_learning_steps(&[]).unwrap().review(&ReviewCard::new(reviewed), Rating::Good, reviewed);
    m.skills.get_mut(&id("add.within-10")).unwrap().review = Some(card);
    // On day 3 the learner is in the middle of another skill.
    for _ in 0..3 {
        m.record(&g, &att("add.within-20", 2, true, 3, PracticeMode::Blocked), &p, 0, &sch);
    }
    let now = T0 + 3 * MS_PER_DAY + 3_600_000;
    assert!(!sch.is_due(&card, Timestamp(now)) && sch.retrievability(&card, Timestamp(now)) < KEEP_FRESH_BELOW);
    let steps: Vec<_> = (0..100).map(|seed| next_item(&m, &g, &ctx(now, seed), None).unwrap()).collect();
    // Not due by its FSRS date: said as "keep it fresh", not "due today".
    assert!(steps.iter().all(|s| s.reason != StepReason::ReviewDue));
    let reviews: Vec<_> = steps.iter().filter(|s| s.reason == StepReason::KeepFresh && s.skill.as_str() == "add.within-10").collect();
    let share = (KEEP_FRESH_SHARE * 100.0).round() as usize;
    assert!((share - 15..=share + 15).contains(&reviews.len()), "{} of 100 picks kept it fresh, about {share} expected", reviews.len());
    // A review is pitched easy enough that a miss means forgetting.
    assert!(reviews.iter().all(|s| s.predicted > 0.8), "{:?}", reviews.first());
    // Working toward a chosen focus, only the FSRS date counts.
    let focused = (0..100).filter(|&seed| matches!(next_item(&m, &g, &ctx(now, seed), Some(&id("add.within-20"))).unwrap().reason, StepReason::ReviewDue | StepReason::KeepFresh)).count();
    assert_eq!(focused, 0);
    // Missed on review: it slips, and is practised again first until it comes back.
    let out = m.record(&g, &Attempt { at: Timestamp(now), ..att("add.within-10", 2, false, 0, PracticeMode::Review) }, &p, 0, &sch);
    assert_eq!(out.level_change.map(|c| c.to), Some(MasteryLevel::Proficient));
    for seed in 0..20 {
        let step = next_item(&m, &g, &ctx(now + 60_000, seed), None).unwrap();
        assert_eq!((step.skill.as_str(), &step.reason), ("add.within-10", &StepReason::Continue));
    }
}
