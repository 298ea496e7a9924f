//! The practice flow's first screen: placement's start, or the choice board and the session's length.

use crate::i18n::*;
use crate::platform::clock;
use crate::ui::lang::use_lang;
use crate::ui::practice::{Practice, catalog, skill_name};
use leptos::prelude::*;
use waypoint_core::engine::{StepReason, choice_board};
use waypoint_core::session::SessionLength;

#[component]
pub(super) fn StartScreen(practice: Practice) -> impl IntoView {
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
            <h2 id="board-title" tabindex="-1">{t!(i18n, board_title)}</h2>
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
