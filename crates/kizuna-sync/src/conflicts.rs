//! Sync conflicts: a field changed on this laptop and on another one before either had synced.
//! The table holds the value with the later clock; both values are listed here so a person can
//! keep the other one, which then syncs to everyone like any edit.

use kizuna_core::hlc::Hlc;
use kizuna_core::store::{SyncedTable, Writer};
use kizuna_core::{CoreError, Store};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use ts_rs::TS;

use crate::client::SITE_LABELS_KEY;

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
    /// Who made the other side: the label that laptop goes by in the team (e.g.
    /// "aiko@aiko-laptop"), when the hub has told it.
    pub remote_label: Option<String>,
    /// When this laptop's side was written (unix ms of its clock), when still in the log.
    pub local_at: Option<i64>,
    /// When the other side was written (unix ms of the other laptop's clock).
    pub remote_at: Option<i64>,
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
    let rows: Vec<(SyncConflict, String, Value, Value)> = conn
        .prepare(
            "SELECT id, tbl, pk, col, local_val, remote_val, kept, detected_at, remote_site
             FROM sync_conflicts WHERE resolved_at IS NULL ORDER BY detected_at DESC, id DESC",
        )?
        .query_map([], |r| {
            let (local, remote): (Value, Value) = (r.get(4)?, r.get(5)?);
            Ok((
                SyncConflict {
                    id: r.get(0)?,
                    table: r.get(1)?,
                    row_id: r.get(2)?,
                    column: r.get(3)?,
                    subject: None,
                    local_value: text(local.clone()),
                    remote_value: text(remote.clone()),
                    kept: r.get(6)?,
                    detected_at: r.get(7)?,
                    remote_label: None,
                    local_at: None,
                    remote_at: None,
                },
                r.get(8)?,
                local,
                remote,
            ))
        })?
        .collect::<Result<_, _>>()?;
    let labels: serde_json::Map<String, serde_json::Value> = conn
        .query_row(
            "SELECT value FROM kizuna_meta WHERE key = ?1",
            [SITE_LABELS_KEY],
            |r| r.get::<_, String>(0),
        )
        .optional()?
        .and_then(|v| serde_json::from_str(&v).ok())
        .unwrap_or_default();
    let local_site: Option<String> = conn
        .query_row(
            "SELECT value FROM kizuna_meta WHERE key = 'site_id'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let mut conflicts = Vec::with_capacity(rows.len());
    for (mut c, remote_site, local_val, remote_val) in rows {
        c.subject = subject(conn, &c.table, &c.row_id)?;
        c.remote_at = written_at(conn, &c, &remote_site, &remote_val)?;
        if let Some(local) = &local_site {
            c.local_at = written_at(conn, &c, local, &local_val)?;
        }
        c.remote_label = labels
            .get(&remote_site)
            .and_then(|l| l.as_str())
            .map(str::to_owned);
        conflicts.push(c);
    }
    Ok(conflicts)
}

/// When `site` wrote `value` into the conflict's field: the physical time of the latest such
/// change in the log.
fn written_at(
    conn: &Connection,
    c: &SyncConflict,
    site: &str,
    value: &Value,
) -> Result<Option<i64>, CoreError> {
    let hlc: Option<i64> = conn
        .prepare_cached(
            "SELECT max(c.hlc) FROM change_log c JOIN sync_sites s ON s.id = c.site
             WHERE c.tbl = ?1 AND c.pk = ?2 AND c.col = ?3 AND s.site_uuid = ?4 AND c.val IS ?5",
        )?
        .query_row(params![c.table, c.row_id, c.column, site, value], |r| {
            r.get(0)
        })?;
    Ok(hlc.map(|h| Hlc::from_packed(h).physical_ms()))
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
        let synced = SyncedTable::from_name(&table).ok_or_else(|| {
            kizuna_core::invalid!(
                "sync.unknownTable",
                "\"{table}\" is not a synced table",
                table
            )
        })?;
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
            let column = columns.into_iter().find(|c| *c == column).ok_or_else(|| {
                kizuna_core::invalid!("sync.unknownColumn", "no column \"{column}\"", column)
            })?;
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
