//! A learner's home: greeting and the ways in (practice, skills, badges, profile,
//! grown-ups), plus the learner's own language. The start screen rehearses it
//! (`super::rehearsal`) so that tapping a card is quick on a slow device.

use super::use_current_learner;
use crate::i18n::*;
use crate::ui::actions;
use crate::ui::components::{AvatarPicture, LanguageSwitch, MotivationPanel};
use crate::ui::lang::{show_language, to_locale, use_lang};
use crate::ui::routes::LearnerPage;
use crate::ui::state::AppContext;
use leptos::prelude::*;
use waypoint_core::learner::{Avatar, Learner};
use waypoint_core::{Lang, LearnerId};

#[component]
pub fn HomePage() -> impl IntoView {
    let learner = use_current_learner();
    view! { <LearnerHome learner=learner.into() rehearsal=false /> }
}

/// A learner's home. `rehearsal`: built by `super::rehearsal::home`, never shown, so it
/// moves no focus, changes no language and leaves the progress panel out.
#[component]
pub(super) fn LearnerHome(learner: Signal<Option<Learner>>, rehearsal: bool) -> impl IntoView {
    let i18n = use_i18n();
    let app = AppContext::expect();
    let lang = use_lang();
    let heading = NodeRef::<leptos::html::H1>::new();
    // The learner's progress (read from their record and drawn in many parts) comes once
    // the greeting and the ways in are on screen: on a slow device the home is usable
    // sooner. Until then a space of about its size keeps what follows from jumping.
    let progress_shown = RwSignal::new(false);
    if !rehearsal {
        super::focus_heading(heading);
        crate::platform::after_paint(move || {
            let _ = progress_shown.try_set(true);
        });
        // After the panel, at a later idle moment: the practice screen (the way in most taken).
        if let Some(l) = learner.get_untracked() {
            super::rehearsal::practice(l);
        }
        // The learner's own language wins, then the device's.
        show_language(learner.get_untracked().and_then(|l| l.language).unwrap_or_else(|| app.device_language()));
    }

    move || match learner.get() {
        None => view! { <super::not_found_page::LearnerMissing /> }.into_any(),
        Some(l) => {
            let id = l.id.clone();
            let name = l.name.as_str().to_string();
            let avatar: Signal<Avatar> = Signal::derive(move || learner.get().map(|l| l.avatar).unwrap_or_default());
            let on_language = {
                let id = id.clone();
                Callback::new(move |lang: Lang| {
                    let _ = actions::set_learner_language(app, &id, lang);
                    i18n.set_locale(to_locale(lang));
                })
            };
            let card = |page: LearnerPage, id: &LearnerId| {
                let (title, desc) = match page {
                    LearnerPage::Practice => (t_string!(i18n, nav_practice), t_string!(i18n, nav_practice_desc)),
                    LearnerPage::Skills => (t_string!(i18n, nav_skills), t_string!(i18n, nav_skills_desc)),
                    LearnerPage::Badges => (t_string!(i18n, nav_badges), t_string!(i18n, nav_badges_desc)),
                    LearnerPage::Profile => (t_string!(i18n, nav_profile), t_string!(i18n, nav_profile_desc)),
                    _ => (t_string!(i18n, nav_grownups), t_string!(i18n, nav_grownups_desc)),
                };
                view! {
                    <li>
                        <a href=app.href(&page.href(id)) class=format!("nav-card nav-card--{}", page.segment())>
                            <span class="nav-card__title">{title.to_string()}</span>
                            <span class="nav-card__desc">{desc.to_string()}</span>
                        </a>
                    </li>
                }
            };
            let name_for_label = name.clone();
            view! {
                <div class="page home-page">
                    <header class="home-page__header">
                        <AvatarPicture avatar=avatar size=96 />
                        <div>
                            <h1 tabindex="-1" node_ref=heading>{t!(i18n, home_greeting, name = name.clone())}</h1>
                            <p>{t!(i18n, home_intro)}</p>
                        </div>
                    </header>
                    {crate::ui::grownups::assignment(app, &id).and_then(|a| {
                        let cat = crate::ui::practice::catalog()?;
                        let skill = cat.skill(&a.skill)?;
                        let href = app.href(&format!("{}&s={}", LearnerPage::Practice.href(&id), a.skill));
                        Some(view! {
                            <aside class="assigned banner banner--info" aria-labelledby="assigned-title">
                                <h2 id="assigned-title" class="assigned__title">{t!(i18n, assigned_title)}</h2>
                                <p>{move || t_string!(i18n, assigned_text, skill = skill.name(lang.get())).to_string()}</p>
                                <a href=href class="button button--primary">{t!(i18n, assigned_practise)}</a>
                            </aside>
                        })
                    })}
                    <nav aria-label=move || t_string!(i18n, nav_label).to_string()>
                        <ul class="nav-cards">
                            {card(LearnerPage::Practice, &id)}
                            {card(LearnerPage::Skills, &id)}
                            {card(LearnerPage::Badges, &id)}
                            {card(LearnerPage::Profile, &id)}
                            {card(LearnerPage::Grownups, &id)}
                        </ul>
                    </nav>
                    {
                        let id = id.clone();
                        view! {
                            <Show when=move || progress_shown.get() fallback=|| view! { <div class="motivation-placeholder" aria-hidden="true"></div> }>
                                <MotivationPanel id=id.clone() />
                            </Show>
                        }
                    }
                    <div class="home-page__footer">
                        <LanguageSwitch
                            current=lang
                            label=Signal::derive(move || t_string!(i18n, learner_language, name = name_for_label.clone()).to_string())
                            on_change=on_language
                        />
                        <a href=app.href("/") class="button">{t!(i18n, switch_learner)}</a>
                    </div>
                </div>
            }
                .into_any()
        }
    }
}
