//! Pages that later versions fill. They say so plainly; nothing pretends to work.

use super::use_current_learner;
use crate::i18n::*;
use crate::ui::routes::LearnerPage;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn ComingSoonPage(
    /// Which page this stands in for.
    page: LearnerPage,
) -> impl IntoView {
    let i18n = use_i18n();
    let app = crate::ui::state::AppContext::expect();
    let learner = use_current_learner();
    let heading = NodeRef::<leptos::html::H1>::new();
    super::focus_heading(heading);
    let title = move || match page {
        LearnerPage::Practice => t_string!(i18n, coming_title_practice),
        LearnerPage::Skills => t_string!(i18n, coming_title_skills),
        LearnerPage::Badges => t_string!(i18n, coming_title_badges),
        LearnerPage::Profile => t_string!(i18n, coming_title_profile),
        _ => t_string!(i18n, coming_title_grownups),
    }
    .to_string();
    move || match learner.get() {
        None => view! { <super::not_found_page::LearnerMissing /> }.into_any(),
        Some(l) => {
            let name = l.name.as_str().to_string();
            view! {
                <div class="page coming-soon-page">
                    <h1 tabindex="-1" node_ref=heading>{title}</h1>
                    <p>{t!(i18n, coming_soon)}</p>
                    <A href=app.href(&LearnerPage::Home.href(&l.id)) attr:class="button">
                        {t!(i18n, back_home, name = name.clone())}
                    </A>
                </div>
            }
                .into_any()
        }
    }
}
