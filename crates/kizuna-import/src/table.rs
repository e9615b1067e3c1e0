//! Reading a file into a table of text cells with the line each row starts on: CSV/TSV (comma,
//! tab or semicolon) in UTF-8, UTF-8 with a BOM, Shift_JIS (CP932) or UTF-16, CRLF, LF or CR,
//! quoted cells with line breaks; XLSX (first non-empty sheet). A file that cannot be read at
//! all is refused with a [`FileError`] that says what and where; a line that cannot be read
//! (a cell too large, cells outside the header, …) is refused by itself and the other lines
//! are kept.

mod delimited;
mod rows;
mod xlsx;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::record::RowError;

/// The largest cell accepted, in bytes.
pub const MAX_CELL_BYTES: usize = 64 * 1024;
/// The most rows a file may have.
pub const MAX_ROWS: usize = 5_000_000;

/// How the file's text is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    /// Shift_JIS as Windows writes it (CP932), what Excel saves as "CSV" in Japan.
    ShiftJis,
    /// UTF-16 little-endian, what Excel saves as "Unicode text".
    Utf16Le,
    Utf16Be,
}

/// What kind of file it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    Csv,
    Tsv,
    Xlsx,
}

/// One data row and the line (row number in a spreadsheet) it starts on; the header is line 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RawRow {
    #[ts(type = "number")]
    pub line: u64,
    pub cells: Vec<String>,
}

/// A file read as a header and rows of text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RawTable {
    pub headers: Vec<String>,
    pub rows: Vec<RawRow>,
    /// Lines that could not be read as a row, each with why; the other lines are in `rows`.
    #[serde(default)]
    pub refused: Vec<RowError>,
    /// `None` for spreadsheets.
    pub encoding: Option<TextEncoding>,
    pub kind: FileKind,
}

/// Why a file cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("the file is empty")]
    Empty,
    #[error("the file has a header but no rows")]
    NoRows,
    #[error(
        "line {line} is not valid {encoding} text; choose the file's encoding (UTF-8 or Shift_JIS)"
    )]
    Encoding { line: u64, encoding: &'static str },
    #[error(
        "the file is {actual} text, not {chosen}; choose {actual} or let Kizuna detect the encoding"
    )]
    WrongEncoding {
        chosen: &'static str,
        actual: &'static str,
    },
    #[error(
        "line {line} is neither UTF-8 nor Shift_JIS text (the file may be damaged or saved in another encoding); save it as \"CSV UTF-8\" and import it again"
    )]
    UnknownEncoding { line: u64 },
    #[error("columns {first} and {second} are both named \"{name}\"; rename one of them")]
    DuplicateHeader {
        name: String,
        first: usize,
        second: usize,
    },
    #[error(
        "column {column} has no name in the header but holds values (the first on line {line}); name the column or delete it"
    )]
    EmptyHeader { column: usize, line: u64 },
    #[error(
        "line {line} (\"{text}\") looks like a title, not the header: the column names must be on the first line; delete the lines above them"
    )]
    TitleAboveHeader { line: u64, text: String },
    #[error("the file has more than 5,000,000 rows; split it")]
    TooManyRows,
    #[error("line {line}: {message}")]
    Csv { line: u64, message: String },
    #[error(
        "no column says who each row is (a name, email or handle); the columns are {columns}; choose what each column holds"
    )]
    UnknownColumns { columns: String },
    #[error(
        "the file is {what}, not a CSV, TSV or Excel (.xlsx) file; export the list as CSV UTF-8 or .xlsx"
    )]
    NotATable { what: &'static str },
    #[error(
        "the file is an old-format (.xls) or password-protected Excel workbook; open it in Excel or LibreOffice, remove any password and save it as .xlsx or CSV UTF-8"
    )]
    OldExcel,
    #[error(
        "the file is a ZIP archive but not an Excel workbook (.xlsx); unzip it first, or export the list as CSV"
    )]
    NotAWorkbook,
    #[error("the Excel workbook cannot be read (it may be damaged): {0}")]
    Spreadsheet(String),
}

impl FileError {
    /// The refusal for a header whose columns name nobody.
    pub fn unknown_columns(headers: &[String]) -> Self {
        let mut columns: Vec<String> = headers.iter().take(8).map(|h| format!("\"{h}\"")).collect();
        if headers.len() > 8 {
            columns.push(format!("and {} more", headers.len() - 8));
        }
        FileError::UnknownColumns {
            columns: columns.join(", "),
        }
    }
}

/// What the first bytes say the file is, before it is read as text.
enum Sniffed {
    Zip,
    Text,
    Utf16 { little_endian: bool, bom: bool },
}

fn sniff(bytes: &[u8]) -> Result<Sniffed, FileError> {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(b"PK\x03\x04") || starts(b"PK\x05\x06") || starts(b"PK\x07\x08") {
        return Ok(Sniffed::Zip);
    }
    if starts(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Err(FileError::OldExcel);
    }
    let not_a_table = |what| Err(FileError::NotATable { what });
    if starts(b"%PDF") {
        return not_a_table("a PDF document");
    }
    if starts(b"\x89PNG") || starts(b"\xFF\xD8\xFF") || starts(b"GIF8") {
        return not_a_table("an image");
    }
    if starts(b"\xFF\xFE") || starts(b"\xFE\xFF") {
        return Ok(Sniffed::Utf16 {
            little_endian: starts(b"\xFF\xFE"),
            bom: true,
        });
    }
    // UTF-16 without a BOM: every other byte of the first line is zero.
    let head = &bytes[..bytes.len().min(512)];
    let zeros_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    if head.len() >= 8 && zeros_at(1) * 10 >= head.len() * 4 && zeros_at(0) == 0 {
        return Ok(Sniffed::Utf16 {
            little_endian: true,
            bom: false,
        });
    }
    if head.len() >= 8 && zeros_at(0) * 10 >= head.len() * 4 && zeros_at(1) == 0 {
        return Ok(Sniffed::Utf16 {
            little_endian: false,
            bom: false,
        });
    }
    let start: String = String::from_utf8_lossy(&head[..head.len().min(64)])
        .trim_start_matches('\u{FEFF}')
        .trim_start()
        .to_lowercase();
    if ["<!doctype html", "<html", "<table", "<?xml"]
        .iter()
        .any(|tag| start.starts_with(tag))
    {
        return not_a_table("a web page or XML document");
    }
    Ok(Sniffed::Text)
}

fn line_of(bytes: &[u8], offset: usize) -> u64 {
    1 + bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count() as u64
}

/// The first line Shift_JIS cannot decode, if any.
fn shift_jis_error_line(bytes: &[u8]) -> Option<u64> {
    encoding_rs::SHIFT_JIS
        .decode_without_bom_handling_and_without_replacement(bytes)
        .is_none()
        .then(|| {
            let mut line = 1;
            for chunk in bytes.split(|b| *b == b'\n') {
                if encoding_rs::SHIFT_JIS
                    .decode_without_bom_handling_and_without_replacement(chunk)
                    .is_none()
                {
                    break;
                }
                line += 1;
            }
            line
        })
}

/// The text of `bytes`: with `encoding` as given, else detected (BOM, valid UTF-8, Shift_JIS).
pub fn decode(
    bytes: &[u8],
    encoding: Option<TextEncoding>,
) -> Result<(String, TextEncoding), FileError> {
    let detected = match encoding {
        Some(e) => e,
        None if bytes.starts_with(b"\xEF\xBB\xBF") => TextEncoding::Utf8Bom,
        None if std::str::from_utf8(bytes).is_ok() => TextEncoding::Utf8,
        None => {
            let utf8_line = std::str::from_utf8(bytes)
                .err()
                .map_or(1, |e| line_of(bytes, e.valid_up_to()));
            return match shift_jis_error_line(bytes) {
                None => decode(bytes, Some(TextEncoding::ShiftJis)),
                Some(sjis_line) => Err(FileError::UnknownEncoding {
                    line: utf8_line.max(sjis_line),
                }),
            };
        }
    };
    let text = match detected {
        TextEncoding::Utf8 | TextEncoding::Utf8Bom => {
            let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            std::str::from_utf8(body)
                .map_err(|e| FileError::Encoding {
                    line: line_of(body, e.valid_up_to()),
                    encoding: "UTF-8",
                })?
                .to_owned()
        }
        TextEncoding::ShiftJis => {
            // Japanese UTF-8 text also decodes as (garbled) Shift_JIS; it is never both.
            if !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() {
                return Err(FileError::WrongEncoding {
                    chosen: "Shift_JIS",
                    actual: "UTF-8",
                });
            }
            if let Some(line) = shift_jis_error_line(bytes) {
                return Err(FileError::Encoding {
                    line,
                    encoding: "Shift_JIS",
                });
            }
            encoding_rs::SHIFT_JIS
                .decode_without_bom_handling(bytes)
                .0
                .into_owned()
        }
        TextEncoding::Utf16Le | TextEncoding::Utf16Be => {
            let (codec, bom): (&'static encoding_rs::Encoding, &[u8]) =
                if detected == TextEncoding::Utf16Le {
                    (encoding_rs::UTF_16LE, b"\xFF\xFE")
                } else {
                    (encoding_rs::UTF_16BE, b"\xFE\xFF")
                };
            let body = bytes.strip_prefix(bom).unwrap_or(bytes);
            match codec.decode_without_bom_handling_and_without_replacement(body) {
                Some(text) => text.into_owned(),
                None => {
                    return Err(FileError::Encoding {
                        line: 1,
                        encoding: "UTF-16",
                    });
                }
            }
        }
    };
    Ok((text, detected))
}

/// Reads a CSV, TSV or XLSX file (kind from its bytes and name).
pub fn read_table(
    bytes: &[u8],
    file_name: &str,
    encoding: Option<TextEncoding>,
) -> Result<RawTable, FileError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(FileError::Empty);
    }
    let encoding = match (sniff(bytes)?, encoding) {
        (Sniffed::Zip, _) => return xlsx::read(bytes),
        (Sniffed::Utf16 { little_endian, .. }, None) => Some(if little_endian {
            TextEncoding::Utf16Le
        } else {
            TextEncoding::Utf16Be
        }),
        (Sniffed::Utf16 { bom: true, .. }, Some(TextEncoding::Utf8 | TextEncoding::Utf8Bom)) => {
            // The BOM is certain; a UTF-8 choice would only produce an error.
            Some(if bytes.starts_with(b"\xFF\xFE") {
                TextEncoding::Utf16Le
            } else {
                TextEncoding::Utf16Be
            })
        }
        (_, chosen) => chosen,
    };
    let (text, encoding) = decode(bytes, encoding)?;
    if text.trim_start_matches('\u{FEFF}').trim().is_empty() {
        return Err(FileError::Empty);
    }
    let mut table = delimited::read(&text, file_name)?;
    table.encoding = Some(encoding);
    Ok(table)
}
