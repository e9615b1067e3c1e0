//! A new replica that merges every change of the sample community ends with the same synced
//! tables as the original: every write the app makes is in the change log.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use kizuna_core::Store;
use kizuna_core::clock::FixedClock;
use kizuna_core::community::create_sample;
use kizuna_core::sample::SampleSpec;
use kizuna_core::store::{OpenMode, SyncedTable};
use kizuna_sync::replica::{all_changes, merge};
use rusqlite::types::Value;

fn rows(store: &Store, table: SyncedTable) -> Vec<Vec<Value>> {
    let mut stmt = store
        .conn()
        .prepare(&format!("SELECT * FROM {} ORDER BY id", table.name()))
        .expect("select");
    let n = stmt.column_count();
    stmt.query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())
        .expect("rows")
        .collect::<Result<Vec<Vec<Value>>, _>>()
        .expect("rows")
}

#[test]
fn a_new_replica_rebuilt_from_the_sample_communitys_changes_equals_it() {
    let dir = tempfile::tempdir().expect("dir");
    let now = Utc
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .expect("time");
    let clock = Arc::new(FixedClock(now));
    let (original, _) = create_sample(
        &dir.path().join("sample.kizuna"),
        &SampleSpec::with_members(300),
        clock.clone(),
    )
    .expect("sample");
    let changes = all_changes(original.conn()).expect("changes");
    let mut copy = Store::open(
        &dir.path().join("copy.kizuna"),
        OpenMode::CreateIfMissing,
        clock,
    )
    .expect("copy");
    let report = merge(&mut copy, &changes).expect("merge");
    assert_eq!(report.new as usize, changes.len());
    assert_eq!(report.orphans_removed, 0);
    for table in SyncedTable::ALL {
        let (a, b) = (rows(&original, table), rows(&copy, table));
        assert_eq!(a.len(), b.len(), "{} row count", table.name());
        if let Some((x, y)) = a.iter().zip(&b).find(|(x, y)| x != y) {
            panic!(
                "{} differs:\n original {x:?}\n copy     {y:?}",
                table.name()
            );
        }
    }
    // Merging the same changes again changes nothing.
    let again = merge(&mut copy, &changes).expect("merge again");
    assert_eq!((again.new, again.rows_changed), (0, 0));
}
