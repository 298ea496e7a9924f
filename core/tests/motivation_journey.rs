//! A learner's fortnight through the motivation rules (goal, streak across a DST change,
//! badges with dates, the stored section round-tripping), and properties under arbitrary
//! clocks: no XP twice, no streak longer than the days the goal was met.

use proptest::prelude::*;
use waypoint_core::attempt::{Attempt, PracticeMode};
use waypoint_core::graph::{SkillGraph, SkillNode};
use waypoint_core::motivation::streak::MAX_FREEZES;
use waypoint_core::motivation::*;
use waypoint_core::time::{MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE};
use waypoint_core::{LocalDay, SkillId, Timestamp};

fn graph() -> SkillGraph {
    let n = |id: &'static str, grade, domain: &str| SkillNode { id: SkillId::new_static(id), prerequisites: vec![], grade, fluency: false, domain: domain.into() };
    SkillGraph::new(vec![n("add.within-10", 0, "OA"), n("count.to-20", 0, "CC"), n("frac.unit", 3, "NF")]).unwrap()
}

fn local(day: LocalDay, h: i64, offset: i32) -> Timestamp {
    Timestamp(day.0 as i64 * MS_PER_DAY + h * MS_PER_HOUR - offset as i64 * MS_PER_MINUTE)
}

fn answer(at: Timestamp, skill: &'static str, correct: bool) -> MotivationEvent {
    MotivationEvent::Answered(Attempt { at, skill: SkillId::new_static(skill), level: 3, correct, response_ms: 45_000, hints_used: 0, mode: PracticeMode::Mixed })
}

#[test]
fn a_fortnight_across_spring_forward() {
    let g = graph();
    let mut s = MotivationState::default();
    let start = LocalDay::from_ymd(2026, 3, 2).unwrap();
    let t0 = local(start, 16, -300);
    s.set_goal(DailyGoal::Minutes(5), t0, -300).unwrap();
    s.record(&MotivationEvent::GoalSet { at: t0 }, -300);
    let mut earned = Vec::new();
    for d in 0..14 {
        if d == 8 {
            continue; // a missed day, covered by the freeze earned on day 7
        }
        let day = LocalDay(start.0 + d);
        let offset = if day < LocalDay::from_ymd(2026, 3, 8).unwrap() { -300 } else { -240 };
        let begin = local(day, 16, offset);
        for i in 0..8 {
            let skill = ["add.within-10", "count.to-20", "frac.unit"][(i % 3) as usize];
            s.record(&answer(Timestamp(begin.0 + i * 50_000), skill, i % 4 != 0), offset);
        }
        s.record(&MotivationEvent::SessionEnded { started: begin, ended: Timestamp(begin.0 + 400_000), items: 8 }, offset);
        if d == 3 {
            s.record(&MotivationEvent::Mastery(MasteryEvent { skill: SkillId::new_static("count.to-20"), level: 4, at: begin }), offset);
            s.record(&MotivationEvent::Reflection { at: begin, words: 12 }, offset);
            s.record(&MotivationEvent::ReadAloudUsed { at: begin }, offset);
        }
        let p = today_progress(&s, Timestamp(begin.0 + 500_000), offset);
        assert!(p.met && p.done >= 5, "day {d}: {p:?}");
        let out = evaluate_badges(&mut s, &HistorySummary::default(), &g, Timestamp(begin.0 + 500_000));
        earned.extend(out.awards.iter().map(|a| (d, a.id)));
    }
    assert_eq!((s.streak.current, s.streak.best, s.counters.freezes_used), (13, 13, 1));
    let day_of = |id: &str| earned.iter().find(|(_, b)| *b == id).map(|(d, _)| *d);
    assert_eq!(day_of("first-session"), Some(0));
    assert_eq!(day_of("goal-setter"), Some(0));
    assert_eq!(day_of("three-domains"), Some(0));
    assert_eq!(day_of("streak-3"), Some(2));
    assert_eq!(day_of("first-skill"), Some(3));
    assert_eq!(day_of("domain-cc"), Some(3));
    assert_eq!(day_of("read-aloud"), Some(3));
    assert_eq!(day_of("first-reflection"), Some(3));
    assert_eq!(day_of("streak-7"), Some(6));
    assert_eq!(day_of("ten-sessions"), Some(10));
    // The catalog lists every badge, earned ones with their date.
    let catalog = badge_catalog(&s, &HistorySummary::default(), &g);
    assert_eq!(catalog.len(), BADGES.len());
    assert_eq!(catalog.iter().filter(|r| r.earned_at.is_some()).count(), earned.len());
    let sessions = catalog.iter().find(|r| r.def.id == "fifty-sessions").unwrap();
    assert_eq!(sessions.progress, Some(BadgeProgress { current: 13, target: 50 }));
    // Stored as the "motivation" section and read back unchanged.
    let json = serde_json::to_value(&s).unwrap();
    let back: MotivationState = serde_json::from_value(json).unwrap();
    assert_eq!(back, s);
}

#[derive(Debug, Clone)]
enum Step {
    Answer { day: i32, minute: i64, correct: bool, ms: u32 },
    Mastery { level: u8, day: i32 },
    Reflect { day: i32, words: usize },
    Goal(u32),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => (0..40i32, 0..1440i64, any::<bool>(), 0..400_000u32).prop_map(|(day, minute, correct, ms)| Step::Answer { day, minute, correct, ms }),
        1 => (0..6u8, 0..40i32).prop_map(|(level, day)| Step::Mastery { level, day }),
        1 => (0..40i32, 0..50usize).prop_map(|(day, words)| Step::Reflect { day, words }),
        1 => prop::sample::select(vec![5u32, 10, 15, 20, 7]).prop_map(Step::Goal),
    ]
}

fn event(step: &Step, offset: i32) -> Option<MotivationEvent> {
    let at = |day: i32, minute: i64| Timestamp(day as i64 * MS_PER_DAY + minute * MS_PER_MINUTE - offset as i64 * MS_PER_MINUTE + 20_000 * MS_PER_DAY);
    match *step {
        Step::Answer { day, minute, correct, ms } => Some(MotivationEvent::Answered(Attempt {
            at: at(day, minute),
            skill: SkillId::new_static("add.within-10"),
            level: 2,
            correct,
            response_ms: ms,
            hints_used: 0,
            mode: PracticeMode::Review,
        })),
        Step::Mastery { level, day } => Some(MotivationEvent::Mastery(MasteryEvent { skill: SkillId::new_static("frac.unit"), level, at: at(day, 0) })),
        Step::Reflect { day, words } => Some(MotivationEvent::Reflection { at: at(day, 600), words }),
        Step::Goal(_) => None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Days in any order (a clock going back and forth), offsets switching (DST, travel).
    #[test]
    fn no_inflation_under_any_clock(steps in prop::collection::vec((step(), prop::sample::select(vec![-300, -240, 0, 60])), 1..160)) {
        let mut s = MotivationState::default();
        let mut paid = 0u64;
        for (st, offset) in &steps {
            if let Step::Goal(m) = st {
                let _ = s.set_goal(DailyGoal::Minutes(*m), Timestamp(20_000 * MS_PER_DAY), *offset);
                continue;
            }
            if let Some(e) = event(st, *offset) {
                paid += s.record(&e, *offset).xp_gained as u64;
            }
            prop_assert!(s.streak.current <= s.counters.goal_days);
            prop_assert!(s.streak.best >= s.streak.current && s.streak.freezes <= MAX_FREEZES);
            prop_assert!(s.days.windows(2).all(|w| w[0].day < w[1].day));
        }
        prop_assert_eq!(s.xp, paid);
        let before = s.clone();
        for (st, offset) in &steps {
            if let Some(e) = event(st, *offset) {
                let out = s.record(&e, *offset);
                prop_assert!(out.xp_gained == 0 || !before.seen.contains(&event_identity(&e)));
            }
        }
        if steps.len() <= SEEN_CAPACITY {
            prop_assert_eq!(s.xp, before.xp, "a replay pays nothing");
        }
    }
}
