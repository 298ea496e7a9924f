//! The opt-in weekly family goal, for grown-ups on a device with several learners: minutes
//! practised together in a week. Learners see only the shared total, never a ranking.

use crate::i18n::*;
use crate::ui::lang::use_lang;
use crate::ui::motivation;
use crate::ui::state::{AppContext, AppStateStoreFields};
use super::StatusMessage;
use leptos::prelude::*;

#[component]
pub fn FamilyGoalForm() -> impl IntoView {
    let app = AppContext::expect();
    let i18n = use_i18n();
    let lang = use_lang();
    let stored = app.state.device().with_untracked(|d| d.settings.family_goal);
    let enabled = RwSignal::new(stored.enabled);
    let minutes = RwSignal::new(stored.weekly_minutes.to_string());
    let message = RwSignal::new(None::<(bool, String)>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(m) = minutes.get_untracked().trim().parse::<u32>() else {
            message.set(Some((false, t_string!(i18n, family_goal_bad).to_string())));
            return;
        };
        match motivation::set_family_goal(app, enabled.get_untracked(), m) {
            Ok(g) if g.enabled => message.set(Some((true, t_string!(i18n, family_goal_saved_on, n = g.weekly_minutes).to_string()))),
            Ok(_) => message.set(Some((true, t_string!(i18n, family_goal_saved_off).to_string()))),
            Err(e) => message.set(Some((false, e.message(lang.get_untracked())))),
        }
    };
    view! {
        <details class="family-goal">
            <summary>{t!(i18n, family_goal_title)}</summary>
            <form on:submit=save>
                <p>{t!(i18n, family_goal_intro)}</p>
                <label class="choice">
                    <input id="family-goal-on" type="checkbox" prop:checked=move || enabled.get() on:change=move |ev| enabled.set(event_target_checked(&ev)) />
                    {t!(i18n, family_goal_enable)}
                </label>
                <div class="field">
                    <label for="family-goal-minutes">{t!(i18n, family_goal_minutes)}</label>
                    <input
                        id="family-goal-minutes"
                        type="text"
                        inputmode="numeric"
                        autocomplete="off"
                        prop:value=move || minutes.get()
                        on:input=move |ev| minutes.set(event_target_value(&ev))
                    />
                </div>
                <button type="submit" class="button">{t!(i18n, family_goal_save)}</button>
                <StatusMessage class="family-goal__message" message=message />
            </form>
        </details>
    }
}
