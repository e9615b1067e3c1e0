//! The engagement insight charts as the Dashboard shows them: each one queried from the core
//! over its usual window and drawn to SVG.

use chrono::{DateTime, Utc};
use kizuna_core::insights::{self, Granularity};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::charts;
use crate::{Lang, ReportError, Theme};

/// Which insight chart to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum InsightChart {
    /// Members with an activity, per ISO week, last 26 weeks.
    ActiveWeekly,
    /// Members per level at each month end, last 12 months.
    LevelsOverTime,
    /// Share of each join-month cohort still active, last 12 cohorts.
    CohortRetention,
    /// How soon newcomers of the last 12 months first contributed.
    FirstContribution,
    /// Activities by type and platform, last 90 days.
    ActivityMix,
}

/// Queries and draws `chart` at `now`.
pub fn render(
    conn: &Connection,
    chart: InsightChart,
    now: DateTime<Utc>,
    lang: Lang,
    theme: Theme,
) -> Result<String, ReportError> {
    match chart {
        InsightChart::ActiveWeekly => {
            let series = insights::active_members(conn, now, Granularity::Week, 26)?;
            charts::active_members(&series, lang, theme)
        }
        InsightChart::LevelsOverTime => {
            charts::engagement_by_level(&insights::engagement_by_level(conn, now, 12)?, lang, theme)
        }
        InsightChart::CohortRetention => {
            charts::cohort_retention(&insights::cohort_retention(conn, now, 12)?, lang, theme)
        }
        InsightChart::FirstContribution => {
            let series = insights::time_to_first_contribution(conn, now, 12)?;
            charts::time_to_first_contribution(&series, lang, theme)
        }
        InsightChart::ActivityMix => {
            charts::activity_mix(&insights::activity_mix(conn, now, 90)?, lang, theme)
        }
    }
}
