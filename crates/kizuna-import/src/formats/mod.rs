//! Export formats: which platform a file comes from (by its header), how its columns map to
//! Kizuna's fields, and the platform's words for a registration's status. Built in: Luma,
//! Eventbrite, Meetup, connpass, Peatix, Doorkeeper, Shopify customers, Discourse users and
//! Mailchimp audiences (their column names and where they were found are in
//! `docs/import-formats.md`); anything else is read as a generic file whose mapping is guessed
//! from English and Japanese header names and can be edited and saved per source.

mod builtin;
pub mod mapping;
mod rows;
pub mod values;

use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::record::{EventIn, ImportBatch, RowError, SourceInfo, SourceRecord};
use crate::table::{FileError, FileKind, RawRow, RawTable, TextEncoding, read_table};
pub use builtin::{builtin_mapping, detect_format};
pub use mapping::{ColumnMap, Field, Mapping, guess, load_mapping, save_mapping};

/// The formats Kizuna knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FormatId {
    /// Luma's guest list export.
    Luma,
    /// Eventbrite's attendee report.
    Eventbrite,
    /// Meetup's member list or an event's attendee (RSVP) list.
    Meetup,
    /// connpass's participant CSV (Japanese headers, often Shift_JIS).
    Connpass,
    /// Peatix's attendee list.
    Peatix,
    /// Doorkeeper's attendee list.
    Doorkeeper,
    /// Shopify's customer export.
    Shopify,
    /// Discourse's user list (admin → users → export).
    Discourse,
    /// Mailchimp's audience export.
    Mailchimp,
    /// Any other CSV/XLSX, mapped by header names.
    Generic,
}

impl FormatId {
    /// Every format, built-in ones first.
    pub const ALL: [FormatId; 10] = [
        FormatId::Luma,
        FormatId::Eventbrite,
        FormatId::Meetup,
        FormatId::Connpass,
        FormatId::Peatix,
        FormatId::Doorkeeper,
        FormatId::Shopify,
        FormatId::Discourse,
        FormatId::Mailchimp,
        FormatId::Generic,
    ];

    /// The key used in the history and as the source of built-in formats.
    pub fn key(self) -> &'static str {
        match self {
            FormatId::Luma => "luma",
            FormatId::Eventbrite => "eventbrite",
            FormatId::Meetup => "meetup",
            FormatId::Connpass => "connpass",
            FormatId::Peatix => "peatix",
            FormatId::Doorkeeper => "doorkeeper",
            FormatId::Shopify => "shopify",
            FormatId::Discourse => "discourse",
            FormatId::Mailchimp => "mailchimp",
            FormatId::Generic => "generic",
        }
    }

    /// The format of a key (`connpass`, `shopify`, …), as a command line names it.
    pub fn from_key(key: &str) -> Option<FormatId> {
        FormatId::ALL
            .into_iter()
            .find(|f| f.key().eq_ignore_ascii_case(key.trim()))
    }

    /// Whether the format's rows are people only (customers, subscribers, forum users), never
    /// registrations for an event.
    pub fn members_only(self) -> bool {
        matches!(
            self,
            FormatId::Shopify | FormatId::Discourse | FormatId::Mailchimp
        )
    }
}

/// Choices the file does not carry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MapContext {
    /// IANA zone of times written without one.
    pub time_zone: String,
    /// The event of an export that lists one event's guests without naming it (Luma).
    pub event: Option<EventIn>,
}

/// How to read a file; `None` everywhere means "detect".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FileOptions {
    pub encoding: Option<TextEncoding>,
    pub format: Option<FormatId>,
    /// Overrides the built-in or guessed mapping.
    pub mapping: Option<Mapping>,
    pub context: MapContext,
}

/// A file read and mapped: the batch to dry-run or import, and what the preview shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FileBatch {
    pub batch: ImportBatch,
    pub format: FormatId,
    pub encoding: Option<TextEncoding>,
    pub kind: FileKind,
    pub headers: Vec<String>,
    pub mapping: Mapping,
    /// The first rows as read, for the preview.
    pub preview: Vec<RawRow>,
    /// Things to know about the whole file (e.g. registrations without an event).
    pub notes: Vec<String>,
}

/// Reads, detects and maps a file into a batch.
pub fn batch_from_file(
    bytes: &[u8],
    file_name: &str,
    options: &FileOptions,
) -> Result<FileBatch, FileError> {
    let table = read_table(bytes, file_name, options.encoding)?;
    let format = match (options.format, &options.mapping) {
        (Some(format), _) => format,
        (None, Some(_)) => FormatId::Generic,
        (None, None) => detect_format(&table.headers)
            .ok_or_else(|| FileError::unknown_columns(&table.headers))?,
    };
    let mapping = options
        .mapping
        .clone()
        .unwrap_or_else(|| builtin_mapping(format, &table.headers));
    let zone: Tz = builtin::format_zone(format).unwrap_or_else(|| {
        options
            .context
            .time_zone
            .parse()
            .unwrap_or(chrono_tz::Asia::Tokyo)
    });
    let (records, errors, notes) = map_table(&table, &mapping, format, zone, &options.context);
    let label = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let stem = label
        .rsplit_once('.')
        .map_or(label, |(s, _)| s)
        .to_lowercase();
    let key = match format {
        FormatId::Generic => format!("generic:{stem}"),
        other => other.key().to_owned(),
    };
    let fingerprint: String = Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok(FileBatch {
        batch: ImportBatch {
            source: SourceInfo {
                key,
                label: label.to_owned(),
                format: format.key().to_owned(),
                fingerprint: Some(fingerprint),
            },
            records,
            errors,
        },
        format,
        encoding: table.encoding,
        kind: table.kind,
        headers: table.headers.clone(),
        mapping,
        preview: table.rows.iter().take(20).cloned().collect(),
        notes,
    })
}

/// Maps every row; the lines the reader refused and bad cells become row errors naming the
/// line and column.
pub fn map_table(
    table: &RawTable,
    mapping: &Mapping,
    format: FormatId,
    zone: Tz,
    context: &MapContext,
) -> (Vec<SourceRecord>, Vec<RowError>, Vec<String>) {
    let columns = rows::Columns::of(mapping, &table.headers);
    let mut records = Vec::new();
    let mut errors = table.refused.clone();
    let mut notes = Vec::new();
    let registers = !format.members_only() && columns.registers();
    let has_event = columns.has_event() || context.event.is_some();
    if registers && !has_event {
        notes.push(
            "the file lists registrations but not their event: give the event's title and start to import them as registrations; people are imported either way"
                .to_owned(),
        );
    }
    let rows = rows::RowReader {
        headers: &table.headers,
        columns: &columns,
        format,
        zone,
        context,
        registers: registers && has_event,
    };
    for row in &table.rows {
        match rows.read(row) {
            Ok(record) => records.push(record),
            Err(e) => errors.push(e),
        }
    }
    errors.sort_by_key(|e| e.line);
    (records, errors, notes)
}
