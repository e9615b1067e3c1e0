//! Printable name badges (PDF) for an event's door.

use std::io::Write;

use kizuna_core::ids::EventId;
use kizuna_core::{CoreError, export_file};
use kizuna_report::Lang;
use kizuna_report::pdf::badges::{self, BadgesPrinted};
use kizuna_report::pdf::date_of;
use tauri::State;

use crate::AppError;
use crate::state::AppState;

/// Writes badges for everyone going to `event_id` as a PDF at `path` (whole or not at all);
/// returns how many badges on how many pages.
#[tauri::command]
pub async fn event_badges_pdf(
    state: State<'_, AppState>,
    event_id: String,
    path: String,
    lang: Lang,
) -> Result<BadgesPrinted, AppError> {
    let target = export_file::destination(&path)?;
    state
        .with_store(move |store| {
            let today = date_of(store.clock().now_ms());
            let sheets = badges::render(store, &EventId(event_id), lang, today)?;
            Ok(export_file::write_whole(&target, |mut file| {
                file.write_all(&sheets.pdf).map_err(CoreError::Export)?;
                Ok(sheets.printed)
            })?)
        })
        .await
}
