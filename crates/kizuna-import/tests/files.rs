//! Reading real export shapes: what a manager would see in the dry run for each fixture —
//! the detected format and encoding, names read right (Japanese from Shift_JIS), statuses,
//! prices, and each bad row named by its line.

use std::path::Path;

use kizuna_import::formats::{FileBatch, FileOptions, FormatId, MapContext, batch_from_file};
use kizuna_import::record::{AttendanceIn, EventIn};
use kizuna_import::table::{FileError, TextEncoding, read_table};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .expect("fixture")
}

fn options(event: Option<EventIn>) -> FileOptions {
    FileOptions {
        encoding: None,
        format: None,
        mapping: None,
        context: MapContext {
            time_zone: "Asia/Tokyo".to_owned(),
            event,
        },
    }
}

fn read(name: &str, event: Option<EventIn>) -> FileBatch {
    batch_from_file(&fixture(name), name, &options(event)).expect("read")
}

fn errors(b: &FileBatch) -> Vec<(u64, Option<&str>, &str)> {
    b.batch
        .errors
        .iter()
        .map(|e| (e.line, e.column.as_deref(), e.message.as_str()))
        .collect()
}

#[test]
fn a_luma_guest_export_is_recognised_with_checked_in_waitlisted_and_declined_guests() {
    let event = EventIn {
        title: "Latte art night".to_owned(),
        starts_at: Some(1_792_051_200_000),
        ..EventIn::default()
    };
    let b = read("luma_guests.csv", Some(event));
    assert_eq!(b.format, FormatId::Luma);
    assert_eq!(b.batch.source.key, "luma");
    assert_eq!(b.encoding, Some(TextEncoding::Utf8));
    let by_name = |n: &str| {
        b.batch
            .records
            .iter()
            .find(|r| r.person.display_name.as_deref() == Some(n))
            .expect(n)
    };
    let aiko = by_name("Aiko Sato");
    assert_eq!(aiko.person.external_id.as_deref(), Some("gst-aiko01"));
    let reg = aiko.registration.as_ref().expect("registration");
    assert_eq!(reg.status, AttendanceIn::Attended);
    assert_eq!(
        (reg.price_minor, reg.currency.as_deref()),
        (Some(1500), Some("JPY"))
    );
    assert_eq!(
        aiko.event.as_ref().map(|e| e.title.as_str()),
        Some("Latte art night")
    );
    let status = |n: &str| by_name(n).registration.as_ref().map(|r| r.status);
    assert_eq!(status("Ben Ito"), Some(AttendanceIn::Going));
    assert_eq!(status("Chie Mori"), Some(AttendanceIn::Waitlist));
    assert_eq!(status("Daichi Ueno"), Some(AttendanceIn::Cancelled));
    // The nameless row's email is no email; "maybe" is no status.
    assert_eq!(
        errors(&b),
        vec![
            (
                6,
                Some("email"),
                "\"not-an-email\" is not a valid email address"
            ),
            (
                7,
                Some("approval_status"),
                "\"maybe\" is not a registration status; use attending, checked in, cancelled, waitlist, no-show (or 参加, 出席, キャンセル, 補欠, 欠席)"
            )
        ]
    );
    assert!(b.notes.is_empty());
}

#[test]
fn an_eventbrite_report_with_a_bom_and_crlf_reads_money_statuses_and_bad_dates_by_line() {
    let b = read("eventbrite_attendees.csv", None);
    assert_eq!(b.format, FormatId::Eventbrite);
    assert_eq!(b.encoding, Some(TextEncoding::Utf8Bom));
    assert_eq!(
        b.headers[0], "Order #",
        "the BOM is not part of the first header"
    );
    let grace = &b.batch.records[0];
    assert_eq!(grace.person.display_name.as_deref(), Some("Grace Hopper"));
    assert_eq!(grace.person.external_id.as_deref(), Some("5001"));
    let reg = grace.registration.as_ref().expect("registration");
    assert_eq!(
        (reg.status, reg.price_minor, reg.currency.as_deref()),
        (AttendanceIn::Attended, Some(2500), Some("USD"))
    );
    assert_eq!(
        grace
            .event
            .as_ref()
            .map(|e| (e.title.as_str(), e.starts_at)),
        Some(("Coffee Tasting Night", None))
    );
    assert_eq!(
        b.batch.records[2].registration.as_ref().map(|r| r.status),
        Some(AttendanceIn::Cancelled)
    );
    assert_eq!(
        errors(&b),
        vec![(
            5,
            Some("Order Date"),
            "\"soon\" is not a date or time; write it like 2026-10-01 or 2026-10-01 19:00"
        )]
    );
}

#[test]
fn a_japanese_shift_jis_file_is_detected_and_read_with_a_multi_line_note() {
    let event = EventIn {
        title: "Kizuna Meetup #12".to_owned(),
        starts_at: Some(1_792_051_200_000),
        ..EventIn::default()
    };
    let b = read("connpass_style_sjis.csv", Some(event));
    assert_eq!(b.format, FormatId::Generic);
    assert_eq!(b.encoding, Some(TextEncoding::ShiftJis));
    assert_eq!(b.batch.source.key, "generic:connpass_style_sjis");
    let taro = &b.batch.records[0];
    assert_eq!(taro.person.display_name.as_deref(), Some("山田 太郎"));
    assert_eq!(taro.person.name_reading.as_deref(), Some("ヤマダ タロウ"));
    assert_eq!(taro.person.identities[0].platform, "x");
    assert_eq!(taro.person.identities[0].handle, "taro_dev");
    assert_eq!(
        taro.registration.as_ref().map(|r| r.status),
        Some(AttendanceIn::Attended)
    );
    // 佐藤's note spans two lines (3 and 4), so 鈴木 is on line 5 and 高橋 on line 6.
    assert_eq!(b.batch.records[2].line, 5);
    assert_eq!(
        b.batch.records[2].registration.as_ref().map(|r| r.status),
        Some(AttendanceIn::Cancelled)
    );
    assert_eq!(errors(&b).len(), 1);
    assert_eq!(errors(&b)[0].0, 6);
    assert_eq!(errors(&b)[0].1, Some("出欠ステータス"));
}

#[test]
fn registrations_without_an_event_are_noted_once_and_people_still_come_in() {
    let b = read("connpass_style_sjis.csv", None);
    assert_eq!(b.notes.len(), 1);
    assert!(b.batch.records.iter().all(|r| r.registration.is_none()));
    assert_eq!(b.batch.records.len(), 4);
}

#[test]
fn files_that_cannot_be_read_say_why() {
    // The full table of bad files and lines is in tests/bad_inputs.rs.
    let cases: Vec<(&[u8], &str)> = vec![
        (b"", "the file is empty"),
        (b"   \n\n", "the file is empty"),
        (b"name,email\n", "the file has a header but no rows"),
        (
            b"name,name\nA,B\n",
            "columns 1 and 2 are both named \"name\"; rename one of them",
        ),
    ];
    for (bytes, message) in cases {
        let got = read_table(bytes, "x.csv", None)
            .map(|_| ())
            .map_err(|e| e.to_string());
        assert_eq!(
            got,
            Err(message.to_owned()),
            "{:?}",
            String::from_utf8_lossy(bytes)
        );
    }
    // Shift_JIS bytes read as UTF-8 when the manager insists on UTF-8.
    let bytes = fixture("connpass_style_sjis.csv");
    assert_eq!(
        read_table(&bytes, "x.csv", Some(TextEncoding::Utf8))
            .map(|_| ())
            .map_err(|e| e.to_string()),
        Err(
            "line 1 is not valid UTF-8 text; choose the file's encoding (UTF-8 or Shift_JIS)"
                .to_owned()
        )
    );
}

#[test]
fn a_file_whose_columns_name_nobody_asks_for_a_mapping() {
    let got = batch_from_file(b"a,b\n1,2\n", "x.csv", &options(None)).map(|_| ());
    assert_eq!(
        got.map_err(|e| e.to_string()),
        Err(
            "no column says who each row is (a name, email or handle); the columns are \"a\", \"b\"; choose what each column holds"
                .to_owned()
        )
    );
    assert!(matches!(
        batch_from_file(b"a,b\n1,2\n", "x.csv", &options(None)),
        Err(FileError::UnknownColumns { .. })
    ));
}

#[test]
fn a_formula_in_a_cell_stays_plain_text() {
    let b = batch_from_file(
        b"name,email\n=cmd|'/c calc'!A1,evil@example.jp\n",
        "x.csv",
        &options(None),
    )
    .expect("read");
    assert_eq!(
        b.batch.records[0].person.display_name.as_deref(),
        Some("=cmd|'/c calc'!A1")
    );
}

#[test]
fn an_excel_sheet_is_read_with_its_dates_and_row_numbers() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    for (col, header) in ["氏名", "メールアドレス", "申込日時"].iter().enumerate() {
        sheet.write_string(0, col as u16, *header).expect("header");
    }
    sheet.write_string(1, 0, "山田 太郎").expect("name");
    sheet.write_string(1, 1, "taro@example.jp").expect("email");
    let when = ExcelDateTime::parse_from_str("2026-10-01 19:00:00").expect("date");
    sheet
        .write_datetime_with_format(1, 2, &when, &date)
        .expect("date");
    // A blank row, then a row with a number for a name.
    sheet.write_number(3, 0, 42).expect("number");
    let bytes = book.save_to_buffer().expect("xlsx");
    let table = read_table(&bytes, "members.xlsx", None).expect("read");
    assert_eq!(table.headers, vec!["氏名", "メールアドレス", "申込日時"]);
    assert_eq!(table.rows[0].line, 2);
    assert_eq!(table.rows[0].cells[2], "2026-10-01T19:00:00");
    assert_eq!(
        (table.rows[1].line, table.rows[1].cells[0].as_str()),
        (4, "42")
    );
    assert_eq!(table.encoding, None);
}
