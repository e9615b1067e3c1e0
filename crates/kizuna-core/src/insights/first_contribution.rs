//! Time to first contribution: how long newcomers take to do something that counts.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};
use serde::Serialize;
use ts_rs::TS;

use super::{Granularity, MAX_MONTHS, Month, RangeUnit, check_range, spans};
use crate::error::Result;

const DAY_MS: i64 = 86_400_000;

/// How many newcomers made their first contribution within each delay after joining.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FirstContributionBuckets {
    /// On the day they joined (UTC calendar day), or before joining.
    pub same_day: u32,
    /// 1 to 7 days after the join day.
    pub within7_days: u32,
    /// 8 to 30 days after.
    pub within30_days: u32,
    /// 31 to 90 days after.
    pub within90_days: u32,
    /// More than 90 days after.
    pub later: u32,
    /// No contribution yet.
    pub not_yet: u32,
}

impl FirstContributionBuckets {
    /// The counts in display order: same day, ≤ 7, ≤ 30, ≤ 90 days, later, not yet.
    pub fn as_array(&self) -> [u32; 6] {
        [
            self.same_day,
            self.within7_days,
            self.within30_days,
            self.within90_days,
            self.later,
            self.not_yet,
        ]
    }

    fn add(&mut self, days: Option<i64>) {
        let slot = match days {
            None => &mut self.not_yet,
            Some(..=0) => &mut self.same_day,
            Some(1..=7) => &mut self.within7_days,
            Some(8..=30) => &mut self.within30_days,
            Some(31..=90) => &mut self.within90_days,
            Some(_) => &mut self.later,
        };
        *slot += 1;
    }

    fn merge(&mut self, other: &Self) {
        self.same_day += other.same_day;
        self.within7_days += other.within7_days;
        self.within30_days += other.within30_days;
        self.within90_days += other.within90_days;
        self.later += other.later;
        self.not_yet += other.not_yet;
    }
}

/// The newcomers who joined in one month.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FirstContributionMonth {
    pub month: Month,
    /// Live members who joined in that month.
    pub joined: u32,
    pub buckets: FirstContributionBuckets,
    /// Median days from joining to the first contribution, over those who contributed.
    pub median_days: Option<f64>,
}

/// Time to first contribution per join month, oldest first, and over the whole window.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TimeToFirstContribution {
    pub months: Vec<FirstContributionMonth>,
    pub total: FirstContributionBuckets,
    pub median_days: Option<f64>,
}

/// For the live members who joined in each of the last `months` months (UTC), how many days
/// passed before their first contribution, as buckets and a median. A contribution is any
/// activity whose type weighs at least 1 (a post, comment, answer, event… but not a reaction or
/// a vote) dated by `now`; days are whole UTC calendar days between the join day and the
/// contribution's day, and a contribution logged before the join date counts as the same day.
pub fn time_to_first_contribution(
    conn: &Connection,
    now: DateTime<Utc>,
    months: u32,
) -> Result<TimeToFirstContribution> {
    check_range(months, MAX_MONTHS, RangeUnit::Months)?;
    let spans = spans(now, Granularity::Month, months);
    let starts: Vec<i64> = spans.iter().map(|s| s.start_ms()).collect();
    let first = starts.first().copied().unwrap_or(i64::MIN);
    let now_ms = now.timestamp_millis();

    // The member's activities in time order from the (member_id, occurred_at) index, stopping
    // at the first one whose type counts as a contribution.
    let mut newcomers = conn.prepare_cached(
        "SELECT m.joined_at,
                (SELECT a.occurred_at FROM activities a
                 WHERE a.member_id = m.id AND a.occurred_at <= ?2
                   AND a.activity_type IN (SELECT key FROM activity_types WHERE weight >= 1)
                 ORDER BY a.occurred_at LIMIT 1)
         FROM members m
         WHERE m.deleted_at IS NULL AND m.joined_at >= ?1 AND m.joined_at <= ?2",
    )?;
    let mut days = vec![Vec::new(); spans.len()];
    let mut buckets = vec![FirstContributionBuckets::default(); spans.len()];
    let mut joined = vec![0u32; spans.len()];
    let mut rows = newcomers.query(params![first, now_ms])?;
    while let Some(row) = rows.next()? {
        let joined_at: i64 = row.get(0)?;
        let first_at: Option<i64> = row.get(1)?;
        let month = starts
            .partition_point(|s| *s <= joined_at)
            .saturating_sub(1);
        let waited = first_at.map(|at| at.div_euclid(DAY_MS) - joined_at.div_euclid(DAY_MS));
        joined[month] += 1;
        buckets[month].add(waited);
        if let Some(d) = waited {
            days[month].push(d.max(0));
        }
    }

    let mut total = FirstContributionBuckets::default();
    let mut all_days = Vec::new();
    let months = spans
        .iter()
        .zip(joined)
        .zip(buckets)
        .zip(days)
        .map(|(((span, joined), buckets), mut days)| {
            total.merge(&buckets);
            all_days.extend_from_slice(&days);
            FirstContributionMonth {
                month: Month::of(span.start),
                joined,
                buckets,
                median_days: median(&mut days),
            }
        })
        .collect();
    Ok(TimeToFirstContribution {
        months,
        total,
        median_days: median(&mut all_days),
    })
}

fn median(days: &mut [i64]) -> Option<f64> {
    if days.is_empty() {
        return None;
    }
    days.sort_unstable();
    let mid = days.len() / 2;
    Some(if days.len() % 2 == 1 {
        days[mid] as f64
    } else {
        (days[mid - 1] + days[mid]) as f64 / 2.0
    })
}
