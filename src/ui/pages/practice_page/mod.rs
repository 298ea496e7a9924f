//! The practice screen: placement or the choice board, then items with feedback, hints,
//! worked solutions and read-aloud, a progress bar, and the summary with a reflection.
//! The flow's rules are in `ui::practice` and the core; these files only show them.
//!
//! One screen a file: `start_screen` (placement or the choice board), `item_screen` (an
//! item, its hints and answer), `feedback_screen`, `summary_screen` (with the reflection).

mod feedback_screen;
mod item_screen;
mod start_screen;
mod summary_screen;

use feedback_screen::FeedbackScreen;
use item_screen::ItemScreen;
use start_screen::StartScreen;
use summary_screen::SummaryScreen;

use super::use_current_learner;
use crate::i18n::*;
use crate::ui::components::OneTabOnly;
use crate::platform::rescue_focus;
use crate::ui::lang::{show_language, use_lang};
use crate::ui::practice::{Practice, Screen};
use crate::ui::routes::LearnerPage;
use crate::ui::state::AppContext;
use leptos::prelude::*;
use leptos_router::components::A;
use waypoint_core::error::UserMessage;

#[component]
pub fn PracticePage() -> impl IntoView {
    let app = AppContext::expect();
    let learner = use_current_learner();
    if let Some(l) = learner.get_untracked() {
        show_language(l.language.unwrap_or_else(|| app.device_language()));
    }
    // Only a different learner restarts the flow (another tab saving must not).
    let who = Memo::new(move |_| learner.with(|l| l.as_ref().map(|l| (l.id.clone(), l.grade_band, l.name.as_str().to_string()))));
    move || match who.get() {
        None => view! { <super::not_found_page::LearnerMissing /> }.into_any(),
        Some((id, band, name)) => view! {
            <OneTabOnly id=id.clone() name=name.clone()>
                {
                    let practice = Practice::new(app, id.clone(), band);
                    // Leaving the page (or the app, or hiding it) before the idle moment after
                    // an answer: the sections it changed are stored now, while this tab still
                    // holds the learner.
                    let leaving = crate::platform::leaving::on_leaving(move || {
                        let _ = practice.checkpoint();
                    });
                    on_cleanup(move || {
                        crate::platform::leaving::forget(leaving);
                        let _ = practice.checkpoint();
                    });
                    view! { <PracticeFlow practice=practice name=name.clone() rehearsal=false /> }
                }
            </OneTabOnly>
        }
        .into_any(),
    }
}


/// The practice flow. `rehearsal`: built by `super::rehearsal::practice`, never shown, so
/// it moves no focus and reads nothing aloud.
#[component]
pub(super) fn PracticeFlow(practice: Practice, name: String, rehearsal: bool) -> impl IntoView {
    let i18n = use_i18n();
    let app = practice.app;
    let lang = use_lang();
    let heading = NodeRef::<leptos::html::H1>::new();
    if !rehearsal {
        super::focus_heading(heading);
        // A screen replaced by another (the board after placement, the summary after the
        // last item or "End session", "Saved"): the focus goes to the new screen's heading,
        // or the page's, when it was on something now gone.
        // (Items and feedback move the focus themselves.)
        Effect::new(move |seen: Option<()>| {
            let screen = practice.screen.get();
            if seen.is_some() && matches!(screen, Screen::Start | Screen::Summary(_) | Screen::Saved | Screen::Nothing) {
                rescue_focus(&["summary-title", "board-title", "practice-title"]);
            }
        });
    }
    let id = practice.learner.get_value();
    let home = app.href(&LearnerPage::Home.href(&id));
    let title = move || {
        if practice.needs_placement() { t_string!(i18n, placement_title).to_string() } else { t_string!(i18n, practice_title).to_string() }
    };
    view! {
        <div class="page practice-page">
            <h1 id="practice-title" tabindex="-1" node_ref=heading>{title}</h1>
            {move || practice.error.get().map(|e| view! { <p class="banner banner--warning" role="alert">{e.message(lang.get())}</p> })}
            {move || match practice.screen.get() {
                Screen::Start => view! { <StartScreen practice=practice /> }.into_any(),
                Screen::Item => view! { <ItemScreen practice=practice rehearsal=rehearsal /> }.into_any(),
                Screen::Feedback(_) => view! { <FeedbackScreen practice=practice rehearsal=rehearsal /> }.into_any(),
                Screen::Summary(_) => view! { <SummaryScreen practice=practice /> }.into_any(),
                Screen::Saved => view! { <p class="success" role="status">{t!(i18n, reflect_saved)}</p> }.into_any(),
                Screen::Nothing => view! { <p role="status">{t!(i18n, nothing_to_practise)}</p> }.into_any(),
            }}
            <p class="practice-page__home">
                <A href=home attr:class="button">{move || t_string!(i18n, back_home, name = name.clone()).to_string()}</A>
            </p>
        </div>
    }
}

