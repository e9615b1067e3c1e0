//! Moving traits in a merge: the merged member's traits go to the kept member, except those
//! the kept member already has (same dimension, key and value, ignoring case), which are
//! deleted whole into the snapshot so undo brings them back.

use std::collections::HashSet;

use rusqlite::types::Value;

use super::apply::keyed;
use super::snapshot::Recorder;
use crate::error::Result;
use crate::store::{SyncedTable, Writer};

/// (id, dimension + key + value folded for case) of a member's traits.
pub(super) const TRAIT_KEYS: &str = "SELECT id, dimension || char(31) || key || char(31) || \
                                     lower(value) FROM member_traits WHERE member_id = ?1 ORDER BY id";

/// Moves traits from `m` to `k`, dropping those `k` already has.
pub(super) fn move_traits(w: &mut Writer<'_>, rec: &mut Recorder, k: &str, m: &str) -> Result<()> {
    let existing: HashSet<String> = keyed(w.tx(), TRAIT_KEYS, k)?
        .into_iter()
        .map(|(_, key)| key)
        .collect();
    for (id, key) in keyed(w.tx(), TRAIT_KEYS, m)? {
        if existing.contains(&key) {
            rec.delete(w, SyncedTable::MemberTraits, &id)?;
        } else {
            rec.update(
                w,
                SyncedTable::MemberTraits,
                &id,
                &[("member_id", Value::Text(k.to_owned()))],
            )?;
        }
    }
    Ok(())
}
