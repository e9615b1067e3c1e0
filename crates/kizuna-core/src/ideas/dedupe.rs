//! Merging a duplicate idea into another and undoing it. The merged idea keeps its votes
//! (the kept idea counts the union of both voter sets, so no member counts twice) and is hidden
//! from lists; its comments move to the kept idea. Undo clears the link and moves the comments
//! back, which restores both ideas exactly.

use rusqlite::types::Value;

use super::{FAMILY, ensure_open_idea, idea_state};
use crate::audit;
use crate::error::Result;
use crate::store::{SyncedTable, Writer};

/// Merges idea `merged` into idea `kept`.
pub fn merge_ideas(w: &mut Writer<'_>, kept: &str, merged: &str) -> Result<()> {
    if kept == merged {
        return Err(crate::invalid!(
            "ideas.mergeIntoItself",
            "an idea cannot be merged into itself; pick two different ideas"
        ));
    }
    ensure_open_idea(w.tx(), kept)?;
    ensure_open_idea(w.tx(), merged)?;
    let now = w.now_ms();
    w.update(
        SyncedTable::Ideas,
        merged,
        &[
            ("merged_into", Value::Text(kept.to_owned())),
            ("merged_at", Value::Integer(now)),
        ],
    )?;
    let moving: Vec<String> = w
        .tx()
        .prepare_cached("SELECT id FROM idea_comments WHERE idea_id = ?1 ORDER BY id")?
        .query_map([merged], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for c in &moving {
        w.update(
            SyncedTable::IdeaComments,
            c,
            &[("idea_id", Value::Text(kept.to_owned()))],
        )?;
    }
    audit::record(
        w,
        "idea.merge",
        Some(kept),
        &serde_json::json!({ "merged": merged, "comments": moving.len() }),
    )
}

/// Undoes the merge of idea `merged`: it is listed again with its own votes and comments.
pub fn unmerge_idea(w: &mut Writer<'_>, merged: &str) -> Result<String> {
    let (title, into) = idea_state(w.tx(), merged)?;
    let Some(kept) = into else {
        return Err(crate::invalid!(
            "ideas.notMerged",
            "\"{title}\" is not merged into another idea",
            title
        ));
    };
    let (kept_title, kept_into) = idea_state(w.tx(), &kept)?;
    if let Some(outer) = kept_into {
        return Err(crate::invalid!(
            "ideas.keptMergedLater",
            "\"{kept}\" was itself merged into idea {outer} later; undo that merge first",
            kept = kept_title,
            outer
        ));
    }
    let back: Vec<String> = w
        .tx()
        .prepare_cached(&format!(
            "{FAMILY} SELECT id FROM idea_comments WHERE idea_id = ?2
               AND origin_idea_id IN (SELECT id FROM fam) ORDER BY id"
        ))?
        .query_map([merged, kept.as_str()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for c in &back {
        w.update(
            SyncedTable::IdeaComments,
            c,
            &[("idea_id", Value::Text(merged.to_owned()))],
        )?;
    }
    w.update(
        SyncedTable::Ideas,
        merged,
        &[("merged_into", Value::Null), ("merged_at", Value::Null)],
    )?;
    audit::record(
        w,
        "idea.unmerge",
        Some(merged),
        &serde_json::json!({ "from": kept }),
    )?;
    Ok(kept)
}
