//! One file on its way in, the way the app's Import screen takes it: read and map it for a
//! preview (the columns, the first rows, what each column is taken as, the rows that cannot be
//! read), rehearse it (the dry run), then import it — each step from the same bytes and the same
//! choices, so what the preview and the dry run show is what the import does.
//!
//! A mapping edited for a generic file is remembered under the file's header, so next month's
//! export of the same spreadsheet opens with the same choices.

use kizuna_core::{CoreError, Store};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::engine::{self, ImportError, ImportOptions, ImportReport};
use crate::formats::{Field, FileBatch, FileOptions, FormatId, Mapping, batch_from_file};
use crate::formats::{load_mapping, save_mapping};
use crate::record::RowError;
use crate::table::{FileError, FileKind, RawRow, TextEncoding, read_table};

/// How many unreadable rows a preview lists (the count is always whole).
pub const PREVIEW_ERRORS: usize = 500;

/// What the Import screen shows before anything is written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    pub file_name: String,
    #[ts(type = "number")]
    pub size_bytes: u64,
    pub format: FormatId,
    /// `None` for spreadsheets.
    pub encoding: Option<TextEncoding>,
    pub kind: FileKind,
    pub headers: Vec<String>,
    /// What each column is taken as (columns not listed are ignored).
    pub mapping: Mapping,
    /// Whether the mapping is one saved from an earlier file with the same header.
    pub saved_mapping: bool,
    /// The first rows as read.
    pub rows: Vec<RawRow>,
    /// Rows that will be imported.
    #[ts(type = "number")]
    pub records: u64,
    /// Rows that cannot be imported as they are (the first [`PREVIEW_ERRORS`]).
    pub errors: Vec<RowError>,
    #[ts(type = "number")]
    pub error_count: u64,
    /// Columns say how people registered but none names the event, and none was given: the
    /// event must be given for them to be imported as registrations.
    pub needs_event: bool,
    /// Things to know about the whole file.
    pub notes: Vec<String>,
}

/// The note of a file whose columns Kizuna could not recognise.
pub const UNMAPPED_NOTE: &str = "Kizuna could not tell which column holds what: choose below which columns hold the name, email or handles, then check again";

/// How far a dry run or an import has got, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportProgress {
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub total: u64,
}

/// Why a step of the import did not happen.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    /// The file cannot be read at all (nothing was written).
    #[error("{0}")]
    File(#[from] FileError),
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error(transparent)]
    Core(#[from] CoreError),
}

/// The key a generic file's edited mapping is saved under: its header, whatever the file is
/// called, so the next export of the same spreadsheet finds it.
pub fn mapping_key(headers: &[String]) -> String {
    let digest = Sha256::digest(headers.join("\u{1f}").as_bytes());
    let hex: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
    format!("header:{hex}")
}

/// Reads and maps the file; a generic file without a mapping given gets the one saved for its
/// header, if any. A file whose columns say nothing Kizuna recognises is read with no column
/// taken (the manager then picks them) unless a mapping was saved for its header. Returns the
/// batch too, for the dry run or the import, and whether a saved mapping was used.
fn read(
    conn: &Connection,
    bytes: &[u8],
    file_name: &str,
    options: &FileOptions,
) -> Result<(FileBatch, bool), SessionError> {
    let first = match batch_from_file(bytes, file_name, options) {
        Ok(first) => first,
        Err(FileError::UnknownColumns { .. }) if options.mapping.is_none() => {
            let headers = read_table(bytes, file_name, options.encoding)?.headers;
            let saved = load_mapping(conn, &mapping_key(&headers))?;
            let found = saved.is_some();
            let with = FileOptions {
                mapping: Some(saved.unwrap_or_default()),
                format: Some(FormatId::Generic),
                ..options.clone()
            };
            return Ok((batch_from_file(bytes, file_name, &with)?, found));
        }
        Err(other) => return Err(other.into()),
    };
    if options.mapping.is_some() || first.format != FormatId::Generic {
        return Ok((first, false));
    }
    let Some(saved) = load_mapping(conn, &mapping_key(&first.headers))? else {
        return Ok((first, false));
    };
    let with_saved = FileOptions {
        mapping: Some(saved),
        format: Some(FormatId::Generic),
        ..options.clone()
    };
    Ok((batch_from_file(bytes, file_name, &with_saved)?, true))
}

/// The preview of a file: how it was read and mapped, its first rows and its unreadable ones.
pub fn preview(
    conn: &Connection,
    bytes: &[u8],
    file_name: &str,
    options: &FileOptions,
) -> Result<ImportPreview, SessionError> {
    let (mut file, saved_mapping) = read(conn, bytes, file_name, options)?;
    let has = |fields: &[Field]| {
        file.mapping
            .columns
            .iter()
            .any(|c| fields.contains(&c.field))
    };
    let registers = has(&[
        Field::Status,
        Field::CheckedIn,
        Field::CheckedInAt,
        Field::TicketType,
        Field::RegisteredAt,
    ]);
    let names_event = has(&[Field::EventId, Field::EventTitle]);
    let needs_event = registers && !names_event && options.context.event.is_none();
    if file.mapping.columns.is_empty() {
        // Every row is "unreadable" only because nothing is chosen yet: say that once.
        file.batch.errors.clear();
        file.notes.push(UNMAPPED_NOTE.to_owned());
    }
    Ok(ImportPreview {
        file_name: file.batch.source.label.clone(),
        size_bytes: bytes.len() as u64,
        format: file.format,
        encoding: file.encoding,
        kind: file.kind,
        headers: file.headers,
        mapping: file.mapping,
        saved_mapping,
        rows: file.preview,
        records: file.batch.records.len() as u64,
        error_count: file.batch.errors.len() as u64,
        errors: file.batch.errors.into_iter().take(PREVIEW_ERRORS).collect(),
        needs_event,
        notes: file.notes,
    })
}

fn import_options(options: &FileOptions) -> ImportOptions {
    ImportOptions {
        time_zone: options.context.time_zone.clone(),
    }
}

/// The dry run of the file with these choices: what the import would create, update, match
/// and refuse. Writes nothing; `progress` can cancel it.
pub fn rehearse(
    store: &mut Store,
    bytes: &[u8],
    file_name: &str,
    options: &FileOptions,
    progress: &mut dyn FnMut(ImportProgress) -> bool,
) -> Result<ImportReport, SessionError> {
    let (file, _) = read(store.conn(), bytes, file_name, options)?;
    Ok(engine::dry_run_with_progress(
        store,
        &file.batch,
        &import_options(options),
        &mut |done, total| progress(ImportProgress { done, total }),
    )?)
}

/// Imports the file with these choices in one transaction (see [`engine::import`]); a generic
/// file's mapping is remembered for the next file with the same header.
pub fn run(
    store: &mut Store,
    bytes: &[u8],
    file_name: &str,
    options: &FileOptions,
    progress: &mut dyn FnMut(ImportProgress) -> bool,
) -> Result<ImportReport, SessionError> {
    let (file, _) = read(store.conn(), bytes, file_name, options)?;
    let report = engine::import(
        store,
        &file.batch,
        &import_options(options),
        &mut |done, total| progress(ImportProgress { done, total }),
    )?;
    if file.format == FormatId::Generic && options.mapping.is_some() {
        let now = store.clock().now_ms();
        save_mapping(
            store.conn(),
            &mapping_key(&file.headers),
            FormatId::Generic.key(),
            &file.mapping,
            now,
        )?;
    }
    Ok(report)
}
