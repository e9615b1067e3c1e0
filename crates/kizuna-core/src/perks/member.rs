//! The perks one member holds, for the member page.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::GrantStatus;
use crate::error::Result;

/// One grant of a perk to the member, with the perk's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberGrant {
    pub id: String,
    pub perk_id: String,
    pub perk_name: String,
    pub wave: Option<i64>,
    pub code: Option<String>,
    pub status: GrantStatus,
    #[ts(type = "number")]
    pub granted_at: i64,
    #[ts(type = "number | null")]
    pub redeemed_at: Option<i64>,
    #[ts(type = "number | null")]
    pub expired_at: Option<i64>,
    #[ts(type = "number | null")]
    pub revoked_at: Option<i64>,
}

/// Every grant of a perk to `member_id`, the latest first.
pub fn member_grants(conn: &Connection, member_id: &str) -> Result<Vec<MemberGrant>> {
    let rows = conn
        .prepare_cached(
            "SELECT g.id, g.perk_id, p.name, w.number, c.code, g.status, g.granted_at,
                    g.redeemed_at, g.expired_at, g.revoked_at
             FROM perk_grants g JOIN perks p ON p.id = g.perk_id
             LEFT JOIN perk_waves w ON w.id = g.wave_id
             LEFT JOIN perk_codes c ON c.id = g.code_id
             WHERE g.member_id = ?1 ORDER BY g.granted_at DESC, g.id",
        )?
        .query_map([member_id], |r| {
            let status: String = r.get(5)?;
            Ok(MemberGrant {
                id: r.get(0)?,
                perk_id: r.get(1)?,
                perk_name: r.get(2)?,
                wave: r.get(3)?,
                code: r.get(4)?,
                status: GrantStatus::parse(&status).map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(
                        5,
                        rusqlite::types::Type::Text,
                        Box::new(e),
                    )
                })?,
                granted_at: r.get(6)?,
                redeemed_at: r.get(7)?,
                expired_at: r.get(8)?,
                revoked_at: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
