//! Calm messages about saved data: read-only data, a failed save, recoveries, upgrades,
//! storage filling up (with the way to the data page, to download a copy and make room),
//! the export reminder. Never blocking; each can be dismissed.

use crate::i18n::*;
use crate::platform::clock;
use crate::ui::lang::use_lang;
use crate::ui::persist;
use crate::ui::state::{AppContext, AppStateStoreFields, StorageHealth};
use leptos::prelude::*;
use leptos_router::components::A;
use waypoint_core::error::UserMessage;
use waypoint_core::persistence::{Notice, PersistError, StoreError};

#[component]
pub fn StorageBanner() -> impl IntoView {
    let i18n = use_i18n();
    let app = AppContext::expect();
    let lang = use_lang();
    let health = move || match app.state.health().get() {
        StorageHealth::Ok => None,
        StorageHealth::ReadOnly(e) => Some(view! {
            <div class="banner banner--warning" role="alert">
                <p>{t!(i18n, storage_read_only)}</p>
                <p class="banner__detail">{e.message(lang.get())}</p>
            </div>
        }.into_any()),
        StorageHealth::SaveFailed(e) => {
            // Storage full: the way out (a copy, then room made) is one tap away.
            let full = matches!(e, PersistError::Store(StoreError::QuotaExceeded));
            Some(view! {
                <div class="banner banner--warning" role="alert">
                    <p>{t!(i18n, storage_failed)}</p>
                    <p class="banner__detail">{e.message(lang.get())}</p>
                    {full.then(|| view! {
                        <div class="actions">
                            <DataPageLink make_room=true />
                        </div>
                    })}
                </div>
            }.into_any())
        }
    };
    // Read-only data already has its banner above; the notice would repeat it.
    let notices = move || {
        app.state.notices().get().into_iter().filter(|n| !matches!(n, Notice::ReadOnly(_))).collect::<Vec<_>>()
    };
    view! {
        {health}
        <Show when=move || !notices().is_empty()>
            <section class="notices" aria-label=move || t_string!(i18n, notices_label).to_string()>
                <For each=notices key=|n| format!("{n:?}") let:notice>
                    {
                        let text = {
                            let n = notice.clone();
                            // Learners by name, not by id; dates on this device's day.
                            move || {
                                let learners = app.state.device().with(|d| d.learners.clone());
                                let offset = clock::utc_offset_minutes(clock::now());
                                n.message_naming(lang.get(), &|id| learners.iter().find(|l| &l.id == id).map(|l| l.name.as_str().to_string()), offset)
                            }
                        };
                        // The way out, when there is one: a copy due, or storage filling up.
                        let way_out = match notice {
                            Notice::ExportDue => Some(false),
                            Notice::Quota(_) => Some(true),
                            _ => None,
                        };
                        let dismiss = notice.clone();
                        view! {
                            <div class="banner banner--info" role="status">
                                <p>{text}</p>
                                <div class="actions">
                                    {way_out.map(|make_room| view! { <DataPageLink make_room /> })}
                                    <button
                                        type="button"
                                        class="button button--small"
                                        on:click=move |_| persist::dismiss_notice(app, &dismiss)
                                    >
                                        {t!(i18n, dismiss)}
                                    </button>
                                </div>
                            </div>
                        }
                    }
                </For>
            </section>
        </Show>
    }
}

/// The way to *Your data and backups*: to download a copy, or (`make_room`) a copy and room
/// made there.
#[component]
fn DataPageLink(make_room: bool) -> impl IntoView {
    let i18n = use_i18n();
    let app = AppContext::expect();
    let label = move || if make_room { t_string!(i18n, notice_make_room).to_string() } else { t_string!(i18n, notice_export_now).to_string() };
    view! {
        <A href=app.href("/data") attr:class="button button--small">
            {label}
        </A>
    }
}
