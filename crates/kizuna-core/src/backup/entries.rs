//! Backups as the app shows them: the open community's backups, named by file name only (the
//! window never sends a path), and what a backup holds against the current file.

use std::path::Path;

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::{BackupInfo, backups_dir_for, list_backups, preview_backup, slug};
use crate::error::{CoreError, Result};
use crate::store::Store;

/// One backup in the app's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupEntry {
    /// The backup's file name in the backups folder (how the window names it).
    pub file: String,
    /// When it was taken (unix ms).
    pub saved_at_ms: i64,
    /// Its size on disk.
    pub bytes: u64,
}

impl From<&BackupInfo> for BackupEntry {
    fn from(info: &BackupInfo) -> Self {
        Self {
            file: info
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            saved_at_ms: info.saved_at.timestamp_millis(),
            bytes: info.bytes,
        }
    }
}

/// The open community's backups, newest first, and the folder that holds them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupList {
    /// The backups folder.
    pub folder: String,
    /// This community's backups (other communities' backups in the folder are left out).
    pub backups: Vec<BackupEntry>,
}

/// Members, events and activities in a community file: enough to tell two versions apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CommunityCounts {
    /// Members (not deleted).
    pub members: i64,
    /// Events.
    pub events: i64,
    /// Activities.
    pub activities: i64,
}

impl CommunityCounts {
    /// Counts what the database behind `conn` holds.
    pub fn of(conn: &Connection) -> Result<Self> {
        let count = |sql: &str| -> Result<i64> { Ok(conn.query_row(sql, [], |r| r.get(0))?) };
        Ok(Self {
            members: count("SELECT count(*) FROM members WHERE deleted_at IS NULL")?,
            events: count("SELECT count(*) FROM events")?,
            activities: count("SELECT count(*) FROM activities")?,
        })
    }
}

/// What the app shows before a restore: the backup, what it holds, and what the file holds now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RestorePreview {
    /// The backup.
    pub backup: BackupEntry,
    /// The community's name in the backup.
    pub community: String,
    /// What the backup holds.
    pub in_backup: CommunityCounts,
    /// What the community file holds now; `None` when it cannot be read (a damaged file).
    pub current: Option<CommunityCounts>,
}

/// A community file that cannot be opened because it is damaged, and the backup to offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DamagedCommunity {
    /// The damaged file's name.
    pub file: String,
    /// The newest backup in its backups folder that is sound and restorable, if any.
    pub latest: Option<RestorePreview>,
}

/// Describes the damaged community file at `community_file` with the newest backup beside it
/// that passes the checks a restore makes (a damaged backup is passed over). A damaged file
/// cannot say its community's name, so backups named like the file (`tokyo-coffee-club.kizuna`
/// → `…-tokyo-coffee-club.kizuna`) come first, then the other communities' backups.
pub fn damaged_community(community_file: &Path) -> Result<DamagedCommunity> {
    let stem = community_file
        .file_stem()
        .map(|s| slug(&s.to_string_lossy()))
        .unwrap_or_default();
    let mut backups = list_backups(&backups_dir_for(community_file))?;
    // Stable: newest first within each of the two groups.
    backups.sort_by_key(|b| b.community != stem);
    let latest = backups.iter().find_map(|b| {
        let name = b.path.file_name()?.to_str()?;
        restore_preview(community_file, name, None).ok()
    });
    Ok(DamagedCommunity {
        file: community_file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        latest,
    })
}

/// The open community's backups (those taken under its name), newest first.
pub fn backup_list(store: &Store) -> Result<BackupList> {
    let dir = backups_dir_for(store.path());
    let own = slug(&store.community_name()?);
    let backups = list_backups(&dir)?
        .iter()
        .filter(|b| b.community == own)
        .map(BackupEntry::from)
        .collect();
    Ok(BackupList {
        folder: dir.display().to_string(),
        backups,
    })
}

/// The backup named `file` in the backups folder of `community_file`. Only the name of a
/// backup listed there is accepted: a path, `..` or any other file is `NotFound`.
pub fn find_backup(community_file: &Path, file: &str) -> Result<BackupInfo> {
    list_backups(&backups_dir_for(community_file))?
        .into_iter()
        .find(|b| b.path.file_name().is_some_and(|n| n == file))
        .ok_or_else(|| CoreError::NotFound {
            what: "backup",
            id: file.to_owned(),
        })
}

/// Checks the backup named `file` as a restore would, and says what it holds against
/// `current` (the counts of the community file now).
pub fn restore_preview(
    community_file: &Path,
    file: &str,
    current: Option<CommunityCounts>,
) -> Result<RestorePreview> {
    let info = find_backup(community_file, file)?;
    let preview = preview_backup(&info.path)?;
    Ok(RestorePreview {
        backup: BackupEntry::from(&info),
        community: preview.community,
        in_backup: CommunityCounts {
            members: preview.members,
            events: preview.events,
            activities: preview.activities,
        },
        current,
    })
}
