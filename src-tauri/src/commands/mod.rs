//! Tauri commands: thin adapters that parse, call a crate and map the error.

pub mod community;
pub mod dashboard;
pub mod members;
