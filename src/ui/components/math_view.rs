//! Prompts rendered as text and MathML (no image of text, no JavaScript maths library).

use leptos::prelude::*;
use waypoint_core::Lang;
use waypoint_core::content::{Math, Prompt, Segment};

fn num(n: i64) -> AnyView {
    if n < 0 {
        view! { <mrow><mo>"−"</mo><mn>{(-n).to_string()}</mn></mrow> }.into_any()
    } else {
        view! { <mn>{n.to_string()}</mn> }.into_any()
    }
}

fn op(c: char) -> AnyView {
    let c = if c == '-' { '−' } else { c };
    view! { <mo>{c.to_string()}</mo> }.into_any()
}

fn node(m: &Math, lang: Lang) -> AnyView {
    match m {
        Math::Num(n) => num(*n),
        Math::Dec(d) => {
            let shown = if lang == Lang::Es { d.replace('.', ",") } else { d.clone() };
            view! { <mn>{shown}</mn> }.into_any()
        }
        Math::Frac(a, b) => view! { <mfrac>{num(*a)}{num(*b)}</mfrac> }.into_any(),
        Math::Op(c) => op(*c),
        Math::Var(v) => view! { <mi>{v.clone()}</mi> }.into_any(),
        Math::Pow(b, e) => view! { <msup>{num(*b)}<mn>{e.to_string()}</mn></msup> }.into_any(),
        Math::Sqrt(n) => view! { <msqrt>{num(*n)}</msqrt> }.into_any(),
        Math::Blank => view! { <mi class="blank" mathvariant="normal">"□"</mi> }.into_any(),
        Math::Paren(inner) => {
            let inner: Vec<AnyView> = inner.iter().map(|m| node(m, lang)).collect();
            view! { <mrow><mo>"("</mo>{inner}<mo>")"</mo></mrow> }.into_any()
        }
        Math::Term(c, v) => {
            let coef = match *c {
                1 => ().into_any(),
                -1 => view! { <mo>"−"</mo> }.into_any(),
                c => num(c),
            };
            view! { <mrow>{coef}<mi>{v.clone()}</mi></mrow> }.into_any()
        }
    }
}

/// Renders a maths sequence as one `<math>` element.
pub fn math_row(ms: &[Math], lang: Lang) -> AnyView {
    let parts: Vec<AnyView> = ms.iter().map(|m| node(m, lang)).collect();
    view! { <math display="inline"><mrow>{parts}</mrow></math> }.into_any()
}

/// Renders a whole prompt: text as text, maths as MathML.
#[component]
pub fn PromptView(
    /// What to show.
    prompt: Prompt,
    /// The language of its numbers (decimal separator).
    lang: Lang,
) -> impl IntoView {
    // A space between segments, but none before punctuation ("in 11?", not "in 11 ?").
    let space_after = |i: usize| match prompt.segments.get(i + 1) {
        Some(Segment::Text(t)) => !t.starts_with(['?', '.', ',', ':', ';', '!', ')']),
        Some(Segment::Math(_)) => true,
        None => false,
    };
    let parts: Vec<AnyView> = prompt
        .segments
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let gap = if space_after(i) { " " } else { "" };
            match s {
                Segment::Text(t) => view! { <span>{t.clone()}{gap}</span> }.into_any(),
                Segment::Math(m) => view! { <span class="math">{math_row(m, lang)}{gap}</span> }.into_any(),
            }
        })
        .collect();
    view! { <span class="prompt">{parts}</span> }
}
