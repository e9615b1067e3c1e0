//! The community store: one SQLite file (WAL, foreign keys on), opened, migrated and written
//! only through here so every synced write lands in the change log.

pub mod migrations;
mod writer;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use crate::clock::Clock;
use crate::error::{CoreError, Result};
use crate::hlc::Hlc;
pub use migrations::{APPLICATION_ID, MIGRATIONS, Migration, SCHEMA_VERSION};
pub use writer::{Actor, ROW_CELL, SyncedTable, Writer};

/// Whether opening may create a new file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Create the file (and its folder) when it does not exist.
    CreateIfMissing,
    /// Fail with `NotFound` when the file does not exist.
    MustExist,
}

/// An open community database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    clock: Arc<dyn Clock>,
    site: i64,
    hlc: Hlc,
    actor: Actor,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

impl Store {
    /// Opens (and if needed creates and upgrades) the community file at `path`.
    pub fn open(path: &Path, mode: OpenMode, clock: Arc<dyn Clock>) -> Result<Self> {
        Self::open_with(path, mode, clock, MIGRATIONS)
    }

    /// Like [`Store::open`], with an explicit migration list (tests use older or broken ones).
    pub fn open_with(
        path: &Path,
        mode: OpenMode,
        clock: Arc<dyn Clock>,
        migrations: &[Migration],
    ) -> Result<Self> {
        let exists = path.exists();
        if !exists && mode == OpenMode::MustExist {
            return Err(CoreError::NotFound {
                what: "community database",
                id: path.display().to_string(),
            });
        }
        if exists {
            check_header(path)?;
        } else if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| CoreError::DataDir {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let (conn, site, site_uuid, hlc) = open_checked(path, exists, migrations)
            .map_err(|e| crate::backup::damaged_or(path, e))?;
        Ok(Self {
            conn,
            path: path.to_path_buf(),
            clock,
            site,
            hlc,
            actor: Actor {
                user: local_user(),
                device: site_uuid,
            },
        })
    }

    /// The file this store reads and writes.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// This replica's id (a UUID), the same in every change it writes.
    pub fn site_uuid(&self) -> &str {
        &self.actor.device
    }

    /// The injected clock.
    pub fn clock(&self) -> &dyn Clock {
        self.clock.as_ref()
    }

    /// Read access for queries.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64> {
        migrations::user_version(&self.conn)
    }

    /// Runs `work` in one transaction; every synced write inside appends its change-log rows
    /// in that same transaction, so either all of it lands or none.
    pub fn write<T>(&mut self, work: impl FnOnce(&mut Writer<'_>) -> Result<T>) -> Result<T> {
        let now_ms = self.clock.now_ms();
        let tx = self.conn.transaction()?;
        let mut writer = Writer::new(tx, self.site, &mut self.hlc, now_ms, &self.actor);
        let out = work(&mut writer)?;
        writer.commit()?;
        Ok(out)
    }

    /// Runs `work` in a transaction that is always rolled back: a dry run sees exactly what
    /// the real write would do (same checks, same counts) and leaves the file untouched.
    pub fn rehearse<T>(&mut self, work: impl FnOnce(&mut Writer<'_>) -> Result<T>) -> Result<T> {
        let now_ms = self.clock.now_ms();
        let saved_hlc = self.hlc;
        let tx = self.conn.transaction()?;
        let mut writer = Writer::new(tx, self.site, &mut self.hlc, now_ms, &self.actor);
        let out = work(&mut writer);
        drop(writer);
        self.hlc = saved_hlc;
        out
    }

    /// A local setting of this file (community name, sample flag, …).
    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM kizuna_meta WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Sets a local, unsynced setting of this file.
    pub fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO kizuna_meta (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    /// The community's display name.
    pub fn community_name(&self) -> Result<String> {
        Ok(self
            .meta(META_NAME)?
            .unwrap_or_else(|| "Community".to_owned()))
    }

    /// Whether this file holds a generated sample community.
    pub fn is_sample(&self) -> Result<bool> {
        Ok(self.meta(META_SAMPLE)?.as_deref() == Some("1"))
    }
}

/// Meta key: the community's display name.
pub const META_NAME: &str = "community_name";
/// Meta key: "1" when the file holds a generated sample community.
pub const META_SAMPLE: &str = "is_sample";
const META_SITE: &str = "site_id";

/// Refuses files that are not SQLite before SQLite touches them.
fn check_header(path: &Path) -> Result<()> {
    let not_kizuna = |reason: String| CoreError::NotKizunaDatabase {
        path: path.to_path_buf(),
        reason,
    };
    let mut file = std::fs::File::open(path).map_err(|e| not_kizuna(e.to_string()))?;
    let mut header = Vec::with_capacity(16);
    file.by_ref()
        .take(16)
        .read_to_end(&mut header)
        .map_err(|e| not_kizuna(e.to_string()))?;
    if header.is_empty() || header.as_slice() == SQLITE_HEADER {
        Ok(())
    } else {
        Err(not_kizuna("it is not an SQLite file".to_owned()))
    }
}

/// Opens, checks and migrates the file; SQLite's "damaged" errors are left for the caller
/// to turn into `Corrupt`.
fn open_checked(
    path: &Path,
    existed: bool,
    migrations: &[Migration],
) -> Result<(Connection, i64, String, Hlc)> {
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
    )?;
    conn.busy_timeout(Duration::from_secs(5))?;
    check_identity(&conn, path, migrations)?;
    if existed {
        quick_check(&conn, path)?;
    }
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
    )?;
    migrations::migrate(&mut conn, migrations)?;
    let (site, site_uuid) = local_site(&conn)?;
    let hlc = last_hlc(&conn)?;
    Ok((conn, site, site_uuid, hlc))
}

/// Files up to this size get a full `PRAGMA quick_check` at open (about 0.15 s per 100 MB);
/// larger ones only the truncation check, and SQLite's own errors when a damaged page is read.
const QUICK_CHECK_MAX_BYTES: u64 = 128 * 1024 * 1024;

/// Finds a truncated file from its header, and on files of ordinary size overwritten pages
/// with `PRAGMA quick_check`, before anything is read or written.
fn quick_check(conn: &Connection, path: &Path) -> Result<()> {
    check_length(path)?;
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if bytes > QUICK_CHECK_MAX_BYTES {
        return Ok(());
    }
    let first: String = conn.query_row("PRAGMA quick_check(1)", [], |r| r.get(0))?;
    if first == "ok" {
        Ok(())
    } else {
        Err(crate::backup::corrupt(path, first))
    }
}

/// A file shorter than the page count its header promises was cut off (a copy stopped
/// half-way, a full disk): refused as `Corrupt` without reading further.
fn check_length(path: &Path) -> Result<()> {
    // A checkpoint writes page 1 (and its new size) before the pages after it; killed half-way,
    // the file is short until the WAL beside it is replayed, so then only SQLite can judge.
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    if std::fs::metadata(PathBuf::from(wal)).is_ok_and(|m| m.len() > 0) {
        return Ok(());
    }
    let mut header = [0u8; 100];
    let Ok(mut file) = std::fs::File::open(path) else {
        return Ok(());
    };
    if file.read_exact(&mut header).is_err() {
        return Ok(());
    }
    let be32 = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    // The in-header size is only valid when "version valid for" equals the change counter.
    if be32(92) != be32(24) {
        return Ok(());
    }
    let expected = u64::from(be32(28)) * page_size;
    let actual = file.metadata().map(|m| m.len()).unwrap_or(u64::MAX);
    if actual < expected {
        return Err(crate::backup::corrupt(
            path,
            format!("the file is {actual} bytes long but should be {expected}: it was cut off"),
        ));
    }
    Ok(())
}

/// Accepts a new/empty file or a Kizuna file this build can read.
fn check_identity(conn: &Connection, path: &Path, migrations: &[Migration]) -> Result<()> {
    let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let version = migrations::user_version(conn)?;
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    if app_id == 0 && version == 0 && tables == 0 {
        return Ok(());
    }
    if app_id != APPLICATION_ID {
        return Err(CoreError::NotKizunaDatabase {
            path: path.to_path_buf(),
            reason: "it is an SQLite file made by another program".to_owned(),
        });
    }
    let supported = migrations.last().map_or(0, |m| m.version);
    if version > supported {
        return Err(CoreError::NewerVersion {
            path: path.to_path_buf(),
            found: version,
            supported,
        });
    }
    Ok(())
}

/// The greatest clock written so far: saved by every write, or (files written before it was
/// saved) the maximum in the change log.
fn last_hlc(conn: &Connection) -> Result<Hlc> {
    let saved: Option<String> = conn
        .query_row(
            "SELECT value FROM kizuna_meta WHERE key = ?1",
            [writer::HLC_HIGH_WATER],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(packed) = saved.and_then(|s| s.parse::<i64>().ok()) {
        return Ok(Hlc::from_packed(packed));
    }
    let packed = conn
        .query_row("SELECT max(hlc) FROM change_log", [], |r| {
            r.get::<_, Option<i64>>(0)
        })?
        .unwrap_or(0);
    // Save it now so the scan happens once, not on every open of a file nobody writes to.
    conn.execute(
        "INSERT OR REPLACE INTO kizuna_meta (key, value) VALUES (?1, ?2)",
        params![writer::HLC_HIGH_WATER, packed.to_string()],
    )?;
    Ok(Hlc::from_packed(packed))
}

/// The operating system's name for the person at the keyboard.
fn local_user() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .unwrap_or_else(|| "unknown user".to_owned())
}

/// This file's own replica: its small integer in `sync_sites` and its UUID, created on first
/// open.
fn local_site(conn: &Connection) -> Result<(i64, String)> {
    let existing: Option<String> = conn
        .query_row(
            "SELECT value FROM kizuna_meta WHERE key = ?1",
            [META_SITE],
            |r| r.get(0),
        )
        .optional()?;
    let site_uuid = match existing {
        Some(s) => s,
        None => {
            let s = uuid::Uuid::now_v7().to_string();
            conn.execute(
                "INSERT INTO kizuna_meta (key, value) VALUES (?1, ?2)",
                params![META_SITE, s],
            )?;
            s
        }
    };
    conn.execute(
        "INSERT OR IGNORE INTO sync_sites (site_uuid) VALUES (?1)",
        [&site_uuid],
    )?;
    let id = conn.query_row(
        "SELECT id FROM sync_sites WHERE site_uuid = ?1",
        [&site_uuid],
        |r| r.get(0),
    )?;
    Ok((id, site_uuid))
}
