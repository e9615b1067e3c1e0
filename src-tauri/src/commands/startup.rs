//! Start-up time as the manager sees it: from the app's launch to the Dashboard's headline
//! numbers painted, which the page reports once. The time is logged, and written as JSON to the
//! file named by `KIZUNA_STARTUP_REPORT` when that is set (`kizuna bench --app` reads it).

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// Names the file that receives `{"firstPaintMs": …}` once the Dashboard has painted.
const STARTUP_REPORT_ENV: &str = "KIZUNA_STARTUP_REPORT";

static LAUNCHED: OnceLock<Instant> = OnceLock::new();
static PAINTED: AtomicBool = AtomicBool::new(false);

/// Notes the launch; called first thing when the app starts.
pub fn mark_launch() {
    LAUNCHED.get_or_init(Instant::now);
}

/// The page painted the Dashboard's numbers for the first time; later calls do nothing. A
/// report file that cannot be written is logged (the bench then says no report came).
#[tauri::command]
pub fn dashboard_painted() {
    if PAINTED.swap(true, Ordering::SeqCst) {
        return;
    }
    let ms = LAUNCHED.get().map_or(0, |at| at.elapsed().as_millis());
    tracing::info!(ms, "first Dashboard painted after launch");
    if let Some(path) = std::env::var_os(STARTUP_REPORT_ENV)
        && let Err(error) = std::fs::write(&path, format!("{{\"firstPaintMs\":{ms}}}"))
    {
        tracing::warn!(%error, "the start-up report could not be written");
    }
}
