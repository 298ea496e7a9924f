//! Where the app is served from. The same `dist/` works at `/` and under a sub-path such as
//! `/waypoint/`: every route is one path segment below the base (`/`, `/home`, `/practice`,
//! ...; the learner is a query parameter), so the base is the path up to the last `/`, and
//! the relative asset URLs in index.html resolve from any route.

/// The router base for a location path: "" at the root, "/waypoint" under a sub-path.
pub fn base_from_path(pathname: &str) -> String {
    match pathname.rfind('/') {
        Some(i) => pathname[..i].to_string(),
        None => String::new(),
    }
}

/// The base of the running app, read from `location.pathname`.
pub fn app_base() -> String {
    let path = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
    base_from_path(&path)
}
