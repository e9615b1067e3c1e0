//! The app's import session: the preview says what the file is and whether its event must be
//! given, the dry run and the import agree, and a generic file's edited mapping comes back for
//! the next file with the same header.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use kizuna_core::Store;
use kizuna_core::clock::FixedClock;
use kizuna_core::store::OpenMode;
use kizuna_import::formats::{Field, FileOptions, FormatId, MapContext};
use kizuna_import::record::EventIn;
use kizuna_import::session::{self, ImportProgress};

fn store(dir: &tempfile::TempDir) -> Store {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 1, 9, 0, 0)
        .single()
        .expect("time");
    Store::open(
        &dir.path().join("c.kizuna"),
        OpenMode::CreateIfMissing,
        Arc::new(FixedClock(now)),
    )
    .expect("store")
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

const LUMA: &[u8] = include_bytes!("fixtures/luma_guests.csv");

#[test]
fn a_luma_list_asks_for_its_event_until_it_is_given() {
    let dir = tempfile::tempdir().expect("dir");
    let store = store(&dir);
    let bare =
        session::preview(store.conn(), LUMA, "luma_guests.csv", &options(None)).expect("preview");
    assert_eq!(bare.format, FormatId::Luma);
    assert!(bare.needs_event, "Luma exports do not name their event");
    assert_eq!(bare.error_count, 1);
    assert_eq!(bare.errors[0].line, 6);
    let event = EventIn {
        title: "Latte Art Night".to_owned(),
        starts_at: Some(1_792_486_800_000),
        ..EventIn::default()
    };
    let given = session::preview(store.conn(), LUMA, "luma_guests.csv", &options(Some(event)))
        .expect("preview");
    assert!(!given.needs_event);
}

#[test]
fn the_dry_run_reports_what_the_import_then_does_and_cancel_writes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = store(&dir);
    let event = EventIn {
        title: "Latte Art Night".to_owned(),
        starts_at: Some(1_792_486_800_000),
        ..EventIn::default()
    };
    let opts = options(Some(event));
    let mut seen = Vec::new();
    let rehearsed = session::rehearse(&mut store, LUMA, "luma_guests.csv", &opts, &mut |p| {
        seen.push(p);
        true
    })
    .expect("dry run");
    assert!(seen.contains(&ImportProgress { done: 4, total: 4 }));
    let cancelled = session::run(&mut store, LUMA, "luma_guests.csv", &opts, &mut |_| false);
    assert!(cancelled.is_err());
    let members: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM members", [], |r| r.get(0))
        .expect("count");
    assert_eq!(members, 0, "a cancelled import writes nothing");
    let done =
        session::run(&mut store, LUMA, "luma_guests.csv", &opts, &mut |_| true).expect("import");
    assert_eq!(done.members_created, rehearsed.members_created);
    assert_eq!(done.registrations_created, rehearsed.registrations_created);
    assert_eq!(done.errors, rehearsed.errors);
    assert!(done.run_id.is_some());
}

#[test]
fn an_edited_mapping_of_a_generic_file_comes_back_for_the_next_file_with_its_header() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = store(&dir);
    let first = b"Nom,Courriel,Pseudo\nAiko Sato,aiko@example.jp,aiko_s\n";
    let guessed = session::preview(store.conn(), first, "adherents-octobre.csv", &options(None))
        .expect("preview");
    assert_eq!(guessed.format, FormatId::Generic);
    assert!(!guessed.saved_mapping);
    assert!(
        guessed.mapping.columns.is_empty(),
        "French headers are not guessed"
    );
    assert_eq!(guessed.error_count, 0, "rows are not bad, only unmapped");
    assert_eq!(guessed.notes, [session::UNMAPPED_NOTE]);
    let mut mapping = guessed.mapping.clone();
    mapping.columns.push(kizuna_import::formats::ColumnMap {
        header: "Nom".to_owned(),
        field: Field::FullName,
    });
    mapping.columns.push(kizuna_import::formats::ColumnMap {
        header: "Courriel".to_owned(),
        field: Field::Email,
    });
    mapping.columns.push(kizuna_import::formats::ColumnMap {
        header: "Pseudo".to_owned(),
        field: Field::Handle {
            platform: "instagram".to_owned(),
        },
    });
    let edited = FileOptions {
        mapping: Some(mapping.clone()),
        ..options(None)
    };
    session::run(
        &mut store,
        first,
        "adherents-octobre.csv",
        &edited,
        &mut |_| true,
    )
    .expect("import");
    let next = b"Nom,Courriel,Pseudo\nBen Ito,ben@example.com,ben.ito\n";
    let again = session::preview(store.conn(), next, "adherents-novembre.csv", &options(None))
        .expect("preview");
    assert!(
        again.saved_mapping,
        "the mapping saved for this header is used"
    );
    assert_eq!(again.mapping, mapping);
}
