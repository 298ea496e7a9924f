//! Asks for the grown-ups' PIN before a grown-ups' area or action (the grown-ups' page, and
//! bringing data in on the data page). It keeps siblings out; it is not security.

use crate::i18n::*;
use crate::ui::grownups;
use crate::ui::lang::use_lang;
use crate::ui::state::AppContext;
use leptos::prelude::*;

/// The PIN form. `on_open` runs once the PIN is right: the form is about to be replaced by
/// what it guarded, so the caller moves the focus there.
#[component]
pub fn PinGate(
    /// Why the PIN is asked, in one sentence.
    #[prop(into)]
    intro: Signal<String>,
    /// The input's id (unique on the page); its message is `{input_id}-error`.
    input_id: &'static str,
    on_open: Callback<()>,
) -> impl IntoView {
    let app = AppContext::expect();
    let i18n = use_i18n();
    let lang = use_lang();
    let pin = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let error_id = format!("{input_id}-error");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match grownups::unlock(app, &pin.get_untracked()) {
            Ok(()) => on_open.run(()),
            Err(e) => {
                error.set(Some(e.message(lang.get_untracked())));
                pin.set(String::new());
            }
        }
    };
    view! {
        <form class="pin-form" on:submit=submit>
            <p>{move || intro.get()}</p>
            <div class="field">
                <label for=input_id>{t!(i18n, pin_label)}</label>
                <input id=input_id type="password" inputmode="numeric" autocomplete="off" maxlength="4"
                    prop:value=move || pin.get() on:input=move |ev| pin.set(event_target_value(&ev))
                    aria-describedby=error_id.clone() />
                <p id=error_id class="field__error" role="alert">{move || error.get()}</p>
            </div>
            <button type="submit" class="button button--primary">{t!(i18n, pin_open)}</button>
        </form>
    }
}
