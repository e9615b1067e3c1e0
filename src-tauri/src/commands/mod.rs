//! Tauri commands: thin adapters that parse, call a crate and map the error.

pub mod community;
pub mod dashboard;
pub mod duplicates;
pub mod engagement;
pub mod members;
