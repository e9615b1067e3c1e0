//! Reading stored scores and levels for the screens: how many members each level has, the top
//! members, one member's score and their promotions and demotions.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use ts_rs::TS;

use super::levels::{Ladder, Level};
use super::score::NewLevelChange;
use crate::error::{CoreError, Result};

/// Why a member's level changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum LevelChangeCause {
    /// The member gained points.
    Activity,
    /// Time alone lowered the score below a threshold.
    Decay,
    /// Weights, the half-life or the thresholds changed.
    Rules,
    /// Activities already counted were removed or moved (e.g. by a merge).
    History,
}

impl LevelChangeCause {
    fn as_sql(self) -> &'static str {
        match self {
            LevelChangeCause::Activity => "activity",
            LevelChangeCause::Decay => "decay",
            LevelChangeCause::Rules => "rules",
            LevelChangeCause::History => "history",
        }
    }

    fn from_sql(s: &str) -> Self {
        match s {
            "decay" => LevelChangeCause::Decay,
            "rules" => LevelChangeCause::Rules,
            "history" => LevelChangeCause::History,
            _ => LevelChangeCause::Activity,
        }
    }
}

/// Up or down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Direction {
    Promotion,
    Demotion,
}

/// One promotion or demotion of a member.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LevelChange {
    #[ts(type = "number")]
    pub from_rank: i64,
    #[ts(type = "number")]
    pub to_rank: i64,
    pub direction: Direction,
    /// When it happened (unix ms); for decay, the instant the score reached the threshold.
    #[ts(type = "number")]
    pub at: i64,
    /// The member's score at that instant.
    pub score: f64,
    pub cause: LevelChangeCause,
}

/// How many live members a level has.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LevelCount {
    pub level: Level,
    pub members: u32,
}

/// A member's stored score and level.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScoredMember {
    pub member_id: String,
    pub display_name: String,
    pub score: f64,
    /// The instant the score was computed for (unix ms).
    #[ts(type = "number")]
    pub as_of: i64,
    #[ts(type = "number")]
    pub level_rank: i64,
    pub level_label_en: String,
    pub level_label_ja: String,
    #[ts(type = "number | null")]
    pub last_activity_at: Option<i64>,
}

pub(crate) fn record_level_change(conn: &Connection, change: &NewLevelChange) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO level_changes (member_id, from_rank, to_rank, at, score, cause)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        change.member_id,
        change.from_rank,
        change.to_rank,
        change.at,
        change.score,
        change.cause.as_sql()
    ])?;
    Ok(())
}

/// Every level, lowest first, with its number of live members (as of the last recompute).
pub fn level_distribution(conn: &Connection) -> Result<Vec<LevelCount>> {
    let ladder = Ladder::load(conn)?;
    let counts: Vec<(i64, u32)> = conn
        .prepare_cached(
            "SELECT s.level_rank, count(*) FROM member_scores s
             JOIN members m ON m.id = s.member_id AND m.deleted_at IS NULL
             GROUP BY s.level_rank",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ladder
        .levels()
        .iter()
        .map(|level| LevelCount {
            level: level.clone(),
            members: counts
                .iter()
                .filter(|(rank, _)| *rank == level.rank)
                .map(|(_, n)| n)
                .sum(),
        })
        .collect())
}

fn scored_member(ladder: &Ladder, r: &rusqlite::Row<'_>) -> rusqlite::Result<ScoredMember> {
    let level_rank: i64 = r.get(4)?;
    let level = ladder.level(level_rank);
    Ok(ScoredMember {
        member_id: r.get(0)?,
        display_name: r.get(1)?,
        score: r.get(2)?,
        as_of: r.get(3)?,
        level_rank,
        level_label_en: level.map(|l| l.label_en.clone()).unwrap_or_default(),
        level_label_ja: level.map(|l| l.label_ja.clone()).unwrap_or_default(),
        last_activity_at: r.get(5)?,
    })
}

const SCORED_MEMBER: &str = "SELECT s.member_id, m.display_name, s.score, s.as_of, s.level_rank,
        s.last_activity_at
    FROM member_scores s JOIN members m ON m.id = s.member_id AND m.deleted_at IS NULL";

/// The `limit` live members with the highest scores, highest first.
pub fn top_members(conn: &Connection, limit: u32) -> Result<Vec<ScoredMember>> {
    let ladder = Ladder::load(conn)?;
    Ok(conn
        .prepare_cached(&format!(
            "{SCORED_MEMBER} ORDER BY s.score DESC, s.member_id LIMIT ?1"
        ))?
        .query_map([limit], |r| scored_member(&ladder, r))?
        .collect::<rusqlite::Result<_>>()?)
}

fn ensure_member(conn: &Connection, member_id: &str) -> Result<()> {
    let exists: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM members WHERE id = ?1)")?
        .query_row([member_id], |r| r.get(0))?;
    if exists {
        Ok(())
    } else {
        Err(CoreError::NotFound {
            what: "member",
            id: member_id.to_owned(),
        })
    }
}

/// A member's stored score, or `None` when no recompute has scored them yet.
pub fn member_score(conn: &Connection, member_id: &str) -> Result<Option<ScoredMember>> {
    ensure_member(conn, member_id)?;
    let ladder = Ladder::load(conn)?;
    Ok(conn
        .prepare_cached(&format!("{SCORED_MEMBER} WHERE s.member_id = ?1"))?
        .query_row([member_id], |r| scored_member(&ladder, r))
        .optional()?)
}

/// A member's promotions and demotions, oldest first.
pub fn level_history(conn: &Connection, member_id: &str) -> Result<Vec<LevelChange>> {
    ensure_member(conn, member_id)?;
    Ok(conn
        .prepare_cached(
            "SELECT from_rank, to_rank, at, score, cause FROM level_changes
             WHERE member_id = ?1 ORDER BY at, id",
        )?
        .query_map([member_id], |r| {
            let (from_rank, to_rank): (i64, i64) = (r.get(0)?, r.get(1)?);
            Ok(LevelChange {
                from_rank,
                to_rank,
                direction: if to_rank > from_rank {
                    Direction::Promotion
                } else {
                    Direction::Demotion
                },
                at: r.get(2)?,
                score: r.get(3)?,
                cause: LevelChangeCause::from_sql(&r.get::<_, String>(4)?),
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}
