//! Badge PDFs read back the way door staff use them: the names print (Japanese included, typst
//! markup characters literally), every QR code scans to its registration code, and people who
//! are not coming get no badge. Needs poppler-utils and zbar-tools (`scripts/setup --test`).

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use chrono::{NaiveDate, TimeZone, Utc};
use kizuna_core::activities::ensure_builtin_types;
use kizuna_core::events::{
    EventKind, EventStatus, NewEvent, add_registration, add_ticket_type, cancel_registration,
    check_in, create_event,
};
use kizuna_core::ids::{EventId, RegistrationId};
use kizuna_core::members::{NewMember, create_member};
use kizuna_core::store::{META_NAME, OpenMode};
use kizuna_core::{Clock, CoreError, FixedClock, Store};
use kizuna_report::pdf::badges::{BadgesPrinted, render};
use kizuna_report::{Lang, ReportError};

const TODAY: (i32, u32, u32) = (2026, 11, 23);

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(TODAY.0, TODAY.1, TODAY.2).expect("valid date")
}

fn open(dir: &Path) -> Store {
    let now = Utc
        .with_ymd_and_hms(TODAY.0, TODAY.1, TODAY.2, 12, 0, 0)
        .single()
        .expect("valid time");
    let clock: Arc<dyn Clock> = Arc::new(FixedClock(now));
    let mut store = Store::open(&dir.join("c.kizuna"), OpenMode::CreateIfMissing, clock)
        .expect("open the community file");
    store
        .write(ensure_builtin_types)
        .expect("built-in activity types (check-in logs one)");
    store
        .set_meta(META_NAME, "渋谷コーヒー部")
        .expect("name the community");
    store
}

fn add_event(store: &mut Store, capacity: Option<i64>) -> EventId {
    let starts_at = Utc
        .with_ymd_and_hms(2026, 12, 5, 9, 30, 0)
        .single()
        .expect("valid time")
        .timestamp_millis();
    let event = NewEvent {
        title: "Winter Cupping 冬のカッピング会".to_owned(),
        kind: EventKind::InPerson,
        starts_at,
        ends_at: starts_at + 3 * 3_600_000,
        time_zone: "Asia/Tokyo".to_owned(),
        venue: Some("Hinata Roastery".to_owned()),
        address: None,
        url: None,
        capacity,
        status: EventStatus::Published,
        description: None,
        currency: None,
    };
    store
        .write(|w| create_event(w, &event))
        .expect("create the event")
}

/// Registers `name` (with an optional kana reading); returns (registration id, code).
fn register(
    store: &mut Store,
    event: &EventId,
    name: &str,
    reading: Option<&str>,
    ticket: Option<&str>,
) -> (RegistrationId, String) {
    let member = NewMember {
        display_name: name.to_owned(),
        name_reading: reading.map(str::to_owned),
        ..NewMember::default()
    };
    let outcome = store
        .write(|w| {
            let id = create_member(w, &member)?;
            add_registration(w, event, &id, ticket)
        })
        .expect("register");
    (RegistrationId(outcome.registration_id), outcome.code)
}

fn run(program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} must be installed (scripts/setup --test): {e}"));
    assert!(out.status.success(), "{program} {args:?} failed: {out:?}");
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Text of the PDF and the QR codes zbarimg finds on its pages, rendered at 300 dpi without
/// anti-aliasing (crisp module edges, as a printer gives; at 150 dpi zbar missed one in ~4 runs).
fn read_back(dir: &Path, pdf: &[u8]) -> (String, Vec<String>) {
    let file = dir.join("badges.pdf");
    std::fs::write(&file, pdf).expect("write the PDF");
    let file = file.to_str().expect("UTF-8 path");
    let text = run("pdftotext", &[file, "-"]);
    let prefix = dir.join("page");
    run(
        "pdftoppm",
        &[
            "-r",
            "300",
            "-aa",
            "no",
            "-aaVector",
            "no",
            "-png",
            file,
            prefix.to_str().expect("path"),
        ],
    );
    let mut pages: Vec<_> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "png"))
        .collect();
    pages.sort();
    let mut codes = Vec::new();
    for page in pages {
        let found = run("zbarimg", &["--raw", "-q", page.to_str().expect("path")]);
        codes.extend(found.lines().map(str::to_owned));
    }
    (text, codes)
}

#[test]
fn badges_print_every_name_literally_and_every_qr_scans_to_its_registration_code() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = open(dir.path());
    let event = add_event(&mut store, Some(11));
    let ticket = store
        .write(|w| add_ticket_type(w, &event, "一般 General", 3000))
        .expect("ticket type")
        .id;
    let mut expected = BTreeSet::new();
    let people: [(&str, Option<&str>); 10] = [
        ("山田 太郎", Some("やまだ たろう")),
        ("佐藤 花子", Some("さとう はなこ")),
        ("*Taro* #1 [x]", None),
        ("Alexandra Konstantinopoulou-Wellington", None),
        ("高橋 美咲", Some("たかはし みさき")),
        ("Ben Carter", None),
        ("Chloé Dubois", None),
        ("中村 健", Some("なかむら けん")),
        ("Emma $x$ _y_ <z> @w", None),
        ("Gabriel Silva", None),
    ];
    let mut first = None;
    for (name, reading) in people {
        let (id, code) = register(&mut store, &event, name, reading, Some(&ticket));
        first.get_or_insert(id);
        expected.insert(code);
    }
    let (cancelled, code) = register(&mut store, &event, "Cancelled Carl", None, None);
    expected.remove(&code);
    store
        .write(|w| cancel_registration(w, &cancelled))
        .expect("cancel");
    register(&mut store, &event, "Still Going Sam", None, None);
    register(&mut store, &event, "Waitlisted Wendy", None, None);
    let attended = first.expect("a registration");
    store
        .write(|w| check_in(w, &attended, "door"))
        .expect("check in");
    let sam = kizuna_core::events::list_registrations(store.conn(), &event)
        .expect("rows")
        .into_iter()
        .find(|r| r.display_name == "Still Going Sam")
        .expect("Sam");
    expected.insert(sam.code);

    let sheets = render(&store, &event, Lang::En, today()).expect("render badges");

    assert!(sheets.pdf.starts_with(b"%PDF"));
    assert_eq!(
        sheets.printed,
        BadgesPrinted {
            badges: 11,
            pages: 2
        }
    );
    let (text, codes) = read_back(dir.path(), &sheets.pdf);
    for name in [
        "山田 太郎",
        "やまだ たろう",
        "佐藤 花子",
        "*Taro* #1 [x]",
        "Emma $x$ _y_ <z> @w",
    ] {
        assert!(
            text.contains(name),
            "{name:?} should be printed in:\n{text}"
        );
    }
    assert!(text.contains("渋谷コーヒー部"), "community name");
    assert!(
        text.contains("Sat 5 Dec 2026, 18:30–21:30 JST"),
        "local time:\n{text}"
    );
    assert!(text.contains("一般 General"), "ticket type");
    assert!(
        !text.contains("Cancelled Carl"),
        "no badge for a cancellation"
    );
    assert!(
        !text.contains("Waitlisted Wendy"),
        "no badge for the waitlist"
    );
    let scanned: BTreeSet<String> = codes.iter().cloned().collect();
    assert_eq!(codes.len(), 11, "one QR per badge: {codes:?}");
    assert_eq!(scanned, expected, "every QR scans to its registration code");
    for code in &expected {
        assert!(
            text.contains(code.as_str()),
            "code {code} printed for door staff"
        );
    }
}

#[test]
fn japanese_badges_carry_japanese_dates_and_pdf_metadata() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = open(dir.path());
    let event = add_event(&mut store, None);
    let (_, code) = register(&mut store, &event, "山田 太郎", Some("やまだ たろう"), None);

    let sheets = render(&store, &event, Lang::Ja, today()).expect("render badges");

    assert_eq!(
        sheets.printed,
        BadgesPrinted {
            badges: 1,
            pages: 1
        }
    );
    let (text, codes) = read_back(dir.path(), &sheets.pdf);
    // typst puts a quarter-em between Japanese and Latin characters; pdftotext reads it as a space.
    let compact: String = text.split_whitespace().collect();
    assert!(
        compact.contains("2026年12月5日(土)18:30〜21:30JST"),
        "{text}"
    );
    assert_eq!(codes, vec![code]);
    let info = run(
        "pdfinfo",
        &[dir.path().join("badges.pdf").to_str().expect("path")],
    );
    assert!(
        info.contains("名札 — Winter Cupping 冬のカッピング会"),
        "{info}"
    );
    assert!(
        info.contains("渋谷コーヒー部"),
        "author is the community: {info}"
    );
}

#[test]
fn an_event_nobody_is_going_to_has_no_badges_to_print() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = open(dir.path());
    let event = add_event(&mut store, None);

    match render(&store, &event, Lang::En, today()) {
        Err(ReportError::Data(CoreError::InvalidInput(message))) => {
            assert!(message.to_string().contains("nobody is going"), "{message}");
        }
        other => panic!("expected a clear refusal, got {other:?}"),
    }
}
