//! The activity mix: how many activities of each type and on each platform.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use ts_rs::TS;

use super::{MAX_DAYS, RangeUnit, check_range};
use crate::error::Result;

/// Activities of one type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TypeCount {
    pub key: String,
    pub label_en: String,
    pub label_ja: String,
    pub count: u32,
}

/// Activities on one platform (`None`: logged without a platform).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlatformCount {
    pub platform: Option<String>,
    pub count: u32,
}

/// Activity counts by type and by platform over a window, most frequent first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActivityMix {
    /// First millisecond of the window (unix ms, UTC).
    #[ts(type = "number")]
    pub from: i64,
    /// Last millisecond of the window: `now`.
    #[ts(type = "number")]
    pub to: i64,
    pub by_type: Vec<TypeCount>,
    pub by_platform: Vec<PlatformCount>,
}

/// Activities of live members in the `days` days up to `now`, counted by type (with the types'
/// labels; only types that occur) and by platform, each most frequent first.
pub fn activity_mix(conn: &Connection, now: DateTime<Utc>, days: u32) -> Result<ActivityMix> {
    check_range(days, MAX_DAYS, RangeUnit::Days)?;
    let to = now.timestamp_millis();
    let from = (now - Duration::days(i64::from(days))).timestamp_millis();
    // One pass over the window, grouped by both keys; the deleted members' few activities are
    // subtracted through the deleted-members index instead of joining every row to its member.
    // CROSS JOIN keeps SQLite from starting at the activities (it has no statistics to know
    // that deleted members are few).
    let mut grouped = conn.prepare_cached(
        "SELECT activity_type, platform, count(*) FROM activities
         WHERE occurred_at >= ?1 AND occurred_at <= ?2
         GROUP BY activity_type, platform",
    )?;
    let mut deleted = conn.prepare_cached(
        "SELECT a.activity_type, a.platform, count(*) FROM members m
         CROSS JOIN activities a ON a.member_id = m.id AND a.occurred_at >= ?1 AND a.occurred_at <= ?2
         WHERE m.deleted_at IS NOT NULL
         GROUP BY a.activity_type, a.platform",
    )?;
    let mut by_type: BTreeMap<String, i64> = BTreeMap::new();
    let mut by_platform: BTreeMap<Option<String>, i64> = BTreeMap::new();
    for (stmt, sign) in [(&mut grouped, 1i64), (&mut deleted, -1)] {
        let mut rows = stmt.query(params![from, to])?;
        while let Some(row) = rows.next()? {
            let n: i64 = row.get(2)?;
            *by_type.entry(row.get(0)?).or_default() += sign * n;
            *by_platform.entry(row.get(1)?).or_default() += sign * n;
        }
    }

    let mut labels =
        conn.prepare_cached("SELECT label_en, label_ja FROM activity_types WHERE key = ?1")?;
    let mut types = by_type
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(key, n)| {
            // A type deleted since (or not synced yet) is labelled by its key.
            let (label_en, label_ja) = labels
                .query_row([&key], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?
                .unwrap_or_else(|| (key.clone(), key.clone()));
            Ok(TypeCount {
                key,
                label_en,
                label_ja,
                count: u32::try_from(n).unwrap_or(u32::MAX),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    types.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    let mut platforms: Vec<PlatformCount> = by_platform
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(platform, n)| PlatformCount {
            platform,
            count: u32::try_from(n).unwrap_or(u32::MAX),
        })
        .collect();
    platforms.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.platform.cmp(&b.platform))
    });
    Ok(ActivityMix {
        from,
        to,
        by_type: types,
        by_platform: platforms,
    })
}
