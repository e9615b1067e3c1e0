//! Creating, editing, listing and showing perks and their waves.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{GrantStatus, LIVE, PerkKind, pair_id};
use crate::audit;
use crate::error::{CoreError, Result};
use crate::store::{SyncedTable, Writer};

/// A perk as a form edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PerkInput {
    pub kind: PerkKind,
    pub name: String,
    pub description: Option<String>,
    #[ts(type = "number")]
    pub starts_at: i64,
    #[ts(type = "number | null")]
    pub ends_at: Option<i64>,
    /// `None`: unlimited.
    #[ts(type = "number | null")]
    pub stock: Option<i64>,
    pub campaign_id: Option<String>,
    /// Waves created with the perk (only read when creating).
    pub waves: Vec<WaveInput>,
}

/// One wave: who may get the perk from when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WaveInput {
    #[ts(type = "number")]
    pub number: i64,
    pub name: String,
    #[ts(type = "number")]
    pub opens_at: i64,
    pub segment_id: Option<String>,
    /// The lowest engagement level rank that may get it.
    #[ts(type = "number | null")]
    pub min_level: Option<i64>,
}

/// A wave as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WaveRow {
    pub id: String,
    #[ts(type = "number")]
    pub number: i64,
    pub name: String,
    #[ts(type = "number")]
    pub opens_at: i64,
    pub segment_id: Option<String>,
    #[ts(type = "number | null")]
    pub min_level: Option<i64>,
}

/// One perk in the list, with how much of it is given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PerkRow {
    pub id: String,
    pub kind: PerkKind,
    pub name: String,
    pub description: Option<String>,
    #[ts(type = "number")]
    pub starts_at: i64,
    #[ts(type = "number | null")]
    pub ends_at: Option<i64>,
    #[ts(type = "number | null")]
    pub stock: Option<i64>,
    pub campaign_id: Option<String>,
    /// Grants holding stock (granted or redeemed).
    #[ts(type = "number")]
    pub live_grants: i64,
    #[ts(type = "number")]
    pub redeemed: i64,
    /// Codes not given to anyone yet.
    #[ts(type = "number")]
    pub free_codes: i64,
}

/// One grant of a perk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GrantRow {
    pub id: String,
    pub member_id: String,
    pub member_name: String,
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

/// A perk with its waves and grants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PerkDetail {
    pub perk: PerkRow,
    pub waves: Vec<WaveRow>,
    pub grants: Vec<GrantRow>,
}

fn opt_text(v: &Option<String>) -> Value {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map_or(Value::Null, |s| Value::Text(s.to_owned()))
}

fn exists(conn: &Connection, sql: &str, id: &str) -> Result<bool> {
    Ok(conn.prepare_cached(sql)?.query_row([id], |r| r.get(0))?)
}

fn cells(conn: &Connection, input: &PerkInput) -> Result<Vec<(&'static str, Value)>> {
    let name = input.name.trim();
    if name.is_empty() {
        return Err(crate::invalid!("perks.nameMissing", "a perk needs a name"));
    }
    if input.ends_at.is_some_and(|end| end < input.starts_at) {
        return Err(crate::invalid!(
            "perks.endBeforeStart",
            "the perk ends before it starts; pick an end date after the start"
        ));
    }
    if let Some(stock) = input.stock.filter(|s| *s < 0) {
        return Err(crate::invalid!(
            "perks.negativeStock",
            "stock cannot be negative ({stock}); leave it empty for unlimited",
            stock
        ));
    }
    let campaign = opt_text(&input.campaign_id);
    if let Value::Text(c) = &campaign
        && !exists(
            conn,
            "SELECT EXISTS (SELECT 1 FROM campaigns WHERE id = ?1)",
            c,
        )?
    {
        return Err(crate::invalid!(
            "perks.unknownCampaign",
            "\"{campaign}\" is not a campaign of this community",
            campaign = c
        ));
    }
    Ok(vec![
        ("kind", Value::Text(input.kind.as_sql().to_owned())),
        ("name", Value::Text(name.to_owned())),
        ("description", opt_text(&input.description)),
        ("starts_at", Value::Integer(input.starts_at)),
        ("ends_at", input.ends_at.map_or(Value::Null, Value::Integer)),
        ("stock", input.stock.map_or(Value::Null, Value::Integer)),
        ("campaign_id", campaign),
    ])
}

fn check_wave(conn: &Connection, wave: &WaveInput, taken: &[i64]) -> Result<()> {
    if wave.number < 1 {
        return Err(crate::invalid!(
            "perks.waveNumber",
            "wave numbers start at 1 (got {wave})",
            wave = wave.number
        ));
    }
    if taken.contains(&wave.number) {
        return Err(crate::invalid!(
            "perks.waveExists",
            "the perk already has a wave {wave}; pick another number",
            wave = wave.number
        ));
    }
    if wave.name.trim().is_empty() {
        return Err(crate::invalid!(
            "perks.waveNameMissing",
            "wave {wave} needs a name",
            wave = wave.number
        ));
    }
    if let Some(segment) = wave.segment_id.as_deref()
        && !exists(
            conn,
            "SELECT EXISTS (SELECT 1 FROM segments WHERE id = ?1)",
            segment,
        )?
    {
        return Err(crate::invalid!(
            "perks.unknownSegment",
            "\"{segment}\" is not a saved segment",
            segment
        ));
    }
    if let Some(level) = wave.min_level {
        let known: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM levels WHERE rank = ?1)",
            [level],
            |r| r.get(0),
        )?;
        if !known {
            return Err(crate::invalid!(
                "perks.unknownLevel",
                "{level} is not an engagement level rank",
                level
            ));
        }
    }
    Ok(())
}

fn insert_wave(w: &mut Writer<'_>, perk: &str, wave: &WaveInput) -> Result<String> {
    let id = pair_id("perk_wave", perk, &wave.number.to_string());
    w.insert(
        SyncedTable::PerkWaves,
        &id,
        &[
            ("perk_id", Value::Text(perk.to_owned())),
            ("number", Value::Integer(wave.number)),
            ("name", Value::Text(wave.name.trim().to_owned())),
            ("opens_at", Value::Integer(wave.opens_at)),
            ("segment_id", opt_text(&wave.segment_id)),
            (
                "min_level",
                wave.min_level.map_or(Value::Null, Value::Integer),
            ),
        ],
    )?;
    Ok(id)
}

/// Creates a perk with its waves; nothing is saved when a field is wrong.
pub fn create_perk(w: &mut Writer<'_>, input: &PerkInput) -> Result<String> {
    let cells = cells(w.tx(), input)?;
    let mut taken = Vec::new();
    for wave in &input.waves {
        check_wave(w.tx(), wave, &taken)?;
        taken.push(wave.number);
    }
    let id = uuid::Uuid::now_v7().to_string();
    let mut all = cells;
    all.push(("created_at", Value::Integer(w.now_ms())));
    w.insert(SyncedTable::Perks, &id, &all)?;
    for wave in &input.waves {
        insert_wave(w, &id, wave)?;
    }
    audit::record(w, "perk.create", Some(&id), &serde_json::json!({}))?;
    Ok(id)
}

/// Saves an edited perk (waves apart); stock cannot drop below the grants already given.
pub fn update_perk(w: &mut Writer<'_>, id: &str, input: &PerkInput) -> Result<()> {
    ensure_perk(w.tx(), id)?;
    let cells = cells(w.tx(), input)?;
    if let Some(stock) = input.stock {
        let live = live_grants(w.tx(), id)?;
        if stock < live {
            return Err(crate::invalid!(
                "perks.stockBelowGrants",
                "stock {stock} is less than the {live} grants already given; revoke some first",
                stock,
                live
            ));
        }
    }
    w.update(SyncedTable::Perks, id, &cells)?;
    audit::record(w, "perk.update", Some(id), &serde_json::json!({}))
}

/// Adds a wave to a perk.
pub fn add_wave(w: &mut Writer<'_>, perk: &str, wave: &WaveInput) -> Result<String> {
    ensure_perk(w.tx(), perk)?;
    let taken: Vec<i64> = w
        .tx()
        .prepare_cached("SELECT number FROM perk_waves WHERE perk_id = ?1")?
        .query_map([perk], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    check_wave(w.tx(), wave, &taken)?;
    let id = insert_wave(w, perk, wave)?;
    audit::record(
        w,
        "perk.wave_add",
        Some(perk),
        &serde_json::json!({ "wave": wave.number }),
    )?;
    Ok(id)
}

/// Fails with "perk … was not found" unless `id` is a perk.
pub(crate) fn ensure_perk(conn: &Connection, id: &str) -> Result<()> {
    if exists(
        conn,
        "SELECT EXISTS (SELECT 1 FROM perks WHERE id = ?1)",
        id,
    )? {
        Ok(())
    } else {
        Err(CoreError::NotFound {
            what: "perk",
            id: id.to_owned(),
        })
    }
}

/// How many grants of `perk` hold stock.
pub(crate) fn live_grants(conn: &Connection, perk: &str) -> Result<i64> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT count(*) FROM perk_grants WHERE perk_id = ?1 AND {LIVE}"
        ))?
        .query_row([perk], |r| r.get(0))?)
}

const ROW_SQL: &str = "SELECT p.id, p.kind, p.name, p.description, p.starts_at, p.ends_at, p.stock,
        p.campaign_id,
        (SELECT count(*) FROM perk_grants g WHERE g.perk_id = p.id
           AND g.status IN ('granted', 'redeemed')),
        (SELECT count(*) FROM perk_grants g WHERE g.perk_id = p.id AND g.status = 'redeemed'),
        (SELECT count(*) FROM perk_codes c WHERE c.perk_id = p.id
           AND NOT EXISTS (SELECT 1 FROM perk_grants g WHERE g.code_id = c.id))
     FROM perks p";

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<PerkRow> {
    let kind: String = r.get(1)?;
    Ok(PerkRow {
        id: r.get(0)?,
        kind: PerkKind::parse(&kind).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Text, Box::new(e))
        })?,
        name: r.get(2)?,
        description: r.get(3)?,
        starts_at: r.get(4)?,
        ends_at: r.get(5)?,
        stock: r.get(6)?,
        campaign_id: r.get(7)?,
        live_grants: r.get(8)?,
        redeemed: r.get(9)?,
        free_codes: r.get(10)?,
    })
}

/// Every perk, the latest start first.
pub fn list_perks(conn: &Connection) -> Result<Vec<PerkRow>> {
    let sql = format!("{ROW_SQL} ORDER BY p.starts_at DESC, p.id");
    let rows = conn
        .prepare_cached(&sql)?
        .query_map([], read_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The waves of a perk, by number.
pub(crate) fn waves(conn: &Connection, perk: &str) -> Result<Vec<WaveRow>> {
    let rows = conn
        .prepare_cached(
            "SELECT id, number, name, opens_at, segment_id, min_level FROM perk_waves
             WHERE perk_id = ?1 ORDER BY number",
        )?
        .query_map([perk], |r| {
            Ok(WaveRow {
                id: r.get(0)?,
                number: r.get(1)?,
                name: r.get(2)?,
                opens_at: r.get(3)?,
                segment_id: r.get(4)?,
                min_level: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// One perk with its waves and grants (the latest grant first).
pub fn perk_detail(conn: &Connection, id: &str) -> Result<PerkDetail> {
    let sql = format!("{ROW_SQL} WHERE p.id = ?1");
    let perk = conn
        .prepare_cached(&sql)?
        .query_row([id], read_row)
        .optional()?
        .ok_or_else(|| CoreError::NotFound {
            what: "perk",
            id: id.to_owned(),
        })?;
    let grants = conn
        .prepare_cached(
            "SELECT g.id, g.member_id, m.display_name, w.number, c.code, g.status, g.granted_at,
                    g.redeemed_at, g.expired_at, g.revoked_at
             FROM perk_grants g JOIN members m ON m.id = g.member_id
             LEFT JOIN perk_waves w ON w.id = g.wave_id
             LEFT JOIN perk_codes c ON c.id = g.code_id
             WHERE g.perk_id = ?1 ORDER BY g.granted_at DESC, g.id",
        )?
        .query_map(params![id], |r| {
            let status: String = r.get(5)?;
            Ok(GrantRow {
                id: r.get(0)?,
                member_id: r.get(1)?,
                member_name: r.get(2)?,
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
    Ok(PerkDetail {
        perk,
        waves: waves(conn, id)?,
        grants,
    })
}
