//! The Kizuna desktop shell: plugins, managed state and command registration — nothing else.
//! All logic lives in the `kizuna-*` crates.

mod commands;
mod error;
mod logging;
mod state;

pub use error::AppError;

use tauri::Manager;

/// Starts the desktop app.
pub fn run() {
    let result = tauri::Builder::default()
        .setup(|app| {
            let log_guard = logging::init(&app.path().app_log_dir()?);
            app.manage(state::AppState::new(log_guard)?);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::community::open_community,
            commands::community::open_sample_community,
            commands::community::create_empty_community,
            commands::dashboard::dashboard_summary,
            commands::dashboard::activity_chart,
            commands::dashboard::insight_chart,
            commands::members::list_members,
            commands::members::member_detail,
            commands::engagement::member_score,
            commands::engagement::level_distribution,
            commands::duplicates::duplicate_suggestions,
        ])
        .run(tauri::generate_context!());
    if let Err(error) = result {
        tracing::error!(%error, "Kizuna stopped with an error");
        eprintln!("Kizuna could not start: {error}");
        std::process::exit(1);
    }
}
