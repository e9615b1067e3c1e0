//! Reading the activity rollups of migration 20: one row per (calendar month, member) and per
//! (ISO week, member) with activity, kept exact by triggers on `activities`. A period's active
//! members are then that period's rows (tens of thousands) instead of its activities (hundreds
//! of thousands), minus the few deleted members found through their own index.

use std::collections::HashSet;

use chrono::{DateTime, Datelike, TimeZone, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::error::Result;

/// One day in milliseconds.
const DAY_MS: i64 = 86_400_000;
/// One week in milliseconds.
const WEEK_MS: i64 = 7 * DAY_MS;
/// Monday 1969-12-29 00:00 UTC, where week 0 starts, is 3 days before the unix epoch.
const WEEK_ZERO_OFFSET_MS: i64 = 3 * DAY_MS;

/// A rollup table and the name of its period column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rollup {
    /// `activity_months (month, member_id, activities)`.
    Month,
    /// `activity_weeks (week, member_id, activities)`.
    Week,
}

impl Rollup {
    /// The period of `start` (the first millisecond of a month or an ISO week) as the table
    /// keys it.
    pub(crate) fn period_of(self, start: DateTime<Utc>) -> i64 {
        match self {
            Self::Month => month_index(start),
            Self::Week => week_index(start.timestamp_millis()),
        }
    }

    /// Live members with at least one activity in `period` (all of it). CROSS JOIN starts at
    /// the few deleted members: SQLite, without statistics, would otherwise look up the member
    /// of every row of the period (68 ms a week at 100k members, against 1 ms).
    pub(crate) fn live_members(self, conn: &Connection, period: i64) -> Result<u32> {
        let sql = match self {
            Self::Month => {
                "SELECT (SELECT count(*) FROM activity_months WHERE month = ?1)
                      - (SELECT count(*) FROM members m
                         CROSS JOIN activity_months r ON r.month = ?1 AND r.member_id = m.id
                         WHERE m.deleted_at IS NOT NULL)"
            }
            Self::Week => {
                "SELECT (SELECT count(*) FROM activity_weeks WHERE week = ?1)
                      - (SELECT count(*) FROM members m
                         CROSS JOIN activity_weeks r ON r.week = ?1 AND r.member_id = m.id
                         WHERE m.deleted_at IS NOT NULL)"
            }
        };
        Ok(conn
            .prepare_cached(sql)?
            .query_row([period], |r| r.get(0))?)
    }
}

/// Months since January 1970 (UTC) of the month containing `at`.
pub(crate) fn month_index(at: DateTime<Utc>) -> i64 {
    (i64::from(at.year()) - 1970) * 12 + i64::from(at.month0())
}

/// ISO weeks since Monday 1969-12-29 (UTC) of the week containing `ms`.
pub(crate) fn week_index(ms: i64) -> i64 {
    (ms + WEEK_ZERO_OFFSET_MS).div_euclid(WEEK_MS)
}

/// Whether a period's rollup row counts only activities up to `last_ms`: true unless some
/// activity is dated after `last_ms` and before `end_ms` (the current period, with
/// activities dated later than now, or a period cut short by the caller).
pub(crate) fn exact_up_to(conn: &Connection, last_ms: i64, end_ms: i64) -> Result<bool> {
    if last_ms + 1 >= end_ms {
        return Ok(true);
    }
    let later: Option<i64> = conn
        .prepare_cached(
            "SELECT 1 FROM activities WHERE occurred_at > ?1 AND occurred_at < ?2 LIMIT 1",
        )?
        .query_row(params![last_ms, end_ms], |r| r.get(0))
        .optional()?;
    Ok(later.is_none())
}

/// Live members with at least one activity from `from_ms` to `to_ms` (both included): the
/// whole months inside the range from the month rollup, whole weeks at its edges from the week
/// rollup, and the few days left over from the activities, gathered into one set.
pub(crate) fn live_members_between(conn: &Connection, from_ms: i64, to_ms: i64) -> Result<u32> {
    let mut members: HashSet<String> = HashSet::new();
    for piece in pieces(from_ms, to_ms) {
        let (sql, a, b) = match piece {
            Piece::Months(a, b) => (
                "SELECT member_id FROM activity_months WHERE month >= ?1 AND month <= ?2",
                a,
                b,
            ),
            Piece::Weeks(a, b) => (
                "SELECT member_id FROM activity_weeks WHERE week >= ?1 AND week <= ?2",
                a,
                b,
            ),
            Piece::Days(a, b) => (
                "SELECT member_id FROM activities WHERE occurred_at >= ?1 AND occurred_at <= ?2",
                a,
                b,
            ),
        };
        let mut stmt = conn.prepare_cached(sql)?;
        let mut rows = stmt.query(params![a, b])?;
        while let Some(row) = rows.next()? {
            let id = row.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
            if !members.contains(id) {
                members.insert(id.to_owned());
            }
        }
    }
    let gone: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM members m WHERE m.deleted_at IS NOT NULL AND EXISTS (
                 SELECT 1 FROM activities a
                 WHERE a.member_id = m.id AND a.occurred_at >= ?1 AND a.occurred_at <= ?2)",
        )?
        .query_row(params![from_ms, to_ms], |r| r.get(0))?;
    let live = i64::try_from(members.len()).unwrap_or(i64::MAX) - gone;
    Ok(u32::try_from(live).unwrap_or(u32::MAX))
}

/// A part of a range read from one source: month or week numbers, or milliseconds (all
/// inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    Months(i64, i64),
    Weeks(i64, i64),
    Days(i64, i64),
}

/// Splits `from_ms..=to_ms` into the whole months inside it, the whole weeks inside what is
/// left on either side, and the remaining days (under a week on each side of each part).
fn pieces(from_ms: i64, to_ms: i64) -> Vec<Piece> {
    let mut out = Vec::new();
    if from_ms > to_ms {
        return out;
    }
    let months = month_of_ms(from_ms)
        .zip(month_of_ms(to_ms.saturating_add(1)))
        .map(|(first, after)| {
            let first = if month_start_ms(first) == Some(from_ms) {
                first
            } else {
                first + 1
            };
            (first, after - 1)
        });
    match months {
        Some((first, last)) if first <= last => {
            let (Some(start), Some(end)) = (month_start_ms(first), month_start_ms(last + 1)) else {
                weeks_and_days(from_ms, to_ms, &mut out);
                return out;
            };
            weeks_and_days(from_ms, start - 1, &mut out);
            out.push(Piece::Months(first, last));
            weeks_and_days(end, to_ms, &mut out);
        }
        _ => weeks_and_days(from_ms, to_ms, &mut out),
    }
    out
}

/// Pushes the whole weeks inside `from_ms..=to_ms` and the days before and after them.
fn weeks_and_days(from_ms: i64, to_ms: i64, out: &mut Vec<Piece>) {
    if from_ms > to_ms {
        return;
    }
    let start_of = |week: i64| week * WEEK_MS - WEEK_ZERO_OFFSET_MS;
    let first = (from_ms + WEEK_ZERO_OFFSET_MS + WEEK_MS - 1).div_euclid(WEEK_MS);
    let last = week_index(to_ms.saturating_add(1)) - 1;
    if first > last {
        out.push(Piece::Days(from_ms, to_ms));
        return;
    }
    if from_ms < start_of(first) {
        out.push(Piece::Days(from_ms, start_of(first) - 1));
    }
    out.push(Piece::Weeks(first, last));
    if start_of(last + 1) <= to_ms {
        out.push(Piece::Days(start_of(last + 1), to_ms));
    }
}

/// The month number of the month containing `ms`, if `ms` is a representable time.
fn month_of_ms(ms: i64) -> Option<i64> {
    DateTime::from_timestamp_millis(ms).map(month_index)
}

/// The first millisecond of month number `month`.
fn month_start_ms(month: i64) -> Option<i64> {
    let year = i32::try_from(1970 + month.div_euclid(12)).ok()?;
    let month0 = u32::try_from(month.rem_euclid(12)).ok()?;
    Utc.with_ymd_and_hms(year, month0 + 1, 1, 0, 0, 0)
        .single()
        .map(|t| t.timestamp_millis())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 0, 0, 0)
            .single()
            .expect("valid date")
    }

    #[test]
    fn months_and_weeks_are_numbered_as_the_migration_numbers_them() {
        assert_eq!(month_index(at(1970, 1, 1)), 0);
        assert_eq!(month_index(at(2023, 12, 31)), 647);
        assert_eq!(month_index(at(1969, 12, 31)), -1);
        // 2023-12-31 is a Sunday, 2024-01-01 a Monday.
        assert_eq!(week_index(at(2023, 12, 31).timestamp_millis()), 2817);
        assert_eq!(week_index(at(2024, 1, 1).timestamp_millis()), 2818);
        assert_eq!(week_index(-1), 0);
        assert_eq!(week_index(-WEEK_ZERO_OFFSET_MS - 1), -1);
    }

    fn ms(y: i32, m: u32, d: u32) -> i64 {
        at(y, m, d).timestamp_millis()
    }

    #[test]
    fn a_range_is_whole_months_then_whole_weeks_then_days() {
        // 2026-06-08 (a Monday) to the end of 2026-12-08 (a Tuesday).
        let (from, to) = (ms(2026, 6, 8), ms(2026, 12, 9) - 1);
        let june = month_index(at(2026, 6, 1));
        let week = |d: u32, m: u32| week_index(ms(2026, m, d));
        assert_eq!(
            pieces(from, to),
            vec![
                Piece::Weeks(week(8, 6), week(22, 6)),
                Piece::Days(ms(2026, 6, 29), ms(2026, 7, 1) - 1),
                Piece::Months(june + 1, june + 5),
                // 2026-12-01 is a Tuesday: no whole week fits before the 8th ends.
                Piece::Days(ms(2026, 12, 1), to),
            ]
        );
        // Under a week: days only; exactly one month: that month.
        assert_eq!(
            pieces(ms(2026, 6, 10), ms(2026, 6, 12)),
            vec![Piece::Days(ms(2026, 6, 10), ms(2026, 6, 12))]
        );
        assert_eq!(
            pieces(ms(2026, 6, 1), ms(2026, 7, 1) - 1),
            vec![Piece::Months(june, june)]
        );
    }
}
