//! Kizuna's domain core: one SQLite file per community, its migrations, the change log that
//! team sync builds on, the queries the screens need, and a generator of sample communities.
//!
//! Nothing here knows about Tauri: the desktop app, the `kizuna` CLI, tests and benchmarks all
//! call this crate.

pub mod activities;
pub mod audit;
pub mod campaigns;
pub mod clock;
pub mod community;
pub mod dashboard;
pub mod duplicates;
pub mod engagement;
pub mod error;
pub mod events;
pub mod hlc;
pub mod ids;
pub mod members;
pub mod money;
pub mod paths;
pub mod sample;
pub mod search_text;
pub mod settings;
pub mod store;

pub use clock::{Clock, FixedClock, SystemClock};
pub use error::{CoreError, ErrorCode, Result};
pub use store::Store;
