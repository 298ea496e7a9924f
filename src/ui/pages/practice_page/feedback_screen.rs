//! Feedback on an answer: right or not, the worked solution, what changed, and next.

use crate::i18n::*;
use crate::ui::components::learner_card::focus_later;
use crate::ui::components::math_view::PromptView;
use crate::ui::lang::use_lang;
use crate::ui::practice::{Practice, Screen, skill_name};
use leptos::prelude::*;

/// `rehearsal`: built off-stage by a rehearsal (`super::super::rehearsal`), so it moves no
/// focus.
#[component]
pub(super) fn FeedbackScreen(practice: Practice, rehearsal: bool) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let Screen::Feedback(f) = practice.screen.get_untracked() else { return ().into_any() };
    if !rehearsal {
        focus_later("next-button".into());
    }
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
    let skipped = f.skipped;
    let misconception = f.misconception.clone();
    view! {
        <section class="feedback" aria-live="assertive">
            <p class=if correct { "feedback__verdict feedback__verdict--correct" } else if skipped { "feedback__verdict feedback__verdict--skipped" } else { "feedback__verdict feedback__verdict--incorrect" } role="status">
                <span aria-hidden="true">{if correct { "✔ " } else if skipped { "" } else { "✖ " }}</span>
                {move || if correct {
                    t_string!(i18n, feedback_correct).to_string()
                } else if skipped {
                    t_string!(i18n, feedback_skipped, answer = answer.clone()).to_string()
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
