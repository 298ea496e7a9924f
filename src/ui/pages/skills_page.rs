//! The skill map: the learner's grade band as an SVG graph of prerequisites, each skill
//! showing whether it is locked, ready, in progress, mastered or due for review (by colour
//! and by symbol and words). Zoom with the buttons or + and -; move between skills with the
//! arrow keys (left: what comes before, right: what comes next); Enter opens a skill's
//! detail with its Common Core standard, level and reason, and a practice button. Layout
//! and statuses come from the core (`engine::map`).

use super::use_current_learner;
use crate::i18n::*;
use crate::platform::{self, clock};
use crate::ui::lang::{show_language, use_lang};
use crate::ui::practice::{self as practice_data, catalog};
use crate::ui::routes::LearnerPage;
use crate::ui::state::AppContext;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use waypoint_core::content::Catalog;
use waypoint_core::engine::map::{skill_map, Direction, MapStatus, SkillMap, COL_GAP, NODE_H, NODE_W};
use waypoint_core::engine::review::Scheduler;
use waypoint_core::engine::LearnerModel;
use waypoint_core::{Lang, LearnerId, SkillId};

const ZOOMS: [f64; 5] = [0.5, 0.75, 1.0, 1.25, 1.5];

#[component]
pub fn SkillsPage() -> impl IntoView {
    let i18n = use_i18n();
    let app = AppContext::expect();
    let learner = use_current_learner();
    let heading = NodeRef::<leptos::html::H1>::new();
    super::focus_heading(heading);
    show_language(learner.get_untracked().and_then(|l| l.language).unwrap_or_else(|| app.device_language()));
    let who = Memo::new(move |_| learner.with(|l| l.as_ref().map(|l| (l.id.clone(), l.grade_band, l.name.as_str().to_string()))));
    move || match (who.get(), catalog()) {
        (Some((id, band, name)), Some(cat)) => {
            let model = practice_data::load(app, &id).model;
            let map = skill_map(&model, cat.graph(), band, clock::now(), &Scheduler::default());
            view! {
                <div class="page skills-page">
                    <h1 tabindex="-1" node_ref=heading>{t!(i18n, skills_title)}</h1>
                    <p>{t!(i18n, skills_intro)}</p>
                    <SkillMapView map=map model=model cat=cat learner=id.clone() />
                    <A href=app.href(&LearnerPage::Home.href(&id)) attr:class="button">
                        {t!(i18n, back_home, name = name.clone())}
                    </A>
                </div>
            }
            .into_any()
        }
        _ => view! { <super::not_found_page::LearnerMissing /> }.into_any(),
    }
}

/// A skill name broken into lines that fit a map box (whole words, at most three lines).
fn lines(name: &str) -> Vec<String> {
    const WIDTH: usize = 21;
    let mut out: Vec<String> = Vec::new();
    for word in name.split_whitespace() {
        let full = out.len() == 3;
        match out.last_mut() {
            Some(line) if full || line.chars().count() + 1 + word.chars().count() <= WIDTH => {
                line.push(' ');
                line.push_str(word);
            }
            _ => out.push(word.to_string()),
        }
    }
    out
}

#[component]
fn SkillMapView(map: SkillMap, model: LearnerModel, cat: &'static Catalog, learner: LearnerId) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let query = use_query_map();
    let map = StoredValue::new(map);
    let skill_name = move |s: &SkillId, l: Lang| cat.skill(s).map(|k| k.name(l).to_string()).unwrap_or_else(|| s.to_string());
    // Start on the skill named in the address, else the first one worth doing.
    let first = map.with_value(|m| {
        let asked = query.with_untracked(|q| q.get("s")).and_then(|s| SkillId::parse(&s)).and_then(|s| m.position(&s));
        asked
            .or_else(|| m.nodes.iter().position(|n| matches!(n.status, MapStatus::Due | MapStatus::InProgress | MapStatus::Ready)))
            .unwrap_or(0)
    });
    let selected = RwSignal::new(first);
    let detail = RwSignal::new(None::<usize>);
    let zoom = RwSignal::new(2usize);
    let zoom_by = move |d: i32| zoom.update(|z| *z = (*z as i32 + d).clamp(0, ZOOMS.len() as i32 - 1) as usize);
    let open = move |i: usize| {
        selected.set(i);
        detail.set(Some(i));
        platform::focus_by_id("skill-detail-title".into());
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent, i: usize| {
        let dir = match ev.key().as_str() {
            "ArrowUp" => Some(Direction::Up),
            "ArrowDown" => Some(Direction::Down),
            "ArrowLeft" => Some(Direction::Left),
            "ArrowRight" => Some(Direction::Right),
            "Enter" | " " => {
                ev.prevent_default();
                open(i);
                return;
            }
            "+" | "=" => {
                zoom_by(1);
                None
            }
            "-" => {
                zoom_by(-1);
                None
            }
            _ => return,
        };
        ev.prevent_default();
        if let Some(j) = dir.and_then(|d| map.with_value(|m| m.neighbour(i, d))) {
            selected.set(j);
            platform::focus_by_id(format!("map-node-{j}"));
        }
    };
    let (width, height) = map.with_value(|m| (m.width, m.height));
    let counts = map.with_value(|m| m.counts());
    let summary = move || {
        let l = lang.get();
        let parts: Vec<String> = MapStatus::ALL.iter().zip(counts).map(|(s, n)| format!("{}: {n}", s.name(l))).collect();
        t_string!(i18n, skills_summary, n = map.with_value(|m| m.nodes.len()), parts = parts.join(", ")).to_string()
    };
    let edges = map.with_value(|m| {
        m.edges
            .iter()
            .filter_map(|&(p, s)| {
                let (a, b) = (m.nodes.get(p)?, m.nodes.get(s)?);
                let (x1, y1, x2, y2) = (a.x + NODE_W, a.y + NODE_H / 2.0, b.x, b.y + NODE_H / 2.0);
                let c = COL_GAP / 2.0;
                Some(format!("M{x1} {y1} C{} {y1} {} {y2} {x2} {y2}", x1 + c, x2 - c))
            })
            .collect::<Vec<_>>()
    });
    let nodes = map.with_value(|m| m.nodes.clone());
    let model = StoredValue::new(model);
    view! {
        <div class="map-tools" role="group" aria-label=move || t_string!(i18n, skills_zoom_label).to_string()>
            <button type="button" class="button" on:click=move |_| zoom_by(-1) aria-label=move || t_string!(i18n, skills_zoom_out).to_string()>"−"</button>
            <span class="map-tools__zoom" aria-live="polite">{move || format!("{:.0}%", ZOOMS[zoom.get()] * 100.0)}</span>
            <button type="button" class="button" on:click=move |_| zoom_by(1) aria-label=move || t_string!(i18n, skills_zoom_in).to_string()>"+"</button>
            <button type="button" class="button" on:click=move |_| zoom.set(2)>{t!(i18n, skills_zoom_reset)}</button>
        </div>
        <ul class="map-legend" aria-label=move || t_string!(i18n, skills_legend).to_string()>
            {MapStatus::ALL.into_iter().map(|s| view! {
                <li class=format!("map-legend__item map-node--{}", s.key())>
                    <span class="map-legend__swatch" aria-hidden="true">{s.symbol()}</span>
                    {move || s.name(lang.get())}
                </li>
            }).collect_view()}
        </ul>
        <p class="map-summary">{summary}</p>
        <p class="stat__hint">{t!(i18n, skills_keys)}</p>
        <div class="map-viewport">
            <svg
                class="skill-map"
                role="group"
                aria-label=move || t_string!(i18n, skills_map_label).to_string()
                viewBox=format!("0 0 {width} {height}")
                width=move || format!("{:.0}", width * ZOOMS[zoom.get()])
                height=move || format!("{:.0}", height * ZOOMS[zoom.get()])
            >
                <g class="map-edges" aria-hidden="true">
                    {edges.into_iter().map(|d| view! { <path d=d /> }).collect_view()}
                </g>
                {nodes.into_iter().enumerate().map(|(i, n)| {
                    let status = n.status;
                    let skill = n.skill.clone();
                    let label = {
                        let skill = skill.clone();
                        move || format!("{}: {}", skill_name(&skill, lang.get()), status.name(lang.get()))
                    };
                    let title = label.clone();
                    let name_lines = {
                        let skill = skill.clone();
                        let (x, y) = (n.x, n.y);
                        move || {
                            lines(&skill_name(&skill, lang.get()))
                                .into_iter()
                                .enumerate()
                                .map(|(k, line)| view! { <tspan x=x + 10.0 y=y + 21.0 + 17.0 * k as f64>{format!("{line} ")}</tspan> })
                                .collect_view()
                        }
                    };
                    view! {
                        <g
                            class=format!("map-node map-node--{}", status.key())
                            id=format!("map-node-{i}")
                            data-skill=skill.to_string()
                            role="button"
                            tabindex=move || if selected.get() == i { "0" } else { "-1" }
                            aria-label=label
                            on:keydown=move |ev| on_key(ev, i)
                            on:click=move |_| open(i)
                            on:focus=move |_| selected.set(i)
                        >
                            <title>{title}</title>
                            <rect x=n.x y=n.y width=NODE_W height=NODE_H rx="10" />
                            <text class="map-node__name">{name_lines}</text>
                            <text x=n.x + 10.0 y=n.y + NODE_H - 10.0 class="map-node__status">
                                <tspan aria-hidden="true">{status.symbol()}" "</tspan>
                                {move || status.name(lang.get())}
                            </text>
                        </g>
                    }
                }).collect_view()}
            </svg>
        </div>
        {move || detail.get().and_then(|i| map.with_value(|m| m.nodes.get(i).cloned())).map(|n| {
            let l = lang.get();
            let skill = cat.skill(&n.skill);
            let reason = model.with_value(|m| m.skill(&n.skill).map(|s| s.reason)).unwrap_or_default();
            let standards = skill.map(|s| s.standards.clone()).unwrap_or_default();
            let prereqs: Vec<String> = cat.graph().prerequisites(n.graph_index).iter()
                .filter_map(|&p| cat.graph().node(p))
                .map(|p| skill_name(&p.id, l))
                .collect();
            let practice_href = format!("{}&s={}", LearnerPage::Practice.href(&learner), n.skill);
            let app = AppContext::expect();
            view! {
                <section class="skill-detail" aria-labelledby="skill-detail-title">
                    <h2 id="skill-detail-title" tabindex="-1">{skill_name(&n.skill, l)}</h2>
                    <p class=format!("skill-detail__status map-node--{}", n.status.key())>
                        <span aria-hidden="true">{n.status.symbol()}" "</span>{n.status.name(l)}
                    </p>
                    <p><strong>{t!(i18n, skills_level)}" "</strong>{n.level.name(l)}". "{reason.message(l)}</p>
                    {standards.into_iter().map(|s| view! {
                        <p class="skill-detail__standard"><strong>{format!("Common Core {}: ", s.code)}</strong>{s.statement}</p>
                    }).collect_view()}
                    {(!prereqs.is_empty()).then(|| view! {
                        <p><strong>{t!(i18n, skills_before)}" "</strong>{prereqs.join(", ")}</p>
                    })}
                    {if n.status == MapStatus::Locked {
                        view! { <p>{t!(i18n, skills_locked_note)}</p> }.into_any()
                    } else {
                        view! { <A href=app.href(&practice_href) attr:class="button button--primary skill-detail__practice">{t!(i18n, skills_practise)}</A> }.into_any()
                    }}
                    <button type="button" class="button" on:click=move |_| {
                        detail.set(None);
                        platform::focus_by_id(format!("map-node-{}", selected.get_untracked()));
                    }>{t!(i18n, skills_back_to_map)}</button>
                </section>
            }
        })}
    }
}
