//! Properties of the import engine on random batches: a second import of the same batch
//! changes nothing, everyone is one member however often they appear, and the dry run counts
//! exactly what the import does.

use std::collections::HashSet;
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use kizuna_core::Store;
use kizuna_core::clock::FixedClock;
use kizuna_core::store::OpenMode;
use kizuna_import::engine::{ImportOptions, dry_run, import};
use kizuna_import::record::{
    ActivityIn, AttendanceIn, EventIn, ImportBatch, PersonIn, RegistrationIn, SourceInfo,
    SourceRecord,
};
use proptest::prelude::*;

const PEOPLE: [&str; 6] = ["Aiko", "Ben", "Chie", "Daichi", "Emi", "Fumi"];
const STATUSES: [AttendanceIn; 5] = [
    AttendanceIn::Going,
    AttendanceIn::Waitlist,
    AttendanceIn::Cancelled,
    AttendanceIn::Attended,
    AttendanceIn::NoShow,
];

fn record(line: u64, (person, event, status, posts): (usize, usize, usize, u8)) -> SourceRecord {
    let base = Utc
        .with_ymd_and_hms(2026, 9, 1, 10, 0, 0)
        .single()
        .expect("time")
        .timestamp_millis();
    SourceRecord {
        line,
        person: PersonIn {
            display_name: Some(PEOPLE[person].to_owned()),
            email: Some(format!("{}@example.jp", PEOPLE[person].to_lowercase())),
            ..PersonIn::default()
        },
        event: Some(EventIn {
            external_id: Some(format!("e{event}")),
            title: format!("Meetup {event}"),
            starts_at: Some(base + event as i64 * 86_400_000),
            ..EventIn::default()
        }),
        registration: Some(RegistrationIn {
            status: STATUSES[status],
            ticket_type: None,
            price_minor: None,
            currency: None,
            registered_at: Some(base),
            checked_in_at: None,
        }),
        activities: (0..posts)
            .map(|p| ActivityIn {
                external_id: Some(format!("{person}-{p}")),
                activity_type: "post".to_owned(),
                occurred_at: base + i64::from(p) * 3_600_000,
                platform: Some("forum".to_owned()),
                url: None,
            })
            .collect(),
    }
}

fn batch(rows: &[(usize, usize, usize, u8)]) -> ImportBatch {
    ImportBatch {
        source: SourceInfo {
            key: "generic:random".to_owned(),
            label: "random.csv".to_owned(),
            format: "generic".to_owned(),
            fingerprint: None,
        },
        records: rows
            .iter()
            .enumerate()
            .map(|(i, r)| record(i as u64 + 2, *r))
            .collect(),
        errors: Vec::new(),
    }
}

fn count(store: &Store, sql: &str) -> i64 {
    store.conn().query_row(sql, [], |r| r.get(0)).expect(sql)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn reimporting_changes_nothing_and_everyone_is_one_member(
        rows in proptest::collection::vec((0..6usize, 0..3usize, 0..5usize, 0..3u8), 1..30)
    ) {
        let dir = tempfile::tempdir().expect("dir");
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).single().expect("time");
        let mut store = Store::open(&dir.path().join("p.kizuna"), OpenMode::CreateIfMissing,
            Arc::new(FixedClock(now))).expect("store");
        let options = ImportOptions { time_zone: "Asia/Tokyo".to_owned() };
        let batch = batch(&rows);
        let rehearsed = dry_run(&mut store, &batch, &options).expect("dry run");
        let first = import(&mut store, &batch, &options, &mut |_, _| true).expect("import");
        prop_assert_eq!(rehearsed.members_created, first.members_created);
        prop_assert_eq!(rehearsed.registrations_created, first.registrations_created);
        prop_assert_eq!(rehearsed.activities_created, first.activities_created);
        let people: HashSet<usize> = rows.iter().map(|r| r.0).collect();
        prop_assert_eq!(count(&store, "SELECT count(*) FROM members"), people.len() as i64);
        prop_assert_eq!(first.members_created, people.len() as u64);
        let pairs: HashSet<(usize, usize)> = rows.iter().map(|r| (r.0, r.1)).collect();
        prop_assert_eq!(count(&store, "SELECT count(*) FROM registrations"), pairs.len() as i64);
        let log = count(&store, "SELECT count(*) FROM change_log");
        let second = import(&mut store, &batch, &options, &mut |_, _| true).expect("again");
        prop_assert!(!second.changes_anything(), "{:?}", second);
        prop_assert_eq!(count(&store, "SELECT count(*) FROM change_log"), log);
    }
}
