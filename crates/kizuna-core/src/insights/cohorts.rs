//! Cohort retention: of the members who joined in a month, the share active in each month since.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};
use serde::Serialize;
use ts_rs::TS;

use super::rollup::{exact_up_to, month_index};
use super::{Granularity, MAX_MONTHS, Month, RangeUnit, check_range, spans};
use crate::error::Result;

/// The members who joined in one month and how many of them were active in each month since.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Cohort {
    /// The join month.
    pub month: Month,
    /// Live members who joined in that month.
    pub size: u32,
    /// Members with at least one activity in month `i` after joining (0 = the join month
    /// itself), up to the current month.
    pub active: Vec<u32>,
    /// `active[i] / size` (0 for an empty cohort).
    pub retention: Vec<f64>,
}

/// One cohort per join month, oldest first, the current month last.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CohortRetention {
    pub cohorts: Vec<Cohort>,
}

/// Retention of the cohorts who joined in each of the last `months` months (UTC): each cohort's
/// size and, for every calendar month from its join month to the current one, the share of it
/// with at least one activity in that month (the current month up to `now`).
pub fn cohort_retention(
    conn: &Connection,
    now: DateTime<Utc>,
    months: u32,
) -> Result<CohortRetention> {
    check_range(months, MAX_MONTHS, RangeUnit::Months)?;
    let spans = spans(now, Granularity::Month, months);
    let starts: Vec<i64> = spans.iter().map(|s| s.start_ms()).collect();
    let first = starts.first().copied().unwrap_or(i64::MIN);
    let last = spans.last().map_or(i64::MIN, |s| s.last_ms(now));
    let n = spans.len();
    let cohort_of = |joined_at: i64| {
        starts
            .partition_point(|s| *s <= joined_at)
            .saturating_sub(1)
    };

    let mut sizes = vec![0u32; n];
    let mut joined = conn.prepare_cached(
        "SELECT joined_at FROM members
         WHERE deleted_at IS NULL AND joined_at >= ?1 AND joined_at <= ?2",
    )?;
    let mut rows = joined.query(params![first, last])?;
    while let Some(row) = rows.next()? {
        sizes[cohort_of(row.get(0)?)] += 1;
    }

    // The months each cohort member was active in, from the (member, month) rollup: one index
    // range per member who joined in the window (CROSS JOIN keeps that order; SQLite would
    // otherwise read every rollup row of the window and look up its member, 6x slower). The current month comes from the activities
    // instead when some of them are dated after `now`.
    let mut active = vec![vec![0u32; n]; n];
    let mut count = |cohort: usize, calendar: usize| {
        if calendar >= cohort {
            active[cohort][calendar - cohort] += 1;
        }
    };
    let first_month = spans.first().map_or(0, |s| month_index(s.start));
    let current = spans.last().copied();
    let current_exact = match current {
        Some(span) => exact_up_to(conn, span.last_ms(now), span.end_ms())?,
        None => true,
    };
    let months = i64::try_from(n).unwrap_or(0) - i64::from(!current_exact);
    let mut from_rollup = conn.prepare_cached(
        "SELECT m.joined_at, r.month FROM members m
         CROSS JOIN activity_months r ON r.member_id = m.id AND r.month >= ?3 AND r.month < ?4
         WHERE m.deleted_at IS NULL AND m.joined_at >= ?1 AND m.joined_at <= ?2",
    )?;
    let mut rows = from_rollup.query(params![first, last, first_month, first_month + months])?;
    while let Some(row) = rows.next()? {
        let calendar = usize::try_from(row.get::<_, i64>(1)? - first_month).unwrap_or(0);
        count(cohort_of(row.get(0)?), calendar);
    }
    if let (Some(span), false) = (current, current_exact) {
        let mut active_in = conn.prepare_cached(
            "SELECT m.joined_at FROM members m
             WHERE m.id IN (SELECT member_id FROM activities
                            WHERE occurred_at >= ?1 AND occurred_at <= ?2)
               AND m.deleted_at IS NULL AND m.joined_at >= ?3 AND m.joined_at <= ?2",
        )?;
        let mut rows = active_in.query(params![span.start_ms(), span.last_ms(now), first])?;
        while let Some(row) = rows.next()? {
            count(cohort_of(row.get(0)?), n - 1);
        }
    }

    let cohorts = spans
        .iter()
        .zip(sizes)
        .zip(active)
        .enumerate()
        .map(|(c, ((span, size), active))| {
            let active: Vec<u32> = active.into_iter().take(n - c).collect();
            Cohort {
                month: Month::of(span.start),
                size,
                retention: active
                    .iter()
                    .map(|a| {
                        if size == 0 {
                            0.0
                        } else {
                            f64::from(*a) / f64::from(size)
                        }
                    })
                    .collect(),
                active,
            }
        })
        .collect();
    Ok(CohortRetention { cohorts })
}
