//! Export formats: which platform a file comes from (by its header), how its columns map to
//! Kizuna's fields, and the platform's words for a registration's status. Built in: Luma guest
//! exports and Eventbrite attendee reports (their documented column names, see
//! `docs/import-formats.md`); anything else is read as a generic file whose mapping is guessed
//! from English and Japanese header names and can be edited and saved per source.

pub mod mapping;
pub mod values;

use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::record::{
    AttendanceIn, EventIn, IdentityIn, ImportBatch, PersonIn, RegistrationIn, RowError, SourceInfo,
    SourceRecord,
};
use crate::table::{FileError, FileKind, RawRow, RawTable, TextEncoding, read_table};
pub use mapping::{ColumnMap, Field, Mapping, guess, load_mapping, save_mapping};
use values::{parse_money, parse_time, split_list};

/// The formats Kizuna knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FormatId {
    /// Luma's guest list export.
    Luma,
    /// Eventbrite's attendee report.
    Eventbrite,
    /// Any other CSV/XLSX, mapped by header names.
    Generic,
}

impl FormatId {
    /// The key used in the history and as the source of built-in formats.
    pub fn key(self) -> &'static str {
        match self {
            FormatId::Luma => "luma",
            FormatId::Eventbrite => "eventbrite",
            FormatId::Generic => "generic",
        }
    }
}

fn has(headers: &[String], name: &str) -> bool {
    headers.iter().any(|h| h.eq_ignore_ascii_case(name))
}

/// The built-in format a header belongs to; `Generic` when it names a person some other way;
/// `None` when nothing in it says who a row is.
pub fn detect_format(headers: &[String]) -> Option<FormatId> {
    if has(headers, "api_id") && has(headers, "approval_status") {
        return Some(FormatId::Luma);
    }
    if has(headers, "Order #") && (has(headers, "Attendee Status") || has(headers, "Attendee #")) {
        return Some(FormatId::Eventbrite);
    }
    let guessed = guess(headers);
    let names_someone = guessed.columns.iter().any(|c| {
        matches!(
            c.field,
            Field::FullName | Field::FirstName | Field::Email | Field::Handle { .. }
        )
    });
    names_someone.then_some(FormatId::Generic)
}

fn column(header: &str, field: Field) -> ColumnMap {
    ColumnMap {
        header: header.to_owned(),
        field,
    }
}

/// The mapping of a built-in format (columns a file lacks are simply absent).
pub fn builtin_mapping(format: FormatId, headers: &[String]) -> Mapping {
    let wanted: Vec<ColumnMap> = match format {
        FormatId::Luma => vec![
            column("api_id", Field::ExternalId),
            column("name", Field::FullName),
            column("first_name", Field::FirstName),
            column("last_name", Field::LastName),
            column("email", Field::Email),
            column("phone_number", Field::Phone),
            column("created_at", Field::RegisteredAt),
            column("approval_status", Field::Status),
            column("checked_in_at", Field::CheckedIn),
            column("ticket_name", Field::TicketType),
            column("amount", Field::Price),
            column("currency", Field::Currency),
        ],
        FormatId::Eventbrite => vec![
            column("Attendee #", Field::ExternalId),
            column("First Name", Field::FirstName),
            column("Last Name", Field::LastName),
            column("Email", Field::Email),
            column("Cell Phone", Field::Phone),
            column("Order Date", Field::RegisteredAt),
            column("Attendee Status", Field::Status),
            column("Ticket Type", Field::TicketType),
            column("Total Paid", Field::Price),
            column("Currency", Field::Currency),
            column("Event Name", Field::EventTitle),
            column("Event ID", Field::EventId),
            column("Home City", Field::City),
            column("Home Country", Field::Country),
        ],
        FormatId::Generic => return guess(headers),
    };
    Mapping {
        columns: wanted
            .into_iter()
            .filter_map(|c| {
                headers
                    .iter()
                    .find(|h| h.eq_ignore_ascii_case(&c.header))
                    .map(|h| ColumnMap {
                        header: h.clone(),
                        field: c.field,
                    })
            })
            .collect(),
    }
}

/// A registration status word, in the words of the platforms and in Japanese.
fn attendance(word: &str) -> Option<AttendanceIn> {
    let w = word.trim().to_lowercase();
    Some(match w.as_str() {
        "approved" | "attending" | "going" | "registered" | "confirmed" | "yes" | "参加"
        | "参加予定" | "参加する" | "申込済" | "申込済み" => AttendanceIn::Going,
        "checked in" | "checked_in" | "attended" | "出席" | "来場" | "参加済" | "参加済み"
        | "受付済" => AttendanceIn::Attended,
        "declined" | "not attending" | "cancelled" | "canceled" | "refunded" | "deleted" | "no"
        | "キャンセル" | "不参加" | "取消" => AttendanceIn::Cancelled,
        "waitlist"
        | "waitlisted"
        | "pending_approval"
        | "pending"
        | "補欠"
        | "キャンセル待ち"
        | "抽選待ち" => AttendanceIn::Waitlist,
        "no-show" | "no show" | "no_show" | "欠席" | "無断欠席" => AttendanceIn::NoShow,
        _ => return None,
    })
}

const STATUS_WORDS: &str =
    "attending, checked in, cancelled, waitlist, no-show (or 参加, 出席, キャンセル, 補欠, 欠席)";

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
        (None, None) => detect_format(&table.headers).ok_or(FileError::UnknownColumns)?,
    };
    let mapping = options
        .mapping
        .clone()
        .unwrap_or_else(|| builtin_mapping(format, &table.headers));
    let zone: Tz = options
        .context
        .time_zone
        .parse()
        .unwrap_or(chrono_tz::Asia::Tokyo);
    let (records, errors, notes) = map_table(&table, &mapping, format, zone, &options.context);
    let stem = file_name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(file_name)
        .rsplit_once('.')
        .map_or(file_name, |(s, _)| s)
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
                label: file_name
                    .rsplit(['/', '\\'])
                    .next()
                    .unwrap_or(file_name)
                    .to_owned(),
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

/// Maps every row; bad cells become row errors naming the line and column.
pub fn map_table(
    table: &RawTable,
    mapping: &Mapping,
    format: FormatId,
    zone: Tz,
    context: &MapContext,
) -> (Vec<SourceRecord>, Vec<RowError>, Vec<String>) {
    let headers = &table.headers;
    let col = |f: Field| mapping.column(headers, &f);
    let cols = Columns {
        external: col(Field::ExternalId),
        full: col(Field::FullName),
        first: col(Field::FirstName),
        last: col(Field::LastName),
        reading: col(Field::NameReading),
        email: col(Field::Email),
        phone: col(Field::Phone),
        country: col(Field::Country),
        city: col(Field::City),
        joined: col(Field::JoinedAt),
        tags: col(Field::Tags),
        event_id: col(Field::EventId),
        event_title: col(Field::EventTitle),
        event_start: col(Field::EventStart),
        event_end: col(Field::EventEnd),
        venue: col(Field::EventVenue),
        status: col(Field::Status),
        checked_in: col(Field::CheckedIn),
        ticket: col(Field::TicketType),
        price: col(Field::Price),
        currency: col(Field::Currency),
        registered: col(Field::RegisteredAt),
        handles: mapping.handles(headers),
    };
    let mut records = Vec::new();
    let mut errors = Vec::new();
    let mut notes = Vec::new();
    let registers = cols.status.is_some() || cols.checked_in.is_some() || cols.ticket.is_some();
    let has_event = cols.event_title.is_some() || context.event.is_some();
    if registers && !has_event {
        notes.push(
            "the file lists registrations but not their event: give the event's title and start to import them as registrations; people are imported either way"
                .to_owned(),
        );
    }
    for row in &table.rows {
        match map_row(
            row,
            headers,
            &cols,
            format,
            zone,
            context,
            registers && has_event,
        ) {
            Ok(record) => records.push(record),
            Err(e) => errors.push(e),
        }
    }
    (records, errors, notes)
}

/// Column positions of each field.
struct Columns {
    external: Option<usize>,
    full: Option<usize>,
    first: Option<usize>,
    last: Option<usize>,
    reading: Option<usize>,
    email: Option<usize>,
    phone: Option<usize>,
    country: Option<usize>,
    city: Option<usize>,
    joined: Option<usize>,
    tags: Option<usize>,
    event_id: Option<usize>,
    event_title: Option<usize>,
    event_start: Option<usize>,
    event_end: Option<usize>,
    venue: Option<usize>,
    status: Option<usize>,
    checked_in: Option<usize>,
    ticket: Option<usize>,
    price: Option<usize>,
    currency: Option<usize>,
    registered: Option<usize>,
    handles: Vec<(usize, String)>,
}

fn map_row(
    row: &RawRow,
    headers: &[String],
    c: &Columns,
    format: FormatId,
    zone: Tz,
    context: &MapContext,
    registers: bool,
) -> Result<SourceRecord, RowError> {
    let cell = |i: Option<usize>| {
        i.and_then(|i| row.cells.get(i))
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let fail = |i: Option<usize>, message: String| RowError {
        line: row.line,
        column: i.and_then(|i| headers.get(i)).cloned(),
        message,
    };
    let time = |i: Option<usize>| -> Result<Option<i64>, RowError> {
        match cell(i) {
            None => Ok(None),
            Some(t) => parse_time(&t, zone)
                .map(Some)
                .ok_or_else(|| fail(i, format!("\"{t}\" is not a date or time"))),
        }
    };
    let full = cell(c.full).or_else(|| {
        let parts: Vec<String> = [cell(c.first), cell(c.last)]
            .into_iter()
            .flatten()
            .collect();
        // Japanese exports put the family name first; Western ones the given name.
        (!parts.is_empty()).then(|| parts.join(" "))
    });
    let identities: Vec<IdentityIn> = c
        .handles
        .iter()
        .filter_map(|(i, platform)| {
            cell(Some(*i)).map(|h| IdentityIn {
                platform: platform.clone(),
                handle: h.trim_start_matches('@').to_owned(),
                url: None,
                followers: None,
            })
        })
        .collect();
    let person = PersonIn {
        external_id: cell(c.external),
        display_name: full,
        name_reading: cell(c.reading),
        email: cell(c.email),
        phone: cell(c.phone),
        locale: None,
        country: cell(c.country),
        city: cell(c.city),
        joined_at: time(c.joined)?,
        tags: cell(c.tags).map(|t| split_list(&t)).unwrap_or_default(),
        identities,
    };
    if person.display_name.is_none() && person.email.is_none() && person.identities.is_empty() {
        return Err(fail(
            None,
            "the row has no name, email or handle".to_owned(),
        ));
    }
    let mut record = SourceRecord {
        line: row.line,
        person,
        ..SourceRecord::default()
    };
    if !registers {
        return Ok(record);
    }
    let event = match cell(c.event_title) {
        Some(title) => EventIn {
            external_id: cell(c.event_id),
            title,
            starts_at: time(c.event_start)?,
            ends_at: time(c.event_end)?,
            online: None,
            venue: cell(c.venue),
            url: None,
        },
        None => context.event.clone().unwrap_or_default(),
    };
    // An export that names its event but not when it starts takes the start given for it.
    let event = match (&context.event, event.starts_at) {
        (Some(given), None) => EventIn {
            starts_at: given.starts_at,
            ends_at: event.ends_at.or(given.ends_at),
            ..event
        },
        _ => event,
    };
    let checked_in_at = match (format, cell(c.checked_in)) {
        (_, None) => None,
        (_, Some(v))
            if ["yes", "true", "1", "済", "はい", "○"].contains(&v.to_lowercase().as_str()) =>
        {
            Some(None)
        }
        (_, Some(v))
            if ["no", "false", "0", "未", "いいえ"].contains(&v.to_lowercase().as_str()) =>
        {
            None
        }
        (_, Some(_)) => Some(time(c.checked_in)?),
    };
    let mut status = match cell(c.status) {
        None => AttendanceIn::Going,
        Some(word) => attendance(&word).ok_or_else(|| {
            fail(
                c.status,
                format!("\"{word}\" is not a registration status; use {STATUS_WORDS}"),
            )
        })?,
    };
    if checked_in_at.is_some() && status == AttendanceIn::Going {
        status = AttendanceIn::Attended;
    }
    let currency = cell(c.currency)
        .map(|s| s.to_uppercase())
        .filter(|s| s.len() == 3);
    let price_minor = match cell(c.price) {
        None => None,
        Some(p) => Some(
            parse_money(&p, currency.as_deref().unwrap_or("JPY"))
                .unwrap_or(Ok(0))
                .map_err(|m| fail(c.price, m))?,
        ),
    };
    record.event = Some(event);
    record.registration = Some(RegistrationIn {
        status,
        ticket_type: cell(c.ticket),
        price_minor,
        currency: currency.or_else(|| price_minor.map(|_| "JPY".to_owned())),
        registered_at: time(c.registered)?,
        checked_in_at: checked_in_at.flatten(),
    });
    Ok(record)
}
