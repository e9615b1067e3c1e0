//! Backups of a community file: consistent copies made with SQLite's online backup API while
//! the file stays in use, kept in a `backups/` folder beside the community files, pruned by
//! a daily/weekly retention, previewed and restored atomically.

mod daily;
mod entries;

pub use daily::{KEEP_DAILY, KEEP_WEEKLY, back_up_file, daily_backup};
pub use entries::{
    BackupEntry, BackupList, CommunityCounts, DamagedCommunity, RestorePreview, backup_list,
    damaged_community, find_backup, restore_preview,
};

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::Serialize;

use crate::error::{CoreError, Result};
use crate::store::{APPLICATION_ID, META_NAME, OpenMode, SCHEMA_VERSION, Store};

/// File extension of backups: a backup is itself a community file that Kizuna can open.
const BACKUP_EXTENSION: &str = "kizuna";
/// Timestamp at the front of a backup's file name (UTC, to the millisecond), so names sort
/// by age and two backups in one second never collide.
const STAMP_FORMAT: &str = "%Y%m%dT%H%M%S%3fZ";
/// Meta key written into the copy: when the backup was taken (RFC 3339).
const META_SAVED_AT: &str = "backup_saved_at";

/// One backup file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupInfo {
    /// Where the backup is.
    pub path: PathBuf,
    /// The community's name as written in the file name (a slug of its display name).
    pub community: String,
    /// When it was taken.
    pub saved_at: DateTime<Utc>,
    /// Its size on disk.
    pub bytes: u64,
}

/// What a backup holds, shown before restoring it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupPreview {
    /// The community's display name.
    pub community: String,
    /// Schema version of the file.
    pub schema_version: i64,
    /// Members (not deleted).
    pub members: i64,
    /// Events.
    pub events: i64,
    /// Activities.
    pub activities: i64,
    /// When the backup was taken, when known.
    pub saved_at: Option<DateTime<Utc>>,
}

/// What a restore did.
#[derive(Debug, Clone, Serialize)]
pub struct RestoreReport {
    /// The copy of the file as it was before the restore (so a restore can be undone).
    pub previous: Option<PathBuf>,
    /// What the community file now holds.
    pub restored: BackupPreview,
}

/// The backups folder for a community file: `backups/` beside it.
pub fn backups_dir_for(community_file: &Path) -> PathBuf {
    community_file
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("backups")
}

fn io_error(path: &Path) -> impl Fn(std::io::Error) -> CoreError + '_ {
    move |source| CoreError::DataDir {
        path: path.to_path_buf(),
        source,
    }
}

/// Backs up the open community into `dir`: copied page by page under one read snapshot
/// (writers carry on meanwhile), verified with `PRAGMA integrity_check`, then renamed into
/// place, so the folder never holds half a backup.
pub fn back_up(store: &Store, dir: &Path) -> Result<BackupInfo> {
    copy_to_dir(
        store.conn(),
        &store.community_name()?,
        store.clock().now(),
        dir,
    )
}

/// Backs up the database of `source`, the community called `name`, into `dir`, as taken at
/// `saved_at`.
fn copy_to_dir(
    source: &Connection,
    name: &str,
    saved_at: DateTime<Utc>,
    dir: &Path,
) -> Result<BackupInfo> {
    let slug = slug(name);
    std::fs::create_dir_all(dir).map_err(io_error(dir))?;
    let path = free_name(dir, saved_at, &slug);
    let tmp = path.with_extension("kizuna-tmp");
    let result = write_copy(source, &tmp, saved_at);
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    std::fs::rename(&tmp, &path).map_err(io_error(&path))?;
    sync_dir(dir);
    let bytes = std::fs::metadata(&path).map_err(io_error(&path))?.len();
    Ok(BackupInfo {
        path,
        community: slug,
        saved_at,
        bytes,
    })
}

/// A file name for a backup taken at `at` that does not exist yet.
fn free_name(dir: &Path, at: DateTime<Utc>, slug: &str) -> PathBuf {
    let mut at = at;
    loop {
        let name = format!("{}-{slug}.{BACKUP_EXTENSION}", at.format(STAMP_FORMAT));
        let path = dir.join(name);
        if !path.exists() {
            return path;
        }
        at += chrono::Duration::milliseconds(1);
    }
}

/// Copies `source` into a new file at `tmp` in one step (one consistent snapshot), stamps
/// it, turns it into a single self-contained file (no WAL) and checks it.
fn write_copy(source: &Connection, tmp: &Path, saved_at: DateTime<Utc>) -> Result<()> {
    let _ = std::fs::remove_file(tmp);
    let mut copy = Connection::open(tmp)?;
    {
        let backup = Backup::new(source, &mut copy)?;
        loop {
            match backup.step(-1)? {
                StepResult::Done => break,
                // Another connection holds a lock for a moment: wait and go on.
                StepResult::Busy | StepResult::Locked => {
                    std::thread::sleep(Duration::from_millis(20))
                }
                StepResult::More => {}
                _ => std::thread::sleep(Duration::from_millis(20)),
            }
        }
    }
    copy.execute_batch("PRAGMA journal_mode = DELETE;")?;
    copy.execute(
        "INSERT OR REPLACE INTO kizuna_meta (key, value) VALUES (?1, ?2)",
        [META_SAVED_AT, &saved_at.to_rfc3339()],
    )?;
    integrity_check(&copy, tmp)?;
    copy.close().map_err(|(_, e)| e)?;
    std::fs::File::open(tmp)
        .and_then(|f| f.sync_all())
        .map_err(io_error(tmp))
}

/// `PRAGMA integrity_check` on `conn`: `Corrupt` unless SQLite answers "ok".
pub fn integrity_check(conn: &Connection, path: &Path) -> Result<()> {
    let problems: Vec<String> = conn
        .prepare("PRAGMA integrity_check(5)")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if problems.len() == 1 && problems[0] == "ok" {
        return Ok(());
    }
    Err(corrupt(path, problems.join("; ")))
}

/// The `Corrupt` error for `path`, naming the newest backup beside it to restore (one named
/// like the file first, as the app offers).
pub fn corrupt(path: &Path, detail: String) -> CoreError {
    let dir = backups_dir_for(path);
    let stem = path
        .file_stem()
        .map(|s| slug(&s.to_string_lossy()))
        .unwrap_or_default();
    let latest = list_backups(&dir).ok().and_then(|mut list| {
        list.sort_by_key(|b| b.community != stem);
        list.into_iter().find(|b| b.path != path)
    });
    let advice = match latest {
        Some(b) => format!(
            "restore the latest backup, {} (taken {})",
            b.path.display(),
            b.saved_at.format("%Y-%m-%d %H:%M UTC")
        ),
        None => format!("no backup was found in {}", dir.display()),
    };
    CoreError::Corrupt {
        path: path.to_path_buf(),
        detail: detail.split_whitespace().collect::<Vec<_>>().join(" "),
        advice,
    }
}

/// The backups in `dir`, newest first (other files are ignored).
pub fn list_backups(dir: &Path) -> Result<Vec<BackupInfo>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(io_error(dir)(source)),
    };
    let mut backups = Vec::new();
    for entry in entries {
        let entry = entry.map_err(io_error(dir))?;
        let path = entry.path();
        let Some((saved_at, community)) = parse_name(&path) else {
            continue;
        };
        let bytes = entry.metadata().map_err(io_error(&path))?.len();
        backups.push(BackupInfo {
            path,
            community,
            saved_at,
            bytes,
        });
    }
    backups.sort_by(|a, b| b.saved_at.cmp(&a.saved_at).then(b.path.cmp(&a.path)));
    Ok(backups)
}

/// `20261207T190512123Z-tokyo-coffee-club.kizuna` → (time, "tokyo-coffee-club").
fn parse_name(path: &Path) -> Option<(DateTime<Utc>, String)> {
    if path.extension()?.to_str()? != BACKUP_EXTENSION {
        return None;
    }
    let stem = path.file_stem()?.to_str()?;
    let (stamp, community) = stem.split_once('-')?;
    let at = NaiveDateTime::parse_from_str(stamp, STAMP_FORMAT).ok()?;
    Some((at.and_utc(), community.to_owned()))
}

/// Deletes old backups of each community in `dir`, keeping the newest backup of each of the
/// last `keep_daily` days and of each of the last `keep_weekly` ISO weeks that have one (and
/// always the newest). Returns the files deleted.
pub fn prune_backups(dir: &Path, keep_daily: usize, keep_weekly: usize) -> Result<Vec<PathBuf>> {
    let backups = list_backups(dir)?;
    let communities: BTreeSet<&str> = backups.iter().map(|b| b.community.as_str()).collect();
    let mut keep: BTreeSet<&Path> = BTreeSet::new();
    for community in communities {
        // Newest first, so the first backup seen of a day (or week) is the one kept.
        let own: Vec<&BackupInfo> = backups
            .iter()
            .filter(|b| b.community == community)
            .collect();
        if let Some(newest) = own.first() {
            keep.insert(&newest.path);
        }
        let mut days = Vec::new();
        let mut weeks = Vec::new();
        for b in &own {
            let day = b.saved_at.date_naive();
            let week = (day.iso_week().year(), day.iso_week().week());
            if !days.contains(&day) && days.len() < keep_daily {
                days.push(day);
                keep.insert(&b.path);
            }
            if !weeks.contains(&week) && weeks.len() < keep_weekly {
                weeks.push(week);
                keep.insert(&b.path);
            }
        }
    }
    let mut removed = stale_partials(dir)?;
    for b in &backups {
        if !keep.contains(b.path.as_path()) {
            std::fs::remove_file(&b.path).map_err(io_error(&b.path))?;
            removed.push(b.path.clone());
        }
    }
    Ok(removed)
}

/// Deletes backups left half-written by a process that was killed (older than an hour, so a
/// backup still being written by another process is left alone).
fn stale_partials(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut removed = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(removed);
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let partial = path.extension().is_some_and(|e| e == "kizuna-tmp");
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > Duration::from_secs(3600));
        if partial && old {
            std::fs::remove_file(&path).map_err(io_error(&path))?;
            removed.push(path);
        }
    }
    Ok(removed)
}

/// Whether no backup in `dir` is younger than a day at `now`.
pub fn due_for_daily_backup(dir: &Path, now: DateTime<Utc>) -> Result<bool> {
    Ok(list_backups(dir)?
        .first()
        .is_none_or(|b| now - b.saved_at >= chrono::Duration::days(1)))
}

/// Reads a backup without changing it: what it holds, after checking it is a sound
/// Kizuna file this version can open.
pub fn preview_backup(path: &Path) -> Result<BackupPreview> {
    let not_backup = |reason: &str| CoreError::NotKizunaDatabase {
        path: path.to_path_buf(),
        reason: reason.to_owned(),
    };
    if !path.is_file() {
        return Err(CoreError::NotFound {
            what: "backup",
            id: path.display().to_string(),
        });
    }
    let mut header = [0u8; 16];
    let read = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut header))
        .map_err(io_error(path))?;
    if read < 16 || &header != b"SQLite format 3\0" {
        return Err(not_backup("it is not an SQLite file"));
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let read_all = || -> Result<BackupPreview> {
        let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        if app_id != APPLICATION_ID {
            return Err(not_backup("it is an SQLite file made by another program"));
        }
        let schema_version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if schema_version > SCHEMA_VERSION {
            return Err(CoreError::NewerVersion {
                path: path.to_path_buf(),
                found: schema_version,
                supported: SCHEMA_VERSION,
            });
        }
        integrity_check(&conn, path)?;
        let meta = |key: &str| -> Result<Option<String>> {
            Ok(conn
                .query_row("SELECT value FROM kizuna_meta WHERE key = ?1", [key], |r| {
                    r.get(0)
                })
                .optional()?)
        };
        let saved_at = meta(META_SAVED_AT)?
            .and_then(|s| DateTime::parse_from_rfc3339(&s).ok())
            .map(|t| t.with_timezone(&Utc))
            .or_else(|| parse_name(path).map(|(at, _)| at));
        let counts = CommunityCounts::of(&conn)?;
        Ok(BackupPreview {
            community: meta(META_NAME)?.unwrap_or_else(|| "Community".to_owned()),
            schema_version,
            members: counts.members,
            events: counts.events,
            activities: counts.activities,
            saved_at,
        })
    };
    read_all().map_err(|e| match damaged_or(path, e) {
        CoreError::Corrupt { path, detail, .. } => CoreError::Corrupt {
            path,
            detail,
            advice: "this backup cannot be restored; choose another one".to_owned(),
        },
        other => other,
    })
}

/// SQLite's "damaged file" errors become `Corrupt`; others pass through.
pub(crate) fn damaged_or(path: &Path, e: CoreError) -> CoreError {
    match &e {
        CoreError::Sqlite(rusqlite::Error::SqliteFailure(f, msg))
            if matches!(
                f.code,
                rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase
            ) =>
        {
            corrupt(path, msg.clone().unwrap_or_else(|| f.to_string()))
        }
        _ => e,
    }
}

/// Replaces the community file `target` with the backup at `backup`: the backup is checked
/// first, the current file is itself backed up (or, when it cannot be opened, copied as it
/// is), and the new file is renamed into place, so `target` is always whole.
/// Nothing else may have `target` open meanwhile (the app closes it first).
pub fn restore_backup(backup: &Path, target: &Path) -> Result<RestoreReport> {
    preview_backup(backup)?;
    let dir = backups_dir_for(target);
    let previous = if target.exists() {
        Some(save_current(target, &dir)?)
    } else {
        None
    };
    let tmp = target.with_extension("kizuna-restoring");
    let _ = std::fs::remove_file(&tmp);
    std::fs::copy(backup, &tmp).map_err(io_error(&tmp))?;
    let prepared = (|| -> Result<()> {
        let conn = Connection::open(&tmp)?;
        conn.execute("DELETE FROM kizuna_meta WHERE key = ?1", [META_SAVED_AT])?;
        conn.execute_batch("PRAGMA journal_mode = DELETE;")?;
        integrity_check(&conn, &tmp)?;
        conn.close().map_err(|(_, e)| e)?;
        std::fs::File::open(&tmp)
            .and_then(|f| f.sync_all())
            .map_err(io_error(&tmp))
    })();
    if let Err(e) = prepared {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    // The old file's WAL was checkpointed into it (and copied) above; a stale WAL beside the
    // new file would be replayed onto it, so it goes before the rename.
    for side in ["-wal", "-shm"] {
        let mut name = target.as_os_str().to_owned();
        name.push(side);
        match std::fs::remove_file(PathBuf::from(name)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_error(target)(e)),
        }
    }
    std::fs::rename(&tmp, target).map_err(io_error(target))?;
    if let Some(parent) = target.parent() {
        sync_dir(parent);
    }
    Ok(RestoreReport {
        previous,
        restored: preview_backup(target)?,
    })
}

/// Backs up the file about to be replaced and folds its WAL into it; a file too damaged to
/// open is copied byte for byte instead.
fn save_current(target: &Path, dir: &Path) -> Result<PathBuf> {
    let clock = std::sync::Arc::new(crate::SystemClock);
    match Store::open(target, OpenMode::MustExist, clock) {
        Ok(store) => {
            let info = back_up(&store, dir)?;
            store
                .conn()
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
            Ok(info.path)
        }
        Err(CoreError::Corrupt { .. } | CoreError::NotKizunaDatabase { .. }) => {
            std::fs::create_dir_all(dir).map_err(io_error(dir))?;
            let name = format!("{}-damaged-file.bin", Utc::now().format(STAMP_FORMAT));
            let copy = dir.join(name);
            std::fs::copy(target, &copy).map_err(io_error(&copy))?;
            Ok(copy)
        }
        Err(e) => Err(e),
    }
}

/// Makes a rename durable (best effort: not every system can sync a folder).
fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// A community name as it appears in a backup's file name.
fn slug(name: &str) -> String {
    let slug: String = name
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-")
        .to_lowercase();
    if slug.is_empty() {
        "community".to_owned()
    } else {
        slug
    }
}
