//! CSV and TSV text: the separator (comma, tab or semicolon) from the name and first line, line
//! endings of any kind, line numbers counted on the text itself (a quoted cell may hold line
//! breaks, so a row starts on the line after the previous row's last line break).

use std::borrow::Cow;

use super::rows::TableBuilder;
use super::{FileError, FileKind, RawTable};

/// The separator the first line uses, counted outside quotes.
fn separator(text: &str, file_name: &str) -> u8 {
    if file_name.to_lowercase().ends_with(".tsv") {
        return b'\t';
    }
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in first.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            '\t' if !quoted => counts[1] += 1,
            ';' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    match counts {
        [0, 0, s] if s > 0 => b';',
        [c, t, _] if t > c => b'\t',
        _ => b',',
    }
}

/// Where a quoted cell opens and is never closed (it would swallow the rest of the file).
fn unclosed_quote(text: &str, separator: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut in_quote = false;
    let mut field_start = true;
    let mut opened = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if in_quote {
            if b == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    in_quote = false;
                }
            }
        } else if b == b'"' && field_start {
            in_quote = true;
            opened = i;
        } else {
            field_start = b == separator || b == b'\n';
            i += 1;
            continue;
        }
        field_start = false;
        i += 1;
    }
    in_quote.then_some(opened)
}

/// Reads delimited text into a table.
pub fn read(text: &str, file_name: &str) -> Result<RawTable, FileError> {
    let normalised = if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    };
    let separator = separator(&normalised, file_name);
    if let Some(at) = unclosed_quote(&normalised, separator) {
        let line = 1 + normalised[..at].matches('\n').count() as u64;
        return Err(FileError::Csv {
            line,
            message: "a quoted cell starts here and its closing \" is missing, so the rest of the file would be read as one cell; add the missing \"".to_owned(),
        });
    }
    let kind = if separator == b'\t' {
        FileKind::Tsv
    } else {
        FileKind::Csv
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .flexible(true)
        .has_headers(false)
        .from_reader(normalised.as_bytes());
    let mut table = TableBuilder::new(kind);
    for record in reader.records() {
        let record = record.map_err(|e| FileError::Csv {
            line: e.position().map_or(0, |p| p.line()),
            message: e.to_string(),
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let cells: Vec<String> = record.iter().map(str::to_owned).collect();
        if cells.iter().all(|c| {
            c.trim_matches(|ch: char| ch.is_whitespace() || ch == '\u{FEFF}')
                .is_empty()
        }) {
            continue;
        }
        table.line(line, cells)?;
    }
    table.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_separator_is_read_from_the_first_line() {
        assert_eq!(separator("name,email\n", "x.csv"), b',');
        assert_eq!(separator("name\temail\n", "x.csv"), b'\t');
        assert_eq!(separator("name;email\n", "x.csv"), b';');
        assert_eq!(separator("\"a;b\",c\n", "x.csv"), b',');
        assert_eq!(separator("name,email\n", "x.tsv"), b'\t');
    }

    #[test]
    fn a_quote_inside_a_plain_cell_is_not_an_opening_quote() {
        assert_eq!(unclosed_quote("name,note\nA,5\" tall\n", b','), None);
        assert_eq!(unclosed_quote("a,\"b\"\"c\"\n", b','), None);
        assert_eq!(unclosed_quote("a\n\"open\nB\n", b','), Some(2));
    }
}
