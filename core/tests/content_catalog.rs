//! The skill catalog and its generators, checked on thousands of seeds.

use waypoint_core::content::skills::{SKILLS, SkillDef};
use waypoint_core::content::standards::{Standards, from_case};
use waypoint_core::content::{Answer, Catalog, Check, Interest, Item, Math, Misconception};
use waypoint_core::graph::GraphError;
use waypoint_core::{Lang, SkillId};

fn catalog() -> Catalog {
    Catalog::builtin().expect("the built-in catalog is valid")
}

fn correct_input(item: &Item) -> String {
    match &item.answer {
        Answer::Choice { correct, .. } => correct.to_string(),
        Answer::Number { value, .. } if value.d == 1 => value.n.to_string(),
        Answer::Number { value, .. } => format!("{}/{}", value.n, value.d),
    }
}

#[test]
fn at_least_sixty_k8_skills_with_standards() {
    let c = catalog();
    assert!(c.skills().len() >= 60, "{} skills", c.skills().len());
    for s in c.skills() {
        assert!(!s.standards.is_empty(), "{} cites no standard", s.id);
        for st in &s.standards {
            assert!(st.statement.len() > 10, "{} has no statement", st.code);
        }
        assert_ne!(s.def.en, s.def.es, "{} needs a Spanish name", s.id);
    }
    let domains: std::collections::BTreeSet<&str> = c.skills().iter().map(|s| s.def.domain).collect();
    for d in ["CC", "OA", "NBT", "NF", "RP", "NS", "EE"] {
        assert!(domains.contains(d), "no skill in domain {d}");
    }
}

#[test]
fn the_extract_matches_the_case_package() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/data/ccss-math.case.json");
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("note: {path} not found; extract comparison skipped");
        return;
    };
    let all = from_case(&text).unwrap();
    let ours = Standards::builtin().unwrap();
    let mut cited: Vec<&str> = SKILLS.iter().flat_map(|s| s.codes.iter().copied()).collect();
    cited.sort();
    cited.dedup();
    assert_eq!(ours.len(), cited.len());
    for code in cited {
        let case = all.iter().find(|s| s.code == code).unwrap_or_else(|| panic!("{code} not in CASE"));
        assert_eq!(ours.get(code), Some(case), "{code} differs from the CASE package");
    }
}

#[test]
fn bad_tables_are_refused_naming_the_skill() {
    let standards = Standards::builtin().unwrap();
    let mut table: Vec<SkillDef> = SKILLS.to_vec();
    table[3].prereqs = &["no.such-skill"];
    let e = Catalog::from_table(&table, &standards).unwrap_err();
    assert!(matches!(&e, GraphError::UnknownPrerequisite { skill, .. } if skill.as_str() == SKILLS[3].id), "{e:?}");

    let mut table: Vec<SkillDef> = SKILLS.to_vec();
    table[0].prereqs = &["add.within-5"];
    assert!(matches!(Catalog::from_table(&table, &standards).unwrap_err(), GraphError::Cycle(_)));

    let mut table: Vec<SkillDef> = SKILLS.to_vec();
    table[2].codes = &["9.ZZ.Z.9"];
    assert_eq!(
        Catalog::from_table(&table, &standards).unwrap_err(),
        GraphError::UnknownStandard { skill: SkillId::parse(SKILLS[2].id).unwrap(), code: "9.ZZ.Z.9".into() }
    );
}

#[test]
fn every_skill_and_level_generates_checkable_items_on_many_seeds() {
    let c = catalog();
    let mut count = 0;
    for s in c.skills() {
        for level in 1..=5u8 {
            let mut prompts = std::collections::BTreeSet::new();
            for seed in 0..200u64 {
                for lang in [Lang::En, Lang::Es] {
                    let item = c.generate(&s.id, level, seed, lang, &[]).unwrap();
                    assert!(!item.hints.is_empty() && item.hints.len() <= 3, "{}: hints", item.family);
                    assert!(!item.solution.is_empty(), "{}: solution", item.family);
                    assert_eq!(item.check(&correct_input(&item), lang), Check::Correct, "{} L{level} seed {seed}: {:?} / {:?}", s.id, item.prompt.plain(), item.answer);
                    match &item.answer {
                        Answer::Choice { options, correct } => {
                            assert!(options.len() >= 2);
                            for (i, o) in options.iter().enumerate() {
                                if i != *correct {
                                    assert!(o.misconception.is_some(), "{}: a distractor without a misconception", item.family);
                                    assert!(matches!(item.check(&i.to_string(), lang), Check::Incorrect { misconception: Some(_) }));
                                }
                            }
                        }
                        Answer::Number { value, wrong, .. } => {
                            assert!(value.d > 0);
                            for (w, m) in wrong {
                                let input = if w.d == 1 { w.n.to_string() } else { format!("{}/{}", w.n, w.d) };
                                assert_eq!(item.check(&input, lang), Check::Incorrect { misconception: Some(*m) }, "{}", item.family);
                            }
                        }
                    }
                    assert_eq!(item.check("abc", lang), Check::Unreadable);
                    assert_eq!(item.check("  ", lang), Check::Empty);
                    count += 1;
                }
                prompts.insert(c.generate(&s.id, level, seed, Lang::En, &[]).unwrap().prompt.plain());
            }
            assert!(prompts.len() >= 3, "{} L{level}: only {} distinct items", s.id, prompts.len());
        }
    }
    assert!(count > 60_000, "{count} items checked");
}

#[test]
fn items_are_reproducible_from_their_seed() {
    let c = catalog();
    for s in c.skills() {
        let a = c.generate(&s.id, 3, 42, Lang::En, &[Interest::Space]).unwrap();
        let b = c.generate(&s.id, 3, 42, Lang::En, &[Interest::Space]).unwrap();
        assert_eq!(a, b, "{}", s.id);
    }
}

#[test]
fn word_problems_follow_interests_in_both_languages() {
    let c = catalog();
    let skill = SkillId::parse("add.word-problems").unwrap();
    let words = [(Interest::Animals, "puppies", "cachorros"), (Interest::Space, "rockets", "cohetes"), (Interest::Cooking, "cookies", "galletas")];
    for (interest, en, es) in words {
        let found_en = (0..60).any(|seed| c.generate(&skill, 2, seed, Lang::En, &[interest]).unwrap().prompt.plain().contains(en));
        let found_es = (0..60).any(|seed| c.generate(&skill, 2, seed, Lang::Es, &[interest]).unwrap().prompt.plain().contains(es));
        assert!(found_en && found_es, "{interest:?}");
    }
    for i in Interest::ALL {
        let item = c.generate(&skill, 2, 1, Lang::Es, &[i]).unwrap();
        assert!(item.prompt.plain().contains('¿'), "Spanish word problem: {}", item.prompt.plain());
    }
}

#[test]
fn impossible_requests_are_errors() {
    let c = catalog();
    let s = SkillId::parse("add.within-10").unwrap();
    assert!(c.generate(&s, 0, 1, Lang::En, &[]).is_err());
    assert!(c.generate(&s, 6, 1, Lang::En, &[]).is_err());
    assert!(c.generate(&SkillId::parse("nope").unwrap(), 1, 1, Lang::En, &[]).is_err());
}

/// The value an option or a wrong answer stands for, when it is one whole number.
fn whole(math: &[Math]) -> Option<i64> {
    match math {
        [Math::Num(n)] => Some(*n),
        _ => None,
    }
}

#[test]
fn feedback_names_a_slip_only_for_the_slip_it_is() {
    let c = catalog();
    let mut seen = 0;
    for s in c.skills() {
        for level in 1..=5u8 {
            for seed in 0..200u64 {
                let item = c.generate(&s.id, level, seed, Lang::En, &[]).unwrap();
                // (the right answer, each wrong one with what it reveals), whole numbers only.
                let (right, wrongs): (Option<i64>, Vec<(Option<i64>, Misconception)>) = match &item.answer {
                    Answer::Number { value, wrong, .. } => ((value.d == 1).then_some(value.n), wrong.iter().map(|(w, m)| ((w.d == 1).then_some(w.n), *m)).collect()),
                    Answer::Choice { options, correct } => (
                        options.get(*correct).and_then(|o| whole(&o.math)),
                        options.iter().filter_map(|o| o.misconception.map(|m| (whole(&o.math), m))).collect(),
                    ),
                };
                for (w, m) in wrongs {
                    if m == Misconception::OffByOne {
                        let (Some(r), Some(w)) = (right, w) else { panic!("{}: off by one, but not a whole number: {}", item.family, item.prompt.plain()) };
                        assert_eq!((r - w).abs(), 1, "{} L{level} seed {seed}: \"one away\" for {w} against {r}: {}", s.id, item.prompt.plain());
                        seen += 1;
                    }
                }
                let text = item.prompt.plain();
                // A place-value question names a digit that appears once.
                if let Some(rest) = text.strip_prefix("What is the value of the digit ") {
                    let mut words = rest.split_whitespace();
                    let (digit, number) = (words.next().unwrap_or(""), words.nth(1).unwrap_or(""));
                    assert_eq!(number.matches(digit).count(), 1, "{text}");
                }
            }
        }
    }
    assert!(seen > 1_000, "{seen} off-by-one distractors checked");
}

#[test]
fn fractions_to_add_like_pieces_are_shown_as_drawn_with_one_denominator() {
    let c = catalog();
    for id in ["frac.add-like", "frac.sub-like"] {
        let Some(skill) = c.skills().iter().find(|s| s.id.as_str() == id) else { continue };
        for level in 1..=5u8 {
            for seed in 0..300u64 {
                let item = c.generate(&skill.id, level, seed, Lang::En, &[]).unwrap();
                let fracs: Vec<(i64, i64)> = item.prompt.segments.iter().flat_map(|s| match s {
                    waypoint_core::content::Segment::Math(m) => m.iter().filter_map(|x| match x { Math::Frac(n, d) => Some((*n, *d)), _ => None }).collect::<Vec<_>>(),
                    _ => Vec::new(),
                }).collect();
                assert_eq!(fracs.len(), 2, "{}", item.prompt.plain());
                assert_eq!(fracs[0].1, fracs[1].1, "like denominators: {}", item.prompt.plain());
                assert!(fracs.iter().all(|&(n, d)| 0 < n && n < d), "proper fractions: {}", item.prompt.plain());
            }
        }
    }
}

#[test]
fn a_negative_answer_is_shown_with_a_minus_sign_not_a_hyphen() {
    let c = catalog();
    let skill = c.skills().iter().find(|s| s.id.as_str() == "int.add-sub").expect("integers");
    let negative = (0..200u64)
        .map(|seed| c.generate(&skill.id, 3, seed, Lang::Es, &[]).unwrap())
        .find(|item| matches!(item.answer, Answer::Number { value, .. } if value.n < 0))
        .expect("a negative answer in 200 seeds");
    let Answer::Number { value, .. } = negative.answer else { unreachable!() };
    assert_eq!(negative.correct_answer_text(Lang::Es), format!("\u{2212}{}", -value.n));
    // What a child types is still read: the hyphen they type is a minus.
    assert_eq!(negative.check(&value.n.to_string(), Lang::Es), Check::Correct);
}

#[test]
fn k2_items_never_ask_for_negative_counts() {
    let c = catalog();
    for s in c.skills().iter().filter(|s| s.def.grade <= 2) {
        for seed in 0..300 {
            let item = c.generate(&s.id, 5, seed, Lang::En, &[]).unwrap();
            if let Answer::Number { value, .. } = item.answer {
                assert!(value.n >= 0, "{}: {}", s.id, item.prompt.plain());
            }
        }
    }
}
