//! Referrals in a merge: who the merged member brought in, and who brought them, move to the
//! kept member unless that would make a self-referral, a second referrer or a loop.

use std::collections::HashSet;

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};

use super::apply::keyed;
use super::snapshot::Recorder;
use crate::error::Result;
use crate::store::{SyncedTable, Writer};

/// Members who brought `member` in, directly or through others.
fn brought_in_by(conn: &Connection, member: &str) -> Result<HashSet<String>> {
    let mut seen = HashSet::new();
    let mut current = member.to_owned();
    let mut stmt =
        conn.prepare_cached("SELECT referrer_id FROM referrals WHERE referred_id = ?1")?;
    while let Some(up) = stmt
        .query_row([&current], |r| r.get::<_, String>(0))
        .optional()?
    {
        // A loop in stored data (never written by Kizuna) must not hang the merge.
        if !seen.insert(up.clone()) {
            break;
        }
        current = up;
    }
    Ok(seen)
}

/// Moves the merged member's referrals (both sides) to the kept member; one that cannot move
/// is deleted, whole in the snapshot, so undo brings it back.
pub(super) fn move_referrals(
    w: &mut Writer<'_>,
    rec: &mut Recorder,
    k: &str,
    m: &str,
) -> Result<()> {
    let made = keyed(
        w.tx(),
        "SELECT id, referred_id FROM referrals WHERE referrer_id = ?1 ORDER BY id",
        m,
    )?;
    for (id, referred) in made {
        if referred == k || brought_in_by(w.tx(), k)?.contains(&referred) {
            rec.delete(w, SyncedTable::Referrals, &id)?;
        } else {
            rec.update(w, SyncedTable::Referrals, &id, &[("referrer_id", text(k))])?;
        }
    }
    let brought = keyed(
        w.tx(),
        "SELECT id, referrer_id FROM referrals WHERE referred_id = ?1 ORDER BY id",
        m,
    )?;
    for (id, referrer) in brought {
        let kept_has_referrer: bool = w
            .tx()
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM referrals WHERE referred_id = ?1)")?
            .query_row([k], |r| r.get(0))?;
        if kept_has_referrer || referrer == k || brought_in_by(w.tx(), &referrer)?.contains(k) {
            rec.delete(w, SyncedTable::Referrals, &id)?;
        } else {
            rec.update(w, SyncedTable::Referrals, &id, &[("referred_id", text(k))])?;
        }
    }
    Ok(())
}

fn text(s: &str) -> Value {
    Value::Text(s.to_owned())
}
