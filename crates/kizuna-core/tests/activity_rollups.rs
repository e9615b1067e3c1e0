//! The month and week rollups of activities (what the Dashboard, the engagement charts and the
//! reports count active members from) always equal a count made from the activities
//! themselves: after inserts, deletes, a moved activity, a merge, its undo and an erasure.

mod common;

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike};
use common::{activity, add_member_joined, log, ms, new_store};
use kizuna_core::Store;
use kizuna_core::insights::{Granularity, active_members, active_members_between};
use kizuna_core::members::erase_member;
use kizuna_core::merge::{FieldChoices, merge_members, undo_merge};
use kizuna_core::store::SyncedTable;
use rusqlite::types::Value;

/// (period, member) → activities, as a table holds them or as counted afresh.
type Rollup = BTreeMap<(i64, String), i64>;

fn table(store: &Store, sql: &str) -> Rollup {
    let mut stmt = store.conn().prepare(sql).expect("prepare");
    stmt.query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))
        .expect("read the rollup")
        .collect::<rusqlite::Result<_>>()
        .expect("rows")
}

/// Both rollups counted from the activities, with chrono's calendar.
fn recomputed(store: &Store) -> (Rollup, Rollup) {
    let (mut months, mut weeks) = (Rollup::new(), Rollup::new());
    let mut stmt = store
        .conn()
        .prepare("SELECT member_id, occurred_at FROM activities")
        .expect("prepare");
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
        .expect("read activities");
    for row in rows {
        let (member, at) = row.expect("row");
        let day = DateTime::from_timestamp_millis(at).expect("a time");
        let month = (i64::from(day.year()) - 1970) * 12 + i64::from(day.month0());
        // Week 0 starts on Monday 1969-12-29, three days before the epoch.
        let week = (at + 3 * 86_400_000).div_euclid(7 * 86_400_000);
        *months.entry((month, member.clone())).or_default() += 1;
        *weeks.entry((week, member)).or_default() += 1;
    }
    (months, weeks)
}

fn assert_exact(store: &Store, after: &str) {
    let (months, weeks) = recomputed(store);
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

fn delete(store: &mut Store, id: &str) {
    store
        .write(|w| w.delete(SyncedTable::Activities, id))
        .expect("delete an activity");
}

#[test]
fn rollups_equal_a_recount_after_inserts_deletes_moves_a_merge_its_undo_and_an_erasure() {
    let (_dir, mut store) = new_store();
    let joined = ms("2026-01-05T00:00:00Z");
    let aki = add_member_joined(&mut store, "青木 秋", joined);
    let ben = add_member_joined(&mut store, "Ben Carter", joined);
    let chika = add_member_joined(&mut store, "千夏", joined);
    // Both sides of a month end (a Saturday into a Sunday) and of a week end (Sunday into
    // Monday), twice in one month, and one before 1970.
    let times = [
        "2026-01-31T23:59:59.999Z",
        "2026-02-01T00:00:00Z",
        "2026-03-01T23:59:59.999Z",
        "2026-03-02T00:00:00Z",
        "2026-03-02T08:00:00Z",
        "1969-12-31T23:59:59.999Z",
    ];
    let mut logged = Vec::new();
    for (i, at) in times.iter().enumerate() {
        for member in [&aki, &ben, &chika].into_iter().take(1 + i % 3) {
            logged.push(log(&mut store, &activity(member, "post", ms(at))));
        }
    }
    assert_exact(&store, "inserts");

    delete(&mut store, logged[0].as_str());
    delete(&mut store, logged[4].as_str());
    assert_exact(&store, "deletes");

    store
        .write(|w| {
            w.update(
                SyncedTable::Activities,
                logged[1].as_str(),
                &[("occurred_at", Value::Integer(ms("2026-04-15T10:00:00Z")))],
            )
        })
        .expect("move an activity in time");
    assert_exact(&store, "a move in time");

    let merge = store
        .write(|w| merge_members(w, &aki, &ben, &FieldChoices::default()))
        .expect("merge Ben into Aki");
    assert_exact(&store, "a merge");
    store
        .write(|w| undo_merge(w, &merge))
        .expect("undo the merge");
    assert_exact(&store, "its undo");

    store
        .write(|w| erase_member(w, &chika))
        .expect("erase Chika");
    assert_exact(&store, "an erasure");
}

#[test]
fn active_members_from_the_rollups_match_the_activities_around_now() {
    let (_dir, mut store) = new_store();
    let joined = ms("2026-01-05T00:00:00Z");
    let aki = add_member_joined(&mut store, "青木 秋", joined);
    let ben = add_member_joined(&mut store, "Ben Carter", joined);
    // NOW is Monday 2026-11-23 12:00 UTC: Aki's second post is later that day.
    log(
        &mut store,
        &activity(&aki, "post", ms("2026-11-02T09:00:00Z")),
    );
    log(
        &mut store,
        &activity(&ben, "post", ms("2026-11-23T08:00:00Z")),
    );
    log(
        &mut store,
        &activity(&aki, "post", ms("2026-11-23T18:00:00Z")),
    );
    let now = common::now();

    let weeks = active_members(store.conn(), now, Granularity::Week, 4).expect("weeks");
    let counts: Vec<u32> = weeks.periods.iter().map(|p| p.members).collect();
    // The current week counts Ben (before now), not Aki's post later today.
    assert_eq!(counts, vec![1, 0, 0, 1]);
    let months = active_members(store.conn(), now, Granularity::Month, 2).expect("months");
    let counts: Vec<u32> = months.periods.iter().map(|p| p.members).collect();
    assert_eq!(counts, vec![0, 2]);

    // Any range: whole months, whole weeks and loose days.
    let between = |from: &str, to: &str| {
        active_members_between(store.conn(), ms(from), ms(to) - 1).expect("range")
    };
    assert_eq!(between("2026-06-08T00:00:00Z", "2026-12-09T00:00:00Z"), 2);
    assert_eq!(between("2026-11-03T00:00:00Z", "2026-11-23T08:00:00Z"), 0);
    assert_eq!(
        between("2026-11-03T00:00:00Z", "2026-11-23T08:00:00.001Z"),
        1
    );
    assert_eq!(
        between("2026-11-02T09:00:00Z", "2026-11-02T09:00:00.001Z"),
        1
    );
}
