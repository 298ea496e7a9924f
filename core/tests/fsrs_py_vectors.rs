//! Golden tests: Waypoint's FSRS-6 port reproduces py-fsrs's published test vectors.
//!
//! Source of every vector below: `open-spaced-repetition/py-fsrs`, file
//! `tests/test_basic.py` at commit 3abe686e9c058d3f3c00bbeb92e68b71211b2b31 (v6.3.1,
//! 2026-03-10). Only the numbers are taken from there; the Rust is ours.

use waypoint_core::Timestamp;
use waypoint_core::engine::EngineError;
use waypoint_core::engine::review::{
    CardState, DEFAULT_WEIGHTS, FsrsParams, Rating, ReviewCard, STABILITY_MIN, Scheduler,
};
use waypoint_core::time::{MS_PER_DAY, MS_PER_MINUTE};

/// `datetime(2022, 11, 29, 12, 30, 0, 0, timezone.utc)` in py-fsrs's tests.
const T0: Timestamp = Timestamp(1_669_725_000_000);

/// `TEST_RATINGS_1` in test_basic.py.
const TEST_RATINGS_1: [Rating; 13] = [
    Rating::Good,
    Rating::Good,
    Rating::Good,
    Rating::Good,
    Rating::Good,
    Rating::Good,
    Rating::Again,
    Rating::Again,
    Rating::Good,
    Rating::Good,
    Rating::Good,
    Rating::Good,
    Rating::Good,
];

/// `(card.due - card.last_review).days`
fn interval_days(card: &ReviewCard) -> i64 {
    let last = card.last_review.expect("reviewed card has a last review");
    (card.due.millis() - last.millis()).div_euclid(MS_PER_DAY)
}

/// py-fsrs `test_review_card` and `test_custom_scheduler_args` (fuzz off; each review
/// happens exactly when the card is due).
#[test]
fn py_fsrs_test_review_card_interval_history() {
    let scheduler = Scheduler::default();
    let mut card = ReviewCard::new(T0);
    let mut now = T0;
    let mut history = Vec::new();
    for rating in TEST_RATINGS_1 {
        card = scheduler.review(&card, rating, now);
        history.push(interval_days(&card));
        now = card.due;
    }
    assert_eq!(history, [0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21]);
}

/// py-fsrs `test_memo_state`: Again, then Good five times at 0, 1, 3, 8, 21 days after
/// the previous review; stability 53.62691 and difficulty 6.3574867 (abs 1e-4).
/// The memory state does not depend on fuzz, so the fuzzed variant must agree too.
#[test]
fn py_fsrs_test_memo_state() {
    let scheduler = Scheduler::default();
    let ratings = [Rating::Again, Rating::Good, Rating::Good, Rating::Good, Rating::Good, Rating::Good];
    let gaps = [0.0, 0.0, 1.0, 3.0, 8.0, 21.0];
    let mut card = ReviewCard::new(T0);
    let mut fuzzed = ReviewCard::new(T0);
    let mut now = T0;
    for (i, (rating, gap)) in ratings.into_iter().zip(gaps).enumerate() {
        now = now.plus_days(gap);
        card = scheduler.review(&card, rating, now);
        fuzzed = scheduler.review_fuzzed(&fuzzed, rating, now, i as u64);
    }
    assert!((card.stability - 53.62691).abs() < 1e-4, "stability {}", card.stability);
    assert!((card.difficulty - 6.3574867).abs() < 1e-4, "difficulty {}", card.difficulty);
    assert_eq!(fuzzed.stability, card.stability);
    assert_eq!(fuzzed.difficulty, card.difficulty);
}

/// py-fsrs `test_repeated_correct_reviews`: ten Easy reviews a microsecond apart give
/// difficulty exactly 1.0.
#[test]
fn py_fsrs_test_repeated_correct_reviews() {
    let scheduler = Scheduler::default();
    let mut card = ReviewCard::new(T0);
    for _ in 0..10 {
        card = scheduler.review(&card, Rating::Easy, T0);
    }
    assert_eq!(card.difficulty, 1.0);
}

/// py-fsrs `test_good_learning_steps`, `test_again_learning_steps`,
/// `test_hard_learning_steps`, `test_easy_learning_steps`.
#[test]
fn py_fsrs_learning_steps() {
    let s = Scheduler::default();
    let new = ReviewCard::new(T0);

    let good = s.review(&new, Rating::Good, new.due);
    assert_eq!((good.state, good.step), (CardState::Learning, 1));
    assert_eq!((good.due.millis() - T0.millis()) / 1000 / 100, 6); // about 600 s
    let good2 = s.review(&good, Rating::Good, good.due);
    assert_eq!(good2.state, CardState::Review);
    assert!((good2.due.millis() - T0.millis()) as f64 / 86_400_000.0 >= 1.0);

    let again = s.review(&new, Rating::Again, new.due);
    assert_eq!((again.state, again.step), (CardState::Learning, 0));
    assert_eq!(again.due.millis() - T0.millis(), 60_000);

    let hard = s.review(&new, Rating::Hard, new.due);
    assert_eq!((hard.state, hard.step), (CardState::Learning, 0));
    assert_eq!(hard.due.millis() - T0.millis(), 330_000);

    let easy = s.review(&new, Rating::Easy, new.due);
    assert_eq!(easy.state, CardState::Review);
    assert!(interval_days(&easy) >= 1);
}

/// py-fsrs `test_relearning` and `test_review_state`: Good, Good, Good, then Again goes
/// to Relearning 10 minutes later, Again again stays there, Good graduates to >= 1 day.
#[test]
fn py_fsrs_relearning() {
    let s = Scheduler::default();
    let mut card = ReviewCard::new(T0);
    for _ in 0..3 {
        card = s.review(&card, Rating::Good, card.due);
    }
    assert_eq!(card.state, CardState::Review);
    assert!(interval_days(&card) >= 1);
    for _ in 0..2 {
        let prev_due = card.due;
        card = s.review(&card, Rating::Again, card.due);
        assert_eq!((card.state, card.step), (CardState::Relearning, 0));
        assert_eq!(card.due.millis() - prev_due.millis(), 10 * MS_PER_MINUTE);
    }
    card = s.review(&card, Rating::Good, card.due);
    assert_eq!((card.state, card.step), (CardState::Review, 0));
    assert!(interval_days(&card) >= 1);
    assert_eq!(card.lapses, 1);
    assert_eq!(card.reps, 6);
}

/// py-fsrs `test_long_term_stability_learning_state`: a Relearning card reviewed a full
/// day late uses the long-term formula and graduates.
#[test]
fn py_fsrs_relearning_a_day_late() {
    let s = Scheduler::default();
    let card = s.review(&ReviewCard::new(T0), Rating::Easy, T0);
    assert_eq!(card.state, CardState::Review);
    let card = s.review(&card, Rating::Again, card.due);
    assert_eq!(card.state, CardState::Relearning);
    let card = s.review(&card, Rating::Good, card.due.plus_days(1.0));
    assert_eq!(card.state, CardState::Review);
}

/// py-fsrs `test_stability_lower_bound`: 1000 Agains, each a day after the due date.
#[test]
fn py_fsrs_stability_lower_bound() {
    let s = Scheduler::default();
    let mut card = ReviewCard::new(T0);
    for _ in 0..1000 {
        card = s.review(&card, Rating::Again, card.due.plus_days(1.0));
        assert!(card.stability >= STABILITY_MIN);
    }
}

/// py-fsrs `test_scheduler_parameter_validation`.
#[test]
fn py_fsrs_parameter_validation() {
    assert!(FsrsParams::new(&DEFAULT_WEIGHTS).is_ok());

    let mut one_too_high = DEFAULT_WEIGHTS;
    one_too_high[6] = 100.0;
    assert!(matches!(FsrsParams::new(&one_too_high), Err(EngineError::BadParameter { name: "fsrs.w6", .. })));

    let mut one_too_low = DEFAULT_WEIGHTS;
    one_too_low[10] = -42.0;
    assert!(matches!(FsrsParams::new(&one_too_low), Err(EngineError::BadParameter { name: "fsrs.w10", .. })));

    let mut two_bad = DEFAULT_WEIGHTS;
    two_bad[0] = 0.0;
    two_bad[3] = 101.0;
    assert!(FsrsParams::new(&two_bad).is_err());

    assert!(FsrsParams::new(&[]).is_err());
    assert!(FsrsParams::new(&DEFAULT_WEIGHTS[..20]).is_err());
    let mut too_many = DEFAULT_WEIGHTS.to_vec();
    too_many.extend([1.0, 2.0, 3.0]);
    assert!(FsrsParams::new(&too_many).is_err());
}

/// py-fsrs `test_custom_scheduler_args`, second part: a custom parameter set is accepted
/// and kept as given.
#[test]
fn py_fsrs_custom_parameters_are_kept() {
    let parameters2 = [
        0.1456, 0.4186, 1.1104, 4.1315, 5.2417, 1.3098, 0.8975, 0.0010, 1.5674, 0.0567, 0.9661, 2.0275, 0.1592, 0.2446,
        1.5071, 0.2272, 2.8755, 1.234, 0.56789, 0.1437, 0.2,
    ];
    let params = FsrsParams::new(&parameters2).unwrap();
    assert_eq!(params.weights(), &parameters2);
    let s = Scheduler::new(params, 0.85).unwrap().with_maximum_interval(3650).unwrap();
    assert_eq!(s.desired_retention(), 0.85);
    let mut card = ReviewCard::new(T0);
    for _ in 0..20 {
        card = s.review(&card, Rating::Easy, card.due);
        assert!(interval_days(&card) <= 3650);
    }
}

/// py-fsrs `test_maximum_interval`.
#[test]
fn py_fsrs_maximum_interval() {
    let s = Scheduler::default().with_maximum_interval(100).unwrap();
    let mut card = ReviewCard::new(T0);
    for rating in [Rating::Easy, Rating::Good, Rating::Easy, Rating::Good] {
        card = s.review(&card, rating, card.due);
        assert!(interval_days(&card) <= 100);
    }
}
