//! What Waypoint does with learners' data (nothing leaves the device), in plain words.
//! Reachable from the start screen; the same statement is in README.md.

use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let i18n = use_i18n();
    let app = crate::ui::state::AppContext::expect();
    let heading = NodeRef::<leptos::html::H1>::new();
    super::focus_heading(heading);
    view! {
        <div class="page privacy-page">
            <h1 tabindex="-1" node_ref=heading>{t!(i18n, privacy_title)}</h1>
            <p>{t!(i18n, privacy_device)}</p>
            <p>{t!(i18n, privacy_network)}</p>
            <p>{t!(i18n, privacy_offline)}</p>
            <p>{t!(i18n, privacy_delete)}</p>
            <A href=app.href("/") attr:class="button">{t!(i18n, back_start)}</A>
        </div>
    }
}
