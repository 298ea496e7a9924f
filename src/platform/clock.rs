//! The clock, read here and passed into the core as plain values.

use waypoint_core::Timestamp;

/// Now, in milliseconds since the Unix epoch.
pub fn now() -> Timestamp {
    Timestamp(js_sys::Date::now() as i64)
}

/// The local UTC offset in force at `at`, in minutes east of UTC (the opposite sign of
/// JavaScript's `getTimezoneOffset`). Asked per instant, so daylight-saving changes count.
pub fn utc_offset_minutes(at: Timestamp) -> i32 {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at.0 as f64));
    -(d.get_timezone_offset() as i32)
}

/// A monotonic reading in milliseconds, for measuring response times.
pub fn monotonic_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or_else(js_sys::Date::now)
}
