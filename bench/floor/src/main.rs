//! The floor under Waypoint's bundle budgets: the smallest app on the same stack and the
//! same release settings (Leptos 0.8 client-side, its router with two routes, a signal, a
//! text field, and a struct read from and written to JSON with serde_json, as every stored
//! value is). `make bench` builds it into `target/floor-dist/` and reports its `.wasm`
//! size and cold start beside the app's; nothing of it ships.

use leptos::prelude::*;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::path;

#[derive(serde::Serialize, serde::Deserialize, Default)]
struct Stored {
    count: u32,
    name: String,
    scores: Vec<f64>,
    done: Option<bool>,
}

#[component]
fn Start() -> impl IntoView {
    let (count, set_count) = signal(0);
    view! {
        <h1>"Floor"</h1>
        <button on:click=move |_| set_count.update(|c| *c += 1)>"Count: " {count}</button>
        <A href="/other">"Other page"</A>
    }
}

#[component]
fn Other() -> impl IntoView {
    let (text, set_text) = signal(String::new());
    let json = move || {
        let stored: Stored = serde_json::from_str(&text.get()).unwrap_or_default();
        serde_json::to_string(&stored).unwrap_or_default()
    };
    view! {
        <h1>"Other"</h1>
        <label>"JSON" <input prop:value=text on:input=move |e| set_text.set(event_target_value(&e)) /></label>
        <p>{json}</p>
        <A href="/">"Start"</A>
    }
}

fn main() {
    leptos::mount::mount_to_body(|| {
        view! {
            <Router>
                <main>
                    <Routes fallback=|| "Not found">
                        <Route path=path!("/") view=Start />
                        <Route path=path!("/other") view=Other />
                    </Routes>
                </main>
            </Router>
        }
    });
}
