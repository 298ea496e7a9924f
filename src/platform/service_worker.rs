//! The service worker adapter: registers `sw.js` (written into dist/ by
//! scripts/postbuild.mjs from public/sw.js), reports once a new build is installed and
//! waiting, and activates it only when asked. It never reloads the page by itself:
//! `apply_update` is meant for a user's click. No leptos and no `ui` here.
//!
//! When the browser has no service workers (a page opened from a file share, an insecure
//! origin) or the first visit is offline, nothing happens and the app works as before.

use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// The message the worker in public/sw.js answers with `skipWaiting()`.
const SKIP_WAITING: &str = "waypoint:skip-waiting";

thread_local! {
    static REGISTRATION: RefCell<Option<ServiceWorkerRegistration>> = const { RefCell::new(None) };
    /// Handles a rejection by doing nothing (kept for the page's lifetime).
    static IGNORE: Closure<dyn FnMut(JsValue)> = Closure::new(|_: JsValue| {});
}

/// The page's service-worker container, when the browser offers one here.
fn container() -> Option<ServiceWorkerContainer> {
    let window = web_sys::window()?;
    if !window.is_secure_context() {
        return None;
    }
    let navigator = window.navigator();
    let present = js_sys::Reflect::get(&navigator, &JsValue::from_str("serviceWorker"))
        .map(|v| !v.is_undefined() && !v.is_null())
        .unwrap_or(false);
    present.then(|| navigator.service_worker())
}

/// A rejected promise must not become an "uncaught (in promise)" console error: an update
/// check that fails offline is expected and harmless.
fn ignore_rejection(promise: &js_sys::Promise) {
    IGNORE.with(|ignore| {
        let _ = promise.catch(ignore);
    });
}

/// Registers the worker at `{base}/sw.js` (base: "" at the root, "/waypoint" under a
/// sub-path) after the page has loaded, and calls `on_update_ready` each time a new build
/// is installed and waiting while this page is controlled by the current one.
///
/// Debug builds (`trunk serve`) register nothing: they have no generated `sw.js`.
pub fn register(base: &str, on_update_ready: impl Fn() + 'static) {
    if cfg!(debug_assertions) {
        return;
    }
    let Some(container) = container() else { return };
    let url = format!("{base}/sw.js");
    let on_update_ready: Rc<dyn Fn()> = Rc::new(on_update_ready);
    let start = move || {
        let registered = Closure::once(move |registration: JsValue| {
            if let Ok(registration) = registration.dyn_into::<ServiceWorkerRegistration>() {
                watch(&registration, on_update_ready);
                REGISTRATION.with(|r| *r.borrow_mut() = Some(registration));
                check_for_update_when_back();
            }
        });
        let promise = container.register(&url);
        // A first visit offline, or a host without sw.js: the app simply runs without it.
        IGNORE.with(|ignore| {
            let _ = promise.then2(&registered, ignore);
        });
        registered.forget();
    };
    // Registering (and precaching) waits for the page to finish loading, so it never
    // competes with the first start.
    let Some(window) = web_sys::window() else { return };
    let loaded = window.document().map(|d| d.ready_state() == "complete").unwrap_or(true);
    if loaded {
        start();
    } else {
        let on_load = Closure::once_into_js(start);
        let _ = window.add_event_listener_with_callback("load", on_load.unchecked_ref());
    }
}

/// Calls `on_update_ready` when a new worker is waiting behind the one controlling us.
fn watch(registration: &ServiceWorkerRegistration, on_update_ready: Rc<dyn Fn()>) {
    let controlled = || container().and_then(|c| c.controller()).is_some();
    if registration.waiting().is_some() && controlled() {
        on_update_ready();
    }
    let reg = registration.clone();
    let on_update_found = Closure::<dyn FnMut()>::new(move || {
        let Some(worker) = reg.installing() else { return };
        let watched = worker.clone();
        let ready = on_update_ready.clone();
        let on_state = Closure::<dyn FnMut()>::new(move || {
            // Installed with a controller present: a new build is waiting (without a
            // controller it is the very first install, which needs no prompt).
            if watched.state() == ServiceWorkerState::Installed && controlled() {
                ready();
            }
        });
        worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
        on_state.forget();
    });
    registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
    on_update_found.forget();
}

/// Asks the browser to look for a new build now (it also does so on each navigation).
pub fn check_for_update() {
    REGISTRATION.with(|r| {
        if let Some(registration) = r.borrow().as_ref()
            && let Ok(promise) = registration.update()
        {
            ignore_rejection(&promise);
        }
    });
}

/// Looks for a new build when the device comes back online and when the app is shown
/// again (a Chromebook opened after a night at home).
fn check_for_update_when_back() {
    let Some(window) = web_sys::window() else { return };
    let on_online = Closure::<dyn FnMut()>::new(check_for_update);
    let _ = window.add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
    on_online.forget();
    super::on_visibility_change(|hidden| {
        if !hidden {
            check_for_update();
        }
    });
}

/// Activates the waiting build and reloads once it controls the page. Call only from a
/// user's action ("Update"): the reload is what they asked for.
pub fn apply_update() {
    let waiting = REGISTRATION.with(|r| r.borrow().as_ref().and_then(|reg| reg.waiting()));
    let reload = || {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    };
    match (container(), waiting) {
        (Some(container), Some(waiting)) => {
            let on_change = Closure::once_into_js(reload);
            container.set_oncontrollerchange(Some(on_change.unchecked_ref()));
            let _ = waiting.post_message(&JsValue::from_str(SKIP_WAITING));
        }
        // Another tab already activated it: this page only needs to reload.
        _ => reload(),
    }
}
