//! The engagement charts' queries on a hand-built community whose answers are known: members
//! joining on chosen instants (often the first or last millisecond of a month or week),
//! activities at chosen times, a deleted member whose activity must never count and an
//! activity dated after "now" that must not count yet.

mod common;

use common::{activity, add_member_joined, log, ms, new_store, now, now_ms};
use kizuna_core::engagement::{RecomputeMode, level_distribution, recompute};
use kizuna_core::ids::MemberId;
use kizuna_core::insights::{
    FirstContributionBuckets, Granularity, Month, active_members, activity_mix, cohort_retention,
    engagement_by_level, time_to_first_contribution,
};
use kizuna_core::store::SyncedTable;
use kizuna_core::{CoreError, Store};
use rusqlite::params;
use rusqlite::types::Value;
use tempfile::TempDir;

/// The community every test reads ("now" is Monday 23 November 2026, 12:00 UTC).
struct Community {
    _dir: TempDir,
    store: Store,
    aiko: MemberId,
    ben: MemberId,
    eri: MemberId,
    fumi: MemberId,
}

fn on(store: &mut Store, member: &MemberId, kind: &str, at: &str, platform: Option<&str>) {
    let mut new = activity(member, kind, ms(at));
    new.platform = platform.map(str::to_owned);
    log(store, &new);
}

fn community() -> Community {
    let (dir, mut store) = new_store();
    let s = &mut store;
    let fumi = add_member_joined(s, "Fumi", ms("2025-01-10T09:00:00Z"));
    let aiko = add_member_joined(s, "Aiko", ms("2026-09-01T00:00:00Z"));
    let ben = add_member_joined(s, "Ben", ms("2026-09-30T23:59:59.999Z"));
    let eri = add_member_joined(s, "Eri", ms("2026-10-01T00:00:00Z"));
    let chika = add_member_joined(s, "Chika", ms("2026-10-15T10:00:00Z"));
    let dan = add_member_joined(s, "Dan", ms("2026-11-01T00:00:00Z"));
    let genta = add_member_joined(s, "Genta", ms("2026-11-02T23:00:00Z"));

    on(
        s,
        &aiko,
        "comment",
        "2026-09-01T00:00:00Z",
        Some("discourse"),
    );
    on(
        s,
        &aiko,
        "reaction",
        "2026-10-05T08:00:00Z",
        Some("discord"),
    );
    on(s, &aiko, "post", "2026-11-23T11:00:00Z", Some("discourse"));
    on(s, &ben, "reaction", "2026-10-01T00:00:00Z", Some("discord"));
    on(s, &ben, "answer", "2026-10-20T15:00:00Z", Some("discourse"));
    on(s, &chika, "vote", "2026-11-02T09:00:00Z", None);
    on(s, &dan, "post", "2026-11-30T09:00:00Z", Some("discord"));
    on(
        s,
        &genta,
        "comment",
        "2026-11-09T01:00:00Z",
        Some("discord"),
    );
    on(s, &eri, "post", "2026-10-02T10:00:00Z", Some("discord"));
    on(s, &eri, "comment", "2026-11-16T10:00:00Z", Some("discord"));
    on(
        s,
        &fumi,
        "comment",
        "2026-11-15T23:59:59.999Z",
        Some("discord"),
    );
    on(s, &fumi, "comment", "2026-11-16T00:00:00Z", Some("discord"));
    store
        .write(|w| {
            w.update(
                SyncedTable::Members,
                eri.as_str(),
                &[("deleted_at", Value::Integer(ms("2026-11-20T00:00:00Z")))],
            )
        })
        .expect("delete Eri");
    Community {
        _dir: dir,
        store,
        aiko,
        ben,
        eri,
        fumi,
    }
}

#[test]
fn active_members_per_iso_week_count_each_member_once_from_monday_midnight() {
    let c = community();
    let weeks = active_members(c.store.conn(), now(), Granularity::Week, 3).expect("weeks");
    let starts: Vec<i64> = weeks.periods.iter().map(|p| p.start).collect();
    assert_eq!(
        starts,
        [
            ms("2026-11-09T00:00:00Z"),
            ms("2026-11-16T00:00:00Z"),
            ms("2026-11-23T00:00:00Z")
        ]
    );
    assert_eq!(weeks.periods[2].end, ms("2026-11-30T00:00:00Z"));
    // Nov 9: Fumi on Sunday's last ms, Genta. Nov 16: Fumi at Monday 00:00 (Eri is deleted).
    // Nov 23: Aiko; Dan's post is dated next week.
    let counts: Vec<u32> = weeks.periods.iter().map(|p| p.members).collect();
    assert_eq!(counts, [2, 1, 1]);
}

#[test]
fn active_members_per_month_leave_out_deleted_members_and_future_activity() {
    let c = community();
    let months = active_members(c.store.conn(), now(), Granularity::Month, 4).expect("months");
    assert_eq!(months.periods[0].start, ms("2026-08-01T00:00:00Z"));
    let counts: Vec<u32> = months.periods.iter().map(|p| p.members).collect();
    // Sep: Aiko. Oct: Aiko, Ben (at Oct 1 00:00). Nov: Aiko, Chika, Genta, Fumi.
    assert_eq!(counts, [0, 1, 2, 4]);
}

#[test]
fn cohort_retention_follows_each_join_month_to_now() {
    let c = community();
    let cohorts = cohort_retention(c.store.conn(), now(), 3).expect("cohorts");
    let got: Vec<(Month, u32, Vec<u32>, Vec<f64>)> = cohorts
        .cohorts
        .into_iter()
        .map(|c| (c.month, c.size, c.active, c.retention))
        .collect();
    let month = |month| Month { year: 2026, month };
    assert_eq!(
        got,
        [
            // Aiko and Ben (who joined on September's last millisecond).
            (month(9), 2, vec![1, 2, 1], vec![0.5, 1.0, 0.5]),
            // Chika only: Eri is deleted.
            (month(10), 1, vec![0, 1], vec![0.0, 1.0]),
            // Dan (whose post is dated after now) and Genta.
            (month(11), 2, vec![1], vec![0.5]),
        ]
    );
}

#[test]
fn time_to_first_contribution_ignores_reactions_votes_and_the_future() {
    let c = community();
    let t = time_to_first_contribution(c.store.conn(), now(), 3).expect("first contribution");
    let per_month: Vec<(u32, [u32; 6], Option<f64>)> = t
        .months
        .iter()
        .map(|m| (m.joined, m.buckets.as_array(), m.median_days))
        .collect();
    assert_eq!(
        per_month,
        [
            // Aiko commented the instant she joined; Ben reacted first, answered 20 days later.
            (2, [1, 0, 1, 0, 0, 0], Some(10.0)),
            // Chika only voted.
            (1, [0, 0, 0, 0, 0, 1], None),
            // Genta: 23:00 Nov 2 to 01:00 Nov 9 is 7 calendar days; Dan's post is not due yet.
            (2, [0, 1, 0, 0, 0, 1], Some(7.0)),
        ]
    );
    assert_eq!(
        t.total,
        FirstContributionBuckets {
            same_day: 1,
            within7_days: 1,
            within30_days: 1,
            within90_days: 0,
            later: 0,
            not_yet: 2,
        }
    );
    assert_eq!(t.median_days, Some(7.0));
}

#[test]
fn activity_mix_counts_types_and_platforms_of_live_members_in_the_window() {
    let c = community();
    let mix = activity_mix(c.store.conn(), now(), 30).expect("mix");
    assert_eq!(mix.to, now_ms());
    assert_eq!(mix.from, ms("2026-10-24T12:00:00Z"));
    let types: Vec<(&str, &str, u32)> = mix
        .by_type
        .iter()
        .map(|t| (t.key.as_str(), t.label_ja.as_str(), t.count))
        .collect();
    assert_eq!(
        types,
        [
            ("comment", "コメント", 3),
            ("post", "投稿", 1),
            ("vote", "アイデアに投票", 1)
        ]
    );
    let platforms: Vec<(Option<&str>, u32)> = mix
        .by_platform
        .iter()
        .map(|p| (p.platform.as_deref(), p.count))
        .collect();
    assert_eq!(
        platforms,
        [(Some("discord"), 3), (None, 1), (Some("discourse"), 1)]
    );
}

fn add_change(store: &Store, member: &MemberId, from: i64, to: i64, at: &str) {
    store
        .conn()
        .execute(
            "INSERT INTO level_changes (member_id, from_rank, to_rank, at, score, cause)
             VALUES (?1, ?2, ?3, ?4, 0, 'activity')",
            params![member.as_str(), from, to, ms(at)],
        )
        .expect("record a level change");
}

#[test]
fn engagement_by_level_replays_the_level_history_at_each_month_end() {
    let c = community();
    let s = &c.store;
    add_change(s, &c.aiko, 1, 2, "2026-09-01T00:00:00Z");
    add_change(s, &c.aiko, 2, 3, "2026-10-31T23:59:59.999Z");
    add_change(s, &c.aiko, 3, 2, "2026-11-01T00:00:00Z");
    add_change(s, &c.ben, 1, 2, "2026-10-20T15:00:00Z");
    add_change(s, &c.ben, 2, 3, "2026-11-30T00:00:00Z");
    add_change(s, &c.eri, 1, 4, "2026-10-02T10:00:00Z");
    // A rank from levels edited since counts under the highest level below it.
    add_change(s, &c.fumi, 1, 9, "2025-06-01T00:00:00Z");

    let by_level = engagement_by_level(s.conn(), now(), 4).expect("levels");
    assert_eq!(
        by_level.months[0],
        Month {
            year: 2026,
            month: 8
        }
    );
    let got: Vec<(&str, Vec<u32>)> = by_level
        .levels
        .iter()
        .map(|l| (l.level.key.as_str(), l.members.clone()))
        .collect();
    assert_eq!(
        got,
        [
            ("newcomer", vec![0, 1, 1, 3]),
            ("participant", vec![0, 1, 1, 2]),
            ("contributor", vec![0, 0, 1, 0]),
            ("advocate", vec![0, 0, 0, 0]),
            ("champion", vec![1, 1, 1, 1]),
        ]
    );
}

#[test]
fn the_current_month_agrees_with_the_level_distribution_after_a_recompute() {
    let mut c = community();
    c.store
        .write(|w| recompute(w, now_ms(), RecomputeMode::Full))
        .expect("recompute");
    let by_level = engagement_by_level(c.store.conn(), now(), 2).expect("levels");
    let current: Vec<u32> = by_level.levels.iter().map(|l| l.members[1]).collect();
    let stored: Vec<u32> = level_distribution(c.store.conn())
        .expect("distribution")
        .iter()
        .map(|l| l.members)
        .collect();
    assert_eq!(current, stored);
    assert!(current[1..].iter().sum::<u32>() > 0, "{current:?}");
}

#[test]
fn a_range_of_zero_or_too_many_periods_is_refused() {
    let c = community();
    let conn = c.store.conn();
    let err = active_members(conn, now(), Granularity::Week, 0).expect_err("zero weeks");
    assert!(
        matches!(&err, CoreError::InvalidInput(m) if m.to_string() == "a chart covers 1 to 522 weeks (got 0)"),
        "{err}"
    );
    assert!(matches!(
        cohort_retention(conn, now(), 121),
        Err(CoreError::InvalidInput(_))
    ));
    assert!(matches!(
        activity_mix(conn, now(), 0),
        Err(CoreError::InvalidInput(_))
    ));
}

#[test]
fn an_empty_community_gives_zero_series_not_errors() {
    let (_dir, store) = new_store();
    let conn = store.conn();
    let weeks = active_members(conn, now(), Granularity::Week, 8).expect("weeks");
    assert_eq!(weeks.periods.len(), 8);
    assert!(weeks.periods.iter().all(|p| p.members == 0));
    let cohorts = cohort_retention(conn, now(), 6).expect("cohorts");
    assert!(cohorts.cohorts.iter().all(|c| c.size == 0));
    assert_eq!(
        time_to_first_contribution(conn, now(), 6)
            .expect("first contribution")
            .median_days,
        None
    );
    assert!(
        activity_mix(conn, now(), 30)
            .expect("mix")
            .by_type
            .is_empty()
    );
    let levels = engagement_by_level(conn, now(), 3).expect("levels");
    assert!(levels.levels.iter().all(|l| l.members == [0, 0, 0]));
}
