//! A perk's effect: members' activity in the 60 days after their grant against the 60 days
//! before, by perk and by wave. Only grants at least 60 days old count (the others are pending);
//! revoked grants and `perk_redeemed` activities are left out.

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;

/// Days before and after a grant that are compared.
pub const EFFECT_DAYS: i64 = 60;

const DAY_MS: i64 = 86_400_000;

/// Activity around the grants of one perk, or of one of its waves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PerkEffect {
    pub perk_id: String,
    pub perk_name: String,
    /// `None`: the whole perk.
    #[ts(type = "number | null")]
    pub wave: Option<i64>,
    /// Grants at least 60 days old.
    #[ts(type = "number")]
    pub members: i64,
    #[ts(type = "number")]
    pub activities_before: i64,
    #[ts(type = "number")]
    pub activities_after: i64,
    /// Grants younger than 60 days, not counted yet.
    #[ts(type = "number")]
    pub pending: i64,
}

/// The effect of every perk (or of `perk` only): a row per perk, then a row per wave.
pub fn perk_effect(conn: &Connection, perk: Option<&str>, now: i64) -> Result<Vec<PerkEffect>> {
    let span = EFFECT_DAYS * DAY_MS;
    let sql = "WITH g AS (
             SELECT g.perk_id, w.number AS wave, g.member_id, g.granted_at,
                    g.granted_at + ?1 <= ?2 AS mature
             FROM perk_grants g LEFT JOIN perk_waves w ON w.id = g.wave_id
             WHERE g.status <> 'revoked' AND (?3 IS NULL OR g.perk_id = ?3)),
         counted AS (
             SELECT g.*,
               (SELECT count(*) FROM activities a WHERE a.member_id = g.member_id
                  AND a.activity_type <> 'perk_redeemed'
                  AND a.occurred_at >= g.granted_at - ?1 AND a.occurred_at < g.granted_at) AS before,
               (SELECT count(*) FROM activities a WHERE a.member_id = g.member_id
                  AND a.activity_type <> 'perk_redeemed'
                  AND a.occurred_at >= g.granted_at AND a.occurred_at < g.granted_at + ?1) AS after
             FROM g WHERE mature)
         SELECT p.id, p.name, x.wave, x.members, x.before, x.after, x.pending FROM (
             SELECT perk_id, NULL AS wave, sum(mature) AS members,
                    (SELECT coalesce(sum(before), 0) FROM counted c WHERE c.perk_id = g.perk_id) AS before,
                    (SELECT coalesce(sum(after), 0) FROM counted c WHERE c.perk_id = g.perk_id) AS after,
                    sum(NOT mature) AS pending, 0 AS ord
             FROM g GROUP BY perk_id
             UNION ALL
             SELECT perk_id, wave, sum(mature),
                    (SELECT coalesce(sum(before), 0) FROM counted c
                      WHERE c.perk_id = g.perk_id AND c.wave = g.wave),
                    (SELECT coalesce(sum(after), 0) FROM counted c
                      WHERE c.perk_id = g.perk_id AND c.wave = g.wave),
                    sum(NOT mature), 1
             FROM g WHERE wave IS NOT NULL GROUP BY perk_id, wave) x
         JOIN perks p ON p.id = x.perk_id
         ORDER BY p.starts_at DESC, p.id, x.ord, x.wave";
    let rows = conn
        .prepare_cached(sql)?
        .query_map(params![span, now, perk], |r| {
            Ok(PerkEffect {
                perk_id: r.get(0)?,
                perk_name: r.get(1)?,
                wave: r.get(2)?,
                members: r.get(3)?,
                activities_before: r.get(4)?,
                activities_after: r.get(5)?,
                pending: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
