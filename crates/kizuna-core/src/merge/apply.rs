//! Performing a merge: picked fields onto the kept member, the merged member's rows moved
//! over (duplicates dropped), the merged member soft-deleted, all of it snapshotted.

use std::collections::HashMap;

use rusqlite::types::Value;
use rusqlite::{Connection, params};
use serde_json::json;

use super::fields::{FieldChoices, MemberField, Side};
use super::snapshot::{Recorder, SNAPSHOT_VERSION, Snapshot, read_row, to_sql};
use super::{MergeId, check_pair};
use crate::audit;
use crate::error::{CoreError, Result};
use crate::ids::MemberId;
use crate::members::refresh_search;
use crate::store::{SyncedTable, Writer};

/// Merges `merged` into `kept` in one transaction and returns the merge's id (for undo).
pub fn merge_members(
    w: &mut Writer<'_>,
    kept: &MemberId,
    merged: &MemberId,
    choices: &FieldChoices,
) -> Result<MergeId> {
    choices.validate()?;
    check_pair(w.tx(), kept.as_str(), merged.as_str())?;
    let (k, m) = (kept.as_str(), merged.as_str());
    let missing = |id: &str| CoreError::NotFound {
        what: "member",
        id: id.to_owned(),
    };
    let kept_row = read_row(w.tx(), SyncedTable::Members, k)?.ok_or_else(|| missing(k))?;
    let merged_row = read_row(w.tx(), SyncedTable::Members, m)?.ok_or_else(|| missing(m))?;

    let mut rec = Recorder::default();
    let mut fields = Vec::new();
    let mut taken = Vec::new();
    for field in MemberField::ALL {
        if choices.side(field, &kept_row, &merged_row) == Side::Merged {
            let value = merged_row
                .get(field.column())
                .map_or(Ok(Value::Null), to_sql)?;
            fields.push((field.column(), value));
            taken.push(field.column().to_owned());
        }
    }
    rec.update(w, SyncedTable::Members, k, &fields)?;
    super::campaign_links::move_campaign_links(w, &mut rec, k, m)?;
    super::perk_grants::move_perk_grants(w, &mut rec, k, m)?;
    super::idea_links::move_idea_links(w, &mut rec, k, m)?;
    move_identities(w, &mut rec, k, m)?;
    move_tags(w, &mut rec, k, m)?;
    super::traits::move_traits(w, &mut rec, k, m)?;
    for id in ids(w.tx(), "SELECT id FROM activities WHERE member_id = ?1", m)? {
        rec.update(w, SyncedTable::Activities, &id, &member(k))?;
    }
    move_registrations(w, &mut rec, k, m)?;
    super::referrals::move_referrals(w, &mut rec, k, m)?;
    super::event_links::move_event_links(w, &mut rec, k, m)?;
    let now = w.now_ms();
    rec.update(
        w,
        SyncedTable::Members,
        m,
        &[
            ("deleted_at", Value::Integer(now)),
            ("merged_into", Value::Text(k.to_owned())),
        ],
    )?;
    refresh_search(w, kept)?;
    refresh_search(w, merged)?;

    let snapshot = Snapshot {
        version: SNAPSHOT_VERSION,
        fields_taken: taken.clone(),
        changes: rec.changes,
    };
    let id = MergeId::new();
    w.insert(
        SyncedTable::Merges,
        id.as_str(),
        &[
            ("kept_member_id", Value::Text(k.to_owned())),
            ("merged_member_id", Value::Text(m.to_owned())),
            ("snapshot", Value::Text(serde_json::to_string(&snapshot)?)),
            ("merged_at", Value::Integer(now)),
        ],
    )?;
    audit::record(
        w,
        "member.merge",
        Some(k),
        &json!({ "mergeId": id.as_str(), "merged": m, "fieldsTaken": taken }),
    )?;
    tracing::info!(merge = %id, "members merged");
    Ok(id)
}

fn member(kept: &str) -> [(&'static str, Value); 1] {
    [("member_id", Value::Text(kept.to_owned()))]
}

pub(super) fn ids(conn: &Connection, sql: &str, member: &str) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached(sql)?
        .query_map([member], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Rows of `sql` (id, key) for `member`, keyed by `key`.
pub(super) fn keyed(conn: &Connection, sql: &str, member: &str) -> Result<Vec<(String, String)>> {
    Ok(conn
        .prepare_cached(sql)?
        .query_map(params![member], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

/// (id, platform + handle) of a member's identities.
pub(super) const IDENTITY_KEYS: &str =
    "SELECT id, platform || char(31) || handle FROM identities WHERE member_id = ?1 ORDER BY id";
/// (id, tag id) of a member's tags.
pub(super) const TAG_KEYS: &str =
    "SELECT id, tag_id FROM member_tags WHERE member_id = ?1 ORDER BY id";

/// Moves identities over; one the kept member already has (same platform and handle) is
/// dropped, keeping the kept member's.
fn move_identities(w: &mut Writer<'_>, rec: &mut Recorder, k: &str, m: &str) -> Result<()> {
    let existing: HashMap<String, String> = keyed(w.tx(), IDENTITY_KEYS, k)?
        .into_iter()
        .map(|(id, key)| (key, id))
        .collect();
    for (id, key) in keyed(w.tx(), IDENTITY_KEYS, m)? {
        if existing.contains_key(&key) {
            rec.delete(w, SyncedTable::Identities, &id)?;
        } else {
            rec.update(w, SyncedTable::Identities, &id, &member(k))?;
        }
    }
    Ok(())
}

/// Moves tags over, never tagging the kept member twice.
fn move_tags(w: &mut Writer<'_>, rec: &mut Recorder, k: &str, m: &str) -> Result<()> {
    let existing: HashMap<String, String> = keyed(w.tx(), TAG_KEYS, k)?
        .into_iter()
        .map(|(id, tag)| (tag, id))
        .collect();
    for (id, tag) in keyed(w.tx(), TAG_KEYS, m)? {
        if existing.contains_key(&tag) {
            rec.delete(w, SyncedTable::MemberTags, &id)?;
        } else {
            rec.update(w, SyncedTable::MemberTags, &id, &member(k))?;
        }
    }
    Ok(())
}

/// How good a registration is when both members registered for one event (higher wins).
pub(super) fn status_rank(status: &str) -> u8 {
    match status {
        "attended" => 5,
        "going" => 4,
        "waitlist" => 3,
        "no_show" => 2,
        _ => 1,
    }
}

/// (id, event, status) of a member's registrations.
pub(super) const REGISTRATIONS: &str =
    "SELECT id, event_id, status FROM registrations WHERE member_id = ?1 ORDER BY id";

pub(super) fn registrations(
    conn: &Connection,
    member: &str,
) -> Result<Vec<(String, String, String)>> {
    Ok(conn
        .prepare_cached(REGISTRATIONS)?
        .query_map([member], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Moves registrations over; for an event both registered for, the better status stays (the
/// kept member's on a tie) and the other row is deleted, whole in the snapshot.
fn move_registrations(w: &mut Writer<'_>, rec: &mut Recorder, k: &str, m: &str) -> Result<()> {
    let existing: HashMap<String, (String, String)> = registrations(w.tx(), k)?
        .into_iter()
        .map(|(id, event, status)| (event, (id, status)))
        .collect();
    for (id, event, status) in registrations(w.tx(), m)? {
        match existing.get(&event) {
            Some((_, kept_status)) if status_rank(kept_status) >= status_rank(&status) => {
                rec.delete(w, SyncedTable::Registrations, &id)?;
            }
            Some((kept_id, _)) => {
                rec.delete(w, SyncedTable::Registrations, kept_id)?;
                rec.update(w, SyncedTable::Registrations, &id, &member(k))?;
            }
            None => rec.update(w, SyncedTable::Registrations, &id, &member(k))?,
        }
    }
    Ok(())
}
