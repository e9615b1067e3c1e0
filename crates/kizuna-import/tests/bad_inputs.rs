//! The files and lines managers really bring, and what Kizuna says about each: a file that
//! cannot be read at all is refused with one message; a line that cannot be read is refused by
//! itself — line, column and what is wrong — and the good lines are kept.

use kizuna_import::formats::{FileBatch, FileOptions, MapContext, batch_from_file};
use kizuna_import::record::EventIn;
use kizuna_import::table::TextEncoding;

/// What a case should come to.
enum Expected {
    /// The whole file is refused with this message.
    Refused(&'static str),
    /// The file reads: `kept` lines become records, and these (line, column, message) are
    /// refused.
    Lines {
        kept: usize,
        refused: Vec<(u64, Option<&'static str>, String)>,
    },
}

struct Case {
    what: &'static str,
    file_name: &'static str,
    bytes: Vec<u8>,
    encoding: Option<TextEncoding>,
    expected: Expected,
    /// The display names the kept records must have, in order (empty: not checked).
    names: Vec<&'static str>,
}

fn refused(what: &'static str, bytes: impl Into<Vec<u8>>, message: &'static str) -> Case {
    Case {
        what,
        file_name: "guests.csv",
        bytes: bytes.into(),
        encoding: None,
        expected: Expected::Refused(message),
        names: Vec::new(),
    }
}

fn lines(
    what: &'static str,
    bytes: impl Into<Vec<u8>>,
    kept: usize,
    bad: &[(u64, Option<&'static str>, &str)],
) -> Case {
    Case {
        what,
        file_name: "guests.csv",
        bytes: bytes.into(),
        encoding: None,
        expected: Expected::Lines {
            kept,
            refused: bad
                .iter()
                .map(|(l, c, m)| (*l, *c, (*m).to_owned()))
                .collect(),
        },
        names: Vec::new(),
    }
}

/// A file with one good line (Aiko) and one line whose `column` holds `value`.
fn one_bad_cell(what: &'static str, column: &'static str, value: &str, message: &str) -> Case {
    let text = format!(
        "name,email,ticket,{column}\nAiko Sato,aiko@example.jp,General,\nBen Ito,ben@example.jp,General,\"{value}\"\n"
    );
    lines(what, text, 1, &[(3, Some(column), message)])
}

fn named(mut case: Case, names: &[&'static str]) -> Case {
    case.names = names.to_vec();
    case
}

fn with_encoding(mut case: Case, encoding: TextEncoding) -> Case {
    case.encoding = Some(encoding);
    case
}

fn with_name(mut case: Case, file_name: &'static str) -> Case {
    case.file_name = file_name;
    case
}

/// A ZIP archive holding one empty `notes.txt` (stored, so its CRC is 0).
fn zip_of_notes() -> Vec<u8> {
    let name = b"notes.txt";
    let mut zip = Vec::new();
    let u16le = |v: u16| v.to_le_bytes();
    let u32le = |v: u32| v.to_le_bytes();
    zip.extend_from_slice(b"PK\x03\x04");
    for v in [20u16, 0, 0, 0, 0] {
        zip.extend_from_slice(&u16le(v));
    }
    for v in [0u32, 0, 0] {
        zip.extend_from_slice(&u32le(v));
    }
    zip.extend_from_slice(&u16le(name.len() as u16));
    zip.extend_from_slice(&u16le(0));
    zip.extend_from_slice(name);
    let directory_at = zip.len() as u32;
    zip.extend_from_slice(b"PK\x01\x02");
    for v in [20u16, 20, 0, 0, 0, 0] {
        zip.extend_from_slice(&u16le(v));
    }
    for v in [0u32, 0, 0] {
        zip.extend_from_slice(&u32le(v));
    }
    for v in [name.len() as u16, 0, 0, 0, 0] {
        zip.extend_from_slice(&u16le(v));
    }
    zip.extend_from_slice(&u32le(0));
    zip.extend_from_slice(&u32le(0));
    zip.extend_from_slice(name);
    let directory_size = zip.len() as u32 - directory_at;
    zip.extend_from_slice(b"PK\x05\x06");
    for v in [0u16, 0, 1, 1] {
        zip.extend_from_slice(&u16le(v));
    }
    zip.extend_from_slice(&u32le(directory_size));
    zip.extend_from_slice(&u32le(directory_at));
    zip.extend_from_slice(&u16le(0));
    zip
}

/// A workbook whose second person's total shows Excel's #DIV/0!.
fn workbook_with_an_error_cell() -> Vec<u8> {
    use rust_xlsxwriter::{Formula, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (col, header) in ["name", "email", "total"].iter().enumerate() {
        sheet.write_string(0, col as u16, *header).expect("header");
    }
    sheet.write_string(1, 0, "Aiko Sato").expect("name");
    sheet.write_string(1, 1, "aiko@example.jp").expect("email");
    sheet.write_number(1, 2, 3).expect("total");
    sheet.write_string(2, 0, "Ben Ito").expect("name");
    sheet.write_string(2, 1, "ben@example.jp").expect("email");
    sheet
        .write_formula(2, 2, Formula::new("=1/0").set_result("#DIV/0!"))
        .expect("formula");
    book.save_to_buffer().expect("xlsx")
}

fn utf16le(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    bytes
}

const NOT_A_DATE_HINT: &str = "write it like 2026-10-01 or 2026-10-01 19:00";

fn cases() -> Vec<Case> {
    let sjis = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/connpass_style_sjis.csv"
    ))
    .expect("fixture");
    let huge = format!(
        "name,note\nAiko Sato,{}\nBen Ito,short\n",
        "x".repeat(2 * 1024 * 1024)
    );
    let date = |value: &str| format!("\"{value}\" is not a date or time; {NOT_A_DATE_HINT}");
    vec![
        // Whole files that cannot be read.
        refused("a 0-byte file", "", "the file is empty"),
        refused("only blank lines", "\n\n\r\n   \n", "the file is empty"),
        refused("only a BOM", "\u{FEFF}", "the file is empty"),
        refused(
            "a header only",
            "name,email\n",
            "the file has a header but no rows",
        ),
        refused(
            "a header and lines of empty cells",
            "name,email\n\n,\n ,  \n",
            "the file has a header but no rows",
        ),
        with_encoding(
            refused(
                "Shift_JIS read as UTF-8",
                sjis.clone(),
                "line 1 is not valid UTF-8 text; choose the file's encoding (UTF-8 or Shift_JIS)",
            ),
            TextEncoding::Utf8,
        ),
        with_encoding(
            refused(
                "Japanese UTF-8 read as Shift_JIS",
                "氏名,メールアドレス\n山田 太郎,taro@example.jp\n",
                "the file is UTF-8 text, not Shift_JIS; choose UTF-8 or let Kizuna detect the encoding",
            ),
            TextEncoding::ShiftJis,
        ),
        refused(
            "damaged text that is neither UTF-8 nor Shift_JIS",
            b"name,email\nAiko,aiko@example.jp\nBen \xFF\xFE\xFD,ben@example.jp\n".to_vec(),
            "line 3 is neither UTF-8 nor Shift_JIS text (the file may be damaged or saved in another encoding); save it as \"CSV UTF-8\" and import it again",
        ),
        refused(
            "no column names a person",
            "company,notes\nKizuna Coffee,regular order\n",
            "no column says who each row is (a name, email or handle); the columns are \"company\", \"notes\"; choose what each column holds",
        ),
        refused(
            "duplicate headers",
            "name,email,Email\nAiko,aiko@example.jp,aiko@example.jp\n",
            "columns 2 and 3 are both named \"Email\"; rename one of them",
        ),
        refused(
            "an unnamed column that holds values",
            "name,,email\nAiko,VIP,aiko@example.jp\n",
            "column 2 has no name in the header but holds values (the first on line 2); name the column or delete it",
        ),
        refused(
            "a title line above the header",
            "Guest list for October\nname,email\nAiko,aiko@example.jp\nBen,ben@example.jp\n",
            "line 1 (\"Guest list for October\") looks like a title, not the header: the column names must be on the first line; delete the lines above them",
        ),
        refused(
            "an unclosed quote",
            "name,note\nAiko,fine\nBen,\"starts here\nChie,never closed\n",
            "line 3: a quoted cell starts here and its closing \" is missing, so the rest of the file would be read as one cell; add the missing \"",
        ),
        with_name(
            refused(
                "a ZIP that is not a workbook",
                zip_of_notes(),
                "the file is a ZIP archive but not an Excel workbook (.xlsx); unzip it first, or export the list as CSV",
            ),
            "guests.xlsx",
        ),
        with_name(
            refused(
                "an old Excel workbook",
                [
                    b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".as_slice(),
                    &[0u8; 504][..],
                ]
                .concat(),
                "the file is an old-format (.xls) or password-protected Excel workbook; open it in Excel or LibreOffice, remove any password and save it as .xlsx or CSV UTF-8",
            ),
            "guests.xls",
        ),
        refused(
            "a PDF",
            "%PDF-1.7\n%âãÏÓ\n1 0 obj\n",
            "the file is a PDF document, not a CSV, TSV or Excel (.xlsx) file; export the list as CSV UTF-8 or .xlsx",
        ),
        with_name(
            refused(
                "a web page saved as .xls",
                "<html><body><table><tr><td>name</td></tr></table></body></html>",
                "the file is a web page or XML document, not a CSV, TSV or Excel (.xlsx) file; export the list as CSV UTF-8 or .xlsx",
            ),
            "guests.xls",
        ),
        // Files that read, with the lines that cannot be used named one by one.
        lines(
            "UTF-16 (Excel's Unicode text) with tabs",
            utf16le("name\temail\r\nAiko\taiko@example.jp\r\nBen\tben@example.jp\r\n"),
            2,
            &[],
        ),
        lines(
            "semicolons as separators",
            "name;email\nAiko;aiko@example.jp\n",
            1,
            &[],
        ),
        lines(
            "old Mac line endings (CR only)",
            "name,email\rAiko,aiko@example.jp\rBen,ben@example.jp\r",
            2,
            &[],
        ),
        lines(
            "unnamed empty columns after the last (Excel's trailing commas)",
            "name,email,,\nAiko,aiko@example.jp,,\n",
            1,
            &[],
        ),
        lines(
            "a short row",
            "name,email,city\nAiko,aiko@example.jp\n",
            1,
            &[],
        ),
        lines(
            "a ragged row",
            "name,email\nAiko,aiko@example.jp\nBen,ben@example.jp,extra\nChie,chie@example.jp\n",
            2,
            &[(
                3,
                None,
                "the line has 3 cells but the header names 2 columns; \"extra\" is not under any column (a separator too many, or a missing quote?)",
            )],
        ),
        lines(
            "a quote inside a plain cell",
            "name,note\nAiko,5\" tall\n",
            1,
            &[],
        ),
        lines(
            "a 2 MB cell",
            huge,
            1,
            &[(
                2,
                Some("note"),
                "the cell holds 2048 KB of text; a cell may hold at most 64 KB",
            )],
        ),
        with_name(
            lines(
                "an Excel error cell",
                workbook_with_an_error_cell(),
                1,
                &[(
                    3,
                    Some("total"),
                    "the cell shows the Excel error #DIV/0!; fix the formula or clear the cell",
                )],
            ),
            "guests.xlsx",
        ),
        lines(
            "a NUL byte",
            "name,email\nAi\0ko,aiko@example.jp\nBen,ben@example.jp\n",
            1,
            &[(
                2,
                Some("name"),
                "the cell holds a NUL character; the file may be damaged",
            )],
        ),
        named(
            lines(
                "a BOM in the middle (two files joined)",
                "\u{FEFF}name,email\nAiko,aiko@example.jp\n\u{FEFF}name,email\nBen,ben@example.jp\n",
                2,
                &[(
                    3,
                    None,
                    "the line repeats the header (were two files joined together?); it is skipped",
                )],
            ),
            &["Aiko", "Ben"],
        ),
        named(
            lines(
                "a BOM inside a cell",
                "name,email\n\u{FEFF}Aiko,aiko@example.jp\n",
                1,
                &[],
            ),
            &["Aiko"],
        ),
        lines(
            "the same line twice",
            "name,email\nAiko,aiko@example.jp\nAiko,aiko@example.jp\n",
            1,
            &[(
                3,
                None,
                "the line repeats line 2 exactly; it is imported once",
            )],
        ),
        lines(
            "a line with nobody on it",
            "name,email,city\nAiko,aiko@example.jp,Tokyo\n,,Osaka\n",
            1,
            &[(3, None, "the row has no name, email or handle")],
        ),
        named(
            lines(
                "formula-looking names kept as text",
                "name,email\n=cmd|' /C calc'!A0,a@example.jp\n+SUM(1),b@example.jp\n@x,c@example.jp\n-2+3,d@example.jp\n",
                4,
                &[],
            ),
            &["=cmd|' /C calc'!A0", "+SUM(1)", "@x", "-2+3"],
        ),
        with_name(
            lines(
                "a CSV saved with an .xlsx name",
                "name,email\nAiko,aiko@example.jp\n",
                1,
                &[],
            ),
            "guests.xlsx",
        ),
        lines(
            "an email without @",
            "name,email\nAiko,aiko.example.jp\nBen,ben@example.jp\n",
            1,
            &[(
                2,
                Some("email"),
                "\"aiko.example.jp\" is not a valid email address",
            )],
        ),
        named(
            lines(
                "a full-width email",
                "name,email\nAiko,ａｉｋｏ＠example.jp\n",
                1,
                &[],
            ),
            &["Aiko"],
        ),
        one_bad_cell(
            "a status word nobody knows",
            "status",
            "perhaps",
            "\"perhaps\" is not a registration status; use attending, checked in, cancelled, waitlist, no-show (or 参加, 出席, キャンセル, 補欠, 欠席)",
        ),
        one_bad_cell(
            "a check-in mark nobody knows",
            "checked in",
            "maybe",
            "\"maybe\" does not say whether they came; use yes or no (済 / 未, 出席 / 欠席) or the check-in time",
        ),
        one_bad_cell(
            "a date that is no date",
            "registered at",
            "soon",
            &date("soon"),
        ),
        one_bad_cell(
            "30 February",
            "registered at",
            "2026-02-30",
            "\"2026-02-30\" is not a real date: that month has no day 30",
        ),
        one_bad_cell(
            "31 April, Japanese style",
            "registered at",
            "2026年4月31日",
            "\"2026年4月31日\" is not a real date: that month has no day 31",
        ),
        one_bad_cell(
            "a two-digit year",
            "registered at",
            "10/01/26",
            "\"10/01/26\" has a two-digit year; write the year in full, like 2026-10-01",
        ),
        one_bad_cell(
            "day before month",
            "registered at",
            "31/12/2026",
            &format!("\"31/12/2026\" has no month 31 (months are 1 to 12); {NOT_A_DATE_HINT}"),
        ),
        one_bad_cell(
            "hour 25",
            "registered at",
            "2026-10-01 25:00",
            &date("2026-10-01 25:00"),
        ),
        one_bad_cell(
            "a year before 1900",
            "registered at",
            "1899-12-31",
            &format!("\"1899-12-31\" has the year 1899; {NOT_A_DATE_HINT}"),
        ),
        one_bad_cell(
            "a negative price",
            "price",
            "-500",
            "a price cannot be negative (\"-500\")",
        ),
        one_bad_cell(
            "a price with a letter O",
            "price",
            "¥1,5OO",
            "\"¥1,5OO\" is not an amount",
        ),
        one_bad_cell(
            "digits around letters",
            "price",
            "12abc34",
            "\"12abc34\" is not an amount",
        ),
        one_bad_cell(
            "an amount in scientific notation",
            "price",
            "1e5",
            "\"1e5\" is not an amount",
        ),
        one_bad_cell(
            "an absurd price",
            "price",
            "99999999999999",
            "\"99999999999999\" is too large for a price",
        ),
    ]
}

fn options() -> FileOptions {
    FileOptions {
        encoding: None,
        format: None,
        mapping: None,
        context: MapContext {
            time_zone: "Asia/Tokyo".to_owned(),
            event: Some(EventIn {
                title: "Latte art night".to_owned(),
                starts_at: Some(1_792_051_200_000),
                ..EventIn::default()
            }),
        },
    }
}

fn read(case: &Case) -> Result<FileBatch, String> {
    let options = FileOptions {
        encoding: case.encoding,
        ..options()
    };
    batch_from_file(&case.bytes, case.file_name, &options).map_err(|e| e.to_string())
}

#[test]
fn every_bad_input_is_named_with_what_and_where() {
    let cases = cases();
    assert!(cases.len() >= 30, "{} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let outcome = read(case);
        let problem = match (&case.expected, &outcome) {
            (Expected::Refused(message), Err(got)) if got == message => None,
            (Expected::Refused(message), _) => {
                Some(format!("expected the file refused with {message:?}"))
            }
            (Expected::Lines { kept, refused }, Ok(b)) => {
                let got: Vec<(u64, Option<&str>, String)> = b
                    .batch
                    .errors
                    .iter()
                    .map(|e| (e.line, e.column.as_deref(), e.message.clone()))
                    .collect();
                let names: Vec<&str> = b
                    .batch
                    .records
                    .iter()
                    .filter_map(|r| r.person.display_name.as_deref())
                    .collect();
                // Every refused line is keyed, so the Import screen words it in Japanese too.
                let unkeyed: Vec<&str> = b
                    .batch
                    .errors
                    .iter()
                    .filter(|e| e.detail.is_none())
                    .map(|e| e.message.as_str())
                    .collect();
                if !unkeyed.is_empty() {
                    Some(format!("refused lines without a key: {unkeyed:?}"))
                } else if b.batch.records.len() != *kept || &got != refused {
                    Some(format!(
                        "expected {kept} lines kept and {refused:?} refused, got {} kept and {got:?}",
                        b.batch.records.len()
                    ))
                } else if !case.names.is_empty() && names != case.names {
                    Some(format!("expected names {:?}, got {names:?}", case.names))
                } else {
                    None
                }
            }
            (Expected::Lines { .. }, Err(_)) => Some("expected the file to read".to_owned()),
        };
        if let Some(problem) = problem {
            failures.push(format!(
                "{}: {problem}; outcome {:?}",
                case.what,
                outcome.map(|b| b.batch.errors)
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn a_full_width_email_is_stored_in_ascii() {
    let case = lines("", "name,email\nAiko,ａｉｋｏ＠example.jp\n", 1, &[]);
    let b = read(&case).expect("read");
    assert_eq!(
        b.batch.records[0].person.email.as_deref(),
        Some("aiko@example.jp")
    );
}

#[test]
fn the_same_person_twice_is_one_member_and_their_later_registration_wins() {
    use std::sync::Arc;

    use chrono::{TimeZone, Utc};
    use kizuna_core::Store;
    use kizuna_core::clock::FixedClock;
    use kizuna_core::store::OpenMode;
    use kizuna_import::engine::{ImportOptions, dry_run};

    let case = lines(
        "",
        "name,email,status\nAiko Sato,aiko@example.jp,attending\nAiko S.,AIKO@example.jp,cancelled\n",
        2,
        &[],
    );
    let batch = read(&case).expect("read").batch;
    assert_eq!(batch.records.len(), 2);
    let dir = tempfile::tempdir().expect("dir");
    let now = Utc
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .expect("time");
    let mut store = Store::open(
        &dir.path().join("c.kizuna"),
        OpenMode::CreateIfMissing,
        Arc::new(FixedClock(now)),
    )
    .expect("store");
    let options = ImportOptions {
        time_zone: "Asia/Tokyo".to_owned(),
    };
    let report = dry_run(&mut store, &batch, &options).expect("dry run");
    assert_eq!(report.members_created, 1);
    assert_eq!(report.registrations_created, 1);
    let errors: Vec<(u64, &str)> = report
        .errors
        .iter()
        .map(|e| (e.line, e.message.as_str()))
        .collect();
    assert_eq!(
        errors,
        vec![(
            2,
            "line 3 registers the same person for the same event; the later line is used"
        )]
    );
}
