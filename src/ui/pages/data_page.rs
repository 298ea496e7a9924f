//! The device's data: how much storage is used, whether the browser keeps it, export of
//! everything or one learner, import with a preview (merge or replace) and undo, damaged
//! data set aside, and making room when storage fills up.

use crate::i18n::*;
use crate::platform::{clock, files};
use crate::ui::components::PinGate;
use crate::ui::{actions, grownups};
use crate::ui::lang::use_lang;
use crate::ui::persist::{self, APP_VERSION};
use crate::ui::state::{AppContext, AppStateStoreFields, Persistence};
use leptos::prelude::*;
use leptos_router::components::A;
use waypoint_core::error::UserMessage;
use waypoint_core::persistence::transfer::{Freshness, MAX_IMPORT_BYTES};
use waypoint_core::persistence::{ImportMode, ImportPreview, QuotaLevel};
use waypoint_core::{LearnerId, Timestamp};

/// Where an import stands.
#[derive(Clone)]
enum ImportStep {
    Idle,
    Reading,
    Refused(String),
    Preview(std::rc::Rc<ImportPreview>),
    Done(String),
}

fn today(now: Timestamp) -> String {
    now.local_day(clock::utc_offset_minutes(now)).iso()
}

#[component]
pub fn DataPage() -> impl IntoView {
    let i18n = use_i18n();
    let app = AppContext::expect();
    let lang = use_lang();
    let heading = NodeRef::<leptos::html::H1>::new();
    let import_heading = NodeRef::<leptos::html::H2>::new();
    // Open for this page load once open: an import that brings a PIN along must not hide
    // its own result and Undo behind it.
    let import_open = RwSignal::new(untrack(|| grownups::is_open(app)));
    // The PIN opened the import: focus goes to its heading (the form it was in is gone).
    let import_opened = Callback::new(move |()| {
        import_open.set(true);
        if let Some(h) = import_heading.get_untracked() {
            let _ = h.focus();
        }
    });
    super::focus_heading(heading);
    let status = RwSignal::new(String::new());
    // Bumped when a learner's history changed here (import, undo, old answers summarised):
    // the saved counts are read again.
    let histories_changed = RwSignal::new(0u32);
    let step = RwSignal::new_local(ImportStep::Idle);
    let mode = RwSignal::new(ImportMode::Merge);
    let file_input = NodeRef::<leptos::html::Input>::new();
    // Re-read when the device changes (an import, another tab).
    let quota = Memo::new(move |_| {
        app.state.device().track();
        persist::read(app, |v| v.quota().ok()).flatten()
    });
    let quarantined = Memo::new(move |_| {
        app.state.device().track();
        persist::read(app, |v| v.quarantined().unwrap_or_default()).unwrap_or_default()
    });

    let export = move |who: Option<LearnerId>| {
        let now = clock::now();
        let text = persist::read(app, |v| match &who {
            None => v.export_device(APP_VERSION, now),
            Some(id) => v.export_learner(id, APP_VERSION, now),
        });
        let name = match &who {
            None => format!("waypoint-{}.json", today(now)),
            // Named after the learner, so a teacher collecting files can tell them apart.
            Some(id) => {
                let name = app.state.device().with_untracked(|d| d.learners.iter().find(|l| &l.id == id).map(|l| l.name.for_file_name()));
                format!("waypoint-{}-{}.json", name.unwrap_or_else(|| id.to_string()), today(now))
            }
        };
        let ok = match text {
            Some(Ok(text)) => files::download(&name, &text, "application/json"),
            Some(Err(e)) => {
                status.set(format!("{} {}", t_string!(i18n, export_failed), e.message(lang.get_untracked())));
                return;
            }
            None => false,
        };
        if ok {
            let _ = persist::write(app, |v, now| v.mark_exported(now));
            app.state.notices().update(|n| n.retain(|x| !matches!(x, waypoint_core::persistence::Notice::ExportDue)));
            status.set(t_string!(i18n, export_done).to_string());
        } else {
            status.set(t_string!(i18n, export_failed).to_string());
        }
    };

    let on_file = move |_| {
        let Some(input) = file_input.get_untracked() else { return };
        let Some(file) = files::chosen_files(&input).into_iter().next() else { return };
        step.set(ImportStep::Reading);
        leptos::task::spawn_local(async move {
            let next = match files::read_text(&file, MAX_IMPORT_BYTES).await {
                Err(files::FileReadError::TooLarge { bytes, .. }) => {
                    let mb = lang.get_untracked().decimal(bytes / 1_048_576.0, 1);
                    ImportStep::Refused(t_string!(i18n, import_too_large, mb = mb).to_string())
                }
                Err(files::FileReadError::Unreadable) => ImportStep::Refused(t_string!(i18n, import_unreadable).to_string()),
                Ok(text) => match persist::read(app, |v| v.preview_import(&text)) {
                    Some(Ok(p)) => ImportStep::Preview(std::rc::Rc::new(p)),
                    Some(Err(e)) => ImportStep::Refused(format!(
                        "{} {}",
                        t_string!(i18n, import_refused),
                        e.message(lang.get_untracked())
                    )),
                    None => ImportStep::Refused(t_string!(i18n, import_unreadable).to_string()),
                },
            };
            step.set(next);
            // Choosing the same file again must work.
            if let Some(input) = file_input.get_untracked() {
                input.set_value("");
            }
        });
    };

    let apply = move |preview: std::rc::Rc<ImportPreview>| {
        let chosen = mode.get_untracked();
        match persist::write(app, |v, now| v.apply_import(&preview, chosen, now)) {
            Ok(out) => {
                histories_changed.update(|n| *n += 1);
                let text = t_string!(
                    i18n,
                    import_done,
                    added = out.added.len(),
                    updated = out.updated.len(),
                    unchanged = out.unchanged.len(),
                    attempts = out.attempts_added
                )
                .to_string();
                actions::announce(app, text.clone());
                step.set(ImportStep::Done(text));
            }
            Err(e) => step.set(ImportStep::Refused(format!(
                "{} {}",
                t_string!(i18n, import_refused),
                e.message(lang.get_untracked())
            ))),
        }
    };
    let undo = move |_| match persist::write(app, |v, now| v.undo_import(now)) {
        Ok(_) => {
            histories_changed.update(|n| *n += 1);
            let text = t_string!(i18n, import_undone).to_string();
            actions::announce(app, text.clone());
            step.set(ImportStep::Done(text));
        }
        Err(e) => step.set(ImportStep::Refused(e.message(lang.get_untracked()))),
    };

    let freshness = move |f: Freshness| {
        match f {
            Freshness::New => t_string!(i18n, fresh_new),
            Freshness::Same => t_string!(i18n, fresh_same),
            Freshness::FileNewer => t_string!(i18n, fresh_file_newer),
            Freshness::FileOlder => t_string!(i18n, fresh_file_older),
            Freshness::Diverged => t_string!(i18n, fresh_diverged),
        }
        .to_string()
    };

    let import_view = move || match step.get() {
        ImportStep::Idle => ().into_any(),
        ImportStep::Reading => view! { <p role="status">{t!(i18n, import_reading)}</p> }.into_any(),
        ImportStep::Done(text) => view! { <p class="success" role="status">{text}</p> }.into_any(),
        ImportStep::Refused(text) => view! { <p class="field__error import-error" role="alert">{text}</p> }.into_any(),
        ImportStep::Preview(p) => {
            let date = p.exported_at.local_day(clock::utc_offset_minutes(p.exported_at)).iso();
            let count = p.learners.len();
            let rows = p
                .learners
                .iter()
                .map(|l| view! { <li><strong>{l.name.clone()}</strong>": "{freshness(l.freshness)}</li> })
                .collect_view();
            let p2 = p.clone();
            view! {
                <div class="import-preview" role="region" aria-labelledby="import-preview-title">
                    <p id="import-preview-title">{t!(i18n, import_preview, count = count, date = date.clone())}</p>
                    <ul>{rows}</ul>
                    <fieldset>
                        <legend>{t!(i18n, import_mode)}</legend>
                        <label class="choice">
                            <input type="radio" name="import-mode" prop:checked=move || mode.get() == ImportMode::Merge on:change=move |_| mode.set(ImportMode::Merge) />
                            <span>{t!(i18n, import_merge)}</span>
                        </label>
                        <label class="choice">
                            <input type="radio" name="import-mode" prop:checked=move || mode.get() == ImportMode::Replace on:change=move |_| mode.set(ImportMode::Replace) />
                            <span>{t!(i18n, import_replace)}</span>
                        </label>
                    </fieldset>
                    <div class="actions">
                        <button type="button" class="button button--primary" on:click=move |_| apply(p2.clone())>{t!(i18n, import_apply)}</button>
                        <button type="button" class="button" on:click=move |_| step.set(ImportStep::Idle)>{t!(i18n, cancel)}</button>
                    </div>
                </div>
            }
            .into_any()
        }
    };

    let learners = Memo::new(move |_| app.state.device().with(|d| d.learners.clone()));
    let compact = move |id: LearnerId| match persist::write(app, |v, now| v.compact_history(&id, now, 6, clock::utc_offset_minutes(now))) {
        Ok(out) if out.attempts_summarised > 0 => {
            histories_changed.update(|n| *n += 1);
            status.set(t_string!(i18n, compact_done, count = out.attempts_summarised).to_string());
        }
        Ok(_) => status.set(t_string!(i18n, compact_nothing).to_string()),
        Err(e) => status.set(e.message(lang.get_untracked())),
    };
    let download_quarantine = move |_| {
        let items = quarantined.get_untracked();
        let doc = serde_json::json!({
            "format": "waypoint-quarantine",
            "items": items.iter().map(|(k, original, bytes)| serde_json::json!({"quarantine_key": k, "original_key": original, "bytes": bytes})).collect::<Vec<_>>(),
        });
        files::download("waypoint-damaged-data.json", &doc.to_string(), "application/json");
    };

    view! {
        <div class="page data-page">
            <h1 tabindex="-1" node_ref=heading>{t!(i18n, data_title)}</h1>
            <p>{t!(i18n, data_intro)}</p>
            <p>
                {move || quota.get().map(|q| t_string!(i18n, data_usage, percent = format!("{:.0}", q.ratio * 100.0)).to_string())}
            </p>
            <p>
                {move || match app.state.persistence().get() {
                    Persistence::Granted => t_string!(i18n, persist_granted).to_string(),
                    Persistence::NotGranted | Persistence::Unsupported => t_string!(i18n, persist_not_granted).to_string(),
                    Persistence::Unknown => t_string!(i18n, persist_unknown).to_string(),
                }}
            </p>
            <p class="status" role="status">{move || status.get()}</p>

            <section aria-labelledby="saved-title">
                <h2 id="saved-title">{t!(i18n, saved_title)}</h2>
                <ul class="saved-counts">
                    <For each=move || learners.get() key=|l| (l.id.clone(), l.name.clone()) let:l>
                        {
                            let id = l.id.clone();
                            let name = l.name.as_str().to_string();
                            // Every answer counts, those compacted into daily totals too.
                            let count = move || {
                                app.state.device().track();
                                histories_changed.track();
                                app.vault
                                    .try_update_value(|v| v.history(&id, clock::now()).map(|(h, _)| (h.attempts.len(), h.summarised())).unwrap_or_default())
                                    .unwrap_or_default()
                            };
                            let line = move || match count() {
                                (raw, 0) => t_string!(i18n, saved_answers, name = name.clone(), n = raw).to_string(),
                                (raw, summarised) => t_string!(i18n, saved_answers_summarised, name = name.clone(), n = raw + summarised, m = summarised).to_string(),
                            };
                            view! { <li>{line}</li> }
                        }
                    </For>
                </ul>
            </section>

            <section aria-labelledby="export-title">
                <h2 id="export-title">{t!(i18n, export_title)}</h2>
                <div class="actions">
                    <button type="button" class="button button--primary" on:click=move |_| export(None)>{t!(i18n, export_all)}</button>
                    <For each=move || learners.get() key=|l| (l.id.clone(), l.name.clone()) let:l>
                        {
                            let id = l.id.clone();
                            let name = l.name.as_str().to_string();
                            view! {
                                <button type="button" class="button" on:click=move |_| export(Some(id.clone()))>
                                    {t!(i18n, export_learner, name = name.clone())}
                                </button>
                            }
                        }
                    </For>
                </div>
            </section>

            <section aria-labelledby="import-title">
                <h2 id="import-title" tabindex="-1" node_ref=import_heading>{t!(i18n, import_title)}</h2>
                // Bringing data in can replace a learner's progress: when the grown-ups have
                // set a PIN, it is asked first (as on the grown-ups' page).
                <Show
                    when=move || import_open.get()
                    fallback=move || view! { <PinGate intro=Signal::derive(move || t_string!(i18n, import_locked).to_string()) input_id="import-pin" on_open=import_opened /> }
                >
                    <p>{t!(i18n, import_intro)}</p>
                    <label class="file-label" for="import-file">{t!(i18n, import_choose)}</label>
                    <input id="import-file" type="file" accept=".json,application/json" node_ref=file_input on:change=on_file />
                    {import_view}
                    <Show when=move || app.state.can_undo_import().get()>
                        <button type="button" class="button" on:click=undo>{t!(i18n, import_undo)}</button>
                    </Show>
                </Show>
            </section>

            <Show when=move || !quarantined.get().is_empty()>
                <section aria-labelledby="quarantine-title">
                    <h2 id="quarantine-title">{t!(i18n, quarantine_title)}</h2>
                    <p>{t!(i18n, quarantine_intro)}</p>
                    <button type="button" class="button" on:click=download_quarantine>{t!(i18n, quarantine_download)}</button>
                </section>
            </Show>

            <Show when=move || quota.get().is_some_and(|q| q.level != QuotaLevel::Ok)>
                <section aria-labelledby="compact-title">
                    <h2 id="compact-title">{t!(i18n, compact_title)}</h2>
                    <p>{t!(i18n, compact_intro)}</p>
                    <div class="actions">
                        <For each=move || learners.get() key=|l| l.id.clone() let:l>
                            {
                                let id = l.id.clone();
                                let name = l.name.as_str().to_string();
                                view! {
                                    <button type="button" class="button" on:click=move |_| compact(id.clone())>
                                        {t!(i18n, compact_button, name = name.clone())}
                                    </button>
                                }
                            }
                        </For>
                    </div>
                </section>
            </Show>

            <p><A href=app.href("/") attr:class="button">{t!(i18n, back_start)}</A></p>
        </div>
    }
}
