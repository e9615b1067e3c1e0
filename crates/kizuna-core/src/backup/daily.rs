//! The app's automatic backups: once a day per community, taken on a connection of their own
//! so the app keeps reading and writing meanwhile, pruned as `kizuna backup prune` does.

use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension};

use super::{
    BackupInfo, backups_dir_for, copy_to_dir, damaged_or, list_backups, prune_backups, slug,
};
use crate::error::{CoreError, Result};
use crate::store::{APPLICATION_ID, META_NAME};

/// Days with a backup kept by default (the app's automatic backups and `kizuna backup prune`).
pub const KEEP_DAILY: usize = 7;
/// ISO weeks with a backup kept by default.
pub const KEEP_WEEKLY: usize = 8;

/// Backs up the community file at `path` into the `backups/` folder beside it, read through a
/// connection of its own, so whoever has the file open can go on writing.
pub fn back_up_file(path: &Path, now: DateTime<Utc>) -> Result<BackupInfo> {
    let (conn, name) = open_source(path)?;
    copy_to_dir(&conn, &name, now, &backups_dir_for(path)).map_err(|e| damaged_or(path, e))
}

/// The daily backup: when the community at `path` has no backup younger than a day at `now`,
/// backs it up and prunes the old backups (newest of the last [`KEEP_DAILY`] days and
/// [`KEEP_WEEKLY`] weeks). Returns the new backup, or `None` when one was not due.
pub fn daily_backup(path: &Path, now: DateTime<Utc>) -> Result<Option<BackupInfo>> {
    let (conn, name) = open_source(path)?;
    let dir = backups_dir_for(path);
    let own = slug(&name);
    let newest = list_backups(&dir)?.into_iter().find(|b| b.community == own);
    if newest.is_some_and(|b| now - b.saved_at < chrono::Duration::days(1)) {
        return Ok(None);
    }
    let info = copy_to_dir(&conn, &name, now, &dir).map_err(|e| damaged_or(path, e))?;
    prune_backups(&dir, KEEP_DAILY, KEEP_WEEKLY)?;
    Ok(Some(info))
}

/// A read-only connection to the Kizuna file at `path`, and the community's name.
fn open_source(path: &Path) -> Result<(Connection, String)> {
    let read = || -> Result<(Connection, String)> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        if app_id != APPLICATION_ID {
            return Err(CoreError::NotKizunaDatabase {
                path: path.to_path_buf(),
                reason: "it is not a Kizuna community".to_owned(),
            });
        }
        let name: Option<String> = conn
            .query_row(
                "SELECT value FROM kizuna_meta WHERE key = ?1",
                [META_NAME],
                |r| r.get(0),
            )
            .optional()?;
        Ok((conn, name.unwrap_or_else(|| "Community".to_owned())))
    };
    read().map_err(|e| damaged_or(path, e))
}
