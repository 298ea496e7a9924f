//! Table tests of the motivation state: XP once per event, goal minutes, day boundaries,
//! daylight-saving changes and clocks set back or forward.

use super::*;
use crate::attempt::PracticeMode;
use crate::time::{MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE};

/// UTC instant of local `y-m-d h:mi` at `offset` minutes.
fn local(y: i32, m: u32, d: u32, h: i64, mi: i64, offset: i32) -> Timestamp {
    let day = LocalDay::from_ymd(y, m, d).unwrap().0 as i64;
    Timestamp(day * MS_PER_DAY + h * MS_PER_HOUR + mi * MS_PER_MINUTE - offset as i64 * MS_PER_MINUTE)
}

fn answer(at: Timestamp, skill: &'static str, level: u8, correct: bool, ms: u32) -> MotivationEvent {
    MotivationEvent::Answered(Attempt { at, skill: SkillId::new_static(skill), level, correct, response_ms: ms, hints_used: 0, mode: PracticeMode::Mixed })
}

/// Ten one-minute correct answers (level 3) ending at `end`: meets a 10-minute goal.
fn practise(state: &mut MotivationState, end: Timestamp, offset: i32) -> Vec<Outcome> {
    (0..10).map(|i| state.record(&answer(Timestamp(end.0 - (9 - i) * 61_000), "add.within-10", 3, true, 60_000), offset)).collect()
}

fn met(outcomes: &[Outcome]) -> Option<StreakChange> {
    outcomes.iter().find_map(|o| o.streak)
}

#[test]
fn the_same_event_never_pays_twice() {
    let mut s = MotivationState::default();
    let t = Timestamp(1_000_000);
    let events = [
        answer(t, "a", 5, true, 9_000),
        MotivationEvent::Mastery(MasteryEvent { skill: SkillId::new_static("a"), level: 4, at: t }),
        MotivationEvent::Review(ReviewDone { skill: SkillId::new_static("a"), on_time: true, at: t }),
        MotivationEvent::Reflection { at: t, words: 25 },
        MotivationEvent::ReadAloudUsed { at: t },
        MotivationEvent::GoalSet { at: t },
        MotivationEvent::SessionEnded { started: t, ended: Timestamp(t.0 + 60_000), items: 1 },
    ];
    for e in &events {
        let first = s.record(e, 0);
        assert!(!first.duplicate, "{e:?}");
        let xp = s.xp;
        let counters = s.counters.clone();
        let again = s.record(e, 0);
        assert!(again.duplicate && again.xp_gained == 0, "{e:?}");
        assert_eq!((s.xp, &s.counters), (xp, &counters));
    }
    // 14 (level-5 answer) + 10+20+30+50 (levels 1..4 at once) + 5 (review) + 10 (reflection)
    assert_eq!(s.xp, 14 + 110 + 5 + 10);
    // Same skill, a different instant: a new answer.
    assert_eq!(s.record(&answer(Timestamp(t.0 + 1), "a", 5, true, 9_000), 0).xp_gained, 14);
    // A lower or equal mastery level later pays nothing; clock set back does not replay.
    let lower = MotivationEvent::Mastery(MasteryEvent { skill: SkillId::new_static("a"), level: 2, at: Timestamp(5) });
    assert_eq!(s.record(&lower, 0).xp_gained, 0);
}

#[test]
fn mastery_bonus_only_for_new_levels() {
    let mut s = MotivationState::default();
    let table = [(1, 10), (1, 0), (3, 50), (2, 0), (4, 50), (9, 0)];
    for (i, (level, want)) in table.into_iter().enumerate() {
        let e = MotivationEvent::Mastery(MasteryEvent { skill: SkillId::new_static("b"), level, at: Timestamp(i as i64 * 1000) });
        assert_eq!(s.record(&e, 0).xp_gained, want, "level {level}");
    }
}

#[test]
fn reflection_xp_is_limited_per_day() {
    let mut s = MotivationState::default();
    let xp: Vec<u32> = (0..5).map(|i| s.record(&MotivationEvent::Reflection { at: Timestamp(i * 1000), words: 8 }, 0).xp_gained).collect();
    assert_eq!(xp, [5, 5, 5, 0, 0]);
    assert_eq!(s.counters.reflections, 5);
    assert_eq!(s.record(&MotivationEvent::Reflection { at: Timestamp(MS_PER_DAY), words: 0 }, 0).xp_gained, 0);
}

#[test]
fn minutes_are_capped_per_item_and_never_negative() {
    let mut s = MotivationState::default();
    let t = local(2026, 3, 2, 10, 0, 0);
    s.record(&answer(t, "a", 1, true, u32::MAX), 0); // tab left open
    s.record(&MotivationEvent::SessionEnded { started: Timestamp(t.0 + 10 * MS_PER_DAY), ended: t, items: 3 }, 0); // ends before it starts
    let p = today_progress(&s, t, 0);
    assert_eq!((p.done, p.target, p.met), (2, 10, false));
    assert_eq!(s.counters.sessions, 1);
}

#[test]
fn goal_can_change_any_time_and_counts_at_once() {
    let mut s = MotivationState::default();
    let t = local(2026, 3, 2, 10, 0, 0);
    for i in 0..6 {
        s.record(&answer(Timestamp(t.0 + i * 61_000), "a", 1, true, 60_000), 0);
    }
    assert!(!today_progress(&s, t, 0).met);
    assert!(s.set_goal(DailyGoal::Minutes(7), t, 0).is_err());
    let out = s.set_goal(DailyGoal::Minutes(5), t, 0).unwrap();
    assert!(out.goal_met && matches!(out.streak, Some(StreakChange::Started { current: 1 })));
    // Raising it later does not take today's met day away.
    s.set_goal(DailyGoal::Xp(500), t, 0).unwrap();
    let p = today_progress(&s, t, 0);
    assert_eq!((p.done, p.target, p.met), (36, 500, true));
    assert_eq!(s.counters.goal_days, 1);
}

#[test]
fn day_boundary_2359_and_0001_are_two_days() {
    let off = -300;
    let mut s = MotivationState::default();
    let late = local(2026, 1, 5, 23, 59, off);
    let early = local(2026, 1, 6, 0, 1, off);
    assert_eq!(met(&practise(&mut s, late, off)), Some(StreakChange::Started { current: 1 }));
    assert_eq!(today_progress(&s, early, off).done, 0, "a new day starts at midnight");
    let change = met(&practise(&mut s, Timestamp(early.0 + 20 * MS_PER_MINUTE), off));
    assert_eq!(change, Some(StreakChange::Extended { current: 2, freezes_used: 0, freeze_earned: false }));
    // In UTC both sessions fall on 2026-01-06: the local calendar is what counts.
    assert_eq!(late.local_day(0), early.local_day(0));
}

#[test]
fn dst_change_keeps_days_in_the_local_calendar() {
    // US spring forward 2026-03-08: EST (-300) before, EDT (-240) after.
    let mut s = MotivationState::default();
    let days = [(7, -300), (8, -240), (9, -240)];
    let mut streak = Vec::new();
    for (d, off) in days {
        let end = local(2026, 3, d, 23, 50, off);
        streak.push(met(&practise(&mut s, end, off)));
        assert_eq!(end.local_day(off), LocalDay::from_ymd(2026, 3, d).unwrap());
    }
    assert_eq!(s.streak.current, 3);
    // Just after midnight on the 8th the offset is still -300: the 7th's goal is not today's.
    let just_after = local(2026, 3, 8, 0, 1, -300);
    assert_eq!(just_after.local_day(-300).iso(), "2026-03-08");
    // Fall back 2026-11-01: EDT (-240) -> EST (-300); 23:59 on the 1st is still the 1st.
    let t = local(2026, 11, 1, 23, 59, -300);
    assert_eq!(t.local_day(-300).iso(), "2026-11-01");
    assert_eq!(Timestamp(t.0 + 2 * MS_PER_MINUTE).local_day(-300).iso(), "2026-11-02");
}

#[test]
fn clock_changes_never_inflate_the_streak() {
    let mut s = MotivationState::default();
    for d in 10..=12 {
        practise(&mut s, local(2026, 4, d, 18, 0, 0), 0);
    }
    assert_eq!(s.streak.current, 3);
    // Clock set back two days: practice counts for that day, but the streak does not grow.
    let back = met(&practise(&mut s, local(2026, 4, 10, 19, 0, 0), 0));
    assert_eq!(back, None, "day 10 was already met");
    let back2 = met(&practise(&mut s, local(2026, 4, 1, 19, 0, 0), 0));
    assert_eq!(back2, Some(StreakChange::Unchanged { current: 3 }));
    assert_eq!(s.streak.current, 3);
    // Replaying the same answers (same instants) pays nothing.
    let xp = s.xp;
    practise(&mut s, local(2026, 4, 1, 19, 0, 0), 0);
    assert_eq!(s.xp, xp);
    // Clock jumped forward ten days: the streak breaks normally (kindly), not extends.
    let jump = met(&practise(&mut s, local(2026, 4, 22, 9, 0, 0), 0));
    assert_eq!(jump, Some(StreakChange::Restarted { away_days: 9, can_repair: false }));
    assert_eq!((s.streak.current, s.streak.best), (1, 3));
    // Back to the true date: earlier than the last met day, so nothing is counted twice.
    assert_eq!(met(&practise(&mut s, local(2026, 4, 13, 9, 0, 0), 0)), Some(StreakChange::Unchanged { current: 1 }));
}

#[test]
fn comebacks_repairs_and_freezes_are_counted() {
    let mut s = MotivationState::default();
    for d in 1..=7 {
        practise(&mut s, local(2026, 5, d, 17, 0, 0), 0);
    }
    assert_eq!(s.streak.freezes, 1);
    practise(&mut s, local(2026, 5, 9, 17, 0, 0), 0); // one missed day, frozen
    assert_eq!((s.streak.current, s.streak.freezes, s.counters.freezes_used), (8, 0, 1));
    practise(&mut s, local(2026, 5, 13, 17, 0, 0), 0); // three missed days: rests, a comeback
    practise(&mut s, local(2026, 5, 14, 17, 0, 0), 0); // second day back: repaired
    assert_eq!((s.streak.current, s.counters.comebacks, s.counters.repairs), (10, 1, 1));
    let view = streak_view(&s.streak, local(2026, 5, 14, 20, 0, 0), 0);
    assert_eq!(view.status, StreakStatus::Active { met_today: true, freezes_needed: 0 });
}

#[test]
fn level_ups_are_reported_once() {
    let mut s = MotivationState::default();
    let ups: Vec<u32> = (0..10).filter_map(|i| s.record(&answer(Timestamp(i * 1000), "a", 5, true, 5_000), 0).level_up.map(|l| l.level)).collect();
    assert_eq!(ups, [2, 3]); // 140 XP: level 2 at 50, level 3 at 125, each reported once
    assert_eq!(level_progress(s.xp).level, 3);
}

#[test]
fn state_is_compact_and_tolerant_on_read() {
    let s: MotivationState = serde_json::from_str("{}").unwrap();
    assert_eq!(s, MotivationState::default());
    let s: MotivationState = serde_json::from_str(r#"{"xp": 40, "future_field": [1, 2], "streak": {"current": 2}}"#).unwrap();
    assert_eq!((s.xp, s.streak.current, s.goal), (40, 2, DailyGoal::Minutes(10)));
    let mut s = MotivationState::default();
    for i in 0..2_000 {
        s.record(&answer(Timestamp(i * 3 * MS_PER_HOUR), "add.within-10", 2, i % 3 != 0, 30_000), 0);
    }
    assert!(s.seen.len() <= SEEN_CAPACITY && s.days.len() <= DAYS_KEPT as usize);
    let json = serde_json::to_string(&s).unwrap();
    assert!(json.len() < 16_000, "{} bytes", json.len());
    let back: MotivationState = serde_json::from_str(&json).unwrap();
    assert_eq!(back, s);
}

#[test]
fn family_goal_is_a_shared_total_only() {
    let mut a = MotivationState::default();
    let mut b = MotivationState::default();
    let now = local(2026, 11, 25, 12, 0, 0); // a Wednesday
    practise(&mut a, local(2026, 11, 23, 9, 0, 0), 0);
    practise(&mut b, local(2026, 11, 24, 9, 0, 0), 0);
    practise(&mut b, local(2026, 11, 20, 9, 0, 0), 0); // last week: not counted
    let goal = FamilyGoal::new(true, 15).unwrap();
    let p = family_progress(&goal, [&a, &b], now, 0).unwrap();
    assert_eq!((p.total_minutes, p.target_minutes, p.met), (20, 15, true));
    assert_eq!(family_progress(&goal, [&b, &a], now, 0), Some(p), "order of learners changes nothing");
    assert_eq!(family_progress(&FamilyGoal::default(), [&a], now, 0), None, "off unless switched on");
}

#[test]
fn errors_speak_both_languages() {
    let e = DailyGoal::Minutes(3).validated().unwrap_err();
    assert!(e.message(Lang::En).contains("3 min") && e.message(Lang::Es).contains("meta diaria"));
    let core: crate::CoreError = e.into();
    assert!(core.to_string().contains("daily goal"));
}

#[test]
fn outcomes_carry_announcements() {
    let mut s = MotivationState::default();
    let outs = practise(&mut s, local(2026, 6, 1, 12, 0, 0), 0);
    let texts: Vec<String> = outs.iter().flat_map(|o| o.announcements()).map(|b| b.en).collect();
    assert_eq!(texts, ["Level 2!", "You met today's goal!", "A new streak begins!"]);
}

#[test]
fn a_day_forgotten_long_ago_is_not_counted_again() {
    let mut s = MotivationState::default();
    practise(&mut s, local(2026, 6, 1, 12, 0, 0), 0);
    practise(&mut s, local(2026, 8, 1, 12, 0, 0), 0);
    assert_eq!(s.counters.goal_days, 2);
    // Clock set back to June 1st: that day was dropped from the window; not a new goal day.
    practise(&mut s, local(2026, 6, 1, 15, 0, 0), 0);
    assert_eq!(s.counters.goal_days, 2);
}
