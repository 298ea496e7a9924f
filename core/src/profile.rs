//! The learner profile: interests (they theme word problems), why the learner is learning,
//! display and reading preferences, strengths and needs derived from evidence (always about
//! skills, never a label about the child), goals with a forecast from the personal path, and
//! the grown-ups' PIN kept as a salted hash. Pure: no clock, seeds and `now` are parameters.

use crate::content::Interest;
use crate::engine::learner::{LearnerModel, SkillState};
use crate::engine::mastery::MasteryLevel;
use crate::engine::policy::personal_path;
use crate::error::UserMessage;
use crate::graph::SkillGraph;
use crate::{Lang, LocalDay, SkillId};
use serde::{Deserialize, Serialize};

/// Why the learner is learning, in their own choice of words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Motivation {
    GetBetter,
    School,
    Puzzles,
    Challenge,
    Family,
    Future,
}

impl Motivation {
    pub const ALL: [Motivation; 6] = [Motivation::GetBetter, Motivation::School, Motivation::Puzzles, Motivation::Challenge, Motivation::Family, Motivation::Future];

    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Motivation::GetBetter => lang.pick("I want to get better at maths", "Quiero mejorar en matemáticas"),
            Motivation::School => lang.pick("It helps me at school", "Me ayuda en la escuela"),
            Motivation::Puzzles => lang.pick("I like solving puzzles", "Me gusta resolver acertijos"),
            Motivation::Challenge => lang.pick("I like a challenge", "Me gustan los retos"),
            Motivation::Family => lang.pick("To help my family", "Para ayudar a mi familia"),
            Motivation::Future => lang.pick("For the job I want one day", "Para el trabajo que quiero algún día"),
        }
    }
}

/// How the app looks for this learner; applied everywhere at once. (Reading every question
/// aloud is the practice preference `auto_read`.)
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    pub larger_text: bool,
    pub dyslexia_font: bool,
    pub high_contrast: bool,
    pub reduced_motion: bool,
}

/// The "profile" section of a learner's record. Tolerant on read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    pub interests: Vec<Interest>,
    pub motivations: Vec<Motivation>,
    pub prefs: Preferences,
    /// Whether grown-ups may read the learner's reflections.
    pub share_reflections: bool,
}

impl Preferences {
    /// The page classes for these preferences ("pref-larger-text", ...).
    pub fn classes(&self) -> Vec<&'static str> {
        [
            (self.larger_text, "pref-larger-text"),
            (self.dyslexia_font, "pref-dyslexia-font"),
            (self.high_contrast, "pref-high-contrast"),
            (self.reduced_motion, "pref-reduced-motion"),
        ]
        .into_iter()
        .filter_map(|(on, c)| on.then_some(c))
        .collect()
    }
}

impl Profile {
    /// Sets the interests (each at most once, in the order of `Interest::ALL`).
    pub fn set_interests(&mut self, chosen: &[Interest]) {
        self.interests = Interest::ALL.into_iter().filter(|i| chosen.contains(i)).collect();
    }
    pub fn set_motivations(&mut self, chosen: &[Motivation]) {
        self.motivations = Motivation::ALL.into_iter().filter(|m| chosen.contains(m)).collect();
    }
}

/// Evidence about one skill, for "strengths" and "needs work".
#[derive(Debug, Clone, PartialEq)]
pub struct SkillEvidence {
    pub skill: SkillId,
    /// Right answers among the last `of`.
    pub right: u32,
    pub of: u32,
    /// Different days the skill was practised on.
    pub days: u32,
    pub level: MasteryLevel,
}

impl SkillEvidence {
    fn of_state(skill: &SkillId, s: &SkillState) -> Option<SkillEvidence> {
        let of = s.recent_len.min(8) as u32;
        if of == 0 {
            return None;
        }
        let mask = if of >= 8 { 0xff } else { (1u16 << of) as u8 - 1 };
        let right = (s.recent & mask).count_ones();
        Some(SkillEvidence { skill: skill.clone(), right, of, days: (s.days as u32).max(1), level: s.level })
    }

    pub fn accuracy(&self) -> f64 {
        self.right as f64 / self.of.max(1) as f64
    }

    /// The evidence in one line: "7 of your last 8 correct, on 3 different days".
    pub fn line(&self, lang: Lang) -> String {
        match (lang, self.days) {
            (Lang::En, 1) => format!("{} of your last {} correct, on 1 day", self.right, self.of),
            (Lang::En, d) => format!("{} of your last {} correct, on {d} different days", self.right, self.of),
            (Lang::Es, 1) => format!("{} de tus últimas {} bien, en 1 día", self.right, self.of),
            (Lang::Es, d) => format!("{} de tus últimas {} bien, en {d} días distintos", self.right, self.of),
        }
    }
}

/// Answers needed on a skill before it can be called a strength or a need.
pub const MIN_EVIDENCE: u32 = 4;

/// The learner's strongest skills and the ones that need work (at most `n` each), from the
/// recent answers the model keeps. Strengths: at least 80% of recent answers right, best
/// first; needs: under 60%, hardest first. A skill is never in both.
pub fn strengths_and_needs(model: &LearnerModel, n: usize) -> (Vec<SkillEvidence>, Vec<SkillEvidence>) {
    let all: Vec<SkillEvidence> = model.skills.iter().filter_map(|(id, s)| SkillEvidence::of_state(id, s)).filter(|e| e.of >= MIN_EVIDENCE).collect();
    let mut strengths: Vec<SkillEvidence> = all.iter().filter(|e| e.accuracy() >= 0.8).cloned().collect();
    crate::sorting::sort_by(&mut strengths, |a, b| b.level.cmp(&a.level).then(b.accuracy().total_cmp(&a.accuracy())).then(b.days.cmp(&a.days)).then(a.skill.cmp(&b.skill)));
    strengths.truncate(n);
    let mut needs: Vec<SkillEvidence> = all.into_iter().filter(|e| e.accuracy() < 0.6).collect();
    crate::sorting::sort_by(&mut needs, |a, b| a.accuracy().total_cmp(&b.accuracy()).then(b.of.cmp(&a.of)).then(a.skill.cmp(&b.skill)));
    needs.truncate(n);
    (strengths, needs)
}

/// Why a profile setting was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileError {
    /// A PIN must be exactly four digits.
    BadPin,
    /// A goal's date is before today.
    PastDate(LocalDay),
    /// Minutes per week must be 10..=1000.
    BadMinutes(u32),
    UnknownSkill(String),
    /// At most `MAX_ACTIVE_GOALS` goals at once.
    TooManyGoals,
}

impl UserMessage for ProfileError {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ProfileError::BadPin, Lang::En) => "The PIN must be exactly 4 digits, like 2468.".into(),
            (ProfileError::BadPin, Lang::Es) => "El PIN debe tener exactamente 4 cifras, como 2468.".into(),
            (ProfileError::PastDate(d), Lang::En) => format!("{} is already past. Choose today or a later date.", d.iso()),
            (ProfileError::PastDate(d), Lang::Es) => format!("{} ya pasó. Elige hoy o una fecha posterior.", d.iso()),
            (ProfileError::BadMinutes(m), Lang::En) => format!("{m} minutes a week is not possible here; choose 10 to 1000."),
            (ProfileError::BadMinutes(m), Lang::Es) => format!("{m} minutos por semana no es posible aquí; elige de 10 a 1000."),
            (ProfileError::UnknownSkill(s), Lang::En) => format!("There is no skill called {s:?}."),
            (ProfileError::UnknownSkill(s), Lang::Es) => format!("No hay ninguna habilidad llamada {s:?}."),
            (ProfileError::TooManyGoals, Lang::En) => format!("You already have {MAX_ACTIVE_GOALS} goals. Finish or remove one first."),
            (ProfileError::TooManyGoals, Lang::Es) => format!("Ya tienes {MAX_ACTIVE_GOALS} metas. Termina o quita una primero."),
        }
    }
}

/// How long until a skill goal is reached, at the learner's pace.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Forecast {
    /// Items still needed along the personal path.
    pub items: u32,
    /// Sessions of `items_per_session`.
    pub sessions: u32,
    /// The day the last of them would fall on at `sessions_per_week`.
    pub by: LocalDay,
}

/// Forecast for mastering `goal`: the personal path's item estimates, divided into sessions
/// of the learner's usual length, spread at their usual rhythm (both at least 1).
pub fn forecast(model: &LearnerModel, graph: &SkillGraph, goal: &SkillId, items_per_session: f64, sessions_per_week: f64, today: LocalDay) -> Result<Forecast, ProfileError> {
    if graph.index_of(goal).is_none() {
        return Err(ProfileError::UnknownSkill(goal.to_string()));
    }
    let items: u32 = personal_path(model, graph, goal).iter().map(|s| s.estimated_items).sum();
    Ok(Forecast::at_pace(items, items_per_session, sessions_per_week, today))
}

impl Forecast {
    /// `items` in sessions of `items_per_session` (at least 1), spread at
    /// `sessions_per_week` (1..=14) from `today`.
    pub fn at_pace(items: u32, items_per_session: f64, sessions_per_week: f64, today: LocalDay) -> Forecast {
        let sessions = (items as f64 / items_per_session.max(1.0)).ceil() as u32;
        let days = (sessions as f64 / sessions_per_week.clamp(1.0, 14.0) * 7.0).ceil() as i32;
        Forecast { items, sessions, by: LocalDay(today.0 + days) }
    }
}

/// Checks a goal's target date: today or later.
pub fn check_goal_date(date: LocalDay, today: LocalDay) -> Result<LocalDay, ProfileError> {
    if date < today { Err(ProfileError::PastDate(date)) } else { Ok(date) }
}

/// What a learner's goal is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GoalKind {
    /// Master this skill.
    Skill(SkillId),
    /// Master every skill of this Common Core domain up to the learner's band.
    Domain(String),
    /// Practise this many minutes each week.
    MinutesPerWeek(u32),
}

/// A goal the learner set (or a grown-up suggested).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearnerGoal {
    pub id: u32,
    pub kind: GoalKind,
    /// The day to reach it by, if the learner chose one.
    #[serde(default)]
    pub by: Option<LocalDay>,
    pub set_on: LocalDay,
    #[serde(default)]
    pub met_on: Option<LocalDay>,
}

/// The "goals" section: goals in progress and goals met (archived).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Goals {
    pub active: Vec<LearnerGoal>,
    pub met: Vec<LearnerGoal>,
    pub next_id: u32,
}

/// Most goals in progress at once (a short list a child can keep in mind).
pub const MAX_ACTIVE_GOALS: usize = 5;

/// Progress toward a goal: (done, target) in its unit (skills or minutes).
pub fn goal_progress(kind: &GoalKind, model: &LearnerModel, graph: &SkillGraph, band: crate::learner::GradeBand, minutes_this_week: u32) -> (u32, u32) {
    let mastered = |id: &SkillId| model.level_of(id) == MasteryLevel::Mastered;
    match kind {
        GoalKind::Skill(goal) => {
            let Some(g) = graph.index_of(goal) else { return (0, 1) };
            let mut chain = graph.ancestors(g);
            chain.push(g);
            let done = chain.iter().filter_map(|&i| graph.node(i)).filter(|n| mastered(&n.id)).count() as u32;
            (done, chain.len() as u32)
        }
        GoalKind::Domain(d) => {
            let top = *band.grades().end();
            let skills: Vec<&SkillId> = graph.nodes().iter().filter(|n| &n.domain == d && n.grade <= top).map(|n| &n.id).collect();
            (skills.iter().filter(|s| mastered(s)).count() as u32, skills.len() as u32)
        }
        GoalKind::MinutesPerWeek(m) => (minutes_this_week.min(*m), *m),
    }
}

impl Goals {
    /// Adds a goal after checking it: a known skill or domain, 10..=1000 minutes a week, a
    /// date today or later, and room on the list.
    pub fn add(&mut self, kind: GoalKind, by: Option<LocalDay>, graph: &SkillGraph, today: LocalDay) -> Result<&LearnerGoal, ProfileError> {
        match &kind {
            GoalKind::Skill(s) if graph.index_of(s).is_none() => return Err(ProfileError::UnknownSkill(s.to_string())),
            GoalKind::Domain(d) if !graph.nodes().iter().any(|n| &n.domain == d) => return Err(ProfileError::UnknownSkill(d.clone())),
            GoalKind::MinutesPerWeek(m) if !(10..=1000).contains(m) => return Err(ProfileError::BadMinutes(*m)),
            _ => {}
        }
        if let Some(d) = by {
            check_goal_date(d, today)?;
        }
        if self.active.len() >= MAX_ACTIVE_GOALS {
            return Err(ProfileError::TooManyGoals);
        }
        self.next_id = self.next_id.wrapping_add(1);
        self.active.push(LearnerGoal { id: self.next_id, kind, by, set_on: today, met_on: None });
        Ok(&self.active[self.active.len() - 1])
    }

    pub fn remove(&mut self, id: u32) -> bool {
        let before = self.active.len();
        self.active.retain(|g| g.id != id);
        self.active.len() != before
    }

    /// Moves goals now met to `met` (newest first, at most 50 kept) and returns them, to celebrate.
    pub fn archive_met(&mut self, model: &LearnerModel, graph: &SkillGraph, band: crate::learner::GradeBand, minutes_this_week: u32, today: LocalDay) -> Vec<LearnerGoal> {
        let (done, open): (Vec<LearnerGoal>, Vec<LearnerGoal>) = self.active.drain(..).partition(|g| {
            let (d, t) = goal_progress(&g.kind, model, graph, band, minutes_this_week);
            t > 0 && d >= t
        });
        self.active = open;
        let done: Vec<LearnerGoal> = done.into_iter().map(|g| LearnerGoal { met_on: Some(today), ..g }).collect();
        for g in done.iter().rev() {
            self.met.insert(0, g.clone());
        }
        self.met.truncate(50);
        done
    }
}

/// Forecast for a skill or domain goal (none for a minutes goal): the items along the
/// personal paths to every skill it needs, in sessions at the learner's pace.
pub fn goal_forecast(kind: &GoalKind, model: &LearnerModel, graph: &SkillGraph, band: crate::learner::GradeBand, items_per_session: f64, sessions_per_week: f64, today: LocalDay) -> Option<Forecast> {
    let targets: Vec<SkillId> = match kind {
        GoalKind::Skill(s) => vec![s.clone()],
        GoalKind::Domain(d) => {
            let top = *band.grades().end();
            graph.nodes().iter().filter(|n| &n.domain == d && n.grade <= top).map(|n| n.id.clone()).collect()
        }
        GoalKind::MinutesPerWeek(_) => return None,
    };
    let mut seen = std::collections::BTreeMap::new();
    for t in &targets {
        for step in personal_path(model, graph, t) {
            seen.entry(step.skill).or_insert(step.estimated_items);
        }
    }
    Some(Forecast::at_pace(seen.values().sum(), items_per_session, sessions_per_week, today))
}

/// The grown-ups' PIN as stored: a salt and SHA-256 stretched over it. It keeps siblings
/// out of the grown-ups' area; with 10,000 possible PINs it is not security, and the app
/// says so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinHash {
    pub salt: String,
    pub hash: String,
}

const PIN_ROUNDS: u32 = 1_000;

impl PinHash {
    /// Hashes a 4-digit PIN with a salt made from `seed`.
    pub fn new(pin: &str, seed: u64) -> Result<PinHash, ProfileError> {
        let pin = valid_pin(pin)?;
        let salt = format!("{seed:016x}");
        let hash = stretch(&salt, pin);
        Ok(PinHash { salt, hash })
    }

    pub fn matches(&self, pin: &str) -> bool {
        valid_pin(pin).is_ok_and(|p| stretch(&self.salt, p) == self.hash)
    }
}

fn valid_pin(pin: &str) -> Result<&str, ProfileError> {
    let pin = pin.trim();
    if pin.len() == 4 && pin.bytes().all(|b| b.is_ascii_digit()) { Ok(pin) } else { Err(ProfileError::BadPin) }
}

fn stretch(salt: &str, pin: &str) -> String {
    let mut digest = sha256(format!("waypoint-pin:{salt}:{pin}").as_bytes());
    for _ in 1..PIN_ROUNDS {
        let mut input = Vec::with_capacity(32 + salt.len());
        input.extend_from_slice(&digest);
        input.extend_from_slice(salt.as_bytes());
        digest = sha256(&input);
    }
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 (FIPS 180-4), small and dependency-free.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
        0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
        0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
        0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];
    let mut h: [u32; 8] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&((data.len() as u64).wrapping_mul(8)).to_be_bytes());
    for block in msg.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (i, word) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16].wrapping_add(s0).wrapping_add(w[i - 7]).wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh.wrapping_add(s1).wrapping_add(ch).wrapping_add(K[i]).wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 32];
    for (i, word) in h.iter().enumerate() {
        out[i * 4..i * 4 + 4].copy_from_slice(&word.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Catalog;

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }

    #[test]
    fn sha256_matches_the_standard_vectors() {
        assert_eq!(hex(&sha256(b"")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert_eq!(hex(&sha256(b"abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(
            hex(&sha256(b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
        assert_eq!(hex(&sha256(&vec![b'a'; 1_000])), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
    }

    #[test]
    fn pins_are_four_digits_salted_and_checked() {
        for bad in ["", "123", "12345", "12a4", "١٢٣٤", "12 4"] {
            assert_eq!(PinHash::new(bad, 1), Err(ProfileError::BadPin), "{bad:?}");
        }
        let a = PinHash::new("2468", 1).expect("valid");
        let b = PinHash::new("2468", 2).expect("valid");
        assert_ne!(a.hash, b.hash, "salted");
        assert!(a.matches("2468") && a.matches(" 2468 "));
        assert!(!a.matches("2469") && !a.matches("246") && !a.matches(""));
        assert!(!a.hash.contains("2468"));
        let json = serde_json::to_string(&a).expect("json");
        let back: PinHash = serde_json::from_str(&json).expect("back");
        assert!(back.matches("2468"));
    }

    fn state(results: &[bool], days: u16, level: MasteryLevel) -> SkillState {
        let mut s = SkillState::default();
        for &r in results {
            s.recent = (s.recent << 1) | r as u8;
            s.recent_len = (s.recent_len + 1).min(8);
        }
        s.days = days;
        s.level = level;
        s
    }

    #[test]
    fn strengths_and_needs_come_from_recent_evidence() {
        let mut m = LearnerModel::default();
        m.skills.insert(SkillId::new_static("a"), state(&[true; 8], 3, MasteryLevel::Mastered));
        m.skills.insert(SkillId::new_static("b"), state(&[true, true, true, true, false], 2, MasteryLevel::Familiar));
        m.skills.insert(SkillId::new_static("c"), state(&[false, false, true, false, true, false], 2, MasteryLevel::Practising));
        m.skills.insert(SkillId::new_static("d"), state(&[false, false], 1, MasteryLevel::Practising));
        m.skills.insert(SkillId::new_static("e"), state(&[true, false, true, false, true, true], 4, MasteryLevel::Familiar));
        let (strong, needs) = strengths_and_needs(&m, 3);
        assert_eq!(strong.iter().map(|e| e.skill.as_str()).collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(needs.iter().map(|e| e.skill.as_str()).collect::<Vec<_>>(), ["c"], "too little evidence for d; e is in between");
        assert_eq!(strong[0].line(Lang::En), "8 of your last 8 correct, on 3 different days");
        assert_eq!(strong[1].line(Lang::Es), "4 de tus últimas 5 bien, en 2 días distintos");
        assert_eq!(needs[0].line(Lang::En), "2 of your last 6 correct, on 2 different days");
        let (s, n) = strengths_and_needs(&LearnerModel::default(), 3);
        assert!(s.is_empty() && n.is_empty());
    }

    #[test]
    fn forecasts_and_goal_dates() {
        let cat = Catalog::builtin().expect("catalog");
        let g = cat.graph();
        let goal = g.node(g.len() - 1).expect("a skill").id.clone();
        let today = LocalDay(20_000);
        let f = forecast(&LearnerModel::default(), g, &goal, 10.0, 3.0, today).expect("known skill");
        assert!(f.items > 0 && f.sessions == (f.items as f64 / 10.0).ceil() as u32);
        assert!(f.by > today);
        let faster = forecast(&LearnerModel::default(), g, &goal, 10.0, 6.0, today).expect("known skill");
        assert!(faster.by < f.by, "more sessions a week, sooner");
        assert!(matches!(forecast(&LearnerModel::default(), g, &SkillId::new_static("nope"), 10.0, 3.0, today), Err(ProfileError::UnknownSkill(_))));
        assert_eq!(check_goal_date(LocalDay(19_999), today), Err(ProfileError::PastDate(LocalDay(19_999))));
        assert_eq!(check_goal_date(today, today), Ok(today));
        assert!(ProfileError::PastDate(LocalDay(19_999)).message(Lang::Es).contains("ya pasó"));
    }

    #[test]
    fn goals_are_checked_tracked_and_archived_when_met() {
        use crate::learner::GradeBand;
        let cat = Catalog::builtin().expect("catalog");
        let g = cat.graph();
        let today = LocalDay(20_000);
        let root = g.node(0).expect("root").id.clone();
        let mut goals = Goals::default();
        assert_eq!(goals.add(GoalKind::MinutesPerWeek(5), None, g, today).map(|_| ()), Err(ProfileError::BadMinutes(5)));
        assert_eq!(goals.add(GoalKind::Skill(root.clone()), Some(LocalDay(19_999)), g, today).map(|_| ()), Err(ProfileError::PastDate(LocalDay(19_999))));
        assert!(matches!(goals.add(GoalKind::Skill(SkillId::new_static("nope")), None, g, today), Err(ProfileError::UnknownSkill(_))));
        assert!(matches!(goals.add(GoalKind::Domain("ZZ".into()), None, g, today), Err(ProfileError::UnknownSkill(_))));
        assert!(goals.active.is_empty(), "a refused goal changes nothing");
        let id = goals.add(GoalKind::Skill(root.clone()), Some(today), g, today).expect("valid").id;
        goals.add(GoalKind::MinutesPerWeek(60), None, g, today).expect("valid");
        goals.add(GoalKind::Domain("CC".into()), None, g, today).expect("valid");
        let mut model = LearnerModel::default();
        assert_eq!(goal_progress(&GoalKind::Skill(root.clone()), &model, g, GradeBand::K2, 0), (0, 1));
        assert_eq!(goal_progress(&GoalKind::MinutesPerWeek(60), &model, g, GradeBand::K2, 75), (60, 60));
        let f = goal_forecast(&GoalKind::Domain("CC".into()), &model, g, GradeBand::K2, 10.0, 3.0, today).expect("a forecast");
        assert!(f.items > 0 && f.by > today);
        assert!(goal_forecast(&GoalKind::MinutesPerWeek(60), &model, g, GradeBand::K2, 10.0, 3.0, today).is_none());
        // The minutes goal is met this week; the skill goal once the skill is mastered.
        let met = goals.archive_met(&model, g, GradeBand::K2, 75, today);
        assert_eq!(met.iter().map(|m| &m.kind).collect::<Vec<_>>(), [&GoalKind::MinutesPerWeek(60)]);
        model.skills.entry(root.clone()).or_default().level = MasteryLevel::Mastered;
        let met = goals.archive_met(&model, g, GradeBand::K2, 0, LocalDay(20_001));
        assert_eq!(met.len(), 1);
        assert_eq!(met[0].id, id);
        assert_eq!(met[0].met_on, Some(LocalDay(20_001)));
        assert_eq!(goals.met.len(), 2);
        assert_eq!(goals.active.len(), 1);
        assert!(goals.remove(goals.active[0].id) && goals.active.is_empty());
        for k in 0..MAX_ACTIVE_GOALS {
            goals.add(GoalKind::MinutesPerWeek(10 + k as u32), None, g, today).expect("room");
        }
        assert_eq!(goals.add(GoalKind::MinutesPerWeek(30), None, g, today).map(|_| ()), Err(ProfileError::TooManyGoals));
    }

    #[test]
    fn profile_choices_are_kept_once_in_order() {
        let mut p = Profile::default();
        p.set_interests(&[Interest::Space, Interest::Animals, Interest::Space]);
        assert_eq!(p.interests, [Interest::Animals, Interest::Space]);
        p.set_motivations(&[Motivation::Future, Motivation::Puzzles]);
        assert_eq!(p.motivations, [Motivation::Puzzles, Motivation::Future]);
        let back: Profile = serde_json::from_value(serde_json::json!({"interests": ["music"], "unknown": 1})).expect("tolerant");
        assert_eq!(back.interests, [Interest::Music]);
    }
}
