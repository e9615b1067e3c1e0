//! Settings → Sync: the team hub this community syncs with (its token only in the OS
//! keychain), "Sync now", automatic sync, and the sync conflicts to settle.

use kizuna_keychain::Keychain;
use kizuna_sync::conflicts::{self, Keep, SyncConflict};
use kizuna_sync::settings::{self, SyncStatus};
use tauri::{AppHandle, Emitter, State};

use crate::AppError;
use crate::state::AppState;

/// The event the Settings screen listens to, sent after every sync (manual or automatic).
pub const SYNC_STATUS_EVENT: &str = "sync-status";

/// Runs one sync with the saved hub and token off the UI thread, then tells the screens.
pub async fn sync_once(state: &AppState, app: &AppHandle) -> Result<SyncStatus, AppError> {
    let outcome = state
        .with_store(|store| {
            let keychain = Keychain::new();
            let synced = tauri::async_runtime::block_on(settings::sync_saved(store, &keychain));
            let status = settings::status(store, &keychain)?;
            Ok((synced.map_err(AppError::from), status))
        })
        .await;
    let (synced, status) = outcome?;
    let _ = app.emit(SYNC_STATUS_EVENT, &status);
    synced.map(|_| status)
}

/// The hub, whether a token is saved (never the token), last sync, changes waiting, last error.
#[tauri::command]
pub async fn sync_settings(state: State<'_, AppState>) -> Result<SyncStatus, AppError> {
    state
        .read(|store| settings::status(store, &Keychain::new()))
        .await
}

/// Saves the hub address (http or https), when typed its token in the keychain, and the name
/// this computer goes by in the team's sync conflicts (empty: user@host).
#[tauri::command]
pub async fn save_sync_settings(
    state: State<'_, AppState>,
    hub_url: String,
    token: Option<String>,
    label: Option<String>,
) -> Result<SyncStatus, AppError> {
    state
        .with_store(move |store| {
            let keychain = Keychain::new();
            settings::save_settings(store, &keychain, &hub_url, token.as_deref())?;
            if let Some(label) = label {
                settings::set_site_label(store, &label)?;
            }
            Ok(settings::status(store, &keychain)?)
        })
        .await
}

/// Turns automatic sync on or off.
#[tauri::command]
pub async fn set_auto_sync(state: State<'_, AppState>, auto: bool) -> Result<SyncStatus, AppError> {
    state
        .read(move |store| {
            settings::set_auto(store, auto)?;
            settings::status(store, &Keychain::new())
        })
        .await
}

/// Pulls the team's changes, merges them and sends this laptop's; returns the new status.
#[tauri::command]
pub async fn sync_now(state: State<'_, AppState>, app: AppHandle) -> Result<SyncStatus, AppError> {
    sync_once(&state, &app).await
}

/// Fields changed here and on another laptop before either synced, newest first.
#[tauri::command]
pub async fn sync_conflicts(state: State<'_, AppState>) -> Result<Vec<SyncConflict>, AppError> {
    state
        .read(|store| conflicts::open_conflicts(store.conn()))
        .await
}

/// Keeps this laptop's value (`local`) or the other one (`remote`) of a conflict.
#[tauri::command]
pub async fn resolve_sync_conflict(
    state: State<'_, AppState>,
    id: i64,
    keep: String,
) -> Result<(), AppError> {
    let keep = match keep.as_str() {
        "local" => Keep::Local,
        "remote" => Keep::Remote,
        other => {
            return Err(kizuna_core::invalid!(
                "sync.keepWhich",
                "keep \"local\" or \"remote\", not \"{other}\"",
                other
            )
            .into());
        }
    };
    state
        .with_store(move |store| Ok(conflicts::resolve_conflict(store, id, keep)?))
        .await
}
