//! The Web Locks API (`navigator.locks`), used so that only one tab practises as a learner
//! at a time: the practice page holds the learner's lock while it is open, and a second tab
//! asking for it learns at once that it is taken. Called through `js_sys::Reflect` so no
//! unstable web-sys feature is needed; where the API is missing the app falls back to its
//! storage-event merge.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// A lock this page holds; dropping it releases the lock.
pub struct HeldLock {
    release: Option<js_sys::Function>,
}

impl Drop for HeldLock {
    fn drop(&mut self) {
        if let Some(f) = self.release.take() {
            let _ = f.call0(&JsValue::NULL);
        }
    }
}

/// What asking for a lock gave.
pub enum LockOutcome {
    Held(HeldLock),
    /// Another tab or window holds it.
    Busy,
    /// The browser has no Web Locks (or refused the request).
    Unsupported,
}

/// Asks for the lock `name` without waiting; `done` is called once, soon after.
pub fn try_hold(name: &str, done: impl FnOnce(LockOutcome) + 'static) {
    let done = std::rc::Rc::new(std::cell::RefCell::new(Some(Box::new(done) as Box<dyn FnOnce(LockOutcome)>)));
    let call = {
        let done = done.clone();
        move |outcome: LockOutcome| {
            if let Some(f) = done.borrow_mut().take() {
                f(outcome);
            }
        }
    };
    let locks = web_sys::window()
        .map(|w| w.navigator())
        .and_then(|n| js_sys::Reflect::get(&n, &JsValue::from_str("locks")).ok())
        .filter(|l| !l.is_undefined() && !l.is_null());
    let request = locks.as_ref().and_then(|l| js_sys::Reflect::get(l, &JsValue::from_str("request")).ok()).and_then(|r| r.dyn_into::<js_sys::Function>().ok());
    let (Some(locks), Some(request)) = (locks, request) else {
        call(LockOutcome::Unsupported);
        return;
    };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &JsValue::from_str("ifAvailable"), &JsValue::TRUE);
    let granted = {
        let call = call.clone();
        Closure::once_into_js(move |lock: JsValue| -> JsValue {
            if lock.is_null() || lock.is_undefined() {
                call(LockOutcome::Busy);
                return JsValue::UNDEFINED;
            }
            // Held until the promise settles: its resolve function is the release.
            let mut release = None;
            let promise = js_sys::Promise::new(&mut |resolve, _reject| release = Some(resolve));
            call(LockOutcome::Held(HeldLock { release }));
            promise.into()
        })
    };
    match request.call3(&locks, &JsValue::from_str(name), &options, &granted) {
        Ok(p) => {
            // A refused request (e.g. an opaque origin) rejects: carry on without the lock.
            let fallback = Closure::once_into_js(move |_: JsValue| call(LockOutcome::Unsupported));
            if let Ok(catch) = js_sys::Reflect::get(&p, &JsValue::from_str("catch")).and_then(|c| c.dyn_into::<js_sys::Function>()) {
                let _ = catch.call1(&p, &fallback);
            }
        }
        Err(_) => call(LockOutcome::Unsupported),
    }
}
