//! Automatic sync: while a hub is set and "Sync automatically" is on, the open community syncs
//! every few minutes, backing off after failures (schedule in `kizuna_sync::settings`).

use std::time::{Duration, Instant};

use kizuna_sync::settings::{auto_sync_on, next_sync_in};
use tauri::{AppHandle, Manager};

use crate::commands::sync::sync_once;
use crate::state::AppState;

/// How often the task looks whether a sync is due (turning auto on takes effect this fast).
const LOOK_EVERY: Duration = Duration::from_secs(30);
/// Tests set a shorter look interval in milliseconds.
const LOOK_EVERY_ENV: &str = "KIZUNA_AUTO_SYNC_LOOK_MS";

fn look_every() -> Duration {
    std::env::var(LOOK_EVERY_ENV)
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(LOOK_EVERY, Duration::from_millis)
}

/// Starts the background task; it lives as long as the app.
pub fn start(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        let look = look_every();
        let mut failures = 0u32;
        let mut due = Instant::now() + look;
        loop {
            tokio::time::sleep(look).await;
            let state = app.state::<AppState>().inner().clone();
            // Never opens a community by itself, nor waits on one a command is using.
            if !state.open_and_idle() {
                continue;
            }
            let on = state.read(auto_sync_on).await.unwrap_or(false);
            if !on {
                failures = 0;
                due = Instant::now();
                continue;
            }
            if Instant::now() < due {
                continue;
            }
            match sync_once(&state, &app).await {
                Ok(_) => failures = 0,
                Err(error) => {
                    failures = failures.saturating_add(1);
                    tracing::info!(message = %error.message, failures, "automatic sync failed");
                }
            }
            due = Instant::now() + next_sync_in(failures);
        }
    });
}
