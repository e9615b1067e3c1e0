//! Suggestion lists: members propose a topic, venue or date for an upcoming event and vote,
//! one vote per member per option; the manager sees the options ranked by votes.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit;
use crate::error::{CoreError, Result};
use crate::store::{SyncedTable, Writer};

/// What an option proposes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SuggestionKind {
    Topic,
    Venue,
    Date,
}

impl SuggestionKind {
    fn as_sql(self) -> &'static str {
        match self {
            SuggestionKind::Topic => "topic",
            SuggestionKind::Venue => "venue",
            SuggestionKind::Date => "date",
        }
    }

    fn from_sql(s: &str) -> Self {
        match s {
            "venue" => SuggestionKind::Venue,
            "date" => SuggestionKind::Date,
            _ => SuggestionKind::Topic,
        }
    }
}

/// An option with its votes and place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RankedSuggestion {
    pub id: String,
    pub kind: SuggestionKind,
    pub text: String,
    pub proposed_by: Option<String>,
    pub proposed_by_name: Option<String>,
    #[ts(type = "number")]
    pub proposed_at: i64,
    pub votes: u32,
    /// 1 for the most votes; ties share a place (1, 1, 3).
    pub rank: u32,
}

/// Proposes an option for an upcoming event (not started, not done or cancelled).
pub fn propose(
    w: &mut Writer<'_>,
    event: &str,
    kind: SuggestionKind,
    text: &str,
    proposed_by: Option<&str>,
) -> Result<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(crate::invalid!(
            "suggestions.textMissing",
            "a suggestion needs some text"
        ));
    }
    let upcoming: bool = w
        .tx()
        .prepare_cached(
            "SELECT starts_at > ?2 AND status IN ('draft', 'published') FROM events WHERE id = ?1",
        )?
        .query_row(params![event, w.now_ms()], |r| r.get(0))
        .optional()?
        .ok_or_else(|| CoreError::NotFound {
            what: "event",
            id: event.to_owned(),
        })?;
    if !upcoming {
        return Err(crate::invalid!(
            "suggestions.notUpcoming",
            "suggestions can only be made for an upcoming event"
        ));
    }
    let taken: bool = w
        .tx()
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM event_suggestions WHERE event_id = ?1 AND kind = ?2
                        AND lower(trim(text)) = lower(?3))",
        )?
        .query_row(params![event, kind.as_sql(), text], |r| r.get(0))?;
    if taken {
        return Err(crate::invalid!(
            "suggestions.duplicate",
            "\"{text}\" has already been proposed for this event",
            text
        ));
    }
    let id = uuid::Uuid::now_v7().to_string();
    w.insert(
        SyncedTable::EventSuggestions,
        &id,
        &[
            ("event_id", Value::Text(event.to_owned())),
            ("kind", Value::Text(kind.as_sql().to_owned())),
            ("text", Value::Text(text.to_owned())),
            (
                "proposed_by",
                proposed_by.map_or(Value::Null, |m| Value::Text(m.to_owned())),
            ),
            ("proposed_at", Value::Integer(w.now_ms())),
        ],
    )?;
    audit::record(
        w,
        "event.suggestion_added",
        Some(event),
        &serde_json::json!({ "suggestion": id, "kind": kind.as_sql() }),
    )?;
    Ok(id)
}

/// The vote row's id: the same on every replica for one member and option.
fn vote_id(suggestion: &str, member: &str) -> String {
    uuid::Uuid::new_v5(
        &uuid::Uuid::NAMESPACE_OID,
        format!("kizuna.vote/{suggestion}/{member}").as_bytes(),
    )
    .to_string()
}

/// Records `member`'s vote for an option; a second vote by the same member is refused.
pub fn vote(w: &mut Writer<'_>, suggestion: &str, member: &str) -> Result<()> {
    let exists: bool = w.tx().query_row(
        "SELECT EXISTS (SELECT 1 FROM event_suggestions WHERE id = ?1)",
        [suggestion],
        |r| r.get(0),
    )?;
    if !exists {
        return Err(CoreError::NotFound {
            what: "suggestion",
            id: suggestion.to_owned(),
        });
    }
    let id = vote_id(suggestion, member);
    let voted: bool = w.tx().query_row(
        "SELECT EXISTS (SELECT 1 FROM suggestion_votes WHERE id = ?1)",
        [&id],
        |r| r.get(0),
    )?;
    if voted {
        return Err(crate::invalid!(
            "suggestions.alreadyVoted",
            "this member has already voted for this option"
        ));
    }
    w.insert(
        SyncedTable::SuggestionVotes,
        &id,
        &[
            ("suggestion_id", Value::Text(suggestion.to_owned())),
            ("member_id", Value::Text(member.to_owned())),
            ("voted_at", Value::Integer(w.now_ms())),
        ],
    )
}

/// Takes back `member`'s vote for an option.
pub fn unvote(w: &mut Writer<'_>, suggestion: &str, member: &str) -> Result<()> {
    w.delete(SyncedTable::SuggestionVotes, &vote_id(suggestion, member))
}

/// `event`'s options, most votes first (ties: the earlier proposal first).
pub fn ranked_suggestions(conn: &Connection, event: &str) -> Result<Vec<RankedSuggestion>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.kind, s.text, s.proposed_by, m.display_name, s.proposed_at,
                (SELECT count(*) FROM suggestion_votes v WHERE v.suggestion_id = s.id) AS votes
         FROM event_suggestions s LEFT JOIN members m ON m.id = s.proposed_by
         WHERE s.event_id = ?1 ORDER BY votes DESC, s.proposed_at, s.id",
    )?;
    let mut list = stmt
        .query_map([event], |r| {
            Ok(RankedSuggestion {
                id: r.get(0)?,
                kind: SuggestionKind::from_sql(&r.get::<_, String>(1)?),
                text: r.get(2)?,
                proposed_by: r.get(3)?,
                proposed_by_name: r.get(4)?,
                proposed_at: r.get(5)?,
                votes: r.get(6)?,
                rank: 0,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for i in 0..list.len() {
        list[i].rank = if i > 0 && list[i].votes == list[i - 1].votes {
            list[i - 1].rank
        } else {
            u32::try_from(i + 1).unwrap_or(u32::MAX)
        };
    }
    Ok(list)
}
