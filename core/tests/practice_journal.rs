//! A practice answer stores its attempt at once and the sections it changed at the next
//! checkpoint (`waypoint_core::practice`). These tests kill the page between the two: the
//! next practice page replays the stored attempt into the sections as stored, and gets what
//! the page had (model, session, sureness tally, points and badges, mastery log), exactly.

mod common;

use common::*;
use serde_json::{Value, json};
use waypoint_core::attempt::{Attempt, PracticeMode};
use waypoint_core::content::Catalog;
use waypoint_core::engine::review::Scheduler;
use waypoint_core::engine::{EngineParams, LearnerModel};
use waypoint_core::motivation::MotivationState;
use waypoint_core::persistence::{MemoryStore, Vault};
use waypoint_core::practice::{self, JOURNAL_SECTION, Journal, PracticeState};
use waypoint_core::report::LevelLogEntry;
use waypoint_core::rewards::ConfidenceTally;
use waypoint_core::session::{Session, SessionLength, Sureness};
use waypoint_core::{SkillId, Timestamp};

/// The practice sections of one learner, owned.
#[derive(Debug, Clone, Default, PartialEq)]
struct Sections {
    model: LearnerModel,
    session: Option<Session>,
    confidence: ConfidenceTally,
    motivation: MotivationState,
    log: Vec<LevelLogEntry>,
}

impl Sections {
    fn state(&mut self) -> PracticeState<'_> {
        PracticeState { model: &mut self.model, session: &mut self.session, confidence: &mut self.confidence, motivation: &mut self.motivation, log: &mut self.log }
    }

    fn to_json(&self, journal: &Journal) -> Vec<(String, Value)> {
        let j = |v: serde_json::Result<Value>| v.unwrap();
        vec![
            ("model".into(), j(serde_json::to_value(&self.model))),
            ("session".into(), j(serde_json::to_value(&self.session))),
            ("confidence".into(), j(serde_json::to_value(self.confidence))),
            ("motivation".into(), j(serde_json::to_value(&self.motivation))),
            ("mastery_log".into(), j(serde_json::to_value(&self.log))),
            (JOURNAL_SECTION.into(), j(serde_json::to_value(journal))),
        ]
    }

    fn read(v: &Vault<MemoryStore>, who: &str) -> (Sections, Journal) {
        let sec = |name: &str| v.section(&id(who), name).cloned().unwrap_or(Value::Null);
        let s = Sections {
            model: serde_json::from_value(sec("model")).unwrap(),
            session: serde_json::from_value(sec("session")).unwrap(),
            confidence: serde_json::from_value(sec("confidence")).unwrap(),
            motivation: serde_json::from_value(sec("motivation")).unwrap(),
            log: serde_json::from_value(sec("mastery_log")).unwrap(),
        };
        (s, serde_json::from_value(sec(JOURNAL_SECTION)).unwrap_or_default())
    }
}

const SKILLS: [&str; 3] = ["count-to-20", "add-within-10", "count-to-20"];

/// Presents item `i` (whole seconds, so that what is stored is what was answered) and
/// answers it as the practice page does; returns the attempt.
fn answer(s: &mut Sections, catalog: &Catalog, i: usize, sure: bool) -> Attempt {
    let shown = Timestamp(NOW.0 + i as i64 * 60_000);
    let session = s.session.as_mut().unwrap();
    session.present(SkillId::parse(SKILLS[i]).unwrap(), 2, i as u64, PracticeMode::Mixed, shown).unwrap();
    if sure {
        session.set_sureness(Sureness::Sure);
    }
    let a = session.answer(i != 1, Timestamp(shown.0 + 7_000)).unwrap();
    let sureness = session.answered.last().and_then(|x| x.sureness);
    practice::apply_answer(s.state(), catalog.graph(), &a, sureness, &EngineParams::default(), &Scheduler::default(), 0, a.at);
    a
}

/// A learner whose first answer was stored with its checkpoint (the journal through it),
/// and whose second item is on screen (the session stored with it).
fn after_one_answer(catalog: &Catalog) -> (Vault<MemoryStore>, Sections, Journal) {
    let (mut v, _) = Vault::open(MemoryStore::new(), NOW);
    v.put_learner(&learner("ann", "Ann"), NOW).unwrap();
    let mut s = Sections { session: Some(Session::new(7, NOW, SessionLength::Questions(10)).unwrap()), ..Sections::default() };
    let a = answer(&mut s, catalog, 0, false);
    let stored = v.append_attempt(&id("ann"), &a, a.at).unwrap().stored;
    let journal = Journal::default().including(&stored);
    v.save_sections_owned(&id("ann"), s.to_json(&journal), a.at).unwrap();
    (v, s, journal)
}

#[test]
fn an_answer_stored_without_its_checkpoint_is_replayed_exactly() {
    let catalog = Catalog::builtin().unwrap();
    for (wrong, sure) in [(1, true), (2, false)] {
        let (mut v, mut live, journal) = after_one_answer(&catalog);
        // Item 2 (or 3) is presented and stored with the session; then it is answered: the
        // attempt is stored, the page holds the rest, and the tab is killed.
        let mut shown = live.clone();
        let i = wrong;
        let at = Timestamp(NOW.0 + i as i64 * 60_000);
        shown.session.as_mut().unwrap().present(SkillId::parse(SKILLS[i]).unwrap(), 2, i as u64, PracticeMode::Mixed, at).unwrap();
        if sure {
            shown.session.as_mut().unwrap().set_sureness(Sureness::Sure);
        }
        v.save_sections_owned(&id("ann"), shown.to_json(&journal), at).unwrap();
        let a = answer(&mut live, &catalog, i, sure);
        assert_eq!(live.session.as_ref().unwrap().answered.len(), 2);
        v.append_attempt(&id("ann"), &a, a.at).unwrap();
        let store = v.into_store();

        // The next page: the sections as stored lack the answer; the replay puts it in.
        let (mut v, _) = Vault::open(MemoryStore::from_map(store.map.clone()), Timestamp(a.at.0 + 60_000));
        let (mut read, journal) = Sections::read(&v, "ann");
        assert_ne!(read.to_json(&journal), live.to_json(&journal), "the stored sections lack the answer");
        let recent = v.recent_attempts(&id("ann"));
        assert_eq!(recent.len(), 2);
        let replayed = practice::replay(read.state(), catalog.graph(), &journal, &recent, &EngineParams::default(), &Scheduler::default(), 0);
        assert_eq!(replayed.attempts, vec![a.clone()]);
        // As stored (the model keeps four decimals): what the page would have stored.
        assert_eq!(read.to_json(&replayed.journal), live.to_json(&replayed.journal), "replayed: model, session, sureness, motivation and log as the page had them");
        assert!(live.motivation != MotivationState::default());
        if sure {
            assert_eq!(read.confidence.get(Sureness::Sure).0, 1);
        }
        assert_eq!(replayed.journal, journal.including(&a));

        // Stored with the new journal, a second replay finds nothing to do.
        let (mut v, _) = Vault::open(MemoryStore::from_map(store.map), Timestamp(a.at.0 + 60_000));
        v.save_sections_owned(&id("ann"), read.to_json(&replayed.journal), Timestamp(a.at.0 + 60_000)).unwrap();
        let (mut again, j) = Sections::read(&v, "ann");
        let recent = v.recent_attempts(&id("ann"));
        let none = practice::replay(again.state(), catalog.graph(), &j, &recent, &EngineParams::default(), &Scheduler::default(), 0);
        assert!(none.attempts.is_empty());
        assert_eq!(again.to_json(&j), read.to_json(&j));
    }
}

#[test]
fn replay_leaves_included_and_placement_answers_and_data_without_a_journal_alone() {
    let catalog = Catalog::builtin().unwrap();
    let at = |s: i64, mode| Attempt { at: Timestamp(NOW.0 + s * 1000), skill: SkillId::parse("count-to-20").unwrap(), level: 2, correct: true, response_ms: 3000, hints_used: 0, mode };
    let recent = [at(10, PracticeMode::Mixed), at(20, PracticeMode::Placement), at(30, PracticeMode::Review)];
    // The journal of sections that include these attempts.
    let through = |attempts: &[Attempt]| attempts.iter().fold(Journal { through: None }, |j, a| j.including(a));
    let run = |journal: &Journal| {
        let mut s = Sections::default();
        let r = practice::replay(s.state(), catalog.graph(), journal, &recent, &EngineParams::default(), &Scheduler::default(), 0);
        (s, r)
    };
    // Saved before journals existed: the sections include everything stored.
    let (s, r) = run(&Journal::default());
    assert!(r.attempts.is_empty());
    assert_eq!(s, Sections::default());
    assert_eq!(r.journal, through(&recent));
    // Through the newest: nothing to do.
    let (_, r) = run(&through(&recent));
    assert!(r.attempts.is_empty());
    // Through the first: the placement answer is skipped (placement stores its sections
    // with the answer), the review replayed.
    let (s, r) = run(&through(&recent[..1]));
    assert_eq!(r.attempts, vec![recent[2].clone()]);
    assert_eq!(s.model.answers, 1);
    assert!(s.motivation != MotivationState::default());
    assert_eq!(r.journal, through(&recent));
    // Out of order in the tail makes no difference: oldest first.
    let mut s = Sections::default();
    let shuffled = [recent[2].clone(), recent[0].clone()];
    let r = practice::replay(s.state(), catalog.graph(), &Journal { through: Some((NOW.0 / 1000, SkillId::parse("count-to-20").unwrap())) }, &shuffled, &EngineParams::default(), &Scheduler::default(), 0);
    assert_eq!(r.attempts, vec![recent[0].clone(), recent[2].clone()]);
}

#[test]
fn journals_order_attempts_by_second_then_skill() {
    let a = |s: i64, skill: &str| Attempt { at: Timestamp(s * 1000 + 999), skill: SkillId::parse(skill).unwrap(), level: 1, correct: true, response_ms: 0, hints_used: 0, mode: PracticeMode::Blocked };
    let j = Journal::default().including(&a(5, "count-to-20"));
    assert_eq!(j.through, Some((5, SkillId::parse("count-to-20").unwrap())));
    assert!(j.includes(&a(5, "count-to-20")) && j.includes(&a(4, "zzz")) && j.includes(&a(5, "add-within-10")));
    assert!(!j.includes(&a(6, "add-within-10")));
    // Including an older attempt never moves the journal back.
    assert_eq!(j.including(&a(1, "count-to-20")), j);
    assert!(Journal::default().includes(&a(99, "count-to-20")));
    assert_eq!(serde_json::to_value(&j).unwrap(), json!({"through": [5, "count-to-20"]}));
    assert_eq!(serde_json::to_value(Journal::default()).unwrap(), json!({}));
}
