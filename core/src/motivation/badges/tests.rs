//! Badge table checks and rule tests against a small graph.

use super::*;
use crate::graph::SkillNode;
use crate::motivation::{MasteryEvent, MotivationEvent, SkillTally};
use std::collections::HashSet;

fn node(id: &'static str, grade: u8, domain: &str) -> SkillNode {
    SkillNode { id: SkillId::new_static(id), prerequisites: vec![], grade, fluency: false, domain: domain.into() }
}

fn graph() -> SkillGraph {
    SkillGraph::new(vec![node("count.to-20", 0, "CC"), node("add.within-10", 0, "OA"), node("mult.facts-all", 3, "OA"), node("frac.unit", 3, "NF")]).unwrap()
}

fn master(state: &mut MotivationState, id: &'static str, at: i64) {
    state.record(&MotivationEvent::Mastery(MasteryEvent { skill: SkillId::new_static(id), level: 4, at: Timestamp(at) }), 0);
}

#[test]
fn catalog_is_complete_and_well_formed() {
    assert!(BADGES.len() >= 30);
    let mut ids = HashSet::new();
    for b in BADGES {
        assert!(ids.insert(b.id), "duplicate id {}", b.id);
        assert!(b.id.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-'), "{}", b.id);
        for texts in [b.name, b.description, b.criteria] {
            assert!(!texts[0].is_empty() && !texts[1].is_empty(), "{}", b.id);
        }
        assert!(b.glyph.chars().count() <= 3, "{}", b.id);
        let svg = b.svg(Lang::Es);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"") && svg.ends_with("</svg>"));
        assert!(svg.contains(b.family.colour()) && svg.contains("role=\"img\"") && !svg.contains("href"));
        assert!(svg.len() < 1_000);
    }
    for fam in BadgeFamily::ALL {
        assert!(BADGES.iter().filter(|b| b.family == fam).count() >= 4, "{fam:?}");
        assert_ne!(fam.name(Lang::En), fam.name(Lang::Es));
    }
}

#[test]
fn svg_text_is_escaped() {
    assert_eq!(xml_escape(r#"<a & "b">'"#), "&lt;a &amp; &quot;b&quot;&gt;&apos;");
    let streak_mender = BadgeDef::by_id("streak-mender").unwrap();
    assert!(streak_mender.svg(Lang::En).contains(">&lt;3</text>"));
}

#[test]
fn badges_are_awarded_once_with_celebration_and_date() {
    let g = graph();
    let mut s = MotivationState::default();
    let first = evaluate_badges(&mut s, &HistorySummary::default(), &g, Timestamp(5));
    assert!(first.awards.is_empty());
    master(&mut s, "count.to-20", 10);
    let got = evaluate_badges(&mut s, &HistorySummary::default(), &g, Timestamp(20));
    let ids: Vec<&str> = got.awards.iter().map(|a| a.id).collect();
    assert_eq!(ids, ["first-skill", "domain-cc"]);
    let a = &got.awards[0];
    assert_eq!((a.title.en.as_str(), a.title.es.as_str()), ("New badge: First Skill!", "¡Nueva insignia: Primera habilidad!"));
    assert_eq!(a.earned_at, Timestamp(20));
    assert_eq!(s.badges.get("first-skill"), Some(&Timestamp(20)));
    assert!(evaluate_badges(&mut s, &HistorySummary::default(), &g, Timestamp(30)).awards.is_empty(), "never twice");
}

#[test]
fn rules_missing_from_the_graph_are_skipped_with_warnings() {
    let g = graph();
    let mut s = MotivationState::default();
    let out = evaluate_badges(&mut s, &HistorySummary::default(), &g, Timestamp(1));
    let warned: Vec<&str> = out.warnings.iter().filter_map(|w| w.split(':').next()).collect();
    for id in ["badge domain-nbt", "badge domain-ee", "badge band-g68", "badge fraction-adder", "badge equation-solver"] {
        assert!(warned.contains(&id), "{id} in {warned:?}");
    }
    assert!(!warned.contains(&"badge times-tables") && !warned.contains(&"badge domain-oa"));
    let row = badge_catalog(&s, &HistorySummary::default(), &g).into_iter().find(|r| r.def.id == "domain-nbt").unwrap();
    assert_eq!(row.progress, None);
}

#[test]
fn progress_table() {
    let g = graph();
    let mut s = MotivationState::default();
    master(&mut s, "add.within-10", 1);
    s.skills.insert(SkillId::new_static("frac.unit"), SkillTally { best: 4, answered: 9, early_wrong: 4 });
    s.skills.insert(SkillId::new_static("count.to-20"), SkillTally { best: 1, answered: 2, early_wrong: 0 });
    s.counters.sessions = 7;
    s.counters.reflections = 3;
    s.streak.best = 5;
    let summary = HistorySummary { confidence_ratings: 20, calibrated_ratings: 16 };
    let table = [
        ("first-skill", 1, 1),
        ("five-skills", 2, 5),
        ("domain-oa", 1, 2),
        ("band-k2", 1, 2),
        ("band-g35", 1, 2),
        ("times-tables", 0, 1),
        ("mistakes-to-mastery", 1, 1),
        ("ten-sessions", 7, 10),
        ("streak-7", 5, 7),
        ("ten-reflections", 3, 10),
        ("three-domains", 3, 3),
        ("all-domains", 3, 3),
        ("know-what-i-know", 10, 10),
    ];
    for (id, current, target) in table {
        let def = BadgeDef::by_id(id).unwrap();
        assert_eq!(progress(def, &s, &summary, &g), Ok(BadgeProgress { current, target }), "{id}");
    }
    assert_eq!(BadgeProgress { current: 7, target: 10 }.label(Lang::En), "7 of 10");
    assert_eq!(BadgeProgress { current: 7, target: 10 }.label(Lang::Es), "7 de 10");
    // Poorly calibrated: many matched, but under 70 %: not yet.
    let poor = HistorySummary { confidence_ratings: 40, calibrated_ratings: 20 };
    assert_eq!(progress(BadgeDef::by_id("know-what-i-know").unwrap(), &s, &poor, &g), Ok(BadgeProgress { current: 9, target: 10 }));
}

#[test]
fn accuracy_up_week_over_week() {
    use crate::motivation::DayTally;
    let day = |d: i32, answered: u32, correct: u32| DayTally { day: crate::LocalDay(d), answered, correct, ..DayTally::default() };
    let table: [(&[DayTally], bool); 4] = [
        (&[day(1, 20, 10), day(8, 20, 12)], true),   // 50 % -> 60 %
        (&[day(1, 20, 10), day(8, 20, 10)], false),  // same
        (&[day(1, 5, 0), day(8, 20, 20)], false),    // too few last week
        (&[day(1, 20, 10), day(15, 20, 20)], false), // a week skipped: nothing to compare
    ];
    for (days, want) in table {
        let s = MotivationState { days: days.to_vec(), ..MotivationState::default() };
        assert_eq!(accuracy_up(&s), want, "{days:?}");
    }
}
