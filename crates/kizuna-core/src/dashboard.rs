//! The figures on the Dashboard and in `kizuna stats`.

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::activities::month_start;
use crate::error::Result;
use crate::events::{EventSummary, count_upcoming, upcoming_events};

/// How far back "active" looks.
pub const ACTIVE_WINDOW_DAYS: i64 = 30;

/// The Dashboard's KPI cards and upcoming events.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DashboardSummary {
    pub members: u32,
    /// Members with at least one activity in the last 30 days.
    pub active30d: u32,
    /// Members who joined since the first of this month (UTC).
    pub new_this_month: u32,
    pub upcoming_events: u32,
    pub activities: u32,
    pub next_events: Vec<EventSummary>,
}

/// Computes the Dashboard figures at `now`.
pub fn summary(conn: &Connection, now: DateTime<Utc>) -> Result<DashboardSummary> {
    let now_ms = now.timestamp_millis();
    let count = |sql: &str, args: &[i64]| -> Result<u32> {
        Ok(conn
            .prepare_cached(sql)?
            .query_row(rusqlite::params_from_iter(args), |r| r.get(0))?)
    };
    Ok(DashboardSummary {
        members: count("SELECT count(*) FROM members WHERE deleted_at IS NULL", &[])?,
        active30d: active_members(conn, now)?,
        new_this_month: count(
            "SELECT count(*) FROM members WHERE deleted_at IS NULL AND joined_at >= ?1",
            &[month_start(now, 0).timestamp_millis()],
        )?,
        upcoming_events: count_upcoming(conn, now_ms)?,
        activities: count("SELECT count(*) FROM activities", &[])?,
        next_events: upcoming_events(conn, now_ms, 5)?,
    })
}

/// Live (not deleted) members with at least one activity in the 30 days before `now`.
pub fn active_members(conn: &Connection, now: DateTime<Utc>) -> Result<u32> {
    let window = [
        (now - Duration::days(ACTIVE_WINDOW_DAYS)).timestamp_millis(),
        now.timestamp_millis(),
    ];
    crate::insights::rollup::live_members_between(conn, window[0], window[1])
}

/// The headline numbers printed by `kizuna stats`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommunityStats {
    pub members: u32,
    pub activities: u32,
    pub events: u32,
    pub active_members_30d: u32,
}

/// Counts members, activities, events and active members at `now`.
pub fn stats(conn: &Connection, now: DateTime<Utc>) -> Result<CommunityStats> {
    let count = |sql: &str| -> Result<u32> { Ok(conn.query_row(sql, [], |r| r.get(0))?) };
    Ok(CommunityStats {
        members: count("SELECT count(*) FROM members WHERE deleted_at IS NULL")?,
        activities: count("SELECT count(*) FROM activities")?,
        events: count("SELECT count(*) FROM events")?,
        active_members_30d: active_members(conn, now)?,
    })
}
