//! Settings → Connections: platform accounts Kizuna pulls members, events and activity from.
//! Tokens go to the OS keychain only; a sync imports through the same engine as files (so it
//! shows in the import history and can be undone) and reports progress on a channel.

use std::sync::LazyLock;

use kizuna_import::connectors::{
    self, Connection, ConnectorEnv, NewConnection, SyncProgress, SyncSummary,
};
use kizuna_keychain::Keychain;
use tauri::State;
use tauri::ipc::Channel;

use crate::AppError;
use crate::state::AppState;

/// Timeouts and back-off of every connector call (the platforms' real addresses).
static ENV: LazyLock<ConnectorEnv> = LazyLock::new(ConnectorEnv::default);

/// Every connection with its last sync and last error.
#[tauri::command]
pub async fn list_connections(state: State<'_, AppState>) -> Result<Vec<Connection>, AppError> {
    state
        .with_store(|store| Ok(connectors::list_connections(store)?))
        .await
}

/// Adds a connection; its token goes to the keychain.
#[tauri::command]
pub async fn add_connection(
    state: State<'_, AppState>,
    input: NewConnection,
) -> Result<Connection, AppError> {
    state
        .with_store(move |store| Ok(connectors::add_connection(store, &Keychain::new(), &input)?))
        .await
}

/// One cheap authenticated call; says what it saw. The network wait does not hold the community.
#[tauri::command]
pub async fn test_connection(state: State<'_, AppState>, id: String) -> Result<String, AppError> {
    let check = state
        .with_store(move |store| {
            Ok(connectors::test_connection(
                store,
                &Keychain::new(),
                &id,
                &ENV,
            ))
        })
        .await?;
    Ok(check.await?)
}

/// Pulls what is new on the platform and imports it; "Cancel" (import_cancel) stops it.
#[tauri::command]
pub async fn sync_connection(
    state: State<'_, AppState>,
    id: String,
    on_progress: Channel<SyncProgress>,
) -> Result<SyncSummary, AppError> {
    state.reset_import_cancel();
    let watcher = state.inner().clone();
    state
        .with_store(move |store| {
            let mut progress = move |step: SyncProgress| {
                let _ = on_progress.send(step);
                !watcher.import_cancelled()
            };
            Ok(tauri::async_runtime::block_on(
                connectors::sync_connection(store, &Keychain::new(), &id, &ENV, &mut progress),
            )?)
        })
        .await
}

/// Removes a connection and its token (what it imported stays, undoable in the history).
#[tauri::command]
pub async fn remove_connection(state: State<'_, AppState>, id: String) -> Result<(), AppError> {
    state
        .with_store(move |store| Ok(connectors::remove_connection(store, &Keychain::new(), &id)?))
        .await
}
