//! The Dashboard's figures on a small community whose answers are known by hand.

mod common;

use chrono::Duration;
use common::{
    activity, add_event, add_member_joined, at, days_ago, event, log, ms, new_store, now, now_ms,
};
use kizuna_core::Store;
use kizuna_core::activities::{MonthCount, activities_per_month};
use kizuna_core::dashboard::{active_members, summary};
use kizuna_core::events::{EventStatus, RegistrationStatus, register};
use kizuna_core::ids::{EventId, MemberId};
use kizuna_core::store::SyncedTable;
use rusqlite::types::Value;

const DAY: i64 = 86_400_000;

fn soft_delete(store: &mut Store, member: &MemberId) {
    store
        .write(|w| {
            w.update(
                SyncedTable::Members,
                member.as_str(),
                &[("deleted_at", Value::Integer(now_ms()))],
            )
        })
        .expect("soft delete");
}

fn register_as(store: &mut Store, event: &EventId, member: &MemberId, status: RegistrationStatus) {
    store
        .write(|w| register(w, event, member, status, days_ago(7), None))
        .expect("register");
}

/// Who is in the community and what they did, around "now" (2026-11-23 noon UTC).
struct Community {
    store: Store,
    _dir: tempfile::TempDir,
    members: Vec<MemberId>,
}

fn community() -> Community {
    let (dir, mut store) = new_store();
    let long_ago = ms("2025-03-01T09:00:00Z");
    let members = vec![
        add_member_joined(&mut store, "山田 太郎", long_ago),
        // The last millisecond of October: not new this month.
        add_member_joined(&mut store, "Olivia Smith", ms("2026-10-31T23:59:59.999Z")),
        // The first millisecond of November: new this month.
        add_member_joined(&mut store, "佐藤 花子", ms("2026-11-01T00:00:00Z")),
        add_member_joined(&mut store, "Liam Wilson", ms("2026-11-20T15:30:00Z")),
    ];
    let gone = add_member_joined(&mut store, "Deleted Member", ms("2026-11-10T10:00:00Z"));
    soft_delete(&mut store, &gone);

    log(&mut store, &activity(&members[0], "post", days_ago(29)));
    log(&mut store, &activity(&members[1], "comment", days_ago(31)));
    log(&mut store, &activity(&members[2], "reaction", days_ago(3)));
    log(&mut store, &activity(&members[2], "comment", days_ago(5)));
    Community {
        store,
        _dir: dir,
        members,
    }
}

#[test]
fn member_counts_exclude_deleted_members_and_split_by_this_month() {
    let c = community();
    let s = summary(c.store.conn(), now()).expect("summary");
    assert_eq!(s.members, 4);
    assert_eq!(s.new_this_month, 2);
    assert_eq!(s.activities, 4);
}

#[test]
fn active_means_an_activity_in_the_last_30_days_counted_once_per_member() {
    let c = community();
    let s = summary(c.store.conn(), now()).expect("summary");
    // 29 days ago counts, 31 days ago does not, and two activities are one active member.
    assert_eq!(s.active30d, 2);
    let a_week_later = now() + Duration::days(7);
    assert_eq!(
        active_members(c.store.conn(), a_week_later).expect("active"),
        1
    );
}

#[test]
fn a_deleted_members_recent_activity_does_not_make_them_active() {
    let mut c = community();
    let gone = add_member_joined(&mut c.store, "Left Yesterday", days_ago(100));
    log(&mut c.store, &activity(&gone, "post", days_ago(1)));
    assert_eq!(
        summary(c.store.conn(), now()).expect("summary").active30d,
        3
    );

    soft_delete(&mut c.store, &gone);

    let s = summary(c.store.conn(), now()).expect("summary");
    assert_eq!(s.active30d, 2);
    assert!(s.active30d <= s.members);
}

#[test]
fn upcoming_events_skip_past_and_cancelled_ones_and_count_who_is_going() {
    let mut c = community();
    let store = &mut c.store;
    add_event(
        store,
        &event("Cupping Session #4", now_ms() - DAY, EventStatus::Done),
    );
    add_event(
        store,
        &event(
            "Osaka Coffee Walk #2",
            now_ms() + 2 * DAY,
            EventStatus::Cancelled,
        ),
    );
    let in_3_days = add_event(
        store,
        &event(
            "ハンドドリップ講座 #5",
            now_ms() + 3 * DAY,
            EventStatus::Published,
        ),
    );
    let tomorrow = add_event(
        store,
        &event(
            "Latte Art Workshop #6",
            now_ms() + DAY,
            EventStatus::Published,
        ),
    );
    add_event(
        store,
        &event(
            "Hinata Meetup Tokyo #3",
            now_ms() + 10 * DAY,
            EventStatus::Draft,
        ),
    );
    add_event(
        store,
        &event(
            "オンライン座談会 #2",
            now_ms() + 20 * DAY,
            EventStatus::Published,
        ),
    );
    add_event(
        store,
        &event(
            "新豆テイスティング会 #4",
            now_ms() + 30 * DAY,
            EventStatus::Published,
        ),
    );
    add_event(
        store,
        &event(
            "Community AMA #1",
            now_ms() + 40 * DAY,
            EventStatus::Published,
        ),
    );
    let m = c.members.clone();
    register_as(store, &in_3_days, &m[0], RegistrationStatus::Going);
    register_as(store, &in_3_days, &m[1], RegistrationStatus::Going);
    register_as(store, &in_3_days, &m[2], RegistrationStatus::Waitlist);
    register_as(store, &in_3_days, &m[3], RegistrationStatus::Cancelled);
    register_as(store, &tomorrow, &m[2], RegistrationStatus::Going);

    let s = summary(store.conn(), now()).expect("summary");

    assert_eq!(s.upcoming_events, 6);
    let next: Vec<(&str, u32)> = s
        .next_events
        .iter()
        .map(|e| (e.title.as_str(), e.going))
        .collect();
    assert_eq!(
        next,
        [
            ("Latte Art Workshop #6", 1),
            ("ハンドドリップ講座 #5", 2),
            ("Hinata Meetup Tokyo #3", 0),
            ("オンライン座談会 #2", 0),
            ("新豆テイスティング会 #4", 0),
        ]
    );
    assert_eq!(s.next_events[0].starts_at, now_ms() + DAY);
    assert_eq!(s.next_events[0].capacity, Some(30));
}

fn month(year: i32, month: u32, count: u32) -> MonthCount {
    MonthCount { year, month, count }
}

#[test]
fn activities_per_month_counts_each_utc_month_from_its_first_millisecond() {
    let (_dir, mut store) = new_store();
    let member = add_member_joined(&mut store, "Emma Brown", ms("2026-01-01T00:00:00Z"));
    for when in [
        "2026-08-31T23:59:59.999Z",
        "2026-09-01T00:00:00.000Z",
        "2026-10-15T12:00:00Z",
        // 08:00 on 1 November in Tokyo is still October in UTC.
        "2026-11-01T08:00:00+09:00",
        "2026-11-01T00:00:00.000Z",
        "2026-11-23T11:00:00Z",
    ] {
        log(&mut store, &activity(&member, "comment", ms(when)));
    }

    let months = activities_per_month(store.conn(), now(), 3).expect("per month");

    assert_eq!(
        months,
        [month(2026, 9, 1), month(2026, 10, 2), month(2026, 11, 2)]
    );
}

#[test]
fn activities_per_month_crosses_the_new_year() {
    let (_dir, mut store) = new_store();
    let member = add_member_joined(&mut store, "Noah Garcia", ms("2026-01-01T00:00:00Z"));
    for when in [
        "2026-11-30T23:00:00Z",
        "2026-12-31T23:59:59.999Z",
        "2027-01-01T00:00:00Z",
    ] {
        log(&mut store, &activity(&member, "post", ms(when)));
    }

    let months =
        activities_per_month(store.conn(), at("2027-01-10T09:00:00Z"), 3).expect("per month");

    assert_eq!(
        months,
        [month(2026, 11, 1), month(2026, 12, 1), month(2027, 1, 1)]
    );
}
