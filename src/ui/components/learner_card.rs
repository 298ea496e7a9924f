//! One learner on the start screen: a picture card that opens their home, with rename
//! and delete (delete asks first, and focus starts on the safe choice).

use super::avatar::AvatarPicture;
use crate::i18n::*;
use crate::ui::{actions, grownups};
use crate::ui::lang::use_lang;
use crate::ui::routes::LearnerPage;
use crate::ui::state::{AppContext, AppStateStoreFields};
use leptos::prelude::*;
use leptos_router::components::A;
use waypoint_core::learner::{Avatar, Learner};
use waypoint_core::LearnerId;

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    View,
    Renaming,
    ConfirmDelete,
}

/// Focuses the element with `id` after the next render.
pub fn focus_later(id: String) {
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(&id)
            && let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el)
        {
            let _ = el.focus();
        }
    });
}

/// A learner's card. It reads the learner from the store by id, so a rename shows at once.
#[component]
pub fn LearnerCard(
    /// Whose card.
    id: LearnerId,
    /// Whether rename and delete are offered (not while stored data is read-only).
    #[prop(into)]
    can_manage: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let app = AppContext::expect();
    let lang = use_lang();
    let learner = {
        let id = id.clone();
        Memo::new(move |_| app.state.device().with(|d| d.learner(&id).cloned()))
    };
    let name = move || learner.get().map(|l| l.name.as_str().to_string()).unwrap_or_default();
    let avatar = Signal::derive(move || learner.get().map(|l| l.avatar).unwrap_or(Avatar::Fox));
    let mode = RwSignal::new(Mode::View);
    let draft = RwSignal::new(String::new());
    // The grown-ups' PIN, when one is set and not typed yet: deleting needs it.
    let pin = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let key = id.as_str().to_string();
    let link_id = format!("learner-{key}");
    let rename_id = format!("rename-{key}");
    let keep_id = format!("keep-{key}");
    let href = app.href(&LearnerPage::Home.href(&id));

    let start_rename = {
        let rename_id = rename_id.clone();
        move |_| {
            draft.set(name());
            error.set(None);
            mode.set(Mode::Renaming);
            focus_later(rename_id.clone());
        }
    };
    let save_rename = {
        let id = id.clone();
        let link_id = link_id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            match actions::rename_learner(app, &id, &draft.get_untracked()) {
                Ok(n) => {
                    mode.set(Mode::View);
                    actions::announce(app, t_string!(i18n, learner_renamed, name = n.as_str()).to_string());
                    focus_later(link_id.clone());
                }
                Err(e) => error.set(Some(e.message(lang.get_untracked()))),
            }
        }
    };
    let cancel = {
        let link_id = link_id.clone();
        move |_| {
            mode.set(Mode::View);
            focus_later(link_id.clone());
        }
    };
    let ask_delete = {
        let keep_id = keep_id.clone();
        move |_| {
            error.set(None);
            pin.set(String::new());
            mode.set(Mode::ConfirmDelete);
            focus_later(keep_id.clone());
        }
    };
    let confirm_delete = {
        let id = id.clone();
        move |(): ()| {
            if !grownups::is_open(app)
                && let Err(e) = grownups::unlock(app, &pin.get_untracked())
            {
                error.set(Some(e.message(lang.get_untracked())));
                pin.set(String::new());
                return;
            }
            if let Ok(gone) = actions::delete_learner(app, &id) {
                let gone: Learner = gone;
                actions::announce(app, t_string!(i18n, learner_deleted, name = gone.name.as_str()).to_string());
                focus_later("add-learner".into());
            }
        }
    };

    view! {
        <li class="learner-card">
            <A href=href attr:id=link_id.clone() attr:class="learner-card__open">
                <AvatarPicture avatar=avatar size=72 />
                <span class="learner-card__name">{name}</span>
                <span class="visually-hidden">{move || t_string!(i18n, open_home, name = name()).to_string()}</span>
            </A>
            {move || match mode.get() {
                Mode::View if !can_manage.get() => ().into_any(),
                Mode::View => {
                    view! {
                        <div class="learner-card__manage" role="group" aria-label=move || t_string!(i18n, manage, name = name()).to_string()>
                            <button type="button" class="button button--small" on:click=start_rename.clone()>
                                {t!(i18n, rename)}
                            </button>
                            <button type="button" class="button button--small" on:click=ask_delete.clone()>
                                {t!(i18n, delete)}
                            </button>
                        </div>
                    }
                        .into_any()
                }
                Mode::Renaming => {
                    let rename_id = rename_id.clone();
                    let err_id = format!("{rename_id}-error");
                    view! {
                        <form class="learner-card__rename" on:submit=save_rename.clone() novalidate>
                            <label for=rename_id.clone()>{move || t_string!(i18n, rename_label, name = name()).to_string()}</label>
                            <input
                                id=rename_id
                                type="text"
                                autocomplete="off"
                                aria-describedby=err_id.clone()
                                aria-invalid=move || error.get().is_some().to_string()
                                prop:value=move || draft.get()
                                on:input=move |ev| draft.set(event_target_value(&ev))
                            />
                            <p class="field__error" id=err_id role="alert">{move || error.get()}</p>
                            <div class="actions">
                                <button type="submit" class="button button--primary button--small">{t!(i18n, save_name)}</button>
                                <button type="button" class="button button--small" on:click=cancel.clone()>{t!(i18n, cancel)}</button>
                            </div>
                        </form>
                    }
                        .into_any()
                }
                Mode::ConfirmDelete => {
                    let q_id = format!("delete-q-{}", keep_id);
                    let q_ref = q_id.clone();
                    let pin_id = format!("delete-pin-{key}");
                    let pin_error = format!("{pin_id}-error");
                    // Read once: a change elsewhere on the device must not redraw the question.
                    let needs_pin = untrack(|| !grownups::is_open(app));
                    view! {
                        <div class="learner-card__confirm" role="group" aria-labelledby=q_ref>
                            <p id=q_id>{move || t_string!(i18n, delete_question, name = name()).to_string()}</p>
                            {needs_pin.then(|| view! {
                                <div class="field">
                                    <label for=pin_id.clone()>{t!(i18n, delete_pin_label)}</label>
                                    <input id=pin_id.clone() type="password" inputmode="numeric" autocomplete="off" maxlength="4"
                                        aria-describedby=pin_error.clone()
                                        aria-invalid=move || error.get().is_some().to_string()
                                        prop:value=move || pin.get()
                                        on:input=move |ev| pin.set(event_target_value(&ev))
                                        on:keydown={
                                            let confirm = confirm_delete.clone();
                                            move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" { ev.prevent_default(); confirm(()); }
                                        } />
                                    <p id=pin_error.clone() class="field__error" role="alert">{move || error.get()}</p>
                                </div>
                            })}
                            <div class="actions">
                                <button type="button" class="button button--danger button--small" on:click={
                                    let confirm = confirm_delete.clone();
                                    move |_| confirm(())
                                }>
                                    {t!(i18n, delete_confirm)}
                                </button>
                                <button type="button" id=keep_id.clone() class="button button--small" on:click=cancel.clone()>
                                    {move || t_string!(i18n, delete_keep, name = name()).to_string()}
                                </button>
                            </div>
                        </div>
                    }
                        .into_any()
                }
            }}
        </li>
    }
}
