//! The start screen: who is practising? Learner cards, a new-learner form, the device's
//! language.

use crate::i18n::*;
use crate::ui::actions;
use crate::ui::components::learner_card::focus_later;
use crate::ui::components::{FamilyGoalForm, LanguageSwitch, LearnerCard, LearnerForm};
use crate::ui::lang::{show_language, use_lang};
use crate::ui::state::{AppContext, AppStateStoreFields};
use leptos::prelude::*;
use leptos_router::components::A;
use waypoint_core::Lang;

#[component]
pub fn StartPage() -> impl IntoView {
    let i18n = use_i18n();
    let app = AppContext::expect();
    let lang = use_lang();
    show_language(app.device_language());
    let ids = Memo::new(move |_| app.state.device().with(|d| d.learners.iter().map(|l| l.id.clone()).collect::<Vec<_>>()));
    let can_manage = Signal::derive(move || app.state.health().with(|h| h.can_write()));
    let form_open = RwSignal::new(app.state.device().with_untracked(|d| d.learners.is_empty()));
    let heading = NodeRef::<leptos::html::H1>::new();
    super::focus_heading(heading);
    // The first card is the likeliest tap: its home is rehearsed while the device is idle.
    if let Some(first) = app.state.device().with_untracked(|d| d.learners.first().cloned()) {
        super::rehearsal::home(first);
    }

    let on_language = Callback::new(move |l: Lang| {
        // Shown at once; if it cannot be stored, the banner says so.
        let _ = actions::set_device_language(app, l);
        i18n.set_locale(crate::ui::lang::to_locale(l));
    });
    let on_created = Callback::new(move |l: waypoint_core::learner::Learner| {
        form_open.set(false);
        actions::announce(app, t_string!(i18n, learner_created, name = l.name.as_str()).to_string());
        focus_later(format!("learner-{}", l.id));
    });
    let on_cancel = Callback::new(move |_| {
        form_open.set(false);
        focus_later("add-learner".into());
    });

    view! {
        <div class="page start-page">
            <header class="start-page__header">
                <p class="brand">{t!(i18n, app_name)}</p>
                <h1 tabindex="-1" node_ref=heading>{t!(i18n, start_title)}</h1>
                <p class="tagline">{t!(i18n, tagline)}</p>
                <LanguageSwitch
                    current=lang
                    label=Signal::derive(move || t_string!(i18n, language).to_string())
                    on_change=on_language
                />
            </header>
            <Show
                when=move || !ids.get().is_empty()
                fallback=move || view! { <p class="empty">{t!(i18n, start_empty)}</p> }
            >
                <ul class="learner-cards" aria-label=move || t_string!(i18n, learners_label).to_string()>
                    <For each=move || ids.get() key=|id| id.clone() let:id>
                        <LearnerCard id=id can_manage=can_manage />
                    </For>
                </ul>
            </Show>
            <Show when=move || can_manage.get()>
                <Show
                    when=move || form_open.get()
                    fallback=move || {
                        view! {
                            <button
                                type="button"
                                id="add-learner"
                                class="button button--primary button--large"
                                on:click=move |_| {
                                    form_open.set(true);
                                    focus_later("learner-name".into());
                                }
                            >
                                {t!(i18n, add_learner)}
                            </button>
                        }
                    }
                >
                    <LearnerForm on_created=on_created on_cancel=on_cancel />
                </Show>
            </Show>
            <Show when=move || can_manage.get() && ids.with(|i| i.len() >= 2)>
                <FamilyGoalForm />
            </Show>
            <footer class="start-page__footer">
                <A href=app.href("/data") attr:class="button">{t!(i18n, data_link)}</A>
                <A href=app.href("/class") attr:class="button">{t!(i18n, class_link)}</A>
                <A href=app.href("/privacy")>{t!(i18n, privacy_link)}</A>
            </footer>
        </div>
    }
}
