//! Members a manager deleted (soft delete), so they can be found again and restored.
//! Members merged into another are not listed: undoing the merge brings them back.

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;

/// A soft-deleted member, as the "Deleted members" list shows them.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DeletedMember {
    pub id: String,
    pub display_name: String,
    pub email: Option<String>,
    /// Unix ms.
    #[ts(type = "number")]
    pub deleted_at: i64,
}

/// Deleted (not merged) members, most recently deleted first, at most `limit`.
pub fn deleted_members(conn: &Connection, limit: u32) -> Result<Vec<DeletedMember>> {
    let rows = conn
        .prepare_cached(
            "SELECT id, display_name, email, deleted_at FROM members
             WHERE deleted_at IS NOT NULL AND merged_into IS NULL
             ORDER BY deleted_at DESC, id LIMIT ?1",
        )?
        .query_map([limit], |r| {
            Ok(DeletedMember {
                id: r.get(0)?,
                display_name: r.get(1)?,
                email: r.get(2)?,
                deleted_at: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
