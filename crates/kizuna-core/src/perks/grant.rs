//! Granting a perk to one member, and the checks every grant goes through: the window,
//! eligibility for a wave, what the member already has, stock and free codes.

use std::collections::HashSet;

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};

use super::perk::{WaveRow, ensure_perk, live_grants, waves};
use super::{LIVE, pair_id};
use crate::audit;
use crate::error::Result;
use crate::segments::{get_segment, segment_member_ids};
use crate::store::{SyncedTable, Writer};

pub(super) struct Perk {
    name: String,
    ends_at: Option<i64>,
    stock: Option<i64>,
    has_codes: bool,
    waves: Vec<WaveRow>,
}

pub(super) fn load(conn: &Connection, id: &str) -> Result<Perk> {
    ensure_perk(conn, id)?;
    let (name, ends_at, stock, has_codes) = conn.query_row(
        "SELECT name, ends_at, stock, EXISTS (SELECT 1 FROM perk_codes WHERE perk_id = ?1)
         FROM perks WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    Ok(Perk {
        name,
        ends_at,
        stock,
        has_codes,
        waves: waves(conn, id)?,
    })
}

fn day(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map_or_else(|| ms.to_string(), |d| d.format("%Y-%m-%d").to_string())
}

/// A wave with its segment's members resolved.
pub(super) struct Gate {
    wave: WaveRow,
    pub(super) segment: Option<(String, HashSet<String>)>,
}

pub(super) fn gates(
    conn: &Connection,
    perk: &Perk,
    wave: Option<i64>,
    now: i64,
) -> Result<Vec<Gate>> {
    let chosen: Vec<&WaveRow> = match wave {
        Some(n) => match perk.waves.iter().find(|w| w.number == n) {
            Some(w) => vec![w],
            None => {
                return Err(crate::invalid!(
                    "perks.noWave",
                    "\"{perk}\" has no wave {wave}",
                    perk = perk.name,
                    wave = n
                ));
            }
        },
        None => perk.waves.iter().collect(),
    };
    chosen
        .into_iter()
        .map(|w| {
            let segment = match &w.segment_id {
                Some(id) => {
                    let saved = get_segment(conn, id)?;
                    let members = segment_member_ids(conn, &saved.rules, now)?;
                    Some((saved.name, members.into_iter().collect()))
                }
                None => None,
            };
            Ok(Gate {
                wave: w.clone(),
                segment,
            })
        })
        .collect()
}

/// The first wave `member` may get the perk in, or why none: `Ok(None)` for a perk without waves.
pub(super) fn eligible(
    conn: &Connection,
    gates: &[Gate],
    member: &str,
    now: i64,
) -> Result<std::result::Result<Option<String>, String>> {
    if gates.is_empty() {
        return Ok(Ok(None));
    }
    let rank: Option<i64> = conn
        .prepare_cached("SELECT level_rank FROM member_scores WHERE member_id = ?1")?
        .query_row([member], |r| r.get(0))
        .optional()?;
    let mut why = Vec::new();
    for gate in gates {
        let w = &gate.wave;
        if w.opens_at > now {
            why.push(format!("wave {} opens on {}", w.number, day(w.opens_at)));
            continue;
        }
        if let Some((name, members)) = &gate.segment
            && !members.contains(member)
        {
            why.push(format!("not in segment \"{name}\" (wave {})", w.number));
            continue;
        }
        if let Some(min) = w.min_level
            && rank.unwrap_or(0) < min
        {
            why.push(format!("below level {min} (wave {})", w.number));
            continue;
        }
        return Ok(Ok(Some(w.id.clone())));
    }
    Ok(Err(why.join("; ")))
}

fn member_name(conn: &Connection, member: &str) -> Result<String> {
    let row: Option<(String, Option<i64>)> = conn
        .prepare_cached("SELECT display_name, deleted_at FROM members WHERE id = ?1")?
        .query_row([member], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match row {
        Some((name, None)) => Ok(name),
        Some((name, Some(_))) => Err(crate::invalid!(
            "perks.memberDeleted",
            "{name} is not a member any more (deleted)",
            name
        )),
        None => Err(crate::invalid!(
            "perks.notMember",
            "\"{member}\" is not a member of this community",
            member
        )),
    }
}

pub(super) fn has_it(conn: &Connection, perk: &str, member: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT EXISTS (SELECT 1 FROM perk_grants WHERE perk_id = ?1 AND member_id = ?2 AND {LIVE})"
        ))?
        .query_row([perk, member], |r| r.get(0))?)
}

pub(super) fn free_codes(conn: &Connection, perk: &str) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT c.id FROM perk_codes c WHERE c.perk_id = ?1
               AND NOT EXISTS (SELECT 1 FROM perk_grants g WHERE g.code_id = c.id)
             ORDER BY c.added_at, c.rowid",
        )?
        .query_map([perk], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// How many more grants the perk can take (`None`: unlimited).
pub(super) fn room(conn: &Connection, id: &str, perk: &Perk) -> Result<Option<i64>> {
    let left = match perk.stock {
        Some(s) => Some(s - live_grants(conn, id)?),
        None => None,
    };
    let codes = if perk.has_codes {
        Some(i64::try_from(free_codes(conn, id)?.len()).unwrap_or(i64::MAX))
    } else {
        None
    };
    Ok(match (left, codes) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    })
}

pub(super) fn check_window(perk: &Perk, now: i64) -> Result<()> {
    match perk.ends_at {
        Some(end) if end < now => Err(crate::invalid!(
            "perks.ended",
            "\"{perk}\" ended on {day}; it cannot be granted any more",
            perk = perk.name,
            day = day(end)
        )),
        _ => Ok(()),
    }
}

/// Writes one grant (re-opening a revoked or expired one), taking a free code when the perk has codes.
pub(super) fn write_grant(
    w: &mut Writer<'_>,
    perk: &str,
    member: &str,
    wave: Option<String>,
    code: Option<String>,
) -> Result<String> {
    let now = w.now_ms();
    // A member merged into this one may have brought their own earlier grant row.
    let old: Option<(String, Option<String>)> = w
        .tx()
        .query_row(
            "SELECT id, code_id FROM perk_grants WHERE perk_id = ?1 AND member_id = ?2
             ORDER BY granted_at DESC, id LIMIT 1",
            [perk, member],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let id = old
        .as_ref()
        .map_or_else(|| pair_id("perk_grant", perk, member), |(id, _)| id.clone());
    let old_code = old.map(|(_, code)| code);
    let text = |v: Option<String>| v.map_or(Value::Null, Value::Text);
    let mut cells = vec![
        ("status", Value::Text("granted".to_owned())),
        ("wave_id", text(wave)),
        ("granted_at", Value::Integer(now)),
        ("redeemed_at", Value::Null),
        ("expired_at", Value::Null),
        ("revoked_at", Value::Null),
    ];
    match old_code {
        Some(kept) => {
            if kept.is_none() {
                cells.push(("code_id", text(code)));
            }
            w.update(SyncedTable::PerkGrants, &id, &cells)?;
        }
        None => {
            cells.push(("perk_id", Value::Text(perk.to_owned())));
            cells.push(("member_id", Value::Text(member.to_owned())));
            cells.push(("code_id", text(code)));
            w.insert(SyncedTable::PerkGrants, &id, &cells)?;
        }
    }
    Ok(id)
}

/// Grants a perk to one member (in `wave`, or the first open wave they are eligible for);
/// refuses with a specific message when they are not eligible, already have it, or it is out
/// of stock.
pub fn grant_to_member(
    w: &mut Writer<'_>,
    perk_id: &str,
    member: &str,
    wave: Option<i64>,
) -> Result<String> {
    let now = w.now_ms();
    let perk = load(w.tx(), perk_id)?;
    let name = member_name(w.tx(), member)?;
    check_window(&perk, now)?;
    let gates = gates(w.tx(), &perk, wave, now)?;
    let wave_id = match eligible(w.tx(), &gates, member, now)? {
        Ok(wave_id) => wave_id,
        Err(why) => {
            return Err(crate::invalid!(
                "perks.notEligible",
                "{name} cannot get \"{perk}\": {why}",
                name,
                perk = perk.name,
                why
            ));
        }
    };
    if has_it(w.tx(), perk_id, member)? {
        return Err(crate::invalid!(
            "perks.alreadyGranted",
            "{name} already has \"{perk}\"",
            name,
            perk = perk.name
        ));
    }
    if room(w.tx(), perk_id, &perk)?.is_some_and(|r| r <= 0) {
        return Err(crate::invalid!(
            "perks.outOfStock",
            "\"{perk}\" is out of stock: every one is already given",
            perk = perk.name
        ));
    }
    let code = free_codes(w.tx(), perk_id)?.into_iter().next();
    let id = write_grant(w, perk_id, member, wave_id, code)?;
    audit::record(
        w,
        "perk.grant",
        Some(perk_id),
        &serde_json::json!({ "grant": id, "member": member }),
    )?;
    Ok(id)
}
