//! Fuzzing the XLSX reader: random workbooks (headers, text, numbers, dates, formulas, blank
//! rows) read whole, and the same files with bytes flipped, overwritten or cut off. Every file
//! is either read or refused with a `FileError` that says why — never a panic.
//!
//! Bounded in CI (300 cases per target); `KIZUNA_FUZZ_CASES` runs more.

use std::cell::Cell;

use kizuna_import::formats::{FileOptions, MapContext, batch_from_file};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

fn cases() -> u32 {
    std::env::var("KIZUNA_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300)
}

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    })
}

fn options() -> FileOptions {
    FileOptions {
        encoding: None,
        format: None,
        mapping: None,
        context: MapContext {
            time_zone: "Asia/Tokyo".to_owned(),
            event: None,
        },
    }
}

#[derive(Debug, Clone)]
enum CellValue {
    Text(String),
    Number(f64),
    Date(u16, u8, u8),
    Formula(String),
    Blank,
}

fn cell() -> impl Strategy<Value = CellValue> {
    prop_oneof![
        ".{0,24}".prop_map(CellValue::Text),
        prop::sample::select(
            &[
                "aiko@example.jp",
                "not-an-email",
                "approved",
                "参加",
                "=cmd|' /c calc'!A1",
                ""
            ][..]
        )
        .prop_map(|s| CellValue::Text(s.to_owned())),
        (-1e9f64..1e9).prop_map(CellValue::Number),
        (1900u16..2100, 1u8..13, 1u8..29).prop_map(|(y, m, d)| CellValue::Date(y, m, d)),
        prop::sample::select(&["=1/0", "=A1", "=NOW()", "=\"a\"&\"b\""][..])
            .prop_map(|f| CellValue::Formula(f.to_owned())),
        Just(CellValue::Blank),
    ]
}

const HEADERS: &[&str] = &[
    "name",
    "email",
    "氏名",
    "メールアドレス",
    "status",
    "approval_status",
    "api_id",
    "phone",
    "created_at",
    "",
    "name",
];

/// A workbook: a header row (sometimes none), then rows of random cells.
fn workbook() -> impl Strategy<Value = Vec<u8>> {
    (
        prop::collection::vec(prop::sample::select(HEADERS), 0..6),
        prop::collection::vec(prop::collection::vec(cell(), 0..6), 0..8),
    )
        .prop_map(|(headers, rows)| {
            let mut book = Workbook::new();
            let sheet = book.add_worksheet();
            let date = Format::new().set_num_format("yyyy-mm-dd");
            for (col, header) in headers.iter().enumerate() {
                sheet.write_string(0, col as u16, *header).expect("header");
            }
            for (r, row) in rows.iter().enumerate() {
                let r = r as u32 + 1;
                for (c, value) in row.iter().enumerate() {
                    let c = c as u16;
                    let written = match value {
                        CellValue::Text(t) => sheet.write_string(r, c, t).map(drop),
                        CellValue::Number(n) => sheet.write_number(r, c, *n).map(drop),
                        CellValue::Date(y, m, d) => {
                            let when = ExcelDateTime::from_ymd(*y, *m, *d).expect("date");
                            sheet
                                .write_datetime_with_format(r, c, &when, &date)
                                .map(drop)
                        }
                        CellValue::Formula(f) => sheet.write_formula(r, c, f.as_str()).map(drop),
                        CellValue::Blank => Ok(()),
                    };
                    written.expect("cell");
                }
            }
            book.save_to_buffer().expect("xlsx")
        })
}

/// How a good file gets damaged.
#[derive(Debug, Clone)]
enum Damage {
    Flip(Vec<(usize, u8)>),
    Overwrite(usize, Vec<u8>),
    Cut(usize),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        prop::collection::vec((any::<usize>(), any::<u8>()), 1..9).prop_map(Damage::Flip),
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..64))
            .prop_map(|(at, b)| Damage::Overwrite(at, b)),
        any::<usize>().prop_map(Damage::Cut),
    ]
}

fn damaged(mut bytes: Vec<u8>, how: &Damage) -> Vec<u8> {
    let len = bytes.len().max(1);
    match how {
        Damage::Flip(flips) => {
            for (at, with) in flips {
                if let Some(b) = bytes.get_mut(at % len) {
                    *b ^= with | 1;
                }
            }
        }
        Damage::Overwrite(at, with) => {
            for (i, b) in with.iter().enumerate() {
                if let Some(slot) = bytes.get_mut((at % len) + i) {
                    *slot = *b;
                }
            }
        }
        Damage::Cut(at) => bytes.truncate(at % len),
    }
    bytes
}

/// Reads `bytes` as an .xlsx; counts files that read.
fn check(bytes: &[u8], read: &Cell<u64>) -> Result<(), TestCaseError> {
    match batch_from_file(bytes, "guests.xlsx", &options()) {
        Ok(batch) => {
            read.set(read.get() + 1);
            prop_assert!(!batch.headers.is_empty());
            Ok(())
        }
        Err(e) => {
            prop_assert!(!e.to_string().is_empty());
            Ok(())
        }
    }
}

#[test]
fn random_workbooks_are_read_or_refused_with_a_reason() {
    let (runs, read) = (Cell::new(0u64), Cell::new(0u64));
    runner()
        .run(&workbook(), |bytes| {
            runs.set(runs.get() + 1);
            check(&bytes, &read)
        })
        .unwrap_or_else(|e| panic!("{e}"));
    eprintln!(
        "fuzz xlsx workbooks: {} executions, {} read",
        runs.get(),
        read.get()
    );
}

#[test]
fn damaged_workbooks_are_refused_with_a_reason() {
    let (runs, read) = (Cell::new(0u64), Cell::new(0u64));
    runner()
        .run(&(workbook(), damage()), |(bytes, how)| {
            runs.set(runs.get() + 1);
            check(&damaged(bytes, &how), &read)
        })
        .unwrap_or_else(|e| panic!("{e}"));
    eprintln!(
        "fuzz xlsx damaged: {} executions, {} still read",
        runs.get(),
        read.get()
    );
}

/// Found by `damaged_workbooks_are_refused_with_a_reason` (four flipped bytes garbled a sheet's
/// cell reference): calamine overflows on a reference like `A1:ZZZZZZZZZZ2`, the sheet range in
/// this fixture, which panicked in debug builds.
#[test]
fn a_workbook_with_a_garbled_cell_reference_is_refused_not_a_crash() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/garbled_dimension.xlsx"
    ))
    .expect("fixture");
    let err = batch_from_file(&bytes, "guests.xlsx", &options()).expect_err("refused");
    assert_eq!(
        err.to_string(),
        "the Excel workbook cannot be read (it may be damaged): a cell reference in it is garbled"
    );
}
