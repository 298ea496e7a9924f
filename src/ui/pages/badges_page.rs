//! The badge catalog: every badge by family, earned ones with their date and an Open Badges
//! 3.0 download, the others with progress toward them ("7 of 10") and how to earn them.

use super::use_current_learner;
use crate::i18n::*;
use crate::platform::clock;
use crate::ui::components::Meter;
use crate::ui::lang::{show_language, use_lang};
use crate::ui::motivation;
use crate::ui::practice::catalog;
use crate::ui::routes::LearnerPage;
use crate::ui::state::AppContext;
use leptos::prelude::*;
use leptos_router::components::A;
use waypoint_core::motivation::{badge_catalog, BadgeFamily, BadgeStatus};
use waypoint_core::LearnerId;

#[component]
pub fn BadgesPage() -> impl IntoView {
    let i18n = use_i18n();
    let app = AppContext::expect();
    let learner = use_current_learner();
    let heading = NodeRef::<leptos::html::H1>::new();
    super::focus_heading(heading);
    show_language(learner.get_untracked().and_then(|l| l.language).unwrap_or_else(|| app.device_language()));
    move || match (learner.get(), catalog()) {
        (Some(l), Some(cat)) => {
            let standing = motivation::load(app, &l.id);
            let rows = badge_catalog(&standing.state, &standing.confidence.history_summary(), cat.graph());
            let earned = rows.iter().filter(|r| r.earned_at.is_some()).count();
            let total = rows.len();
            let id = l.id.clone();
            let name = l.name.as_str().to_string();
            view! {
                <div class="page badges-page">
                    <h1 tabindex="-1" node_ref=heading>{t!(i18n, badges_title)}</h1>
                    <p>{move || t_string!(i18n, badges_intro, n = earned, total = total).to_string()}</p>
                    {BadgeFamily::ALL.into_iter().map(|family| {
                        let in_family: Vec<BadgeStatus> = rows.iter().filter(|r| r.def.family == family).cloned().collect();
                        let id = id.clone();
                        view! { <BadgeFamilySection family=family rows=in_family learner=id /> }
                    }).collect_view()}
                    <A href=app.href(&LearnerPage::Home.href(&l.id)) attr:class="button">
                        {t!(i18n, back_home, name = name.clone())}
                    </A>
                </div>
            }
            .into_any()
        }
        _ => view! { <super::not_found_page::LearnerMissing /> }.into_any(),
    }
}

#[component]
fn BadgeFamilySection(family: BadgeFamily, rows: Vec<BadgeStatus>, learner: LearnerId) -> impl IntoView {
    let lang = use_lang();
    let title_id = format!("family-{}", family.key());
    let labelled_by = title_id.clone();
    view! {
        <section class="badge-family" aria-labelledby=labelled_by>
            <h2 id=title_id>{move || family.name(lang.get())}</h2>
            <ul class="badge-list">
                {rows.into_iter().map(|row| view! { <BadgeRow row=row learner=learner.clone() /> }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn BadgeRow(row: BadgeStatus, learner: LearnerId) -> impl IntoView {
    let app = AppContext::expect();
    let i18n = use_i18n();
    let lang = use_lang();
    let def = row.def;
    let l = lang.get_untracked();
    let earned = row.earned_at.map(|t| t.local_day(clock::utc_offset_minutes(t)).iso());
    let progress = row.progress;
    let failed = RwSignal::new(false);
    let download = move |_| {
        failed.set(!motivation::download_badge(app, &learner, def, lang.get_untracked()));
    };
    let class = if earned.is_some() { "badge badge--earned" } else { "badge badge--locked" };
    view! {
        <li class=class id=format!("badge-{}", def.id)>
            <span class="badge__picture" aria-hidden="true" inner_html=def.svg(l)></span>
            <div class="badge__text">
                <h3 class="badge__name">{def.name(l)}</h3>
                <p>{def.description(l)}</p>
                <p class="badge__criteria"><strong>{t!(i18n, badge_how)}" "</strong>{def.criteria(l)}</p>
                {match earned.clone() {
                    Some(date) => view! {
                        <p class="badge__earned">{t_string!(i18n, badge_earned_on, date = date).to_string()}</p>
                        <button type="button" class="button button--small badge__download" on:click=download>
                            {t!(i18n, badge_download)}
                        </button>
                        <p class="stat__hint">{t!(i18n, badge_download_note)}</p>
                        <Show when=move || failed.get()>
                            <p class="field__error" role="alert">{t!(i18n, badge_download_failed)}</p>
                        </Show>
                    }.into_any(),
                    None => view! {
                        <p class="badge__status">{t!(i18n, badge_not_yet)}</p>
                        {progress.map(|p| {
                            let label = p.label(l);
                            let name = def.name(l);
                            view! {
                                <Meter
                                    label=Signal::derive(move || t_string!(i18n, badge_progress_label, name = name).to_string())
                                    fraction=Signal::derive(move || if p.target == 0 { 0.0 } else { p.current as f64 / p.target as f64 })
                                    text=Signal::stored(label.clone())
                                />
                                <p class="badge__progress">{label.clone()}</p>
                            }
                        })}
                    }.into_any(),
                }}
            </div>
        </li>
    }
}
