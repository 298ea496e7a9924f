//! The only code that touches browser APIs: storage, clock, randomness, the app's base
//! path, and the panic recovery screen. Everything here is a thin adapter that hands plain
//! values to the pure core (`waypoint_core`); no domain rules live here.
//! The service worker adapter (`service_worker`) makes the app start offline and offers updates.

pub mod base;
pub mod clock;
pub mod files;
pub mod leaving;
pub mod locks;
pub mod panic;
pub mod random;
pub mod speech;
pub mod service_worker;
pub mod storage;
pub mod tabs;

/// Runs `f` with whether the page is now hidden, each time that changes
/// (`visibilitychange`), for the page's lifetime.
pub fn on_visibility_change(f: impl Fn(bool) + 'static) {
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let doc = document.clone();
    let on_change = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || f(doc.hidden()));
    let _ = document.add_event_listener_with_callback("visibilitychange", on_change.as_ref().unchecked_ref());
    // The listener lives for the page's lifetime.
    on_change.forget();
}

/// Removes the loading screen index.html shows until the app has mounted (put there by
/// scripts/postbuild.mjs).
pub fn remove_loading_screen() {
    if let Some(screen) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("loading")) {
        screen.remove();
    }
}

/// True when the page was opened with `?selftest=panic`, which the e2e tier uses to prove
/// that a panic shows the recovery screen and leaves stored data alone.
pub fn self_test_panic_requested() -> bool {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .map(|s| s.split(['?', '&']).any(|p| p == "selftest=panic"))
        .unwrap_or(false)
}

/// The browser's preferred language, if Waypoint ships it.
pub fn browser_language() -> Option<waypoint_core::Lang> {
    let tag = web_sys::window()?.navigator().language()?;
    waypoint_core::Lang::from_tag(&tag)
}

/// After the next render, if the element that had the focus is gone (the focus fell back to
/// the page), focuses the first of `ids` on the page. A screen that replaces another calls
/// it, so a keyboard or screen-reader user is not sent back to the top.
pub fn rescue_focus(ids: &'static [&'static str]) {
    let rescue = move || {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
        let lost = match (doc.active_element(), doc.body()) {
            (None, _) => true,
            (Some(active), Some(body)) => active == *body.as_ref(),
            (Some(_), None) => false,
        };
        if !lost {
            return;
        }
        if let Some(el) = ids.iter().find_map(|id| doc.get_element_by_id(id))
            && let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el)
        {
            let _ = el.focus();
        }
    };
    let cb = wasm_bindgen::closure::Closure::once_into_js(rescue);
    if let Some(w) = web_sys::window() {
        let _ = w.request_animation_frame(wasm_bindgen::JsCast::unchecked_ref(&cb));
    }
}

/// `element.scrollIntoView({ block: "nearest", inline: "nearest" })`: only as far as needed.
fn scroll_into_view_nearest(el: &web_sys::Element) {
    let opts = js_sys::Object::new();
    let nearest = wasm_bindgen::JsValue::from_str("nearest");
    let _ = js_sys::Reflect::set(&opts, &"block".into(), &nearest);
    let _ = js_sys::Reflect::set(&opts, &"inline".into(), &nearest);
    if let Ok(f) = js_sys::Reflect::get(el, &"scrollIntoView".into())
        && let Some(f) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Function>(&f)
    {
        let _ = f.call1(el, &opts);
    }
}

/// Moves keyboard focus to the element with this id (HTML or SVG) on the next frame, once
/// it has been drawn, and scrolls it into view within any scrolling box (an SVG element's
/// focus does not: a skill on the map's far side stayed hidden). Does nothing when it is
/// not there.
pub fn focus_by_id(id: String) {
    let focus = move || {
        let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&id)) else { return };
        if let Some(html) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&el) {
            let _ = html.focus();
        } else if let Some(svg) = wasm_bindgen::JsCast::dyn_ref::<web_sys::SvgElement>(&el) {
            let _ = svg.focus();
        }
        scroll_into_view_nearest(&el);
    };
    let cb = wasm_bindgen::closure::Closure::once_into_js(focus);
    if let Some(w) = web_sys::window() {
        let _ = w.request_animation_frame(wasm_bindgen::JsCast::unchecked_ref(&cb));
    }
}

/// Runs `f` once the next frame is on screen and the browser is idle (at the latest half a
/// second after that frame; a browser without idle callbacks runs it in a task after the
/// frame): for the parts of a page that can wait, so that what the learner needs first
/// shows sooner on a slow device, and a tap meanwhile is not kept waiting.
pub fn after_paint(f: impl FnOnce() + 'static) {
    let later = wasm_bindgen::closure::Closure::once_into_js(f);
    let frame = wasm_bindgen::closure::Closure::once_into_js(move || {
        let Some(w) = web_sys::window() else { return };
        let options = web_sys::IdleRequestOptions::new();
        options.set_timeout(500);
        if w.request_idle_callback_with_options(wasm_bindgen::JsCast::unchecked_ref(&later), &options).is_err() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(wasm_bindgen::JsCast::unchecked_ref(&later), 0);
        }
    });
    if let Some(w) = web_sys::window() {
        let _ = w.request_animation_frame(wasm_bindgen::JsCast::unchecked_ref(&frame));
    }
}

/// Sets the learner's display preferences as `pref-*` classes on the root element (CSS does
/// the rest); other classes are left alone.
pub fn set_preference_classes(classes: &[&str]) {
    let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) else { return };
    let kept: Vec<String> = root.class_name().split_whitespace().filter(|c| !c.starts_with("pref-")).map(str::to_string).collect();
    let all: Vec<String> = kept.into_iter().chain(classes.iter().map(|c| c.to_string())).collect();
    root.set_class_name(&all.join(" "));
}

/// Opens the browser's print dialog (the report has a print stylesheet).
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}
