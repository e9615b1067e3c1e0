//! Merging two records of the same person, side by side, and undoing any merge later.
//!
//! A merge keeps one member (the *kept*) and folds the other (the *merged*) into it: the
//! manager picks each profile field, identities, tags, traits, activities and registrations move to the
//! kept member, and the merged member stays as a soft-deleted row pointing at the kept one.
//! Every row the merge touched is saved whole in `merges.snapshot` together with the cells the
//! merge wrote, so undo puts exactly those cells back — after checking that nothing written
//! since would be lost. See docs/merges.md.

mod apply;
mod campaign_links;
mod event_links;
mod fields;
mod idea_links;
mod perk_grants;
mod preview;
mod referrals;
mod snapshot;
mod traits;
mod undo;

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{CoreError, Result};

pub use apply::merge_members;
pub use fields::{FieldChoices, FieldValue, MemberField, Side};
pub use preview::{
    FieldComparison, IdentityClash, MergePreview, MergeRecord, MergeSide, MoveCounts, list_merges,
    merge_preview,
};
pub use undo::undo_merge;

/// The id of one merge (UUIDv7 text).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, TS)]
#[serde(transparent)]
pub struct MergeId(pub String);

impl MergeId {
    /// A fresh, time-ordered id.
    pub fn new() -> Self {
        Self(uuid::Uuid::now_v7().to_string())
    }

    /// The id as text, as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for MergeId {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Display for MergeId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for MergeId {
    fn from(s: &str) -> Self {
        Self(s.to_owned())
    }
}

/// What a merge needs to know about a member before it starts.
#[derive(Debug, Clone)]
struct MemberState {
    id: String,
    display_name: String,
    deleted_at: Option<i64>,
    merged_into: Option<String>,
}

fn member_state(conn: &Connection, id: &str) -> Result<MemberState> {
    conn.prepare_cached(
        "SELECT id, display_name, deleted_at, merged_into FROM members WHERE id = ?1",
    )?
    .query_row([id], |r| {
        Ok(MemberState {
            id: r.get(0)?,
            display_name: r.get(1)?,
            deleted_at: r.get(2)?,
            merged_into: r.get(3)?,
        })
    })
    .optional()?
    .ok_or_else(|| CoreError::NotFound {
        what: "member",
        id: id.to_owned(),
    })
}

/// Refuses pairs that cannot be merged, with the reason; returns (kept, merged).
fn check_pair(conn: &Connection, kept: &str, merged: &str) -> Result<(MemberState, MemberState)> {
    if kept == merged {
        return Err(crate::invalid!(
            "merge.sameMember",
            "a member cannot be merged into themselves; pick two different members"
        ));
    }
    let kept = member_state(conn, kept)?;
    let merged = member_state(conn, merged)?;
    for (role, m) in [("kept", &kept), ("merged", &merged)] {
        if let Some(into) = &m.merged_into {
            return Err(if role == "kept" {
                crate::invalid!(
                    "merge.keptAlreadyMerged",
                    "{name} ({id}) was already merged into {into}; merge into {into} instead",
                    name = m.display_name,
                    id = m.id,
                    into
                )
            } else {
                crate::invalid!(
                    "merge.alreadyMerged",
                    "{name} ({id}) was already merged into {into}",
                    name = m.display_name,
                    id = m.id,
                    into
                )
            });
        }
        if m.deleted_at.is_some() {
            return Err(crate::invalid!(
                "merge.deleted",
                "{name} ({id}) is deleted; only live members can be merged",
                name = m.display_name,
                id = m.id
            ));
        }
    }
    Ok((kept, merged))
}
