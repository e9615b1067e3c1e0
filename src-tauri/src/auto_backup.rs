//! Automatic backups: when a community is opened and then every hour, the open community is
//! backed up if its newest backup is a day old, on a connection of its own off the async
//! runtime, so no command waits for it (`kizuna_core::backup::daily_backup`).

use std::time::Duration;

use kizuna_core::backup::daily_backup;
use tauri::{AppHandle, Manager};

use crate::state::AppState;

/// How often the task looks whether a backup is due.
const LOOK_EVERY: Duration = Duration::from_secs(3600);

/// Starts the background task; it lives as long as the app.
pub fn start(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        let state = app.state::<AppState>().inner().clone();
        loop {
            // Woken early when a community is opened; otherwise once an hour.
            let _ = tokio::time::timeout(LOOK_EVERY, state.community_opened()).await;
            let Some(path) = state.open_file() else {
                continue;
            };
            let now = state.clock().now();
            match tauri::async_runtime::spawn_blocking(move || daily_backup(&path, now)).await {
                Ok(Ok(Some(info))) => tracing::info!(bytes = info.bytes, "automatic backup taken"),
                Ok(Ok(None)) => {}
                Ok(Err(error)) => tracing::warn!(%error, "automatic backup failed"),
                Err(error) => tracing::warn!(%error, "automatic backup stopped"),
            }
        }
    });
}
