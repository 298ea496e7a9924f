//! Small reusable components, one per file.

pub mod avatar;
pub mod language_switch;
pub mod learner_card;
pub mod learner_form;
pub mod math_view;
pub mod number_pad;
pub mod storage_banner;
pub mod update_prompt;

pub use avatar::AvatarPicture;
pub use language_switch::LanguageSwitch;
pub use learner_card::LearnerCard;
pub use learner_form::LearnerForm;
pub use storage_banner::StorageBanner;
pub use update_prompt::UpdatePrompt;
