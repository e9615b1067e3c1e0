//! Granting a perk in bulk to an explicit list of members (e.g. an idea's voters), after the
//! same preview as a segment or wave grant: who gets it, and who does not and why.

use std::collections::HashSet;

use rusqlite::{Connection, OptionalExtension};

use super::bulk::{BulkOutcome, BulkPreview, plan_for};
use super::grant::{check_window, free_codes, gates, load, write_grant};
use crate::audit;
use crate::error::Result;
use crate::store::Writer;

/// The listed members (each once, deleted ones left out) in engagement score order.
fn listed(conn: &Connection, member_ids: &[String]) -> Result<Vec<(String, String, f64)>> {
    let mut seen = HashSet::new();
    let mut rows = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT m.display_name, m.deleted_at, coalesce(s.score, 0.0) FROM members m
         LEFT JOIN member_scores s ON s.member_id = m.id WHERE m.id = ?1",
    )?;
    for id in member_ids {
        if !seen.insert(id.as_str()) {
            continue;
        }
        let row: Option<(String, Option<i64>, f64)> = stmt
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        match row {
            Some((name, None, score)) => rows.push((id.clone(), name, score)),
            Some((_, Some(_), _)) => {}
            None => {
                return Err(crate::invalid!(
                    "perks.notMember",
                    "\"{member}\" is not a member of this community",
                    member = id
                ));
            }
        }
    }
    rows.sort_by(|a, b| b.2.total_cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    Ok(rows)
}

fn plan(
    conn: &Connection,
    perk_id: &str,
    member_ids: &[String],
    now: i64,
) -> Result<(BulkPreview, Vec<Option<String>>)> {
    let perk = load(conn, perk_id)?;
    check_window(&perk, now)?;
    let gates = gates(conn, &perk, None, now)?;
    let people = listed(conn, member_ids)?;
    plan_for(conn, perk_id, &perk, &gates, people, now)
}

/// Who of `member_ids` a grant would give the perk to (eligible = any wave open to them), and
/// who not and why; changes nothing.
pub fn preview_grant_to_members(
    conn: &Connection,
    perk_id: &str,
    member_ids: &[String],
    now: i64,
) -> Result<BulkPreview> {
    Ok(plan(conn, perk_id, member_ids, now)?.0)
}

/// Grants the perk to everyone of `member_ids` the preview says gets it, all in this
/// transaction; returns the preview it acted on.
pub fn grant_to_members(
    w: &mut Writer<'_>,
    perk_id: &str,
    member_ids: &[String],
) -> Result<BulkPreview> {
    let (preview, wave_of) = plan(w.tx(), perk_id, member_ids, w.now_ms())?;
    let mut codes = free_codes(w.tx(), perk_id)?.into_iter();
    for (row, wave) in preview.rows.iter().zip(wave_of) {
        if row.outcome == BulkOutcome::Gets {
            write_grant(w, perk_id, &row.member_id, wave, codes.next())?;
        }
    }
    audit::record(
        w,
        "perk.grant_to_members",
        Some(perk_id),
        &serde_json::json!({ "granted": preview.gets, "listed": member_ids.len() }),
    )?;
    Ok(preview)
}
