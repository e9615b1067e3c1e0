//! Turning the lines a reader found into a table: the header checked, each line checked on its
//! own (a line with a problem is refused with its reason and the others are kept), columns
//! without a name dropped when they are empty.

use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use kizuna_core::Invalid;

use super::{FileError, FileKind, MAX_CELL_BYTES, MAX_ROWS, RawRow, RawTable};
use crate::record::RowError;

/// Cleans a cell: a byte-order mark inside the text (two files joined together) is dropped.
fn clean(cell: &mut String) {
    if cell.contains('\u{FEFF}') {
        *cell = cell.replace('\u{FEFF}', "");
    }
}

fn hash_of(cells: &[String]) -> u64 {
    let mut h = DefaultHasher::new();
    for c in cells {
        c.trim().hash(&mut h);
    }
    h.finish()
}

/// Collects the header and rows of one file.
pub struct TableBuilder {
    kind: FileKind,
    header_line: u64,
    headers: Vec<String>,
    has_header: bool,
    /// The first line after a one-column header had several cells.
    title_candidate: bool,
    rows: Vec<RawRow>,
    refused: Vec<RowError>,
    /// Row hashes, to find lines that repeat an earlier one exactly.
    seen: HashMap<u64, Vec<usize>>,
}

impl TableBuilder {
    pub fn new(kind: FileKind) -> Self {
        Self {
            kind,
            header_line: 1,
            headers: Vec::new(),
            has_header: false,
            title_candidate: false,
            rows: Vec::new(),
            refused: Vec::new(),
            seen: HashMap::new(),
        }
    }

    /// Takes a non-blank line: the first is the header, the others rows.
    pub fn line(&mut self, line: u64, cells: Vec<String>) -> Result<(), FileError> {
        if self.has_header {
            self.row(line, cells)
        } else {
            self.header(line, cells)
        }
    }

    /// Refuses a line for what its cell in column `index` (0-based) holds.
    pub fn refuse_cell(&mut self, line: u64, index: usize, why: Invalid) {
        self.refused.push(RowError {
            column: self.headers.get(index).filter(|n| !n.is_empty()).cloned(),
            ..RowError::refused(line, &why)
        });
    }

    /// Whether the header has been read.
    pub fn has_header(&self) -> bool {
        self.has_header
    }

    fn header(&mut self, line: u64, mut cells: Vec<String>) -> Result<(), FileError> {
        cells.iter_mut().for_each(clean);
        let mut names: Vec<String> = cells.iter().map(|c| c.trim().to_owned()).collect();
        // Excel writes empty cells after the last column; they are no columns.
        while names.last().is_some_and(String::is_empty) {
            names.pop();
        }
        for (i, name) in names.iter().enumerate() {
            if name.is_empty() {
                continue;
            }
            if let Some(first) = names[..i].iter().position(|o| o.eq_ignore_ascii_case(name)) {
                return Err(FileError::DuplicateHeader {
                    name: name.clone(),
                    first: first + 1,
                    second: i + 1,
                });
            }
        }
        self.header_line = line;
        self.headers = names;
        self.has_header = true;
        Ok(())
    }

    fn row(&mut self, line: u64, mut cells: Vec<String>) -> Result<(), FileError> {
        let names = &self.headers;
        let width = names.len();
        if self.rows.len() >= MAX_ROWS {
            return Err(FileError::TooManyRows);
        }
        cells.iter_mut().for_each(clean);
        let filled = cells.iter().filter(|c| !c.trim().is_empty()).count();
        if self.rows.is_empty() && self.refused.is_empty() && width == 1 && filled > 1 {
            // Decided at the end: a title line above the header leaves no line readable.
            self.title_candidate = true;
        }
        let mut refuse = |column: Option<&String>, why: Invalid| {
            self.refused.push(RowError {
                column: column.filter(|n| !n.is_empty()).cloned(),
                ..RowError::refused(line, &why)
            });
            Ok(())
        };
        if let Some(extra) = cells.iter().skip(width).find(|c| !c.trim().is_empty()) {
            return refuse(
                None,
                kizuna_core::invalid_reason!(
                    "importFiles.extraCells",
                    "the line has {cells} cells but the header names {width} columns; \"{extra}\" is not under any column (a separator too many, or a missing quote?)",
                    cells = cells.len(),
                    width,
                    extra = extra.trim().chars().take(40).collect::<String>()
                ),
            );
        }
        cells.resize(width, String::new());
        for (cell, name) in cells.iter().zip(names) {
            if cell.len() > MAX_CELL_BYTES {
                return refuse(
                    Some(name),
                    kizuna_core::invalid_reason!(
                        "importFiles.cellTooLarge",
                        "the cell holds {kb} KB of text; a cell may hold at most 64 KB",
                        kb = cell.len().div_ceil(1024)
                    ),
                );
            }
            if cell.contains('\0') {
                return refuse(
                    Some(name),
                    kizuna_core::invalid_reason!(
                        "importFiles.cellNul",
                        "the cell holds a NUL character; the file may be damaged"
                    ),
                );
            }
        }
        if cells
            .iter()
            .zip(names)
            .all(|(c, n)| c.trim().eq_ignore_ascii_case(n))
        {
            return refuse(
                None,
                kizuna_core::invalid_reason!(
                    "importFiles.headerRepeated",
                    "the line repeats the header (were two files joined together?); it is skipped"
                ),
            );
        }
        let hash = hash_of(&cells);
        let rows = &self.rows;
        let earlier = self.seen.get(&hash).and_then(|indexes| {
            indexes.iter().map(|i| &rows[*i]).find(|r| {
                r.cells
                    .iter()
                    .zip(&cells)
                    .all(|(a, b)| a.trim() == b.trim())
            })
        });
        if let Some(earlier) = earlier {
            let why = kizuna_core::invalid_reason!(
                "importFiles.lineRepeated",
                "the line repeats line {earlier} exactly; it is imported once",
                earlier = earlier.line
            );
            return refuse(None, why);
        }
        self.seen.entry(hash).or_default().push(self.rows.len());
        self.rows.push(RawRow { line, cells });
        Ok(())
    }

    /// The table, with columns that have no name and no values dropped.
    pub fn finish(self) -> Result<RawTable, FileError> {
        if !self.has_header {
            return Err(FileError::Empty);
        }
        if self.title_candidate && self.rows.is_empty() {
            return Err(FileError::TitleAboveHeader {
                line: self.header_line,
                text: self.headers[0].chars().take(60).collect(),
            });
        }
        let mut headers = self.headers;
        let mut rows = self.rows;
        if rows.is_empty() && self.refused.is_empty() {
            return Err(FileError::NoRows);
        }
        for column in (0..headers.len()).rev() {
            if !headers[column].is_empty() {
                continue;
            }
            if let Some(row) = rows.iter().find(|r| !r.cells[column].trim().is_empty()) {
                return Err(FileError::EmptyHeader {
                    column: column + 1,
                    line: row.line,
                });
            }
            headers.remove(column);
            for row in &mut rows {
                row.cells.remove(column);
            }
        }
        let mut refused = self.refused;
        refused.sort_by_key(|e| e.line);
        Ok(RawTable {
            headers,
            rows,
            refused,
            encoding: None,
            kind: self.kind,
        })
    }
}
