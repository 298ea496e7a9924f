//! The page being left: hidden (another tab, the lid closed), navigated away from, reloaded
//! or closed. Work that must be stored before then (the checkpoint after an answer) is
//! registered here and run while the page can still write to localStorage.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

type Hook = Rc<dyn Fn()>;

thread_local! {
    static HOOKS: RefCell<Vec<(u64, Hook)>> = const { RefCell::new(Vec::new()) };
    static NEXT: Cell<u64> = const { Cell::new(0) };
    static LISTENING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` whenever the page is hidden (`visibilitychange` to hidden) or left (`pagehide`),
/// until `forget` is called with the returned id.
pub fn on_leaving(f: impl Fn() + 'static) -> u64 {
    listen_once();
    let id = NEXT.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    });
    HOOKS.with(|h| h.borrow_mut().push((id, Rc::new(f))));
    id
}

/// Stops running the hook `on_leaving` returned `id` for.
pub fn forget(id: u64) {
    HOOKS.with(|h| h.borrow_mut().retain(|(i, _)| *i != id));
}

fn run_hooks() {
    // Cloned first: a hook may register or forget hooks.
    let hooks: Vec<Hook> = HOOKS.with(|h| h.borrow().iter().map(|(_, f)| f.clone()).collect());
    for f in hooks {
        f();
    }
}

fn listen_once() {
    if LISTENING.with(|l| l.replace(true)) {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    let on_pagehide = Closure::<dyn FnMut()>::new(run_hooks);
    let _ = window.add_event_listener_with_callback("pagehide", on_pagehide.as_ref().unchecked_ref());
    // The listener lives for the page's lifetime.
    on_pagehide.forget();
    super::on_visibility_change(|hidden| {
        if hidden {
            run_hooks();
        }
    });
}
