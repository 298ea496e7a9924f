//! Bridges the core's `Lang` and the generated i18n `Locale`.

use crate::i18n::{Locale, use_i18n};
use leptos::prelude::*;
use waypoint_core::Lang;

pub fn to_locale(lang: Lang) -> Locale {
    match lang {
        Lang::En => Locale::en,
        Lang::Es => Locale::es,
    }
}

pub fn from_locale(locale: Locale) -> Lang {
    match locale {
        Locale::en => Lang::En,
        Locale::es => Lang::Es,
    }
}

/// The language currently shown, as a reactive value.
pub fn use_lang() -> Signal<Lang> {
    let i18n = use_i18n();
    Signal::derive(move || from_locale(i18n.get_locale()))
}

/// Shows `lang` now (used when a page decides whose language applies).
pub fn show_language(lang: Lang) {
    let i18n = use_i18n();
    if i18n.get_locale_untracked() != to_locale(lang) {
        i18n.set_locale(to_locale(lang));
    }
}
