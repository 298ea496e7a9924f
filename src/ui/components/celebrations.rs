//! Celebrations (level-ups, goals met, streaks, badges): small notes in a corner that never
//! block practice. They pop in with a short CSS animation, or under
//! `prefers-reduced-motion` appear with a calm highlight; the polite live region announces
//! them. Each can be closed, and leaves by itself after a while (all of it stays on the
//! badges page and the home).

use crate::i18n::*;
use crate::ui::lang::use_lang;
use crate::ui::motivation;
use crate::ui::state::{AppContext, AppStateStoreFields, CelebrationNote};
use leptos::prelude::*;
use std::time::Duration;
use waypoint_core::motivation::badges::BadgeDef;

/// How long a celebration stays unless closed.
const SHOWN_FOR: Duration = Duration::from_secs(12);

#[component]
pub fn Celebrations() -> impl IntoView {
    let app = AppContext::expect();
    let i18n = use_i18n();
    // A labelled region while there is something to celebrate (content outside any
    // landmark is easy to miss with a screen reader's landmark list).
    view! {
        <Show when=move || app.state.celebrations().with(|c| !c.is_empty())>
            <section class="celebrations" aria-label=move || t_string!(i18n, celebrations_label).to_string()>
                <For each=move || app.state.celebrations().get() key=|n| n.id let:note>
                    <CelebrationToast note=note />
                </For>
            </section>
        </Show>
    }
}

#[component]
fn CelebrationToast(note: CelebrationNote) -> impl IntoView {
    let app = AppContext::expect();
    let i18n = use_i18n();
    let lang = use_lang();
    let id = note.id;
    set_timeout(move || motivation::dismiss(app, id), SHOWN_FOR);
    let picture = note.badge.and_then(BadgeDef::by_id).map(|d| d.svg(lang.get_untracked()));
    view! {
        <div class="celebration" data-badge=note.badge.unwrap_or("")>
            {picture.map(|svg| view! { <span class="celebration__badge" aria-hidden="true" inner_html=svg></span> })}
            <div class="celebration__text">
                <p class="celebration__title">{note.title.clone()}</p>
                {note.detail.clone().map(|d| view! { <p class="celebration__detail">{d}</p> })}
            </div>
            <button
                type="button"
                class="celebration__close"
                aria-label=move || t_string!(i18n, celebration_close).to_string()
                on:click=move |_| motivation::dismiss(app, id)
            >
                "×"
            </button>
        </div>
    }
}
