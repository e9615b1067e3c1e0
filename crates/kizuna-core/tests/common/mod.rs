//! Fixtures shared by the integration tests: real community files in temp dirs, a fixed clock,
//! and small builders for members, activities and events.
// Each test file uses its own subset of these fixtures.
#![allow(dead_code)]

pub mod change_log;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use kizuna_core::activities::{NewActivity, ensure_builtin_types, log_activity};
use kizuna_core::events::{EventKind, EventStatus, NewEvent, create_event};
use kizuna_core::ids::{ActivityId, EventId, MemberId};
use kizuna_core::members::{NewIdentity, NewMember, create_member};
use kizuna_core::store::OpenMode;
use kizuna_core::{Clock, FixedClock, Store};
use rusqlite::types::Value;
use tempfile::TempDir;

/// "Now" in every test unless a test moves it: Monday 23 November 2026, noon UTC.
pub const NOW: &str = "2026-11-23T12:00:00Z";

/// An instant from RFC 3339 text.
pub fn at(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339)
        .expect("test timestamps are valid RFC 3339")
        .with_timezone(&Utc)
}

/// Unix milliseconds of an RFC 3339 instant.
pub fn ms(rfc3339: &str) -> i64 {
    at(rfc3339).timestamp_millis()
}

/// [`NOW`] as a `DateTime`.
pub fn now() -> DateTime<Utc> {
    at(NOW)
}

/// [`NOW`] in unix milliseconds.
pub fn now_ms() -> i64 {
    now().timestamp_millis()
}

/// Unix milliseconds `days` days before [`NOW`].
pub fn days_ago(days: i64) -> i64 {
    (now() - Duration::days(days)).timestamp_millis()
}

/// A clock stopped at `instant`.
pub fn clock_at(instant: DateTime<Utc>) -> Arc<dyn Clock> {
    Arc::new(FixedClock(instant))
}

/// A clock stopped at [`NOW`].
pub fn fixed_clock() -> Arc<dyn Clock> {
    clock_at(now())
}

/// A temp dir and the path of a (not yet existing) community file inside it.
pub fn temp_path() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("create a temp dir");
    let path = dir.path().join("community.kizuna");
    (dir, path)
}

/// Opens (creating if needed) the community file at `path` with the fixed clock.
pub fn open(path: &Path) -> Store {
    Store::open(path, OpenMode::CreateIfMissing, fixed_clock()).expect("open the community file")
}

/// A fresh community file with the built-in activity types, ready for members.
pub fn new_store() -> (TempDir, Store) {
    let (dir, path) = temp_path();
    let mut store = open(&path);
    store
        .write(ensure_builtin_types)
        .expect("create the built-in activity types");
    (dir, store)
}

/// A member with just a name.
pub fn named(display_name: &str) -> NewMember {
    NewMember {
        display_name: display_name.to_owned(),
        ..NewMember::default()
    }
}

/// A member with a name, a kana reading and an email.
pub fn person(display_name: &str, reading: Option<&str>, email: &str) -> NewMember {
    NewMember {
        display_name: display_name.to_owned(),
        name_reading: reading.map(str::to_owned),
        email: Some(email.to_owned()),
        ..NewMember::default()
    }
}

/// An identity on `platform`.
pub fn identity(platform: &str, handle: &str, followers: Option<i64>) -> NewIdentity {
    NewIdentity {
        platform: platform.to_owned(),
        handle: handle.to_owned(),
        url: None,
        followers,
    }
}

/// Adds one member in its own write.
pub fn add_member(store: &mut Store, new: &NewMember) -> MemberId {
    store
        .write(|w| create_member(w, new))
        .expect("create a member")
}

/// Adds a member who joined at `joined_at`.
pub fn add_member_joined(store: &mut Store, name: &str, joined_at: i64) -> MemberId {
    add_member(
        store,
        &NewMember {
            joined_at: Some(joined_at),
            ..named(name)
        },
    )
}

/// An activity of `activity_type` by `member` at `occurred_at`, on no platform.
pub fn activity(member: &MemberId, activity_type: &str, occurred_at: i64) -> NewActivity {
    NewActivity {
        member: member.clone(),
        activity_type: activity_type.to_owned(),
        occurred_at,
        platform: None,
        url: None,
        event: None,
        campaign: None,
    }
}

/// Logs one activity in its own write.
pub fn log(store: &mut Store, new: &NewActivity) -> ActivityId {
    store
        .write(|w| log_activity(w, new))
        .expect("log an activity")
}

/// An in-person event starting at `starts_at` for two hours.
pub fn event(title: &str, starts_at: i64, status: EventStatus) -> NewEvent {
    NewEvent {
        title: title.to_owned(),
        kind: EventKind::InPerson,
        starts_at,
        ends_at: starts_at + 2 * 3_600_000,
        time_zone: "Asia/Tokyo".to_owned(),
        venue: Some("Hinata Roastery 渋谷".to_owned()),
        address: None,
        url: None,
        capacity: Some(30),
        status,
        description: None,
        currency: None,
    }
}

/// Creates an event in its own write.
pub fn add_event(store: &mut Store, new: &NewEvent) -> EventId {
    store
        .write(|w| create_event(w, new))
        .expect("create an event")
}

/// Every row of a query, every column as a raw SQLite value.
pub fn rows(conn: &rusqlite::Connection, sql: &str) -> Vec<Vec<Value>> {
    let mut stmt = conn.prepare(sql).expect("prepare a test query");
    let width = stmt.column_count();
    stmt.query_map([], |r| (0..width).map(|i| r.get::<_, Value>(i)).collect())
        .expect("run a test query")
        .collect::<rusqlite::Result<Vec<_>>>()
        .expect("read the rows")
}

/// A single integer from a query.
pub fn count(conn: &rusqlite::Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0))
        .expect("run a counting query")
}
