//! Comments on ideas, by a member or by the team.

use rusqlite::Connection;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ensure_open_idea, live_member};
use crate::audit;
use crate::error::Result;
use crate::store::{SyncedTable, Writer};

/// One comment, with the idea it was written on (differs from the idea shown after a merge).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CommentRow {
    pub id: String,
    /// `None`: the team wrote it (or its author was erased).
    pub member_id: Option<String>,
    pub member_name: Option<String>,
    pub body: String,
    pub origin_idea_id: String,
    #[ts(type = "number")]
    pub created_at: i64,
}

/// Adds a comment to `idea` by `member` (`None`: the team).
pub fn add_comment(
    w: &mut Writer<'_>,
    idea: &str,
    member: Option<&str>,
    body: &str,
) -> Result<String> {
    ensure_open_idea(w.tx(), idea)?;
    let body = body.trim();
    if body.is_empty() {
        return Err(crate::invalid!(
            "ideas.commentEmpty",
            "a comment cannot be empty"
        ));
    }
    if let Some(m) = member {
        live_member(w.tx(), m)?;
    }
    let now = w.now_ms();
    let id = insert_comment(w, idea, member, body, now)?;
    audit::record(w, "idea.comment", Some(idea), &serde_json::json!({}))?;
    Ok(id)
}

/// Writes a comment as of `at` (checked by the caller).
pub(crate) fn insert_comment(
    w: &mut Writer<'_>,
    idea: &str,
    member: Option<&str>,
    body: &str,
    at: i64,
) -> Result<String> {
    let id = uuid::Uuid::now_v7().to_string();
    w.insert(
        SyncedTable::IdeaComments,
        &id,
        &[
            ("idea_id", Value::Text(idea.to_owned())),
            ("origin_idea_id", Value::Text(idea.to_owned())),
            (
                "member_id",
                member.map_or(Value::Null, |m| Value::Text(m.to_owned())),
            ),
            ("body", Value::Text(body.to_owned())),
            ("created_at", Value::Integer(at)),
        ],
    )?;
    Ok(id)
}

pub(crate) fn comments(conn: &Connection, idea: &str) -> Result<Vec<CommentRow>> {
    Ok(conn
        .prepare_cached(
            "SELECT c.id, c.member_id, m.display_name, c.body, c.origin_idea_id, c.created_at
             FROM idea_comments c LEFT JOIN members m ON m.id = c.member_id
             WHERE c.idea_id = ?1 ORDER BY c.created_at, c.id",
        )?
        .query_map([idea], |r| {
            Ok(CommentRow {
                id: r.get(0)?,
                member_id: r.get(1)?,
                member_name: r.get(2)?,
                body: r.get(3)?,
                origin_idea_id: r.get(4)?,
                created_at: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}
