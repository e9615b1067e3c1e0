//! Granting a perk in bulk to a segment or wave, after a preview of who gets it and who does
//! not and why, in engagement score order.

use std::collections::HashSet;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::grant::{
    Gate, Perk, check_window, eligible, free_codes, gates, has_it, load, room, write_grant,
};
use crate::audit;
use crate::error::Result;
use crate::segments::{get_segment, segment_member_ids};
use crate::store::Writer;

/// Who a bulk grant is for: a segment's members, a wave's eligible members, or both.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BulkTarget {
    pub segment_id: Option<String>,
    #[ts(type = "number | null")]
    pub wave: Option<i64>,
}

/// What a bulk grant does for one member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BulkOutcome {
    Gets,
    NotEligible,
    AlreadyHas,
    OutOfStock,
}

/// One member in a bulk preview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PreviewRow {
    pub member_id: String,
    pub member_name: String,
    pub score: f64,
    pub outcome: BulkOutcome,
    /// Why not, for members left out because they are not eligible.
    pub reason: Option<String>,
}

/// Who a bulk grant gives the perk to, in engagement score order (highest first, then id).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BulkPreview {
    pub perk_id: String,
    pub rows: Vec<PreviewRow>,
    pub gets: u32,
    pub not_eligible: u32,
    pub already_has: u32,
    pub out_of_stock: u32,
}

fn candidates(
    conn: &Connection,
    target: &BulkTarget,
    gates: &[Gate],
    now: i64,
) -> Result<Vec<(String, String, f64)>> {
    let from_segment = match (&target.segment_id, gates) {
        (Some(id), _) => Some(segment_member_ids(
            conn,
            &get_segment(conn, id)?.rules,
            now,
        )?),
        (None, [only]) => only
            .segment
            .as_ref()
            .map(|(_, members)| members.iter().cloned().collect()),
        _ => None,
    };
    let mut rows: Vec<(String, String, f64)> = conn
        .prepare_cached(
            "SELECT m.id, m.display_name, coalesce(s.score, 0.0) FROM members m
             LEFT JOIN member_scores s ON s.member_id = m.id WHERE m.deleted_at IS NULL",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if let Some(ids) = from_segment {
        let ids: HashSet<String> = ids.into_iter().collect();
        rows.retain(|(id, _, _)| ids.contains(id));
    }
    rows.sort_by(|a, b| b.2.total_cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    Ok(rows)
}

/// Who a bulk grant would give the perk to, and who not and why; changes nothing.
pub fn preview_bulk(
    conn: &Connection,
    perk_id: &str,
    target: &BulkTarget,
    now: i64,
) -> Result<BulkPreview> {
    Ok(plan(conn, perk_id, target, now)?.0)
}

fn plan(
    conn: &Connection,
    perk_id: &str,
    target: &BulkTarget,
    now: i64,
) -> Result<(BulkPreview, Vec<Option<String>>)> {
    let perk = load(conn, perk_id)?;
    check_window(&perk, now)?;
    if target.segment_id.is_none() && target.wave.is_none() {
        return Err(crate::invalid!(
            "perks.bulkTargetMissing",
            "a bulk grant needs a segment or a wave"
        ));
    }
    let gates = gates(conn, &perk, target.wave, now)?;
    let people = candidates(conn, target, &gates, now)?;
    plan_for(conn, perk_id, &perk, &gates, people, now)
}

/// Decides each candidate's outcome (in the order given): not eligible, already has it, out of
/// stock once the room is used up, or gets it, with the wave they get it in.
pub(super) fn plan_for(
    conn: &Connection,
    perk_id: &str,
    perk: &Perk,
    gates: &[Gate],
    people: Vec<(String, String, f64)>,
    now: i64,
) -> Result<(BulkPreview, Vec<Option<String>>)> {
    let mut left = room(conn, perk_id, perk)?;
    let mut preview = BulkPreview {
        perk_id: perk_id.to_owned(),
        rows: Vec::new(),
        gets: 0,
        not_eligible: 0,
        already_has: 0,
        out_of_stock: 0,
    };
    let mut wave_of = Vec::new();
    for (id, name, score) in people {
        let (outcome, reason, wave) = match eligible(conn, gates, &id, now)? {
            Err(why) => (BulkOutcome::NotEligible, Some(why), None),
            Ok(_) if has_it(conn, perk_id, &id)? => (BulkOutcome::AlreadyHas, None, None),
            Ok(_) if left.is_some_and(|l| l <= 0) => (BulkOutcome::OutOfStock, None, None),
            Ok(wave) => {
                left = left.map(|l| l - 1);
                (BulkOutcome::Gets, None, wave)
            }
        };
        match outcome {
            BulkOutcome::Gets => preview.gets += 1,
            BulkOutcome::NotEligible => preview.not_eligible += 1,
            BulkOutcome::AlreadyHas => preview.already_has += 1,
            BulkOutcome::OutOfStock => preview.out_of_stock += 1,
        }
        wave_of.push(wave);
        preview.rows.push(PreviewRow {
            member_id: id,
            member_name: name,
            score,
            outcome,
            reason,
        });
    }
    Ok((preview, wave_of))
}

/// Grants the perk to everyone the preview says gets it, all in this transaction; returns
/// the preview it acted on.
pub fn grant_bulk(w: &mut Writer<'_>, perk_id: &str, target: &BulkTarget) -> Result<BulkPreview> {
    let (preview, wave_of) = plan(w.tx(), perk_id, target, w.now_ms())?;
    let mut codes = free_codes(w.tx(), perk_id)?.into_iter();
    for (row, wave) in preview.rows.iter().zip(wave_of) {
        if row.outcome == BulkOutcome::Gets {
            write_grant(w, perk_id, &row.member_id, wave, codes.next())?;
        }
    }
    audit::record(
        w,
        "perk.grant_bulk",
        Some(perk_id),
        &serde_json::json!({ "granted": preview.gets, "segment": target.segment_id, "wave": target.wave }),
    )?;
    Ok(preview)
}
