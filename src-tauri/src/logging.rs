//! Logs go to a daily rolling file in the app's log folder (never secrets or member PII).

use std::path::Path;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;

/// Starts logging to `dir`; the guard flushes the file when dropped.
pub fn init(dir: &Path) -> Option<WorkerGuard> {
    let filter = EnvFilter::try_from_env("KIZUNA_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    if let Err(error) = std::fs::create_dir_all(dir) {
        eprintln!("Kizuna cannot write logs to {}: {error}", dir.display());
        tracing_subscriber::fmt().with_env_filter(filter).init();
        return None;
    }
    let (writer, guard) =
        tracing_appender::non_blocking(tracing_appender::rolling::daily(dir, "kizuna.log"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(writer)
        .init();
    Some(guard)
}
