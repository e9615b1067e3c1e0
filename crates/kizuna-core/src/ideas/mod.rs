//! Ideas & votes: members' ideas with a status history, one vote per member per idea, weighted
//! votes from engagement, comments, merges of duplicate ideas, contributors and CSV import.
//! See docs/ideas.md.

mod audience;
mod comments;
mod contributors;
mod csv_import;
mod dedupe;
mod idea;
mod votes;

pub use audience::{IdeaAudience, audience_ids};
pub(crate) use comments::insert_comment;
pub use comments::{CommentRow, add_comment};
pub use contributors::{Contributor, contributors, contributors_csv};
pub use csv_import::{IdeaCsvCheck, IdeaLineError, check_ideas_csv, import_ideas_csv};
pub use dedupe::{merge_ideas, unmerge_idea};
pub(crate) use idea::put_status;
pub use idea::{
    IdeaDetail, IdeaInput, IdeaRow, IdeaSort, StatusChange, create_idea, idea_detail, list_ideas,
    set_status, update_idea,
};
pub use votes::{unvote, vote, voter_weight};

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{CoreError, Result};

/// Where an idea stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IdeaStatus {
    New,
    Reviewing,
    Planned,
    Shipped,
    Declined,
}

impl IdeaStatus {
    /// Every status, in workflow order.
    pub const ALL: [IdeaStatus; 5] = [
        IdeaStatus::New,
        IdeaStatus::Reviewing,
        IdeaStatus::Planned,
        IdeaStatus::Shipped,
        IdeaStatus::Declined,
    ];

    /// The status as stored.
    pub fn as_sql(self) -> &'static str {
        match self {
            IdeaStatus::New => "new",
            IdeaStatus::Reviewing => "reviewing",
            IdeaStatus::Planned => "planned",
            IdeaStatus::Shipped => "shipped",
            IdeaStatus::Declined => "declined",
        }
    }

    /// The status as a word inside a refusal, keyed so the UI words it in its language.
    pub fn word(self) -> crate::Invalid {
        match self {
            IdeaStatus::New => crate::invalid_reason!("status.ideaNew", "new"),
            IdeaStatus::Reviewing => crate::invalid_reason!("status.ideaReviewing", "reviewing"),
            IdeaStatus::Planned => crate::invalid_reason!("status.ideaPlanned", "planned"),
            IdeaStatus::Shipped => crate::invalid_reason!("status.ideaShipped", "shipped"),
            IdeaStatus::Declined => crate::invalid_reason!("status.ideaDeclined", "declined"),
        }
    }

    /// Reads a stored or typed status.
    pub fn parse(text: &str) -> Result<Self> {
        let wanted = text.trim().to_lowercase();
        Self::ALL
            .into_iter()
            .find(|s| s.as_sql() == wanted)
            .ok_or_else(|| {
                crate::invalid!("ideas.unknownStatus", "\"{text}\" is not an idea status (use new, reviewing, planned, shipped or declined)", text)
            })
    }

    /// Whether an idea may move from `self` to `to`: forward along new → reviewing → planned →
    /// shipped (steps may be skipped), or to declined from any open status. Shipped and
    /// declined are final.
    pub fn can_move_to(self, to: IdeaStatus) -> bool {
        let order = |s: IdeaStatus| match s {
            IdeaStatus::New => 0,
            IdeaStatus::Reviewing => 1,
            IdeaStatus::Planned => 2,
            IdeaStatus::Shipped => 3,
            IdeaStatus::Declined => 4,
        };
        match self {
            IdeaStatus::Shipped | IdeaStatus::Declined => false,
            _ => order(to) > order(self),
        }
    }
}

/// How an idea reached the community's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IdeaSource {
    Manual,
    Csv,
    Activity,
}

impl IdeaSource {
    /// The source as stored.
    pub fn as_sql(self) -> &'static str {
        match self {
            IdeaSource::Manual => "manual",
            IdeaSource::Csv => "csv",
            IdeaSource::Activity => "activity",
        }
    }

    /// Reads a stored source.
    pub fn parse(text: &str) -> Result<Self> {
        [Self::Manual, Self::Csv, Self::Activity]
            .into_iter()
            .find(|s| s.as_sql() == text)
            .ok_or_else(|| {
                crate::invalid!(
                    "ideas.unknownSource",
                    "\"{text}\" is not an idea source",
                    text
                )
            })
    }
}

/// The row id of a pair (idea, member): the same on every replica.
pub(crate) fn pair_id(what: &str, idea: &str, member: &str) -> String {
    uuid::Uuid::new_v5(
        &uuid::Uuid::NAMESPACE_OID,
        format!("kizuna.{what}/{idea}/{member}").as_bytes(),
    )
    .to_string()
}

/// An idea and every idea merged into it (directly or through other merges), as SQL that
/// binds the idea id as `?1` and yields `fam(id)`.
pub(crate) const FAMILY: &str = "WITH RECURSIVE fam(id) AS (
    SELECT ?1 UNION SELECT i.id FROM ideas i JOIN fam ON i.merged_into = fam.id)";

/// The idea's title and the idea it was merged into, or NotFound.
pub(crate) fn idea_state(conn: &Connection, id: &str) -> Result<(String, Option<String>)> {
    conn.prepare_cached("SELECT title, merged_into FROM ideas WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| CoreError::NotFound {
            what: "idea",
            id: id.to_owned(),
        })
}

/// Refuses an idea that was merged into another (it is kept for history only).
pub(crate) fn ensure_open_idea(conn: &Connection, id: &str) -> Result<String> {
    let (title, merged_into) = idea_state(conn, id)?;
    match merged_into {
        Some(into) => Err(crate::invalid!(
            "ideas.ideaMerged",
            "\"{title}\" was merged into idea {into}; use that idea instead",
            title,
            into
        )),
        None => Ok(title),
    }
}

/// A live member's display name, or a specific error.
pub(crate) fn live_member(conn: &Connection, member: &str) -> Result<String> {
    let row: Option<(String, Option<i64>, Option<String>)> = conn
        .prepare_cached("SELECT display_name, deleted_at, merged_into FROM members WHERE id = ?1")?
        .query_row([member], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    match row {
        Some((name, None, None)) => Ok(name),
        Some((name, _, Some(into))) => Err(crate::invalid!(
            "ideas.memberMerged",
            "{name} was merged into {into}; use that member",
            name,
            into
        )),
        Some((name, Some(_), None)) => Err(crate::invalid!(
            "ideas.memberDeleted",
            "{name} is not a member any more (deleted)",
            name
        )),
        None => Err(crate::invalid!(
            "ideas.notMember",
            "\"{member}\" is not a member of this community",
            member
        )),
    }
}

/// Logs a builtin activity (`idea` or `vote`) for a member, when that type exists.
pub(crate) fn log_for(
    w: &mut crate::store::Writer<'_>,
    member: &str,
    activity_type: &str,
    at: i64,
) -> Result<()> {
    let known: bool = w
        .tx()
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM activity_types WHERE key = ?1)")?
        .query_row([activity_type], |r| r.get(0))?;
    if known {
        crate::activities::log_activity(
            w,
            &crate::activities::NewActivity {
                member: crate::ids::MemberId::from(member),
                activity_type: activity_type.to_owned(),
                occurred_at: at,
                platform: None,
                url: None,
                event: None,
                campaign: None,
            },
        )?;
    }
    Ok(())
}
