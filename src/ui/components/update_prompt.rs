//! A small, non-blocking notice that a new version of Waypoint is ready, with "Update" and
//! "Later". It waits for a calm moment: it is not shown on the practice page, so a session
//! is never interrupted, and nothing reloads until someone clicks "Update". Mounted once in
//! `App`; the service worker itself is `platform::service_worker`.

use crate::i18n::*;
use crate::platform::service_worker;
use crate::ui::state::AppContext;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn UpdatePrompt() -> impl IntoView {
    let i18n = use_i18n();
    let app = AppContext::expect();
    let ready = RwSignal::new(false);
    let later = RwSignal::new(false);
    service_worker::register(app.base, move || ready.set(true));
    let location = use_location();
    // Practice is never interrupted; the notice waits until the learner leaves it.
    let calm = move || !location.pathname.with(|p| p.ends_with("/practice"));
    view! {
        <Show when=move || ready.get() && !later.get() && calm()>
            <aside class="update-prompt" aria-labelledby="update-prompt-text">
                <p id="update-prompt-text" role="status">{t!(i18n, update_ready)}</p>
                <div class="update-prompt__actions">
                    <button type="button" class="button button--primary" on:click=move |_| service_worker::apply_update()>
                        {t!(i18n, update_now)}
                    </button>
                    <button type="button" class="button" on:click=move |_| later.set(true)>
                        {t!(i18n, update_later)}
                    </button>
                </div>
            </aside>
        </Show>
    }
}
