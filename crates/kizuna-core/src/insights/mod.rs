//! The engagement charts' queries: active members per week or month, members per level over
//! time, cohort retention, time to first contribution and the activity mix.
//!
//! Every query takes `now` and a range counted back from the period that contains `now`, works
//! in UTC, ignores activities dated after `now` and leaves deleted members out. They read the
//! `(occurred_at, member_id)` and `(member_id, occurred_at)` indexes one period at a time
//! instead of computing a period per activity row, so they stay fast on 2M activities; active
//! members per week or month and cohorts read the (period, member) rollups instead (`rollup`).

mod active;
mod cohorts;
mod first_contribution;
mod levels;
mod mix;
pub(crate) mod rollup;

use chrono::{DateTime, Datelike, Duration, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::activities::month_start;
use crate::error::Result;

pub use active::{ActiveMembers, ActivePeriod, active_members, active_members_between};
pub use cohorts::{Cohort, CohortRetention, cohort_retention};
pub use first_contribution::{
    FirstContributionBuckets, FirstContributionMonth, TimeToFirstContribution,
    time_to_first_contribution,
};
pub use levels::{EngagementByLevel, LevelSeries, engagement_by_level};
pub use mix::{ActivityMix, PlatformCount, TypeCount, activity_mix};

/// The longest range a chart query accepts, in months (ten years).
pub const MAX_MONTHS: u32 = 120;
/// The longest range a chart query accepts, in weeks (ten years).
pub const MAX_WEEKS: u32 = 522;
/// The longest activity-mix window, in days (ten years).
pub const MAX_DAYS: u32 = 3_650;

/// How long one period of a time series is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Granularity {
    /// ISO weeks, Monday 00:00 UTC to the next Monday.
    Week,
    /// Calendar months in UTC.
    Month,
}

/// A calendar month (UTC), as the charts label it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Month {
    pub year: i32,
    /// 1 = January.
    pub month: u32,
}

impl Month {
    fn of(start: DateTime<Utc>) -> Self {
        Self {
            year: start.year(),
            month: start.month(),
        }
    }
}

/// One period: its first millisecond and the first millisecond of the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) start: DateTime<Utc>,
    pub(crate) end: DateTime<Utc>,
}

impl Span {
    pub(crate) fn start_ms(self) -> i64 {
        self.start.timestamp_millis()
    }

    pub(crate) fn end_ms(self) -> i64 {
        self.end.timestamp_millis()
    }

    /// The last millisecond counted: the period's end, or `now` for the current period.
    pub(crate) fn last_ms(self, now: DateTime<Utc>) -> i64 {
        (self.end_ms() - 1).min(now.timestamp_millis())
    }
}

/// Monday 00:00 UTC of the week `back` weeks before the week of `now`.
pub(crate) fn week_start(now: DateTime<Utc>, back: u32) -> DateTime<Utc> {
    let monday = now.date_naive() - Duration::days(i64::from(now.weekday().num_days_from_monday()));
    (monday - Duration::weeks(i64::from(back)))
        .and_time(NaiveTime::MIN)
        .and_utc()
}

/// The last `count` periods, oldest first, the one containing `now` last.
pub(crate) fn spans(now: DateTime<Utc>, granularity: Granularity, count: u32) -> Vec<Span> {
    (0..count)
        .rev()
        .map(|back| match granularity {
            Granularity::Week => {
                let start = week_start(now, back);
                Span {
                    start,
                    end: start + Duration::weeks(1),
                }
            }
            Granularity::Month => {
                let start = month_start(now, back);
                Span {
                    start,
                    end: start + chrono::Months::new(1),
                }
            }
        })
        .collect()
}

/// What a chart's range counts.
#[derive(Debug, Clone, Copy)]
pub(crate) enum RangeUnit {
    Days,
    Weeks,
    Months,
}

/// Refuses a range outside 1..=`max` with a message naming it.
pub(crate) fn check_range(value: u32, max: u32, unit: RangeUnit) -> Result<()> {
    if (1..=max).contains(&value) {
        Ok(())
    } else {
        let unit = match unit {
            RangeUnit::Days => crate::invalid_reason!("insights.days", "days"),
            RangeUnit::Weeks => crate::invalid_reason!("insights.weeks", "weeks"),
            RangeUnit::Months => crate::invalid_reason!("insights.months", "months"),
        };
        Err(crate::invalid!(
            "insights.range",
            "a chart covers 1 to {max} {unit} (got {value})",
            max,
            unit,
            value
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn weeks_start_on_monday_at_midnight_utc() {
        let sunday_night = Utc
            .with_ymd_and_hms(2026, 11, 29, 23, 59, 59)
            .single()
            .expect("valid date");
        assert_eq!(
            week_start(sunday_night, 0).to_rfc3339(),
            "2026-11-23T00:00:00+00:00"
        );
        assert_eq!(
            week_start(sunday_night, 1).to_rfc3339(),
            "2026-11-16T00:00:00+00:00"
        );
    }
}
