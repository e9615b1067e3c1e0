//! Conflicts two replicas can create by granting offline at the same time, found after their
//! rows meet (see docs/perks.md): a perk with more live grants than stock, and a code held by
//! two grants (or imported twice under two ids). Codes are read from the change log, because
//! the table's UNIQUE constraint keeps the second holder's code out of `perk_grants` itself.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;

/// One conflict to resolve by hand (revoke a grant, or give one member another code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PerkConflict {
    /// `oversubscribed` or `code_twice`.
    pub kind: String,
    pub perk_id: String,
    pub perk_name: String,
    /// What is wrong, in words.
    pub detail: String,
    /// The grants involved, oldest first.
    pub grant_ids: Vec<String>,
}

fn ids(conn: &Connection, sql: &str, key: &str) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached(sql)?
        .query_map([key], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Every oversubscribed perk and every code held by more than one grant.
pub fn perk_conflicts(conn: &Connection) -> Result<Vec<PerkConflict>> {
    let mut out = Vec::new();
    let over: Vec<(String, String, i64, i64)> = conn
        .prepare(
            "SELECT p.id, p.name, p.stock, count(g.id) FROM perks p
             JOIN perk_grants g ON g.perk_id = p.id AND g.status IN ('granted', 'redeemed')
             WHERE p.stock IS NOT NULL GROUP BY p.id HAVING count(g.id) > p.stock ORDER BY p.id",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, name, stock, live) in over {
        out.push(PerkConflict {
            kind: "oversubscribed".to_owned(),
            detail: format!("{live} live grants but a stock of {stock}"),
            grant_ids: ids(
                conn,
                "SELECT id FROM perk_grants WHERE perk_id = ?1
                   AND status IN ('granted', 'redeemed') ORDER BY granted_at, id",
                &id,
            )?,
            perk_id: id,
            perk_name: name,
        });
    }
    // The latest code_id each grant row was given, by any replica; and codes by their text.
    let twice: Vec<(String, String, String)> = conn
        .prepare(
            "WITH latest AS (
                 SELECT c.pk AS grant_id, c.val AS code_id FROM change_log c
                 WHERE c.tbl = 'perk_grants' AND c.col = 'code_id' AND c.val IS NOT NULL
                   AND c.hlc = (SELECT max(hlc) FROM change_log d
                                WHERE d.tbl = c.tbl AND d.pk = c.pk AND d.col = c.col)),
             code_text AS (
                 SELECT c.pk AS code_id, c.val AS code FROM change_log c
                 WHERE c.tbl = 'perk_codes' AND c.col = 'code'),
             code_perk AS (
                 SELECT c.pk AS code_id, c.val AS perk_id FROM change_log c
                 WHERE c.tbl = 'perk_codes' AND c.col = 'perk_id')
             SELECT t.code, min(cp.perk_id), group_concat(l.grant_id, ',')
             FROM latest l JOIN code_text t ON t.code_id = l.code_id
             JOIN code_perk cp ON cp.code_id = l.code_id
             GROUP BY t.code HAVING count(DISTINCT l.grant_id) > 1 ORDER BY t.code",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (code, perk, grants) in twice {
        let name: String = conn
            .query_row("SELECT name FROM perks WHERE id = ?1", [&perk], |r| {
                r.get(0)
            })
            .unwrap_or_else(|_| perk.clone());
        let mut grant_ids: Vec<String> = grants.split(',').map(str::to_owned).collect();
        grant_ids.sort();
        grant_ids.dedup();
        out.push(PerkConflict {
            kind: "code_twice".to_owned(),
            perk_id: perk,
            perk_name: name,
            detail: format!("code {code} is held by {} grants", grant_ids.len()),
            grant_ids,
        });
    }
    Ok(out)
}
