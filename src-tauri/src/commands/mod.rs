//! Tauri commands: thin adapters that parse, call a crate and map the error.

pub mod about;
pub mod backups;
pub mod badges;
pub mod budget;
pub mod campaign_compare;
pub mod campaigns;
pub mod community;
pub mod connections;
pub mod dashboard;
pub mod duplicates;
pub mod engagement;
pub mod events;
pub mod ideas;
pub mod import;
pub mod member_edit;
pub mod members;
pub mod merge;
pub mod perks;
pub mod picked_file;
pub mod referrals;
pub mod reports;
pub mod segments;
pub mod settings;
pub mod startup;
pub mod sync;
pub mod traits;
