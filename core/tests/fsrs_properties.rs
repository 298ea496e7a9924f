//! Properties of the FSRS-6 scheduler that must hold for any history: intervals grow
//! with success, lapses lower stability, recall falls with time, a clock set back is
//! harmless, cards survive a JSON round trip, and bad parameters are refused.

use proptest::prelude::*;
use waypoint_core::Timestamp;
use waypoint_core::engine::EngineError;
use waypoint_core::engine::stored::round4;
use waypoint_core::engine::review::{
    CardState, DEFAULT_WEIGHTS, FsrsParams, MAX_DIFFICULTY, MIN_DIFFICULTY, Rating, ReviewCard, STABILITY_MIN,
    Scheduler,
};
use waypoint_core::time::{MS_PER_DAY, MS_PER_HOUR};

const T0: Timestamp = Timestamp(1_669_725_000_000);

fn rating() -> impl Strategy<Value = Rating> {
    prop::sample::select(Rating::ALL.to_vec())
}

/// A history: (rating, milliseconds after the previous review, up to 90 days).
fn history() -> impl Strategy<Value = Vec<(Rating, i64)>> {
    prop::collection::vec((rating(), 0..90 * MS_PER_DAY), 0..25)
}

fn replay(s: &Scheduler, history: &[(Rating, i64)]) -> (ReviewCard, Timestamp) {
    let mut card = ReviewCard::new(T0);
    let mut now = T0;
    for &(r, gap) in history {
        now = now.plus_millis(gap);
        card = s.review(&card, r, now);
    }
    (card, now)
}

/// A card in Review, reached by any history followed by Easy (which always graduates).
fn review_card(s: &Scheduler, history: &[(Rating, i64)]) -> ReviewCard {
    let (card, now) = replay(s, history);
    let card = s.review(&card, Rating::Easy, now.plus_millis(MS_PER_HOUR));
    assert_eq!(card.state, CardState::Review);
    card
}

fn interval_days(card: &ReviewCard) -> i64 {
    (card.due.millis() - card.last_review.unwrap().millis()) / MS_PER_DAY
}

fn within_one_ulp(a: f64, b: f64) -> bool {
    a == b || a.to_bits().abs_diff(b.to_bits()) <= 1
}

fn assert_sane(card: &ReviewCard) {
    assert!(card.stability.is_finite() && card.stability >= STABILITY_MIN, "{card:?}");
    assert!((MIN_DIFFICULTY..=MAX_DIFFICULTY).contains(&card.difficulty), "{card:?}");
    assert!(card.due >= card.last_review.unwrap(), "{card:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_history_gives_a_sane_card(h in history()) {
        let s = Scheduler::default();
        let (card, _) = replay(&s, &h);
        prop_assert_eq!(card.reps as usize, h.len());
        if !h.is_empty() {
            assert_sane(&card);
        }
    }

    #[test]
    fn good_after_good_grows_the_interval(h in history()) {
        let s = Scheduler::default();
        let card = review_card(&s, &h);
        let first = s.review(&card, Rating::Good, card.due);
        let second = s.review(&first, Rating::Good, first.due);
        prop_assert!(first.stability > card.stability);
        prop_assert!(second.stability > first.stability);
        prop_assert!(interval_days(&second) >= interval_days(&first));
        prop_assert!(interval_days(&first) >= interval_days(&card));
        prop_assert_eq!(second.state, CardState::Review);
    }

    #[test]
    fn again_lowers_stability_and_counts_a_lapse(h in history(), late in 0..60 * MS_PER_DAY) {
        let s = Scheduler::default();
        let card = review_card(&s, &h);
        let lapsed = s.review(&card, Rating::Again, card.due.plus_millis(late));
        prop_assert!(lapsed.stability < card.stability || lapsed.stability == STABILITY_MIN);
        prop_assert_eq!(lapsed.lapses, card.lapses + 1);
        prop_assert_eq!(lapsed.state, CardState::Relearning);
        prop_assert!(lapsed.difficulty >= card.difficulty);
    }

    #[test]
    fn better_ratings_never_give_shorter_intervals(h in history(), late in 0..30 * MS_PER_DAY) {
        let s = Scheduler::default().with_relearning_steps(&[]).unwrap();
        let card = review_card(&s, &h);
        let now = card.due.plus_millis(late);
        let after = Rating::ALL.map(|r| s.review(&card, r, now));
        for pair in after.windows(2) {
            prop_assert!(pair[0].stability <= pair[1].stability, "{:?}", pair);
            prop_assert!(interval_days(&pair[0]) <= interval_days(&pair[1]), "{:?}", pair);
        }
    }

    #[test]
    fn higher_retention_never_gives_longer_intervals(stability in 0.001f64..50_000.0) {
        let lo = Scheduler::new(FsrsParams::default(), 0.8).unwrap();
        let mid = Scheduler::default();
        let hi = Scheduler::new(FsrsParams::default(), 0.97).unwrap();
        prop_assert!(lo.interval_days(stability) >= mid.interval_days(stability));
        prop_assert!(mid.interval_days(stability) >= hi.interval_days(stability));
        prop_assert!(hi.interval_days(stability) >= 1);
    }

    #[test]
    fn retrievability_falls_with_time(h in history(), a in 0..400 * MS_PER_DAY, b in 0..400 * MS_PER_DAY) {
        let s = Scheduler::default();
        let card = review_card(&s, &h);
        let last = card.last_review.unwrap();
        let (early, late) = (a.min(b), a.max(b));
        let r_early = s.retrievability(&card, last.plus_millis(early));
        let r_late = s.retrievability(&card, last.plus_millis(late));
        prop_assert!((0.0..=1.0).contains(&r_early) && (0.0..=1.0).contains(&r_late));
        prop_assert!(r_late <= r_early);
        if late - early >= MS_PER_DAY {
            prop_assert!(r_late < r_early);
        }
        prop_assert_eq!(s.retrievability(&card, last), 1.0);
    }

    #[test]
    fn clock_set_back_is_harmless(h in history(), back in 1..3650 * MS_PER_DAY, r in rating()) {
        let s = Scheduler::default();
        let (card, now) = replay(&s, &h);
        let card = s.review(&card, Rating::Good, now);
        let earlier = now.plus_millis(-back);
        // Recall before the last review counts as no time elapsed.
        prop_assert_eq!(s.retrievability(&card, earlier), 1.0);
        let after = s.review(&card, r, earlier);
        assert_sane(&after);
        prop_assert!(after.due >= earlier);
        prop_assert_eq!(after.last_review, Some(earlier));
        // Same as a review with zero elapsed time.
        let same_instant = s.review(&card, r, now);
        prop_assert_eq!(after.stability, same_instant.stability);
        prop_assert_eq!(after.difficulty, same_instant.difficulty);
    }

    #[test]
    fn review_card_survives_json(h in history()) {
        let s = Scheduler::default();
        let (card, _) = replay(&s, &h);
        let json = serde_json::to_string(&card).unwrap();
        let back: ReviewCard = serde_json::from_str(&json).unwrap();
        // Stored to 4 decimals (engine::stored); the rest exactly.
        prop_assert!(within_one_ulp(back.stability, round4(card.stability)), "{:?} vs {:?}", back, card);
        prop_assert!(within_one_ulp(back.difficulty, round4(card.difficulty)), "{:?} vs {:?}", back, card);
        prop_assert!((back.stability - card.stability).abs() <= 0.00005 + 1e-12);
        prop_assert_eq!(ReviewCard { stability: card.stability, difficulty: card.difficulty, ..back }, card);
    }

    #[test]
    fn any_out_of_range_weight_is_refused(i in 0usize..21, bad in prop::sample::select(vec![
        f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -1.0, -0.0001, 1_000.0,
    ])) {
        let mut w = DEFAULT_WEIGHTS;
        w[i] = bad;
        match FsrsParams::new(&w) {
            Err(EngineError::BadParameter { name, .. }) => prop_assert_eq!(name, format!("fsrs.w{i}")),
            Ok(_) => prop_assert!(false, "w{} = {} accepted", i, bad),
        }
    }

    #[test]
    fn any_wrong_length_is_refused(n in 0usize..40) {
        prop_assume!(n != 21);
        let w = vec![0.5; n];
        let refused = matches!(FsrsParams::new(&w), Err(EngineError::BadParameter { name: "fsrs.weights.len", .. }));
        prop_assert!(refused);
    }

    #[test]
    fn retention_outside_range_is_refused(x in prop::num::f64::ANY) {
        let ok = Scheduler::new(FsrsParams::default(), x).is_ok();
        prop_assert_eq!(ok, (0.7..=0.99).contains(&x));
    }

    #[test]
    fn is_due_follows_the_due_instant(h in history(), offset in -10 * MS_PER_DAY..10 * MS_PER_DAY) {
        let s = Scheduler::default();
        let (card, _) = replay(&s, &h);
        let now = card.due.plus_millis(offset);
        prop_assert_eq!(s.is_due(&card, now), offset >= 0);
    }

    #[test]
    fn fuzz_changes_only_review_day_intervals(h in history(), r in rating(), seed in any::<u64>()) {
        let s = Scheduler::default();
        let (card, now) = replay(&s, &h);
        let plain = s.review(&card, r, now);
        let fuzzed = s.review_fuzzed(&card, r, now, seed);
        prop_assert_eq!(fuzzed.stability, plain.stability);
        prop_assert_eq!(fuzzed.state, plain.state);
        if plain.state != CardState::Review || interval_days(&plain) < 3 {
            prop_assert_eq!(fuzzed.due, plain.due);
        } else {
            let (p, f) = (interval_days(&plain) as f64, interval_days(&fuzzed) as f64);
            // py-fsrs's fuzz range: p ± delta, rounded.
            let delta = 1.0
                + 0.15 * (p.min(7.0) - 2.5).max(0.0)
                + 0.1 * (p.min(20.0) - 7.0).max(0.0)
                + 0.05 * (p - 20.0).max(0.0);
            prop_assert!((f - p).abs() <= delta + 0.5, "{} vs {}", f, p);
            prop_assert!(f >= 2.0);
        }
    }
}

#[test]
fn json_is_short_reads_the_long_names_of_older_saves_and_tolerates_missing_counters() {
    let s = Scheduler::default();
    let card = s.review(&ReviewCard::new(T0), Rating::Good, T0);
    let json = serde_json::to_value(card).unwrap();
    for key in ["s", "df", "st", "due", "lr", "reps", "lp"] {
        assert!(json.get(key).is_some(), "missing {key} in {json}");
    }
    assert_eq!(json["step"], 1);
    assert_eq!(json["st"], "Learning");
    assert_eq!(json["due"], T0.millis() + 600_000);
    // As saved before the short names.
    let long = r#"{"stability":3.0,"difficulty":5.0,"state":"Review","due":0,"last_review":null,"reps":4,"lapses":1,"step":0}"#;
    let card: ReviewCard = serde_json::from_str(long).unwrap();
    assert_eq!((card.stability, card.difficulty, card.state, card.reps, card.lapses, card.step), (3.0, 5.0, CardState::Review, 4, 1, 0));
    let minimal = r#"{"stability":3.0,"difficulty":5.0,"state":"Review","due":0,"last_review":null}"#;
    let card: ReviewCard = serde_json::from_str(minimal).unwrap();
    assert_eq!((card.reps, card.lapses, card.step), (0, 0, 0));
    let json = serde_json::to_value(card).unwrap();
    assert!(json.get("step").is_none() && json.get("lr").is_none(), "step 0 and no last review are left out: {json}");
    let back: ReviewCard = serde_json::from_value(json).unwrap();
    assert_eq!(back, card);
    assert!(serde_json::from_str::<ReviewCard>(r#"{"stability":3.0}"#).is_err());
}
