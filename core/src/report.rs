//! What grown-ups and teachers read: minutes practised per day, skills mastered over time
//! (from the mastery log kept as levels change), skills by state, progress by Common Core
//! domain, the per-skill CSV, a grown-up's assignment, and the teacher's class view built
//! from several students' export files (a class table, the skills most students struggle
//! with, and flexible groups by the next skill each student needs). Pure: days, offsets and
//! files are parameters.

use crate::attempt::Attempt;
use crate::content::Catalog;
use crate::engine::learner::LearnerModel;
use crate::engine::mastery::MasteryLevel;
use crate::engine::policy::frontier;
use crate::learner::GradeBand;
use crate::motivation::goal::item_ms;
use crate::{Lang, LearnerId, LocalDay, SkillId, Timestamp};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One local day of practice.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PracticeDay {
    pub day: LocalDay,
    /// Minutes to a tenth, from the answers' capped response times.
    pub minutes: f64,
    pub answers: u32,
}

/// Practice on each of the `days` local days ending `today` (oldest first). Each answer
/// counts on its own local day: `offset_at` gives the UTC offset in force at a moment (it
/// changes with daylight saving; today's offset would move a late Friday answer made
/// before the clocks went forward to Saturday).
pub fn daily_minutes(attempts: &[Attempt], today: LocalDay, offset_at: impl Fn(Timestamp) -> i32, days: u32) -> Vec<PracticeDay> {
    let first = today.0 - days as i32 + 1;
    let mut ms = vec![(0u64, 0u32); days as usize];
    for a in attempts {
        let d = a.at.local_day(offset_at(a.at)).0;
        if (first..=today.0).contains(&d) {
            let slot = &mut ms[(d - first) as usize];
            slot.0 += item_ms(a.response_ms);
            slot.1 += 1;
        }
    }
    ms.into_iter()
        .enumerate()
        .map(|(i, (m, n))| PracticeDay { day: LocalDay(first + i as i32), minutes: ((m + 3_000) / 6_000) as f64 / 10.0, answers: n })
        .collect()
}

/// One level change, as the "mastery_log" section keeps them (compactly, by day): stored
/// as `[day, "skill", level]`, because the section is saved with the learner's record after
/// every answer; the object form `{"d":..,"s":..,"l":..}` written before is still read.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct LevelLogEntry {
    #[serde(rename = "d")]
    pub day: LocalDay,
    #[serde(rename = "s")]
    pub skill: SkillId,
    /// 0 (not started) ..= 4 (mastered).
    #[serde(rename = "l")]
    pub level: u8,
}

impl Serialize for LevelLogEntry {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeTuple;
        let mut t = serializer.serialize_tuple(3)?;
        t.serialize_element(&self.day)?;
        t.serialize_element(&self.skill)?;
        t.serialize_element(&self.level)?;
        t.end()
    }
}

/// Most entries the log keeps. Entries are per skill and day (a day keeps its last level),
/// so this is months of changes; when full, the oldest entries that later ones for the same
/// skill supersede go first, so every skill keeps its latest level.
pub const LOG_CAPACITY: usize = 600;
/// How many entries go at once when the log is full. Between trims the log only grows at
/// its end, which a save writes as a short patch (`persistence::patch`); a trim changes
/// the list throughout, so it is written whole, once in this many changes.
pub const LOG_TRIM: usize = 50;

/// Records a skill's level on `day`, keeping the log bounded. Nothing is added when the
/// level is the one last logged for the skill; a second change on the same day replaces
/// that day's entry.
pub fn log_level(log: &mut Vec<LevelLogEntry>, day: LocalDay, skill: &SkillId, level: MasteryLevel) {
    let level = level.rank();
    let latest = |log: &[LevelLogEntry]| log.iter().rposition(|e| &e.skill == skill);
    if let Some(i) = latest(log) {
        if log.get(i).is_some_and(|e| e.level == level) {
            return;
        }
        if log.get(i).is_some_and(|e| e.day == day) {
            log.remove(i);
            if latest(log).and_then(|j| log.get(j)).is_some_and(|e| e.level == level) {
                return;
            }
        }
    }
    log.push(LevelLogEntry { day, skill: skill.clone(), level });
    if log.len() > LOG_CAPACITY {
        trim(log, log.len() - (LOG_CAPACITY - LOG_TRIM));
    }
}

/// The edits that turn the stored form of the log as last saved (`saved`) into that of
/// `now`, `saved` brought up to date on the way, for saving the "mastery_log" section by
/// its parts (`Vault::save_parts`): a level change adds an entry at the end (a slide of the
/// list), and a second change of a skill on the same day replaces that day's entry, which
/// moves the entries after it (items set by position). `None` when the log changed
/// throughout (a trim): save it whole.
pub fn log_catch_up(saved: &mut Vec<LevelLogEntry>, now: &[LevelLogEntry]) -> Result<Option<Vec<crate::persistence::patch::Edit>>, serde_json::Error> {
    use crate::persistence::patch::{Edit, list_parts};
    let mut edits = Vec::new();
    list_parts(&[], saved, now, &mut edits)?;
    Ok((!edits.iter().any(|e| matches!(e, Edit::Set(path, _) if path.is_empty()))).then_some(edits))
}

/// Drops `excess` entries: the oldest superseded ones (a later entry for the same skill
/// exists), then, if there are not enough, the oldest of the rest. One pass from the end.
fn trim(log: &mut Vec<LevelLogEntry>, excess: usize) {
    let mut seen = std::collections::BTreeSet::new();
    let mut superseded = vec![false; log.len()];
    for (i, e) in log.iter().enumerate().rev() {
        if !seen.insert(&e.skill) {
            superseded[i] = true;
        }
    }
    let mut drop = vec![false; log.len()];
    let (old, rest): (Vec<usize>, Vec<usize>) = (0..log.len()).partition(|&i| superseded[i]);
    for i in old.into_iter().chain(rest).take(excess) {
        drop[i] = true;
    }
    let mut drop = drop.into_iter();
    log.retain(|_| !drop.next().unwrap_or(false));
}

/// Skills at mastered at the end of each of the `points` weeks ending `today` (oldest first).
pub fn mastered_over_time(log: &[LevelLogEntry], today: LocalDay, points: u32) -> Vec<(LocalDay, u32)> {
    (0..points)
        .rev()
        .map(|k| {
            let end = LocalDay(today.0 - 7 * k as i32);
            let mut level: BTreeMap<&SkillId, u8> = BTreeMap::new();
            for e in log.iter().filter(|e| e.day <= end) {
                level.insert(&e.skill, e.level);
            }
            (end, level.values().filter(|l| **l >= 4).count() as u32)
        })
        .collect()
}

/// A learner's skills by state, for the grown-ups' view.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SkillsByState {
    pub mastered: Vec<SkillId>,
    pub in_progress: Vec<SkillId>,
    /// Practised with at least 4 recent answers and under 60% right.
    pub struggling: Vec<SkillId>,
}

pub fn skills_by_state(model: &LearnerModel) -> SkillsByState {
    let (_, needs) = crate::profile::strengths_and_needs(model, usize::MAX);
    let struggling: Vec<SkillId> = needs.into_iter().map(|e| e.skill).collect();
    let mut out = SkillsByState { struggling, ..Default::default() };
    for (id, s) in &model.skills {
        match s.level {
            MasteryLevel::Mastered => out.mastered.push(id.clone()),
            MasteryLevel::NotStarted => {}
            _ if !out.struggling.contains(id) => out.in_progress.push(id.clone()),
            _ => {}
        }
    }
    out
}

/// Progress in one Common Core domain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DomainProgress {
    pub domain: String,
    pub skills: u32,
    pub mastered: u32,
    pub in_progress: u32,
}

impl DomainProgress {
    pub fn share_mastered(&self) -> f64 {
        self.mastered as f64 / self.skills.max(1) as f64
    }
}

/// Common Core domain names, for headings and the class table.
pub fn domain_name(code: &str, lang: Lang) -> &'static str {
    let (en, es) = match code {
        "CC" => ("Counting and Cardinality", "Conteo y cardinalidad"),
        "OA" => ("Operations and Algebraic Thinking", "Operaciones y pensamiento algebraico"),
        "NBT" => ("Number and Operations in Base Ten", "Números y operaciones en base diez"),
        "NF" => ("Number and Operations: Fractions", "Números y operaciones: fracciones"),
        "MD" => ("Measurement and Data", "Medición y datos"),
        "G" => ("Geometry", "Geometría"),
        "RP" => ("Ratios and Proportional Relationships", "Razones y relaciones proporcionales"),
        "NS" => ("The Number System", "El sistema numérico"),
        "EE" => ("Expressions and Equations", "Expresiones y ecuaciones"),
        "F" => ("Functions", "Funciones"),
        "SP" => ("Statistics and Probability", "Estadística y probabilidad"),
        _ => ("Other", "Otro"),
    };
    lang.pick(en, es)
}

/// Progress by domain over the skills up to the top of `band`, in catalog order of domains.
pub fn domain_progress(model: &LearnerModel, catalog: &Catalog, band: GradeBand) -> Vec<DomainProgress> {
    let top = *band.grades().end();
    let mut out: Vec<DomainProgress> = Vec::new();
    for s in catalog.skills().iter().filter(|s| s.def.grade <= top) {
        let i = match out.iter().position(|d| d.domain == s.def.domain) {
            Some(i) => i,
            None => {
                out.push(DomainProgress { domain: s.def.domain.to_string(), skills: 0, mastered: 0, in_progress: 0 });
                out.len() - 1
            }
        };
        let d = &mut out[i];
        d.skills += 1;
        match model.level_of(&s.id) {
            MasteryLevel::Mastered => d.mastered += 1,
            MasteryLevel::NotStarted => {}
            _ => d.in_progress += 1,
        }
    }
    out
}

fn csv_field(s: &str) -> String {
    // Quote every field; double inner quotes; a leading = + - @ would start a formula in a
    // spreadsheet, so it is prefixed with an apostrophe.
    let safe = if s.starts_with(['=', '+', '-', '@']) { format!("'{s}") } else { s.to_string() };
    format!("\"{}\"", safe.replace('"', "\"\""))
}

/// Per-skill progress as CSV (RFC 4180, CRLF), one row per catalog skill.
pub fn skills_csv(model: &LearnerModel, catalog: &Catalog, lang: Lang) -> String {
    let head = match lang {
        Lang::En => ["skill id", "skill", "grade", "domain", "common core", "level", "answers", "correct", "last practised"],
        Lang::Es => ["id de habilidad", "habilidad", "grado", "dominio", "common core", "nivel", "respuestas", "correctas", "última práctica"],
    };
    let mut out = head.iter().map(|h| csv_field(h)).collect::<Vec<_>>().join(",");
    out.push_str("\r\n");
    for s in catalog.skills() {
        let st = model.skill(&s.id);
        let level = model.level_of(&s.id);
        let last = st.and_then(|x| x.last_at).map(|t| t.local_day(0).iso()).unwrap_or_default();
        let row = [
            s.id.to_string(),
            s.name(lang).to_string(),
            if s.def.grade == 0 { "K".to_string() } else { s.def.grade.to_string() },
            s.def.domain.to_string(),
            s.def.codes.join(" "),
            level.name(lang).to_string(),
            st.map_or(0, |x| x.answers).to_string(),
            st.map_or(0, |x| x.correct).to_string(),
            last,
        ];
        out.push_str(&row.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// A skill a grown-up asked the learner to work on; shown on the learner's home.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assignment {
    pub skill: SkillId,
    pub at: Timestamp,
}

// ---- the teacher's class view

/// One student in the class view, from their export file.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassStudent {
    pub id: LearnerId,
    pub name: String,
    pub band: GradeBand,
    pub model: LearnerModel,
}

/// The class table and what follows from it.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassView {
    /// Domains as columns (in catalog order).
    pub domains: Vec<String>,
    /// Per student, in name order: progress per domain (same order as `domains`).
    pub rows: Vec<(String, Vec<DomainProgress>)>,
    /// Skills with at least two students struggling, most students first.
    pub struggling: Vec<(SkillId, u32)>,
    /// Students grouped by the next skill each needs (the first of their frontier).
    pub groups: Vec<(SkillId, Vec<String>)>,
}

/// Builds the class view. Students are assumed distinct (the importer drops duplicates).
pub fn class_view(students: &[ClassStudent], catalog: &Catalog) -> ClassView {
    let mut sorted: Vec<&ClassStudent> = students.iter().collect();
    crate::sorting::sort_by(&mut sorted, |a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then(a.id.cmp(&b.id)));
    let graph = catalog.graph();
    let mut domains: Vec<String> = Vec::new();
    for s in catalog.skills() {
        if !domains.iter().any(|d| d == s.def.domain) {
            domains.push(s.def.domain.to_string());
        }
    }
    let rows = sorted
        .iter()
        .map(|st| {
            let by = domain_progress(&st.model, catalog, GradeBand::G68);
            let cols = domains
                .iter()
                .map(|d| by.iter().find(|p| &p.domain == d).cloned().unwrap_or(DomainProgress { domain: d.clone(), skills: 0, mastered: 0, in_progress: 0 }))
                .collect();
            (st.name.clone(), cols)
        })
        .collect();
    let mut struggle: BTreeMap<SkillId, u32> = BTreeMap::new();
    for st in &sorted {
        for s in skills_by_state(&st.model).struggling {
            *struggle.entry(s).or_default() += 1;
        }
    }
    let mut struggling: Vec<(SkillId, u32)> = struggle.into_iter().filter(|(_, n)| *n >= 2).collect();
    crate::sorting::sort_by(&mut struggling, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut groups: BTreeMap<usize, (SkillId, Vec<String>)> = BTreeMap::new();
    for st in &sorted {
        // The first skill ready to learn; failing that, the first ready to secure.
        let ready = frontier(&st.model, graph, st.band);
        let next = ready.iter().copied().find(|&i| graph.node(i).is_some_and(|n| st.model.level_of(&n.id) < MasteryLevel::Proficient)).or(ready.first().copied());
        if let Some(i) = next.and_then(|i| graph.node(i).map(|n| (i, n.id.clone()))) {
            groups.entry(i.0).or_insert_with(|| (i.1.clone(), Vec::new())).1.push(st.name.clone());
        }
    }
    ClassView { domains, rows, struggling, groups: groups.into_values().collect() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attempt::PracticeMode;

    const DAY: i64 = 86_400_000;

    fn attempt(day: i64, ms: u32) -> Attempt {
        Attempt { at: Timestamp(day * DAY + 3_600_000), skill: SkillId::new_static("add.within-10"), level: 2, correct: true, response_ms: ms, hints_used: 0, mode: PracticeMode::Mixed }
    }

    #[test]
    fn minutes_per_day_over_a_window() {
        let attempts = [attempt(10, 60_000), attempt(10, 30_000), attempt(12, 600_000), attempt(3, 60_000)];
        let days: Vec<(i32, f64, u32)> = daily_minutes(&attempts, LocalDay(12), |_| 0, 5).iter().map(|d| (d.day.0, d.minutes, d.answers)).collect();
        assert_eq!(days, vec![(8, 0.0, 0), (9, 0.0, 0), (10, 1.5, 2), (11, 0.0, 0), (12, 2.0, 1)], "capped at 2 minutes per item");
        // The local calendar decides the day: 01:00 UTC is the day before at UTC-2.
        let shifted: Vec<(i32, f64)> = daily_minutes(&[attempt(10, 60_000)], LocalDay(10), |_| -120, 2).iter().map(|d| (d.day.0, d.minutes)).collect();
        assert_eq!(shifted, vec![(9, 1.0), (10, 0.0)]);
        // Each answer on the day of its own offset: 07:30 UTC on day 11 is 23:30 on day 10
        // at UTC-8, and stays there after the clocks move to UTC-7 on day 11.
        let late = Attempt { at: Timestamp(11 * DAY + 7 * 3_600_000 + 1_800_000), ..attempt(11, 60_000) };
        let dst = |t: Timestamp| if t.0 < 11 * DAY + 10 * 3_600_000 { -480 } else { -420 };
        let days: Vec<(i32, f64)> = daily_minutes(std::slice::from_ref(&late), LocalDay(12), dst, 3).iter().map(|d| (d.day.0, d.minutes)).collect();
        assert_eq!(days, vec![(10, 1.0), (11, 0.0), (12, 0.0)]);
        let wrong: Vec<(i32, f64)> = daily_minutes(&[late], LocalDay(12), |_| -420, 3).iter().map(|d| (d.day.0, d.minutes)).collect();
        assert_eq!(wrong, vec![(10, 0.0), (11, 1.0), (12, 0.0)], "today's offset alone would move it");
    }

    #[test]
    fn mastery_log_counts_mastered_skills_by_week() {
        let mut log = Vec::new();
        let a = SkillId::new_static("a");
        let b = SkillId::new_static("b");
        log_level(&mut log, LocalDay(100), &a, MasteryLevel::Mastered);
        log_level(&mut log, LocalDay(108), &b, MasteryLevel::Mastered);
        log_level(&mut log, LocalDay(115), &a, MasteryLevel::Proficient);
        assert_eq!(mastered_over_time(&log, LocalDay(116), 3), vec![(LocalDay(102), 1), (LocalDay(109), 2), (LocalDay(116), 1)]);
        for k in 0..(LOG_CAPACITY + 5) {
            log_level(&mut log, LocalDay(200 + k as i32), &a, if k % 2 == 0 { MasteryLevel::Familiar } else { MasteryLevel::Mastered });
        }
        assert!(log.len() <= LOG_CAPACITY && log.len() >= LOG_CAPACITY - LOG_TRIM, "{}", log.len());
        // b was mastered long ago and never changed: it stays, so the chart still counts it.
        assert!(log.iter().any(|e| e.skill == b && e.level == 4));
        let today = LocalDay(200 + LOG_CAPACITY as i32 + 4);
        assert_eq!(mastered_over_time(&log, today, 1), vec![(today, 1)], "a ends Familiar, b Mastered");
    }

    #[test]
    fn a_full_log_is_trimmed_once_in_many_changes_and_otherwise_only_grows_at_its_end() {
        let skills: Vec<SkillId> = (0..30).map(|i| SkillId::parse(&format!("s{i}")).unwrap()).collect();
        let mut log = Vec::new();
        let mut trims = 0;
        for k in 0..(3 * LOG_CAPACITY) {
            let before = log.clone();
            let level = if (k / skills.len()).is_multiple_of(2) { MasteryLevel::Familiar } else { MasteryLevel::Proficient };
            log_level(&mut log, LocalDay(k as i32), &skills[k % skills.len()], level);
            assert!(log.len() <= LOG_CAPACITY);
            if log.starts_with(&before) {
                continue;
            }
            trims += 1;
            assert_eq!(log.len(), LOG_CAPACITY - LOG_TRIM, "a trim goes down by {LOG_TRIM} at once");
            // The oldest superseded entries went: every skill keeps its latest level.
            for s in &skills {
                assert_eq!(log.iter().rev().find(|e| &e.skill == s).map(|e| e.level), before.iter().chain([log.last().unwrap()]).rev().find(|e| &e.skill == s).map(|e| e.level));
            }
        }
        assert!(trims > 0 && trims <= 3 * LOG_CAPACITY / LOG_TRIM, "{trims} trims");
    }

    #[test]
    fn a_level_change_in_a_full_log_is_a_short_patch_but_once_in_a_trim() {
        use crate::persistence::patch::{Edit, diff};
        // A full log of many skills, as a learner of several years has.
        let skills: Vec<SkillId> = (0..60).map(|i| SkillId::parse(&format!("skill.s{i:02}")).unwrap()).collect();
        let mut log = Vec::new();
        let mut k = 0usize;
        while log.len() < LOG_CAPACITY {
            let level = if (k / skills.len()).is_multiple_of(2) { MasteryLevel::Familiar } else { MasteryLevel::Proficient };
            log_level(&mut log, LocalDay(k as i32), &skills[k % skills.len()], level);
            k += 1;
        }
        let mut long_edits = 0;
        for _ in 0..LOG_TRIM {
            let before = serde_json::to_value(&log).unwrap();
            let level = if (k / skills.len()).is_multiple_of(2) { MasteryLevel::Familiar } else { MasteryLevel::Proficient };
            log_level(&mut log, LocalDay(k as i32), &skills[k % skills.len()], level);
            k += 1;
            let edits = diff(Some(&before), &serde_json::to_value(&log).unwrap());
            let chars: usize = edits.iter().map(|e| format!("{e:?}").len()).sum();
            if matches!(edits.as_slice(), [Edit::Slide(_, 0, added)] if added.len() == 1) {
                assert!(chars < 200, "{chars}");
            } else {
                long_edits += 1;
            }
        }
        assert_eq!(long_edits, 1, "only the change that trims the log rewrites it");
    }

    #[test]
    fn the_log_is_saved_by_its_parts_but_whole_once_in_a_trim() {
        use crate::persistence::patch::apply;
        let skills: Vec<SkillId> = (0..40).map(|i| SkillId::parse(&format!("skill.s{i:02}")).unwrap()).collect();
        let levels = [MasteryLevel::Practising, MasteryLevel::Familiar, MasteryLevel::Proficient, MasteryLevel::Mastered];
        let (mut log, mut saved) = (Vec::new(), Vec::new());
        let mut stored = serde_json::to_value(&saved).unwrap();
        let (mut by_parts, mut whole) = (0, 0);
        for k in 0..(2 * LOG_CAPACITY) {
            // Several changes a day, some to a skill already changed that day.
            log_level(&mut log, LocalDay((k / 7) as i32), &skills[(k * 7 + k / 3) % skills.len()], levels[k % 3 + (k / 11) % 2]);
            match log_catch_up(&mut saved, &log).unwrap() {
                Some(edits) => {
                    by_parts += usize::from(!edits.is_empty());
                    apply(&mut stored, &edits).unwrap();
                }
                None => {
                    whole += 1;
                    stored = serde_json::to_value(&log).unwrap();
                }
            }
            assert_eq!(saved, log, "{k}: caught up");
            assert_eq!(stored, serde_json::to_value(&log).unwrap(), "{k}: the stored form");
        }
        assert!(by_parts > 1000, "{by_parts} saves by parts");
        assert!((1..=2 * LOG_CAPACITY / LOG_TRIM).contains(&whole), "{whole} saved whole");
        assert_eq!(log_catch_up(&mut saved, &log.clone()).unwrap(), Some(vec![]), "unchanged: nothing to say");
    }

    #[test]
    fn trimming_drops_the_oldest_superseded_entries_then_the_oldest() {
        let (a, b, c) = (SkillId::new_static("a"), SkillId::new_static("b"), SkillId::new_static("c"));
        let e = |day: i32, s: &SkillId| LevelLogEntry { day: LocalDay(day), skill: s.clone(), level: 1 };
        let mut log = vec![e(1, &a), e(2, &b), e(3, &a), e(4, &c), e(5, &b)];
        trim(&mut log, 1);
        assert_eq!(log, vec![e(2, &b), e(3, &a), e(4, &c), e(5, &b)], "a's first entry is superseded and oldest");
        trim(&mut log, 2);
        assert_eq!(log, vec![e(4, &c), e(5, &b)], "b's first entry, then the oldest left (a's only one)");
    }

    #[test]
    fn the_log_keeps_one_entry_per_skill_and_day_and_only_changes() {
        let mut log = Vec::new();
        let a = SkillId::new_static("a");
        log_level(&mut log, LocalDay(10), &a, MasteryLevel::Familiar);
        log_level(&mut log, LocalDay(10), &a, MasteryLevel::Familiar);
        assert_eq!(log.len(), 1, "no change, nothing added");
        log_level(&mut log, LocalDay(11), &a, MasteryLevel::Proficient);
        log_level(&mut log, LocalDay(11), &a, MasteryLevel::Mastered);
        assert_eq!(log.iter().map(|e| (e.day.0, e.level)).collect::<Vec<_>>(), vec![(10, 2), (11, 4)], "the day's last level");
        log_level(&mut log, LocalDay(11), &a, MasteryLevel::Familiar);
        assert_eq!(log.iter().map(|e| (e.day.0, e.level)).collect::<Vec<_>>(), vec![(10, 2)], "back where the day started");
    }

    #[test]
    fn log_entries_are_stored_short_and_the_old_form_still_loads() {
        let e = LevelLogEntry { day: LocalDay(20780), skill: SkillId::new_static("count.to-20"), level: 1 };
        let text = serde_json::to_string(&e).unwrap();
        assert_eq!(text, r#"[20780,"count.to-20",1]"#);
        assert_eq!(serde_json::from_str::<LevelLogEntry>(&text).unwrap(), e);
        assert_eq!(serde_json::from_str::<LevelLogEntry>(r#"{"d":20780,"l":1,"s":"count.to-20"}"#).unwrap(), e);
    }

    #[test]
    fn csv_quotes_and_neutralises_formulas() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=1+1"), "\"'=1+1\"");
        let cat = Catalog::builtin().expect("catalog");
        let csv = skills_csv(&LearnerModel::default(), &cat, Lang::En);
        let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), cat.skills().len() + 1);
        assert!(lines[0].starts_with("\"skill id\",\"skill\""));
        assert!(lines[1].contains("\"Not started\",\"0\",\"0\",\"\""));
    }

    #[test]
    fn domain_progress_covers_the_band() {
        let cat = Catalog::builtin().expect("catalog");
        let mut model = LearnerModel::default();
        let first = cat.skills()[0].id.clone();
        model.place_known(&first, 3.0);
        let k2 = domain_progress(&model, &cat, GradeBand::K2);
        let all = domain_progress(&model, &cat, GradeBand::G68);
        assert_eq!(all.iter().map(|d| d.skills).sum::<u32>() as usize, cat.skills().len());
        assert!(k2.iter().map(|d| d.skills).sum::<u32>() < all.iter().map(|d| d.skills).sum::<u32>());
        assert_eq!(k2.iter().map(|d| d.in_progress).sum::<u32>(), 1);
    }

    #[test]
    fn class_view_groups_students_by_their_next_skill() {
        let cat = Catalog::builtin().expect("catalog");
        let graph = cat.graph();
        let root = graph.node(0).expect("root").id.clone();
        let mut ahead = LearnerModel::default();
        ahead.place_known(&root, 3.0);
        let student = |id: &str, name: &str, model: LearnerModel| ClassStudent { id: LearnerId::parse(id).expect("id"), name: name.into(), band: GradeBand::K2, model };
        let students = vec![student("aaaa", "Zoe", LearnerModel::default()), student("bbbb", "amir", ahead.clone()), student("cccc", "Bo", LearnerModel::default())];
        let v = class_view(&students, &cat);
        assert_eq!(v.rows.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(), ["amir", "Bo", "Zoe"]);
        assert_eq!(v.rows[0].1.len(), v.domains.len());
        let together: Vec<&Vec<String>> = v.groups.iter().map(|g| &g.1).collect();
        assert!(together.iter().any(|g| g.as_slice() == ["Bo", "Zoe"]), "{:?}", v.groups);
        assert!(!together.iter().any(|g| g.contains(&"amir".to_string()) && g.contains(&"Bo".to_string())), "{:?}", v.groups);
    }
}
