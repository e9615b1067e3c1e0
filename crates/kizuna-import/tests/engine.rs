//! The import engine on hand-built batches: what a manager sees after importing a file —
//! who was created, matched, filled in, refused — re-imports that change nothing, the dry run,
//! cancel, and undo of a whole import.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use kizuna_core::Store;
use kizuna_core::clock::FixedClock;
use kizuna_core::members::{NewMember, create_member, erase_member};
use kizuna_core::store::OpenMode;
use kizuna_import::engine::{ImportOptions, ImportReport, RowAction, dry_run, import};
use kizuna_import::history::{import_history, undo_import};
use kizuna_import::record::{
    ActivityIn, AttendanceIn, EventIn, IdentityIn, ImportBatch, PersonIn, RegistrationIn, RowError,
    SourceInfo, SourceRecord,
};

fn store(dir: &tempfile::TempDir) -> Store {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .expect("time");
    Store::open(
        &dir.path().join("c.kizuna"),
        OpenMode::CreateIfMissing,
        Arc::new(FixedClock(now)),
    )
    .expect("store")
}

fn ms(day: u32, hour: u32) -> i64 {
    Utc.with_ymd_and_hms(2026, 10, day, hour, 0, 0)
        .single()
        .expect("time")
        .timestamp_millis()
}

fn options() -> ImportOptions {
    ImportOptions {
        time_zone: "Asia/Tokyo".to_owned(),
    }
}

fn attendee(line: u64, name: &str, email: &str, status: AttendanceIn) -> SourceRecord {
    SourceRecord {
        line,
        person: PersonIn {
            display_name: Some(name.to_owned()),
            email: Some(email.to_owned()),
            tags: vec!["luma".to_owned()],
            ..PersonIn::default()
        },
        event: Some(EventIn {
            external_id: Some("evt-1".to_owned()),
            title: "Latte art night".to_owned(),
            starts_at: Some(ms(10, 10)),
            ends_at: Some(ms(10, 12)),
            ..EventIn::default()
        }),
        registration: Some(RegistrationIn {
            status,
            ticket_type: Some("General".to_owned()),
            price_minor: Some(1500),
            currency: Some("JPY".to_owned()),
            registered_at: Some(ms(1, 9)),
            checked_in_at: None,
        }),
        activities: Vec::new(),
    }
}

fn batch(records: Vec<SourceRecord>) -> ImportBatch {
    ImportBatch {
        source: SourceInfo {
            key: "luma".to_owned(),
            label: "guests.csv".to_owned(),
            format: "luma".to_owned(),
            fingerprint: Some("ab".repeat(32)),
        },
        records,
        errors: vec![RowError {
            line: 9,
            column: Some("Date".to_owned()),
            message: "\"soon\" is not a date".to_owned(),
            detail: None,
        }],
    }
}

fn guests() -> ImportBatch {
    batch(vec![
        attendee(2, "Aiko Sato", "aiko@example.jp", AttendanceIn::Attended),
        attendee(3, "Ben Ito", "ben@example.jp", AttendanceIn::Going),
        attendee(4, "Chie Mori", "not-an-email", AttendanceIn::Going),
        attendee(
            5,
            "Daichi Ueno",
            "daichi@example.jp",
            AttendanceIn::Cancelled,
        ),
    ])
}

fn count(store: &Store, sql: &str) -> i64 {
    store.conn().query_row(sql, [], |r| r.get(0)).expect(sql)
}

fn import_all(store: &mut Store, batch: &ImportBatch) -> ImportReport {
    import(store, batch, &options(), &mut |_, _| true).expect("import")
}

#[test]
fn an_attendee_file_creates_members_the_event_and_registrations_and_names_bad_lines() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = store(&dir);
    let report = import_all(&mut store, &guests());
    assert_eq!(report.members_created, 3);
    assert_eq!(report.events_created, 1);
    assert_eq!(report.registrations_created, 3);
    // The attended guest's check-in counts as an attendance activity.
    assert_eq!(report.activities_created, 1);
    let lines: Vec<(u64, &str)> = report
        .errors
        .iter()
        .map(|e| (e.line, e.message.as_str()))
        .collect();
    assert_eq!(
        lines,
        vec![
            (4, "\"not-an-email\" is not a valid email address"),
            (9, "\"soon\" is not a date"),
        ]
    );
    assert!(report.run_id.is_some());
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM registrations r JOIN events e ON e.id = r.event_id
             WHERE e.title = 'Latte art night' AND r.status = 'attended' AND r.price_minor = 1500"
        ),
        1
    );
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM members WHERE source = 'guests.csv'"
        ),
        3
    );
    let history = import_history(store.conn(), 10).expect("history");
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].summary["membersCreated"], 3);
}

#[test]
fn importing_the_same_file_again_changes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = store(&dir);
    import_all(&mut store, &guests());
    let log_before = count(&store, "SELECT count(*) FROM change_log");
    let again = import_all(&mut store, &guests());
    assert!(!again.changes_anything(), "{again:?}");
    assert_eq!(again.members_unchanged, 3);
    assert_eq!(again.run_id, None, "nothing written, no history entry");
    assert_eq!(count(&store, "SELECT count(*) FROM change_log"), log_before);
    assert_eq!(import_history(store.conn(), 10).expect("history").len(), 1);
}

#[test]
fn a_member_found_by_email_keeps_their_name_and_gets_only_the_blanks_filled() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = store(&dir);
    store
        .write(|w| {
            create_member(
                w,
                &NewMember {
                    display_name: "Aiko S. (regular)".to_owned(),
                    email: Some("AIKO@example.jp".to_owned()),
                    city: Some("Kyoto".to_owned()),
                    ..NewMember::default()
                },
            )
        })
        .expect("member");
    let mut record = attendee(2, "Aiko Sato", "aiko@example.jp", AttendanceIn::Going);
    record.person.city = Some("Osaka".to_owned());
    record.person.phone = Some("090-1234-5678".to_owned());
    record.person.identities = vec![IdentityIn {
        platform: "luma".to_owned(),
        handle: "aiko".to_owned(),
        url: None,
        followers: None,
    }];
    let report = import_all(&mut store, &batch(vec![record]));
    assert_eq!(
        (
            report.members_created,
            report.members_updated,
            report.matched_by_email
        ),
        (0, 1, 1)
    );
    assert_eq!(report.lines[0].action, RowAction::Updated);
    assert_eq!(report.lines[0].matched_by.as_deref(), Some("email"));
    let (name, city, phone): (String, String, String) = store
        .conn()
        .query_row("SELECT display_name, city, phone FROM members", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .expect("member");
    assert_eq!(
        (name.as_str(), city.as_str(), phone.as_str()),
        ("Aiko S. (regular)", "Kyoto", "090-1234-5678")
    );
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM identities WHERE platform = 'luma'"
        ),
        1
    );
}

#[test]
fn the_dry_run_reports_what_the_import_does_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = store(&dir);
    let log_before = count(&store, "SELECT count(*) FROM change_log");
    let mut rehearsed = dry_run(&mut store, &guests(), &options()).expect("dry run");
    assert!(rehearsed.dry_run);
    assert_eq!(count(&store, "SELECT count(*) FROM members"), 0);
    assert_eq!(count(&store, "SELECT count(*) FROM change_log"), log_before);
    assert_eq!(count(&store, "SELECT count(*) FROM import_runs"), 0);
    let mut done = import_all(&mut store, &guests());
    // Same counts and lines; only the history id and the flag differ (member ids are derived).
    rehearsed.dry_run = false;
    done.run_id = None;
    assert_eq!(rehearsed, done);
}

#[test]
fn a_cancelled_import_writes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = store(&dir);
    let records = (0..2500)
        .map(|i| {
            attendee(
                i + 2,
                &format!("Guest {i}"),
                &format!("g{i}@example.jp"),
                AttendanceIn::Going,
            )
        })
        .collect();
    let mut calls = 0;
    let outcome = import(
        &mut store,
        &batch(records),
        &options(),
        &mut |done, total| {
            calls += 1;
            assert_eq!(total, 2500);
            done < 2000
        },
    );
    assert_eq!(
        outcome.map(|_| ()).map_err(|e| e.to_string()),
        Err("the import was cancelled; nothing was imported".to_owned())
    );
    assert_eq!(calls, 3);
    assert_eq!(count(&store, "SELECT count(*) FROM members"), 0);
    assert_eq!(count(&store, "SELECT count(*) FROM events"), 0);
}

#[test]
fn registrations_move_forward_and_a_check_in_is_never_undone_by_an_older_export() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = store(&dir);
    import_all(&mut store, &guests());
    let later = batch(vec![
        attendee(2, "Aiko Sato", "aiko@example.jp", AttendanceIn::Going),
        attendee(3, "Ben Ito", "ben@example.jp", AttendanceIn::Attended),
    ]);
    let report = import_all(&mut store, &later);
    assert_eq!(report.registrations_updated, 1);
    let statuses: Vec<(String, String)> = store
        .conn()
        .prepare("SELECT m.display_name, r.status FROM registrations r JOIN members m ON m.id = r.member_id ORDER BY 1")
        .expect("q")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(
        statuses,
        vec![
            ("Aiko Sato".to_owned(), "attended".to_owned()),
            ("Ben Ito".to_owned(), "attended".to_owned()),
            ("Daichi Ueno".to_owned(), "cancelled".to_owned()),
        ]
    );
}

#[test]
fn undo_removes_what_the_import_added_but_keeps_what_people_built_on_since() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = store(&dir);
    let existing = store
        .write(|w| {
            create_member(
                w,
                &NewMember {
                    display_name: "Ben Ito".to_owned(),
                    email: Some("ben@example.jp".to_owned()),
                    ..NewMember::default()
                },
            )
        })
        .expect("member");
    let mut records = guests().records;
    records[1].person.city = Some("Nagoya".to_owned());
    records[0].activities.push(ActivityIn {
        external_id: Some("post-7".to_owned()),
        activity_type: "post".to_owned(),
        occurred_at: ms(11, 8),
        platform: Some("luma".to_owned()),
        url: None,
    });
    let report = import_all(&mut store, &batch(records.clone()));
    let run = report.run_id.expect("run");
    // Someone logs an activity by hand for Daichi, whom the import created.
    let daichi: String = store
        .conn()
        .query_row(
            "SELECT id FROM members WHERE display_name = 'Daichi Ueno'",
            [],
            |r| r.get(0),
        )
        .expect("daichi");
    store
        .write(|w| {
            kizuna_core::activities::log_activity(
                w,
                &kizuna_core::activities::NewActivity {
                    member: daichi.as_str().into(),
                    activity_type: "review".to_owned(),
                    occurred_at: ms(20, 9),
                    platform: None,
                    url: None,
                    event: None,
                    campaign: None,
                },
            )
        })
        .expect("activity");
    let undone = undo_import(&mut store, &run).expect("undo");
    assert_eq!(undone.members_kept, vec!["Daichi Ueno".to_owned()]);
    assert_eq!(undone.cells_restored, 1, "Ben's city emptied again");
    let names: Vec<String> = store
        .conn()
        .prepare("SELECT display_name FROM members ORDER BY 1")
        .expect("q")
        .query_map([], |r| r.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(names, vec!["Ben Ito".to_owned(), "Daichi Ueno".to_owned()]);
    let city: Option<String> = store
        .conn()
        .query_row(
            "SELECT city FROM members WHERE id = ?1",
            [existing.as_str()],
            |r| r.get(0),
        )
        .expect("city");
    assert_eq!(city, None);
    assert_eq!(count(&store, "SELECT count(*) FROM registrations"), 0);
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM activities WHERE activity_type = 'post'"
        ),
        0
    );
    assert_eq!(count(&store, "SELECT count(*) FROM events"), 0);
    assert!(
        import_history(store.conn(), 5).expect("h")[0]
            .undone_at
            .is_some()
    );
    let again = undo_import(&mut store, &run).map_err(|e| e.to_string());
    assert_eq!(
        again,
        Err("the import of \"guests.csv\" was already undone".to_owned())
    );
    // Importing again after the undo brings everyone back.
    let back = import_all(&mut store, &batch(records));
    assert_eq!(
        back.members_created, 1,
        "Aiko again; Ben and Daichi matched"
    );
}

#[test]
fn an_erased_person_is_not_brought_back_by_an_old_file() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = store(&dir);
    import_all(&mut store, &guests());
    let aiko: String = store
        .conn()
        .query_row(
            "SELECT id FROM members WHERE display_name = 'Aiko Sato'",
            [],
            |r| r.get(0),
        )
        .expect("aiko");
    store
        .write(|w| erase_member(w, &aiko.as_str().into()))
        .expect("erase");
    let report = import_all(&mut store, &guests());
    assert_eq!(report.lines[0].action, RowAction::Skipped);
    assert!(
        report.errors.iter().any(|e| e.line == 2
            && e.message == "this person was erased from Kizuna and is not imported again"),
        "{:?}",
        report.errors
    );
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM members WHERE display_name = 'Aiko Sato'"
        ),
        0
    );
}

#[test]
fn a_newcomer_with_the_name_of_an_existing_member_is_flagged_as_a_possible_duplicate() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = store(&dir);
    store
        .write(|w| {
            create_member(
                w,
                &NewMember {
                    display_name: "佐藤 愛子".to_owned(),
                    phone: Some("090-1111-2222".to_owned()),
                    ..NewMember::default()
                },
            )
        })
        .expect("member");
    let mut record = attendee(2, "Sato Aiko", "aiko.sato@example.jp", AttendanceIn::Going);
    record.person.phone = Some("09011112222".to_owned());
    let report = dry_run(&mut store, &batch(vec![record]), &options()).expect("dry run");
    assert_eq!(
        report.members_created, 1,
        "a different email: not matched for sure"
    );
    assert_eq!(report.possible_duplicates.len(), 1, "{report:?}");
    assert_eq!(report.possible_duplicates[0].line, 2);
    assert_eq!(report.possible_duplicates[0].existing_name, "佐藤 愛子");
}
