//! Bringing in what community managers already have: files exported from event platforms,
//! community platforms, shops and spreadsheets, and platform APIs. Every source is mapped into
//! [`record::SourceRecord`]s; the engine matches them to members, shows a dry run, and applies
//! them in one transaction that the import history can undo. No Tauri here.

pub mod connectors;
pub mod engine;
pub mod formats;
pub mod history;
pub mod record;
pub mod session;
pub mod table;
