//! The new-learner form: name, picture, grade band. Checks go through the core; a bad
//! name gets its message beside the field and nothing is saved.

use super::avatar::AvatarPicture;
use crate::i18n::*;
use leptos_i18n::I18nContext;
use crate::ui::actions::{self, ActionError};
use crate::ui::lang::use_lang;
use crate::ui::state::AppContext;
use leptos::prelude::*;
use waypoint_core::learner::{Avatar, GradeBand, Learner, NewLearner};

/// The i18n name of an avatar.
pub fn avatar_name(i18n: I18nContext<Locale>, a: Avatar) -> String {
    match a {
        Avatar::Fox => t_string!(i18n, avatar_fox),
        Avatar::Owl => t_string!(i18n, avatar_owl),
        Avatar::Turtle => t_string!(i18n, avatar_turtle),
        Avatar::Cat => t_string!(i18n, avatar_cat),
        Avatar::Robot => t_string!(i18n, avatar_robot),
        Avatar::Rocket => t_string!(i18n, avatar_rocket),
        Avatar::Dragon => t_string!(i18n, avatar_dragon),
        Avatar::Panda => t_string!(i18n, avatar_panda),
        Avatar::Octopus => t_string!(i18n, avatar_octopus),
        Avatar::Bee => t_string!(i18n, avatar_bee),
        Avatar::Whale => t_string!(i18n, avatar_whale),
        Avatar::Star => t_string!(i18n, avatar_star),
    }
    .to_string()
}

fn grade_name(i18n: I18nContext<Locale>, g: GradeBand) -> String {
    match g {
        GradeBand::K2 => t_string!(i18n, grade_k2),
        GradeBand::G35 => t_string!(i18n, grade_g35),
        GradeBand::G68 => t_string!(i18n, grade_g68),
    }
    .to_string()
}

/// The form. `on_created` receives the new learner; `on_cancel` closes the form.
#[component]
pub fn LearnerForm(on_created: Callback<Learner>, on_cancel: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let app = AppContext::expect();
    let lang = use_lang();
    let name = RwSignal::new(String::new());
    let avatar = RwSignal::new(Avatar::Fox);
    let grade = RwSignal::new(GradeBand::G35);
    let error = RwSignal::new(None::<ActionError>);
    let name_input = NodeRef::<leptos::html::Input>::new();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = NewLearner { name: name.get_untracked(), avatar: avatar.get_untracked(), grade_band: grade.get_untracked() };
        match actions::create_learner(app, &form) {
            Ok(learner) => {
                error.set(None);
                name.set(String::new());
                on_created.run(learner);
            }
            Err(e) => {
                error.set(Some(e));
                if let Some(input) = name_input.get_untracked() {
                    let _ = input.focus();
                }
            }
        }
    };
    let error_text = move || {
        error.get().map(|e| e.message(lang.get()))
    };

    view! {
        <form class="learner-form" on:submit=submit novalidate>
            <h2 id="new-learner-title">{t!(i18n, new_learner_title)}</h2>
            <div class="field">
                <label for="learner-name">{t!(i18n, name_label)}</label>
                <p class="field__hint" id="learner-name-hint">{t!(i18n, name_hint)}</p>
                <input
                    id="learner-name"
                    name="learner-name"
                    type="text"
                    autocomplete="off"
                    node_ref=name_input
                    aria-describedby="learner-name-hint learner-name-error"
                    aria-invalid=move || error.get().is_some().to_string()
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
                <p class="field__error" id="learner-name-error" role="alert">{error_text}</p>
            </div>
            <fieldset class="avatar-picker">
                <legend>{t!(i18n, avatar_label)}</legend>
                <div class="avatar-picker__grid">
                    {Avatar::ALL
                        .into_iter()
                        .map(|a| {
                            view! {
                                <label class="avatar-choice">
                                    <input
                                        type="radio"
                                        name="avatar"
                                        value=a.key()
                                        prop:checked=move || avatar.get() == a
                                        on:change=move |_| avatar.set(a)
                                    />
                                    <AvatarPicture avatar=a size=56 />
                                    <span class="avatar-choice__name">{move || avatar_name(i18n, a)}</span>
                                </label>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
            <fieldset class="grade-picker">
                <legend>{t!(i18n, grade_label)}</legend>
                {GradeBand::ALL
                    .into_iter()
                    .map(|g| {
                        view! {
                            <label class="choice">
                                <input
                                    type="radio"
                                    name="grade"
                                    value=g.key()
                                    prop:checked=move || grade.get() == g
                                    on:change=move |_| grade.set(g)
                                />
                                <span>{move || grade_name(i18n, g)}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <div class="actions">
                <button type="submit" class="button button--primary">{t!(i18n, create)}</button>
                <button type="button" class="button" on:click=move |_| on_cancel.run(())>{t!(i18n, cancel)}</button>
            </div>
        </form>
    }
}
