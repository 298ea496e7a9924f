//! Where practice meets motivation: turns what the session and the engine report about an
//! answer into `MotivationEvent`s, tallies how sure the learner said they were against how
//! they did (the confidence badge and the profile's chart read it), and applies events to
//! the motivation state, returning the XP gained and what to celebrate.
//!
//! `motivation` must not know the engine; this module is the one place that knows both.
//! Pure: `now`, the UTC offset and the graph are parameters.

use crate::attempt::{Attempt, PracticeMode};
use crate::engine::mastery::LevelChange;
use crate::graph::SkillGraph;
use crate::motivation::{evaluate_badges, Bilingual, HistorySummary, MasteryEvent, MotivationEvent, MotivationState, ReviewDone};
use crate::session::Sureness;
use crate::Timestamp;
use serde::{Deserialize, Serialize};

/// A review done this many days after its due day still counts as on time.
pub const REVIEW_GRACE_DAYS: i32 = 1;

/// Answers given after the learner said how sure they were, per sureness, and how many of
/// those were right. Stored as the learner's "confidence" section.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConfidenceTally {
    /// Indexed guessing, unsure, sure.
    pub asked: [u32; 3],
    pub right: [u32; 3],
}

fn sureness_index(s: Sureness) -> usize {
    match s {
        Sureness::Guessing => 0,
        Sureness::Unsure => 1,
        Sureness::Sure => 2,
    }
}

impl ConfidenceTally {
    pub fn record(&mut self, sureness: Sureness, correct: bool) {
        let i = sureness_index(sureness);
        self.asked[i] = self.asked[i].saturating_add(1);
        if correct {
            self.right[i] = self.right[i].saturating_add(1);
        }
    }

    /// (answers, right) for one sureness.
    pub fn get(&self, sureness: Sureness) -> (u32, u32) {
        let i = sureness_index(sureness);
        (self.asked[i], self.right[i].min(self.asked[i]))
    }

    /// Ratings, and ratings that matched the outcome: sure and right, or not sure and wrong.
    pub fn history_summary(&self) -> HistorySummary {
        let ratings: u32 = self.asked.iter().sum();
        let (_, sure_ok) = self.get(Sureness::Sure);
        let not_sure_wrong: u32 = [Sureness::Guessing, Sureness::Unsure].iter().map(|s| self.get(*s)).map(|(n, ok)| n - ok).sum();
        HistorySummary { confidence_ratings: ratings, calibrated_ratings: sure_ok + not_sure_wrong }
    }
}

/// The motivation events one recorded answer produces: the answer itself, a mastery change
/// the engine reported, and a review when the skill's review was due (`due_before`, read
/// from the model before it was updated) and the engine reported one done.
pub fn answer_events(attempt: &Attempt, due_before: Option<Timestamp>, level_change: Option<&LevelChange>, review_done: bool, offset_minutes: i32) -> Vec<MotivationEvent> {
    let mut out = vec![MotivationEvent::Answered(attempt.clone())];
    if let Some(c) = level_change {
        out.push(MotivationEvent::Mastery(MasteryEvent { skill: c.skill.clone(), level: c.to.rank(), at: attempt.at }));
    }
    if let (true, Some(due)) = (review_done && attempt.mode != PracticeMode::Placement, due_before) {
        let on_time = attempt.at.local_day(offset_minutes).0 <= due.local_day(offset_minutes).0 + REVIEW_GRACE_DAYS;
        out.push(MotivationEvent::Review(ReviewDone { skill: attempt.skill.clone(), on_time, at: attempt.at }));
    }
    out
}

/// Something to celebrate: a level reached, a goal met, a streak grown or a badge earned.
#[derive(Debug, Clone, PartialEq)]
pub struct Celebration {
    pub title: Bilingual,
    pub detail: Option<Bilingual>,
    /// The badge earned, for its picture.
    pub badge: Option<&'static str>,
}

/// What applying some events changed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rewarded {
    pub xp: u32,
    pub celebrations: Vec<Celebration>,
    /// Badge rules skipped because the graph lacks what they name (for the console).
    pub warnings: Vec<String>,
}

/// Records `events` in order, then awards any badge now earned.
pub fn apply(state: &mut MotivationState, events: &[MotivationEvent], confidence: &ConfidenceTally, graph: &SkillGraph, now: Timestamp, offset_minutes: i32) -> Rewarded {
    let mut out = Rewarded::default();
    for e in events {
        let o = state.record(e, offset_minutes);
        out.xp = out.xp.saturating_add(o.xp_gained);
        // The outcome's own announcements; a level-up also carries its message.
        for title in o.announcements() {
            let detail = o.level_up.as_ref().filter(|l| l.title == title).map(|l| l.message.clone());
            out.celebrations.push(Celebration { title, detail, badge: None });
        }
    }
    let eval = evaluate_badges(state, &confidence.history_summary(), graph, now);
    for a in eval.awards {
        out.celebrations.push(Celebration { title: a.title, detail: Some(a.message), badge: Some(a.id) });
    }
    out.warnings = eval.warnings;
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Catalog;
    use crate::engine::mastery::{MasteryLevel, MasteryReason};
    use crate::motivation::DailyGoal;
    use crate::SkillId;

    const DAY: i64 = 86_400_000;

    fn attempt(at: i64, correct: bool, mode: PracticeMode) -> Attempt {
        Attempt { at: Timestamp(at), skill: SkillId::new_static("count-to-20"), level: 1, correct, response_ms: 900, hints_used: 0, mode }
    }

    fn graph() -> SkillGraph {
        Catalog::builtin().expect("builtin catalog").graph().clone()
    }

    #[test]
    fn confidence_summary_counts_matching_ratings() {
        let mut t = ConfidenceTally::default();
        for (s, ok) in [(Sureness::Sure, true), (Sureness::Sure, false), (Sureness::Unsure, false), (Sureness::Guessing, true), (Sureness::Guessing, false)] {
            t.record(s, ok);
        }
        assert_eq!(t.get(Sureness::Sure), (2, 1));
        assert_eq!(t.history_summary(), HistorySummary { confidence_ratings: 5, calibrated_ratings: 3 });
        assert_eq!(ConfidenceTally::default().history_summary(), HistorySummary::default());
    }

    #[test]
    fn events_for_an_answer_table() {
        let change = LevelChange { skill: SkillId::new_static("count-to-20"), from: MasteryLevel::Proficient, to: MasteryLevel::Mastered, reason: MasteryReason::default() };
        let due = Some(Timestamp(10 * DAY));
        // (at, review_done, due_before, change, mode) -> (events, review on time)
        type Case = (i64, bool, Option<Timestamp>, bool, PracticeMode, usize, Option<bool>);
        let cases: [Case; 6] = [
            (10 * DAY, false, None, false, PracticeMode::Mixed, 1, None),
            (10 * DAY, false, None, true, PracticeMode::Mixed, 2, None),
            (10 * DAY, true, due, false, PracticeMode::Review, 2, Some(true)),
            (11 * DAY + 5, true, due, false, PracticeMode::Review, 2, Some(true)),
            (14 * DAY, true, due, false, PracticeMode::Review, 2, Some(false)),
            (10 * DAY, true, due, false, PracticeMode::Placement, 1, None),
        ];
        for (at, done, due, with_change, mode, n, on_time) in cases {
            let a = attempt(at, true, mode);
            let events = answer_events(&a, due, with_change.then_some(&change), done, 0);
            assert_eq!(events.len(), n, "at {at} mode {mode:?}");
            let review = events.iter().find_map(|e| match e {
                MotivationEvent::Review(r) => Some(r.on_time),
                _ => None,
            });
            assert_eq!(review, on_time, "at {at}");
            if with_change {
                assert!(matches!(&events[1], MotivationEvent::Mastery(m) if m.level == 4));
            }
        }
    }

    #[test]
    fn apply_gains_xp_meets_a_goal_and_awards_badges_once() {
        let g = graph();
        let mut state = MotivationState::default();
        state.set_goal(DailyGoal::Xp(10), Timestamp(0), 0).expect("valid goal");
        let t = ConfidenceTally::default();
        let first = apply(&mut state, &answer_events(&attempt(DAY, true, PracticeMode::Mixed), None, None, false, 0), &t, &g, Timestamp(DAY), 0);
        assert!(first.xp > 0);
        assert!(first.celebrations.is_empty(), "{:?}", first.celebrations);
        let set = apply(&mut state, &[MotivationEvent::GoalSet { at: Timestamp(DAY + 500) }], &t, &g, Timestamp(DAY + 500), 0);
        assert_eq!(set.celebrations.iter().filter_map(|c| c.badge).collect::<Vec<_>>(), ["goal-setter"]);
        assert!(state.badges.contains_key("goal-setter"));
        let second = apply(&mut state, &answer_events(&attempt(DAY + 1000, true, PracticeMode::Mixed), None, None, false, 0), &t, &g, Timestamp(DAY + 1000), 0);
        assert!(second.celebrations.iter().any(|c| c.title.en == "You met today's goal!"), "{second:?}");
        assert_eq!(state.streak.current, 1);
        // The same answer again changes nothing and celebrates nothing.
        let again = apply(&mut state, &answer_events(&attempt(DAY + 1000, true, PracticeMode::Mixed), None, None, false, 0), &t, &g, Timestamp(DAY + 1000), 0);
        assert_eq!(again, Rewarded::default());
    }
}
