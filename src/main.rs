//! Mounts the app. All of the app lives in the library so tests can import it.
fn main() {
    waypoint::platform::panic::install();
    leptos::mount::mount_to_body(waypoint::ui::app::App);
    waypoint::platform::remove_loading_screen();
}
