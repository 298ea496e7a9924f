//! Route components, one per file; each ends in `_page`.

mod badges_page;
mod class_page;
mod data_page;
mod grownups_page;
mod home_page;
mod not_found_page;
mod practice_page;
mod privacy_page;
mod profile_page;
mod rehearsal;
mod report_page;
mod skills_page;
mod start_page;

pub use badges_page::BadgesPage;
pub use class_page::ClassPage;
pub use data_page::DataPage;
pub use grownups_page::GrownupsPage;
pub use home_page::HomePage;
pub use not_found_page::NotFoundPage;
pub use practice_page::PracticePage;
pub use privacy_page::PrivacyPage;
pub use profile_page::ProfilePage;
pub use report_page::ReportPage;
pub use skills_page::SkillsPage;
pub use start_page::StartPage;

use crate::ui::state::{AppContext, AppStateStoreFields};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use waypoint_core::learner::Learner;
use waypoint_core::LearnerId;

/// The learner named by the `l` query parameter, if they exist on this device.
pub fn use_current_learner() -> Memo<Option<Learner>> {
    let app = AppContext::expect();
    let query = use_query_map();
    Memo::new(move |_| {
        let id = query.with(|q| q.get("l")).and_then(|s| LearnerId::parse(&s))?;
        app.state.device().with(|d| d.learner(&id).cloned())
    })
}

/// Moves focus to the page's heading once it is shown, so keyboard and screen-reader
/// users start at the top of each new page.
pub fn focus_heading(node: NodeRef<leptos::html::H1>) {
    Effect::new(move |_| {
        if let Some(h) = node.get() {
            let _ = h.focus();
        }
    });
}
