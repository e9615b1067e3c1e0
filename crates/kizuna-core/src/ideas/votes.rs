//! Votes: one per member per idea, combined over merged ideas, and weighted by engagement.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};

use super::{FAMILY, ensure_open_idea, live_member, log_for, pair_id};
use crate::audit;
use crate::error::Result;
use crate::store::{SyncedTable, Writer};

/// Who voted on an idea (or an idea merged into it), each once, and their summed weight.
pub(crate) struct Tally {
    pub voters: Vec<String>,
    pub weighted: i64,
}

/// A voter's weight: their engagement level rank (1 = the lowest level), and 1 for a member
/// without a score yet — so a Champion's vote counts more than a newcomer's, never less than 1.
pub fn voter_weight(conn: &Connection, member: &str) -> Result<i64> {
    let rank: Option<i64> = conn
        .prepare_cached("SELECT level_rank FROM member_scores WHERE member_id = ?1")?
        .query_row([member], |r| r.get(0))
        .optional()?;
    Ok(rank.unwrap_or(1).max(1))
}

pub(crate) fn tally(conn: &Connection, idea: &str) -> Result<Tally> {
    let voters: Vec<String> = conn
        .prepare_cached(&format!(
            "{FAMILY} SELECT DISTINCT member_id FROM idea_votes
             WHERE idea_id IN (SELECT id FROM fam) ORDER BY member_id"
        ))?
        .query_map([idea], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut weighted = 0;
    for v in &voters {
        weighted += voter_weight(conn, v)?;
    }
    Ok(Tally { voters, weighted })
}

/// Records `member`'s vote on `idea` and logs a `vote` activity for them. A member who already
/// voted on it (or on an idea merged into it) is refused.
pub fn vote(w: &mut Writer<'_>, idea: &str, member: &str) -> Result<String> {
    let title = ensure_open_idea(w.tx(), idea)?;
    let name = live_member(w.tx(), member)?;
    if tally(w.tx(), idea)?.voters.iter().any(|v| v == member) {
        return Err(crate::invalid!(
            "ideas.alreadyVoted",
            "{name} already voted on \"{title}\"",
            name,
            title
        ));
    }
    let id = pair_id("idea_vote", idea, member);
    let now = w.now_ms();
    w.insert(
        SyncedTable::IdeaVotes,
        &id,
        &[
            ("idea_id", Value::Text(idea.to_owned())),
            ("member_id", Value::Text(member.to_owned())),
            ("voted_at", Value::Integer(now)),
        ],
    )?;
    log_for(w, member, "vote", now)?;
    audit::record(
        w,
        "idea.vote",
        Some(idea),
        &serde_json::json!({ "member": member }),
    )?;
    Ok(id)
}

/// Takes back `member`'s vote on `idea` (also one given on an idea merged into it). The `vote`
/// activity logged when they voted stays: they did take part.
pub fn unvote(w: &mut Writer<'_>, idea: &str, member: &str) -> Result<()> {
    let title = ensure_open_idea(w.tx(), idea)?;
    let rows: Vec<String> = w
        .tx()
        .prepare_cached(&format!(
            "{FAMILY} SELECT id FROM idea_votes WHERE member_id = ?2
               AND idea_id IN (SELECT id FROM fam) ORDER BY id"
        ))?
        .query_map([idea, member], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if rows.is_empty() {
        let name = live_member(w.tx(), member).unwrap_or_else(|_| member.to_owned());
        return Err(crate::invalid!(
            "ideas.notVoted",
            "{name} has not voted on \"{title}\"",
            name,
            title
        ));
    }
    for row in &rows {
        w.delete(SyncedTable::IdeaVotes, row)?;
    }
    audit::record(
        w,
        "idea.unvote",
        Some(idea),
        &serde_json::json!({ "member": member }),
    )
}
