//! Whom to thank for an idea: its voters, or all its contributors (e.g. to grant them early
//! access once it ships).

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::contributors::contributors;
use super::idea::idea_detail;
use crate::error::Result;

/// Whom a perk is granted to for an idea.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IdeaAudience {
    /// The members who voted on it (or on an idea merged into it).
    Voters,
    /// Its author, commenters and voters, each once.
    Contributors,
}

/// The member ids of the idea's voters or contributors, each once.
pub fn audience_ids(conn: &Connection, idea: &str, who: IdeaAudience) -> Result<Vec<String>> {
    Ok(match who {
        IdeaAudience::Voters => idea_detail(conn, idea)?.voter_ids,
        IdeaAudience::Contributors => contributors(conn, idea)?
            .into_iter()
            .map(|c| c.member_id)
            .collect(),
    })
}
