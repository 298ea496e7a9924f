//! The app root: loads state, provides the store and i18n, lays out the shell and routes.

use super::pages::{BadgesPage, ClassPage, DataPage, GrownupsPage, ReportPage, HomePage, NotFoundPage, PracticePage, PrivacyPage, ProfilePage, SkillsPage, StartPage};
use super::persist;
use super::state::{AppContext, AppStateStoreFields};
use crate::i18n::*;
use crate::platform;
use crate::ui::components::{Celebrations, StorageBanner, UpdatePrompt};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use reactive_stores::Store;

#[component]
pub fn App() -> impl IntoView {
    let (initial, vault) = persist::open();
    let state = Store::new(initial);
    let vault = StoredValue::new_local(vault);
    // Computed once per page load; leaked so the Copy context can hold it.
    let base: &'static str = Box::leak(platform::base::app_base().into_boxed_str());
    let app = AppContext { state, vault, base, rehearsal: false };
    provide_context(app);
    persist::use_storage_sync(app);
    if platform::self_test_panic_requested() {
        // `?selftest=panic` proves the recovery screen in the e2e tier; it reads nothing
        // and writes nothing.
        panic!("self-test panic requested");
    }
    view! {
        <I18nContextProvider>
            <Shell />
        </I18nContextProvider>
    }
}

/// Applies the current learner's display preferences (larger text, dyslexia-friendly font,
/// high contrast, reduced motion) to every page, and removes them on the start screen.
#[component]
fn PreferencesApplier() -> impl IntoView {
    let app = AppContext::expect();
    let query = leptos_router::hooks::use_query_map();
    Effect::new(move |_| {
        let _ = app.state.prefs_rev().get();
        let id = query.with(|q| q.get("l")).and_then(|s| waypoint_core::LearnerId::parse(&s));
        super::profile::apply(app, id.as_ref());
    });
}

#[component]
fn Shell() -> impl IntoView {
    let i18n = use_i18n();
    let app = AppContext::expect();
    let base = app.base;
    let skip = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if let Some(main) = document().get_element_by_id("main")
            && let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(main)
        {
            let _ = el.focus();
        }
    };
    view! {
        <a class="skip-link" href="#main" on:click=skip>{t!(i18n, skip_to_content)}</a>
        <Router base=base>
            <StorageBanner />
            <main id="main" tabindex="-1">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=StartPage />
                    <Route path=path!("/home") view=HomePage />
                    <Route path=path!("/data") view=DataPage />
                    <Route path=path!("/practice") view=PracticePage />
                    <Route path=path!("/skills") view=SkillsPage />
                    <Route path=path!("/badges") view=BadgesPage />
                    <Route path=path!("/profile") view=ProfilePage />
                    <Route path=path!("/grownups") view=GrownupsPage />
                    <Route path=path!("/report") view=ReportPage />
                    <Route path=path!("/class") view=ClassPage />
                    <Route path=path!("/privacy") view=PrivacyPage />
                </Routes>
            </main>
            <UpdatePrompt />
            <Celebrations />
            <PreferencesApplier />
        </Router>
        <div class="visually-hidden" role="status" aria-live="polite">
            {move || app.state.announcement().get()}
        </div>
    }
}
