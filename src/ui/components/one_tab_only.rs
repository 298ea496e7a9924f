//! One practising tab per learner: holds the learner's Web Lock while practice is open (see
//! `platform::locks`); a second tab gets a kind notice and "Try again".

use crate::i18n::*;
use crate::platform::locks;
use crate::ui::routes::LearnerPage;
use crate::ui::state::AppContext;
use leptos::prelude::*;
use leptos_router::components::A;

/// Whether this tab may practise as the learner.
#[derive(Debug, Clone, Copy, PartialEq)]
enum TabLock {
    Asking,
    /// This tab holds the learner's lock (or the browser has no Web Locks).
    Mine,
    /// Another tab or window is practising as this learner.
    Elsewhere,
}

/// Holds the learner's Web Lock while practice is open, so two tabs never practise as the
/// same learner at once (each would save over the other's progress). A second tab says so
/// kindly and offers to try again; nothing is saved from it meanwhile.
#[component]
pub fn OneTabOnly(
    id: waypoint_core::LearnerId,
    /// The learner's name, for the notice.
    name: String,
    /// The practice flow, drawn once this tab holds the lock.
    children: ChildrenFn,
) -> impl IntoView {
    let app = AppContext::expect();
    let i18n = use_i18n();
    let state = RwSignal::new(TabLock::Asking);
    let held = std::rc::Rc::new(std::cell::RefCell::new(None::<locks::HeldLock>));
    let lock_name = waypoint_core::persistence::Vault::<crate::platform::storage::LocalStore>::lock_name(&id);
    let ask = {
        let lock_name = lock_name.clone();
        let held = held.clone();
        move || {
            state.set(TabLock::Asking);
            let held = held.clone();
            locks::try_hold(&lock_name, move |outcome| match outcome {
                locks::LockOutcome::Held(lock) => {
                    *held.borrow_mut() = Some(lock);
                    state.try_set(TabLock::Mine);
                }
                locks::LockOutcome::Unsupported => {
                    state.try_set(TabLock::Mine);
                }
                locks::LockOutcome::Busy => {
                    state.try_set(TabLock::Elsewhere);
                }
            });
        }
    };
    ask();
    // Leaving the page releases the lock (dropping it resolves the lock's promise).
    let release = StoredValue::new_local(held);
    on_cleanup(move || {
        release.try_with_value(|h| h.borrow_mut().take());
    });
    let ask = StoredValue::new_local(ask);
    let home = app.href(&LearnerPage::Home.href(&id));
    move || match state.get() {
        TabLock::Asking => ().into_any(),
        TabLock::Mine => children().into_any(),
        TabLock::Elsewhere => {
            let name = name.clone();
            let heading = NodeRef::<leptos::html::H1>::new();
            crate::ui::pages::focus_heading(heading);
            view! {
                <div class="page practice-page">
                    <h1 tabindex="-1" node_ref=heading>{t!(i18n, practice_title)}</h1>
                    <div class="banner banner--info other-tab" role="status">
                        <p>{t!(i18n, other_tab_practising, name = name.clone())}</p>
                        <button type="button" class="button button--primary" on:click=move |_| ask.with_value(|f| f())>{t!(i18n, other_tab_retry)}</button>
                    </div>
                    <p class="practice-page__home">
                        <A href=home.clone() attr:class="button">{t!(i18n, back_home, name = name.clone())}</A>
                    </p>
                </div>
            }
            .into_any()
        }
    }
}
