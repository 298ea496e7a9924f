//! A practice session as a pure state machine: its chosen length, the item on screen, the
//! answers given, and the summary and reflection at the end. It knows nothing about how
//! items are generated or scored (that is `content` and `engine`); it keeps the session
//! honest: one answer per item, response times that cannot be negative or endless, a
//! progress bar that only moves forward, and a summary computed from what happened.
//! Must not import browser crates or read a clock: `now` is always passed in.

use crate::attempt::{Attempt, MAX_LEVEL, MIN_LEVEL, PracticeMode};
use crate::error::UserMessage;
use crate::time::{MS_PER_MINUTE, Timestamp};
use crate::{Lang, SkillId};
use serde::{Deserialize, Serialize};

/// Longest response time recorded for one item, in ms: a child who walks away does not
/// distort their timing or their minutes practised.
pub const MAX_RESPONSE_MS: u32 = 5 * 60 * 1000;
/// Most questions a question-count session may have.
pub const MAX_QUESTIONS: u32 = 50;
/// Longest note a reflection keeps, in characters.
pub const MAX_REFLECTION_CHARS: usize = 280;

/// How long a session lasts, as the learner chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SessionLength {
    /// 5, 10 or 15 minutes.
    Minutes(u32),
    /// 1..=50 questions.
    Questions(u32),
}

impl SessionLength {
    pub const CHOICES: [SessionLength; 4] =
        [SessionLength::Minutes(5), SessionLength::Minutes(10), SessionLength::Minutes(15), SessionLength::Questions(10)];

    /// Checks a length from the UI or from storage.
    pub fn validated(self) -> Result<SessionLength, SessionError> {
        match self {
            SessionLength::Minutes(m) if [5, 10, 15].contains(&m) => Ok(self),
            SessionLength::Questions(q) if (1..=MAX_QUESTIONS).contains(&q) => Ok(self),
            _ => Err(SessionError::BadLength),
        }
    }
}

/// The item on screen, as far as the session is concerned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Presented {
    pub skill: SkillId,
    /// In `MIN_LEVEL..=MAX_LEVEL`.
    pub level: u8,
    /// The seed the item was generated from (so a reload shows the same item).
    pub seed: u64,
    pub mode: PracticeMode,
    pub shown_at: Timestamp,
    /// Hints shown so far, 0..=3.
    pub hints_shown: u8,
    /// Whether the learner was asked "How sure are you?" before answering, and said.
    pub sureness: Option<Sureness>,
}

/// How sure the learner said they were.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sureness {
    Guessing,
    Unsure,
    Sure,
}

/// A skill whose mastery level changed during the session, with the engine's reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkillMove {
    pub skill: SkillId,
    pub from: String,
    pub to: String,
    pub reason: String,
}

/// One answered item in the session's log. Stored as a short array,
/// `["add.within-10",true,0,4200,null]` (the fields in order), because the session is
/// saved with every answer; the longer object form written before is still read (serde
/// reads a struct from either).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Answered {
    pub skill: SkillId,
    pub correct: bool,
    pub hints: u8,
    pub response_ms: u32,
    #[serde(default)]
    pub sureness: Option<Sureness>,
}

impl Serialize for Answered {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeTuple;
        let mut t = serializer.serialize_tuple(5)?;
        t.serialize_element(&self.skill)?;
        t.serialize_element(&self.correct)?;
        t.serialize_element(&self.hints)?;
        t.serialize_element(&self.response_ms)?;
        t.serialize_element(&self.sureness)?;
        t.end()
    }
}

/// A practice session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// Seed for everything random in this session.
    pub seed: u64,
    pub started_at: Timestamp,
    pub length: SessionLength,
    #[serde(default)]
    pub answered: Vec<Answered>,
    #[serde(default)]
    pub current: Option<Presented>,
    #[serde(default)]
    pub moves: Vec<SkillMove>,
    /// When the last answer was recorded (a clock set back never makes time negative).
    #[serde(default)]
    pub last_at: Timestamp,
    /// XP gained during the session (answers, levels, reviews).
    #[serde(default)]
    pub xp: u32,
}

/// What a finished session adds up to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionSummary {
    pub questions: u32,
    pub correct: u32,
    /// In 0.0..=1.0; 0 when nothing was answered.
    pub accuracy: f64,
    /// Time practising, from the answers' response times (capped per item).
    pub minutes: f64,
    pub hints: u32,
    pub moves: Vec<SkillMove>,
    #[serde(default)]
    pub xp: u32,
}

impl Session {
    pub fn new(seed: u64, now: Timestamp, length: SessionLength) -> Result<Session, SessionError> {
        Ok(Session { seed, started_at: now, length: length.validated()?, answered: Vec::new(), current: None, moves: Vec::new(), last_at: now, xp: 0 })
    }

    /// Puts an item on screen. Refused while another item is waiting for its answer.
    pub fn present(&mut self, skill: SkillId, level: u8, seed: u64, mode: PracticeMode, now: Timestamp) -> Result<&Presented, SessionError> {
        if self.current.is_some() {
            return Err(SessionError::ItemPending);
        }
        if !(MIN_LEVEL..=MAX_LEVEL).contains(&level) {
            return Err(SessionError::BadLevel(level));
        }
        Ok(self.current.insert(Presented { skill, level, seed, mode, shown_at: now, hints_shown: 0, sureness: None }))
    }

    /// Shows one more hint (at most `available`); returns how many are shown now.
    pub fn show_hint(&mut self, available: u8) -> Option<u8> {
        let cur = self.current.as_mut()?;
        if cur.hints_shown < available.min(3) {
            cur.hints_shown += 1;
        }
        Some(cur.hints_shown)
    }

    /// Records "How sure are you?" for the item on screen.
    pub fn set_sureness(&mut self, s: Sureness) {
        if let Some(cur) = self.current.as_mut() {
            cur.sureness = Some(s);
        }
    }

    /// Whether to ask "How sure are you?" before this item: a few items per session
    /// (the 2nd, 5th and 8th, then every 6th).
    pub fn asks_sureness(&self) -> bool {
        let n = self.answered.len() + 1;
        matches!(n, 2 | 5 | 8) || (n > 8 && (n - 8).is_multiple_of(6))
    }

    /// Records the answer to the item on screen and returns the attempt to store. A second
    /// answer to the same item (a double click, a key pressed during feedback) finds no
    /// item waiting and records nothing.
    pub fn answer(&mut self, correct: bool, now: Timestamp) -> Option<Attempt> {
        let cur = self.current.take()?;
        let elapsed = (now.0 - cur.shown_at.0).clamp(0, MAX_RESPONSE_MS as i64) as u32;
        let at = if now < self.last_at { self.last_at } else { now };
        self.last_at = at;
        self.answered.push(Answered { skill: cur.skill.clone(), correct, hints: cur.hints_shown, response_ms: elapsed, sureness: cur.sureness });
        Some(Attempt { at, skill: cur.skill, level: cur.level, correct, response_ms: elapsed, hints_used: cur.hints_shown, mode: cur.mode })
    }

    /// Adds XP gained during the session (shown in the summary).
    pub fn add_xp(&mut self, xp: u32) {
        self.xp = self.xp.saturating_add(xp);
    }

    /// Notes a mastery change the engine reported (the latest per skill is kept).
    pub fn note_move(&mut self, m: SkillMove) {
        match self.moves.iter_mut().find(|x| x.skill == m.skill) {
            Some(existing) => {
                existing.to = m.to;
                existing.reason = m.reason;
            }
            None => self.moves.push(m),
        }
    }

    fn practised_ms(&self) -> i64 {
        self.answered.iter().map(|a| a.response_ms as i64).sum()
    }

    /// Progress through the session, in 0.0..=1.0 (never moves backwards).
    pub fn progress(&self) -> f64 {
        match self.length {
            SessionLength::Questions(q) => (self.answered.len() as f64 / q.max(1) as f64).min(1.0),
            SessionLength::Minutes(m) => (self.practised_ms() as f64 / (m as i64 * MS_PER_MINUTE) as f64).min(1.0),
        }
    }

    /// Whether the session has reached its length (checked after each answer, so an item
    /// on screen is always finished).
    pub fn is_complete(&self) -> bool {
        self.current.is_none() && self.progress() >= 1.0
    }

    pub fn summary(&self) -> SessionSummary {
        let questions = self.answered.len() as u32;
        let correct = self.answered.iter().filter(|a| a.correct).count() as u32;
        SessionSummary {
            questions,
            correct,
            accuracy: if questions == 0 { 0.0 } else { correct as f64 / questions as f64 },
            minutes: self.practised_ms() as f64 / MS_PER_MINUTE as f64,
            hints: self.answered.iter().map(|a| a.hints as u32).sum(),
            moves: self.moves.clone(),
            xp: self.xp,
        }
    }
}

/// "How did that feel?" on a five-face scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Feeling {
    Tough,
    Meh,
    Okay,
    Good,
    Great,
}

impl Feeling {
    pub const ALL: [Feeling; 5] = [Feeling::Tough, Feeling::Meh, Feeling::Okay, Feeling::Good, Feeling::Great];
}

/// The short reflection at the end of a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reflection {
    pub at: Timestamp,
    pub feeling: Feeling,
    pub sureness: Sureness,
    /// The learner's own sentence, trimmed, at most 280 characters, never interpreted as markup.
    #[serde(default)]
    pub note: Option<String>,
    pub questions: u32,
    pub correct: u32,
}

impl Reflection {
    /// Builds a reflection from the form; a note is trimmed, and refused when too long.
    pub fn new(at: Timestamp, feeling: Feeling, sureness: Sureness, note: &str, summary: &SessionSummary) -> Result<Reflection, SessionError> {
        let note = note.trim();
        if note.chars().count() > MAX_REFLECTION_CHARS {
            return Err(SessionError::NoteTooLong);
        }
        if note.chars().any(|c| c.is_control() && c != '\n') {
            return Err(SessionError::NoteHasControl);
        }
        Ok(Reflection {
            at,
            feeling,
            sureness,
            note: (!note.is_empty()).then(|| note.to_string()),
            questions: summary.questions,
            correct: summary.correct,
        })
    }
}

/// What a session refuses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionError {
    BadLength,
    BadLevel(u8),
    ItemPending,
    NoteTooLong,
    NoteHasControl,
}

impl UserMessage for SessionError {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (SessionError::BadLength, Lang::En) => "Choose 5, 10 or 15 minutes, or up to 50 questions.".into(),
            (SessionError::BadLength, Lang::Es) => "Elige 5, 10 o 15 minutos, o hasta 50 preguntas.".into(),
            (SessionError::BadLevel(l), Lang::En) => format!("There is no difficulty level {l}."),
            (SessionError::BadLevel(l), Lang::Es) => format!("No existe el nivel de dificultad {l}."),
            (SessionError::ItemPending, Lang::En) => "Answer the question on screen first.".into(),
            (SessionError::ItemPending, Lang::Es) => "Primero responde la pregunta que está en pantalla.".into(),
            (SessionError::NoteTooLong, Lang::En) => format!("Please keep it under {MAX_REFLECTION_CHARS} letters."),
            (SessionError::NoteTooLong, Lang::Es) => format!("Escribe menos de {MAX_REFLECTION_CHARS} letras, por favor."),
            (SessionError::NoteHasControl, Lang::En) => "That note has characters we can't keep.".into(),
            (SessionError::NoteHasControl, Lang::Es) => "Esa nota tiene caracteres que no podemos guardar.".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_answered_item_is_stored_short_and_the_old_long_form_still_loads() {
        let a = super::Answered { skill: crate::SkillId::parse("add.within-10").unwrap(), correct: true, hints: 1, response_ms: 4200, sureness: Some(super::Sureness::Sure) };
        let text = serde_json::to_string(&a).unwrap();
        assert_eq!(text, r#"["add.within-10",true,1,4200,"sure"]"#);
        assert_eq!(serde_json::from_str::<super::Answered>(&text).unwrap(), a);
        let old = r#"{"correct":true,"hints":1,"response_ms":4200,"skill":"add.within-10","sureness":"sure"}"#;
        assert_eq!(serde_json::from_str::<super::Answered>(old).unwrap(), a);
        // Written before sureness existed: absent in the object form.
        let older = r#"{"correct":false,"hints":0,"response_ms":900,"skill":"add.within-10"}"#;
        let b = serde_json::from_str::<super::Answered>(older).unwrap();
        assert_eq!((b.correct, b.sureness), (false, None));
        let none = super::Answered { sureness: None, ..a };
        assert_eq!(serde_json::from_str::<super::Answered>(&serde_json::to_string(&none).unwrap()).unwrap(), none);
    }

    use super::*;

    fn skill() -> SkillId {
        SkillId::new_static("add.within-10")
    }

    #[test]
    fn lengths_are_validated() {
        assert!(SessionLength::Minutes(10).validated().is_ok());
        assert_eq!(SessionLength::Minutes(7).validated(), Err(SessionError::BadLength));
        assert_eq!(SessionLength::Questions(0).validated(), Err(SessionError::BadLength));
        assert_eq!(SessionLength::Questions(51).validated(), Err(SessionError::BadLength));
        assert!(Session::new(1, Timestamp(0), SessionLength::Minutes(3)).is_err());
    }

    #[test]
    fn one_answer_per_item_even_when_clicked_twice() {
        let mut s = Session::new(1, Timestamp(0), SessionLength::Questions(10)).unwrap();
        s.present(skill(), 2, 99, PracticeMode::Mixed, Timestamp(1_000)).unwrap();
        assert_eq!(s.present(skill(), 2, 100, PracticeMode::Mixed, Timestamp(1_100)), Err(SessionError::ItemPending));
        let a = s.answer(true, Timestamp(4_000)).unwrap();
        assert_eq!(a.response_ms, 3_000);
        assert_eq!(a.level, 2);
        assert_eq!(a.mode, PracticeMode::Mixed);
        assert_eq!(s.answer(true, Timestamp(4_010)), None, "double click records nothing");
        assert_eq!(s.answered.len(), 1);
    }

    #[test]
    fn response_times_are_never_negative_nor_endless() {
        let mut s = Session::new(1, Timestamp(10_000), SessionLength::Questions(10)).unwrap();
        s.present(skill(), 1, 1, PracticeMode::Blocked, Timestamp(10_000)).unwrap();
        let a = s.answer(false, Timestamp(5_000)).unwrap(); // clock set back
        assert_eq!(a.response_ms, 0);
        assert_eq!(a.at, Timestamp(10_000), "an answer is never stored before the previous one");
        s.present(skill(), 1, 2, PracticeMode::Blocked, Timestamp(20_000)).unwrap();
        let a = s.answer(true, Timestamp(20_000 + 3_600_000)).unwrap(); // left for an hour
        assert_eq!(a.response_ms, MAX_RESPONSE_MS);
    }

    #[test]
    fn hints_are_counted_and_capped() {
        let mut s = Session::new(1, Timestamp(0), SessionLength::Questions(3)).unwrap();
        assert_eq!(s.show_hint(3), None, "no item, no hint");
        s.present(skill(), 3, 1, PracticeMode::Blocked, Timestamp(0)).unwrap();
        assert_eq!(s.show_hint(2), Some(1));
        assert_eq!(s.show_hint(2), Some(2));
        assert_eq!(s.show_hint(2), Some(2));
        assert_eq!(s.answer(true, Timestamp(1)).unwrap().hints_used, 2);
    }

    #[test]
    fn progress_and_completion_follow_the_chosen_length() {
        let mut s = Session::new(1, Timestamp(0), SessionLength::Questions(2)).unwrap();
        assert_eq!(s.progress(), 0.0);
        for i in 0..2 {
            s.present(skill(), 1, i, PracticeMode::Blocked, Timestamp(i as i64 * 10_000)).unwrap();
            assert!(!s.is_complete(), "never complete with an item on screen");
            s.answer(i == 0, Timestamp(i as i64 * 10_000 + 5_000)).unwrap();
        }
        assert!(s.is_complete());
        let sum = s.summary();
        assert_eq!((sum.questions, sum.correct), (2, 1));
        assert_eq!(sum.accuracy, 0.5);
        assert!((sum.minutes - 10_000.0 / 60_000.0).abs() < 1e-9);

        let mut s = Session::new(1, Timestamp(0), SessionLength::Minutes(5)).unwrap();
        let mut t = 0;
        while !s.is_complete() {
            s.present(skill(), 1, t as u64, PracticeMode::Blocked, Timestamp(t)).unwrap();
            t += 60_000;
            s.answer(true, Timestamp(t)).unwrap();
        }
        assert_eq!(s.answered.len(), 5);
    }

    #[test]
    fn sureness_is_asked_on_a_few_items() {
        let mut s = Session::new(1, Timestamp(0), SessionLength::Questions(20)).unwrap();
        let mut asked = Vec::new();
        for i in 1..=20u64 {
            if s.asks_sureness() {
                asked.push(i);
            }
            s.present(skill(), 1, i, PracticeMode::Blocked, Timestamp(0)).unwrap();
            s.set_sureness(Sureness::Sure);
            s.answer(true, Timestamp(1)).unwrap();
        }
        assert_eq!(asked, vec![2, 5, 8, 14, 20]);
        assert_eq!(s.answered[0].sureness, Some(Sureness::Sure));
    }

    #[test]
    fn moves_keep_the_latest_level_per_skill() {
        let mut s = Session::new(1, Timestamp(0), SessionLength::Questions(2)).unwrap();
        s.note_move(SkillMove { skill: skill(), from: "practising".into(), to: "familiar".into(), reason: "a".into() });
        s.note_move(SkillMove { skill: skill(), from: "familiar".into(), to: "proficient".into(), reason: "b".into() });
        assert_eq!(s.moves.len(), 1);
        assert_eq!((s.moves[0].from.as_str(), s.moves[0].to.as_str()), ("practising", "proficient"));
    }

    #[test]
    fn reflections_keep_text_as_text() {
        let sum = Session::new(1, Timestamp(0), SessionLength::Questions(1)).unwrap().summary();
        let r = Reflection::new(Timestamp(5), Feeling::Good, Sureness::Unsure, "  <b>fun</b>  ", &sum).unwrap();
        assert_eq!(r.note.as_deref(), Some("<b>fun</b>"), "kept as typed; the UI shows it as text");
        assert_eq!(Reflection::new(Timestamp(5), Feeling::Good, Sureness::Sure, "   ", &sum).unwrap().note, None);
        assert_eq!(Reflection::new(Timestamp(5), Feeling::Good, Sureness::Sure, &"x".repeat(281), &sum), Err(SessionError::NoteTooLong));
        assert_eq!(Reflection::new(Timestamp(5), Feeling::Good, Sureness::Sure, "a\u{0}b", &sum), Err(SessionError::NoteHasControl));
    }

    #[test]
    fn a_session_survives_a_reload() {
        let mut s = Session::new(7, Timestamp(0), SessionLength::Minutes(10)).unwrap();
        s.present(skill(), 4, 11, PracticeMode::Review, Timestamp(3)).unwrap();
        let json = serde_json::to_string(&s).unwrap();
        let back: Session = serde_json::from_str(&json).unwrap();
        assert_eq!(back, s);
    }
}
