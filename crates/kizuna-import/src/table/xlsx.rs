//! Excel workbooks (.xlsx): the first sheet with anything in it, row numbers as Excel shows
//! them, dates as ISO text, and a cell showing an Excel error refusing its line.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::rows::TableBuilder;
use super::{FileError, FileKind, RawTable};

/// The text of a cell, or the Excel error it shows.
fn cell_text(cell: &Data) -> Result<String, String> {
    Ok(match cell {
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
        Data::Error(e) => return Err(e.to_string()),
    })
}

/// Reads the first non-empty sheet of a workbook. A garbled cell reference makes calamine
/// overflow an integer (a panic in debug builds, found by `tests/fuzz_xlsx.rs`): that file is
/// damaged too, and is refused like any other damaged workbook.
pub fn read(bytes: &[u8]) -> Result<RawTable, FileError> {
    std::panic::catch_unwind(|| read_first_sheet(bytes)).unwrap_or_else(|_| {
        Err(FileError::Spreadsheet(
            "a cell reference in it is garbled".to_owned(),
        ))
    })
}

fn read_first_sheet(bytes: &[u8]) -> Result<RawTable, FileError> {
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e: calamine::XlsxError| {
            // The names of a ZIP's files are stored as plain text in it.
            if bytes.windows(15).any(|w| w == b"xl/workbook.xml") {
                FileError::Spreadsheet(e.to_string())
            } else {
                FileError::NotAWorkbook
            }
        })?;
    let names = book.sheet_names().to_vec();
    for name in names {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| FileError::Spreadsheet(e.to_string()))?;
        if range.is_empty() {
            continue;
        }
        let first_row = range.start().map_or(0, |(r, _)| r);
        let mut table = TableBuilder::new(FileKind::Xlsx);
        for (i, row) in range.rows().enumerate() {
            let line = u64::from(first_row) + i as u64 + 1;
            let mut cells = Vec::with_capacity(row.len());
            let mut shown_error = None;
            for (col, cell) in row.iter().enumerate() {
                match cell_text(cell) {
                    Ok(text) => cells.push(text),
                    Err(error) => {
                        shown_error.get_or_insert((col, error));
                        cells.push(String::new());
                    }
                }
            }
            if let Some((col, error)) = shown_error
                && table.has_header()
            {
                let why = kizuna_core::invalid_reason!(
                    "importFiles.excelError",
                    "the cell shows the Excel error {error}; fix the formula or clear the cell",
                    error
                );
                table.refuse_cell(line, col, why);
                continue;
            }
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            table.line(line, cells)?;
        }
        return table.finish();
    }
    Err(FileError::Empty)
}
