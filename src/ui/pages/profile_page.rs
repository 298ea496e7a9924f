//! The learner's own profile: what they like (it themes word problems), why they are
//! learning, how the app looks and reads for them (applied everywhere at once), their
//! strengths and the skills that need work with the evidence for each, their reflections,
//! and how sure they said they were against how often they were right. Every choice is
//! saved as soon as it is made.

use super::use_current_learner;
use crate::i18n::*;
use crate::platform::clock;
use crate::ui::lang::{show_language, use_lang};
use crate::ui::practice::{self as practice_data, feeling_face, skill_name, PracticePrefs};
use crate::ui::routes::LearnerPage;
use crate::ui::state::AppContext;
use crate::ui::components::{AvatarPicture, GoalsSection, LanguageSwitch};
use crate::ui::{motivation, profile};
use leptos::prelude::*;
use leptos_router::components::A;
use waypoint_core::content::Interest;
use waypoint_core::profile::{strengths_and_needs, Motivation, Profile, SkillEvidence};
use waypoint_core::rewards::ConfidenceTally;
use waypoint_core::session::{Reflection, Sureness};
use waypoint_core::{Lang, LearnerId};

#[component]
pub fn ProfilePage() -> impl IntoView {
    let i18n = use_i18n();
    let app = AppContext::expect();
    let learner = use_current_learner();
    let lang = use_lang();
    let heading = NodeRef::<leptos::html::H1>::new();
    super::focus_heading(heading);
    show_language(learner.get_untracked().and_then(|l| l.language).unwrap_or_else(|| app.device_language()));
    let who = Memo::new(move |_| learner.with(|l| l.as_ref().map(|l| (l.id.clone(), l.name.as_str().to_string(), l.grade_band))));
    move || match who.get() {
        None => view! { <super::not_found_page::LearnerMissing /> }.into_any(),
        Some((id, name, band)) => {
            let progress = practice_data::load(app, &id);
            let name_for_label = name.clone();
            let on_language = {
                let id = id.clone();
                Callback::new(move |l: Lang| {
                    let _ = crate::ui::actions::set_learner_language(app, &id, l);
                    i18n.set_locale(crate::ui::lang::to_locale(l));
                })
            };
            let confidence = motivation::load(app, &id).confidence;
            view! {
                <div class="page profile-page">
                    <header class="home-page__header">
                        <AvatarPicture avatar=Signal::derive(move || learner.get().map(|l| l.avatar).unwrap_or_default()) size=72 />
                        <h1 tabindex="-1" node_ref=heading>{t!(i18n, profile_title, name = name.clone())}</h1>
                    </header>
                    <Choices id=id.clone() auto_read=progress.prefs.auto_read />
                    <LanguageSwitch
                        current=lang
                        label=Signal::derive(move || t_string!(i18n, learner_language, name = name_for_label.clone()).to_string())
                        on_change=on_language
                    />
                    <Evidence model=progress.model.clone() />
                    <GoalsSection id=id.clone() band=band model=progress.model.clone() />
                    <Journal reflections=progress.reflections.clone() />
                    <ConfidenceChart tally=confidence />
                    <A href=app.href(&LearnerPage::Home.href(&id)) attr:class="button">
                        {t!(i18n, back_home, name = name.clone())}
                    </A>
                </div>
            }
            .into_any()
        }
    }
}

fn interest_name(i: Interest, lang: Lang) -> &'static str {
    match i {
        Interest::Animals => lang.pick("Animals", "Animales"),
        Interest::Sports => lang.pick("Sports", "Deportes"),
        Interest::Space => lang.pick("Space", "El espacio"),
        Interest::Music => lang.pick("Music", "Música"),
        Interest::Cooking => lang.pick("Cooking", "Cocina"),
        Interest::Games => lang.pick("Games", "Juegos"),
    }
}

fn interest_picture(i: Interest) -> &'static str {
    match i {
        Interest::Animals => "🐾",
        Interest::Sports => "⚽",
        Interest::Space => "🚀",
        Interest::Music => "🎵",
        Interest::Cooking => "🍳",
        Interest::Games => "🎲",
    }
}

/// Interests, motivations and preferences, each saved when changed.
#[component]
fn Choices(id: LearnerId, auto_read: bool) -> impl IntoView {
    let app = AppContext::expect();
    let i18n = use_i18n();
    let lang = use_lang();
    let current = RwSignal::new(profile::load(app, &id));
    let read_aloud = RwSignal::new(auto_read);
    let error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let id = StoredValue::new(id);
    let change = move |f: &dyn Fn(&mut Profile)| {
        let mut p = current.get_untracked();
        f(&mut p);
        match profile::save(app, &id.get_value(), &p) {
            Ok(()) => {
                current.set(p);
                error.set(None);
                saved.set(true);
            }
            Err(e) => error.set(Some(waypoint_core::error::UserMessage::message(&e, lang.get_untracked()))),
        }
    };
    let toggle = move |on: bool, f: fn(&mut Profile, bool)| change(&move |p: &mut Profile| f(p, on));
    let pref = move |key: &'static str, get: fn(&Profile) -> bool, set: fn(&mut Profile, bool), label: Signal<String>| {
        view! {
            <label class="choice">
                <input type="checkbox" id=format!("pref-{key}") prop:checked=move || current.with(get) on:change=move |ev| toggle(event_target_checked(&ev), set) />
                <span>{move || label.get()}</span>
            </label>
        }
    };
    view! {
        <section class="profile-section" aria-labelledby="likes-title">
            <h2 id="likes-title">{t!(i18n, profile_likes)}</h2>
            <p class="stat__hint">{t!(i18n, profile_likes_hint)}</p>
            <div class="interest-grid">
                {Interest::ALL.into_iter().map(|i| view! {
                    <label class="interest">
                        <input
                            type="checkbox"
                            name="interest"
                            value=i.key()
                            prop:checked=move || current.with(|p| p.interests.contains(&i))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                change(&move |p: &mut Profile| {
                                    let mut chosen = p.interests.clone();
                                    chosen.retain(|x| *x != i);
                                    if on {
                                        chosen.push(i);
                                    }
                                    p.set_interests(&chosen);
                                });
                            }
                        />
                        <span class="interest__picture" aria-hidden="true">{interest_picture(i)}</span>
                        <span>{move || interest_name(i, lang.get())}</span>
                    </label>
                }).collect_view()}
            </div>
        </section>
        <section class="profile-section" aria-labelledby="why-title">
            <h2 id="why-title">{t!(i18n, profile_why)}</h2>
            {Motivation::ALL.into_iter().map(|m| view! {
                <label class="choice">
                    <input
                        type="checkbox"
                        prop:checked=move || current.with(|p| p.motivations.contains(&m))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            change(&move |p: &mut Profile| {
                                let mut chosen = p.motivations.clone();
                                chosen.retain(|x| *x != m);
                                if on {
                                    chosen.push(m);
                                }
                                p.set_motivations(&chosen);
                            });
                        }
                    />
                    <span>{move || m.name(lang.get())}</span>
                </label>
            }).collect_view()}
        </section>
        <section class="profile-section" aria-labelledby="prefs-title">
            <h2 id="prefs-title">{t!(i18n, profile_prefs)}</h2>
            <label class="choice">
                <input
                    type="checkbox"
                    id="pref-read-aloud"
                    prop:checked=move || read_aloud.get()
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        match practice_data::save_prefs(app, &id.get_value(), PracticePrefs { auto_read: on }) {
                            Ok(()) => read_aloud.set(on),
                            Err(e) => error.set(Some(waypoint_core::error::UserMessage::message(&e, lang.get_untracked()))),
                        }
                    }
                />
                <span>{t!(i18n, auto_read)}</span>
            </label>
            {pref("larger-text", |p| p.prefs.larger_text, |p, on| p.prefs.larger_text = on, Signal::derive(move || t_string!(i18n, pref_larger_text).to_string()))}
            {pref("dyslexia-font", |p| p.prefs.dyslexia_font, |p, on| p.prefs.dyslexia_font = on, Signal::derive(move || t_string!(i18n, pref_dyslexia_font).to_string()))}
            {pref("high-contrast", |p| p.prefs.high_contrast, |p, on| p.prefs.high_contrast = on, Signal::derive(move || t_string!(i18n, pref_high_contrast).to_string()))}
            {pref("reduced-motion", |p| p.prefs.reduced_motion, |p, on| p.prefs.reduced_motion = on, Signal::derive(move || t_string!(i18n, pref_reduced_motion).to_string()))}
            {pref("share-reflections", |p| p.share_reflections, |p, on| p.share_reflections = on, Signal::derive(move || t_string!(i18n, pref_share_reflections).to_string()))}
            <p class="profile-status" role="status">
                {move || match (error.get(), saved.get()) {
                    (Some(e), _) => view! { <span class="field__error">{e}</span> }.into_any(),
                    (None, true) => view! { <span class="field__ok">{t!(i18n, profile_saved)}</span> }.into_any(),
                    _ => ().into_any(),
                }}
            </p>
        </section>
    }
}

/// Strengths and needs, each with its evidence in one line. About skills, never the child.
#[component]
fn Evidence(model: waypoint_core::engine::LearnerModel) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let (strong, needs) = strengths_and_needs(&model, 5);
    let row = move |e: SkillEvidence| {
        let skill = e.skill.clone();
        view! {
            <li>
                <strong>{move || skill_name(&skill, lang.get())}</strong>
                ": "
                {move || e.line(lang.get())}
            </li>
        }
    };
    let (strong_empty, needs_empty) = (strong.is_empty(), needs.is_empty());
    view! {
        <section class="profile-section" aria-labelledby="evidence-title">
            <h2 id="evidence-title">{t!(i18n, profile_evidence)}</h2>
            <div class="evidence">
                <div>
                    <h3>{t!(i18n, profile_strengths)}</h3>
                    {if strong_empty { view! { <p>{t!(i18n, profile_not_enough)}</p> }.into_any() } else {
                        view! { <ul class="evidence__strengths">{strong.into_iter().map(row).collect_view()}</ul> }.into_any()
                    }}
                </div>
                <div>
                    <h3>{t!(i18n, profile_needs)}</h3>
                    {if needs_empty { view! { <p>{t!(i18n, profile_no_needs)}</p> }.into_any() } else {
                        view! { <ul class="evidence__needs">{needs.into_iter().map(row).collect_view()}</ul> }.into_any()
                    }}
                </div>
            </div>
        </section>
    }
}

/// The reflections written at the end of sessions, newest first.
#[component]
fn Journal(reflections: Vec<Reflection>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let empty = reflections.is_empty();
    let mut list = reflections;
    list.reverse();
    list.truncate(30);
    view! {
        <section class="profile-section" aria-labelledby="journal-title">
            <h2 id="journal-title">{t!(i18n, profile_journal)}</h2>
            {if empty { view! { <p>{t!(i18n, profile_journal_empty)}</p> }.into_any() } else {
                view! {
                    <ul class="journal">
                        {list.into_iter().map(|r| {
                            let day = r.at.local_day(clock::utc_offset_minutes(r.at)).iso();
                            let sure = r.sureness;
                            view! {
                                <li>
                                    <span class="journal__face" aria-hidden="true">{feeling_face(r.feeling)}</span>
                                    <span>
                                        <strong>{day}</strong>
                                        " · "
                                        {move || t_string!(i18n, profile_journal_score, correct = r.correct, questions = r.questions).to_string()}
                                        " · "
                                        {move || sureness_name(sure, lang.get())}
                                        {r.note.clone().map(|n| view! { <span class="journal__note">" “"{n}"”"</span> })}
                                    </span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

fn sureness_name(s: Sureness, lang: Lang) -> &'static str {
    match s {
        Sureness::Guessing => lang.pick("I was guessing", "Estaba adivinando"),
        Sureness::Unsure => lang.pick("I was not sure", "No estaba seguro"),
        Sureness::Sure => lang.pick("I was sure", "Estaba seguro"),
    }
}

/// How sure the learner said they were, against how often they were right: an SVG bar
/// chart with the same figures as a table for screen readers.
#[component]
fn ConfidenceChart(tally: ConfidenceTally) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let rows: Vec<(Sureness, u32, u32)> = [Sureness::Guessing, Sureness::Unsure, Sureness::Sure].into_iter().map(|s| {
        let (n, ok) = tally.get(s);
        (s, n, ok)
    }).collect();
    let any = rows.iter().any(|r| r.1 > 0);
    let rows_for_table = rows.clone();
    view! {
        <section class="profile-section" aria-labelledby="confidence-title">
            <h2 id="confidence-title">{t!(i18n, profile_confidence)}</h2>
            <p>{t!(i18n, profile_confidence_explain)}</p>
            {if !any { view! { <p>{t!(i18n, profile_confidence_empty)}</p> }.into_any() } else {
                view! {
                    <svg class="confidence-chart" viewBox="0 0 320 150" width="320" height="150" aria-hidden="true">
                        {rows.into_iter().enumerate().map(|(k, (s, n, ok))| {
                            let pct = if n == 0 { 0.0 } else { ok as f64 / n as f64 };
                            let y = 10.0 + k as f64 * 45.0;
                            view! {
                                <g>
                                    <text x="0" y=y + 14.0 class="confidence-chart__label">{move || sureness_name(s, lang.get())}</text>
                                    <rect x="0" y=y + 20.0 width="300" height="14" class="confidence-chart__track" />
                                    <rect x="0" y=y + 20.0 width=300.0 * pct height="14" class="confidence-chart__bar" />
                                    <text x="300" y=y + 14.0 text-anchor="end" class="confidence-chart__value">{format!("{:.0}%", pct * 100.0)}</text>
                                </g>
                            }
                        }).collect_view()}
                    </svg>
                    <table class="confidence-table">
                        <caption>{t!(i18n, profile_confidence_table)}</caption>
                        <thead><tr>
                            <th scope="col">{t!(i18n, profile_col_said)}</th>
                            <th scope="col">{t!(i18n, profile_col_right)}</th>
                        </tr></thead>
                        <tbody>
                            {rows_for_table.into_iter().map(|(s, n, ok)| view! {
                                <tr>
                                    <th scope="row">{move || sureness_name(s, lang.get())}</th>
                                    <td>{move || t_string!(i18n, profile_right_of, ok = ok, n = n).to_string()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}
