//! Feedback on an event: a rating from 1 to 5 and an optional comment, typed in or imported.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit;
use crate::budget::ensure_event;
use crate::error::{CoreError, Result};
use crate::store::{SyncedTable, Writer};

/// Where a piece of feedback came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum FeedbackSource {
    Manual,
    Csv,
}

impl FeedbackSource {
    pub(super) fn as_sql(self) -> &'static str {
        match self {
            FeedbackSource::Manual => "manual",
            FeedbackSource::Csv => "csv",
        }
    }
}

/// Feedback as typed in: who (optional), a rating 1–5, a comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FeedbackInput {
    pub member_id: Option<String>,
    #[ts(type = "number")]
    pub rating: i64,
    pub comment: Option<String>,
    /// When it was given (unix ms); default now.
    #[ts(type = "number | null")]
    pub submitted_at: Option<i64>,
}

/// Feedback as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Feedback {
    pub id: String,
    pub event_id: String,
    pub member_id: Option<String>,
    pub member_name: Option<String>,
    pub rating: u8,
    pub comment: Option<String>,
    #[ts(type = "number")]
    pub submitted_at: i64,
    pub source: FeedbackSource,
}

/// Checks a rating is a whole number from 1 to 5.
pub(super) fn check_rating(rating: i64) -> Result<()> {
    if (1..=5).contains(&rating) {
        Ok(())
    } else {
        Err(crate::invalid!(
            "feedback.ratingRange",
            "rating {rating} is not between 1 and 5",
            rating
        ))
    }
}

/// Checks `member` exists and is not deleted.
pub(super) fn check_member(conn: &Connection, member: &str) -> Result<()> {
    conn.prepare_cached("SELECT 1 FROM members WHERE id = ?1 AND deleted_at IS NULL")?
        .query_row([member], |_| Ok(()))
        .optional()?
        .ok_or_else(|| CoreError::NotFound {
            what: "member",
            id: member.to_owned(),
        })
}

/// Stores one piece of feedback (already checked).
pub(super) fn insert(
    w: &mut Writer<'_>,
    event: &str,
    input: &FeedbackInput,
    source: FeedbackSource,
) -> Result<String> {
    let id = uuid::Uuid::now_v7().to_string();
    let comment = input
        .comment
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let at = input.submitted_at.unwrap_or(w.now_ms());
    w.insert(
        SyncedTable::EventFeedback,
        &id,
        &[
            ("event_id", Value::Text(event.to_owned())),
            (
                "member_id",
                input.member_id.clone().map_or(Value::Null, Value::Text),
            ),
            ("rating", Value::Integer(input.rating)),
            (
                "comment",
                comment.map_or(Value::Null, |c| Value::Text(c.to_owned())),
            ),
            ("submitted_at", Value::Integer(at)),
            ("source", Value::Text(source.as_sql().to_owned())),
        ],
    )?;
    Ok(id)
}

/// Adds feedback typed in by the manager.
pub fn add_feedback(w: &mut Writer<'_>, event: &str, input: &FeedbackInput) -> Result<String> {
    ensure_event(w.tx(), event)?;
    check_rating(input.rating)?;
    if let Some(m) = &input.member_id {
        check_member(w.tx(), m)?;
    }
    let id = insert(w, event, input, FeedbackSource::Manual)?;
    audit::record(
        w,
        "event.feedback_added",
        Some(event),
        &serde_json::json!({ "feedback": id, "rating": input.rating }),
    )?;
    Ok(id)
}

/// Deletes a piece of feedback.
pub fn delete_feedback(w: &mut Writer<'_>, feedback: &str) -> Result<()> {
    let event: String = w
        .tx()
        .prepare_cached("SELECT event_id FROM event_feedback WHERE id = ?1")?
        .query_row([feedback], |r| r.get(0))
        .optional()?
        .ok_or_else(|| CoreError::NotFound {
            what: "feedback",
            id: feedback.to_owned(),
        })?;
    w.delete(SyncedTable::EventFeedback, feedback)?;
    audit::record(
        w,
        "event.feedback_deleted",
        Some(&event),
        &serde_json::json!({ "feedback": feedback }),
    )
}

/// `event`'s feedback, newest first.
pub fn event_feedback(conn: &Connection, event: &str) -> Result<Vec<Feedback>> {
    ensure_event(conn, event)?;
    let mut stmt = conn.prepare_cached(
        "SELECT f.id, f.event_id, f.member_id, m.display_name, f.rating, f.comment,
                f.submitted_at, f.source
         FROM event_feedback f LEFT JOIN members m ON m.id = f.member_id
         WHERE f.event_id = ?1 ORDER BY f.submitted_at DESC, f.id DESC",
    )?;
    let rows = stmt
        .query_map(params![event], |r| {
            Ok(Feedback {
                id: r.get(0)?,
                event_id: r.get(1)?,
                member_id: r.get(2)?,
                member_name: r.get(3)?,
                rating: r.get(4)?,
                comment: r.get(5)?,
                submitted_at: r.get(6)?,
                source: if r.get::<_, String>(7)? == "csv" {
                    FeedbackSource::Csv
                } else {
                    FeedbackSource::Manual
                },
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
