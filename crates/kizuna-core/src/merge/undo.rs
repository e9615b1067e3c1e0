//! Undoing a merge: every cell the merge wrote goes back to its value before, and every row it
//! deleted comes back — refused, with the reason, when something written since would be lost.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

use super::snapshot::{Cells, RowChange, Snapshot, read_row, table, to_sql};
use super::{MergeId, member_state};
use crate::audit;
use crate::error::{CoreError, Result};
use crate::ids::MemberId;
use crate::members::refresh_search;
use crate::store::{SyncedTable, Writer};

struct StoredMerge {
    kept: String,
    merged: String,
    snapshot: String,
    undone_at: Option<i64>,
}

/// Undoes merge `merge_id` in one transaction: both members and every moved or dropped row are
/// as they were before it, except for changes made since that the merge did not touch.
pub fn undo_merge(w: &mut Writer<'_>, merge_id: &MergeId) -> Result<()> {
    let stored = load(w.tx(), merge_id)?;
    if let Some(at) = stored.undone_at {
        return Err(crate::invalid!(
            "merge.alreadyUndone",
            "merge {merge} was already undone (at {at})",
            merge = merge_id,
            at = super::preview::format_ms(at)
        ));
    }
    let snapshot = Snapshot::parse(&stored.snapshot)?;
    check_kept_not_merged_since(w.tx(), &stored.kept, merge_id)?;
    for change in &snapshot.changes {
        check(w.tx(), change)?;
    }
    // Reverse order: a registration moved onto the kept member goes back before the kept
    // member's own row for that event is restored.
    for change in snapshot.changes.iter().rev() {
        revert(w, change)?;
    }
    refresh_search(w, &MemberId::from(stored.kept.as_str()))?;
    refresh_search(w, &MemberId::from(stored.merged.as_str()))?;
    w.update(
        SyncedTable::Merges,
        merge_id.as_str(),
        &[("undone_at", Value::Integer(w.now_ms()))],
    )?;
    audit::record(
        w,
        "member.merge_undone",
        Some(&stored.kept),
        &json!({ "mergeId": merge_id.as_str(), "merged": stored.merged }),
    )?;
    tracing::info!(merge = %merge_id, "merge undone");
    Ok(())
}

fn load(conn: &Connection, merge_id: &MergeId) -> Result<StoredMerge> {
    conn.prepare_cached(
        "SELECT kept_member_id, merged_member_id, snapshot, undone_at FROM merges WHERE id = ?1",
    )?
    .query_row([merge_id.as_str()], |r| {
        Ok(StoredMerge {
            kept: r.get(0)?,
            merged: r.get(1)?,
            snapshot: r.get(2)?,
            undone_at: r.get(3)?,
        })
    })
    .optional()?
    .ok_or_else(|| CoreError::NotFound {
        what: "merge",
        id: merge_id.to_string(),
    })
}

/// The kept member folded into someone else later: that merge has to be undone first.
fn check_kept_not_merged_since(conn: &Connection, kept: &str, merge_id: &MergeId) -> Result<()> {
    let state = member_state(conn, kept)?;
    let Some(into) = state.merged_into else {
        return Ok(());
    };
    let later: Option<String> = conn
        .prepare_cached(
            "SELECT id FROM merges WHERE merged_member_id = ?1 AND undone_at IS NULL
             ORDER BY merged_at DESC, id DESC LIMIT 1",
        )?
        .query_row([kept], |r| r.get(0))
        .optional()?;
    Err(crate::invalid!(
        "merge.undoLaterFirst",
        "merge {merge} cannot be undone yet: {name} was merged into {into} afterwards; undo {later} first",
        merge = merge_id,
        name = state.display_name,
        into,
        later = later.map_or_else(|| "that merge".to_owned(), |id| format!("merge {id}"))
    ))
}

fn noun(table: &str) -> &'static str {
    match table {
        "members" => "member",
        "identities" => "identity",
        "member_tags" => "tag of a member",
        "activities" => "activity",
        "registrations" => "registration",
        "referrals" => "referral",
        _ => "row",
    }
}

/// Refuses when the row changed since the merge in a cell the merge wrote, or is gone.
fn check(conn: &Connection, change: &RowChange) -> Result<()> {
    let synced = table(&change.table)?;
    let current = read_row(conn, synced, &change.id)?;
    let what = noun(&change.table);
    let refuse = |why: String| {
        Err(crate::invalid!(
            "merge.undoWouldLose",
            "this merge cannot be undone without losing later changes: {why}",
            why
        ))
    };
    match (&change.after, current) {
        (Some(_), None) => refuse(format!(
            "the {what} {} was deleted after the merge",
            change.id
        )),
        (None, Some(_)) => refuse(format!(
            "the {what} {} the merge removed exists again",
            change.id
        )),
        (None, None) => Ok(()),
        (Some(after), Some(current)) => match changed_cell(after, &current) {
            None => Ok(()),
            Some("member_id") => refuse(format!(
                "the {what} {} was moved to another member after the merge",
                change.id
            )),
            Some(column) => refuse(format!(
                "the {column} of {what} {} was changed after the merge",
                label(change)
            )),
        },
    }
}

/// A member's name, or the row's id.
fn label(change: &RowChange) -> String {
    match change.before.get("display_name").and_then(|v| v.as_str()) {
        Some(name) => format!("{name} ({})", change.id),
        None => change.id.clone(),
    }
}

/// The first cell the merge wrote that now holds something else.
fn changed_cell<'a>(after: &'a Cells, current: &Cells) -> Option<&'a str> {
    after
        .iter()
        .find(|(column, value)| current.get(*column) != Some(value))
        .map(|(column, _)| column.as_str())
}

/// Puts back the cells the merge wrote, or the row it deleted.
fn revert(w: &mut Writer<'_>, change: &RowChange) -> Result<()> {
    let synced = table(&change.table)?;
    match &change.after {
        Some(after) => {
            let cells = after
                .keys()
                .map(|c| Ok((c.as_str(), cell(&change.before, c)?)))
                .collect::<Result<Vec<_>>>()?;
            w.update(synced, &change.id, &cells)
        }
        None => {
            let cells = change
                .before
                .iter()
                .map(|(c, v)| Ok((c.as_str(), to_sql(v)?)))
                .collect::<Result<Vec<_>>>()?;
            w.insert(synced, &change.id, &cells).map_err(|e| match e {
                CoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
                    if f.code == rusqlite::ErrorCode::ConstraintViolation =>
                {
                    crate::invalid!("merge.undoClash", "this merge cannot be undone without losing later changes: the {noun} {id} it removed clashes with a row added since", noun = noun(&change.table), id = change.id)
                }
                other => other,
            })?;
            if let Some(rowid) = change.rowid {
                // Local storage order only (rowids never sync); skipped if the slot was reused.
                w.tx()
                    .prepare_cached(&format!(
                        "UPDATE {0} SET rowid = ?1 WHERE id = ?2
                         AND NOT EXISTS (SELECT 1 FROM {0} WHERE rowid = ?1)",
                        synced.name()
                    ))?
                    .execute(rusqlite::params![rowid, change.id])?;
            }
            Ok(())
        }
    }
}

fn cell(before: &Cells, column: &str) -> Result<Value> {
    before.get(column).map_or(Ok(Value::Null), to_sql)
}
