//! Perk grants in a merge: the merged member's grants move to the kept member. Where the kept
//! member already has a grant of that perk, the merged member's grant is dropped into the
//! snapshot (its code stays with it, so undo brings both back and the code is never re-given).

use rusqlite::types::Value;

use super::apply::keyed;
use super::snapshot::Recorder;
use crate::error::Result;
use crate::store::{SyncedTable, Writer};

const GRANTS: &str = "SELECT id, perk_id FROM perk_grants WHERE member_id = ?1 ORDER BY id";

/// Moves the perk grants of `m` to `k`.
pub(super) fn move_perk_grants(
    w: &mut Writer<'_>,
    rec: &mut Recorder,
    k: &str,
    m: &str,
) -> Result<()> {
    let kept_perks: Vec<String> = keyed(w.tx(), GRANTS, k)?
        .into_iter()
        .map(|(_, perk)| perk)
        .collect();
    for (id, perk) in keyed(w.tx(), GRANTS, m)? {
        if kept_perks.contains(&perk) {
            rec.delete(w, SyncedTable::PerkGrants, &id)?;
        } else {
            rec.update(
                w,
                SyncedTable::PerkGrants,
                &id,
                &[("member_id", Value::Text(k.to_owned()))],
            )?;
        }
    }
    Ok(())
}
