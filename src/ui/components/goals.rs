//! The learner's goals on their profile: a skill or a domain to master (by a date if they
//! like) or minutes per week; progress toward each, the engine's forecast at their pace, and
//! goals met celebrated and kept in a list. Rules and forecasts come from `core::profile`.

use super::Meter;
use crate::i18n::*;
use crate::platform::clock;
use crate::ui::lang::use_lang;
use crate::ui::practice::{catalog, skill_name};
use crate::ui::{motivation, profile};
use crate::ui::state::AppContext;
use super::StatusMessage;
use leptos::prelude::*;
use waypoint_core::engine::LearnerModel;
use waypoint_core::learner::GradeBand;
use waypoint_core::motivation::goal::week_start;
use waypoint_core::motivation::Bilingual;
use waypoint_core::profile::{goal_forecast, goal_progress, GoalKind, LearnerGoal};
use waypoint_core::report::domain_name;
use waypoint_core::rewards::{Celebration, Rewarded};
use waypoint_core::{Lang, LearnerId, LocalDay, SkillId};

/// A goal in words: "Master Add within 5", "Practise 60 minutes a week".
pub fn describe(kind: &GoalKind, lang: Lang) -> String {
    match (kind, lang) {
        (GoalKind::Skill(s), Lang::En) => format!("Master {}", skill_name(s, lang)),
        (GoalKind::Skill(s), Lang::Es) => format!("Dominar {}", skill_name(s, lang)),
        (GoalKind::Domain(d), Lang::En) => format!("Master {}", domain_name(d, lang)),
        (GoalKind::Domain(d), Lang::Es) => format!("Dominar {}", domain_name(d, lang)),
        (GoalKind::MinutesPerWeek(m), Lang::En) => format!("Practise {m} minutes a week"),
        (GoalKind::MinutesPerWeek(m), Lang::Es) => format!("Practicar {m} minutos por semana"),
    }
}

/// The learner's pace from the last 4 weeks: (items per session, sessions per week), with a
/// gentle default before there is any history. Also this week's minutes.
fn pace(app: AppContext, id: &LearnerId, today: LocalDay) -> (f64, f64, u32) {
    let state = motivation::load(app, id).state;
    let recent: Vec<_> = state.days.iter().filter(|d| d.day.0 > today.0 - 28 && d.answered > 0).collect();
    let items: u32 = recent.iter().map(|d| d.answered).sum();
    let (per, weekly) = if recent.is_empty() { (10.0, 3.0) } else { (items as f64 / recent.len() as f64, recent.len() as f64 / 4.0) };
    let start = week_start(today);
    let minutes = (state.days.iter().filter(|d| d.day >= start && d.day <= today).map(|d| d.ms).sum::<u64>() / 60_000) as u32;
    (per.max(1.0), weekly.max(1.0), minutes)
}

#[component]
pub fn GoalsSection(id: LearnerId, band: GradeBand, model: LearnerModel) -> impl IntoView {
    let app = AppContext::expect();
    let i18n = use_i18n();
    let lang = use_lang();
    let Some(cat) = catalog() else { return ().into_any() };
    let graph = cat.graph();
    let now = clock::now();
    let today = now.local_day(clock::utc_offset_minutes(now));
    let (per_session, per_week, minutes_week) = pace(app, &id, today);
    // Goals met since last time are celebrated and archived.
    let mut stored = profile::load_goals(app, &id);
    let met = stored.archive_met(&model, graph, band, minutes_week, today);
    if !met.is_empty() && profile::save_goals(app, &id, &stored).is_ok() {
        let celebrations = met
            .iter()
            .map(|g| Celebration { title: Bilingual::new("You reached a goal!", "¡Alcanzaste una meta!"), detail: Some(Bilingual::new(describe(&g.kind, Lang::En), describe(&g.kind, Lang::Es))), badge: None })
            .collect();
        motivation::celebrate(app, &Rewarded { xp: 0, celebrations, warnings: Vec::new() }, lang.get_untracked());
    }
    let goals = RwSignal::new(stored);
    let model = StoredValue::new(model);
    let id = StoredValue::new(id);
    let message = RwSignal::new(None::<(bool, String)>);
    // The form.
    let kind = RwSignal::new("skill".to_string());
    let top = *band.grades().end();
    let skills: Vec<SkillId> = cat.skills().iter().filter(|s| s.def.grade <= top).map(|s| s.id.clone()).collect();
    let mut domains: Vec<String> = Vec::new();
    for s in cat.skills().iter().filter(|s| s.def.grade <= top) {
        if !domains.iter().any(|d| d == s.def.domain) {
            domains.push(s.def.domain.to_string());
        }
    }
    let skill = RwSignal::new(skills.first().map(|s| s.to_string()).unwrap_or_default());
    let domain = RwSignal::new(domains.first().cloned().unwrap_or_default());
    let minutes = RwSignal::new("60".to_string());
    let date = RwSignal::new(String::new());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let l = lang.get_untracked();
        let by = match date.get_untracked().trim() {
            "" => None,
            d => {
                let parts: Vec<&str> = d.split('-').collect();
                let parsed = match parts.as_slice() {
                    [y, m, dd] => y.parse().ok().zip(m.parse().ok()).zip(dd.parse().ok()).and_then(|((y, m), dd)| LocalDay::from_ymd(y, m, dd)),
                    _ => None,
                };
                match parsed {
                    Some(day) => Some(day),
                    None => {
                        message.set(Some((false, t_string!(i18n, goal_bad_date).to_string())));
                        return;
                    }
                }
            }
        };
        let goal_kind = match kind.get_untracked().as_str() {
            "domain" => GoalKind::Domain(domain.get_untracked()),
            "minutes" => match minutes.get_untracked().trim().parse::<u32>() {
                Ok(m) => GoalKind::MinutesPerWeek(m),
                Err(_) => {
                    message.set(Some((false, t_string!(i18n, goal_bad_minutes).to_string())));
                    return;
                }
            },
            _ => match SkillId::parse(&skill.get_untracked()) {
                Some(s) => GoalKind::Skill(s),
                None => return,
            },
        };
        let mut next = goals.get_untracked();
        let added = next.add(goal_kind, by, graph, today).map(|g| describe(&g.kind, l));
        match added {
            Err(e) => message.set(Some((false, waypoint_core::error::UserMessage::message(&e, l)))),
            Ok(text) => match profile::save_goals(app, &id.get_value(), &next) {
                Ok(()) => {
                    goals.set(next);
                    message.set(Some((true, t_string!(i18n, goal_added, goal = text).to_string())));
                }
                Err(e) => message.set(Some((false, waypoint_core::error::UserMessage::message(&e, l)))),
            },
        }
    };
    let remove = move |gid: u32| {
        let mut next = goals.get_untracked();
        if next.remove(gid) && profile::save_goals(app, &id.get_value(), &next).is_ok() {
            goals.set(next);
        }
    };
    let row = move |g: LearnerGoal| {
        let l = lang.get_untracked();
        let (done, target) = model.with_value(|m| goal_progress(&g.kind, m, graph, band, minutes_week));
        let forecast = model.with_value(|m| goal_forecast(&g.kind, m, graph, band, per_session, per_week, today));
        let text = describe(&g.kind, l);
        let unit = match g.kind {
            GoalKind::MinutesPerWeek(_) => t_string!(i18n, goal_unit_minutes, done = done, target = target).to_string(),
            _ => t_string!(i18n, goal_unit_skills, done = done, target = target).to_string(),
        };
        let forecast_text = forecast.map(|f| {
            let mut s = t_string!(i18n, goal_forecast, sessions = f.sessions, date = f.by.iso()).to_string();
            if let Some(by) = g.by.filter(|by| f.by > *by) {
                s.push(' ');
                s.push_str(&t_string!(i18n, goal_later_than, date = by.iso()).to_string());
            }
            s
        });
        let gid = g.id;
        let label = text.clone();
        view! {
            <li class="goal">
                <h3>{text.clone()}</h3>
                {g.by.map(|by| view! { <p class="stat__hint">{t_string!(i18n, goal_by, date = by.iso()).to_string()}</p> })}
                <Meter label=Signal::stored(label) fraction=Signal::stored(done as f64 / target.max(1) as f64) text=Signal::stored(unit.clone()) />
                <p>{unit}</p>
                {forecast_text.map(|f| view! { <p class="goal__forecast">{f}</p> })}
                <button type="button" class="button button--small" on:click=move |_| remove(gid)>{t!(i18n, goal_remove)}</button>
            </li>
        }
    };
    view! {
        <section class="profile-section" aria-labelledby="goals-title">
            <h2 id="goals-title">{t!(i18n, goals_title)}</h2>
            {move || {
                let g = goals.get();
                if g.active.is_empty() {
                    view! { <p>{t!(i18n, goals_none)}</p> }.into_any()
                } else {
                    view! { <ul class="goal-list">{g.active.into_iter().map(row).collect_view()}</ul> }.into_any()
                }
            }}
            <form class="goal-form" on:submit=add>
                <fieldset>
                    <legend>{t!(i18n, goal_new)}</legend>
                    {[("skill", "goal_kind_skill"), ("domain", "goal_kind_domain"), ("minutes", "goal_kind_minutes")].into_iter().map(|(k, _)| view! {
                        <label class="choice">
                            <input type="radio" name="goal-kind" value=k prop:checked=move || kind.get() == k on:change=move |_| kind.set(k.to_string()) />
                            {move || match k { "skill" => t_string!(i18n, goal_kind_skill), "domain" => t_string!(i18n, goal_kind_domain), _ => t_string!(i18n, goal_kind_minutes) }.to_string()}
                        </label>
                    }).collect_view()}
                </fieldset>
                <Show when=move || kind.get() == "skill">
                    <div class="field">
                        <label for="goal-skill">{t!(i18n, goal_kind_skill)}</label>
                        <select id="goal-skill" on:change=move |ev| skill.set(event_target_value(&ev))>
                            {skills.iter().map(|s| { let v = s.to_string(); view! { <option value=v.clone() selected=skill.get_untracked() == v>{skill_name(s, lang.get_untracked())}</option> } }).collect_view()}
                        </select>
                    </div>
                </Show>
                <Show when=move || kind.get() == "domain">
                    <div class="field">
                        <label for="goal-domain">{t!(i18n, goal_kind_domain)}</label>
                        <select id="goal-domain" on:change=move |ev| domain.set(event_target_value(&ev))>
                            {domains.iter().map(|d| view! { <option value=d.clone()>{domain_name(d, lang.get_untracked())}</option> }).collect_view()}
                        </select>
                    </div>
                </Show>
                <Show when=move || kind.get() == "minutes">
                    <div class="field">
                        <label for="goal-minutes">{t!(i18n, goal_minutes_label)}</label>
                        <input id="goal-minutes" type="text" inputmode="numeric" prop:value=move || minutes.get() on:input=move |ev| minutes.set(event_target_value(&ev)) />
                    </div>
                </Show>
                <div class="field">
                    <label for="goal-date">{t!(i18n, goal_date_label)}</label>
                    <input id="goal-date" type="date" prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev)) />
                </div>
                <button type="submit" class="button button--primary">{t!(i18n, goal_add)}</button>
                <StatusMessage class="goal-form__message" message=message />
            </form>
            {move || {
                let met = goals.with(|g| g.met.clone());
                (!met.is_empty()).then(|| view! {
                    <h3>{t!(i18n, goals_met)}</h3>
                    <ul class="goals-met">
                        {met.into_iter().map(|g| view! { <li>{describe(&g.kind, lang.get_untracked())}{g.met_on.map(|d| format!(" ({})", d.iso()))}</li> }).collect_view()}
                    </ul>
                })
            }}
        </section>
    }
    .into_any()
}
