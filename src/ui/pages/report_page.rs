//! A one-page printable report for one learner: progress by Common Core domain, the daily
//! goal and the grown-up's assigned skill, badges earned, and time practised in the last 30
//! days. Its print stylesheet drops everything but the report.

use super::use_current_learner;
use crate::i18n::*;
use crate::platform::{self, clock};
use crate::ui::components::goals::describe;
use crate::ui::grownups;
use crate::ui::lang::{show_language, use_lang};
use crate::ui::practice::{self as practice_data, catalog};
use crate::ui::state::AppContext;
use crate::ui::motivation;
use leptos::prelude::*;
use leptos_router::components::A;
use waypoint_core::motivation::badges::BadgeDef;
use waypoint_core::motivation::DailyGoal;
use waypoint_core::report::{daily_minutes, domain_name, domain_progress};

#[component]
pub fn ReportPage() -> impl IntoView {
    let i18n = use_i18n();
    let app = AppContext::expect();
    let lang = use_lang();
    let learner = use_current_learner();
    let heading = NodeRef::<leptos::html::H1>::new();
    super::focus_heading(heading);
    show_language(app.device_language());
    move || match (learner.get(), catalog()) {
        (Some(l), Some(cat)) if grownups::is_open(app) => {
            let now = clock::now();
            let offset = clock::utc_offset_minutes(now);
            let model = practice_data::load(app, &l.id).model;
            let standing = motivation::load(app, &l.id);
            let learner_goals = crate::ui::profile::load_goals(app, &l.id);
            let domains = domain_progress(&model, cat, l.grade_band);
            let minutes = daily_minutes(&grownups::attempts(app, &l.id), now.local_day(offset), clock::utc_offset_minutes, 30);
            let total = lang.get_untracked().decimal(minutes.iter().map(|d| d.minutes).sum::<f64>(), 1);
            let days = minutes.iter().filter(|d| d.answers > 0).count();
            let assigned = grownups::assignment(app, &l.id).and_then(|a| cat.skill(&a.skill).map(|s| s.name(lang.get_untracked()).to_string()));
            let goal = match standing.state.goal {
                DailyGoal::Minutes(m) => t_string!(i18n, goal_minutes_option, n = m).to_string(),
                DailyGoal::Xp(x) => t_string!(i18n, goal_points_amount, n = x).to_string(),
            };
            let badges: Vec<(String, String)> = standing
                .state
                .badges
                .iter()
                .filter_map(|(id, at)| BadgeDef::by_id(id).map(|d| (d.name(lang.get_untracked()).to_string(), at.local_day(clock::utc_offset_minutes(*at)).iso())))
                .collect();
            let name = l.name.as_str().to_string();
            let back = app.href(&format!("/grownups?l={}", l.id));
            view! {
                <article class="page report-page">
                    <h1 tabindex="-1" node_ref=heading>{t!(i18n, report_title, name = name.clone())}</h1>
                    <p class="report__meta">{t_string!(i18n, report_meta, date = now.local_day(offset).iso(), band = l.grade_band.name(lang.get_untracked())).to_string()}</p>
                    <section aria-labelledby="report-domains">
                        <h2 id="report-domains">{t!(i18n, report_domains)}</h2>
                        <div class="table-scroll" tabindex="0" role="region" aria-label=move || t_string!(i18n, table_region, name = t_string!(i18n, report_domains)).to_string()>
                            <table class="report-table">
                                <thead><tr>
                                    <th scope="col">{t!(i18n, report_domain)}</th>
                                    <th scope="col">{t!(i18n, report_mastered)}</th>
                                    <th scope="col">{t!(i18n, report_in_progress)}</th>
                                    <th scope="col">{t!(i18n, report_progress)}</th>
                                </tr></thead>
                                <tbody>
                                    {domains.into_iter().map(|d| {
                                        let share = d.share_mastered();
                                        view! {
                                            <tr>
                                                <th scope="row">{format!("{} ({})", domain_name(&d.domain, lang.get_untracked()), d.domain)}</th>
                                                <td>{t_string!(i18n, report_of, n = d.mastered, total = d.skills).to_string()}</td>
                                                <td>{d.in_progress}</td>
                                                <td>
                                                    <svg class="report-bar" viewBox="0 0 100 10" width="120" height="12" aria-hidden="true">
                                                        <rect x="0" y="0" width="100" height="10" class="report-bar__track" />
                                                        <rect x="0" y="0" width=share * 100.0 height="10" class="report-bar__fill" />
                                                    </svg>
                                                    {format!(" {:.0}%", share * 100.0)}
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    </section>
                    <section aria-labelledby="report-goals">
                        <h2 id="report-goals">{t!(i18n, report_goals)}</h2>
                        <ul>
                            {learner_goals.active.iter().map(|g| view! { <li>{describe(&g.kind, lang.get_untracked())}{g.by.map(|d| format!(" ({})", t_string!(i18n, goal_by, date = d.iso())))}</li> }).collect_view()}
                            {learner_goals.met.iter().take(5).map(|g| view! { <li>{t_string!(i18n, report_goal_met, goal = describe(&g.kind, lang.get_untracked()), date = g.met_on.map(|d| d.iso()).unwrap_or_default()).to_string()}</li> }).collect_view()}
                            <li>{t_string!(i18n, report_daily_goal, goal = goal).to_string()}</li>
                            <li>{match assigned {
                                Some(s) => t_string!(i18n, report_assigned, skill = s).to_string(),
                                None => t_string!(i18n, report_no_assigned).to_string(),
                            }}</li>
                            <li>{match standing.state.streak.best {
                                1 => t_string!(i18n, report_streak_one).to_string(),
                                n => t_string!(i18n, report_streak, n = n).to_string(),
                            }}</li>
                        </ul>
                    </section>
                    <section aria-labelledby="report-time">
                        <h2 id="report-time">{t!(i18n, report_time)}</h2>
                        <p>{t_string!(i18n, grownups_time_summary, total = total, days = days).to_string()}</p>
                    </section>
                    <section aria-labelledby="report-badges">
                        <h2 id="report-badges">{t_string!(i18n, report_badges, n = badges.len()).to_string()}</h2>
                        {if badges.is_empty() { view! { <p>{t!(i18n, grownups_none_yet)}</p> }.into_any() } else {
                            view! { <ul class="report-badges">{badges.into_iter().map(|(n, d)| view! { <li>{format!("{n} ({d})")}</li> }).collect_view()}</ul> }.into_any()
                        }}
                    </section>
                    <div class="actions no-print">
                        <button type="button" class="button button--primary" on:click=move |_| platform::print()>{t!(i18n, report_print)}</button>
                        <A href=back attr:class="button">{t!(i18n, report_back)}</A>
                    </div>
                </article>
            }
            .into_any()
        }
        (Some(l), _) => {
            let back = app.href(&format!("/grownups?l={}", l.id));
            view! {
                <div class="page">
                    <h1 tabindex="-1" node_ref=heading>{t!(i18n, report_locked)}</h1>
                    <A href=back attr:class="button">{t!(i18n, report_back)}</A>
                </div>
            }
            .into_any()
        }
        _ => view! { <super::not_found_page::LearnerMissing /> }.into_any(),
    }
}
