//! The Import screen: the file arrives once as bytes (dropped or chosen in the webview's native
//! file chooser), then the preview, the dry run and the import read it with the manager's
//! choices; long steps report progress on a channel and stop on "Cancel". Also the import
//! history and its undo.

use std::sync::Arc;

use kizuna_core::Store;
use kizuna_import::engine::ImportReport;
use kizuna_import::formats::FileOptions;
use kizuna_import::history::{self, ImportRun, UndoReport};
use kizuna_import::session::{self, ImportPreview, ImportProgress, SessionError};
use percent_encoding::percent_decode_str;
use tauri::State;
use tauri::ipc::{Channel, InvokeBody, Request};

use crate::AppError;
use crate::state::{AppState, StagedFile};

/// The largest file the screen takes, in MB (a million-row export is about 150 MB).
const MAX_IMPORT_MB: usize = 512;
/// How many past imports the history shows.
const HISTORY_ROWS: u32 = 50;

/// Takes the file's bytes (the request body) and its name (the `x-file-name` header,
/// URI-encoded); returns its size in bytes.
#[tauri::command]
pub async fn import_stage(
    state: State<'_, AppState>,
    request: Request<'_>,
) -> Result<u64, AppError> {
    let name = request
        .headers()
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .map(|v| percent_decode_str(v).decode_utf8_lossy().into_owned())
        .filter(|n| !n.trim().is_empty())
        .ok_or_else(|| {
            AppError::from(kizuna_core::invalid!(
                "import.nameMissing",
                "the file's name did not arrive; choose the file again"
            ))
        })?;
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(kizuna_core::invalid!(
            "import.contentMissing",
            "the file's content did not arrive; choose the file again"
        )
        .into());
    };
    if bytes.len() > MAX_IMPORT_MB * 1024 * 1024 {
        return Err(kizuna_core::invalid!(
            "import.tooLarge",
            "\"{name}\" is larger than {max} MB; split it into smaller files",
            name,
            max = MAX_IMPORT_MB
        )
        .into());
    }
    let size = bytes.len() as u64;
    state.stage_file(StagedFile {
        name,
        bytes: Arc::new(bytes.clone()),
    });
    Ok(size)
}

fn staged(state: &AppState) -> Result<StagedFile, AppError> {
    state.staged_file().ok_or_else(|| {
        kizuna_core::invalid!(
            "import.noFile",
            "no file is chosen; drop a file or choose one first"
        )
        .into()
    })
}

/// How the staged file reads with `options`: format, columns, mapping, first and bad rows.
#[tauri::command]
pub async fn import_preview(
    state: State<'_, AppState>,
    options: FileOptions,
) -> Result<ImportPreview, AppError> {
    let file = staged(&state)?;
    state
        .with_store(move |store| {
            Ok(session::preview(
                store.conn(),
                &file.bytes,
                &file.name,
                &options,
            )?)
        })
        .await
}

/// The dry run of the staged file: what the import would do. Writes nothing.
#[tauri::command]
pub async fn import_dry_run(
    state: State<'_, AppState>,
    options: FileOptions,
    on_progress: Channel<ImportProgress>,
) -> Result<ImportReport, AppError> {
    with_progress(&state, options, on_progress, session::rehearse).await
}

/// Imports the staged file in one transaction; nothing is kept if it is cancelled.
#[tauri::command]
pub async fn import_run(
    state: State<'_, AppState>,
    options: FileOptions,
    on_progress: Channel<ImportProgress>,
) -> Result<ImportReport, AppError> {
    with_progress(&state, options, on_progress, session::run).await
}

/// A step over the staged file that reports progress and stops on "Cancel".
type Step = fn(
    &mut Store,
    &[u8],
    &str,
    &FileOptions,
    &mut dyn FnMut(ImportProgress) -> bool,
) -> Result<ImportReport, SessionError>;

/// Runs `step` on the staged file off the UI thread, sending its progress to the screen; it
/// goes on until "Cancel" is pressed (a closed screen does not stop it).
async fn with_progress(
    state: &AppState,
    options: FileOptions,
    channel: Channel<ImportProgress>,
    step: Step,
) -> Result<ImportReport, AppError> {
    let file = staged(state)?;
    state.reset_import_cancel();
    let watcher = state.clone();
    state
        .with_store(move |store| {
            let mut progress = |done: ImportProgress| {
                let _ = channel.send(done);
                !watcher.import_cancelled()
            };
            Ok(step(
                store,
                &file.bytes,
                &file.name,
                &options,
                &mut progress,
            )?)
        })
        .await
}

/// Stops the running dry run or import.
#[tauri::command]
pub fn import_cancel(state: State<'_, AppState>) {
    state.cancel_import();
}

/// The latest imports, newest first.
#[tauri::command]
pub async fn import_history(state: State<'_, AppState>) -> Result<Vec<ImportRun>, AppError> {
    state
        .read(|store| history::import_history(store.conn(), HISTORY_ROWS))
        .await
}

/// Undoes a whole import (keeps members someone built on since, and says who).
#[tauri::command]
pub async fn import_undo(
    state: State<'_, AppState>,
    run_id: String,
) -> Result<UndoReport, AppError> {
    state
        .with_store(move |store| Ok(history::undo_import(store, &run_id)?))
        .await
}
