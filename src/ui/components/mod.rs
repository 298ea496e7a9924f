//! Small reusable components, one per file.

pub mod avatar;
pub mod bar_chart;
pub mod celebrations;
pub mod family_goal;
pub mod goals;
pub mod language_switch;
pub mod learner_card;
pub mod learner_form;
pub mod math_view;
pub mod meter;
pub mod motivation_panel;
pub mod number_pad;
pub mod one_tab_only;
pub mod pin_gate;
pub mod status_message;
pub mod storage_banner;
pub mod update_prompt;

pub use avatar::AvatarPicture;
pub use bar_chart::{Bar, BarChart};
pub use celebrations::Celebrations;
pub use family_goal::FamilyGoalForm;
pub use goals::GoalsSection;
pub use meter::Meter;
pub use motivation_panel::MotivationPanel;
pub use one_tab_only::OneTabOnly;
pub use pin_gate::PinGate;
pub use language_switch::LanguageSwitch;
pub use learner_card::LearnerCard;
pub use learner_form::LearnerForm;
pub use status_message::{FormMessage, StatusMessage};
pub use storage_banner::StorageBanner;
pub use update_prompt::UpdatePrompt;
