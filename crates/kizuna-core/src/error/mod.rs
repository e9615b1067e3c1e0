//! The core's one error type, with a stable machine-readable code for the UI.

use std::path::PathBuf;

use serde::Serialize;
use ts_rs::TS;

mod invalid;

#[doc(hidden)]
pub use invalid::{ArgOf, ReasonArg, TextArg};
pub use invalid::{DetailArg, ErrorDetail, Invalid, InvalidArg, not_found_key, rows_noun};

/// Result alias for the core.
pub type Result<T, E = CoreError> = std::result::Result<T, E>;

/// Everything that can go wrong in the core, in words a community manager can act on.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// The file exists but is not a Kizuna community database.
    #[error("{path} is not a Kizuna database ({reason}); nothing was changed")]
    NotKizunaDatabase { path: PathBuf, reason: String },
    /// The file was written by a newer Kizuna than this one.
    #[error(
        "{path} was saved by a newer Kizuna (schema version {found}, this app knows up to {supported}); update Kizuna to open it"
    )]
    NewerVersion {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    /// The file is a damaged database (truncated, overwritten, or not finished writing).
    #[error("{path} is damaged ({detail}) and cannot be opened; {advice}")]
    Corrupt {
        path: PathBuf,
        detail: String,
        /// What to do: restore the latest backup (named), or where none was found.
        advice: String,
    },
    /// A migration failed; the file was left as it was.
    #[error(
        "upgrading the database to version {version} failed ({source}); the file was left unchanged"
    )]
    Migration {
        version: i64,
        #[source]
        source: rusqlite::Error,
    },
    /// Something the caller asked for does not exist.
    #[error("{what} {id} was not found")]
    NotFound { what: &'static str, id: String },
    /// The caller's input breaks a rule; the message says which, by key for the UI.
    #[error("{0}")]
    InvalidInput(Invalid),
    /// The data directory could not be found or used.
    #[error("the data folder {path} could not be used: {source}")]
    DataDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// SQLite reported an error.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// Writing an export (e.g. a segment's CSV) to its destination failed.
    // Not `#[source]`: the message already carries the cause, and a chain would say it twice.
    #[error("writing the export failed: {0}")]
    Export(std::io::Error),
    /// Stored JSON could not be read or written.
    #[error("stored settings are damaged: {0}")]
    Json(#[from] serde_json::Error),
}

/// Stable error codes shared with the UI, which switches on them (never on message text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ErrorCode {
    NotFound,
    InvalidInput,
    NotKizunaDatabase,
    NewerVersion,
    Storage,
    Internal,
    /// The person stopped a long job; nothing it did was kept.
    Cancelled,
    /// The community file is damaged; the message names the latest backup to restore.
    Corrupt,
    /// Something outside Kizuna failed (a platform, the team hub, the system keychain); the
    /// message says what and what to do.
    Remote,
}

impl CoreError {
    /// The stable code the UI switches on.
    pub fn code(&self) -> ErrorCode {
        match self {
            CoreError::NotKizunaDatabase { .. } => ErrorCode::NotKizunaDatabase,
            CoreError::Corrupt { .. } => ErrorCode::Corrupt,
            CoreError::NewerVersion { .. } => ErrorCode::NewerVersion,
            CoreError::NotFound { .. } => ErrorCode::NotFound,
            CoreError::InvalidInput(_) => ErrorCode::InvalidInput,
            CoreError::Migration { .. } | CoreError::Sqlite(_) | CoreError::DataDir { .. } => {
                ErrorCode::Storage
            }
            CoreError::Export(_) => ErrorCode::Storage,
            CoreError::Json(_) => ErrorCode::Internal,
        }
    }
}
