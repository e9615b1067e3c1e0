//! Top advocates: the members whose word of mouth brought the most people in.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, params};
use serde::Serialize;
use ts_rs::TS;

use crate::dashboard::ACTIVE_WINDOW_DAYS;
use crate::error::Result;

/// One advocate: how many they brought in directly, in all (their referrals' referrals too),
/// and how many of those are still active.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AdvocateRow {
    pub member_id: String,
    pub display_name: String,
    pub direct: u32,
    pub total: u32,
    /// Of everyone they brought in, those with an activity in the last 30 days.
    pub active_referred: u32,
}

/// Every (ancestor, descendant) pair of the referral chains made in the window; the path stops
/// the walk at any loop.
const CHAINS: &str = "
WITH RECURSIVE chain(ancestor, id, depth, path) AS (
    SELECT referrer_id, referred_id, 1, '/' || referrer_id || '/' || referred_id || '/'
    FROM referrals WHERE referred_at >= ?1 AND referrer_id <> referred_id
    UNION ALL
    SELECT c.ancestor, r.referred_id, c.depth + 1, c.path || r.referred_id || '/'
    FROM chain c JOIN referrals r ON r.referrer_id = c.id
    WHERE r.referred_at >= ?1 AND instr(c.path, '/' || r.referred_id || '/') = 0
),
brought AS (
    SELECT c.ancestor, c.id, min(c.depth) AS depth,
           EXISTS (SELECT 1 FROM activities a
                   WHERE a.member_id = c.id AND a.occurred_at >= ?2 AND a.occurred_at <= ?3)
               AS active
    FROM chain c JOIN members d ON d.id = c.id AND d.deleted_at IS NULL
    GROUP BY c.ancestor, c.id
)";

/// The `limit` live members who brought the most people in, counting only referrals made in
/// the last `since_days` days when given. Ranked by everyone brought in (transitively), then
/// by those brought in directly, then by how many of them were active in the last 30 days.
pub fn top_advocates(
    conn: &Connection,
    now: DateTime<Utc>,
    limit: u32,
    since_days: Option<u32>,
) -> Result<Vec<AdvocateRow>> {
    let since = since_days.map_or(i64::MIN, |days| {
        (now - Duration::days(i64::from(days))).timestamp_millis()
    });
    let active_from = (now - Duration::days(ACTIVE_WINDOW_DAYS)).timestamp_millis();
    let sql = format!(
        "{CHAINS}
         SELECT b.ancestor, m.display_name, sum(b.depth = 1), count(*), sum(b.active)
         FROM brought b JOIN members m ON m.id = b.ancestor AND m.deleted_at IS NULL
         GROUP BY b.ancestor
         ORDER BY count(*) DESC, sum(b.depth = 1) DESC, sum(b.active) DESC, m.sort_key,
                  b.ancestor
         LIMIT ?4"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(
            params![since, active_from, now.timestamp_millis(), limit],
            |r| {
                Ok(AdvocateRow {
                    member_id: r.get(0)?,
                    display_name: r.get(1)?,
                    direct: r.get(2)?,
                    total: r.get(3)?,
                    active_referred: r.get(4)?,
                })
            },
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
