//! Two toggle buttons, English and Español, for whoever's language is being chosen.

use crate::i18n::*;
use leptos::prelude::*;
use waypoint_core::Lang;

/// A labelled group of language buttons; the current one is pressed.
#[component]
pub fn LanguageSwitch(
    /// The language in force.
    #[prop(into)]
    current: Signal<Lang>,
    /// Accessible name of the group ("Language", "Language for Sam").
    #[prop(into)]
    label: Signal<String>,
    /// Called with the chosen language.
    on_change: Callback<Lang>,
) -> impl IntoView {
    let i18n = use_i18n();
    let button = move |lang: Lang| {
        let name = move || match lang {
            Lang::En => t_string!(i18n, language_en).to_string(),
            Lang::Es => t_string!(i18n, language_es).to_string(),
        };
        view! {
            <button
                type="button"
                class="toggle"
                lang=lang.tag()
                aria-pressed=move || (current.get() == lang).to_string()
                on:click=move |_| on_change.run(lang)
            >
                {name}
            </button>
        }
    };
    view! {
        <div class="language-switch" role="group" aria-label=move || label.get()>
            {button(Lang::En)}
            {button(Lang::Es)}
        </div>
    }
}
