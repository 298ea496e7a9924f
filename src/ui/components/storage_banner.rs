//! A calm banner when what is on screen is not safely stored.

use crate::i18n::*;
use crate::ui::lang::use_lang;
use crate::ui::state::{AppContext, AppStateStoreFields, StorageHealth};
use leptos::prelude::*;
use waypoint_core::error::UserMessage;

#[component]
pub fn StorageBanner() -> impl IntoView {
    let i18n = use_i18n();
    let app = AppContext::expect();
    let lang = use_lang();
    move || match app.state.health().get() {
        StorageHealth::Ok => None,
        StorageHealth::ReadOnly(e) => Some(view! {
            <div class="banner banner--warning" role="alert">
                <p>{t!(i18n, storage_read_only)}</p>
                <p class="banner__detail">{e.message(lang.get())}</p>
            </div>
        }.into_any()),
        StorageHealth::SaveFailed(e) => Some(view! {
            <div class="banner banner--warning" role="alert">
                <p>{t!(i18n, storage_failed)}</p>
                <p class="banner__detail">{e.message(lang.get())}</p>
            </div>
        }.into_any()),
    }
}
