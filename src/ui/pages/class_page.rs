//! The teacher's class view: import several students' export files at once, then see a class
//! table (student x Common Core domain), the skills most students struggle with, and flexible
//! groups by the next skill each student needs, ready to print. Imported students are kept
//! apart from this device's learners, in this tab only (nothing is saved), and cleared in one
//! step. Each file is validated as an import would be; a bad file is named with its problem.

use crate::i18n::*;
use crate::platform::{self, files};
use crate::ui::lang::{show_language, use_lang};
use crate::ui::practice::{catalog, skill_name};
use crate::ui::state::{AppContext, AppStateStoreFields};
use leptos::prelude::*;
use leptos_router::components::A;
use waypoint_core::error::UserMessage;
use waypoint_core::engine::LearnerModel;
use waypoint_core::persistence::transfer::{read_students, MAX_IMPORT_BYTES};
use waypoint_core::report::{class_view, domain_name, ClassStudent};
use waypoint_core::Lang;

/// What happened to one imported file, in the page's language.
#[derive(Debug, Clone, PartialEq)]
struct FileResult {
    ok: bool,
    text: String,
}

#[component]
pub fn ClassPage() -> impl IntoView {
    let i18n = use_i18n();
    let app = AppContext::expect();
    let lang = use_lang();
    let heading = NodeRef::<leptos::html::H1>::new();
    super::focus_heading(heading);
    show_language(app.device_language());
    let results = RwSignal::new(Vec::<FileResult>::new());
    let busy = RwSignal::new(false);
    let on_files = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let chosen = files::chosen_files(&input);
        input.set_value("");
        if chosen.is_empty() {
            return;
        }
        busy.set(true);
        results.set(Vec::new());
        leptos::task::spawn_local(async move {
            let l = lang.get_untracked();
            let mut out = Vec::new();
            for file in chosen {
                let name = file.name();
                let text = match files::read_text(&file, MAX_IMPORT_BYTES).await {
                    Ok(t) => t,
                    Err(files::FileReadError::TooLarge { .. }) => {
                        out.push(FileResult { ok: false, text: format!("{name}: {}", waypoint_core::persistence::PersistError::TooLarge { bytes: file.size() as usize, max: MAX_IMPORT_BYTES }.message(l)) });
                        continue;
                    }
                    Err(files::FileReadError::Unreadable) => {
                        out.push(FileResult { ok: false, text: format!("{name}: {}", l.pick("the browser could not read this file.", "el navegador no pudo leer este archivo.")) });
                        continue;
                    }
                };
                match read_students(&text) {
                    Err(e) => out.push(FileResult { ok: false, text: format!("{name}: {}", e.message(l)) }),
                    Ok(students) if students.is_empty() => out.push(FileResult { ok: false, text: format!("{name}: {}", l.pick("this export holds no learners.", "esta exportación no tiene estudiantes.")) }),
                    Ok(students) => {
                        for s in students {
                            let model: LearnerModel = s.model.and_then(|m| serde_json::from_value(m).ok()).unwrap_or_default();
                            let student = ClassStudent { id: s.learner.id.clone(), name: s.learner.name.as_str().to_string(), band: s.learner.grade_band, model };
                            let twice = app.state.class_students().with_untracked(|c| c.iter().any(|x| x.id == student.id));
                            if twice {
                                out.push(FileResult { ok: false, text: format!("{name}: {}", match l {
                                    Lang::En => format!("{} is already in the class; shown once.", student.name),
                                    Lang::Es => format!("{} ya está en la clase; se muestra una vez.", student.name),
                                }) });
                            } else {
                                out.push(FileResult { ok: true, text: format!("{name}: {}", match l {
                                    Lang::En => format!("{} added.", student.name),
                                    Lang::Es => format!("{} añadido.", student.name),
                                }) });
                                app.state.class_students().update(|c| c.push(student));
                            }
                        }
                    }
                }
            }
            results.set(out);
            busy.set(false);
        });
    };
    let clear = move |_| {
        app.state.class_students().set(Vec::new());
        results.set(Vec::new());
        crate::ui::actions::announce(app, t_string!(i18n, class_cleared).to_string());
    };
    let view_data = Memo::new(move |_| {
        let students = app.state.class_students().get();
        catalog().map(|cat| class_view(&students, cat))
    });
    let skill_name = move |s: &waypoint_core::SkillId| skill_name(s, lang.get());
    view! {
        <div class="page class-page">
            <h1 tabindex="-1" node_ref=heading>{t!(i18n, class_title)}</h1>
            <p>{t!(i18n, class_intro)}</p>
            <div class="field no-print">
                <label for="class-files" class="file-label">{t!(i18n, class_choose)}</label>
                <input id="class-files" type="file" accept=".json,application/json" multiple on:change=on_files />
            </div>
            <Show when=move || busy.get()><p role="status">{t!(i18n, class_reading)}</p></Show>
            <div role="status">
                <ul class="class-results">
                    {move || results.get().into_iter().map(|r| view! { <li class=if r.ok { "success" } else { "field__error" }>{r.text}</li> }).collect_view()}
                </ul>
            </div>
            {move || view_data.get().filter(|v| !v.rows.is_empty()).map(|v| {
                let domains = v.domains.clone();
                let count = v.rows.len();
                view! {
                    <section aria-labelledby="class-table-title">
                        <h2 id="class-table-title">{move || t_string!(i18n, class_table, n = count).to_string()}</h2>
                        <div class="table-scroll" tabindex="0" role="region" aria-label=move || t_string!(i18n, table_region, name = t_string!(i18n, class_table_caption)).to_string()>
                            <table class="class-table">
                                <caption>{t!(i18n, class_table_caption)}</caption>
                                <thead><tr>
                                    <th scope="col">{t!(i18n, class_student)}</th>
                                    {domains.iter().map(|d| view! { <th scope="col"><abbr title=domain_name(d, lang.get_untracked())>{d.clone()}</abbr></th> }).collect_view()}
                                </tr></thead>
                                <tbody>
                                    {v.rows.iter().map(|(name, cols)| view! {
                                        <tr>
                                            <th scope="row">{name.clone()}</th>
                                            {cols.iter().map(|c| view! { <td>{if c.skills == 0 { "–".to_string() } else { format!("{}/{}", c.mastered, c.skills) }}</td> }).collect_view()}
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    </section>
                    <section aria-labelledby="class-struggle-title">
                        <h2 id="class-struggle-title">{t!(i18n, class_struggling)}</h2>
                        {if v.struggling.is_empty() { view! { <p>{t!(i18n, class_no_struggle)}</p> }.into_any() } else {
                            view! { <ul>{v.struggling.iter().map(|(s, n)| view! { <li>{skill_name(s)}{format!(": {n}")}</li> }).collect_view()}</ul> }.into_any()
                        }}
                    </section>
                    <section aria-labelledby="class-groups-title" class="class-groups">
                        <h2 id="class-groups-title">{t!(i18n, class_groups)}</h2>
                        <p class="stat__hint">{t!(i18n, class_groups_hint)}</p>
                        <ul class="group-list">
                            {v.groups.iter().map(|(s, names)| view! {
                                <li class="group">
                                    <h3>{skill_name(s)}</h3>
                                    <p>{names.join(", ")}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                    <div class="actions no-print">
                        <button type="button" class="button button--primary" on:click=move |_| platform::print()>{t!(i18n, class_print)}</button>
                        <button type="button" class="button button--danger" on:click=clear>{t!(i18n, class_clear)}</button>
                    </div>
                }
            })}
            <p class="no-print"><A href=app.href("/") attr:class="button">{t!(i18n, class_back)}</A></p>
        </div>
    }
}
