//! The practice flow: placement, choice board, items, feedback, summary and reflection.
//! Components call these actions; the rules live in the core (`Session`, `Placement`,
//! `LearnerModel`, `Catalog`, `practice::apply_answer`). Every answer's attempt is stored
//! before the feedback appears, and the sections it changed (model, session, motivation)
//! once the feedback is painted or the page is left; a tab that crashes in between loses
//! nothing, as the next practice page replays the attempt (`practice::replay`), and a
//! reload resumes (how it is read and stored: `saving`).

mod saving;

pub use saving::{load, save_prefs};
use saving::{Kept, json, load_for_practice};
use super::persist;
use super::state::AppContext;
use crate::platform::{clock, random};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::sync::OnceLock;
use waypoint_core::content::{Answer, Catalog, Check, Item, Prompt};
use waypoint_core::engine::review::Scheduler;
use waypoint_core::engine::{self, EngineParams, LearnerModel, LevelChange, Placement, StepReason};
use waypoint_core::learner::GradeBand;
use waypoint_core::persistence::PersistError;
use waypoint_core::motivation::{MotivationEvent, MotivationState};
use waypoint_core::practice::{self, Journal, PracticeState};
use waypoint_core::rewards::{self, ConfidenceTally, Rewarded};
use waypoint_core::session::{Reflection, Session, SessionLength, SessionSummary, SkillMove, Sureness};
use waypoint_core::{Lang, LearnerId, SkillId};

/// The built-in catalog, built once on first use.
pub fn catalog() -> Option<&'static Catalog> {
    static CATALOG: OnceLock<Option<Catalog>> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::builtin().ok()).as_ref()
}

/// A skill's name in `lang` (its id if the catalog does not know it).
pub fn skill_name(skill: &SkillId, lang: Lang) -> String {
    catalog().and_then(|c| c.skill(skill)).map(|s| s.name(lang).to_string()).unwrap_or_else(|| skill.to_string())
}

/// The face drawn for a "How did that feel?" answer.
pub fn feeling_face(f: waypoint_core::session::Feeling) -> &'static str {
    use waypoint_core::session::Feeling;
    match f {
        Feeling::Tough => "😣",
        Feeling::Meh => "😕",
        Feeling::Okay => "🙂",
        Feeling::Good => "😀",
        Feeling::Great => "🤩",
    }
}

/// Where placement stands for a learner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub enum PlacementState {
    #[default]
    NotStarted,
    InProgress(Placement),
    Done,
}

/// Practice preferences stored with the learner.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct PracticePrefs {
    #[serde(default)]
    pub auto_read: bool,
}

/// A learner's practice data, as stored in named sections of their record.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Progress {
    pub model: LearnerModel,
    pub placement: PlacementState,
    pub session: Option<Session>,
    pub reflections: Vec<Reflection>,
    pub prefs: PracticePrefs,
    pub motivation: MotivationState,
    pub confidence: ConfidenceTally,
    /// Interests theme the word problems.
    pub profile: waypoint_core::profile::Profile,
    /// Level changes by day, for the grown-ups' "mastered over time".
    pub log: Vec<waypoint_core::report::LevelLogEntry>,
}

/// What the practice page shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    Start,
    Item,
    Feedback(Feedback),
    Summary(SessionSummary),
    Saved,
    Nothing,
}

/// The feedback after an answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Feedback {
    pub correct: bool,
    /// "I don't know this yet" in placement: not a wrong answer, and not shown as one.
    pub skipped: bool,
    pub answer_text: String,
    pub misconception: Option<String>,
    pub solution: Vec<Prompt>,
    pub level_change: Option<LevelChange>,
    pub placement_finished: bool,
}

/// The practice page's state and the actions on it. Copy: all fields are signals.
#[derive(Clone, Copy)]
pub struct Practice {
    pub app: AppContext,
    pub learner: StoredValue<LearnerId>,
    pub band: GradeBand,
    pub progress: RwSignal<Progress>,
    pub screen: RwSignal<Screen>,
    /// A gentle note about the typed answer ("type your answer first"), not feedback.
    pub note: RwSignal<Option<Check>>,
    pub input: RwSignal<String>,
    pub focus: RwSignal<Option<SkillId>>,
    pub reason: RwSignal<Option<StepReason>>,
    pub error: RwSignal<Option<PersistError>>,
    /// The mastery log changed since the last save.
    log_changed: StoredValue<bool>,
    /// The model as this page last saved it, and the section's stamp then: while the vault
    /// still holds that (nothing replaced it since), the next save stores only what changed
    /// (`None`: save it whole).
    saved_model: Kept<LearnerModel>,
    /// The skills whose state answers changed in the model (`LearnerModel::record`) since
    /// `saved_model` was last caught up: the next save compares only those
    /// (`engine::stored::catch_up_touched`). `None` when the model changed some other way
    /// (placement put a new one in): every skill is compared.
    model_touched: StoredValue<Option<Vec<SkillId>>>,
    /// The same for the motivation section.
    saved_motivation: Kept<MotivationState>,
    /// The same for the mastery log.
    saved_log: Kept<Vec<waypoint_core::report::LevelLogEntry>>,
    /// Through which stored attempt this view's sections are (stored with them).
    journal: StoredValue<Journal>,
    /// The sections hold answers whose attempts are stored but they are not yet (`save`).
    checkpoint_due: StoredValue<bool>,
}

impl Practice {
    pub fn new(app: AppContext, learner: LearnerId, band: GradeBand) -> Practice {
        let loaded = load_for_practice(app, &learner);
        let (progress, stamps, replayed) = (loaded.progress, loaded.stamps, loaded.replayed > 0);
        // What was read is what is stored (unless answers were replayed: then the first save
        // stores them whole): the first answer can already save by parts.
        let saved_model = StoredValue::new(stamps.model.map(|stamp| (progress.model.clone(), stamp)));
        let saved_motivation = StoredValue::new(stamps.motivation.map(|stamp| (progress.motivation.clone(), stamp)));
        let saved_log = StoredValue::new(stamps.log.map(|stamp| (progress.log.clone(), stamp)));
        let screen = match &progress.session {
            Some(s) if s.current.is_some() => Screen::Item,
            Some(s) if s.is_complete() => Screen::Summary(s.summary()),
            _ => Screen::Start,
        };
        Practice {
            app,
            learner: StoredValue::new(learner),
            band,
            progress: RwSignal::new(progress),
            screen: RwSignal::new(screen),
            note: RwSignal::new(None),
            input: RwSignal::new(String::new()),
            focus: RwSignal::new(None),
            reason: RwSignal::new(None),
            error: RwSignal::new(None),
            log_changed: StoredValue::new(replayed),
            saved_model,
            model_touched: StoredValue::new(Some(Vec::new())),
            saved_motivation,
            saved_log,
            journal: StoredValue::new(loaded.journal),
            checkpoint_due: StoredValue::new(replayed),
        }
    }

    fn ctx(&self) -> engine::Context {
        engine::Context { now: clock::now(), seed: random::random_u64(), params: EngineParams::default(), band: self.band, scheduler: Scheduler::default() }
    }

    /// Whether the next session is placement.
    pub fn needs_placement(&self) -> bool {
        self.progress.with(|p| !matches!(p.placement, PlacementState::Done) && p.model.answers == 0)
    }

    /// The item on screen, regenerated from its seed in the current language.
    pub fn current_item(&self, lang: Lang) -> Option<Item> {
        let cat = catalog()?;
        self.progress.with(|p| {
            let cur = p.session.as_ref()?.current.as_ref()?;
            cat.generate(&cur.skill, cur.level, cur.seed, lang, &p.profile.interests).ok()
        })
    }

    /// Starts placement or a session of the chosen length.
    pub fn start(&self, length: SessionLength) {
        if self.begin(length) {
            self.present_next();
        }
    }

    /// For a rehearsal of the practice screen (`rehearsal::practice`): starts a session
    /// and puts its first item on screen as `start` does, in this view only: nothing is
    /// stored.
    pub fn rehearse_item(&self) {
        if self.begin(SessionLength::Minutes(10)) && self.choose_next() {
            self.screen.set(Screen::Item);
        }
    }

    /// For a rehearsal of answering (`rehearsal::answer`, whose practice stores into a
    /// scratch copy): answers the item on screen as a guess would ("1", or the first
    /// option), as `submit` does, or as a miss when that is not an answer at all.
    pub fn rehearse_answer(&self, lang: Lang) {
        if self.screen.get_untracked() != Screen::Item {
            return;
        }
        let Some(item) = self.current_item(lang) else { return };
        let guess = if matches!(item.answer, Answer::Choice { .. }) { "0" } else { "1" };
        let check = match item.check(guess, lang) {
            check @ (Check::Correct | Check::Incorrect { .. }) => check,
            _ => Check::Incorrect { misconception: None },
        };
        self.record(&item, matches!(check, Check::Correct), check, lang, false);
    }

    /// A new session (placement when it is due) in the view; `false` when none could start.
    fn begin(&self, length: SessionLength) -> bool {
        let now = clock::now();
        let placement = self.needs_placement();
        let length = if placement { SessionLength::Questions(20) } else { length };
        let Ok(session) = Session::new(random::random_u64(), now, length) else { return false };
        let graph = catalog().map(Catalog::graph);
        self.progress.update(|p| {
            p.session = Some(session);
            if placement
                && let Some(g) = graph
            {
                p.placement = PlacementState::InProgress(Placement::new(g, self.band));
            }
        });
        true
    }

    /// Puts the next item on screen (and stores the session so a reload shows it).
    pub fn present_next(&self) {
        if self.choose_next() {
            let _ = self.save(None, false);
            self.screen.set(Screen::Item);
        }
    }

    /// Chooses the next item and presents it in the session, in the view only; `false`
    /// (and the "nothing to practise" screen) when there is none.
    fn choose_next(&self) -> bool {
        let Some(cat) = catalog() else { return false };
        let graph = cat.graph();
        let ctx = self.ctx();
        let focus = self.focus.get_untracked();
        let next = self.progress.with_untracked(|p| match &p.placement {
            PlacementState::InProgress(pl) => pl.next(graph).map(|s| (s, engine::placement::PLACEMENT_LEVEL, waypoint_core::attempt::PracticeMode::Placement, None)),
            _ => engine::next_item(&p.model, graph, &ctx, focus.as_ref()).map(|s| (s.skill, s.level, s.mode, Some(s.reason))),
        });
        let Some((skill, level, mode, reason)) = next else {
            self.screen.set(Screen::Nothing);
            return false;
        };
        self.focus.set(None);
        self.reason.set(reason);
        self.progress.update(|p| {
            if let Some(s) = p.session.as_mut() {
                let _ = s.present(skill, level, random::random_u64(), mode, clock::now());
            }
        });
        self.input.set(String::new());
        self.note.set(None);
        true
    }

    pub fn asks_sureness(&self) -> bool {
        self.progress.with(|p| {
            !matches!(p.placement, PlacementState::InProgress(_))
                && p.session.as_ref().is_some_and(|s| s.asks_sureness() && s.current.as_ref().is_some_and(|c| c.sureness.is_none()))
        })
    }

    /// Notes how sure the learner is about the item on screen, and stores the session: an
    /// answer stores only its attempt, and should the tab crash before its checkpoint, the
    /// next page replays it with this sureness (`practice::replay`).
    pub fn set_sureness(&self, s: Sureness) {
        self.progress.update(|p| {
            if let Some(sess) = p.session.as_mut() {
                sess.set_sureness(s);
            }
        });
        let _ = self.save(None, false);
    }

    pub fn hint(&self, available: u8) {
        self.progress.update(|p| {
            if let Some(s) = p.session.as_mut() {
                s.show_hint(available);
            }
        });
        let _ = self.save(None, false);
    }

    pub fn hints_shown(&self) -> u8 {
        self.progress.with(|p| p.session.as_ref().and_then(|s| s.current.as_ref()).map(|c| c.hints_shown).unwrap_or(0))
    }

    /// Checks the answer. Empty or unreadable input leaves the item as it is with a note;
    /// a real answer is recorded once (a double click finds no item waiting).
    pub fn submit(&self, input: &str, lang: Lang) {
        if self.screen.get_untracked() != Screen::Item {
            return;
        }
        let Some(item) = self.current_item(lang) else { return };
        let check = item.check(input, lang);
        let correct = match check {
            Check::Correct => true,
            Check::Incorrect { .. } => false,
            other => {
                self.note.set(Some(other));
                return;
            }
        };
        self.record(&item, correct, check, lang, false);
    }

    /// Placement only: "I don't know this yet" counts as not known, without a guess.
    pub fn skip(&self, lang: Lang) {
        if let Some(item) = self.current_item(lang) {
            self.record(&item, false, Check::Incorrect { misconception: None }, lang, true);
        }
    }

    /// `skipped`: "I don't know this yet" in placement, which is honest but earns no XP.
    fn record(&self, item: &Item, correct: bool, check: Check, lang: Lang, skipped: bool) {
        let Some(cat) = catalog() else { return };
        let graph = cat.graph();
        let now = clock::now();
        let offset = clock::utc_offset_minutes(now);
        let mut attempt = None;
        let mut level_change = None;
        let mut placement_finished = false;
        let mut rewarded = Rewarded::default();
        self.progress.update(|p| {
            let Some(a) = p.session.as_mut().and_then(|s| s.answer(correct, now)) else { return };
            let sureness = p.session.as_ref().and_then(|s| s.answered.last()).and_then(|x| x.sureness);
            match &mut p.placement {
                PlacementState::InProgress(pl) => {
                    pl.record(graph, correct);
                    if pl.is_finished() {
                        let (model, _) = pl.finish(graph);
                        let day = now.local_day(offset);
                        for (skill, st) in &model.skills {
                            waypoint_core::report::log_level(&mut p.log, day, skill, st.level);
                        }
                        self.log_changed.set_value(true);
                        p.model = model;
                        self.model_touched.set_value(None);
                        p.placement = PlacementState::Done;
                        p.session = None;
                        placement_finished = true;
                    }
                    let events = if skipped { Vec::new() } else { rewards::answer_events(&a, None, None, false, offset) };
                    rewarded = rewards::apply(&mut p.motivation, &events, &p.confidence, graph, now, offset);
                    if let Some(s) = p.session.as_mut() {
                        s.add_xp(rewarded.xp);
                    }
                }
                _ => {
                    let state = PracticeState { model: &mut p.model, session: &mut p.session, confidence: &mut p.confidence, motivation: &mut p.motivation, log: &mut p.log };
                    let applied = practice::apply_answer(state, graph, &a, sureness, &EngineParams::default(), &Scheduler::default(), offset, now);
                    self.model_touched.update_value(|t| {
                        if let Some(t) = t {
                            t.push(a.skill.clone());
                        }
                    });
                    if let (Some(c), Some(s)) = (&applied.level_change, p.session.as_mut()) {
                        s.note_move(SkillMove {
                            skill: c.skill.clone(),
                            from: c.from.name(lang).into(),
                            to: c.to.name(lang).into(),
                            reason: c.reason.message(lang).into(),
                        });
                    }
                    if applied.log_changed {
                        self.log_changed.set_value(true);
                    }
                    level_change = applied.level_change;
                    rewarded = applied.rewarded;
                }
            }
            attempt = Some(a);
        });
        let Some(a) = attempt else { return };
        if self.save(Some(&a), true).is_ok() {
            self.after_answer();
        }
        super::motivation::celebrate(self.app, &rewarded, lang);
        let misconception = match check {
            Check::Incorrect { misconception: Some(m) } => Some(waypoint_core::error::UserMessage::message(&m, lang)),
            _ => None,
        };
        self.screen.set(Screen::Feedback(Feedback {
            correct,
            skipped,
            answer_text: item.correct_answer_text(lang),
            misconception,
            solution: item.solution.clone(),
            level_change,
            placement_finished,
        }));
    }

    /// After feedback: the next item, or the summary when the session is complete.
    pub fn next(&self) {
        match self.screen.get_untracked() {
            Screen::Feedback(f) if f.placement_finished => self.screen.set(Screen::Start),
            Screen::Feedback(_) => {
                let done = self.progress.with_untracked(|p| p.session.as_ref().is_none_or(|s| s.is_complete()));
                if done { self.end() } else { self.present_next() }
            }
            _ => {}
        }
    }

    /// Ends the session now (the item on screen, if any, is dropped unanswered).
    pub fn end(&self) {
        let summary = self.progress.with_untracked(|p| p.session.as_ref().map(|s| s.summary()));
        match summary {
            Some(s) if s.questions > 0 => {
                let now = clock::now();
                let offset = clock::utc_offset_minutes(now);
                let mut rewarded = Rewarded::default();
                self.progress.update(|p| {
                    if let Some(sess) = p.session.as_mut() {
                        sess.current = None;
                        let ended = MotivationEvent::SessionEnded { started: sess.started_at, ended: sess.last_at, items: s.questions };
                        if let Some(cat) = catalog() {
                            rewarded = rewards::apply(&mut p.motivation, &[ended], &p.confidence, cat.graph(), now, offset);
                        }
                    }
                });
                let _ = self.save(None, true);
                super::motivation::celebrate(self.app, &rewarded, self.app.device_language_for(&self.learner.get_value()));
                self.screen.set(Screen::Summary(s));
            }
            _ => {
                self.progress.update(|p| p.session = None);
                let _ = self.save(None, false);
                self.screen.set(Screen::Start);
            }
        }
    }

    /// Saves the reflection and closes the session.
    pub fn reflect(&self, reflection: Reflection) -> Result<(), PersistError> {
        let offset = clock::utc_offset_minutes(reflection.at);
        let words = reflection.note.as_deref().map_or(0, |n| n.split_whitespace().count());
        let event = MotivationEvent::Reflection { at: reflection.at, words };
        let mut rewarded = Rewarded::default();
        self.progress.update(|p| {
            if let Some(cat) = catalog() {
                rewarded = rewards::apply(&mut p.motivation, &[event], &p.confidence, cat.graph(), reflection.at, offset);
            }
            p.reflections.push(reflection);
            let keep = p.reflections.len().saturating_sub(200);
            p.reflections.drain(..keep);
            p.session = None;
        });
        let id = self.learner.get_value();
        let p = self.progress.get_untracked();
        let sections = vec![("reflections".to_string(), json(&p.reflections)), ("session".to_string(), Value::Null), ("motivation".to_string(), json(&p.motivation))];
        let r = persist::write(self.app, |v, now| v.save_sections(&id, &sections, now).map(|_| ()));
        if r.is_ok() {
            super::motivation::celebrate(self.app, &rewarded, self.app.device_language_for(&id));
            self.screen.set(Screen::Saved);
        }
        self.error.set(r.as_ref().err().cloned());
        r
    }

    /// The learner had a prompt read aloud (counts toward the "Listener" badge).
    pub fn read_aloud_used(&self) {
        let now = clock::now();
        let offset = clock::utc_offset_minutes(now);
        let Some(cat) = catalog() else { return };
        let mut rewarded = Rewarded::default();
        self.progress.update(|p| {
            rewarded = rewards::apply(&mut p.motivation, &[MotivationEvent::ReadAloudUsed { at: now }], &p.confidence, cat.graph(), now, offset);
        });
        let _ = self.save(None, true);
        super::motivation::celebrate(self.app, &rewarded, self.app.device_language_for(&self.learner.get_value()));
    }

    pub fn set_auto_read(&self, on: bool) {
        self.progress.update(|p| p.prefs.auto_read = on);
        let _ = save_prefs(self.app, &self.learner.get_value(), self.progress.with_untracked(|p| p.prefs));
    }
}
