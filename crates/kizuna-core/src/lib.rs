//! Kizuna's domain core: one SQLite file per community, its migrations, the change log that
//! team sync builds on, the queries the screens need, and a generator of sample communities.
//!
//! Nothing here knows about Tauri: the desktop app, the `kizuna` CLI, tests and benchmarks all
//! call this crate.

pub mod activities;
pub mod activity_types;
pub mod audit;
pub mod backup;
pub mod budget;
pub mod campaigns;
pub mod clock;
pub mod community;
pub mod dashboard;
pub mod duplicates;
pub mod engagement;
pub mod engagement_settings;
pub mod error;
pub mod event_outcomes;
pub mod events;
pub mod export_file;
pub mod hlc;
pub mod ideas;
pub mod ids;
pub mod influencers;
pub mod insights;
pub mod members;
pub mod merge;
pub mod money;
pub mod paths;
pub mod perks;
pub mod referrals;
pub mod sample;
pub mod search_text;
pub mod secrets;
pub mod segments;
pub mod settings;
pub mod store;
pub mod suggestions;

pub use clock::{Clock, FixedClock, SystemClock};
pub use error::{CoreError, ErrorCode, Invalid, Result};
pub use store::Store;
