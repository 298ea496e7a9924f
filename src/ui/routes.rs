//! The app's addresses. Every route is a single segment below the base (see
//! `platform::base`), and the learner is the `l` query parameter, so deep links work from
//! the root or any sub-path with the same `dist/`.

use waypoint_core::LearnerId;

/// A page that belongs to one learner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LearnerPage {
    Home,
    Practice,
    Skills,
    Badges,
    Profile,
    Grownups,
}

impl LearnerPage {
    pub fn segment(self) -> &'static str {
        match self {
            LearnerPage::Home => "home",
            LearnerPage::Practice => "practice",
            LearnerPage::Skills => "skills",
            LearnerPage::Badges => "badges",
            LearnerPage::Profile => "profile",
            LearnerPage::Grownups => "grownups",
        }
    }

    /// The router path (the router adds the base).
    pub fn href(self, learner: &LearnerId) -> String {
        format!("/{}?l={}", self.segment(), learner)
    }
}
