//! A labelled progress bar (role="progressbar") whose fill is a fraction in 0.0..=1.0.

use leptos::prelude::*;

#[component]
pub fn Meter(
    /// What the bar measures, read by screen readers.
    #[prop(into)]
    label: Signal<String>,
    /// Fill, 0.0..=1.0.
    #[prop(into)]
    fraction: Signal<f64>,
    /// The value in words ("6 of 10 minutes"), read instead of a bare percentage.
    #[prop(into)]
    text: Signal<String>,
) -> impl IntoView {
    let pct = move || (fraction.get().clamp(0.0, 1.0) * 100.0).round();
    view! {
        <div
            class="progress meter"
            role="progressbar"
            aria-label=move || label.get()
            aria-valuemin="0"
            aria-valuemax="100"
            aria-valuenow=move || format!("{:.0}", pct())
            aria-valuetext=move || text.get()
        >
            <div class="progress__bar" style:width=move || format!("{:.0}%", pct())></div>
        </div>
    }
}
