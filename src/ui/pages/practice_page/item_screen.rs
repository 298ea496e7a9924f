//! One item on screen: its prompt (read aloud on request or by choice), hints, the answer
//! (typed, on the number pad, or chosen), sureness, and skipping.

use crate::i18n::*;
use crate::platform::speech;
use crate::ui::components::learner_card::focus_later;
use crate::ui::components::math_view::{PromptView, math_row};
use crate::ui::components::number_pad::{NumberPad, PadKey};
use crate::ui::lang::use_lang;
use crate::ui::practice::{Practice, Screen, skill_name};
use leptos::prelude::*;
use waypoint_core::Lang;
use waypoint_core::content::{Answer, Check, Item};
use waypoint_core::session::Sureness;

#[component]
pub(super) fn ItemScreen(practice: Practice, rehearsal: bool) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let item = Memo::new(move |_| practice.current_item(lang.get()));
    if !rehearsal {
        // While the child reads, the first answer of this page load is rehearsed.
        super::super::rehearsal::answer(practice, lang.get_untracked());
    }
    let input_ref = NodeRef::<leptos::html::Input>::new();
    // A choice item has no answer box: its first option takes the focus instead.
    let first_option = NodeRef::<leptos::html::Button>::new();
    // The answer box, or the first option, after the next render: as the item appears, and
    // when what had the focus goes (the "how sure" question answered, the last hint shown).
    let focus_answer = move || {
        if rehearsal {
            return;
        }
        request_animation_frame(move || {
            if let Some(el) = input_ref.get_untracked() {
                let _ = el.focus();
            } else if let Some(el) = first_option.get_untracked() {
                let _ = el.focus();
            }
        });
    };
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
                speak_item(&it, lang.get_untracked(), &|n| t_string!(i18n, read_option, n = n).to_string());
            }
        });
        focus_answer();
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
                        // Its name in words ("3 over 4"): a screen reader does not name a
                        // button from the MathML inside it.
                        let name = waypoint_core::content::Prompt::text(String::new()).then_math(m.clone()).spoken(lang.get_untracked()).trim().to_string();
                        let node = if i == 0 { first_option } else { NodeRef::new() };
                        view! {
                            <li>
                                <button type="button" class="option" aria-label=name node_ref=node on:keydown=ignore_held_key on:click=move |_| practice.submit(&i.to_string(), lang.get_untracked())>
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
                                <button type="button" class="button button--small" on:click=move |_| {
                                    practice.set_sureness(s);
                                    focus_answer();
                                }>
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
                        speak_item(&speak, lang.get_untracked(), &|n| t_string!(i18n, read_option, n = n).to_string());
                        practice.read_aloud_used();
                    }>
                        {t!(i18n, read_aloud)}
                    </button>
                    <Show when=move || !placement() && practice.hints_shown() < hint_count>
                        <button type="button" class="button" on:click=move |_| {
                            practice.hint(hint_count);
                            // The last hint takes its button away: back to the answer.
                            if practice.hints_shown() >= hint_count {
                                focus_answer();
                            }
                        }>{t!(i18n, hint)}</button>
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


/// A key held down from the previous screen (Enter on "Next question") repeats: it must not
/// choose the option that has the focus as the item appears.
fn ignore_held_key(ev: leptos::ev::KeyboardEvent) {
    if ev.repeat() {
        ev.prevent_default();
    }
}

/// Reads the item aloud; a choice item's options as "Option 1: 9" (`option`, in the
/// page's language), not "1. 9.".
fn speak_item(item: &Item, lang: Lang, option: &dyn Fn(usize) -> String) {
    let mut text = item.prompt.spoken(lang);
    if let Answer::Choice { options, .. } = &item.answer {
        for (i, o) in options.iter().enumerate() {
            let p = waypoint_core::content::Prompt::text(option(i + 1)).then_math(o.math.clone());
            text.push_str(". ");
            text.push_str(&p.spoken(lang));
        }
    }
    speech::speak(&text, lang);
}
