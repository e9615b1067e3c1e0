//! Creating, editing, moving through statuses, listing and showing ideas.

use rusqlite::Connection;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::comments::{CommentRow, comments};
use super::votes::{Tally, tally};
use super::{IdeaSource, IdeaStatus, ensure_open_idea, idea_state, live_member, log_for};
use crate::audit;
use crate::error::Result;
use crate::store::{SyncedTable, Writer};

/// An idea as a form (or the CLI) enters it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IdeaInput {
    pub title: String,
    pub body: Option<String>,
    /// `None`: the idea comes from the team.
    pub author_id: Option<String>,
    pub topic: Option<String>,
    /// The activity this idea was taken from (source `activity`); only read when creating.
    pub activity_id: Option<String>,
    /// When it was submitted; `None` means now. Only read when creating.
    #[ts(type = "number | null")]
    pub created_at: Option<i64>,
}

/// One idea in the list, with its (combined) votes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IdeaRow {
    pub id: String,
    pub title: String,
    pub body: Option<String>,
    pub author_id: Option<String>,
    pub author_name: Option<String>,
    pub source: IdeaSource,
    pub activity_id: Option<String>,
    pub status: IdeaStatus,
    pub topic: Option<String>,
    #[ts(type = "number")]
    pub created_at: i64,
    /// Distinct members who voted on it or on an idea merged into it.
    #[ts(type = "number")]
    pub votes: i64,
    /// The sum of those voters' weights (see [`super::voter_weight`]).
    #[ts(type = "number")]
    pub weighted_votes: i64,
    pub merged_into: Option<String>,
}

/// One status an idea took.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StatusChange {
    pub status: IdeaStatus,
    #[ts(type = "number")]
    pub at: i64,
}

/// An idea with its history, voters, comments and the ideas merged into it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IdeaDetail {
    pub idea: IdeaRow,
    pub history: Vec<StatusChange>,
    /// Voter member ids, each once.
    pub voter_ids: Vec<String>,
    pub comments: Vec<CommentRow>,
    /// Ideas merged directly into this one.
    pub merged: Vec<IdeaRow>,
}

/// How the list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IdeaSort {
    Votes,
    WeightedVotes,
    Newest,
}

fn opt_text(v: Option<&str>) -> Value {
    v.map(str::trim)
        .filter(|s| !s.is_empty())
        .map_or(Value::Null, |s| Value::Text(s.to_owned()))
}

fn cells(conn: &Connection, input: &IdeaInput) -> Result<Vec<(&'static str, Value)>> {
    let title = input.title.trim();
    if title.is_empty() {
        return Err(crate::invalid!(
            "ideas.titleMissing",
            "an idea needs a title"
        ));
    }
    if title.chars().count() > 200 {
        return Err(crate::invalid!(
            "ideas.titleTooLong",
            "the title is longer than 200 characters; put the details in the body"
        ));
    }
    let author = opt_text(input.author_id.as_deref());
    if let Value::Text(id) = &author {
        live_member(conn, id)?;
    }
    Ok(vec![
        ("title", Value::Text(title.to_owned())),
        ("body", opt_text(input.body.as_deref())),
        ("author_id", author),
        ("topic", opt_text(input.topic.as_deref())),
    ])
}

/// Creates an idea with status `new`. `source` says where it came from; an author's own idea
/// (not one taken from an activity they already logged) logs an `idea` activity for them.
pub fn create_idea(w: &mut Writer<'_>, input: &IdeaInput, source: IdeaSource) -> Result<String> {
    let mut cells = cells(w.tx(), input)?;
    let created_at = input.created_at.unwrap_or_else(|| w.now_ms());
    let activity = opt_text(input.activity_id.as_deref());
    match (&activity, source) {
        (Value::Text(a), IdeaSource::Activity) => {
            let owner: Option<Option<String>> = w
                .tx()
                .prepare_cached("SELECT member_id FROM activities WHERE id = ?1")?
                .query_row([a], |r| r.get(0))
                .map(Some)
                .or_else(|e| match e {
                    rusqlite::Error::QueryReturnedNoRows => Ok(None),
                    e => Err(e),
                })?;
            let Some(owner) = owner else {
                return Err(crate::invalid!(
                    "ideas.unknownActivity",
                    "\"{activity}\" is not an activity of this community",
                    activity = a
                ));
            };
            if let (Some(owner), Value::Null) = (&owner, &cells[2].1) {
                cells[2].1 = Value::Text(owner.clone());
            }
        }
        (Value::Null, IdeaSource::Activity) => {
            return Err(crate::invalid!(
                "ideas.activityIdMissing",
                "an idea taken from an activity needs the activity's id"
            ));
        }
        _ => {}
    }
    let id = uuid::Uuid::now_v7().to_string();
    cells.extend([
        ("source", Value::Text(source.as_sql().to_owned())),
        ("activity_id", activity),
        ("status", Value::Text(IdeaStatus::New.as_sql().to_owned())),
        ("created_at", Value::Integer(created_at)),
    ]);
    let author = match &cells[2].1 {
        Value::Text(a) => Some(a.clone()),
        _ => None,
    };
    w.insert(SyncedTable::Ideas, &id, &cells)?;
    record_status(w, &id, IdeaStatus::New, created_at)?;
    if let Some(author) = author.filter(|_| source != IdeaSource::Activity) {
        log_for(w, &author, "idea", created_at)?;
    }
    audit::record(
        w,
        "idea.create",
        Some(&id),
        &serde_json::json!({ "source": source.as_sql() }),
    )?;
    Ok(id)
}

/// Edits an idea's title, body, author and topic.
pub fn update_idea(w: &mut Writer<'_>, id: &str, input: &IdeaInput) -> Result<()> {
    ensure_open_idea(w.tx(), id)?;
    let cells = cells(w.tx(), input)?;
    w.update(SyncedTable::Ideas, id, &cells)?;
    audit::record(w, "idea.update", Some(id), &serde_json::json!({}))
}

fn record_status(w: &mut Writer<'_>, idea: &str, status: IdeaStatus, at: i64) -> Result<()> {
    w.insert(
        SyncedTable::IdeaStatusChanges,
        &uuid::Uuid::now_v7().to_string(),
        &[
            ("idea_id", Value::Text(idea.to_owned())),
            ("status", Value::Text(status.as_sql().to_owned())),
            ("at", Value::Integer(at)),
        ],
    )
}

/// Sets an idea's status as of `at` without the workflow check (imports and the sample).
pub(crate) fn put_status(w: &mut Writer<'_>, id: &str, to: IdeaStatus, at: i64) -> Result<()> {
    w.update(
        SyncedTable::Ideas,
        id,
        &[("status", Value::Text(to.as_sql().to_owned()))],
    )?;
    record_status(w, id, to, at)
}

/// Moves an idea to `to` (see [`IdeaStatus::can_move_to`]) and records when.
pub fn set_status(w: &mut Writer<'_>, id: &str, to: IdeaStatus) -> Result<()> {
    let title = ensure_open_idea(w.tx(), id)?;
    let from = IdeaStatus::parse(&w.tx().query_row(
        "SELECT status FROM ideas WHERE id = ?1",
        [id],
        |r| r.get::<_, String>(0),
    )?)?;
    if from == to {
        return Err(crate::invalid!(
            "ideas.alreadyInStatus",
            "\"{title}\" is already {status}",
            title,
            status = to.word()
        ));
    }
    if !from.can_move_to(to) {
        let why = if matches!(from, IdeaStatus::Shipped | IdeaStatus::Declined) {
            crate::invalid_reason!(
                "ideas.statusFinal",
                "{status} is final",
                status = from.word()
            )
        } else {
            crate::invalid_reason!(
                "ideas.moveForward",
                "ideas move forward: new → reviewing → planned → shipped, or to declined"
            )
        };
        return Err(crate::invalid!(
            "ideas.statusMove",
            "\"{title}\" cannot go from {from} to {to} ({why})",
            title,
            from = from.word(),
            to = to.word(),
            why
        ));
    }
    let now = w.now_ms();
    put_status(w, id, to, now)?;
    audit::record(
        w,
        "idea.status",
        Some(id),
        &serde_json::json!({ "from": from.as_sql(), "to": to.as_sql() }),
    )
}

const ROW: &str = "SELECT i.id, i.title, i.body, i.author_id, m.display_name, i.source,
    i.activity_id, i.status, i.topic, i.created_at, i.merged_into
    FROM ideas i LEFT JOIN members m ON m.id = i.author_id";

fn read_rows(conn: &Connection, sql: &str, arg: &str) -> Result<Vec<IdeaRow>> {
    let raw: Vec<(IdeaRow, String, String)> = conn
        .prepare_cached(sql)?
        .query_map([arg], |r| {
            Ok((
                IdeaRow {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    body: r.get(2)?,
                    author_id: r.get(3)?,
                    author_name: r.get(4)?,
                    source: IdeaSource::Manual,
                    activity_id: r.get(6)?,
                    status: IdeaStatus::New,
                    topic: r.get(8)?,
                    created_at: r.get(9)?,
                    votes: 0,
                    weighted_votes: 0,
                    merged_into: r.get(10)?,
                },
                r.get(5)?,
                r.get(7)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    raw.into_iter()
        .map(|(mut row, source, status)| {
            row.source = IdeaSource::parse(&source)?;
            row.status = IdeaStatus::parse(&status)?;
            let Tally { voters, weighted } = tally(conn, &row.id)?;
            row.votes = i64::try_from(voters.len()).unwrap_or(i64::MAX);
            row.weighted_votes = weighted;
            Ok(row)
        })
        .collect()
}

/// Ideas not merged into another, optionally of one status, ordered by `sort` (ties: newest first).
pub fn list_ideas(
    conn: &Connection,
    status: Option<IdeaStatus>,
    sort: IdeaSort,
) -> Result<Vec<IdeaRow>> {
    let mut rows = read_rows(
        conn,
        &format!("{ROW} WHERE i.merged_into IS NULL AND (?1 = '' OR i.status = ?1)"),
        status.map_or("", IdeaStatus::as_sql),
    )?;
    rows.sort_by(|a, b| {
        let key = |r: &IdeaRow| match sort {
            IdeaSort::Votes => r.votes,
            IdeaSort::WeightedVotes => r.weighted_votes,
            IdeaSort::Newest => 0,
        };
        key(b)
            .cmp(&key(a))
            .then(b.created_at.cmp(&a.created_at))
            .then(a.id.cmp(&b.id))
    });
    Ok(rows)
}

/// One idea (also a merged one, for history) with everything about it.
pub fn idea_detail(conn: &Connection, id: &str) -> Result<IdeaDetail> {
    idea_state(conn, id)?;
    let idea = read_rows(conn, &format!("{ROW} WHERE i.id = ?1"), id)?
        .into_iter()
        .next()
        .ok_or_else(|| crate::error::CoreError::NotFound {
            what: "idea",
            id: id.to_owned(),
        })?;
    let history = conn
        .prepare_cached(
            "SELECT status, at FROM idea_status_changes WHERE idea_id = ?1 ORDER BY at, id",
        )?
        .query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<(String, i64)>>>()?
        .into_iter()
        .map(|(s, at)| {
            Ok(StatusChange {
                status: IdeaStatus::parse(&s)?,
                at,
            })
        })
        .collect::<Result<_>>()?;
    Ok(IdeaDetail {
        voter_ids: tally(conn, id)?.voters,
        comments: comments(conn, id)?,
        merged: read_rows(
            conn,
            &format!("{ROW} WHERE i.merged_into = ?1 ORDER BY i.created_at, i.id"),
            id,
        )?,
        history,
        idea,
    })
}
