//! Numbered schema migrations, applied together in one transaction with `PRAGMA user_version`.

use rusqlite::Connection;

use crate::error::{CoreError, Result};

/// One schema step: the version it produces and its SQL.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    /// The `user_version` after this step.
    pub version: i64,
    /// The SQL that takes the schema from `version - 1` to `version`.
    pub sql: &'static str,
}

/// Every migration in order; the last one's version is the current schema version.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        sql: include_str!("../../migrations/0001_members_activities.sql"),
    },
    Migration {
        version: 2,
        sql: include_str!("../../migrations/0002_events_campaigns.sql"),
    },
    Migration {
        version: 3,
        sql: include_str!("../../migrations/0003_engagement.sql"),
    },
    Migration {
        version: 4,
        sql: include_str!("../../migrations/0004_deleted_members_index.sql"),
    },
    Migration {
        version: 5,
        sql: include_str!("../../migrations/0005_audit_merges_segments.sql"),
    },
    Migration {
        version: 6,
        sql: include_str!("../../migrations/0006_referrals.sql"),
    },
    Migration {
        version: 7,
        sql: include_str!("../../migrations/0007_activity_type_index.sql"),
    },
    Migration {
        version: 8,
        sql: include_str!("../../migrations/0008_member_traits.sql"),
    },
    Migration {
        version: 9,
        sql: include_str!("../../migrations/0009_event_registrations.sql"),
    },
    Migration {
        version: 10,
        sql: include_str!("../../migrations/0010_event_budgets_feedback.sql"),
    },
    Migration {
        version: 11,
        sql: include_str!("../../migrations/0011_activity_mix_index.sql"),
    },
    Migration {
        version: 12,
        sql: include_str!("../../migrations/0012_member_search_index.sql"),
    },
    Migration {
        version: 13,
        sql: include_str!("../../migrations/0013_campaigns.sql"),
    },
    Migration {
        version: 14,
        sql: include_str!("../../migrations/0014_perks.sql"),
    },
    Migration {
        version: 15,
        sql: include_str!("../../migrations/0015_ideas.sql"),
    },
    Migration {
        version: 16,
        sql: include_str!("../../migrations/0016_member_search_cover.sql"),
    },
    Migration {
        version: 17,
        sql: include_str!("../../migrations/0017_imports_connections.sql"),
    },
    Migration {
        version: 18,
        sql: include_str!("../../migrations/0018_change_log_rows.sql"),
    },
    Migration {
        version: 19,
        sql: include_str!("../../migrations/0019_sync_conflicts.sql"),
    },
    Migration {
        version: 20,
        sql: include_str!("../../migrations/0020_activity_rollups.sql"),
    },
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS[MIGRATIONS.len() - 1].version;

/// `PRAGMA application_id` of every Kizuna file ("KZNA").
pub const APPLICATION_ID: i64 = 0x4B5A_4E41;

/// Reads `PRAGMA user_version`.
pub fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Applies every migration above the file's version, all in one transaction: either the file
/// reaches the newest version or it is left exactly as it was.
pub fn migrate(conn: &mut Connection, migrations: &[Migration]) -> Result<i64> {
    let current = user_version(conn)?;
    let pending: Vec<&Migration> = migrations.iter().filter(|m| m.version > current).collect();
    let Some(last) = pending.last() else {
        return Ok(current);
    };
    let target = last.version;
    let tx = conn.transaction()?;
    for m in &pending {
        tx.execute_batch(m.sql)
            .map_err(|source| CoreError::Migration {
                version: m.version,
                source,
            })?;
    }
    tx.execute_batch(&format!(
        "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {target};"
    ))?;
    tx.commit()?;
    tracing::info!(from = current, to = target, "database migrated");
    Ok(target)
}
