//! The practice screen: placement or the choice board, then items with feedback, hints,
//! worked solutions and read-aloud, a progress bar, and the summary with a reflection.
//! The flow's rules are in `ui::practice` and the core; this file only shows them.

use super::use_current_learner;
use crate::i18n::*;
use crate::platform::{clock, speech};
use crate::ui::components::OneTabOnly;
use crate::ui::components::learner_card::focus_later;
use crate::ui::components::math_view::{PromptView, math_row};
use crate::ui::components::number_pad::{NumberPad, PadKey};
use crate::ui::lang::{show_language, use_lang};
use crate::ui::practice::{Practice, Screen, catalog, feeling_face, skill_name};
use crate::ui::routes::LearnerPage;
use crate::ui::state::AppContext;
use leptos::prelude::*;
use leptos_router::components::A;
use waypoint_core::Lang;
use waypoint_core::content::{Answer, Check, Item};
use waypoint_core::engine::{MasteryLevel, StepReason, choice_board};
use waypoint_core::error::UserMessage;
use waypoint_core::session::{Feeling, Reflection, SessionLength, Sureness};

#[component]
pub fn PracticePage() -> impl IntoView {
    let app = AppContext::expect();
    let learner = use_current_learner();
    if let Some(l) = learner.get_untracked() {
        show_language(l.language.unwrap_or_else(|| app.device_language()));
    }
    // Only a different learner restarts the flow (another tab saving must not).
    let who = Memo::new(move |_| learner.with(|l| l.as_ref().map(|l| (l.id.clone(), l.grade_band, l.name.as_str().to_string()))));
    move || match who.get() {
        None => view! { <super::not_found_page::LearnerMissing /> }.into_any(),
        Some((id, band, name)) => view! {
            <OneTabOnly id=id.clone() name=name.clone()>
                {
                    let practice = Practice::new(app, id.clone(), band);
                    view! { <PracticeFlow practice=practice name=name.clone() rehearsal=false /> }
                }
            </OneTabOnly>
        }
        .into_any(),
    }
}

fn speak_item(item: &Item, lang: Lang) {
    let mut text = item.prompt.spoken(lang);
    if let Answer::Choice { options, .. } = &item.answer {
        for (i, o) in options.iter().enumerate() {
            let p = waypoint_core::content::Prompt::text(format!("{}.", i + 1)).then_math(o.math.clone());
            text.push_str(". ");
            text.push_str(&p.spoken(lang));
        }
    }
    speech::speak(&text, lang);
}

/// The practice flow. `rehearsal`: built by `super::rehearsal::practice`, never shown, so
/// it moves no focus and reads nothing aloud.
#[component]
pub(super) fn PracticeFlow(practice: Practice, name: String, rehearsal: bool) -> impl IntoView {
    let i18n = use_i18n();
    let app = practice.app;
    let lang = use_lang();
    let heading = NodeRef::<leptos::html::H1>::new();
    if !rehearsal {
        super::focus_heading(heading);
    }
    let id = practice.learner.get_value();
    let home = app.href(&LearnerPage::Home.href(&id));
    let title = move || {
        if practice.needs_placement() { t_string!(i18n, placement_title).to_string() } else { t_string!(i18n, practice_title).to_string() }
    };
    view! {
        <div class="page practice-page">
            <h1 tabindex="-1" node_ref=heading>{title}</h1>
            {move || practice.error.get().map(|e| view! { <p class="banner banner--warning" role="alert">{e.message(lang.get())}</p> })}
            {move || match practice.screen.get() {
                Screen::Start => view! { <StartScreen practice=practice /> }.into_any(),
                Screen::Item => view! { <ItemScreen practice=practice rehearsal=rehearsal /> }.into_any(),
                Screen::Feedback(_) => view! { <FeedbackScreen practice=practice /> }.into_any(),
                Screen::Summary(_) => view! { <SummaryScreen practice=practice /> }.into_any(),
                Screen::Saved => view! { <p class="success" role="status">{t!(i18n, reflect_saved)}</p> }.into_any(),
                Screen::Nothing => view! { <p role="status">{t!(i18n, nothing_to_practise)}</p> }.into_any(),
            }}
            <p class="practice-page__home">
                <A href=home attr:class="button">{move || t_string!(i18n, back_home, name = name.clone()).to_string()}</A>
            </p>
        </div>
    }
}

#[component]
fn StartScreen(practice: Practice) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let length = RwSignal::new(SessionLength::Minutes(10));
    if practice.needs_placement() {
        return view! {
            <section class="placement-intro">
                <p>{t!(i18n, placement_intro)}</p>
                <button type="button" class="button button--primary button--large" on:click=move |_| practice.start(SessionLength::Questions(20))>
                    {t!(i18n, placement_start)}
                </button>
            </section>
        }
        .into_any();
    }
    let board = Memo::new(move |_| {
        let Some(cat) = catalog() else { return Vec::new() };
        let ctx = waypoint_core::engine::Context {
            now: clock::now(),
            seed: 1,
            params: Default::default(),
            band: practice.band,
            scheduler: Default::default(),
        };
        practice.progress.with(|p| choice_board(&p.model, cat.graph(), &ctx, None))
    });
    let length_name = move |l: SessionLength| match l {
        SessionLength::Minutes(n) => t_string!(i18n, length_minutes, n = n).to_string(),
        SessionLength::Questions(n) => t_string!(i18n, length_questions, n = n).to_string(),
    };
    let start_with = move |skill: Option<waypoint_core::SkillId>| {
        practice.focus.set(skill);
        practice.start(length.get_untracked());
    };
    // A skill chosen on the skill map (`s` in the address) is offered first.
    let chosen = leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get("s"))
        .and_then(|s| waypoint_core::SkillId::parse(&s))
        .filter(|s| catalog().and_then(|c| c.skill(s)).is_some());
    view! {
        <section class="board" aria-labelledby="board-title">
            <h2 id="board-title">{t!(i18n, board_title)}</h2>
            <fieldset class="length-picker">
                <legend>{t!(i18n, length_label)}</legend>
                {SessionLength::CHOICES
                    .into_iter()
                    .map(|l| {
                        view! {
                            <label class="choice">
                                <input type="radio" name="length" prop:checked=move || length.get() == l on:change=move |_| length.set(l) />
                                <span>{move || length_name(l)}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <ul class="board__choices">
                {chosen.map(|skill| {
                    let name = skill.clone();
                    view! {
                        <li>
                            <button type="button" class="choice-card choice-card--chosen" on:click=move |_| start_with(Some(skill.clone()))>
                                <span class="choice-card__title">{move || skill_name(&name, lang.get())}</span>
                                <span class="choice-card__reason">{t!(i18n, skills_chosen_reason)}</span>
                            </button>
                        </li>
                    }
                })}
                <For each=move || board.get() key=|c| c.skill.clone() let:choice>
                    {
                        let skill = choice.skill.clone();
                        let reason = choice.reason.clone();
                        view! {
                            <li>
                                <button type="button" class="choice-card" on:click=move |_| start_with(Some(skill.clone()))>
                                    <span class="choice-card__title">{let s = choice.skill.clone(); move || skill_name(&s, lang.get())}</span>
                                    <span class="choice-card__reason">{move || reason.message(lang.get())}</span>
                                </button>
                            </li>
                        }
                    }
                </For>
                <li>
                    <button type="button" class="choice-card choice-card--surprise" on:click=move |_| start_with(None)>
                        <span class="choice-card__title">{t!(i18n, surprise_me)}</span>
                        <span class="choice-card__reason">{move || StepReason::Surprise.message(lang.get())}</span>
                    </button>
                </li>
            </ul>
            <label class="choice">
                <input
                    type="checkbox"
                    prop:checked=move || practice.progress.with(|p| p.prefs.auto_read)
                    on:change=move |ev| practice.set_auto_read(event_target_checked(&ev))
                />
                <span>{t!(i18n, auto_read)}</span>
            </label>
        </section>
    }
    .into_any()
}

#[component]
fn ItemScreen(practice: Practice, rehearsal: bool) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let item = Memo::new(move |_| practice.current_item(lang.get()));
    let input_ref = NodeRef::<leptos::html::Input>::new();
    let placement = move || practice.progress.with(|p| matches!(p.placement, crate::ui::practice::PlacementState::InProgress(_)));
    let number = move || practice.progress.with(|p| p.session.as_ref().map(|s| s.answered.len() + 1).unwrap_or(1));
    let progress = move || practice.progress.with(|p| p.session.as_ref().map(|s| s.progress()).unwrap_or(0.0));
    let skill_line = move || {
        let l = lang.get();
        practice.progress.with(|p| {
            let cur = p.session.as_ref()?.current.as_ref()?;
            let level = p.model.level_of(&cur.skill);
            Some((t_string!(i18n, skill_level, skill = skill_name(&cur.skill, l), level = level.name(l)).to_string(), level.class()))
        })
    };
    let submit = move || {
        let text = practice.input.get_untracked();
        practice.submit(&text, lang.get_untracked());
        if practice.screen.get_untracked() == Screen::Item {
            if let Some(el) = input_ref.get_untracked() {
                let _ = el.focus();
            }
        } else {
            focus_later("next-button".into());
        }
    };
    let on_pad = Callback::new(move |k: PadKey| match k {
        PadKey::Submit => submit(),
        k => practice.input.update(|t| *t = k.apply(t)),
    });
    if !rehearsal {
        // Read aloud automatically when the learner asked for it.
        Effect::new(move |_| {
            if let Some(it) = item.get()
                && practice.progress.with_untracked(|p| p.prefs.auto_read)
            {
                speak_item(&it, lang.get_untracked());
            }
        });
        request_animation_frame(move || {
            if let Some(el) = input_ref.get_untracked() {
                let _ = el.focus();
            }
        });
    }
    let note = move || {
        practice.note.get().map(|c| match c {
            Check::Empty => c.message(lang.get()),
            other => other.message(lang.get()),
        })
    };
    move || {
        let Some(it) = item.get() else {
            return view! { <p role="alert">{t!(i18n, content_unavailable)}</p> }.into_any();
        };
        let hints = it.hints.clone();
        let hint_count = hints.len() as u8;
        let speak = it.clone();
        let answer_view = match &it.answer {
            Answer::Choice { options, .. } => {
                let opts: Vec<_> = options
                    .iter()
                    .enumerate()
                    .map(|(i, o)| {
                        let m = o.math.clone();
                        view! {
                            <li>
                                <button type="button" class="option" on:click=move |_| practice.submit(&i.to_string(), lang.get_untracked())>
                                    {math_row(&m, lang.get_untracked())}
                                </button>
                            </li>
                        }
                    })
                    .collect();
                view! { <ul class="options" aria-label=move || t_string!(i18n, your_answer).to_string()>{opts}</ul> }.into_any()
            }
            Answer::Number { .. } => view! {
                <form class="answer" on:submit=move |ev| { ev.prevent_default(); submit(); }>
                    <label for="answer-input">{t!(i18n, your_answer)}</label>
                    <div class="answer__row">
                        <input
                            id="answer-input"
                            type="text"
                            inputmode="text"
                            autocomplete="off"
                            node_ref=input_ref
                            aria-describedby="answer-note"
                            prop:value=move || practice.input.get()
                            on:input=move |ev| practice.input.set(event_target_value(&ev))
                        />
                        <button type="submit" class="button button--primary">{t!(i18n, check)}</button>
                    </div>
                    <NumberPad
                        on_key=on_pad
                        decimal=Signal::derive(move || if lang.get() == Lang::Es { ',' } else { '.' })
                        enabled=Signal::derive(move || matches!(practice.screen.get(), Screen::Item))
                    />
                </form>
            }
            .into_any(),
        };
        view! {
            <section class="item" aria-labelledby="item-prompt">
                <div class="item__meta">
                    {move || {
                        if placement() {
                            t_string!(i18n, placement_progress, n = number()).to_string()
                        } else {
                            t_string!(i18n, question_of, n = number()).to_string()
                        }
                    }}
                    {move || skill_line().filter(|_| !placement()).map(|(text, class)| view! { <span class=format!("mastery {class}")>{text}</span> })}
                </div>
                <div
                    class="progress"
                    role="progressbar"
                    aria-label=move || t_string!(i18n, progress_label).to_string()
                    aria-valuemin="0"
                    aria-valuemax="100"
                    aria-valuenow=move || format!("{:.0}", progress() * 100.0)
                >
                    <div class="progress__bar" style:width=move || format!("{:.0}%", progress() * 100.0)></div>
                </div>
                <p class="item__prompt" id="item-prompt"><PromptView prompt=it.prompt.clone() lang=lang.get_untracked() /></p>
                <Show when=move || practice.asks_sureness()>
                    <fieldset class="sureness">
                        <legend>{t!(i18n, sure_question)}</legend>
                        {[(Sureness::Guessing, 0), (Sureness::Unsure, 1), (Sureness::Sure, 2)]
                            .into_iter()
                            .map(|(s, k)| view! {
                                <button type="button" class="button button--small" on:click=move |_| practice.set_sureness(s)>
                                    {move || match k { 0 => t_string!(i18n, sure_guessing), 1 => t_string!(i18n, sure_unsure), _ => t_string!(i18n, sure_sure) }.to_string()}
                                </button>
                            })
                            .collect_view()}
                    </fieldset>
                </Show>
                {answer_view}
                <p id="answer-note" class="field__error" role="status">{note}</p>
                <div class="actions">
                    <button type="button" class="button" on:click=move |_| {
                        speak_item(&speak, lang.get_untracked());
                        practice.read_aloud_used();
                    }>
                        {t!(i18n, read_aloud)}
                    </button>
                    <Show when=move || !placement() && practice.hints_shown() < hint_count>
                        <button type="button" class="button" on:click=move |_| practice.hint(hint_count)>{t!(i18n, hint)}</button>
                    </Show>
                    <Show when=placement>
                        <button type="button" class="button skip-button" on:click=move |_| practice.skip(lang.get_untracked())>{t!(i18n, placement_skip)}</button>
                    </Show>
                    <Show when=move || !placement()>
                        <button type="button" class="button" on:click=move |_| practice.end()>{t!(i18n, end_session)}</button>
                    </Show>
                </div>
                <ol class="hints" aria-live="polite">
                    {move || {
                        let shown = practice.hints_shown() as usize;
                        hints
                            .iter()
                            .take(shown)
                            .enumerate()
                            .map(|(i, h)| view! {
                                <li><strong>{t_string!(i18n, hint_n, n = i + 1).to_string()}</strong>" "<PromptView prompt=h.clone() lang=lang.get_untracked() /></li>
                            })
                            .collect_view()
                    }}
                </ol>
            </section>
        }
        .into_any()
    }
}

#[component]
fn FeedbackScreen(practice: Practice) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let Screen::Feedback(f) = practice.screen.get_untracked() else { return ().into_any() };
    focus_later("next-button".into());
    let done = practice.progress.with_untracked(|p| p.session.as_ref().is_none_or(|s| s.is_complete()));
    let next_label = move || {
        if f.placement_finished {
            t_string!(i18n, placement_done).to_string()
        } else if done {
            t_string!(i18n, see_summary).to_string()
        } else {
            t_string!(i18n, next_question).to_string()
        }
    };
    let answer = f.answer_text.clone();
    let change = f.level_change.clone();
    let solution = f.solution.clone();
    let correct = f.correct;
    let misconception = f.misconception.clone();
    view! {
        <section class="feedback" aria-live="assertive">
            <p class=if correct { "feedback__verdict feedback__verdict--correct" } else { "feedback__verdict feedback__verdict--incorrect" } role="status">
                <span aria-hidden="true">{if correct { "✔ " } else { "✖ " }}</span>
                {move || if correct {
                    t_string!(i18n, feedback_correct).to_string()
                } else {
                    t_string!(i18n, feedback_incorrect, answer = answer.clone()).to_string()
                }}
            </p>
            {misconception.map(|m| view! { <p class="feedback__misconception">{m}</p> })}
            {(!correct).then(|| view! {
                <div class="feedback__solution">
                    <h2>{t!(i18n, worked_solution)}</h2>
                    <ol>{solution.iter().map(|s| view! { <li><PromptView prompt=s.clone() lang=lang.get_untracked() /></li> }).collect_view()}</ol>
                </div>
            })}
            {change.map(|c| {
                let level = c.to;
                view! {
                    <p class=format!("level-change mastery {}", level.class())>
                        <strong>{move || t_string!(i18n, level_now, skill = skill_name(&c.skill, lang.get()), level = level.name(lang.get())).to_string()}</strong>
                        " "
                        {move || c.reason.message(lang.get())}
                    </p>
                }
            })}
            <button type="button" id="next-button" class="button button--primary button--large" on:click=move |_| practice.next()>
                {next_label}
            </button>
        </section>
    }
    .into_any()
}

#[component]
fn SummaryScreen(practice: Practice) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let Screen::Summary(s) = practice.screen.get_untracked() else { return ().into_any() };
    let feeling = RwSignal::new(Feeling::Good);
    let sure = RwSignal::new(Sureness::Unsure);
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let summary = s.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match Reflection::new(clock::now(), feeling.get_untracked(), sure.get_untracked(), &note.get_untracked(), &summary) {
            Ok(r) => {
                if let Err(e) = practice.reflect(r) {
                    error.set(Some(e.message(lang.get_untracked())));
                }
            }
            Err(e) => error.set(Some(e.message(lang.get_untracked()))),
        }
    };
    let feeling_name = move |f: Feeling| {
        match f {
            Feeling::Tough => t_string!(i18n, feeling_tough),
            Feeling::Meh => t_string!(i18n, feeling_meh),
            Feeling::Okay => t_string!(i18n, feeling_okay),
            Feeling::Good => t_string!(i18n, feeling_good),
            Feeling::Great => t_string!(i18n, feeling_great),
        }
        .to_string()
    };
    let percent = (s.accuracy * 100.0).round() as u32;
    let minutes = format!("{:.1}", s.minutes);
    let moves = s.moves.clone();
    view! {
        <section class="summary" aria-labelledby="summary-title">
            <h2 id="summary-title">{t!(i18n, summary_title)}</h2>
            <ul class="summary__figures">
                <li>{t_string!(i18n, summary_questions, n = s.questions).to_string()}</li>
                <li>{t_string!(i18n, summary_correct, n = s.correct, percent = percent).to_string()}</li>
                <li>{t_string!(i18n, summary_time, minutes = minutes.clone()).to_string()}</li>
                <li class="summary__xp">{t_string!(i18n, summary_xp, xp = s.xp).to_string()}</li>
            </ul>
            {(!moves.is_empty()).then(|| view! {
                <h3>{t!(i18n, summary_moved)}</h3>
                <ul class="summary__moves">
                    {moves.iter().map(|m| view! {
                        <li><strong>{skill_name(&m.skill, lang.get_untracked())}": "</strong>{format!("{} → {}. ", m.from, m.to)}{m.reason.clone()}</li>
                    }).collect_view()}
                </ul>
            })}
            <form class="reflection" on:submit=save>
                <h3>{t!(i18n, reflect_title)}</h3>
                <fieldset>
                    <legend>{t!(i18n, reflect_feeling)}</legend>
                    <div class="faces">
                        {Feeling::ALL.into_iter().map(|f| view! {
                            <label class="face">
                                <input type="radio" name="feeling" prop:checked=move || feeling.get() == f on:change=move |_| feeling.set(f) />
                                <span aria-hidden="true" class="face__emoji">{feeling_face(f)}</span>
                                <span class="face__name">{move || feeling_name(f)}</span>
                            </label>
                        }).collect_view()}
                    </div>
                </fieldset>
                <fieldset>
                    <legend>{t!(i18n, reflect_sure)}</legend>
                    {[(Sureness::Guessing, 0), (Sureness::Unsure, 1), (Sureness::Sure, 2)].into_iter().map(|(v, k)| view! {
                        <label class="choice">
                            <input type="radio" name="sure" prop:checked=move || sure.get() == v on:change=move |_| sure.set(v) />
                            <span>{move || match k { 0 => t_string!(i18n, sure_guessing), 1 => t_string!(i18n, sure_unsure), _ => t_string!(i18n, sure_sure) }.to_string()}</span>
                        </label>
                    }).collect_view()}
                </fieldset>
                <div class="field">
                    <label for="reflection-note">{t!(i18n, reflect_note)}</label>
                    <textarea id="reflection-note" rows="2" maxlength="280" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                </div>
                <p class="field__error" role="alert">{move || error.get()}</p>
                <button type="submit" class="button button--primary">{t!(i18n, reflect_save)}</button>
            </form>
        </section>
    }
    .into_any()
}

#[allow(dead_code)]
fn mastery_levels() -> [MasteryLevel; 5] {
    MasteryLevel::ALL
}
