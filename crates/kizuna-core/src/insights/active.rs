//! Active members per week or month: distinct members with at least one activity.

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::rollup::{Rollup, exact_up_to, live_members_between};
use super::{Granularity, MAX_MONTHS, MAX_WEEKS, RangeUnit, check_range, spans};
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
        Granularity::Week => check_range(periods, MAX_WEEKS, RangeUnit::Weeks)?,
        Granularity::Month => check_range(periods, MAX_MONTHS, RangeUnit::Months)?,
    }
    let rollup = match granularity {
        Granularity::Week => Rollup::Week,
        Granularity::Month => Rollup::Month,
    };
    let periods = spans(now, granularity, periods)
        .into_iter()
        .map(|span| {
            let last = span.last_ms(now);
            // A whole period is its rollup rows; the current one only when nothing in it is
            // dated after `now`.
            let members = if exact_up_to(conn, last, span.end_ms())? {
                rollup.live_members(conn, rollup.period_of(span.start))?
            } else {
                live_members_between(conn, span.start_ms(), last)?
            };
            Ok(ActivePeriod {
                start: span.start_ms(),
                end: span.end_ms(),
                members,
            })
        })
        .collect::<Result<_>>()?;
    Ok(ActiveMembers {
        granularity,
        periods,
    })
}

/// Live members with at least one activity from `from_ms` to `to_ms` (both included), e.g. in
/// a report's period.
pub fn active_members_between(conn: &Connection, from_ms: i64, to_ms: i64) -> Result<u32> {
    live_members_between(conn, from_ms, to_ms)
}
