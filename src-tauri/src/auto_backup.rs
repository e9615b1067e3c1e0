//! Automatic backups: a minute after a community is opened and then every hour, the open
//! community is backed up if its newest backup is a day old, on a connection of its own off
//! the async runtime, so no command waits for it (`kizuna_core::backup::daily_backup`).

use std::time::Duration;

use kizuna_core::backup::daily_backup;
use tauri::{AppHandle, Manager};

use crate::state::AppState;

/// How often the task looks whether a backup is due.
const LOOK_EVERY: Duration = Duration::from_secs(3600);
/// How long after a community opens the first look waits, so the first screens load first.
const AFTER_OPEN: Duration = Duration::from_secs(60);
/// Tests set a shorter wait after opening, in milliseconds.
const AFTER_OPEN_ENV: &str = "KIZUNA_AUTO_BACKUP_AFTER_MS";

fn after_open() -> Duration {
    std::env::var(AFTER_OPEN_ENV)
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(AFTER_OPEN, Duration::from_millis)
}

/// Starts the background task; it lives as long as the app.
pub fn start(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        let state = app.state::<AppState>().inner().clone();
        let settle = after_open();
        loop {
            // Woken when a community is opened (then after a settling wait); else once an hour.
            if tokio::time::timeout(LOOK_EVERY, state.community_opened())
                .await
                .is_ok()
            {
                tokio::time::sleep(settle).await;
            }
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
