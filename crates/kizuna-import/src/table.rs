//! Reading a file into a table of text cells with the line each row starts on: CSV/TSV in
//! UTF-8, UTF-8 with a BOM or Shift_JIS (CP932, detected or chosen), CRLF or LF, quoted cells
//! with line breaks; XLSX (first non-empty sheet). Every refusal says what and where.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

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
    #[error("the header names the column \"{0}\" twice")]
    DuplicateHeader(String),
    #[error("the header has an empty column name (column {0})")]
    EmptyHeader(usize),
    #[error("line {line} has {found} cells but the header has {expected}")]
    Ragged {
        line: u64,
        found: usize,
        expected: usize,
    },
    #[error("line {line}, column \"{column}\": the cell is larger than 64 KB")]
    HugeCell { line: u64, column: String },
    #[error("the file has more than 5,000,000 rows; split it")]
    TooManyRows,
    #[error("line {line}: {message}")]
    Csv { line: u64, message: String },
    #[error(
        "no column says who each row is (a name, email or handle); choose what each column holds"
    )]
    UnknownColumns,
    #[error("the spreadsheet cannot be read: {0}")]
    Spreadsheet(String),
}

fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
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
        None => TextEncoding::ShiftJis,
    };
    let line_of = |valid_up_to: usize| {
        1 + bytes[..valid_up_to.min(bytes.len())]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64
    };
    let text = match detected {
        TextEncoding::Utf8 | TextEncoding::Utf8Bom => {
            let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            std::str::from_utf8(body)
                .map_err(|e| FileError::Encoding {
                    line: line_of(e.valid_up_to()),
                    encoding: "UTF-8",
                })?
                .to_owned()
        }
        TextEncoding::ShiftJis => {
            let (text, had_errors) = encoding_rs::SHIFT_JIS
                .decode_without_bom_handling_and_without_replacement(bytes)
                .map_or((None, true), |t| (Some(t), false));
            match (text, had_errors) {
                (Some(text), false) => text.into_owned(),
                _ => {
                    // Find the first undecodable line to name it.
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
                    return Err(FileError::Encoding {
                        line,
                        encoding: "Shift_JIS",
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
    if is_zip(bytes) {
        return read_xlsx(bytes);
    }
    let (text, encoding) = decode(bytes, encoding)?;
    let first_line = text.lines().next().unwrap_or_default();
    let tsv = file_name.to_lowercase().ends_with(".tsv")
        || (first_line.contains('\t') && !first_line.contains(','));
    let mut table = read_delimited(&text, if tsv { b'\t' } else { b',' })?;
    table.encoding = Some(encoding);
    table.kind = if tsv { FileKind::Tsv } else { FileKind::Csv };
    Ok(table)
}

fn check_headers(headers: &[String]) -> Result<(), FileError> {
    for (i, h) in headers.iter().enumerate() {
        if h.is_empty() {
            return Err(FileError::EmptyHeader(i + 1));
        }
        if headers[..i]
            .iter()
            .any(|other| other.eq_ignore_ascii_case(h))
        {
            return Err(FileError::DuplicateHeader(h.clone()));
        }
    }
    Ok(())
}

fn read_delimited(text: &str, delimiter: u8) -> Result<RawTable, FileError> {
    // Line numbers are counted on the text itself: a row starts on the line after the
    // previous row's last line break (quoted cells may hold line breaks).
    let normalised = text.replace("\r\n", "\n");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(normalised.as_bytes());
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| FileError::Csv {
            line: e.position().map_or(0, |p| p.line()),
            message: e.to_string(),
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let cells: Vec<String> = record.iter().map(str::to_owned).collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        match &headers {
            None => {
                let names: Vec<String> = cells.iter().map(|c| c.trim().to_owned()).collect();
                check_headers(&names)?;
                headers = Some(names);
            }
            Some(names) => {
                if cells.len() > names.len()
                    && cells[names.len()..].iter().any(|c| !c.trim().is_empty())
                {
                    return Err(FileError::Ragged {
                        line,
                        found: cells.len(),
                        expected: names.len(),
                    });
                }
                push_row(&mut rows, names, line, cells)?;
            }
        }
    }
    // An unclosed quote swallows the rest of the file into one cell: say where it starts.
    if normalised.matches('"').count() % 2 == 1 {
        let line = rows.last().map_or(1, |r| r.line);
        return Err(FileError::Csv {
            line,
            message: "a quoted cell starts here and is never closed (a \" is missing)".to_owned(),
        });
    }
    finish(headers, rows)
}

fn push_row(
    rows: &mut Vec<RawRow>,
    headers: &[String],
    line: u64,
    mut cells: Vec<String>,
) -> Result<(), FileError> {
    if rows.len() >= MAX_ROWS {
        return Err(FileError::TooManyRows);
    }
    cells.resize(headers.len(), String::new());
    if let Some(i) = cells.iter().position(|c| c.len() > MAX_CELL_BYTES) {
        return Err(FileError::HugeCell {
            line,
            column: headers[i].clone(),
        });
    }
    rows.push(RawRow { line, cells });
    Ok(())
}

fn finish(headers: Option<Vec<String>>, rows: Vec<RawRow>) -> Result<RawTable, FileError> {
    let headers = headers.ok_or(FileError::Empty)?;
    if rows.is_empty() {
        return Err(FileError::NoRows);
    }
    Ok(RawTable {
        headers,
        rows,
        encoding: None,
        kind: FileKind::Csv,
    })
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d.as_datetime().map_or_else(
            || d.to_string(),
            |t| t.format("%Y-%m-%dT%H:%M:%S").to_string(),
        ),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

fn read_xlsx(bytes: &[u8]) -> Result<RawTable, FileError> {
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e: calamine::XlsxError| FileError::Spreadsheet(e.to_string()))?;
    let names = book.sheet_names().to_vec();
    for name in names {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| FileError::Spreadsheet(e.to_string()))?;
        if range.is_empty() {
            continue;
        }
        let first_row = range.start().map_or(0, |(r, _)| r);
        let mut headers: Option<Vec<String>> = None;
        let mut rows = Vec::new();
        for (i, row) in range.rows().enumerate() {
            let line = u64::from(first_row) + i as u64 + 1;
            let cells: Vec<String> = row.iter().map(cell_text).collect();
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            match &headers {
                None => {
                    let names: Vec<String> = cells.iter().map(|c| c.trim().to_owned()).collect();
                    let names: Vec<String> = {
                        let keep = names
                            .iter()
                            .rposition(|n| !n.is_empty())
                            .map_or(0, |p| p + 1);
                        names[..keep].to_vec()
                    };
                    check_headers(&names)?;
                    headers = Some(names);
                }
                Some(names) => {
                    let mut cells = cells;
                    cells.truncate(
                        names.len().max(
                            cells
                                .iter()
                                .rposition(|c| !c.is_empty())
                                .map_or(0, |p| p + 1),
                        ),
                    );
                    if cells.len() > names.len() {
                        return Err(FileError::Ragged {
                            line,
                            found: cells.len(),
                            expected: names.len(),
                        });
                    }
                    push_row(&mut rows, names, line, cells)?;
                }
            }
        }
        let mut table = finish(headers, rows)?;
        table.kind = FileKind::Xlsx;
        return Ok(table);
    }
    Err(FileError::Empty)
}
