//! Moving what a member said about events in a merge: feedback they gave, options they proposed
//! for an upcoming event, and their votes. A vote on an option the kept member also voted for
//! is dropped (one vote per member per option) into the snapshot, so undo brings it back.

use std::collections::HashSet;

use rusqlite::types::Value;

use super::apply::{ids, keyed};
use super::snapshot::Recorder;
use crate::error::Result;
use crate::store::{SyncedTable, Writer};

/// (vote id, option id) of a member's votes.
const VOTE_KEYS: &str =
    "SELECT id, suggestion_id FROM suggestion_votes WHERE member_id = ?1 ORDER BY id";

/// Moves feedback, proposals and votes from `m` to `k`.
pub(super) fn move_event_links(
    w: &mut Writer<'_>,
    rec: &mut Recorder,
    k: &str,
    m: &str,
) -> Result<()> {
    let to_kept = |column: &'static str| [(column, Value::Text(k.to_owned()))];
    for id in ids(
        w.tx(),
        "SELECT id FROM event_feedback WHERE member_id = ?1 ORDER BY id",
        m,
    )? {
        rec.update(w, SyncedTable::EventFeedback, &id, &to_kept("member_id"))?;
    }
    let proposals = "SELECT id FROM event_suggestions WHERE proposed_by = ?1 ORDER BY id";
    for id in ids(w.tx(), proposals, m)? {
        rec.update(
            w,
            SyncedTable::EventSuggestions,
            &id,
            &to_kept("proposed_by"),
        )?;
    }
    let kept_votes: HashSet<String> = keyed(w.tx(), VOTE_KEYS, k)?
        .into_iter()
        .map(|(_, option)| option)
        .collect();
    for (id, option) in keyed(w.tx(), VOTE_KEYS, m)? {
        if kept_votes.contains(&option) {
            rec.delete(w, SyncedTable::SuggestionVotes, &id)?;
        } else {
            rec.update(w, SyncedTable::SuggestionVotes, &id, &to_kept("member_id"))?;
        }
    }
    Ok(())
}
