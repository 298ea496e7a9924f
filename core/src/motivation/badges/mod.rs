//! Badges: a data table (`table`), their rules evaluated against the motivation state, the
//! skill graph and a caller-given history summary, progress toward each ("7 of 10"), and a
//! small inline SVG per badge from its family's template. Must not import the engine; a
//! rule naming a skill or domain missing from the graph is skipped with a warning.

mod table;
pub use table::BADGES;

use super::{level_progress, Bilingual, MotivationState};
use crate::graph::SkillGraph;
use crate::learner::GradeBand;
use crate::{Lang, SkillId, Timestamp};
use std::collections::BTreeSet;

/// Early wrong answers that make a later mastery a "growth" mastery.
pub const EARLY_MISTAKES: u32 = 3;
/// Answers needed in each of two weeks to compare accuracy.
pub const WEEK_MIN_ANSWERS: u32 = 10;
/// Share of confidence ratings that must match the outcome for the calibration badge.
pub const CALIBRATION_SHARE: f64 = 0.7;

/// Badge families, each with its own colour and shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BadgeFamily {
    Mastery,
    Growth,
    Persistence,
    Exploration,
    Reflection,
}

impl BadgeFamily {
    pub const ALL: [BadgeFamily; 5] = [BadgeFamily::Mastery, BadgeFamily::Growth, BadgeFamily::Persistence, BadgeFamily::Exploration, BadgeFamily::Reflection];

    pub fn key(self) -> &'static str {
        match self {
            BadgeFamily::Mastery => "mastery",
            BadgeFamily::Growth => "growth",
            BadgeFamily::Persistence => "persistence",
            BadgeFamily::Exploration => "exploration",
            BadgeFamily::Reflection => "reflection",
        }
    }

    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            BadgeFamily::Mastery => lang.pick("Mastery", "Dominio"),
            BadgeFamily::Growth => lang.pick("Growth", "Crecimiento"),
            BadgeFamily::Persistence => lang.pick("Persistence", "Constancia"),
            BadgeFamily::Exploration => lang.pick("Exploration", "Exploración"),
            BadgeFamily::Reflection => lang.pick("Reflection", "Reflexión"),
        }
    }

    /// Fill colour; white text on it has a contrast of at least 4.5:1.
    pub fn colour(self) -> &'static str {
        match self {
            BadgeFamily::Mastery => "#8a5a00",
            BadgeFamily::Growth => "#276749",
            BadgeFamily::Persistence => "#9c4221",
            BadgeFamily::Exploration => "#2b6cb0",
            BadgeFamily::Reflection => "#6b46c1",
        }
    }

    /// The family's shape, drawn in a 64 × 64 box.
    fn shape(self) -> &'static str {
        match self {
            BadgeFamily::Mastery => r#"<circle cx="32" cy="32" r="29"/>"#,
            BadgeFamily::Growth => r#"<polygon points="32,3 57,17.5 57,46.5 32,61 7,46.5 7,17.5"/>"#,
            BadgeFamily::Persistence => r#"<path d="M32 3 L58 12 V32 C58 47 46 57 32 61 C18 57 6 47 6 32 V12 Z"/>"#,
            BadgeFamily::Exploration => r#"<polygon points="32,2 62,32 32,62 2,32"/>"#,
            BadgeFamily::Reflection => r#"<rect x="4" y="4" width="56" height="56" rx="14"/>"#,
        }
    }
}

/// What a badge asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    SkillsMastered(u32),
    /// Every skill of this Common Core domain in the graph mastered.
    DomainMastered(&'static str),
    BandMastered(GradeBand),
    /// This skill (by id) mastered.
    SkillMastered(&'static str),
    /// Skills mastered after at least `EARLY_MISTAKES` early wrong answers.
    MasteredAfterMistakes(u32),
    /// Accuracy this week at least 5 points above last week's.
    AccuracyUp,
    CorrectAfterHint(u32),
    XpLevel(u32),
    Sessions(u32),
    BestStreak(u32),
    Comebacks(u32),
    Repairs(u32),
    ReviewsOnTime(u32),
    GoalDays(u32),
    /// Domains tried; 0 means every domain in the graph.
    DomainsTried(u32),
    ReadAloud(u32),
    GoalsSet(u32),
    Items(u32),
    Reflections(u32),
    LongReflections(u32),
    Calibrated(u32),
}

/// One badge of the catalog. Texts are `[English, Spanish]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BadgeDef {
    /// Stable id, stored in save files and exported credentials.
    pub id: &'static str,
    pub family: BadgeFamily,
    /// Up to 3 characters drawn on the badge.
    pub glyph: &'static str,
    pub rule: Rule,
    pub name: [&'static str; 2],
    pub description: [&'static str; 2],
    /// How to earn it, in a child's words.
    pub criteria: [&'static str; 2],
    /// Common Core (code, name) the badge aligns to, when it applies.
    pub alignment: Option<(&'static str, &'static str)>,
}

fn pick(texts: [&'static str; 2], lang: Lang) -> &'static str {
    lang.pick(texts[0], texts[1])
}

impl BadgeDef {
    pub fn by_id(id: &str) -> Option<&'static BadgeDef> {
        BADGES.iter().find(|b| b.id == id)
    }
    pub fn name(&self, lang: Lang) -> &'static str {
        pick(self.name, lang)
    }
    pub fn description(&self, lang: Lang) -> &'static str {
        pick(self.description, lang)
    }
    pub fn criteria(&self, lang: Lang) -> &'static str {
        pick(self.criteria, lang)
    }

    /// A small self-contained SVG (no external files), labelled with the badge's name.
    pub fn svg(&self, lang: Lang) -> String {
        let size = match self.glyph.chars().count() {
            0..=1 => 30,
            2 => 24,
            _ => 18,
        };
        format!(
            r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64" role="img" aria-label="{name}"><title>{name}</title><g fill="{colour}" stroke="#ffffff" stroke-width="2">{shape}</g><text x="32" y="{y}" text-anchor="middle" font-family="sans-serif" font-weight="bold" font-size="{size}" fill="#ffffff">{glyph}</text></svg>"##,
            name = xml_escape(self.name(lang)),
            colour = self.family.colour(),
            shape = self.family.shape(),
            y = 32 + size * 7 / 20,
            glyph = xml_escape(self.glyph),
        )
    }
}

/// Escapes text for XML content and attributes.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// Facts the motivation state does not hold, given by the caller.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HistorySummary {
    /// Answers where the learner said how sure they were.
    pub confidence_ratings: u32,
    /// Of those, ratings that matched the outcome (sure and right, or unsure and wrong).
    pub calibrated_ratings: u32,
}

/// "7 of 10".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadgeProgress {
    pub current: u32,
    pub target: u32,
}

impl BadgeProgress {
    pub fn complete(&self) -> bool {
        self.target > 0 && self.current >= self.target
    }
    pub fn label(&self, lang: Lang) -> String {
        format!("{} {} {}", self.current, lang.pick("of", "de"), self.target)
    }
}

/// A badge just earned, with what the UI needs to celebrate and announce it.
#[derive(Debug, Clone, PartialEq)]
pub struct BadgeAward {
    pub id: &'static str,
    /// The catalog row: criteria, `svg(lang)`, alignment (for the credential export).
    pub def: &'static BadgeDef,
    pub family: BadgeFamily,
    pub name: Bilingual,
    pub earned_at: Timestamp,
    pub title: Bilingual,
    pub message: Bilingual,
}

/// Newly earned badges, and rules skipped because the graph lacks what they name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BadgeEvaluation {
    pub awards: Vec<BadgeAward>,
    pub warnings: Vec<String>,
}

/// A catalog row: earned or not, with progress.
#[derive(Debug, Clone, PartialEq)]
pub struct BadgeStatus {
    pub def: &'static BadgeDef,
    /// `None` when the rule could not be evaluated against this graph.
    pub progress: Option<BadgeProgress>,
    pub earned_at: Option<Timestamp>,
}

/// Progress toward one badge, or a warning when the rule names what the graph lacks.
pub fn progress(def: &BadgeDef, state: &MotivationState, summary: &HistorySummary, graph: &SkillGraph) -> Result<BadgeProgress, String> {
    let c = &state.counters;
    let mastered = |id: &SkillId| state.skills.get(id).is_some_and(|t| t.best >= 4);
    let of = |current: u32, target: u32| Ok(BadgeProgress { current: current.min(target), target });
    let all_of = |skills: Vec<&SkillId>, what: String| {
        if skills.is_empty() {
            return Err(format!("badge {}: {what} has no skills in the graph; skipped", def.id));
        }
        of(skills.iter().filter(|s| mastered(s)).count() as u32, skills.len() as u32)
    };
    match def.rule {
        Rule::SkillsMastered(n) => of(state.skills.values().filter(|t| t.best >= 4).count() as u32, n),
        Rule::DomainMastered(d) => all_of(graph.nodes().iter().filter(|s| s.domain == d).map(|s| &s.id).collect(), format!("domain {d}")),
        Rule::BandMastered(b) => all_of(graph.in_band(b).into_iter().filter_map(|i| graph.node(i)).map(|s| &s.id).collect(), format!("grade band {}", b.key())),
        Rule::SkillMastered(id) => match SkillId::parse(id).filter(|s| graph.index_of(s).is_some()) {
            Some(s) => of(mastered(&s) as u32, 1),
            None => Err(format!("badge {}: skill {id} is not in the graph; skipped", def.id)),
        },
        Rule::MasteredAfterMistakes(n) => of(state.skills.values().filter(|t| t.best >= 4 && t.early_wrong >= EARLY_MISTAKES).count() as u32, n),
        Rule::AccuracyUp => of(accuracy_up(state) as u32, 1),
        Rule::CorrectAfterHint(n) => of(c.correct_after_hint, n),
        Rule::XpLevel(n) => of(level_progress(state.xp).level, n),
        Rule::Sessions(n) => of(c.sessions, n),
        Rule::BestStreak(n) => of(state.streak.best, n),
        Rule::Comebacks(n) => of(c.comebacks, n),
        Rule::Repairs(n) => of(c.repairs, n),
        Rule::ReviewsOnTime(n) => of(c.reviews_on_time, n),
        Rule::GoalDays(n) => of(c.goal_days, n),
        Rule::DomainsTried(n) => {
            let all: BTreeSet<&str> = graph.nodes().iter().map(|s| s.domain.as_str()).collect();
            let tried: BTreeSet<&str> = state
                .skills
                .iter()
                .filter(|(_, t)| t.answered > 0 || t.best > 0)
                .filter_map(|(id, _)| graph.index_of(id).and_then(|i| graph.node(i)))
                .map(|s| s.domain.as_str())
                .collect();
            let target = if n == 0 { all.len() as u32 } else { n };
            if target == 0 {
                return Err(format!("badge {}: the graph has no domains; skipped", def.id));
            }
            of(tried.len() as u32, target)
        }
        Rule::ReadAloud(n) => of(c.read_aloud, n),
        Rule::GoalsSet(n) => of(c.goals_set, n),
        Rule::Items(n) => of(c.items, n),
        Rule::Reflections(n) => of(c.reflections, n),
        Rule::LongReflections(n) => of(c.long_reflections, n),
        Rule::Calibrated(n) => {
            let share_ok = summary.confidence_ratings > 0
                && summary.calibrated_ratings.min(summary.confidence_ratings) as f64 >= CALIBRATION_SHARE * summary.confidence_ratings as f64;
            // Progress counts matched ratings; the badge also needs most ratings to match.
            let current = if share_ok { summary.calibrated_ratings } else { summary.calibrated_ratings.min(n.saturating_sub(1)) };
            of(current, n)
        }
    }
}

/// This week's accuracy (the newest recorded day and the 6 before) at least 5 points above
/// the 7 days before, with `WEEK_MIN_ANSWERS` answers in each.
pub fn accuracy_up(state: &MotivationState) -> bool {
    let Some(newest) = state.days.last().map(|d| d.day.0) else { return false };
    let week = |from: i32| {
        let (n, ok) = state.days.iter().filter(|d| d.day.0 > from - 7 && d.day.0 <= from).fold((0u32, 0u32), |(n, ok), d| (n + d.answered, ok + d.correct));
        (n >= WEEK_MIN_ANSWERS).then(|| ok as f64 / n as f64)
    };
    matches!((week(newest), week(newest - 7)), (Some(now), Some(before)) if now >= before + 0.05)
}

/// Evaluates every badge not yet earned, records the new ones in `state` and returns them.
pub fn evaluate_badges(state: &mut MotivationState, summary: &HistorySummary, graph: &SkillGraph, now: Timestamp) -> BadgeEvaluation {
    let mut out = BadgeEvaluation::default();
    for def in BADGES {
        if state.badges.contains_key(def.id) {
            continue;
        }
        match progress(def, state, summary, graph) {
            Ok(p) if p.complete() => out.awards.push(award(def, now)),
            Ok(_) => {}
            Err(w) => out.warnings.push(w),
        }
    }
    for a in &out.awards {
        state.badges.insert(a.id.to_string(), now);
    }
    out
}

fn award(def: &'static BadgeDef, now: Timestamp) -> BadgeAward {
    BadgeAward {
        id: def.id,
        def,
        family: def.family,
        name: Bilingual::new(def.name[0], def.name[1]),
        earned_at: now,
        title: Bilingual::new(format!("New badge: {}!", def.name[0]), format!("¡Nueva insignia: {}!", def.name[1])),
        message: Bilingual::new(def.description[0], def.description[1]),
    }
}

/// Every badge with its progress and earned date, in catalog order, for the badges page.
pub fn badge_catalog(state: &MotivationState, summary: &HistorySummary, graph: &SkillGraph) -> Vec<BadgeStatus> {
    BADGES
        .iter()
        .map(|def| BadgeStatus { def, progress: progress(def, state, summary, graph).ok(), earned_at: state.badges.get(def.id).copied() })
        .collect()
}

#[cfg(test)]
mod tests;
