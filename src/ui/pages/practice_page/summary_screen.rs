//! The session's summary: what was practised and what moved, and the reflection.

use crate::i18n::*;
use crate::platform::clock;
use crate::ui::lang::use_lang;
use crate::ui::practice::{Practice, Screen, feeling_face, skill_name};
use leptos::prelude::*;
use waypoint_core::error::UserMessage;
use waypoint_core::session::{Feeling, Reflection, Sureness};

#[component]
pub(super) fn SummaryScreen(practice: Practice) -> impl IntoView {
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
    let minutes = lang.get_untracked().decimal(s.minutes, 1);
    let moves = s.moves.clone();
    view! {
        <section class="summary" aria-labelledby="summary-title">
            <h2 id="summary-title" tabindex="-1">{t!(i18n, summary_title)}</h2>
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
