//! Sync conflicts: a field changed on this laptop and on another one before either had synced.
//! The table holds the value with the later clock; both values are listed here so a person can
//! keep the other one, which then syncs to everyone like any edit.

use kizuna_core::store::{SyncedTable, Writer};
use kizuna_core::{CoreError, Store};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use ts_rs::TS;

/// One field two replicas changed to different values.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncConflict {
    pub id: i64,
    pub table: String,
    pub row_id: String,
    pub column: String,
    /// What the row is, in words (a member's or an event's name), when it still exists.
    pub subject: Option<String>,
    pub local_value: Option<String>,
    pub remote_value: Option<String>,
    /// `local` or `remote`: what the table holds now.
    pub kept: String,
    pub detected_at: i64,
}

fn text(v: Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::Integer(i) => Some(i.to_string()),
        Value::Real(f) => Some(f.to_string()),
        Value::Text(s) => Some(s),
        Value::Blob(b) => Some(format!("{} bytes", b.len())),
    }
}

fn subject(conn: &Connection, table: &str, id: &str) -> Result<Option<String>, CoreError> {
    let sql = match table {
        "members" => "SELECT display_name FROM members WHERE id = ?1",
        "events" => "SELECT title FROM events WHERE id = ?1",
        "campaigns" | "perks" => {
            return Ok(conn
                .query_row(
                    &format!("SELECT name FROM {table} WHERE id = ?1"),
                    [id],
                    |r| r.get(0),
                )
                .optional()?);
        }
        "ideas" => "SELECT title FROM ideas WHERE id = ?1",
        _ => return Ok(None),
    };
    Ok(conn.query_row(sql, [id], |r| r.get(0)).optional()?)
}

/// The conflicts nobody has looked at yet, newest first.
pub fn open_conflicts(conn: &Connection) -> Result<Vec<SyncConflict>, CoreError> {
    let mut conflicts: Vec<SyncConflict> = conn
        .prepare(
            "SELECT id, tbl, pk, col, local_val, remote_val, kept, detected_at
             FROM sync_conflicts WHERE resolved_at IS NULL ORDER BY detected_at DESC, id DESC",
        )?
        .query_map([], |r| {
            Ok(SyncConflict {
                id: r.get(0)?,
                table: r.get(1)?,
                row_id: r.get(2)?,
                column: r.get(3)?,
                subject: None,
                local_value: text(r.get(4)?),
                remote_value: text(r.get(5)?),
                kept: r.get(6)?,
                detected_at: r.get(7)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    for c in &mut conflicts {
        c.subject = subject(conn, &c.table, &c.row_id)?;
    }
    Ok(conflicts)
}

/// Which value a person keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    Local,
    Remote,
}

/// Settles a conflict: keeping the value the table does not hold writes it as a new edit.
pub fn resolve_conflict(store: &mut Store, id: i64, keep: Keep) -> Result<(), CoreError> {
    store.write(|w| resolve(w, id, keep))
}

fn resolve(w: &mut Writer<'_>, id: i64, keep: Keep) -> Result<(), CoreError> {
    let found: Option<(String, String, String, Value, Value, String)> = w
        .tx()
        .query_row(
            "SELECT tbl, pk, col, local_val, remote_val, kept FROM sync_conflicts
             WHERE id = ?1 AND resolved_at IS NULL",
            [id],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        )
        .optional()?;
    let Some((table, pk, column, local, remote, kept)) = found else {
        return Err(CoreError::NotFound {
            what: "sync conflict",
            id: id.to_string(),
        });
    };
    let wanted = match keep {
        Keep::Local => "local",
        Keep::Remote => "remote",
    };
    if wanted != kept {
        let synced = SyncedTable::from_name(&table)
            .ok_or_else(|| CoreError::InvalidInput(format!("\"{table}\" is not a synced table")))?;
        let value = if keep == Keep::Local { local } else { remote };
        let exists: bool = w.tx().query_row(
            &format!(
                "SELECT EXISTS (SELECT 1 FROM {} WHERE id = ?1)",
                synced.name()
            ),
            [&pk],
            |r| r.get(0),
        )?;
        if exists {
            let columns: Vec<String> = w
                .tx()
                .prepare(&format!(
                    "SELECT name FROM pragma_table_info('{}')",
                    synced.name()
                ))?
                .query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            let column = columns
                .into_iter()
                .find(|c| *c == column)
                .ok_or_else(|| CoreError::InvalidInput(format!("no column \"{column}\"")))?;
            w.update(synced, &pk, &[(column.as_str(), value)])?;
            if synced == SyncedTable::Members {
                kizuna_core::members::refresh_search(w, &pk.as_str().into())?;
            }
        }
    }
    w.tx().execute(
        "UPDATE sync_conflicts SET resolved_at = ?2 WHERE id = ?1",
        params![id, w.now_ms()],
    )?;
    Ok(())
}
