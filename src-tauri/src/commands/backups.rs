//! Settings → Backups: the open community's backups, "Back up now", and a restore that shows
//! what the backup holds first. The window names a backup by its file name only.

use kizuna_core::backup::{
    self, BackupEntry, BackupList, CommunityCounts, DamagedCommunity, RestorePreview, back_up_file,
};
use kizuna_core::community::CommunityInfo;
use tauri::State;

use crate::AppError;
use crate::state::AppState;

/// The open community's backups, newest first, and the folder that holds them.
#[tauri::command]
pub async fn list_backups(state: State<'_, AppState>) -> Result<BackupList, AppError> {
    state.read(backup::backup_list).await
}

/// Backs up the open community now, on a connection of its own (the app keeps working).
#[tauri::command]
pub async fn back_up_now(state: State<'_, AppState>) -> Result<BackupEntry, AppError> {
    // The open file's path is known without waiting for a command that holds the community.
    let path = match state.open_file() {
        Some(path) => path,
        None => state.current_file().await?,
    };
    let now = state.clock().now();
    let info = tauri::async_runtime::spawn_blocking(move || back_up_file(&path, now)).await??;
    Ok(BackupEntry::from(&info))
}

/// What the backup `file` holds against the community file now, checked as a restore would.
#[tauri::command]
pub async fn preview_restore(
    state: State<'_, AppState>,
    file: String,
) -> Result<RestorePreview, AppError> {
    match state
        .read(|store| {
            Ok::<_, AppError>((
                store.path().to_path_buf(),
                CommunityCounts::of(store.conn())?,
            ))
        })
        .await
    {
        Ok((path, now)) => spawn(move || backup::restore_preview(&path, &file, Some(now))).await,
        // A damaged file cannot be counted; the backup can still be previewed.
        Err(_) => {
            let path = state.current_file().await?;
            spawn(move || backup::restore_preview(&path, &file, None)).await
        }
    }
}

/// Replaces the community file with the backup `file` (the file as it was is kept as a
/// backup too) and opens the restored community.
#[tauri::command]
pub async fn restore_backup(
    state: State<'_, AppState>,
    file: String,
) -> Result<CommunityInfo, AppError> {
    state
        .reopen_after(move |path| {
            let chosen = backup::find_backup(path, &file)?;
            backup::restore_backup(&chosen.path, path).map(drop)
        })
        .await
}

/// The community file that could not be opened because it is damaged, and the newest sound
/// backup to offer in its place.
#[tauri::command]
pub async fn damaged_community(state: State<'_, AppState>) -> Result<DamagedCommunity, AppError> {
    let path = state.current_file().await?;
    spawn(move || backup::damaged_community(&path)).await
}

async fn spawn<T: Send + 'static>(
    work: impl FnOnce() -> kizuna_core::Result<T> + Send + 'static,
) -> Result<T, AppError> {
    Ok(tauri::async_runtime::spawn_blocking(work).await??)
}
