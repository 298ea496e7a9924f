//! The grown-ups' area for one learner, behind an optional 4-digit PIN: minutes practised per
//! day (30 days) and skills mastered week by week as SVG charts with tables, skills mastered,
//! in progress and struggling, recent reflections if the learner shares them, assigning a
//! skill (shown on the learner's home as "from your grown-up"), the printable report and the
//! per-skill CSV.

use super::use_current_learner;
use crate::i18n::*;
use crate::platform::clock;
use crate::ui::components::{Bar, BarChart, PinGate};
use crate::ui::grownups;
use crate::ui::lang::{show_language, use_lang};
use crate::ui::practice::{self as practice_data, catalog, skill_name};
use crate::ui::routes::LearnerPage;
use crate::ui::state::AppContext;
use crate::ui::{motivation, profile};
use crate::ui::components::StatusMessage;
use leptos::prelude::*;
use leptos_router::components::A;
use waypoint_core::learner::{GradeBand, Learner};
use waypoint_core::report::{daily_minutes, mastered_over_time, skills_by_state, skills_csv, LevelLogEntry};
use waypoint_core::{LearnerId, SkillId};

#[component]
pub fn GrownupsPage() -> impl IntoView {
    let i18n = use_i18n();
    let app = AppContext::expect();
    let learner = use_current_learner();
    let heading = NodeRef::<leptos::html::H1>::new();
    super::focus_heading(heading);
    show_language(app.device_language());
    move || match learner.get() {
        None => view! { <super::not_found_page::LearnerMissing /> }.into_any(),
        Some(l) => {
            let name = l.name.as_str().to_string();
            let home = app.href(&LearnerPage::Home.href(&l.id));
            // A memo: setting or changing the PIN inside the area must not redraw it.
            let open = Memo::new(move |_| grownups::is_open(app));
            view! {
                <div class="page grownups-page">
                    <h1 tabindex="-1" node_ref=heading>{t!(i18n, grownups_title, name = name.clone())}</h1>
                    {move || if open.get() {
                        view! { <GrownupsView learner=l.clone() /> }.into_any()
                    } else {
                        {
                        // Once it opens, focus goes to the heading (the form it was in is gone).
                        let opened = Callback::new(move |()| {
                            if let Some(h) = heading.get_untracked() {
                                let _ = h.focus();
                            }
                        });
                        view! { <PinGate intro=Signal::derive(move || t_string!(i18n, pin_locked).to_string()) input_id="pin-input" on_open=opened /> }.into_any()
                    }
                    }}
                    <A href=home attr:class="button">{t!(i18n, back_home, name = name.clone())}</A>
                </div>
            }
            .into_any()
        }
    }
}

#[component]
fn GrownupsView(learner: Learner) -> impl IntoView {
    let app = AppContext::expect();
    let i18n = use_i18n();
    let lang = use_lang();
    let id = learner.id.clone();
    let name = learner.name.as_str().to_string();
    let now = clock::now();
    let offset = clock::utc_offset_minutes(now);
    let today = now.local_day(offset);
    let progress = practice_data::load(app, &id);
    let log: Vec<LevelLogEntry> = crate::ui::persist::read(app, |v| crate::ui::persist::section_as(v.section(&id, "mastery_log")))
        .flatten()
        .unwrap_or_default();
    let minutes = daily_minutes(&grownups::attempts(app, &id), today, clock::utc_offset_minutes, 30);
    let weekly = mastered_over_time(&log, today, 12);
    let states = skills_by_state(&progress.model);
    let shares = profile::load(app, &id).share_reflections;
    let badges = motivation::load(app, &id).state.badges.len();
    let total = lang.get_untracked().decimal(minutes.iter().map(|d| d.minutes).sum::<f64>(), 1);
    let active = minutes.iter().filter(|d| d.answers > 0).count();
    let l = lang.get_untracked();
    let minute_bars: Vec<Bar> = minutes.iter().map(|d| {
        let iso = d.day.iso();
        Bar { short: iso[8..].to_string(), label: iso, value: d.minutes }
    }).collect();
    let week_bars: Vec<Bar> = weekly.iter().map(|(d, n)| {
        let iso = d.iso();
        Bar { short: iso[5..].to_string(), label: iso, value: *n as f64 }
    }).collect();
    let list = move |skills: Vec<SkillId>, empty: String| {
        if skills.is_empty() {
            view! { <p class="stat__hint">{empty}</p> }.into_any()
        } else {
            view! { <ul>{skills.into_iter().map(|s| view! { <li>{skill_name(&s, l)}</li> }).collect_view()}</ul> }.into_any()
        }
    };
    let csv_id = id.clone();
    let csv_name = learner.name.clone();
    let download = move |_| {
        if let Some(cat) = catalog() {
            let model = practice_data::load(app, &csv_id).model;
            grownups::download_csv(&csv_name, &skills_csv(&model, cat, lang.get_untracked()));
        }
    };
    let reflections = progress.reflections.clone();
    view! {
        <PinSettings />
        <section class="grownups-section" aria-labelledby="time-title">
            <h2 id="time-title">{t!(i18n, grownups_time)}</h2>
            <p>{t_string!(i18n, grownups_time_summary, total = total.clone(), days = active).to_string()}</p>
            <BarChart id="minutes" summary=t_string!(i18n, grownups_time_chart, name = name.clone(), total = total.clone(), days = active).to_string()
                key_head=t_string!(i18n, chart_day).to_string() unit=t_string!(i18n, chart_minutes).to_string() bars=minute_bars label_every=5 />
        </section>
        <section class="grownups-section" aria-labelledby="mastery-title">
            <h2 id="mastery-title">{t!(i18n, grownups_mastery)}</h2>
            <BarChart id="mastered" summary=t_string!(i18n, grownups_mastery_chart, name = name.clone(), now = weekly.last().map(|w| w.1).unwrap_or(0)).to_string()
                key_head=t_string!(i18n, chart_week).to_string() unit=t_string!(i18n, chart_skills).to_string() bars=week_bars label_every=2 />
            <p class="stat__hint">{t!(i18n, grownups_mastery_note)}</p>
        </section>
        <section class="grownups-section grownups-skills" aria-labelledby="skills-state-title">
            <h2 id="skills-state-title">{t!(i18n, grownups_skills)}</h2>
            <div class="evidence">
                <div><h3>{t_string!(i18n, grownups_mastered, n = states.mastered.len()).to_string()}</h3>{list(states.mastered, t_string!(i18n, grownups_none_yet).to_string())}</div>
                <div><h3>{t_string!(i18n, grownups_in_progress, n = states.in_progress.len()).to_string()}</h3>{list(states.in_progress, t_string!(i18n, grownups_none_yet).to_string())}</div>
                <div><h3>{t_string!(i18n, grownups_struggling, n = states.struggling.len()).to_string()}</h3>{list(states.struggling, t_string!(i18n, grownups_no_struggle).to_string())}</div>
            </div>
            <p>{t_string!(i18n, grownups_badges, n = badges).to_string()}</p>
        </section>
        <section class="grownups-section" aria-labelledby="reflections-title">
            <h2 id="reflections-title">{t!(i18n, grownups_reflections)}</h2>
            {if !shares {
                view! { <p>{t_string!(i18n, grownups_reflections_private, name = name.clone()).to_string()}</p> }.into_any()
            } else if reflections.is_empty() {
                view! { <p>{t!(i18n, profile_journal_empty)}</p> }.into_any()
            } else {
                view! {
                    <ul class="journal">
                        {reflections.iter().rev().take(5).map(|r| view! {
                            <li>{format!("{} · {}/{} ", r.at.local_day(clock::utc_offset_minutes(r.at)).iso(), r.correct, r.questions)}{r.note.clone().map(|n| format!("“{n}”"))}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <AssignSkill id=id.clone() band=learner.grade_band />
        <section class="grownups-section" aria-labelledby="share-title">
            <h2 id="share-title">{t!(i18n, grownups_report)}</h2>
            <div class="actions">
                <A href=app.href(&format!("/report?l={id}")) attr:class="button button--primary">{t!(i18n, grownups_open_report)}</A>
                <button type="button" class="button" id="csv-download" on:click=download>{t!(i18n, grownups_csv)}</button>
            </div>
        </section>
    }
}

/// Set, change or remove the PIN, with what it is and is not.
#[component]
fn PinSettings() -> impl IntoView {
    let app = AppContext::expect();
    let i18n = use_i18n();
    let lang = use_lang();
    let pin = RwSignal::new(String::new());
    let message = RwSignal::new(None::<(bool, String)>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match grownups::set_pin(app, Some(&pin.get_untracked())) {
            Ok(()) => {
                pin.set(String::new());
                message.set(Some((true, t_string!(i18n, pin_saved).to_string())));
            }
            Err(e) => message.set(Some((false, e.message(lang.get_untracked())))),
        }
    };
    let remove = move |_| match grownups::set_pin(app, None) {
        Ok(()) => message.set(Some((true, t_string!(i18n, pin_removed).to_string()))),
        Err(e) => message.set(Some((false, e.message(lang.get_untracked())))),
    };
    view! {
        <details class="pin-settings">
            <summary>{move || if grownups::has_pin(app) { t_string!(i18n, pin_change).to_string() } else { t_string!(i18n, pin_set).to_string() }}</summary>
            <form on:submit=save>
                <p class="stat__hint">{t!(i18n, pin_honest)}</p>
                <div class="field">
                    <label for="new-pin">{t!(i18n, pin_new_label)}</label>
                    <input id="new-pin" type="password" inputmode="numeric" autocomplete="off" maxlength="8"
                        prop:value=move || pin.get() on:input=move |ev| pin.set(event_target_value(&ev)) />
                </div>
                <div class="actions">
                    <button type="submit" class="button button--primary">{t!(i18n, pin_save)}</button>
                    <Show when=move || grownups::has_pin(app)>
                        <button type="button" class="button" on:click=remove>{t!(i18n, pin_remove)}</button>
                    </Show>
                </div>
                <StatusMessage class="pin-message" message=message />
            </form>
        </details>
    }
}

/// Choose a skill for the learner; it appears on their home.
#[component]
fn AssignSkill(id: LearnerId, band: GradeBand) -> impl IntoView {
    let app = AppContext::expect();
    let i18n = use_i18n();
    let lang = use_lang();
    let current = RwSignal::new(grownups::assignment(app, &id).map(|a| a.skill));
    let choice = RwSignal::new(current.get_untracked().map(|s| s.to_string()).unwrap_or_default());
    let message = RwSignal::new(None::<(bool, String)>);
    let top = *band.grades().end();
    let options: Vec<SkillId> = catalog().map(|c| c.skills().iter().filter(|s| s.def.grade <= top).map(|s| s.id.clone()).collect()).unwrap_or_default();
    let id = StoredValue::new(id);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let skill = SkillId::parse(&choice.get_untracked()).filter(|s| catalog().and_then(|c| c.skill(s)).is_some());
        match grownups::assign(app, &id.get_value(), skill.clone()) {
            Ok(()) => {
                current.set(skill.clone());
                message.set(Some((true, match skill {
                    Some(s) => t_string!(i18n, assign_saved, skill = skill_name(&s, lang.get_untracked())).to_string(),
                    None => t_string!(i18n, assign_cleared).to_string(),
                })));
            }
            Err(e) => message.set(Some((false, e.message(lang.get_untracked())))),
        }
    };
    view! {
        <section class="grownups-section" aria-labelledby="assign-title">
            <h2 id="assign-title">{t!(i18n, assign_title)}</h2>
            <form on:submit=save class="assign-form">
                <div class="field">
                    <label for="assign-skill">{t!(i18n, assign_label)}</label>
                    <select id="assign-skill" on:change=move |ev| choice.set(event_target_value(&ev)) prop:value=move || choice.get()>
                        <option value="">{t!(i18n, assign_none)}</option>
                        {options.into_iter().map(|s| {
                            let value = s.to_string();
                            view! { <option value=value.clone() selected=choice.get_untracked() == value>{skill_name(&s, lang.get_untracked())}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button button--primary">{t!(i18n, assign_save)}</button>
                <StatusMessage class="assign-message" message=message />
            </form>
        </section>
    }
}
