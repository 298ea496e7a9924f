//! The Leptos UI. Components read the store and call actions; domain rules stay in
//! `waypoint_core`, browser access in `crate::platform`.

pub mod actions;
pub mod app;
pub mod components;
pub mod grownups;
pub mod lang;
pub mod motivation;
pub mod pages;
pub mod persist;
pub mod practice;
pub mod profile;
pub mod routes;
pub mod state;
