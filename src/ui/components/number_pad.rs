//! An on-screen number pad for touch screens: digits, fraction bar, minus sign, decimal
//! point, delete and submit. Every key is a real button (44 px or more), so it works by
//! touch, mouse and keyboard alike.

use crate::i18n::*;
use leptos::prelude::*;

/// What a pad key does to the answer being typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PadKey {
    Char(char),
    Backspace,
    Submit,
}

impl PadKey {
    /// Applies the key to the typed text (Submit leaves it unchanged).
    pub fn apply(self, text: &str) -> String {
        match self {
            PadKey::Char(c) => format!("{text}{c}"),
            PadKey::Backspace => {
                let mut t = text.to_string();
                t.pop();
                t
            }
            PadKey::Submit => text.to_string(),
        }
    }
}

/// The pad. `decimal` is the decimal separator shown ("." or ",").
#[component]
pub fn NumberPad(
    /// Called for every key pressed.
    on_key: Callback<PadKey>,
    /// The decimal separator for the current language.
    #[prop(into)]
    decimal: Signal<char>,
    /// Whether the pad accepts input (not while feedback is showing).
    #[prop(into)]
    enabled: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let key = move |k: PadKey, label: String, aria: Option<String>, class: &'static str| {
        view! {
            <button
                type="button"
                class=format!("pad__key {class}")
                aria-label=aria
                disabled=move || !enabled.get()
                on:click=move |_| on_key.run(k)
            >
                {label}
            </button>
        }
    };
    let digits = ['7', '8', '9', '4', '5', '6', '1', '2', '3', '0'];
    view! {
        <div class="pad" role="group" aria-label=move || t_string!(i18n, pad_label).to_string()>
            {digits.into_iter().map(|d| key(PadKey::Char(d), d.to_string(), None, "")).collect_view()}
            {move || {
                let sep = decimal.get();
                key(PadKey::Char(sep), sep.to_string(), Some(t_string!(i18n, pad_decimal).to_string()), "")
            }}
            {key(PadKey::Char('/'), "⁄".into(), Some(t_string!(i18n, pad_fraction).to_string()), "")}
            {key(PadKey::Char('-'), "−".into(), Some(t_string!(i18n, pad_minus).to_string()), "")}
            {key(PadKey::Backspace, "⌫".into(), Some(t_string!(i18n, pad_delete).to_string()), "pad__key--wide")}
            {key(PadKey::Submit, t_string!(i18n, pad_check).to_string(), None, "pad__key--submit")}
        </div>
    }
}
