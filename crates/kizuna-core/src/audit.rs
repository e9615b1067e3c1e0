//! The audit log: who did what when, for merges, erasures, imports and sync. Entries are
//! synced rows, so the whole team sees them.

use rusqlite::types::Value;
use rusqlite::{Connection, params};
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;
use crate::store::{SyncedTable, Writer};

/// One audit log entry as shown.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    pub id: String,
    #[ts(type = "number")]
    pub at: i64,
    pub actor: String,
    pub device: String,
    /// What happened, e.g. `member.merge`, `member.merge_undone`, `member.erase`.
    pub action: String,
    /// The id the action was about, if any.
    pub subject: Option<String>,
    /// Details as JSON text (no secrets, and no personal data of erased members).
    pub details: String,
}

/// Records `action` on `subject` by the writer's user and device, in the write's transaction.
pub fn record(
    w: &mut Writer<'_>,
    action: &str,
    subject: Option<&str>,
    details: &serde_json::Value,
) -> Result<()> {
    let actor = w.actor().clone();
    w.insert(
        SyncedTable::AuditLog,
        &uuid::Uuid::now_v7().to_string(),
        &[
            ("at", Value::Integer(w.now_ms())),
            ("actor", Value::Text(actor.user)),
            ("device", Value::Text(actor.device)),
            ("action", Value::Text(action.to_owned())),
            (
                "subject",
                subject.map_or(Value::Null, |s| Value::Text(s.to_owned())),
            ),
            ("details", Value::Text(details.to_string())),
        ],
    )
}

/// The newest entries first, optionally only those about `subject`.
pub fn recent(conn: &Connection, subject: Option<&str>, limit: u32) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, at, actor, device, action, subject, details FROM audit_log
         WHERE ?1 IS NULL OR subject = ?1
         ORDER BY at DESC, id DESC LIMIT ?2",
    )?;
    let rows = stmt
        .query_map(params![subject, limit], |r| {
            Ok(AuditEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                device: r.get(3)?,
                action: r.get(4)?,
                subject: r.get(5)?,
                details: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
