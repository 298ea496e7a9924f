//! The one-line result of a form ("Saved." or what was wrong), in a polite live region.

use leptos::prelude::*;

/// A form's result: `(true, text)` when it worked, `(false, text)` when it was refused.
pub type FormMessage = RwSignal<Option<(bool, String)>>;

#[component]
pub fn StatusMessage(
    /// The paragraph's class (tests and styles find it by this).
    class: &'static str,
    message: FormMessage,
) -> impl IntoView {
    view! {
        <p class=class role="status">
            {move || message.get().map(|(ok, text)| view! { <span class=if ok { "field__ok" } else { "field__error" }>{text}</span> })}
        </p>
    }
}
