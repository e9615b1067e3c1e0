//! Members per level at the end of each month, rebuilt from the level history.
//!
//! Method: a member counts at a month end when they are live and joined before it. Their level
//! then is the `to_rank` of their last `level_changes` row dated before the month end (the last
//! change wins when several share an instant, in insertion order); with no such row they are at
//! the lowest level (Newcomer). The history dates decay demotions at the exact instant the
//! score crossed the threshold, so those land in the right month however rarely recomputes ran;
//! promotions are dated at the recompute that saw the new activity, so a month's promotions only
//! appear once a recompute has run in or after it. A rank that no longer exists (levels edited
//! since) counts under the highest current level at or below it.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};
use serde::Serialize;
use ts_rs::TS;

use super::{Granularity, MAX_MONTHS, Month, RangeUnit, Span, check_range, spans};
use crate::engagement::{Ladder, Level};
use crate::error::Result;

/// One level's member counts, one per month.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LevelSeries {
    pub level: Level,
    /// Members at this level at each month end, in the order of [`EngagementByLevel::months`].
    pub members: Vec<u32>,
}

/// Members per level at each month end, oldest month first, the current month as of `now`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EngagementByLevel {
    pub months: Vec<Month>,
    /// Every current level, lowest first.
    pub levels: Vec<LevelSeries>,
}

/// Members per level at the end of each of the last `months` months (the current month as of
/// `now`), rebuilt from `level_changes` as the module documentation describes.
pub fn engagement_by_level(
    conn: &Connection,
    now: DateTime<Utc>,
    months: u32,
) -> Result<EngagementByLevel> {
    check_range(months, MAX_MONTHS, RangeUnit::Months)?;
    let ladder = Ladder::load(conn)?;
    let spans = spans(now, Granularity::Month, months);
    // The exclusive end of each month's count: the next month's start, or just after `now`.
    let ends: Vec<i64> = spans.iter().map(|s| s.last_ms(now) + 1).collect();
    let last_end = ends.last().copied().unwrap_or(i64::MIN);
    let mut counts = vec![vec![0u32; spans.len()]; ladder.levels().len()];

    // Everyone starts at the lowest level from the month they joined in.
    let mut joined = conn.prepare_cached(
        "SELECT joined_at FROM members WHERE deleted_at IS NULL AND joined_at < ?1",
    )?;
    let mut rows = joined.query(params![last_end])?;
    while let Some(row) = rows.next()? {
        let joined_at: i64 = row.get(0)?;
        for (k, end) in ends.iter().enumerate() {
            counts[0][k] += u32::from(joined_at < *end);
        }
    }

    // Members with history move from the lowest level to the one they held at each month end.
    let mut history = conn.prepare_cached(
        "SELECT c.member_id, m.joined_at, c.to_rank, c.at FROM level_changes c
         JOIN members m ON m.id = c.member_id AND m.deleted_at IS NULL
         WHERE c.at < ?1 AND m.joined_at < ?1
         ORDER BY c.member_id, c.at, c.id",
    )?;
    let mut rows = history.query(params![last_end])?;
    let mut member = MemberHistory::default();
    while let Some(row) = rows.next()? {
        let id: String = row.get(0)?;
        if id != member.id {
            member.settle(&ladder, &ends, &mut counts);
            member = MemberHistory {
                id,
                joined_at: row.get(1)?,
                changes: vec![],
            };
        }
        member.changes.push((row.get(3)?, row.get(2)?));
    }
    member.settle(&ladder, &ends, &mut counts);

    Ok(EngagementByLevel {
        months: spans.iter().map(|s: &Span| Month::of(s.start)).collect(),
        levels: ladder
            .levels()
            .iter()
            .cloned()
            .zip(counts)
            .map(|(level, members)| LevelSeries { level, members })
            .collect(),
    })
}

/// One member's level changes `(at, to_rank)`, oldest first.
#[derive(Default)]
struct MemberHistory {
    id: String,
    joined_at: i64,
    changes: Vec<(i64, i64)>,
}

impl MemberHistory {
    /// Moves this member out of the lowest level at each month end where they held another.
    fn settle(&self, ladder: &Ladder, ends: &[i64], counts: &mut [Vec<u32>]) {
        let mut next = 0;
        let mut rank = None;
        for (k, end) in ends.iter().enumerate() {
            while next < self.changes.len() && self.changes[next].0 < *end {
                rank = Some(self.changes[next].1);
                next += 1;
            }
            let (Some(rank), true) = (rank, self.joined_at < *end) else {
                continue;
            };
            let index = level_index(ladder, rank);
            if index != 0 {
                counts[0][k] = counts[0][k].saturating_sub(1);
                counts[index][k] += 1;
            }
        }
    }
}

/// Position in the ladder of the highest level at or below `rank`.
fn level_index(ladder: &Ladder, rank: i64) -> usize {
    ladder
        .levels()
        .iter()
        .rposition(|l| l.rank <= rank)
        .unwrap_or(0)
}
