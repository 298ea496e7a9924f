//! Unknown addresses and unknown learners.

use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    let app = crate::ui::state::AppContext::expect();
    view! {
        <div class="page not-found-page">
            <h1>{t!(i18n, not_found_title)}</h1>
            <p>{t!(i18n, not_found_text)}</p>
            <A href=app.href("/") attr:class="button">{t!(i18n, back_start)}</A>
        </div>
    }
}

/// Shown when the address names a learner who is not on this device.
#[component]
pub fn LearnerMissing() -> impl IntoView {
    let i18n = use_i18n();
    let app = crate::ui::state::AppContext::expect();
    view! {
        <div class="page not-found-page">
            <h1>{t!(i18n, not_found_title)}</h1>
            <p>{t!(i18n, learner_missing)}</p>
            <A href=app.href("/") attr:class="button">{t!(i18n, back_start)}</A>
        </div>
    }
}
