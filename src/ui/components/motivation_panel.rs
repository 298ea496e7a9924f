//! The learner's progress on their home: level and XP with a bar to the next level, today's
//! goal (chosen by the learner, changeable here at any time), the forgiving streak with its
//! freezes, the family's shared weekly total when a grown-up switched it on, and the way to
//! the badges. Figures come from the core (`level_progress`, `today_progress`,
//! `streak_view`); this component only shows them.

use super::Meter;
use crate::i18n::*;
use crate::platform::clock;
use crate::ui::lang::use_lang;
use crate::ui::motivation::{self, Standing};
use crate::ui::routes::LearnerPage;
use crate::ui::state::AppContext;
use super::StatusMessage;
use leptos::prelude::*;
use waypoint_core::motivation::goal::{GOAL_MINUTES, GOAL_XP};
use waypoint_core::motivation::{level_progress, streak_view, today_progress, DailyGoal, BADGES};
use waypoint_core::motivation::streak::MAX_FREEZES;
use waypoint_core::LearnerId;

#[component]
pub fn MotivationPanel(id: LearnerId) -> impl IntoView {
    let app = AppContext::expect();
    let i18n = use_i18n();
    let lang = use_lang();
    let standing = RwSignal::new(motivation::load(app, &id));
    let now = clock::now();
    let offset = clock::utc_offset_minutes(now);
    let level = Memo::new(move |_| standing.with(|s| level_progress(s.state.xp)));
    let goal = Memo::new(move |_| standing.with(|s| today_progress(&s.state, now, offset)));
    let streak = Memo::new(move |_| standing.with(|s| streak_view(&s.state.streak, now, offset)));
    let earned = Memo::new(move |_| standing.with(|s| s.state.badges.len()));
    let family = motivation::family_progress(app);

    let goal_text = move || {
        let g = goal.get();
        match g.goal {
            DailyGoal::Minutes(_) => t_string!(i18n, goal_minutes_text, done = g.done, target = g.target).to_string(),
            DailyGoal::Xp(_) => t_string!(i18n, goal_xp_text, done = g.done, target = g.target).to_string(),
        }
    };
    let badges_href = app.href(&LearnerPage::Badges.href(&id));
    view! {
        <section class="motivation" aria-labelledby="motivation-title">
            <h2 id="motivation-title">{t!(i18n, motivation_title)}</h2>
            <div class="motivation__grid">
                <div class="stat stat--level">
                    <h3>{move || t_string!(i18n, level_title, level = level.get().level).to_string()}</h3>
                    <Meter
                        label=Signal::derive(move || t_string!(i18n, level_label).to_string())
                        fraction=Signal::derive(move || level.get().fraction())
                        text=Signal::derive(move || {
                            let l = level.get();
                            t_string!(i18n, level_text, into = l.xp_into_level, next = l.xp_for_next, level = l.level + 1).to_string()
                        })
                    />
                    <p class="stat__detail">
                        {move || {
                            let l = level.get();
                            t_string!(i18n, level_text, into = l.xp_into_level, next = l.xp_for_next, level = l.level + 1).to_string()
                        }}
                    </p>
                    <p class="stat__detail">{move || t_string!(i18n, xp_total, xp = standing.with(|s| s.state.xp)).to_string()}</p>
                </div>
                <div class="stat stat--goal">
                    <h3>{t!(i18n, goal_title)}</h3>
                    <Meter
                        label=Signal::derive(move || t_string!(i18n, goal_title).to_string())
                        fraction=Signal::derive(move || { let g = goal.get(); if g.target == 0 { 0.0 } else { g.done as f64 / g.target as f64 } })
                        text=Signal::derive(goal_text)
                    />
                    <p class="stat__detail goal-text">{goal_text}</p>
                    <p class="stat__detail">
                        {move || if goal.get().met { t_string!(i18n, goal_met).to_string() } else { t_string!(i18n, goal_to_go).to_string() }}
                    </p>
                    <GoalChooser id=id.clone() standing=standing />
                </div>
                <div class="stat stat--streak">
                    <h3 class="streak-title">
                        {move || match streak.get().current {
                            0 => t_string!(i18n, streak_none).to_string(),
                            1 => t_string!(i18n, streak_title_one).to_string(),
                            n => t_string!(i18n, streak_title, n = n).to_string(),
                        }}
                    </h3>
                    <p class="stat__detail">{move || match streak.get().best {
                        1 => t_string!(i18n, streak_best_one).to_string(),
                        n => t_string!(i18n, streak_best, n = n).to_string(),
                    }}</p>
                    <p class="stat__detail">{move || t_string!(i18n, streak_freezes, n = streak.get().freezes, max = MAX_FREEZES).to_string()}</p>
                    <p class="stat__detail streak-notice">{move || streak.get().notice().map(|t| t.get(lang.get()).to_string())}</p>
                    <p class="stat__hint">{t!(i18n, streak_freeze_help)}</p>
                </div>
                {family.map(|f| view! {
                    <div class="stat stat--family">
                        <h3>{t!(i18n, family_title)}</h3>
                        <Meter
                            label=Signal::derive(move || t_string!(i18n, family_title).to_string())
                            fraction=Signal::derive(move || f.total_minutes as f64 / f.target_minutes.max(1) as f64)
                            text=Signal::derive(move || t_string!(i18n, family_text, total = f.total_minutes, target = f.target_minutes).to_string())
                        />
                        <p class="stat__detail">{move || t_string!(i18n, family_text, total = f.total_minutes, target = f.target_minutes).to_string()}</p>
                        {f.met.then(|| view! { <p class="stat__detail">{t!(i18n, family_met)}</p> })}
                    </div>
                })}
            </div>
            <a href=badges_href class="button badges-link">
                {move || t_string!(i18n, badges_link, n = earned.get(), total = BADGES.len()).to_string()}
            </a>
        </section>
    }
}

/// The learner's own choice of daily goal: 5, 10, 15 or 20 minutes, or 10 to 500 points.
#[component]
fn GoalChooser(id: LearnerId, standing: RwSignal<Standing>) -> impl IntoView {
    let app = AppContext::expect();
    let i18n = use_i18n();
    let lang = use_lang();
    let current = standing.with_untracked(|s| s.state.goal);
    // 0 = points; otherwise minutes.
    let choice = RwSignal::new(match current {
        DailyGoal::Minutes(m) => m,
        DailyGoal::Xp(_) => 0,
    });
    let points = RwSignal::new(match current {
        DailyGoal::Xp(x) => x.to_string(),
        DailyGoal::Minutes(_) => "50".to_string(),
    });
    let message = RwSignal::new(None::<(bool, String)>);
    let id_for_save = id.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let goal = match choice.get_untracked() {
            0 => match points.get_untracked().trim().parse::<u32>() {
                Ok(x) => DailyGoal::Xp(x),
                Err(_) => {
                    message.set(Some((false, t_string!(i18n, goal_points_bad).to_string())));
                    return;
                }
            },
            m => DailyGoal::Minutes(m),
        };
        match motivation::set_goal(app, &id_for_save, goal) {
            Ok(_) => {
                standing.set(motivation::load(app, &id_for_save));
                let said = match goal {
                    DailyGoal::Minutes(m) => t_string!(i18n, goal_minutes_option, n = m).to_string(),
                    DailyGoal::Xp(x) => t_string!(i18n, goal_points_amount, n = x).to_string(),
                };
                message.set(Some((true, t_string!(i18n, goal_saved, goal = said).to_string())));
            }
            Err(e) => message.set(Some((false, e.message(lang.get_untracked())))),
        }
    };
    // The form is drawn when the learner opens it (the home shows sooner).
    let open = RwSignal::new(false);
    let save = StoredValue::new(save);
    view! {
        <details class="goal-chooser" on:toggle=move |ev| open.set(event_target::<web_sys::Element>(&ev).has_attribute("open"))>
            <summary>{t!(i18n, goal_change)}</summary>
            <Show when=move || open.get()>
            <form on:submit=move |ev| save.with_value(|f| f(ev))>
                <fieldset>
                    <legend>{t!(i18n, goal_change)}</legend>
                    {GOAL_MINUTES.into_iter().map(|m| view! {
                        <label class="choice">
                            <input type="radio" name="daily-goal" prop:checked=move || choice.get() == m on:change=move |_| choice.set(m) />
                            {move || t_string!(i18n, goal_minutes_option, n = m).to_string()}
                        </label>
                    }).collect_view()}
                    <label class="choice">
                        <input type="radio" name="daily-goal" prop:checked=move || choice.get() == 0 on:change=move |_| choice.set(0) />
                        {t!(i18n, goal_points_option)}
                    </label>
                </fieldset>
                <Show when=move || choice.get() == 0>
                    <div class="field">
                        <label for="goal-points">
                            {move || t_string!(i18n, goal_points_label, min = *GOAL_XP.start(), max = *GOAL_XP.end()).to_string()}
                        </label>
                        <input
                            id="goal-points"
                            type="text"
                            inputmode="numeric"
                            autocomplete="off"
                            prop:value=move || points.get()
                            on:input=move |ev| points.set(event_target_value(&ev))
                        />
                    </div>
                </Show>
                <button type="submit" class="button button--primary">{t!(i18n, goal_save)}</button>
                <StatusMessage class="goal-message" message=message />
            </form>
            </Show>
        </details>
    }
}
