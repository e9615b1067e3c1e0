//! Ideas in a merge: the merged member's votes, ideas and comments move to the kept member.
//! Where both profiles voted on the same idea, the merged member's vote is dropped into the
//! snapshot, so the person keeps one vote and undo brings the second back.

use rusqlite::types::Value;

use super::apply::{ids, keyed};
use super::snapshot::Recorder;
use crate::error::Result;
use crate::store::{SyncedTable, Writer};

const VOTES: &str = "SELECT id, idea_id FROM idea_votes WHERE member_id = ?1 ORDER BY id";

/// Moves the idea votes, authorship and comments of `m` to `k`.
pub(super) fn move_idea_links(
    w: &mut Writer<'_>,
    rec: &mut Recorder,
    k: &str,
    m: &str,
) -> Result<()> {
    let kept_ideas: Vec<String> = keyed(w.tx(), VOTES, k)?
        .into_iter()
        .map(|(_, idea)| idea)
        .collect();
    let to_k = [("member_id", Value::Text(k.to_owned()))];
    for (id, idea) in keyed(w.tx(), VOTES, m)? {
        if kept_ideas.contains(&idea) {
            rec.delete(w, SyncedTable::IdeaVotes, &id)?;
        } else {
            rec.update(w, SyncedTable::IdeaVotes, &id, &to_k)?;
        }
    }
    for id in ids(
        w.tx(),
        "SELECT id FROM ideas WHERE author_id = ?1 ORDER BY id",
        m,
    )? {
        rec.update(
            w,
            SyncedTable::Ideas,
            &id,
            &[("author_id", Value::Text(k.to_owned()))],
        )?;
    }
    for id in ids(
        w.tx(),
        "SELECT id FROM idea_comments WHERE member_id = ?1 ORDER BY id",
        m,
    )? {
        rec.update(w, SyncedTable::IdeaComments, &id, &to_k)?;
    }
    Ok(())
}
