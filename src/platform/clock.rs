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
    PERFORMANCE.with(|p| p.as_ref().map(|p| p.now())).unwrap_or_else(js_sys::Date::now)
}

thread_local! {
    /// `window.performance`, looked up once (each lookup is a call into the browser).
    static PERFORMANCE: Option<web_sys::Performance> = web_sys::window().and_then(|w| w.performance());
}

/// The User Timing entry each storage write leaves (DevTools' Performance panel and
/// `make bench` read it): `performance.measure("waypoint:save")`.
pub const SAVE_MEASURE: &str = "waypoint:save";

/// The mark a save starts with (its measure is `SAVE_MEASURE`).
pub const SAVE_START: &str = "waypoint:save:start";

/// The User Timing entry saving one answer leaves: building the sections it changes (the
/// attempt, model, session, motivation) and writing them, `performance.measure("waypoint:answer-save")`.
pub const ANSWER_SAVE_MEASURE: &str = "waypoint:answer-save";
pub const ANSWER_SAVE_START: &str = "waypoint:answer-save:start";

/// Marks the start of a measured span (`start` is the mark's name).
pub fn mark_start(start: &str) {
    PERFORMANCE.with(|p| {
        if let Some(p) = p {
            let _ = p.mark(start);
        }
    });
}

/// Ends the span begun by `mark_start(start)`: records it, up to now, as a measure named
/// `name` and clears the mark (measures stay, one per span, for tools to read). One mark
/// and one measure per span keep the timing cheap on the path it times.
pub fn mark_end(name: &str, start: &str) {
    PERFORMANCE.with(|p| {
        if let Some(p) = p {
            let _ = p.measure_with_start_mark(name, start);
            p.clear_marks_with_mark_name(start);
        }
    });
}
