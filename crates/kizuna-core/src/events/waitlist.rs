//! The waitlist: when seats are free, the longest-waiting registrations move up, each move
//! recorded in the audit log.

use rusqlite::Transaction;
use rusqlite::types::Value;

use super::event::seats_taken;
use crate::audit;
use crate::error::Result;
use crate::ids::EventId;
use crate::store::{SyncedTable, Writer};

/// Free seats at `event`; `None` when it has no capacity limit.
pub(super) fn free_seats(tx: &Transaction<'_>, event: &EventId) -> Result<Option<i64>> {
    let capacity: Option<i64> = tx
        .prepare_cached("SELECT capacity FROM events WHERE id = ?1")?
        .query_row([event.as_str()], |r| r.get(0))?;
    Ok(match capacity {
        Some(capacity) => Some((capacity - seats_taken(tx, event)?).max(0)),
        None => None,
    })
}

/// The next place at the end of `event`'s waitlist.
pub(super) fn next_position(tx: &Transaction<'_>, event: &EventId) -> Result<i64> {
    Ok(tx
        .prepare_cached(
            "SELECT coalesce(max(waitlist_position), 0) + 1 FROM registrations WHERE event_id = ?1",
        )?
        .query_row([event.as_str()], |r| r.get(0))?)
}

/// Moves waitlisted registrations up, in waitlist order, while seats are free; returns the
/// registrations that moved up.
pub(super) fn fill_free_seats(w: &mut Writer<'_>, event: &EventId) -> Result<Vec<String>> {
    let waiting: Vec<(String, String)> = w
        .tx()
        .prepare_cached(
            "SELECT id, member_id FROM registrations WHERE event_id = ?1 AND status = 'waitlist'
             ORDER BY waitlist_position, id",
        )?
        .query_map([event.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let free = free_seats(w.tx(), event)?;
    let promote = free.map_or(waiting.len(), |f| waiting.len().min(f as usize));
    let mut promoted = Vec::with_capacity(promote);
    for (registration, member) in waiting.into_iter().take(promote) {
        w.update(
            SyncedTable::Registrations,
            &registration,
            &[("status", Value::Text("going".to_owned()))],
        )?;
        audit::record(
            w,
            "registration.promoted",
            Some(&registration),
            &serde_json::json!({ "event": event.as_str(), "member": member, "from": "waitlist" }),
        )?;
        promoted.push(registration);
    }
    Ok(promoted)
}
