//! End-to-end tests: the built Kizuna app in a real window, driven over WebDriver
//! (tauri-driver + WebKitWebDriver). They need a display (Xvfb) and `tauri-driver` on PATH,
//! so they are ignored by a plain `cargo test`; `scripts/test` runs them with `--ignored`.

mod about;
mod accessibility;
mod backups;
mod campaign_compare;
mod campaigns;
mod connections;
mod desktop;
mod door_offline;
mod engagement;
mod event_budget;
mod events;
mod first_run;
mod harness;
mod ideas;
mod import;
mod japanese;
mod keyboard;
mod keyring;
mod log_privacy;
mod member_edit;
mod merge;
mod notifications;
mod palette;
mod perks;
mod reports;
mod segments;
mod settings;
mod startup;
mod sync;
mod traits;
