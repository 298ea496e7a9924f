//! A bar chart drawn by the app as SVG, with its figures also as a table (under "Show the
//! numbers") so nobody depends on seeing the picture.

use crate::i18n::*;
use leptos::prelude::*;

/// One bar: a short axis label, the full label for the table, and the value.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub short: String,
    pub label: String,
    pub value: f64,
}

#[component]
pub fn BarChart(
    /// Id prefix (unique on the page).
    id: &'static str,
    /// What the chart shows, in a sentence (it is the picture's accessible name).
    summary: String,
    /// Heading of the label column ("Day").
    key_head: String,
    /// Heading of the value column ("Minutes").
    unit: String,
    bars: Vec<Bar>,
    /// Label every n-th bar on the axis.
    #[prop(default = 1)]
    label_every: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = crate::ui::lang::use_lang().get_untracked();
    const W: f64 = 640.0;
    const H: f64 = 180.0;
    const TOP: f64 = 16.0;
    const BOTTOM: f64 = 24.0;
    const LEFT: f64 = 36.0;
    let max = bars.iter().map(|b| b.value).fold(0.0f64, f64::max).max(1.0).ceil();
    let n = bars.len().max(1) as f64;
    let step = (W - LEFT) / n;
    let plot = H - TOP - BOTTOM;
    let rows = bars.clone();
    view! {
        <figure class="chart">
            <svg class="bar-chart" viewBox=format!("0 0 {W} {H}") role="img" aria-label=summary.clone() preserveAspectRatio="xMinYMin meet">
                <line x1=LEFT y1=TOP + plot x2=W y2=TOP + plot class="bar-chart__axis" />
                <text x=LEFT - 6.0 y=TOP + 4.0 text-anchor="end" class="bar-chart__tick">{lang.short_decimal(max, 1)}</text>
                <text x=LEFT - 6.0 y=TOP + plot text-anchor="end" class="bar-chart__tick">"0"</text>
                {bars.into_iter().enumerate().map(|(i, b)| {
                    let h = (b.value / max).clamp(0.0, 1.0) * plot;
                    let x = LEFT + i as f64 * step + step * 0.15;
                    let label = (i % label_every.max(1) == 0).then(|| b.short.clone());
                    view! {
                        <g>
                            <rect x=x y=TOP + plot - h width=step * 0.7 height=h.max(if b.value > 0.0 { 1.5 } else { 0.0 }) class="bar-chart__bar" />
                            {label.map(|l| view! { <text x=x + step * 0.35 y=H - 6.0 text-anchor="middle" class="bar-chart__tick">{l}</text> })}
                        </g>
                    }
                }).collect_view()}
            </svg>
            <figcaption>{summary}</figcaption>
            <details class="chart__numbers">
                <summary id=format!("{id}-numbers")>{t!(i18n, chart_numbers)}</summary>
                <table>
                    <thead><tr><th scope="col">{key_head}</th><th scope="col">{unit}</th></tr></thead>
                    <tbody>
                        {rows.into_iter().map(|b| view! { <tr><th scope="row">{b.label}</th><td>{lang.short_decimal(b.value, 1)}</td></tr> }).collect_view()}
                    </tbody>
                </table>
            </details>
        </figure>
    }
}
