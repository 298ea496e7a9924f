//! The clock, read here and passed into the core as plain values.

use wasm_bindgen::JsCast;
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
    /// `performance`, its `measure` and one options object `{ start }` reused for every
    /// span, so that ending a span costs two calls and no mark (a mark costs more than a
    /// measure).
    static MEASURE: Option<(web_sys::Performance, js_sys::Function, js_sys::Object)> = PERFORMANCE.with(|p| {
        let p = p.clone()?;
        let f = js_sys::Reflect::get(&p, &"measure".into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
        Some((p, f, js_sys::Object::new()))
    });
}

/// The User Timing entry each storage write leaves (DevTools' Performance panel and
/// `make bench` read it): `performance.measure("waypoint:save")`.
pub const SAVE_MEASURE: &str = "waypoint:save";

/// The User Timing entry saving one answer leaves, before its feedback shows:
/// `performance.measure("waypoint:answer-save")`. A practice answer stores its attempt;
/// a placement answer also the sections it changes (model, placement, session, motivation).
pub const ANSWER_SAVE_MEASURE: &str = "waypoint:answer-save";

/// The User Timing entry each checkpoint leaves: the sections a practice answer changed
/// (model, session, motivation, mastery log), stored once its feedback is painted and the
/// browser is idle, unless a save stored them first: `performance.measure("waypoint:checkpoint")`.
pub const CHECKPOINT_MEASURE: &str = "waypoint:checkpoint";

/// The User Timing entry each tidy that wrote leaves (while the browser is idle after an
/// answer, a long patch folded into a whole copy of the learner's record, the newest
/// attempts filed into their months: `Vault::tidy`).
pub const TIDY_MEASURE: &str = "waypoint:tidy";

/// The User Timing entry each step of the start screen's rehearsal of a learner's home
/// leaves (`ui::pages::rehearsal::home`): what it cost, and a sign for tests that it ran.
pub const HOME_REHEARSAL_MEASURE: &str = "waypoint:home-rehearsal";

/// The User Timing entry each built step of the home's rehearsal of the practice screen
/// leaves (`ui::pages::rehearsal::practice`).
pub const PRACTICE_REHEARSAL_MEASURE: &str = "waypoint:practice-rehearsal";

/// The User Timing entry each step of the practice screen's rehearsal of an answer leaves
/// (`ui::pages::rehearsal::answer`).
pub const ANSWER_REHEARSAL_MEASURE: &str = "waypoint:answer-rehearsal";

/// Starts a measured span: its start, for `span_end`.
pub fn span_start() -> f64 {
    monotonic_ms()
}

/// Ends the span that began at `start` (from `span_start`): records it, up to now, as the
/// User Timing measure `name` (`performance.measure(name, { start })`), for tools to read.
pub fn span_end(name: &str, start: f64) {
    MEASURE.with(|m| {
        let Some((performance, measure, options)) = m else { return };
        if js_sys::Reflect::set(options, &"start".into(), &start.into()).unwrap_or(false) {
            let _ = measure.call2(performance, &name.into(), options);
        }
    });
}
