//! The Reports screen: make a report (with progress and page previews), then save exactly that
//! report as a PDF, or its tables as CSV files.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use kizuna_core::{CoreError, Store, export_file};
use kizuna_report::reports::{self, Report, ReportRequest, ReportStage};
use serde::Serialize;
use tauri::State;
use tauri::ipc::Channel;
use ts_rs::TS;

use crate::AppError;
use crate::state::AppState;

/// The report made last, so "Save" writes the very pages the manager looked at.
#[derive(Default)]
pub struct LastReport(Mutex<Option<Made>>);

struct Made {
    /// The community file and the request it was made for.
    key: String,
    report: Arc<Report>,
}

impl LastReport {
    fn get(&self, key: &str) -> Option<Arc<Report>> {
        let slot = self.0.lock().unwrap_or_else(|p| p.into_inner());
        slot.as_ref()
            .filter(|made| made.key == key)
            .map(|made| made.report.clone())
    }

    fn keep(&self, key: String, report: Arc<Report>) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(Made { key, report });
    }
}

/// A made report as the screen shows it: its pages as SVG and what its tables hold.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReportPreview {
    pub title: String,
    pub page_count: usize,
    /// One SVG document per page, in order.
    pub pages: Vec<String>,
    pub tables: Vec<TableSummary>,
}

/// One table of a report: its title and how many rows it has.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TableSummary {
    pub name: String,
    pub title: String,
    pub rows: usize,
}

/// A saved PDF: its pages and size.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SavedReport {
    pub pages: usize,
    pub bytes: usize,
}

fn key_of(store: &Store, request: &ReportRequest) -> Result<String, AppError> {
    let request = serde_json::to_string(request)
        .map_err(|e| AppError::plain(kizuna_core::ErrorCode::Internal, e.to_string()))?;
    Ok(format!("{}\n{request}", store.path().display()))
}

/// The report for `request`: the one made last when it was made for the same community and
/// choices, otherwise a new one (reporting its stages to `progress`).
fn made_or_new(
    store: &Store,
    last: &LastReport,
    request: &ReportRequest,
    progress: &mut dyn FnMut(ReportStage),
) -> Result<Arc<Report>, AppError> {
    let key = key_of(store, request)?;
    if let Some(report) = last.get(&key) {
        return Ok(report);
    }
    let report = Arc::new(reports::build(store, request, progress)?);
    last.keep(key, report.clone());
    Ok(report)
}

/// Makes the report `request` describes and returns its pages for the preview.
#[tauri::command]
pub async fn report_preview(
    state: State<'_, AppState>,
    last: State<'_, Arc<LastReport>>,
    request: ReportRequest,
    on_progress: Channel<ReportStage>,
) -> Result<ReportPreview, AppError> {
    let last = Arc::clone(&last);
    state
        .with_store(move |store| {
            let key = key_of(store, &request)?;
            let report = Arc::new(reports::build(store, &request, &mut |stage| {
                let _ = on_progress.send(stage);
            })?);
            last.keep(key, report.clone());
            Ok(ReportPreview {
                title: report.title.clone(),
                page_count: report.page_count,
                pages: report.page_svgs(),
                tables: report
                    .tables
                    .iter()
                    .map(|table| TableSummary {
                        name: table.name.clone(),
                        title: table.title.clone(),
                        rows: table.rows.len(),
                    })
                    .collect(),
            })
        })
        .await
}

/// Saves the report `request` describes as a PDF at `path` (whole or not at all).
#[tauri::command]
pub async fn report_save_pdf(
    state: State<'_, AppState>,
    last: State<'_, Arc<LastReport>>,
    request: ReportRequest,
    path: String,
) -> Result<SavedReport, AppError> {
    let target = export_file::destination(&path)?;
    let last = Arc::clone(&last);
    state
        .with_store(move |store| {
            let report = made_or_new(store, &last, &request, &mut |_| {})?;
            Ok(export_file::write_whole(&target, |mut file| {
                file.write_all(&report.pdf).map_err(CoreError::Export)?;
                Ok(SavedReport {
                    pages: report.page_count,
                    bytes: report.pdf.len(),
                })
            })?)
        })
        .await
}

/// Saves every table of the report `request` describes as a CSV file in the folder `dir`;
/// returns the files written.
#[tauri::command]
pub async fn report_save_csv(
    state: State<'_, AppState>,
    last: State<'_, Arc<LastReport>>,
    request: ReportRequest,
    dir: String,
) -> Result<Vec<String>, AppError> {
    let dir = folder(&dir)?;
    let last = Arc::clone(&last);
    state
        .with_store(move |store| {
            let report = made_or_new(store, &last, &request, &mut |_| {})?;
            let written = reports::write_tables_csv(&report, &dir)?;
            Ok(written
                .iter()
                .map(|file| file.display().to_string())
                .collect())
        })
        .await
}

/// Accepts the folder a folder dialog returned: a full path to an existing folder.
fn folder(path: &str) -> Result<PathBuf, CoreError> {
    let dir = PathBuf::from(path.trim());
    if dir.is_absolute() && dir.is_dir() {
        return Ok(dir);
    }
    let why = if dir.is_absolute() {
        kizuna_core::invalid_reason!("files.notExistingFolder", "it is not an existing folder")
    } else {
        kizuna_core::invalid_reason!(
            "files.folderNotFullPath",
            "it is not a full path; choose the folder again"
        )
    };
    Err(kizuna_core::invalid!(
        "files.cannotSave",
        "cannot save to \"{path}\": {why}",
        path = Path::new(path).display(),
        why
    ))
}
