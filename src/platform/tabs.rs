//! Other tabs on the same device. localStorage is shared by every tab of the origin; when
//! another tab writes a Waypoint key, the browser fires a `storage` event here, and the app
//! re-reads (the core merges, so neither tab loses the other's work).

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// Calls `on_change` with the key whenever another tab changes a Waypoint key (`None` when
/// the whole store was cleared). Lives as long as the page.
pub fn on_other_tab_change(on_change: impl Fn(Option<String>) + 'static) {
    let Some(window) = web_sys::window() else { return };
    let handler = Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |ev: web_sys::StorageEvent| {
        // A cleared store has no key; anything else must be ours to matter.
        let key = ev.key();
        if key.as_deref().is_none_or(|k| k.starts_with("waypoint:")) {
            on_change(key);
        }
    });
    let _ = window.add_event_listener_with_callback("storage", handler.as_ref().unchecked_ref());
    // The listener lives for the page's lifetime.
    handler.forget();
}
