//! The campaign comparison screen: the campaigns to choose from, the comparison itself, its
//! retention-curve chart in the UI's theme and language, and its CSV export.

use std::io::BufWriter;

use kizuna_core::campaigns::{self, CampaignRow, Comparison};
use kizuna_core::export_file;
use kizuna_report::{Lang, Theme, charts};
use tauri::State;

use crate::AppError;
use crate::state::AppState;

/// Every campaign to choose from, newest start first, with the members each brought.
#[tauri::command]
pub async fn campaign_compare_choices(
    state: State<'_, AppState>,
) -> Result<Vec<CampaignRow>, AppError> {
    state
        .read(|store| campaigns::list_campaigns(store.conn(), store.clock().now_ms()))
        .await
}

/// The chosen campaigns side by side, in the order given (every campaign when `ids` is None).
#[tauri::command]
pub async fn campaign_comparison(
    state: State<'_, AppState>,
    ids: Option<Vec<String>>,
) -> Result<Comparison, AppError> {
    state
        .read(move |store| {
            let now = store.clock().now_ms();
            campaigns::compare(store.conn(), &ids.unwrap_or_default(), now)
        })
        .await
}

/// The chosen campaigns' retention curves as an SVG chart in the UI's theme and language.
#[tauri::command]
pub async fn campaign_retention_chart(
    state: State<'_, AppState>,
    ids: Option<Vec<String>>,
    lang: Lang,
    theme: Theme,
) -> Result<String, AppError> {
    state
        .with_store(move |store| {
            let now = store.clock().now_ms();
            let comparison = campaigns::compare(store.conn(), &ids.unwrap_or_default(), now)?;
            Ok(charts::campaign_retention(&comparison, lang, theme)?)
        })
        .await
}

/// Writes the comparison of the chosen campaigns as CSV to `path` (from the save dialog);
/// returns how many campaigns were written. The file appears whole or not at all.
#[tauri::command]
pub async fn export_campaign_comparison_csv(
    state: State<'_, AppState>,
    ids: Option<Vec<String>>,
    path: String,
) -> Result<u32, AppError> {
    let target = export_file::destination(&path)?;
    state
        .with_store(move |store| {
            let now = store.clock().now_ms();
            let ids = ids.unwrap_or_default();
            Ok(export_file::write_whole(&target, |file| {
                campaigns::compare_csv(store.conn(), &ids, now, BufWriter::new(file))
            })?)
        })
        .await
}
