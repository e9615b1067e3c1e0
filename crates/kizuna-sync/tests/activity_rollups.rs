//! Activities that arrive from another laptop (new ones, a moved one, deleted ones, an erased
//! member's) keep this laptop's month and week rollups equal to a count made from its
//! activities, so the Dashboard and the reports count them like activities logged here.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Datelike, TimeZone, Utc};
use kizuna_core::Store;
use kizuna_core::activities::{NewActivity, ensure_builtin_types, log_activity};
use kizuna_core::clock::FixedClock;
use kizuna_core::ids::MemberId;
use kizuna_core::members::{NewMember, create_member, erase_member};
use kizuna_core::store::{OpenMode, SyncedTable};
use kizuna_sync::replica::{merge, outgoing};
use rusqlite::types::Value;

/// (period, member) → activities.
type Rollup = BTreeMap<(i64, String), i64>;

fn open(dir: &tempfile::TempDir, name: &str) -> Store {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .expect("time");
    let mut store = Store::open(
        &dir.path().join(name),
        OpenMode::CreateIfMissing,
        Arc::new(FixedClock(now)),
    )
    .expect("store");
    store.write(ensure_builtin_types).expect("types");
    store
}

fn table(store: &Store, sql: &str) -> Rollup {
    let mut stmt = store.conn().prepare(sql).expect("prepare");
    stmt.query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))
        .expect("read the rollup")
        .collect::<rusqlite::Result<_>>()
        .expect("rows")
}

fn assert_exact(store: &Store, after: &str) {
    let (mut months, mut weeks) = (Rollup::new(), Rollup::new());
    let mut stmt = store
        .conn()
        .prepare("SELECT member_id, occurred_at FROM activities")
        .expect("prepare");
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
        .expect("activities");
    for row in rows {
        let (member, at) = row.expect("row");
        let day = DateTime::from_timestamp_millis(at).expect("a time");
        let month = (i64::from(day.year()) - 1970) * 12 + i64::from(day.month0());
        let week = (at + 3 * 86_400_000).div_euclid(7 * 86_400_000);
        *months.entry((month, member.clone())).or_default() += 1;
        *weeks.entry((week, member)).or_default() += 1;
    }
    assert!(!months.is_empty() || after.contains("erasure"), "{after}");
    assert_eq!(
        table(
            store,
            "SELECT month, member_id, activities FROM activity_months"
        ),
        months,
        "months after {after}"
    );
    assert_eq!(
        table(
            store,
            "SELECT week, member_id, activities FROM activity_weeks"
        ),
        weeks,
        "weeks after {after}"
    );
}

/// Sends `from`'s changes since `sent` to `to` and merges them there.
fn send(from: &Store, to: &mut Store, sent: &mut i64) {
    let (changes, last) = outgoing(from, *sent, u32::MAX).expect("outgoing");
    *sent = last;
    merge(to, &changes).expect("merge");
}

fn post(store: &mut Store, member: &MemberId, at: &str) -> String {
    let occurred_at = DateTime::parse_from_rfc3339(at)
        .expect("time")
        .timestamp_millis();
    store
        .write(|w| {
            log_activity(
                w,
                &NewActivity {
                    member: member.clone(),
                    activity_type: "post".to_owned(),
                    occurred_at,
                    platform: None,
                    url: None,
                    event: None,
                    campaign: None,
                },
            )
        })
        .expect("log")
        .as_str()
        .to_owned()
}

#[test]
fn merged_remote_activities_keep_the_rollups_exact() {
    let dir = tempfile::tempdir().expect("dir");
    let (mut tokyo, mut osaka) = (open(&dir, "t.kizuna"), open(&dir, "o.kizuna"));
    let mut sent = 0;
    let member = |store: &mut Store, name: &str| {
        store
            .write(|w| {
                create_member(
                    w,
                    &NewMember {
                        display_name: name.to_owned(),
                        ..NewMember::default()
                    },
                )
            })
            .expect("member")
    };
    let kenji = member(&mut tokyo, "Kenji Mori");
    let yui = member(&mut tokyo, "結衣");
    let first = post(&mut tokyo, &kenji, "2026-10-31T23:59:59.999Z");
    post(&mut tokyo, &kenji, "2026-11-01T00:00:00Z");
    let third = post(&mut tokyo, &yui, "2026-11-16T08:00:00Z");
    send(&tokyo, &mut osaka, &mut sent);
    assert_exact(&osaka, "new activities arrived");

    tokyo
        .write(|w| {
            w.update(
                SyncedTable::Activities,
                &third,
                &[("member_id", Value::Text(kenji.as_str().to_owned()))],
            )?;
            w.delete(SyncedTable::Activities, &first)
        })
        .expect("move one activity to Kenji, delete another");
    send(&tokyo, &mut osaka, &mut sent);
    assert_exact(&osaka, "a moved and a deleted activity arrived");

    tokyo
        .write(|w| erase_member(w, &kenji))
        .expect("erase Kenji");
    send(&tokyo, &mut osaka, &mut sent);
    assert_exact(&osaka, "an erasure arrived");
    let left: i64 = osaka
        .conn()
        .query_row("SELECT count(*) FROM activity_months", [], |r| r.get(0))
        .expect("count");
    assert_eq!(left, 0, "Kenji had every activity left");
}
