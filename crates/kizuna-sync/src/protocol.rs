//! The sync protocol's messages (JSON over HTTP). Versioned: a peer refuses a version it does
//! not speak instead of guessing.

use serde::{Deserialize, Serialize};

/// The protocol version this build speaks.
pub const PROTOCOL_VERSION: u32 = 1;

/// A cell's value exactly as SQLite stores it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "t", content = "v", rename_all = "lowercase")]
pub enum CellValue {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
    /// Bytes as lower-case hex.
    Blob(String),
}

/// One written cell: `column` of the row `pk` of `table` got `value` at `hlc` on replica `site`.
/// The column `_row` records the row's existence (1 created, 0 deleted).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub table: String,
    pub pk: String,
    pub column: String,
    pub value: CellValue,
    /// Packed hybrid logical clock (48 bits of unix ms, 16 bits of counter).
    pub hlc: i64,
    /// The UUID of the replica that wrote it.
    pub site: String,
}

impl Change {
    /// The order of two changes to the same cell: the greater wins.
    pub fn clock(&self) -> (i64, &str) {
        (self.hlc, self.site.as_str())
    }
}

/// A replica sends its own changes (idempotent: sending one twice stores it once).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PushRequest {
    pub version: u32,
    pub changes: Vec<Change>,
}

/// What the hub kept of a push.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushResponse {
    /// Changes stored for the first time.
    pub stored: u64,
    /// Changes the hub already had.
    pub duplicates: u64,
}

/// A page of the team's changes after a cursor, in the hub's order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PullResponse {
    pub version: u32,
    pub changes: Vec<Change>,
    /// The cursor to ask with next.
    pub next: i64,
    /// Whether more changes follow.
    pub more: bool,
}

/// A page of a team's current cells (the winning change of each cell), for a new replica.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BootstrapResponse {
    pub version: u32,
    pub changes: Vec<Change>,
    /// The pull cursor to continue from once every page is merged (the hub's position when the
    /// first page was read).
    pub cursor: i64,
    /// Where the next page starts (`table`, `pk`, `column` of the last cell), when `more`.
    pub next: Option<(String, String, String)>,
    pub more: bool,
}

/// The most characters a replica's label may have.
pub const MAX_LABEL_CHARS: usize = 80;

/// A replica's human label, e.g. "aiko@aiko-laptop" (`POST /v1/site`; the answer of
/// `GET /v1/sites` lists every replica of the team that sent one). Optional: a hub without these
/// endpoints answers 404 and a replica syncs on without names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteLabel {
    /// The replica's UUID, as in [`Change::site`].
    pub site: String,
    pub label: String,
}

/// The labels of a team's replicas.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SitesResponse {
    pub version: u32,
    pub sites: Vec<SiteLabel>,
}
