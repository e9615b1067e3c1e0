//! Active members per week or month: distinct members with at least one activity.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};
use serde::Serialize;
use ts_rs::TS;

use super::{Granularity, MAX_MONTHS, MAX_WEEKS, check_range, spans};
use crate::error::Result;

/// Active members in one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActivePeriod {
    /// First millisecond of the period (unix ms, UTC).
    #[ts(type = "number")]
    pub start: i64,
    /// First millisecond of the next period (unix ms, UTC).
    #[ts(type = "number")]
    pub end: i64,
    /// Live members with at least one activity in the period (up to `now` for the last one).
    pub members: u32,
}

/// Active members per period, oldest first, the period containing `now` last (partial).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActiveMembers {
    pub granularity: Granularity,
    pub periods: Vec<ActivePeriod>,
}

/// Distinct live members with at least one activity in each of the last `periods` ISO weeks
/// (Monday 00:00 UTC) or calendar months, the current one counted up to `now`.
pub fn active_members(
    conn: &Connection,
    now: DateTime<Utc>,
    granularity: Granularity,
    periods: u32,
) -> Result<ActiveMembers> {
    match granularity {
        Granularity::Week => check_range(periods, MAX_WEEKS, "weeks")?,
        Granularity::Month => check_range(periods, MAX_MONTHS, "months")?,
    }
    // Distinct members straight from the (occurred_at, member_id) index, minus the few deleted
    // ones found through the deleted-members index: joining every activity to its member is
    // several times slower at 2M activities.
    let mut everyone = conn.prepare_cached(
        "SELECT count(DISTINCT member_id) FROM activities
         WHERE occurred_at >= ?1 AND occurred_at <= ?2",
    )?;
    let mut deleted = conn.prepare_cached(
        "SELECT count(*) FROM members m WHERE m.deleted_at IS NOT NULL AND EXISTS (
             SELECT 1 FROM activities a
             WHERE a.member_id = m.id AND a.occurred_at >= ?1 AND a.occurred_at <= ?2)",
    )?;
    let periods = spans(now, granularity, periods)
        .into_iter()
        .map(|span| {
            let range = params![span.start_ms(), span.last_ms(now)];
            let all: u32 = everyone.query_row(range, |r| r.get(0))?;
            let gone: u32 = deleted.query_row(range, |r| r.get(0))?;
            Ok(ActivePeriod {
                start: span.start_ms(),
                end: span.end_ms(),
                members: all.saturating_sub(gone),
            })
        })
        .collect::<Result<_>>()?;
    Ok(ActiveMembers {
        granularity,
        periods,
    })
}
